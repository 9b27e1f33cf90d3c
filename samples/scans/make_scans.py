"""Make ``seed-scan.pdf``: a simulated scan of four pages of ``samples/seed-word.pdf``.

Run from the repository root::

    /work/venv/bin/python samples/scans/make_scans.py

Pages 5-8 of seed-word.pdf (projects 1-4, two of which continue over a page break)
are rasterised at 200 dpi, blurred a little, rotated by a small fixed angle, given
gaussian and salt-and-pepper noise (fixed seed, so the output is deterministic) and a
faint red stamp on the last page, then saved as an image-only PDF (JPEG pages).

The expected cells, ``seed-scan.expected.json``, come from the *vector* extraction of
the same four pages of seed-word.pdf (pdfplumber through
``perfaudit.extract.pdf.page_grids``): per page, per table, the context lines and every
cell as ``[row, col, rowspan, colspan, text]``.  As a check independent of that code,
every indicator text of the four projects in ``samples/source/seed.json`` must occur
among the expected cells.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SOURCE_PDF = ROOT / "samples" / "seed-word.pdf"
OUT_PDF = ROOT / "samples" / "scans" / "seed-scan.pdf"
OUT_JSON = ROOT / "samples" / "scans" / "seed-scan.expected.json"
PAGES = [4, 5, 6, 7]  # 0-based pages of seed-word.pdf
ANGLES = [0.8, -1.2, 1.5, -0.6]  # degrees, counter-clockwise
DPI = 200
SEED = 20260


def degrade(gray: np.ndarray, angle: float, rng: np.random.Generator) -> np.ndarray:
    import cv2

    img = cv2.GaussianBlur(gray, (3, 3), 0.6)
    h, w = img.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    img = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255).astype(np.float32)
    img += rng.normal(0.0, 10.0, img.shape).astype(np.float32)  # sensor noise
    img = np.clip(img, 0, 255).astype(np.uint8)
    sp = rng.random(img.shape)
    img[sp < 0.0015] = 0  # pepper
    img[sp > 0.9985] = 255  # salt
    return img


def stamp(rgb: np.ndarray, centre: tuple[int, int], radius: int) -> np.ndarray:
    """A faint red seal: two rings and a star, blended over the page."""
    import cv2

    layer = rgb.copy()
    red = (225, 120, 120)  # RGB
    cv2.circle(layer, centre, radius, red, 5, lineType=cv2.LINE_AA)
    cv2.circle(layer, centre, radius - 12, red, 2, lineType=cv2.LINE_AA)
    cx, cy = centre
    pts = []
    for k in range(10):
        r = radius * (0.35 if k % 2 == 0 else 0.14)
        a = -np.pi / 2 + k * np.pi / 5
        pts.append((int(cx + r * np.cos(a)), int(cy + r * np.sin(a))))
    cv2.fillPoly(layer, [np.array(pts, dtype=np.int32)], red, lineType=cv2.LINE_AA)
    return np.minimum(rgb, layer)  # multiply-like: ink stays dark


def expected_cells() -> list[dict]:
    import pdfplumber

    from perfaudit.extract.pdf import PdfSettings, page_grids

    out = []
    with pdfplumber.open(SOURCE_PDF) as pdf:
        for n, index in enumerate(PAGES, start=1):
            page = pdf.pages[index].dedupe_chars(tolerance=1.0)
            tables = []
            for g in page_grids(page, PdfSettings()):
                cells = sorted([c.row, c.col, c.rowspan, c.colspan, c.text] for c in g.cells)
                tables.append({"context": g.context, "cells": cells})
            out.append({"page": n, "source_page": index + 1, "tables": tables})
    return out


def check_against_source(expected: list[dict]) -> None:
    """Every indicator field of projects 1-4 must appear among the expected cells."""
    texts = {"".join(c[4].split()) for p in expected for t in p["tables"] for c in t["cells"]}
    seed = json.loads((ROOT / "samples" / "source" / "seed.json").read_text(encoding="utf-8"))
    missing = []
    for proj in seed["projects"][:4]:
        for ind in proj["indicators"]:
            for key in ("level3", "description", "target", "basis"):
                v = "".join((ind.get(key) or "").split())
                if v and v not in texts:
                    missing.append(v)
    if missing:
        raise SystemExit(f"expected cells do not match seed.json: {missing[:5]}")


def main() -> None:
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(SEED)
    pdf = pdfium.PdfDocument(str(SOURCE_PDF))
    images = []
    for n, (index, angle) in enumerate(zip(PAGES, ANGLES, strict=True)):
        gray = pdf[index].render(scale=DPI / 72, grayscale=True).to_numpy().copy()
        if gray.ndim == 3:
            gray = gray[:, :, 0]
        img = degrade(gray, angle, rng)
        if n == len(PAGES) - 1:
            rgb = np.stack([img] * 3, axis=-1)
            h, w = img.shape
            rgb = stamp(rgb, (int(w * 0.70), int(h * 0.86)), 150)
            images.append(Image.fromarray(rgb, "RGB"))
        else:
            images.append(Image.fromarray(img, "L"))
    pdf.close()
    images[0].save(OUT_PDF, "PDF", resolution=DPI, save_all=True, append_images=images[1:], quality=70)

    expected = expected_cells()
    check_against_source(expected)
    OUT_JSON.write_text(
        json.dumps(
            {
                "source": "samples/seed-word.pdf",
                "source_pages": [i + 1 for i in PAGES],
                "derived_from": "vector extraction (pdfplumber, perfaudit.extract.pdf.page_grids) of the source pages",
                "angles": ANGLES,
                "dpi": DPI,
                "pages": expected,
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    ncells = sum(len(t["cells"]) for p in expected for t in p["tables"])
    print(f"wrote {OUT_PDF.name} ({len(images)} pages) and {OUT_JSON.name} ({ncells} cells)")


if __name__ == "__main__":
    main()
