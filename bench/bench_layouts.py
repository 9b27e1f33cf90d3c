"""Time of ``perfaudit extract`` against raw pdfplumber on the long regional budgets.

    python bench/bench_layouts.py                # the 93-page Xi'an and 96-page Guangzhou files
    python bench/bench_layouts.py --repeat 3 a.pdf

Same contenders as bench/benchmark.py (``page.extract_tables()`` on every page versus the
whole ``perfaudit.extract``), alternating order, median of ``--repeat`` runs; no memory pass
(see benchmark.py for that).  Prints a markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark import page_count, perfaudit_extract, raw_pdfplumber, timed  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LONG = ["xian-justice-2026-dept-budget.pdf", "guangzhou-transport-2026-dept-budget.pdf"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    files = args.files or [ROOT.parent / "shared" / "real2" / n for n in LONG]
    files = [f for f in files if f.exists()]
    if not files:
        print("no files (../shared/real2 is not beside the repository)")
        return 1
    print("| file | pages | pdfplumber extract_tables s | perfaudit extract s | ratio |")
    print("|---|---:|---:|---:|---:|")
    for f in files:
        raw_t, pa_t = [], []
        for i in range(args.repeat):
            order = [(raw_t, raw_pdfplumber), (pa_t, perfaudit_extract)]
            for bucket, fn in order if i % 2 == 0 else reversed(order):
                bucket.append(timed(fn, f))
        raw, pa = statistics.median(raw_t), statistics.median(pa_t)
        print(f"| {f.name} | {page_count(f)} | {raw:.1f} | {pa:.1f} | {pa / raw:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
