"""Caps on what pdfminer decodes, so a few KB of PDF cannot inflate to gigabytes.

pdfminer (under pdfplumber) inflates every Flate stream in one ``zlib.decompress`` call
and fills a font's ToUnicode map entry by entry from ranges the file declares.  A content
stream of spaces compresses 1000:1 and a ``bfrange`` may declare two billion codes, so
both are bounded here by the limits in force (:func:`perfaudit.limits.current`):

* Flate streams inflate at most ``max_stream_mb``; beyond it :class:`LimitExceeded`;
* pdfminer's fallback for corrupt streams (byte by byte, quadratic) is replaced by a
  linear one that keeps what inflates before the damage, as the original meant to;
* a ToUnicode / CMap table holds at most ``max_cmap_entries`` entries.

:func:`install` patches pdfminer once per process; it is idempotent.
"""

from __future__ import annotations

import zlib

from ..limits import UNIT_ENTRIES, UNIT_MB, check, current

_installed = False
_CHUNK = 1 << 16


def inflate(data: bytes, tolerant: bool = False) -> bytes:
    """zlib-inflate ``data`` up to the stream limit.

    ``tolerant``: stop quietly at damaged data, keeping what came before it (else raise zlib.error)."""
    cap = current().max_stream_mb * (1 << 20) or None
    d = zlib.decompressobj()
    out: list[bytes] = []
    total = 0
    step = _CHUNK if tolerant else max(len(data), 1)
    for i in range(0, len(data), step):
        buf = data[i : i + step]
        try:
            while buf and not d.eof:
                piece = d.decompress(buf, (cap + 1 - total) if cap else 0)
                out.append(piece)
                total += len(piece)
                if cap and total > cap:
                    mb = current().max_stream_mb
                    check(
                        total / (1 << 20),
                        mb,
                        "有一个 PDF 数据流解压后过大",
                        "a PDF stream inflates too far",
                        UNIT_MB,
                    )
                buf = d.unconsumed_tail
        except zlib.error:
            if not tolerant:
                raise
            break
        if d.eof:
            break
    if not d.eof and not tolerant:
        raise zlib.error("incomplete or truncated stream")
    return b"".join(out)


class _ZlibShim:
    """Stands in for the ``zlib`` module inside pdfminer.pdftypes."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes, *args, **kwargs) -> bytes:
        return inflate(data)

    def __getattr__(self, name):
        return getattr(zlib, name)


def _corrupted(data: bytes) -> bytes:
    return inflate(data, tolerant=True)


def _capped(original):
    def add(self, *args):
        table = getattr(self, "cid2unichr", None)
        if table is None:
            table = getattr(self, "code2cid", None)
        if table is not None and len(table) >= current().max_cmap_entries:
            n = current().max_cmap_entries
            check(
                len(table) + 1,
                n,
                "字体的字符映射表（ToUnicode/CMap）项数过多",
                "a font's character map (ToUnicode/CMap) has too many entries",
                UNIT_ENTRIES,
            )
        return original(self, *args)

    add.__wrapped__ = original
    return add


def install() -> None:
    """Patch pdfminer (once): capped Flate inflation and capped character maps."""
    global _installed
    if _installed:
        return
    from pdfminer import cmapdb, pdftypes

    pdftypes.zlib = _ZlibShim()
    pdftypes.decompress_corrupted = _corrupted
    cmapdb.FileUnicodeMap.add_cid2unichr = _capped(cmapdb.FileUnicodeMap.add_cid2unichr)
    if hasattr(cmapdb, "FileCMap") and hasattr(cmapdb.FileCMap, "add_code2cid"):
        cmapdb.FileCMap.add_code2cid = _capped(cmapdb.FileCMap.add_code2cid)
    _installed = True
