"""The indexed copy-paste search (PA110/PA111) finds exactly the pairs that comparing all pairs finds.

The reference below compares every pair with the same predicate (``is_copy``); the index may
only skip pairs, so equal outputs mean it skipped none that mattered — on every sample and on
a generated provincial batch with copying between departments.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

import pytest

import perfaudit
from perfaudit.config import AuditConfig
from perfaudit.engine import run_rules
from perfaudit.extract.serialize import result_from_dict
from perfaudit.rules import get_rule
from perfaudit.rules.base import RuleContext
from perfaudit.rules.relevance._similarity import copied_pairs, indicator_key, indicator_set, is_copy
from perfaudit.rules.views import build_submission
from perfaudit.rules.vocab import load_lexicons

ROOT = Path(__file__).resolve().parents[1]


def _synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "bench" / "synthetic.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@functools.cache
def _sample_results() -> list:
    """Every sample's tables: samples/source/*.json (what the sample PDFs are rendered from) and the real
    Wanli budget in samples/real, read by the extractor."""
    out = []
    for path in sorted((ROOT / "samples" / "source").glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        if "projects" in d:
            out.append(result_from_dict({**d, "file": path.name}))
    out += [perfaudit.extract(p) for p in sorted((ROOT / "samples" / "real").glob("*.pdf"))]
    return out


def all_pairs(projects, ctx, cross_file: bool):
    """The reference: every pair through ``is_copy``."""
    sets = [indicator_set(p) for p in projects]
    out: dict[int, list] = {}
    for n, a in enumerate(projects):
        for m in range(n + 1, len(projects)):
            shared = is_copy(a, projects[m], sets[n], sets[m], ctx, cross_file)
            if shared:
                out.setdefault(id(a), []).append((projects[m], shared))
                out.setdefault(id(projects[m]), []).append((a, shared))
    return out


@functools.cache
def _generated():
    """600 projects in 30 files, copying more often than a real province does (more pairs to find)."""
    return _projects(_synthetic().synthetic_batch(600, seed=7, per_file=20, same_rate=0.1, cross_rate=0.1))


def _projects(results):
    return [p for i, r in enumerate(results) for p in build_submission(r, i).projects]


def _ctx(code: str, **thresholds):
    rule = get_rule(code)
    return RuleContext({**rule.thresholds, **thresholds}, load_lexicons())


def _same(got, want):
    as_ids = lambda d: {k: [(id(p), n) for p, n in v] for k, v in d.items()}  # noqa: E731
    return as_ids(got) == as_ids(want)


def test_samples_load():
    results = _sample_results()
    sources = [
        p for p in (ROOT / "samples" / "source").glob("*.json") if "projects" in p.read_text(encoding="utf-8")
    ]
    reals = list((ROOT / "samples" / "real").glob("*.pdf"))
    assert len(sources) >= 6 and len(results) == len(sources) + len(reals)
    assert sum(len(r.projects) for r in results) >= 30


@pytest.mark.parametrize("cross_file", [False, True])
@pytest.mark.parametrize(
    "thresholds",
    [{}, {"min_jaccard": 0.3, "min_shared": 2}, {"min_jaccard": 0.9}, {"min_jaccard": 0.0, "min_shared": 1}],
)
def test_index_equals_all_pairs_on_samples(cross_file, thresholds):
    projects = _projects(_sample_results())
    ctx = _ctx("PA111" if cross_file else "PA110", **thresholds)
    want = all_pairs(projects, ctx, cross_file)
    assert _same(copied_pairs(projects, ctx, cross_file), want)
    if not cross_file and not thresholds:
        assert want, "the seed's copied indicator set must be found"


@pytest.mark.parametrize("cross_file", [False, True])
@pytest.mark.parametrize("thresholds", [{}, {"min_jaccard": 0.4, "min_shared": 2}])
def test_index_equals_all_pairs_on_generated_batch(cross_file, thresholds):
    projects = _generated()
    ctx = _ctx("PA111" if cross_file else "PA110", **thresholds)
    want = all_pairs(projects, ctx, cross_file)
    assert len(want) >= 20, "the generated batch copies between and within departments"
    assert _same(copied_pairs(projects, ctx, cross_file), want)


def test_near_duplicate_names_are_one_indicator():
    assert indicator_key("网络安全稳定运行情况") == indicator_key("网络安全稳定运行")
    assert indicator_key("任务完成情况") == "任务完成"
    assert indicator_key("情况") == "情况"  # never down to nothing
    assert indicator_key("满意度") == "满意度"


def test_copy_with_filler_words_is_found_across_files():
    """Two departments, one template; the second appended 情况 to two rows: still PA111."""
    rows = [
        {"level1": "产出指标", "level2": "质量指标", "level3": n, "target": "≥95%"}
        for n in ("网络安全稳定运行", "数据平台建设任务完成", "综合事务保障率", "活动完成率")
    ]
    copied = [dict(r) for r in rows]
    copied[0]["level3"] += "情况"
    copied[1]["level3"] += "情况"
    a = result_from_dict(
        {"file": "a.pdf", "projects": [{"code": "A1", "name": "跨省通办网络建设费", "indicators": rows}]}
    )
    b = result_from_dict(
        {"file": "b.pdf", "projects": [{"code": "B1", "name": "个体工商户登记经费", "indicators": copied}]}
    )
    got = [f for f in run_rules([a, b], AuditConfig()) if f.rule == "PA111"]
    assert [(f.file, f.project_code) for f in got] == [("a.pdf", "A1"), ("b.pdf", "B1")]
    assert "4 行相同" in got[0].message
