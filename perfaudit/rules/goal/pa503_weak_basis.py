"""PA503: every 指标值确定依据 of a project is 年度工作计划."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import OUT, failing, passing, project
from ..vocab import compact


class WeakBasis(ProjectRule):
    code = "PA503"
    slug = "weak-basis"
    category = "weak_basis"
    severity = "info"
    opinion_scope = "department"
    department_zh = (
        "指标值确定依据：{projects}的指标值确定依据都是同一句空泛的话（{example}）：请逐项写明依据，"
        "计划标准写明具体的规划或计划，历史标准写上年实际值，成本指标写预算支出标准。"
    )
    department_en = (
        "Value basis: {projects} give one stock basis for every value ({example}): name each basis "
        "(a plan, last year's result, an industry standard, the budget expenditure standard)."
    )
    title_zh = "指标值确定依据单一空泛"
    title_en = "Value basis is boiler-plate"
    rationale = (
        "指标值确定依据应说明取值来源：计划标准、历史标准（上年或前三年平均）、行业标准、预算支出标准（成本指标）等。"
        "一个项目所有指标都写「年度工作计划」（或空泛的「工作计划」「经验」）说明没有测算依据。没有依据栏的式样（如上海）不检查。\n"
        "Every basis of the project is 年度工作计划 (or similar): cite historical, industry or budget standards instead. "
        "Layouts without a basis column are not checked."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十条（绩效标准：历史标准、行业标准、计划标准、财政部认可的其"
        "他标准） [U 未核实 unverified]"
    )
    message = (
        "全部 {n} 个指标的取值依据都是「{bases}」：请分别写明依据，如上年实际值、行业标准或预算支出标准。"
    )
    message_en = (
        "All {n} indicators cite '{bases}' as their basis: cite history, industry or budget standards."
    )
    examples = (
        passing(
            project(
                "干部教育培训经费",
                [
                    (OUT, "数量指标", "培训人次", "≥200 人次", None, "上年实际完成 186 人次"),
                    (OUT, "成本指标", "人均培训成本", "≤500 元/人", None, "差旅培训费管理办法"),
                ],
            )
        ),
        failing(
            project(
                "干部教育培训经费",
                [
                    (OUT, "数量指标", "培训人次", "≥200 人次", None, "年度工作计划"),
                    (OUT, "成本指标", "人均培训成本", "≤500 元/人", None, "年度工作计 划"),
                ],
            ),
            expect=[None],
        ),
    )

    def check(self, proj, ctx):
        bases = [compact(i.basis) for i in proj.indicators if i.basis is not None]
        if not bases or len(bases) < len(proj.indicators):
            return
        weak = set(ctx.lexicons.words("basis.weak"))
        if all(b in weak for b in bases):
            yield self.hit(proj, n=len(bases), bases="、".join(dict.fromkeys(bases)))
