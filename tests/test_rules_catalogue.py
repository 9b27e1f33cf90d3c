"""The catalogue: metadata of every rule, and every rule's examples run through the engine."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from perfaudit.config import AuditConfig
from perfaudit.engine import run_rules
from perfaudit.extract.serialize import result_from_dict
from perfaudit.rules import CATEGORIES, SCOPES, ProjectRule, all_rules, get_rule

RULES = all_rules()


def test_codes_unique_and_sorted():
    codes = [r.code for r in RULES]
    assert codes == sorted(set(codes))
    assert len({r.slug for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_metadata_complete(rule):
    assert rule.problems() == []
    d = rule.to_dict()
    for key in (
        "id",
        "slug",
        "category",
        "severity",
        "scope",
        "title_zh",
        "title_en",
        "rationale",
        "citation",
        "thresholds",
    ):
        assert key in d
    assert d["id"] == rule.code


def test_every_category_except_none_is_used():
    used = {r.category for r in RULES}
    assert used == set(CATEGORIES)


def test_unverified_citations_are_marked():
    # rules-reference marks 88号 article numbers [U]: every citation of 88号 must carry the mark
    for r in RULES:
        if "88号" in r.citation:
            assert "[U 未核实 unverified]" in r.citation or "[S" in r.citation, r.code


def test_get_rule_by_code_and_slug():
    assert get_rule("pa101").code == "PA101"
    assert get_rule("irrelevant-indicator").code == "PA101"
    with pytest.raises(KeyError):
        get_rule("PA999")


def _cases():
    for r in RULES:
        for n, ex in enumerate(r.examples):
            yield pytest.param(r, ex, id=f"{r.code}_{'pass' if ex.passing else 'fail'}{n}")


@pytest.mark.parametrize("rule,example", list(_cases()))
def test_example(rule, example):
    _check_example(rule, example)


def _check_example(rule, example):
    results = [result_from_dict(f) for f in example.files]
    cfg = AuditConfig(
        select=[rule.code], thresholds={rule.code: example.thresholds} if example.thresholds else {}
    )
    found = [f for f in run_rules(results, cfg) if f.rule == rule.code]
    got = sorted(("" if f.indicator_row is None else (f.level3 or "")) for f in found)
    want = sorted("" if e is None else e for e in example.expect)
    assert got == want, [f.message for f in found]
    for f in found:
        assert f.category == rule.category
        # a rule may grade one case up or down (Hit.severity, e.g. PA501 restating the name -> error)
        assert f.severity in ("error", "warning", "info")
        assert f.message and f.message_en


def test_scope_classes_walk_the_batch():
    # each scope class calls check with its own arguments; the engine only iterates targets
    scopes = {r.scope: type(r).__mro__[1].__name__ for r in RULES}
    assert scopes == {
        "indicator": "IndicatorRule",
        "project": "ProjectRule",
        "submission": "FileRule",
        "batch": "BatchRule",
    }
    assert all(r.to_dict()["scope"] in SCOPES for r in RULES)


def test_a_rule_with_a_wrong_check_or_template_is_refused():
    class Bad(ProjectRule):
        code, slug, category = "PA998", "bad-rule", "vague"
        message = "项目「{proj.name}」"  # no message_en

        def check(self, ind, proj, ctx):  # an indicator's arguments on a project rule
            return ()

    problems = Bad().problems()
    assert any("does not match ProjectRule.check" in p for p in problems), problems
    assert "message has no message_en" in problems


def test_every_named_template_is_used():
    # a rule with several messages picks each by name in check(); a template nobody picks is dead text
    for r in RULES:
        src = inspect.getsource(type(r))
        for name in r.templates():
            assert name == "message" or f'"{name}"' in src, (r.code, name)


def test_adding_a_rule_guide_example_runs(monkeypatch):
    """The rule written out in docs/adding-a-rule.md is a working rule: metadata, templates, examples."""
    import perfaudit.rules as catalogue

    text = (Path(__file__).resolve().parents[1] / "docs" / "adding-a-rule.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    ns = {"__name__": "perfaudit.rules.shape.pa_guide_example", "__package__": "perfaudit.rules.shape"}
    exec(compile(code, "docs/adding-a-rule.md", "exec"), ns)  # noqa: S102 - the guide's own code
    rule = next(v for v in ns.values() if isinstance(v, type) and v.__module__ == ns["__name__"])()
    assert rule.problems() == []
    monkeypatch.setattr(catalogue, "_load", lambda: (*[r for r in RULES if r.code != rule.code], rule))
    for example in rule.examples:
        _check_example(rule, example)
