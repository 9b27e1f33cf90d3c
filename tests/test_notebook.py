"""The auditor's notebook runs top to bottom in a fresh kernel, and its CJK font helper never draws boxes.

The notebook is executed twice with nbclient: from ``notebooks/`` with the system's CJK font,
and from the repository root with ``PERFAUDIT_CJK_FONT=none`` (the English-label fallback).
Each run writes to a temporary folder (``PERFAUDIT_NOTEBOOK_OUT``), so the stored notebook and
``notebooks/output/`` are never touched.  A probe cell appended to the in-memory copy reports
the kernel's dataframes as JSON.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import warnings
from pathlib import Path

import pytest

pytestmark = pytest.mark.xdist_group("notebook")  # its module fixtures run once, in one worker

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("matplotlib")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "auditor_review.ipynb"

SHEETS = ["问题明细", "按类别汇总", "按单位汇总", "项目×类别", "项目排名", "项目清单", "指标明细", "文件"]
FINDING_COLUMNS = [
    "key",
    "file",
    "rule",
    "slug",
    "category",
    "severity",
    "message",
    "message_en",
    "page",
    "unit_code",
    "unit_name",
    "project_id",
    "project_code",
    "project_name",
    "level1",
    "level2",
    "level3",
    "target",
    "indicator_row",
    "related",
    "low_confidence",
    "opinion",
    "类别",
    "级别",
    "unit",
    "scope",
]
# The seed's copy-paste cluster (see tests/test_rules_seed.py): projects 1, 2, 4, 6, 7, 8, 10, 11.
SEED_CLUSTER = "、".join(f"seed-cid#{n}" for n in (1, 2, 4, 6, 7, 8, 10, 11))

PROBE = r"""
import json as _json
_facts = {
    "files": files.to_dict("records"),
    "project_keys": projects["key"].tolist(),
    "n_indicators": len(indicators),
    "finding_columns": list(fdf.columns),
    "n_findings": len(fdf),
    "findings_per_file": fdf["file"].map(SHORT).value_counts().to_dict(),
    "engine_rules": sorted(set(f.rule for f in findings)),
    "fdf_rules": sorted(set(fdf["rule"])),
    "ranking": ranking.reset_index().to_dict("records"),
    "clusters": clusters.to_dict("records"),
    "similarity_diag": [float(sim.iat[i, i]) for i in range(len(sim))],
    "similarity_symmetric": bool((sim.to_numpy() == sim.to_numpy().T).all()),
    "font": [FONT.family, FONT.source],
    "labels": [cat_label("copy_paste"), title("问题条数", "findings"), project_label("seed-cid#3")],
    "workbook": str(WORKBOOK),
    "out": str(OUT),
    "budget_wan": projects.set_index("key")["budget_wan"].to_dict(),
}
print("PROBE" + _json.dumps(_facts, ensure_ascii=False, default=str))
"""


def _run(cwd: Path, out: Path, font: str | None) -> tuple[dict, object]:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    saved = {k: os.environ.get(k) for k in ("PERFAUDIT_NOTEBOOK_OUT", "PERFAUDIT_CJK_FONT")}
    os.environ["PERFAUDIT_NOTEBOOK_OUT"] = str(out)
    if font is None:
        os.environ.pop("PERFAUDIT_CJK_FONT", None)
    else:
        os.environ["PERFAUDIT_CJK_FONT"] = font
    try:
        client = nbclient.NotebookClient(
            nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(cwd)}}
        )
        client.execute()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("name") == "stdout")
    line = next(x for x in text.splitlines() if x.startswith("PROBE"))
    return json.loads(line[len("PROBE") :]), nb


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("nb-out")
    return (*_run(ROOT / "notebooks", out, None), out)


@pytest.fixture(scope="module")
def run_fallback(tmp_path_factory):
    out = tmp_path_factory.mktemp("nb-out-fallback")
    return (*_run(ROOT, out, "none"), out)


def _clean_pdfs() -> list[str]:
    return sorted(p.stem for p in (ROOT / "samples").glob("clean*.pdf"))


# --------------------------------------------------------------------------- the notebook run


def test_files_table(run):
    facts, _, _ = run
    rows = [
        (r["文件 file"], r["状态 status"], r["页数 pages"], r["项目 projects"], r["指标 indicators"])
        for r in facts["files"]
    ]
    assert rows[:2] == [("seed-cid", "已读取", 13, 12, 108), ("wanli", "已读取", 35, 5, 65)]
    # the clean submissions: as many projects and indicators as their source JSON holds
    assert [r[0] for r in rows[2:]] == _clean_pdfs()
    for name, status, _, n_projects, n_indicators in rows[2:]:
        source = json.loads((ROOT / "samples" / "source" / f"{name}.json").read_text(encoding="utf-8"))
        assert (status, n_projects, n_indicators) == (
            "已读取",
            len(source["projects"]),
            sum(len(p["indicators"]) for p in source["projects"]),
        )


def test_projects_and_indicators(run):
    facts, _, _ = run
    keys = facts["project_keys"]
    assert keys[:17] == [f"seed-cid#{n}" for n in range(1, 13)] + [f"wanli#{n}" for n in range(1, 6)]
    assert len(keys) == sum(r["项目 projects"] for r in facts["files"])
    assert facts["n_indicators"] == sum(r["指标 indicators"] for r in facts["files"])
    # 万元 stays, 元 is divided by 10,000 (Wanli project 1: 4,100,000 元)
    assert facts["budget_wan"]["seed-cid#1"] == 5.0
    assert facts["budget_wan"]["seed-cid#3"] == 263.0
    assert facts["budget_wan"]["wanli#1"] == pytest.approx(410.0)


def test_findings_dataframe(run):
    facts, _, _ = run
    assert facts["finding_columns"] == FINDING_COLUMNS
    assert facts["n_findings"] > 0
    assert facts["fdf_rules"] == facts["engine_rules"]
    per_file = facts["findings_per_file"]
    assert per_file["seed-cid"] > 0 and per_file["wanli"] > 0
    assert sum(per_file.values()) == facts["n_findings"]
    for clean in _clean_pdfs():  # the clean submissions draw nothing
        assert clean not in per_file


def test_ranking(run):
    facts, _, _ = run
    rank = facts["ranking"]
    assert [r["名次"] for r in rank] == list(range(1, len(facts["project_keys"]) + 1))
    assert sorted(r["key"] for r in rank) == sorted(facts["project_keys"])
    for r in rank:
        assert r["per_10k"] == pytest.approx(round(r["findings"] / r["budget_wan"], 3))
        assert r["errors"] <= r["findings"]
    rates = [(r["per_10k"], r["findings"]) for r in rank]
    assert rates == sorted(rates, reverse=True)
    # the smallest seed budgets (5 万元, every project in the copy-paste cluster) lead the ranking
    assert rank[0]["key"].startswith("seed-cid#")


def test_similarity_and_clusters(run):
    facts, _, _ = run
    assert facts["similarity_diag"] == [1.0] * len(facts["project_keys"])
    assert facts["similarity_symmetric"]
    assert facts["clusters"] == [
        {"组 cluster": 1, "项目数 projects": 8, "项目 members": SEED_CLUSTER, "平均相似度 mean Jaccard": 1.0}
    ]


def test_workbook(run):
    facts, _, out = run
    from openpyxl import load_workbook

    path = Path(facts["workbook"])
    assert path == out / "bureau_review.xlsx"
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames == SHEETS
    detail = list(wb["问题明细"].iter_rows(values_only=True))
    assert detail[0] == (
        "文件",
        "页码",
        "单位名称",
        "项目编码",
        "项目名称",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "规则",
        "严重程度",
        "类别",
        "问题说明",
        "相关项目",
    )
    assert len(detail) == facts["n_findings"] + 1
    assert {row[10] for row in detail[1:]} <= {"错误", "警告", "提示"}
    ranking = list(wb["项目排名"].iter_rows(values_only=True))
    assert ranking[0][:9] == (
        "名次",
        "项目",
        "单位",
        "项目编码",
        "项目名称",
        "预算（万元）",
        "问题数",
        "错误数",
        "每万元问题数",
    )
    assert len(ranking) == len(facts["project_keys"]) + 1
    assert len(list(wb["指标明细"].iter_rows())) == facts["n_indicators"] + 1
    assert next(wb["按单位汇总"].iter_rows(values_only=True))[0] == "单位"
    by_project = list(wb["项目×类别"].iter_rows(values_only=True))
    assert by_project[0][:2] == ("项目", "项目名称")
    assert [r[0] for r in by_project[1:]] == facts["project_keys"]
    wb.close()


def test_figures_written(run):
    _, _, out = run
    for name in ("findings_by_category.png", "heatmap_category_project.png", "similarity_matrix.png"):
        data = (out / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_no_errors_or_warnings_in_outputs(run, run_fallback):
    for _, nb, _ in (run, run_fallback):
        for cell in nb.cells:
            for o in cell.get("outputs", []):
                assert o["output_type"] != "error"
                assert o.get("name") != "stderr", o.get("text")


def test_chinese_labels_with_a_cjk_font(run):
    facts, _, _ = run
    from perfaudit.plotting import find_cjk_font

    choice = find_cjk_font()
    if not choice.cjk:
        pytest.skip("no CJK font on this machine")
    assert facts["font"] == [choice.family, choice.source]
    assert facts["labels"] == ["指标照搬", "问题条数", "seed-cid#3 行政审批服务中心专项补助"]


def test_fallback_run_from_repo_root(run, run_fallback):
    facts, _, out = run_fallback
    assert facts["font"] == [None, "none"]
    assert facts["labels"] == ["copy-paste", "findings", "seed-cid#3"]
    assert Path(facts["out"]) == out
    assert (out / "similarity_matrix.png").exists()
    # the same analysis whatever the font
    assert facts["n_findings"] == run[0]["n_findings"]
    assert facts["ranking"] == run[0]["ranking"]


def test_stored_notebook_has_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    images = sum(1 for c in code for o in c.outputs if "image/png" in o.get("data", {}))
    assert images == 3
    for c in code:
        for o in c.outputs:
            assert o["output_type"] != "error" and o.get("name") != "stderr"


# --------------------------------------------------------------------------- font helper


def _draw(text: str, choice) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from perfaudit.plotting import use_font

    use_font(choice)
    fig, ax = plt.subplots()
    ax.set_title(text)
    try:
        fig.savefig(io.BytesIO(), format="png")
    finally:
        plt.close(fig)


def test_fallback_labels_draw_without_missing_glyphs():
    from perfaudit.plotting import NO_CJK_FONT, can_draw, label

    assert not can_draw("产出指标", NO_CJK_FONT)
    assert can_draw("seed-cid#3 ≥95% …", NO_CJK_FONT)
    text = label("产出指标", "output", NO_CJK_FONT)
    assert text == "output"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _draw(text, NO_CJK_FONT)
    # the check matters: the Chinese text itself would be drawn as boxes
    with pytest.warns(UserWarning, match="missing from font"):
        _draw("产出指标", NO_CJK_FONT)


def test_cjk_font_draws_chinese_without_warnings():
    from perfaudit.plotting import PROBE_TEXT, find_cjk_font, font_covers, label

    choice = find_cjk_font()
    if not choice.cjk:
        pytest.skip("no CJK font on this machine")
    assert font_covers(choice.path, PROBE_TEXT)
    assert label("产出指标", "output", choice) == "产出指标"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _draw("产出指标 ≥95% 满意度", choice)


def test_no_font_found_without_system_or_packages(monkeypatch):
    from perfaudit.plotting import NO_CJK_FONT, FontSettings, find_cjk_font

    monkeypatch.delenv("PERFAUDIT_CJK_FONT", raising=False)
    assert find_cjk_font(FontSettings(search_system=False, packages=())) == NO_CJK_FONT
    monkeypatch.setenv("PERFAUDIT_CJK_FONT", "none")
    assert find_cjk_font() == NO_CJK_FONT


def test_env_var_forces_a_family(monkeypatch):
    from perfaudit.plotting import find_cjk_font

    monkeypatch.delenv("PERFAUDIT_CJK_FONT", raising=False)
    first = find_cjk_font()
    if not first.cjk:
        pytest.skip("no CJK font on this machine")
    monkeypatch.setenv("PERFAUDIT_CJK_FONT", first.family)
    assert find_cjk_font().source == "env"
    # a family without CJK glyphs is not forced: the normal search decides
    monkeypatch.setenv("PERFAUDIT_CJK_FONT", "DejaVu Sans")
    assert find_cjk_font() == first


def test_font_shipped_in_a_package(tmp_path, monkeypatch):
    from perfaudit.plotting import FontSettings, find_cjk_font

    monkeypatch.delenv("PERFAUDIT_CJK_FONT", raising=False)
    system = find_cjk_font()
    if not system.cjk:
        pytest.skip("no CJK font on this machine to copy into a fake package")
    pkg = tmp_path / "fakecjkfonts"
    (pkg / "fonts").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "fonts" / "README.txt").write_text("not a font")
    shutil.copy(system.path, pkg / "fonts" / ("cjk" + Path(system.path).suffix))
    monkeypatch.syspath_prepend(str(tmp_path))
    choice = find_cjk_font(FontSettings(search_system=False, packages=(("fakecjkfonts", "fonts"),)))
    assert choice.source == "package:fakecjkfonts"
    assert choice.path == str(pkg / "fonts" / ("cjk" + Path(system.path).suffix))
    assert choice.family
    assert (
        find_cjk_font(FontSettings(search_system=False, packages=(("no_such_pkg_here", "fonts"),))).cjk
        is False
    )
    sys.modules.pop("fakecjkfonts", None)


def test_shorten():
    from perfaudit.plotting import shorten

    assert shorten("行政审批服务中心专项补助", 12) == "行政审批服务中心专项补助"
    assert shorten("推动全区企业开办“一窗通，零成本，一日办”开办费", 12) == "推动全区企业开办“一窗…"
    assert shorten("  a \n b ", 5) == "a b"
