"""PA013: the target only repeats the indicator name or a measure word."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import target_repeats_name
from ..examples import OUT, SAT, failing, passing, project


class TargetRepeatsName(IndicatorRule):
    code = "PA013"
    slug = "target-repeats-name"
    category = "missing_value"
    severity = "error"
    title_zh = "指标值只重复指标名称"
    title_en = "Target only repeats the indicator name"
    rationale = (
        "「满意度」→「满意度」、「完工及时率」→「及时率」、「做好××建设」→「做好××建设」：指标值栏写的是名称而不是数值，"
        "等于没有目标值，年底无法判断是否完成。\n"
        "A target cell that repeats the name (满意度 → 满意度) or holds a bare measure word (及时率) sets no value."
    )
    citation = "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「细化量化」 [U 未核实 unverified]"
    message = (
        "指标「{ind.shown}」的指标值「{ind.target_text}」只是名称，没有目标值：请写成「≥ X%」或「≥ N 个（"
        "项、人次）」。"
    )
    message_en = (
        "The target '{ind.target_text}' of '{ind.shown}' only repeats a name: write a value such as ≥ X%."
    )
    examples = (
        passing(
            project(
                "社区公共服务中心建设",
                [(OUT, "时效指标", "完工及时率", "=100%"), (SAT, "服务对象满意度指标", "居民满意度", "≥90%")],
            )
        ),
        failing(
            project(
                "社区公共服务中心建设",
                [
                    (OUT, "时效指标", "完工及时率", "及时率"),
                    (SAT, "服务对象满意度指标", "居民满意度", "满意度"),
                    (OUT, "数量指标", "做好示范城区建设", "做好示范城区建设"),
                ],
            ),
            expect=["完工及时率", "居民满意度", "做好示范城区建设"],
        ),
    )

    def check(self, ind, proj, ctx):
        if target_repeats_name(ind, ctx.lexicons):
            yield self.hit(proj, ind)
