"""Money helpers shared by PA420–PA422 and PA513: the budget and the cost rows in yuan."""

from __future__ import annotations

import re

from ..vocab import compact, is_money, money_factor, unit_key

PER_UNIT = re.compile(
    r"人均|户均|单个|单项|单位|单价|单台|单套|单件|每台|每套|每件|平均|每个|每人|每户|每场|每次|每项|每家|每期|每平方米|场均|次均|/"
)


def budget_yuan(proj) -> float | None:
    """The project's total budget in yuan (Hebei tables state 万元 without saying so)."""
    f = money_factor(proj.money_unit or "万元") if proj.money_unit or proj.layout == "hebei" else None
    return proj.budget_total * f if proj.budget_total is not None and f else None


def row_yuan(ind) -> float | None:
    """A money row's value in yuan (元/人 counts as 元), else None."""
    if ind.kind != "number" or ind.value is None:
        return None
    f = money_factor(unit_key(ind.unit).split("/")[0])
    return ind.value * f if f else None


def is_unit_cost(ind, lex) -> bool:
    """元/人, 人均…, 单个…: a cost per item, not a total."""
    return "/" in unit_key(ind.unit) or bool(PER_UNIT.search(compact(ind.level3)))


def cost_rows(proj, lex) -> list:
    """成本 rows stated in money (totals and unit costs)."""
    return [i for i in proj.indicators if i.dim2 == "成本" and i.kind == "number" and is_money(i.unit, lex)]
