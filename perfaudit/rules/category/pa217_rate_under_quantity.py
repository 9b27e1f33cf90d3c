"""PA217: a rate under 数量指标."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_rate_name, percent_unit
from ..examples import OUT, failing, passing, project


class RateUnderQuantity(IndicatorRule):
    code = "PA217"
    slug = "rate-under-quantity"
    category = "misclassified"
    severity = "warning"
    title_zh = "数量指标填成了比率"
    title_en = "A rate under 数量指标"
    rationale = (
        "数量指标应是绝对数（人次、个、场、平方米）；「完成率」「保障率」等比率属于质量或时效。覆盖率、普及率等"
        "覆盖型比率可以作为数量（词表 category.quantity_rate_ok）。\n"
        "数量 rows are counts; rates such as 完成率 belong to quality or timeliness (coverage rates excepted).\n"
        "比率是项目唯一的数量指标时（等于没有数量指标），退回（错误）；否则为警告。"
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标包括产出指标〔数量、质量、时效、成本〕、效益指"
        "标〔经济、社会、生态效益，可持续影响〕和满意度指标） [U 未核实 unverified]（数量指标反映预期提供的公"
        "共产品和服务数量）"
    )
    message = (
        "数量指标「{ind.shown}」是比率而不是数量：请写本年度产出的绝对数，如「××数量 ≥ N 件（人次、个）」，"
        "比率类放到质量或时效指标。"
    )
    message_en = (
        "Quantity indicator '{ind.shown}' is a rate: give an absolute count; rates go under quality or "
        "timeliness."
    )
    message_only = (
        "数量指标「{ind.shown}」是比率而不是数量，本项目实际没有数量指标：请写本年度产出的绝对数，如「"
        "××数量 ≥ N 件（人次、个）」，比率类放到质量或时效指标。"
    )
    message_only_en = (
        "Quantity indicator '{ind.shown}' is a rate: give an absolute count; rates go under quality or "
        "timeliness."
    )
    examples = (
        passing(
            project(
                "就业援助基地补贴",
                [
                    (OUT, "数量指标", "补贴对象审核人数", "≥300 人"),
                    (OUT, "数量指标", "困难群众覆盖率", "≥90%"),
                ],
            )
        ),
        failing(
            project("就业援助基地补贴", [(OUT, "数量指标", "补贴对象申请审核完成率", "=100.00(%)")]),
            expect=["补贴对象申请审核完成率"],
            note="唯一的数量指标是比率：错误",
        ),
        failing(
            project(
                "就业援助基地补贴",
                [
                    (OUT, "数量指标", "补贴对象审核人数", "≥300 人"),
                    (OUT, "数量指标", "补贴对象申请审核完成率", "=100.00(%)"),
                ],
            ),
            expect=["补贴对象申请审核完成率"],
            note="另有数量指标：警告",
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        if ind.dim2 != "数量" or not ind.name:
            return
        if any(w in ind.name for w in lex.words("category.quantity_rate_ok")):
            return
        if is_rate_name(ind.name, lex) or percent_unit(ind, lex):
            only = all(i is ind or i.dim2 != "数量" for i in proj.indicators)
            yield self.hit(
                proj, ind, "message_only" if only else "message", severity="error" if only else None
            )
