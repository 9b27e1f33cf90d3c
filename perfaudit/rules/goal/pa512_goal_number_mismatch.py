"""PA512: a count in the goal disagrees with the 数量 indicator of the same unit."""

from __future__ import annotations

import re

from ..base import ProjectRule
from ..examples import OUT, SAT, failing, passing, project
from ..vocab import compact, unit_key

_ROWS = [(OUT, "数量指标", "培训人次", "≥200 人次"), (SAT, "服务对象满意度指标", "参训学员满意度", "≥90%")]


def _unit(u: str | None) -> str:
    u = unit_key(u)
    return "人" if u in ("名", "人数") else u


class GoalNumberMismatch(ProjectRule):
    code = "PA512"
    slug = "goal-number-mismatch"
    category = "implausible_value"
    severity = "warning"
    title_zh = "目标中的数量与指标值不一致"
    title_en = "A number in the goal disagrees with the indicators"
    rationale = (
        "目标写明的数量（如「为23名编外人员」「全年培训200人次」）应与同一计量单位的数量指标一致。目标中某个单位"
        "（词表 goal_check.goal_count_units，「名」按「人」计）的数字与全部同单位数量指标的取值都不相同时提出；"
        "没有同单位的数量指标时不判断（缺指标由其他规则提出）。百分比、金额和时间（「1个工作日"
        "」「3个月」）不在此比较，「约」「以上」「左右」的数字也不比较。\n"
        "Counts in the goal (23 名, 200 人次) should agree with the 数量 rows of the same unit. Flagged when none of the "
        "rows of that unit carries the goal's number; percentages, money and time are not compared here."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「相应匹配」（绩效目标要与计划期"
        "内的任务数相对应） [U 未核实 unverified]"
    )
    thresholds = {}
    message = "目标写的是{goal_nums}，数量指标却是{row_nums}：目标与指标应一致，请核对后统一。"
    message_en = "The goal says {goal_nums} but the 数量 rows say {row_nums}: make them agree."
    examples = (
        passing(project("干部教育培训经费", _ROWS, goal="全年培训200人次，学员满意度不低于90%。")),
        passing(
            project("干部教育培训经费", _ROWS, goal="全年举办培训班4期，1个工作日内反馈，培训300人次以上。"),
            note="没有「期」的数量指标；「1个工作日」是时间；「300人次以上」是约数",
        ),
        failing(
            project("干部教育培训经费", _ROWS, goal="全年培训300人次，学员满意度不低于90%。"), expect=[None]
        ),
    )

    def check(self, proj, ctx):
        goal = compact(proj.goal)
        if not goal:
            return
        units = ctx.lexicons.words("goal_check.goal_count_units")
        pat = re.compile(
            r"(?<![\d.])(\d+(?:\.\d+)?)("
            + "|".join(map(re.escape, units))
            + r")(?!工作日|月|小时|季度|百分|以上|左右|多)"
        )
        said: dict[str, set[float]] = {}
        for num, unit in pat.findall(goal):
            said.setdefault(_unit(unit), set()).add(float(num))
        rows: dict[str, list] = {}
        for ind in proj.indicators:
            if ind.dim2 == "数量" and ind.kind == "number" and ind.value is not None:
                rows.setdefault(_unit(ind.unit), []).append(ind)
        for unit, values in said.items():
            have = rows.get(unit)
            if not have or any(i.value in values for i in have):
                continue
            yield self.hit(
                proj,
                goal_nums="、".join(f"{v:g}{unit}" for v in sorted(values)),
                row_nums="、".join(f"「{i.shown}」{i.target_text}" for i in have),
            )
