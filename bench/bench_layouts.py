"""Time of ``perfaudit extract`` against raw pdfplumber on the long regional budgets.

    python bench/bench_layouts.py                # the 93-page Xi'an and 96-page Guangzhou files
    python bench/bench_layouts.py --repeat 3 a.pdf

Same contenders as bench/benchmark.py (``page.extract_tables()`` on every page versus the
whole ``perfaudit.extract``), both in this process after one warm-up call each (imports and
built-in profiles are not timed), alternating order, median of ``--repeat`` runs of wall time
and of CPU time (user+sys of this process).  Prints a markdown table and the load average
before and after: other work on the machine inflates the wall figures, much less the CPU ones.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark import page_count, perfaudit_extract, raw_pdfplumber  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LONG = ["xian-justice-2026-dept-budget.pdf", "guangzhou-transport-2026-dept-budget.pdf"]
WARM = ROOT / "samples" / "third-layout.pdf"


def timed(fn, path: Path) -> tuple[float, float]:
    """(wall s, CPU s) of one call."""
    w0, c0 = time.perf_counter(), time.process_time()
    fn(path)
    return time.perf_counter() - w0, time.process_time() - c0


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def compare(f: Path, repeat: int) -> str:
    """One markdown row: medians of wall and CPU for both contenders, run alternately."""
    runs: dict[str, list[tuple[float, float]]] = {"raw": [], "pa": []}
    order = [("raw", raw_pdfplumber), ("pa", perfaudit_extract)]
    for i in range(repeat):
        for key, fn in order if i % 2 == 0 else reversed(order):
            runs[key].append(timed(fn, f))
    med = {
        k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in runs.items()
    }
    (rw, rc), (pw, pc) = med["raw"], med["pa"]
    return f"| {f.name} | {page_count(f)} | {rw:.1f} | {pw:.1f} | {pw / rw:.2f} | {rc:.1f} | {pc:.1f} | {pc / rc:.2f} |"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    files = args.files or [ROOT.parent / "shared" / "real2" / n for n in LONG]
    files = [f for f in files if f.exists()]
    if not files:
        print("no files (../shared/real2 is not beside the repository)")
        return 1
    if WARM.exists():  # imports, profiles and caches are a per-process cost, not a per-file one
        raw_pdfplumber(WARM)
        perfaudit_extract(WARM)
    print(f"load average before: {load()}  (repeat {args.repeat}, median, alternating order)")
    print(
        "| file | pages | pdfplumber wall s | perfaudit wall s | wall ratio | pdfplumber CPU s | perfaudit CPU s | CPU ratio |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for f in files:
        print(compare(f, args.repeat), flush=True)
    print(f"load average after: {load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
