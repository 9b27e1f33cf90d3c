"""Decide everything about a batch once: which findings exist, their severities, the review.

``audit_batch(results, config)`` is the one entry point of the CLI, the workbench and
``perfaudit.audit()``: it runs the rules (:func:`run_rules`), turns a file whose rows the
rules cannot handle into that file's error, and decides the 意见 and verdicts
(:func:`decide`).  Reporters only render the :class:`Audit` it returns.

What the engine decides, and the reporters never change:

* **select / ignore** (``AuditConfig.enabled``): a rule that is not enabled yields no finding
  anywhere.  PA001 (file unreadable) and PA002 (no 绩效目标表) are ``always_on``: ``select``
  does not drop them, only an explicit ``ignore`` of their code or slug does.
* **every input is accounted for** by its status (``ExtractResult.status``), which every
  report renders (console summary, CSV status row, JSON ``files``, xlsx 文件汇总, HTML
  summary, one letter per file) whether or not PA001/PA002 are ignored.
* **severities**: a configured override wins, else the hit's own, else the rule's; a rule that
  crashed on a target is reported as ``info``.

``run_rules`` returns :class:`~perfaudit.models.Finding` objects in a deterministic order
(input file order, then project, then indicator row, then rule code).  Nothing is printed.
"""

from __future__ import annotations

import gc
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .models import ExtractResult, Finding

log = logging.getLogger("perfaudit")

if TYPE_CHECKING:  # pragma: no cover
    from .config import AuditConfig
    from .review import Review
    from .rules.base import Hit, Rule


def run_rules(results: list[ExtractResult], config: AuditConfig | None = None) -> list[Finding]:
    with _cycle_collector_paused():
        return _run_rules(results, config)


@contextmanager
def _cycle_collector_paused():
    """Python's cycle collector paused while the rules run, then resumed as it was.

    The views and hits form hardly any reference cycles, yet a province's 400,000 rows and their hits
    make the collector walk every object again and again as they pile up: about a tenth of the
    rules' time at 20,000 projects (``bench/bench_rules.py``).  Memory is freed as usual by
    reference counting."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _run_rules(results: list[ExtractResult], config: AuditConfig | None) -> list[Finding]:
    from .config import AuditConfig
    from .rules import all_rules
    from .rules.base import SCOPE_CLASSES, Hit, RuleContext
    from .rules.views import Derive, build_submission
    from .rules.vocab import load_lexicons

    cfg = config if config is not None else AuditConfig()
    lex = load_lexicons(cfg.lexicon)
    derive = Derive()  # names and categories repeat across the files: derived once each
    subs = [build_submission(r, i, derive) for i, r in enumerate(results)]
    rules = [r for r in all_rules() if cfg.enabled(r)]

    hits: dict[int, list[Hit]] = {id(rule): [] for rule in rules}
    crashed: set[int] = set()  # ids of the hits that stand for a rule that failed

    def failed(rule: Rule, e: Exception, file: str | None, project) -> Hit:
        """A rule that fails on one target costs its own findings there, never the batch."""
        log.debug("rule %s failed on %s", rule.code, file, exc_info=True)
        hit = Hit(
            f"规则 {rule.code} 在此处运行出错（{type(e).__name__}），本条检查已跳过，请人工核对；可加 --debug 查看详情",
            f"rule {rule.code} failed here ({type(e).__name__}) and was skipped; check by hand",
            file=file,
            project=project,
        )
        crashed.add(id(hit))
        return hit

    # each scope class walks the batch once for all its rules (perfaudit.rules.base.Rule.run_all)
    for scope in SCOPE_CLASSES:
        mine = [
            (rule, RuleContext(cfg.thresholds_for(rule), lex)) for rule in rules if isinstance(rule, scope)
        ]
        if mine:
            scope.run_all(mine, subs, hits, failed)

    raw = [(rule, hit) for rule in rules for hit in hits[id(rule)]]  # one rule after another
    file_index = {s.file: s.index for s in subs}
    severities = {id(rule): _configured_severity(rule, cfg) for rule in rules}
    findings = [_finding(rule, hit, cfg, severities[id(rule)]) for rule, hit in raw]
    for f, (_, hit) in zip(findings, raw, strict=True):
        if id(hit) in crashed:
            f.severity = "info"
    order = {id(f): _key(rule, hit, file_index) for f, (rule, hit) in zip(findings, raw, strict=True)}
    findings.sort(key=lambda f: order[id(f)])
    return findings


@dataclass
class Audit:
    """A checked batch, everything decided: what every reporter renders."""

    #: the extraction results in input order (a file the rules could not handle is an error result)
    results: list[ExtractResult]
    #: every finding, ordered by file, project, row and rule; ``opinion`` set
    findings: list[Finding]
    #: the 意见 and verdicts (perfaudit.review)
    review: Review


def audit_batch(results: list[ExtractResult], config: AuditConfig | None = None) -> Audit:
    """Rules, file errors and the review for ``results``: the one decision point of a check run."""
    results, findings = rules_isolated(list(results), config)
    return Audit(results, findings, decide(results, findings, config))


def rules_isolated(results: list[ExtractResult], config: AuditConfig | None = None
                   ) -> tuple[list[ExtractResult], list[Finding]]:  # fmt: skip
    """(results, findings).  A file whose rows the rules cannot handle (outside the per-rule
    guard, e.g. while building the rules' view) becomes that file's error; the others keep
    their findings.  Only a failure that no single file explains is raised."""
    from . import i18n
    from .batch import failed_result
    from .models import STATUS_ERROR

    try:
        return results, run_rules(results, config)
    except Exception:  # noqa: BLE001 - find the file that caused it
        log.debug("rules failed on the batch; trying file by file", exc_info=True)
    bad = set()
    for i, r in enumerate(results):
        try:
            run_rules([r], config)
        except Exception:  # noqa: BLE001
            log.debug("rules failed on %s", r.file, exc_info=True)
            bad.add(i)
    results = [
        failed_result(r.file, STATUS_ERROR, i18n.t("input.view_failed", "zh"), i18n.t("input.view_failed", "en"))
        if i in bad else r
        for i, r in enumerate(results)
    ]  # fmt: skip
    return results, run_rules(results, config)


def decide(
    results: list[ExtractResult], findings: list[Finding], config: AuditConfig | None = None
) -> Review:
    """The review a bureau sends, decided once: 意见, verdicts per project and file (perfaudit.review).

    Run after every finding is known (file-level ones included); it sets ``Finding.opinion`` on
    each finding, so every export carries the link.  Reporters only render the result.
    """
    from .review import build_review

    return build_review(results, findings, config.local_basis if config is not None else None)


def _key(rule: Rule, hit: Hit, file_index: dict[str, int]) -> tuple:
    p, i = hit.project, hit.indicator
    fidx = p.file_index if p else file_index.get(hit.file or "", 0)
    return (fidx, p.index if p else 0, i.row if i else 0, rule.code, hit.message)


def _finding(rule: Rule, hit: Hit, cfg: AuditConfig, configured: str | None) -> Finding:
    p, i = hit.project, hit.indicator
    # a row's finding relies on its row; a project's finding on the table's label/value cells
    conf = i.confidence if i is not None else (p.confidence if p is not None else 1.0)
    low = conf < cfg.low_confidence
    msg, msg_en = hit.message, hit.message_en
    if low:
        what, what_en = ("该行", "") if i is not None else ("该表表头", " of the table's header cells")
        msg = (
            msg.rstrip("。")
            + f"（{what}识别置信度 {conf:.2f}，低于 {cfg.low_confidence:.2f}，请对照原件核实）。"
        )
        msg_en = msg_en.rstrip(".") + (
            f" (OCR confidence{what_en} {conf:.2f} is below {cfg.low_confidence:.2f}: check the original)."
        )
    return Finding(
        file=hit.file or (p.file if p else ""),
        rule=rule.code,
        slug=rule.slug,
        category=rule.category,
        severity=configured or hit.severity or rule.severity,
        message=msg,
        message_en=msg_en,
        page=(i.page if i is not None and i.page is not None else (p.page if p else None)),
        unit_code=p.unit_code if p else None,
        unit_name=p.unit_name if p else None,
        project_id=p.project_id if p else None,
        project_code=p.code if p else None,
        project_name=p.name if p else None,
        level1=i.level1 if i else None,
        level2=i.level2 if i else None,
        level3=i.level3 if i else None,
        target=i.target if i else None,
        indicator_row=i.row if i else None,
        related=list(hit.related),
        low_confidence=low,
    )


def _configured_severity(rule: Rule, cfg: AuditConfig) -> str | None:
    """The severity the configuration sets for ``rule`` (None: none set).

    A configured override wins; else the hit's own severity (a rule grading a case); else the rule's."""
    configured = cfg.severity_for(rule)
    if configured != rule.severity or any(k.upper() in (rule.code, rule.slug.upper()) for k in cfg.severity):
        return configured
    return None
