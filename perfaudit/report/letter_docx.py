"""``--letters DIR``: the 审核意见书 as a Word document (python-docx), one per input file.

Layout: centred title; addressee; introduction; 一、审核结论 (a table: 序号, 项目编码,
项目名称, 审核结论, 意见条数); 二、总体意见 (numbered); 三、分项目意见 (per project a
heading, its verdict and numbered 意见 with their basis); closing request; reviewer, date
and seal lines left to fill in.  Chinese text uses 宋体 (East Asian font slot), headings 黑体.
"""

from __future__ import annotations

from pathlib import Path

from ..review.letter import Letter, LetterItem

BODY_FONT = "宋体"
HEAD_FONT = "黑体"


COLUMN_CM = (1.2, 4.4, 6.6, 2.4, 1.9)  # 序号, 项目编码, 项目名称, 审核结论, 意见条数


def _font(run, name: str, size: float | None = None, bold: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.name = name
    run.font.color.rgb = RGBColor(0, 0, 0)  # an official letter is black, whatever the heading style says
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold


def _para(doc, text: str, *, style: str | None = None, font: str = BODY_FONT, size: float = 12,
          bold: bool = False, indent: bool = False, align=None):  # fmt: skip
    from docx.shared import Pt

    p = doc.add_paragraph(style=style)
    _font(p.add_run(text), font, size, bold)
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    if align is not None:
        p.alignment = align
    return p


def _items(doc, items: list[LetterItem], none: str = "无。") -> None:
    if not items:
        _para(doc, none, indent=True)
    for it in items:
        text = f"{it.number}. {it.text}" + (f"（{it.basis}）" if it.basis else "")
        _para(doc, text, indent=True)


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), HEAD_FONT, 10.5, True)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(text), BODY_FONT, 10.5)
    if len(header) == len(COLUMN_CM):
        from docx.shared import Cm

        table.autofit = False
        for column, width in zip(table.columns, COLUMN_CM, strict=True):
            column.width = Cm(width)  # the grid LibreOffice reads
        for row in table.rows:
            for cell, width in zip(row.cells, COLUMN_CM, strict=True):
                cell.width = Cm(width)


def build_letter_docx(letter: Letter):
    """The python-docx Document of one letter."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    doc.core_properties.title = letter.title
    _para(
        doc, letter.title, style="Title", font=HEAD_FONT, size=18, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    _para(doc, letter.to)
    _para(doc, letter.intro, indent=True)
    _para(doc, letter.h_verdicts, style="Heading 1", font=HEAD_FONT, size=14, bold=True)
    if letter.table_rows:
        _table(doc, letter.table_header, letter.table_rows)
    _para(doc, letter.h_overall, style="Heading 1", font=HEAD_FONT, size=14, bold=True)
    _items(doc, letter.overall, letter.none)
    _para(doc, letter.h_projects, style="Heading 1", font=HEAD_FONT, size=14, bold=True)
    for p in letter.projects:
        _para(doc, p.heading, style="Heading 2", font=HEAD_FONT, size=12, bold=True)
        _para(doc, p.verdict, bold=True)
        _items(doc, p.items, letter.none)
    _para(doc, letter.closing[0], indent=True)
    for line in letter.closing[1:]:
        _para(doc, line, align=WD_ALIGN_PARAGRAPH.RIGHT)
    return doc


def write_letter_docx(path: str | Path, letter: Letter) -> None:
    build_letter_docx(letter).save(str(path))
