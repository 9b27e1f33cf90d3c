"""Shared, expensive inputs: each real document is extracted once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WANLI_PDF = ROOT / "samples" / "real" / "sh-putuo-wanli-street-2023-dept-budget.pdf"
SEED_JSON = ROOT / "samples" / "source" / "seed.json"


@pytest.fixture(scope="session")
def wanli_result():
    """The real Shanghai file (万里街道 2023), extracted once: five projects on pp.31–35."""
    import perfaudit

    return perfaudit.extract(WANLI_PDF)


@pytest.fixture(scope="session")
def seed_result():
    """The seed submission from its hand-typed JSON (samples/source/seed.json)."""
    import json

    from perfaudit.extract.serialize import result_from_dict

    return result_from_dict(json.loads(SEED_JSON.read_text(encoding="utf-8")))
