"""Result types shared by the extractor, the rules engine and the reporters.

Everything here is plain data: dataclasses and the column lists of the two tidy
dataframes (declared field by field in :mod:`perfaudit.record`).  No module in this file
imports pdfplumber or any other heavy library.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from . import record

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

# --------------------------------------------------------------------------- status

#: File-level status values.  ``ok`` means at least one 绩效目标表 was read.
STATUS_OK = "ok"
STATUS_NO_TABLES = "no_tables"  # a readable document holding no 绩效目标表
STATUS_NOT_PDF = "not_pdf"  # the bytes are not a PDF (or not the office file the suffix claims)
STATUS_EMPTY = "empty"  # zero bytes
STATUS_ENCRYPTED = "encrypted"  # password protected, the empty password did not open it
STATUS_DAMAGED = "damaged"  # a PDF/xlsx/docx that cannot be parsed
STATUS_SCANNED = "scanned"  # image-only pages and OCR not available / found nothing
STATUS_UNSUPPORTED = "unsupported"  # a file type perfaudit does not read (.xls, .doc, .txt …)
STATUS_ERROR = "error"  # an unexpected failure; details only with --debug
STATUS_TOO_LARGE = "too_large"  # over a limit of perfaudit.limits (size, memory): 过大
STATUS_TIMEOUT = "timeout"  # not read within --timeout: 超时
STATUS_NOT_CHECKED = "not_checked"  # the run was interrupted before this file was read: 未检查

#: statuses whose files count as "unreadable" in reports and exit codes
UNREADABLE_STATUSES = frozenset(
    {
        STATUS_NOT_PDF,
        STATUS_EMPTY,
        STATUS_ENCRYPTED,
        STATUS_DAMAGED,
        STATUS_SCANNED,
        STATUS_UNSUPPORTED,
        STATUS_ERROR,
        STATUS_TOO_LARGE,
        STATUS_TIMEOUT,
        STATUS_NOT_CHECKED,
    }
)

# --------------------------------------------------------------------------- dataframes

#: Columns of ``ExtractResult.projects`` (one row per project) and ``.indicators`` (one row per
#: indicator): derived from the records of :mod:`perfaudit.record`, where each field is declared once.
PROJECT_COLUMNS = record.PROJECT_COLUMNS
INDICATOR_COLUMNS = record.INDICATOR_COLUMNS


@dataclass
class Problem:
    """Something the extractor noticed in one file that is not a finding about content."""

    code: str  # e.g. "page_ocr", "row_incomplete", "cid_text"
    message: str  # Chinese
    message_en: str
    page: int | None = None


@dataclass
class ExtractResult:
    """What ``perfaudit.extract(path)`` returns for one file."""

    file: str
    pages: int
    status: str
    message: str  # one line, Chinese; "" when status is ok
    message_en: str
    projects: pd.DataFrame
    indicators: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    #: ``(project_id, row) -> (page, (x0, top, x1, bottom))``: where each indicator row sits on its
    #: page, in PDF points (PDF text layers and scans; empty for office files)
    row_boxes: dict[tuple[str, int], tuple[int, tuple[float, ...]]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The stable JSON shape documented in README (``perfaudit extract --format json``).

        Its project and indicator keys are the ``json`` fields of :mod:`perfaudit.record`."""
        zh = lang == "zh"
        return {
            "file": self.file,
            "pages": self.pages,
            "status": self.status,
            "message": self.message if zh else self.message_en,
            "problems": [
                {"code": pr.code, "page": pr.page, "message": pr.message if zh else pr.message_en}
                for pr in self.problems
            ],
            "projects": record.frame_to_json(self.projects, self.indicators),
        }


# --------------------------------------------------------------------------- findings

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass
class Finding:
    """One defect, pointing at file, page, project and indicator."""

    file: str
    rule: str  # stable code, e.g. "PA201"
    slug: str
    category: str
    severity: str
    message: str  # one sentence, Chinese
    message_en: str
    page: int | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    project_id: str | None = None
    project_code: str | None = None
    project_name: str | None = None
    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    target: str | None = None
    indicator_row: int | None = None  # ``row`` of the indicator inside its project
    related: list[str] = field(default_factory=list)  # e.g. the projects of a copy-paste cluster
    low_confidence: bool = False  # based on an OCR cell below the confidence threshold
    opinion: str | None = (
        None  # id of the 意见 this finding belongs to ("3-2", "D1"), set by perfaudit.review
    )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
