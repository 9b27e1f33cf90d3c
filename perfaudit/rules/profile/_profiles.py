"""Project types (perfaudit/data/profiles.toml) and the classification of a project into one.

``classify(proj, profiles)`` scores each type's ``match`` words in the name (2), the 资金用途 (2)
and the goal (1); ``classify_text`` scores one text alone (PA423 compares name and 资金用途).
A bureau's extra types come from ``[tool.perfaudit.profiles]`` and reach the rules through
their ``profiles`` threshold (see perfaudit/config.py).
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from ..vocab import compact, is_count_unit, is_money

SOURCE_WEIGHTS = (("name", 2), ("use", 2), ("goal", 1))


@dataclass(frozen=True)
class Expect:
    what: str
    what_en: str
    names: tuple[str, ...]
    dim1: str | None = None
    dim2: str | None = None
    money: bool = False
    count: bool = False

    def met_by(self, ind, lex, text: str | None = None) -> bool:
        """Whether row ``ind`` is this indicator; ``text``: its :func:`row_text`, when already made."""
        if self.dim1 and ind.dim1 != self.dim1:
            return False
        if self.dim2 and ind.dim2 != self.dim2:
            return False
        if self.money and ind.kind == "number" and is_money(ind.unit, lex):
            return True
        if self.count and ind.kind == "number" and is_count_unit(ind.unit, lex):
            return True
        return self._names.search(row_text(ind) if text is None else text) is not None

    @cached_property
    def _names(self) -> re.Pattern[str]:
        """The ``names`` as one pattern: it matches where any of them does (empty: never)."""
        return re.compile("|".join(f"(?:{p})" for p in self.names)) if self.names else re.compile(r"(?!x)x")


def row_text(ind) -> str:
    """What :meth:`Expect.met_by` searches: the 三级 name and the target (a 定性 value may name the measure: 房屋完好)."""
    return compact(ind.level3) + "｜" + compact(ind.target)


@dataclass(frozen=True)
class Profile:
    key: str
    title: str
    title_en: str
    match: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    expect: tuple[Expect, ...] = field(default_factory=tuple)
    #: words every project of the type may carry (专家, 劳务费 …): not a shared object for PA424
    common: tuple[str, ...] = ()

    def score_text(self, text: str | None) -> int:
        return self.score_compact(compact(text))

    def score_compact(self, t: str) -> int:
        """:meth:`score_text` of a text already without whitespace."""
        if not t or self._any_match.search(t) is None:  # most texts name none of a type's words
            return 0
        if any(x in t for x in self.exclude):
            return 0
        return sum(1 for w in self.match if w in t)

    @cached_property
    def _any_match(self) -> re.Pattern[str]:
        """Finds a ``match`` word if the text holds one (empty: never)."""
        return re.compile("|".join(map(re.escape, self.match))) if self.match else re.compile(r"(?!x)x")


@lru_cache(maxsize=1)
def _builtin() -> dict[str, Any]:
    text = resources.files("perfaudit.data").joinpath("profiles.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["types"]


def _profile(key: str, d: dict[str, Any]) -> Profile:
    expects = tuple(
        Expect(
            str(e.get("what", "")),
            str(e.get("what_en", e.get("what", ""))),
            tuple(e.get("names", ())),
            e.get("dim1"),
            e.get("dim2"),
            bool(e.get("money", False)),
            bool(e.get("count", False)),
        )
        for e in d.get("expect", ())
    )
    return Profile(
        key,
        str(d.get("title", key)),
        str(d.get("title_en", d.get("title", key))),
        tuple(d.get("match", ())),
        tuple(d.get("exclude", ())),
        expects,
        tuple(d.get("common", ())),
    )


@lru_cache(maxsize=1)
def _builtin_profiles() -> tuple[Profile, ...]:
    return tuple(_profile(k, v) for k, v in _builtin().items())


#: id(extra) -> (a copy of extra, its profiles): the rules ask for every project
_LOADED: dict[int, tuple[dict[str, Any], tuple[Profile, ...]]] = {}


def load_profiles(extra: dict[str, Any] | None = None) -> tuple[Profile, ...]:
    """The bureau's types first (they win a tie), then the built-in ones it does not replace.

    Made once per configuration (the same object is returned while ``extra`` is unchanged), so
    that :func:`classify` can remember its answers for these profiles."""
    if not extra:
        return _builtin_profiles()
    kept = _LOADED.get(id(extra))
    if kept is not None and kept[0] == extra:
        return kept[1]
    profiles = _merged(extra)
    if len(_LOADED) >= 64:
        _LOADED.clear()
    _LOADED[id(extra)] = (copy.deepcopy(extra), profiles)
    return profiles


def _merged(extra: dict[str, Any]) -> tuple[Profile, ...]:
    merged: dict[str, Any] = {}
    for key, d in (extra or {}).items():
        if not isinstance(d, dict):
            raise ValueError(f"profiles.{key} 应为表 / profiles.{key} must be a table")
        merged[key] = d
    for key, d in _builtin().items():
        merged.setdefault(key, d)
    return tuple(_profile(k, v) for k, v in merged.items())


def classify_text(text: str | None, profiles: Sequence[Profile], lex=None) -> Profile | None:
    """The type whose ``match`` words ``text`` names most (None: none); remembered per text with ``lex``."""
    if lex is None:
        return _classify_text(text, profiles)
    seen = lex.table(("classify_text", id(profiles)), keep=profiles)
    if text not in seen:
        seen[text] = _classify_text(text, profiles)
    return seen[text]


def _classify_text(text: str | None, profiles: Sequence[Profile]) -> Profile | None:
    best, best_score, t = None, 0, compact(text)
    for p in profiles:
        s = p.score_compact(t)
        if s > best_score:
            best, best_score = p, s
    return best


def classify(proj, profiles: Sequence[Profile], lex=None) -> Profile | None:
    """The project's type from its name, 资金用途 and goal.

    None when neither the name nor the 资金用途 names a type (the goal only adds weight), and
    boiler-plate texts (``goal.generic_patterns``: 保障日常事务正常运转) are not read.  With
    ``lex``, the answer is remembered for these texts and profiles (three rules ask it of every project).
    """
    key = (proj.name, proj.use, proj.goal)
    if lex is None:
        return _classify(dict(zip(("name", "use", "goal"), key, strict=True)), profiles)
    seen = lex.table(("classify", id(profiles)), keep=profiles)
    if key not in seen:
        pats = lex.patterns("goal.generic_patterns")
        texts = {
            src: (None if v and any(p.search(compact(v)) for p in pats) else v)
            for src, v in zip(("name", "use", "goal"), key, strict=True)
        }
        seen[key] = _classify(texts, profiles)
    return seen[key]


def _classify(texts: dict[str, str | None], profiles: Sequence[Profile]) -> Profile | None:
    best, best_score = None, 0
    name, use, goal = (compact(texts[src]) for src in ("name", "use", "goal"))
    weights = dict(SOURCE_WEIGHTS)
    for p in profiles:
        by_name, by_use = p.score_compact(name), p.score_compact(use)
        if not (by_name or by_use):
            continue
        s = weights["name"] * by_name + weights["use"] * by_use + weights["goal"] * p.score_compact(goal)
        if s > best_score:
            best, best_score = p, s
    return best
