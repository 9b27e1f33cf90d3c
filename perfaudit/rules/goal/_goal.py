"""Shared reading of a project's goals for PA510–PA513."""

from __future__ import annotations

from ..vocab import compact


def total_goal(proj, lex) -> tuple[str, str] | None:
    """(field name, text) of the whole-period goal kept in the table's extra block, if any."""
    for key in lex.words("goal_check.total_goal_fields"):
        v = proj.extra.get(key)
        if isinstance(v, str) and v.strip():
            return key, v.strip()
    return None


def indicator_text(proj) -> str:
    """Everything the indicator rows say (names, values, descriptions), compacted."""
    return compact(" ".join(x for i in proj.indicators for x in (i.level3, i.target, i.description) if x))


def goal_text(proj) -> str:
    return compact(" ".join(x for x in (proj.goal, proj.use) if x))
