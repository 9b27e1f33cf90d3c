"""Glyph boxes put back on their lines (perfaudit.extract.glyphs): a font whose boxes pdfminer
places far below their baselines (Chongqing's digits) is moved; ordinary fonts are left alone."""

from perfaudit.extract.glyphs import realign


def char(text: str, x: float, baseline: float, font: str, drop: float, size: float = 10.0) -> dict:
    """A pdfplumber-like char on a 800 pt page whose box ends ``drop`` font sizes below its baseline."""
    y0 = baseline - drop * size
    return {
        "text": text, "x0": x, "x1": x + size, "y0": y0, "y1": y0 + size, "top": 800 - y0 - size,
        "bottom": 800 - y0, "doctop": 800 - y0 - size, "size": size, "upright": True, "fontname": font,
        "matrix": (1, 0, 0, 1, x, baseline),
    }  # fmt: skip


def test_a_font_drawn_below_its_line_is_moved_back():
    line = [char(t, 10 * i, 500, "FZFSK", 0.24) for i, t in enumerate("执行额亿美元")]
    digits = [char(t, 100 + 5 * i, 500, "E-BZ", 1.03) for i, t in enumerate("22.6")]
    out = realign(line + digits)
    han_top = out[0]["top"]
    assert all(abs(c["top"] - han_top) < 0.01 for c in out)  # one line again
    assert [c["text"] for c in out] == list("执行额亿美元22.6")
    assert digits[0]["top"] > han_top + 7  # the input is not changed


def test_ordinary_fonts_are_left_alone():
    chars = [char("年", 0, 500, "FZFSK", 0.24), char("2", 12, 500, "TimesNewRoman", 0.31)]
    assert realign(chars) is chars
    assert realign(chars[:1]) == chars[:1]
