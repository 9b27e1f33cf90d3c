"""``perfaudit stats``: the per-rule acceptance table (console) and its JSON."""

from __future__ import annotations

import json
from typing import Any


def stats_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _rate(r: float | None) -> str:
    return "—" if r is None else f"{100 * r:.0f}%"


def render_rule_stats(console, rows: list[dict[str, Any]]) -> None:
    """One line per rule: 意见, accepted, dismissed, open, share accepted; rarely accepted rules stand out."""
    from rich.table import Table

    from ..rules import get_rule

    if not rows:
        console.print("数据库中还没有意见。/ No 意见 in this database yet.")
        return
    table = Table(title="各规则意见的采纳情况 / how often each rule's 意见 were accepted")
    for col in (
        "规则 rule",
        "名称 name",
        "意见 opinions",
        "采纳 accepted",
        "不采纳 dismissed",
        "待定 open",
        "采纳率 rate",
    ):
        table.add_column(col, justify="left" if col.startswith(("规则", "名称")) else "right")
    for r in rows:
        try:
            name = get_rule(r["rule"]).slug
        except (KeyError, LookupError, ValueError):
            name = ""
        style = "red" if r["accept_rate"] is not None and r["accept_rate"] < 0.5 else None
        table.add_row(r["rule"], name, str(r["opinions"]), str(r["accepted"]), str(r["dismissed"]), str(r["open"]),
                      _rate(r["accept_rate"]), style=style)  # fmt: skip
    console.print(table)
    decided = sum(r["accepted"] + r["dismissed"] for r in rows)
    console.print(f"已决定 {decided} 项（按规则计）；采纳率低于 50% 的规则标红，可考虑调整或停用。")
