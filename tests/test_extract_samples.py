"""Golden tests: every cell of every bundled sample table against the hand-typed source.

``samples/source/seed.json`` was typed from the founding document's text and
``third_layout.json`` written by hand; the PDFs were generated from them in two
department styles (LibreOffice export of a Word table, and a reportlab CID-font
drawing with page breaks, a cut row, fake bold and full-width digits).  The extractor
has to give back exactly what went in."""

import json
from pathlib import Path

import pytest

import perfaudit

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
PROJECT_FIELDS = [
    "code",
    "name",
    "unit_code",
    "unit_name",
    "money_unit",
    "budget_total",
    "budget_fiscal",
    "budget_other",
    "use",
    "goal",
    "plan",
    "layout",
    "title",
    "extra",
]
INDICATOR_FIELDS = [
    "level1",
    "level2",
    "level3",
    "description",
    "target",
    "basis",
    "operator",
    "value",
    "unit",
    "target_kind",
]


def source(name):
    return json.loads((SAMPLES / "source" / name).read_text(encoding="utf-8"))


PAGES = json.loads((SAMPLES / "source" / "pages.json").read_text(encoding="utf-8"))
CASES = [
    ("seed-cid.pdf", "seed.json"),
    ("seed-word.pdf", "seed.json"),
    ("third-layout.pdf", "third_layout.json"),
    ("clean.pdf", "clean.json"),
]


@pytest.fixture(scope="module", params=CASES, ids=[c[0] for c in CASES])
def pair(request):
    pdf, src = request.param
    return pdf, perfaudit.extract(SAMPLES / pdf).to_dict(), source(src)


def test_every_project_field(pair):
    pdf, got, exp = pair
    assert got["status"] == "ok" and got["message"] == ""
    assert len(got["projects"]) == len(exp["projects"])
    for g, e in zip(got["projects"], exp["projects"], strict=True):
        for k in PROJECT_FIELDS:
            if k in e:
                assert g[k] == e[k], (pdf, e["name"], k)


def test_every_indicator_cell(pair):
    pdf, got, exp = pair
    for g, e in zip(got["projects"], exp["projects"], strict=True):
        assert len(g["indicators"]) == len(e["indicators"]), (pdf, e["name"])
        for n, (gi, ei) in enumerate(zip(g["indicators"], e["indicators"], strict=True), start=1):
            assert {k: gi[k] for k in INDICATOR_FIELDS} == {k: ei[k] for k in INDICATOR_FIELDS}, (
                pdf,
                e["name"],
                n,
            )


def test_pages_of_each_project(pair):
    pdf, got, _ = pair
    if pdf not in PAGES:
        pytest.skip("no page record for this sample")
    pages = {p["code"] or p["name"]: p["pages"] for p in got["projects"]}
    assert pages == PAGES[pdf]


def test_seed_cid_pitfalls():
    """The places in seed-cid.pdf built to break extractors (see samples/README.md)."""
    r = perfaudit.extract(SAMPLES / "seed-cid.pdf")
    ind = r.indicators
    p = r.projects.set_index("code")
    # table over a page break with a repeated header row (project 2) and without one (project 5)
    assert p.loc["13030322P004091100017", "pages"] == [5, 6]
    assert p.loc["13030322P00409310001J", "pages"] == [7, 8]
    # the row cut in two by the page break (project 7's 时效 row) is one indicator again
    cut = ind[(ind["project_code"] == "13030322P00431510001B") & (ind["level2"] == "时效指标")]
    assert cut["level3"].tolist() == ["网络安全建设正式运行时间"]
    assert cut["page"].tolist() == [8]
    # full-width digits drawn as ≥９５ come out as ≥95 and parse
    row = ind[(ind["project_code"] == "13030322P00409310001J")].iloc[0]
    assert (row["target"], row["operator"], row["value"], row["unit"]) == ("≥95 百分比", "≥", 95.0, "百分比")
    # 一级指标 merged over four rows is filled down
    first = ind[ind["project_code"] == "13030322P00408910001D"]
    assert first["level1"].tolist() == ["产出指标"] * 4 + ["效益指标"] * 4 + ["满意度指标"]
    # the department line and 单位：万元 above each table
    assert set(r.projects["unit_code"]) == {"630001", "630003"}
    assert set(r.projects["money_unit"]) == {"万元"}


@pytest.mark.parametrize(
    "name,status,message",
    [
        ("empty.pdf", "empty", "文件为空（0 字节）"),
        ("not-a-pdf.pdf", "not_pdf", "不是PDF文件（扩展名为 .pdf，但内容不是 PDF）"),
        ("damaged.pdf", "damaged", "PDF文件损坏，无法解析"),
        ("encrypted.pdf", "encrypted", "PDF已加密（需要打开密码），无法读取"),
        ("notes.txt", "unsupported", "不支持的文件类型（.txt）：请提交 PDF、.xlsx 或 .docx 文件"),
        ("old-format.xls", "unsupported", "旧版 Office 格式（.xls）无法读取：请另存为 .xlsx 或 PDF 后再提交"),
    ],
)
def test_bad_inputs_get_a_status_and_one_line(name, status, message):
    r = perfaudit.extract((SAMPLES.parent / "tests" / "fixtures" / "bad") / name)
    assert (r.status, r.message) == (status, message)
    assert "\n" not in r.message_en and r.message_en
    assert len(r.projects) == 0 and len(r.indicators) == 0


def test_encrypted_with_empty_password_is_read():
    r = perfaudit.extract((SAMPLES.parent / "tests" / "fixtures" / "bad") / "encrypted-empty-password.pdf")
    assert r.status == "ok" and len(r.projects) == 12


def test_json_shape_is_stable():
    d = perfaudit.extract(SAMPLES / "third-layout.pdf").to_dict()
    assert list(d) == ["file", "pages", "status", "message", "problems", "projects"]
    proj = d["projects"][0]
    for key in [
        "code",
        "name",
        "unit_code",
        "unit_name",
        "money_unit",
        "budget_total",
        "budget_fiscal",
        "budget_other",
        "use",
        "goal",
        "plan",
        "pages",
        "layout",
        "extra",
        "indicators",
    ]:
        assert key in proj
    assert set(proj["indicators"][0]) >= {
        "level1",
        "level2",
        "level3",
        "description",
        "target",
        "basis",
        "page",
        "operator",
        "value",
        "unit",
    }
    json.dumps(d, ensure_ascii=False)  # serialisable as is


def test_clean_submission_pdfs_draw_no_warning_or_error():
    """The well-made submissions, read from their PDFs, pass every rule (info at most)."""
    results = [perfaudit.extract(SAMPLES / n) for n in ("clean.pdf", "clean-shanghai.pdf")]
    assert [r.status for r in results] == ["ok", "ok"]
    assert [len(r.projects) for r in results] == [4, 1]
    findings = perfaudit.audit(results)
    assert [(f.file, f.rule, f.level3) for f in findings if f.severity in ("error", "warning")] == []


def test_pages_turned_sideways_are_named_in_the_message(tmp_path):
    """A PDF whose pages display turned by 90° gets a message that says so, not just 'no tables'."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(SAMPLES / "third-layout.pdf")
    for i in range(len(pdf)):
        pdf[i].set_rotation(90)
    out = tmp_path / "sideways.pdf"
    pdf.save(out)
    pdf.close()
    r = perfaudit.extract(out)
    assert r.status == "no_tables"
    assert (
        r.message
        == "未找到绩效目标表（共 2 页；第 1、2 页文字方向是竖的，页面可能被旋转，请转正后重新导出 PDF）"
    )
