"""perfaudit.extract.sniff: one decision, and one message, per kind of input.

The same case gets the same status and words whether the batch runner refuses it by name,
the extractor by its bytes, or the Office reader is called directly."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import perfaudit
from perfaudit.batch import InputFile, precheck
from perfaudit.extract.office import OfficeError, xlsx_grids
from perfaudit.extract.sniff import READ_SUFFIXES, Refusal, examine, refuse_by_name

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "fixtures" / "bad"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
LEGACY_XLS = "旧版 Office 格式（.xls）无法读取：请另存为 .xlsx 或 PDF 后再提交"


def _zip(path: Path, member: str) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(member, "<x/>")
    return path


def test_read_suffixes():
    assert READ_SUFFIXES == {".pdf", ".xlsx", ".docx"}
    assert refuse_by_name("a.PDF") is None and refuse_by_name("b.xlsx") is None


@pytest.mark.parametrize(
    "name,modern", [("a.xls", ".xlsx"), ("a.doc", ".docx"), ("a.wps", ".docx"), ("a.et", ".xlsx")]
)
def test_legacy_office_by_name(name, modern):
    r = refuse_by_name(name)
    suffix = Path(name).suffix
    assert r == Refusal("unsupported", f"旧版 Office 格式（{suffix}）无法读取：请另存为 {modern} 或 PDF 后再提交",
                        f"Legacy Office format ({suffix}) is not read: save it as {modern} or PDF")  # fmt: skip


def test_unsupported_by_name():
    assert refuse_by_name("notes.txt").zh == "不支持的文件类型（.txt）：请提交 PDF、.xlsx 或 .docx 文件"
    assert refuse_by_name("README").zh == "不支持的文件类型（无扩展名）：请提交 PDF、.xlsx 或 .docx 文件"
    assert (
        refuse_by_name("README").en
        == "Unsupported file type (no extension): submit a PDF, .xlsx or .docx file"
    )


def test_bytes_decide_the_reader(tmp_path):
    pdf = tmp_path / "table.xlsx"  # a PDF under a spreadsheet's name is read as a PDF
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert examine(pdf) == "pdf"
    assert examine(_zip(tmp_path / "book.xlsx", "xl/workbook.xml")) == "xlsx"
    assert examine(_zip(tmp_path / "doc.docx", "word/document.xml")) == "docx"
    assert examine(_zip(tmp_path / "really-a-doc.xlsx", "word/document.xml")) == "docx"


@pytest.mark.parametrize(
    "name,content,status,zh",
    [
        ("e.pdf", b"", "empty", "文件为空（0 字节）"),
        ("old.xls", OLE + b"\0" * 600, "unsupported", LEGACY_XLS),
        ("renamed.xlsx", OLE + b"\0" * 600, "unsupported", LEGACY_XLS),  # an old .xls renamed: not not_pdf
        ("renamed.docx", OLE + b"\0" * 600, "unsupported", "旧版 Office 格式（.doc）无法读取：请另存为 .docx 或 PDF 后再提交"),
        ("locked.xlsx", OLE + b"\0" * 600 + "EncryptionInfo".encode("utf-16-le"), "encrypted",
         "Office 文件已加密（设有打开密码），请去除密码后重新提交"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "damaged", "文件已损坏，不是有效的 .docx 文件（可能扩展名有误）"),
        ("fake.pdf", b"hello", "not_pdf", "不是PDF文件（扩展名为 .pdf，但内容不是 PDF）"),
        ("ole.pdf", OLE + b"\0" * 600, "not_pdf", "不是PDF文件（扩展名为 .pdf，但内容不是 PDF）"),
        ("data.csv", b"a,b\n", "unsupported", "不支持的文件类型（.csv）：请提交 PDF、.xlsx 或 .docx 文件"),
    ],
)  # fmt: skip
def test_refusals_by_bytes(tmp_path, name, content, status, zh):
    path = tmp_path / name
    path.write_bytes(content)
    found = examine(path)
    assert isinstance(found, Refusal) and (found.status, found.zh) == (status, zh)
    r = perfaudit.extract(path)  # the extractor says the same
    assert (r.status, r.message, r.message_en) == (status, zh, found.en)


def test_the_name_decides_whether_a_file_is_read(tmp_path):
    """The API refuses what the batch runner refuses: a PDF named .txt is not read by either."""
    path = tmp_path / "table.txt"
    path.write_bytes((BAD.parent.parent.parent / "samples" / "clean.pdf").read_bytes()[:2048])
    by_batch = precheck(InputFile(str(path)))
    by_api = perfaudit.extract(path)
    assert (
        (by_batch.status, by_batch.message)
        == (by_api.status, by_api.message)
        == ("unsupported", "不支持的文件类型（.txt）：请提交 PDF、.xlsx 或 .docx 文件")
    )


def test_one_message_whoever_asks(tmp_path):
    """The batch runner (by name), the extractor and the Office reader word a legacy file alike."""
    by_batch = precheck(InputFile(str(BAD / "old-format.xls")))
    by_extractor = perfaudit.extract(BAD / "old-format.xls")
    renamed = tmp_path / "old.xlsx"
    renamed.write_bytes((BAD / "old-format.xls").read_bytes())
    with pytest.raises(OfficeError) as e:
        xlsx_grids(renamed)
    assert by_batch.status == by_extractor.status == e.value.status == "unsupported"
    assert by_batch.message == by_extractor.message == e.value.message_zh == LEGACY_XLS


def test_extract_is_a_function_and_the_subpackage_still_imports():
    """No callable-module trick: ``perfaudit.extract`` is the function, whatever was imported first."""
    import subprocess
    import sys

    code = ("import perfaudit.extract.office, inspect, perfaudit; from perfaudit.extract import extract_file; "
            "assert inspect.isfunction(perfaudit.extract), perfaudit.extract; "
            "assert type(__import__('sys').modules['perfaudit.extract']).__name__ == 'module'; print('ok')")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "ok", out.stderr
