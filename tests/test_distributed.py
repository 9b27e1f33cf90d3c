"""``--scheduler local`` reads the files on a Dask LocalCluster and reports exactly what a local run reports.

The batch mixes two copies of the seed (a Word and an Excel submission, so the cross-file rule
PA111 fires between them), a clean PDF, an encrypted PDF and a missing file; both runs write
their JSON report, and the files and findings must be equal, cross-file findings included.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
BATCH = [
    "samples/seed-word.docx",
    "samples/office/seed.xlsx",
    "samples/clean-shanghai.pdf",
    "tests/fixtures/bad/encrypted.pdf",
    "samples/no-such-file.pdf",
]


def _check(tmp_path: Path, name: str, *extra: str) -> dict:
    out = tmp_path / f"{name}.json"
    cmd = [
        sys.executable,
        "-m",
        "perfaudit",
        "check",
        *BATCH,
        "--json",
        str(out),
        "-q",
        "--lang",
        "en",
        *extra,
    ]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 2, proc.stderr  # an encrypted and a missing file: exit 2 in both runs
    assert "Traceback" not in proc.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_local_cluster_gives_the_local_findings(tmp_path):
    local = _check(tmp_path, "local", "--jobs", "1")
    dask = _check(tmp_path, "dask", "--scheduler", "local", "--jobs", "2")
    assert [f["file"] for f in dask["files"]] == BATCH
    assert dask["files"] == local["files"]
    assert dask["findings"] == local["findings"]
    cross = {f["file"] for f in dask["findings"] if f["rule"] == "PA111"}
    assert cross == {"samples/seed-word.docx", "samples/office/seed.xlsx"}
    statuses = {f["file"]: f["status"] for f in dask["files"]}
    assert statuses["tests/fixtures/bad/encrypted.pdf"] == "encrypted"
    assert statuses["samples/no-such-file.pdf"] == "error"


def test_unreachable_scheduler_is_one_line(tmp_path):
    cmd = [
        sys.executable,
        "-m",
        "perfaudit",
        "check",
        "samples/clean.pdf",
        "--scheduler",
        "tcp://127.0.0.1:9",
    ]
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "无法连接 Dask 调度器 tcp://127.0.0.1:9" in proc.stderr
