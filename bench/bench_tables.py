"""Big tables and the fuzz corpus: seconds and peak memory, each file in its own process.

    python bench/bench_tables.py            # Shaanxi workbooks (../shared/real2), 2k/10k-row docx
    python bench/bench_tables.py --fuzz     # also the fuzz & bomb corpus (tests/fuzz/run_fuzz.py)

Reading an n-row table costs O(n): the 10,000-row docx takes about five times the 2,000-row one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

import generators as gen  # noqa: E402

CHILD = (
    "import json, resource, sys, time\n"
    "t = time.perf_counter()\n"
    "from perfaudit.extract import extract_file\n"
    "r = extract_file(sys.argv[1])\n"
    "print(json.dumps({'status': r.status, 'projects': len(r.projects), 'indicators': len(r.indicators),"
    " 'seconds': round(time.perf_counter() - t, 1),"
    " 'peak_mb': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))\n"
)


def measure(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True)
    return {"file": path.name, **json.loads(out.stdout)}


def main() -> None:
    rows = [measure(p) for p in sorted((ROOT.parent / "shared" / "real2").glob("shaanxi-prov-2020-*.xlsx"))]
    with tempfile.TemporaryDirectory() as tmp:
        for n in (2_000, 10_000):
            rows.append(measure(gen.long_table_docx(Path(tmp), n)))
    print("| file | status | projects | indicators | seconds | peak MB |\n|---|---|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['file']} | {r['status']} | {r['projects']} | {r['indicators']} | {r['seconds']} | {r['peak_mb']} |"
        )
    if "--fuzz" in sys.argv:
        subprocess.run([sys.executable, str(ROOT / "tests" / "fuzz" / "run_fuzz.py")], check=True)


if __name__ == "__main__":
    main()
