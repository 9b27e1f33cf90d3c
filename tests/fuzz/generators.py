"""Hostile and broken inputs, generated from the samples with a seed.

Used by the hostile/fuzz tests and reusable by the benchmark (``bench/``): every function
writes one file (or a FIFO / symlink) into a folder and returns its path.  Nothing here
needs the network; the bombs are small on disk and huge once inflated.
"""

from __future__ import annotations

import io
import os
import random
import re
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"

#: the good samples every mutant starts from
PDF_SAMPLES = ["clean.pdf", "clean-shanghai.pdf", "seed-cid.pdf", "third-layout.pdf", "seed-word.pdf"]
OFFICE_SAMPLES = ["office/seed.xlsx", "office/seed.docx"]


# --------------------------------------------------------------------------- raw PDF writing


def build_pdf(objects: list[bytes]) -> bytes:
    """A PDF whose object n (1-based) is ``objects[n-1]``; object 1 must be the catalog."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"", flate: bool = False) -> bytes:
    if flate:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _one_page(content: bytes, resources: bytes = b"<< >>", size=(595, 842), flate=False) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources %s /Contents 4 0 R >>"
        % (size[0], size[1], resources),
        _stream(content, flate=flate),
    ]


def text_pdf(folder: Path, name: str, text: str = "Hello") -> Path:
    """A one-page PDF with a line of Helvetica text."""
    content = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1")
    objs = _one_page(content, b"<< /Font << /F1 5 0 R >> >>")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    p = folder / name
    p.write_bytes(build_pdf(objs))
    return p


def flate_bomb_pdf(folder: Path, name: str = "flate-bomb.pdf", inflated_mb: int = 600) -> Path:
    """A page whose content stream is a few hundred KB on disk and ``inflated_mb`` MiB inflated."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [comp.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n")]
    for _ in range(inflated_mb):
        parts.append(comp.compress(chunk))
    parts.append(comp.flush())
    data = b"".join(parts)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    p = folder / name
    p.write_bytes(build_pdf(objs))
    return p


def tounicode_bomb_pdf(folder: Path, name: str = "tounicode-bomb.pdf", entries: int = 2_000_000_000) -> Path:
    """A font whose ToUnicode map declares one bfrange of ``entries`` codes."""
    last = entries - 1
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n"
        b"1 beginbfrange <00000000> <%08X> <0041> endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end" % last
    )
    objs = _one_page(b"BT /F1 12 Tf 72 720 Td (AB) Tj ET", b"<< /Font << /F1 5 0 R >> >>")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>")
    objs.append(_stream(cmap))
    p = folder / name
    p.write_bytes(build_pdf(objs))
    return p


def big_scan_page_pdf(folder: Path, name: str = "huge-page-scan.pdf", points: int = 14400) -> Path:
    """One image-only page of ``points`` x ``points`` pt (the PDF maximum): a 'scan' to render."""
    img = bytes(range(256)) * 4  # 32 x 32 grey
    content = b"q %d 0 0 %d 0 0 cm /Im1 Do Q" % (points, points)
    objs = _one_page(content, b"<< /XObject << /Im1 5 0 R >> >>", size=(points, points))
    objs.append(
        _stream(
            img,
            b" /Type /XObject /Subtype /Image /Width 32 /Height 32 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8",
        )
    )
    p = folder / name
    p.write_bytes(build_pdf(objs))
    return p


def page_tree_pdf(folder: Path, mode: str = "count0", sample: str = "seed-word.pdf") -> Path:
    """A sample whose first page-tree node says ``/Count 0`` (pdfminer then sees one page of 16),
    or (mode ``loop``) whose root lists the catalog among its kids."""
    data = (SAMPLES / sample).read_bytes()
    if mode == "count0":
        data = re.sub(rb"/Count \d+", b"/Count 0", data, count=1)
    else:
        data = re.sub(rb"/Kids \[", b"/Kids [ 1 0 R ", data, count=1)
    p = folder / f"page-tree-{mode}.pdf"
    p.write_bytes(data)
    return p


# --------------------------------------------------------------------------- office files


def _rewrite_zip(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = replace.get(info.filename, None)
            zout.writestr(info.filename, data if data is not None else zin.read(info.filename))
    return dst


def _sheet_xml(rows: str, merges: str = "", dim: str = "A1") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dim}"/><sheetData>{rows}</sheetData>{merges}</worksheet>'
    ).encode()


def _minimal_xlsx(folder: Path, name: str, sheet: bytes) -> Path:
    import openpyxl

    base = folder / f".base-{name}"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.save(base)
    out = _rewrite_zip(base, folder / name, {"xl/worksheets/sheet1.xml": sheet})
    base.unlink()
    return out


def merged_bomb_xlsx(folder: Path, name: str = "merged-bomb.xlsx") -> Path:
    """A 1.5 KB workbook whose one merged range covers the whole sheet, A1:XFD1048576."""
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>'
    return _minimal_xlsx(
        folder,
        name,
        _sheet_xml(
            rows, '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>', "A1:XFD1048576"
        ),
    )


def far_cells_xlsx(folder: Path, name: str = "far-cells.xlsx") -> Path:
    """Two cells, at A1 and XFD1048576."""
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    return _minimal_xlsx(folder, name, _sheet_xml(rows, dim="A1:XFD1048576"))


def zip_bomb_xlsx(folder: Path, name: str = "zip-bomb.xlsx", inflated_mb: int = 1200) -> Path:
    """A workbook whose sheet XML inflates to ``inflated_mb`` MiB (whitespace between rows)."""
    import openpyxl

    base = folder / f".base-{name}"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "项目名称"
    wb.save(base)
    dst = folder / name
    with (
        zipfile.ZipFile(base) as zin,
        zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout,
    ):
        for info in zin.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(info.filename, zin.read(info.filename))
                continue
            xml = zin.read(info.filename)
            head, tail = xml.split(b"<sheetData>")
            with zout.open(info.filename, "w", force_zip64=True) as fh:
                fh.write(head + b"<sheetData>")
                chunk = b" " * (1 << 20)
                for _ in range(inflated_mb):
                    fh.write(chunk)
                fh.write(tail)
    base.unlink()
    return dst


def _docx_with_body(folder: Path, name: str, body_xml: str) -> Path:
    import docx

    base = folder / f".base-{name}"
    docx.Document().save(str(base))
    with zipfile.ZipFile(base) as z:
        doc = z.read("word/document.xml").decode()
    doc = re.sub(r"<w:body>.*</w:body>", "<w:body>" + body_xml + "</w:body>", doc, flags=re.S)
    out = _rewrite_zip(base, folder / name, {"word/document.xml": doc.encode()})
    base.unlink()
    return out


def _tc(text: str, span: int = 1) -> str:
    pr = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span != 1 else ""
    return f"<w:tc>{pr}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def gridspan_bomb_docx(folder: Path, name: str = "gridspan-bomb.docx", span: int = 2_000_000_000) -> Path:
    row = "<w:tr>" + _tc("项目名称") + _tc("x", span) + "</w:tr>"
    return _docx_with_body(folder, name, f"<w:tbl>{row}</w:tbl>")


def long_table_docx(folder: Path, rows: int = 10_000, name: str | None = None) -> Path:
    """One 绩效目标表 whose indicator part has ``rows`` rows (一级/二级/三级/指标值)."""
    head = [
        "<w:tr>" + _tc("项目名称") + _tc("长表测试项目", 3) + "</w:tr>",
        "<w:tr>" + _tc("项目编码") + _tc("11000022P00000000001", 3) + "</w:tr>",
        "<w:tr>" + _tc("一级指标") + _tc("二级指标") + _tc("三级指标") + _tc("指标值") + "</w:tr>",
    ]
    body = [
        "<w:tr>"
        + _tc("产出指标")
        + _tc("数量指标")
        + _tc(f"培训人数第{i}批")
        + _tc(f"≥{i % 97 + 1}人")
        + "</w:tr>"
        for i in range(rows)
    ]
    return _docx_with_body(folder, name or f"long-{rows}.docx", "<w:tbl>" + "".join(head + body) + "</w:tbl>")


# --------------------------------------------------------------------------- special files


def fifo(folder: Path, name: str = "pipe.pdf") -> Path:
    p = folder / name
    os.mkfifo(p)
    return p


def symlink_loop(folder: Path) -> Path:
    """``loop/`` holding a real sample and a link ``back`` -> ``loop`` (a directory cycle)."""
    d = folder / "loop"
    d.mkdir()
    (d / "a.pdf").write_bytes((SAMPLES / "clean.pdf").read_bytes())
    os.symlink(d, d / "back")
    os.symlink(d / "sub-missing", d / "dangling")
    return d


# --------------------------------------------------------------------------- byte mutants


def mutants(src: Path, folder: Path, seed: int, count: int) -> list[Path]:
    """``count`` seeded mutants of ``src``: byte flips, truncation, garbage spliced into a stream,
    damaged xref offsets, damaged page tree and fonts (the last three for PDFs)."""
    rng = random.Random(f"{seed}:{src.name}")
    data = src.read_bytes()
    kinds = (
        ["flip", "truncate", "splice", "xref", "pages", "font"]
        if src.suffix == ".pdf"
        else ["flip", "truncate", "splice"]
    )
    out = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        blob = _mutate(data, kind, rng)
        p = folder / f"{src.stem}-{kind}-{n}{src.suffix}"
        p.write_bytes(blob)
        out.append(p)
    return out


def _mutate(data: bytes, kind: str, rng: random.Random) -> bytes:
    b = bytearray(data)
    if kind == "flip":
        for _ in range(rng.randint(1, 40)):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
        return bytes(b)
    if kind == "truncate":
        return bytes(b[: rng.randrange(len(b) // 4, len(b))])
    if kind == "splice":
        starts = [m.end() for m in re.finditer(rb"stream\r?\n", data)] or [rng.randrange(len(b))]
        i = rng.choice(starts) + rng.randrange(0, 64)
        garbage = bytes(rng.randrange(256) for _ in range(rng.randint(8, 512)))
        return bytes(b[:i] + garbage + b[i + len(garbage) // 2 :])
    if kind == "xref":
        return re.sub(
            rb"\d{10} 00000 n", lambda m: b"%010d 00000 n" % rng.randrange(len(data)), data, count=50
        )
    if kind == "pages":
        sub = rng.choice([rb"/Count 0", rb"/Count 999999999", rb"/Count -1"])
        data = re.sub(rb"/Count \d+", sub, data, count=1)
        return re.sub(rb"/Kids \[", b"/Kids [ 1 0 R ", data, count=1) if rng.random() < 0.5 else data
    # font: damage font dictionaries and ToUnicode / widths
    data = re.sub(rb"/Widths \[", b"/Widths [ -1e308 ", data, count=2)
    data = re.sub(rb"/FirstChar \d+", b"/FirstChar 2147483647", data, count=1)
    return re.sub(rb"/ToUnicode \d+ 0 R", b"/ToUnicode 1 0 R", data, count=2)


# --------------------------------------------------------------------------- the fuzz corpus

#: mutants per sample in the CI corpus (small samples get more: they are cheap to read)
MUTANTS = {"clean.pdf": 8, "clean-shanghai.pdf": 8, "third-layout.pdf": 6, "seed-cid.pdf": 3, "seed-word.pdf": 3,
           "office/seed.xlsx": 6, "office/seed.docx": 6}  # fmt: skip
#: the good files whose findings must not change when they share a batch with the rest
GOOD = ["clean.pdf", "office/seed.xlsx", "office/seed.docx"]


def build_corpus(
    folder: Path, seed: int = 13, mutants_per_sample: dict[str, int] | None = None
) -> dict[str, str]:
    """Every kind of hostile input in ``folder``: file name -> kind ("good", "mutant", "bomb", "special")."""
    kinds: dict[str, str] = {}
    folder.mkdir(parents=True, exist_ok=True)
    for rel in GOOD:
        p = folder / f"good-{Path(rel).name}"
        p.write_bytes((SAMPLES / rel).read_bytes())
        kinds[p.name] = "good"
    work = folder / ".work"
    work.mkdir(exist_ok=True)
    for rel, n in (mutants_per_sample or MUTANTS).items():
        for p in mutants(SAMPLES / rel, folder, seed, n):
            kinds[p.name] = "mutant"
    bombs = [
        flate_bomb_pdf(folder, inflated_mb=80), tounicode_bomb_pdf(folder), big_scan_page_pdf(folder),
        merged_bomb_xlsx(folder), far_cells_xlsx(folder), zip_bomb_xlsx(folder, inflated_mb=120),
        gridspan_bomb_docx(folder), page_tree_pdf(folder, "count0"), page_tree_pdf(folder, "loop"),
    ]  # fmt: skip
    kinds.update({p.name: "bomb" for p in bombs})
    for name, blob in {"empty.pdf": b"", "nul.xlsx": b"\0" * 4096, "text.docx": b"PK\x03\x04 not really",
                       "html.pdf": b"<html>%PDF-1.4</html>"}.items():  # fmt: skip
        (folder / name).write_bytes(blob)
        kinds[name] = "special"
    kinds[fifo(folder, "pipe.pdf").name] = "special"
    ctrl = folder / "控制\x1b[2J\x07\u202efdp.pdf"
    ctrl.write_bytes((SAMPLES / "clean-shanghai.pdf").read_bytes())
    kinds[ctrl.name] = "special"
    work.rmdir()
    return kinds
