"""Do the rules give the same findings as before a change?  Dump them, then compare two dumps.

    python bench/rules_identity.py dump before.json      # on the old code
    python bench/rules_identity.py dump after.json       # on the new code
    python bench/rules_identity.py compare before.json after.json

The inputs are the samples (every document ``perfaudit check samples/`` reads), a few files of
``../shared/real2`` and a seeded synthetic batch of 2,000 projects (bench/synthetic.py).  The
documents are read once and kept in a pickle (``--cache``), so that a dump measures the rules
only and the extractor cannot make two dumps differ.  Every field of every finding is compared,
in the order ``run_rules`` returns them, and the 意见 the review gives each finding too.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL2 = ROOT.parent / "shared" / "real2"
REAL2_FILES = [
    "shaanxi-prov-2020-special-fund-targets.xlsx",
    "guangzhou-govdata-2026-project-targets.pdf",
    "changchun-petition-2026-dept-budget.pdf",
    "fuzhou-medsec-2026-dept-budget.pdf",
    "beijing-hrss-2026-dept-budget-tables.pdf",
    "tianjin-tjutvt-2021-central-transfer-regional-targets.docx",
]
SYNTHETIC = 2_000


def documents(cache: Path) -> dict[str, list]:
    """{"samples": results, "real2": results}, read once and kept in ``cache``."""
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from perfaudit.batch import BatchSettings, discover, run_batch

    out = {}
    for name, args in (
        ("samples", [str(ROOT / "samples")]),
        ("real2", [str(REAL2 / f) for f in REAL2_FILES if (REAL2 / f).exists()]),
    ):
        items = run_batch(discover(args).inputs, BatchSettings(jobs=1))
        out[name] = [it.result for it in items]
    cache.write_bytes(pickle.dumps(out))
    return out


def dump(out: Path, cache: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import synthetic_batch  # noqa: E402  (sibling script)

    from perfaudit.engine import audit_batch

    batches = {**documents(cache), "synthetic": synthetic_batch(SYNTHETIC, seed=2026)}
    data = {}
    for name, results in batches.items():
        findings = audit_batch(results).findings
        data[name] = [f.to_dict() for f in findings]
        print(f"{name}: {len(results)} files, {len(findings)} findings")
    out.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")


def compare(a: Path, b: Path) -> int:
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (a, b))
    bad = 0
    for name in sorted(set(old) | set(new)):
        x, y = old.get(name, []), new.get(name, [])
        same = x == y
        print(f"{name}: {len(x)} / {len(y)} findings, {'identical' if same else 'DIFFERENT'}")
        if not same:
            bad += 1
            for i, (f, g) in enumerate(zip(x, y, strict=False)):
                if f != g:
                    print(f"  first difference at #{i}:\n  {f}\n  {g}")
                    break
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--cache", type=Path, default=Path("/tmp/perfaudit-rules-identity.pkl"))
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        dump(args.out, args.cache)
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
