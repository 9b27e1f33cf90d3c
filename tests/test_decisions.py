"""Select/ignore, severities and unreadable files mean the same in the CLI, every export and the API.

Issue 15: ``perfaudit check damaged.pdf --ignore PA001 --csv x.csv`` used to write a PA001 row
(invented by the reporters) while ``perfaudit.audit()`` with the same settings returned nothing.
The engine decides (perfaudit.engine); each export below is compared with the API's findings
for the same settings, and each must still account for the unreadable file by its status.

One real batch (the damaged fixture and a clean sample) is checked three times:

* ``default``: PA001 reported for the damaged file, as an error;
* ``ignore``: ``--ignore PA001``: no PA001 anywhere, the file still listed with its status;
* ``select``: ``--select PA3`` with a config file setting PA001's severity to ``warning``:
  PA001 still reported (it ignores --select: every input is accounted for), as a warning.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

import perfaudit
from perfaudit.cli import app
from perfaudit.config import load_config

ROOT = Path(__file__).resolve().parents[1]
DAMAGED = "tests/fixtures/bad/damaged.pdf"
CLEAN = "samples/clean.pdf"
CASES = {
    "default": {"args": [], "overrides": {}},
    "ignore": {"args": ["--ignore", "PA001"], "overrides": {"ignore": ["PA001"]}},
    "select": {
        "args": ["--select", "PA3"],
        "overrides": {"select": ["PA3"]},
        "config": 'severity = {PA001 = "warning"}\n',
    },
}


@pytest.fixture(scope="module")
def extracted():
    return [perfaudit.extract(ROOT / CLEAN), perfaudit.extract(ROOT / DAMAGED)]


@pytest.fixture(scope="module", params=list(CASES))
def run(request, tmp_path_factory, extracted):
    """(case, CLI result, export folder, API findings) for one setting."""
    import os

    case = CASES[request.param]
    out = tmp_path_factory.mktemp(request.param)
    args = ["check", CLEAN, DAMAGED, "--jobs", "1", *case["args"], "--csv", out / "f.csv", "--xlsx",
            out / "f.xlsx", "--json", out / "f.json", "--html", out / "f.html", "--letters", out / "letters",
            "--letters-format", "md"]  # fmt: skip
    config_file = None
    if "config" in case:
        config_file = out / "perfaudit.toml"
        config_file.write_text(case["config"], encoding="utf-8")
        args += ["--config", config_file]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        res = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "120", "NO_COLOR": "1"})
    finally:
        os.chdir(cwd)
    cfg = load_config([], case["overrides"], config_file)
    api = perfaudit.audit(extracted, cfg)
    return request.param, res, out, api


def _key(file: str, rule: str | None) -> tuple[str, str]:
    return Path(file).name, rule or ""


def _api(api) -> Counter:
    return Counter(_key(f.file, f.rule) for f in api)


def test_api_decides(run):
    case, res, _, api = run
    pa001 = [f for f in api if f.rule == "PA001"]
    if case == "ignore":
        assert pa001 == []
    else:
        assert [Path(f.file).name for f in pa001] == ["damaged.pdf"]
        assert pa001[0].severity == ("warning" if case == "select" else "error")
    if case == "select":
        assert {f.rule[:3] for f in api} <= {"PA3", "PA0"}
    assert all(f.opinion for f in api)  # the review is decided with the findings, as for the exports
    assert res.exit_code == 2, res.output  # an unreadable input, whatever the settings


def test_console(run):
    case, res, _, api = run
    lines = res.stdout.splitlines()
    assert sum(1 for x in lines if x.startswith(f"✗ {DAMAGED}  [文件损坏]")) == 1  # always accounted for
    closing = [x for x in lines if x.startswith("合计 ")]
    n = Counter(f.severity for f in api)
    assert len(closing) == 1 and f"错误 {n['error']}、警告 {n['warning']}、提示 {n['info']}" in closing[0]
    assert "Traceback" not in res.output


def test_csv(run):
    case, _, out, api = run
    rows = list(csv.DictReader(io.StringIO((out / "f.csv").read_text(encoding="utf-8-sig"))))
    findings = Counter(_key(r["file"], r["rule"]) for r in rows if r["rule"])
    assert findings == _api(api)
    damaged = [r for r in rows if r["file"] == DAMAGED]
    assert len(damaged) == 1  # one row: PA001, or the file's status when PA001 is ignored
    if case == "ignore":
        assert damaged[0]["rule"] == "" and damaged[0]["severity"] == ""
        assert damaged[0]["message"] == "文件损坏：PDF文件损坏，无法解析"
    else:
        assert damaged[0]["rule"] == "PA001"
        assert damaged[0]["severity"] == ("warning" if case == "select" else "error")


def test_json(run):
    case, _, out, api = run
    doc = json.loads((out / "f.json").read_text(encoding="utf-8"))
    assert Counter(_key(f["file"], f["rule"]) for f in doc["findings"]) == _api(api)
    assert [f["severity"] for f in doc["findings"]] == [f.severity for f in api]
    assert [(f["file"], f["status"]) for f in doc["files"]] == [(CLEAN, "ok"), (DAMAGED, "damaged")]


def test_xlsx(run):
    from openpyxl import load_workbook

    case, _, out, api = run
    wb = load_workbook(out / "f.xlsx")
    rows = list(wb["问题清单"].iter_rows(values_only=True))
    col = rows[0].index("规则")
    assert Counter(_key(r[0], r[col]) for r in rows[1:]) == _api(api)
    summary = list(wb["文件汇总"].iter_rows(values_only=True))
    assert [(r[0], r[1]) for r in summary[1:]] == [(CLEAN, "已读取"), (DAMAGED, "文件损坏")]


def test_html(run):
    import re

    case, _, out, api = run
    html = (out / "f.html").read_text(encoding="utf-8")
    cards = re.findall(r'<article class="finding[^"]*" id="finding-\d+" data-file="([^"]*)" data-severity="[^"]*" '
                       r'data-category="[^"]*" data-rule="([^"]*)"', html)  # fmt: skip
    assert Counter(_key(f, r) for f, r in cards) == _api(api)
    assert re.search(rf'<tr data-file="{re.escape(DAMAGED)}">.*?data-status="damaged"', html)


def test_letters(run):
    case, _, out, api = run
    letters = sorted((out / "letters").glob("*.md"))
    assert len(letters) == 2  # one letter per input, the unreadable one too
    damaged = [p for p in letters if "damaged" in p.name]
    assert len(damaged) == 1
    text = damaged[0].read_text(encoding="utf-8")
    assert "退回修改" in text
    assert "文件无法审核：" in text  # the reason, whether PA001 reported it or was ignored
    pa001 = next((f for f in api if f.rule == "PA001"), None)
    assert (pa001 is not None) == ("请报送单位重新提交" in text)
