"""``perfaudit stats DB``: what the reviewers' decisions teach about each rule.

Per rule: how many 意见 it took part in (as lead or folded in), how many of those the
reviewers accepted, dismissed or left open, and the share accepted among the decided.
Rules whose findings are mostly dismissed are the ones to tune or switch off.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def rule_stats(db: str | Path) -> list[dict[str, Any]]:
    """Rows ``{rule, opinions, accepted, dismissed, open, accept_rate}`` sorted by rule code."""
    from .serve.store import Store

    path = Path(db)
    if path.is_dir():
        from .serve.store import DB_NAME

        path = path / DB_NAME
    if not path.is_file():
        raise FileNotFoundError(str(path))
    store = Store(path)
    try:
        return store.rule_stats()
    finally:
        store.close()
