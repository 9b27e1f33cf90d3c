"""PA305: a quantity indicator without a number."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_graded, target_missing, target_repeats_name
from ..examples import OUT, failing, passing, project


class QuantityNotNumber(IndicatorRule):
    code = "PA305"
    slug = "quantity-not-number"
    category = "unit_mismatch"
    severity = "warning"
    title_zh = "数量指标没有数值"
    title_en = "Quantity indicator without a number"
    rationale = (
        "数量指标必须是可以计数的数值和单位（=300 场、≥120 人次）；「卫生整洁、内部安全有序」「居民区全覆盖」这类文字不是数量。"
        "指标值只重复名称的行由 PA013 处理。\n"
        "A 数量 row needs a number and a unit; text such as 卫生整洁 is no quantity (name-repeating targets are PA013's)."
    )
    citation = "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「细化量化」 [U 未核实 unverified]"
    message = (
        "数量指标「{ind.shown}」的指标值「{ind.target_text}」没有数值：请写具体数量和单位，如「≥ N 个（场、"
        "人次）」。"
    )
    message_en = (
        "Quantity indicator '{ind.shown}' = '{ind.target_text}' has no number: give a count and unit."
    )
    examples = (
        passing(project("公共服务设施运行经费", [(OUT, "数量指标", "开展活动场次", "=300 场")])),
        failing(
            project(
                "公共服务设施运行经费", [(OUT, "数量指标", "环境卫生及保安服务", "卫生整洁、内部安全有序")]
            ),
            expect=["环境卫生及保安服务"],
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        if ind.dim2 != "数量" or ind.kind not in ("qualitative",) or target_missing(ind):
            return
        if target_repeats_name(ind, lex) or is_graded(ind.target, lex):
            return
        yield self.hit(proj, ind)
