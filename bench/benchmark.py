"""perfaudit's speed and memory at a county's and a province's scale, in one run.

    python bench/benchmark.py --quick     # a few minutes: every section, smaller batches
    python bench/benchmark.py             # the full run (200 files, 50,000 synthetic projects)
    python bench/benchmark.py --per-file  # also ms/page of perfaudit.extract vs pdfplumber per file
    python bench/benchmark.py --scan      # also seconds per scanned page (OCR path)

Sections (markdown tables on stdout, the form the README shows):

1. **one file, end to end** — wall time of a whole ``perfaudit check FILE`` process (``--jobs 1``
   and the default) against a whole process running raw pdfplumber (``pdfplumber.open`` +
   ``page.extract_tables()`` on every page) over the same file, median of ``--repeat`` runs in
   alternating order; on the seed's Word PDF (16 pages, all 绩效 tables) and the 35-page
   Wanli budget (5 pages of 绩效 tables among 30 others); CPU seconds beside wall.  Each command
   runs once before the timed runs, with compiled bytecode as an installed package has it;
   ``--before DIR`` adds a column for the package in DIR (e.g. ``git archive`` of an older commit).
2. **a batch of files** — 200 (``--quick``: 40) copies of the samples and real files in a
   temporary folder: files/s with ``--jobs 1`` and ``--jobs 2``, and peak memory (resident set
   of the process and its workers, sampled) against a batch of 10.
3. **the rules at scale** — ``run_rules`` alone (views, all rules, cross-file ones included) on
   a synthetic seeded provincial batch (bench/synthetic.py) of 1k, 10k and 50k projects
   (``--quick``: 1k and 10k), in this process on one core: seconds and µs per project.
4. **start-up** — ``perfaudit --help``, ``import perfaudit.cli`` and the first word
   segmentation (the segmenter loading its dictionary).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: the processes run as an installed perfaudit runs: with its bytecode compiled (pip compiles it
#: when it installs a package; PYTHONDONTWRITEBYTECODE would make every run compile every module)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
SHARED = ROOT.parent / "shared"
SEED_WORD = ROOT / "samples" / "seed-word.pdf"
WANLI = ROOT / "samples" / "real" / "sh-putuo-wanli-street-2023-dept-budget.pdf"
PERFAUDIT = [sys.executable, "-m", "perfaudit"]
RAW = [
    sys.executable,
    "-c",
    (
        "import sys, pdfplumber\n"
        "with pdfplumber.open(sys.argv[1]) as pdf:\n"
        "    n = sum(len(p.extract_tables()) for p in pdf.pages)\n"
    ),
]


# --------------------------------------------------------------------------- measuring processes


def run_process_cpu(cmd: list[str]) -> tuple[float, float, float]:
    """(wall seconds, peak resident MiB, CPU seconds of the process and the children it waited for).

    CPU seconds say what the work costs when other programs share the machine (wall time then
    depends on them); a process that works on two cores at once spends more CPU than wall time."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    peak = [0.0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t0
    stop.set()
    sampler.join()
    return seconds, peak[0], usage.ru_utime + usage.ru_stime


def _tree_rss(pid: int) -> float:
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with the test extra (distributed)
        return 0.0
    try:
        p = psutil.Process(pid)
        procs = [p, *p.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0
    for q in procs:
        try:
            total += q.memory_info().rss
        except psutil.Error:
            pass
    return total / 2**20


def before(source: Path | None) -> list[str]:
    """``python -m perfaudit`` from another copy of the package (``--before``: e.g. the code before
    a change, from ``git archive``), bypassing the editable install of this one."""
    if source is None:
        return PERFAUDIT
    code = (
        "import sys, runpy; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in type(f).__module__]; "
        f"sys.path.insert(0, {str(source)!r}); sys.argv[0] = 'perfaudit'; runpy.run_module('perfaudit', run_name='__main__')"
    )
    return [sys.executable, "-c", code]


def median_runs(
    cmds: dict[str, list[str]], repeat: int, cpu: dict[str, float] | None = None
) -> dict[str, float]:
    """Median wall seconds of each command, run ``repeat`` times in alternating order after one
    warm-up run each (and, into ``cpu`` when given, the median CPU seconds of each)."""
    times: dict[str, list[float]] = {k: [] for k in cmds}
    cpus: dict[str, list[float]] = {k: [] for k in cmds}
    for cmd in cmds.values():
        run_process_cpu(cmd)  # bytecode compiled, files in the page cache
    for i in range(repeat):
        names = list(cmds) if i % 2 == 0 else list(reversed(cmds))
        for name in names:
            wall, _peak, used = run_process_cpu(cmds[name])
            times[name].append(wall)
            cpus[name].append(used)
    if cpu is not None:
        cpu.update({k: statistics.median(v) for k, v in cpus.items()})
    return {k: statistics.median(v) for k, v in times.items()}


def page_count(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def raw_pdfplumber(path: Path) -> int:
    """In this process: ``extract_tables()`` on every page (the baseline)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(len(p.extract_tables()) for p in pdf.pages)


def perfaudit_extract(path: Path) -> int:
    """In this process: perfaudit's whole reading of one file (tables, parse, frames)."""
    from perfaudit.extract import extract_file

    return len(extract_file(path).indicators)


def timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


# --------------------------------------------------------------------------- 1. one file


def one_file(repeat: int, files: list[Path] | None = None, old: Path | None = None) -> list[str]:
    lines = [
        "| file | pages | raw pdfplumber s | check --jobs 1 s | ratio | check (default jobs) s | ratio "
        "| CPU s raw | CPU s check -j1 | CPU ratio |"
        + (" before: check -j1 s | ratio | CPU s |" if old else ""),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|---:|" if old else ""),
    ]
    for f in files or (SEED_WORD, WANLI):
        pages = page_count(f)
        cpu: dict[str, float] = {}
        cmds = {
            "raw": [*RAW, str(f)],
            "j1": [*PERFAUDIT, "check", str(f), "--jobs", "1", "--fail-on", "never"],
            "jd": [*PERFAUDIT, "check", str(f), "--fail-on", "never"],
        }
        if old:
            cmds["b1"] = [*before(old), "check", str(f), "--jobs", "1", "--fail-on", "never"]
        t = median_runs(cmds, repeat, cpu)
        line = (
            f"| {f.name} | {pages} | {t['raw']:.2f} | {t['j1']:.2f} | {t['j1'] / t['raw']:.2f} "
            f"| {t['jd']:.2f} | {t['jd'] / t['raw']:.2f} "
            f"| {cpu['raw']:.2f} | {cpu['j1']:.2f} | {cpu['j1'] / cpu['raw']:.2f} |"
        )
        if old:
            line += f" {t['b1']:.2f} | {t['b1'] / t['raw']:.2f} | {cpu['b1']:.2f} |"
        lines.append(line)
    return lines


# --------------------------------------------------------------------------- 2. a batch


def batch_sources() -> list[Path]:
    files = sorted((ROOT / "samples").glob("*.pdf")) + [WANLI, ROOT / "samples" / "seed-word.docx"]
    files += [ROOT / "samples" / "office" / "seed.xlsx"]
    files += sorted((SHARED / "real").glob("*.pdf"))
    return [f for f in files if f.exists()]


def make_batch(folder: Path, n: int) -> Path:
    """``n`` distinct files (copies of the sources in turn) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = batch_sources()
    for i in range(n):
        src = sources[i % len(sources)]
        shutil.copyfile(src, folder / f"{i:04d}-{src.name}")
    return folder


def batch(n_files: int, small: int) -> list[str]:
    lines = [
        "| batch | --jobs | seconds | files/s | CPU s | peak MiB (process + workers) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    tmp = Path(tempfile.mkdtemp(prefix="perfaudit-bench-"))
    try:
        rows = {}
        for n, jobs in ((small, 2), (n_files, 1), (n_files, 2)):
            folder = make_batch(tmp / f"b{n}", n)
            secs, peak, cpu = run_process_cpu(
                [*PERFAUDIT, "check", str(folder), "--jobs", str(jobs), "-q", "--fail-on", "never"]
            )
            rows[(n, jobs)] = (secs, peak)
            lines.append(f"| {n} files | {jobs} | {secs:.1f} | {n / secs:.2f} | {cpu:.1f} | {peak:.0f} |")
        speedup = rows[(n_files, 1)][0] / rows[(n_files, 2)][0]
        mem = rows[(n_files, 2)][1] / rows[(small, 2)][1]
        lines.append("")
        lines.append(
            f"--jobs 2 throughput / --jobs 1: **{speedup:.2f}×**; "
            f"peak memory {n_files} files / {small} files (--jobs 2): **{mem:.2f}×**"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return lines


# --------------------------------------------------------------------------- 3. the rules at scale


def rules_at_scale(sizes: list[int]) -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import synthetic_batch  # noqa: E402  (sibling script)

    from perfaudit.engine import run_rules

    run_rules(synthetic_batch(200, seed=1))  # warm-up: imports, lexicons, jieba
    lines = [
        "| projects | files | indicators | findings | PA110+PA111 findings | rules s (wall) | rules s (CPU) "
        "| µs/project (CPU) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    per = {}
    for n in sizes:
        results = synthetic_batch(n, seed=2026)
        t0, c0 = time.perf_counter(), time.process_time()
        findings = run_rules(results)
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        per[n] = cpu / n
        inds = sum(len(r.indicators) for r in results)
        copies = sum(f.rule in ("PA110", "PA111") for f in findings)
        lines.append(
            f"| {n:,} | {len(results):,} | {inds:,} | {len(findings):,} | {copies:,} | {secs:.1f} "
            f"| {cpu:.1f} | {per[n] * 1e6:.0f} |"
        )
        del results, findings
    lines.append("")
    lines.append(
        f"per-project CPU time at {max(sizes):,} / at {min(sizes):,}: **{per[max(sizes)] / per[min(sizes)]:.2f}×**"
    )
    return lines


# --------------------------------------------------------------------------- 4. start-up


def startup(repeat: int) -> list[str]:
    help_t = median_runs({"help": [*PERFAUDIT, "--help"]}, repeat)["help"]
    imp_t = median_runs({"imp": [sys.executable, "-c", "import perfaudit.cli"]}, repeat)["imp"]
    bare = median_runs({"py": [sys.executable, "-c", "pass"]}, repeat)["py"]
    seg = [
        sys.executable,
        "-c",
        "import time; t=time.perf_counter(); from perfaudit.rules.vocab import content_words; "
        "content_words('网络安全稳定运行'); print(time.perf_counter()-t)",
    ]
    seg_t = statistics.median(
        float(subprocess.run(seg, capture_output=True, text=True, cwd=ROOT).stdout) for _ in range(repeat)
    )
    return [
        "| what | seconds |",
        "|---|---:|",
        f"| `python -c pass` (the interpreter alone) | {bare:.2f} |",
        f"| `python -c 'import perfaudit.cli'` | {imp_t:.2f} |",
        f"| `perfaudit --help` | {help_t:.2f} |",
        f"| first word segmentation (rjieba loads its dictionary) | {seg_t:.2f} |",
    ]


# --------------------------------------------------------------------------- main


def machine() -> str:
    import platform

    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",)
    cpu = platform.processor() or platform.machine()
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}; "
        f"load average at start {load[0]:.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller batches (a few minutes)")
    ap.add_argument("--repeat", type=int, default=None, help="runs per timing (default 3, --quick 2)")
    ap.add_argument(
        "--only",
        choices=["file", "batch", "rules", "startup"],
        action="append",
        help="run only these sections",
    )
    ap.add_argument("--file", type=Path, action="append", help="section 1 on this file instead (repeatable)")
    ap.add_argument(
        "--before", type=Path, help="also time the perfaudit package in this folder (before a change)"
    )
    ap.add_argument("--per-file", action="store_true", help="also perfaudit.extract vs pdfplumber per file")
    ap.add_argument("--scan", action="store_true", help="also time the OCR path on samples/scans")
    args = ap.parse_args(argv)
    repeat = args.repeat or (2 if args.quick else 3)
    only = set(args.only or ["file", "batch", "rules", "startup"])
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 50_000]
    n_files = 40 if args.quick else 200

    out = [f"Machine: {machine()}", ""]
    sections = [
        ("file", "One file, end to end (whole process)", lambda: one_file(repeat, args.file, args.before)),
        ("batch", "A batch of files", lambda: batch(n_files, 10)),
        ("rules", "The rules at scale (synthetic provincial batch, one core)", lambda: rules_at_scale(sizes)),
        ("startup", "Start-up", lambda: startup(max(repeat, 3))),
    ]
    for key, title, fn in sections:
        if key in only:
            t0 = time.perf_counter()
            rows = fn()
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            out += [
                f"### {title}",
                "",
                *rows,
                "",
                f"({time.perf_counter() - t0:.0f} s; load average after: {load:.1f})",
                "",
            ]
            print("\n".join(out), flush=True)
            out = []
    if args.per_file:
        from bench_per_file import main as per_file  # noqa: E402  (sibling script)

        per_file([])
    if args.scan:
        from bench_scan import bench_scan  # noqa: E402  (sibling script)

        res = bench_scan(sorted((ROOT / "samples" / "scans").glob("*.pdf")))
        print("Scanned pages (OCR path):")
        for k, v in res.items():
            print(f"- {k}: {v}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "bench"))
    sys.exit(main())
