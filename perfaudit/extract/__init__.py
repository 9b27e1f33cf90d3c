"""Read every 绩效目标表 of one file into an :class:`~perfaudit.models.ExtractResult`.

The dispatcher sniffs the file (:mod:`.sniff`: bytes and suffix, never the suffix alone; the
one place that decides which files are read and what a refused file's message is), turns each source
into :class:`~perfaudit.extract.grid.Grid` objects (PDF text layer, OCR of scanned
pages, xlsx, docx) and hands them to the label-driven parser.  It never raises for bad
input: the result carries a status and a one-line message in Chinese and English.

:func:`read_file` stops short of the DataFrames: its :class:`Reading` holds the projects as
plain dicts (the JSON shape), so a worker process that reads files never imports pandas and
sends back a small pickle; :meth:`Reading.result` makes the :class:`ExtractResult`.
:func:`extract_file` is the two steps in one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..limits import LimitExceeded
from ..models import (
    STATUS_DAMAGED,
    STATUS_ENCRYPTED,
    STATUS_ERROR,
    STATUS_NO_TABLES,
    STATUS_OK,
    STATUS_SCANNED,
    STATUS_TOO_LARGE,
    STATUS_UNSUPPORTED,
    ExtractResult,
    Problem,
)
from .pdf import PdfSettings
from .sniff import Refusal, examine

log = logging.getLogger("perfaudit")


@dataclass
class ExtractSettings:
    pdf: PdfSettings = field(default_factory=PdfSettings)
    ocr: bool = True  # OCR pages without a usable text layer (needs rapidocr + onnxruntime)
    ocr_dpi: int | None = None  # None: each scanned page at its own image's resolution (150-300 dpi)
    password: str = ""  # tried when a PDF is encrypted (the empty password first)


@dataclass
class Reading:
    """One file as read, before its tables become DataFrames (what a reading worker sends back).

    ``projects`` are the parser's project dicts in the JSON shape of :mod:`perfaudit.record`;
    :meth:`result` turns them into the :class:`~perfaudit.models.ExtractResult` everyone else uses."""

    file: str
    pages: int
    status: str
    message: str
    message_en: str
    projects: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    row_boxes: dict = field(default_factory=dict)

    def result(self) -> ExtractResult:
        from ..record import frames

        projects_df, indicators_df = frames(self.file, self.projects)
        return ExtractResult(self.file, self.pages, self.status, self.message, self.message_en, projects_df,
                             indicators_df, list(self.problems), dict(self.row_boxes))  # fmt: skip


def as_result(got: ExtractResult | Reading) -> ExtractResult:
    """An ExtractResult from either form (a custom extractor may return an ExtractResult itself)."""
    return got.result() if isinstance(got, Reading) else got


def empty_reading(file: str, status: str, message: str, message_en: str, pages: int = 0,
                  problems: list[Problem] | None = None) -> Reading:  # fmt: skip
    """A reading with no projects: an input that could not be read or holds no table."""
    return Reading(file, pages, status, message, message_en, [], list(problems or []))


class _Fail(Exception):
    def __init__(self, status: str, zh: str, en: str):
        super().__init__(en)
        self.status, self.zh, self.en = status, zh, en


def extract_file(path, settings: ExtractSettings | None = None) -> ExtractResult:
    """Read one file; never raises for bad input (the result's status and message say why).

    Which reader takes the file, or why none does, is decided by :mod:`perfaudit.extract.sniff`."""
    return read_file(path, settings).result()


def read_file(path, settings: ExtractSettings | None = None) -> Reading:
    """:func:`extract_file` without the DataFrames (no pandas): what a worker process does."""
    settings = settings or ExtractSettings()
    path = Path(path)
    name = str(path)
    try:
        if not path.exists():
            raise _Fail(STATUS_ERROR, "文件不存在", "file not found")
        if path.is_dir():
            raise _Fail(STATUS_UNSUPPORTED, "这是文件夹，不是文件", "a directory, not a file")
        kind = examine(path)
        if isinstance(kind, Refusal):
            raise _Fail(kind.status, kind.zh, kind.en)
        if kind == "pdf":
            return _extract_pdf(path, settings)
        return _extract_office(path, kind, settings)
    except _Fail as f:
        return empty_reading(name, f.status, f.zh, f.en)
    except LimitExceeded as e:  # over a limit: said so, never cut short into wrong data
        return empty_reading(name, STATUS_TOO_LARGE, e.message_zh, e.message_en)
    except MemoryError:
        raise  # the batch runner reports it with the memory limit and restarts the worker
    except Exception as e:  # never a traceback for the auditor; --debug logs it
        log.debug("unexpected error reading %s", name, exc_info=True)
        return empty_reading(
            name,
            STATUS_ERROR,
            f"读取时发生意外错误（{type(e).__name__}），可加 --debug 查看详情",
            f"unexpected error ({type(e).__name__}); rerun with --debug for details",
        )


def _open_pdf(path: Path, settings: ExtractSettings):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    passwords = [""] + ([settings.password] if settings.password else [])
    for i, pw in enumerate(passwords):
        try:
            pdf = pdfplumber.open(path, password=pw)
            _ = pdf.pages  # forces the page tree to be read
            return pdf
        except PdfminerException as e:  # pdfplumber wraps pdfminer's errors
            cause = e.args[0] if e.args else e
            if isinstance(cause, LimitExceeded | MemoryError):
                raise cause from None
            if (
                isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError)
                or "password" in str(cause).lower()
            ):
                if i < len(passwords) - 1:
                    continue
                raise _Fail(
                    STATUS_ENCRYPTED,
                    "PDF已加密（需要打开密码），无法读取",
                    "encrypted PDF (password required)",
                ) from None
            log.debug("damaged pdf %s", path, exc_info=True)
            raise _Fail(
                STATUS_DAMAGED,
                "PDF文件损坏，无法解析",
                f"damaged PDF, cannot be parsed ({type(cause).__name__})",
            ) from None
        except (PDFPasswordIncorrect, PDFEncryptionError):
            if i == len(passwords) - 1:
                raise _Fail(
                    STATUS_ENCRYPTED,
                    "PDF已加密（需要打开密码），无法读取",
                    "encrypted PDF (password required)",
                ) from None
        except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError, OSError) as e:
            log.debug("damaged pdf %s", path, exc_info=True)
            raise _Fail(
                STATUS_DAMAGED, "PDF文件损坏，无法解析", f"damaged PDF, cannot be parsed ({type(e).__name__})"
            ) from None
    raise AssertionError("unreachable")


def _extract_pdf(path: Path, settings: ExtractSettings, problems: list[Problem] | None = None) -> Reading:
    from .caps import install
    from .parse import parse_grids_checked, row_boxes
    from .pdf import rebuild_page_tree

    install()  # pdfminer inflates streams and builds character maps only within the limits
    pdf = _open_pdf(path, settings)
    if problems is None:  # the first reading: is the page tree whole?
        rebuilt = rebuild_page_tree(path, len(pdf.pages), settings.password)
        if rebuilt is not None:
            pdf.close()
            return _extract_rebuilt(path, rebuilt, settings)
    problems = list(problems or [])
    try:
        npages = len(pdf.pages)
        grids, scan_pages, sideways = _read_pages(pdf, path, settings, problems)
    finally:
        pdf.close()
    if scan_pages:
        grids, problems = _ocr_pages(path, grids, scan_pages, problems, settings)
    projects, issues = parse_grids_checked([g for g in grids if not isinstance(g, tuple)])
    if projects:
        result = _read_result(str(path), npages, projects, problems, issues)
        return replace(result, row_boxes=row_boxes(projects))
    return _no_table(str(path), npages, problems, scan_pages, sideways)


def _read_pages(
    pdf, path: Path, settings: ExtractSettings, problems: list[Problem]
) -> tuple[list, list[int], list[int]]:
    """(grids, scanned pages, sideways pages) of the text layer; a scanned page is a ("scan", index)
    placeholder among the grids.  A page that cannot be parsed is skipped and named in ``problems``."""
    from .pdf import classify_page, dedupe_page, lean_objects, page_grids, pages_without_tables

    grids: list = []
    scan_pages: list[int] = []
    sideways: list[int] = []  # 1-based pages whose text runs vertically (page turned by 90°)
    prev_had_table = False
    plain = pages_without_tables(
        path, settings.password, len(pdf.pages), settings.pdf
    )  # no pdfminer parse for these
    for page in pdf.pages:
        try:
            if page.page_number - 1 in plain and not prev_had_table:
                continue
            lean_objects(page)  # the same character dicts, made faster
            info = classify_page(page, settings.pdf)
            if info.kind in ("scan", "garbled"):
                _check_render_size(page, settings)
                scan_pages.append(info.index)
                grids.append(("scan", info.index))
                prev_had_table = True
                continue
            if info.kind == "sideways":
                sideways.append(info.index + 1)
            if not (settings.pdf.all_pages or info.has_anchor or prev_had_table):
                prev_had_table = False
                continue
            # de-duplicate fake-bold glyphs only where tables are searched: ~15 % of a page's cost
            found = page_grids(dedupe_page(page, settings.pdf.dedupe_tolerance), settings.pdf)
            grids.extend(found)
            prev_had_table = bool(found) and info.has_anchor
        except (LimitExceeded, MemoryError):
            raise
        except Exception as e:
            _reraise_limit(e)
            log.debug("page %s failed", page.page_number, exc_info=True)
            problems.append(
                Problem(
                    "page_damaged",
                    f"第 {page.page_number} 页无法解析，已跳过",
                    f"page {page.page_number} could not be parsed ({type(e).__name__})",
                    page.page_number,
                )
            )
            prev_had_table = False
        finally:
            page.close()  # drop the page's parsed objects: memory stays flat on long files
    return grids, scan_pages, sideways


def _no_table(name: str, npages: int, problems: list[Problem], scan_pages: list[int],
              sideways: list[int]) -> Reading:  # fmt: skip
    """A PDF in which no 绩效目标表 was found: the status and the reason that fits best."""
    all_scanned = bool(scan_pages) and len(scan_pages) == npages
    if all_scanned and any(p.code == "ocr_unavailable" for p in problems):
        return empty_reading(
            name,
            STATUS_SCANNED,
            "扫描件（图片型PDF，无文字层），本机未安装OCR组件，无法识别",
            "image-only scan (no text layer) and OCR is not available",
            npages,
            problems,
        )
    untrusted = [p for p in problems if p.code == "ocr_untrusted"]
    if untrusted:
        return empty_reading(
            name, STATUS_NO_TABLES, untrusted[0].message, untrusted[0].message_en, npages, problems
        )
    if all_scanned:
        return empty_reading(
            name,
            STATUS_NO_TABLES,
            f"扫描件经OCR识别后未找到绩效目标表（共 {npages} 页）",
            f"scanned document: no performance-target table found after OCR ({npages} pages)",
            npages,
            problems,
        )
    if sideways:
        pages = "、".join(str(p) for p in sideways[:5]) + ("…" if len(sideways) > 5 else "")
        return empty_reading(
            name,
            STATUS_NO_TABLES,
            f"未找到绩效目标表（共 {npages} 页；第 {pages} 页文字方向是竖的，页面可能被旋转，请转正后重新导出 PDF）",
            f"no performance-target table found ({npages} pages; text on page(s) {pages} runs vertically: "
            "the page may be turned by 90°, rotate it upright and export again)",
            npages,
            problems,
        )
    return empty_reading(
        name,
        STATUS_NO_TABLES,
        f"未找到绩效目标表（共 {npages} 页）",
        f"no performance-target table (绩效目标表) found in {npages} pages",
        npages,
        problems,
    )


def _extract_rebuilt(path: Path, rebuilt, settings: ExtractSettings) -> Reading:
    """Read the copy pdfium rebuilt (``rebuilt`` = (tmp path, pages seen, pages in the tree)) as ``path``."""

    tmp, seen, listed = rebuilt
    note = Problem(
        "page_tree_damaged",
        f"PDF 的页面目录已损坏（目录中 {listed} 页，实际可见 {seen} 页），已按 PDF 阅读器可见的页面读取",
        f"the PDF's page tree is damaged ({listed} pages listed, {seen} visible); read as a PDF viewer shows it",
    )
    try:
        result = _extract_pdf(tmp, settings, [note])
    finally:
        tmp.unlink(missing_ok=True)
    return replace(result, file=str(path))  # the frames take their file column from it


_MEMORY_HINTS = ("memory", "cannot allocate", "map segment", "bad_alloc", "failed to create bitmap")


def _raise_if_memory(e: BaseException) -> None:
    """An OCR library that cannot load, or a page that cannot be rendered, for want of memory
    is the worker's memory limit at work: report 过大, never "OCR not installed"."""
    seen: BaseException | None = e
    while seen is not None:
        if isinstance(seen, MemoryError) or any(h in str(seen).lower() for h in _MEMORY_HINTS):
            raise MemoryError(str(seen)) from None
        seen = seen.__cause__ or seen.__context__


def _reraise_limit(e: BaseException) -> None:
    """pdfplumber wraps what pdfminer raises: a limit or memory error inside is the file's, not the page's."""
    cause = e.args[0] if getattr(e, "args", None) else None
    if isinstance(cause, LimitExceeded | MemoryError):
        raise cause from None
    if isinstance(e.__cause__ or e.__context__, LimitExceeded | MemoryError):
        raise (e.__cause__ or e.__context__) from None


def _check_render_size(page, settings: ExtractSettings) -> None:
    """A page read by OCR is rendered at ``ocr_dpi`` (or at most 300 dpi, the highest resolution the
    scan path chooses from the image itself): refuse pages beyond the pixel budget (a 14400 pt page
    would be a 1.6-gigapixel image)."""
    from ..limits import UNIT_PIXELS, check, current
    from .scan_prep import MAX_DPI

    dpi = settings.ocr_dpi or MAX_DPI
    scale = dpi / 72.0
    w, h = float(page.width) * scale, float(page.height) * scale
    pixels = int(w) * int(h)
    check(
        pixels,
        current().max_pixels,
        f"第 {page.page_number} 页为扫描图片，按 {dpi} dpi 识别需 {int(w):,}×{int(h):,} 像素",
        f"page {page.page_number} is an image needing {int(w):,}x{int(h):,} pixels at {dpi} dpi",
        UNIT_PIXELS,
        "--max-megapixels",
    )


def _ocr_pages(path, grids, scan_pages, problems, settings: ExtractSettings):
    """Replace the ("scan", index) placeholders by OCR grids, in page order."""
    out = []
    unavailable = None
    if not settings.ocr:
        unavailable = ("OCR 已关闭", "OCR is switched off")
    for g in grids:
        if not isinstance(g, tuple):
            out.append(g)
            continue
        index = g[1]
        if unavailable is None:
            try:
                from .ocr import OcrUnavailable
                from .scan import ScanError, ScanSettings
                from .scan import page_grids as scan_page_grids
                from .scan_quality import judge_page

                try:
                    found, _ctx = scan_page_grids(path, index, ScanSettings(dpi=settings.ocr_dpi))
                    found, judged = judge_page(found, index + 1)
                    out.extend(found)
                    problems.extend(judged)
                    problems.append(
                        Problem(
                            "page_ocr",
                            f"第 {index + 1} 页为扫描图片，已OCR识别",
                            f"page {index + 1} is an image; read by OCR",
                            index + 1,
                        )
                    )
                except OcrUnavailable as e:
                    _raise_if_memory(e)
                    unavailable = (getattr(e, "message_zh", str(e)), getattr(e, "message_en", str(e)))
                except ScanError as e:
                    _raise_if_memory(e)
                    problems.append(
                        Problem(
                            "page_unreadable",
                            f"第 {index + 1} 页（扫描图片）无法识别：{e.message_zh}",
                            f"page {index + 1} (image) could not be read: {e.message_en}",
                            index + 1,
                        )
                    )
            except ImportError as e:
                _raise_if_memory(e)
                unavailable = (f"OCR组件不可用（{e.name}）", f"OCR not available ({e.name})")
        if unavailable is not None:
            problems.append(
                Problem(
                    "ocr_unavailable",
                    f"第 {index + 1} 页为扫描图片，{unavailable[0]}，无法识别",
                    f"page {index + 1} is an image; {unavailable[1]}",
                    index + 1,
                )
            )
    return out, problems


def _extract_office(path: Path, kind: str, settings: ExtractSettings) -> Reading:
    from .office import OfficeError, docx_grids, xlsx_grids
    from .parse import parse_grids_checked

    try:
        grids = xlsx_grids(path) if kind == "xlsx" else docx_grids(path)
    except OfficeError as e:
        raise _Fail(
            getattr(e, "status", STATUS_DAMAGED), e.args[0], e.args[1] if len(e.args) > 1 else e.args[0]
        ) from None
    projects, issues = parse_grids_checked(grids)
    npages = len({g.page for g in grids})
    if not projects:
        return empty_reading(
            str(path),
            STATUS_NO_TABLES,
            f"未找到绩效目标表（{kind} 文件，共 {len(grids)} 个表格）",
            f"no performance-target table found ({kind}, {len(grids)} tables)",
            npages,
        )
    return _read_result(str(path), npages, projects, [], issues)


def _read_result(name, npages, projects, problems, issues) -> Reading:
    """A file whose tables were read; what the parser could not match makes it a partial read."""
    problems = list(problems) + [Problem(i.code, i.zh, i.en, i.page) for i in issues]
    if not issues:
        return Reading(name, npages, STATUS_OK, "", "", projects, problems)
    zh = f"部分内容未能完整识别（{len(issues)} 处），提取结果可能不完整，请对照原件核对"
    en = f"partly read: {len(issues)} place(s) could not be matched; the extraction may be incomplete"
    return Reading(name, npages, STATUS_OK, zh, en, projects, problems)
