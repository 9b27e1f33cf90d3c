"""Shared vocabulary for the rules: canonical indicator categories, unit classes, lexicons.

Everything a bureau might want to extend lives in ``perfaudit/data/lexicons.toml``; this
module loads it, merges the extra words of the configuration and offers small predicates
(``is_percent``, ``is_money`` …) so that rule files stay short.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

# --------------------------------------------------------------------------- text

_DIGIT = re.compile(r"\d")
_BRACKETS = re.compile(r"[()（）\[\]【】“”\"'‘’《》<>]")


def compact(text: str | None) -> str:
    r"""Remove all whitespace (PDF line wraps split words: ``工资发放精 准性``).

    ``str.split`` and the regex ``\s`` take the same characters for whitespace (checked over
    every code point); the split is several times quicker on the short cells the rules read."""
    return "".join(text.split()) if text else ""


def norm_name(text: str | None) -> str:
    """Normalised indicator name for comparisons: no spaces, brackets, quotes or ``指标`` suffix."""
    s = _BRACKETS.sub("", compact(text))
    s = s.replace("，", ",").replace("、", ",")
    if s.endswith("指标") and len(s) > 2:
        s = s[:-2]
    return s


def has_digit(text: str | None) -> bool:
    return bool(text) and _DIGIT.search(text) is not None


# --------------------------------------------------------------------------- categories

#: canonical 二级 for every written form (compacted, without the 指标 suffix)
LEVEL2_SYNONYMS = {
    "数量": "数量",
    "产出数量": "数量",
    "质量": "质量",
    "产出质量": "质量",
    "时效": "时效",
    "产出时效": "时效",
    "进度": "时效",
    "时效性": "时效",
    "成本": "成本",
    "产出成本": "成本",
    "经济成本": "成本",
    "社会成本": "社会成本",
    "生态环境成本": "生态环境成本",
    "环境成本": "生态环境成本",
    "经济效益": "经济效益",
    "社会效益": "社会效益",
    "生态效益": "生态效益",
    "环境效益": "生态效益",
    "可持续影响": "可持续影响",
    "可持续发展": "可持续影响",
    "服务对象满意度": "满意度",
    "社会公众或服务对象满意度": "满意度",
    "满意度": "满意度",
    "社会公众满意度": "满意度",
    "群众满意度": "满意度",
}
LEVEL1_SYNONYMS = {"产出": "产出", "效益": "效益", "满意度": "满意度", "成本": "成本", "绩效": ""}
#: the 一级 each canonical 二级 belongs to
LEVEL2_PARENT = {
    "数量": "产出",
    "质量": "产出",
    "时效": "产出",
    "成本": "产出",
    "社会成本": "成本",
    "生态环境成本": "成本",
    "经济效益": "效益",
    "社会效益": "效益",
    "生态效益": "效益",
    "可持续影响": "效益",
    "满意度": "满意度",
}
BENEFIT_KINDS = ("经济效益", "社会效益", "生态效益", "可持续影响")
OUTPUT_KINDS = ("数量", "质量", "时效", "成本")


def _strip_suffix(s: str) -> str:
    s = compact(s)
    for suf in ("指标",):
        if s.endswith(suf) and len(s) > len(suf):
            s = s[: -len(suf)]
    return s


def canon_level2(level2: str | None) -> str | None:
    s = _strip_suffix(level2 or "")
    if not s:
        return None
    if s in LEVEL2_SYNONYMS:
        return LEVEL2_SYNONYMS[s]
    for key in sorted(LEVEL2_SYNONYMS, key=len, reverse=True):
        if key in s:
            return LEVEL2_SYNONYMS[key]
    return None


def canon_level1(level1: str | None) -> str | None:
    s = _strip_suffix(level1 or "")
    if not s:
        return None
    if s in LEVEL1_SYNONYMS:
        return LEVEL1_SYNONYMS[s] or None
    for key in ("满意度", "产出", "效益", "成本"):
        if key in s:
            return key
    return None


# --------------------------------------------------------------------------- lexicons


#: entries a memo of :meth:`Lexicons.memo` keeps before it starts afresh (bounds the memory of a huge batch)
MEMO_SIZE = 1 << 17


@dataclass
class Lexicons:
    """All word lists, merged with the configuration's extra words."""

    data: dict[str, Any] = field(default_factory=dict)
    _lists: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _memos: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    _kept: list[Any] = field(default_factory=list, repr=False, compare=False)

    def words(self, path: str) -> tuple[str, ...]:
        """The list at a dotted path, as a tuple (looked up once per path: rules ask millions of times)."""
        found = self._lists.get(path)
        if found is None:
            node: Any = self.data
            for part in path.split("."):
                node = node[part]
            found = self._lists[path] = tuple(node)
        return found

    def table(self, key: Any, keep: Any = None) -> dict:
        """A memo of these lexicons, named ``key`` (emptied once it holds ``MEMO_SIZE`` entries).

        ``keep``: an object the memo's answers depend on and whose ``id`` is part of ``key``; it is
        kept alive with the lexicons, so that its id cannot name another object meanwhile."""
        found = self._memos.get(key)
        if found is None:
            found = self._memos[key] = {}
            if keep is not None:
                self._kept.append(keep)
        elif len(found) >= MEMO_SIZE:
            found.clear()
        return found

    def memo(self, fn: Callable[[Any, Lexicons], Any], text: Any) -> Any:
        """``fn(text, self)``, computed once per distinct ``text`` for these lexicons.

        Names and targets repeat across a batch (满意度, 资金使用合规率 …): a predicate of the text
        alone is asked once per distinct value instead of once per row and rule."""
        seen = self.table(fn)
        try:
            return seen[text]
        except KeyError:
            found = seen[text] = fn(text, self)
            return found

    def domains(self) -> dict[str, dict[str, Any]]:
        return self.data["domains"]

    def list_paths(self) -> list[str]:
        out: list[str] = []

        def walk(prefix: str, node: Any) -> None:
            if isinstance(node, dict):
                for k, v in node.items():
                    walk(f"{prefix}.{k}" if prefix else k, v)
            elif isinstance(node, list):
                out.append(prefix)

        walk("", self.data)
        return out

    def regex(self, path: str) -> re.Pattern[str]:
        """One pattern matching any entry of the list at ``path`` (entries are regular expressions)."""
        return _compile(self.words(path))

    def patterns(self, path: str) -> tuple[re.Pattern[str], ...]:
        """The entries of the list at ``path``, each compiled once (for rules that need which one matched)."""
        key = ("patterns", path)
        found = self._memos.get(key)
        if found is None:
            found = self._memos[key] = tuple(re.compile(p) for p in self.words(path))
        return found

    def any_in(self, path: str, text: str | None) -> bool:
        """Whether a word of the list at ``path`` occurs in ``text`` (whitespace ignored); memoised per text."""
        seen = self.table(path)
        found = seen.get(text)
        if found is None:
            t = compact(text)
            found = seen[text] = bool(t) and any(w in t for w in self.words(path))
        return found


@lru_cache(maxsize=256)
def _compile(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{w})" for w in words)) if words else re.compile(r"(?!x)x")


@lru_cache(maxsize=1)
def _builtin() -> dict[str, Any]:
    text = resources.files("perfaudit.data").joinpath("lexicons.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def builtin_paths() -> list[str]:
    return Lexicons(_builtin()).list_paths()


def load_lexicons(extra: dict[str, list[str]] | None = None) -> Lexicons:
    """Built-in lexicons plus ``extra`` words (keys are dotted list paths)."""
    import copy

    data = copy.deepcopy(_builtin())
    known = set(Lexicons(data).list_paths())
    for key, words in (extra or {}).items():
        if key not in known:
            raise ValueError(
                f"未知的词表名称 {key!r}（可用：{', '.join(sorted(known))}） / unknown lexicon {key!r}"
            )
        node: Any = data
        parts = key.split(".")
        for part in parts[:-1]:
            node = node[part]
        node[parts[-1]] = list(node[parts[-1]]) + [w for w in words if w not in node[parts[-1]]]
    return Lexicons(data)


# --------------------------------------------------------------------------- units


@lru_cache(maxsize=4096)
def unit_key(unit: str | None) -> str:
    """A unit without spaces or brackets (a batch has few distinct units: computed once each)."""
    return compact(unit).strip("()（）")


def is_percent(unit: str | None, lex: Lexicons) -> bool:
    return lex.memo(_is_percent, unit)


def _is_percent(unit: str | None, lex: Lexicons) -> bool:
    return unit_key(unit) in lex.words("units.percent")


def is_money(unit: str | None, lex: Lexicons) -> bool:
    return lex.memo(_is_money, unit)


def _is_money(unit: str | None, lex: Lexicons) -> bool:
    u = unit_key(unit)
    if not u:
        return False
    if u in lex.words("units.money"):
        return True
    # unit costs: 元/人, 万元/公里, 元/人·月
    head = u.split("/")[0]
    return "/" in u and head in lex.words("units.money")


def is_time_unit(unit: str | None, lex: Lexicons) -> bool:
    return lex.memo(_is_time_unit, unit)


def _is_time_unit(unit: str | None, lex: Lexicons) -> bool:
    return unit_key(unit) in lex.words("units.time")


def is_count_unit(unit: str | None, lex: Lexicons) -> bool:
    return lex.memo(_is_count_unit, unit)


def _is_count_unit(unit: str | None, lex: Lexicons) -> bool:
    return unit_key(unit) in lex.words("units.count")


MONEY_FACTORS = {"元": 1.0, "千元": 1e3, "万元": 1e4, "万": 1e4, "百万元": 1e6, "亿元": 1e8}


def money_factor(unit: str | None) -> float | None:
    return MONEY_FACTORS.get(unit_key(unit))


# --------------------------------------------------------------------------- segmentation


@lru_cache(maxsize=65536)
def content_words(text: str) -> tuple[str, ...]:
    """Words of two or more characters, without digits, in order of first appearance."""
    t = compact(text)
    if not t:
        return ()
    return tuple(dict.fromkeys(w for w in _segmenter()(t) if len(w) >= 2 and not has_digit(w)))


@lru_cache(maxsize=1)
def _segmenter():
    """The word segmenter, loaded once, on the first word asked for.

    rjieba (jieba-rs: jieba's dictionary and HMM, the same words as jieba on every indicator
    name, lexicon entry and domain note we checked) loads in about a sixth of jieba's time
    (``bench/benchmark.py`` start-up section); jieba itself if rjieba is missing; character
    bigrams as a last resort.
    """
    try:
        import rjieba  # type: ignore[import-not-found]

        return rjieba.cut
    except ImportError:  # pragma: no cover - rjieba is a dependency
        pass
    try:
        import jieba  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - bigrams keep us working without either
        return lambda t: [t[i : i + 2] for i in range(len(t) - 1)]
    import logging

    jieba.setLogLevel(logging.ERROR)
    jieba.initialize()
    return jieba.lcut
