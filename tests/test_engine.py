"""run_rules: file-level findings, ordering, low confidence, batch rules, clean submissions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perfaudit.config import AuditConfig
from perfaudit.engine import run_rules
from perfaudit.extract.serialize import result_from_dict
from perfaudit.rules.examples import GOOD_ROWS, OUT, SAT, file, project

SOURCE = Path(__file__).resolve().parents[1] / "samples" / "source"


def _load(name):
    return result_from_dict(json.loads((SOURCE / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", ["clean.json", "clean-shanghai.json"])
def test_clean_submission_draws_nothing(name):
    assert [(f.rule, f.project_name, f.level3) for f in run_rules([_load(name)])] == []


def test_clean_files_together_draw_nothing():
    # batch rules compare across files too
    assert run_rules([_load("clean.json"), _load("clean-shanghai.json")]) == []


def test_clean_file_covers_both_frameworks():
    r = _load("clean.json")
    level1 = set(r.indicators["level1"])
    assert "成本指标" in level1 and "产出指标" in level1
    assert set(r.indicators.loc[r.indicators["level1"] == "产出指标", "level2"]) >= {"成本指标"}


def _res(*projects, name="a.pdf", status="ok", message=""):
    return result_from_dict(file(*projects, name=name, status=status, message=message))


def test_unreadable_and_no_tables_in_input_order_even_with_select():
    rs = [
        _res(name="locked.pdf", status="encrypted", message="文件已加密"),
        _res(project("示例", GOOD_ROWS, goal="保障工作正常运转"), name="ok.pdf"),
        _res(name="empty.pdf", status="no_tables", message="未找到绩效目标表"),
    ]
    fs = run_rules(rs, AuditConfig(select=["PA5"]))
    assert [(f.file, f.rule, f.category, f.severity) for f in fs] == [
        ("locked.pdf", "PA001", "unreadable", "error"),
        ("ok.pdf", "PA501", "goal_repeats_name", "error"),  # restates the name: sent back
        ("empty.pdf", "PA002", "no_tables", "warning"),
    ]
    assert fs[0].message.startswith("文件已加密：") and fs[0].project_code is None
    # only an exact --ignore of the code removes a file-level rule; a prefix does not
    assert [f.rule for f in run_rules(rs, AuditConfig(select=["PA5"], ignore=["PA0"]))] == [
        "PA001",
        "PA501",
        "PA002",
    ]
    assert [f.rule for f in run_rules(rs, AuditConfig(select=["PA5"], ignore=["PA001"]))] == [
        "PA501",
        "PA002",
    ]


def test_order_file_then_project_then_row_then_code():
    bad = [
        (OUT, "数量指标", "综合事务保障率", "≥95 百分比"),
        (SAT, "服务对象满意度指标", "活动完成率", "≥100 百分比"),
    ]
    rs = [
        _res(project("乙项目", bad, code="B"), project("甲项目", bad, code="A"), name="z.pdf"),
        _res(project("丙项目", bad, code="C"), name="a.pdf"),
    ]
    fs = run_rules(rs)
    keys = [(f.file, f.project_code, f.indicator_row or 0, f.rule) for f in fs]
    files = [k[0] for k in keys]
    assert files == sorted(files, key=lambda x: 0 if x == "z.pdf" else 1)  # input order, not name order
    assert keys[: len([k for k in keys if k[:2] == ("z.pdf", "B")])] == sorted(
        k for k in keys if k[:2] == ("z.pdf", "B")
    )
    assert [f.rule for f in fs if f.project_code == "A" and f.indicator_row == 2] == [
        "PA102",
        "PA211",
        "PA312",
    ]
    assert run_rules(rs) == fs  # deterministic


def test_low_confidence_marked_and_said():
    rows = [(OUT, "数量指标", "综合事务保障率", "≥95 百分比", None, None, 0.55)]
    fs = run_rules([_res(project("示例", rows))], AuditConfig(select=["PA102"], low_confidence=0.8))
    assert len(fs) == 1 and fs[0].low_confidence
    assert "识别置信度 0.55，低于 0.80，请对照原件核实" in fs[0].message
    fs = run_rules([_res(project("示例", rows))], AuditConfig(select=["PA102"], low_confidence=0.5))
    assert not fs[0].low_confidence and "置信度" not in fs[0].message


def test_batch_copy_paste_names_other_file():
    copied = [
        (OUT, "数量指标", "综合事务保障率", "≥95%"),
        (OUT, "质量指标", "网络数据平台建设任务完成情况", "≥95%"),
        (OUT, "时效指标", "网络安全建设正式运行时间", "1 年"),
        (SAT, "服务对象满意度指标", "活动完成率", "≥95%"),
    ]
    rs = [
        _res(project("跨省通办网络建设及设备费", copied, code="A1"), name="dept-a.pdf"),
        _res(project("个体工商户登记经费", copied, code="B7"), name="dept-b.pdf"),
    ]
    fs = [f for f in run_rules(rs) if f.rule == "PA111"]
    assert [(f.file, f.project_code, f.related) for f in fs] == [
        ("dept-a.pdf", "A1", ["dept-b.pdf: B7 个体工商户登记经费"]),
        ("dept-b.pdf", "B7", ["dept-a.pdf: A1 跨省通办网络建设及设备费"]),
    ]
    assert "4 行相同" in fs[0].message


def test_severity_override_and_threshold():
    rows = [(SAT, "服务对象满意度指标", "市容环境满意度", "≥70%")]
    r = _res(project("示例", rows))
    assert run_rules([r], AuditConfig(select=["PA313"])) == []
    fs = run_rules(
        [r],
        AuditConfig(
            select=["PA313"],
            thresholds={"PA313": {"min_percent": 80}},
            severity={"satisfaction-too-low": "error"},
        ),
    )
    assert [(f.rule, f.severity) for f in fs] == [("PA313", "error")]


def test_extra_lexicon_words_apply():
    rows = [(OUT, "数量指标", "视频会议系统接入点数", "≥10 个")]
    r = _res(project("专家评审费", rows, use="专家评审费", goal="年内组织评审40次"))
    assert run_rules([r], AuditConfig(select=["PA101"])) == []
    cfg = AuditConfig(select=["PA101"], lexicon={"domains.network.indicator": ["视频会议"]})
    assert [f.level3 for f in run_rules([r], cfg)] == ["视频会议系统接入点数"]


def test_empty_frames_are_fine():
    assert run_rules([]) == []
    assert run_rules([_res(name="x.pdf")]) == []


def test_rules_print_nothing(capsys):
    run_rules(
        [
            _load("clean.json"),
            result_from_dict(json.loads((SOURCE / "seed.json").read_text(encoding="utf-8"))),
        ]
    )
    out = capsys.readouterr()
    assert (out.out, out.err) == ("", "")


def test_a_failing_rule_costs_only_its_own_check(monkeypatch):
    """One rule raising on odd data must not lose the other findings of the batch."""
    import perfaudit
    from perfaudit.rules import get_rule

    seed = result_from_dict(json.loads((SOURCE / "seed.json").read_text(encoding="utf-8")))
    before = perfaudit.audit([seed])
    rule = get_rule("PA303")

    def boom(self, ind, proj, ctx):
        raise ZeroDivisionError("odd cell")

    monkeypatch.setattr(type(rule), "check", boom)
    after = perfaudit.audit([seed])
    kept = [(f.project_code, f.level3, f.rule) for f in before if f.rule != "PA303"]
    assert [(f.project_code, f.level3, f.rule) for f in after if f.rule != "PA303"] == kept
    crashed = [f for f in after if f.rule == "PA303"]
    assert crashed and {f.severity for f in crashed} == {"info"}
    assert crashed[0].message.startswith("规则 PA303 在此处运行出错（ZeroDivisionError）")
