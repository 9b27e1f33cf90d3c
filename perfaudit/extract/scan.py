"""Scanned pages: page raster -> ruling lines -> cell grid with spans -> OCR text per cell.

The pipeline for one page (:func:`page_grids`):

1. render the page with pypdfium2 at the resolution of the page's own image
   (:mod:`perfaudit.extract.scan_prep`), in colour, and keep the dark ink only (a red
   seal or blue ballpoint over the cells fades to paper);
2. turn a page fed sideways or upside down upright, then deskew: the slope of the long
   horizontal rules gives the rotation (±``max_skew``°);
3. binarise (Otsu, or'd with a local threshold that keeps faint grey rulings) and pull
   out horizontal and vertical rules with morphological opening, after a short closing
   that bridges noise gaps in the rules;
4. every connected group of rules large enough is a table; its distinct x and y rule
   positions form an elementary grid; two neighbouring elementary cells belong to the
   same (merged) cell when the rule between them is missing, which gives row/col spans;
5. OCR the whole page once (rapidocr, :mod:`perfaudit.extract.ocr`) and assign each text
   line to the cell holding its centre; a line that crosses a cell border is split by
   its per-character x positions;
6. join the lines of a cell top to bottom and normalise with
   :func:`perfaudit.extract.text.clean_cell`, exactly as for the text layer.

Per-cell confidence is the lowest character score of the cell's text; a cell holding
ink but no recognised text gets confidence 0.0.  Text lines above a table (title,
``单位：万元``, department line) become that table's ``Grid.context``.

numpy, cv2, pypdfium2 and rapidocr are imported inside the functions.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .grid import Cell, Grid
from .ocr import OcrLine, OcrSettings, OcrUnavailable, get_engine, recognize

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = ["ScanSettings", "ScanError", "OcrUnavailable", "page_grids", "image_grids", "render_page"]


@dataclass
class ScanSettings:
    dpi: int | None = None  # render resolution; None: the page image's own (clamped to 150-300)
    orient: bool = True  # turn pages fed sideways or upside down upright
    deskew: bool = True
    max_skew: float = 3.0  # degrees; larger measured angles are ignored (not a table rotation)
    min_line_pt: float = 12.0  # shortest ruling line, in points (CJK strokes of 10.5pt text are shorter)
    max_line_thickness_pt: float = 4.0  # thicker "lines" are filled blocks, not rules
    gap_bridge_pt: float = 1.1  # noise gaps in a rule up to this long are closed (3 pixels at 200 dpi)
    snap_pt: float = 3.0  # rule positions closer than this are one boundary
    junction_pt: float = 1.2  # a rule must end within this distance of a crossing rule
    edge_coverage: float = 0.8  # fraction of a cell edge that must be inked to count as a rule
    min_table_width_pt: float = 100.0
    min_table_height_pt: float = 30.0
    min_table_cells: int = 20  # fewer cells found: look again for faint rulings
    space_gap: float = 0.2  # an ink-free gap wider than this × line height is a space
    space_ratio: float = 2.0  # … and wider than this × the line's median gap between characters
    speck_area_px: int = 4  # ink blobs this small (pixels) are noise, not text
    speck_score: float = 0.8  # a lone "." "," "-" … below this score is taken for scan noise
    ink_threshold: float = 0.004  # share of dark pixels that makes an unread cell suspicious
    recognition: str = "cells"  # "cells": recognise each cell's ink lines; "page": detect text on the page
    ocr: OcrSettings = field(default_factory=OcrSettings)


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
    seconds spent in ``render``, ``lines`` (deskew + grid) and ``ocr``.
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
    from .text import clean_line

    s = settings or ScanSettings()
    t0 = time.perf_counter()
    if s.orient:
        from .scan_prep import detect_turn, turn

        gray = turn(gray, detect_turn(gray, scale, s.ocr))
    if s.deskew:
        angle = estimate_skew(gray, s, scale)
        if abs(angle) >= 0.03:
            gray = rotate(gray, angle)
    rules: list = []
    tables = find_tables(gray, s, scale, rules_out=rules)
    t1 = time.perf_counter()
    binary = _binarize(gray)
    if s.recognition == "cells" and tables:
        grids, outside = _read_by_cells(gray, binary, rules[0], tables, scale, page, s)
    else:
        grids, outside = _read_by_page(gray, binary, tables, scale, page, s)
    t2 = time.perf_counter()
    if timings is not None:
        timings["lines"] = t1 - t0
        timings["ocr"] = t2 - t1

    # context: text lines above each table and below the previous one
    rows = _visual_rows(outside)
    head: list[str] = []
    prev_bottom = -1.0
    for gi, tb in enumerate(tables):
        ctx = [clean_line(_row_text(r, s)) for r in rows if prev_bottom <= _row_cy(r) < tb.y0]
        ctx = [c for c in ctx if c]
        grids[gi].context = ctx
        if gi == 0:
            head = ctx
        prev_bottom = tb.y1
    if not tables:
        head = [t for t in (clean_line(_row_text(r, s)) for r in rows) if t]
    return grids, head


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
    grids = [_fill_grid(tb, per_table[ti], gray, binary, scale, page, s, gray.shape[0])
             for ti, tb in enumerate(tables)]
    return grids, outside


def _read_by_cells(gray, binary, rules, tables, scale, page, s: ScanSettings) -> tuple[list[Grid], list[OcrLine]]:
    """Cut every cell's text lines out by ink projection (rules erased) and recognise them
    in one batch; detection runs only on the strips above the tables (titles, unit line)."""
    import cv2
    import numpy as np

    from .ocr import recognize_lines
    from .text import clean_cell

    wide_rules = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    text_bin = cv2.bitwise_and(binary, cv2.bitwise_not(wide_rules))
    # specks of a few pixels (scanner noise) would be read as "." or ","
    n, labels, stats, _ = cv2.connectedComponentsWithStats(text_bin, connectivity=8)
    specks = (stats[:, cv2.CC_STAT_AREA] <= s.speck_area_px)
    specks[0] = False
    speck_mask = specks[labels]
    text_bin[speck_mask] = 0
    clean = gray.copy()
    clean[(wide_rules > 0) | speck_mask] = 255

    per_cell: list[list[tuple[int, int, int, int]]] = []
    rects: list[tuple[int, tuple[float, float, float, float]]] = []
    for ti, tb in enumerate(tables):
        for r, c, rs, cs in tb.cells:
            rect = (tb.xs[c], tb.ys[r], tb.xs[c + cs], tb.ys[r + rs])
            rects.append((ti, rect))
            per_cell.append(_ink_bands(text_bin, rect))
    heights = sorted(b[1] - b[0] + 1 for bands in per_cell for b in bands)
    line_h = heights[len(heights) // 2] if heights else int(10 * scale)
    crops, owner = [], []
    for k, bands in enumerate(per_cell):
        for band in _split_tall(bands, text_bin, line_h):
            y0, y1, x0, x1 = band
            crops.append(clean[max(y0 - 4, 0) : y1 + 5, max(x0 - 4, 0) : x1 + 5])
            owner.append(k)
    results = recognize_lines(crops, s.ocr) if crops else []
    texts: list[list[str]] = [[] for _ in per_cell]
    scores: list[list[float]] = [[] for _ in per_cell]
    for k, (text, score) in zip(owner, results, strict=True):
        scores[k].append(score if text else 0.0)
        if text:
            texts[k].append(_ocr_punct(text))

    grids: list[Grid] = []
    k = 0
    for tb in tables:
        cells: list[Cell] = []
        for r, c, rs, cs in tb.cells:
            _ti, (x0, y0, x1, y1) = rects[k]
            conf = min(scores[k]) if scores[k] else 1.0
            cells.append(Cell(row=r, col=c, text=clean_cell("\n".join(texts[k])), rowspan=rs, colspan=cs,
                              page=page, bbox=(x0 / scale, y0 / scale, x1 / scale, y1 / scale),
                              confidence=round(conf, 4)))
            k += 1
        grids.append(Grid(cells=cells, page=page, source="ocr", col_edges=[x / scale for x in tb.xs],
                          top=tb.y0 / scale, bottom_y=tb.y1 / scale, page_height=gray.shape[0] / scale,
                          open_top=tb.open_top, open_bottom=tb.open_bottom))

    # text outside the tables: only the strips above each table are read (context lines)
    outside: list[OcrLine] = []
    prev = 0
    for tb in tables:
        top, bottom = int(prev), int(tb.y0)
        if bottom - top > 8:
            strip = gray[top:bottom]
            for ln in recognize(strip, s.ocr):
                ln.y0 += top
                ln.y1 += top
                outside.append(_refine_line(ln, binary, s))
        prev = tb.y1
    return grids, outside


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


def _ink_bands(text_bin, rect) -> list[tuple[int, int, int, int]]:
    """Text lines inside a cell as (y0, y1, x0, x1) pixel boxes, by row projection."""
    x0, y0, x1, y1 = (int(v) for v in rect)
    m = 2
    sub = text_bin[y0 + m : y1 - m, x0 + m : x1 - m]
    if sub.size == 0:
        return []
    on = (sub > 0).sum(axis=1) >= 2
    bands: list[list[int]] = []
    for i, v in enumerate(on):
        if not v:
            continue
        if bands and i - bands[-1][1] <= 2:
            bands[-1][1] = i
        else:
            bands.append([i, i])
    out = []
    for a, b in bands:
        piece = sub[a : b + 1] > 0
        if b - a < 3 or piece.sum() < 12:
            continue  # specks
        cols = (piece.sum(axis=0) >= 1).nonzero()[0]
        dense = (piece.sum(axis=0) >= 2).nonzero()[0]
        if len(dense) == 0:
            continue
        c0 = max(int(cols[0]), int(dense[0]) - 6)
        c1 = min(int(cols[-1]), int(dense[-1]) + 6)
        out.append((y0 + m + a, y0 + m + b, x0 + m + c0, x0 + m + c1))
    return out


def _split_tall(bands, text_bin, line_h: int):
    """Split bands taller than ~1.6 text lines (touching lines) at their thinnest rows."""
    for y0, y1, x0, x1 in bands:
        h = y1 - y0 + 1
        n = int(round(h / max(line_h, 1)))
        if h < 1.6 * line_h or n < 2:
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


# --------------------------------------------------------------------------- image steps


def _binarize(gray: np.ndarray) -> np.ndarray:
    import cv2

    _, inv = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return inv


def _faint_binary(gray: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Ink masks (for horizontal, for vertical rules) that keep faint and grey rulings.

    The page, smoothed along the rule direction (which keeps a one-pixel rule as dark as
    it is and averages the noise away), is thresholded below the paper's level by a
    margin set from the paper's own noise: a global Otsu threshold falls between black
    print and paper and drops a rule printed grey.  Dark print of glyph size and shape
    is taken out first: made bolder by the lower threshold, characters stacked in
    wrapped lines would otherwise join into rule-like strokes."""
    import cv2
    import numpy as np

    dark = _binarize(gray)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    glyph = max(16 * scale, 10)
    squat = np.minimum(w, h) * 3 > np.maximum(w, h)  # rule pieces are long and thin
    # (the dark spots where two grey rules cross are far smaller than a glyph: kept)
    small = (w < glyph) & (h < glyph) & (np.maximum(w, h) >= 4 * scale) & squat
    small[0] = False
    text = cv2.dilate(small[labels].astype(np.uint8) * 255, np.ones((7, 7), np.uint8))  # with its halo
    out = []
    long_rule = max(int(36 * scale), 30)  # a rule this long is no glyph stack: never taken out
    for ksize in ((3, 1), (1, 3)):
        sm = cv2.blur(gray, ksize)
        sample = sm[::4, ::4].astype(np.float32)
        paper = float(np.median(sample))
        near = sample[sample > paper - 40]
        sigma = 1.4826 * float(np.median(np.abs(near - paper))) if near.size else 0.0
        ink = np.where(sm < paper - max(20.0, 4.0 * sigma), 255, 0).astype(np.uint8)
        kernel = (long_rule, 1) if ksize[0] > 1 else (1, long_rule)
        keep = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        out.append(cv2.bitwise_or(cv2.bitwise_and(ink, cv2.bitwise_not(text)), keep))
    return out[0], out[1]


def estimate_skew(gray: np.ndarray, settings: ScanSettings | None = None, scale: float = 200 / 72) -> float:
    """The rotation (degrees, for :func:`rotate`) that makes the long horizontal rules level.

    A page scanned turned by +a° (counter-clockwise) gives -a°; 0.0 without rules or when
    the measured skew exceeds ``max_skew``."""
    import cv2
    import numpy as np

    s = settings or ScanSettings()
    inv = _binarize(gray)
    h, w = inv.shape
    horiz = cv2.morphologyEx(inv, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 1)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(horiz, connectivity=8)
    min_w = max(w // 8, 40)
    angles, weights = [], []
    for i in range(1, n):
        x, y, cw, ch, _area = stats[i]
        if cw < min_w or ch > cw * math.tan(math.radians(s.max_skew + 1)) + 12:
            continue
        ys, xs = np.nonzero(labels[y : y + ch, x : x + cw] == i)
        if len(xs) < cw:
            continue
        slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
        a = math.degrees(math.atan(slope))
        if abs(a) <= s.max_skew:
            angles.append(a)
            weights.append(cw)
    if not angles:
        return 0.0
    order = np.argsort(angles)
    a_sorted = np.asarray(angles)[order]
    cum = np.cumsum(np.asarray(weights, dtype=float)[order])
    return float(a_sorted[np.searchsorted(cum, cum[-1] / 2)])


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """Rotate by ``angle`` degrees about the centre, white fill."""
    import cv2

    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


@dataclass
class _Table:
    xs: list[float]  # column boundaries (pixels)
    ys: list[float]  # row boundaries
    cells: list[tuple[int, int, int, int]]  # (row, col, rowspan, colspan) in boundary indices
    open_top: bool = False  # the vertical rules run on above the top rule (page break)
    open_bottom: bool = False

    @property
    def x0(self) -> float:
        return self.xs[0]

    @property
    def x1(self) -> float:
        return self.xs[-1]

    @property
    def y0(self) -> float:
        return self.ys[0]

    @property
    def y1(self) -> float:
        return self.ys[-1]

    def contains(self, ln: OcrLine) -> bool:
        return self.x0 <= ln.cx <= self.x1 and self.y0 <= ln.cy <= self.y1


def _line_masks(hinv: np.ndarray, vinv: np.ndarray, s: ScanSettings, scale: float):
    import cv2

    k = max(int(round(s.min_line_pt * scale)), 15)
    g = max(1, int(round(s.gap_bridge_pt * scale)))
    hclosed = cv2.morphologyEx(hinv, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (g + 1, 1)))
    vclosed = cv2.morphologyEx(vinv, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, g + 1)))
    hmask = cv2.morphologyEx(hclosed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    vmask = cv2.morphologyEx(vclosed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k)))
    return hmask, vmask


def _segments(mask: np.ndarray, other: np.ndarray, horizontal: bool, s: ScanSettings, scale: float,
              loose: list | None = None):
    """(position, start, end, length, thickness) of each rule in the mask.

    A rule of a table ends on a crossing rule (or the table border) at both ends; runs of
    text strokes that survived the opening float inside a cell and are dropped here.
    Vertical rules with a free end that still cross a horizontal rule go to ``loose``
    (tuples ending with their free ends, ("top",) / ("bottom",) / both): they may be the
    sides of a table cut by a page break."""
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    max_thick = max(s.max_line_thickness_pt * scale, 4) + 2
    min_len = s.min_line_pt * scale
    reach = max(int(round(s.junction_pt * scale)), 2)
    hh, ww = other.shape

    inward = max(int(round(1.5 * scale)), reach)  # a rule may overshoot a crossing (specks, serifs)

    def touches(x: float, y: float, dx: int = 0, dy: int = 0) -> bool:
        """Is a crossing rule near the end at (x, y)?  (dx, dy) points into the rule."""
        x, y = int(x), int(y)
        x0, x1 = min(x - reach, x + dx * inward), max(x + reach, x + dx * inward)
        y0, y1 = min(y - reach, y + dy * inward), max(y + reach, y + dy * inward)
        win = other[max(y0, 0) : min(y1 + 1, hh), max(x0, 0) : min(x1 + 1, ww)]
        return bool(win.size and win.max() > 0)

    segs = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if (w if horizontal else h) >= min_len and (h if horizontal else w) > max_thick:
            x, y, w, h = _thin_band(labels, i, stats[i], horizontal, max_thick)
        if horizontal:
            if w >= min_len and h <= max_thick:
                yc = y + h / 2.0
                if touches(x, yc, dx=1) and touches(x + w - 1, yc, dx=-1):
                    segs.append((yc, float(x), float(x + w), float(w), float(h)))
        elif h >= min_len and w <= max_thick:
            xc = x + w / 2.0
            top, bottom = touches(xc, y, dy=1), touches(xc, y + h - 1, dy=-1)
            if top and bottom:
                segs.append((xc, float(y), float(y + h), float(h), float(w)))
            elif loose is not None and (top or bottom or other[y : y + h, x : x + w].any()):
                free = ("top",) * (not top) + ("bottom",) * (not bottom)
                loose.append((xc, float(y), float(y + h), float(h), float(w), free))
    return segs


def _thin_band(labels, i: int, stat, horizontal: bool, max_thick: float) -> tuple[int, int, int, int]:
    """The rule inside a component made thick by something lying along it (the arc of a
    seal, a signature): the band of rows (columns) that run over most of its length.
    The component's box is returned unchanged when there is no such thin band."""
    import numpy as np

    x, y, w, h = (int(v) for v in stat[:4])
    sub = labels[y : y + h, x : x + w] == i
    prof = sub.sum(axis=1 if horizontal else 0)
    full = np.nonzero(prof >= 0.8 * (w if horizontal else h))[0]
    if len(full) == 0 or full[-1] - full[0] + 1 > max_thick:
        return x, y, w, h
    a, b = int(full[0]), int(full[-1])
    if horizontal:
        return x, y + a, w, b - a + 1
    return x + a, y, b - a + 1, h


def _cut_sides(loose: list, hsegs: list, tol: float) -> list:
    """Vertical rules whose free ends line up with a table's left and right border.

    When a page break cuts a table without a closing rule, all its vertical rules stop at
    the same height; accept such a group only if it includes both outer sides (the ends of
    the horizontal rules), which text strokes never do."""
    out: dict[tuple, tuple] = {}
    for side in ("top", "bottom"):
        ends = sorted(((g[1] if side == "top" else g[2]), g) for g in loose if side in g[5])
        groups: list[list] = []
        for y, g in ends:
            if groups and y - groups[-1][-1][0] <= tol:
                groups[-1].append((y, g))
            else:
                groups.append([(y, g)])
        for grp in groups:
            xs = [g[0] for _, g in grp]
            if len(xs) < 2:
                continue
            lo, hi = min(xs), max(xs)
            ok = any(abs(h[1] - lo) <= tol and abs(h[2] - hi) <= tol for h in hsegs)
            if ok:
                out.update({g[:5]: g[:5] for _, g in grp})
    return list(out.values())


def _paint(shape, segs, horizontal: bool):
    import numpy as np

    out = np.zeros(shape, np.uint8)
    for pos, a, b, _len, thick in segs:
        lo, hi = int(pos - thick / 2) - 1, int(pos + thick / 2) + 2
        if horizontal:
            out[max(lo, 0) : hi, int(a) : int(b)] = 255
        else:
            out[int(a) : int(b), max(lo, 0) : hi] = 255
    return out


def _cluster(values: list[tuple[float, float]], tol: float) -> list[float]:
    """Weighted cluster centres of (position, weight) within ``tol``."""
    out: list[float] = []
    cur: list[tuple[float, float]] = []
    for v in sorted(values):
        if cur and v[0] - cur[-1][0] > tol:
            out.append(sum(p * w for p, w in cur) / sum(w for _, w in cur))
            cur = []
        cur.append(v)
    if cur:
        out.append(sum(p * w for p, w in cur) / sum(w for _, w in cur))
    return out


def find_tables(gray: np.ndarray, settings: ScanSettings | None = None, scale: float = 200 / 72,
                rules_out: list | None = None) -> list[_Table]:
    """Ruled tables of a deskewed page image, top to bottom, with merged cells resolved.

    The rulings are looked for in the Otsu-binarised page first; when that finds no
    table of a real size (rulings too faint or grey for a global threshold), again in
    a mask that keeps faint rules (:func:`_faint_binary`), and the richer result wins.
    ``rules_out``, if given, receives the mask of the validated rules (to erase them
    before recognising cell text)."""
    s = settings or ScanSettings()
    first: list = []
    tables = _find_tables(gray, s, scale, first, faint=False)
    if sum(len(t.cells) for t in tables) < s.min_table_cells:
        second: list = []
        retry = _find_tables(gray, s, scale, second, faint=True)
        if sum(len(t.cells) for t in retry) > sum(len(t.cells) for t in tables):
            tables, first = retry, second
    if rules_out is not None:
        rules_out.extend(first)
    return tables


def _find_tables(gray: np.ndarray, s: ScanSettings, scale: float, rules_out: list, faint: bool) -> list[_Table]:
    import cv2
    import numpy as np

    if faint:
        # smoothing along the rules lengthens them by a pixel past a crossing: reach further
        # and bridging gaps or accepting rules as short as a glyph would make rules of the
        # strokes of glyphs stacked in wrapped lines: faint rules must span two text lines
        s = replace(s, junction_pt=s.junction_pt + 2 / scale, gap_bridge_pt=1 / scale, min_line_pt=26.0)
        hmask, vmask = _line_masks(*_faint_binary(gray, scale), s, scale)
    else:
        inv = _binarize(gray)
        hmask, vmask = _line_masks(inv, inv, s, scale)
    both = cv2.dilate(cv2.bitwise_or(hmask, vmask), np.ones((5, 5), np.uint8))
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(both, connectivity=8)
    hsegs = _segments(hmask, vmask, True, s, scale)
    loose: list = []
    vsegs = _segments(vmask, hmask, False, s, scale, loose)
    tol = s.snap_pt * scale
    vsegs += _cut_sides(loose, hsegs, tol)
    # edges are judged on the validated rules only, not on text strokes left in the masks
    hmask, vmask = _paint(hmask.shape, hsegs, True), _paint(vmask.shape, vsegs, False)
    rules_out.append(cv2.bitwise_or(hmask, vmask))
    tables: list[_Table] = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w < s.min_table_width_pt * scale or h < s.min_table_height_pt * scale:
            continue
        hs = [g for g in hsegs if x - 3 <= g[1] and g[2] <= x + w + 3 and y - 3 <= g[0] <= y + h + 3]
        vs = [g for g in vsegs if y - 3 <= g[1] and g[2] <= y + h + 3 and x - 3 <= g[0] <= x + w + 3]
        ys = _cluster([(g[0], g[3]) for g in hs], tol)
        xs = _cluster([(g[0], g[3]) for g in vs], tol)
        if len(xs) < 2 or len(ys) < 2:
            continue
        # a table cut by a page break may have no closing rule: its vertical rules run on
        # past the last horizontal one, and that cut row is still a row
        open_top = open_bottom = False
        # ... and both its outer sides run on (a stroke of a seal or of the title touching
        # the top rule does not open the table)
        sides = [g for g in vs if min(abs(g[0] - xs[0]), abs(g[0] - xs[-1])) <= tol]
        if {abs(g[0] - xs[0]) <= tol for g in sides} == {True, False}:
            vtop = max(min(g[1] for g in sides if abs(g[0] - x) <= tol) for x in (xs[0], xs[-1]))
            vbottom = min(max(g[2] for g in sides if abs(g[0] - x) <= tol) for x in (xs[0], xs[-1]))
            if ys[0] - vtop > 2 * tol:
                ys.insert(0, float(vtop))
                open_top = True
            if vbottom - ys[-1] > 2 * tol:
                ys.append(float(vbottom))
                open_bottom = True
        tb = _build_cells(xs, ys, hmask, vmask, s, scale)
        if tb is not None:
            tb.open_top = open_top and tb.ys[0] == ys[0]
            tb.open_bottom = open_bottom and tb.ys[-1] == ys[-1]
        if tb is not None:
            tables.append(tb)
    tables.sort(key=lambda t: t.y0)
    return tables


def _coverage(mask: np.ndarray, horizontal: bool, pos: float, a: float, b: float, band: int) -> float:
    """Share of the edge [a, b] at ``pos`` that is inked in ``mask`` (within ±band pixels)."""
    h, w = mask.shape
    p0, p1 = max(int(pos) - band, 0), int(pos) + band + 1
    margin = max(int((b - a) * 0.08), 2)
    lo, hi = int(a) + margin, int(b) - margin
    if hi <= lo:
        return 1.0
    if horizontal:
        strip = mask[p0 : min(p1, h), max(lo, 0) : min(hi, w)]
        hit = strip.max(axis=0) if strip.size else strip
    else:
        strip = mask[max(lo, 0) : min(hi, h), p0 : min(p1, w)]
        hit = strip.max(axis=1) if strip.size else strip
    if hit.size == 0:
        return 0.0
    return float((hit > 0).mean())


def _build_cells(xs, ys, hmask, vmask, s: ScanSettings, scale: float) -> _Table | None:
    nr, nc = len(ys) - 1, len(xs) - 1
    band = max(int(round(1.5 * scale)), 3)
    parent = list(range(nr * nc))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and _coverage(vmask, False, xs[c + 1], ys[r], ys[r + 1], band) < s.edge_coverage:
                union(r * nc + c, r * nc + c + 1)
            if r + 1 < nr and _coverage(hmask, True, ys[r + 1], xs[c], xs[c + 1], band) < s.edge_coverage:
                union(r * nc + c, (r + 1) * nc + c)

    # groups -> bounding rectangles; overlapping rectangles are merged until none overlap
    rects: dict[int, list[int]] = {}
    for r in range(nr):
        for c in range(nc):
            g = find(r * nc + c)
            if g not in rects:
                rects[g] = [r, c, r, c]
            else:
                b = rects[g]
                b[0], b[1], b[2], b[3] = min(b[0], r), min(b[1], c), max(b[2], r), max(b[3], c)
    boxes = list(rects.values())
    changed = True
    while changed:
        changed = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                a, b = boxes[i], boxes[j]
                if a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]:
                    boxes[i] = [min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])]
                    del boxes[j]
                    changed = True
                    break
            if changed:
                break

    # drop boundaries no cell uses (spurious short marks), renumber
    used_r = sorted({b[0] for b in boxes} | {b[2] + 1 for b in boxes})
    used_c = sorted({b[1] for b in boxes} | {b[3] + 1 for b in boxes})
    rmap = {v: i for i, v in enumerate(used_r)}
    cmap = {v: i for i, v in enumerate(used_c)}
    cells = [
        (rmap[b[0]], cmap[b[1]], rmap[b[2] + 1] - rmap[b[0]], cmap[b[3] + 1] - cmap[b[1]]) for b in boxes
    ]
    xs2 = [xs[i] for i in used_c]
    ys2 = [ys[i] for i in used_r]
    if len(cells) < 2 and (len(xs2) < 3 or len(ys2) < 3):
        return None  # a lone frame (box around a title or stamp), not a table
    cells.sort()
    return _Table(xs=xs2, ys=ys2, cells=cells)


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
        idx = min(range(len(bounds)), key=lambda i: 0 if bounds[i][0] <= cx <= bounds[i][1] else
                  min(abs(cx - bounds[i][0]), abs(cx - bounds[i][1])))
        parts.setdefault(idx, []).append(ch)
    out = []
    for idx, chars in parts.items():
        sub = OcrLine("".join(c.text for c in chars), min(c.score for c in chars),
                      chars[0].x0, ln.y0, chars[-1].x1, ln.y1, chars)
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
    chars = [c for c in ln.chars if c.text.strip()
             and not (c.text in _SPECKS and c.score < s.speck_score)]
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


def _fill_grid(tb: _Table, lines: list[OcrLine], gray, binary, scale: float, page: int, s: ScanSettings,
               img_height: int) -> Grid:
    from .text import clean_cell

    rects = []
    for r, c, rs, cs in tb.cells:
        rects.append((tb.xs[c], tb.ys[r], tb.xs[c + cs], tb.ys[r + rs]))
    frags: list[list[_Frag]] = [[] for _ in rects]
    for ln in lines:
        cy = ln.cy
        row_cells = [i for i, (x0, y0, x1, y1) in enumerate(rects)
                     if y0 <= cy <= y1 and x1 > ln.x0 and x0 < ln.x1]
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

    cells: list[Cell] = []
    for (r, c, rs, cs), rect, fl in zip(tb.cells, rects, frags, strict=True):
        text = clean_cell("\n".join(_row_text(row, s) for row in _visual_rows(fl)))
        if fl:
            conf = min(f.score for f in fl)
        elif _ink(binary, rect, scale) > s.ink_threshold:
            # ink the detector found no text in: read the cell's ink bands directly, and
            # keep whatever comes out with its (usually low) score; nothing -> 0.0
            text, conf = _second_look(gray, binary, rect, scale, s)
        else:
            conf = 1.0
        x0, y0, x1, y1 = rect
        cells.append(Cell(row=r, col=c, text=text, rowspan=rs, colspan=cs, page=page,
                          bbox=(x0 / scale, y0 / scale, x1 / scale, y1 / scale), confidence=round(conf, 4)))
    return Grid(cells=cells, page=page, source="ocr", col_edges=[x / scale for x in tb.xs],
                top=tb.y0 / scale, bottom_y=tb.y1 / scale, page_height=img_height / scale,
                open_top=tb.open_top, open_bottom=tb.open_bottom)


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


def _second_look(gray, binary, rect, scale: float, s: ScanSettings) -> tuple[str, float]:
    from .ocr import recognize_line
    from .text import clean_cell

    x0, y0, x1, y1 = rect
    m = max(int(2.5 * scale), 4)
    ys, xs = int(y0) + m, int(x0) + m
    sub = binary[ys : int(y1) - m, xs : int(x1) - m]
    if sub.size == 0:
        return "", 0.0
    rows = (sub > 0).sum(axis=1) >= 2
    bands: list[list[int]] = []
    for i, on in enumerate(rows):
        if on and bands and i - bands[-1][1] <= 2:
            bands[-1][1] = i
        elif on:
            bands.append([i, i])
    texts, scores = [], []
    for a, b in bands:
        if b - a < 4:
            continue
        cols = ((sub[a : b + 1] > 0).sum(axis=0) >= 1).nonzero()[0]
        if len(cols) == 0:
            continue
        crop = gray[max(ys + a - 4, 0) : ys + b + 5, max(xs + cols[0] - 4, 0) : xs + cols[-1] + 5]
        text, score = recognize_line(crop, s.ocr)
        if text:
            texts.append(text)
            scores.append(score)
    if not texts:
        return "", 0.0
    return clean_cell("\n".join(texts)), min(scores)


def _ink(binary, rect, scale: float) -> float:
    """Share of dark pixels inside a cell, rules excluded."""
    x0, y0, x1, y1 = rect
    m = max(int(2.5 * scale), 4)
    sub = binary[int(y0) + m : int(y1) - m, int(x0) + m : int(x1) - m]
    if sub.size == 0:
        return 0.0
    return float((sub > 0).mean())
