"""Run the rules catalogue over extraction results.

``run_rules(results, config)`` is the one entry point: it builds row views of every
ExtractResult, runs each enabled rule on the targets of its scope class (indicator, project,
file, batch) and returns :class:`~perfaudit.models.Finding` objects in a deterministic order
(input file order, then project, then indicator row, then rule code).  Nothing is printed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .models import Finding

log = logging.getLogger("perfaudit")

if TYPE_CHECKING:  # pragma: no cover
    from .config import AuditConfig
    from .models import ExtractResult
    from .review import Review
    from .rules.base import Hit, Rule, RuleContext, Target


def run_rules(results: list[ExtractResult], config: AuditConfig | None = None) -> list[Finding]:
    from .config import AuditConfig
    from .rules import all_rules
    from .rules.base import Hit, RuleContext
    from .rules.views import build_submission
    from .rules.vocab import load_lexicons

    cfg = config if config is not None else AuditConfig()
    lex = load_lexicons(cfg.lexicon)
    subs = [build_submission(r, i) for i, r in enumerate(results)]
    rules = [r for r in all_rules() if cfg.enabled(r)]

    raw: list[tuple[Rule, Hit]] = []
    crashed: set[int] = set()  # ids of the hits that stand for a rule that failed

    def run(rule: Rule, target: Target, ctx: RuleContext) -> None:
        """One rule on one target; a rule that fails costs its own findings, never the batch."""
        try:
            raw.extend((rule, h) for h in rule.run(target, ctx))
        except Exception as e:  # noqa: BLE001 - reported as a finding, details with --debug
            log.debug("rule %s failed on %s", rule.code, target.file, exc_info=True)
            hit = Hit(f"规则 {rule.code} 在此处运行出错（{type(e).__name__}），本条检查已跳过，请人工核对；可加 --debug 查看详情",
                      f"rule {rule.code} failed here ({type(e).__name__}) and was skipped; check by hand",
                      file=target.file, project=target.project)
            crashed.add(id(hit))
            raw.append((rule, hit))

    for rule in rules:  # each rule's scope class walks the batch (perfaudit.rules.base.Rule.targets)
        ctx = RuleContext(cfg.thresholds_for(rule), lex)
        for target in rule.targets(subs):
            run(rule, target, ctx)

    file_index = {s.file: s.index for s in subs}
    findings = [_finding(rule, hit, cfg) for rule, hit in raw]
    for f, (_, hit) in zip(findings, raw, strict=True):
        if id(hit) in crashed:
            f.severity = "info"
    order = {id(f): _key(rule, hit, file_index) for f, (rule, hit) in zip(findings, raw, strict=True)}
    findings.sort(key=lambda f: order[id(f)])
    return findings


def decide(results: list[ExtractResult], findings: list[Finding], config: AuditConfig | None = None) -> Review:
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


def _finding(rule: Rule, hit: Hit, cfg: AuditConfig) -> Finding:
    p, i = hit.project, hit.indicator
    low = bool(i is not None and i.confidence < cfg.low_confidence)
    msg, msg_en = hit.message, hit.message_en
    if low:
        msg = msg.rstrip("。") + f"（该行识别置信度 {i.confidence:.2f}，低于 {cfg.low_confidence:.2f}，请对照原件核实）。"
        msg_en = msg_en.rstrip(".") + (
            f" (OCR confidence {i.confidence:.2f} is below {cfg.low_confidence:.2f}: check the original)."
        )
    return Finding(
        file=hit.file or (p.file if p else ""),
        rule=rule.code,
        slug=rule.slug,
        category=rule.category,
        severity=_severity(rule, hit, cfg),
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


def _severity(rule: Rule, hit: Hit, cfg: AuditConfig) -> str:
    """A configured override wins; else the hit's own severity (a rule grading a case); else the rule's."""
    configured = cfg.severity_for(rule)
    if configured != rule.severity or any(k.upper() in (rule.code, rule.slug.upper()) for k in cfg.severity):
        return configured
    return hit.severity or rule.severity

