"""Chinese text in matplotlib figures without boxes.

matplotlib's default font (DejaVu Sans) has no CJK glyphs: a label such as 产出指标 turns
into four boxes and a "Glyph … missing" warning.  :func:`find_cjk_font` looks for a font that
really has the glyphs (checked in the font's character map, not by name): first the usual
families on Windows, macOS and Linux, then any other installed font, then fonts shipped
inside optional Python packages (``mplfonts``).  :func:`use_font` makes matplotlib use it, and
:func:`label` picks, for each label, the Chinese text when the chosen fonts can draw every
character, else a fallback (English, pinyin or a project code) that they can.

matplotlib is imported inside the functions: importing this module costs nothing.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

#: Families tried first, in this order (Simplified Chinese faces before others).
PREFERRED_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "DengXian",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Sarasa Gothic SC",
    "AR PL UMing CN",
    "Noto Serif CJK SC",
    "SimSun",
)

#: Characters a usable font must have: the words that appear in perfaudit's figures.
PROBE_TEXT = "预算项目绩效目标产出效益满意度指标数量质量时效成本照搬单位问题类别相似"

#: Python packages that ship CJK font files: (import name, sub-folder holding the fonts).
FONT_PACKAGES: tuple[tuple[str, str], ...] = (("mplfonts", "fonts"),)

_FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


@dataclass(frozen=True)
class FontSettings:
    """Where :func:`find_cjk_font` looks."""

    preferred: tuple[str, ...] = PREFERRED_FAMILIES
    probe: str = PROBE_TEXT
    search_system: bool = True  # fonts matplotlib already knows (system and its own)
    packages: tuple[tuple[str, str], ...] = FONT_PACKAGES
    #: environment variable that overrides the search: a family name, or ``none`` for no CJK font
    env_var: str = "PERFAUDIT_CJK_FONT"


@dataclass(frozen=True)
class FontChoice:
    """The font figures use.  ``family`` is ``None`` when no CJK font was found."""

    family: str | None
    path: str | None
    source: str  # "system", "package:<name>", "env", or "none"
    fallbacks: tuple[str, ...] = field(default=("DejaVu Sans",))

    @property
    def cjk(self) -> bool:
        return self.family is not None

    def families(self) -> list[str]:
        """The font.sans-serif list: the CJK family first, then the fallbacks."""
        return ([self.family] if self.family else []) + list(self.fallbacks)


NO_CJK_FONT = FontChoice(family=None, path=None, source="none")


@lru_cache(maxsize=64)
def _charmap(path: str) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    try:
        return frozenset(FT2Font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):
        return frozenset()


def font_covers(path: str | os.PathLike, text: str) -> bool:
    """True when the font file has a glyph for every non-space character of ``text``."""
    cmap = _charmap(str(path))
    return bool(cmap) and all(ord(c) in cmap for c in text if not c.isspace())


def _entries_by_family() -> dict[str, str]:
    """Family name -> font file, preferring the regular (400) weight."""
    from matplotlib import font_manager

    out: dict[str, str] = {}
    for e in sorted(font_manager.fontManager.ttflist, key=lambda e: e.weight != 400):
        out.setdefault(e.name, e.fname)
    return out


def _package_fonts(packages: tuple[tuple[str, str], ...]) -> list[tuple[str, Path]]:
    found = []
    for name, sub in packages:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for loc in spec.submodule_search_locations:
            folder = Path(loc) / sub
            if folder.is_dir():
                found += [(name, p) for p in sorted(folder.iterdir()) if p.suffix.lower() in _FONT_SUFFIXES]
    return found


def find_cjk_font(settings: FontSettings | None = None) -> FontChoice:
    """The first font that can draw ``settings.probe``; :data:`NO_CJK_FONT` if there is none."""
    from matplotlib import font_manager

    s = settings or FontSettings()
    forced = os.environ.get(s.env_var, "").strip() if s.env_var else ""
    if forced.lower() == "none":
        return NO_CJK_FONT
    families = _entries_by_family() if (s.search_system or forced) else {}
    if forced:
        path = families.get(forced)
        if path and font_covers(path, s.probe):
            return FontChoice(forced, path, "env")
    if s.search_system:
        ordered = [f for f in s.preferred if f in families] + sorted(
            f for f in families if f not in s.preferred
        )
        for fam in ordered:
            if font_covers(families[fam], s.probe):
                return FontChoice(fam, families[fam], "system")
    for pkg, path in _package_fonts(s.packages):
        if not font_covers(path, s.probe):
            continue
        font_manager.fontManager.addfont(str(path))
        fam = font_manager.FontProperties(fname=str(path)).get_name()
        return FontChoice(fam, str(path), f"package:{pkg}")
    return NO_CJK_FONT


def use_font(choice: FontChoice) -> None:
    """Make matplotlib draw text with ``choice`` (and its fallbacks for missing glyphs)."""
    import matplotlib

    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = choice.families()
    matplotlib.rcParams["axes.unicode_minus"] = False  # CJK fonts often lack U+2212


def can_draw(text: str, choice: FontChoice) -> bool:
    """True when every character of ``text`` is in the chosen font or one of its fallbacks."""
    from matplotlib import font_manager

    paths = [choice.path] if choice.path else []
    for fam in choice.fallbacks:
        paths.append(font_manager.findfont(font_manager.FontProperties(family=fam), fallback_to_default=True))
    cmaps = [_charmap(p) for p in paths]
    return all(any(ord(c) in m for m in cmaps) for c in text if not c.isspace())


def label(text: str | None, fallback: str, choice: FontChoice) -> str:
    """``text`` if the figure's fonts can draw it, else ``fallback``."""
    if text and can_draw(text, choice):
        return text
    return fallback


def shorten(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` characters, ending with … when cut."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"
