"""The layout vocabulary of ``perfaudit/data/layouts.toml``, loaded once.

Labels, table kinds, operator words, money units and the named layouts (with their
required fields and default money unit) are data; this module only indexes them for the
parser (:mod:`perfaudit.extract.parse`) and the rules (PA010's required fields, PA403's
money unit).  A bureau adds synonyms or layouts in that file; :func:`extend` merges a dict
of additions with the same keys (used by the tests; the configuration file has no layouts section).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .text import label_key

_STRAY = re.compile(r"[\d.,，%()（）]")

KIND_PROJECT = "project"
KIND_DEPARTMENT = "department"
KIND_REGIONAL = "regional"
KINDS = (KIND_PROJECT, KIND_DEPARTMENT, KIND_REGIONAL)


@dataclass(frozen=True)
class Layout:
    id: str
    name: str
    required: tuple[str, ...]
    money_unit: str | None = None
    labels_any: tuple[str, ...] = ()
    indicator_fields_all: tuple[str, ...] = ()
    filled_any: tuple[str, ...] = ()
    code_from: str | None = None  # a field whose value is the table's code when no project code is printed

    def matches(self, labels: set[str], indicator_fields: set[str], filled: set[str] = frozenset()) -> bool:
        if self.filled_any and not set(self.filled_any) & filled:
            return False
        if self.labels_any and not any(label_key(x) in labels for x in self.labels_any):
            return False
        if self.indicator_fields_all and not set(self.indicator_fields_all) <= indicator_fields:
            return False
        return bool(self.labels_any or self.indicator_fields_all or self.filled_any)


@dataclass
class Vocabulary:
    kinds: list[tuple[str, tuple[str, ...]]]
    project_index: dict[str, str]  # label key -> field
    group_labels: frozenset[str]
    goal_priority: tuple[str, ...]
    indicator_fields: list[tuple[str, frozenset[str], tuple[str, ...]]]  # field, exact keys, contained words
    weak_fields: dict[str, str]  # label key -> field, used only when the row has no stronger label
    operators: dict[str, str]
    money_units: tuple[str, ...]
    money_line_labels: tuple[str, ...]
    layouts: list[Layout] = field(default_factory=list)
    kind_labels: dict[str, str] = field(default_factory=dict)  # label key -> kind it implies
    not_read: frozenset[str] = frozenset()  # known columns not read on purpose (none today)
    _memo: dict[str, str | None] = field(default_factory=dict, repr=False)

    def indicator_field(self, text: str) -> str | None:
        if text in self._memo:
            return self._memo[text]
        if len(self._memo) > 50_000:
            self._memo.clear()
        found = self._memo[text] = self._indicator_field(text)
        return found

    def _indicator_field(self, text: str) -> str | None:
        k = label_key(text)
        if not k or len(k) > 16:
            return None
        for key in (k, _STRAY.sub("", k)):  # digits of a neighbouring cell drawn into the label: 90%指标名称
            for f, exact, contains in self.indicator_fields:
                if key in exact or any(w in key for w in contains):
                    return f
        return None

    def weak_field(self, text: str) -> str | None:
        return self.weak_fields.get(label_key(text))

    def kind_of(self, title: str | None) -> str | None:
        t = label_key(title or "")
        for kind, words in self.kinds:
            if any(label_key(w) in t for w in words):
                return kind
        return None

    def layout(self, labels: set[str], indicator_fields: set[str], filled: set[str] = frozenset()) -> Layout:
        for lay in self.layouts:
            if lay.matches(labels, indicator_fields, filled):
                return lay
        return self.by_id("generic")

    def by_id(self, layout_id: str | None) -> Layout:
        for lay in self.layouts:
            if lay.id == layout_id:
                return lay
        return next(lay for lay in self.layouts if lay.id == "generic")


def _load_raw() -> dict[str, Any]:
    with resources.files("perfaudit.data").joinpath("layouts.toml").open("rb") as fh:
        return tomllib.load(fh)


def build(raw: dict[str, Any]) -> Vocabulary:
    index: dict[str, str] = {}
    for f, keys in raw["project_labels"].items():
        for k in keys:
            index.setdefault(label_key(k), f)
    meta = raw.get("project_labels_meta", {})
    for k in meta.get("group", []):  # a group label is still a label (its "(万元)" gives the money unit)
        index.setdefault(label_key(k), "extra")
    ind_fields = [
        (d["field"], frozenset(label_key(x) for x in d.get("exact", [])), tuple(d.get("contains", [])))
        for d in raw["indicator_field"]
    ]
    weak = {label_key(x): d["field"] for d in raw["indicator_field"] for x in d.get("weak", [])}
    layouts = [
        Layout(
            d["id"],
            d.get("name", d["id"]),
            tuple(d.get("required", ())),
            d.get("money_unit"),
            tuple(d.get("labels_any", ())),
            tuple(d.get("indicator_fields_all", ())),
            tuple(d.get("filled_any", ())),
            d.get("code_from"),
        )
        for d in raw.get("layout", [])
    ]
    return Vocabulary(
        kinds=[(k, tuple(v)) for k, v in raw["kinds"].items()],
        project_index=index,
        group_labels=frozenset(label_key(x) for x in meta.get("group", [])),
        goal_priority=tuple(label_key(x) for x in meta.get("goal_priority", [])),
        indicator_fields=ind_fields,
        weak_fields=weak,
        operators={label_key(k): v for k, v in raw["operators"].items()},
        money_units=tuple(raw["money"]["units"]),
        money_line_labels=tuple(raw["money"]["line_labels"]),
        layouts=layouts,
        kind_labels={label_key(k): kind for kind, keys in raw.get("kind_labels", {}).items() for k in keys},
        not_read=frozenset(label_key(x) for x in meta.get("not_read", [])),
    )


def extend(raw: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``raw`` with a configuration's additions: label lists are appended, records added first."""
    out = {
        k: (dict(v) if isinstance(v, dict) else list(v) if isinstance(v, list) else v) for k, v in raw.items()
    }
    for section, value in (extra or {}).items():
        if section in ("indicator_field", "layout"):
            out[section] = list(value) + list(out.get(section, []))
        elif isinstance(value, dict):
            base = out.setdefault(section, {})
            for k, v in value.items():
                base[k] = list(base.get(k, [])) + list(v) if isinstance(v, list) else v
    return out


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return build(_load_raw())
