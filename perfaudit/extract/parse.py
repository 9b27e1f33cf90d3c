"""Grids -> projects and indicators, by labels only.

No position is fixed: a field is found by its label (项目名称, 预算数, 其中：财政资金, 年度总体目标 …)
and its value is the nearest cell to the right, or the cell below when the label sits in
a row of labels (资金支出计划's 3月底/6月底…, Shanghai's 项目总目标 | 年度总体目标).  The indicator
block starts at a header row naming 一级指标/二级指标/三级指标/指标值 and its columns are mapped
by header text, so a layout with the same labels in another arrangement needs no new code.

Tables that continue on the next page are stitched here: a grid that does not start a
new project continues the indicator block of the previous one (a repeated header row is
recognised and skipped), merged 一级/二级 cells are filled down across the break, and a row
cut in two by the break is joined back together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .grid import Cell, Grid
from .target import parse_target
from .text import clean_cell, label_key, label_unit, parse_money

# --------------------------------------------------------------------------- vocabulary

#: project field -> label keys (see text.label_key: no spaces, colons or "(元)" suffix)
PROJECT_LABELS: dict[str, tuple[str, ...]] = {
    "code": ("项目编码", "项目代码", "项目编号"),
    "name": ("项目名称",),
    "budget_total": ("预算数", "项目资金总额", "资金总额", "预算金额", "项目预算数", "预算总额", "项目总金额",
                     "年度预算数", "项目预算总额"),
    "budget_fiscal": ("其中财政资金", "财政资金", "其中财政拨款", "财政拨款资金", "财政性资金"),
    "budget_other": ("其他资金", "其中其他资金", "自筹资金", "其他来源资金"),
    "use": ("资金用途", "预算规模及资金用途", "项目资金用途", "资金使用方向"),
    "goal": ("年度总体目标", "年度绩效目标", "年度目标", "目标内容", "绩效目标", "总体目标", "项目年度目标"),
    "plan": ("资金支出计划", "资金支出进度计划", "预算执行计划"),
    "unit_name": ("单位名称", "预算单位", "部门名称", "申报单位", "项目单位", "预算单位名称"),
    "unit_code": ("单位编码", "单位代码", "部门编码", "预算单位编码"),
}
#: labels kept in ``extra`` under their own text
EXTRA_LABELS = (
    "项目性质", "项目类别", "项目类型", "项目属性", "主管部门", "实施单位", "计划开始日期", "计划完成日期",
    "项目总目标", "年度资金申请总额", "其中当年财政拨款", "当年财政拨款", "上年结转资金", "项目负责人",
    "联系电话", "项目期限", "实施期限", "起止时间", "中长期目标", "项目概况", "立项依据", "项目资金",
    "项目绩效目标", "项目实施内容", "项目设立依据", "项目起止时间", "资金来源",
)
GOAL_PRIORITY = ("年度总体目标", "年度绩效目标", "项目年度目标", "年度目标", "目标内容", "绩效目标", "总体目标")
#: labels that head a group of other labels and take no value of their own
GROUP_LABELS = ("项目资金", "项目绩效目标", "绩效指标", "资金支出计划", "资金支出进度计划", "预算执行计划")
_PLAN_PERIOD = re.compile(r"^(\d{1,2}月(底|末|份)?|第?[一二三四1-4]季度(末)?|Q[1-4]|上半年|下半年|全年)$")
_TITLE = re.compile(r"绩效目标(表|申报表|填报表)|绩效目标表")
_DEPT_LINE = re.compile(r"^(?P<code>\d{3,12})\s*(?P<name>[^\d\s].{1,60})$")
_MONEY_UNIT_LINE = re.compile(r"单位\s*[:：]\s*(万元|元|千元|亿元)")
_GOAL_NUMBERING = re.compile(r"^\s*(\d+\s*[.、．]\s*)?(目标内容|目标)\s*\d*\s*[:：]?\s*|^\s*\d+\s*[.、．]\s*")

INDICATOR_FIELDS = ("level1", "level2", "level3", "description", "target", "basis")


def header_field(text: str) -> str | None:
    """Map an indicator-block header cell to its field."""
    k = label_key(text)
    if not k or len(k) > 16:
        return None
    if "一级指标" in k:
        return "level1"
    if "二级指标" in k:
        return "level2"
    if "三级指标" in k or k in ("指标名称", "绩效指标名称"):
        return "level3"
    if "依据" in k and "指标" in k:
        return "basis"
    if "指标值" in k or "目标值" in k:
        return "target"
    if k in ("绩效指标描述", "指标描述", "指标解释", "指标说明", "指标内容", "指标定义", "指标解释说明"):
        return "description"
    return None


_LABEL_INDEX: dict[str, str] = {}
for _f, _keys in PROJECT_LABELS.items():
    for _k in _keys:
        _LABEL_INDEX[_k] = _f
for _k in EXTRA_LABELS:
    _LABEL_INDEX.setdefault(_k, "extra")


def project_field(text: str) -> str | None:
    """Map a label cell to a project field (``"extra"`` for kept-as-is labels), or None."""
    k = label_key(text)
    if not k or len(k) > 14:
        return None
    f = _LABEL_INDEX.get(k)
    if f:
        return f
    if _PLAN_PERIOD.match(k):
        return "plan_period"
    if len(k) >= 4:  # tolerate OCR noise in longer labels
        from rapidfuzz import fuzz, process

        hit = process.extractOne(k, _LABEL_INDEX.keys(), scorer=fuzz.ratio, score_cutoff=88)
        if hit:
            return _LABEL_INDEX[hit[0]]
    return None


def is_label(cell: Cell) -> bool:
    return bool(cell.text) and (project_field(cell.text) is not None or header_field(cell.text) is not None)


# --------------------------------------------------------------------------- state


@dataclass
class _Project:
    fields: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    plan: list[dict[str, str]] = field(default_factory=list)
    goals: dict[str, str] = field(default_factory=dict)
    pages: list[int] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    labels_seen: set[str] = field(default_factory=set)
    title: str | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    money_unit: str | None = None
    source: str = "pdf"
    has_header: bool = False

    def add_page(self, page: int) -> None:
        if page not in self.pages:
            self.pages.append(page)


@dataclass
class _Header:
    cols: dict[str, tuple[int, int]]  # field -> (first col, last col)
    xs: dict[str, tuple[float, float]]  # field -> (x0, x1) when bboxes are known
    ncols: int


@dataclass
class _Context:
    title: str | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    money_unit: str | None = None

    def read(self, lines: list[str]) -> None:
        for ln in lines:
            m = _MONEY_UNIT_LINE.search(ln)
            if m:
                self.money_unit = m.group(1)
                continue
            if _TITLE.search(ln):
                self.title = ln
                continue
            d = _DEPT_LINE.match(ln)
            if d and not re.search(r"第.页|共.页", ln):
                self.unit_code, self.unit_name = d.group("code"), d.group("name").strip()


# --------------------------------------------------------------------------- parser


class Parser:
    """Walks grids in document order and collects projects."""

    def __init__(self) -> None:
        self.projects: list[_Project] = []
        self.cur: _Project | None = None
        self.header: _Header | None = None
        self.ctx = _Context()
        self.last_level: dict[str, str] = {}

    # -- entry
    def feed(self, grid: Grid) -> None:
        self.ctx.read(grid.context)
        rows = grid.rows()
        continuing = self.cur is not None and self.header is not None and not self._starts_project(grid)
        first_body_row = True
        for r, row in enumerate(rows):
            cells = [c for c in row if c.text]
            if not cells:
                continue
            texts = [c.text for c in cells]
            # a title row inside the grid (Shanghai: 财政项目支出绩效目标填报表 / （2023年度）)
            if len(cells) == 1 and cells[0].colspan >= max(grid.ncols - 1, 1) and not is_label(cells[0]):
                self._title_line(cells[0].text)
                continue
            if self._is_header_row(row):
                if self.cur is None:
                    self._new_project(grid)
                self.header = self._make_header(row, grid)
                self.cur.has_header = True
                continue
            fields = [project_field(t) for t in texts]
            if any(f in ("name", "code") for f in fields) and self._project_complete_for(fields):
                self._new_project(grid)
                self.header = None
            if self.header is not None and self.cur is not None and not any(
                f in ("name", "code", "budget_total", "goal") for f in fields
            ):
                self._indicator_row(grid, r, row, fragment_ok=continuing and first_body_row)
                first_body_row = False
                continue
            if any(f is not None for f in fields):
                if self.cur is None:
                    self._new_project(grid)
                self._label_row(grid, row)
        self.ctx = _Context(money_unit=self.ctx.money_unit)  # title/unit line belong to one table

    def _title_line(self, text: str) -> None:
        if _TITLE.search(text):
            if self.cur is not None and self.cur.indicators:
                self.cur = None
                self.header = None
            self.ctx.title = text
        m = _MONEY_UNIT_LINE.search(text)
        if m:
            self.ctx.money_unit = m.group(1)

    def _starts_project(self, grid: Grid) -> bool:
        if self.ctx.title and grid.context:
            return True
        for row in grid.rows()[:6]:
            for c in row:
                if project_field(c.text) in ("name", "code"):
                    return True
                if c.text and _TITLE.search(c.text):
                    return True
        return False

    def _project_complete_for(self, fields: list[str | None]) -> bool:
        """A name/code label starts a new project unless the current one still lacks it."""
        if self.cur is None:
            return True
        return any(f in self.cur.labels_seen for f in fields if f in ("name", "code")) or bool(self.cur.indicators)

    def _new_project(self, grid: Grid) -> None:
        p = _Project(source=grid.source)
        p.title = self.ctx.title
        p.unit_code, p.unit_name = self.ctx.unit_code, self.ctx.unit_name
        p.money_unit = self.ctx.money_unit
        self.ctx.title = None
        self.projects.append(p)
        self.cur = p
        self.last_level = {}
        self.header = None

    # -- label/value pairs
    def _label_row(self, grid: Grid, row: list[Cell]) -> None:
        cells = row
        labels = [c for c in cells if c.text and project_field(c.text)]
        only_labels = all((not c.text) or project_field(c.text) for c in cells)
        for lab in labels:
            f = project_field(lab.text)
            unit = label_unit(lab.text)
            if unit:
                self.cur.money_unit = unit
            self.cur.add_page(lab.page)
            if label_key(lab.text) in GROUP_LABELS and f != "goal":
                continue
            value_cell = None
            if only_labels:
                value_cell = self._below(grid, lab)
            else:
                right = [c for c in cells if c.col > lab.right]
                if right and not (right[0].text and project_field(right[0].text)):
                    value_cell = right[0]
                elif lab.rowspan > 1:
                    value_cell = self._spanned(grid, lab)
            self._assign(f, lab, value_cell)

    def _below(self, grid: Grid, lab: Cell) -> Cell | None:
        below = grid.at(lab.bottom + 1, lab.col)
        if below is None or below.row <= lab.row or below is lab:
            return None
        if below.text and project_field(below.text):
            return None
        return below

    def _spanned(self, grid: Grid, lab: Cell) -> Cell | None:
        """For a label spanning rows (预算规模及资金用途): a value cell to its right in a lower row."""
        for rr in range(lab.row + 1, lab.bottom + 1):
            for c in sorted((c for c in grid.cells if c.row == rr and c.col > lab.right), key=lambda c: c.col):
                if c.text and not project_field(c.text):
                    return c
                break
        return None

    def _assign(self, f: str, lab: Cell, value: Cell | None) -> None:
        p = self.cur
        text = value.text if value is not None else ""
        key = label_key(lab.text)
        if f == "plan_period":
            p.plan.append({"label": key, "value": text})
            return
        if f == "plan":
            return
        if f == "goal":
            p.goals.setdefault(key, text)
            return
        if f == "extra" or f in p.labels_seen:
            k = key
            if k in p.extra:
                k = f"{k}({len([x for x in p.extra if x.startswith(key)]) + 1})"
            p.extra[k] = text
            return
        p.labels_seen.add(f)
        if f in ("budget_total", "budget_fiscal", "budget_other"):
            p.fields[f] = parse_money(text)
            if text and p.fields[f] is None:
                p.extra[key] = text
        else:
            p.fields[f] = text or None

    # -- indicator block
    def _is_header_row(self, row: list[Cell]) -> bool:
        found = {header_field(c.text) for c in row if c.text}
        found.discard(None)
        return len(found & {"level1", "level2", "level3"}) >= 2 or {"level3", "target"} <= found

    def _make_header(self, row: list[Cell], grid: Grid) -> _Header:
        cols, xs = {}, {}
        for c in row:
            f = header_field(c.text) if c.text else None
            if f and f not in cols:
                cols[f] = (c.col, c.right)
                if c.bbox:
                    xs[f] = (c.bbox[0], c.bbox[2])
        return _Header(cols, xs, grid.ncols)

    def _field_cell(self, grid: Grid, r: int, f: str, row: list[Cell]) -> Cell | None:
        h = self.header
        if f not in h.cols:
            return None
        if grid.ncols != h.ncols and h.xs.get(f) and all(c.bbox for c in row):
            x0, x1 = h.xs[f]
            for c in grid.cells:
                if c.row <= r <= c.bottom and c.bbox and x0 - 2 <= (c.bbox[0] + c.bbox[2]) / 2 <= x1 + 2:
                    return c
            return None
        return grid.at(r, h.cols[f][0])

    def _indicator_row(self, grid: Grid, r: int, row: list[Cell], fragment_ok: bool) -> None:
        vals: dict[str, str] = {}
        own: dict[str, bool] = {}
        page = row[0].page if row else grid.page
        conf = 1.0
        for f in INDICATOR_FIELDS:
            c = self._field_cell(grid, r, f, row)
            vals[f] = c.text if c is not None else ""
            own[f] = c is not None and c.row == r
            if c is not None and (c.text or c.confidence < 1.0):  # an unreadable empty cell counts too
                conf = min(conf, c.confidence)
        if not any(vals[f] for f in ("level3", "description", "target", "basis")):
            if vals["level1"] and own["level1"]:
                self.last_level["level1"] = vals["level1"]
            return
        prev = self.cur.indicators[-1] if self.cur.indicators else None
        new_level = (own["level1"] and vals["level1"]) or (own["level2"] and vals["level2"])
        # a row cut in two by a page break: the continuation has no 一级/二级 text of its own
        # and leaves empty a column the previous row filled (its basis, its target …)
        partial = prev is not None and any(
            prev.get(f) and not vals[f] for f in ("level3", "description", "target", "basis") if f in self.header.cols
        )
        if fragment_ok and prev is not None and not new_level and (grid.open_top or partial):
            for f in ("level3", "description", "target", "basis"):
                if vals[f] and own[f]:
                    prev[f] = clean_cell((prev[f] or "") + "\n" + vals[f])
            self._finish_target(prev)
            self.cur.add_page(page)
            return
        for f in ("level1", "level2"):
            if vals[f]:
                self.last_level[f] = vals[f]
            else:
                vals[f] = self.last_level.get(f, "")
        ind = {f: (vals[f] or None) for f in INDICATOR_FIELDS}
        if "description" not in self.header.cols:
            ind["description"] = None
        if "basis" not in self.header.cols:
            ind["basis"] = None
        ind["target"] = vals["target"]
        ind["page"] = page
        ind["bbox"] = row_box(row)  # where the row sits on its page (annotations, the workbench)
        ind["confidence"] = round(conf, 3)
        self._finish_target(ind)
        self.cur.indicators.append(ind)
        self.cur.add_page(page)

    @staticmethod
    def _finish_target(ind: dict[str, Any]) -> None:
        t = parse_target(ind.get("target") or "")
        ind["target"] = t.text or None
        ind["operator"], ind["value"], ind["unit"], ind["target_kind"] = t.operator, t.value, t.unit, t.kind

    # -- output
    def results(self) -> list[dict[str, Any]]:
        out = []
        for p in self.projects:
            if not p.has_header or not (p.indicators or p.fields.get("name")):
                continue
            goal = next((p.goals[k] for k in GOAL_PRIORITY if p.goals.get(k)), None)
            for k, v in p.goals.items():
                if v and v != goal:
                    p.extra.setdefault(k, v)
            if goal:
                goal = _GOAL_NUMBERING.sub("", goal, count=1).strip() or goal
            unit_name = p.unit_name or p.fields.get("unit_name") or p.extra.get("实施单位") or p.extra.get("主管部门")
            layout = "generic"
            if "资金支出计划" in "".join(p.labels_seen) or p.plan:
                layout = "hebei"
            if "年度资金申请总额" in p.extra or "项目总目标" in p.extra:
                layout = "shanghai"
            out.append({
                "code": p.fields.get("code"),
                "name": p.fields.get("name"),
                "unit_code": p.unit_code or p.fields.get("unit_code"),
                "unit_name": unit_name,
                "money_unit": p.money_unit,
                "budget_total": p.fields.get("budget_total"),
                "budget_fiscal": p.fields.get("budget_fiscal"),
                "budget_other": p.fields.get("budget_other"),
                "use": p.fields.get("use"),
                "goal": goal,
                "plan": p.plan,
                "pages": sorted(p.pages),
                "layout": layout,
                "title": p.title,
                "extra": p.extra,
                "source": p.source,
                "indicators": p.indicators,
            })
        return out


def row_box(row: list[Cell]) -> tuple[float, float, float, float] | None:
    """A row's box (x0, top, x1, bottom in page points) across its cells, or None without boxes.

    Its height is the shortest cell's: a merged 一级指标 cell starting on this row spans the rows below."""
    boxes = [c.bbox for c in row if c.bbox]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), min(b[3] for b in boxes))


def row_boxes(projects: list[dict[str, Any]]) -> dict[tuple[str, int], tuple[int, tuple[float, ...]]]:
    """``(project_id, row) -> (page, bbox)`` for the indicator rows whose position is known."""
    out = {}
    for n, p in enumerate(projects, start=1):
        for i, ind in enumerate(p.get("indicators") or [], start=1):
            if ind.get("bbox") and ind.get("page"):
                out[(str(n), i)] = (int(ind["page"]), tuple(ind["bbox"]))
    return out


def parse_grids(grids: list[Grid]) -> list[dict[str, Any]]:
    """Projects (JSON shape, see serialize.py) found in the grids, in document order."""
    parser = Parser()
    for g in grids:
        parser.feed(g)
    return parser.results()
