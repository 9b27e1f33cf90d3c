"""``--csv FILE``: one row per finding, UTF-8 with BOM, formula-neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..models import Finding
from .common import FINDING_COLUMNS, finding_row, neutralise


def findings_csv_text(findings: list[Finding], lang: str = "zh") -> str:
    """The CSV text (without BOM): header ``FINDING_COLUMNS``, one row per finding."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(FINDING_COLUMNS)
    for f in findings:
        row = finding_row(f, lang)
        writer.writerow(["" if row[c] is None else neutralise(row[c]) for c in FINDING_COLUMNS])
    return buf.getvalue()


def write_findings_csv(path: str | Path, findings: list[Finding], lang: str = "zh") -> None:
    """Write the findings CSV with a UTF-8 BOM so Excel and WPS show the Chinese text."""
    Path(path).write_text(findings_csv_text(findings, lang), encoding="utf-8-sig", newline="")
