"""PDF text layer -> :class:`~perfaudit.extract.grid.Grid` objects, with pdfplumber.

What this module handles, following the pitfalls in the extraction notes:

* fake-bold duplicates: ``page.dedupe_chars()`` before anything else;
* merged cells: spans are rebuilt from the bboxes of ``Table.cells`` (the ``None``
  placeholders of ``Table.extract()`` are not used);
* wrapped text: each cell's chars are laid out in lines and joined by
  :func:`perfaudit.extract.text.clean_cell`;
* a table left open at a page break (a row cut in two): a closing horizontal line is
  added at the end of the page's vertical rulings so the cut row is still a cell;
* page triage: pages with (almost) no text but an image are reported as scanned
  pages, pages whose text is mostly ``(cid:NN)`` garbage likewise.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from .glyphs import realign
from .grid import Cell, Grid
from .text import clean_cell, clean_line

#: page text that makes a page worth a table search (a 绩效目标表 or its continuation)
ANCHORS = ("指标", "绩效目标", "项目名称", "项目编码", "指标值")


@dataclass
class PdfSettings:
    dedupe_tolerance: float = 1.0
    snap_tolerance: float = 3.0
    join_tolerance: float = 3.0
    intersection_tolerance: float = 3.0
    edge_cluster: float = 2.0  # cell boundaries closer than this are one grid line
    x_tolerance: float = 3.0  # text inside a cell
    y_tolerance: float = 3.0
    min_text_chars: int = 15  # a page with fewer characters and an image is a scan
    max_cid_ratio: float = 0.3  # more "(cid:" glyphs than this -> unusable text layer
    all_pages: bool = False  # search every page for tables, not only pages with anchor words
    table_settings: dict[str, Any] = field(default_factory=dict)  # passed on to pdfplumber

    def resolve(self) -> dict[str, Any]:
        ts = {
            "vertical_strategy": "lines",
            "horizontal_strategy": "lines",
            "snap_tolerance": self.snap_tolerance,
            "join_tolerance": self.join_tolerance,
            "intersection_tolerance": self.intersection_tolerance,
        }
        ts.update(self.table_settings)
        return ts


@dataclass
class PageInfo:
    index: int  # 0-based
    kind: str  # "text", "scan", "blank", "garbled", "sideways"
    nchars: int
    has_anchor: bool


def classify_page(page, settings: PdfSettings) -> PageInfo:
    chars = page.chars
    text = "".join(c["text"] for c in chars)
    n = len(text.strip())
    cid = len(re.findall(r"\(cid:\d+\)", text)) + text.count("\ufffd")
    if n < settings.min_text_chars:
        kind = "scan" if page.images else ("blank" if n == 0 else "text")
    elif cid / max(n, 1) > settings.max_cid_ratio:
        kind = "garbled"
    else:
        kind = "text"
    anchor = has_anchor(text)
    if kind == "text" and n >= settings.min_text_chars:
        upright = sum(1 for c in chars if c.get("upright", True))
        if upright < 0.5 * len(chars):  # the page is shown turned by 90°: its table text runs vertically
            kind = "sideways"
    return PageInfo(page.page_number - 1, kind, n, anchor)


_PLAIN = frozenset({float, int, str, bool, type(None)})


def lean_objects(page) -> None:
    """Make ``page`` turn pdfminer's characters into pdfplumber's dicts faster (same dicts).

    ``Page.process_object`` resolves every attribute of every object through two generic
    functions and decodes the colour-space name of every character: a fifth of the time of
    parsing a page.  Characters are most of a page's objects; here their plain attributes are
    copied as they are and the colour-space names are decoded once.  Other objects, and the
    characters of a pdfplumber whose ``process_object`` is not the one this mirrors, take
    pdfplumber's own path.  Call before the page's objects are first used."""
    from pdfminer.layout import LTChar
    from pdfplumber.page import ALL_ATTRS, Page
    from pdfplumber.utils import resolve_all, resolve_and_decode

    if Page.process_object.__qualname__ != "Page.process_object" or not _mirrors_pdfplumber():
        return
    generic = page.process_object
    names: dict[str, Any] = {}
    mb_x0, mb_top = page.mediabox[:2]
    height, doctop, number = page.height, page.initial_doctop, page.page_number
    norm = page.pdf.unicode_norm

    def process(obj):
        if type(obj) is not LTChar or norm is not None:
            return generic(obj)
        attr = {
            k: (v if type(v) in _PLAIN else resolve_all(v)) for k, v in obj.__dict__.items() if k in ALL_ATTRS
        }
        attr["object_type"] = "char"
        attr["page_number"] = number
        if hasattr(obj, "ncs"):
            name = obj.ncs.name
            if name not in names:
                names[name] = resolve_and_decode(name)
            attr["ncs"] = names[name]
        attr["text"] = obj.get_text()
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if isinstance(attr["fontname"], bytes):
            return generic(obj)
        attr["top"] = (height - attr["y1"]) + mb_top
        attr["bottom"] = (height - attr["y0"]) + mb_top
        attr["doctop"] = doctop + attr["top"]
        if mb_x0 != 0:
            attr["x0"] += mb_x0
            attr["x1"] += mb_x0
        return attr

    page.process_object = process


def _mirrors_pdfplumber() -> bool:
    """Is the installed pdfplumber's character conversion the one :func:`lean_objects` mirrors?"""
    import pdfplumber

    return pdfplumber.__version__.startswith("0.11.")


def dedupe_page(page, tolerance: float):
    """``page.dedupe_chars(tolerance=...)`` with the same result, in n log n.

    pdfplumber puts the kept characters back in page order with ``sorted(key=chars.index)``,
    a linear search per character: on a page of 2,000 characters that alone was a fifth of
    the time of reading a long budget.  Here the order comes from a dictionary."""
    from pdfplumber.page import FilteredPage
    from pdfplumber.utils import cluster_objects

    chars = page.chars
    key = itemgetter("upright", "text", "fontname", "size")
    pos_key = itemgetter("doctop", "x0")
    kept = []
    for _, group in itertools.groupby(sorted(chars, key=key), key=key):
        group = list(group)
        if len(group) == 1:  # most glyphs occur once with their font and size: nothing to cluster
            kept.append(group[0])
            continue
        for y_cluster in cluster_objects(group, itemgetter("doctop"), tolerance):
            for x_cluster in cluster_objects(y_cluster, itemgetter("x0"), tolerance):
                kept.append(min(x_cluster, key=pos_key))
    position = {id(c): i for i, c in enumerate(chars)}
    kept.sort(key=lambda c: position[id(c)])
    out = FilteredPage(page, lambda x: True)
    out._objects = dict(page.objects)
    out._objects["char"] = kept
    return out


def has_anchor(text: str) -> bool:
    """Does a page's text name a 绩效目标表 (also when fake-bold text is drawn twice: 指指标标)?"""
    compact = re.sub(r"\s+", "", text)
    undoubled = re.sub(r"(.)\1", r"\1", compact)
    return any(a in compact or a in undoubled for a in ANCHORS)


def pages_without_tables(path, password: str, npages: int, settings: PdfSettings) -> set[int]:
    """0-based pages that pdfium's text layer shows to be plain upright text without an anchor word.

    pdfium reads a page's text in C, tens of times faster than pdfminer lays out its objects;
    a departmental budget of 35 pages may have 5 pages of 绩效 tables, and the other 30 need
    no pdfplumber parse at all.  A page is only skipped when the table search would skip it
    anyway: enough text (not a scan, not blank), a page not turned and mostly upright characters
    (a sideways page is named in the no-table message), no anchor word.  When pdfium cannot
    read the file or counts other pages, nothing is skipped."""
    if settings.all_pages:
        return set()
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c

        doc = pdfium.PdfDocument(str(path), password=password or None)
    except Exception:  # noqa: BLE001 - no shortcut: every page goes through pdfplumber
        return set()
    skip: set[int] = set()
    try:
        if len(doc) != npages:
            return set()
        for i in range(npages):
            page = doc[i]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
                if page.get_rotation() == 0 and _plain_text_page(text, textpage, pdfium_c, settings):
                    skip.add(i)
            finally:
                textpage.close()
                page.close()
    except Exception:  # noqa: BLE001
        return set()
    finally:
        doc.close()
    return skip


def _plain_text_page(text: str, textpage, pdfium_c, settings: PdfSettings) -> bool:
    """Text enough, few unknown glyphs, upright, no anchor word: a page the table search skips."""
    n = len(text.strip())
    if n < max(settings.min_text_chars, 40) or has_anchor(text):
        return False
    if text.count("\ufffd") + text.count("(cid:") > 0.05 * n:
        return False
    count = textpage.count_chars()
    sample = range(0, count, max(1, count // 24))
    upright = 0
    for k in sample:
        angle = pdfium_c.FPDFText_GetCharAngle(textpage.raw, k)
        upright += angle < 0.1 or angle > 6.18  # (-1: pdfium knows no angle for it)
    return upright >= 0.8 * len(sample)


def _cluster(values: list[float], tol: float) -> list[float]:
    """Sorted representative positions, merging values closer than ``tol``."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(edges: list[float], v: float, tol: float) -> int:
    i = bisect.bisect_left(edges, v - tol)
    return min(i, len(edges) - 1)


def _closing_lines(page) -> list[dict]:
    """Horizontal lines at the top and bottom end of the page's vertical rulings.

    A table cut by a page break is often drawn without its bottom (or top) border.
    Without a closing line pdfplumber drops the cut row entirely."""
    v = [e for e in page.edges if e["orientation"] == "v" and e["height"] > 5]
    if not v:
        return []
    x0 = min(e["x0"] for e in v)
    x1 = max(e["x1"] for e in v)
    out = []
    for y in (min(e["top"] for e in v), max(e["bottom"] for e in v)):
        out.append(
            {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0, "object_type": "line"}
        )
    return out


def _cell_text(chars: list[dict], settings: PdfSettings) -> str:
    from pdfplumber.utils import extract_text

    if not chars:
        return ""
    return extract_text(chars, x_tolerance=settings.x_tolerance, y_tolerance=settings.y_tolerance)


def page_grids(page, settings: PdfSettings) -> list[Grid]:
    """All ruled tables of one (already de-duplicated) pdfplumber page as grids."""
    ts = settings.resolve()
    closing = _closing_lines(page)
    if closing:
        ts = dict(ts, explicit_horizontal_lines=list(ts.get("explicit_horizontal_lines") or []) + closing)
    tables = page.find_tables(ts)
    tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    grids: list[Grid] = []
    prev_bottom = 0.0
    chars = realign(page.chars)  # fonts drawn below their lines (Chongqing digits): see glyphs.py
    for t in tables:
        boxes = t.cells
        if len(boxes) < 2:
            continue
        xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes], settings.edge_cluster)
        ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes], settings.edge_cluster)
        tx0, ttop, tx1, tbottom = t.bbox
        buckets = _chars_by_cell(chars, boxes, t.bbox)
        cells = [
            _cell(b, bucket, xs, ys, page.page_number, settings)
            for b, bucket in zip(boxes, buckets, strict=True)
        ]
        context = _context_lines(chars, prev_bottom, ttop)
        h_edges = [e for e in page.edges if e["orientation"] == "h" and e["width"] > 5]
        grids.append(
            Grid(
                cells=cells,
                page=page.page_number,
                source="pdf",
                context=context,
                col_edges=xs,
                top=float(ttop),
                bottom_y=float(tbottom),
                page_height=float(page.height),
                open_top=not _has_line(h_edges, ttop, tx0, tx1),
                open_bottom=not _has_line(h_edges, tbottom, tx0, tx1),
            )
        )
        prev_bottom = tbottom
    return grids


def _chars_by_cell(chars: list[dict], boxes: list, bbox: tuple) -> list[list[dict]]:
    """The characters of each cell box, each character in the first box (top to bottom, left to
    right) holding its centre; characters outside the table's ``bbox`` are left out.

    Box by box in that order, among the characters not yet placed whose centre lies in the box's
    band of rows (found by bisection on the sorted centres): about cells x characters of one
    row, instead of cells x characters of the page.  Each box keeps its characters in page order."""
    tx0, ttop, tx1, tbottom = bbox
    inside = []  # (centre y, centre x, position in chars) of the characters inside the table
    for n, ch in enumerate(chars):
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        if tx0 <= cx <= tx1 and ttop <= cy <= tbottom:
            inside.append((cy, cx, n))
    inside.sort()
    ys = [c[0] for c in inside]
    placed = [False] * len(inside)
    buckets: list[list[dict]] = [[] for _ in boxes]
    for i in sorted(range(len(boxes)), key=lambda i: (boxes[i][1], boxes[i][0])):
        x0, top, x1, bottom = boxes[i][:4]
        got = []
        for k in range(bisect.bisect_left(ys, top), bisect.bisect_right(ys, bottom)):
            if not placed[k] and x0 <= inside[k][1] <= x1:
                placed[k] = True
                got.append(inside[k][2])
        buckets[i] = [chars[n] for n in sorted(got)]
    return buckets


def _cell(box, chars: list[dict], xs: list[float], ys: list[float], page: int, settings: PdfSettings) -> Cell:
    """One grid cell from a pdfplumber cell box and its characters."""
    c0 = _index(xs, box[0], settings.edge_cluster)
    c1 = _index(xs, box[2], settings.edge_cluster)
    r0 = _index(ys, box[1], settings.edge_cluster)
    r1 = _index(ys, box[3], settings.edge_cluster)
    return Cell(
        row=r0,
        col=c0,
        rowspan=max(r1 - r0, 1),
        colspan=max(c1 - c0, 1),
        text=clean_cell(_cell_text(chars, settings)),
        page=page,
        bbox=tuple(float(v) for v in box),
    )


def _has_line(h_edges: list[dict], y: float, x0: float, x1: float) -> bool:
    """Is there a drawn horizontal ruling at ``y`` covering most of [x0, x1]?"""
    covered = sum(max(0.0, min(e["x1"], x1) - max(e["x0"], x0)) for e in h_edges if abs(e["top"] - y) <= 2.0)
    return covered >= 0.8 * (x1 - x0)


def _context_lines(chars: list[dict], y0: float, y1: float) -> list[str]:
    """Text lines between the previous table (or the page top) and this table."""
    from pdfplumber.utils import extract_text

    if y1 - y0 < 2:
        return []
    inside = [c for c in chars if c["bottom"] > y0 and c["top"] < y1]
    text = extract_text(inside, x_tolerance=1.5) if inside else ""
    return [ln for ln in (clean_line(x) for x in text.splitlines()) if ln]


def rebuild_page_tree(path, listed: int, password: str = ""):
    """When pdfium sees more pages than the page tree pdfplumber read (``/Count 0``, a cut
    ``/Kids``), a copy with a fresh page tree: ``(tmp path, pages seen, pages listed)``; else None.

    pdfium reads pages the way PDF viewers do; importing them into a new document writes a
    whole page tree.  The caller deletes the copy."""
    import os
    import tempfile
    from pathlib import Path

    try:
        import pypdfium2 as pdfium

        src = pdfium.PdfDocument(str(path), password=password or None)
    except Exception:  # noqa: BLE001 - pdfium cannot help: keep pdfplumber's reading
        return None
    try:
        seen = len(src)
        if seen <= listed:
            return None
        new = pdfium.PdfDocument.new()
        new.import_pages(src)
        fd, tmp = tempfile.mkstemp(prefix="perfaudit-rebuilt-", suffix=".pdf")
        os.close(fd)
        new.save(tmp)
        new.close()
        return Path(tmp), seen, listed
    except Exception:  # noqa: BLE001
        return None
    finally:
        src.close()
