"""``--annotate DIR``: a copy of each submitted document with every 意见 as a PDF annotation.

* a row 意见 becomes a highlight over its rows' cells (one annotation per page the rows
  are on), its text, level and basis as the annotation's note;
* a project 意见 without rows becomes a note beside the project's first row;
* a 总体意见 (or the reason a file could not be reviewed) a note at the top of page 1.

PDFs (text layer or scans) are copied and annotated with pypdf: the original file is never
written.  xlsx/docx files have no pages, so their extracted table is first rendered to a
PDF page per project (reportlab, CID font STSong-Light) and the annotations go on that.

:func:`marks` (where each 意见 sits) is shared with the workbench's page view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePath

from .. import i18n
from ..models import ExtractResult
from ..review import FileReview, Opinion

#: highlight colours per 意见 level (RGB hex)
LEVEL_COLOURS = {"return": "ff6b6b", "revise": "ffb020", "advice": "7ec8ff"}
NOTE_SIZE = 18.0  # points: the box of a note annotation
HEAD = {"zh": "意见{id}（{level}）：", "en": "Opinion {id} ({level}): "}


@dataclass
class Mark:
    """Where one 意见 is shown on one page: row boxes to highlight, or one note position."""

    opinion: str  # Opinion.id
    page: int  # 1-based
    boxes: list[tuple[float, float, float, float]] = field(
        default_factory=list
    )  # x0, top, x1, bottom (points)
    note_at: tuple[float, float] | None = None  # x, top of a note (no rows to highlight)
    level: str = "advice"


def note_text(o: Opinion, lang: str = "zh") -> str:
    """The note of an annotation: 意见 number, level, text and basis."""
    head = HEAD[i18n.norm_lang(lang)].format(id=o.id, level=i18n.label("level", o.level, lang))
    basis = ("\n" + i18n.t("review.basis", lang, docs="、".join(o.basis))) if o.basis else ""
    return f"{head}{o.message(lang)}{basis}"


def marks(fr: FileReview, boxes: dict[tuple[str, int], tuple[int, tuple[float, ...]]]) -> list[Mark]:
    """Every 意见 of one file placed on its page(s), from the rows' ``(page, bbox)``."""
    out: list[Mark] = [
        Mark(o.id, 1, note_at=(18.0, 18.0 + 22 * i), level=o.level) for i, o in enumerate(fr.overall)
    ]
    for p in fr.projects:
        own = sorted((row, pb) for (pid, row), pb in boxes.items() if pid == p.project_id)
        for o in p.opinions:
            by_page: dict[int, list[tuple[float, float, float, float]]] = {}
            for row in o.rows:
                pb = boxes.get((p.project_id, row))
                if pb:
                    by_page.setdefault(pb[0], []).append(tuple(pb[1]))
            if by_page:
                out += [Mark(o.id, page, bs, level=o.level) for page, bs in sorted(by_page.items())]
            elif own:
                page, box = own[0][1]
                out.append(Mark(o.id, page, note_at=(max(box[0] - NOTE_SIZE - 2, 2.0), box[1] + 4 * o.number),
                                level=o.level))  # fmt: skip
            else:
                out.append(Mark(o.id, p.page or 1, note_at=(18.0, 18.0 + 22 * o.number), level=o.level))
    return out


def _annotation(mark: Mark, text: str, page_height: float, origin: tuple[float, float]):
    """A pypdf Highlight (rows) or Text (note) annotation, in the page's own coordinates."""
    from pypdf.annotations import Highlight, Text
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    ox, oy = origin

    def pdf_rect(b):  # pdfplumber's top-down box -> PDF user space (bottom-up)
        return (ox + b[0], oy + page_height - b[3], ox + b[2], oy + page_height - b[1])

    if mark.boxes:
        rects = [pdf_rect(b) for b in mark.boxes]
        quads = ArrayObject()
        for x0, y0, x1, y1 in rects:
            quads.extend(FloatObject(v) for v in (x0, y1, x1, y1, x0, y0, x1, y0))
        rect = (
            min(r[0] for r in rects),
            min(r[1] for r in rects),
            max(r[2] for r in rects),
            max(r[3] for r in rects),
        )
        annot = Highlight(
            rect=rect, quad_points=quads, highlight_color=LEVEL_COLOURS.get(mark.level, "ffe066")
        )
    else:
        x, top = mark.note_at or (18.0, 18.0)
        rect = pdf_rect((x, top, x + NOTE_SIZE, top + NOTE_SIZE))
        annot = Text(rect=rect, text=text, open=False)
        annot[NameObject("/C")] = ArrayObject(FloatObject(int(LEVEL_COLOURS.get(mark.level, "ffe066")[i:i + 2], 16) / 255)
                                              for i in (0, 2, 4))  # fmt: skip
    annot[NameObject("/Contents")] = TextStringObject(text)
    annot[NameObject("/T")] = TextStringObject("perfaudit")
    annot[NameObject("/NM")] = TextStringObject(f"perfaudit-{mark.opinion}-p{mark.page}")
    annot[NameObject("/Subj")] = TextStringObject(f"意见 {mark.opinion}")
    return annot


def annotate_pdf(source, target: str | Path, fr: FileReview, boxes, lang: str = "zh") -> int:
    """Write ``target``: the PDF ``source`` (path or bytes) with every 意见 of ``fr``; returns the count."""
    import io

    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    writer = PdfWriter(clone_from=reader)
    texts = {o.id: note_text(o, lang) for o in fr.opinions()}
    n = 0
    for mark in marks(fr, boxes):
        if not 1 <= mark.page <= len(writer.pages):
            continue
        box = writer.pages[mark.page - 1].mediabox
        annot = _annotation(
            mark, texts[mark.opinion], float(box.height), (float(box.left), float(box.bottom))
        )
        writer.add_annotation(mark.page - 1, annot)
        n += 1
    with open(target, "wb") as fh:
        writer.write(fh)
    return n


def page_source(result: ExtractResult) -> tuple[object, dict]:
    """The PDF to show/annotate for a file and the rows' boxes on it: the file itself, or a rendering."""
    if PurePath(result.file).suffix.lower() == ".pdf":
        return result.file, result.row_boxes
    from .table_pdf import render_tables_pdf

    return render_tables_pdf(result)


def annotated_name(file: str, taken: set[str]) -> str:
    stem = PurePath(file).stem + (
        "" if PurePath(file).suffix.lower() == ".pdf" else PurePath(file).suffix.replace(".", "-")
    )
    name, n = f"{stem}-批注.pdf", 2
    while name in taken:
        name, n = f"{stem}-批注-{n}.pdf", n + 1
    taken.add(name)
    return name


def write_annotated(
    directory: str | Path, results: list[ExtractResult], review, lang: str = "zh"
) -> list[str]:
    """One annotated PDF per readable input (files without tables have nothing to mark)."""
    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    paths = []
    for r in results:
        fr = review.file(r.file)
        if fr is None or not r.ok:
            continue
        source, boxes = page_source(r)
        target = out_dir / annotated_name(r.file, taken)
        if Path(target).resolve() == Path(r.file).resolve():  # never overwrite the original
            continue
        annotate_pdf(source, target, fr, boxes, lang)
        paths.append(str(target))
    return paths


def write_check(target: Path, audit, options) -> list[str]:
    """``--annotate DIR`` (perfaudit.report.formats)."""
    return write_annotated(target, audit.results, audit.review, options.lang)
