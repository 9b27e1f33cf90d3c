"""PA411: the same mechanical spending plan on most projects of a submission."""

from __future__ import annotations

import re

from ..base import FileRule
from ..examples import GOOD_ROWS, failing, passing, project
from ._plan import plan_values
from .pa410_plan_not_100 import _plan


class PlanMechanical(FileRule):
    code = "PA411"
    slug = "plan-mechanical"
    category = "plan_schedule"
    severity = "info"
    title_zh = "支出计划机械均分"
    title_en = "Mechanical spending plan"
    rationale = (
        "一个文件中至少 min_share（默认 80%）、且不少于 min_projects 个项目的资金支出计划完全相同（如 25%/50%/75%/100%），"
        "说明支出进度是套用的，没有按各项目的实际付款节点填写。提示性意见。\n"
        "Most projects of a submission share one identical spending plan (e.g. 25/50/75/100): the schedule is a default, "
        "not each project's payment pattern. Advisory.\n"
        "工资、社保和运转类项目（名称或资金用途含工资、保险、社保、运转、劳务派遣等）按月支付，均分是对的，不报。"
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十七条 可行性审核（资金支出计划是否可行） [U 未核实 u"
        "nverified]；机械均分的判断为审核实务"
    )
    thresholds = {"min_share": 0.8, "min_projects": 3}
    opinion_scope = "department"
    department_zh = (
        "资金支出计划：{projects}的支出进度都填成同一个机械均分的计划，没有按各项目的实际付款节点填写："
        "请按合同、采购和活动安排填写；工资、社保和日常运转等按月支付的项目均衡支出属正常，不在此列。"
    )
    department_en = (
        "Spending plans: {projects} share one mechanical even plan instead of their payment dates; "
        "wage, social-insurance and running-cost projects, paid monthly, are rightly even."
    )
    message = (
        "本文件 {total} 个项目中有 {n} 个的资金支出计划都是 {plan}：请按本项目实际付款节点填写支出进度。"
    )
    message_en = (
        "{n} of {total} projects share the spending plan {plan}: use this project's payment schedule."
    )
    examples = (
        passing(
            project("A 项目", GOOD_ROWS, code="A", plan=_plan(25, 50, 75, 100)),
            project("B 项目", GOOD_ROWS, code="B", plan=_plan(0, 30, 60, 100)),
            project("C 项目", GOOD_ROWS, code="C", plan=_plan(10, 20, 90, 100)),
        ),
        failing(
            project("A 项目", GOOD_ROWS, code="A", plan=_plan(25, 50, 75, 100)),
            project("B 项目", GOOD_ROWS, code="B", plan=_plan(25, 50, 75, 100)),
            project("C 项目", GOOD_ROWS, code="C", plan=_plan(25, 50, 75, 100)),
            project("人员工资", GOOD_ROWS, code="D", plan=_plan(25, 50, 75, 100), use="保障人员工资福利"),
            expect=[None, None, None],
            note="the wage project is paid monthly: its even plan is right",
        ),
    )

    def check(self, sub, ctx):
        vectors = {id(p): tuple(plan_values(p.plan)) for p in sub.projects}
        with_plan = [p for p in sub.projects if vectors[id(p)]]
        if len(with_plan) < ctx.t("min_projects"):
            return
        counts: dict[tuple, int] = {}
        for p in with_plan:
            counts[vectors[id(p)]] = counts.get(vectors[id(p)], 0) + 1
        vec, n = max(counts.items(), key=lambda kv: kv[1])
        if n < ctx.t("min_projects") or n / len(with_plan) < ctx.t("min_share"):
            return
        shown = "/".join(f"{v:g}%" for v in vec)
        for p in with_plan:
            if vectors[id(p)] == vec and not _paid_monthly(p):
                yield self.hit(p, total=len(with_plan), n=n, plan=shown)


_MONTHLY = re.compile(r"工资|薪酬|保险|社保|公积金|运转|劳务派遣|人员经费")


def _paid_monthly(p) -> bool:
    """Wage, social-insurance and running-cost projects: paid monthly, an even plan is right for them."""
    return bool(_MONTHLY.search(" ".join(x for x in (p.name, p.use) if x)))
