"""The rules catalogue.

Rules live one per file in family packages (``perfaudit/rules/<family>/paNNN_<slug>.py``)
and are discovered here (each subclasses one scope class of :mod:`perfaudit.rules.base`; see
docs/adding-a-rule.md)::

    from perfaudit.rules import all_rules, get_rule
    [r.code for r in all_rules()]          # ['PA001', 'PA002', 'PA010', ...]
    get_rule("PA101").title_zh              # also accepts the slug

Families (by hundreds): PA0xx file and structure, PA1xx relevance and copy-paste,
PA2xx category fit, PA3xx values, units and direction, PA4xx budget and spending plan,
PA5xx goal, description and value basis, PA6xx indicator profiles by project type
(perfaudit/data/profiles.toml), PA7xx the table's shape read as a whole.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import lru_cache

from .base import (
    CATEGORIES,
    SCOPE_CLASSES,
    SCOPES,
    BatchRule,
    FileRule,
    Hit,
    IndicatorRule,
    ProjectRule,
    Rule,
    RuleContext,
)
from .examples import Example

__all__ = [
    "all_rules",
    "get_rule",
    "Rule",
    "IndicatorRule",
    "ProjectRule",
    "FileRule",
    "BatchRule",
    "Example",
    "Hit",
    "RuleContext",
    "CATEGORIES",
    "SCOPES",
    "FAMILIES",
]

#: family package -> (zh, en) title, in code order
FAMILIES = {
    "file": ("文件与结构", "File and structure"),
    "relevance": ("相关性与照搬照抄", "Relevance and copy-paste"),
    "category": ("指标归类", "Category fit"),
    "values": ("指标值、单位与方向", "Values, units and direction"),
    "budget": ("预算与支出计划", "Budget and spending plan"),
    "goal": ("目标、指标解释与取值依据", "Goal, description and value basis"),
    "profile": ("按项目类型的共性指标", "Indicator profiles by project type"),
    "shape": ("指标表整体结构", "The table's shape"),
}


@lru_cache(maxsize=1)
def _load() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for family in FAMILIES:
        pkg = importlib.import_module(f"{__name__}.{family}")
        for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
            if not info.name.startswith("pa"):
                continue
            mod = importlib.import_module(f"{pkg.__name__}.{info.name}")
            found = [
                obj
                for _, obj in inspect.getmembers(mod, inspect.isclass)
                if issubclass(obj, Rule) and obj not in SCOPE_CLASSES and obj.__module__ == mod.__name__
            ]
            if len(found) != 1:
                raise RuntimeError(f"{mod.__name__} must define exactly one Rule, found {len(found)}")
            rules.append(found[0]())
    codes = [r.code for r in rules]
    dups = {c for c in codes if codes.count(c) > 1}
    if dups:
        raise RuntimeError(f"duplicate rule codes: {sorted(dups)}")
    slugs = [r.slug for r in rules]
    dups = {s for s in slugs if slugs.count(s) > 1}
    if dups:
        raise RuntimeError(f"duplicate rule slugs: {sorted(dups)}")
    return tuple(sorted(rules, key=lambda r: r.code))


def all_rules() -> list[Rule]:
    """Every rule of the catalogue, sorted by code."""
    return list(_load())


def get_rule(code_or_slug: str) -> Rule:
    """One rule by code (``PA101``, case-insensitive) or slug; KeyError with a bilingual message."""
    key = (code_or_slug or "").strip()
    for r in _load():
        if r.code.lower() == key.lower() or r.slug == key.lower():
            return r
    raise KeyError(f"未知规则：{key} / unknown rule: {key}")


def family_of(rule: Rule) -> str:
    return type(rule).__module__.split(".")[-2]
