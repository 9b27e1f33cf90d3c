"""The fuzz & bomb suite (CI, about a minute or two): seeded mutants of every sample and
generated bombs of each kind, run as one ``perfaudit check`` batch beside good files.

Asserts: no traceback, every input with a status and a one-line message, every export
written, the good files' findings unchanged, peak memory of every process under the limit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.xdist_group("fuzz")  # its module fixtures run once, in one worker

sys.path.insert(0, str(Path(__file__).parent))
import generators as gen  # noqa: E402
from run_fuzz import check  # noqa: E402

MAX_MEMORY = 1536
KNOWN = {"ok", "no_tables", "not_pdf", "empty", "encrypted", "damaged", "scanned", "unsupported", "error",
         "too_large", "timeout"}  # fmt: skip


@pytest.fixture(scope="module")
def fuzz_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    corpus = root / "corpus"
    kinds = gen.build_corpus(corpus, seed=13)
    run = check(
        [str(corpus)],
        root / "all.json",
        2,
        MAX_MEMORY,
        ["--csv", str(root / "all.csv"), "--xlsx", str(root / "all.xlsx"), "--html", str(root / "all.html")],
    )
    good = check([str(corpus / n) for n, k in kinds.items() if k == "good"], root / "good.json", 2, MAX_MEMORY,
                 cwd=root)  # fmt: skip
    return root, corpus, kinds, run, good


def test_no_traceback_and_every_input_has_a_status(fuzz_run):
    root, corpus, kinds, run, _ = fuzz_run
    assert len(kinds) >= 55
    assert "Traceback" not in run["stdout"] + run["stderr"], run["stderr"][-2000:]
    assert run["rc"] == 2  # some inputs unreadable
    files = json.loads((root / "all.json").read_text(encoding="utf-8"))["files"]
    assert sorted(Path(f["file"]).name for f in files) == sorted(kinds)
    for f in files:
        assert f["status"] in KNOWN, f
        if f["status"] != "ok":
            assert f["message"] and "\n" not in f["message"], f
    by_name = {Path(f["file"]).name: f for f in files}
    for name in ("flate-bomb.pdf", "tounicode-bomb.pdf", "huge-page-scan.pdf", "merged-bomb.xlsx", "far-cells.xlsx",
                 "zip-bomb.xlsx", "gridspan-bomb.docx"):  # fmt: skip
        assert by_name[name]["status"] == "too_large", by_name[name]
    assert by_name["pipe.pdf"]["status"] == "unsupported"
    assert by_name["page-tree-count0.pdf"]["status"] == "ok"


def test_every_export_written(fuzz_run):
    root, _, kinds, _, _ = fuzz_run
    csv_text = (root / "all.csv").read_text(encoding="utf-8-sig")
    html = (root / "all.html").read_text(encoding="utf-8")
    for name in kinds:
        shown = name.replace("\x1b", "\\x1b").replace("\x07", "\\x07").replace("\u202e", "\\u202e")
        assert shown in csv_text and shown in html, name
    import openpyxl

    wb = openpyxl.load_workbook(root / "all.xlsx", read_only=True)
    assert wb.worksheets[1].max_row == len(kinds) + 1


def test_good_files_findings_unchanged(fuzz_run):
    root, _, kinds, _, good = fuzz_run
    assert good["rc"] in (0, 1) and "Traceback" not in good["stderr"]

    def findings(path: Path) -> dict[str, list]:
        out: dict[str, list] = {}
        for f in json.loads(path.read_text(encoding="utf-8"))["findings"]:
            out.setdefault(Path(f["file"]).name, []).append((f["rule"], f["message"], f.get("page")))
        return out

    alone, together = findings(root / "good.json"), findings(root / "all.json")
    for name, kind in kinds.items():
        if kind == "good":
            assert together.get(name) == alone.get(name), name
    assert alone.get("good-seed.xlsx") and alone.get("good-seed.docx")  # they do draw findings


def test_peak_memory_under_the_limit(fuzz_run):
    _, _, _, run, _ = fuzz_run
    assert run["peak_mb"] < MAX_MEMORY
