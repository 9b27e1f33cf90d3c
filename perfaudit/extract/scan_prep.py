"""Preparing a scanned page for the grid finder: resolution, colour dropout, page orientation.

* :func:`native_dpi` reads the resolution the page was scanned at from its own image
  (pixels of the largest image over the size it is drawn at), so the page is rendered at
  the scanner's resolution (:func:`choose_dpi`) rather than resampled to a fixed one.
* :func:`ink_gray` turns a colour raster into grey keeping only dark, unsaturated ink:
  the brightest channel of each pixel, so a red seal over the cells fades to paper while
  black print and rulings stay black; light, strongly coloured strokes (blue ballpoint)
  become paper too.
* :func:`detect_turn` finds a page fed sideways or upside down: text lines run along the
  page's long ink runs (sideways pages have them vertical), and rapidocr's direction
  classifier, run once over ten of the page's text lines, says whether they are upside
  down (it costs ~1/60 of recognising the same lines both ways up).

numpy, cv2 and pypdfium2 are imported inside the functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

#: render resolution limits: below 150 dpi 10.5 pt text is too small to read, above 300
#: dpi the extra pixels only cost time
MIN_DPI, MAX_DPI = 150, 300
#: colour dropout: a pixel whose channels differ by more than this and whose brightest
#: channel is at least PEN_BRIGHTNESS is coloured pen or seal, not print
PEN_SATURATION, PEN_BRIGHTNESS = 45, 150


def native_dpi(page) -> float | None:
    """Resolution of the largest image drawn on a pypdfium2 page, or None without images."""
    best = None
    for obj in page.get_objects(max_depth=2):
        if obj.type != 3:  # FPDF_PAGEOBJ_IMAGE
            continue
        try:
            wpx, hpx = obj.get_px_size()
            x0, y0, x1, y1 = obj.get_bounds()
        except Exception:  # an image pdfium cannot measure: ignore it
            continue
        wpt, hpt = abs(x1 - x0), abs(y1 - y0)
        if wpt < 72 or hpt < 72 or wpx <= 0 or hpx <= 0:
            continue  # logos and small pictures say nothing about the page scan
        area = wpt * hpt
        # a page image may be drawn turned by 90°: pair the pixel sides with the drawn sides
        dpi = max(min(wpx / wpt, hpx / hpt), min(wpx / hpt, hpx / wpt)) * 72
        if best is None or area > best[0]:
            best = (area, dpi)
    return best[1] if best else None


def choose_dpi(native: float | None, default: int = 200) -> int:
    """Render resolution for a page scanned at ``native`` dpi (clamped to 150–300)."""
    if not native:
        return default
    return int(round(min(max(native, MIN_DPI), MAX_DPI)))


def ink_gray(arr: np.ndarray) -> np.ndarray:
    """Grey image of the dark ink of a raster (H×W grey, or H×W×3/4 colour in any channel order)."""
    if arr.ndim == 2:
        return arr
    import cv2

    planes = arr[:, :, 0], arr[:, :, 1], arr[:, :, 2]
    # cv2 over the channel planes: ~5x faster than numpy along the last axis
    hi = cv2.max(cv2.max(planes[0], planes[1]), planes[2])
    lo = cv2.min(cv2.min(planes[0], planes[1]), planes[2])
    # a light, strongly coloured stroke (blue ballpoint, 40/60/190) is pen over the form:
    # paper; dark colour (navy print) stays ink
    pen = (cv2.subtract(hi, lo) > PEN_SATURATION) & (hi >= PEN_BRIGHTNESS)
    hi[pen] = 255
    return hi


def turn(gray: np.ndarray, k: int) -> np.ndarray:
    """The image turned by 90° × ``k`` counter-clockwise."""
    import numpy as np

    return np.ascontiguousarray(np.rot90(gray, k)) if k % 4 else gray


def _line_crops(gray: np.ndarray, scale: float, n: int = 10) -> list:
    """Up to ``n`` crops of horizontal text lines: the widest ink runs after closing the
    gaps between characters."""
    import cv2

    inv = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    gap = max(int(2.5 * scale), 3)
    closed = cv2.morphologyEx(inv, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    lo, hi = 6 * scale, 16 * scale  # text 6-16 pt high
    runs = [s for s in stats[1:] if lo <= s[3] <= hi and s[2] >= 3 * s[3]]
    runs.sort(key=lambda s: -s[2])
    crops = []
    for x, y, w, h, _a in runs[:n]:
        w = min(w, 12 * h)  # a few characters are enough
        crops.append(gray[max(y - 3, 0) : y + h + 3, max(x - 3, 0) : x + w + 3])
    return crops


def _line_runs(gray: np.ndarray, scale: float) -> tuple[int, int]:
    """(text-line-like ink runs lying horizontally, lying vertically)."""
    import cv2
    import numpy as np

    inv = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    gap = max(int(2.5 * scale), 3)
    out = []
    for img in (inv, np.ascontiguousarray(inv.T)):
        closed = cv2.morphologyEx(img, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
        _n, _l, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
        h = stats[1:, 3]
        w = stats[1:, 2]
        out.append(int(((h >= 6 * scale) & (h <= 16 * scale) & (w >= 3 * h)).sum()))
    return out[0], out[1]


def detect_turn(gray: np.ndarray, scale: float, ocr_settings=None) -> int:
    """How many quarter turns (counter-clockwise, for :func:`turn`) make the page upright.

    Sideways: the page's text-line-like ink runs lie vertically.  Upside down: rapidocr's
    direction classifier, run once over a few of the page's text lines, takes most of
    them for upside down."""
    from .ocr import upside_down

    flat, upright_runs = _line_runs(gray, scale)
    sideways = upright_runs > 1.5 * max(flat, 1)
    base = turn(gray, 1) if sideways else gray  # text lines now horizontal, upright or upside down
    k = 1 if sideways else 0
    crops = _line_crops(base, scale)
    return (k + 2) % 4 if crops and upside_down(crops, ocr_settings) > 0.5 else k
