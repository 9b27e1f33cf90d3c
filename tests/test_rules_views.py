"""The rules' views are made without the dataclasses' ``__init__`` (views._record): same objects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perfaudit.extract.serialize import result_from_dict
from perfaudit.rules import views

SOURCE = Path(__file__).resolve().parent.parent / "samples" / "source"


def _seed():
    return result_from_dict(json.loads((SOURCE / "seed.json").read_text(encoding="utf-8")))


def test_views_equal_the_dataclasses_own():
    sub = views.build_submission(_seed(), 0)
    assert sub.projects and all(p.indicators for p in sub.projects)
    for proj in sub.projects:
        fields = {k: v for k, v in vars(proj).items() if k != "indicators"}
        again = views.Project(**fields, indicators=proj.indicators)
        assert again == proj and vars(again).keys() == vars(proj).keys()
        for ind in proj.indicators:
            assert views.Indicator(**vars(ind)) == ind


def test_defaults_are_fresh_and_unknown_fields_refused():
    a = views._record(views.Project, {"file": "a.pdf", "project_id": "1"})
    b = views._record(views.Project, {"file": "b.pdf", "project_id": "2"})
    assert a.indicators == [] and a.indicators is not b.indicators
    assert a == views.Project(file="a.pdf", project_id="1")
    with pytest.raises(TypeError, match="no_such_field"):
        views._record(views.Indicator, {"file": "a.pdf", "no_such_field": 1})


def test_one_derive_for_many_files_gives_the_same_views():
    seed = _seed()
    shared = views.Derive()
    first = views.build_submission(seed, 0, shared)
    second = views.build_submission(seed, 1, shared)
    alone = views.build_submission(seed, 1)
    assert second == alone and first.projects[0].indicators == alone.projects[0].indicators
