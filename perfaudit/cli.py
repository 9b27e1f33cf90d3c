"""The ``perfaudit`` command line: ``check``, ``extract`` and ``rules``.

This module wires inputs, extraction, the rules engine and the reporters together and
picks the exit code.  It imports nothing heavy at module level (no pandas, pdfplumber,
openpyxl or rich progress) so ``perfaudit --help`` is instant; every command imports
what it needs when it runs.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__, i18n

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2  # also: some input unreadable


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class ExtractFormat(StrEnum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class LetterFormat(StrEnum):
    docx = "docx"
    md = "md"


class RulesFormat(StrEnum):
    text = "text"
    json = "json"


app = typer.Typer(
    name="perfaudit",
    help=(
        "审核预算项目绩效目标表（PDF、扫描件、xlsx、docx），列出审核人员会退回修改的问题。\n\n"
        "Audit 预算项目绩效目标表 (budget performance-target tables) and flag the defects a reviewer sends back.\n\n"
        "示例 / Example:  perfaudit check 报送材料/ --csv 问题清单.csv"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"perfaudit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本 / show the version")
    ] = False,
) -> None:
    """perfaudit"""


# --------------------------------------------------------------------------- helpers


def _fail(key: str, *, exit_code: int = EXIT_USAGE, **kwargs: object) -> typer.Exit:
    """Print a one-line error in Chinese and English to stderr; return the Exit to raise."""
    typer.echo(f"{i18n.t('err.prefix', 'zh')}：{i18n.both(key, **kwargs)}", err=True)
    return typer.Exit(exit_code)


def _fail_config(detail: str) -> typer.Exit:
    """A configuration error; ``detail`` is already bilingual (from perfaudit.config)."""
    detail = " ".join(detail.split())
    typer.echo(f"{i18n.t('err.prefix', 'zh')}：{i18n.both('err.config')}：{detail}", err=True)
    return typer.Exit(EXIT_USAGE)


def _setup_logging(debug: bool) -> None:
    """--debug: everything to stderr.  Otherwise library warnings are kept off the console."""
    import logging
    import warnings

    root = logging.getLogger()
    for h in list(root.handlers):  # a previous run in the same process (tests)
        if getattr(h, "_perfaudit", False):
            root.removeHandler(h)
    if debug:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        handler._perfaudit = True
        root.addHandler(handler)
        root.setLevel(logging.DEBUG)
        for noisy in ("pdfminer", "PIL", "matplotlib"):
            logging.getLogger(noisy).setLevel(logging.INFO)
    else:
        handler = logging.NullHandler()  # keeps library warnings off the console (no lastResort)
        handler._perfaudit = True
        root.addHandler(handler)
        warnings.simplefilter("ignore")


def _split_codes(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.replace("，", ",").split(",") if x.strip())
    return out


def _load_config(paths: list[str], config_file: Path | None, select: list[str], ignore: list[str]):
    """The settings (perfaudit.config.load_config): the file near the inputs or --config, flags on top."""
    from .config import load_config

    try:
        return load_config([Path(p) for p in paths] or [Path.cwd()], {"select": select, "ignore": ignore},
                           config_file)  # fmt: skip
    except (ValueError, KeyError, OSError) as exc:
        raise _fail_config(str(exc).strip("'\"")) from None
    except Exception as exc:  # noqa: BLE001 - a setting no check foresaw: one line, never a traceback
        raise _fail_config(f"{type(exc).__name__}: {exc}") from None


def _audit(results, cfg, debug: bool):
    """The engine's decisions (findings, severities, 意见, verdicts); never a traceback for the user."""
    from .engine import audit_batch

    try:
        return audit_batch(results, cfg)
    except Exception as exc:  # noqa: BLE001 - never a traceback for the user
        if debug:
            import logging
            import traceback

            logging.getLogger("perfaudit").debug("rules engine failed:\n%s", traceback.format_exc())
        raise _fail("err.internal", detail=f"{type(exc).__name__}: {exc}") from None


def _exit_code(results, findings, fail_on: str) -> int:
    from .models import SEVERITY_RANK, UNREADABLE_STATUSES

    if any(r.status in UNREADABLE_STATUSES for r in results):
        return EXIT_USAGE
    if fail_on != FailOn.never.value:
        threshold = SEVERITY_RANK[fail_on]
        if any(SEVERITY_RANK.get(f.severity, 0) >= threshold for f in findings):
            return EXIT_FINDINGS
    return EXIT_OK


def _report_tracebacks(items, debug: bool) -> None:
    if not debug:
        return
    import logging

    log = logging.getLogger("perfaudit")
    for it in items:
        if it.traceback:
            log.debug("extracting %s failed:\n%s", it.result.file, it.traceback)


def _limits(timeout: float | None, max_memory: int | None, max_megapixels: float | None,
            other: list[str] | None = None):  # fmt: skip
    """Limits from the options (None keeps a default; 0 switches a limit off).

    ``other``: ``NAME=VALUE`` for any field of :class:`perfaudit.limits.Limits` (``--limit``)."""
    from dataclasses import fields, replace

    from .limits import DEFAULT

    changes: dict = {}
    known = {f.name: f.type for f in fields(DEFAULT)}
    for item in other or []:
        name, _, value = item.partition("=")
        name = name.strip().replace("-", "_")
        try:
            if name not in known:
                raise ValueError(name)
            changes[name] = float(value) if name == "timeout" else int(float(value))
        except ValueError:
            raise _fail("err.bad_limit", item=item, names=", ".join(known)) from None
    if timeout is not None:
        changes["timeout"] = timeout
    if max_memory is not None:
        changes["max_memory_mb"] = max_memory
    if max_megapixels is not None:
        changes["max_pixels"] = int(max_megapixels * 1_000_000)
    return replace(DEFAULT, **changes)


def _refuse_exports(paths: list[str], found, targets: list[Path | None]) -> None:
    """Before anything runs: no export may overwrite an input or land inside an input folder."""
    import glob
    import os

    from .report.common import safe_name
    from .safe_io import export_conflict

    inputs = [i.path for i in found.inputs if i.problem is None]
    folders = [p for p in paths if os.path.isdir(p)]
    folders += [m for p in paths if not os.path.exists(p) for m in glob.glob(p) if os.path.isdir(m)]
    for target in targets:
        if target is None:
            continue
        conflict = export_conflict(target, inputs, folders)
        if conflict is not None:
            raise _fail(f"err.export_{conflict}", path=safe_name(str(target)))


def _warm_rules(config) -> None:
    """Load what comes after the reading: run here while the workers read the files (they import
    no pandas, so this process imports it now, on the other core, not after the first file)."""
    from .record import frames
    from .report import console  # noqa: F401  (rich)
    from .review import build_review  # noqa: F401
    from .rules import all_rules
    from .rules.vocab import content_words, load_lexicons

    frames("", [])  # pandas, and the frame constructors' first-call costs
    list(all_rules())
    load_lexicons(getattr(config, "lexicon", None))
    content_words("预算绩效目标")


def _extract_inputs(paths: list[str], jobs: int | None, lang: str, quiet: bool, limits=None, found=None,
                    while_waiting=None, scheduler: str | None = None, resume: Path | None = None):  # fmt: skip
    """Discover (unless ``found`` is given) and extract; returns (batch items, ignored files)."""
    from .batch import BatchSettings, discover
    from .limits import DEFAULT
    from .report.common import safe_name
    from .report.console import BatchProgress
    from .runner import run

    found = found if found is not None else discover(paths)
    show = not quiet and sys.stderr.isatty()
    settings = BatchSettings(jobs=jobs, limits=limits or DEFAULT, scheduler=scheduler, resume=resume)
    with BatchProgress(show, lang) as progress:
        on_progress = lambda d, t, p: progress.update(d, t, safe_name(p))  # noqa: E731
        items = run(found.inputs, settings, on_progress=on_progress, while_waiting=while_waiting)
    return items, found.ignored


def _interrupted_line(results) -> None:
    """After Ctrl-C: how far the run got (the exports hold the files finished)."""
    from .models import STATUS_NOT_CHECKED

    rest = sum(r.status == STATUS_NOT_CHECKED for r in results)
    if rest:
        kw = {"done": len(results) - rest, "total": len(results), "rest": rest}
        typer.echo(
            f"{i18n.t('closing.interrupted', 'zh', **kw)} / {i18n.t('closing.interrupted', 'en', **kw)}",
            err=True,
        )


# --------------------------------------------------------------------------- check


def _with_output_options(func):
    """Give ``check`` one ``--NAME PATH`` option per output format of perfaudit.report.formats.

    The options are collected into ``outputs`` ({format name: path or None}); adding a format
    to the table adds its option here, with no edit to the command."""
    import functools
    import inspect

    from .report.formats import FORMATS

    sig = inspect.signature(func, eval_str=True)
    params = [p for p in sig.parameters.values() if p.name != "outputs"]
    extra = [
        inspect.Parameter(f"out_{fmt.name}", inspect.Parameter.KEYWORD_ONLY, default=None,
                          annotation=Annotated[Path | None, typer.Option(fmt.option, metavar=fmt.metavar,
                                                                         help=fmt.help)])
        for fmt in FORMATS
    ]  # fmt: skip
    params = params[:1] + [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in params[1:]]
    params = params[:1] + extra + params[1:]

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        outputs = {fmt.name: kwargs.pop(f"out_{fmt.name}", None) for fmt in FORMATS}
        return func(*args, outputs=outputs, **kwargs)

    wrapper.__signature__ = sig.replace(parameters=params)
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    return wrapper


def _write_outputs(outputs: dict, audit, options) -> tuple[list[str], bool]:
    """Every export asked for, in the table's order: (paths written, whether one failed).

    One export failing never stops the others; its failure is one line on stderr."""
    from .report.common import safe_name, safe_text
    from .report.formats import FORMATS

    written: list[str] = []
    failed = False
    for fmt in FORMATS:
        target = outputs.get(fmt.name)
        if target is None:
            continue
        try:
            written.extend(safe_name(p) for p in fmt.write(target, audit, options))
        except Exception as exc:  # noqa: BLE001 - one line, never a traceback
            detail = (exc.strerror if isinstance(exc, OSError) else None) or f"{type(exc).__name__}: {exc}"
            typer.echo(f"{i18n.t('err.prefix', 'zh')}："
                       f"{i18n.both('err.write', path=safe_name(str(target)), detail=safe_text(str(detail)))}",
                       err=True)  # fmt: skip
            failed = True
    return written, failed


def _read_inputs(paths: list[str], outputs: dict, cfg, lang: str, quiet: bool, debug: bool, jobs: int | None,
                 limits, scheduler: str | None, resume: Path | None):  # fmt: skip
    """Find the inputs, refuse exports that would overwrite them, read them: (results, ignored)."""
    from .batch import discover
    from .distributed import ClusterError

    found = discover(paths)
    _refuse_exports(paths, found, list(outputs.values()))
    try:
        items, ignored = _extract_inputs(paths, jobs, lang, quiet, limits, found, lambda: _warm_rules(cfg),
                                         scheduler, resume)  # fmt: skip
    except ClusterError as exc:
        typer.echo(f"{i18n.t('err.prefix', 'zh')}：{exc.zh} / {exc.en}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    _report_tracebacks(items, debug)
    return [it.result for it in items], ignored


def _render(audit, options, exports: list[str], ignored: list[str]) -> None:
    """The console report, from copies whose text is safe to print."""
    from .report import common
    from .report.console import make_console, render_check

    shown_results, shown_findings = common.for_terminal(audit.results, audit.findings)
    render_check(make_console(), shown_results, shown_findings, options, exports=exports,
                 ignored=[common.safe_name(p) for p in ignored], review=common.review_for_terminal(audit.review))  # fmt: skip


# options of ``check`` (the output formats are added from perfaudit.report.formats)
_PathsArg = Annotated[
    list[str],
    typer.Argument(help="PDF/xlsx/docx 文件、目录（递归）或通配符如 '*.pdf' / files, directories, globs"),
]
_JobsOpt = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="并行进程数（默认：全部核心）/ parallel processes"),
]
_QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="只显示无法读取的文件和合计 / bad files and totals only")
]
_VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="显示全部问题 / show every finding")]
_LangOpt = Annotated[Lang | None, typer.Option("--lang", help="界面语言（默认 zh）/ output language")]
_FailOnOpt = Annotated[
    FailOn, typer.Option("--fail-on", help="有该级别及以上问题时退出码为 1 / exit 1 at this level")
]
_SelectOpt = Annotated[
    list[str] | None,
    typer.Option("--select", metavar="CODES", help="只运行这些规则（代码或前缀，逗号分隔）/ rules to run"),
]
_IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option("--ignore", metavar="CODES", help="不运行这些规则（代码或前缀，逗号分隔）/ rules to skip"),
]
_ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="配置文件（perfaudit.toml 或 pyproject.toml）/ config file"),
]
_DebugOpt = Annotated[bool, typer.Option("--debug", help="把内部错误详情写到 stderr / log details to stderr")]
_TopOpt = Annotated[int, typer.Option("--top", min=0, help="每个项目显示最严重的 N 条 / worst N per project")]
_TimeoutOpt = Annotated[
    float | None,
    typer.Option("--timeout", min=0, help="每个文件最长读取秒数（默认 600，0 为不限）/ seconds per file"),
]
_MaxMemoryOpt = Annotated[
    int | None,
    typer.Option("--max-memory", min=0, help="每个进程内存上限 MB（默认 3072，0 为不限）/ MB per worker"),
]
_MaxMegapixelsOpt = Annotated[
    float | None,
    typer.Option("--max-megapixels", min=0, help="扫描页渲染像素上限，百万（默认 60）/ pixels per page"),
]
_LimitOpt = Annotated[
    list[str] | None,
    typer.Option("--limit", metavar="NAME=VALUE", help="其他上限，如 max_stream_mb=64 / any other limit"),
]
_SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="在 Dask 集群上读取文件：tcp://主机:8786 或 local / read the files on a Dask cluster",
    ),
]
_ResumeOpt = Annotated[
    Path | None,
    typer.Option(
        "--resume",
        metavar="REPORT.json",
        help="写 JSON 报告并可在中断后续跑，已读完的文件不再读取 / JSON report; resume after an interruption",
    ),
]
_ShowFindingsOpt = Annotated[
    bool,
    typer.Option("--findings", help="显示原始问题明细而不是审核意见 / raw findings instead of the review"),
]
_LettersFormatOpt = Annotated[
    LetterFormat, typer.Option("--letters-format", help="审核意见书格式 / letter format")
]


@app.command()
@_with_output_options
def check(
    paths: _PathsArg,
    jobs: _JobsOpt = None,
    quiet: _QuietOpt = False,
    verbose: _VerboseOpt = False,
    lang: _LangOpt = None,
    fail_on: _FailOnOpt = FailOn.error,
    select: _SelectOpt = None,
    ignore: _IgnoreOpt = None,
    config: _ConfigOpt = None,
    debug: _DebugOpt = False,
    top: _TopOpt = 5,
    timeout: _TimeoutOpt = None,
    max_memory: _MaxMemoryOpt = None,
    max_megapixels: _MaxMegapixelsOpt = None,
    limit: _LimitOpt = None,
    scheduler: _SchedulerOpt = None,
    resume: _ResumeOpt = None,
    show_findings: _ShowFindingsOpt = False,
    letters_format: _LettersFormatOpt = LetterFormat.docx,
    outputs: dict | None = None,
) -> None:
    """检查绩效目标表并报告问题 / Check submissions and report findings.

    退出码 / exit codes:
    0 = 没有达到 --fail-on 级别（默认 error）的问题 / nothing at or above --fail-on;
    1 = 有达到该级别的问题 / findings at or above it;
    2 = 用法错误或有文件无法读取 / usage error or some input unreadable.
    """
    from .models import STATUS_NOT_CHECKED
    from .report.console import ConsoleOptions
    from .report.formats import ExportOptions

    _setup_logging(debug)
    outputs = dict(outputs or {})
    cfg = _load_config(paths, config, _split_codes(select), _split_codes(ignore))
    lang_value = i18n.norm_lang(lang.value if lang else getattr(cfg, "lang", None))
    if resume is not None and outputs.get("json") is None:
        outputs["json"] = resume
    limits = _limits(timeout, max_memory, max_megapixels, limit)
    results, ignored = _read_inputs(
        paths, outputs, cfg, lang_value, quiet, debug, jobs, limits, scheduler, resume
    )
    audit = _audit(results, cfg, debug)  # every decision, once: findings, severities, 意见, verdicts
    exports, write_failed = _write_outputs(outputs, audit, ExportOptions(lang_value, letters_format.value))
    _render(audit, ConsoleOptions(lang=lang_value, verbose=verbose, quiet=quiet, top=top, findings=show_findings),
            exports, ignored)  # fmt: skip
    if any(r.status == STATUS_NOT_CHECKED for r in audit.results):
        _interrupted_line(audit.results)
        raise typer.Exit(130)
    code = _exit_code(audit.results, audit.findings, fail_on.value)
    raise typer.Exit(EXIT_USAGE if write_failed else code)


# --------------------------------------------------------------------------- extract


@app.command()
def extract(
    paths: Annotated[
        list[str], typer.Argument(help="要提取的文件、目录或通配符 / files, directories, globs")
    ],
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="输出格式 / output format")
    ] = ExtractFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="输出文件（json/csv 默认输出到屏幕）/ output file")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="并行进程数 / parallel processes")
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="消息语言 / message language")] = Lang.zh,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="不显示进度和无法读取的文件 / no progress")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="把内部错误详情写到 stderr / log details to stderr")
    ] = False,
) -> None:
    """把绩效目标表提取为 JSON、CSV 或 xlsx / Extract the tables as JSON, CSV or xlsx.

    每个输入文件都会列出（状态和说明），包括无法读取的文件。
    Every input is listed with its status, unreadable ones too.
    退出码 / exit codes: 0 = 全部可读 / all read; 2 = 有文件无法读取或用法错误 / some unreadable or usage error.
    """
    _setup_logging(debug)
    if fmt is ExtractFormat.xlsx and output is None:
        raise _fail("err.xlsx_stdout")
    from .batch import discover
    from .models import UNREADABLE_STATUSES
    from .report.console import make_console, render_bad_files
    from .report.extract_out import write_extract

    found = discover(paths)
    _refuse_exports(paths, found, [output])
    items, _ignored = _extract_inputs(paths, jobs, lang.value, quiet, found=found)
    _report_tracebacks(items, debug)
    results = [it.result for it in items]
    try:
        text = write_extract(results, fmt.value, output, lang.value)
    except OSError as exc:
        raise _fail("err.write", path=output, detail=exc.strerror or exc) from None
    if text is not None:
        sys.stdout.write(text)
        sys.stdout.flush()
    if not quiet:
        render_bad_files(make_console(stderr=True), results, lang.value)
    raise typer.Exit(EXIT_USAGE if any(r.status in UNREADABLE_STATUSES for r in results) else EXIT_OK)


# --------------------------------------------------------------------------- rules


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="规则代码或简称，如 PA101 / a rule code or slug")] = None,
    fmt: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="输出格式 / output format")
    ] = RulesFormat.text,
    lang: Annotated[Lang, typer.Option("--lang", help="界面语言 / output language")] = Lang.zh,
) -> None:
    """列出规则目录，或显示一条规则的依据、出处、阈值和示例 / List the rule catalogue or show one rule."""
    from .report.console import make_console
    from .report.rules import render_rule_detail, render_rule_table, rule_dict, rules_json
    from .rules import all_rules, get_rule

    if code is None:
        catalogue = list(all_rules())
        if fmt is RulesFormat.json:
            sys.stdout.write(rules_json(catalogue))
        else:
            render_rule_table(make_console(), catalogue, lang.value)
        return
    try:
        rule = get_rule(code)
    except (KeyError, LookupError, ValueError):
        rule = None
    if rule is None:
        raise _fail("err.unknown_rule", code=code)
    if fmt is RulesFormat.json:
        import json

        sys.stdout.write(json.dumps(rule_dict(rule), ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        render_rule_detail(make_console(), rule, lang.value)


# --------------------------------------------------------------------------- workbench


@app.command()
def serve(
    season: Annotated[
        Path,
        typer.Argument(help="审核季文件夹：上传的文件和决定数据库都放在这里 / the review season's folder"),
    ] = Path("perfaudit-review"),
    host: Annotated[
        str,
        typer.Option("--host", help="监听地址（默认只限本机）/ address to listen on (loopback by default)"),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="端口 / port")] = 8765,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="不自动打开浏览器 / do not open a browser")
    ] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="并行进程数 / parallel processes")
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="界面语言 / language of the pages")] = Lang.zh,
) -> None:
    """打开审核工作台（本机网页）/ Open the reviewer's workbench, a local web page."""
    try:
        from .serve import serve as run_server
    except ImportError as exc:
        raise _fail("err.internal", detail=f"{exc.name}: pip install 'perfaudit[workbench]'") from None
    _setup_logging(False)
    from .serve.store import DB_NAME

    typer.echo(f"审核工作台 / workbench: http://{host}:{port}/  （数据库 / database: {season.resolve() / DB_NAME}）",
               err=True)  # fmt: skip
    run_server(season, host=host, port=port, open_browser=not no_browser, jobs=jobs, lang=lang.value)


@app.command()
def stats(
    db: Annotated[Path, typer.Argument(help="审核季数据库或其文件夹 / the season database or its folder")],
    fmt: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="输出格式 / output format")
    ] = RulesFormat.text,
) -> None:
    """各规则的意见被采纳的比例 / How often reviewers accepted each rule's findings."""
    import sqlite3

    from .report.console import make_console
    from .report.stats import render_rule_stats, stats_json
    from .stats import rule_stats

    try:
        rows = rule_stats(db)
    except FileNotFoundError:
        raise _fail("err.no_db", path=db) from None
    except sqlite3.DatabaseError:
        raise _fail("err.not_db", path=db) from None
    if fmt is RulesFormat.json:
        sys.stdout.write(stats_json(rows))
    else:
        render_rule_stats(make_console(), rows)


def main() -> None:
    """The command line (``perfaudit.__main__.main``, the console script, forks the early worker first)."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("已中断 / interrupted", err=True)
        sys.exit(130)
