"""``--json FILE``: ``{"files": [...], "findings": [...]}``; every input appears in ``files``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..models import ExtractResult, Finding
from ..safe_io import write_text_atomic
from .common import clean, summarize


def check_json(results: list[ExtractResult], findings: list[Finding], lang: str = "zh") -> dict[str, Any]:
    """The JSON document of a check run.

    ``files``: one object per input, in input order: ``file, status, message, pages,
    projects, indicators`` (counts), ``findings`` (number of findings on the file) and
    ``by_severity``.  ``findings``: every finding (``Finding.to_dict()``: both messages).
    """
    summaries = summarize(results, findings)
    files = []
    for s in summaries:
        row = s.row(lang)
        files.append(
            {
                "file": s.file,
                "status": s.status,
                "message": row["message"],
                "pages": s.pages,
                "projects": s.projects,
                "indicators": s.indicators,
                "findings": sum(s.counts.values()),
                "by_severity": dict(s.counts),
            }
        )
    return {
        "files": files,
        "findings": [{k: clean(v) for k, v in f.to_dict().items()} for f in findings],
    }


def write_check_json(
    path: str | Path, results: list[ExtractResult], findings: list[Finding], lang: str = "zh"
) -> None:
    text = json.dumps(check_json(results, findings, lang), ensure_ascii=False, indent=2)
    write_text_atomic(path, text + "\n", encoding="utf-8")


def write_check(target: Path, audit, options) -> list[str]:
    """``--json`` (perfaudit.report.formats)."""
    write_check_json(target, audit.results, audit.findings, options.lang)
    return [str(target)]
