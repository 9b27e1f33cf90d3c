"""Which PDF pages the reader skips without a pdfminer parse (perfaudit.extract.pdf.pages_without_tables).

The Wanli 2023 budget (samples/real) names 绩效目标 on page 2 (its table of contents) and on
pages 29–35 (the notes on projects and the five 绩效目标填报表); pages 1 and 3–28 are the
cover, the prose and the money tables.  Read by hand from the PDF."""

from __future__ import annotations

from pathlib import Path

from perfaudit.extract.pdf import PdfSettings, pages_without_tables

ROOT = Path(__file__).resolve().parents[1]
WANLI = ROOT / "samples" / "real" / "sh-putuo-wanli-street-2023-dept-budget.pdf"


def test_only_pages_without_an_anchor_word_are_skipped():
    skipped = pages_without_tables(WANLI, "", 35, PdfSettings())
    assert sorted(p + 1 for p in skipped) == [1, *range(3, 29)]


def test_nothing_is_skipped_when_every_page_is_searched_or_the_count_differs():
    assert pages_without_tables(WANLI, "", 35, PdfSettings(all_pages=True)) == set()
    assert pages_without_tables(WANLI, "", 34, PdfSettings()) == set()  # a page tree pdfium reads otherwise


def test_scans_and_table_pages_are_never_skipped():
    """The seed scan has no text layer (the scan path reads it); of the seed's 16 pages only the
    cover and page 4 (prose on the 市长热线 scoring) name no 绩效目标/指标."""
    import pypdfium2 as pdfium

    scan = ROOT / "samples" / "scans" / "seed-scan.pdf"
    assert pages_without_tables(scan, "", len(pdfium.PdfDocument(scan)), PdfSettings()) == set()
    seed = ROOT / "samples" / "seed-word.pdf"
    assert sorted(p + 1 for p in pages_without_tables(seed, "", 16, PdfSettings())) == [1, 4]


def test_a_turned_page_is_left_to_the_full_reading(tmp_path):
    """A page shown turned by 90° is never skipped: the no-table message names it."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(WANLI)
    for i in range(len(pdf)):
        pdf[i].set_rotation(90)
    out = tmp_path / "turned.pdf"
    pdf.save(out)
    pdf.close()
    assert pages_without_tables(out, "", 35, PdfSettings()) == set()


def test_a_file_pdfium_cannot_open_skips_nothing(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    assert pages_without_tables(bad, "", 1, PdfSettings()) == set()


def _first_box_holding(chars, boxes, bbox):
    """The definition, written plainly: each character in the first box (top to bottom, left to
    right) holding its centre, inside the table's bbox; each box's characters in page order."""
    buckets = [[] for _ in boxes]
    order = sorted(range(len(boxes)), key=lambda i: (boxes[i][1], boxes[i][0]))
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if not (bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]):
            continue
        for i in order:
            if boxes[i][0] <= cx <= boxes[i][2] and boxes[i][1] <= cy <= boxes[i][3]:
                buckets[i].append(ch)
                break
    return buckets


def test_chars_by_cell_places_each_character_in_the_first_box_holding_it():
    """Overlapping and merged boxes, characters on box edges and outside the table."""
    import random

    from perfaudit.extract.pdf import _chars_by_cell

    rnd = random.Random(14)
    for _ in range(200):
        boxes = []
        for _ in range(rnd.randint(1, 12)):
            x0, y0 = rnd.choice([0, 10, 20, 30]), rnd.choice([0, 10, 20, 30])
            boxes.append((x0, y0, x0 + rnd.choice([10, 20]), y0 + rnd.choice([10, 20])))
        chars = [
            {"x0": cx - 1, "x1": cx + 1, "top": cy - 1, "bottom": cy + 1}
            for cx, cy in ((rnd.choice([0, 5, 10, 20, 25, 40, 50]), rnd.choice([0, 5, 10, 15, 30, 45]))
                           for _ in range(rnd.randint(0, 40)))
        ]  # fmt: skip
        got = _chars_by_cell(chars, boxes, (0, 0, 40, 40))
        want = _first_box_holding(chars, boxes, (0, 0, 40, 40))
        assert [[id(c) for c in b] for b in got] == [[id(c) for c in b] for b in want]
