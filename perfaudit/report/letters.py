"""``--letters DIR``: one 审核意见书 per input file, as .docx (default) or .md."""

from __future__ import annotations

from pathlib import Path

from ..review import Review
from ..review.letter import letter_filename, letter_of


def write_letters(directory: str | Path, review: Review, fmt: str = "docx", lang: str = "zh") -> list[str]:
    """Write the letters; returns their paths (in input order)."""
    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    paths = []
    for fr in review.files:
        letter = letter_of(fr, lang)
        path = out_dir / letter_filename(fr.file, fmt, lang, taken)
        if fmt == "md":
            from .letter_md import write_letter_md

            write_letter_md(path, letter)
        else:
            from .letter_docx import write_letter_docx

            write_letter_docx(path, letter)
        paths.append(str(path))
    return paths


def write_check(target: Path, audit, options) -> list[str]:
    """``--letters DIR`` (``--letters-format``), one letter per input (perfaudit.report.formats)."""
    return write_letters(target, audit.review, options.letters_format, options.lang)
