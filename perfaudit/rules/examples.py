"""Runnable examples of the rules: the :class:`Example` record and the builders rule files use.

A rule declares ``examples = (passing(...), failing(..., expect=[...]))``; the catalogue test
(tests/test_rules_catalogue.py) runs each one through the engine and docs/rules.md shows them::

    from ..examples import GOOD_ROWS, OUT, SAT, failing, passing, project

    examples = (
        passing(project("干部教育培训经费", GOOD_ROWS)),
        failing(project("干部教育培训经费", [(OUT, "质量指标", "培训合格率", "≥95%")]), expect=[None]),
    )

``project()`` builds one project in the JSON shape of ``perfaudit extract --json`` with sensible
defaults; ``file()`` wraps projects in one file (several files make a batch example).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Example:
    """A runnable example: one file (or several, for batch rules) in the JSON shape.

    ``expect`` lists the 三级 names the rule must flag (``None`` for a project- or file-level
    finding), once per expected finding.  Passing examples expect nothing.
    """

    passing: bool
    files: list[dict[str, Any]]
    expect: list[str | None] = field(default_factory=list)
    note: str = ""
    thresholds: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "passing": self.passing,
            "note": self.note,
            "expect": self.expect,
            "thresholds": self.thresholds,
            "files": self.files,
        }


Row = tuple  # (level1, level2, level3, target[, description[, basis[, confidence]]])


def project(name: str, rows: list[Row], **fields: Any) -> dict[str, Any]:
    """A project in the JSON shape with sensible defaults, for examples and tests."""
    inds = []
    for r in rows:
        l1, l2, l3, target = r[:4]
        inds.append(
            {
                "level1": l1,
                "level2": l2,
                "level3": l3,
                "description": r[4] if len(r) > 4 else None,
                "target": target,
                "basis": r[5] if len(r) > 5 else None,
                "page": fields.get("page", 1),
                "confidence": r[6] if len(r) > 6 else 1.0,
            }
        )
    p = {
        "code": fields.pop("code", "EX0001"),
        "name": name,
        "unit_code": fields.pop("unit_code", "001"),
        "unit_name": fields.pop("unit_name", "示例单位"),
        "money_unit": fields.pop("money_unit", "万元"),
        "budget_total": fields.pop("budget_total", 10.0),
        "budget_fiscal": fields.pop("budget_fiscal", 10.0),
        "budget_other": fields.pop("budget_other", 0.0),
        "use": fields.pop("use", name),
        "goal": fields.pop("goal", f"年内完成{name}所列任务，按期支付，服务对象满意度达到90%以上"),
        "plan": fields.pop(
            "plan", [{"label": "6月底", "value": "40%"}, {"label": "12月底", "value": "100%"}]
        ),
        "pages": [fields.pop("page", 1)],
        "layout": fields.pop("layout", "hebei"),
        "title": fields.pop("title", None),
        "extra": fields.pop("extra", {}),
        "source": "pdf",
        "indicators": inds,
    }
    p.update(fields)
    return p


def file(*projects: dict[str, Any], name: str = "example.pdf", status: str = "ok", message: str = "") -> dict:
    """One file in the JSON shape holding ``projects`` (a ``status`` other than ok: an unreadable file)."""
    return {
        "file": name,
        "pages": 1,
        "status": status,
        "message": message,
        "message_en": message,
        "projects": list(projects),
    }


def passing(*files_or_projects: dict[str, Any], note: str = "", thresholds: dict | None = None) -> Example:
    """An example the rule must not flag (projects, or files for a batch)."""
    return Example(True, _files(files_or_projects), [], note, dict(thresholds or {}))


def failing(
    *files_or_projects: dict[str, Any],
    expect: list[str | None],
    note: str = "",
    thresholds: dict | None = None,
) -> Example:
    """An example the rule must flag: ``expect`` names the 三级 of each finding (None: project/file level)."""
    return Example(False, _files(files_or_projects), list(expect), note, dict(thresholds or {}))


def _files(items: tuple[dict[str, Any], ...]) -> list[dict[str, Any]]:
    if items and all("projects" in x for x in items):
        return list(items)
    return [file(*items)]


# shorthand rows used by many examples
OUT, BEN, SAT, COST = "产出指标", "效益指标", "满意度指标", "成本指标"
GOOD_ROWS: list[Row] = [
    (OUT, "数量指标", "培训人次", "≥200 人次"),
    (OUT, "质量指标", "培训合格率", "≥95%"),
    (OUT, "时效指标", "培训完成时间", "2022年11月30日前"),
    (OUT, "成本指标", "人均培训成本", "≤500 元/人"),
    (BEN, "社会效益指标", "参训人员业务能力提升率", "≥80%"),
    (SAT, "服务对象满意度指标", "参训学员满意度", "≥90%"),
]
