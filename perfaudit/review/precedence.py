"""Which finding leads a 意见, which rules pool into 总体意见, which force a rewrite.

Every trait has a default computed from what every rule already declares (severity,
category, scope), so a new rule needs no entry here.  A rule may override a trait with
a class attribute (``precedence``, ``opinion_scope``, ``rewrite_min``).  The table and
the order are documented in docs/rules.md (section 意见与审核结论, written by docs_gen).
"""

from __future__ import annotations

import re
from functools import cache

from ..models import SEVERITY_RANK, Finding
from .model import LEVEL_ADVICE, LEVEL_OF_SEVERITY

#: Rank of each category when several findings fall on the same row or cause: the highest
#: leads the 意见 (after the level: an error always leads a warning).  Unknown categories: 25.
CATEGORY_RANK = {
    "unreadable": 100,
    "no_tables": 100,
    "copy_paste": 90,
    "irrelevant_indicator": 80,
    "missing_category": 70,
    "missing_field": 65,
    "missing_value": 62,
    "goal_repeats_name": 60,
    "cost_exceeds_budget": 58,
    "budget_arithmetic": 57,
    "misclassified": 55,
    "unit_mismatch": 50,
    "implausible_value": 45,
    "direction": 40,
    "duplicate_in_project": 35,
    "vague": 30,
    "plan_schedule": 20,
    "weak_basis": 15,
    "description_repeats": 10,
}
DEFAULT_RANK = 25

#: default number of distinct rows that make a project a rewrite, by category (0: never)
REWRITE_DEFAULT = {"copy_paste": 1}
#: an error-level irrelevant-indicator rule: this many unrelated rows mean the set must be redone
IRRELEVANT_REWRITE_MIN = 2

DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,6}〔\d{4}〕\d+号")


@cache
def _rule(code: str):
    from ..rules import get_rule

    try:
        return get_rule(code) if code else None
    except KeyError:
        return None


def rank(f: Finding) -> int:
    rule = _rule(f.rule)
    declared = getattr(rule, "precedence", None) if rule else None
    if declared is not None:
        return int(declared)
    return CATEGORY_RANK.get(f.category, DEFAULT_RANK)


def lead_key(f: Finding) -> tuple:
    """Sort key: strongest first (severity, then precedence, then rule code)."""
    return (-SEVERITY_RANK.get(f.severity, 0), -rank(f), f.rule or "")


def level_of(f: Finding) -> str:
    return LEVEL_OF_SEVERITY.get(f.severity, LEVEL_ADVICE)


def is_department(f: Finding) -> bool:
    """Pooled into 总体意见: declared ``opinion_scope = "department"``, or a finding about no project."""
    rule = _rule(f.rule)
    declared = getattr(rule, "opinion_scope", None) if rule else None
    if declared:
        return declared == "department"
    return f.project_id is None


def rewrite_min(f: Finding) -> int:
    """Distinct rows (project-level findings count as one) of this rule that force a rewrite; 0 = never."""
    rule = _rule(f.rule)
    declared = getattr(rule, "rewrite_min", None) if rule else None
    if declared is not None:
        return int(declared)
    if f.category in REWRITE_DEFAULT:
        return REWRITE_DEFAULT[f.category]
    if f.category == "irrelevant_indicator" and f.severity == "error":
        return IRRELEVANT_REWRITE_MIN
    return 0


def folds_into_rewrite(f: Finding) -> bool:
    """A finding about the make-up of the indicator set: moot once the set is written again."""
    rule = _rule(f.rule)
    return bool(getattr(rule, "judges_indicator_set", False)) if rule else False


def same_cause_as(f: Finding) -> set[str]:
    """Rules whose 意见 states the cause of this finding too (``same_cause_as`` on the rule)."""
    rule = _rule(f.rule)
    return set(getattr(rule, "same_cause_as", ()) or ()) if rule else set()


def title(code: str, lang: str = "zh") -> str:
    rule = _rule(code)
    if rule is None:
        return code
    return rule.title_en if lang == "en" else rule.title_zh


def department_template(code: str, lang: str = "zh") -> str:
    rule = _rule(code)
    if rule is None:
        return ""
    return getattr(rule, "department_en" if lang == "en" else "department_zh", "") or ""


def verified_documents(code: str) -> list[str]:
    """Document numbers the rule's citation marks as read ([V]); [S]/[U] clauses are not cited."""
    rule = _rule(code)
    if rule is None:
        return []
    out: list[str] = []
    for clause in re.split(r"[；;]", rule.citation or ""):
        if "[V" not in clause:
            continue
        for doc in DOC_NUMBER.findall(clause):
            if doc not in out:
                out.append(doc)
    return out
