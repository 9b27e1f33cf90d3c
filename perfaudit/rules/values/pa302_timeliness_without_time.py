"""PA302: a timeliness indicator without a time measure."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import deadline_example, ends_with_any, is_graded, target_missing, target_repeats_name
from ..examples import OUT, failing, passing, project
from ..vocab import is_percent, is_time_unit


class TimelinessWithoutTime(IndicatorRule):
    code = "PA302"
    slug = "timeliness-without-time"
    category = "unit_mismatch"
    severity = "error"
    title_zh = "时效指标没有时间"
    title_en = "Timeliness indicator without a time"
    rationale = (
        "时效指标应是完成期限（2022年11月30日前）、时长（≤5 个工作日）或按时类比率（按时完成率"
        " =100%，名称须含及时/按时等并以率/性结尾）。"
        "「正式运行截止时间 ≥95 百分比」「工资发放及时性 ≥100 按规定时间发放」「是否按时完成 ≥95%」都没有给出时间。\n"
        "A 时效 row needs a deadline, a duration, or an on-time rate (name with 及时/按时 … ending in 率/性) in %."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标包括产出指标〔数量、质量、时效、成本〕、效益指"
        "标〔经济、社会、生态效益，可持续影响〕和满意度指标） [U 未核实 unverified]（时效指标反映预期提供产品"
        "和服务的及时程度和效率情况）"
    )
    message = (
        "时效指标「{ind.shown}」的指标值「{ind.target_text}」不是时间：请写完成期限（如「{deadline}」）、"
        "时长（如「≤ N 个工作日」）或按时完成率（如「××按时完成率 ≥ X%」）。"
    )
    message_en = (
        "Timeliness indicator '{ind.shown}' = '{ind.target_text}' gives no time: use a deadline, a "
        "duration or an on-time rate."
    )
    examples = (
        passing(
            project(
                "干部教育培训经费",
                [
                    (OUT, "时效指标", "培训完成时间", "2022年11月30日前"),
                    (OUT, "时效指标", "工资按时发放率", "=100%"),
                    (OUT, "时效指标", "审批办理时限", "≤5 工作日"),
                ],
            )
        ),
        failing(
            project(
                "个体工商户业务办理经费",
                [
                    (OUT, "时效指标", "网络安全建设正式运行时间", "≥95 百分比"),
                    (OUT, "时效指标", "工资发放及时性", "≥100 按规定时间发放"),
                    (OUT, "时效指标", "是否按时完成", "≥95 百分比"),
                ],
            ),
            expect=["网络安全建设正式运行时间", "工资发放及时性", "是否按时完成"],
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        if ind.dim2 != "时效" or target_missing(ind) or target_repeats_name(ind, lex):
            return
        if ind.kind == "deadline":
            return
        if ind.kind == "number":
            if is_time_unit(ind.unit, lex):
                return
            timely = any(w in ind.name for w in lex.words("names.time_rate_patterns"))
            rate = ends_with_any(ind.name, (*lex.words("names.rate_suffixes"), "性"))
            if is_percent(ind.unit, lex) and timely and rate:
                return
        elif is_graded(ind.target, lex):
            return
        yield self.hit(proj, ind, deadline=deadline_example(proj))
