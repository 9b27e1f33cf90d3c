"""What every reporter shares: finding rows, per-file summaries, ordering, cell safety."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any

from .. import i18n
from ..extract.serialize import plain as clean  # NaN/NA -> None, numpy -> Python
from ..models import (
    SEVERITIES,
    SEVERITY_RANK,
    STATUS_NO_TABLES,
    UNREADABLE_STATUSES,
    ExtractResult,
    Finding,
)

#: Columns of the findings CSV (and of the findings sheet), in this order.
FINDING_COLUMNS = [
    "file",
    "page",
    "unit_code",
    "unit_name",
    "project_code",
    "project_name",
    "level1",
    "level2",
    "level3",
    "target",
    "rule",
    "category",
    "severity",
    "message",
    "opinion",  # the 意见 the finding belongs to ("3-2": project 3, 意见 2; "D1": 总体意见 1)
]

#: Columns of the per-file summary (xlsx sheet 2, JSON ``files``).
SUMMARY_COLUMNS = ["file", "status", "pages", "projects", "indicators", "error", "warning", "info", "message"]

#: Categories of the findings that stand for a whole file that could not be audited (PA001, PA002,
#: decided by the engine); the console shows them in its list of files instead of among the findings.
FILE_CATEGORIES = ("unreadable", "no_tables")

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Make a text cell safe for spreadsheets: a leading ``= + - @`` (or tab/CR) gets a ``'``.

    Numbers are returned unchanged (``-5`` as a number is not a formula).
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


#: characters no export or terminal receives raw: C0/C1 controls (ESC, BEL …), DEL, bidi
#: overrides and isolates (U+202E turns "gpj.exe" round), zero-width marks, BOM, surrogates
_UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
_UNSAFE_WITH_NEWLINES = re.compile(_UNSAFE_CHARS.pattern[:-1] + "\\n\\t]")


def _escape_char(m: re.Match) -> str:
    n = ord(m.group())
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def safe_text(value: Any, keep_newlines: bool = True) -> Any:
    """``value`` with every control/bidi character shown as an escape (``\\x1b``, ``\\u202e``).

    The one sanitiser for every sink (terminal, xlsx, CSV, HTML): the text stays readable
    and tells the reviewer what the file held, but cannot move the cursor, ring the bell,
    reverse a file name or make openpyxl refuse the cell.  Non-strings are returned as is."""
    if not isinstance(value, str):
        return value
    pattern = _UNSAFE_CHARS if keep_newlines else _UNSAFE_WITH_NEWLINES
    return pattern.sub(_escape_char, value)


def safe_name(path: Any) -> Any:
    """A file name for one line of output: like :func:`safe_text`, newlines and tabs escaped too."""
    return safe_text(path, keep_newlines=False)


def for_terminal(
    results: list[ExtractResult], findings: list[Finding]
) -> tuple[list[ExtractResult], list[Finding]]:
    """Copies of results and findings whose text is safe to print (file names on one line)."""
    rs = [
        replace(r, file=safe_name(r.file), message=safe_text(r.message), message_en=safe_text(r.message_en),
                problems=[replace(p, message=safe_text(p.message), message_en=safe_text(p.message_en))
                          for p in r.problems])
        for r in results
    ]  # fmt: skip
    text_fields = [f.name for f in fields(Finding) if f.name != "file"]
    fs = []
    for f in findings:
        changes = {k: safe_text(getattr(f, k)) for k in text_fields if isinstance(getattr(f, k), str)}
        fs.append(replace(f, file=safe_name(f.file), **changes))
    return rs, fs


def review_for_terminal(review: Any) -> Any:
    """A copy of a :class:`perfaudit.review.Review` whose every text is safe to print."""
    if review is None:
        return None
    return _safe_copy(review)


def _safe_copy(obj: Any, key: str = "") -> Any:
    if isinstance(obj, str):
        return safe_name(obj) if key == "file" else safe_text(obj)
    if isinstance(obj, list):
        return [_safe_copy(v, key) for v in obj]
    if is_dataclass(obj) and not isinstance(obj, type):
        return replace(
            obj, **{f.name: _safe_copy(getattr(obj, f.name), f.name) for f in fields(obj) if f.init}
        )
    return obj


def message_of(obj: Any, lang: str) -> str:
    """``message`` or ``message_en`` of a Finding / ExtractResult, by language."""
    if i18n.norm_lang(lang) == "en":
        return getattr(obj, "message_en", "") or getattr(obj, "message", "") or ""
    return getattr(obj, "message", "") or ""


def finding_message(f: Finding, lang: str) -> str:
    text = message_of(f, lang)
    if f.low_confidence:
        note = i18n.t("findings.low_confidence", lang)
        if note.strip(" ()（）") not in text:
            text += note
    return text


def finding_row(f: Finding, lang: str = "zh") -> dict[str, Any]:
    """One finding as a dict keyed by :data:`FINDING_COLUMNS` (raw codes, message by language)."""
    row = {col: getattr(f, col, None) for col in FINDING_COLUMNS}
    row["message"] = finding_message(f, lang)
    return row


# --------------------------------------------------------------------------- summaries


@dataclass
class FileSummary:
    file: str
    status: str
    pages: int
    projects: int
    indicators: int
    message: str
    message_en: str
    counts: dict[str, int] = field(default_factory=dict)  # severity -> number of findings

    @property
    def unreadable(self) -> bool:
        return self.status in UNREADABLE_STATUSES

    def row(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "pages": self.pages,
            "projects": self.projects,
            "indicators": self.indicators,
            "error": self.counts.get("error", 0),
            "warning": self.counts.get("warning", 0),
            "info": self.counts.get("info", 0),
            "message": self.message_en if i18n.norm_lang(lang) == "en" else self.message,
        }


@dataclass
class Totals:
    files: int = 0
    projects: int = 0
    indicators: int = 0
    unreadable: int = 0
    no_tables: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def _page_list(pages: list[int]) -> str:
    """[1, 2, 3, 5] -> "1–3、5"."""
    runs: list[list[int]] = []
    for p in sorted(set(pages)):
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return "、".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def extraction_note(r: ExtractResult, lang: str = "zh") -> str:
    """One line on how a readable file was read: pages read by OCR, low-confidence cells, skipped pages."""
    en = i18n.norm_lang(lang) == "en"
    ocr = [p.page for p in r.problems if p.code == "page_ocr" and p.page]
    parts = []
    if ocr:
        pages = _page_list(ocr)
        parts.append(
            f"page(s) {pages} are images, read by OCR" if en else f"第 {pages} 页为扫描图片，已 OCR 识别"
        )
    for p in r.problems:
        if p.code != "page_ocr":
            parts.append(p.message_en if en else p.message)
    return ("; " if en else "；").join(parts)


def summarize(results: list[ExtractResult], findings: list[Finding]) -> list[FileSummary]:
    by_file: dict[str, Counter] = {}
    for f in findings:
        by_file.setdefault(f.file, Counter())[f.severity] += 1
    return [
        FileSummary(
            file=r.file,
            status=r.status,
            pages=int(r.pages or 0),
            projects=len(r.projects),
            indicators=len(r.indicators),
            message=r.message or extraction_note(r, "zh"),
            message_en=r.message_en or r.message or extraction_note(r, "en"),
            counts={s: by_file.get(r.file, Counter()).get(s, 0) for s in SEVERITIES},
        )
        for r in results
    ]


def totals(summaries: list[FileSummary]) -> Totals:
    t = Totals(files=len(summaries))
    t.counts = {s: 0 for s in SEVERITIES}
    for s in summaries:
        t.projects += s.projects
        t.indicators += s.indicators
        t.unreadable += s.unreadable
        t.no_tables += s.status == STATUS_NO_TABLES
        for sev in SEVERITIES:
            t.counts[sev] += s.counts.get(sev, 0)
    return t


# --------------------------------------------------------------------------- ordering


def project_order(results: list[ExtractResult]) -> dict[tuple[str, str], int]:
    """(file, project_id) -> position, in extraction order."""
    out: dict[tuple[str, str], int] = {}
    for r in results:
        if len(r.projects):
            for i, pid in enumerate(r.projects["project_id"].tolist()):
                out[(r.file, str(pid))] = i
    return out


def worst_first_key(f: Finding) -> tuple:
    return (-SEVERITY_RANK.get(f.severity, 0), f.indicator_row if f.indicator_row is not None else -1, f.rule)


@dataclass
class ProjectGroup:
    project_id: str | None
    project_code: str | None
    project_name: str | None
    page: int | None
    findings: list[Finding]


@dataclass
class FileGroup:
    file: str
    projects: list[ProjectGroup]


def group_findings(results: list[ExtractResult], findings: list[Finding]) -> list[FileGroup]:
    """Findings grouped by file (input order) and project (table order), worst first inside."""
    porder = project_order(results)
    forder = {r.file: i for i, r in enumerate(results)}
    files: dict[str, dict[str | None, list[Finding]]] = {}
    for f in findings:
        files.setdefault(f.file, {}).setdefault(f.project_id, []).append(f)
    out = []
    for file in sorted(files, key=lambda x: forder.get(x, len(forder))):
        groups = []
        keys = sorted(files[file], key=lambda pid: -1 if pid is None else porder.get((file, str(pid)), 10**6))
        for pid in keys:
            fs = sorted(files[file][pid], key=worst_first_key)
            first = fs[0]
            pages = [x.page for x in fs if x.page is not None]
            groups.append(
                ProjectGroup(pid, first.project_code, first.project_name, min(pages) if pages else None, fs)
            )
        out.append(FileGroup(file, groups))
    return out


def indicator_lookup(results: list[ExtractResult]) -> dict[tuple[str, str, int], dict[str, Any]]:
    """(file, project_id, row) -> the indicator row as a dict (for showing a finding's source row)."""
    out: dict[tuple[str, str, int], dict[str, Any]] = {}
    for r in results:
        ind = r.indicators
        if not len(ind):
            continue
        for rec in ind.to_dict("records"):
            try:
                key = (r.file, str(rec["project_id"]), int(rec["row"]))
            except (TypeError, ValueError):
                continue
            out[key] = {k: clean(v) for k, v in rec.items()}
    return out


def indicator_path(f: Finding) -> str:
    """``一级 / 二级 / 三级`` of a finding ('' when it is not about one indicator)."""
    return " / ".join(x for x in (f.level1, f.level2, f.level3) if x)
