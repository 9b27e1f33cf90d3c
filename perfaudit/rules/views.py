"""Row views the rules read: one :class:`Submission` per file, built from the two dataframes.

The engine turns ``ExtractResult.projects`` / ``.indicators`` into these plain objects once,
so every rule sees the same normalised names, canonical categories and parsed targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..extract.layouts import vocabulary
from ..extract.serialize import plain as _val
from ..extract.target import Target, parse_target
from .vocab import canon_level1, canon_level2, compact, norm_name


def _text(v: Any) -> str | None:
    v = _val(v)
    if v is None:
        return None
    s = str(v).strip()
    return s or None


@dataclass
class Indicator:
    row: int
    page: int | None
    level1: str | None
    level2: str | None
    level3: str | None
    description: str | None
    target: str | None
    basis: str | None
    confidence: float
    parsed: Target
    dim1: str | None  # canonical 一级: 产出 / 效益 / 满意度 / 成本
    dim2: str | None  # canonical 二级: 数量 质量 时效 成本 经济效益 … 满意度
    name: str  # normalised 三级 (no spaces/brackets)

    @property
    def operator(self) -> str | None:
        return self.parsed.operator

    @property
    def value(self) -> float | None:
        return self.parsed.value

    @property
    def unit(self) -> str | None:
        return self.parsed.unit

    @property
    def kind(self) -> str:
        return self.parsed.kind

    @property
    def target_text(self) -> str:
        """The target as written (for messages): ``≥95 百分比`` keeps its space."""
        return (self.target or "").strip()

    @property
    def shown(self) -> str:
        """The 三级 name as written (for messages); ``name`` is the normalised form for comparisons."""
        return (self.level3 or "").strip() or self.name

    def category_label(self) -> str:
        """``一级/二级`` for messages."""
        return "/".join(compact(x) for x in (self.level1, self.level2) if x) or "（未分类）"

    def label(self) -> str:
        """``一级/二级/三级`` for messages."""
        return "/".join(compact(x) for x in (self.level1, self.level2, self.level3) if x)


@dataclass
class Project:
    file: str
    file_index: int
    index: int  # 1-based position in its file
    project_id: str
    code: str | None
    name: str | None
    unit_code: str | None
    unit_name: str | None
    money_unit: str | None
    budget_total: float | None
    budget_fiscal: float | None
    budget_other: float | None
    use: str | None
    goal: str | None
    plan: list[dict[str, Any]]
    page: int | None
    layout: str | None
    title: str | None
    extra: dict[str, Any]
    indicators: list[Indicator] = field(default_factory=list)
    kind: str = "project"  # project / department / regional
    #: project fields the table's layout requires (perfaudit/data/layouts.toml)
    required: tuple[str, ...] = ()
    #: money unit the layout implies when the table prints none (None: unknown)
    layout_money_unit: str | None = None

    def label(self) -> str:
        """``code name`` as used in messages and ``related``."""
        return " ".join(x for x in (self.code, self.name) if x) or f"#{self.index}"

    def context_text(self) -> str:
        """Everything that says what the project is about (name, 资金用途, goal, title)."""
        return compact(" ".join(x for x in (self.name, self.use, self.goal, self.title) if x))

    @property
    def framework(self) -> str:
        """``2021`` when 成本指标 is its own 一级 (财预〔2021〕101号), else ``2015`` (财预〔2015〕88号)."""
        return "2021" if any(i.dim1 == "成本" for i in self.indicators) else "2015"

    def dims(self) -> set[str]:
        return {i.dim2 for i in self.indicators if i.dim2}

    def dim1s(self) -> set[str]:
        return {i.dim1 for i in self.indicators if i.dim1}


@dataclass
class Submission:
    file: str
    index: int
    status: str
    message: str
    message_en: str
    projects: list[Project]


def _indicator(r: dict[str, Any]) -> Indicator:
    target = _text(r.get("target"))
    parsed = parse_target(target)
    if parsed.value is None and _val(r.get("value")) is not None and parsed.kind != "deadline":
        # the extractor parsed something our own parser did not: trust it
        parsed = Target(target or "", _text(r.get("operator")), float(_val(r.get("value"))),
                        _text(r.get("unit")), "number")
    level1, level2 = _text(r.get("level1")), _text(r.get("level2"))
    dim2 = canon_level2(level2)
    dim1 = canon_level1(level1)
    if dim2 in ("社会成本", "生态环境成本"):
        dim1 = "成本"
    if dim1 == "成本" and dim2 is None:
        dim2 = "成本"
    if dim1 is None and dim2 is not None:
        from .vocab import LEVEL2_PARENT

        dim1 = LEVEL2_PARENT.get(dim2)
    if dim2 == "满意度":
        dim1 = "满意度"
    conf = _val(r.get("confidence"))
    page = _val(r.get("page"))
    return Indicator(
        row=int(_val(r.get("row")) or 0),
        page=int(page) if page is not None else None,
        level1=level1,
        level2=level2,
        level3=_text(r.get("level3")),
        description=_text(r.get("description")),
        target=target,
        basis=_text(r.get("basis")),
        confidence=float(conf) if conf is not None else 1.0,
        parsed=parsed,
        dim1=dim1,
        dim2=dim2,
        name=norm_name(_text(r.get("level3"))),  # an empty xlsx cell arrives as NaN
    )


def _float(v: Any) -> float | None:
    v = _val(v)
    try:
        return None if v is None else float(v)
    except (TypeError, ValueError):
        return None


def build_submission(result, index: int) -> Submission:
    """Views over one ExtractResult (its dataframes may be empty)."""
    projects: list[Project] = []
    pdf, idf = result.projects, result.indicators
    ind_by_pid: dict[str, list[dict[str, Any]]] = {}
    if idf is not None and len(idf):
        for r in idf.to_dict("records"):
            ind_by_pid.setdefault(str(_val(r.get("project_id"))), []).append(r)
    if pdf is not None and len(pdf):
        for n, p in enumerate(pdf.to_dict("records"), start=1):
            pid = str(_val(p.get("project_id")) or n)
            page = _val(p.get("page"))
            pages = _val(p.get("pages")) if isinstance(p.get("pages"), list) else None
            if page is None and pages:
                page = pages[0]
            proj = Project(
                file=result.file,
                file_index=index,
                index=n,
                project_id=pid,
                code=_text(p.get("code")),
                name=_text(p.get("name")),
                unit_code=_text(p.get("unit_code")),
                unit_name=_text(p.get("unit_name")),
                money_unit=_text(p.get("money_unit")),
                budget_total=_float(p.get("budget_total")),
                budget_fiscal=_float(p.get("budget_fiscal")),
                budget_other=_float(p.get("budget_other")),
                use=_text(p.get("use")),
                goal=_text(p.get("goal")),
                plan=list(p.get("plan") or []) if isinstance(p.get("plan"), list) else [],
                page=int(page) if page is not None else None,
                layout=_text(p.get("layout")),
                title=_text(p.get("title")),
                extra=dict(p.get("extra") or {}) if isinstance(p.get("extra"), dict) else {},
            )
            lay = vocabulary().by_id(proj.layout)
            proj.kind = _text(p.get("kind")) or "project"
            proj.required, proj.layout_money_unit = lay.required, lay.money_unit
            rows = sorted(ind_by_pid.get(pid, []), key=lambda r: int(_val(r.get("row")) or 0))
            proj.indicators = [_indicator(r) for r in rows]
            projects.append(proj)
    return Submission(result.file, index, result.status, result.message or "", result.message_en or "", projects)
