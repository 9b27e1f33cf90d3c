"""One project's findings -> its numbered 意见.

1. If findings of a rewrite rule reach its ``rewrite_min`` (copy-paste: 1; an error-level
   unrelated-indicator rule: 2 rows), the project gets one rewrite 意见 and every row
   finding folds into it, as do the findings of rules that judge the make-up of the
   indicator set (``judges_indicator_set = True``: too few indicators, uniform targets …).
2. Otherwise rows that carry the same 三级 name are one cause (a row copied under several
   categories); each cause is led by its strongest finding (precedence.lead_key); causes
   led by the same rule are one problem and make one 意见 listing all their rows.
3. Project-level findings (no row) make one 意见 per rule.

Order: rewrite first, then by level (退回, 修改, 建议), project-level before rows, then row order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import i18n
from ..models import Finding
from . import precedence as prec
from .model import KIND_PROJECT, KIND_REWRITE, KIND_ROWS, LEVEL_RANK, Opinion
from .text import _norm, message, quoted, row_list, rows_text


@dataclass
class Draft:
    kind: str
    findings: list[Finding]
    rows: list[int] = field(default_factory=list)
    text: str = ""
    text_en: str = ""
    basis_rules: list[str] = field(
        default_factory=list
    )  # whose verified documents the 意见 cites (default: lead)

    @property
    def lead(self) -> Finding:
        return min(self.findings, key=prec.lead_key)

    @property
    def level(self) -> str:
        return prec.level_of(self.lead)


def rewrite_triggers(findings: list[Finding]) -> list[Finding]:
    """The findings that make the project a rewrite (empty when it is not one)."""
    by_rule: dict[str, list[Finding]] = {}
    for f in findings:
        if prec.rewrite_min(f) > 0:
            by_rule.setdefault(f.rule, []).append(f)
    out: list[Finding] = []
    for fs in by_rule.values():
        spots = {f.indicator_row for f in fs}
        if len(spots) >= prec.rewrite_min(fs[0]):
            out.extend(fs)
    return out


def _rewrite_draft(triggers: list[Finding], rows: list[Finding], project: dict[str, Any]) -> Draft:
    copied = [f for f in triggers if f.category == "copy_paste"]
    unrelated = [f for f in triggers if f.category != "copy_paste"]
    all_rows = sorted({f.indicator_row for f in rows if f.indicator_row is not None})
    texts = {}
    for lang in ("zh", "en"):
        reasons = []
        if copied:
            others = max(len(f.related) for f in copied)
            reasons.append(i18n.t("review.rewrite_copy", lang, n=others))
        if unrelated:
            rr = sorted({f.indicator_row for f in unrelated if f.indicator_row is not None})
            reasons.append(
                i18n.t(
                    "review.rewrite_unrelated",
                    lang,
                    rows=row_list(rr, lang),
                    names=quoted([f.level3 for f in unrelated], lang, limit=3),
                )
            )
        use = (project.get("use") or "").strip()
        text = i18n.t(
            "review.rewrite",
            lang,
            reasons=("；" if lang == "zh" else "; ").join(reasons),
            use=i18n.t("review.use", lang, use=use) if use else "",
        )
        if all_rows:
            text += i18n.t("review.rewrite_rows", lang, rows=row_list(all_rows, lang))
        texts[lang] = text
    return Draft(
        KIND_REWRITE,
        triggers + [f for f in rows if f not in triggers],
        all_rows,
        texts["zh"],
        texts["en"],
        sorted({f.rule for f in triggers}),
    )


def _row_drafts(rows: list[Finding]) -> list[Draft]:
    causes: dict[str, list[Finding]] = {}  # normalised 三级 name (or the row) -> findings
    for f in rows:
        key = _norm(f.level3) or f"#row{f.indicator_row}"
        causes.setdefault(key, []).append(f)
    problems: dict[str, list[list[Finding]]] = {}  # lead rule -> causes it leads
    for fs in causes.values():
        lead = min(fs, key=prec.lead_key)
        problems.setdefault(lead.rule, []).append(fs)
    drafts = []
    for groups in problems.values():
        groups.sort(key=lambda g: min(f.indicator_row or 0 for f in g))
        fs = [f for g in groups for f in g]
        lead = min(groups[0], key=prec.lead_key)
        rows_ = sorted({f.indicator_row for f in fs if f.indicator_row is not None})
        leads_of_others = [min(g, key=prec.lead_key) for g in groups[1:]]
        others = [f for f in groups[0] if f is not lead] + leads_of_others
        d = Draft(KIND_ROWS, [lead] + [f for f in fs if f is not lead], rows_)
        d.text = rows_text(lead, rows_, others, "zh")
        d.text_en = rows_text(lead, rows_, others, "en")
        drafts.append(d)
    return drafts


def _project_drafts(findings: list[Finding]) -> list[Draft]:
    by_rule: dict[str, list[Finding]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    out = []
    for fs in by_rule.values():
        d = Draft(KIND_PROJECT, fs)
        d.text, d.text_en = message(d.lead, "zh"), message(d.lead, "en")
        out.append(d)
    return out


def project_opinions(findings: list[Finding], project: dict[str, Any], file: str, project_id: str,
                     index: int) -> list[Opinion]:  # fmt: skip
    """The numbered 意见 of one project (department-level findings already taken out)."""
    rows = [f for f in findings if f.indicator_row is not None]
    whole = [f for f in findings if f.indicator_row is None]
    triggers = rewrite_triggers(findings)
    drafts: list[Draft] = []
    if triggers:
        # the set is written again as a whole: what a rule says about the set's make-up goes with it
        folded = [f for f in whole if f not in triggers and prec.folds_into_rewrite(f)]
        drafts.append(_rewrite_draft(triggers, rows + folded, project))
        whole = [f for f in whole if f not in triggers and f not in folded]
    else:
        drafts.extend(_row_drafts(rows))
    drafts.extend(_project_drafts(whole))
    drafts = _merge_same_cause(drafts)
    order = {KIND_REWRITE: 0, KIND_PROJECT: 1, KIND_ROWS: 2}
    drafts.sort(key=lambda d: (order[d.kind] != 0, -LEVEL_RANK[d.level], order[d.kind], d.rows[:1] or [0]))
    return [_opinion(d, file, project_id, f"{index}-{n}", n) for n, d in enumerate(drafts, 1)]


def _merge_same_cause(drafts: list[Draft]) -> list[Draft]:
    """A project-level finding whose rule names the rules stating the same cause (``same_cause_as``)
    goes into their 意见 when the project has one (PA422 "no cost in money" with PA301 "this cost
    row is not money"): one problem, one 意见."""
    out = []
    for d in drafts:
        codes = prec.same_cause_as(d.lead) if d.kind == KIND_PROJECT else set()
        host = next((h for h in drafts if h is not d and codes & {f.rule for f in h.findings}), None)
        if host is None:
            out.append(d)
        else:
            host.findings.extend(d.findings)
    return out


def _opinion(d: Draft, file: str, project_id: str | None, oid: str, n: int) -> Opinion:
    lead = d.lead
    rules = list(dict.fromkeys([lead.rule] + [f.rule for f in d.findings]))
    basis = list(
        dict.fromkeys(doc for code in (d.basis_rules or rules[:1]) for doc in prec.verified_documents(code))
    )
    for f in d.findings:
        f.opinion = oid
    return Opinion(id=oid, file=file, project_id=project_id, number=n, kind=d.kind, level=d.level,
                   text=d.text, text_en=d.text_en, lead_rule=lead.rule, rules=rules, rows=d.rows,
                   basis=basis, findings=list(d.findings))  # fmt: skip
