"""Scan path without OCR: deskew, ruling lines, merged cells, error messages (fast)."""

from __future__ import annotations

import sys

import cv2
import numpy as np
import pytest

from perfaudit.extract import ocr as ocr_mod
from perfaudit.extract.scan import ScanError, ScanSettings, estimate_skew, find_tables, render_page, rotate

SCALE = 200 / 72


def draw_table(noise: bool = True) -> np.ndarray:
    """A ruled table (points → pixels at 200 dpi) with a colspan, a rowspan and text strokes.

    Columns at x = 60, 160, 260, 360, 460 pt; rows at y = 100, 130, 160, 190, 220 pt.
    Row 0: one cell spanning all four columns.  Column 0, rows 1-3: one cell.
    Row 2: columns 2-3 merged.
    """
    img = np.full((int(842 * SCALE), int(595 * SCALE)), 255, np.uint8)

    def px(v):
        return int(round(v * SCALE))

    def hline(y, x0, x1):
        cv2.line(img, (px(x0), px(y)), (px(x1), px(y)), 0, 3)

    def vline(x, y0, y1):
        cv2.line(img, (px(x), px(y0)), (px(x), px(y1)), 0, 3)

    hline(100, 60, 460)
    hline(220, 60, 460)
    hline(130, 60, 460)
    hline(160, 160, 460)
    hline(190, 160, 460)
    vline(60, 100, 220)
    vline(460, 100, 220)
    for x in (160, 260, 360):
        vline(x, 130, 220) if x != 360 else (vline(x, 130, 160), vline(x, 190, 220))
    # text-like strokes inside cells: short bars and a column of glyph-like marks
    for x0, y0 in ((80, 140), (180, 170), (280, 200), (90, 110), (300, 110)):
        cv2.rectangle(img, (px(x0), px(y0)), (px(x0 + 8), px(y0 + 9)), 0, 2)
        cv2.line(img, (px(x0 + 12), px(y0)), (px(x0 + 12), px(y0 + 9)), 0, 2)
        cv2.line(img, (px(x0 + 14), px(y0 + 4)), (px(x0 + 30), px(y0 + 4)), 0, 2)
    cv2.putText(img, "TITLE 2022", (px(200), px(80)), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 0, 3)
    if noise:
        rng = np.random.default_rng(7)
        f = img.astype(np.float32) + rng.normal(0, 12, img.shape)
        img = np.clip(f, 0, 255).astype(np.uint8)
        sp = rng.random(img.shape)
        img[sp < 0.002] = 0
        img[sp > 0.998] = 255
    return img


EXPECTED_CELLS = [
    (0, 0, 1, 4),
    (1, 0, 3, 1),
    (1, 1, 1, 1),
    (1, 2, 1, 1),
    (1, 3, 1, 1),
    (2, 1, 1, 1),
    (2, 2, 1, 2),
    (3, 1, 1, 1),
    (3, 2, 1, 1),
    (3, 3, 1, 1),
]


def test_merged_cells_found_exactly_on_a_clean_image():
    tables = find_tables(draw_table(noise=False), ScanSettings(), SCALE)
    assert len(tables) == 1
    t = tables[0]
    assert t.cells == EXPECTED_CELLS
    assert [round(x / SCALE) for x in t.xs] == [60, 160, 260, 360, 460]
    assert [round(y / SCALE) for y in t.ys] == [100, 130, 160, 190, 220]


@pytest.mark.parametrize("angle", [-2.5, -0.7, 0.0, 1.3, 2.8])
def test_deskew_then_grid_with_noise(angle):
    img = rotate(draw_table(noise=False), angle)
    rng = np.random.default_rng(11)
    img = np.clip(img.astype(np.float32) + rng.normal(0, 12, img.shape), 0, 255).astype(np.uint8)
    correction = estimate_skew(img)
    assert correction == pytest.approx(-angle, abs=0.08)
    tables = find_tables(rotate(img, correction), ScanSettings(), SCALE)
    assert len(tables) == 1
    assert tables[0].cells == EXPECTED_CELLS


def test_skew_beyond_limit_is_not_corrected():
    img = rotate(draw_table(noise=False), 6.0)
    assert estimate_skew(img, ScanSettings(max_skew=3.0)) == 0.0


def test_noise_and_strokes_give_no_extra_boundaries():
    t = find_tables(draw_table(noise=True), ScanSettings(), SCALE)[0]
    assert len(t.xs) == 5 and len(t.ys) == 5
    assert t.cells == EXPECTED_CELLS


def test_blank_page_has_no_table():
    img = np.full((800, 600), 255, np.uint8)
    assert find_tables(img, ScanSettings(), SCALE) == []
    assert estimate_skew(img) == 0.0


def test_render_page_errors_are_bilingual(tmp_path):
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"not a pdf at all")
    with pytest.raises(ScanError) as e:
        render_page(bad, 0)
    assert "无法打开" in e.value.message_zh and "cannot open" in e.value.message_en
    with pytest.raises(ScanError) as e:
        render_page("samples/scans/seed-scan.pdf", 99)
    assert e.value.message_zh == "页码超出范围：第100页"


def test_ocr_available_and_models_shipped_in_wheel():
    assert ocr_mod.ocr_available() is True
    models = ocr_mod._models_dir()
    for name in (ocr_mod.DET_MODEL, ocr_mod.REC_MODEL, ocr_mod.CLS_MODEL):
        assert (models / name).is_file()


def test_ocr_unavailable_when_rapidocr_cannot_be_imported(monkeypatch):
    monkeypatch.setattr(ocr_mod, "_ENGINES", {})
    monkeypatch.setitem(sys.modules, "rapidocr", None)  # import raises ImportError
    with pytest.raises(ocr_mod.OcrUnavailable) as e:
        ocr_mod.get_engine()
    assert "无法加载文字识别组件" in e.value.message_zh
    assert "pip install rapidocr onnxruntime" in e.value.message_en
    from perfaudit.extract.scan import page_grids

    with pytest.raises(ocr_mod.OcrUnavailable):
        page_grids("samples/scans/seed-scan.pdf", 0)


def test_engine_uses_the_wheel_models_by_path():
    engine = ocr_mod.get_engine()
    models = ocr_mod._models_dir()
    assert engine.cfg.Det.model_path == str(models / ocr_mod.DET_MODEL)
    assert engine.cfg.Rec.model_path == str(models / ocr_mod.REC_MODEL)


def test_table_cut_by_page_break_keeps_its_open_rows():
    """No rule closes the table at the top or bottom: the rows cut by the page break are
    still rows, and the table is marked open on those sides."""
    img = np.full((int(842 * SCALE), int(595 * SCALE)), 255, np.uint8)

    def px(v):
        return int(round(v * SCALE))

    for y in (130, 160, 190):
        cv2.line(img, (px(60), px(y)), (px(460), px(y)), 0, 3)
    for x in (60, 200, 330, 460):
        cv2.line(img, (px(x), px(100)), (px(x), px(250)), 0, 3)
    # a glyph-like stroke hanging from a rule inside a cell is not a cut side
    cv2.line(img, (px(100), px(160)), (px(100), px(180)), 0, 3)
    (t,) = find_tables(img, ScanSettings(), SCALE)
    assert [y / SCALE for y in t.ys] == pytest.approx([100, 130, 160, 190, 250], abs=1.5)
    assert [round(x / SCALE) for x in t.xs] == [60, 200, 330, 460]
    assert (t.open_top, t.open_bottom) == (True, True)
    assert len(t.cells) == 12 and all(c[2:] == (1, 1) for c in t.cells)
    closed = find_tables(draw_table(noise=False), ScanSettings(), SCALE)[0]
    assert (closed.open_top, closed.open_bottom) == (False, False)


def _px(v):
    return int(round(v * SCALE))


def test_rule_lengthened_past_a_crossing_is_cut_back():
    """A speck or pen stroke continuing a rule ~2.5 pt past the table's bottom rule leaves
    the rule a rule (it used to lose its junction and merge the cells beside it)."""
    img = draw_table(noise=False)
    cv2.line(img, (_px(160), _px(220)), (_px(160), _px(222.5)), 0, 3)
    cv2.line(img, (_px(260), _px(100) - _px(2.5)), (_px(260), _px(100)), 0, 3)  # above the top rule
    assert find_tables(img, ScanSettings(), SCALE)[0].cells == EXPECTED_CELLS


def _tight_table(mark) -> np.ndarray:
    """Columns at 60, 260, 460 pt; rows at 100, 130, 145 (a 15 pt row), 175 pt; the 15 pt
    row has no rule at x = 360 but ``mark(img)`` may draw something there."""
    img = np.full((_px(842), _px(595)), 255, np.uint8)
    for y in (100, 130, 145, 175):
        cv2.line(img, (_px(60), _px(y)), (_px(460), _px(y)), 0, 3)
    for x in (60, 260, 460):
        cv2.line(img, (_px(x), _px(100)), (_px(x), _px(175)), 0, 3)
    mark(img)
    return img


def test_glyph_stroke_joined_to_the_rules_of_a_tight_row_is_not_a_rule():
    def glyph(img):  # a blurred 网: a stroke from rule to rule with strokes beside it
        cv2.line(img, (_px(360), _px(130)), (_px(360), _px(145)), 0, 3)
        for y in (134, 138, 142):
            cv2.line(img, (_px(354), _px(y)), (_px(366), _px(y)), 0, 2)

    def rule(img):  # a one-row rule: paper beside it
        cv2.line(img, (_px(360), _px(130)), (_px(360), _px(145)), 0, 3)

    assert len(find_tables(_tight_table(glyph), ScanSettings(), SCALE)[0].xs) == 3  # 60, 260, 460
    ruled = find_tables(_tight_table(rule), ScanSettings(), SCALE)[0]
    assert len(ruled.xs) == 4 and (1, 2, 1, 1) in ruled.cells


def test_grey_rule_broken_by_the_threshold_still_divides_its_cells():
    """A thin grey one-row rule that the Otsu mask keeps only in pieces (the county copier
    at 150 dpi) still divides its row: it is found along the grey page itself.  Text
    crossing an edge (a merged cell) does not make a rule."""

    def grey(img):
        cv2.line(img, (_px(360), _px(145)), (_px(360), _px(175)), 0, 3)  # the boundary, in the row below
        for y0 in range(130, 145, 4):  # the tight row: grey 190 dashes, 2.5 pt with 1.5 pt gaps
            cv2.line(img, (_px(360), _px(y0)), (_px(360), _px(min(y0 + 2.5, 145))), 190, 2)
            cv2.line(img, (_px(360), _px(y0 + 2.5)), (_px(360), _px(min(y0 + 4, 145))), 215, 2)

    def text(img):
        cv2.line(img, (_px(360), _px(145)), (_px(360), _px(175)), 0, 3)
        cv2.putText(img, "12 MONTH", (_px(330), _px(142)), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 0, 2)

    s = ScanSettings(min_table_cells=0)  # a real table has enough black rules: no faint-rule pass
    assert (1, 2, 1, 1) in find_tables(_tight_table(grey), s, SCALE)[0].cells
    assert (1, 1, 1, 2) in find_tables(_tight_table(text), s, SCALE)[0].cells
