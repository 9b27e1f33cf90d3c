"""PA705: a count or a 及时率 filed under 质量."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_count_name
from ..examples import OUT, failing, passing, project
from ..vocab import compact, is_count_unit, is_percent


class MisplacedUnderQuality(IndicatorRule):
    code = "PA705"
    slug = "misplaced-under-quality"
    category = "misclassified"
    severity = "warning"
    title_zh = "数量或时效指标放在质量指标下"
    title_en = "A count or timeliness indicator under 质量"
    rationale = (
        "质量指标衡量做得好不好（合格率、达标率、准确率）。放在质量下的人次、场次、个数等计数是数量指标；"
        "「及时率」「按时完成率」之类是时效指标。计数为 0 或用 ≤ 的差错、投诉数是质量的反面度量，不提出。\n"
        "质量 measures how well. A count (人次, 场, 个) under 质量 is a 数量 indicator; a 及时率 is a 时效 one. "
        "Defect counts (=0, ≤) are legitimate quality measures."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（数量指标反映预期提供的公共产品和服务数量，质量指标反映"
        "质量标准，时效指标反映及时程度和效率情况） [U 未核实 unverified]"
    )
    thresholds = {}
    message_timely = "「{ind.shown}」衡量的是及时程度，应放在时效指标下。"
    message_timely_en = "'{ind.shown}' measures timeliness: file it under 时效."
    message_count = (
        "「{ind.shown}」{ind.target_text} 是计数，应放在数量指标下；质量指标请写合格率、达标率等。"
    )
    message_count_en = "'{ind.shown}' is a count: file it under 数量 and give a quality rate under 质量."
    examples = (
        passing(
            project(
                "社区活动经费",
                [
                    (OUT, "质量指标", "活动设施完好率", "≥95%"),
                    (OUT, "质量指标", "评审结果被投诉并查实数", "=0 个"),
                ],
            )
        ),
        failing(
            project(
                "各类工作经费",
                [
                    (OUT, "质量指标", "中心全年活动人次", "=5.00(万人次)"),
                    (OUT, "质量指标", "维修处理及时率", "≥95%"),
                ],
            ),
            expect=["中心全年活动人次", "维修处理及时率"],
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        if ind.dim2 != "质量" or not ind.level3:  # a blank name is PA011's
            return
        name = compact(ind.level3)
        timely = any(w in name for w in ("及时", "按时", "准时", "如期", "按期"))
        count = (
            ind.kind == "number"
            and is_count_unit(ind.unit, lex)
            and not is_percent(ind.unit, lex)
            or (ind.kind == "number" and is_count_name(ind.name, lex) and not is_percent(ind.unit, lex))
        )
        if count and (ind.value == 0 or ind.operator in ("≤", "<")):
            count = False
        if timely:
            yield self.hit(proj, ind, "message_timely")
        elif count:
            yield self.hit(proj, ind, "message_count")
