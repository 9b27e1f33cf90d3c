"""Glyph boxes of the PDF text layer put back on their printed lines.

Some embedded fonts declare a wrong descent, so pdfminer places every glyph of that font
well below its baseline: Chongqing's budgets draw their digits (font E-BZ) 0.8 of a font size
lower than the Chinese text of the same line, and a cell then reads ``执2026 7500行额`` with the
numbers gathered on a line of their own.  The baseline itself is right (the text matrix), so a
font whose boxes sit far from their baselines, compared with the rest of the page, is moved
back by that distance.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

#: a font is moved when its boxes sit this many font sizes further from their baselines than
#: the page's text does (ordinary fonts differ by 0.1–0.2; Chongqing's E-BZ by 0.8)
MISPLACED = 0.5


def _drop(c: dict) -> float | None:
    """How far below its baseline the glyph box ends, in font sizes (None if unknown)."""
    m = c.get("matrix")
    if not m or not c.get("upright") or not c.get("size"):
        return None
    return (m[5] - c["y0"]) / c["size"]


def realign(chars: list[dict]) -> list[dict]:
    """``chars`` with the boxes of misplaced fonts moved onto their baselines (copies; others as is)."""
    drops = [_drop(c) for c in chars]
    by_font: dict[str, list[float]] = defaultdict(list)
    for c, d in zip(chars, drops, strict=True):
        if d is not None:
            by_font[c.get("fontname")].append(d)
    if len(by_font) < 2:
        return chars
    page = statistics.median(d for d in drops if d is not None)
    shift = {f: statistics.median(ds) - page for f, ds in by_font.items()}
    shift = {f: s for f, s in shift.items() if abs(s) > MISPLACED}
    if not shift:
        return chars
    out = []
    for c, d in zip(chars, drops, strict=True):
        s = shift.get(c.get("fontname"))
        if s is None or d is None:
            out.append(c)
            continue
        dy = s * c["size"]  # points the box sits too low
        out.append(
            {**c, "top": c["top"] - dy, "bottom": c["bottom"] - dy, "doctop": c["doctop"] - dy,
             "y0": c["y0"] + dy, "y1": c["y1"] + dy}
        )  # fmt: skip
    return out
