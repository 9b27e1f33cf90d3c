"""Speed and memory of ``perfaudit.extract`` against raw pdfplumber per file, same files, same run.

    python bench/bench_per_file.py                 # bundled samples (+ ../shared/real if present)
    python bench/bench_per_file.py a.pdf b.pdf     # your own files
    python bench/benchmark.py --per-file           # the same, after the end-to-end benchmark

For each file, both contenders run ``--repeat`` times (default 3) in alternating order and
the median is reported:

* ``pdfplumber``: ``pdfplumber.open`` and ``page.extract_tables()`` on every page — the
  raw library call a hand-written script would make, with no span rebuilding, no
  de-duplication, no label parsing;
* ``perfaudit``: ``perfaudit.extract(path)`` — the whole extraction to dataframes.

Peak Python memory is measured with ``tracemalloc`` in a separate pass (tracing slows
the code, so it is not mixed into the timings).  Figures go to stdout as a markdown
table, the form the README shows.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def raw_pdfplumber(path: Path) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            n += len(page.extract_tables())
    return n


def perfaudit_extract(path: Path) -> int:
    import perfaudit

    return len(perfaudit.extract(path).indicators)


def timed(fn, path: Path) -> float:
    t0 = time.perf_counter()
    fn(path)
    return time.perf_counter() - t0


def peak_mib(fn, path: Path) -> float:
    tracemalloc.start()
    fn(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def page_count(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def default_files() -> list[Path]:
    files = sorted((ROOT / "samples").glob("*.pdf")) + sorted((ROOT / "samples" / "real").glob("*.pdf"))
    shared = ROOT.parent / "shared" / "real"
    if shared.exists():
        files += [p for p in sorted(shared.glob("*.pdf")) if p.name not in {f.name for f in files}]
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    files = args.files or default_files()

    # warm-up: imports and first-call costs are not per-page work
    raw_pdfplumber(files[0])
    perfaudit_extract(files[0])

    rows = []
    tot = {"pages": 0, "raw": 0.0, "pa": 0.0}
    for f in files:
        pages = page_count(f)
        raw_t, pa_t = [], []
        for i in range(args.repeat):
            order = [(raw_t, raw_pdfplumber), (pa_t, perfaudit_extract)]
            for bucket, fn in order if i % 2 == 0 else reversed(order):
                bucket.append(timed(fn, f))
        raw_ms = statistics.median(raw_t) * 1000 / pages
        pa_ms = statistics.median(pa_t) * 1000 / pages
        rows.append(
            (f.name, pages, raw_ms, pa_ms, peak_mib(raw_pdfplumber, f), peak_mib(perfaudit_extract, f))
        )
        tot["pages"] += pages
        tot["raw"] += statistics.median(raw_t)
        tot["pa"] += statistics.median(pa_t)

    print(
        "| file | pages | pdfplumber extract_tables ms/page | perfaudit extract ms/page | ratio "
        "| peak MiB pdfplumber | peak MiB perfaudit |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, pages, raw_ms, pa_ms, raw_mem, pa_mem in rows:
        print(
            f"| {name} | {pages} | {raw_ms:.1f} | {pa_ms:.1f} | {pa_ms / raw_ms:.2f} | {raw_mem:.1f} | {pa_mem:.1f} |"
        )
    raw_all = tot["raw"] * 1000 / tot["pages"]
    pa_all = tot["pa"] * 1000 / tot["pages"]
    print(
        f"| **all {len(rows)} files** | {tot['pages']} | {raw_all:.1f} | {pa_all:.1f} | {pa_all / raw_all:.2f} | | |"
    )

    return 0


if __name__ == "__main__":
    sys.exit(main())
