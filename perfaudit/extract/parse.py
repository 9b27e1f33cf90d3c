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

from ..record import MONEY_FIELDS, IndicatorRecord, ProjectRecord, json_keys
from .grid import Cell, Grid
from .layouts import KIND_DEPARTMENT, KIND_PROJECT, vocabulary
from .target import parse_target
from .text import clean_cell, label_key, label_unit, parse_money

# --------------------------------------------------------------------------- vocabulary
# Every label lives in perfaudit/data/layouts.toml (see layouts.py); nothing here is a layout.

_PLAN_PERIOD = re.compile(r"^(\d{1,2}月(底|末|份)?|第?[一二三四1-4]季度(末)?|Q[1-4]|上半年|下半年|全年)$")
_TITLE = re.compile(r"绩效目标(表|申报表|填报表)|绩效目标表|预算表\d|表[十一二三四五六七八九]+\s")
_DEPT_LINE = re.compile(r"^(?P<code>\d{3,12})\s*(?P<name>[^\d\s_].{1,60})$")
_MONEY_UNIT_LINE = re.compile(r"单位\s*[:：]\s*(万元|元|千元|亿元)")
_GOAL_NUMBERING = re.compile(r"^\s*(\d+\s*[.、．]\s*)?(目标内容|目标)\s*\d*\s*[:：]?\s*|^\s*\d+\s*[.、．]\s*")
_DEPT_NAME_LINE = re.compile(
    r"(?P<label>部门|单位)名称\s*[:：]?\s*(?P<name>\S+?)(?:\s|单位\s*[:：]|金额单位|$)"
)
#: a project code as budget systems print it: 11000026T000003742841, 13030322P00408910001D
_PROJECT_CODE = re.compile(r"(?<![0-9A-Z])\d{6,8}[A-Z]\d{9,}[0-9A-Z]*")
#: the year printed under a title: （2026年度）
_YEAR_LINE = re.compile(r"^\s*[（(]?\s*(\d{4})\s*[（(]?\s*年度\s*[)）]\s*$")  # also 2026（年度）
#: the names of 一级/二级 indicators every template uses
_LEVEL_NAME = re.compile(
    r"^(产出|效益|满意度|成本|数量|质量|时效|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|经济成本|"
    r"社会成本|生态环境成本)指标$"
)
#: one cell joining the three levels (Beijing 预算13表 绩效指标): 产出指标质量指标高技能人才占比…
_JOINED_LEVELS = re.compile(
    r"^(产出指标|效益指标|满意度指标|成本指标)(数量指标|质量指标|时效指标|成本指标|经济效益指标|社会效益指标|"
    r"生态效益指标|可持续影响指标|服务对象满意度指标|满意度指标|经济成本指标|社会成本指标|生态环境成本指标)(.+)$"
)
_TASK_TOTAL = ("总额", "合计", "小计", "金额")
_TASK_SUM = ("金额合计", "合计", "总计", "合计金额", "资金合计")
_SHEET_TAG = re.compile(r"^(表|附件|附表)\s*[\d一二三四五六七八九十-]+$")
_UNIT_CODE = re.compile(r"^(?P<code>\d{5,})\s*[_\-]?\s*(?P<name>\D.*)$")
#: a title naming its unit and project: 301007_泉州市公安局晋江国际机场分局_机场公安综合修缮改造项目绩效目标表
_TITLE_NAME = re.compile(
    r"^(?:(?P<code>\d{3,})_(?P<unit>[^_]+)_)?(?P<name>.+?)(项目)?(支出)?绩效目标(申报)?表$"
)
_NOT_A_NAME = re.compile(r"预算表|表\d|^表|^[（(]|部门|单位|整体|年度|专项资金|^\d{4}年?$")
_SECOND_ITEM = re.compile(r"(^|[^\d])2\s*[.、．]|目标\s*2|[（(]2[)）]")
#: a code printed with a department's name: [292]国家信访局, 教育部 105, 229_烟台市信访局
_DEPT_CODE = re.compile(r"^\s*[\[【(（]?\d{3,}[\]】)）_\-]?\s*|\s+\d{3,}\s*$")
#: a code joined to its name: 11000026T000003742841-就业管理工作经费项目, 301007_福州市…, 229_烟台市信访局
_CODE_NAME = re.compile(r"^(?P<code>[0-9A-Z]{5,}[0-9][0-9A-Z]*)\s*[-_－—]\s*(?P<name>\S.*)$")

_NOT_A_LABEL = re.compile(r"^(\d+|[一二三四五六七八九十]+|序号|合计|小计|总计)$")
#: indicator fields read from the table's columns: the record's JSON keys (perfaudit.record) less those
#: the parser fills itself (the page, the target's parsed parts, the OCR confidence)
PARSER_FILLED = frozenset({"page", "operator", "value", "unit", "target_kind", "confidence"})
INDICATOR_FIELDS = tuple(k for k in json_keys(IndicatorRecord) if k not in PARSER_FILLED)
#: columns read only to build the target (operator / value / unit printed apart)
PART_FIELDS = ("operator", "unit")
#: fields whose text makes a row an indicator
CONTENT_FIELDS = ("level3", "description", "target", "basis", "annual_target", "period_target")
#: project fields that also keep their label in ``extra`` (they were extra before they were fields)
ALSO_EXTRA = ("department", "period", "period_goal")


def vocab():
    return vocabulary()


def header_field(text: str) -> str | None:
    """Map an indicator-block header cell to its field."""
    return vocab().indicator_field(text)


def project_field(text: str) -> str | None:
    """Map a label cell to a project field (``"extra"`` for kept-as-is labels), or None."""
    memo = _PROJECT_FIELD_MEMO
    if text not in memo:
        if len(memo) > 50_000:
            memo.clear()
        memo[text] = _project_field(text)
    return memo[text]


_PROJECT_FIELD_MEMO: dict[str, str | None] = {}


def _project_field(text: str) -> str | None:
    k = label_key(text)
    if not k or len(k) > 20:
        return None
    index = vocab().project_index
    f = index.get(k)
    if f:
        return f
    if _PLAN_PERIOD.match(k):
        return "plan_period"
    if 4 <= len(k) <= 14:  # tolerate OCR noise in longer labels
        from rapidfuzz import fuzz, process

        hit = process.extractOne(k, index.keys(), scorer=fuzz.ratio, score_cutoff=88)
        if hit:
            return index[hit[0]]
    return None


_ROWS_INDEX: dict[int, tuple[Grid, list[list[Cell]]]] = {}
_NCOLS: dict[int, tuple[Grid, int]] = {}


def _ncols(grid: Grid) -> int:
    hit = _NCOLS.get(id(grid))
    if hit is None or hit[0] is not grid:
        if len(_NCOLS) > 64:
            _NCOLS.clear()
        hit = _NCOLS[id(grid)] = (grid, grid.ncols)
    return hit[1]


def _rows_index(grid: Grid) -> list[list[Cell]]:
    """For each row of ``grid``, the cells covering it (computed once per grid: lookups stay linear)."""
    hit = _ROWS_INDEX.get(id(grid))
    if hit is not None and hit[0] is grid:
        return hit[1]
    rows: list[list[Cell]] = [[] for _ in range(grid.nrows)]
    for c in grid.cells:
        for r in range(c.row, c.bottom + 1):
            rows[r].append(c)
    if len(_ROWS_INDEX) > 64:
        _ROWS_INDEX.clear()
    _ROWS_INDEX[id(grid)] = (grid, rows)
    return rows


def _known_fragment(key: str) -> bool:
    """A header text that is no column of its own: a group label (drawn twice: 绩效指标绩效指标), a number."""
    groups = vocab().group_labels
    key = re.sub(r"[\d.,，%()（）]", "", key) or key
    return bool(_NOT_A_LABEL.match(key)) or any(
        (key.startswith(g) and set(key) <= set(g)) or (len(key) >= 3 and g.startswith(key)) for g in groups
    )


def is_label(cell: Cell) -> bool:
    return bool(cell.text) and (project_field(cell.text) is not None or header_field(cell.text) is not None)


def label_inside(key: str) -> tuple[str, str, str] | None:
    """A known label drawn in one cell with other text (``项目总额1,620.200000``, or interleaved
    with it when two cells overlap): ("project"|"indicator", field, the other text)."""
    voc = vocab()
    labels = [(k, "project", f) for k, f in voc.project_index.items() if f not in ("extra",) and len(k) >= 4]
    labels += [(k, "indicator", f) for f, exact, _ in voc.indicator_fields for k in exact if len(k) >= 4]
    for k, kind, f in sorted(labels, key=lambda x: -len(x[0])):
        if k in key:
            return kind, f, key.replace(k, "", 1)
    for k, kind, f in sorted(labels, key=lambda x: -len(x[0])):
        rest, pos = _subsequence_rest(key, k)
        if pos:
            return kind, f, rest
    return None


def _subsequence_rest(text: str, label: str) -> tuple[str, bool]:
    """``text`` without the characters of ``label`` taken in order, and whether all were found."""
    out, j = [], 0
    for ch in text:
        if j < len(label) and ch == label[j]:
            j += 1
        else:
            out.append(ch)
    return "".join(out), j == len(label)


#: an empty line of the printed template: 指标1： / 指标： / …… (no indicator named, no value)
_PLACEHOLDER = re.compile(r"^(指标\d*|…+|\.{3,})$")
_PACKED_ITEM = re.compile(r"(?:^|[。；;])\s*\d{1,3}、")
_DRAWN_DIGITS = re.compile(r"[\d.,]+")
_LEVEL_CODE = re.compile(r"^\s*\d+\s*[-－—]\s*")


def unpack_indicators(text: str) -> list[dict[str, Any]]:
    """Indicators packed in one cell (Guangzhou): ``1、1-产出指标；11-数量指标；名称；实施周期指标值:…；年度指标值:…。``"""
    items = [x for x in _PACKED_ITEM.split(text or "") if x.strip()]
    out = []
    for item in items:
        parts = [x.strip() for x in re.split(r"[；;]", item.strip().rstrip("。")) if x.strip()]
        if len(parts) < 3 or not _LEVEL_CODE.match(parts[0]):
            return []  # not the packed form: read as one cell
        ind = dict.fromkeys(INDICATOR_FIELDS)
        ind["level1"], ind["level2"] = _LEVEL_CODE.sub("", parts[0]), _LEVEL_CODE.sub("", parts[1])
        names = []
        for part in parts[2:]:
            m = re.match(r"^([^:：]{2,12})[:：](.*)$", part)
            k, v = (m.group(1), m.group(2)) if m else (part, "")
            key = label_key(k)
            f = "period_target" if "实施周期" in key else "annual_target" if "年度指标值" in key else None
            if f:
                ind[f] = v.strip() or None
            else:
                names.append(part)
        ind["level3"] = "；".join(names) or None
        ind["target"] = ind["annual_target"] or ind["period_target"]
        out.append(ind)
    return out


def _label_under_digits(text: str) -> str | None:
    """A header label with the amount of a cell cut at the page break drawn through it
    (财政1资9.金015014, Beijing 预算表12 page tops): the label alone, if it is a known one."""
    s = _DRAWN_DIGITS.sub("", text)
    return s if s != text and project_field(s) else None


def split_code_name(text: str | None) -> tuple[str | None, str | None]:
    """``11000026T000003742841-就业管理工作经费项目`` -> (code, name); otherwise (None, text)."""
    m = _CODE_NAME.match(text or "")
    if m and not m.group("code").isalpha() and re.search(r"[\u4e00-\u9fff]", m.group("name")):
        return m.group("code"), m.group("name").strip()
    return None, text


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
    label_keys: set[str] = field(default_factory=set)
    indicator_fields: set[str] = field(default_factory=set)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    title: str | None = None
    kind: str = KIND_PROJECT
    unit_code: str | None = None
    unit_name: str | None = None
    money_unit: str | None = None
    source: str = "pdf"
    has_header: bool = False
    in_tasks: bool = False
    department: str | None = None  # 部门名称：… printed above the table
    year: str | None = None  # （2026年度） under the title: the period when no 实施周期 is labelled
    column_mode: bool = False  # read from project columns of a continuous table
    unit_rows: bool = False  # the name column also holds 资金使用单位 rows grouping the projects below them
    #: page of a full indicator header (一级/二级/三级…) of this project; in department tables it
    #: comes between 年度主要任务 and the indicators
    header_page: int | None = None
    confidence: float = 1.0  # lowest confidence of the OCR'd label/value cells read into ``fields``

    def add_page(self, page: int) -> None:
        if page not in self.pages:
            self.pages.append(page)


@dataclass
class _Header:
    cols: dict[str, tuple[int, int]]  # indicator field -> (first col, last col)
    xs: dict[str, tuple[float, float]]  # field -> (x0, x1) when bboxes are known
    ncols: int
    #: project fields printed as columns of the same table (Beijing, Changsha, Chongqing 表十二)
    proj_cols: dict[str, tuple[int, int]] = field(default_factory=dict)
    proj_xs: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: text of the first data row drawn inside a header cell (no ruling between them): field -> text
    carry: dict[str, str] = field(default_factory=dict)
    proj_keys: dict[str, str] = field(default_factory=dict)  # project field -> its header label key
    money_unit: str | None = None  # a unit written in a header label: 年度资金总额(万元)
    row: int = -1  # the header row's index in its grid
    grid: int = 0  # id() of the grid holding the header row

    @property
    def column_projects(self) -> bool:
        return "name" in self.proj_cols or "code" in self.proj_cols


@dataclass
class _Context:
    title: str | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    money_unit: str | None = None
    department: str | None = None
    year: str | None = None  # （2026年度） printed under the title
    unit_line: str | None = None  # 单位名称：… printed above the table

    def read(self, lines: list[str]) -> None:
        prev = ""
        for ln in lines:
            y = _YEAR_LINE.match(ln)
            if y:
                self.year = f"{y.group(1)}年度"
                continue
            if _TITLE.search(ln) and prev and "绩效" not in prev and not _MONEY_UNIT_LINE.search(prev):
                ln = prev + ln  # a long title wrapped over two lines
            prev = ln
            d = _DEPT_NAME_LINE.search(ln)
            if d:
                self.department = d.group("name")
                self.unit_line = d.group("name") if d.group("label") == "单位" else None
            m = _MONEY_UNIT_LINE.search(ln)
            if m:
                self.money_unit = m.group(1)
                if len(ln) - m.end() < 2 and m.start() < 4:
                    continue
            if _TITLE.search(ln) and "绩效" in ln + (self.title or ""):
                self.title = ln if _TITLE.search(ln) and "绩效" in ln else self.title
                continue
            d = _DEPT_LINE.match(ln)
            if d and not re.search(r"第.页|共.页", ln):
                self.unit_code, self.unit_name = d.group("code"), d.group("name").strip()
        if not self.title:  # a title wrapped right before its last word: …绩效 / 目标表
            for a, b in zip(lines, lines[1:], strict=False):
                if _TITLE.search(a + b) and "绩效" in a + b:
                    self.title = a + b


@dataclass
class _Issue:
    code: str
    zh: str
    en: str
    page: int | None = None


# --------------------------------------------------------------------------- parser


class Parser:
    """Walks grids in document order and collects projects."""

    def __init__(self) -> None:
        self.projects: list[_Project] = []
        self.cur: _Project | None = None
        self.header: _Header | None = None
        self.ctx = _Context()
        self.last_level: dict[str, str] = {}
        self.no_levels_yet: list[dict[str, Any]] = []  # indicators read before the table's first 一级 label
        self.kind = KIND_PROJECT  # kind of the table being read (from its title)
        self.issues: list[_Issue] = []
        self.name_cell_open = False  # the current project's name cell reaches its grid's last row
        self.pre_header: list[Cell] = []
        self.table_title: str | None = None  # the title of the table being read
        self.header_at = -1  # row of the indicator header in the grid being read (-1: none)
        self.last_header: _Header | None = None  # the last indicator header read
        self.task_money_cols: dict[str, int] = {}  # 年度主要任务: money field -> column of its amounts
        #: columns of a table whose targets are prose only (项目 | 预算数 | 绩效目标, no indicator grid)
        self.prose: dict[str, int] | None = None
        self.prose_tables: list[list[_Project]] = []
        self.codes_seen: dict[str, int] = {}  # project code -> first page it is printed on

    # -- entry
    def _start_grid(self, grid: Grid) -> bool:
        """Read the lines above a grid; does the grid continue the table being read?"""
        self.ctx.read(grid.context)
        for c in grid.cells:  # project codes printed in the tables: checked against the projects read
            if c.text and len(c.text) >= 15:
                for code in _PROJECT_CODE.findall(c.text):
                    self.codes_seen.setdefault(code, c.page)
        if self._new_title():  # a titled table starts: whatever was open is finished
            self._set_title(self.ctx.title)
            self.cur, self.header, self.prose = None, None, None
        return self.cur is not None and self.header is not None and not self._starts_project(grid)

    def _line_row(self, grid: Grid, cells: list[Cell]) -> bool:
        """A row that is one line of text (a title, 金额单位：万元, a name printed across the table)."""
        if len(cells) != 1:
            return False
        if _MONEY_UNIT_LINE.search(cells[0].text) and len(cells[0].text) <= 12:
            self._title_line(cells[0].text)  # 金额单位：万元 in a cell of its own above the header
            return True
        if cells[0].colspan >= max(grid.ncols - 1, 1) and not is_label(cells[0]):
            if not self._inline_name(grid, cells):
                self._title_line(cells[0].text)
            return True
        return False

    def feed(self, grid: Grid) -> None:
        continuing = self._start_grid(grid)
        rows = grid.rows()
        first_body_row = True
        prev_header = False
        header_bottom = -1
        # rows above this grid's first indicator header are labels of a table, never indicators
        self.header_at = next((r for r, row in enumerate(rows) if self._is_header_row(row)), -1)
        # a column table's tail drawn above the repeated header on the next page
        tail_until = -1
        if continuing and self.header.column_projects:
            tail_until = next((r for r, row in enumerate(rows) if self._is_header_row(row)), -1)
        for r, row in enumerate(rows):
            cells = [c for c in row if c.text]
            if not cells:
                continue
            if self._line_row(grid, cells):
                continue
            if r + 1 < len(rows) and self._is_header_continuation(row) and self._is_header_row(rows[r + 1]):
                self.pre_header = row  # the upper half of a two-row header (单位编码 | 单位（项目）名称 …)
                continue
            if self._prose_header(row):
                continue
            if self.prose is not None and not self._is_header_row(row):
                self._prose_row(grid, r, row)
                continue
            if self._is_header_row(row):
                self.prose = None
                self._header_row(grid, row)
                prev_header = True
                header_bottom = max((c.bottom for c in row if c.text and header_field(c.text)), default=r)
                continue
            # the lower half of a two-row header, maybe with a cut cell's text drawn through it
            if prev_header and (self._is_header_continuation(row) or r <= header_bottom):
                self._extend_header(row)
                continue
            prev_header = False
            if r < tail_until:
                if any(_MONEY_UNIT_LINE.search(c.text) for c in cells):
                    continue  # the row of 金额单位：万元 in the repeated page head (and a cut cell's text)
                had_content = self._has_content(grid, r, row)
                self._indicator_row(grid, r, row, fragment_ok=first_body_row)
                first_body_row = first_body_row and not had_content  # a cut cell's text above the header
                continue
            self._body_row(grid, r, row, cells, fragment_ok=continuing and first_body_row)
            first_body_row = False
        # the title and unit lines belong to one table; money unit, year and department carry on, but
        # not the 单位：万元 of a table that is no 绩效目标表 (Yantai's 项目支出预算情况表 before its targets)
        reading = self.header is not None or self.prose is not None or self.ctx.title
        unit = self.ctx.money_unit if reading else None
        self.ctx = _Context(money_unit=unit, department=self.ctx.department)

    def _body_row(self, grid: Grid, r: int, row: list[Cell], cells: list[Cell], fragment_ok: bool) -> None:
        texts = [c.text for c in cells]
        fields = [project_field(t) for t in texts]
        if self.header is not None and self.header.column_projects:
            self._column_project_row(grid, r, row, fragment_ok)
            self._indicator_row(grid, r, row, fragment_ok)
            return
        if self.header is not None and self.header.proj_cols and self.cur is not None:
            self._project_cells(
                grid, r, row
            )  # amounts beside the indicators under one header (长沙 部门整体)
        if self._indicator_named_like_label(grid, r, row):
            self._indicator_row(grid, r, row, fragment_ok)
            return
        if self._inline_name(grid, cells):
            return
        if self._task_money_header(cells):
            return
        if self.header is None and self.last_header is not None and self._levels_row(cells, grid):
            self.header = self.last_header  # a table printed without its indicator header (Xi'an 2020 表16)
            self.cur.has_header = True
            self.cur.indicator_fields |= set(self.header.cols)
            self.issues.append(
                _Issue(
                    "no_header",
                    f"第 {grid.page} 页的指标表没有表头（一级指标/二级指标…），已按上一表的栏目读取，请核对",
                    f"page {grid.page}: an indicator table without its header row was read with the previous table's columns",
                    grid.page,
                )
            )
        starts = any(f in ("name", "code") for f in fields) and self._project_complete_for(fields)
        # a department table is headed by its 部门（单位）名称: the next one starts a new table
        starts = starts or (
            "department" in fields
            and self.cur is not None
            and bool(self.cur.indicators)
            and self.cur.kind != KIND_PROJECT
        )
        if starts:
            self._new_project(grid)
            self.header = None
        elif self._labels_again(cells):  # a second table printed without its name label
            self._new_project(grid)
            self.cur.fields["name"] = self._unlabelled_name(grid)
        if (
            self.header is not None
            and self.cur is not None
            and not any(f in ("name", "code", "budget_total", "goal") for f in fields)
        ):
            self._indicator_row(grid, r, row, fragment_ok)
            return
        if any(f is not None for f in fields):
            if self.cur is None:
                self._new_project(grid)
            self._label_row(grid, row)
        elif self.cur is not None and self.cur.in_tasks:
            self._task_row(cells)

    # -- tables whose targets are prose only (Guangzhou 交通运输局: 项目 | 预算数 | 绩效目标)
    def _prose_header(self, row: list[Cell]) -> bool:
        """A header naming projects and their 绩效目标 but no indicator column starts a prose table."""
        texts = [c.text for c in row if c.text]
        fields = {project_field(t) for t in texts}
        if not {"name", "goal"} <= fields or any(header_field(t) or vocab().weak_field(t) for t in texts):
            return False
        cols = {
            project_field(c.text): c.col
            for c in row
            if c.text and project_field(c.text) in ("name", "goal", "budget_total")
        }
        continued, self.prose = self.prose == cols, cols
        self.cur, self.header = None, None
        if not continued:  # the header repeated at a page top goes on with the same table
            self.prose_tables.append([])
        return True

    def _prose_row(self, grid: Grid, r: int, row: list[Cell]) -> None:
        """One project per row; rows with no goal (合计, a unit's subtotal) are not projects.
        A goal cell holding packed indicator items gives them as the project's indicators."""
        text = {
            f: next((c.text for c in row if c.col <= col <= c.right), "") for f, col in self.prose.items()
        }
        goal, name = text.get("goal", ""), text.get("name", "")
        if not goal:
            return
        if not name and self.cur is not None and r == 0:  # a row cut by the page break
            key = next(iter(self.cur.goals), "绩效目标")
            self.cur.goals[key] = clean_cell(self.cur.goals.get(key, "") + "\n" + goal)
            return
        self._new_project(grid)
        p = self.cur
        p.has_header = True
        p.fields["name"] = name or None
        p.fields["budget_total"] = parse_money(text.get("budget_total"))
        page = row[0].page if row else grid.page
        packed = unpack_indicators(goal)
        for ind in packed:
            ind.update(page=page, confidence=1.0)
            self._finish_target(ind)
        p.indicators.extend(packed)
        if not packed:
            p.goals["绩效目标"] = goal
        p.add_page(page)
        self.prose_tables[-1].append(p)

    def code_issues(self, projects: list[dict[str, Any]]) -> None:
        """The project codes printed in the tables against the project tables read: a table cut
        or stitched wrongly shows as more (or fewer) projects than codes."""
        if len(self.codes_seen) < 2:
            return
        read = [p for p in projects if p["kind"] == KIND_PROJECT]
        found = {
            _PROJECT_CODE.search(p["code"] or "").group(0)
            for p in read
            if _PROJECT_CODE.search(p["code"] or "")
        }
        if len(read) == len(self.codes_seen) and found == set(self.codes_seen):
            return
        missing = [c for c in self.codes_seen if c not in found]
        page = self.codes_seen[missing[0]] if missing else min(self.codes_seen.values())
        self.issues.append(
            _Issue(
                "count_mismatch",
                f"表中印有 {len(self.codes_seen)} 个项目编码，读出 {len(read)} 个项目表"
                + (f"（{len(missing)} 个编码未对应到项目，首个在第 {page} 页）" if missing else "")
                + "，项目划分可能有误，请对照原件核对",
                f"{len(self.codes_seen)} project codes are printed but {len(read)} project tables were read"
                + (f" ({len(missing)} codes matched no project, the first on page {page})" if missing else "")
                + "; projects may be split or merged wrongly",
                page,
            )
        )

    def prose_issues(self) -> None:
        """Each prose-only table is said once: its targets cannot be checked as indicators."""
        for table in self.prose_tables:
            bare = [p for p in table if not p.indicators]
            if not bare:
                continue
            page = bare[0].pages[0] if bare[0].pages else None
            self.issues.append(
                _Issue(
                    "prose_targets",
                    f"第 {page} 页起的表格绩效目标为文字表述，未找到指标表（一级/二级/三级指标、指标值）："
                    f"{len(bare)} 个项目只读取了绩效目标文字，指标类审核无法进行",
                    f"from page {page}: performance targets are prose only, no indicator grid "
                    f"(一级/二级/三级指标, 指标值): {len(bare)} projects read with their goal text only",
                    page,
                )
            )

    def _inline_name(self, grid: Grid, cells: list[Cell]) -> bool:
        """A name label and its value drawn in one cell (专项（项目）名称伯乐奖): a new project."""
        if (
            len(cells) != 1
            or project_field(cells[0].text)
            or (self.cur is not None and not self.cur.indicators)
        ):
            return False  # only where a table ends and the next begins
        key = label_key(cells[0].text)
        label = next(
            (
                k
                for k, f in vocab().project_index.items()
                if f == "name" and len(k) >= 4 and key.startswith(k) and len(key) > len(k)
            ),
            None,
        )
        if label is None:
            return False
        self._new_project(grid)
        self._assign_text("name", label, key[len(label) :])
        self.cur.label_keys.add(label)
        return True

    def _levels_row(self, cells: list[Cell], grid: Grid) -> bool:
        """Does a row carry 一级/二级 indicator names (产出指标 | 数量指标 …) in the previous header's columns?"""
        h = self.last_header
        if self.cur is None or self.cur.indicators or h.ncols != grid.ncols or h.column_projects:
            return False
        return sum(bool(_LEVEL_NAME.match(label_key(c.text))) for c in cells) >= 2

    def _indicator_named_like_label(self, grid: Grid, r: int, row: list[Cell]) -> bool:
        """An indicator whose name is also a label (三级指标 资金总额 with its 指标值 414000)."""
        h = self.header
        if (
            h is None
            or self.cur is None
            or h.column_projects
            or "level3" not in h.cols
            or "target" not in h.cols
        ):
            return False
        if r < self.header_at:
            return False
        name = self._field_cell(grid, r, "level3", row)
        value = self._field_cell(grid, r, "target", row)
        if name is None or value is None or name is value or name.row != r or value.row != r:
            return False
        (a, b), (c, d) = h.cols["level3"], h.cols["target"]
        return (
            a <= name.col
            and name.right <= b
            and c <= value.col
            and value.right <= d
            and bool(name.text)
            and bool(value.text)
        )

    def _labels_again(self, cells: list[Cell]) -> bool:
        """Money labels once more after the current project's indicators: a new table (exact labels only)."""
        cur = self.cur
        if cur is None or not cur.indicators or cur.kind != KIND_PROJECT:
            return False
        index = vocab().project_index
        again = {index.get(label_key(c.text)) for c in cells} & {"budget_total", "budget_fiscal"}
        return bool(again & cur.labels_seen)

    @staticmethod
    def _unlabelled_name(grid: Grid) -> str | None:
        """The line printed above a table that names it without a label (a sheet's bare 项目 line)."""
        first = next((row for row in grid.rows() if any(c.text for c in row)), [])
        cells = [c for c in first if c.text]
        if len(cells) == 2 and "名称" in cells[0].text[:6] and project_field(cells[1].text) is None:
            return cells[1].text  # 部门名称：陕西省… | 通用项目—出国出境
        lines = [
            ln
            for ln in grid.context
            if not (_TITLE.search(ln) or _MONEY_UNIT_LINE.search(ln) or _SHEET_TAG.match(ln))
        ]
        if len(lines) == 1 and 2 <= len(lines[0]) <= 60 and not project_field(lines[0]):
            return lines[0]
        return None

    def _set_title(self, text: str) -> None:
        self.table_title = text
        kind = vocab().kind_of(text)
        self.kind = kind or KIND_PROJECT

    def _title_line(self, text: str) -> None:
        y = _YEAR_LINE.match(text)
        if y:
            self.ctx.year = f"{y.group(1)}年度"
            if self.cur is not None and not self.cur.indicators:
                self.cur.year = self.cur.year or self.ctx.year
        if _TITLE.search(text) and "绩效" in text:
            if self._title_again(text):
                return
            self.cur = None
            self.header = None
            self.ctx.title = text
            self._set_title(text)
        m = _MONEY_UNIT_LINE.search(text)
        if m:
            self.ctx.money_unit = m.group(1)

    def _title_again(self, text: str) -> bool:
        """The title of a continuous table (Beijing 预算表12) repeated at a page top, maybe with the
        text of a cell cut at the page break drawn through it: the table and its project go on."""
        if self.cur is None or self.header is None or not self.header.column_projects or not self.table_title:
            return False
        return _subsequence_rest(label_key(text), label_key(self.table_title))[1]

    def _new_title(self) -> bool:
        """A title above the grid that is not the page title repeated over a continuing table."""
        return bool(self.ctx.title) and (
            self.cur is None
            or not self.cur.has_header
            or label_key(self.ctx.title) != label_key(self.table_title or "")
        )

    def _starts_project(self, grid: Grid) -> bool:
        if self._new_title() and grid.context:
            return True
        for row in grid.rows()[:6]:
            for c in row:
                if project_field(c.text) in ("name", "code") and not (
                    self._is_header_row(row) or self._is_header_continuation(row)
                ):
                    return True
                if c.text and _TITLE.search(c.text) and "绩效" in c.text and not self._title_again(c.text):
                    return True
        return False

    def _project_complete_for(self, fields: list[str | None]) -> bool:
        """A name/code label starts a new project unless the current one still lacks it."""
        if self.cur is None:
            return True
        return any(f in self.cur.labels_seen for f in fields if f in ("name", "code")) or bool(
            self.cur.indicators
        )

    def _new_project(self, grid: Grid) -> None:
        p = _Project(source=grid.source, kind=self.kind)
        p.title = self.ctx.title or self.table_title
        p.unit_code, p.unit_name = self.ctx.unit_code, self.ctx.unit_name
        p.money_unit = self.ctx.money_unit or (self.header.money_unit if self.header else None)
        p.department = self.ctx.department
        if p.kind == KIND_DEPARTMENT and not p.unit_name:
            p.unit_name = self.ctx.unit_line  # 单位名称：重庆市商务委员会 above a 部门整体 table
        p.year = self.ctx.year
        self.projects.append(p)
        self.cur = p
        self.last_level = {}
        self.no_levels_yet = []
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
            key = label_key(lab.text)
            self.cur.label_keys.add(key)
            self.cur.kind = vocab().kind_labels.get(key, self.cur.kind)
            if key in ("年度主要任务", "年度重点工作任务"):
                self.cur.in_tasks = True
            if key in vocab().group_labels and f != "goal":
                continue
            if f in ("name", "code") and self.cur.in_tasks:
                continue  # 名称 over the 年度主要任务 rows names a task, not the table
            value_cell = None
            right = [c for c in cells if c.col > lab.right]
            if right and right[0].text and label_key(right[0].text) == key:
                continue  # 整体绩效目标 | 整体绩效目标 | text: the group label repeated as its first row's label
            if only_labels:
                value_cell = self._below(grid, lab)
            else:
                if right and not (right[0].text and project_field(right[0].text)):
                    value_cell = right[0]
                elif lab.rowspan > 1:
                    value_cell = self._spanned(grid, lab)
            self._assign(f, lab, value_cell)

    def _task_money_header(self, cells: list[Cell]) -> bool:
        """总额 | 财政拨款 | 其他资金 over the 年度主要任务 amounts: where the 金额合计 row puts the table's money."""
        if self.cur is None or not self.cur.in_tasks:
            return False
        index = vocab().project_index
        cols = {}
        for c in cells:
            k = label_key(c.text)
            f = "budget_total" if k in _TASK_TOTAL else index.get(k)
            if f not in MONEY_FIELDS:
                return False
            cols[f] = c.col
        self.task_money_cols = cols
        return bool(cols)

    def _task_row(self, cells: list[Cell]) -> None:
        """A row of 年度主要任务 (任务名称, 主要内容, 预算金额…) in a department table; its 金额合计 row
        gives the table's money."""
        texts = [c.text for c in cells]
        if cells and label_key(texts[0]) in _TASK_SUM and self.task_money_cols:
            for f, col in self.task_money_cols.items():
                c = next((c for c in cells if c.col <= col <= c.right), None)
                if c is not None and parse_money(c.text) is not None and not self.cur.fields.get(f):
                    self.cur.fields[f] = parse_money(c.text)
            return
        money = [parse_money(t) for t in texts]
        words = [t for t, m in zip(texts, money, strict=True) if m is None]
        amounts = [m for m in money if m is not None]
        if not words:
            return
        self.cur.tasks.append(
            {
                "name": words[0],
                "content": "".join(words[1:]) or None,
                "amount": amounts[0] if amounts else None,
            }
        )

    def _below(self, grid: Grid, lab: Cell) -> Cell | None:
        below = grid.at(lab.bottom + 1, lab.col)
        if below is None or below.row <= lab.row or below is lab:
            return None
        if below.text and label_key(below.text) in (
            "合计",
            "小计",
        ):  # 财政拨款 over 合计 | 基本支出 | 项目支出
            total = grid.at(below.bottom + 1, lab.col)
            return total if total is not None and total.row > below.row else None
        if below.text and project_field(below.text):
            return None
        return below

    def _spanned(self, grid: Grid, lab: Cell) -> Cell | None:
        """For a label spanning rows (预算规模及资金用途): a value cell to its right in a lower row."""
        for rr in range(lab.row + 1, lab.bottom + 1):
            for c in sorted(
                (c for c in grid.cells if c.row == rr and c.col > lab.right), key=lambda c: c.col
            ):
                if c.text and not project_field(c.text):
                    return c
                break
        return None

    def _assign(self, f: str, lab: Cell, value: Cell | None) -> None:
        if value is not None:  # an OCR'd header cell read below certainty marks the whole project
            self.cur.confidence = min(self.cur.confidence, value.confidence)
        self._assign_text(f, label_key(lab.text), value.text if value is not None else "")

    def _assign_text(self, f: str, key: str, text: str) -> None:
        p = self.cur
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
        if f in ALSO_EXTRA or key == "实施单位":
            p.extra.setdefault(key, text)
        if f in MONEY_FIELDS:
            p.fields[f] = parse_money(text)
            if text and p.fields[f] is None:
                p.extra[key] = text
        else:
            p.fields[f] = text or None

    # -- indicator block: header
    def _is_header_row(self, row: list[Cell]) -> bool:
        found = set()
        for c in row:
            if c.text:
                f = header_field(c.text) or vocab().weak_field(c.text)
                if f:
                    found.add(f)
        if len(found & {"level1", "level2", "level3"}) >= 2 or {"level3", "target"} <= found:
            return True
        # Guangzhou: 项目名称 | … | 绩效目标 | 绩效指标, every project's indicators packed in one cell
        return found == {"level3"} and any(project_field(c.text) == "name" for c in row if c.text)

    def _header_row(self, grid: Grid, row: list[Cell]) -> None:
        if self.cur is None:
            self._new_project(grid)
        old, self.header = self.header, self._make_header(row, grid)
        self._keep_project_columns(old, self.header)
        self.last_header = self.header
        self.cur.money_unit = self.cur.money_unit or self.header.money_unit
        for c in self.pre_header:
            if c.text and not header_field(c.text):
                self._header_label(self.header, c)
            elif c.text:  # an indicator column named on the upper line (三级指标 | 指标值 above 一级 | 二级)
                self._put(self.header.cols, self.header.xs, header_field(c.text), c)
        self.pre_header = []
        self.cur.has_header = True
        self.cur.in_tasks = False
        if self.cur.header_page is None and len({"level1", "level2", "level3"} & set(self.header.cols)) >= 2:
            self.cur.header_page = row[0].page if row else grid.page
        self.cur.indicator_fields |= set(self.header.cols)
        self.cur.label_keys |= set(self.header.proj_cols)

    @staticmethod
    def _keep_project_columns(old: _Header | None, h: _Header) -> None:
        """The header repeated at a page top with a cut name drawn over its 项目名称 label (Beijing
        预算表12): the columns are the same as on the page before, so its project columns are kept."""
        if old is None or not old.column_projects or h.column_projects or old.ncols != h.ncols:
            return
        if set(old.cols) != set(h.cols) or any(old.cols[f] != h.cols[f] for f in h.cols):
            return
        for f, cols in old.proj_cols.items():
            h.proj_cols.setdefault(f, cols)
            h.proj_keys.setdefault(f, old.proj_keys.get(f, f))
            if f in old.proj_xs:
                h.proj_xs.setdefault(f, old.proj_xs[f])
        h.carry.clear()  # the text drawn through the labels belongs to the cut cells, not to a first row

    def _make_header(self, row: list[Cell], grid: Grid) -> _Header:
        h = _Header({}, {}, grid.ncols, row=row[0].row if row else -1, grid=id(grid))
        weak = []
        for c in row:
            if not c.text:
                continue
            f = header_field(c.text)
            if f is None and vocab().weak_field(c.text):
                weak.append((vocab().weak_field(c.text), c))
            elif f is not None:
                self._put(h.cols, h.xs, f, c)
            else:
                self._header_label(h, c)
        for f, c in weak:
            self._put(h.cols, h.xs, f, c)
        self._annual_side(h, row)
        return h

    def _annual_side(self, h: _Header, row: list[Cell]) -> None:
        """实施期 and 年度 indicator columns side by side (二级指标|指标内容|指标值 printed twice):
        the rules read the annual one, printed second; the first copy's value is the period target."""
        seen: dict[str, list[Cell]] = {}
        for c in row:
            f = header_field(c.text) if c.text else None
            if f in ("level2", "level3", "target"):
                seen.setdefault(f, []).append(c)
        if len(seen.get("level3", ())) < 2 or len(seen.get("target", ())) < 2:
            return
        self._put(h.cols, h.xs, "period_target", seen["target"][0])
        for f, cells in seen.items():
            self._put(h.cols, h.xs, f, cells[-1], override=True)

    @staticmethod
    def _put(cols: dict, xs: dict, f: str, c: Cell, override: bool = False) -> None:
        if f in cols and not override:
            return
        cols[f] = (c.col, c.right)
        if c.bbox:
            xs[f] = (c.bbox[0], c.bbox[2])

    def _header_label(self, h: _Header, c: Cell) -> None:
        """A header cell that names no indicator field: a project column, or an unknown label."""
        pf = project_field(c.text)
        key = label_key(c.text)
        if pf is None:
            found = label_inside(key)
            if found is not None:  # label and the first row's value in one cell: 项目总额1,620.200000
                kind, f, rest = found
                if kind == "indicator":
                    self._put(h.cols, h.xs, f, c)
                    return
                pf = f
                h.carry[f] = rest
        if pf is None and _label_under_digits(c.text):
            key = label_key(_label_under_digits(c.text))
            pf = project_field(key)
        h.money_unit = h.money_unit or label_unit(c.text)
        if pf and pf not in ("extra", "plan_period", "plan"):
            self._put(h.proj_cols, h.proj_xs, pf, c)
            h.proj_keys.setdefault(pf, key if project_field(key) else pf)
        elif pf is None and not _known_fragment(key) and key not in vocab().not_read:
            self.issues.append(
                _Issue(
                    "unknown_column",
                    f"第 {c.page} 页表头“{c.text}”不是已知栏目，该栏内容未读取，请核对",
                    f"page {c.page}: header '{c.text}' is not a known column; its cells were not read",
                    c.page,
                )
            )

    def _is_header_continuation(self, row: list[Cell]) -> bool:
        cells = [c for c in row if c.text]
        return bool(cells) and all(
            header_field(c.text) or project_field(c.text) or label_key(c.text) in vocab().group_labels
            for c in cells
        )

    def _extend_header(self, row: list[Cell]) -> None:
        """A second header row (其中：财政资金 | 其他资金; 实施周期指标值 | 年度指标值) refines the first."""
        h = self.header
        for c in row:
            if not c.text:
                continue
            f = header_field(c.text)
            if f:
                for g, (a, b) in list(h.cols.items()):
                    if g != f and a <= c.col and c.right <= b and (a, b) != (c.col, c.right):
                        del h.cols[g]
                        h.xs.pop(g, None)
                self._put(h.cols, h.xs, f, c, override=True)
                self.cur.indicator_fields.add(f)
            else:
                text = _label_under_digits(c.text) or c.text
                pf = project_field(text)
                if pf and pf not in ("extra", "plan_period", "plan"):
                    self._put(h.proj_cols, h.proj_xs, pf, c, override=True)
                    h.proj_keys[pf] = label_key(text)

    # -- cells
    def _cell(
        self, grid: Grid, r: int, cols: dict, xs: dict, f: str, row: list[Cell], ncols: int
    ) -> Cell | None:
        if f not in cols:
            return None
        index = _rows_index(grid)
        covering = index[r] if r < len(index) else []
        if _ncols(grid) != ncols and xs.get(f) and all(c.bbox for c in row):
            x0, x1 = xs[f]
            for c in covering:
                if c.bbox and x0 - 2 <= (c.bbox[0] + c.bbox[2]) / 2 <= x1 + 2:
                    return c
            return None
        col = cols[f][0]
        return next((c for c in covering if c.col <= col <= c.right), None)

    def _field_cell(self, grid: Grid, r: int, f: str, row: list[Cell]) -> Cell | None:
        h = self.header
        return self._cell(grid, r, h.cols, h.xs, f, row, h.ncols)

    # -- project columns (many projects in one table)
    def _column_project_row(self, grid: Grid, r: int, row: list[Cell], fragment_ok: bool) -> None:
        """A new name cell starts a project; at a page top an empty one continues the current project."""
        h = self.header
        key_field = "name" if "name" in h.proj_cols else "code"
        c = self._cell(grid, r, h.proj_cols, h.proj_xs, key_field, row, h.ncols)
        if c is None:
            return
        if c.row == h.row and key_field in h.carry:  # the name drawn inside the header cell
            text = h.carry.pop(key_field)
        elif c.row == r:
            text = c.text
        else:
            return  # the row continues the current project
        if not text and not (c.bottom >= grid.nrows - 1 and self._has_content(grid, r, row)):
            return  # an empty name cell that is not a project cut by the page end: a continuation
        open_before = self.name_cell_open
        self.name_cell_open = c.bottom >= grid.nrows - 1
        cut = grid.open_top and open_before  # a name cell cut at the page end, no ruling on top
        # a coded name cut at the page end, its rest under the repeated header (Beijing 预算表12)
        coded_cut = open_before and 0 <= self.header_at < r
        if fragment_ok and self.cur is not None and self._continues_name(text, cut, coded_cut):
            self._project_cells(grid, r, row)
            return
        if self.cur is None or self.cur.labels_seen or self.cur.indicators:
            self._new_project(grid)
            self.header = h
            self.cur.money_unit = self.cur.money_unit or h.money_unit
            self.cur.has_header = True
            self.cur.indicator_fields |= set(h.cols)
        self.cur.label_keys |= set(h.proj_cols)
        self.cur.column_mode = True
        self.cur.unit_rows = "资金使用单位" in h.proj_keys.get(key_field, "")
        self._assign_text(key_field, h.proj_keys.get(key_field, key_field), text)
        self._project_cells(grid, r, row)
        self.cur.add_page(c.page)

    def _has_content(self, grid: Grid, r: int, row: list[Cell]) -> bool:
        vals, _, _ = self._row_values(grid, r, row)
        return any(vals.get(f) for f in CONTENT_FIELDS)

    def _continues_name(self, text: str, cut: bool, coded_cut: bool = False) -> bool:
        """At the top of a page: does this name cell go on with the current project?"""
        cur_name = self.cur.fields.get("name") or self.cur.fields.get("code")
        if not text or not cur_name:
            return True
        if label_key(text) == label_key(cur_name):  # the name repeated on the next page
            return True
        code, _ = split_code_name(text)
        cur_code, _ = split_code_name(cur_name)
        if code:  # a repeated name of the same project
            return code == cur_code
        if cur_code and label_key(cur_name).endswith(label_key(text)):
            return True  # the name part repeated without its code
        if cur_code and not (cut or coded_cut):
            return False
        if cut or cur_code:  # the rest of a name cut by the page break
            self.cur.fields["name"] = clean_cell(cur_name + "\n" + text)
            return True
        return False

    def _project_cells(self, grid: Grid, r: int, row: list[Cell]) -> None:
        h = self.header
        for pf in h.proj_cols:
            pc = self._cell(grid, r, h.proj_cols, h.proj_xs, pf, row, h.ncols)
            if pc is None or not (pc.row <= r <= pc.bottom):
                continue
            text = h.carry.pop(pf, "") if pc.row == h.row else pc.text
            if text and not self.cur.fields.get(pf) and not self.cur.goals.get(pf):
                self.cur.confidence = min(self.cur.confidence, pc.confidence)
                self.cur.labels_seen.discard(pf)
                self._assign_text(pf, h.proj_keys.get(pf, pf), text)

    # -- indicator rows
    def _row_values(self, grid: Grid, r: int, row: list[Cell]) -> tuple[dict, dict, float]:
        vals: dict[str, str] = {}
        own: dict[str, bool] = {}
        conf = 1.0
        cells = {f: self._field_cell(grid, r, f, row) for f in self.header.cols}
        if cells.get("level3") is not None and cells.get("level3") is cells.get("target"):
            return {}, {}, conf  # one cell across the indicator columns: a caption, not an indicator
        h = self.header
        for f in set(h.cols):
            c = cells[f]
            if c is not None and c.row == h.row and c.row < r and h.grid == id(grid):
                c = None  # a header cell reaching down beside a second header line: no value
            vals[f] = c.text if c is not None else ""
            own[f] = c is not None and c.row == r
            if c is not None and (c.text or c.confidence < 1.0):  # an unreadable empty cell counts too
                conf = min(conf, c.confidence)
        return vals, own, conf

    def _indicator_row(self, grid: Grid, r: int, row: list[Cell], fragment_ok: bool) -> None:
        vals, own, conf = self._row_values(grid, r, row)
        get = vals.get
        page = row[0].page if row else grid.page
        if not vals:
            return
        if set(self.header.cols) == {"level3"} and self.cur is not None:
            packed = unpack_indicators(get("level3") or "")
            if packed:
                for ind in packed:
                    ind.update(page=page, confidence=round(conf, 3))
                    self._finish_target(ind)
                self.cur.indicators.extend(packed)
                self.cur.add_page(page)
                return
        if _PLACEHOLDER.match(label_key(get("level3") or "")) and not any(
            get(f) for f in CONTENT_FIELDS if f != "level3"
        ):
            return  # an empty template line left in the form: 指标1： / ……
        if not any(get(f) for f in CONTENT_FIELDS):
            if get("level1") and own.get("level1"):
                self.last_level["level1"] = vals["level1"]
            return
        if self.cur is None:
            self.issues.append(
                _Issue(
                    "orphan_rows",
                    f"第 {page} 页有指标行找不到所属项目，未读取",
                    f"page {page}: indicator rows with no project header were not read",
                    page,
                )
            )
            return
        prev = self.cur.indicators[-1] if self.cur.indicators else None
        if prev is not None and self._same_indicator(prev, vals, own):
            return
        new_level = (own.get("level1") and get("level1")) or (own.get("level2") and get("level2"))
        # a row cut in two by a page break: the continuation has no 一级/二级 text of its own
        # and leaves empty a column the previous row filled (its basis, its target …)
        partial = prev is not None and any(
            prev.get(f) and not get(f) for f in CONTENT_FIELDS if f in self.header.cols and f in prev
        )
        if fragment_ok and prev is not None and not new_level and (grid.open_top or partial):
            self._join_fragment(prev, vals, own)
            self.cur.add_page(page)
            return
        self._levels(vals)
        ind = {f: (get(f) or None) for f in INDICATOR_FIELDS}
        if not ind["level1"] and not self.last_level:
            self.no_levels_yet.append(ind)
        if ind["explanation"] and "description" not in self.header.cols:
            ind["description"] = ind["explanation"]  # 指标解释 is the layout's description column
        ind["_parts"] = {f: get(f) or "" for f in PART_FIELDS if f in self.header.cols}
        ind["page"] = page
        ind["bbox"] = row_box(row)  # where the row sits on its page (annotations, the workbench)
        ind["confidence"] = round(conf, 3)
        self._finish_target(ind)
        self.cur.indicators.append(ind)
        self.cur.add_page(page)

    def _levels(self, vals: dict[str, str]) -> None:
        """The row's 一级/二级: split from a joined cell, else printed, else carried from the rows above."""
        if not ({"level1", "level2"} & set(self.header.cols)) and _JOINED_LEVELS.match(
            vals.get("level3") or ""
        ):
            m = _JOINED_LEVELS.match(vals["level3"])  # 产出指标质量指标高技能人才… in one 绩效指标 cell
            vals.update(level1=m.group(1), level2=m.group(2), level3=m.group(3))
        self._levels_above(vals)
        for f in ("level1", "level2"):
            if vals.get(f):
                self.last_level[f] = vals[f]
            else:
                vals[f] = self.last_level.get(f, "")

    def _levels_above(self, vals: dict[str, str]) -> None:
        """Rows read before the table's first 一级 label (a merged 产出指标 cell whose text is drawn in
        its middle rows, Guangzhou Print-to-PDF) take the levels of the first row that prints them."""
        if not vals.get("level1") or not self.no_levels_yet:
            return
        for ind in self.no_levels_yet:
            ind["level1"] = ind["level1"] or vals["level1"]
            ind["level2"] = ind["level2"] or vals.get("level2") or None
        self.no_levels_yet = []

    def _same_indicator(self, prev: dict[str, Any], vals: dict[str, str], own: dict[str, bool]) -> bool:
        """A row whose indicator cells all began above is the indicator of those rows: a 一级/二级 label
        drawn in it (labels centred in their rows, Xi'an 2020) is that indicator's."""
        if any(own.get(f) and vals.get(f) for f in CONTENT_FIELDS) or not vals.get("level3"):
            return False
        if vals.get("level3") != prev.get("level3"):
            return False
        for f in ("level1", "level2"):
            if own.get(f) and vals.get(f):
                prev[f] = self.last_level[f] = vals[f]
        return True

    def _join_fragment(self, prev: dict[str, Any], vals: dict[str, str], own: dict[str, bool]) -> None:
        for f in INDICATOR_FIELDS[2:]:
            if vals.get(f) and own.get(f):
                prev[f] = clean_cell((prev.get(f) or "") + "\n" + vals[f])
        for f in PART_FIELDS:
            if vals.get(f) and own.get(f) and "_parts" in prev:
                prev["_parts"][f] = clean_cell(prev["_parts"].get(f, "") + "\n" + vals[f])
        self._finish_target(prev)

    @staticmethod
    def _finish_target(ind: dict[str, Any]) -> None:
        """The target as one string (joined from operator/value/unit columns) and its parsed parts.

        The operator is printed in a 绩效指标性质 / 指标性质 column, or (Changsha) in 指标值类型;
        ``定性`` rows keep the value alone as their target."""
        parts = ind.get("_parts") or {}
        base = ind.get("target") or ind.get("annual_target") or ind.get("period_target") or ""
        ops = vocab().operators
        op_raw, unit_raw = parts.get("operator", ""), parts.get("unit", "")
        if not op_raw and label_key(ind.get("value_type") or "") in ops:
            op_raw = ind["value_type"]
        elif op_raw and not ind.get("value_type"):
            ind["value_type"] = op_raw  # the 性质 column says what kind of value it is
        sym = ops.get(label_key(op_raw)) if op_raw else None
        text = base
        if base and (op_raw or unit_raw):
            prefix = sym if sym is not None else op_raw
            text = f"{prefix}{base}{unit_raw if not base.endswith(unit_raw) else ''}"
        t = parse_target(text)
        ind["operator"], ind["value"], ind["unit"], ind["target_kind"] = t.operator, t.value, t.unit, t.kind
        if sym and t.value is not None:
            ind["operator"] = sym
        if unit_raw and t.value is not None:
            ind["unit"] = unit_raw
        ind["target"] = t.text or None

    # -- output
    def results(self) -> list[dict[str, Any]]:
        out = []
        unit = None  # the 资金使用单位 row the projects below belong to
        for n, p in enumerate(self.projects):
            nxt = self.projects[n + 1] if n + 1 < len(self.projects) else None
            if p.column_mode and not p.indicators and nxt is not None and nxt.column_mode:
                unit = p.fields.get("name") if p.unit_rows else unit
                continue  # a unit's subtotal row above its projects (合计 / 长沙市信访局 417.41)
            if p.unit_rows and unit and not (p.unit_name or p.fields.get("unit_name")):
                p.unit_name = unit
            if not p.has_header or not (
                p.indicators
                or p.fields.get("name")
                or p.fields.get("code")
                or p.kind != KIND_PROJECT
                or p.header_page is not None
            ):
                continue
            if not p.indicators and not p.pages and p.header_page is not None:
                p.add_page(p.header_page)
            d = self._project_dict(p)
            self._check_named(d, p)
            out.append(d)
        return out

    def _check_named(self, d: dict[str, Any], p: _Project) -> None:
        """A table with rows but no project name, or a header with no rows, is reported."""
        if d["name"] or d["code"]:
            return
        page = p.pages[0] if p.pages else None
        if not p.indicators and p.header_page is not None:
            page = p.header_page
            self.issues.append(
                _Issue(
                    "empty_table",
                    f"第 {page} 页的绩效目标表只有表头，没有填写项目和指标",
                    f"page {page}: the target table has a header but no rows",
                    page,
                )
            )
        elif p.indicators:
            self.issues.append(
                _Issue(
                    "orphan_rows",
                    f"第 {page} 页有 {len(p.indicators)} 行指标找不到项目名称，请核对",
                    f"page {page}: {len(p.indicators)} indicator rows have no project name",
                    page,
                )
            )

    def _project_dict(self, p: _Project) -> dict[str, Any]:
        voc = vocab()
        goal = next((p.goals[k] for k in voc.goal_priority if p.goals.get(k)), None)
        goal = goal or next((v for v in p.goals.values() if v), None)
        for k, v in p.goals.items():
            if v and v != goal:
                p.extra.setdefault(k, v)
        if goal and ("目标内容" in goal[:8] or not (_SECOND_ITEM.search(goal) or goal.startswith("目标"))):
            goal = _GOAL_NUMBERING.sub("", goal, count=1).strip() or goal
        code, name = p.fields.get("code"), p.fields.get("name")
        if not code and name:
            code, name = split_code_name(name)
        unit_name = p.unit_name or p.fields.get("unit_name")
        unit_code = p.unit_code or p.fields.get("unit_code")
        m = _UNIT_CODE.match(unit_name or "")
        if m:  # 105001长春市信访局
            unit_code, unit_name = unit_code or m.group("code"), m.group("name").strip()
        department = _DEPT_CODE.sub("", p.fields.get("department") or p.department or "") or None
        t = _TITLE_NAME.match(label_key(p.title or ""))
        if t and not name and not code and p.kind == KIND_PROJECT and not _NOT_A_NAME.search(t.group("name")):
            name, unit_name, unit_code = (
                t.group("name"),
                unit_name or t.group("unit"),
                unit_code or t.group("code"),
            )
        if not name and p.kind != KIND_PROJECT:
            name = department or unit_name
        filled = {f for f, v in p.fields.items() if v not in (None, "")} | ({"plan"} if p.plan else set())
        layout = voc.layout(p.label_keys, p.indicator_fields, filled)
        if not code and (layout.code_from == "unit_code" or p.kind == KIND_DEPARTMENT):
            code = unit_code  # a 部门整体 table is coded by its department's (部门预算编码 301)
        indicators = []
        for ind in p.indicators:
            ind = {k: v for k, v in ind.items() if not k.startswith("_")}
            indicators.append(ind)
        values = {**p.fields, "code": code, "name": name, "unit_code": unit_code, "unit_name": unit_name,
                  "money_unit": p.money_unit, "goal": goal, "plan": p.plan, "pages": sorted(p.pages),
                  "layout": layout.id, "title": p.title, "extra": p.extra, "source": p.source, "kind": p.kind,
                  "department": department, "tasks": p.tasks,
                  "period": p.fields.get("period") or p.year, "confidence": round(p.confidence, 3)}  # fmt: skip
        # the other keys of a project (budget_*, use, period …) are fields read by their labels
        return {**{k: values.get(k) for k in json_keys(ProjectRecord)}, "indicators": indicators}


def parse_grids_checked(grids: list[Grid]) -> tuple[list[dict[str, Any]], list[_Issue]]:
    """Projects (JSON shape, see serialize.py) found in the grids, and what could not be matched."""
    parser = Parser()
    for g in grids:
        parser.feed(g)
    projects = parser.results()
    parser.prose_issues()
    parser.code_issues(projects)
    return projects, parser.issues


def row_box(row: list[Cell]) -> tuple[float, float, float, float] | None:
    """A row's box (x0, top, x1, bottom in page points) across its cells, or None without boxes.

    Its height is the shortest cell's: a merged 一级指标 cell starting on this row spans the rows below."""
    boxes = [c.bbox for c in row if c.bbox]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        min(b[3] for b in boxes),
    )


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
    return parse_grids_checked(grids)[0]
