"""The rules at scale: ``run_rules`` on seeded synthetic provincial batches, timed on one core.

    python bench/bench_rules.py                      # 1k, 10k, 50k projects: the README table
    python bench/bench_rules.py --sizes 10000 --by-rule   # where the time goes, rule by rule
    python bench/bench_rules.py --sizes 10000 --profile   # cProfile, the 40 costliest functions

The batch is built before the clock starts (bench/synthetic.py, 50 projects a file, copying
within and between departments); the clock covers ``run_rules`` alone: the rules' views, every
enabled rule (cross-file ones included) and the findings.  A warm-up run first loads the
lexicons, the segmenter and the imports, as a real batch pays them once.  CPU seconds
(user+sys of this process) are printed beside wall seconds, with the load average, because
the machine may be shared.  ``bench/benchmark.py --only rules`` prints the same table.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [1_000, 10_000, 50_000]


def _batch(n: int) -> list:
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import synthetic_batch  # noqa: E402  (sibling script)

    return synthetic_batch(n, seed=2026)


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def rules_table(sizes: list[int]) -> list[str]:
    """The README table: one row per batch size, then the ratio of µs/project largest / smallest."""
    from perfaudit.engine import run_rules

    run_rules(_batch(200))  # warm-up: imports, lexicons, segmenter
    lines = [
        "| projects | files | indicators | findings | PA110+PA111 findings | rules s (wall) "
        "| rules s (CPU) | ms/project (CPU) | load |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    per = {}
    for n in sizes:
        results = _batch(n)
        t0, c0 = time.perf_counter(), _cpu()
        findings = run_rules(results)
        secs, cpu = time.perf_counter() - t0, _cpu() - c0
        per[n] = cpu / n
        inds = sum(len(r.indicators) for r in results)
        copies = sum(f.rule in ("PA110", "PA111") for f in findings)
        lines.append(
            f"| {n:,} | {len(results):,} | {inds:,} | {len(findings):,} | {copies:,} | {secs:.1f} "
            f"| {cpu:.1f} | {per[n] * 1e3:.2f} | {os.getloadavg()[0]:.1f} |"
        )
        del results, findings
    lines += ["", f"ms/project (CPU) at {max(sizes):,} / at {min(sizes):,}: "
              f"**{per[max(sizes)] / per[min(sizes)]:.2f}×**"]  # fmt: skip
    return lines


def by_rule(n: int) -> list[str]:
    """CPU seconds of building the views and of each rule alone, on one batch of ``n`` projects."""
    from perfaudit.config import AuditConfig
    from perfaudit.engine import run_rules
    from perfaudit.rules import all_rules

    run_rules(_batch(200))
    results = _batch(n)
    c0 = _cpu()
    run_rules(results, AuditConfig(select=["PA001"]))
    base = _cpu() - c0
    rows = [(base, "views + PA001/PA002 (always on)")]
    for rule in all_rules():
        if rule.always_on:
            continue
        c0 = _cpu()
        run_rules(results, AuditConfig(select=[rule.code]))
        rows.append((_cpu() - c0 - base, f"{rule.code} {rule.slug} ({rule.scope})"))
    rows.sort(reverse=True)
    total = sum(s for s, _ in rows)
    return [f"{s:7.2f} s  {s / total:5.1%}  {name}" for s, name in rows] + [f"{total:7.2f} s  total"]


def profile(n: int) -> None:
    import cProfile
    import pstats

    from perfaudit.engine import run_rules

    run_rules(_batch(200))
    results = _batch(n)
    prof = cProfile.Profile()
    prof.runcall(run_rules, results)
    pstats.Stats(prof).sort_stats("tottime").print_stats(40)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    ap.add_argument("--by-rule", action="store_true", help="CPU seconds of each rule at the first size")
    ap.add_argument("--profile", action="store_true", help="cProfile at the first size")
    args = ap.parse_args(argv)
    print(f"load average at start: {os.getloadavg()[0]:.1f}; {os.cpu_count()} cores", flush=True)
    if args.profile:
        profile(args.sizes[0])
    elif args.by_rule:
        print("\n".join(by_rule(args.sizes[0])))
    else:
        print("\n".join(rules_table(args.sizes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
