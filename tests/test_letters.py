"""The 审核意见书 (.docx), opened with python-docx and compared with the letter written by hand
for the seed (tests/data/seed_letter.toml); the Markdown letter has the same content."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from perfaudit.engine import run_rules
from perfaudit.report.letters import write_letters
from perfaudit.review import build_review

WANT = tomllib.loads((Path(__file__).parent / "data" / "seed_letter.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def letters(seed_result, tmp_path_factory):
    review = build_review([seed_result], run_rules([seed_result]))
    out = tmp_path_factory.mktemp("letters")
    (docx_path,) = write_letters(out, review, "docx")
    (md_path,) = write_letters(out, review, "md")
    return Path(docx_path), Path(md_path)


def test_docx_structure_matches_the_hand_written_letter(letters):
    import docx

    doc = docx.Document(str(letters[0]))
    paras = [p for p in doc.paragraphs if p.text.strip()]
    texts = [p.text for p in paras]
    assert texts[0] == WANT["title"] and paras[0].style.name == "Title"
    assert texts[1] == WANT["to_starts"]
    assert [p.text for p in paras if p.style.name == "Heading 1"] == WANT["headings"]
    (table,) = doc.tables
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == WANT["table_header"]
    assert [[r[0], r[3], int(r[4])] for r in rows[1:]] == [[str(i), v, n] for i, (_, v, n) in
                                                          enumerate(WANT["projects"], 1)]  # fmt: skip
    # 总体意见: numbered items between the second and third heading
    h2, h3 = texts.index(WANT["headings"][1]), texts.index(WANT["headings"][2])
    assert [t.split(".")[0] for t in texts[h2 + 1 : h3]] == [str(i) for i in range(1, WANT["overall"] + 1)]
    # per project: heading, verdict line, its numbered 意见
    heads = [i for i, p in enumerate(paras) if p.style.name == "Heading 2"]
    assert [texts[i] for i in heads] == [p[0] for p in WANT["projects"]]
    ends = heads[1:] + [len(texts) - 4]  # closing request, reviewer, date, seal
    for (head, verdict, n), start, end in zip(WANT["projects"], heads, ends, strict=True):
        assert texts[start + 1] == f"审核结论：{verdict}", head
        items = texts[start + 2 : end]
        assert [t.split(".")[0] for t in items] == [str(i) for i in range(1, n + 1)], head
    body = "\n".join(texts)
    for doc_no in WANT["cited"]:
        assert f"依据：{doc_no}" in body
    for doc_no in WANT["never_cited"]:
        assert doc_no not in body
    assert not re.search(r"PA\d{3}", body)  # no rule codes
    for field in WANT["closing"]:
        assert any(field in t for t in texts[-4:]), field  # left to fill in
    assert "____" in texts[-3] and "____" in texts[-2]


def test_markdown_letter_has_the_same_content(letters):
    md = letters[1].read_text(encoding="utf-8")
    assert md.startswith(f"# {WANT['title']}\n")
    assert [line[3:] for line in md.splitlines() if line.startswith("## ")] == WANT["headings"]
    assert [line[4:] for line in md.splitlines() if line.startswith("### ")] == [
        p[0] for p in WANT["projects"]
    ]


def test_the_bureaus_own_basis_is_cited_in_the_letter(seed_result, tmp_path):
    """``local_basis`` in the config reaches the letter through the engine's one decision."""
    import docx

    from perfaudit.config import AuditConfig
    from perfaudit.engine import decide

    own = "《XX区区级预算项目绩效目标管理办法》（X财绩〔2023〕5号）第十条"
    cfg = AuditConfig(local_basis=own)
    findings = run_rules([seed_result], cfg)
    (path,) = write_letters(tmp_path, decide([seed_result], findings, cfg), "docx")
    text = "\n".join(p.text for p in docx.Document(path).paragraphs)
    assert f"审核同时依据{own}。" in text
    (plain,) = write_letters(tmp_path / "none", decide([seed_result], findings), "md")
    assert "审核同时依据" not in Path(plain).read_text(encoding="utf-8")
