"""An xlsx/docx submission's extracted tables drawn as PDF pages (reportlab), with each row's box.

Office files have no pages to annotate or show; this draws, per project, its code and name
and its indicator rows (一级/二级/三级指标, 指标值, 依据) on an A4 landscape page, so the
annotated copy and the workbench have a page on which to mark the rows.  Texts longer than
a cell are cut with "…": the page locates rows, the workbook stays the document of record.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

FONT = "STSong-Light"  # reportlab's built-in CID font for Simplified Chinese: no font file needed
COLUMNS = (("level1", "一级指标", 70), ("level2", "二级指标", 90), ("level3", "三级指标", 220),
           ("target", "指标值", 150), ("basis", "指标值确定依据", 240))  # fmt: skip
ROW_H = 18.0
MARGIN = 36.0


def _fit(text: str, width: float, size: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = " ".join(str(text or "").split())
    if stringWidth(text, FONT, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text + "…"


def _records(df) -> list[dict[str, Any]]:
    from ..extract.serialize import plain

    return [{k: plain(v) for k, v in rec.items()} for rec in df.to_dict("records")]


def render_tables_pdf(result) -> tuple[bytes, dict[tuple[str, int], tuple[int, tuple[float, ...]]]]:
    """PDF bytes (one page or more per project) and ``(project_id, row) -> (page, bbox)``."""
    import io

    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    width, height = landscape(A4)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height))
    boxes: dict[tuple[str, int], tuple[int, tuple[float, ...]]] = {}
    inds = _records(result.indicators)
    page = 0
    for p in _records(result.projects) or [{}]:
        rows = [i for i in inds if str(i.get("project_id")) == str(p.get("project_id"))]
        top = height  # force a new page for each project
        for n, ind in enumerate(rows or [None], start=1):
            if top + ROW_H > height - MARGIN or n == 1:
                if page:
                    c.showPage()
                page += 1
                c.setFont(FONT, 11)
                title = " ".join(str(x) for x in (p.get("code"), p.get("name")) if x)
                c.drawString(
                    MARGIN,
                    height - MARGIN,
                    _fit(f"{PurePath(result.file).name}  {title}", width - 2 * MARGIN, 11),
                )
                top = MARGIN + 24
                _row(c, height, top, {k: label for k, label, _w in COLUMNS})
                top += ROW_H
            if ind is None:
                break
            box = _row(c, height, top, ind)
            boxes[(str(p.get("project_id")), int(ind.get("row") or n))] = (page, box)
            top += ROW_H
    c.showPage()
    c.save()
    return buf.getvalue(), boxes


def _row(c, height: float, top: float, values: dict[str, Any]) -> tuple[float, float, float, float]:
    """Draw one table row with its cell borders; returns its box (top-down page points)."""
    x = MARGIN
    c.setFont(FONT, 9)
    for key, _label, w in COLUMNS:
        c.rect(x, height - top - ROW_H, w, ROW_H, stroke=1, fill=0)
        c.drawString(x + 3, height - top - ROW_H + 5, _fit(values.get(key) or "", w - 6, 9))
        x += w
    return (MARGIN, top, x, top + ROW_H)
