"""The word segmenter: rjieba (loaded fast) gives jieba's own words on every name the rules segment."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from perfaudit.rules.vocab import _segmenter, compact, content_words

ROOT = Path(__file__).resolve().parents[1]


def _texts() -> set[str]:
    out: set[str] = set()
    for path in (ROOT / "samples" / "source").glob("*.json"):
        for p in json.loads(path.read_text(encoding="utf-8")).get("projects", []):
            out.update(x for x in (p.get("name"), p.get("goal"), p.get("use")) if x)
            out.update(i["level3"] for i in p.get("indicators", []) if i.get("level3"))

    def walk(node) -> None:
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            out.update(w for w in node if isinstance(w, str))

    walk(tomllib.loads((ROOT / "perfaudit" / "data" / "lexicons.toml").read_text(encoding="utf-8")))
    return {compact(t) for t in out if compact(t)}


def test_rjieba_segments_as_jieba():
    jieba = pytest.importorskip("jieba")
    import logging

    jieba.setLogLevel(logging.ERROR)
    texts = _texts()
    assert len(texts) > 300
    assert "Jieba object" in repr(_segmenter())  # rjieba's bound method, not jieba.lcut
    differ = [t for t in texts if _segmenter()(t) != jieba.lcut(t)]
    assert differ == []


def test_content_words():
    assert content_words("网络安全稳定运行情况") == ("网络安全", "稳定", "运行", "情况")
    assert content_words("2023年 完成率") == ("完成率",)  # 2023年 has a digit
    assert content_words("  ") == ()
