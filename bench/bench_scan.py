"""Seconds per scanned page: render, ruling lines (deskew + grid), OCR, total.

    /work/venv/bin/python bench/bench_scan.py [scan.pdf ...] [--repeat N]

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
        "dpi": s.dpi,
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


def main(argv: list[str]) -> int:
    repeat = 1
    if "--repeat" in argv:
        i = argv.index("--repeat")
        repeat = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2 :]
    paths = argv or [str(ROOT / "samples" / "scans" / "seed-scan.pdf")]
    r = bench_scan(paths, repeat=repeat)
    print(f"scanned pages: {r['pages']} x {repeat} at {r['dpi']} dpi, {r['cpus']} CPUs, load {r['load_avg']}")
    print(f"seconds per page (median): render {r['render_s']:.3f}  lines {r['lines_s']:.3f}  "
          f"OCR {r['ocr_s']:.3f}  total {r['total_s']:.3f}  (CPU {r['cpu_s']:.3f}, max total {r['max_total_s']:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
