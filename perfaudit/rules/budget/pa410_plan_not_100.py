"""PA410: the spending plan does not rise to 100%."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import GOOD_ROWS, failing, passing, project
from ._plan import plan_values


def _plan(*vals):
    labels = ["3月底", "6月底", "9月底", "12月底"]
    return [{"label": labels[i], "value": f"{v}%"} for i, v in enumerate(vals)]


class PlanNot100(ProjectRule):
    code = "PA410"
    slug = "plan-not-100"
    category = "plan_schedule"
    severity = "error"
    title_zh = "资金支出计划未累计到 100%"
    title_en = "Spending plan does not reach 100%"
    rationale = (
        "资金支出计划是按时间节点的累计支出进度，应逐期不减并在最后一期达到 100%；达不到说明年度预算支不完，"
        "倒退说明填的不是累计数。\n"
        "The cumulative spending plan must never decrease and must end at 100%."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十七条 可行性审核（资金支出计划是否可行） [U 未核实 u"
        "nverified]；国家文件未规定支出进度格式，单位可在配置 local_basis 中写明本地要求"
    )
    message_decreases = "资金支出计划 {plan} 出现下降：应填写逐期累计的支出进度，最后一期为 100%。"
    message_decreases_en = "Spending plan {plan} decreases: give cumulative percentages ending at 100%."
    message_end = "资金支出计划 {plan} 最后一期不是 100%：年底累计支出进度应为 100%。"
    message_end_en = "Spending plan {plan} does not end at 100%."
    examples = (
        passing(project("干部教育培训经费", GOOD_ROWS, plan=_plan(10, 40, 70, 100))),
        failing(project("干部教育培训经费", GOOD_ROWS, plan=_plan(25, 50, 75, 90)), expect=[None]),
        failing(
            project("干部教育培训经费", GOOD_ROWS, plan=_plan(25, 50, 25, 100)),
            expect=[None],
            note="不是累计数",
        ),
    )

    def check(self, proj, ctx):
        vals = plan_values(proj.plan)
        if not vals:
            return
        shown = " → ".join(f"{v:g}%" for v in vals)
        if any(b < a for a, b in zip(vals, vals[1:], strict=False)):
            yield self.hit(proj, None, "message_decreases", plan=shown)
        elif abs(vals[-1] - 100) > 0.5:
            yield self.hit(proj, None, "message_end", plan=shown)
