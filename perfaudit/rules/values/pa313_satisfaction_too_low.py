"""PA313: a satisfaction target below the accepted minimum."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_satisfaction_name, percent_unit
from ..examples import SAT, failing, passing, project


class SatisfactionTooLow(IndicatorRule):
    code = "PA313"
    slug = "satisfaction-too-low"
    category = "implausible_value"
    severity = "error"  # far below the usual floor: reviewers send it back
    title_zh = "满意度目标过低"
    title_en = "Satisfaction target too low"
    rationale = (
        "满意度目标低于 min_percent（默认 60%）等于承认多数服务对象不满意，不能作为绩效目标；实际表格多用 90%–95%。\n"
        "A satisfaction target below min_percent (60%) accepts that most people are unsatisfied; real tables use 90–95%."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「合理可行」 [U 未核实 unverified]；国"
        "家文件未规定满意度下限，默认 60% 为本工具取值，单位应在配置中按本地办法设定（thresholds.PA313."
        "min_percent、local_basis）"
    )
    thresholds = {"min_percent": 60}
    message = (
        "满意度「{ind.shown}」目标只有「{ind.target_text}」，低于 {min_percent}%：请设为「≥90%」"
        "左右的合理水平。"
    )
    message_en = (
        "Satisfaction '{ind.shown}' target '{ind.target_text}' is below {min_percent}%: use about ≥90%."
    )
    examples = (
        passing(project("社区环境整治", [(SAT, "服务对象满意度指标", "市容环境满意度", "≥90%")])),
        failing(
            project("社区环境整治", [(SAT, "服务对象满意度指标", "市容环境满意度", "不低于50%")]),
            expect=["市容环境满意度"],
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        if is_satisfaction_name(ind, lex) and percent_unit(ind, lex) and ind.value is not None:
            if ind.value < ctx.t("min_percent") and ind.operator not in ("≤", "<"):
                yield self.hit(proj, ind, min_percent=ctx.t("min_percent"))
