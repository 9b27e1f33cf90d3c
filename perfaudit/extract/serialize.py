"""The stable JSON shape of an extraction, and its inverse.

``perfaudit extract --format json`` writes a list with one object per file::

    {"file", "pages", "status", "message", "problems": [{"code", "page", "message"}],
     "projects": [{<the json fields of record.ProjectRecord>,
                   "indicators": [{<the json fields of record.IndicatorRecord>}]}]}

The project and indicator keys, their order and the values that stand in for missing ones are
declared once, in :mod:`perfaudit.record` (README "JSON" lists them).  Missing fields are ``null``.
``result_from_dict`` turns such an object back into an :class:`~perfaudit.models.ExtractResult`
(used by tests and by notebooks that keep extractions as JSON).
"""

from __future__ import annotations

from typing import Any

from ..models import ExtractResult, Problem
from ..record import IndicatorRecord, ProjectRecord, frames, json_keys, plain

__all__ = ["INDICATOR_KEYS", "PROJECT_KEYS", "empty_result", "frames_from_projects", "plain", "result_from_dict",
           "result_to_dict"]  # fmt: skip

#: keys of a project / an indicator object in the JSON (derived from the records)
PROJECT_KEYS = json_keys(ProjectRecord)
INDICATOR_KEYS = json_keys(IndicatorRecord)


def result_to_dict(result: ExtractResult, lang: str = "zh") -> dict[str, Any]:
    return result.to_dict(lang=lang)


def frames_from_projects(file: str, projects: list[dict[str, Any]]):
    """Build the two tidy dataframes from a list of project dicts (JSON shape)."""
    return frames(file, projects)


def empty_result(
    file: str,
    status: str,
    message: str,
    message_en: str,
    pages: int = 0,
    problems: list[Problem] | None = None,
) -> ExtractResult:
    """A result with no projects: an input that could not be read or holds no table."""
    projects_df, indicators_df = frames(file, [])
    return ExtractResult(
        file, pages, status, message, message_en, projects_df, indicators_df, list(problems or [])
    )


def result_from_dict(d: dict[str, Any]) -> ExtractResult:
    projects_df, indicators_df = frames(d["file"], d.get("projects") or [])
    return ExtractResult(
        file=d["file"],
        pages=d.get("pages") or 0,
        status=d.get("status", "ok"),
        message=d.get("message") or "",
        message_en=d.get("message_en") or d.get("message") or "",
        projects=projects_df,
        indicators=indicators_df,
        problems=[
            Problem(p.get("code", ""), p.get("message", ""), p.get("message", ""), p.get("page"))
            for p in d.get("problems") or []
        ],
    )
