"""Result types shared by the extractor, the rules engine and the reporters.

Everything here is plain data: dataclasses and the column lists of the two tidy
dataframes.  No module in this file imports pdfplumber or any other heavy library.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

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
    {STATUS_NOT_PDF, STATUS_EMPTY, STATUS_ENCRYPTED, STATUS_DAMAGED, STATUS_SCANNED, STATUS_UNSUPPORTED, STATUS_ERROR,
     STATUS_TOO_LARGE, STATUS_TIMEOUT, STATUS_NOT_CHECKED}
)

# --------------------------------------------------------------------------- dataframes

#: fields added for the regional layouts (issue 9), appended to the columns below: (name, meaning)
NEW_PROJECT_FIELDS = (
    ("kind", "project / department / regional (项目 / 部门整体 / 区域绩效目标表)"),
    ("department", "主管部门 (as printed, code included)"),
    ("period", "实施周期 / 项目期限 as printed"),
    ("period_goal", "项目总目标 / 实施期目标 (the whole-period goal)"),
    ("tasks", "department tables: 年度主要任务, list of {name, content, amount}"),
)
NEW_INDICATOR_FIELDS = (
    ("annual_target", "年度指标值 where the table also prints 实施周期指标值 (``target`` holds it too)"),
    ("period_target", "实施周期指标值 / 实施期指标值"),
    ("score", "分值 / 分值权重"),
    ("weight", "权重 / 指标权重(%)"),
    ("core", "是否核心"),
    ("scoring", "评（扣）分标准"),
    ("value_type", "指标值类型"),
    ("explanation", "指标解释"),
    ("remark", "备注"),
)

#: Columns of ``ExtractResult.projects`` (one row per project).
PROJECT_COLUMNS = [
    "file",
    "project_id",  # "<n>" position of the project in its file, 1-based, as a string key
    "code",
    "name",
    "unit_code",
    "unit_name",
    "money_unit",  # 万元 / 元 / 千元
    "budget_total",
    "budget_fiscal",
    "budget_other",
    "use",  # 资金用途
    "goal",  # 年度目标 / 目标内容 without numbering
    "plan",  # list of {"label","value"} (资金支出计划)
    "pages",  # list of 1-based page numbers
    "page",  # first page
    "layout",  # "hebei" / "shanghai" / "generic"
    "title",  # the table title above it, if any
    "extra",  # dict of other labelled fields, label -> text
    "source",  # pdf / ocr / xlsx / docx
    *[name for name, _ in NEW_PROJECT_FIELDS],
]

#: Columns of ``ExtractResult.indicators`` (one row per indicator).
INDICATOR_COLUMNS = [
    "file",
    "project_id",
    "project_code",
    "project_name",
    "page",
    "row",  # 1-based position of the indicator inside its project
    "level1",
    "level2",
    "level3",
    "description",  # 绩效指标描述 / 指标解释 (None where the layout has none)
    "target",  # 指标值 exactly as written (whitespace-normalised)
    "basis",  # 指标值确定依据
    "operator",  # ≥ ≤ = > < or None
    "value",  # float or None
    "unit",  # unit as written, e.g. 百分比, 万元, 平方米, %
    "target_kind",  # number / deadline / qualitative / empty
    "confidence",  # 1.0 for text layers and office files; OCR confidence (min of the row's cells)
    *[name for name, _ in NEW_INDICATOR_FIELDS],
]


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
        """The stable JSON shape documented in README (``perfaudit extract --format json``)."""
        from .extract.serialize import result_to_dict

        return result_to_dict(self, lang=lang)


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
    opinion: str | None = None  # id of the 意见 this finding belongs to ("3-2", "D1"), set by perfaudit.review

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
