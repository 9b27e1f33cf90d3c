"""A seeded matrix of simulated office scans made from the text samples, with their truth.

Each *condition* (one point of the matrix) says how a page is scanned: resolution,
colour / greyscale / bilevel, JPEG quality, skew, speckle and gaussian noise, blur,
faint / broken / grey rulings, a red stamp or blue handwriting over cells, a page fed
upside down or sideways, and whether the scan sits in one file with text pages.

The *truth* of a source page is its cell grid read from the text layer of the source PDF
(pdfplumber), checked against the typed JSON in ``samples/source/``: every indicator
field of the projects on the page must occur among the truth cells, so a wrong text
layer cannot slip into the truth.

Run from the repository root to write every point of the matrix as a PDF (for the
benchmark and for looking at)::

    python samples/scans/scan_matrix.py [OUT_DIR]   # default: out/scan-matrix/

Everything is deterministic: the random generator of a page is seeded from the
condition's name and the page, so a point of the matrix is the same image on every run.
"""

from __future__ import annotations

import json
import sys
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED = 20261125

#: source pages: (pdf under samples/, 0-based page, typed truth JSON under samples/source/,
#: codes of the projects wholly on the page, codes of projects that start on it and run over)
SOURCES = {
    "seed-p5": ("seed-word.pdf", 4, "seed.json", ["13030322P00408910001D"], ["13030322P004091100017"]),
    "seed-p7": ("seed-word.pdf", 6, "seed.json", ["13030322P004094100018"], ["13030322P00409210001W"]),
    "third-p1": ("third-layout.pdf", 0, "third_layout.json", ["33112724A0000001205"], []),
}


@dataclass(frozen=True)
class Condition:
    name: str
    dpi: int = 200
    mode: str = "grey"  # colour / grey / bilevel
    jpeg: int = 85  # JPEG quality; 0 = lossless (Flate)
    skew: float = 0.0  # degrees, counter-clockwise
    speckle: float = 0.0  # share of pixels turned black or white
    noise: float = 0.0  # gaussian noise sigma (grey levels)
    blur: float = 0.0  # gaussian blur sigma (pixels at 200 dpi)
    rules: str = "solid"  # solid / faint / grey / broken
    stamp: bool = False  # red seal over the header cells
    handwriting: bool = False  # blue pen: ticks, a signature and a scribbled note over cells
    turn: int = 0  # page fed turned by 90° × turn, counter-clockwise (2 = upside down)
    mixed: bool = False  # the scan is page 2 of a file whose page 1 is a text page
    summary: str = ""


def _c(name, summary, **kw) -> Condition:
    return Condition(name=name, summary=summary, **kw)


#: the matrix; every point is tested (one page) and benchmarked (all SOURCES)
CONDITIONS: list[Condition] = [
    _c("clean-300", "300 dpi grey, clean", dpi=300),
    _c("clean-200", "200 dpi grey, clean"),
    _c("clean-150", "150 dpi grey, clean", dpi=150),
    _c("colour-200", "200 dpi colour, yellowish paper", mode="colour"),
    _c("bilevel-200", "200 dpi bilevel (fax-like), lossless", mode="bilevel", jpeg=0),
    _c("bilevel-300", "300 dpi bilevel, lossless", mode="bilevel", jpeg=0, dpi=300),
    _c("jpeg-q20", "200 dpi grey, JPEG quality 20", jpeg=20),
    _c("jpeg-q95", "200 dpi grey, JPEG quality 95", jpeg=95),
    _c("skew+3", "skewed +3°", skew=3.0),
    _c("skew-3", "skewed −3°", skew=-3.0),
    _c("speckle", "salt-and-pepper speckle 0.4 %", speckle=0.004),
    _c("gauss", "gaussian noise σ 20", noise=20.0),
    _c("blur", "gaussian blur σ 1.3 px", blur=1.3),
    _c("rules-faint", "rulings light grey (faint)", rules="faint"),
    _c("rules-grey", "rulings thin mid-grey", rules="grey"),
    _c("rules-broken", "rulings broken by gaps up to 0.4 pt", rules="broken"),
    _c("stamp", "colour, red seal over header cells", mode="colour", stamp=True),
    _c("handwriting", "colour, blue pen over cells", mode="colour", handwriting=True),
    _c("upside-down", "page fed upside down", turn=2),
    _c("sideways-left", "page fed turned 90° left", turn=1),
    _c("sideways-right", "page fed turned 90° right", turn=3),
    _c("mixed", "a text page, then the scanned page, in one file", mixed=True),
    _c(
        "county-copier-150",
        "150 dpi grey, blur, 0.4° skew, speckle, thin grey rulings (issue 12)",
        dpi=150,
        blur=0.8,
        skew=0.4,
        speckle=0.0015,
        noise=8.0,
        rules="grey",
        jpeg=60,
    ),
]


def condition(name: str) -> Condition:
    return next(c for c in CONDITIONS if c.name == name)


def _rng(cond: Condition, source: str) -> np.random.Generator:
    return np.random.default_rng([SEED, zlib.crc32(f"{cond.name}/{source}".encode())])


# --------------------------------------------------------------------------- rendering


def render_source(source: str, dpi: int) -> np.ndarray:
    """The clean RGB raster of a source page (uint8, H×W×3)."""
    import pypdfium2 as pdfium

    name, index = SOURCES[source][:2]
    pdf = pdfium.PdfDocument(str(ROOT / "samples" / name))
    try:
        arr = pdf[index].render(scale=dpi / 72).to_numpy().copy()
    finally:
        pdf.close()
    return arr[:, :, :3][:, :, ::-1].copy() if arr.shape[2] >= 3 else np.repeat(arr, 3, axis=2)  # BGR -> RGB


def _rule_mask(rgb: np.ndarray, dpi: int) -> np.ndarray:
    """Pixels of the clean page's table rulings."""
    import cv2

    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    inv = (gray < 160).astype(np.uint8) * 255
    k = int(dpi * 0.3)  # 0.3 inch: longer than any character stroke
    h = cv2.morphologyEx(inv, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    v = cv2.morphologyEx(inv, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k)))
    return cv2.dilate(cv2.bitwise_or(h, v), np.ones((3, 3), np.uint8)) > 0


def _restyle_rules(rgb: np.ndarray, cond: Condition, rng: np.random.Generator) -> np.ndarray:
    if cond.rules == "solid":
        return rgb
    mask = _rule_mask(rgb, cond.dpi)
    out = rgb.copy()
    if cond.rules == "faint":
        out[mask] = np.maximum(out[mask], 200)
    elif cond.rules == "grey":
        out[mask] = np.maximum(out[mask], 150)
    elif cond.rules == "broken":
        step = max(cond.dpi // 10, 8)  # a gap may start every 0.1 inch ...
        h, w = mask.shape
        gaps = np.zeros_like(mask)
        longest = max(cond.dpi * 3 // 200, 2)  # ... and is up to 3 pixels at 200 dpi (0.4 pt) long
        for y in range(0, h, step):
            for x in range(0, w, step):
                if rng.random() < 0.3:
                    gy, gx = int(rng.integers(2, longest + 1)), int(rng.integers(2, longest + 1))
                    gaps[y : y + gy, x : x + gx] = True
        out[mask & gaps] = 255
    return out


def _stamp(rgb: np.ndarray, dpi: int, rng: np.random.Generator) -> np.ndarray:
    """A red seal (two rings, a star, a text arc) centred over the table's header cells."""
    import cv2

    h, w = rgb.shape[:2]
    layer = np.full_like(rgb, 255)
    red = (215, 60, 60)
    cx, cy = int(w * (0.45 + 0.1 * rng.random())), int(h * (0.24 + 0.04 * rng.random()))
    r = int(dpi * 0.8)
    cv2.circle(layer, (cx, cy), r, red, max(dpi // 40, 3), lineType=cv2.LINE_AA)
    cv2.circle(layer, (cx, cy), r - dpi // 12, red, max(dpi // 100, 1), lineType=cv2.LINE_AA)
    pts = []
    for k in range(10):
        rr = r * (0.32 if k % 2 == 0 else 0.13)
        a = -np.pi / 2 + k * np.pi / 5
        pts.append((int(cx + rr * np.cos(a)), int(cy + rr * np.sin(a))))
    cv2.fillPoly(layer, [np.array(pts, dtype=np.int32)], red, lineType=cv2.LINE_AA)
    for k in range(12):  # the arc of characters as blocks
        a = np.pi * (1.15 + 0.7 * k / 11)
        x, y = int(cx + 0.72 * r * np.cos(a)), int(cy + 0.72 * r * np.sin(a))
        s = dpi // 14
        cv2.rectangle(layer, (x - s, y - s), (x + s, y + s), red, max(dpi // 100, 1))
    cv2.putText(
        layer,
        "ZHUAN YONG ZHANG",
        (cx - int(0.7 * r), cy + int(0.55 * r)),
        cv2.FONT_HERSHEY_SIMPLEX,
        dpi / 260,
        red,
        max(dpi // 70, 2),
        lineType=cv2.LINE_AA,
    )
    return np.minimum(rgb, layer)  # ink multiplies: black text stays black under the seal


def _handwriting(rgb: np.ndarray, dpi: int, rng: np.random.Generator) -> np.ndarray:
    """Blue ballpoint: tick marks in cells, a looping signature, a note struck across cells."""
    import cv2

    h, w = rgb.shape[:2]
    layer = rgb.copy()
    blue = (40, 60, 190)
    t = max(dpi // 100, 2)
    for _ in range(5):  # ticks
        x, y = int(w * rng.uniform(0.55, 0.85)), int(h * rng.uniform(0.35, 0.8))
        s = dpi // 12
        cv2.polylines(
            layer,
            [np.array([(x, y), (x + s // 2, y + s // 2), (x + s * 2, y - s)], np.int32)],
            False,
            blue,
            t,
            lineType=cv2.LINE_AA,
        )
    for _ in range(2):  # signatures: a random walk of loops
        x, y = w * rng.uniform(0.2, 0.6), h * rng.uniform(0.4, 0.75)
        pts = []
        for k in range(120):
            x += dpi / 60 + dpi / 40 * np.cos(k / 3.0)
            y += dpi / 25 * np.sin(k / 2.0 + rng.uniform(-0.3, 0.3))
            pts.append((int(x), int(y)))
        cv2.polylines(layer, [np.array(pts, np.int32)], False, blue, t, lineType=cv2.LINE_AA)
    return np.minimum(rgb, layer)


def _degrade(rgb: np.ndarray, cond: Condition, rng: np.random.Generator) -> np.ndarray:
    """Scanner optics and sensor: blur, skew, noise, speckle (still RGB)."""
    import cv2

    img = rgb.astype(np.float32)
    if cond.blur:
        img = cv2.GaussianBlur(img, (0, 0), cond.blur * cond.dpi / 200)
    if cond.skew:
        h, w = img.shape[:2]
        m = cv2.getRotationMatrix2D((w / 2, h / 2), cond.skew, 1.0)
        img = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    if cond.mode == "colour":
        img = img * np.array([0.98, 0.96, 0.88], np.float32)  # paper tint
    if cond.noise:
        img += rng.normal(0.0, cond.noise, img.shape[:2])[:, :, None].astype(np.float32)
    img = np.clip(img, 0, 255).astype(np.uint8)
    if cond.speckle:
        sp = rng.random(img.shape[:2])
        img[sp < cond.speckle / 2] = 0
        img[sp > 1 - cond.speckle / 2] = 255
    return img


def scan_image(source: str, cond: Condition):
    """The scanned page as a PIL image (mode RGB, L or 1), as the scanner would store it."""
    from PIL import Image

    rng = _rng(cond, source)
    rgb = render_source(source, cond.dpi)
    rgb = _restyle_rules(rgb, cond, rng)
    if cond.stamp:
        rgb = _stamp(rgb, cond.dpi, rng)
    if cond.handwriting:
        rgb = _handwriting(rgb, cond.dpi, rng)
    rgb = _degrade(rgb, cond, rng)
    if cond.turn:
        rgb = np.ascontiguousarray(np.rot90(rgb, cond.turn))
    if cond.mode == "colour":
        return Image.fromarray(rgb, "RGB")
    gray = Image.fromarray(rgb, "RGB").convert("L")
    if cond.mode == "bilevel":
        return gray.point(lambda v: 255 if v > 150 else 0).convert("1")
    return gray


def write_pdf(images: list, dpi: int, path: Path, jpeg: int = 85) -> None:
    """Image-only PDF, one page per image, page size = image size at ``dpi``."""
    first, rest = images[0], images[1:]
    kw = {"resolution": dpi, "save_all": True, "append_images": rest}
    if jpeg and first.mode != "1":
        kw["quality"] = jpeg
    first.save(path, "PDF", **kw)


def scan_pdf(source: str, cond: Condition, path: Path) -> int:
    """Write the scan of ``source`` under ``cond`` to ``path``; returns the 0-based page of the scan."""
    img = scan_image(source, cond)
    if not cond.mixed:
        write_pdf([img], cond.dpi, path, cond.jpeg)
        return 0
    import pypdfium2 as pdfium

    tmp = path.with_suffix(".scan.pdf")
    write_pdf([img], cond.dpi, tmp, cond.jpeg)
    out = pdfium.PdfDocument.new()
    text = pdfium.PdfDocument(str(ROOT / "samples" / "seed-word.pdf"))
    scanned = pdfium.PdfDocument(str(tmp))
    out.import_pages(text, [2])  # a prose page of 第一部分 (text layer)
    out.import_pages(scanned, [0])
    out.save(str(path))
    for d in (out, text, scanned):
        d.close()
    tmp.unlink()
    return 1


# --------------------------------------------------------------------------- truth


def truth(source: str) -> list[list[list]]:
    """Per table of the source page: cells as [row, col, rowspan, colspan, text]."""
    import pdfplumber

    from perfaudit.extract.pdf import PdfSettings, page_grids

    name, index = SOURCES[source][:2]
    with pdfplumber.open(ROOT / "samples" / name) as pdf:
        page = pdf.pages[index].dedupe_chars(tolerance=1.0)
        grids = page_grids(page, PdfSettings())
    tables = [sorted([c.row, c.col, c.rowspan, c.colspan, c.text] for c in g.cells) for g in grids]
    _check_against_typed(source, tables)
    return tables


def _nows(s: str | None) -> str:
    return "".join((s or "").split())


def _check_against_typed(source: str, tables) -> None:
    """Every indicator field of the page's projects (typed JSON) occurs among the cells."""
    json_name, whole, started = SOURCES[source][2:]
    typed = json.loads((ROOT / "samples" / "source" / json_name).read_text(encoding="utf-8"))
    texts = {_nows(c[4]) for t in tables for c in t}
    missing = []
    for proj in typed["projects"]:
        if proj["code"] in started and proj["code"] not in texts:
            missing.append(proj["code"])
        if proj["code"] not in whole:
            continue
        if proj["code"] not in texts:
            missing.append(proj["code"])
        for ind in proj["indicators"]:
            for key in ("level3", "target"):
                v = _nows(ind.get(key))
                if v and v not in texts and not any(v in t for t in texts):
                    missing.append(v)
    if missing:
        raise ValueError(f"truth of {source} does not match {json_name}: {missing[:5]}")


def score(grids, tables) -> tuple[int, int]:
    """(cells right, cells in the truth): a cell is right when a read cell has the same
    row, column, spans and whitespace-normalised text."""
    ok = total = 0
    for i, table in enumerate(tables):
        got = {}
        if i < len(grids):
            got = {(c.row, c.col, c.rowspan, c.colspan): c.text for c in grids[i].cells}
        for r, c, rs, cs, text in table:
            total += 1
            ok += (r, c, rs, cs) in got and _nows(got[(r, c, rs, cs)]) == _nows(text)
    return ok, total


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "out" / "scan-matrix"
    out.mkdir(parents=True, exist_ok=True)
    manifest = []
    for cond in CONDITIONS:
        for source in SOURCES:
            path = out / f"{cond.name}__{source}.pdf"
            page = scan_pdf(source, cond, path)
            manifest.append({"condition": cond.name, "source": source, "file": path.name, "page": page})
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(manifest)} scans to {out}")
    return 0


__all__ = [
    "CONDITIONS",
    "Condition",
    "SOURCES",
    "condition",
    "replace",
    "scan_image",
    "scan_pdf",
    "score",
    "truth",
]

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
