"""docs/rules.md is generated from the catalogue and must be up to date."""

from __future__ import annotations

from perfaudit import docs_gen
from perfaudit.rules import all_rules


def test_committed_docs_are_up_to_date():
    assert docs_gen.DOC.read_text(encoding="utf-8") == docs_gen.render(), (
        "docs/rules.md is out of date: run python -m perfaudit.docs_gen"
    )


def test_docs_cover_every_rule_and_config_key():
    text = docs_gen.render()
    for r in all_rules():
        assert f"### {r.code}\n" in text and f"`{r.slug}`" in text
    for key in ("select", "ignore", "severity", "thresholds", "lexicon", "low_confidence", "lang"):
        assert f"| `{key}` |" in text


def test_check_mode(tmp_path, monkeypatch):
    monkeypatch.setattr(docs_gen, "DOC", tmp_path / "rules.md")
    assert docs_gen.main(["--check"]) == 1
    assert docs_gen.main([]) == 0
    assert docs_gen.main(["--check"]) == 0
