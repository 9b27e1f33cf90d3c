"""Names of the workbench's files: uploads made safe to write, downloads' headers, time stamps.

Shared by the routes (:mod:`perfaudit.serve.app`) and the handlers (:mod:`perfaudit.serve.views`),
so that neither imports the other's module back.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import quote

MAX_UPLOAD_FILES = 2000


def safe_parts(name: str) -> list[str]:
    """The path parts of an uploaded file's (relative) name that are safe to create, else []."""
    parts = []
    for part in re.split(r"[\\/]+", name or ""):
        part = part.strip().strip(".")  # no "..", no hidden files, no trailing dots (Windows)
        part = re.sub(r'[\x00-\x1f<>:"|?*]', "_", part)[:120]
        if part:
            parts.append(part)
    return parts[-6:]


def inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def attachment(name: str) -> str:
    """Content-Disposition for a download with a Chinese file name (RFC 6266 / 5987)."""
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", name) or "download"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S") + f"-{int(time.time() * 1000) % 1000:03d}"
