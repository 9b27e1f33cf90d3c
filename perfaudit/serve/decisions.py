"""The review as the reviewer decided it: stored 意见 + decisions -> the FileReview a letter is made of.

* :func:`file_review` rebuilds a :class:`~perfaudit.review.FileReview` from the stored JSON;
* :func:`decided_review` keeps the accepted 意见 only (numbered again 1, 2, …), with the
  reviewer's wording where they edited it, and the verdicts: the reviewer's where they
  changed one, otherwise decided again from the accepted 意见 by the review's own rule
  (:func:`perfaudit.review.verdict_of`).
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from ..review import FileReview, Opinion, ProjectReview, verdict_of
from ..review.model import LEVEL_RETURN, LEVEL_REVISE, VERDICT_RETURN, VERDICT_REVISE

OPEN, ACCEPTED, DISMISSED = "open", "accepted", "dismissed"


def _known(cls, d: dict[str, Any]) -> dict[str, Any]:
    """The stored keys ``cls`` still has: a database written by another version still opens."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in d.items() if k in names and k != "findings"}


def _opinion(d: dict[str, Any]) -> Opinion:
    return Opinion(**_known(Opinion, d))


def file_review(data: dict[str, Any]) -> FileReview:
    """The FileReview stored with a checked file (its 意见 without their findings)."""
    r = data["review"]
    projects = [
        ProjectReview(**{**_known(ProjectReview, p), "opinions": [_opinion(o) for o in p["opinions"]]})
        for p in r["projects"]
    ]
    overall = [_opinion(o) for o in r["overall"]]
    return FileReview(**{**_known(FileReview, r), "projects": projects, "overall": overall})


def status_of(decisions: dict[str, dict], opinion_id: str) -> str:
    return (decisions.get(opinion_id) or {}).get("status") or OPEN


def shown_text(o: Opinion, decisions: dict[str, dict], lang: str = "zh") -> str:
    """The reviewer's wording if they edited the 意见, else the tool's in ``lang``."""
    return (decisions.get(o.id) or {}).get("text") or o.message(lang)


def _kept(opinions: list[Opinion], decisions: dict[str, dict]) -> list[Opinion]:
    kept = [o for o in opinions if status_of(decisions, o.id) == ACCEPTED]
    return [replace(o, number=n, text=shown_text(o, decisions), text_en=shown_text(o, decisions) if
                    (decisions.get(o.id) or {}).get("text") else o.text_en) for n, o in enumerate(kept, 1)]  # fmt: skip


def project_verdict(p: ProjectReview, decisions: dict[str, dict], verdicts: dict[str, str]) -> str:
    """The reviewer's verdict if they set one, else the verdict of the 意见 not dismissed."""
    if p.project_id in verdicts:
        return verdicts[p.project_id]
    return verdict_of([o.level for o in p.opinions if status_of(decisions, o.id) != DISMISSED])


def decided_review(fr: FileReview, decisions: dict[str, dict], verdicts: dict[str, str]) -> FileReview:
    """The FileReview of the letter: accepted 意见 only, edited wording, the reviewer's verdicts."""
    projects = []
    for p in fr.projects:
        ops = _kept(p.opinions, decisions)
        verdict = verdicts.get(p.project_id) or verdict_of([o.level for o in ops])
        projects.append(replace(p, opinions=ops, verdict=verdict))
    overall = _kept(fr.overall, decisions)
    levels = [o.level for o in overall] + [
        {VERDICT_RETURN: LEVEL_RETURN, VERDICT_REVISE: LEVEL_REVISE}.get(p.verdict, "") for p in projects
    ]
    verdict = verdict_of(levels) if fr.status == "ok" else fr.verdict
    return replace(fr, projects=projects, overall=overall, verdict=verdict)
