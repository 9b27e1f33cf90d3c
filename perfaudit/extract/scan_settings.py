"""Settings of the scan path (:mod:`perfaudit.extract.scan`), sizes in points.

A size in points becomes pixels times the page's ``scale`` (pixels per point), so one
setting holds at 150 and at 300 dpi.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .ocr import OcrSettings


@dataclass
class ScanSettings:
    dpi: int | None = None  # render resolution; None: the page image's own (clamped to 150-300)
    orient: bool = True  # turn pages fed sideways or upside down upright
    deskew: bool = True
    max_skew: float = 3.0  # degrees; larger measured angles are ignored (not a table rotation)
    min_skew: float = 0.03  # degrees; a smaller measured skew is left alone
    min_line_pt: float = 12.0  # shortest ruling line, in points (CJK strokes of 10.5pt text are shorter)
    max_line_thickness_pt: float = 4.0  # thicker "lines" are filled blocks, not rules
    gap_bridge_pt: float = 1.1  # noise gaps in a rule up to this long are closed (3 pixels at 200 dpi)
    snap_pt: float = 3.0  # rule positions closer than this are one boundary
    junction_pt: float = 1.2  # a rule must end within this distance of a crossing rule
    edge_coverage: float = 0.8  # fraction of a cell edge that must be inked to count as a rule
    min_table_width_pt: float = 100.0
    min_table_height_pt: float = 30.0
    min_table_cells: int = 20  # fewer cells found: look again for faint rulings
    cell_margin_pt: float = 2.5  # a cell's ink is looked for this far inside its rules
    space_gap: float = 0.2  # an ink-free gap wider than this × line height is a space
    space_ratio: float = 2.0  # … and wider than this × the line's median gap between characters
    speck_area_px: int = 4  # ink blobs this small (pixels) are noise, not text
    speck_score: float = 0.8  # a lone "." "," "-" … below this score is taken for scan noise
    ink_threshold: float = 0.004  # share of dark pixels that makes an unread cell suspicious
    recognition: str = "cells"  # "cells": recognise each cell's ink lines; "page": detect text on the page
    ocr: OcrSettings = field(default_factory=OcrSettings)
