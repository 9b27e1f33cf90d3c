"""PA102: boiler-plate indicator that fits any project."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_generic
from ..examples import BEN, OUT, SAT, failing, passing, project


class GenericIndicator(IndicatorRule):
    code = "PA102"
    slug = "generic-indicator"
    category = "irrelevant_indicator"
    severity = "warning"
    title_zh = "通用空洞指标"
    title_en = "Generic boiler-plate indicator"
    rationale = (
        "「综合事务保障率」「综合利用率」「活动完成率」「资源消耗」这类指标去掉「综合、事务、工作、活动」等填充词后只剩"
        "一个计量词，不指向本项目的任何具体产出，放在哪个项目上都一样，无法考核。应写明对象，如「评审项目按时完成率」。\n"
        "After removing filler words (综合, 事务, 工作, 活动 …) only a bare measure is left (保障率, 完成率, 利用率): "
        "the indicator says nothing about this project."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「指向明确」（绩效目标要与项目支出内容紧密相关） [U"
        " 未核实 unverified]"
    )
    message = (
        "指标「{ind.shown}」是通用套话，未指明本项目的具体产出或效果：请写明考核对象，如「××（"
        "本项目的具体事项）完成数 ≥ N 项」「××按时完成率 ≥ X%」。"
    )
    message_en = "'{ind.shown}' is boiler-plate that fits any project: name what this project delivers."
    examples = (
        passing(
            project(
                "政府采购评审费",
                [
                    (OUT, "质量指标", "评审项目按时完成率", "=100%"),
                    (BEN, "经济效益指标", "政府采购资金节约率", "≥3%"),
                ],
            )
        ),
        failing(
            project(
                "政府采购评审费",
                [
                    (OUT, "数量指标", "综合事务保障率", "≥95%"),
                    (BEN, "经济效益指标", "综合利用率", "≥95%"),
                    (SAT, "服务对象满意度指标", "活动完成率", "≥95%"),
                ],
            ),
            expect=["综合事务保障率", "综合利用率", "活动完成率"],
        ),
    )

    def check(self, ind, proj, ctx):
        if is_generic(ind.name, ctx.lexicons):
            yield self.hit(proj, ind)
