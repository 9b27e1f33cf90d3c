"""Text normalisation shared by every source (PDF text layer, OCR, xlsx, docx).

Pure string functions, no third-party imports.  The rules:

* wrapped lines inside a cell are joined without a space, except between two Latin
  letters (``"Hello\\nworld"``), so ``"工资发放精\\n准性"`` becomes ``"工资发放精准性"`` and a
  code wrapped as ``"13030322P0040891000\\n1D"`` becomes one token again;
* a space between two CJK characters is a rendering artefact and is removed, while a
  space between a number and a CJK unit is content and kept (``"≥95 百分比"``);
* full-width digits, Latin letters and ``％ ＝ ＞ ＜ ．`` become their ASCII forms;
  Chinese punctuation (``，：（）“”``) is kept as written;
* runs of whitespace become one space; the result is stripped.
"""

from __future__ import annotations

import re

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH.update({0xFF05: ord("%"), 0xFF1D: ord("="), 0xFF1E: ord(">"), 0xFF1C: ord("<"), 0xFF0E: ord(".")})
_FULLWIDTH.update({0x3000: ord(" "), 0x00A0: ord(" "), 0x2002: ord(" "), 0x2003: ord(" "), 0x200B: None})
_FULLWIDTH.update({0x2265: ord("≥"), 0x2264: ord("≤"), 0x2267: ord("≥"), 0x2266: ord("≤")})  # ≧ ≦ -> ≥ ≤


def is_wide(ch: str) -> bool:
    """True for CJK ideographs, CJK punctuation and full-width forms."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or 0x2018 <= o <= 0x201F
        or 0xF900 <= o <= 0xFAFF
    )


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def to_halfwidth(s: str) -> str:
    return s.translate(_FULLWIDTH)


_SPACE_BETWEEN_WIDE = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2018-\u201f])\s+"
    r"(?=[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2018-\u201f])"
)
_SPACE_BEFORE_BRACKET = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[(（])|(?<=[)）])\s+(?=[\u4e00-\u9fff])")
_WS = re.compile(r"\s+")


def join_lines(lines: list[str]) -> str:
    """Join the visual lines of one cell."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            out += " " + line
        else:
            out += line
    return out


def clean_cell(raw: str | None) -> str:
    """Normalise the raw text of one cell (lines separated by ``\\n``)."""
    if not raw:
        return ""
    s = to_halfwidth(str(raw)).replace("\r\n", "\n").replace("\r", "\n")
    s = join_lines(s.split("\n"))
    s = _WS.sub(" ", s)
    s = _SPACE_BETWEEN_WIDE.sub("", s)
    s = _SPACE_BEFORE_BRACKET.sub("", s)
    return s.strip()


def clean_line(raw: str | None) -> str:
    """Normalise one line of running text (no line joining)."""
    if not raw:
        return ""
    s = _WS.sub(" ", to_halfwidth(str(raw)))
    return _SPACE_BETWEEN_WIDE.sub("", s).strip()


_LABEL_STRIP = re.compile(r"[\s:：*＊]+")
_LABEL_UNIT = re.compile(r"[(（]\s*(万元|元|千元|亿元|%|％)\s*[)）]")


def label_key(text: str) -> str:
    """A cell's text reduced for label matching: no spaces, colons or (unit) suffix."""
    s = _LABEL_UNIT.sub("", to_halfwidth(text or ""))
    return _LABEL_STRIP.sub("", s)


def label_unit(text: str) -> str | None:
    """The money unit written inside a label, e.g. ``项目资金（元）`` -> ``元``."""
    m = _LABEL_UNIT.search(to_halfwidth(text or ""))
    if m and m.group(1) in ("万元", "元", "千元", "亿元"):
        return m.group(1)
    return None


_NUM = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?$")


def parse_money(text: str | None) -> float | None:
    """``"4,100,000.00"`` -> 4100000.0; ``""`` / text -> None."""
    if not text:
        return None
    s = to_halfwidth(text).replace(" ", "").replace("，", ",")
    s = s.rstrip("元").rstrip("万").strip(",")
    if not _NUM.match(s):
        return None
    return float(s.replace(",", ""))
