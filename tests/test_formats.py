"""The output-format table: each row is an option of ``perfaudit check``; a new row is a new option."""

from __future__ import annotations

from pathlib import Path

import typer
from test_report import make_findings, make_results
from typer.main import get_command
from typer.testing import CliRunner

import perfaudit.cli as cli
from perfaudit.engine import Audit, decide
from perfaudit.report import formats


def _options(command) -> dict[str, object]:
    return {o: p for p in get_command(command).params for o in p.opts}


def test_every_row_is_an_option_of_check():
    cmd = get_command(cli.app).commands["check"]
    opts = {o: p for p in cmd.params for o in p.opts}
    for fmt in formats.FORMATS:
        assert fmt.option in opts and opts[fmt.option].help == fmt.help
        assert opts[fmt.option].metavar == ("DIR" if fmt.suffix == "/" else f"FILE{fmt.suffix}")
    assert [f.name for f in formats.FORMATS] == ["csv", "xlsx", "json", "html", "letters", "annotate"]


def write_check(target: Path, audit, options) -> list[str]:
    """A toy writer for the row added below: one line per finding."""
    Path(target).write_text("".join(f"{f.file} {f.rule}\n" for f in audit.findings), encoding="utf-8")
    return [str(target)]


def test_a_new_format_is_one_row(monkeypatch, tmp_path):
    row = formats.OutputFormat(
        "md", ".md", "test_formats:write_check", "Markdown 问题清单 / findings as Markdown"
    )
    monkeypatch.setattr(formats, "FORMATS", (*formats.FORMATS, row))
    results, findings = make_results(), make_findings()
    audit = Audit(results, findings, decide(results, findings))
    app = typer.Typer()

    @app.command()
    @cli._with_output_options
    def check(paths: list[str], outputs: dict | None = None) -> None:
        written, failed = cli._write_outputs(outputs, audit, formats.ExportOptions())
        typer.echo(f"{written} {failed}")

    assert "--md" in _options(app)
    target = tmp_path / "f.md"
    res = CliRunner().invoke(app, ["x.pdf", "--md", str(target)])
    assert res.exit_code == 0, res.output
    assert res.stdout.strip() == f"['{target}'] False"
    assert target.read_text(encoding="utf-8").splitlines()[0] == f"{findings[0].file} {findings[0].rule}"
    res = CliRunner().invoke(app, ["x.pdf", "--md", str(tmp_path / "no" / "such" / "f.md")])
    assert res.stdout.strip() == "[] True" and "错误：" in res.stderr  # one line, the others go on
