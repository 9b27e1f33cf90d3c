"""Seconds per scanned page: render, ruling lines (deskew + grid), OCR, total.

    python bench/bench_scan.py [scan.pdf ...] [--repeat N]
    python bench/bench_scan.py --matrix [CONDITION ...]   # the scan matrix: accuracy and s/page
    python bench/bench_scan.py --points [CONDITION ...]   # one page per condition, as the test
    python bench/bench_scan.py --grids [CONDITION ...]    # every point, grid structure only (no cell OCR)

``--matrix`` makes every point of ``samples/scans/scan_matrix.py`` (every condition ×
every source page) in a temporary folder, reads each page, and prints the README's
table: condition, cells right / cells, accuracy, seconds per page (wall, median).

Defaults to samples/scans/seed-scan.pdf.  The OCR engine is loaded (and warmed up on
the first page) before timing, as in a batch run where it is loaded once.  Reports the
median over pages and repeats, wall-clock and process CPU seconds (CPU > wall means
onnxruntime used both cores), and the machine's load average, because other processes
on a 2-core machine inflate wall-clock figures.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def bench_scan(paths, repeat: int = 1, settings=None) -> dict:
    """Time :func:`perfaudit.extract.scan.page_grids` on every page of ``paths``."""
    import pypdfium2 as pdfium

    from perfaudit.extract.scan import ScanSettings, page_grids

    s = settings or ScanSettings()
    pages = []
    for p in paths:
        pdf = pdfium.PdfDocument(str(p))
        pages += [(Path(p), i) for i in range(len(pdf))]
        pdf.close()
    if not pages:
        raise ValueError("no pages to benchmark")
    page_grids(pages[0][0], pages[0][1], s)  # load models, first inference
    rows = []
    for _ in range(repeat):
        for path, index in pages:
            t: dict[str, float] = {}
            c0, w0 = time.process_time(), time.perf_counter()
            grids, _ = page_grids(path, index, s, timings=t)
            t["total"] = time.perf_counter() - w0
            t["cpu"] = time.process_time() - c0
            t["cells"] = sum(len(g.cells) for g in grids)
            rows.append(t)

    def med(key: str) -> float:
        return round(statistics.median(r[key] for r in rows), 3)

    return {
        "pages": len(pages),
        "runs": len(rows),
        "dpi": s.dpi or "own (200 here)",
        "render_s": med("render"),
        "lines_s": med("lines"),
        "ocr_s": med("ocr"),
        "total_s": med("total"),
        "cpu_s": med("cpu"),
        "max_total_s": round(max(r["total"] for r in rows), 3),
        "cells_per_page": med("cells"),
        "cpus": os.cpu_count(),
        "load_avg": [round(v, 2) for v in os.getloadavg()],
    }


def bench_matrix(names: list[str] | None = None, one: bool = False) -> list[dict]:
    """Accuracy and seconds per page at every point of the scan matrix (``one``: only the
    source page ``tests/test_scan_matrix.py`` reads for each condition)."""
    import tempfile

    sys.path.insert(0, str(ROOT / "samples" / "scans"))
    import scan_matrix as sm

    from perfaudit.extract.scan import page_grids

    truths = {s: sm.truth(s) for s in sm.SOURCES}
    conds = [c for c in sm.CONDITIONS if not names or c.name in names]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.pdf"
        sm.scan_pdf("seed-p5", sm.condition("clean-200"), warm)
        page_grids(warm, 0)  # load the models
        for cond in conds:
            right = total = 0
            walls, cpus, worst = [], [], 1.0
            sources = list(sm.SOURCES)
            if one:
                sources = [sources[sm.CONDITIONS.index(cond) % len(sources)]]
            for source in sources:
                path = Path(tmp) / f"{cond.name}__{source}.pdf"
                page = sm.scan_pdf(source, cond, path)
                c0, w0 = time.process_time(), time.perf_counter()
                grids, _ = page_grids(path, page)
                walls.append(time.perf_counter() - w0)
                cpus.append(time.process_time() - c0)
                ok, n = sm.score(grids, truths[source])
                right, total, worst = right + ok, total + n, min(worst, ok / n)
            rows.append(
                {
                    "condition": cond.name,
                    "summary": cond.summary,
                    "dpi": cond.dpi,
                    "right": right,
                    "total": total,
                    "accuracy": right / total,
                    "worst_page": worst,
                    "wall_s": statistics.median(walls),
                    "cpu_s": statistics.median(cpus),
                }
            )
            r = rows[-1]
            print(
                f"| {r['condition']} | {r['summary']} | {r['dpi']} | {r['right']}/{r['total']} | "
                f"{100 * r['accuracy']:.1f} % | {100 * r['worst_page']:.1f} % | {r['wall_s']:.2f} | "
                f"{r['cpu_s']:.2f} |",
                flush=True,
            )
    return rows


def bench_grids(names: list[str] | None = None) -> int:
    """Every point of the matrix, without recognising cells: is the page turned upright and
    is its table structure (cells and spans) the truth's?  Prints CPU seconds for turning,
    deskewing and finding the grid; returns the number of wrong points."""
    import tempfile

    sys.path.insert(0, str(ROOT / "samples" / "scans"))
    import scan_matrix as sm

    from perfaudit.extract import scan

    s = scan.ScanSettings()
    wrong = 0
    with tempfile.TemporaryDirectory() as tmp:
        for cond in [c for c in sm.CONDITIONS if not names or c.name in names]:
            for source in sm.SOURCES:
                path = Path(tmp) / f"{cond.name}__{source}.pdf"
                page = sm.scan_pdf(source, cond, path)
                gray, scale = scan.render_page(path, page)
                c0 = time.process_time()
                tables = scan.find_tables(scan._upright(gray, scale, s), s, scale)
                cpu = time.process_time() - c0
                want = [sorted(tuple(c[:4]) for c in t) for t in sm.truth(source)]
                ok = [sorted(t.cells) for t in tables] == want
                wrong += not ok
                print(f"{cond.name} {source}: {'exact' if ok else 'WRONG'} grid, {cpu:.2f} s CPU", flush=True)
    print(f"{wrong} point(s) with a wrong grid")
    return wrong


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--grids":
        return 1 if bench_grids(argv[1:]) else 0
    if argv and argv[0] in ("--matrix", "--points"):
        print(f"{os.cpu_count()} CPUs, load {[round(v, 2) for v in os.getloadavg()]}")
        print("| condition | scan | dpi | cells right | accuracy | worst page | s/page (wall) | CPU s/page |")
        print("|---|---|---|---|---|---|---|---|")
        rows = bench_matrix(argv[1:], one=argv[0] == "--points")
        print(
            f"load after: {[round(v, 2) for v in os.getloadavg()]}; lowest accuracy "
            f"{100 * min(r['worst_page'] for r in rows):.1f} %"
        )
        return 0
    repeat = 1
    if "--repeat" in argv:
        i = argv.index("--repeat")
        repeat = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2 :]
    paths = argv or [str(ROOT / "samples" / "scans" / "seed-scan.pdf")]
    r = bench_scan(paths, repeat=repeat)
    print(f"scanned pages: {r['pages']} x {repeat} at {r['dpi']} dpi, {r['cpus']} CPUs, load {r['load_avg']}")
    print(
        f"seconds per page (median): render {r['render_s']:.3f}  lines {r['lines_s']:.3f}  "
        f"OCR {r['ocr_s']:.3f}  total {r['total_s']:.3f}  (CPU {r['cpu_s']:.3f}, max total {r['max_total_s']:.3f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
