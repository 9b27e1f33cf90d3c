"""The rule model: one :class:`Rule` subclass per file, discovered by :mod:`perfaudit.rules`.

A rule declares its metadata as class attributes (code, slug, category, severity, scope,
titles, rationale, citation, thresholds, examples) and implements ``check``.  What
``check`` receives depends on ``scope``:

==============  ==========================================================
scope           ``check(item, ctx)`` receives
==============  ==========================================================
``indicator``   ``(indicator, project)`` for every indicator row
``project``     one :class:`~perfaudit.rules.views.Project`
``submission``  one :class:`~perfaudit.rules.views.Submission` (one file)
``batch``       the list of all submissions of the run
==============  ==========================================================

``check`` yields :class:`Hit` objects; the engine turns them into
:class:`~perfaudit.models.Finding` (severity overrides, low-confidence marks, sorting).
Rules print nothing and read no files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from .views import Indicator, Project, Submission
from .vocab import Lexicons

CATEGORIES = (
    "missing_field",
    "missing_value",
    "missing_category",
    "irrelevant_indicator",
    "copy_paste",
    "duplicate_in_project",
    "misclassified",
    "unit_mismatch",
    "direction",
    "implausible_value",
    "vague",
    "budget_arithmetic",
    "cost_exceeds_budget",
    "plan_schedule",
    "goal_repeats_name",
    "description_repeats",
    "weak_basis",
    "unreadable",
    "no_tables",
)
SCOPES = ("indicator", "project", "submission", "batch")
CODE_RE = re.compile(r"^PA\d{3}$")
SLUG_RE = re.compile(r"^[a-z][a-z0-9-]+$")


@dataclass
class Hit:
    """What a rule found; the engine fills in the pointer fields of the Finding."""

    message: str
    message_en: str
    file: str | None = None
    project: Project | None = None
    indicator: Indicator | None = None
    related: list[str] = field(default_factory=list)
    #: this hit's own severity when it differs from the rule's (a configured override still wins)
    severity: str | None = None


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


@dataclass
class RuleContext:
    """What a rule may read besides the rows: its thresholds and the lexicons."""

    thresholds: dict[str, Any]
    lexicons: Lexicons

    def t(self, name: str) -> Any:
        return self.thresholds[name]


class Rule:
    code: str = ""
    slug: str = ""
    category: str = ""
    severity: str = "warning"
    scope: str = "indicator"
    title_zh: str = ""
    title_en: str = ""
    rationale: str = ""
    citation: str = ""
    thresholds: dict[str, Any] = {}
    examples: tuple[Example, ...] = ()
    # review traits (perfaudit.review): a rule that declares none gets defaults from its
    # severity, category and scope (documented in docs/rules.md, "意见与审核结论")
    #: "department": pooled into the file's 总体意见 instead of each project's 意见
    opinion_scope: str | None = None
    #: this many distinct rows (or one project-level finding) mean the project must be rewritten
    rewrite_min: int | None = None
    #: rank among findings on the same row / cause; the highest leads the 意见
    precedence: int | None = None
    #: the rule judges the make-up of a project's indicator set: folds into a rewrite 意见
    judges_indicator_set: bool = False
    #: rules whose 意见 on the same project states this rule's cause too: its finding joins that 意见
    same_cause_as: tuple[str, ...] = ()
    #: 总体意见 text when pooled: {n} projects, {projects} their numbers, {rows} findings
    department_zh: str = ""
    department_en: str = ""
    #: the table kinds the rule reads (project / department / regional); the others are skipped
    kinds: tuple[str, ...] = ("project",)
    #: always runs, whatever --select says (only an explicit --ignore of its code stops it):
    #: every input file must appear in every export
    always_on: bool = False

    # ------------------------------------------------------------------ checking
    def check(self, item: Any, ctx: RuleContext) -> Iterable[Hit]:  # pragma: no cover - every rule overrides it
        """Yield a :class:`Hit` for each defect in ``item`` (shape depends on ``scope``)."""
        raise TypeError(f"rule {type(self).__name__} defines no check()")

    def run(self, item: Any, ctx: RuleContext) -> Iterator[Hit]:
        item = self._in_scope(item)
        if item is not None:
            yield from self.check(item, ctx) or ()

    def _in_scope(self, item: Any) -> Any:
        """``item`` restricted to the tables of this rule's ``kinds`` (None: nothing to check)."""
        if isinstance(item, tuple):  # (indicator, project)
            return item if item[1].kind in self.kinds else None
        if isinstance(item, Project):
            return item if item.kind in self.kinds else None
        if isinstance(item, Submission):
            return replace(item, projects=[p for p in item.projects if p.kind in self.kinds])
        if isinstance(item, list):
            return [self._in_scope(x) for x in item]
        return item

    # ------------------------------------------------------------------ helpers for subclasses
    @staticmethod
    def hit(
        project: Project | None,
        indicator: Indicator | None,
        zh: str,
        en: str,
        related: list[str] | None = None,
        file: str | None = None,
        severity: str | None = None,
    ) -> Hit:
        return Hit(zh, en, file or (project.file if project else None), project, indicator, list(related or []),
                   severity)

    # ------------------------------------------------------------------ metadata
    @property
    def id(self) -> str:
        return self.code

    def to_dict(self, examples: bool = False) -> dict[str, Any]:
        d = {
            "id": self.code,
            "code": self.code,
            "slug": self.slug,
            "category": self.category,
            "severity": self.severity,
            "scope": self.scope,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "rationale": self.rationale,
            "citation": self.citation,
            "thresholds": dict(self.thresholds),
        }
        if examples:
            d["examples"] = [e.to_dict() for e in self.examples]
        return d

    def problems(self) -> list[str]:
        """Metadata defects (the catalogue test asserts this is empty for every rule)."""
        out = []
        if not CODE_RE.match(self.code):
            out.append(f"bad code {self.code!r}")
        if not SLUG_RE.match(self.slug):
            out.append(f"bad slug {self.slug!r}")
        if self.category not in CATEGORIES:
            out.append(f"unknown category {self.category!r}")
        if self.severity not in ("error", "warning", "info"):
            out.append(f"bad severity {self.severity!r}")
        if self.scope not in SCOPES:
            out.append(f"bad scope {self.scope!r}")
        if not self.kinds or set(self.kinds) - {"project", "department", "regional"}:
            out.append(f"bad kinds {self.kinds!r}")
        for attr in ("title_zh", "title_en", "rationale", "citation"):
            if not getattr(self, attr).strip():
                out.append(f"empty {attr}")
        if not any(e.passing for e in self.examples):
            out.append("no passing example")
        if not any(not e.passing for e in self.examples):
            out.append("no failing example")
        return out

    def __repr__(self) -> str:
        return f"<Rule {self.code} {self.slug}>"


# --------------------------------------------------------------------------- example builders

Row = tuple  # (level1, level2, level3, target[, description[, basis]])


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
        "plan": fields.pop("plan", [{"label": "6月底", "value": "40%"}, {"label": "12月底", "value": "100%"}]),
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
    return {"file": name, "pages": 1, "status": status, "message": message, "message_en": message,
            "projects": list(projects)}


def passing(*files_or_projects: dict[str, Any], note: str = "", thresholds: dict | None = None) -> Example:
    return Example(True, _files(files_or_projects), [], note, dict(thresholds or {}))


def failing(*files_or_projects: dict[str, Any], expect: list[str | None], note: str = "",
            thresholds: dict | None = None) -> Example:
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
