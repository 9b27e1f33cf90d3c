"""--annotate: every 意见 is a real PDF annotation on the page and rows it is about.

The check of "the right rows" does not reuse the boxes the annotations were made from:
pdfplumber reads the text under each highlight in the written copy, and the indicator's
三级指标 (as extracted) must be there.
"""

from __future__ import annotations

import hashlib
import re
import shutil

import pytest
from conftest import ROOT

import perfaudit
from perfaudit.engine import decide, run_rules
from perfaudit.report.annotate import write_annotated

SEED_PDF = ROOT / "samples" / "seed-cid.pdf"


def _checked(results):
    findings = run_rules(results)
    return decide(results, findings)


@pytest.fixture(scope="module")
def annotated(tmp_path_factory, wanli_result):
    d = tmp_path_factory.mktemp("annotate")
    seed = d / "seed-cid.pdf"
    shutil.copy(SEED_PDF, seed)
    before = hashlib.sha256(seed.read_bytes()).hexdigest()
    results = [perfaudit.extract(seed), wanli_result]
    review = _checked(results)
    paths = write_annotated(d / "out", results, review)
    return results, review, paths, before, seed


def _annots(path):
    from pypdf import PdfReader

    out = []
    for n, page in enumerate(PdfReader(str(path)).pages, start=1):
        for ref in page.get("/Annots") or []:
            a = ref.get_object()
            if str(a.get("/NM", "")).startswith("perfaudit-"):
                out.append((n, a, page))
    return out


def _opinion_of(annot) -> str:
    """The 意见 id in an annotation's name ``perfaudit-<id>-p<page>``."""
    return str(annot["/NM"])[len("perfaudit-") :].rsplit("-p", 1)[0]


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def test_one_annotated_copy_per_pdf_and_the_original_untouched(annotated):
    results, _review, paths, before, seed = annotated
    assert [p.split("/")[-1] for p in paths] == [
        "seed-cid-批注.pdf",
        "sh-putuo-wanli-street-2023-dept-budget-批注.pdf",
    ]
    assert hashlib.sha256(seed.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("which", [0, 1], ids=["seed", "wanli"])
def test_every_opinion_is_annotated_on_its_rows(annotated, which):
    import pdfplumber

    results, review, paths, _before, _seed = annotated
    result, fr = results[which], review.file(results[which].file)
    annots = _annots(paths[which])
    by_opinion: dict[str, list] = {}
    for page, a, pg in annots:
        by_opinion.setdefault(_opinion_of(a), []).append((page, a, pg))
    opinions = fr.opinions()
    assert opinions, "the fixture files have 意见"
    assert set(by_opinion) == {o.id for o in opinions}
    inds = result.indicators
    checked_rows = 0
    with pdfplumber.open(paths[which]) as pdf:
        for o in opinions:
            for page, a, _pg in by_opinion[o.id]:
                assert o.text in str(a["/Contents"])
                if not o.rows:
                    assert a["/Subtype"] == "/Text"
                    continue
                assert a["/Subtype"] == "/Highlight"
                assert len(by_opinion[o.id]) == len({result.row_boxes[(o.project_id, r)][0] for r in o.rows})
                quads = [float(v) for v in a["/QuadPoints"]]
                plumb = pdf.pages[page - 1]
                boxes = []
                for i in range(0, len(quads), 8):
                    x0, y1, x1, _, _, y0 = quads[i : i + 6]
                    boxes.append((x0, plumb.height - y1, x1, plumb.height - y0))
                text = "".join(_squash(plumb.crop(b, strict=False).extract_text()) for b in boxes)
                on_page = inds[
                    (inds["project_id"] == o.project_id) & (inds["row"].isin(o.rows)) & (inds["page"] == page)
                ]
                assert len(on_page) == len(boxes)
                for level3 in on_page["level3"]:
                    assert _squash(level3)[:6] in text, (o.id, level3, text[:80])
                    checked_rows += 1
    assert checked_rows >= 3


def test_office_files_are_annotated_on_a_rendered_page(tmp_path):
    from pypdf import PdfReader

    source = ROOT / "samples" / "seed-word.docx"
    result = perfaudit.extract(source)
    assert result.ok and not result.row_boxes  # office files have no page positions of their own
    review = _checked([result])
    [path] = write_annotated(tmp_path, [result], review)
    assert path.endswith("seed-word-docx-批注.pdf")
    annots = _annots(path)
    assert {_opinion_of(a) for _n, a, _p in annots} == {o.id for o in review.files[0].opinions()}
    assert len(PdfReader(path).pages) >= len(result.projects)


def test_check_annotate_option(tmp_path):
    """The CLI wiring, on a one-page clean file: a copy with no annotation (it has no 意见), listed as exported."""
    from pypdf import PdfReader
    from typer.testing import CliRunner

    from perfaudit.cli import app

    out = tmp_path / "批注"
    source = ROOT / "samples" / "clean-shanghai.pdf"
    res = CliRunner().invoke(app, ["check", str(source), "--annotate", str(out)])
    assert res.exit_code == 0, res.output
    assert [p.name for p in out.iterdir()] == ["clean-shanghai-批注.pdf"]
    assert "clean-shanghai-批注.pdf" in res.output.replace("\n", "")
    assert len(PdfReader(out / "clean-shanghai-批注.pdf").pages) == 1 and not _annots(
        out / "clean-shanghai-批注.pdf"
    )
