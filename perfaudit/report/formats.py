"""The output formats of ``perfaudit check``: one row each in :data:`FORMATS`.

A format is one module with a function ``write_check(target, audit, options) -> list[str]``
(the paths it wrote) and one :class:`OutputFormat` row here.  The CLI adds an option
``--NAME PATH`` per row and writes every format the user asked for; nothing else in the CLI
knows the formats.  See CONTRIBUTING.md, "Adding an output format".
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import Audit


@dataclass(frozen=True)
class ExportOptions:
    """What a writer may need besides the audit: the language, the letters' file type."""

    lang: str = "zh"
    letters_format: str = "docx"


@dataclass(frozen=True)
class OutputFormat:
    #: the option name (``--csv``) and the key in the CLI's table of targets
    name: str
    #: what the target is: a file suffix (``.csv``), or ``/`` for a folder of files (one per input)
    suffix: str
    #: ``module:function`` of the writer, imported only when the format is asked for
    writer: str
    #: the option's help, Chinese / English
    help: str

    @property
    def option(self) -> str:
        return f"--{self.name}"

    @property
    def metavar(self) -> str:
        return "DIR" if self.suffix == "/" else f"FILE{self.suffix}"

    def write(self, target: Path, audit: Audit, options: ExportOptions) -> list[str]:
        """Write ``audit`` to ``target``; returns the paths written."""
        module, _, func = self.writer.partition(":")
        return list(getattr(importlib.import_module(module), func)(target, audit, options))


FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("csv", ".csv", "perfaudit.report.csv:write_check",
                 "导出问题清单 CSV（UTF-8 BOM）/ findings as CSV"),
    OutputFormat("xlsx", ".xlsx", "perfaudit.report.xlsx:write_check",
                 "导出 Excel 工作簿 / findings as an xlsx workbook"),
    OutputFormat("json", ".json", "perfaudit.report.json:write_check", "导出 JSON / findings as JSON"),
    OutputFormat("html", ".html", "perfaudit.report.html:write_check",
                 "导出可离线查看的网页 / self-contained HTML report"),
    OutputFormat("letters", "/", "perfaudit.report.letters:write_check",
                 "每个文件写一份审核意见书到此目录 / write one letter per file here"),
    OutputFormat("annotate", "/", "perfaudit.report.annotate:write_check",
                 "每个文件写一份带批注的 PDF 副本到此目录 / annotated PDF copies here"),
)  # fmt: skip


def get_format(name: str) -> OutputFormat:
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)
