"""One definition of a project and an indicator.

:class:`ProjectRecord` and :class:`IndicatorRecord` are the single source of every shape a
project or an indicator takes outside the parser:

* the columns of ``ExtractResult.projects`` / ``.indicators`` (:func:`frame_columns`), their
  dtypes (:attr:`Column.dtype`) and the values that stand in for missing ones (field defaults);
* the keys of the JSON of ``perfaudit extract --format json`` / ``ExtractResult.to_dict``
  (:func:`json_keys`, fields with ``json=True``, in declaration order);
* the columns of ``perfaudit extract --format csv`` (:attr:`Column.csv`) and the zh/en headers of
  its xlsx sheets (:func:`header`);
* the rules' row views (:mod:`perfaudit.rules.views` subclasses both records).

A field is added by declaring it once here, with :func:`text`, :func:`number`, :func:`integer`,
:func:`items` or :func:`mapping`.  This module imports nothing of perfaudit but the target parser,
and pandas only inside the functions that build dataframes.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

# --------------------------------------------------------------------------- cell values


def plain(v: Any) -> Any:
    """A dataframe cell as a plain Python value: pandas NaN/NA -> None, numpy scalars -> Python scalars.

    Shared by the JSON writer, the rules' row views and the reporters."""
    if v is None or type(v) is str or type(v) is int:
        return v
    if isinstance(v, str):
        return v
    if isinstance(v, float):
        return None if math.isnan(v) else float(v)
    if isinstance(v, list | dict | tuple):
        return v
    try:
        import pandas as pd

        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(v, "item"):
        return v.item()
    return v


def clean_text(v: Any) -> str | None:
    """Text as the rules read it: stripped, ``None`` for empty / NaN."""
    if v is None:
        return None
    if type(v) is not str:
        v = plain(v)
        if v is None:
            return None
        v = str(v)
    return v.strip() or None


def clean_number(v: Any) -> float | None:
    v = plain(v)
    try:
        return None if v is None or isinstance(v, bool) else float(v)
    except (TypeError, ValueError):
        return None


def clean_integer(v: Any) -> int | None:
    if type(v) is int:
        return v
    v = clean_number(v)
    return None if v is None else int(v)


def clean_list(v: Any) -> list:
    return list(v) if isinstance(v, list | tuple) else []


def clean_dict(v: Any) -> dict:
    return dict(v) if isinstance(v, dict) else {}


# --------------------------------------------------------------------------- field metadata


@dataclass(frozen=True)
class Column:
    """What a record field is outside Python (kept in ``dataclasses.field(metadata=...)``)."""

    zh: str  # export header, Chinese
    en: str  # export header, English
    doc: str = ""
    #: a key of the JSON object (README "JSON"); False for the keys the nesting already says
    json: bool = True
    #: its column in ``perfaudit extract --format csv``: "" the field's own name, None not there
    csv: str | None = ""
    #: DataFrame dtype it is coerced to ("object": left as pandas infers it)
    dtype: str = "object"
    #: says where the row sits: the DataFrame leads with these columns, in declaration order
    locator: bool = False
    #: how a view reads a cell of it (NaN -> None, "" -> None, numpy -> Python)
    clean: Callable[[Any], Any] = clean_text


def _field(default: Any, factory: Callable[[], Any] | None, **meta: Any) -> Any:
    col = Column(**meta)
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata={"column": col})
    return dataclasses.field(default=default, metadata={"column": col})


def text(zh: str, en: str, doc: str = "", *, default: str | None = None, **kw: Any) -> Any:
    return _field(default, None, zh=zh, en=en, doc=doc, clean=clean_text, **kw)


def number(zh: str, en: str, doc: str = "", *, default: float | None = None, **kw: Any) -> Any:
    return _field(default, None, zh=zh, en=en, doc=doc, clean=clean_number, dtype="float64", **kw)


def integer(zh: str, en: str, doc: str = "", **kw: Any) -> Any:
    return _field(None, None, zh=zh, en=en, doc=doc, clean=clean_integer, **kw)


def items(zh: str, en: str, doc: str = "", **kw: Any) -> Any:
    return _field(None, list, zh=zh, en=en, doc=doc, clean=clean_list, **kw)


def mapping(zh: str, en: str, doc: str = "", **kw: Any) -> Any:
    return _field(None, dict, zh=zh, en=en, doc=doc, clean=clean_dict, **kw)


# --------------------------------------------------------------------------- the records


@dataclass(kw_only=True)
class ProjectRecord:
    """One 绩效目标表 (a project, a department's or a region's table): a row of ``ExtractResult.projects``."""

    file: str = text("文件", "File", json=False, csv=None, locator=True)
    project_id: str = text("项目序号", "Project no.", "position in its file, 1-based, as a string", json=False,
                           locator=True)  # fmt: skip
    code: str | None = text("项目编码", "Project code", csv="project_code")
    name: str | None = text("项目名称", "Project name", csv="project_name")
    unit_code: str | None = text("单位编码", "Unit code")
    unit_name: str | None = text("单位名称", "Unit name")
    money_unit: str | None = text("金额单位", "Money unit", "万元 / 元 / 千元")
    budget_total: float | None = number("预算数", "Budget total")
    budget_fiscal: float | None = number("财政资金", "Fiscal funds")
    budget_other: float | None = number("其他资金", "Other funds")
    use: str | None = text("资金用途", "Use of funds")
    goal: str | None = text("年度目标", "Annual goal", "年度目标 / 目标内容 without numbering")
    plan: list[dict[str, Any]] = items(
        "支出计划", "Spending plan", "资金支出计划: [{label, value}]", csv=None
    )
    pages: list[int] = items("所在页码", "Pages", "1-based page numbers", csv=None)
    page: int | None = integer("页码", "Page", "first page", json=False, csv=None)
    layout: str | None = text("版式", "Layout", "id of perfaudit/data/layouts.toml", csv=None)
    title: str | None = text("表名", "Table title", "the table title above it, if any", csv=None)
    extra: dict[str, Any] = mapping(
        "其他字段", "Other fields", "other labelled fields, label -> text", csv=None
    )
    source: str | None = text("来源", "Source", "pdf / ocr / xlsx / docx", csv=None)
    kind: str = text("表类型", "Table kind", "project / department / regional (项目 / 部门整体 / 区域绩效目标表)",
                     default="project")  # fmt: skip
    department: str | None = text("主管部门", "Department", "主管部门 without its code")
    period: str | None = text(
        "实施周期", "Period", "实施周期 / 项目期限 as printed, or the year under the title"
    )
    period_goal: str | None = text("总目标", "Whole-period goal", "项目总目标 / 实施期目标")
    tasks: list[dict[str, Any]] = items("年度主要任务", "Main tasks",
                                        "department tables: [{name, content, amount}]", csv=None)  # fmt: skip
    confidence: float = number("置信度", "Confidence", "1.0 for text layers and office files; OCR: the lowest of "
                               "the table's label/value cells (name, code, money, goal …)", default=1.0, csv=None)  # fmt: skip


@dataclass(kw_only=True)
class IndicatorRecord:
    """One indicator row of a table: a row of ``ExtractResult.indicators``."""

    file: str = text("文件", "File", json=False, csv=None, locator=True)
    project_id: str = text("项目序号", "Project no.", json=False, csv=None, locator=True)
    project_code: str | None = text("项目编码", "Project code", json=False, csv=None, locator=True)
    project_name: str | None = text("项目名称", "Project name", json=False, csv=None, locator=True)
    level1: str | None = text("一级指标", "Level 1")
    level2: str | None = text("二级指标", "Level 2")
    level3: str | None = text("三级指标", "Level 3")
    description: str | None = text(
        "指标解释", "Description", "绩效指标描述 / 指标解释 (None where the layout has none)"
    )
    target: str | None = text(
        "指标值", "Target", "指标值 as written (whitespace-normalised); the one string the rules read"
    )
    basis: str | None = text("确定依据", "Basis", "指标值确定依据")
    page: int | None = integer("页码", "Page", locator=True)
    row: int | None = integer("行号", "Row", "1-based position inside its project", json=False, locator=True)
    operator: str | None = text("符号", "Operator", "≥ ≤ = > < parsed from target, or None")
    value: float | None = number("数值", "Value", "the number parsed from target")
    unit: str | None = text("计量单位", "Unit", "unit as written: 百分比, 万元, 平方米, %")
    target_kind: str | None = text("指标值类型", "Target kind", "number / deadline / qualitative / empty")
    confidence: float = number("置信度", "Confidence", "1.0 for text layers and office files; OCR: the row's lowest",
                               default=1.0)  # fmt: skip
    annual_target: str | None = text(
        "年度指标值", "Annual target", "where the table also prints 实施周期指标值"
    )
    period_target: str | None = text("实施周期指标值", "Period target", "实施周期指标值 / 实施期指标值")
    score: str | None = text("分值", "Score", "分值 / 分值权重")
    weight: str | None = text("权重", "Weight", "权重 / 指标权重(%)")
    core: str | None = text("是否核心", "Core", "是否核心")
    scoring: str | None = text("评分标准", "Scoring", "评（扣）分标准")
    value_type: str | None = text("指标性质", "Value type", "指标值类型 / 指标性质")
    explanation: str | None = text("指标说明", "Explanation", "指标解释 / 指标值内容")
    remark: str | None = text("备注", "Remark")
    activity: str | None = text(
        "活动", "Activity", "the budget activity a 部门整体 row belongs to (Beijing 预算13表 活动)"
    )


RECORDS = (ProjectRecord, IndicatorRecord)

# --------------------------------------------------------------------------- derived shapes


def columns(record: type) -> list[tuple[str, Column]]:
    """``(name, Column)`` of each field of ``record`` (or of a subclass), in declaration order."""
    return [(f.name, f.metadata["column"]) for f in dataclasses.fields(record) if "column" in f.metadata]


def frame_columns(record: type) -> list[str]:
    """DataFrame columns: the locator fields first, then the others, each group in declaration order."""
    cols = columns(record)
    return [n for n, c in cols if c.locator] + [n for n, c in cols if not c.locator]


#: the project's amounts (read with ``parse_money`` in the table's money unit), in table order
MONEY_FIELDS = ("budget_total", "budget_fiscal", "budget_other")


def json_keys(record: type) -> list[str]:
    return [n for n, c in columns(record) if c.json]


def csv_columns(record: type) -> list[tuple[str, str]]:
    """``(field, csv column)`` in DataFrame order, for the fields in ``extract --format csv``."""
    spec = dict(columns(record))
    return [(n, spec[n].csv or n) for n in frame_columns(record) if spec[n].csv is not None]


def header(name: str, lang: str = "zh", record: type | None = None) -> str | None:
    """The export header of field ``name`` (of ``record``, else of the first record that has it)."""
    for rec in (record,) if record is not None else RECORDS:
        spec = dict(columns(rec))
        if name in spec:
            return spec[name].en if lang == "en" else spec[name].zh
    return None


def _defaults(record: type) -> dict[str, Callable[[], Any]]:
    """The fields whose default is not None: what stands in for a missing value."""
    out = {}
    for f in dataclasses.fields(record):
        if f.default is not dataclasses.MISSING and f.default is not None:
            out[f.name] = lambda v=f.default: v
        elif f.default_factory is not dataclasses.MISSING:
            out[f.name] = f.default_factory
    return out


def _fill(obj: dict[str, Any], keys: Iterable[str], defaults: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """``obj``'s values for ``keys``; a missing, null or empty value takes the field's default, if any."""
    out = {}
    for k in keys:
        v = obj.get(k)
        if k in defaults and (v is None or v == "" or v == [] or v == {}):
            v = defaults[k]()
        out[k] = v
    return out


# --------------------------------------------------------------------------- JSON <-> dataframes


def project_row(file: str, project_id: str, p: dict[str, Any]) -> dict[str, Any]:
    """A row of ``ExtractResult.projects`` from a project in the JSON shape."""
    row = _fill(p, json_keys(ProjectRecord), _PROJECT_DEFAULTS)
    row["pages"] = list(row["pages"])
    row.update(file=file, project_id=project_id, page=row["pages"][0] if row["pages"] else None)
    return row


def indicator_row(
    file: str, project_id: str, p: dict[str, Any], n: int, ind: dict[str, Any]
) -> dict[str, Any]:
    """A row of ``ExtractResult.indicators`` from the ``n``-th indicator of project ``p`` (JSON shape).

    The target is parsed here when the JSON does not carry its parts (hand-written examples)."""
    from .extract.target import complete_target

    row = _fill(ind, json_keys(IndicatorRecord), _INDICATOR_DEFAULTS)
    if row.get("target_kind") is None:
        t = complete_target(row.get("target"), row.get("operator"), row.get("value"), row.get("unit"))
        row.update(operator=t.operator, value=t.value, unit=t.unit, target_kind=t.kind)
    row.update(
        file=file, project_id=project_id, project_code=p.get("code"), project_name=p.get("name"), row=n
    )
    return row


def frames(file: str, projects: list[dict[str, Any]]):
    """``(projects, indicators)`` dataframes of one file from its projects in the JSON shape."""
    import pandas as pd

    prows, irows = [], []
    for n, p in enumerate(projects, start=1):
        pid = str(n)
        prows.append(project_row(file, pid, p))
        irows.extend(
            indicator_row(file, pid, p, i, ind) for i, ind in enumerate(p.get("indicators") or [], start=1)
        )
    return _typed(pd.DataFrame(prows, columns=PROJECT_COLUMNS), ProjectRecord), _typed(
        pd.DataFrame(irows, columns=INDICATOR_COLUMNS), IndicatorRecord
    )


def _typed(df, record: type):
    import pandas as pd

    for name, col in columns(record):
        if col.dtype != "object":
            df[name] = pd.to_numeric(df[name], errors="coerce").astype(col.dtype)
    return df


def frame_to_json(projects, indicators) -> list[dict[str, Any]]:
    """The ``projects`` list of the JSON shape from the two dataframes of one file."""
    pkeys, ikeys = json_keys(ProjectRecord), json_keys(IndicatorRecord)
    by_pid: dict[Any, list[dict[str, Any]]] = {}
    if len(indicators):
        for r in indicators.to_dict("records"):
            by_pid.setdefault(r.get("project_id"), []).append({k: plain(r.get(k)) for k in ikeys})
    out = []
    for p in projects.to_dict("records") if len(projects) else []:
        proj = {k: plain(p.get(k)) for k in pkeys}
        proj["indicators"] = by_pid.get(p.get("project_id"), [])
        out.append(proj)
    return out


PROJECT_COLUMNS = frame_columns(ProjectRecord)
INDICATOR_COLUMNS = frame_columns(IndicatorRecord)
_PROJECT_DEFAULTS = _defaults(ProjectRecord)
_INDICATOR_DEFAULTS = _defaults(IndicatorRecord)
