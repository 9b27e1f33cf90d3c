"""Indicator-set overlap used by the copy-paste rules (PA110, PA111)."""

from __future__ import annotations

from ..views import Project


def indicator_set(proj: Project) -> set[str]:
    return {i.name for i in proj.indicators if i.name}


def overlap(a: Project, b: Project) -> tuple[int, float]:
    """(shared names, Jaccard) of two projects' indicator-name sets."""
    sa, sb = indicator_set(a), indicator_set(b)
    if not sa or not sb:
        return 0, 0.0
    shared = len(sa & sb)
    return shared, shared / len(sa | sb)


def names_differ(a: Project, b: Project, max_ratio: float) -> bool:
    from rapidfuzz import fuzz

    return fuzz.ratio(a.name or "", b.name or "") < max_ratio


def copied_pairs(projects: list[Project], ctx, cross_file: bool) -> dict[int, list[tuple[Project, int]]]:
    """For every project (by id()), the other projects it shares a copied indicator set with."""
    out: dict[int, list[tuple[Project, int]]] = {}
    for n, a in enumerate(projects):
        for b in projects[n + 1 :]:
            if cross_file and a.file_index == b.file_index:
                continue
            if not cross_file and a.file_index != b.file_index:
                continue
            if not names_differ(a, b, ctx.t("max_name_similarity")):
                continue
            shared, jac = overlap(a, b)
            if shared >= ctx.t("min_shared") and jac >= ctx.t("min_jaccard"):
                out.setdefault(id(a), []).append((b, shared))
                out.setdefault(id(b), []).append((a, shared))
    return out
