"""Sanity tests of the hand-written sample sources (samples/source/*.json) and the bad inputs.

These check the ground truth itself, not the extractor: cheap, exact, no PDF parsing.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest

from perfaudit.extract.serialize import INDICATOR_KEYS, PROJECT_KEYS, result_from_dict

#: keys added after the first sources were typed (declared after ``source`` / ``confidence``): optional in a source
NEW_KEYS = set(
    PROJECT_KEYS[PROJECT_KEYS.index("source") + 1 :]
    + INDICATOR_KEYS[INDICATOR_KEYS.index("confidence") + 1 :]
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SOURCE = SAMPLES / "source"
TARGET_RE = re.compile(r"^(?P<op>[≥≤=><])?(?P<num>\d+(?:\.\d+)?) ?(?P<unit>\S+)$")
KINDS = {"number", "deadline", "qualitative", "empty"}


def load(name: str) -> dict:
    return json.loads((SOURCE / f"{name}.json").read_text(encoding="utf-8"))


def all_sources() -> list[str]:
    return sorted(p.stem for p in SOURCE.glob("*.json") if p.name != "pages.json")


@pytest.fixture(scope="module")
def seed() -> dict:
    return load("seed")


# --------------------------------------------------------------------------- seed.json


def test_seed_header(seed):
    assert seed["file"] == "seed"
    assert seed["title"] == "行政审批部门 2022 年部门预算绩效文本（草案）"
    assert seed["front_matter"][0] == "一、总体绩效目标"
    assert seed["front_matter"][-1].endswith("推动全市政务服务工作水平整体提升，提高群众满意度。")
    assert len(seed["front_matter"]) == 23


def test_seed_has_twelve_projects_of_nine_indicators(seed):
    projects = seed["projects"]
    assert len(projects) == 12
    assert [len(p["indicators"]) for p in projects] == [9] * 12


def test_seed_codes_unique_and_unwrapped(seed):
    codes = [p["code"] for p in seed["projects"]]
    assert len(set(codes)) == 12
    assert all(re.fullmatch(r"13030322P00\d{8}[0-9A-Z]{2}", c) for c in codes)
    assert codes[0] == "13030322P00408910001D"
    assert codes[-1] == "13030322P00409610001K"


def test_seed_units_and_budgets(seed):
    p = seed["projects"]
    assert [x["unit_code"] for x in p] == ["630001"] * 6 + ["630003"] * 6
    assert {x["unit_name"] for x in p[6:]} == {"秦皇岛市山海关区人民政府政务服务中心"}
    assert [x["budget_total"] for x in p] == [
        5.0,
        7.0,
        263.0,
        7.0,
        20.0,
        30.0,
        30.0,
        19.68,
        40.0,
        20.0,
        36.0,
        4.0,
    ]
    for x in p:
        assert x["money_unit"] == "万元"
        assert x["budget_other"] is None  # the cell is empty in the source
        assert x["budget_fiscal"] + (x["budget_other"] or 0.0) == x["budget_total"]
    assert sum(x["budget_total"] for x in p) == pytest.approx(481.68)


def test_seed_titles_plans_and_layout(seed):
    plan = [
        {"label": "3月底", "value": "25%"},
        {"label": "6月底", "value": "50%"},
        {"label": "10月底", "value": "75%"},
        {"label": "12月底", "value": "100%"},
    ]
    for n, p in enumerate(seed["projects"], start=1):
        assert p["title"] == f"{n}.{p['name']}绩效目标表"
        assert p["plan"] == plan
        assert p["layout"] == "hebei"
        assert p["extra"] == {}
        assert not p["goal"].startswith(("1.", "目标内容"))
    assert seed["projects"][1]["name"] == "推动全区企业开办“一窗通，零成本，一日办”开办费"
    assert seed["projects"][4]["goal"] == "优化全区营商环境，进一步推动放管服改革"


def test_seed_level1_filled_down(seed):
    for p in seed["projects"]:
        assert [i["level1"] for i in p["indicators"]] == ["产出指标"] * 4 + ["效益指标"] * 4 + ["满意度指标"]
        assert [i["level2"] for i in p["indicators"][:4]] == ["数量指标", "质量指标", "时效指标", "成本指标"]
        assert p["indicators"][8]["level2"] == "服务对象满意度指标"


def test_seed_benefit_order_as_in_source(seed):
    order = [[i["level2"] for i in p["indicators"][4:8]] for p in seed["projects"]]
    a = ["可持续影响指标", "经济效益指标", "社会效益指标", "生态效益指标"]
    b = ["可持续影响指标", "社会效益指标", "经济效益指标", "生态效益指标"]  # tables 2 and 4
    c = ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]
    assert order == [a, b, c, b, c, c, c, c, c, c, c, c]


def test_seed_no_wrap_spaces_left(seed):
    for p in seed["projects"]:
        for i in p["indicators"]:
            for k in ("level1", "level2", "level3", "description", "basis"):
                assert " " not in i[k], (p["code"], k, i[k])
            assert i["basis"] == "年度工作计划"
    wage = seed["projects"][2]["indicators"]
    assert [i["level3"] for i in wage] == [
        "保障人数",
        "工资发放精准性",
        "工资发放及时性",
        "工资保险发放(缴纳)标准",
        "工资保险发放(缴纳)标准",
        "工资保险发放(缴纳)标准",
        "工作顺利开展",
        "工作顺利开展",
        "满意度",
    ]
    assert wage[3]["description"] == "工资保险发放(缴纳)标准"
    assert [i["target"] for i in wage] == ["≥23 人"] + ["≥100 百分比"] + ["≥100 按规定时间发放"] + [
        "≥100 百分比"
    ] * 6


def test_seed_targets_parsed_consistently(seed):
    targets = []
    for p in seed["projects"]:
        for i in p["indicators"]:
            m = TARGET_RE.match(i["target"])
            assert m, i["target"]
            assert i["operator"] == m.group("op")
            assert i["value"] == float(m.group("num"))
            assert i["unit"] == m.group("unit")
            assert i["target_kind"] == "number"
            targets.append(i["target"])
    assert targets.count("1 年") == 7
    assert sorted({t for t in targets if t.startswith("≤")}) == [
        "≤19.68 万",
        "≤20 万",
        "≤20 万元",
        "≤30 万",
        "≤36 万",
        "≤4 万",
        "≤5 万元",
        "≤7 万",
    ]
    first = seed["projects"][0]["indicators"][2]
    assert (first["operator"], first["value"], first["unit"]) == (None, 1.0, "年")


def test_seed_builds_an_extract_result(seed):
    r = result_from_dict(seed)
    assert r.ok
    assert len(r.projects) == 12
    assert len(r.indicators) == 108
    assert r.indicators["value"].isna().sum() == 0
    assert r.projects["budget_total"].sum() == pytest.approx(481.68)


# --------------------------------------------------------------------------- every source


@pytest.mark.parametrize("name", all_sources())
def test_source_shape(name):
    doc = load(name)
    assert doc["file"] == name
    codes = [p["code"] for p in doc["projects"]]
    assert codes and len(codes) == len(set(codes))
    for p in doc["projects"]:
        assert set(PROJECT_KEYS) - {"pages", "source"} - NEW_KEYS <= set(p), name
        assert p["money_unit"] in ("万元", "元", "千元")
        assert p["budget_fiscal"] + (p["budget_other"] or 0.0) == pytest.approx(p["budget_total"])
        assert p["indicators"]
        for i in p["indicators"]:
            assert set(INDICATOR_KEYS) - {"page", "confidence"} - NEW_KEYS <= set(i)
            assert i["target_kind"] in KINDS
            assert (i["value"] is not None) == (i["target_kind"] == "number")
            assert i["level1"] and i["level2"] and i["level3"]


def test_third_layout():
    doc = load("third_layout")
    p1, p2 = doc["projects"]
    assert [p["money_unit"] for p in doc["projects"]] == ["元", "元"]
    assert (p2["budget_total"], p2["budget_fiscal"], p2["budget_other"]) == (460000.0, 400000.0, 60000.0)
    assert [p["layout"] for p in doc["projects"]] == ["generic", "generic"]
    assert [i["level1"] for i in p1["indicators"]].count("成本指标") == 2
    assert {i["level2"] for i in p1["indicators"] if i["level1"] == "成本指标"} == {"经济成本指标"}
    kinds = [i["target_kind"] for i in p1["indicators"] + p2["indicators"]]
    assert (kinds.count("deadline"), kinds.count("qualitative"), kinds.count("number")) == (2, 2, 14)
    assert all(
        i["operator"] == "≤" for i in p1["indicators"] + p2["indicators"] if i["target_kind"] == "deadline"
    )
    rules = doc["render"]["score_rules"]
    assert [len(rules[p["code"]]) for p in doc["projects"]] == [10, 8]


# --------------------------------------------------------------------------- generator records


def test_pages_json_covers_every_project(seed):
    pages = json.loads((SOURCE / "pages.json").read_text(encoding="utf-8"))
    for pdf in ("seed-cid.pdf", "seed-word.pdf"):
        assert list(pages[pdf]) == [p["code"] for p in seed["projects"]]
        flat = [pg for v in pages[pdf].values() for pg in v]
        assert flat == sorted(flat)
        for v in pages[pdf].values():
            assert v == list(range(v[0], v[0] + len(v)))
    assert sum(len(v) > 1 for v in pages["seed-cid.pdf"].values()) == 3
    assert pages["third-layout.pdf"] == {"33112724A0000001205": [1], "33112724A0000001318": [2]}


def test_fullwidth_targets_normalise_to_the_source(seed):
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_samples"] = mod  # dataclasses look their module up there
    try:
        spec.loader.exec_module(mod)
    finally:
        del sys.modules["make_samples"]
    by_code = {p["code"]: p for p in seed["projects"]}
    assert len(mod.CID_FULLWIDTH_TARGETS) == 2
    for (code, idx), rendered in mod.CID_FULLWIDTH_TARGETS.items():
        assert rendered != by_code[code]["indicators"][idx]["target"]
        assert unicodedata.normalize("NFKC", rendered) == by_code[code]["indicators"][idx]["target"]


def test_bad_inputs_are_what_they_claim():
    bad = SAMPLES.parent / "tests" / "fixtures" / "bad"
    assert (bad / "empty.pdf").read_bytes() == b""
    assert not (bad / "not-a-pdf.pdf").read_bytes().startswith(b"%PDF")
    damaged = (bad / "damaged.pdf").read_bytes()
    assert damaged.startswith(b"%PDF") and b"%%EOF" not in damaged
    assert len(damaged) == len((SAMPLES / "seed-cid.pdf").read_bytes()) // 2
    for name in ("encrypted.pdf", "encrypted-empty-password.pdf"):
        assert b"/Encrypt" in (bad / name).read_bytes()
    assert (bad / "old-format.xls").read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # OLE2
    import pdfplumber

    with pdfplumber.open(bad / "scan-only.pdf") as pdf:
        assert len(pdf.pages) == 1
        assert pdf.pages[0].chars == []
        assert len(pdf.pages[0].images) == 1


def test_real_copy_matches_provenance():
    real = SAMPLES / "real" / "sh-putuo-wanli-street-2023-dept-budget.pdf"
    digest = hashlib.sha256(real.read_bytes()).hexdigest()
    assert digest in (SAMPLES / "real" / "PROVENANCE.md").read_text(encoding="utf-8")
