"""Run the fuzz & bomb corpus through ``perfaudit check`` and print the figures (README, benchmark).

    python tests/fuzz/run_fuzz.py [--seed 13] [--jobs 2] [--max-memory 1536] [--keep DIR]

Prints one JSON object: inputs tried, statuses, tracebacks, peak memory of any process
(the workers included), the run's seconds and the slowest file (timed one by one through
the same workers).  The CI test (tests/fuzz/test_fuzz.py) asserts on the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generators as gen  # noqa: E402

#: limits for the corpus: the bombs are generated just over them, so CI stays quick
FUZZ_LIMITS = [
    "--limit",
    "max_stream_mb=64",
    "--limit",
    "max_unzipped_mb=100",
    "--limit",
    "max_cmap_entries=100000",
]


def check(paths: list[str], out: Path, jobs: int, max_memory: int, extra: list[str] | None = None,
          cwd: Path | None = None) -> dict:  # fmt: skip
    """``perfaudit check`` in a child process; its exit code, output, seconds and peak RSS (children included)."""
    code = (
        "import resource, subprocess, sys, json, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "print(json.dumps({'rc': p.returncode, 'stdout': p.stdout, 'stderr': p.stderr,"
        " 'seconds': time.perf_counter() - t,"
        " 'peak_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n"
    )
    cmd = [sys.executable, "-c", code, sys.executable, "-m", "perfaudit", "check", *paths, "--json", str(out),
           "--jobs", str(jobs), "--max-memory", str(max_memory), "--timeout", "120", "--ignore", "PA111",
           *FUZZ_LIMITS, *(extra or [])]  # fmt: skip
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "COLUMNS": "200"}
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env, timeout=900)
    return json.loads(done.stdout)


def slowest(folder: Path, jobs: int, max_memory: int) -> tuple[str, float]:
    import logging
    import warnings

    from perfaudit.batch import BatchSettings, discover, run_batch

    logging.getLogger().addHandler(logging.NullHandler())  # library warnings stay off the figures
    warnings.simplefilter("ignore")
    from perfaudit.limits import Limits

    limits = Limits(
        max_memory_mb=max_memory, timeout=120, max_stream_mb=64, max_unzipped_mb=100, max_cmap_entries=100_000
    )  # as FUZZ_LIMITS
    items = run_batch(discover([str(folder)]).inputs, BatchSettings(jobs=jobs, limits=limits))
    worst = max(items, key=lambda it: it.seconds)
    return Path(worst.result.file).name, round(worst.seconds, 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--max-memory", type=int, default=1536)
    ap.add_argument("--keep")
    a = ap.parse_args()
    root = Path(a.keep or tempfile.mkdtemp(prefix="perfaudit-fuzz-"))
    corpus = root / "corpus"
    t = time.perf_counter()
    kinds = gen.build_corpus(corpus, a.seed)
    built = time.perf_counter() - t
    run = check(
        [str(corpus)],
        root / "all.json",
        a.jobs,
        a.max_memory,
        ["--csv", str(root / "all.csv"), "--xlsx", str(root / "all.xlsx"), "--html", str(root / "all.html")],
    )
    files = json.loads((root / "all.json").read_text(encoding="utf-8"))["files"]
    name, secs = slowest(corpus, a.jobs, a.max_memory)
    statuses: dict[str, int] = {}
    for f in files:
        statuses[f["status"]] = statuses.get(f["status"], 0) + 1
    print(json.dumps({
        "inputs": len(kinds), "files_in_report": len(files), "statuses": statuses,
        "tracebacks": (run["stdout"] + run["stderr"]).count("Traceback"), "exit": run["rc"],
        "peak_mb": round(run["peak_mb"]), "run_seconds": round(run["seconds"], 1), "corpus_seconds": round(built, 1),
        "slowest_file": name, "slowest_seconds": secs,
    }, ensure_ascii=False, indent=1))  # fmt: skip


if __name__ == "__main__":
    main()
