"""Row views the rules read: one :class:`Submission` per file, built from the two dataframes.

The engine turns ``ExtractResult.projects`` / ``.indicators`` into these plain objects once,
so every rule sees the same normalised names, canonical categories and parsed targets.

:class:`Project` and :class:`Indicator` are the records of :mod:`perfaudit.record` (every field,
cleaned: text stripped, empty -> None, NaN -> None) plus what the rules derive from them.  The
target's parts are the extractor's own ``operator``/``value``/``unit``/``target_kind`` columns: a
target is parsed once, when the record is made (:func:`perfaudit.extract.target.complete_target`
only for a row that lacks them).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..extract.layouts import vocabulary
from ..extract.target import Target, complete_target
from ..record import IndicatorRecord, ProjectRecord, clean_integer, clean_number, clean_text, columns
from .vocab import LEVEL2_PARENT, canon_level1, canon_level2, compact, norm_name


@dataclass(kw_only=True)
class Indicator(IndicatorRecord):
    """An indicator row (every field of the record, ``row`` 0 and ``confidence`` 1.0 when unknown)."""

    dim1: str | None = None  # canonical 一级: 产出 / 效益 / 满意度 / 成本
    dim2: str | None = None  # canonical 二级: 数量 质量 时效 成本 经济效益 … 满意度
    name: str = ""  # normalised 三级 (no spaces/brackets)

    @property
    def kind(self) -> str:
        """The target's kind: number / deadline / qualitative / empty."""
        return self.target_kind or "empty"

    @property
    def parsed(self) -> Target:
        return Target(self.target or "", self.operator, self.value, self.unit, self.kind)

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


@dataclass(kw_only=True)
class Project(ProjectRecord):
    """A table (every field of the record) with its indicators and what its layout implies."""

    file_index: int = 0
    index: int = 0  # 1-based position in its file
    indicators: list[Indicator] = field(default_factory=list)
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


# --------------------------------------------------------------------------- building


def _cleaned_rows(df, record: type) -> list[dict[str, Any]]:
    """The rows of ``df`` as dicts of the record's fields, each cell cleaned by its field's rule.

    Column by column (``tolist`` and one comprehension per column, with the common cell inline):
    several times cheaper than ``to_dict("records")`` and a cleaning call per cell."""
    if df is None or not len(df):
        return []
    present = [(name, col.clean) for name, col in columns(record) if name in df.columns]
    values = [_cleaned_column(df[name].tolist(), clean) for name, clean in present]
    names = [name for name, _ in present]
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


def _cleaned_column(cells: list[Any], clean) -> list[Any]:
    if clean is clean_text:  # str stripped ("" -> None); None stays; anything else the slow way
        return [(v.strip() or None) if type(v) is str else None if v is None else clean(v) for v in cells]
    if clean is clean_number:  # float64 columns: NaN -> None
        return [v if type(v) is float and v == v else clean(v) for v in cells]
    if clean is clean_integer:
        return [v if type(v) is int else clean(v) for v in cells]
    return [clean(v) for v in cells]


class Derive:
    """What the views derive from the records, memoised over one run (names and categories repeat)."""

    def __init__(self) -> None:
        self.dims: dict[tuple[str | None, str | None], tuple[str | None, str | None]] = {}
        self.names: dict[str | None, str] = {}
        self.layouts: dict[str | None, Any] = {}

    def dim(self, level1: str | None, level2: str | None) -> tuple[str | None, str | None]:
        key = (level1, level2)
        if key not in self.dims:
            self.dims[key] = _dims(level1, level2)
        return self.dims[key]

    def name(self, level3: str | None) -> str:
        if level3 not in self.names:
            self.names[level3] = norm_name(level3)
        return self.names[level3]

    def layout(self, layout_id: str | None):
        if layout_id not in self.layouts:
            self.layouts[layout_id] = vocabulary().by_id(layout_id)
        return self.layouts[layout_id]


def _dims(level1: str | None, level2: str | None) -> tuple[str | None, str | None]:
    """Canonical (一级, 二级) of a row's written categories."""
    dim2 = canon_level2(level2)
    dim1 = canon_level1(level1)
    if dim2 in ("社会成本", "生态环境成本"):
        dim1 = "成本"
    if dim1 == "成本" and dim2 is None:
        dim2 = "成本"
    if dim1 is None and dim2 is not None:
        dim1 = LEVEL2_PARENT.get(dim2)
    if dim2 == "满意度":
        dim1 = "满意度"
    return dim1, dim2


def _indicator(r: dict[str, Any], derive: Derive) -> Indicator:
    if r.get("target_kind") is None:  # a table made elsewhere, without the parsed columns
        t = complete_target(r.get("target"), r.get("operator"), r.get("value"), r.get("unit"))
        r.update(operator=t.operator, value=t.value, unit=t.unit, target_kind=t.kind)
    if r.get("row") is None:
        r["row"] = 0
    if r.get("confidence") is None:
        r["confidence"] = 1.0
    r["dim1"], r["dim2"] = derive.dim(r.get("level1"), r.get("level2"))
    r["name"] = derive.name(r.get("level3"))
    return _record(Indicator, r)


def _project(p: dict[str, Any], n: int, result, index: int, derive: Derive) -> Project:
    if p.get("page") is None and p.get("pages"):
        p["page"] = p["pages"][0]
    p.update(file=result.file, file_index=index, index=n, project_id=p.get("project_id") or str(n),
             kind=p.get("kind") or "project", confidence=1.0 if p.get("confidence") is None else p["confidence"])  # fmt: skip
    lay = derive.layout(p.get("layout"))
    p.update(required=lay.required, layout_money_unit=lay.money_unit)
    return _record(Project, p)


@cache
def _fields(cls: type) -> tuple[dict[str, Any], tuple[tuple[str, Any], ...], frozenset[str], frozenset[str]]:
    """(plain defaults, (name, factory) pairs, required names, every name) of a views dataclass."""
    plain, factories, required = {}, [], set()
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            plain[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            factories.append((f.name, f.default_factory))
        else:
            required.add(f.name)
    return plain, tuple(factories), frozenset(required), frozenset(f.name for f in dataclasses.fields(cls))


def _record(cls: type, values: dict[str, Any]) -> Any:
    """``cls(**values)`` for :class:`Indicator` and :class:`Project`, without the generated ``__init__``
    (several times quicker over a province's rows): the fields' defaults, then ``values``.

    They declare no ``__post_init__``; an unknown or a missing field raises ``TypeError`` as
    ``__init__`` would.  ``tests/test_rules_views.py`` checks that both make equal objects."""
    plain, factories, required, known = _fields(cls)
    if not values.keys() <= known or not required <= values.keys():
        cls(**values)  # raises the TypeError that names the field
    obj = object.__new__(cls)
    d = obj.__dict__
    d.update(plain)
    for name, make in factories:
        d[name] = make()
    d.update(values)
    return obj


def build_submission(result, index: int, derive: Derive | None = None) -> Submission:
    """Views over one ExtractResult (its dataframes may be empty).

    ``derive``: the memo of derived names and categories, shared by the files of one run."""
    derive = derive if derive is not None else Derive()
    by_pid: dict[str, list[Indicator]] = {}
    for r in _cleaned_rows(result.indicators, IndicatorRecord):
        by_pid.setdefault(str(r.get("project_id")), []).append(_indicator(r, derive))
    projects = []
    for n, p in enumerate(_cleaned_rows(result.projects, ProjectRecord), start=1):
        proj = _project(p, n, result, index, derive)
        proj.indicators = sorted(by_pid.get(proj.project_id, []), key=lambda i: i.row)
        projects.append(proj)
    return Submission(
        result.file, index, result.status, result.message or "", result.message_en or "", projects
    )
