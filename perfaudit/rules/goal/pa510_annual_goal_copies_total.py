"""PA510: the annual goal is the whole-period goal copied word for word."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import GOOD_ROWS, failing, passing, project
from ..vocab import compact
from ._goal import total_goal

_TOTAL = "建成后作为社区事务受理和文化活动场所，为周边居民提供便捷的社区服务。"


class AnnualGoalCopiesTotal(ProjectRule):
    code = "PA510"
    slug = "annual-goal-copies-total"
    category = "vague"
    severity = "warning"
    title_zh = "年度目标照抄项目总目标"
    title_en = "Annual goal copies the whole-period goal"
    rationale = (
        "填报表同时有「项目总目标」（实施期）和「年度总体目标」时，年度目标应写本年要完成的阶段性产出和效果（本年完成哪些、"
        "到什么程度）。两栏一字不差（或相似度不低于 min_similarity）说明没有本年度的里程碑，年度指标也就无从对照。"
        "只有年度目标一栏的式样（如河北）无从判断，不检查。\n"
        "When a table has both a whole-period goal and an annual goal, the annual goal should state this year's milestone. "
        "The two being the same (similarity ≥ min_similarity) means there is none. Layouts with one goal field are not checked."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第五条（绩效目标按时效分为中长期绩效目标和年度绩效目标；"
        "年度绩效目标是预算资金在一个预算年度内预期达到的产出和效果） [U 未核实 unverified]"
    )
    thresholds = {"min_similarity": 95, "min_chars": 8}
    message = (
        "年度总体目标与「{field}」相同：年度目标应写明本年度要完成的阶段性产出和效果（完成到什么程度），"
        "请据此重写并与年度指标对应。"
    )
    message_en = "The annual goal is the same as the '{field}': state this year's milestone instead."
    examples = (
        passing(
            project(
                "新建社区公共服务中心",
                GOOD_ROWS,
                goal="2023年完成主体结构封顶，完成投资410万元。",
                extra={"项目总目标": _TOTAL},
            )
        ),
        passing(project("干部教育培训经费", GOOD_ROWS), note="只有年度目标一栏"),
        failing(
            project("新建社区公共服务中心", GOOD_ROWS, goal=_TOTAL, extra={"项目总目标": _TOTAL}),
            expect=[None],
        ),
    )

    def check(self, proj, ctx):
        from rapidfuzz import fuzz

        found = total_goal(proj, ctx.lexicons)
        annual = compact(proj.goal)
        if not found or len(annual) < ctx.t("min_chars"):
            return
        field, total = found
        if fuzz.ratio(annual, compact(total)) >= ctx.t("min_similarity"):
            yield self.hit(proj, field=field)
