"""Generate the bundled sample PDFs from the hand-written sources in ``samples/source``.

Run from the repository root (or anywhere)::

    python samples/make_samples.py

Outputs (all deterministic where the tool allows; see samples/README.md):

* ``seed-cid.pdf``      the seed's twelve tables drawn with reportlab's CID font STSong-Light
* ``seed-word.docx/pdf`` the seed as a Word document, converted by LibreOffice
* ``third-layout.pdf``  a third regional layout (stacked label rows, money in 元)
* ``clean-*.pdf``       one per ``source/clean*.json`` (Hebei style)
* ``../tests/fixtures/bad/*`` unreadable inputs (test fixtures)
* ``real/``             a copy of one real Shanghai budget PDF
* ``source/pages.json`` the pages each project's table lies on, read back with pdfplumber
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"
BAD = HERE.parent / "tests" / "fixtures" / "bad"  # unreadable inputs: test fixtures, not demo material
REAL = HERE / "real"
REAL_PDF = Path("/work/shared/real/sh-putuo-wanli-street-2023-dept-budget.pdf")

PAGE_W, PAGE_H = 595.27, 841.89  # A4 portrait, points
FIXED_DATE = "D:20220115090000+08'00'"
WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

# Full-width digits used for a few targets in seed-cid.pdf (expected normalised to ASCII).
FULLWIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
#: (project code, indicator index 0-based) -> rendered target text in seed-cid.pdf
CID_FULLWIDTH_TARGETS = {
    ("13030322P00409310001J", 0): "≥９５ 百分比",
    ("13030322P00409610001K", 3): "≤４ 万",
}


# =========================================================================== helpers


def load_sources() -> dict[str, dict]:
    out = {}
    for p in sorted(SOURCE.glob("*.json")):
        if p.name == "pages.json":
            continue
        out[p.stem] = json.loads(p.read_text(encoding="utf-8"))
    return out


def fmt_money(v: float | None, unit: str) -> str:
    if v is None:
        return ""
    if unit == "元":
        return f"{v:,.2f}"
    return f"{v:.2f}"


def goal_cell(goal: str) -> str:
    """The 绩效目标 cell as the seed writes it (numbering kept in the PDF, removed in the JSON)."""
    return f"1.目标内容 1 {goal}"


def wrap(text: str, width: float, font: str, size: float) -> list[str]:
    """Greedy character wrap (Word wraps CJK anywhere and long codes anywhere too)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for para in (text or "").split("\n"):
        cur = ""
        for ch in para:
            if stringWidth(cur + ch, font, size) <= width or not cur:
                if cur == "" and ch == " ":
                    continue
                cur += ch
            else:
                lines.append(cur.rstrip())
                cur = "" if ch == " " else ch
        lines.append(cur.rstrip())
    return lines if any(lines) else [""]


# =========================================================================== table model


@dataclass
class TCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    align: str = "center"  # center / left / right
    lines: list[str] = field(default_factory=list)


@dataclass
class Table:
    cells: list[TCell]
    col_widths: list[float]
    header_row: int  # index of the 一级指标 … header row (repeated on continuation pages)
    first_indicator_row: int
    heights: list[float] = field(default_factory=list)
    # text drawn above the table: (text, style) with style in {"title", "left", "right"}
    context: list[tuple[str, str]] = field(default_factory=list)
    code: str = ""

    @property
    def nrows(self) -> int:
        return max(c.row + c.rowspan for c in self.cells)

    def xs(self, x0: float) -> list[float]:
        out = [x0]
        for w in self.col_widths:
            out.append(out[-1] + w)
        return out


def indicator_cells(
    start_row: int, indicators: list[dict], cols: list[str], render_target=None
) -> list[TCell]:
    """Indicator rows; consecutive equal 一级 merge vertically, and equal 二级 within one 一级."""
    cells: list[TCell] = []
    n = len(indicators)
    i = 0
    while i < n:  # level1 groups
        j = i
        while j + 1 < n and indicators[j + 1]["level1"] == indicators[i]["level1"]:
            j += 1
        cells.append(TCell(start_row + i, 0, indicators[i]["level1"], rowspan=j - i + 1))
        k = i
        while k <= j:  # level2 groups inside
            m = k
            while m + 1 <= j and indicators[m + 1]["level2"] == indicators[k]["level2"]:
                m += 1
            cells.append(TCell(start_row + k, 1, indicators[k]["level2"], rowspan=m - k + 1))
            k = m + 1
        i = j + 1
    for r, ind in enumerate(indicators):
        for c, key in enumerate(cols, start=2):
            if key == "target" and render_target is not None:
                text = render_target(r, ind)
            else:
                text = ind.get(key) or ""
            cells.append(TCell(start_row + r, c, text))
    return cells


def hebei_table(p: dict, target_override: dict[int, str] | None = None) -> Table:
    """The 2015/Hebei layout of the seed: 7 grid columns, labelled block above the indicator rows."""
    mu = p.get("money_unit") or "万元"
    plan = p.get("plan") or []
    cells = [
        TCell(0, 0, "项目编码"),
        TCell(0, 1, p["code"], colspan=2),
        TCell(0, 3, "项目名称"),
        TCell(0, 4, p["name"], colspan=3),
        TCell(1, 0, "预算规模及资金用途", rowspan=2),
        TCell(1, 1, "预算数"),
        TCell(1, 2, fmt_money(p.get("budget_total"), mu)),
        TCell(1, 3, "其中：财政资金"),
        TCell(1, 4, fmt_money(p.get("budget_fiscal"), mu)),
        TCell(1, 5, "其他资金"),
        TCell(1, 6, fmt_money(p.get("budget_other"), mu)),
        TCell(2, 1, p.get("use") or "", colspan=6, align="left"),
        TCell(3, 0, "资金支出计划(%)", rowspan=2),
    ]
    # plan: 4 slots over grid columns (1-2), 3, 4, (5-6) as in the seed
    slots = [(1, 2), (3, 1), (4, 1), (5, 2)]
    for k, (c, span) in enumerate(slots):
        lab = plan[k]["label"] if k < len(plan) else ""
        val = plan[k]["value"] if k < len(plan) else ""
        cells.append(TCell(3, c, lab, colspan=span))
        cells.append(TCell(4, c, val, colspan=span))
    cells += [
        TCell(5, 0, "绩效目标"),
        TCell(5, 1, goal_cell(p.get("goal") or ""), colspan=6, align="left"),
        TCell(6, 0, "一级指标"),
        TCell(6, 1, "二级指标"),
        TCell(6, 2, "三级指标"),
        TCell(6, 3, "绩效指标描述"),
        TCell(6, 4, "指标值"),
        TCell(6, 5, "指标值确定依据", colspan=2),
    ]
    over = target_override or {}
    ind_cells = indicator_cells(
        7,
        p["indicators"],
        ["level3", "description", "target", "basis"],
        render_target=lambda r, ind: over.get(r, ind.get("target") or ""),
    )
    for c in ind_cells:
        if c.col == 5:
            c.colspan = 2
    cells += ind_cells
    unit_line = f"{p.get('unit_code') or ''} {p.get('unit_name') or ''}".strip()
    context = [
        (p.get("title") or f"{p['name']}绩效目标表", "title"),
        (unit_line, "left"),
        (f"单位：{mu}", "right"),
    ]
    return Table(
        cells,
        [62, 64, 84, 88, 64, 62, 61],
        header_row=6,
        first_indicator_row=7,
        context=context,
        code=p["code"],
    )


def third_table(p: dict, score_rules: list[str]) -> Table:
    """Zhejiang-style 项目支出绩效目标申报表: one label per row, value to the right; money in 元."""
    mu = p.get("money_unit") or "元"
    ex = p.get("extra") or {}
    stacked = [
        ("项目名称", p["name"]),
        ("项目编码", p["code"]),
        ("主管部门", ex.get("主管部门", "")),
        ("预算单位编码", p.get("unit_code") or ""),
        ("预算单位", p.get("unit_name") or ""),
        ("项目属性", ex.get("项目属性", "")),
        ("项目期限", ex.get("项目期限", "")),
        (f"项目资金总额（{mu}）", fmt_money(p.get("budget_total"), mu)),
        (f"其中：财政拨款（{mu}）", fmt_money(p.get("budget_fiscal"), mu)),
        (f"其他资金（{mu}）", fmt_money(p.get("budget_other"), mu)),
        ("资金用途", p.get("use") or ""),
        ("年度绩效目标", p.get("goal") or ""),
    ]
    cells: list[TCell] = []
    for r, (lab, val) in enumerate(stacked):
        cells.append(TCell(r, 0, lab, colspan=2))
        cells.append(TCell(r, 2, val, colspan=5, align="left"))
    h = len(stacked)
    for c, lab in enumerate(
        ["一级指标", "二级指标", "三级指标", "指标值", "指标解释", "指标值确定依据", "评（扣）分标准"]
    ):
        cells.append(TCell(h, c, lab))
    inds = [dict(ind, score=score_rules[i]) for i, ind in enumerate(p["indicators"])]
    cells += indicator_cells(h + 1, inds, ["level3", "target", "description", "basis", "score"])
    for c in cells:
        if c.row > h and c.col in (4, 6):
            c.align = "left"
    context = [(p.get("title") or "项目支出绩效目标申报表", "title"), ("填报日期：2024年1月10日", "right")]
    return Table(
        cells,
        [56, 70, 86, 62, 96, 60, 65],
        header_row=h,
        first_indicator_row=h + 1,
        context=context,
        code=p["code"],
    )


# =========================================================================== reportlab renderer


@dataclass
class Style:
    font: str
    size: float = 8.0
    leading: float = 10.0
    pad: float = 2.5
    title_size: float = 11.0
    fake_bold_title: bool = False
    margin_l: float = 50.0
    margin_top: float = 56.0
    margin_bottom: float = 56.0


class Flow:
    """A reportlab canvas with a y cursor (top-down) and page numbers in the footer."""

    def __init__(self, path: Path, st: Style, title: str):
        from reportlab.pdfgen import canvas

        self.c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
        self.c.setTitle(title)
        self.c.setAuthor("perfaudit samples")
        self.c.setCreator("perfaudit samples/make_samples.py")
        self.st = st
        self.page = 1
        self.y = st.margin_top

    @property
    def bottom(self) -> float:
        return PAGE_H - self.st.margin_bottom

    def text(self, s: str, x: float, y_top: float, size: float, align: str = "left", bold: bool = False):
        """Draw one line whose box top is y_top (top-down coordinates)."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        w = stringWidth(s, self.st.font, size)
        if align == "center":
            x = x - w / 2
        elif align == "right":
            x = x - w
        base = PAGE_H - (y_top + size * 0.88)
        self.c.setFont(self.st.font, size)
        self.c.drawString(x, base, s)
        if bold:  # fake bold: the same glyphs again, shifted 0.3 pt
            self.c.drawString(x + 0.3, base, s)

    def new_page(self):
        self.footer()
        self.c.showPage()
        self.page += 1
        self.y = self.st.margin_top

    def footer(self):
        self.text(f"- {self.page} -", PAGE_W / 2, PAGE_H - 36, 9, align="center")

    def paragraph(
        self,
        s: str,
        size: float = 10.5,
        indent: bool = True,
        align: str = "left",
        bold: bool = False,
        gap: float = 4.0,
    ):
        width = PAGE_W - 2 * self.st.margin_l
        body = ("\u3000\u3000" if indent else "") + s
        lines = wrap(body, width, self.st.font, size)
        lead = size * 1.6
        for ln in lines:
            if self.y + lead > self.bottom:
                self.new_page()
            if align == "center":
                self.text(ln, PAGE_W / 2, self.y, size, align="center", bold=bold)
            else:
                self.text(ln, self.st.margin_l, self.y, size, bold=bold)
            self.y += lead
        self.y += gap

    def finish(self):
        self.footer()
        self.c.showPage()
        self.c.save()


def layout_table(t: Table, st: Style):
    """Wrap every cell and compute row heights (merged cells stretch their last row if needed)."""
    for c in t.cells:
        w = sum(t.col_widths[c.col : c.col + c.colspan]) - 2 * st.pad
        c.lines = wrap(c.text, w, st.font, st.size)
    heights = [st.leading + 2 * st.pad] * t.nrows
    for c in t.cells:
        if c.rowspan == 1:
            heights[c.row] = max(heights[c.row], len(c.lines) * st.leading + 2 * st.pad)
    for c in t.cells:
        if c.rowspan > 1:
            need = len(c.lines) * st.leading + 2 * st.pad
            have = sum(heights[c.row : c.row + c.rowspan])
            if need > have:
                heights[c.row + c.rowspan - 1] += need - have
    t.heights = heights


def context_height(t: Table, st: Style) -> float:
    h = 0.0
    for _, style in t.context:
        h += (st.title_size * 1.8) if style == "title" else st.size * 1.9
    return h + 2


def draw_context(f: Flow, t: Table):
    st = f.st
    x0 = st.margin_l
    x1 = x0 + sum(t.col_widths)
    for text, style in t.context:
        if style == "title":
            f.text(text, (x0 + x1) / 2, f.y, st.title_size, align="center", bold=st.fake_bold_title)
            f.y += st.title_size * 1.8
        elif style == "left":
            f.text(text, x0, f.y, st.size + 1)
            f.y += st.size * 1.9
        else:
            f.text(text, x1, f.y, st.size + 1, align="right")
            f.y += st.size * 1.9
    f.y += 2


@dataclass
class Segment:
    """Part of a table drawn on one page: rows [r0, r1) plus optional partial rows."""

    rows: list[int]  # full rows drawn
    cut_head: tuple[int, int] | None = None  # (row, first line) continuation of a cut row, drawn first
    cut_tail: tuple[int, int] | None = None  # (row, lines shown) start of a cut row, drawn last
    header: bool = False  # repeat the indicator header row first


def draw_segment(f: Flow, t: Table, seg: Segment):
    """Draw rows of ``t`` at the flow cursor; borders open where a row is cut by the page break."""
    st = f.st
    xs = t.xs(st.margin_l)
    # vertical placement of each drawn (logical) row on this page
    items: list[tuple[int, float, float, int, int]] = []  # (row, top, height, first line, n lines|-1)
    y = f.y
    if seg.header:
        items.append((t.header_row, y, t.heights[t.header_row], 0, -1))
        y += t.heights[t.header_row]
    if seg.cut_head:
        row, first = seg.cut_head
        nl = max(len(c.lines) for c in t.cells if c.row == row and c.rowspan == 1) - first
        h = nl * st.leading + 2 * st.pad
        items.append((row, y, h, first, -2))
        y += h
    for r in seg.rows:
        items.append((r, y, t.heights[r], 0, -1))
        y += t.heights[r]
    if seg.cut_tail:
        row, shown = seg.cut_tail
        h = shown * st.leading + 2 * st.pad
        items.append((row, y, h, 0, shown))
        y += h
    pos = {it[0]: it for it in items}
    segs: set[tuple[float, float, float, float]] = set()
    for c in t.cells:
        span = [r for r in range(c.row, c.row + c.rowspan) if r in pos]
        if not span:
            continue
        first, last = pos[span[0]], pos[span[-1]]
        top, bot = first[1], last[1] + last[2]
        x0, x1 = xs[c.col], xs[c.col + c.colspan]
        open_top = first[4] == -2  # continuation of a cut row: no rule above
        open_bot = last[4] >= 0  # start of a cut row: no rule below
        if not open_top:
            segs.add((x0, top, x1, top))
        if not open_bot:
            segs.add((x0, bot, x1, bot))
        segs.add((x0, top, x0, bot))
        segs.add((x1, top, x1, bot))
        # text
        starts_here = span[0] == c.row and first[3] == 0
        lines = c.lines
        if c.rowspan > 1:
            if not starts_here:
                continue  # a merged cell continued from the previous page is drawn empty
            shown = lines
            ctop = top
            ch = bot - top
            valign = "center"
        elif first[4] == -2:  # continuation of a cut row
            shown = lines[first[3] :]
            ctop, ch, valign = top, bot - top, "top"
        elif last[4] >= 0:  # start of a cut row
            shown = lines[: last[4]]
            ctop, ch, valign = top, bot - top, "top"
        else:
            shown, ctop, ch, valign = lines, top, bot - top, "center"
        block = len(shown) * st.leading
        ty = ctop + st.pad if valign == "top" else ctop + (ch - block) / 2
        for i, ln in enumerate(shown):
            ly = ty + i * st.leading + (st.leading - st.size) / 2
            if c.align == "left":
                f.text(ln, x0 + st.pad, ly, st.size)
            elif c.align == "right":
                f.text(ln, x1 - st.pad, ly, st.size, align="right")
            else:
                f.text(ln, (x0 + x1) / 2, ly, st.size, align="center")
    f.c.setLineWidth(0.6)
    for x0, y0, x1, y1 in sorted(segs):
        f.c.line(x0, PAGE_H - y0, x1, PAGE_H - y1)
    f.y = y


def max_lines(t: Table, row: int) -> int:
    return max(len(c.lines) for c in t.cells if c.row == row and c.rowspan == 1)


def place_table(f: Flow, t: Table, mode: str | None) -> str | None:
    """Place a whole table at the cursor, splitting it over pages when asked to.

    A table that fits is drawn whole.  Otherwise, with ``mode`` None (or when not even the
    labelled block and one indicator row fit) the table starts on a new page.  With a mode,
    it starts here and breaks inside the indicator rows: ``"header"`` repeats the 一级指标 …
    header row on the next page, ``"plain"`` does not, ``"cut"`` cuts one indicator row in
    two with the borders open at the cut.  Returns the mode used for a designated break.
    """
    st = f.st
    total = context_height(t, st) + sum(t.heights)
    if f.y + total <= f.bottom:
        draw_context(f, t)
        draw_segment(f, t, Segment(list(range(t.nrows))))
        return None
    top_block = context_height(t, st) + sum(t.heights[: t.first_indicator_row + 1])
    if mode is None or f.y + top_block > f.bottom:
        if f.y > st.margin_top:
            f.new_page()
        if f.y + total <= f.bottom:
            draw_context(f, t)
            draw_segment(f, t, Segment(list(range(t.nrows))))
            return None
        split_table(f, t, "header")  # longer than a page
        return None
    return split_table(f, t, mode)


def split_table(f: Flow, t: Table, mode: str) -> str | None:
    st = f.st
    draw_context(f, t)
    used = None
    r = 0
    head = False
    cut_head = None
    while True:
        rows: list[int] = []
        y = f.y + (t.heights[t.header_row] if head else 0)
        if cut_head:
            y += (max_lines(t, cut_head[0]) - cut_head[1]) * st.leading + 2 * st.pad
        while r < t.nrows and y + t.heights[r] <= f.bottom:
            rows.append(r)
            y += t.heights[r]
            r += 1
        cut_tail = None
        if r < t.nrows and mode == "cut" and used is None and r > t.first_indicator_row:
            fit = int((f.bottom - y - 2 * st.pad) // st.leading)
            if fit < 1 and rows and rows[-1] > t.first_indicator_row and max_lines(t, rows[-1]) >= 2:
                r = rows.pop()  # cut the previous row instead, leaving white space below it
                fit = max_lines(t, r) - 1
            if 1 <= fit < max_lines(t, r):
                cut_tail = (r, fit)
                used = "cut"
        draw_segment(f, t, Segment(rows, cut_head=cut_head, cut_tail=cut_tail, header=head))
        cut_head = None
        if cut_tail:
            cut_head = cut_tail
            r = cut_tail[0] + 1
        elif r >= t.nrows:
            return used
        f.new_page()
        if used is None and mode in ("header", "plain"):
            used = mode
        head = mode == "header" and not cut_head


def render_tables_pdf(
    path: Path,
    title: str,
    tables: list[Table],
    st: Style,
    modes: list[str],
    front: list[str] | None = None,
    cover: list[str] | None = None,
    toc: list[tuple[str, str]] | None = None,
    part_two: bool = False,
    one_per_page: bool = False,
) -> None:
    f = Flow(path, st, title)
    if cover:
        f.y = 250
        f.paragraph(cover[0], size=20, indent=False, align="center", bold=True, gap=120)
        for line in cover[1:]:
            f.paragraph(line, size=14, indent=False, align="center", gap=12)
        f.new_page()
    if toc:
        f.paragraph("目 录", size=16, indent=False, align="center", gap=14)
        for text, style in toc:
            if style == "head":
                f.paragraph(text, size=11, indent=False, gap=6)
            else:
                f.paragraph(text, size=10, indent=False, gap=2)
        f.new_page()
    if front:
        f.paragraph("第一部分", size=16, indent=False, align="center", gap=4)
        f.paragraph("部门整体绩效目标", size=16, indent=False, align="center", gap=14)
        for para in front:
            heading = bool(re.match(r"^[一二三四五六七八九十]+、", para))
            f.paragraph(para, size=10.5, indent=True, bold=heading, gap=3)
        f.new_page()
    if part_two:
        f.paragraph("第二部分", size=16, indent=False, align="center", gap=4)
        f.paragraph("预算项目绩效目标", size=16, indent=False, align="center", gap=14)
    pending = list(modes)
    for i, t in enumerate(tables):
        layout_table(t, st)
        if one_per_page and i > 0:
            f.new_page()
        elif i > 0:
            f.y += 16
        used = place_table(f, t, pending[0] if pending else None)
        if used and pending and used == pending[0]:
            pending.pop(0)
    f.finish()
    if pending:
        raise SystemExit(f"{path.name}: page-break variants not produced: {pending}")


# =========================================================================== the documents


def seed_toc(seed: dict) -> list[tuple[str, str]]:
    toc = [
        ("第一部分 部门整体绩效目标", "head"),
        ("一、总体绩效目标", "item"),
        ("二、分项绩效目标", "item"),
        ("三、工作保障措施", "item"),
        ("第二部分 预算项目绩效目标", "head"),
    ]
    toc += [(p["title"], "item") for p in seed["projects"]]
    return toc


def make_seed_cid(seed: dict) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    st = Style(font="STSong-Light", size=8.5, leading=11.0, fake_bold_title=True)
    tables = []
    for p in seed["projects"]:
        over = {i: txt for (code, i), txt in CID_FULLWIDTH_TARGETS.items() if code == p["code"]}
        tables.append(hebei_table(p, over))
    render_tables_pdf(
        HERE / "seed-cid.pdf",
        seed["title"],
        tables,
        st,
        modes=["header", "plain", "cut"],
        front=seed["front_matter"],
        cover=[seed["title"], "行政审批部门编制", "山海关区财政局审核"],
        toc=seed_toc(seed),
        part_two=True,
    )


def register_ttf(name: str = "WQYZenHei") -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, WQY, subfontIndex=0))
    return name


def make_third(doc: dict) -> None:
    st = Style(font=register_ttf(), size=8.0, leading=10.5, pad=3.0, title_size=13.0)
    rules = (doc.get("render") or {}).get("score_rules") or {}
    tables = [third_table(p, rules.get(p["code"]) or [""] * len(p["indicators"])) for p in doc["projects"]]
    render_tables_pdf(
        HERE / "third-layout.pdf",
        doc.get("title") or "项目支出绩效目标申报表",
        tables,
        st,
        modes=[],
        one_per_page=True,
    )


def make_clean(name: str, doc: dict) -> None:
    st = Style(font=register_ttf(), size=8.0, leading=10.5, pad=3.0, title_size=12.0)
    tables = [hebei_table(p) for p in doc["projects"]]
    render_tables_pdf(HERE / f"{name}.pdf", doc.get("title") or name, tables, st, modes=[])


# --------------------------------------------------------------------------- Word / LibreOffice


def _set_cell(cell, text: str, size: float, align: str = "center", bold: bool = False):
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    par = cell.paragraphs[0]
    par.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    par.paragraph_format.space_before = Pt(0)
    par.paragraph_format.space_after = Pt(0)
    if text:
        run = par.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold


def _font_defaults(document, east_asia: str = "WenQuanYi Zen Hei"):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = document.styles["Normal"]
    style.font.name = east_asia
    style.font.size = Pt(10.5)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), east_asia)
    lang = rpr.makeelement(qn("w:lang"), {qn("w:val"): "zh-CN", qn("w:eastAsia"): "zh-CN"})
    rpr.append(lang)


def _para(
    document,
    text: str,
    size: float = 10.5,
    align: str = "left",
    bold: bool = False,
    indent: bool = False,
    keep_next: bool = False,
    page_break_before: bool = False,
    space_after: float = 3,
):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    par = document.add_paragraph()
    par.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    fmt = par.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    fmt.keep_with_next = keep_next
    fmt.page_break_before = page_break_before
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    run = par.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    return par


def _docx_table(document, t: Table, size: float):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    table = document.add_table(rows=t.nrows, cols=len(t.col_widths))
    table.style = "Table Grid"
    table.autofit = False
    # fixed layout, so LibreOffice keeps our narrow columns
    tblpr = table._tbl.tblPr
    layout = tblpr.makeelement(qn("w:tblLayout"), {qn("w:type"): "fixed"})
    tblpr.append(layout)
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Pt(t.col_widths[i])
    for col, w in zip(table.columns, t.col_widths, strict=True):
        col.width = Pt(w)
    for c in t.cells:
        a = table.cell(c.row, c.col)
        if c.rowspan > 1 or c.colspan > 1:
            a = a.merge(table.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
        _set_cell(a, c.text, size, align=c.align)
    return table


def make_seed_word(seed: dict) -> None:
    import docx
    from docx.shared import Cm

    document = docx.Document()
    _font_defaults(document)
    sec = document.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.6)
    sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(2.3)
    core = document.core_properties
    import datetime as _dt

    fixed = _dt.datetime(2022, 1, 15, 9, 0, 0)
    core.author = core.last_modified_by = "行政审批部门"
    core.created = core.modified = fixed
    core.last_printed = fixed
    core.title = seed["title"]
    core.revision = 1

    for _ in range(6):
        _para(document, "", size=12)
    _para(document, seed["title"], size=22, align="center", bold=True, space_after=120)
    _para(document, "行政审批部门编制", size=16, align="center", space_after=12)
    _para(document, "山海关区财政局审核", size=16, align="center")
    _para(document, "目 录", size=16, align="center", bold=True, page_break_before=True, space_after=12)
    for text, style in seed_toc(seed):
        _para(document, text, size=11 if style == "head" else 10.5, bold=style == "head")
    _para(document, "第一部分", size=16, align="center", bold=True, page_break_before=True)
    _para(document, "部门整体绩效目标", size=16, align="center", bold=True, space_after=12)
    for para in seed["front_matter"]:
        heading = bool(re.match(r"^[一二三四五六七八九十]+、", para))
        _para(document, para, size=12 if heading else 10.5, bold=heading, indent=not heading, align="justify")
    _para(document, "第二部分", size=16, align="center", bold=True, page_break_before=True)
    _para(document, "预算项目绩效目标", size=16, align="center", bold=True, space_after=12)
    for i, p in enumerate(seed["projects"]):
        t = hebei_table(p)
        t.col_widths = [58, 58, 74, 78, 64, 60, 50]  # narrower than the page, text wraps in cells
        _para(
            document,
            t.context[0][0],
            size=12,
            align="center",
            bold=True,
            keep_next=True,
            page_break_before=i > 0 and i % 2 == 0,
            space_after=6,
        )
        _para(document, t.context[1][0], size=10.5, keep_next=True, space_after=0)
        _para(document, t.context[2][0], size=10.5, align="right", keep_next=True, space_after=2)
        _docx_table(document, t, 10.5)
        _para(document, "", size=6)
    buf = io.BytesIO()
    document.save(buf)
    (HERE / "seed-word.docx").write_bytes(_normalise_zip(buf.getvalue()))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "seed-word.docx"
        shutil.copy(HERE / "seed-word.docx", src)
        subprocess.run(
            [
                "libreoffice",
                f"-env:UserInstallation=file://{tmp}/lo",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        _deterministic_pdf(Path(tmp) / "seed-word.pdf", HERE / "seed-word.pdf")


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip (docx/xlsx) with fixed timestamps and order so the bytes are stable."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2022, 1, 15, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def _deterministic_pdf(src: Path, dst: Path) -> None:
    """Fix LibreOffice's dates (same-length byte replacement) and let qpdf derive a stable /ID."""
    data = src.read_bytes()
    data = re.sub(
        rb"\(D:\d{14}[^)]*\)",
        lambda m: b"(" + FIXED_DATE.encode().ljust(len(m.group(0)) - 2)[: len(m.group(0)) - 2] + b")",
        data,
    )
    data = re.sub(
        rb"<xmp:(CreateDate|ModifyDate|MetadataDate)>[^<]*</xmp:\1>",
        lambda m: _same_len(m.group(0), m.group(1)),
        data,
    )
    data = re.sub(
        rb"<xmpMM:(DocumentID|InstanceID)>[^<]*</xmpMM:\1>",
        lambda m: _same_len(m.group(0), m.group(1), b"xmpMM", b"uuid:00000000-0000-0000-0000-"),
        data,
    )
    data = re.sub(
        rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]",
        lambda m: re.sub(rb"[0-9A-Fa-f]", b"0", m.group(0)[3:]).join([b"/ID", b""]),
        data,
    )
    data = re.sub(rb"/DocChecksum\s*/[0-9A-Fa-f]{32}", b"/DocChecksum /" + b"0" * 32, data)
    tmp = dst.with_suffix(".tmp.pdf")
    tmp.write_bytes(data)
    subprocess.run(["qpdf", "--deterministic-id", str(tmp), str(dst)], check=True)
    tmp.unlink()


def _same_len(
    whole: bytes, tag: bytes, ns: bytes = b"xmp", value: bytes = b"2022-01-15T09:00:00+08:00"
) -> bytes:
    inner_len = len(whole) - len(b"<%s:%s></%s:%s>" % (ns, tag, ns, tag))
    v = (value + b"0" * inner_len)[:inner_len]
    return b"<%s:%s>%s</%s:%s>" % (ns, tag, v, ns, tag)


# --------------------------------------------------------------------------- bad inputs


def make_bad(force_xls: bool = False) -> None:
    BAD.mkdir(exist_ok=True)
    (BAD / "empty.pdf").write_bytes(b"")
    (BAD / "not-a-pdf.pdf").write_text(
        "这不是PDF文件。\nThis is a plain text file that was renamed to .pdf.\n项目名称：示例项目\n",
        encoding="utf-8",
    )
    data = (HERE / "seed-cid.pdf").read_bytes()
    (BAD / "damaged.pdf").write_bytes(data[: len(data) // 2])
    for name, user, owner in (
        ("encrypted.pdf", "secret", "owner-secret"),
        ("encrypted-empty-password.pdf", "", "owner"),
    ):
        # AES-128 (R4): unlike AES-256, its key derives from password and /ID, so with a
        # static /ID and IV the output is byte-stable
        subprocess.run(
            [
                "qpdf",
                "--static-id",
                "--static-aes-iv",
                "--encrypt",
                user,
                owner,
                "128",
                "--use-aes=y",
                "--",
                str(HERE / "seed-cid.pdf"),
                str(BAD / name),
            ],
            check=True,
        )
    (BAD / "notes.txt").write_text(
        "审核备忘：\n1. 本文件不是绩效目标表，perfaudit 应报告“不支持的文件类型”。\n"
        "2. This text file is not a supported input.\n",
        encoding="utf-8",
    )
    make_scan_only()
    make_xls(force_xls)


def make_scan_only() -> None:
    """Rasterise the first table page of seed-cid.pdf at 150 dpi into an image-only PDF."""
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pages = (
        json.loads((SOURCE / "pages.json").read_text(encoding="utf-8"))
        if (SOURCE / "pages.json").exists()
        else {}
    )
    first = min((v[0] for v in pages.get("seed-cid.pdf", {}).values()), default=6)
    pdf = pdfium.PdfDocument(str(HERE / "seed-cid.pdf"))
    page = pdf[first - 1]
    img = page.render(scale=150 / 72, grayscale=True).to_pil().convert("L")
    pdf.close()
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=70, optimize=True)
    buf.seek(0)
    c = canvas.Canvas(str(BAD / "scan-only.pdf"), pagesize=(PAGE_W, PAGE_H), invariant=1)
    c.drawImage(ImageReader(buf), 0, 0, PAGE_W, PAGE_H)
    c.showPage()
    c.save()


def make_xls(force: bool = False) -> None:
    """A real legacy .xls (BIFF8), written by LibreOffice from a tiny xlsx.

    LibreOffice stamps the save time into the file, so an existing copy is kept (the
    bytes stay stable); pass ``--force-xls`` to rebuild it.
    """
    import openpyxl

    if (BAD / "old-format.xls").exists() and not force:
        return

    with tempfile.TemporaryDirectory() as tmp:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "绩效目标表"
        for row in (
            ["项目名称", "示例项目"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人数", "≥100 人"],
        ):
            ws.append(row)
        src = Path(tmp) / "old-format.xlsx"
        wb.save(src)
        subprocess.run(
            [
                "libreoffice",
                f"-env:UserInstallation=file://{tmp}/lo",
                "--headless",
                "--convert-to",
                "xls",
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.copy(Path(tmp) / "old-format.xls", BAD / "old-format.xls")


def copy_real() -> None:
    REAL.mkdir(exist_ok=True)
    dst = REAL / REAL_PDF.name
    if REAL_PDF.exists():
        shutil.copyfile(REAL_PDF, dst)


# --------------------------------------------------------------------------- pages.json


def project_pages(pdf_path: Path, codes: list[str]) -> dict[str, list[int]]:
    """Pages each project's table lies on, read back from the PDF with pdfplumber.

    A table that holds a project code (or, without codes, its name) starts that project; a table holding no code
    continues the last project seen.  Tables with no project code before any code
    (none in these samples) are ignored.
    """
    import pdfplumber

    out: dict[str, list[int]] = {c: [] for c in codes}
    current = None
    with pdfplumber.open(pdf_path) as pdf:
        for pno, page in enumerate(pdf.pages, start=1):
            page = page.dedupe_chars()
            tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
            for tb in tables:
                cells = [re.sub(r"\s+", "", x or "") for row in tb.extract() for x in row]
                hit = [c for c in codes if c in cells]
                if hit:
                    current = hit[0]
                if current and pno not in out[current]:
                    out[current].append(pno)
    return out


def write_pages(sources: dict[str, dict]) -> dict:
    pages = {}
    targets = [("seed-cid.pdf", "seed"), ("seed-word.pdf", "seed"), ("third-layout.pdf", "third_layout")]
    targets += [(f"{k}.pdf", k) for k in sources if k.startswith("clean")]
    for pdf_name, src in targets:
        if src in sources and (HERE / pdf_name).exists():
            keys = [
                p.get("code") or p["name"] for p in sources[src]["projects"]
            ]  # Shanghai tables have no code
            pages[pdf_name] = project_pages(HERE / pdf_name, keys)
    (SOURCE / "pages.json").write_text(
        json.dumps(pages, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return pages


def main(argv: list[str]) -> int:
    sources = load_sources()
    seed = sources["seed"]
    make_seed_cid(seed)
    make_seed_word(seed)
    if "third_layout" in sources:
        make_third(sources["third_layout"])
    for name, doc in sources.items():
        if name.startswith("clean"):
            make_clean(name, doc)
    pages = write_pages(sources)
    make_bad(force_xls="--force-xls" in argv)
    copy_real()
    for name in sorted(pages):
        for code, pg in pages[name].items():
            if not pg:
                raise SystemExit(f"{name}: project {code} not found in the generated PDF")
    digest = {
        p.relative_to(HERE).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()[:12]
        for p in sorted(HERE.glob("*.*")) + sorted(BAD.iterdir()) + sorted(REAL.iterdir())
        if p.is_file() and p.suffix in (".pdf", ".docx", ".xls")
    }
    for k, v in digest.items():
        sys.stdout.write(f"{v}  {k}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
