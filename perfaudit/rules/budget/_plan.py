"""Spending-plan parsing shared by PA410/PA411."""

from __future__ import annotations

import re


def plan_values(plan: list) -> list[float]:
    out = []
    for step in plan or []:
        v = step.get("value") if isinstance(step, dict) else step
        if v is None:
            continue
        m = re.search(r"\d+(?:\.\d+)?", str(v))
        if m:
            out.append(float(m.group(0)))
    return out
