"""Which files perfaudit reads, decided here only: the suffix and the first bytes of a file.

:func:`refuse_by_name` is asked before a file is opened (the batch runner: a ``.txt`` or a
legacy ``.xls`` never reaches a worker); :func:`examine` looks at the bytes and says which
reader takes the file (``pdf``, ``xlsx``, ``docx``) or why none does.  Each case has one
status and one message (Chinese and English), whoever asks:

========================  ===============  =============================================
case                      status           message (zh)
========================  ===============  =============================================
0 bytes                   ``empty``        文件为空（0 字节）
legacy .xls/.doc/.wps/.et ``unsupported``  旧版 Office 格式（.xls）无法读取：请另存为 .xlsx …
  (by name, or an OLE2
  file named .xlsx/.docx)
password-protected        ``encrypted``    Office 文件已加密（设有打开密码）…
  .xlsx/.docx (OLE2)
.xlsx/.docx not a valid   ``damaged``      文件已损坏，不是有效的 .xlsx 文件 …
  package
.pdf without PDF bytes    ``not_pdf``      不是PDF文件（扩展名为 .pdf，但内容不是 PDF）
any other suffix          ``unsupported``  不支持的文件类型（.txt）：请提交 PDF、.xlsx 或 .docx 文件
========================  ===============  =============================================

The name decides whether a file is read at all (the same answer for ``perfaudit check``,
which refuses by name before opening a file, and for ``perfaudit.extract``); among the names
read, the bytes decide the reader: a PDF named ``x.xlsx`` is read as a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import i18n
from ..models import STATUS_DAMAGED, STATUS_EMPTY, STATUS_ENCRYPTED, STATUS_NOT_PDF, STATUS_UNSUPPORTED

#: the suffixes perfaudit reads
READ_SUFFIXES = frozenset({".pdf", ".xlsx", ".docx"})

#: legacy formats and the format to save them as
LEGACY_OFFICE = {".xls": ".xlsx", ".doc": ".docx", ".wps": ".docx", ".et": ".xlsx"}

#: suffixes that, found in a walked directory, are reported as unsupported instead of ignored
DOCUMENT_SUFFIXES = frozenset(
    {
        ".xls", ".doc", ".wps", ".et", ".dps", ".ofd", ".rtf", ".odt", ".ods", ".txt",
        ".csv", ".ppt", ".pptx", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp",
        ".zip", ".rar", ".7z", ".xlsm", ".docm", ".htm", ".html", ".xml",
    }
)  # fmt: skip

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARKS = (
    b"EncryptedPackage",
    "EncryptedPackage".encode("utf-16-le"),
    "EncryptionInfo".encode("utf-16-le"),
)
#: the suffixes of a legacy file by the format it poses as
_LEGACY_OF = {".xlsx": ".xls", ".docx": ".doc"}


@dataclass(frozen=True)
class Refusal:
    """Why a file is not read: its status and one line in Chinese and English."""

    status: str
    zh: str
    en: str


def refuse_by_name(path: str | Path) -> Refusal | None:
    """A refusal decided from the name alone (legacy Office or unsupported suffix), else None."""
    suffix = Path(path).suffix.lower()
    if suffix in READ_SUFFIXES:
        return None
    if suffix in LEGACY_OFFICE:
        return _legacy(suffix)
    return Refusal(STATUS_UNSUPPORTED, i18n.t("input.unsupported", "zh", suffix=suffix or "无扩展名"),
                   i18n.t("input.unsupported", "en", suffix=suffix or "no extension"))  # fmt: skip


def examine(path: str | Path) -> str | Refusal:
    """``pdf``, ``xlsx`` or ``docx`` (the reader to use), or the :class:`Refusal`.

    The name decides whether a file is read at all (:func:`refuse_by_name`, as the batch runner
    does before opening it); the bytes decide which reader takes a file that is."""
    path = Path(path)
    refusal = refuse_by_name(path)
    if refusal is not None:
        return refusal
    suffix = path.suffix.lower()
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if not head:
        return Refusal(STATUS_EMPTY, "文件为空（0 字节）", "empty file (0 bytes)")
    if b"%PDF" in head:
        return "pdf"
    if head.startswith(b"PK"):
        kind = _package_kind(path)
        if kind is not None:
            return kind
    if head.startswith(_OLE_MAGIC) and suffix in _LEGACY_OF:  # an old .xls/.doc renamed, or a password
        return _ole(path, suffix)
    return wrong_content(suffix)


def _package_kind(path: Path) -> str | None:
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    return None


def _ole(path: Path, suffix: str) -> Refusal:
    """An OLE2 file named .xlsx/.docx: password-protected (the package is encrypted inside), or legacy."""
    with open(path, "rb") as fh:
        blob = fh.read(1 << 20)
    if any(m in blob for m in _ENCRYPTED_MARKS):
        return Refusal(STATUS_ENCRYPTED, "Office 文件已加密（设有打开密码），请去除密码后重新提交",
                       "encrypted Office file (password to open): remove the password and resubmit")  # fmt: skip
    return _legacy(_LEGACY_OF[suffix])


def _legacy(suffix: str) -> Refusal:
    kw = {"suffix": suffix, "modern": LEGACY_OFFICE[suffix]}
    return Refusal(STATUS_UNSUPPORTED, i18n.t("input.legacy_office", "zh", **kw),
                   i18n.t("input.legacy_office", "en", **kw))  # fmt: skip


def wrong_content(suffix: str) -> Refusal:
    """A file named .pdf/.xlsx/.docx whose bytes are not that format (nor another one read)."""
    if suffix == ".pdf":
        return Refusal(STATUS_NOT_PDF, "不是PDF文件（扩展名为 .pdf，但内容不是 PDF）",
                       "not a PDF (the name ends in .pdf but the content is not PDF)")  # fmt: skip
    return Refusal(STATUS_DAMAGED, f"文件已损坏，不是有效的 {suffix} 文件（可能扩展名有误）",
                   f"damaged file: not a valid {suffix} file (or a wrong suffix)")  # fmt: skip
