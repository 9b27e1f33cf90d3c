"""Shared logic of the missing-category rules (PA201–PA204)."""

from __future__ import annotations


def has_dim(proj, dim: str) -> bool:
    if dim == "成本":
        return any(i.dim2 == "成本" or i.dim1 == "成本" for i in proj.indicators)
    if dim in ("效益", "满意度", "产出"):
        return any(i.dim1 == dim for i in proj.indicators)
    return any(i.dim2 == dim for i in proj.indicators)
