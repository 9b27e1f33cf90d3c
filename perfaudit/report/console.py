"""The console report auditors read: summary per file, findings per project, closing line.

Rendering only.  All user text goes through :mod:`perfaudit.i18n` (Chinese by default);
user content (file names, messages, indicator names) is passed to rich as ``Text`` so
brackets in it are never read as markup.  Colours follow rich's ``NO_COLOR`` handling.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import i18n
from ..models import SEVERITIES, STATUS_NO_TABLES, STATUS_OK, ExtractResult, Finding
from .common import FILE_CATEGORIES, extraction_note, group_findings, summarize, totals

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

    from ..review import Review

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
STATUS_STYLES = {STATUS_OK: "green", STATUS_NO_TABLES: "yellow"}  # others: red
NO_LINE_START = frozenset("，。、；：！？）」』”’》〉】,.;:!?)")


@dataclass
class ConsoleOptions:
    lang: str = "zh"
    verbose: bool = False  # every finding of every project
    quiet: bool = False  # only the bad-file lines and the closing line
    top: int = 5  # findings shown per project when not verbose
    findings: bool = False  # --findings: the raw findings (summary table, worst first) instead of the review


def make_console(stderr: bool = False) -> Console:
    """A rich console on the current stdout/stderr (looked up at call time, for test runners)."""
    import sys

    from rich.console import Console

    return Console(file=sys.stderr if stderr else sys.stdout, highlight=False, soft_wrap=False)


def _sev_text(severity: str, lang: str):
    from rich.text import Text

    return Text(i18n.label("severity", severity, lang), style=SEVERITY_STYLES.get(severity, ""))


def _status_text(status: str, lang: str):
    from rich.text import Text

    return Text(i18n.label("status", status, lang), style=STATUS_STYLES.get(status, "red"))


def render_summary(
    console: Console, results: list[ExtractResult], findings: list[Finding], lang: str
) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    summaries = summarize(results, findings)
    table = Table(title=i18n.t("summary.title", lang), box=box.SIMPLE_HEAD, show_footer=len(summaries) > 1,
                  title_justify="left", pad_edge=False)  # fmt: skip
    tot = totals(summaries)
    table.add_column(i18n.t("col.file", lang), overflow="fold", ratio=1, footer=i18n.t("total", lang))
    table.add_column(i18n.t("col.pages", lang), justify="right", no_wrap=True)
    table.add_column(i18n.t("col.projects", lang), justify="right", no_wrap=True, footer=str(tot.projects))
    table.add_column(
        i18n.t("col.indicators", lang), justify="right", no_wrap=True, footer=str(tot.indicators)
    )
    for sev in SEVERITIES:
        table.add_column(
            i18n.label("severity", sev, lang), justify="right", no_wrap=True, style=SEVERITY_STYLES[sev],
            footer=str(tot.counts[sev]),
        )  # fmt: skip
    table.add_column(i18n.t("col.status", lang), no_wrap=True)
    for s in summaries:
        table.add_row(
            Text(s.file),
            str(s.pages) if s.pages else "-",
            str(s.projects),
            str(s.indicators),
            *[str(s.counts.get(sev, 0)) for sev in SEVERITIES],
            _status_text(s.status, lang),
        )
    console.print(table)


def render_bad_files(console: Console, results: list[ExtractResult], lang: str) -> None:
    """One line per input that could not be audited: mark, file, reason."""
    from rich.text import Text

    for r in results:
        if r.status == STATUS_OK:
            note = extraction_note(r, lang)
            if note:  # read, but partly by OCR or with pages skipped: the auditor should know
                line = Text()
                line.append("ⓘ ", style="cyan")
                line.append(r.file, style="bold")
                line.append("  " + note)
                console.print(line, overflow="fold")
            continue
        mark, style = ("!", "yellow") if r.status == STATUS_NO_TABLES else ("✗", "red")
        reason = (r.message_en or r.message) if i18n.norm_lang(lang) == "en" else r.message
        reason = reason or i18n.label("status", r.status, lang)
        line = Text()
        line.append(f"{mark} ", style=style)
        line.append(r.file, style="bold")
        line.append(f"  [{i18n.label('status', r.status, lang)}] ", style=style)
        line.append(reason)
        console.print(line, overflow="fold")


def _wordish(ch: str) -> bool:
    """Characters kept together when wrapping: Latin words, numbers, codes and placeholders such as ××%."""
    return (ch.isascii() and bool(ch.strip())) or ch in "×％"


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap ``text`` to ``width`` terminal cells, breaking anywhere in CJK text.

    rich wraps at spaces only, which tears Chinese sentences at the few spaces they hold
    (around codes and numbers).  Here a line breaks where it is full; a Latin word, number
    or project code (up to 24 cells) moves whole to the next line instead of being split.
    """
    from rich.cells import cell_len

    width = max(8, width)
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        for ch in para:
            if cell_len(line + ch) <= width:
                line += ch
                continue
            cut = len(line)
            if ch in NO_LINE_START and len(line) > 1:  # 避头点: carry the last character down with it
                cut = len(line) - 1
                while cut > 1 and line[cut] in NO_LINE_START:  # 」， : carry both
                    cut -= 1
            elif _wordish(ch) and line and _wordish(line[-1]):
                j = len(line)  # start of the Latin word / number / code / ××% placeholder being cut
                while j > 0 and _wordish(line[j - 1]):
                    j -= 1
                if j > 0 and cell_len(line[j:]) <= 24:
                    cut = j
            lines.append(line[:cut].rstrip())
            line = (line[cut:].lstrip() + ch) if ch.strip() or line[cut:].strip() else ""
        lines.append(line.rstrip())
    return lines


def _finding_head(f: Finding, lang: str):
    from rich.text import Text

    head = Text(" ")
    head.append_text(_sev_text(f.severity, lang))
    head.append(f" {f.rule or ''}", style="bold")
    if f.page is not None:
        head.append(" " + i18n.t("findings.page", lang, page=f.page), style="dim")
    if f.level3 or f.target:
        head.append("  ")
        head.append(f.level3 or "")
        if f.target:
            head.append(f"（{f.target}）" if f.level3 else f.target, style="dim")
    return head


def render_findings(console: Console, results: list[ExtractResult], findings: list[Finding],
                    options: ConsoleOptions) -> None:  # fmt: skip
    from rich.rule import Rule
    from rich.text import Text

    from .common import finding_message

    lang = options.lang
    shown = [f for f in findings if f.category not in FILE_CATEGORIES]
    if not shown:
        return
    indent = "      "
    console.print(Text(i18n.t("findings.title", lang), style="bold"))
    for fg in group_findings(results, shown):
        console.print(Rule(Text(fg.file), align="left", style="dim"))
        for pg in fg.projects:
            head = Text()
            if pg.project_id is None:
                head.append(i18n.t("findings.file_level", lang), style="bold")
            else:
                head.append(f"{i18n.t('findings.project', lang)} " + (f"{pg.project_code} " if pg.project_code else ""),
                            style="bold")  # fmt: skip
                head.append(pg.project_name or "", style="bold")
            if pg.page is not None:
                head.append(" " + i18n.t("findings.page", lang, page=pg.page), style="dim")
            console.print(head, overflow="fold")
            limit = len(pg.findings) if options.verbose else max(0, options.top)
            for f in pg.findings[:limit]:
                console.print(_finding_head(f, lang), overflow="fold")
                for line in wrap_cells(finding_message(f, lang), console.width - len(indent)):
                    console.print(Text(indent + line), overflow="fold", crop=False)
            rest = pg.findings[limit:]
            if rest:
                counts = [(sev, sum(1 for f in rest if f.severity == sev)) for sev in SEVERITIES]
                sep = "、" if i18n.norm_lang(lang) == "zh" else ", "
                desc = sep.join(f"{i18n.label('severity', s, lang)} {n}" for s, n in counts if n)
                console.print(Text(" " + i18n.t("findings.more", lang, n=len(rest), counts=desc), style="dim"),
                              overflow="fold")  # fmt: skip


def render_closing(console: Console, results: list[ExtractResult], findings: list[Finding], lang: str,
                   exports: list[str] | None = None, ignored: list[str] | None = None) -> None:  # fmt: skip
    from rich.text import Text

    tot = totals(summarize(results, findings))
    line = i18n.t("closing.totals", lang, files=tot.files, projects=tot.projects, indicators=tot.indicators,
                  **tot.counts)  # fmt: skip
    if tot.unreadable:
        line += i18n.t("closing.unreadable", lang, n=tot.unreadable)
    if tot.no_tables:
        line += i18n.t("closing.no_tables", lang, n=tot.no_tables)
    console.print(Text(line + ("。" if i18n.norm_lang(lang) == "zh" else "."), style="bold"), overflow="fold")
    if ignored:
        sep = "、" if i18n.norm_lang(lang) == "zh" else ", "
        examples = sep.join(ignored[:3]) + (" …" if len(ignored) > 3 else "")
        _print_paths(console, i18n.t("closing.ignored", lang, n=len(ignored), examples=examples),
                     i18n.t("closing.ignored_head", lang, n=len(ignored)),
                     ignored[:3] + (["…"] if len(ignored) > 3 else []), "dim")  # fmt: skip
    if exports:
        sep = "、" if i18n.norm_lang(lang) == "zh" else ", "
        _print_paths(
            console,
            i18n.t("closing.exports", lang, paths=sep.join(exports)),
            i18n.t("closing.exports_head", lang),
            exports,
        )


def _print_paths(console: Console, line: str, head: str, paths: list[str], style: str = "") -> None:
    """A line naming files; when it is wider than the terminal, one file per line so no name is broken."""
    from rich.cells import cell_len
    from rich.text import Text

    if cell_len(line) <= console.width:
        console.print(Text(line, style=style), overflow="fold")
        return
    console.print(Text(head, style=style), overflow="fold")
    for path in paths:
        console.print(Text("  " + fit_name(path, console.width - 2), style=style), no_wrap=True, crop=False)


def render_check(console: Console, results: list[ExtractResult], findings: list[Finding], options: ConsoleOptions,
                 exports: list[str] | None = None, ignored: list[str] | None = None,
                 review: Review | None = None) -> None:  # fmt: skip
    """The whole console report of ``perfaudit check``: the review by default, raw findings with --findings."""
    raw = options.findings or review is None
    if not options.quiet:
        if raw:
            render_summary(console, results, findings, options.lang)
        else:
            render_verdicts(console, review, options.lang)
    render_bad_files(console, results, options.lang)
    if not options.quiet:
        if any(r.status != STATUS_OK for r in results):
            console.print()
        if raw:
            render_findings(console, results, findings, options)
        else:
            render_opinions(console, review, options.lang)
    render_closing(console, results, findings, options.lang, exports, ignored)


# --------------------------------------------------------------------------- review (default view)

VERDICT_STYLES = {"return": "bold red", "revise": "yellow", "pass": "green"}
LEVEL_STYLES = {"return": "bold red", "revise": "yellow", "advice": "cyan"}


def fit_name(name: str, width: int) -> str:
    """A file name on one line: shortened in the middle (…) rather than broken when wider than ``width``."""
    from rich.cells import cell_len

    if cell_len(name) <= width:
        return name
    head, tail = name[: max(4, width // 3)], ""
    for ch in reversed(name):
        if cell_len(head) + cell_len(tail) + cell_len(ch) + 1 > width:
            break
        tail = ch + tail
    return head + "…" + tail


def _file_line(console: Console, file: str, style: str = "bold") -> None:
    from rich.text import Text

    console.print(
        Text(fit_name(file, console.width), style=style), no_wrap=True, overflow="ignore", crop=False
    )


def _verdict_text(verdict: str, lang: str):
    from rich.text import Text

    return Text(i18n.label("verdict", verdict, lang), style=VERDICT_STYLES.get(verdict, ""))


def render_verdicts(console: Console, review: Review, lang: str) -> None:
    """The verdict table: per file its verdict and counts, then one row per project."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console.print(Text(i18n.t("review.title", lang), style="bold"))
    for fr in review.files:
        _file_line(console, fr.file)
        if fr.status != STATUS_OK:
            reason = fr.overall[0].message(lang) if fr.overall else i18n.label("status", fr.status, lang)
            line = Text(" ")
            line.append_text(_verdict_text(fr.verdict, lang))
            line.append("  " + reason)
            console.print(line, overflow="fold")
            continue
        c = fr.counts()
        line = Text(" ")
        line.append(
            i18n.t(
                "review.file_line",
                lang,
                verdict=i18n.label("verdict", fr.verdict, lang),
                n=len(fr.projects),
                r=c["return"],
                m=c["revise"],
                p=c["pass"],
            ),
            style=VERDICT_STYLES.get(fr.verdict, ""),
        )
        console.print(line, overflow="fold")
        if not fr.projects:
            continue
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        table.add_column(i18n.t("review.col.no", lang), justify="right", no_wrap=True)
        table.add_column(i18n.t("review.col.project", lang), overflow="fold", ratio=1)
        table.add_column(i18n.t("review.col.verdict", lang), no_wrap=True)
        table.add_column(i18n.t("review.col.opinions", lang), justify="right", no_wrap=True)
        for p in fr.projects:  # the code is in the 意见 section's project line
            name = p.name or p.code or "-"
            table.add_row(str(p.index), Text(name), _verdict_text(p.verdict, lang), str(len(p.opinions)))
        console.print(table)


def _opinion_lines(console: Console, number: str, text: str, level: str, lang: str) -> None:
    from rich.text import Text

    tag = f"{number}. "
    label = f"〔{i18n.label('level', level, lang)}〕"
    indent = " " * (len(tag) + 1)
    lines = wrap_cells(label + text, console.width - len(indent))
    for n, line in enumerate(lines):
        out = Text(" " + tag if n == 0 else indent)
        if n == 0 and line.startswith(label):
            out.append(label, style=LEVEL_STYLES.get(level, ""))
            out.append(line[len(label) :])
        else:
            out.append(line)
        console.print(out, overflow="fold", crop=False)


def render_opinions(console: Console, review: Review, lang: str) -> None:
    """Each project's numbered 意见 (all of them), then the file's 总体意见."""
    from rich.rule import Rule
    from rich.text import Text

    readable = [fr for fr in review.files if fr.status == STATUS_OK]
    if not readable:
        return
    console.print(Text(i18n.t("review.opinions_title", lang), style="bold"))
    for fr in readable:
        console.print(Rule(style="dim"))
        _file_line(console, fr.file)
        for p in fr.projects:
            head = Text(i18n.t("review.project_head", lang, index=p.index) + " ", style="bold")
            head.append(" ".join(x for x in (p.code, p.name) if x), style="bold")
            head.append("  ")
            head.append_text(_verdict_text(p.verdict, lang))
            if p.page is not None:
                head.append(" " + i18n.t("findings.page", lang, page=p.page), style="dim")
            console.print(head, overflow="fold")
            if not p.opinions:
                console.print(Text(" " + i18n.t("review.no_opinions", lang), style="dim"))
            for o in p.opinions:
                _opinion_lines(console, str(o.number), o.message(lang), o.level, lang)
        if fr.overall:
            console.print(Text(i18n.t("review.overall", lang), style="bold"))
            for o in fr.overall:
                _opinion_lines(console, o.id, o.message(lang), o.level, lang)


# --------------------------------------------------------------------------- progress


class BatchProgress:
    """A rich progress bar on stderr (file count, current file, elapsed); a no-op when disabled."""

    def __init__(self, enabled: bool, lang: str = "zh") -> None:
        self.enabled = enabled
        self.lang = lang
        self._progress = None
        self._task = None

    def __enter__(self) -> BatchProgress:
        if self.enabled:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(bar_width=24),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.fields[current]}", style="dim", markup=False),  # file names are not markup
                console=make_console(stderr=True),
                transient=True,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task(
                i18n.t("progress.reading", self.lang), total=None, current=""
            )
        return self

    def update(self, done: int, total: int, path: str) -> None:
        if self._progress is not None:
            name = path if len(path) <= 40 else "…" + path[-39:]
            self._progress.update(self._task, completed=done, total=total, current=name)

    def stage(self, key: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, description=i18n.t(key, self.lang), current="")

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)
            self._progress = None
