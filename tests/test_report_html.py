"""The HTML report in a real headless browser (Debian chromium): filters run as JavaScript."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from test_report import make_findings, make_results

from perfaudit.report.html import write_check_html

CHROMIUM = next((p for p in (shutil.which("chromium"), "/usr/bin/chromium", shutil.which("chromium-browser"),
                             shutil.which("google-chrome")) if p and os.path.exists(p)), None)  # fmt: skip

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium installed")


def dump_dom(url: str, profile) -> str:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
           "--virtual-time-budget=3000", "--dump-dom", url]  # fmt: skip
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"chromium did not run: {exc}")
    if "<article" not in out.stdout:
        pytest.skip(f"chromium gave no DOM: {out.stderr[-300:]}")
    return out.stdout


def visible(dom: str) -> list[str]:
    """data-rule of the finding cards that are not hidden after the page's JavaScript ran."""
    cards = re.findall(r"<article ([^>]*)>", dom)
    return [re.search(r'data-rule="([^"]*)"', c).group(1) for c in cards if "hidden" not in c]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    d = tmp_path_factory.mktemp("html")
    path = d / "report.html"
    write_check_html(path, make_results(), make_findings())
    return path, d / "profile"


def test_unfiltered_shows_everything(page):
    path, profile = page
    dom = dump_dom(path.as_uri(), profile)
    assert visible(dom) == ["PA501", "PA101", "PA302", "PA401", "PA002", "PA001"]
    assert '<span id="shown" data-template="显示 {shown} / {total} 条">显示 6 / 6 条</span>' in dom
    assert 'data-shown="6"' in dom


def test_filter_by_severity_and_file_from_url(page):
    path, profile = page
    dom = dump_dom(path.as_uri() + "#severity=error&file=a.pdf", profile)
    assert visible(dom) == ["PA101", "PA302"]
    assert "显示 2 / 6 条" in dom


def test_filter_by_category_and_file(page):
    path, profile = page
    assert visible(dump_dom(path.as_uri() + "#category=no_tables", profile)) == ["PA002"]
    assert visible(dump_dom(path.as_uri() + "#file=c.pdf", profile)) == ["PA001"]
    # an unknown value in the link is ignored rather than hiding everything
    assert len(visible(dump_dom(path.as_uri() + "#severity=fatal", profile))) == 6


def test_finding_card_shows_its_table_row(page):
    path, profile = page
    dom = dump_dom(path.as_uri() + "#severity=warning&file=a.pdf", profile)
    card = dom.split('id="finding-1"')[1].split("</article>")[0]
    cells = re.findall(r'<td data-col="(\w+)">([^<]*)</td>', card)
    assert cells == [("level1", "效益指标"), ("level2", "社会效益指标"), ("level3", "工作顺利开展"),
                     ("description", "提升服务"), ("target", "=提升"), ("basis", "年度工作计划")]  # fmt: skip
