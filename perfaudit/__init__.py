"""perfaudit: read 预算项目绩效目标表 into pandas and flag the defects a reviewer sends back.

Public API (imports are lazy so ``perfaudit --help`` stays instant)::

    import perfaudit
    result = perfaudit.extract("submission.pdf")      # ExtractResult
    result.projects, result.indicators                 # two tidy dataframes
    findings = perfaudit.audit([result])               # list[Finding]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .models import ExtractResult, Finding

__all__ = ["extract", "audit", "__version__"]

# The reading subpackage is loaded first (it imports no heavy library), so that the function
# ``extract`` below is what ``perfaudit.extract`` names: Python binds a subpackage to its
# parent's attribute only when the subpackage is first loaded.  Code inside the project
# imports from the subpackage (``from perfaudit.extract import extract_file``).
from . import extract as _reading  # noqa: E402, F401  - must precede ``def extract``


def extract(path, settings=None) -> ExtractResult:
    """Read every 绩效目标表 in one file (PDF, scanned PDF, .xlsx or .docx)."""
    from .extract import extract_file

    return extract_file(path, settings)


def audit(results, config=None) -> list[Finding]:
    """Run the rules catalogue over one or more ExtractResults; returns findings.

    The same findings as every export of ``perfaudit check`` with the same settings
    (``config``: an :class:`~perfaudit.config.AuditConfig`): select/ignore, severities and
    each finding's 意见 (``opinion``) are decided in :func:`perfaudit.engine.audit_batch`."""
    from .engine import audit_batch

    return audit_batch(list(results), config).findings
