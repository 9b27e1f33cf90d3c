"""总体意见: points made once for the whole file (department), not once per project.

* findings of rules declared ``opinion_scope = "department"`` (mechanical spending plans,
  the same value basis everywhere, descriptions that repeat names) and findings about no
  project: one 意见 per rule, naming the projects concerned;
* a copy-paste cluster: one 意见 naming its projects (each project's own rewrite 意见
  holds the findings; this one refers to them);
* a file that could not be reviewed: one 意见 with the reason.
"""

from __future__ import annotations

import re

from .. import i18n
from ..models import Finding
from . import precedence as prec
from .model import KIND_DEPARTMENT, KIND_FILE, LEVEL_RETURN, Opinion
from .text import message, projects_list


def _numbers(findings: list[Finding], index_of: dict[str, int]) -> list[int]:
    return sorted({index_of[f.project_id] for f in findings if f.project_id in index_of})


def _text(code: str, fs: list[Finding], numbers: list[int], total: int, lang: str) -> str:
    template = prec.department_template(code, lang)
    projects = projects_list(numbers, lang) if numbers else ""
    body = message(min(fs, key=prec.lead_key), lang)
    if template:
        quote = re.search(r"「[^」]+」|'[^']+'", body)
        return template.format(
            n=len(numbers),
            projects=projects,
            rows=len(fs),
            total=total,
            example=quote.group(0) if quote else "",
        )
    if not numbers:
        return body
    return i18n.t("review.dept_generic", lang, title=prec.title(code, lang), projects=projects, example=body)


def cannot_review(reason: str, reason_en: str) -> tuple[str, str]:
    """The 总体意见 of a file that could not be reviewed, in Chinese and English, from its reason."""
    return (
        i18n.t("review.file_unreadable", "zh", reason=reason.rstrip("。")),
        i18n.t("review.file_unreadable", "en", reason=reason_en.rstrip(".")),
    )


def department_opinions(pooled: list[Finding], copied: list[Finding], index_of: dict[str, int], file: str,
                        total: int) -> list[Opinion]:  # fmt: skip
    """总体意见 of one file; ``copied`` are the copy-paste findings of its rewrite 意见."""
    out: list[Opinion] = []
    if copied:
        numbers = _numbers(copied, index_of)
        out.append(Opinion(
            id="", file=file, project_id=None, number=0, kind=KIND_DEPARTMENT,
            level=prec.level_of(min(copied, key=prec.lead_key)),
            text=i18n.t("review.dept_copy", "zh", projects=projects_list(numbers, "zh")),
            text_en=i18n.t("review.dept_copy", "en", projects=projects_list(numbers, "en")),
            lead_rule=min(copied, key=prec.lead_key).rule, rules=sorted({f.rule for f in copied}),
            projects=[str(n) for n in numbers], findings=list(copied),
        ))  # fmt: skip
    by_rule: dict[str, list[Finding]] = {}
    for f in sorted(pooled, key=prec.lead_key):
        by_rule.setdefault(f.rule, []).append(f)
    for code, fs in by_rule.items():
        numbers = _numbers(fs, index_of)
        lead = min(fs, key=prec.lead_key)
        file_level = lead.category in ("unreadable", "no_tables")
        op = Opinion(
            id="", file=file, project_id=None, number=0, kind=KIND_FILE if file_level else KIND_DEPARTMENT,
            level=LEVEL_RETURN if file_level else prec.level_of(lead),
            text=_text(code, fs, numbers, total, "zh"), text_en=_text(code, fs, numbers, total, "en"),
            lead_rule=code, rules=[code], projects=[str(n) for n in numbers], findings=list(fs),
            basis=prec.verified_documents(code),
        )  # fmt: skip
        if file_level:
            op.text, op.text_en = cannot_review(message(lead, "zh"), message(lead, "en"))
        for f in fs:
            f.opinion = None  # numbered below
        out.append(op)
    order = {"return": 0, "revise": 1, "advice": 2}
    out.sort(key=lambda o: (o.kind != KIND_FILE, order[o.level]))
    for n, op in enumerate(out, 1):
        op.number, op.id = n, f"D{n}"
        for f in op.findings:
            if f.opinion is None:  # copy-paste findings keep their project's rewrite 意见
                f.opinion = op.id
    return out
