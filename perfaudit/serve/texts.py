"""The workbench's texts (``perfaudit serve --lang en``): its entries of the message table,
``serve.*`` in :mod:`perfaudit.i18n`.

Templates call ``t("key")``; the page script reads the ``serve.js.*`` entries from a JSON block
the base template writes (no text is hard-coded in ``workbench.js``).
"""

from __future__ import annotations

from .. import i18n

PREFIX = "serve."


def text(key: str, lang: str = "zh", **values: object) -> str:
    """The workbench text ``key`` (without its ``serve.`` prefix) in ``lang``, placeholders filled."""
    return i18n.t(PREFIX + key, lang, **values)


def script_texts(lang: str) -> dict[str, str]:
    """The ``serve.js.*`` texts for the page script, keyed without the prefix."""
    start = PREFIX + "js."
    return {k[len(start) :]: i18n.t(k, lang) for k in i18n.keys(start)}
