"""PA511: an activity or cost item the goal names has no indicator."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import OUT, SAT, failing, passing, project
from ._goal import goal_text, indicator_text

_GOAL = "为文化中心提供保洁及保安服务，通过租赁解决街道办公用房紧张的问题。"


class GoalActivityUncovered(ProjectRule):
    code = "PA511"
    slug = "goal-activity-uncovered"
    category = "missing_category"
    severity = "warning"
    title_zh = "目标所列工作没有对应指标"
    title_en = "An activity named in the goal has no indicator"
    rationale = (
        "绩效指标是绩效目标的细化和量化：目标（或资金用途）写到的每一项工作或支出（租赁办公用房、保洁保安、防汛防台、"
        "垃圾分类……）都应至少有一条指标说明做多少、做到什么程度。词表 goal_check.activities（每项一组同义词）列出要对照的"
        "工作；目标提到而指标名称、指标值和指标解释都没有提到的，合并成一条提出。\n"
        "Indicators detail the goal: every activity or cost item the goal (or 资金用途) names — rent, cleaning and security, "
        "flood control, waste sorting … (lexicon goal_check.activities) — should have at least one indicator."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标是绩效目标的细化和量化描述）、第十一条"
        "「相应匹配」 [U 未核实 unverified]"
    )
    thresholds = {}
    message = (
        "目标（或资金用途）写到{missing}，但没有一条指标与之对应：请为每项工作补充数量、质量或成本指标。"
    )
    message_en = "The goal names {missing_en} but no indicator covers it: add one for each."
    examples = (
        passing(
            project(
                "社区公共服务设施运行经费",
                [
                    (OUT, "数量指标", "保洁保安服务面积", "≥3000 平方米"),
                    (OUT, "成本指标", "办公用房年租金", "≤80 万元"),
                    (SAT, "服务对象满意度指标", "工作人员满意度", "≥90%"),
                ],
                goal=_GOAL,
            )
        ),
        failing(
            project(
                "社区公共服务设施运行经费",
                [
                    (OUT, "数量指标", "保洁保安服务面积", "≥3000 平方米"),
                    (SAT, "服务对象满意度指标", "工作人员满意度", "≥90%"),
                ],
                goal=_GOAL,
            ),
            expect=[None],
            note="租赁没有指标",
        ),
    )

    def check(self, proj, ctx):
        goal = goal_text(proj)
        if not goal or not proj.indicators:
            return
        covered = indicator_text(proj)
        missing = []
        for group in ctx.lexicons.patterns("goal_check.activities"):
            m = group.search(goal)
            said = m.group(0) if m else None
            if said and not group.search(covered):
                missing.append(said)
        if missing:
            yield self.hit(
                proj, missing="、".join(f"「{m}」" for m in missing), missing_en=", ".join(missing)
            )
