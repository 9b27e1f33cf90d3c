"""PA502: the indicator description only repeats the name."""

from __future__ import annotations

from ..base import IndicatorRule
from ..examples import OUT, failing, passing, project
from ..vocab import norm_name


class DescriptionRepeats(IndicatorRule):
    code = "PA502"
    slug = "description-repeats"
    category = "description_repeats"
    severity = "info"
    title_zh = "指标解释只重复指标名称"
    title_en = "Description only repeats the name"
    rationale = (
        "绩效指标描述（指标解释）应说明定量指标的计算方法或统计口径、定性指标的衡量内容和方法；只重复名称（或名称的一部分、"
        "名称加「情况」之类少量字）没有提供任何信息。没有描述栏的式样（如上海）不检查。\n"
        "The description should give the formula or scope; one that repeats (part of) the name adds nothing. "
        "Layouts without a description column are not checked."
    )
    citation = (
        "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》附件2 指标表模板（指标解释：定"
        "量指标的计算方法、定性指标的衡量内容） [U 未核实 unverified]；财预〔2015〕88号《中央部门预算绩"
        "效目标管理办法》第十一条「细化量化」 [U 未核实 unverified]"
    )
    thresholds = {"min_similarity": 80, "max_extra_chars": 6}
    opinion_scope = "department"
    department_zh = (
        "指标解释：{projects}共 {rows} 条指标的「绩效指标描述」只重复了指标名称：请写明定量指标的计算方法或统计口径"
        "（如「××完成数÷应完成数×100%」）、定性指标的衡量内容和方法。"
    )
    department_en = (
        "Descriptions: {rows} indicators of {projects} only repeat their names: give the formula or scope "
        "of each quantitative indicator and what and how a qualitative one measures."
    )
    message = (
        "指标「{ind.shown}」的描述「{ind.description}」只重复了名称：请写明计算方法或统计口径，如「"
        "按时完成事项数÷应完成事项数×100%」。"
    )
    message_en = "The description of '{ind.shown}' only repeats the name: give the formula or scope."
    examples = (
        passing(
            project(
                "干部教育培训经费", [(OUT, "质量指标", "培训合格率", "≥95%", "考核合格人数÷参训人数×100%")]
            )
        ),
        passing(
            project("干部教育培训经费", [(OUT, "质量指标", "培训合格率", "≥95%", None)]), note="没有描述栏"
        ),
        failing(
            project(
                "干部教育培训经费",
                [
                    (OUT, "质量指标", "工资发放精准性", "=100%", "工资发放精准性"),
                    (OUT, "时效指标", "网络安全建设正式运行时间", "1 年", "正式运行时间"),
                ],
            ),
            expect=["工资发放精准性", "网络安全建设正式运行时间"],
        ),
    )

    def check(self, ind, proj, ctx):
        from rapidfuzz import fuzz

        if ind.description is None or not ind.name:
            return
        d, n = norm_name(ind.description), ind.name
        if not d:
            return
        repeats = (
            d == n
            or (len(d) >= 2 and d in n)
            or (n in d and len(d) - len(n) <= ctx.t("max_extra_chars"))
            or fuzz.ratio(d, n) >= ctx.t("min_similarity")
        )
        if repeats:
            yield self.hit(proj, ind)
