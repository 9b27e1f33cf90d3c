"""The stable JSON shape of an extraction, and its inverse.

``perfaudit extract --format json`` writes a list with one object per file::

    {"file", "pages", "status", "message", "projects": [
        {"code", "name", "unit_code", "unit_name", "money_unit", "budget_total",
         "budget_fiscal", "budget_other", "use", "goal", "plan": [{"label", "value"}],
         "pages", "layout", "title", "extra": {...}, "source",
         "kind", "department", "period", "period_goal", "tasks": [{"name", "content", "amount"}],
         "indicators": [{"level1", "level2", "level3", "description", "target", "basis",
                         "page", "operator", "value", "unit", "target_kind", "confidence",
                         "annual_target", "period_target", "score", "weight", "core", "scoring",
                         "value_type", "explanation", "remark"}]}]}

Missing fields are ``null``.  ``result_from_dict`` turns such an object back into an
:class:`~perfaudit.models.ExtractResult` (used by tests and by notebooks that keep
extractions as JSON).
"""

from __future__ import annotations

import math
from typing import Any

from ..models import (
    INDICATOR_COLUMNS,
    NEW_INDICATOR_FIELDS,
    NEW_PROJECT_FIELDS,
    PROJECT_COLUMNS,
    ExtractResult,
    Problem,
)

PROJECT_KEYS = [
    "code",
    "name",
    "unit_code",
    "unit_name",
    "money_unit",
    "budget_total",
    "budget_fiscal",
    "budget_other",
    "use",
    "goal",
    "plan",
    "pages",
    "layout",
    "title",
    "extra",
    "source",
    *(name for name, _ in NEW_PROJECT_FIELDS),
]
INDICATOR_KEYS = [
    "level1",
    "level2",
    "level3",
    "description",
    "target",
    "basis",
    "page",
    "operator",
    "value",
    "unit",
    "target_kind",
    "confidence",
    *(name for name, _ in NEW_INDICATOR_FIELDS),
]


def plain(v: Any) -> Any:
    """A dataframe cell as a plain Python value: pandas NaN/NA -> None, numpy scalars -> Python scalars.

    Shared by the JSON writer, the rules' row views and the reporters."""
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    try:
        import pandas as pd

        if not isinstance(v, list | dict | tuple) and pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(v, "item") and not isinstance(v, list | dict | str):
        return v.item()
    return v


def result_to_dict(result: ExtractResult, lang: str = "zh") -> dict[str, Any]:
    projects = []
    ind = result.indicators
    for _, p in result.projects.iterrows():
        rows = ind[ind["project_id"] == p["project_id"]] if len(ind) else ind
        proj = {k: plain(p.get(k)) for k in PROJECT_KEYS}
        proj["indicators"] = [{k: plain(r.get(k)) for k in INDICATOR_KEYS} for _, r in rows.iterrows()]
        projects.append(proj)
    return {
        "file": result.file,
        "pages": result.pages,
        "status": result.status,
        "message": result.message if lang == "zh" else result.message_en,
        "problems": [
            {"code": pr.code, "page": pr.page, "message": pr.message if lang == "zh" else pr.message_en}
            for pr in result.problems
        ],
        "projects": projects,
    }


def frames_from_projects(file: str, projects: list[dict[str, Any]]):
    """Build the two tidy dataframes from a list of project dicts (JSON shape)."""
    import pandas as pd

    prow, irows = [], []
    for n, p in enumerate(projects, start=1):
        pid = str(n)
        pages = p.get("pages") or []
        row = {k: p.get(k) for k in PROJECT_COLUMNS if k not in ("file", "project_id", "page")}
        row.update(file=file, project_id=pid, page=(pages[0] if pages else None))
        row["plan"] = p.get("plan") or []
        row["extra"] = p.get("extra") or {}
        row["tasks"] = p.get("tasks") or []
        row["kind"] = p.get("kind") or "project"
        row["pages"] = list(pages)
        prow.append(row)
        for i, ind in enumerate(p.get("indicators") or [], start=1):
            r = {k: ind.get(k) for k in INDICATOR_COLUMNS if k in INDICATOR_KEYS}
            r.update(file=file, project_id=pid, project_code=p.get("code"), project_name=p.get("name"), row=i)
            if r.get("confidence") is None:
                r["confidence"] = 1.0
            irows.append(r)
    projects_df = pd.DataFrame(prow, columns=PROJECT_COLUMNS)
    indicators_df = pd.DataFrame(irows, columns=INDICATOR_COLUMNS)
    indicators_df["value"] = pd.to_numeric(indicators_df["value"], errors="coerce").astype("float64")
    for col in ("budget_total", "budget_fiscal", "budget_other"):
        projects_df[col] = pd.to_numeric(projects_df[col], errors="coerce").astype("float64")
    return projects_df, indicators_df


def empty_result(file: str, status: str, message: str, message_en: str, pages: int = 0,
                 problems: list[Problem] | None = None) -> ExtractResult:
    """A result with no projects: an input that could not be read or holds no table."""
    projects_df, indicators_df = frames_from_projects(file, [])
    return ExtractResult(file, pages, status, message, message_en, projects_df, indicators_df, list(problems or []))


def result_from_dict(d: dict[str, Any]) -> ExtractResult:
    projects_df, indicators_df = frames_from_projects(d["file"], d.get("projects") or [])
    return ExtractResult(
        file=d["file"],
        pages=d.get("pages") or 0,
        status=d.get("status", "ok"),
        message=d.get("message") or "",
        message_en=d.get("message_en") or d.get("message") or "",
        projects=projects_df,
        indicators=indicators_df,
        problems=[Problem(p.get("code", ""), p.get("message", ""), p.get("message", ""), p.get("page"))
                  for p in d.get("problems") or []],
    )
