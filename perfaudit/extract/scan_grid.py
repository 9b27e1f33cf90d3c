"""The table grid of a scanned page: skew, ruling lines, cells with their spans.

1. :func:`estimate_skew` measures the slope of the long horizontal rules, :func:`rotate`
   levels the page;
2. :func:`find_tables` binarises the page (Otsu; a second pass keeps faint grey rulings),
   pulls out horizontal and vertical rules with morphological opening after a short
   closing that bridges noise gaps, and keeps the rules that end on a crossing rule
   (:class:`Rule`);
3. every connected group of rules large enough is a table; its distinct rule positions
   (:func:`chains` of nearby positions) form an elementary grid, and two neighbouring
   elementary cells are one merged cell when the rule between them is missing
   (:func:`_build_cells`), which gives the row and column spans of a :class:`Table`.

Sizes are in points in :class:`~perfaudit.extract.scan_settings.ScanSettings` (times the
page's pixels per point, ``scale``); the few pure pixel amounts are named below.
numpy and cv2 are imported inside the functions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from .scan_settings import ScanSettings

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from .ocr import OcrLine

T = TypeVar("T")

#: skew: the opening that keeps horizontal rules (pixels), a rule at least this share of
#: the page width (and this many pixels) measures the slope, thickness slack in pixels
SKEW_KERNEL_PX = 15
SKEW_MIN_WIDTH_SHARE = 1 / 8
SKEW_MIN_WIDTH_PX = 40
SKEW_THICK_SLACK_PX = 12
#: rules closer than this (pixels, after dilation) belong to one table
TABLE_JOIN_PX = 5
#: a rule belongs to a table when it lies within the table's box widened by this (pixels)
TABLE_SLACK_PX = 3
#: a segment up to this many pixels thicker than ``max_line_thickness_pt`` is still a rule
THICK_SLACK_PX = 2
#: the thinnest "thick" limit and the shortest junction reach, in pixels
MIN_THICK_PX, MIN_REACH_PX = 4, 2
#: a rule may overshoot a crossing by this much (points; specks, serifs) ...
OVERSHOOT_PT = 1.5
#: ... and by up to this much when a speck or a pen stroke lengthens it: it is then cut
#: back to the crossing
OVERSHOOT_MAX_PT = 3.0
#: a vertical rule no longer than this (points, one text line's row) with ink close beside
#: it on both sides, within GLYPH_SIDE_PT, over GLYPH_SIDE_SHARE of its middle, is a glyph
#: stroke joined to the rules above and below it (blur), not a rule
GLYPH_ROW_PT, GLYPH_SIDE_PT, GLYPH_SIDE_SHARE = 20.0, 1.5, 0.2
#: a thin band runs over this share of a thick component's length (seal arc along a rule)
THIN_BAND_SHARE = 0.8
#: an edge's inked share is measured within ±this (points, at least 3 px) of the rule
EDGE_BAND_PT, EDGE_BAND_MIN_PX = 1.5, 3
#: the ends of an edge (this share, at least 2 px) are not measured (crossing rules)
EDGE_MARGIN_SHARE, EDGE_MARGIN_PX = 0.08, 2
#: faint rules: extra junction reach and gap bridge (pixels), shortest faint rule (points)
FAINT_REACH_PX, FAINT_GAP_PX, FAINT_MIN_LINE_PT = 2, 1, 26.0
#: faint rules: print of glyph size (points, at least px) is taken out with a halo (px)
GLYPH_PT, GLYPH_MIN_PX, GLYPH_SMALLEST_PT, GLYPH_HALO_PX = 16, 10, 4, 7
#: faint rules: a rule this long (points, at least px) is no glyph stack, never taken out
LONG_RULE_PT, LONG_RULE_MIN_PX = 36, 30
#: faint rules: ink is darker than the paper by max(this, k × the paper's noise sigma)
FAINT_MARGIN, FAINT_SIGMA_K, PAPER_NEAR = 20.0, 4.0, 40
#: an edge without a found rule still has one when, along EDGE_FAINT_SHARE of it, the grey
#: page is darker by FAINT_EDGE_CONTRAST at the edge's darkest line than beside it (a grey
#: rule broken up by the global threshold)
EDGE_FAINT_SHARE, FAINT_EDGE_CONTRAST, FAINT_EDGE_SIDE_PX = 0.8, 15.0, 3


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, order=True)
class Rule:
    """One ruling line segment, in pixels."""

    pos: float  # centre y of a horizontal rule, centre x of a vertical one
    start: float  # x (horizontal) or y (vertical) where it begins
    end: float
    thickness: float
    free: tuple[str, ...] = ()  # ends touching no crossing rule: "top" / "bottom" (vertical only)

    @property
    def length(self) -> float:
        return self.end - self.start


@dataclass
class Table:
    """A ruled table of a page image: its boundaries and its (merged) cells."""

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

    def rects(self) -> list[tuple[float, float, float, float]]:
        """Pixel box (x0, y0, x1, y1) of every cell, in the order of ``cells``."""
        return [(self.xs[c], self.ys[r], self.xs[c + cs], self.ys[r + rs]) for r, c, rs, cs in self.cells]

    def contains(self, ln: OcrLine) -> bool:
        return self.x0 <= ln.cx <= self.x1 and self.y0 <= ln.cy <= self.y1


# --------------------------------------------------------------------------- helpers


def chains(items: Iterable[T], tol: float, key: Callable[[T], float] = float) -> list[list[T]]:
    """Items sorted by ``key``, cut wherever two neighbours are more than ``tol`` apart."""
    out: list[list[T]] = []
    for item in sorted(items, key=key):
        if out and key(item) - key(out[-1][-1]) <= tol:
            out[-1].append(item)
        else:
            out.append([item])
    return out


def _centres(rules: list[Rule], tol: float) -> list[float]:
    """Length-weighted positions of the rules, one per chain of positions within ``tol``."""
    return [
        sum(g.pos * g.length for g in ch) / sum(g.length for g in ch)
        for ch in chains(rules, tol, key=lambda g: g.pos)
    ]


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0 (Otsu)."""
    import cv2

    _, inv = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return inv


# --------------------------------------------------------------------------- skew


def estimate_skew(gray: np.ndarray, settings: ScanSettings | None = None, scale: float = 200 / 72) -> float:
    """The rotation (degrees, for :func:`rotate`) that makes the long horizontal rules level.

    A page scanned turned by +a° (counter-clockwise) gives -a°; 0.0 without rules or when
    the measured skew exceeds ``max_skew``."""
    import cv2
    import numpy as np

    s = settings or ScanSettings()
    inv = binarize(gray)
    h, w = inv.shape
    horiz = cv2.morphologyEx(
        inv, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (SKEW_KERNEL_PX, 1))
    )
    n, labels, stats, _ = cv2.connectedComponentsWithStats(horiz, connectivity=8)
    min_w = max(int(w * SKEW_MIN_WIDTH_SHARE), SKEW_MIN_WIDTH_PX)
    angles, weights = [], []
    for i in range(1, n):
        x, y, cw, ch, _area = stats[i]
        if cw < min_w or ch > cw * math.tan(math.radians(s.max_skew + 1)) + SKEW_THICK_SLACK_PX:
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


# --------------------------------------------------------------------------- ink masks


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

    text = _glyph_mask(binarize(gray), scale)
    out = []
    long_rule = max(int(LONG_RULE_PT * scale), LONG_RULE_MIN_PX)
    for ksize in ((3, 1), (1, 3)):
        sm = cv2.blur(gray, ksize)
        sample = sm[::4, ::4].astype(np.float32)
        paper = float(np.median(sample))
        near = sample[sample > paper - PAPER_NEAR]
        sigma = 1.4826 * float(np.median(np.abs(near - paper))) if near.size else 0.0  # MAD -> sigma
        ink = np.where(sm < paper - max(FAINT_MARGIN, FAINT_SIGMA_K * sigma), 255, 0).astype(np.uint8)
        kernel = (long_rule, 1) if ksize[0] > 1 else (1, long_rule)
        keep = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        out.append(cv2.bitwise_or(cv2.bitwise_and(ink, cv2.bitwise_not(text)), keep))
    return out[0], out[1]


def _glyph_mask(dark: np.ndarray, scale: float) -> np.ndarray:
    """Dark print of glyph size and squat shape, with its halo (rule pieces are long and
    thin; the dark spots where two grey rules cross are far smaller than a glyph: kept)."""
    import cv2
    import numpy as np

    n, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    glyph = max(GLYPH_PT * scale, GLYPH_MIN_PX)
    squat = np.minimum(w, h) * 3 > np.maximum(w, h)
    small = (w < glyph) & (h < glyph) & (np.maximum(w, h) >= GLYPH_SMALLEST_PT * scale) & squat
    small[0] = False
    halo = np.ones((GLYPH_HALO_PX, GLYPH_HALO_PX), np.uint8)
    return cv2.dilate(small[labels].astype(np.uint8) * 255, halo)


def _line_masks(hinv: np.ndarray, vinv: np.ndarray, s: ScanSettings, scale: float):
    import cv2

    k = max(int(round(s.min_line_pt * scale)), 15)
    g = max(1, int(round(s.gap_bridge_pt * scale)))
    hclosed = cv2.morphologyEx(hinv, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (g + 1, 1)))
    vclosed = cv2.morphologyEx(vinv, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, g + 1)))
    hmask = cv2.morphologyEx(hclosed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    vmask = cv2.morphologyEx(vclosed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k)))
    return hmask, vmask


# --------------------------------------------------------------------------- rules


def _segments(
    mask: np.ndarray,
    other: np.ndarray,
    horizontal: bool,
    s: ScanSettings,
    scale: float,
    loose: list[Rule] | None = None,
    ink: np.ndarray | None = None,
) -> list[Rule]:
    """Each rule in the mask.

    A rule of a table ends on a crossing rule (or the table border) at both ends; runs of
    text strokes that survived the opening float inside a cell and are dropped here.
    Vertical rules with a free end that still cross a horizontal rule go to ``loose``
    (with their free ends named): they may be the sides of a table cut by a page break.
    ``ink`` (the page's ink mask) lets a short vertical run with glyph ink beside it be
    told from a rule."""
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    max_thick = max(s.max_line_thickness_pt * scale, MIN_THICK_PX) + THICK_SLACK_PX
    min_len = s.min_line_pt * scale
    touches = _junction_probe(other, s, scale)
    segs = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if (w if horizontal else h) >= min_len and (h if horizontal else w) > max_thick:
            x, y, w, h = _thin_band(labels, i, stats[i], horizontal, max_thick)
        if horizontal:
            if w >= min_len and h <= max_thick:
                yc = y + h / 2.0
                a, b = touches(x, yc, dx=1), touches(x + w - 1, yc, dx=-1)
                if a is not None and b is not None:
                    segs.append(Rule(yc, float(x + a), float(x + w - b), float(h)))
        elif h >= min_len and w <= max_thick:
            xc = x + w / 2.0
            a, b = touches(xc, y, dy=1), touches(xc, y + h - 1, dy=-1)
            if a is not None and b is not None:
                if ink is None or not _glyph_stroke(ink, x, y + a, w, h - a - b, scale):
                    segs.append(Rule(xc, float(y + a), float(y + h - b), float(w)))
            elif loose is not None and (a is not None or b is not None or other[y : y + h, x : x + w].any()):
                free = ("top",) * (a is None) + ("bottom",) * (b is None)
                loose.append(Rule(xc, float(y), float(y + h), float(w), free))
    return segs


def _glyph_stroke(ink: np.ndarray, x: int, y: int, w: int, h: int, scale: float) -> bool:
    """Is the short vertical run at (x, y, w, h) a glyph's stroke inside a text line (ink
    close beside it on both sides), rather than a one-row rule between two cells?"""
    if h > GLYPH_ROW_PT * scale:
        return False
    side = max(int(round(GLYPH_SIDE_PT * scale)), 2)
    y0, y1 = y + h // 5, y + h - h // 5
    left = ink[y0:y1, max(x - 1 - side, 0) : max(x - 1, 0)]
    right = ink[y0:y1, x + w + 1 : x + w + 1 + side]
    if left.size == 0 or right.size == 0:
        return False
    return bool(
        (left.max(axis=1) > 0).mean() > GLYPH_SIDE_SHARE and (right.max(axis=1) > 0).mean() > GLYPH_SIDE_SHARE
    )


def _junction_probe(other: np.ndarray, s: ScanSettings, scale: float):
    """``touches(x, y, dx, dy)``: how far inside the end at (x, y) a crossing rule (in
    ``other``) lies, or None when there is none.  (dx, dy) points into the rule, which
    may overshoot the crossing a little (0 returned: the end is kept) or, lengthened by a
    speck or a pen stroke, up to OVERSHOOT_MAX_PT (the distance to cut off)."""
    reach = max(int(round(s.junction_pt * scale)), MIN_REACH_PX)
    inward = max(int(round(OVERSHOOT_PT * scale)), reach)
    far = max(int(round(OVERSHOOT_MAX_PT * scale)), inward)
    hh, ww = other.shape

    def window(x: int, y: int, dx: int, dy: int, depth: int):
        x0, x1 = min(x - reach, x + dx * depth), max(x + reach, x + dx * depth)
        y0, y1 = min(y - reach, y + dy * depth), max(y + reach, y + dy * depth)
        return other[max(y0, 0) : min(y1 + 1, hh), max(x0, 0) : min(x1 + 1, ww)], max(x0, 0), max(y0, 0)

    def touches(x: float, y: float, dx: int = 0, dy: int = 0) -> int | None:
        x, y = int(x), int(y)
        win, _, _ = window(x, y, dx, dy, inward)
        if win.size and win.max() > 0:
            return 0
        win, wx, wy = window(x, y, dx, dy, far)
        if not (win.size and win.max() > 0):
            return None
        import numpy as np

        along = np.nonzero(win.max(axis=0 if dy else 1) > 0)[0] + (wy if dy else wx)
        nearest = int(along.min()) if (dy or dx) > 0 else int(along.max())  # first crossing inward
        return abs(nearest - (y if dy else x))

    return touches


def _thin_band(labels, i: int, stat, horizontal: bool, max_thick: float) -> tuple[int, int, int, int]:
    """The rule inside a component made thick by something lying along it (the arc of a
    seal, a signature): the band of rows (columns) that run over most of its length.
    The component's box is returned unchanged when there is no such thin band."""
    import numpy as np

    x, y, w, h = (int(v) for v in stat[:4])
    sub = labels[y : y + h, x : x + w] == i
    prof = sub.sum(axis=1 if horizontal else 0)
    full = np.nonzero(prof >= THIN_BAND_SHARE * (w if horizontal else h))[0]
    if len(full) == 0 or full[-1] - full[0] + 1 > max_thick:
        return x, y, w, h
    a, b = int(full[0]), int(full[-1])
    if horizontal:
        return x, y + a, w, b - a + 1
    return x + a, y, b - a + 1, h


def _cut_sides(loose: list[Rule], hsegs: list[Rule], tol: float) -> list[Rule]:
    """Vertical rules whose free ends line up with a table's left and right border.

    When a page break cuts a table without a closing rule, all its vertical rules stop at
    the same height; accept such a group only if it includes both outer sides (the ends of
    the horizontal rules), which text strokes never do."""
    out: dict[Rule, Rule] = {}
    for side in ("top", "bottom"):
        ends = [(g.start if side == "top" else g.end, g) for g in loose if side in g.free]
        for grp in chains(ends, tol, key=lambda e: e[0]):
            xs = [g.pos for _, g in grp]
            if len(xs) < 2:
                continue
            lo, hi = min(xs), max(xs)
            if any(abs(h.start - lo) <= tol and abs(h.end - hi) <= tol for h in hsegs):
                out.update({replace(g, free=()): replace(g, free=()) for _, g in grp})
    return list(out.values())


def _paint(shape, segs: list[Rule], horizontal: bool):
    import numpy as np

    out = np.zeros(shape, np.uint8)
    for g in segs:
        lo, hi = int(g.pos - g.thickness / 2) - 1, int(g.pos + g.thickness / 2) + 2
        if horizontal:
            out[max(lo, 0) : hi, int(g.start) : int(g.end)] = 255
        else:
            out[int(g.start) : int(g.end), max(lo, 0) : hi] = 255
    return out


# --------------------------------------------------------------------------- tables


def find_tables(
    gray: np.ndarray,
    settings: ScanSettings | None = None,
    scale: float = 200 / 72,
    rules_out: list | None = None,
) -> list[Table]:
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


def _find_tables(
    gray: np.ndarray, s: ScanSettings, scale: float, rules_out: list, faint: bool
) -> list[Table]:
    import cv2
    import numpy as np

    if faint:
        # smoothing along the rules lengthens them by a pixel past a crossing: reach further
        # and bridging gaps or accepting rules as short as a glyph would make rules of the
        # strokes of glyphs stacked in wrapped lines: faint rules must span two text lines
        s = replace(
            s,
            junction_pt=s.junction_pt + FAINT_REACH_PX / scale,
            gap_bridge_pt=FAINT_GAP_PX / scale,
            min_line_pt=FAINT_MIN_LINE_PT,
        )
        hink, vink = _faint_binary(gray, scale)
    else:
        hink = vink = binarize(gray)
    hmask, vmask = _line_masks(hink, vink, s, scale)
    both = cv2.dilate(cv2.bitwise_or(hmask, vmask), np.ones((TABLE_JOIN_PX, TABLE_JOIN_PX), np.uint8))
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(both, connectivity=8)
    hsegs = _segments(hmask, vmask, True, s, scale)
    loose: list[Rule] = []
    vsegs = _segments(vmask, hmask, False, s, scale, loose, vink)
    tol = s.snap_pt * scale
    vsegs += _cut_sides(loose, hsegs, tol)
    # edges are judged on the validated rules only, not on text strokes left in the masks
    hmask, vmask = _paint(hmask.shape, hsegs, True), _paint(vmask.shape, vsegs, False)
    rules_out.append(cv2.bitwise_or(hmask, vmask))
    tables: list[Table] = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w < s.min_table_width_pt * scale or h < s.min_table_height_pt * scale:
            continue
        m = TABLE_SLACK_PX
        hs = [g for g in hsegs if x - m <= g.start and g.end <= x + w + m and y - m <= g.pos <= y + h + m]
        vs = [g for g in vsegs if y - m <= g.start and g.end <= y + h + m and x - m <= g.pos <= x + w + m]
        tb = _table(hs, vs, hmask, vmask, s, scale, gray)
        if tb is not None:
            tables.append(tb)
    tables.sort(key=lambda t: t.y0)
    return tables


def _table(
    hs: list[Rule], vs: list[Rule], hmask, vmask, s: ScanSettings, scale: float, gray=None
) -> Table | None:
    """The table drawn by one connected group of rules (None: not a table)."""
    tol = s.snap_pt * scale
    ys = _centres(hs, tol)
    xs = _centres(vs, tol)
    if len(xs) < 2 or len(ys) < 2:
        return None
    # a table cut by a page break may have no closing rule: its vertical rules run on
    # past the last horizontal one, and that cut row is still a row ... provided both its
    # outer sides run on (a stroke of a seal or of the title touching the top rule does
    # not open the table)
    open_top = open_bottom = False
    sides = [g for g in vs if min(abs(g.pos - xs[0]), abs(g.pos - xs[-1])) <= tol]
    if {abs(g.pos - xs[0]) <= tol for g in sides} == {True, False}:
        vtop = max(min(g.start for g in sides if abs(g.pos - x) <= tol) for x in (xs[0], xs[-1]))
        vbottom = min(max(g.end for g in sides if abs(g.pos - x) <= tol) for x in (xs[0], xs[-1]))
        if ys[0] - vtop > 2 * tol:
            ys.insert(0, float(vtop))
            open_top = True
        if vbottom - ys[-1] > 2 * tol:
            ys.append(float(vbottom))
            open_bottom = True
    tb = _build_cells(xs, ys, hmask, vmask, s, scale, gray)
    if tb is not None:
        tb.open_top = open_top and tb.ys[0] == ys[0]
        tb.open_bottom = open_bottom and tb.ys[-1] == ys[-1]
    return tb


def _coverage(mask: np.ndarray, horizontal: bool, pos: float, a: float, b: float, band: int) -> float:
    """Share of the edge [a, b] at ``pos`` that is inked in ``mask`` (within ±band pixels)."""
    h, w = mask.shape
    p0, p1 = max(int(pos) - band, 0), int(pos) + band + 1
    margin = max(int((b - a) * EDGE_MARGIN_SHARE), EDGE_MARGIN_PX)
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


def _faint_edge(gray: np.ndarray, horizontal: bool, pos: float, a: float, b: float, band: int) -> bool:
    """Is a grey rule drawn along the edge [a, b] at ``pos`` (within ±band pixels), though too
    faint or broken for the rule masks?  Along most of the edge, the line of the band that
    is darkest on average is darker than the paper just beside the band."""
    import numpy as np

    img = gray if horizontal else gray.T
    h, w = img.shape
    margin = max(int((b - a) * EDGE_MARGIN_SHARE), EDGE_MARGIN_PX)
    lo, hi = max(int(a) + margin, 0), min(int(b) - margin, w)
    p0, p1 = int(pos) - band, int(pos) + band + 1
    side = FAINT_EDGE_SIDE_PX
    if hi - lo < 4 or p0 - side < 0 or p1 + side > h:
        return False
    strip = img[p0:p1, lo:hi].astype(np.float32)
    line = strip[int(np.argmin(strip.mean(axis=1)))]
    beside = np.minimum(img[p0 - side : p0, lo:hi].max(axis=0), img[p1 : p1 + side, lo:hi].max(axis=0))
    beside = beside.astype(np.float32)
    # darker than beside it, and darker than the paper (text crossing the edge is not:
    # the paper between its strokes)
    ok = (beside - line >= FAINT_EDGE_CONTRAST) & (line <= float(np.median(beside)) - FAINT_EDGE_CONTRAST)
    # ... all along: also at both ends, near the crossing rules, where text never reaches
    end = max(len(ok) * 15 // 100, 2)
    return bool(min(ok.mean(), ok[:end].mean(), ok[-end:].mean()) >= EDGE_FAINT_SHARE)


def _build_cells(xs, ys, hmask, vmask, s: ScanSettings, scale: float, gray=None) -> Table | None:
    """Merge elementary cells across missing rules; drop boundaries no cell uses."""
    boxes = _merged_boxes(xs, ys, hmask, vmask, s, scale, gray)
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
    return Table(xs=xs2, ys=ys2, cells=cells)


def _merged_boxes(xs, ys, hmask, vmask, s: ScanSettings, scale: float, gray=None) -> list[list[int]]:
    """[top row, left col, bottom row, right col] of each merged cell, with no overlaps."""
    nr, nc = len(ys) - 1, len(xs) - 1
    band = max(int(round(EDGE_BAND_PT * scale)), EDGE_BAND_MIN_PX)
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

    def ruled(mask, horizontal: bool, pos: float, a: float, b: float) -> bool:
        if _coverage(mask, horizontal, pos, a, b, band) >= s.edge_coverage:
            return True
        return gray is not None and _faint_edge(gray, horizontal, pos, a, b, band)

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not ruled(vmask, False, xs[c + 1], ys[r], ys[r + 1]):
                union(r * nc + c, r * nc + c + 1)
            if r + 1 < nr and not ruled(hmask, True, ys[r + 1], xs[c], xs[c + 1]):
                union(r * nc + c, (r + 1) * nc + c)

    rects: dict[int, list[int]] = {}
    for r in range(nr):
        for c in range(nc):
            g = find(r * nc + c)
            if g not in rects:
                rects[g] = [r, c, r, c]
            else:
                b = rects[g]
                b[0], b[1], b[2], b[3] = min(b[0], r), min(b[1], c), max(b[2], r), max(b[3], c)
    return _merge_overlaps(list(rects.values()))


def _merge_overlaps(boxes: list[list[int]]) -> list[list[int]]:
    """Overlapping rectangles merged until none overlap."""
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
    return boxes
