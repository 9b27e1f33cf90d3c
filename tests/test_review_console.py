"""The default console view: verdict table first, every 意见 shown, 总体意见 last, 80 columns,
file names never broken mid-name."""

from __future__ import annotations

import copy
import io

import pytest
from rich.cells import cell_len
from rich.console import Console

from perfaudit.engine import run_rules
from perfaudit.report.console import ConsoleOptions, fit_name, render_check
from perfaudit.review import build_review

LONG = "报送材料/2022年度/行政审批部门/第二批/行政审批部门2022年部门预算绩效文本（草案）-修改稿.pdf"


@pytest.fixture(scope="module")
def seed_long(seed_result):
    result = copy.copy(seed_result)
    result.file = LONG
    result.projects = seed_result.projects.assign(file=LONG)
    result.indicators = seed_result.indicators.assign(file=LONG)
    findings = run_rules([result])
    return result, findings, build_review([result], findings)


def _render(seed_long, lang="zh", **opts):
    result, findings, review = seed_long
    buf = io.StringIO()
    console = Console(file=buf, width=80, color_system=None, highlight=False, soft_wrap=False)
    render_check(console, [result], findings, ConsoleOptions(lang=lang, **opts), exports=[LONG + ".csv"],
                 review=review)  # fmt: skip
    return buf.getvalue().splitlines(), review


def test_order_and_every_opinion_shown(seed_long):
    lines, review = _render(seed_long)
    assert lines[0] == "审核结论"
    text = "\n".join(lines)
    assert text.index("审核结论") < text.index("审核意见（按文件、项目）") < text.index("总体意见")
    (fr,) = review.files
    shown = sum(line.lstrip().split(" ", 1)[0].rstrip(".").replace("D", "").isdigit() and "〔" in line
                for line in lines)  # fmt: skip
    assert shown == len(fr.opinions())  # none hidden
    assert "PA1" not in text and "另有" not in text


def test_80_columns_and_file_names_whole(seed_long):
    lines, _ = _render(seed_long)
    assert max(cell_len(x) for x in lines) <= 80
    short = fit_name(LONG, 80)
    assert cell_len(short) <= 80 and short != LONG and "…" in short
    assert short.startswith(LONG[:10]) and short.endswith("修改稿.pdf")
    name_lines = [x for x in lines if "修改稿" in x or "报送材料" in x]
    assert name_lines and all(x.strip() in (short, fit_name(LONG + ".csv", 78)) for x in name_lines), (
        name_lines
    )


def test_english_and_raw_findings(seed_long):
    lines, _ = _render(seed_long, lang="en")
    assert lines[0] == "Verdicts" and any("return for revision" in x for x in lines)
    raw, _ = _render(seed_long, findings=True)
    assert raw[0].strip() == "文件汇总" and any("PA110" in x for x in raw)
