"""``--csv FILE``: one row per finding, UTF-8 with BOM, formula-neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .. import i18n
from ..models import STATUS_OK, ExtractResult, Finding
from ..safe_io import write_text_atomic
from .common import FINDING_COLUMNS, finding_row, neutralise, safe_text


def _status_row(r: ExtractResult, lang: str) -> dict:
    """A file without any finding still gets a row: its status (read, nothing found; or why it
    could not be checked, when the settings ignore PA001/PA002), so every input is in the CSV."""
    en = i18n.norm_lang(lang) == "en"
    if r.status != STATUS_OK:
        reason = (r.message_en or r.message) if en else r.message
        msg = i18n.label("status", r.status, lang) + ((": " if en else "：") + reason if reason else "")
    elif en:
        msg = f"no findings: {len(r.projects)} projects and {len(r.indicators)} indicators checked"
    else:
        msg = f"未发现问题：已检查 {len(r.projects)} 个项目、{len(r.indicators)} 条指标"
    return {c: None for c in FINDING_COLUMNS} | {"file": r.file, "message": msg}


def findings_csv_text(
    findings: list[Finding], lang: str = "zh", results: list[ExtractResult] | None = None
) -> str:
    """The CSV text (without BOM): header ``FINDING_COLUMNS``, one row per finding.

    With ``results``, every input file without any finding gets one row of its own
    (empty rule/category/severity; message 未发现问题…, or the file's status and reason),
    so every input is in the CSV."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(FINDING_COLUMNS)
    rows = [finding_row(f, lang) for f in findings]
    if results:
        with_findings = {f.file for f in findings}
        order = {r.file: i for i, r in enumerate(results)}
        extra = [_status_row(r, lang) for r in results if r.file not in with_findings]
        # keep input order: a clean file's row goes where the file stands among the inputs
        keyed = [(order.get(row["file"], len(order)), 0, n, row) for n, row in enumerate(rows)]
        keyed += [(order[row["file"]], 1, n, row) for n, row in enumerate(extra)]
        rows = [row for *_, row in sorted(keyed, key=lambda k: k[:3])]
    for row in rows:
        writer.writerow(["" if row[c] is None else neutralise(safe_text(row[c])) for c in FINDING_COLUMNS])
    return buf.getvalue()


def write_findings_csv(
    path: str | Path, findings: list[Finding], lang: str = "zh", results: list[ExtractResult] | None = None
) -> None:
    """Write the findings CSV with a UTF-8 BOM so Excel and WPS show the Chinese text (atomically)."""
    write_text_atomic(path, findings_csv_text(findings, lang, results), encoding="utf-8-sig", newline="")


def write_check(target: Path, audit, options) -> list[str]:
    """``--csv``: the findings, and a status row for every file without one (perfaudit.report.formats)."""
    write_findings_csv(target, audit.findings, options.lang, audit.results)
    return [str(target)]
