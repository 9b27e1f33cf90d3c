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


def extract(path, settings=None) -> ExtractResult:
    """Read every 绩效目标表 in one file (PDF, scanned PDF, .xlsx or .docx)."""
    from .extract import extract_file

    return extract_file(path, settings)


def audit(results, config=None) -> list[Finding]:
    """Run the rules catalogue over one or more ExtractResults; returns findings."""
    from .engine import run_rules

    return run_rules(list(results), config)
