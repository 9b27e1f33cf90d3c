"""PA303: the unit does not fit the indicator name."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import (
    ends_with_any,
    is_cost_row,
    is_count_name,
    is_generic,
    is_rate_name,
    is_satisfaction_name,
    is_vague_name,
)
from ..examples import OUT, failing, passing, project
from ..vocab import is_percent


class UnitNameMismatch(IndicatorRule):
    code = "PA303"
    slug = "unit-name-mismatch"
    category = "unit_mismatch"
    severity = "warning"
    title_zh = "计量单位与指标名称不符"
    title_en = "Unit does not fit the indicator name"
    rationale = (
        "单位要与名称一致：以「率、比例、占比」结尾的指标用 %；以「数、人数、次数、面积」结尾的用计数或实物单位，不用 %；"
        "名称不是比率（如「网络安全稳定运行」「任务完成情况」）却写「≥95%」，看不出是什么的 95%。"
        "成本行（PA301）、时效行（PA302）、满意度（PA304）以及通用套话（PA102）和口号式名称（PA320）由各自规则处理。\n"
        "Rates take %, counts take count units, and a % on a name that is no rate measures nothing. Cost, timeliness, "
        "satisfaction, generic and slogan rows are left to their own rules."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「细化量化」（定量指标须有指标值和计量单位） [U 未"
        "核实 unverified]"
    )
    message_rate = (
        "「{ind.shown}」是比率，指标值却是「{ind.target_text}」（{unit}）：比率应以 % 表示，如「≥ X%」。"
    )
    message_rate_en = "'{ind.shown}' is a rate but its value is '{ind.target_text}': write it in %."
    message_count = (
        "「{ind.shown}」是数量，却以 % 表示（{ind.target_text}）：请写具体数量和单位，如「≥ N 人」。"
    )
    message_count_en = (
        "'{ind.shown}' is a count but is given in % ({ind.target_text}): give a number and unit."
    )
    message_percent = (
        "「{ind.shown}」不是比率，「{ind.target_text}」看不出是什么的百分比：请改为可计算的比率（如「"
        "××完成数÷应完成数 ≥ X%」）或具体数量。"
    )
    message_percent_en = (
        "'{ind.shown}' is not a rate, so '{ind.target_text}' measures nothing: name a computable rate or "
        "give a count."
    )
    examples = (
        passing(
            project(
                "干部教育培训经费",
                [
                    (OUT, "质量指标", "培训合格率", "≥95%"),
                    (OUT, "数量指标", "培训人数", "≥200 人"),
                    (OUT, "质量指标", "工资发放准确性", "=100%"),
                ],
            )
        ),
        failing(
            project(
                "跨省通办网络建设及设备费",
                [
                    (OUT, "质量指标", "网络数据平台建设任务完成情况", "≥95 百分比"),
                    (OUT, "数量指标", "培训人数", "≥95%"),
                    (OUT, "质量指标", "设备验收合格率", "≥20 台"),
                ],
            ),
            expect=["网络数据平台建设任务完成情况", "培训人数", "设备验收合格率"],
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        name = ind.name
        if not name or ind.kind != "number" or is_cost_row(ind) or ind.dim2 == "时效":
            return
        if is_satisfaction_name(ind, lex) or is_generic(name, lex) or is_vague_name(name, lex):
            return
        pct = is_percent(ind.unit, lex)
        if is_rate_name(name, lex) and not pct:
            yield self.hit(proj, ind, "message_rate", unit=ind.unit or "无单位")
        elif is_count_name(name, lex) and pct:
            yield self.hit(proj, ind, "message_count")
        elif (
            pct
            and not is_rate_name(name, lex)
            and not ends_with_any(name, lex.words("names.percent_ok_suffixes"))
        ):
            yield self.hit(proj, ind, "message_percent")
