"""Predicates several rules share, so that overlapping rules agree on what they see.

Where two rules would describe the same defect of one row, the more specific one owns it
and the other asks these predicates to stand back (e.g. a 成本 row's unit is PA301's, not
PA303's).  Each rule's docstring names the rows it leaves to others.
"""

from __future__ import annotations

import re

from .views import Indicator
from .vocab import Lexicons, compact, has_digit, is_percent, norm_name

_MEASURE_END = re.compile(r"(率|度|性|比例|占比)$")


def target_missing(ind: Indicator) -> bool:
    return ind.kind == "empty"


def is_graded(text: str | None, lex: Lexicons) -> bool:
    t = compact(text).strip("。.")
    return t in lex.words("vague.graded_values")


def target_repeats_name(ind: Indicator, lex: Lexicons) -> bool:
    """A "target" with no number that only repeats the name or a measure word (满意度 → 满意度)."""
    if target_missing(ind) or has_digit(ind.target) or ind.kind == "deadline":
        return False
    t, n = norm_name(ind.target), ind.name
    if not t or is_graded(t, lex) or t in lex.words("vague.target_words"):
        return False  # 提升 / 增强 alone are vague targets (PA321), not names
    if t == n or (len(t) >= 2 and t in n) or (len(n) >= 2 and n in t and len(t) - len(n) <= 4):
        return True
    if _MEASURE_END.search(t) and len(t) <= 6:
        return True  # 及时率 / 完善率 / 满意度: a measure's name where its value belongs
    from rapidfuzz import fuzz

    return fuzz.ratio(t, n) >= 80


def is_satisfaction_name(ind: Indicator, lex: Lexicons) -> bool:
    return lex.any_in("category.satisfaction_words", ind.name)


def ends_with_any(name: str, suffixes: tuple[str, ...] | list[str]) -> bool:
    return name.endswith(tuple(suffixes))


def is_rate_name(name: str, lex: Lexicons) -> bool:
    return ends_with_any(name, lex.words("names.rate_suffixes"))


def is_count_name(name: str, lex: Lexicons) -> bool:
    return ends_with_any(name, lex.words("names.count_suffixes")) and not is_rate_name(name, lex)


def is_generic(name: str, lex: Lexicons) -> bool:
    """Boiler-plate such as 综合事务保障率 / 活动完成率 / 资源消耗 (PA102)."""
    return bool(name) and lex.memo(_is_generic, name)


def _is_generic(name: str, lex: Lexicons) -> bool:
    measures = lex.words("generic.measures")
    if name in measures:
        return True
    rest = name
    for w in sorted(lex.words("generic.filler_words"), key=len, reverse=True):
        rest = rest.replace(w, "")
    return rest != name and (rest == "" or rest in measures)


def is_vague_name(name: str, lex: Lexicons) -> bool:
    """A slogan instead of a measure: 工作顺利开展, 提供优质服务, 助力社区发展 (PA320)."""
    return bool(name) and lex.memo(_is_vague_name, name)


def _is_vague_name(name: str, lex: Lexicons) -> bool:
    if any(p in name for p in lex.words("vague.names")):
        return True
    if name.startswith(lex.words("vague.leading_verbs")):
        return not any(m in name for m in lex.words("vague.measure_words"))
    return False


def is_output_like(ind: Indicator, lex: Lexicons) -> bool:
    """A benefit row whose name describes an output (完成率, 发放标准, 数量 …) (PA212)."""
    return bool(lex.regex("category.output_patterns").search(ind.name))


def is_cost_row(ind: Indicator) -> bool:
    return ind.dim2 == "成本"


def percent_unit(ind: Indicator, lex: Lexicons) -> bool:
    return ind.kind == "number" and is_percent(ind.unit, lex)


def project_year(proj) -> str | None:
    """The budget year a project's table is for (a 20xx年 in its title or fields, or its start date), if known."""
    import re

    texts = [proj.title or ""] + [str(v) for v in (proj.extra or {}).values()]
    for t in texts:
        m = re.search(r"(20\d{2})\s*(年|-\d{2}-)", t)
        if m:
            return m.group(1)
    return None


def deadline_example(proj) -> str:
    """A deadline pattern for messages, in the project's own year when it is known: 「2023年××月××日前」."""
    year = project_year(proj)
    return f"{year}年××月××日前" if year else "××月××日前"


def budget_yuan(proj) -> float | None:
    """The project's budget in 元 (None when unknown)."""
    if proj.budget_total is None:
        return None
    factor = {"万元": 10000.0, "千元": 1000.0, "元": 1.0}.get((proj.money_unit or "").strip(), None)
    return None if factor is None else float(proj.budget_total) * factor
