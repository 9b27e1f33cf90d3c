"""Indicator-set overlap used by the copy-paste rules (PA110, PA111).

Two projects are copies of each other when their sets of indicator *keys* overlap enough
(``min_shared`` names and a Jaccard of at least ``min_jaccard``) while their project names
differ.  A key is the normalised 三级 name (no spaces, brackets, ``指标`` suffix) without a
trailing filler word (``情况`` / ``状况`` / ``程度``), so that ``网络安全稳定运行`` and
``网络安全稳定运行情况`` count as the same indicator.

Comparing every pair of projects grows with the square of the batch (a provincial batch of
50,000 projects is over a billion pairs), so candidate pairs come from an inverted index with
*prefix filtering* (the AllPairs set-similarity join): keys are ordered rarest first, and a
pair that can pass both thresholds must share a key among the first ``|A| - α + 1`` keys of
each set, where ``α`` is the least overlap the thresholds allow.  Every candidate is then
checked with :func:`is_copy`, the one definition of a copy, so the findings are exactly those
of comparing all pairs (``tests/test_copy_paste_index.py`` checks that).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable

from ..views import Project

#: trailing words that do not make a different indicator (网络安全稳定运行情况 = 网络安全稳定运行)
FILLER_SUFFIXES = ("情况", "状况", "程度")

Pairs = dict[int, list[tuple[Project, int]]]


def indicator_key(name: str) -> str:
    """The key under which near-duplicate (already normalised) indicator names meet."""
    changed = True
    while changed:
        changed = False
        for suffix in FILLER_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                name = name[: -len(suffix)]
                changed = True
    return name


def indicator_set(proj: Project) -> frozenset[str]:
    return frozenset(indicator_key(i.name) for i in proj.indicators if i.name)


def overlap(sa: frozenset[str], sb: frozenset[str]) -> tuple[int, float]:
    """(shared keys, Jaccard) of two indicator-key sets."""
    if not sa or not sb:
        return 0, 0.0
    shared = len(sa & sb)
    return shared, shared / (len(sa) + len(sb) - shared)


def names_differ(a: Project, b: Project, max_ratio: float) -> bool:
    from rapidfuzz import fuzz

    return fuzz.ratio(a.name or "", b.name or "") < max_ratio


def is_copy(a: Project, b: Project, sa: frozenset[str], sb: frozenset[str], ctx, cross_file: bool) -> int:
    """Shared keys when ``b`` is a copy of ``a`` (in the scope asked for), else 0."""
    if (a.file_index == b.file_index) == cross_file:
        return 0
    shared, jac = overlap(sa, sb)
    if shared < max(ctx.t("min_shared"), 1) or jac < ctx.t("min_jaccard"):
        return 0
    return shared if names_differ(a, b, ctx.t("max_name_similarity")) else 0


def copied_pairs(projects: list[Project], ctx, cross_file: bool) -> Pairs:
    """For every project (by id()), the other projects it shares a copied indicator set with.

    Partners are listed in batch order.  ``cross_file=False`` compares projects of one file
    (PA110), ``True`` projects of different files (PA111).
    """
    sets = [indicator_set(p) for p in projects]
    files = [p.file_index for p in projects]
    found: dict[int, list[tuple[int, int]]] = {}
    for a, b in candidate_pairs(sets, files, cross_file, _least_overlap(ctx)):
        shared = is_copy(projects[a], projects[b], sets[a], sets[b], ctx, cross_file)
        if shared:
            found.setdefault(a, []).append((b, shared))
            found.setdefault(b, []).append((a, shared))
    return {id(projects[a]): [(projects[b], n) for b, n in sorted(lst)] for a, lst in found.items()}


def _least_overlap(ctx) -> Callable[[int], int]:
    """The least number of shared keys a set of size n can have with a copy of it."""
    min_shared = max(int(math.ceil(ctx.t("min_shared"))), 1)
    min_jaccard = float(ctx.t("min_jaccard"))
    # shared >= jaccard * |A ∪ B| >= jaccard * |A|; the small slack keeps float rounding safe
    return lambda n: max(min_shared, math.ceil(min_jaccard * n - 1e-9))


def candidate_pairs(
    sets: list[frozenset[str]], files: list[int], cross_file: bool, least: Callable[[int], int]
) -> Iterable[tuple[int, int]]:
    """Pairs (i < j) in the scope asked for that share a key in their prefixes (keys rarest first).

    If two sets share at least ``α = max(least(|A|), least(|B|))`` keys, their first shared key
    in that order lies within the first ``|A| - least(|A|) + 1`` keys of A and likewise of B,
    so no pair that can pass the thresholds is missed.  A pair whose sizes alone rule out
    ``least`` shared keys is skipped too.
    """
    freq = Counter(k for s in sets for k in s)
    sizes = [len(s) for s in sets]
    needs = [least(n) for n in sizes]
    postings: dict[str, list[int]] = {}
    for j, s in enumerate(sets):
        size, need, file = sizes[j], needs[j], files[j]
        if size - need + 1 <= 0:
            continue
        seen: set[int] = set()
        for key in sorted(s, key=lambda k: (freq[k], k))[: size - need + 1]:
            posting = postings.setdefault(key, [])
            for i in posting:
                if (
                    i not in seen
                    and (files[i] == file) != cross_file
                    and sizes[i] >= need
                    and size >= needs[i]
                ):
                    seen.add(i)
                    yield i, j
            posting.append(j)
