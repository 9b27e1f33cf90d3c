"""Scanned pages: page raster -> ruling lines -> cell grid with spans -> OCR text per cell.

The pipeline for one page (:func:`page_grids`):

1. render the page with pypdfium2 at the resolution of the page's own image
   (:mod:`perfaudit.extract.scan_prep`), in colour, and keep the dark ink only (a red
   seal or blue ballpoint over the cells fades to paper);
2. turn a page fed sideways or upside down upright, then deskew: the slope of the long
   horizontal rules gives the rotation (±``max_skew``°);
3. find the tables, their rules and merged cells (:mod:`perfaudit.extract.scan_grid`);
4. cut every cell's text lines, and the lines in the strips above the tables (titles,
   ``单位：万元``), out by ink projection (the tables' rules erased) and recognise them all
   in one batch on two threads (rapidocr, :mod:`perfaudit.extract.ocr`); parentheses and a
   small ``÷`` are settled from the image (:func:`_glyph_checks`).  With
   ``recognition="page"`` the whole page is detected and recognised once instead and each
   text line goes to the cell holding its centre (a line crossing a cell border is split
   by its per-character x positions);
5. join the lines of a cell top to bottom and normalise with
   :func:`perfaudit.extract.text.clean_cell`, exactly as for the text layer.

Per-cell confidence is the lowest score of the cell's text lines; a cell holding ink but
no recognised text gets confidence 0.0.  Text lines above a table (title,
``单位：万元``, department line) become that table's ``Grid.context``.

numpy, cv2, pypdfium2 and rapidocr are imported inside the functions.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .grid import Cell, Grid
from .ocr import OcrLine, OcrUnavailable, get_engine, recognize
from .scan_grid import Table, binarize, chains, estimate_skew, find_tables, rotate
from .scan_settings import ScanSettings

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = [
    "ScanSettings",
    "ScanError",
    "OcrUnavailable",
    "page_grids",
    "image_grids",
    "render_page",
    "estimate_skew",
    "find_tables",
    "rotate",
]

#: rules are widened by this (pixels, square) before they are erased from the text image,
#: within this many pixels of a table
RULE_ERASE_PX, RULE_ZONE_PX = 3, 10
#: a text line is cropped with this much paper around its ink (pixels)
CROP_PAD_PX = 4
#: ink bands of a cell: looked for this far inside the cell box (pixels); a pixel row is
#: inked with at least ROW_INK_PX dark pixels; rows up to ROW_GAP_PX apart are one band
BAND_MARGIN_PX, ROW_INK_PX, ROW_GAP_PX = 2, 2, 2
#: a band lower than this many rows, or with fewer dark pixels, is specks
BAND_MIN_ROWS, BAND_MIN_INK_PX = 3, 12
#: a band's ends are its dense columns (2+ dark pixels), reaching this far to lone strokes
DENSE_REACH_PX = 6
#: a band taller than this many text lines is split (touching lines)
TALL_LINES = 1.6
#: text height (points) assumed when a page has no ink bands to measure it
DEFAULT_LINE_PT = 10
#: the cell margin is at least this many pixels; a second look skips bands lower than this
CELL_MARGIN_MIN_PX, SECOND_LOOK_MIN_ROWS = 4, 4
#: a strip above a table lower than this (pixels) holds no text line
STRIP_MIN_PX = 8
#: a text line above a table ends where its ink pauses for more than this many line heights
STRIP_GAP_LINES = 1.5
#: a parenthesis with more paper than this many line heights on its open side is full-width
FULL_PAREN_GAP = 0.3


class ScanError(Exception):
    """The page could not be rendered; ``message_zh`` / ``message_en`` say why."""

    def __init__(self, message_zh: str, message_en: str):
        super().__init__(f"{message_zh} / {message_en}")
        self.message_zh = message_zh
        self.message_en = message_en


# --------------------------------------------------------------------------- public API


def page_grids(
    pdf_path: str | Path,
    page_index: int,
    settings: ScanSettings | None = None,
    *,
    timings: dict[str, float] | None = None,
) -> tuple[list[Grid], list[str]]:
    """OCR one page (0-based ``page_index``) of a PDF into grids.

    Returns the page's tables as grids (``source="ocr"``) and the text lines above the
    first table (all lines when the page holds no table).  ``timings``, if given, receives
    seconds spent in ``render``, ``lines`` (orientation, deskew, grid) and ``ocr``.
    Raises :class:`OcrUnavailable` when the OCR engine cannot be loaded and
    :class:`ScanError` when the page cannot be rendered.
    """
    s = settings or ScanSettings()
    get_engine(s.ocr)  # fail early, before rendering, if OCR is not installed
    t0 = time.perf_counter()
    gray, scale = render_page(pdf_path, page_index, s.dpi)
    if timings is not None:
        timings["render"] = time.perf_counter() - t0
    return image_grids(gray, scale, page=page_index + 1, settings=s, timings=timings)


def render_page(pdf_path: str | Path, page_index: int, dpi: int | None = None) -> tuple[np.ndarray, float]:
    """Grey raster of the dark ink of one page and its scale (pixels per point).

    ``dpi=None`` renders at the resolution of the page's own image (a scan's
    resolution), 200 dpi for a page without one.  Every page image of the scan path is
    made here, so a pixel budget applies in one place."""
    import pypdfium2 as pdfium

    from .scan_prep import choose_dpi, ink_gray, native_dpi

    try:
        pdf = pdfium.PdfDocument(str(pdf_path))
    except Exception as exc:
        raise ScanError(
            f"无法打开PDF进行文字识别：{Path(pdf_path).name}", f"cannot open the PDF for OCR: {exc}"
        ) from exc
    try:
        if not 0 <= page_index < len(pdf):
            raise ScanError(f"页码超出范围：第{page_index + 1}页", f"page {page_index + 1} does not exist")
        try:
            page = pdf[page_index]
            scale = (dpi or choose_dpi(native_dpi(page))) / 72.0
            arr = ink_gray(page.render(scale=scale).to_numpy())
        except ScanError:
            raise
        except Exception as exc:
            raise ScanError(
                f"第{page_index + 1}页无法渲染为图像", f"page {page_index + 1} cannot be rendered: {exc}"
            ) from exc
    finally:
        pdf.close()
    return arr.copy(), scale


def image_grids(
    gray: np.ndarray,
    scale: float,
    page: int = 1,
    settings: ScanSettings | None = None,
    timings: dict[str, float] | None = None,
) -> tuple[list[Grid], list[str]]:
    """The same as :func:`page_grids` for an already rendered grayscale page image."""
    s = settings or ScanSettings()
    t0 = time.perf_counter()
    gray = _upright(gray, scale, s)
    rules: list = []
    tables = find_tables(gray, s, scale, rules_out=rules)
    t1 = time.perf_counter()
    binary = binarize(gray)
    if s.recognition == "cells" and tables:
        grids, outside = _read_by_cells(gray, binary, rules[0], tables, scale, page, s)
    else:
        grids, outside = _read_by_page(gray, binary, tables, scale, page, s)
    t2 = time.perf_counter()
    if timings is not None:
        timings["lines"] = t1 - t0
        timings["ocr"] = t2 - t1
    return grids, _set_context(grids, tables, outside, s)


def _upright(gray: np.ndarray, scale: float, s: ScanSettings) -> np.ndarray:
    """The page turned upright (fed sideways or upside down) and deskewed."""
    if s.orient:
        from .scan_prep import detect_turn, turn

        gray = turn(gray, detect_turn(gray, scale, s.ocr))
    if s.deskew:
        angle = estimate_skew(gray, s, scale)
        if abs(angle) >= s.min_skew:
            gray = rotate(gray, angle)
    return gray


def _set_context(
    grids: list[Grid], tables: list[Table], outside: list[OcrLine], s: ScanSettings
) -> list[str]:
    """Text lines above each table (and below the previous one) become its context; returns
    the first table's context, or every line of a page without a table."""
    from .text import clean_line

    rows = _visual_rows(outside)
    if not tables:
        return [t for t in (clean_line(_row_text(r, s)) for r in rows) if t]
    head: list[str] = []
    prev_bottom = -1.0
    for gi, tb in enumerate(tables):
        ctx = [clean_line(_row_text(r, s)) for r in rows if prev_bottom <= _row_cy(r) < tb.y0]
        grids[gi].context = [c for c in ctx if c]
        if gi == 0:
            head = grids[gi].context
        prev_bottom = tb.y1
    return head


def _grid(tb: Table, texts: list[str], confs: list[float], page: int, scale: float, img_height: int) -> Grid:
    """The one place a scanned table becomes a :class:`Grid` (pixels -> points)."""
    cells = [
        Cell(
            row=r,
            col=c,
            text=text,
            rowspan=rs,
            colspan=cs,
            page=page,
            bbox=(x0 / scale, y0 / scale, x1 / scale, y1 / scale),
            confidence=round(conf, 4),
        )
        for (r, c, rs, cs), (x0, y0, x1, y1), text, conf in zip(
            tb.cells, tb.rects(), texts, confs, strict=True
        )
    ]
    return Grid(
        cells=cells,
        page=page,
        source="ocr",
        col_edges=[x / scale for x in tb.xs],
        top=tb.y0 / scale,
        bottom_y=tb.y1 / scale,
        page_height=img_height / scale,
        open_top=tb.open_top,
        open_bottom=tb.open_bottom,
    )


# --------------------------------------------------------------------------- reading by page


def _read_by_page(gray, binary, tables, scale, page, s: ScanSettings) -> tuple[list[Grid], list[OcrLine]]:
    """Detect and recognise text lines on the whole page, then assign them to cells."""
    lines = [_refine_line(ln, binary, s) for ln in recognize(gray, s.ocr)]
    outside: list[OcrLine] = []
    per_table: list[list[OcrLine]] = [[] for _ in tables]
    for ln in lines:
        hit = next((ti for ti, tb in enumerate(tables) if tb.contains(ln)), None)
        if hit is None:
            outside.append(ln)
        else:
            per_table[hit].append(ln)
    grids = [
        _fill_grid(tb, per_table[ti], gray, binary, scale, page, s, gray.shape[0])
        for ti, tb in enumerate(tables)
    ]
    return grids, outside


# --------------------------------------------------------------------------- reading by cells


def _read_by_cells(
    gray, binary, rules, tables, scale, page, s: ScanSettings
) -> tuple[list[Grid], list[OcrLine]]:
    """Cut every cell's text lines, and the text lines above each table (titles, unit
    line), out by ink projection (rules erased) and recognise them all in one batch."""
    from .ocr import read_lines
    from .text import clean_cell

    text_bin, clean = _text_images(gray, binary, rules, tables, s)
    per_cell = [_ink_bands(text_bin, rect) for tb in tables for rect in tb.rects()]
    heights = sorted(b[1] - b[0] + 1 for bands in per_cell for b in bands)
    line_h = heights[len(heights) // 2] if heights else int(DEFAULT_LINE_PT * scale)
    boxes, owner = [], []
    for k, bands in enumerate(per_cell):
        for box in _split_tall(bands, text_bin, line_h):
            boxes.append(box)
            owner.append(k)
    above = _boxes_above(text_bin, tables, line_h)
    crops = [_crop(clean, *box) for box in boxes + above]
    lines = read_lines(crops, s.ocr) if crops else []
    texts: list[list[str]] = [[] for _ in per_cell]
    scores: list[list[float]] = [[] for _ in per_cell]
    for k, ln, crop in zip(owner, lines, crops, strict=False):
        text, score = _glyph_checks(ln, crop).strip(), ln.score
        scores[k].append(score if text else 0.0)
        if text:
            texts[k].append(_ocr_punct(text))
    grids: list[Grid] = []
    k = 0
    for tb in tables:
        n = len(tb.cells)
        grids.append(
            _grid(
                tb,
                [clean_cell("\n".join(t)) for t in texts[k : k + n]],
                [min(sc) if sc else 1.0 for sc in scores[k : k + n]],
                page,
                scale,
                gray.shape[0],
            )
        )
        k += n
    return grids, _context_lines(above, lines[len(boxes) :], binary, s)


def _text_images(gray, binary, rules, tables: list[Table], s: ScanSettings):
    """(ink mask, grey page) with the tables' rules and the specks of a few pixels
    (scanner noise, which would be read as "." or ",") erased.  Rules are erased only over
    the tables (and above a table cut by the page break, where its rules run on): outside,
    the "rules" found are a bold title's long strokes."""
    import cv2
    import numpy as np

    wide_rules = cv2.dilate(rules, np.ones((RULE_ERASE_PX, RULE_ERASE_PX), np.uint8))
    over = np.zeros_like(wide_rules)
    m, prev = RULE_ZONE_PX, 0
    for tb in tables:
        top = prev if tb.open_top else int(tb.y0) - m
        bottom = gray.shape[0] if tb.open_bottom else int(tb.y1) + m
        over[max(top, 0) : bottom, max(int(tb.x0) - m, 0) : int(tb.x1) + m] = 255
        prev = int(tb.y1)
    wide_rules = cv2.bitwise_and(wide_rules, over)
    text_bin = cv2.bitwise_and(binary, cv2.bitwise_not(wide_rules))
    _n, labels, stats, _ = cv2.connectedComponentsWithStats(text_bin, connectivity=8)
    specks = stats[:, cv2.CC_STAT_AREA] <= s.speck_area_px
    specks[0] = False
    speck_mask = specks[labels]
    text_bin[speck_mask] = 0
    clean = gray.copy()
    clean[(wide_rules > 0) | speck_mask] = 255
    return text_bin, clean


def _crop(img, y0: int, y1: int, x0: int, x1: int):
    """The box (inclusive pixel ends) with CROP_PAD_PX of paper around it."""
    p = CROP_PAD_PX
    return img[max(y0 - p, 0) : y1 + p + 1, max(x0 - p, 0) : x1 + p + 1]


def _boxes_above(text_bin, tables: list[Table], line_h: int) -> list[tuple[int, int, int, int]]:
    """Text lines in the strips above each table (title, department, ``单位：万元``) as
    (y0, y1, x0, x1) boxes: runs of inked pixel rows (a title's detached top strokes
    joined: gaps up to a quarter line), at least half a cell line high, cut where the ink
    pauses for more than ``STRIP_GAP_LINES`` line heights."""
    import numpy as np

    out = []
    prev = 0
    for tb in tables:
        top, bottom = int(prev), int(tb.y0)
        prev = tb.y1
        if bottom - top <= STRIP_MIN_PX:
            continue
        strip = text_bin[top:bottom] > 0
        inked = np.nonzero(strip.sum(axis=1) >= ROW_INK_PX)[0]
        for rows in chains(inked.tolist(), max(line_h // 4, ROW_GAP_PX)):
            y0, y1 = rows[0], rows[-1]
            if y1 - y0 + 1 < line_h // 2:
                continue  # specks, a dash
            cols = strip[y0 : y1 + 1].any(axis=0).nonzero()[0]
            gap = max(int(STRIP_GAP_LINES * (y1 - y0 + 1)), 1)
            out += [(top + y0, top + y1, ch[0], ch[-1]) for ch in chains(cols.tolist(), gap)]
    return out


def _context_lines(boxes, lines: list[OcrLine], binary, s: ScanSettings) -> list[OcrLine]:
    """The recognised text lines above the tables (crops cut at ``boxes``) in page
    pixels, kept as rapidocr's detection would keep them (score at least ``text_score``)
    and refined (:func:`_refine_line`: specks dropped, spaces where the image has a gap)."""
    out = []
    for (y0, _y1, x0, _x1), ln in zip(boxes, lines, strict=True):
        if not ln.text.strip() or ln.score < s.ocr.text_score:
            continue
        dx, dy = max(x0 - CROP_PAD_PX, 0), max(y0 - CROP_PAD_PX, 0)  # the crop's corner
        ln.x0, ln.x1, ln.y0, ln.y1 = ln.x0 + dx, ln.x1 + dx, ln.y0 + dy, ln.y1 + dy
        for ch in ln.chars:
            ch.x0, ch.x1 = ch.x0 + dx, ch.x1 + dx
        ln = _refine_line(ln, binary, s)
        if ln.text:
            out.append(ln)
    return out


#: marks :func:`_glyph_checks` settles from the image
_CHECKED = frozenset("()（）-")


def _glyph_checks(ln: OcrLine, crop) -> str:
    """The line's text with the marks the recogniser confuses at small sizes settled by the
    image: each parenthesis as wide as printed (:func:`_full_width`), and a "-" that has a
    dot above and below it read as "÷" (7 pt 达标终端数÷检测终端数 comes out as "-")."""
    import numpy as np

    if not ln.chars or not any(c.text in _CHECKED for c in ln.chars):
        return ln.text
    ink = (crop < 128).sum(axis=0) > 0
    runs = [(ch[0], ch[-1]) for ch in chains(np.nonzero(ink)[0].tolist(), 1)]
    h = crop.shape[0] - 2 * CROP_PAD_PX
    if not runs or h <= 0:
        return ln.text
    decided: list[str] = []  # the checked marks of the line, in order, as printed
    for ch in ln.chars:
        if ch.text not in _CHECKED:
            continue
        cx = (ch.x0 + ch.x1) / 2
        j = min(range(len(runs)), key=lambda i: abs((runs[i][0] + runs[i][1]) / 2 - cx))
        if ch.text == "-":
            decided.append("÷" if _divide_sign(crop[:, runs[j][0] : runs[j][1] + 1]) else "-")
        else:
            decided.append(_full_width(ch.text, runs, j, h, decided))
    it = iter(decided)
    return "".join(next(it, t) if t in _CHECKED else t for t in ln.text)


def _full_width(t: str, runs, j: int, h: int, before: list[str]) -> str:
    """A parenthesis (ink run ``j`` of the line) as wide as printed: the recogniser says "("
    for both, but a full-width "（" sits in a whole em of paper, so the ink gap on its open
    side (before "(", after ")") is over ``FULL_PAREN_GAP`` line heights; an ASCII one hugs
    its neighbour.  A closing one ending the line is as wide as the one it closes.
    Documents differ (资金总额（元） / 发放(缴纳)), so only the image can tell."""
    opening = t in "(（"
    k = j - 1 if opening else j + 1
    if not 0 <= k < len(runs):
        last = next((d for d in reversed(before) if d in "(（"), None)
        return t if opening or last is None else {"(": ")", "（": "）"}[last]
    gap = runs[j][0] - runs[k][1] if opening else runs[k][0] - runs[j][1]
    full = gap > FULL_PAREN_GAP * h
    return ("（" if full else "(") if opening else ("）" if full else ")")


def _divide_sign(column) -> bool:
    """The ink of one glyph (a column slice of a line crop) is a bar with a dot above and below."""
    import cv2

    # the dots of a small "÷" are faint rings: a lighter threshold than for the line's ink
    n, _labels, stats, cents = cv2.connectedComponentsWithStats(
        (column < 200).astype("uint8"), connectivity=8
    )
    if n < 4:
        return False
    bar = max(range(1, n), key=lambda i: stats[i, cv2.CC_STAT_WIDTH])
    by, bw = cents[bar][1], stats[bar, cv2.CC_STAT_WIDTH]
    dots = [
        i
        for i in range(1, n)
        if i != bar and stats[i, cv2.CC_STAT_WIDTH] < 0.7 * bw and stats[i, cv2.CC_STAT_HEIGHT] < 0.7 * bw
    ]
    return any(cents[i][1] < by for i in dots) and any(cents[i][1] > by for i in dots)


_CJK_PUNCT = {":": "：", ",": "，", ";": "；"}


def _ocr_punct(text: str) -> str:
    """ASCII ``: , ;`` the recogniser put after, or before, a CJK character -> the
    full-width mark Chinese documents use (``单位:万元`` -> ``单位：万元``,
    ``目标2:支持`` -> ``目标2：支持``)."""
    from .text import is_cjk

    out = []
    for i, ch in enumerate(text):
        nxt = text[i + 1 : i + 2].lstrip() or text[i + 2 : i + 3]
        if ch in _CJK_PUNCT and ((i > 0 and is_cjk(text[i - 1])) or (nxt and is_cjk(nxt))):
            ch = _CJK_PUNCT[ch]
        out.append(ch)
    return "".join(out)


def _row_runs(sub) -> list[tuple[int, int]]:
    """(first, last) row of each band of inked pixel rows of a cell image."""
    import numpy as np

    inked = np.nonzero((sub > 0).sum(axis=1) >= ROW_INK_PX)[0]
    return [(int(ch[0]), int(ch[-1])) for ch in chains(inked.tolist(), ROW_GAP_PX)]


def _ink_bands(text_bin, rect) -> list[tuple[int, int, int, int]]:
    """Text lines inside a cell as (y0, y1, x0, x1) pixel boxes, by row projection."""
    x0, y0, x1, y1 = (int(v) for v in rect)
    m = BAND_MARGIN_PX
    sub = text_bin[y0 + m : y1 - m, x0 + m : x1 - m]
    if sub.size == 0:
        return []
    out = []
    for a, b in _row_runs(sub):
        piece = sub[a : b + 1] > 0
        if b - a < BAND_MIN_ROWS or piece.sum() < BAND_MIN_INK_PX:
            continue  # specks
        cols = (piece.sum(axis=0) >= 1).nonzero()[0]
        dense = (piece.sum(axis=0) >= 2).nonzero()[0]
        if len(dense) == 0:
            continue
        c0 = max(int(cols[0]), int(dense[0]) - DENSE_REACH_PX)
        c1 = min(int(cols[-1]), int(dense[-1]) + DENSE_REACH_PX)
        out.append((y0 + m + a, y0 + m + b, x0 + m + c0, x0 + m + c1))
    return out


def _split_tall(bands, text_bin, line_h: int):
    """Split bands taller than ~1.6 text lines (touching lines) at their thinnest rows."""
    for y0, y1, x0, x1 in bands:
        h = y1 - y0 + 1
        n = int(round(h / max(line_h, 1)))
        if h < TALL_LINES * line_h or n < 2:
            yield (y0, y1, x0, x1)
            continue
        prof = (text_bin[y0 : y1 + 1, x0 : x1 + 1] > 0).sum(axis=1)
        cuts = []
        for j in range(1, n):
            mid = int(j * h / n)
            lo, hi = max(mid - line_h // 3, 1), min(mid + line_h // 3, h - 2)
            cut = lo + int(prof[lo : hi + 1].argmin()) if hi >= lo else mid
            cuts.append(cut)
        start = 0
        for cut in cuts + [h]:
            if cut - start > 3:
                yield (y0 + start, y0 + cut - 1 if cut < h else y1, x0, x1)
            start = cut


# --------------------------------------------------------------------------- OCR text -> cells


@dataclass
class _Frag:
    text: str
    score: float
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


def _split_line(ln: OcrLine, bounds: list[tuple[float, float]], s: ScanSettings) -> list[tuple[int, _Frag]]:
    """Split one OCR line over the horizontal ranges ``bounds``: [(index, fragment)]."""
    if len(bounds) == 1:
        return [(0, _Frag(_line_text(ln, s), ln.score, ln.x0, ln.y0, ln.x1, ln.y1))]
    if not ln.chars:
        # no character positions: the whole line goes to the range it overlaps most
        best = max(range(len(bounds)), key=lambda i: min(ln.x1, bounds[i][1]) - max(ln.x0, bounds[i][0]))
        return [(best, _Frag(ln.text, ln.score, ln.x0, ln.y0, ln.x1, ln.y1))]
    parts: dict[int, list] = {}
    for ch in ln.chars:
        cx = (ch.x0 + ch.x1) / 2
        idx = min(
            range(len(bounds)),
            key=lambda i: (
                0
                if bounds[i][0] <= cx <= bounds[i][1]
                else min(abs(cx - bounds[i][0]), abs(cx - bounds[i][1]))
            ),
        )
        parts.setdefault(idx, []).append(ch)
    out = []
    for idx, chars in parts.items():
        sub = OcrLine(
            "".join(c.text for c in chars),
            min(c.score for c in chars),
            chars[0].x0,
            ln.y0,
            chars[-1].x1,
            ln.y1,
            chars,
        )
        out.append((idx, _Frag(_line_text(sub, s), sub.score, sub.x0, sub.y0, sub.x1, sub.y1)))
    return out


def _line_text(ln: OcrLine, s: ScanSettings) -> str:
    if not ln.chars:
        return ln.text
    return "".join(c.text for c in ln.chars)


_SPECKS = frozenset(".,·`'_-、。，")


def _refine_line(ln: OcrLine, binary, s: ScanSettings) -> OcrLine:
    """Drop doubtful one-pixel-speck punctuation and put spaces where the image has a gap.

    The recogniser's own spaces are unreliable (it drops or invents them), so the line is
    rebuilt from its characters: a space goes between two characters, one of them not
    CJK, when the widest ink-free run of pixel columns between them exceeds
    ``space_gap`` × the line height.  (Spaces between two CJK characters are dropped by
    ``clean_cell`` anyway.)"""
    from .ocr import OcrChar
    from .text import is_cjk

    if not ln.chars:
        return ln
    raw = ln.chars

    def numbering(i: int) -> bool:  # "4.行政…": a point between a digit and the text is list numbering
        return (
            raw[i].text == "."
            and 0 < i < len(raw) - 1
            and raw[i - 1].text[-1:].isdigit()
            and is_cjk(raw[i + 1].text[:1] or " ")
        )

    chars = [
        c
        for i, c in enumerate(raw)
        if c.text.strip() and not (c.text in _SPECKS and c.score < s.speck_score and not numbering(i))
    ]
    if not chars:
        return OcrLine("", ln.score, ln.x0, ln.y0, ln.x1, ln.y1, [])
    height = max(ln.y1 - ln.y0, 1.0)
    y0, y1 = int(ln.y0 + 0.1 * height), int(ln.y1 - 0.1 * height)
    band = binary[max(y0, 0) : max(y1, y0 + 1)]
    ink = (band > 0).sum(axis=0) >= 2 if band.size else None
    gaps: list[tuple[int, int]] = []  # widest ink-free run (length, start) between neighbours
    for prev, ch in zip(chars, chars[1:], strict=False):
        a, b = int((prev.x0 + prev.x1) / 2), int((ch.x0 + ch.x1) / 2)
        run, start, best = 0, a, (0, a)
        if ink is not None:
            for x in range(max(a, 0), min(b, len(ink))):
                if ink[x]:
                    run = 0
                    continue
                if run == 0:
                    start = x
                run += 1
                if run > best[0]:
                    best = (run, start)
        gaps.append(best)
    # a space is wider than the line's usual letter gap (digits and CJK glyphs have wide bearings)
    usual = sorted(g for g, _ in gaps)[len(gaps) // 2] if gaps else 0
    limit = max(s.space_gap * height, s.space_ratio * usual)
    out = [chars[0]]
    for (gap, start), prev, ch in zip(gaps, chars, chars[1:], strict=False):
        if gap > limit and not (is_cjk(prev.text[-1]) and is_cjk(ch.text[0])):
            out.append(OcrChar(" ", 1.0, float(start), float(start + gap)))
        out.append(ch)
    for i, c in enumerate(out):
        if c.text in _CJK_PUNCT and i > 0 and is_cjk(out[i - 1].text[-1:] or " "):
            c.text = _CJK_PUNCT[c.text]
    return OcrLine("".join(c.text for c in out), min(c.score for c in chars), ln.x0, ln.y0, ln.x1, ln.y1, out)


def _fill_grid(
    tb: Table, lines: list[OcrLine], gray, binary, scale: float, page: int, s: ScanSettings, img_height: int
) -> Grid:
    from .text import clean_cell

    rects = tb.rects()
    frags = _assign_lines(lines, rects, s)
    texts, confs = [], []
    for rect, fl in zip(rects, frags, strict=True):
        text = clean_cell("\n".join(_row_text(row, s) for row in _visual_rows(fl)))
        if fl:
            conf = min(f.score for f in fl)
        elif _ink(binary, rect, scale, s) > s.ink_threshold:
            # ink the detector found no text in: read the cell's ink bands directly, and
            # keep whatever comes out with its (usually low) score; nothing -> 0.0
            text, conf = _second_look(gray, binary, rect, scale, s)
        else:
            conf = 1.0
        texts.append(text)
        confs.append(conf)
    return _grid(tb, texts, confs, page, scale, img_height)


def _assign_lines(lines: list[OcrLine], rects, s: ScanSettings) -> list[list[_Frag]]:
    """The pieces of the text lines that fall in each cell (a line crossing cell borders
    is split by its characters' x positions)."""
    frags: list[list[_Frag]] = [[] for _ in rects]
    for ln in lines:
        cy = ln.cy
        row_cells = [
            i for i, (x0, y0, x1, y1) in enumerate(rects) if y0 <= cy <= y1 and x1 > ln.x0 and x0 < ln.x1
        ]
        if not row_cells:
            continue
        row_cells.sort(key=lambda i: rects[i][0])
        # ignore cells the line merely grazes (less than a character's worth of overlap)
        h = max(ln.y1 - ln.y0, 1.0)
        keep = [i for i in row_cells if min(ln.x1, rects[i][2]) - max(ln.x0, rects[i][0]) >= 0.5 * h]
        row_cells = keep or row_cells[:1]
        bounds = [(rects[i][0], rects[i][2]) for i in row_cells]
        for idx, frag in _split_line(ln, bounds, s):
            frags[row_cells[idx]].append(frag)
    return frags


def _visual_rows(frags: list) -> list[list]:
    """Group fragments (anything with x0, y0, y1, cy) into visual lines, top to bottom."""
    rows: list[list] = []
    for f in sorted(frags, key=lambda f: f.cy):
        if rows:
            last = rows[-1]
            ref = sum(g.cy for g in last) / len(last)
            hh = max(min(f.y1 - f.y0, last[0].y1 - last[0].y0), 1.0)
            if abs(f.cy - ref) < 0.5 * hh:
                last.append(f)
                continue
        rows.append([f])
    for r in rows:
        r.sort(key=lambda f: f.x0)
    return rows


def _row_text(row: list, s: ScanSettings) -> str:
    parts = []
    for f in row:
        parts.append(f.text if isinstance(f, _Frag) else _line_text(f, s))
    return " ".join(parts)


def _row_cy(row: list) -> float:
    return sum(f.cy for f in row) / len(row)


def _cell_margin(scale: float, s: ScanSettings) -> int:
    return max(int(s.cell_margin_pt * scale), CELL_MARGIN_MIN_PX)


def _second_look(gray, binary, rect, scale: float, s: ScanSettings) -> tuple[str, float]:
    """Recognise the ink bands of a cell the text detector found nothing in."""
    from .ocr import recognize_line
    from .text import clean_cell

    x0, y0, x1, y1 = rect
    m = _cell_margin(scale, s)
    ys, xs = int(y0) + m, int(x0) + m
    sub = binary[ys : int(y1) - m, xs : int(x1) - m]
    if sub.size == 0:
        return "", 0.0
    texts, scores = [], []
    for a, b in _row_runs(sub):
        if b - a < SECOND_LOOK_MIN_ROWS:
            continue
        cols = ((sub[a : b + 1] > 0).sum(axis=0) >= 1).nonzero()[0]
        if len(cols) == 0:
            continue
        text, score = recognize_line(
            _crop(gray, ys + a, ys + b, xs + int(cols[0]), xs + int(cols[-1])), s.ocr
        )
        if text:
            texts.append(text)
            scores.append(score)
    if not texts:
        return "", 0.0
    return clean_cell("\n".join(texts)), min(scores)


def _ink(binary, rect, scale: float, s: ScanSettings) -> float:
    """Share of dark pixels inside a cell, rules excluded."""
    x0, y0, x1, y1 = rect
    m = _cell_margin(scale, s)
    sub = binary[int(y0) + m : int(y1) - m, int(x0) + m : int(x1) - m]
    if sub.size == 0:
        return 0.0
    return float((sub > 0).mean())
