"""PA401: 财政资金 + 其他资金 ≠ 预算数."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import GOOD_ROWS, failing, passing, project


def fmt(v: float | None) -> str:
    return "空" if v is None else f"{v:,.2f}"


class BudgetSum(ProjectRule):
    code = "PA401"
    slug = "budget-sum"
    category = "budget_arithmetic"
    severity = "error"
    title_zh = "预算数不等于财政资金与其他资金之和"
    title_en = "Fiscal + other funds ≠ budget total"
    rationale = (
        "预算数（项目资金总额）应等于其中财政资金与其他资金之和（其他资金空白按 0 计）；不等说明金额填错，"
        "预算与绩效目标无法对应。容差 tolerance（默认 0.01，按表上的金额单位）。\n"
        "Budget total must equal fiscal + other funds (blank other = 0), within tolerance."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十七条 完整性审核（资金来源、金额填报是否完整准确） [U "
        "未核实 unverified]；财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「相应匹配」 [U 未"
        "核实 unverified]"
    )
    thresholds = {"tolerance": 0.01}
    message = "预算数 {total}{u} 不等于财政资金 {fiscal} 与其他资金 {other} 之和 {sum}：请核对金额。"
    message_en = "Budget total {total} {u} ≠ fiscal {fiscal} + other {other} = {sum}: check the amounts."
    examples = (
        passing(
            project("干部教育培训经费", GOOD_ROWS, budget_total=10.0, budget_fiscal=8.0, budget_other=2.0)
        ),
        failing(
            project("干部教育培训经费", GOOD_ROWS, budget_total=10.0, budget_fiscal=8.0, budget_other=None),
            expect=[None],
        ),
    )

    def check(self, proj, ctx):
        total, fiscal, other = proj.budget_total, proj.budget_fiscal, proj.budget_other
        if total is None or fiscal is None:
            return
        s = fiscal + (other or 0.0)
        if abs(s - total) > ctx.t("tolerance"):
            yield self.hit(
                proj,
                total=fmt(total),
                fiscal=fmt(fiscal),
                other=fmt(other),
                sum=fmt(s),
                u=proj.money_unit or "",
            )
