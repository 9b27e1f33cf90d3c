"""A fourth, invented layout read without any code for it: every cell against its source.

``samples/fourth-layout.pdf`` (made by samples/make_fourth.py from the hand-written
``samples/source/fourth_layout.json``) uses only labels listed in perfaudit/data/layouts.toml,
in an arrangement no other sample has: one continuous table of three projects, the
indicator columns first and each project's own cells (code-name joined, money, goal) to
their right, operator / value / unit in three columns and a 权重 column."""

import json
from pathlib import Path

import pytest

import perfaudit

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PROJECT_FIELDS = [
    "code",
    "name",
    "money_unit",
    "budget_total",
    "budget_fiscal",
    "budget_other",
    "goal",
    "kind",
    "layout",
    "title",
    "extra",
]
INDICATOR_FIELDS = [
    "level1",
    "level2",
    "level3",
    "target",
    "operator",
    "value",
    "unit",
    "target_kind",
    "weight",
    "description",
    "annual_target",
    "period_target",
    "score",
    "core",
    "scoring",
    "remark",
]


@pytest.fixture(scope="module")
def pair():
    got = perfaudit.extract(SAMPLES / "fourth-layout.pdf").to_dict()
    exp = json.loads((SAMPLES / "source" / "fourth_layout.json").read_text(encoding="utf-8"))
    return got, exp


def test_clean_read(pair):
    got, _ = pair
    assert (got["status"], got["message"], got["problems"]) == ("ok", "", [])


def test_every_project_field(pair):
    got, exp = pair
    assert [p["name"] for p in got["projects"]] == [p["name"] for p in exp["projects"]]
    for g, e in zip(got["projects"], exp["projects"], strict=True):
        assert {k: g[k] for k in PROJECT_FIELDS} == {k: e[k] for k in PROJECT_FIELDS}


def test_every_indicator_cell(pair):
    got, exp = pair
    for g, e in zip(got["projects"], exp["projects"], strict=True):
        assert len(g["indicators"]) == len(e["indicators"]), e["name"]
        for gi, ei in zip(g["indicators"], e["indicators"], strict=True):
            assert {k: gi[k] for k in INDICATOR_FIELDS} == {k: ei[k] for k in INDICATOR_FIELDS}, (
                e["name"],
                ei["level3"],
            )
