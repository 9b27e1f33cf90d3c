"""From findings to the review a bureau sends: numbered 意见, verdicts, 总体意见.

    from perfaudit.review import build_review
    review = build_review(results, findings)   # also sets Finding.opinion on every finding
    for fr in review.files:
        fr.verdict, [(p.name, p.verdict, [o.text for o in p.opinions]) for p in fr.projects]

Modules: ``model`` (the records), ``precedence`` (which finding leads, which pool, which
force a rewrite; defaults from severity/category/scope), ``group`` (one project's 意见),
``department`` (总体意见), ``build`` (verdicts and the whole review), ``text`` (wording).
"""

from __future__ import annotations

from .build import build_review, verdict_of
from .model import (
    LEVELS,
    VERDICT_PASS,
    VERDICT_RETURN,
    VERDICT_REVISE,
    VERDICTS,
    FileReview,
    Opinion,
    ProjectReview,
    Review,
)

__all__ = [
    "build_review",
    "verdict_of",
    "Review",
    "FileReview",
    "ProjectReview",
    "Opinion",
    "LEVELS",
    "VERDICTS",
    "VERDICT_PASS",
    "VERDICT_RETURN",
    "VERDICT_REVISE",
]
