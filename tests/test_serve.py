"""The workbench without a browser: decisions kept, letters from accepted 意见, stats, safety.

The seed submission (hand-typed JSON, no PDF reading) is checked and stored; hostile
strings are planted in its project and indicator names.
"""

from __future__ import annotations

import copy
import json
import time

import pytest
from conftest import SEED_JSON

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from perfaudit.engine import decide, run_rules  # noqa: E402
from perfaudit.extract.serialize import result_from_dict  # noqa: E402
from perfaudit.serve import decisions as dec  # noqa: E402
from perfaudit.serve.app import create_app, safe_parts  # noqa: E402
from perfaudit.serve.store import DB_NAME, Store  # noqa: E402

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _seed(hostile: bool = False):
    d = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    if hostile:
        d = copy.deepcopy(d)
        d["projects"][0]["name"] = HOSTILE + d["projects"][0]["name"]
        d["projects"][0]["indicators"][0]["level3"] = HOSTILE
    return result_from_dict(d)


_CHECKED: dict[bool, tuple] = {}


def _checked(hostile: bool):
    """The seed checked once per test session (rules and review), hostile or not."""
    if hostile not in _CHECKED:
        result = _seed(hostile)
        findings = run_rules([result])
        _CHECKED[hostile] = (result, findings, decide([result], findings))
    return _CHECKED[hostile]


def _store_seed(season, hostile: bool = False):
    result, findings, review = _checked(hostile)
    store = Store(season / DB_NAME)
    fid = store.save_file(result, findings, review.files[0], None, {})
    store.close()
    return fid, review.files[0]


@pytest.fixture
def client(tmp_path):
    from starlette.testclient import TestClient

    fid, fr = _store_seed(tmp_path, hostile=True)
    with TestClient(create_app(tmp_path, jobs=1), base_url="http://127.0.0.1:8765") as c:
        yield c, fid, fr, tmp_path


def test_every_document_text_is_escaped(client):
    c, fid, fr, _ = client
    pages = [c.get("/").text, c.get(f"/files/{fid}/projects/{fr.projects[0].project_id}").text]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(" in html
    assert "script-src 'self'" in c.get("/").headers["content-security-policy"]


def test_decisions_are_saved_and_the_letter_holds_only_accepted(client):
    from docx import Document

    c, fid, fr, season = client
    p = next(p for p in fr.projects if len(p.opinions) >= 2)
    first, *rest = p.opinions
    url = f"/api/files/{fid}/opinions/"
    assert c.post(url + first.id, json={"action": "dismiss"}).status_code == 400  # a reason is required
    assert (
        c.post(url + first.id, json={"action": "dismiss", "reason": "已电话核实"}).json()["state"]
        == "dismissed"
    )
    for o in rest:
        assert c.post(url + o.id, json={"action": "accept"}).json()["state"] == "accepted"
    edited = "请把" + HOSTILE + "改为可衡量的指标。"
    assert c.post(url + rest[0].id, json={"action": "edit", "text": edited}).json()["text"] == edited
    assert c.post(url + "no-such", json={"action": "accept"}).status_code == 404
    r = c.post(f"/api/files/{fid}/projects/{p.project_id}/verdict", json={"verdict": "pass"})
    assert r.json() == {"ok": True, "verdict": "pass"}

    store = Store(season / DB_NAME)  # what a restarted server reads
    kept = store.decisions(fid)
    assert kept[first.id]["status"] == "dismissed" and kept[first.id]["reason"] == "已电话核实"
    assert {o.id for o in rest} == {k for k, v in kept.items() if v["status"] == "accepted"}
    assert store.verdicts(fid) == {p.project_id: "pass"}

    resp = c.get(f"/files/{fid}/letter.docx")
    assert "attachment" in resp.headers["content-disposition"]
    path = season / "letter.docx"
    path.write_bytes(resp.content)
    text = "\n".join(par.text for par in Document(str(path)).paragraphs)
    assert edited in text and first.text not in text
    for o in rest[1:]:
        assert o.text in text
    others = [o for q in fr.projects if q is not p for o in q.opinions] + fr.overall
    assert all(o.text not in text for o in others if o.text not in {x.text for x in rest})
    assert "审核结论：通过" in text

    stats = {s["rule"]: s for s in store.rule_stats()}
    assert stats[first.lead_rule]["dismissed"] >= 1
    assert sum(s["accepted"] for s in stats.values()) >= len(rest)
    store.close()


def test_decided_review_numbers_accepted_again_and_keeps_verdicts(tmp_path):
    _fid, fr = _store_seed(tmp_path)
    p = next(p for p in fr.projects if len(p.opinions) >= 2)
    decisions = {p.opinions[1].id: {"status": "accepted", "text": None}}
    out = dec.decided_review(fr, decisions, {})
    q = next(x for x in out.projects if x.project_id == p.project_id)
    assert [(o.id, o.number) for o in q.opinions] == [(p.opinions[1].id, 1)]
    assert all(not x.opinions for x in out.projects if x.project_id != p.project_id)
    assert q.verdict == {"return": "return", "revise": "revise", "advice": "pass"}[p.opinions[1].level]


def test_stats_command(tmp_path):
    from typer.testing import CliRunner

    from perfaudit.cli import app

    fid, fr = _store_seed(tmp_path)
    store = Store(tmp_path / DB_NAME)
    o = fr.projects[0].opinions[0]
    store.decide(fid, o.id, "accepted")
    store.close()
    res = CliRunner().invoke(app, ["stats", str(tmp_path), "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = {r["rule"]: r for r in json.loads(res.stdout)}
    assert rows[o.lead_rule]["accepted"] == 1 and rows[o.lead_rule]["accept_rate"] == 1.0
    res = CliRunner().invoke(app, ["stats", str(tmp_path)])
    assert o.lead_rule in res.stdout and "100%" in res.stdout
    bad = tmp_path / "x.sqlite"
    bad.write_text("not a database")
    res = CliRunner().invoke(app, ["stats", str(bad)])
    assert res.exit_code == 2 and "不是审核工作台的数据库" in res.output
    res = CliRunner().invoke(app, ["stats", str(tmp_path / "missing")])
    assert res.exit_code == 2 and "找不到审核数据库" in res.output


def test_other_hosts_and_cross_site_posts_are_refused(client):
    c, fid, fr, _ = client
    assert c.get("/", headers={"host": "evil.example"}).status_code == 400  # DNS rebinding
    oid = fr.projects[0].opinions[0].id
    r = c.post(
        f"/api/files/{fid}/opinions/{oid}",
        json={"action": "accept"},
        headers={"origin": "http://evil.example"},
    )
    assert r.status_code == 403
    assert c.get("/files/999/letter.docx").status_code == 404
    assert c.get(f"/files/{fid}/pages/1.png").status_code == 404  # nothing to render for a JSON seed
    assert c.get("/static/../store.py").status_code == 404


def test_upload_paths_never_escape_the_season(client):
    c, _fid, _fr, season = client
    assert safe_parts("../../etc/passwd") == ["etc", "passwd"]
    assert safe_parts("..\\..\\x.pdf") == ["x.pdf"]
    assert safe_parts("/abs/.hidden/a.pdf") == ["abs", "hidden", "a.pdf"]
    assert safe_parts("..") == []
    files = [
        ("files", ("../../escape.txt", b"hello", "text/plain")),
        ("files", ("..\\..\\win.pdf", b"%PDF-1.4", "application/pdf")),
    ]
    r = c.post("/api/upload", files=files)
    assert r.status_code == 200, r.text
    job = r.json()
    for _ in range(100):
        job = c.get(f"/api/jobs/{job['id']}").json()
        if job["state"] != "running":
            break
        time.sleep(0.1)
    assert job["state"] == "finished", job
    written = [p for p in season.rglob("*") if p.is_file() and p.name in ("escape.txt", "win.pdf")]
    assert len(written) == 2 and all((season / "uploads") in p.parents for p in written)
    assert not (season.parent / "escape.txt").exists() and not (season.parent.parent / "escape.txt").exists()
    overview = c.get("/").text
    assert (
        "escape.txt" in overview and "win.pdf" in overview
    )  # every upload accounted for, unreadable ones too


def test_serve_binds_the_loopback_by_default():
    import inspect

    from perfaudit.cli import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_batch_exports(client):
    from openpyxl import load_workbook

    c, _fid, fr, season = client
    csv = c.get("/export/batch.csv")
    assert csv.status_code == 200 and "attachment" in csv.headers["content-disposition"]
    text = csv.content.decode("utf-8-sig")
    assert csv.content.startswith(b"\xef\xbb\xbf")
    assert fr.projects[0].opinions[0].lead_rule in text
    xlsx = c.get("/export/batch.xlsx")
    path = season / "b.xlsx"
    path.write_bytes(xlsx.content)
    assert load_workbook(path).sheetnames
    assert c.get("/export/batch.exe").status_code == 404


def test_english_workbench_has_no_chinese_chrome(tmp_path):
    """``perfaudit serve --lang en``: pages, script texts, errors and the 意见 in English."""
    import re

    from markupsafe import escape
    from starlette.testclient import TestClient

    from perfaudit import i18n

    fid, fr = _store_seed(tmp_path)
    p = next(p for p in fr.projects if p.opinions)
    with TestClient(create_app(tmp_path, jobs=1, lang="en"), base_url="http://127.0.0.1:8765") as c:
        overview = c.get("/").text
        page = c.get(f"/files/{fid}/projects/{p.project_id}").text
        error = c.post(f"/api/files/{fid}/opinions/{p.opinions[0].id}", json={"action": "dismiss"}).json()
    assert '<html lang="en">' in overview and "Drop files or folders here" in overview
    assert "Uploading {n} files" in overview  # the script's texts travel with the page
    assert (
        "Accept" in page and escape(p.opinions[0].text_en) in page and escape(p.opinions[0].text) not in page
    )
    assert error == {"error": "a reason is required"}
    # no Chinese outside what the document itself holds (names, units, file names, 意见 quoting them)
    shown_by_document = (
        r"<td[^>]*>.*?</td>|<h1>.*?</h1>|<nav.*?</nav>|<p class=\"text\">.*?</p>|<p class=\"basis\">.*?</p>"
        r"|<textarea.*?</textarea>|<code.*?</code>|<title>.*?</title>|<figure.*?</figure>"
    )
    chrome = re.sub(shown_by_document, "", page + overview, flags=re.S)
    assert not re.search(r"[\u4e00-\u9fff]", chrome), re.findall(r".{20}[\u4e00-\u9fff]+.{20}", chrome)[:5]
    assert all(i18n.t(k, "zh") and i18n.t(k, "en") for k in i18n.keys("serve."))
