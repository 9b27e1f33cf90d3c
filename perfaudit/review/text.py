"""The wording of 意见: row references, folded rows, rewrite and 总体意见 texts.

Rule codes and severities never appear here: they stay in the CSV/JSON columns.
"""

from __future__ import annotations

from .. import i18n
from ..models import Finding


def row_list(rows: list[int], lang: str = "zh") -> str:
    """[4, 5, 6, 9] -> "4–6、9" ("4–6, 9" in English)."""
    runs: list[list[int]] = []
    for r in sorted(set(rows)):
        if runs and r == runs[-1][-1] + 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    sep = ", " if i18n.norm_lang(lang) == "en" else "、"
    return sep.join(f"{x[0]}–{x[-1]}" if len(x) > 2 else sep.join(map(str, x)) for x in runs)


def quoted(names: list[str], lang: str = "zh", limit: int = 4) -> str:
    names = list(dict.fromkeys(n for n in names if n))
    if i18n.norm_lang(lang) == "en":
        shown = ", ".join(f"'{n}'" for n in names[:limit])
        return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
    shown = "".join(f"「{n}」" for n in names[:limit])
    return shown + (f"等 {len(names)} 项" if len(names) > limit else "")


def message(f: Finding, lang: str) -> str:
    text = (f.message_en or f.message) if i18n.norm_lang(lang) == "en" else f.message
    return (text or "").strip()


def rows_text(lead: Finding, rows: list[int], others: list[Finding], lang: str) -> str:
    """One 意见 about rows: "第4–6行：<lead message>" plus where the same problem recurs."""
    body = message(lead, lang)
    if not rows:
        return body
    prefix = i18n.t("review.rows_prefix", lang, rows=row_list(rows, lang))
    extra = ""
    same_name = sorted(
        {
            f.indicator_row
            for f in others
            if f.indicator_row is not None and _norm(f.level3) == _norm(lead.level3)
        }
        - {lead.indicator_row}
    )
    other_names = [f.level3 for f in others if _norm(f.level3) != _norm(lead.level3)]
    if same_name:
        places = [f.level2 for f in others if f.indicator_row in same_name and f.level2]
        extra += i18n.t(
            "review.repeated",
            lang,
            rows=row_list(same_name, lang),
            places=quoted(list(dict.fromkeys(places)), lang),
        )
    if other_names:
        extra += i18n.t("review.same_problem", lang, names=quoted(other_names, lang))
    return prefix + body + extra


def _norm(name: str | None) -> str:
    import re

    return re.sub(r"[\s()（）\"“”「」]", "", name or "")


def projects_list(numbers: list[int], lang: str = "zh") -> str:
    return i18n.t("review.projects", lang, numbers=row_list(numbers, lang), n=len(set(numbers)))
