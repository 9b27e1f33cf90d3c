"""The rule model: one rule class per file, discovered by :mod:`perfaudit.rules`.

A rule subclasses one of four scope classes, which say what ``check`` receives and which the
engine runs it on (:meth:`Rule.targets` says where, and each scope's :meth:`Rule.run_all` walks the
batch once for all the rules of its scope, in the same order):

======================  ======================  ==============================================
class                   ``check(...)`` gets     run on
======================  ======================  ==============================================
:class:`IndicatorRule`  ``(ind, proj, ctx)``    every indicator row of every project
:class:`ProjectRule`    ``(proj, ctx)``         every project
:class:`FileRule`       ``(sub, ctx)``          every file (:class:`~.views.Submission`)
:class:`BatchRule`      ``(subs, ctx)``         once, all the files of the run
======================  ======================  ==============================================

Only the projects of the table kinds a rule declares (``kinds``) reach it.

A rule declares its metadata as class attributes (code, slug, category, severity, titles,
rationale, citation, thresholds, examples) and its messages as templates, apart from the
detection code: ``message`` / ``message_en`` (or several named pairs, ``message_rate`` /
``message_rate_en`` …), in :meth:`str.format` syntax; a part repeated once per item of a list is
a ``clause_<name>`` / ``clause_<name>_en`` pair that ``check`` formats and passes on.  ``check`` yields
``self.hit(proj, ind, "message_rate", unit=...)``; the templates may read the indicator and
the project directly (``{ind.shown}``, ``{ind.target_text}``, ``{proj.name}``).  The engine
turns each :class:`Hit` into a :class:`~perfaudit.models.Finding` (severity overrides,
low-confidence marks, sorting).  Rules print nothing and read no files.

Examples (``passing()``, ``failing()``, ``project()``) live in :mod:`perfaudit.rules.examples`;
docs/adding-a-rule.md walks through a new rule.
"""

from __future__ import annotations

import inspect
import re
import string
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from .examples import Example
from .views import Indicator, Project, Submission
from .vocab import Lexicons

CATEGORIES = (
    "missing_field",
    "missing_value",
    "missing_category",
    "irrelevant_indicator",
    "copy_paste",
    "duplicate_in_project",
    "misclassified",
    "unit_mismatch",
    "direction",
    "implausible_value",
    "vague",
    "budget_arithmetic",
    "cost_exceeds_budget",
    "plan_schedule",
    "goal_repeats_name",
    "description_repeats",
    "weak_basis",
    "unreadable",
    "no_tables",
)
SCOPES = ("indicator", "project", "submission", "batch")
CODE_RE = re.compile(r"^PA\d{3}$")
SLUG_RE = re.compile(r"^[a-z][a-z0-9-]+$")


@dataclass
class Hit:
    """What a rule found; the engine fills in the pointer fields of the Finding."""

    message: str
    message_en: str
    file: str | None = None
    project: Project | None = None
    indicator: Indicator | None = None
    related: list[str] = field(default_factory=list)
    #: this hit's own severity when it differs from the rule's (a configured override still wins)
    severity: str | None = None


@dataclass
class RuleContext:
    """What a rule may read besides the rows: its thresholds and the lexicons."""

    thresholds: dict[str, Any]
    lexicons: Lexicons

    def t(self, name: str) -> Any:
        return self.thresholds[name]


@dataclass(frozen=True)
class Target:
    """One call of a rule: the arguments of its ``check`` (before ``ctx``) and where they come from."""

    args: tuple
    file: str | None
    project: Project | None = None


class Rule:
    """Metadata and machinery shared by the four scope classes below; a rule subclasses one of them."""

    #: indicator / project / submission / batch: set by the scope class, never by a rule
    scope: ClassVar[str] = ""
    code: str = ""
    slug: str = ""
    category: str = ""
    severity: str = "warning"
    title_zh: str = ""
    title_en: str = ""
    rationale: str = ""
    citation: str = ""
    thresholds: dict[str, Any] = {}
    examples: tuple[Example, ...] = ()
    #: the finding's text (zh) and its English; rules with several messages add message_<name>(_en)
    message: str = ""
    message_en: str = ""
    # review traits (perfaudit.review): a rule that declares none gets defaults from its
    # severity, category and scope (documented in docs/rules.md, "意见与审核结论")
    #: "department": pooled into the file's 总体意见 instead of each project's 意见
    opinion_scope: str | None = None
    #: this many distinct rows (or one project-level finding) mean the project must be rewritten
    rewrite_min: int | None = None
    #: rank among findings on the same row / cause; the highest leads the 意见
    precedence: int | None = None
    #: the rule judges the make-up of a project's indicator set: folds into a rewrite 意见
    judges_indicator_set: bool = False
    #: rules whose 意见 on the same project states this rule's cause too: its finding joins that 意见
    same_cause_as: tuple[str, ...] = ()
    #: 总体意见 text when pooled: {n} projects, {projects} their numbers, {rows} findings
    department_zh: str = ""
    department_en: str = ""
    #: the table kinds the rule reads (project / department / regional); the others are skipped
    kinds: tuple[str, ...] = ("project",)
    #: always runs, whatever --select says (only an explicit --ignore of its code stops it):
    #: every input file must appear in every export
    always_on: bool = False

    # ------------------------------------------------------------------ running (the engine calls these)
    def targets(
        self, subs: list[Submission]
    ) -> Iterator[Target]:  # pragma: no cover - scope classes define it
        """Every call of ``check`` this rule makes on a run over ``subs``, in the batch's order."""
        raise TypeError(
            f"rule {type(self).__name__} must subclass IndicatorRule, ProjectRule, FileRule or BatchRule"
        )

    @classmethod
    def run_all(
        cls,
        rules: list[tuple[Rule, RuleContext]],
        subs: list[Submission],
        hits: dict[int, list[Hit]],
        failed: Callable[[Rule, Exception, str | None, Project | None], Hit],
    ) -> None:
        """Run every one of ``rules`` (all of this scope) over ``subs``, each hit into ``hits[id(rule)]``
        in the order of the rule's own :meth:`targets`.  A check that raises gets ``failed(rule,
        error, file, project)`` in its place (its hits so far stay).  The engine calls this once per scope."""
        for rule, ctx in rules:
            out = hits[id(rule)]
            for target in rule.targets(subs):
                try:
                    out.extend(rule.check(*target.args, ctx) or ())
                except Exception as e:  # noqa: BLE001 - the engine reports it as a finding
                    out.append(failed(rule, e, target.file, target.project))

    def check(self, *args: Any) -> Iterable[Hit]:  # pragma: no cover - every rule overrides it
        raise TypeError(f"rule {type(self).__name__} defines no check()")

    def _projects(self, sub: Submission) -> list[Project]:
        """The projects of ``sub`` whose table kind this rule reads."""
        return [p for p in sub.projects if p.kind in self.kinds]

    def _restricted(self, sub: Submission) -> Submission:
        return replace(sub, projects=self._projects(sub))

    # ------------------------------------------------------------------ messages
    def templates(self, kind: str = "message") -> dict[str, tuple[str, str]]:
        """The rule's templates by name: ``{"message": (zh, en), "message_rate": (zh, en)}``.

        ``kind="clause"``: the parts a message repeats once per item (``clause_short`` …), which
        ``check`` formats itself and passes to ``hit`` as a parameter.
        """
        pattern = re.compile(rf"^{kind}(_[a-z0-9]+)*$")
        names = sorted(
            n
            for n in dir(type(self))
            if pattern.match(n) and not n.endswith("_en") and isinstance(getattr(self, n), str)
        )
        return {n: (getattr(self, n), getattr(self, n + "_en", "")) for n in names if getattr(self, n)}

    def hit(
        self,
        project: Project | None,
        indicator: Indicator | None = None,
        template: str = "message",
        *,
        related: list[str] | None = None,
        file: str | None = None,
        severity: str | None = None,
        **params: Any,
    ) -> Hit:
        """A finding from the template named ``template``, formatted with ``params``.

        The templates may also read ``ind`` and ``proj`` (the indicator and project given), e.g.
        ``{ind.shown}`` (the 三级 as written), ``{ind.target_text}``, ``{proj.name}``.
        """
        zh, en = getattr(self, template), getattr(self, template + "_en")
        if indicator is not None:
            params.setdefault("ind", indicator)
        if project is not None:
            params.setdefault("proj", project)
        return Hit(
            zh.format(**params),
            en.format(**params),
            file or (project.file if project else None),
            project,
            indicator,
            list(related or []),
            severity,
        )

    # ------------------------------------------------------------------ metadata
    @property
    def id(self) -> str:
        return self.code

    def to_dict(self, examples: bool = False) -> dict[str, Any]:
        d = {
            "id": self.code,
            "code": self.code,
            "slug": self.slug,
            "category": self.category,
            "severity": self.severity,
            "scope": self.scope,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "rationale": self.rationale,
            "citation": self.citation,
            "thresholds": dict(self.thresholds),
        }
        if examples:
            d["examples"] = [e.to_dict() for e in self.examples]
        return d

    def problems(self) -> list[str]:
        """Metadata defects (the catalogue test asserts this is empty for every rule)."""
        out = []
        if not CODE_RE.match(self.code):
            out.append(f"bad code {self.code!r}")
        if not SLUG_RE.match(self.slug):
            out.append(f"bad slug {self.slug!r}")
        if self.category not in CATEGORIES:
            out.append(f"unknown category {self.category!r}")
        if self.severity not in ("error", "warning", "info"):
            out.append(f"bad severity {self.severity!r}")
        out += self._scope_problems() + self._template_problems()
        if not self.kinds or set(self.kinds) - {"project", "department", "regional"}:
            out.append(f"bad kinds {self.kinds!r}")
        for attr in ("title_zh", "title_en", "rationale", "citation"):
            if not getattr(self, attr).strip():
                out.append(f"empty {attr}")
        if not any(e.passing for e in self.examples):
            out.append("no passing example")
        if not any(not e.passing for e in self.examples):
            out.append("no failing example")
        return out

    def _scope_problems(self) -> list[str]:
        bases = [c for c in SCOPE_CLASSES if isinstance(self, c)]
        if len(bases) != 1:
            return [f"must subclass exactly one of {', '.join(c.__name__ for c in SCOPE_CLASSES)}"]
        want = list(inspect.signature(bases[0].check).parameters)
        got = list(inspect.signature(type(self).check).parameters)
        if len(got) != len(want):
            return [f"check{tuple(got[1:])} does not match {bases[0].__name__}.check{tuple(want[1:])}"]
        return []

    def _template_problems(self) -> list[str]:
        out = []
        templates = self.templates()
        if not templates:
            out.append("no message template")
        for name, (zh, en) in {**templates, **self.templates("clause")}.items():
            if not en.strip():
                out.append(f"{name} has no {name}_en")
            for text in (zh, en):
                try:
                    list(string.Formatter().parse(text))
                except ValueError as e:
                    out.append(f"{name}: bad template ({e})")
        return out

    def __repr__(self) -> str:
        return f"<Rule {self.code} {self.slug}>"


def _rules_by_kind(
    rules: list[tuple[Rule, RuleContext]], hits: dict[int, list[Hit]]
) -> Callable[[str], list]:
    """``for_kind(kind)``: the rules that apply to a project of ``kind`` (its ``kinds`` hold it), as
    (rule, bound check, context, the rule's hit list), in the order of ``rules``; built once per kind."""
    made: dict[str, list] = {}

    def for_kind(kind: str) -> list:
        todo = made.get(kind)
        if todo is None:
            todo = made[kind] = [
                (rule, rule.check, ctx, hits[id(rule)]) for rule, ctx in rules if kind in rule.kinds
            ]
        return todo

    return for_kind


class IndicatorRule(Rule):
    """Checks one indicator row at a time: ``check(ind, proj, ctx)``."""

    scope = "indicator"

    def targets(self, subs: list[Submission]) -> Iterator[Target]:
        for sub in subs:
            for proj in self._projects(sub):
                for ind in proj.indicators:
                    yield Target((ind, proj), sub.file, proj)

    @classmethod
    def run_all(cls, rules, subs, hits, failed) -> None:
        """As :meth:`Rule.run_all`, walking the rows once for all the rules: each row goes to the
        rules whose ``kinds`` hold its project's kind (the hits of each rule keep its own order)."""
        for_kind = _rules_by_kind(rules, hits)
        for sub in subs:
            for proj in sub.projects:
                todo = for_kind(proj.kind)
                for ind in proj.indicators:
                    for rule, check, ctx, out in todo:
                        try:  # a for loop: about twice as quick as list.extend on the usual empty generator
                            for hit in check(ind, proj, ctx) or ():
                                out.append(hit)
                        except Exception as e:  # noqa: BLE001 - the engine reports it as a finding
                            out.append(failed(rule, e, sub.file, proj))

    def check(self, ind: Indicator, proj: Project, ctx: RuleContext) -> Iterable[Hit]:  # pragma: no cover
        raise TypeError(f"rule {type(self).__name__} defines no check()")


class ProjectRule(Rule):
    """Checks one project (its fields and all its rows): ``check(proj, ctx)``."""

    scope = "project"

    def targets(self, subs: list[Submission]) -> Iterator[Target]:
        for sub in subs:
            for proj in self._projects(sub):
                yield Target((proj,), sub.file, proj)

    @classmethod
    def run_all(cls, rules, subs, hits, failed) -> None:
        """As :meth:`Rule.run_all`, walking the projects once for all the rules."""
        for_kind = _rules_by_kind(rules, hits)
        for sub in subs:
            for proj in sub.projects:
                for rule, check, ctx, out in for_kind(proj.kind):
                    try:
                        for hit in check(proj, ctx) or ():
                            out.append(hit)
                    except Exception as e:  # noqa: BLE001 - the engine reports it as a finding
                        out.append(failed(rule, e, sub.file, proj))

    def check(self, proj: Project, ctx: RuleContext) -> Iterable[Hit]:  # pragma: no cover
        raise TypeError(f"rule {type(self).__name__} defines no check()")


class FileRule(Rule):
    """Checks one file (its status, or its projects against each other): ``check(sub, ctx)``."""

    scope = "submission"

    def targets(self, subs: list[Submission]) -> Iterator[Target]:
        for sub in subs:
            yield Target((self._restricted(sub),), sub.file)

    def check(self, sub: Submission, ctx: RuleContext) -> Iterable[Hit]:  # pragma: no cover
        raise TypeError(f"rule {type(self).__name__} defines no check()")


class BatchRule(Rule):
    """Checks all the files of a run together, once: ``check(subs, ctx)``."""

    scope = "batch"

    def targets(self, subs: list[Submission]) -> Iterator[Target]:
        yield Target(([self._restricted(s) for s in subs],), subs[0].file if subs else None)

    def check(self, subs: list[Submission], ctx: RuleContext) -> Iterable[Hit]:  # pragma: no cover
        raise TypeError(f"rule {type(self).__name__} defines no check()")


SCOPE_CLASSES = (IndicatorRule, ProjectRule, FileRule, BatchRule)
