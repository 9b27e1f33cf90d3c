"""``build_review(results, findings)``: findings -> 意见, verdicts per project and per file.

The one place where 意见 are formed and verdicts decided.  It sets ``Finding.opinion`` on
every finding (so CSV/JSON/xlsx carry the link) and returns a :class:`Review` that the
console and the letters render.

Verdict criteria (documented in docs/rules.md):

* project: 退回修改 when one of its 意见 is at level 退回 (its strongest finding is an error);
  修改后通过 when one is at level 修改 (a warning); otherwise 通过 (only 建议, or no 意见);
* file: the worst of its projects' verdicts and of its 总体意见 levels; a file that could
  not be read, or holds no 绩效目标表, is 退回修改 (it has to be sent again).
"""

from __future__ import annotations

import re
from typing import Any

from .. import i18n
from ..models import STATUS_OK, ExtractResult, Finding
from . import precedence as prec
from .department import cannot_review, department_opinions
from .group import project_opinions, rewrite_triggers
from .model import (
    KIND_FILE,
    LEVEL_RETURN,
    LEVEL_REVISE,
    VERDICT_PASS,
    VERDICT_RETURN,
    VERDICT_REVISE,
    FileReview,
    Opinion,
    ProjectReview,
    Review,
)

YEAR = re.compile(r"(20\d{2})\s*年")


def verdict_of(levels: list[str]) -> str:
    if LEVEL_RETURN in levels:
        return VERDICT_RETURN
    if LEVEL_REVISE in levels:
        return VERDICT_REVISE
    return VERDICT_PASS


def build_review(
    results: list[ExtractResult], findings: list[Finding], local_basis: list[str] | None = None
) -> Review:
    """The 意见, verdicts and 总体意见 of every file; ``local_basis`` (the bureau's own 办法) is cited in each letter."""
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.file, []).append(f)
    review = Review([_file_review(r, by_file.pop(r.file, [])) for r in results])
    for file, fs in by_file.items():  # findings about a file not among the results (never expected)
        review.files.append(_file_review(None, fs, file))
    for fr in review.files:
        fr.local_basis = list(local_basis or [])
    return review


def _records(r: ExtractResult | None) -> list[dict[str, Any]]:
    if r is None or not len(r.projects):
        return []
    from ..extract.serialize import plain

    return [{k: plain(v) for k, v in rec.items()} for rec in r.projects.to_dict("records")]


def _file_review(r: ExtractResult | None, findings: list[Finding], file: str | None = None) -> FileReview:
    records = _records(r)
    index_of = {str(p["project_id"]): i for i, p in enumerate(records, 1)}
    pooled = [f for f in findings if prec.is_department(f) or f.project_id not in index_of]
    per_project: dict[str, list[Finding]] = {}
    for f in findings:
        if f not in pooled:
            per_project.setdefault(str(f.project_id), []).append(f)
    projects, copied = [], []
    for i, p in enumerate(records, 1):
        pid = str(p["project_id"])
        fs = per_project.get(pid, [])
        copied += [f for f in rewrite_triggers(fs) if f.category == "copy_paste"]
        ops = project_opinions(fs, p, file or r.file, pid, i)
        projects.append(ProjectReview(
            file=file or r.file, project_id=pid, index=i, code=p.get("code"), name=p.get("name"),
            unit_name=p.get("unit_name"), page=p.get("page"), verdict=verdict_of([o.level for o in ops]),
            opinions=ops,
        ))  # fmt: skip
    overall = department_opinions(pooled, copied, index_of, file or r.file, len(records))
    levels = [o.level for o in overall] + [
        {VERDICT_RETURN: LEVEL_RETURN, VERDICT_REVISE: LEVEL_REVISE}.get(p.verdict, "") for p in projects
    ]
    status = r.status if r is not None else STATUS_OK
    if status != STATUS_OK and not overall:  # PA001/PA002 ignored: the letter still says why
        overall = [_status_opinion(r)]
    verdict = verdict_of(levels) if status == STATUS_OK else VERDICT_RETURN
    units = list(dict.fromkeys(p.get("unit_name") for p in records if p.get("unit_name")))
    return FileReview(file=file or r.file, status=status, verdict=verdict, unit_names=units, year=_year(records),
                      projects=projects, overall=overall)  # fmt: skip


def _status_opinion(r: ExtractResult) -> Opinion:
    """The 总体意见 of a file that could not be reviewed when no rule reported it (its rule ignored)."""
    text, text_en = cannot_review(
        r.message or i18n.label("status", r.status, "zh"),
        r.message_en or i18n.label("status", r.status, "en"),
    )
    return Opinion(id="D1", file=r.file, project_id=None, number=1, kind=KIND_FILE, level=LEVEL_RETURN,
                   text=text, text_en=text_en, lead_rule="")  # fmt: skip


def _year(records: list[dict[str, Any]]) -> str | None:
    """The budget year the tables are for: a 年 in a title or field, or a 计划开始日期."""
    years: list[str] = []
    for p in records:
        extra = p.get("extra") or {}
        texts = [p.get("title") or ""] + [str(v) for v in extra.values()] if isinstance(extra, dict) else []
        for t in texts:
            years += YEAR.findall(t)
        start = str(extra.get("计划开始日期", "")) if isinstance(extra, dict) else ""
        if re.match(r"20\d{2}", start):
            years.append(start[:4])
    return max(set(years), key=years.count) if years else None
