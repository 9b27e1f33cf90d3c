"""``--csv FILE``: one row per finding, UTF-8 with BOM, formula-neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .. import i18n
from ..models import ExtractResult, Finding
from ..safe_io import write_text_atomic
from .common import FINDING_COLUMNS, finding_row, neutralise, safe_text


def _clean_file_row(r: ExtractResult, lang: str) -> dict:
    """A file that was read and drew no finding still gets a row: checked, nothing found."""
    n_proj, n_ind = len(r.projects), len(r.indicators)
    if i18n.norm_lang(lang) == "en":
        msg = f"no findings: {n_proj} projects and {n_ind} indicators checked"
    else:
        msg = f"未发现问题：已检查 {n_proj} 个项目、{n_ind} 条指标"
    return {c: None for c in FINDING_COLUMNS} | {"file": r.file, "message": msg}


def findings_csv_text(findings: list[Finding], lang: str = "zh", results: list[ExtractResult] | None = None) -> str:
    """The CSV text (without BOM): header ``FINDING_COLUMNS``, one row per finding.

    With ``results``, every input file without any finding gets one row of its own
    (empty rule/category/severity, message 未发现问题…), so every file checked is in the CSV."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(FINDING_COLUMNS)
    rows = [finding_row(f, lang) for f in findings]
    if results:
        with_findings = {f.file for f in findings}
        order = {r.file: i for i, r in enumerate(results)}
        extra = [_clean_file_row(r, lang) for r in results if r.file not in with_findings]
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
