"""The records of a review: 意见 (opinions), verdicts per project and per file.

Plain data, decided once by :func:`perfaudit.review.build_review`; every reporter
(console, letters, CSV/JSON/xlsx through ``Finding.opinion``) only renders them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Finding

#: 意见 levels, strongest first.  A finding's level comes from its severity.
LEVEL_RETURN = "return"  # 退回: the project cannot pass until this is fixed
LEVEL_REVISE = "revise"  # 修改: must be corrected, the project passes once it is
LEVEL_ADVICE = "advice"  # 建议: advisory, does not change the verdict
LEVELS = (LEVEL_RETURN, LEVEL_REVISE, LEVEL_ADVICE)
LEVEL_RANK = {LEVEL_RETURN: 3, LEVEL_REVISE: 2, LEVEL_ADVICE: 1}
LEVEL_OF_SEVERITY = {"error": LEVEL_RETURN, "warning": LEVEL_REVISE, "info": LEVEL_ADVICE}

#: verdicts, per project and per file
VERDICT_RETURN = "return"  # 退回修改
VERDICT_REVISE = "revise"  # 修改后通过
VERDICT_PASS = "pass"  # 通过
VERDICTS = (VERDICT_RETURN, VERDICT_REVISE, VERDICT_PASS)

#: kinds of 意见
KIND_REWRITE = "rewrite"  # the project's indicators must be set again as a whole (row findings fold into it)
KIND_PROJECT = "project"  # about the project as a whole (goal, missing dimension, budget)
KIND_ROWS = "rows"  # about one or more indicator rows that share one problem
KIND_DEPARTMENT = "department"  # 总体意见 of the file
KIND_FILE = "file"  # the file could not be reviewed (unreadable, no tables)


@dataclass
class Opinion:
    """One numbered 意见: one problem, the rows it concerns, the findings it stands for."""

    id: str  # "3-2": project 3 of its file, 意见 2; "D1": 总体意见 1 of its file
    file: str
    project_id: str | None
    number: int
    kind: str
    level: str
    text: str
    text_en: str
    lead_rule: str
    rules: list[str] = field(default_factory=list)  # every rule code folded in, lead first
    rows: list[int] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)  # verified document numbers (财预〔2021〕101号 …)
    findings: list[Finding] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)  # department 意见: the project numbers concerned

    def message(self, lang: str = "zh") -> str:
        return self.text_en if lang == "en" else self.text


@dataclass
class ProjectReview:
    file: str
    project_id: str
    index: int  # 1-based position in its file
    code: str | None
    name: str | None
    unit_name: str | None
    page: int | None
    verdict: str
    opinions: list[Opinion] = field(default_factory=list)


@dataclass
class FileReview:
    file: str
    status: str
    verdict: str
    unit_names: list[str] = field(default_factory=list)
    year: str | None = None
    projects: list[ProjectReview] = field(default_factory=list)
    overall: list[Opinion] = field(
        default_factory=list
    )  # 总体意见 (and the reason a file cannot be reviewed)
    local_basis: list[str] = field(default_factory=list)  # the bureau's own 办法 (config ``local_basis``)

    def opinions(self) -> list[Opinion]:
        return list(self.overall) + [o for p in self.projects for o in p.opinions]

    def counts(self) -> dict[str, int]:
        """Projects per verdict."""
        out = {v: 0 for v in VERDICTS}
        for p in self.projects:
            out[p.verdict] += 1
        return out


@dataclass
class Review:
    files: list[FileReview] = field(default_factory=list)

    def opinions(self) -> list[Opinion]:
        return [o for f in self.files for o in f.opinions()]

    def file(self, name: str) -> FileReview | None:
        return next((f for f in self.files if f.file == name), None)
