"""AuditConfig and load_config: file discovery, overrides, validation messages."""

from __future__ import annotations

import pytest

from perfaudit.config import AuditConfig, load_config
from perfaudit.rules import get_rule


def test_defaults_enable_everything():
    cfg = load_config([], None)
    assert cfg.source is None and cfg.select == [] and cfg.low_confidence == 0.8 and cfg.lang == "zh"
    assert cfg.enabled(get_rule("PA101")) and cfg.enabled(get_rule("PA503"))


def test_pyproject_found_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.perfaudit]\nselect = ["PA1", "PA3"]\nignore = ["PA102"]\nlow_confidence = 0.6\n'
        '[tool.perfaudit.severity]\nPA303 = "error"\n'
        "[tool.perfaudit.thresholds.PA110]\nmin_jaccard = 0.5\n",
        encoding="utf-8",
    )
    sub = tmp_path / "2022" / "dept"
    sub.mkdir(parents=True)
    cfg = load_config([sub / "a.pdf"], None)
    assert cfg.source == str(tmp_path / "pyproject.toml")
    assert cfg.enabled(get_rule("PA101")) and not cfg.enabled(get_rule("PA102"))
    assert not cfg.enabled(get_rule("PA201")) and cfg.enabled(get_rule("PA001"))  # file-level always on
    assert cfg.severity_for(get_rule("PA303")) == "error"
    assert cfg.thresholds_for(get_rule("PA110")) == {
        "min_jaccard": 0.5,
        "min_shared": 3,
        "max_name_similarity": 90,
    }
    assert cfg.low_confidence == 0.6


def test_perfaudit_toml_next_to_inputs_wins_over_pyproject_above(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.perfaudit]\nselect = ["PA1"]\n', encoding="utf-8")
    sub = tmp_path / "in"
    sub.mkdir()
    (sub / "perfaudit.toml").write_text(
        'ignore = ["PA5"]\n[lexicon]\n"vague.names" = ["稳步推进"]\n', encoding="utf-8"
    )
    cfg = load_config([sub / "x.pdf"], None)
    assert cfg.source == str(sub / "perfaudit.toml") and cfg.select == [] and cfg.ignore == ["PA5"]
    assert cfg.lexicon == {"vague.names": ["稳步推进"]}


def test_pyproject_without_section_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.perfaudit]\nignore = ["PA503"]\n', encoding="utf-8")
    sub = tmp_path / "pkg"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_config([sub / "a.pdf"], None).ignore == ["PA503"]


def test_overrides(tmp_path):
    (tmp_path / "perfaudit.toml").write_text(
        'select = ["PA1"]\nignore = ["PA102"]\n[severity]\nPA101 = "warning"\n', encoding="utf-8"
    )
    cfg = load_config(
        [tmp_path / "a.pdf"], {"select": ["PA3"], "ignore": ["PA310"], "severity": {"PA303": "info"}}
    )
    assert cfg.select == ["PA3"] and cfg.ignore == ["PA102", "PA310"]
    assert cfg.severity == {"PA101": "warning", "PA303": "info"}
    assert (
        not cfg.enabled(get_rule("PA101"))
        and not cfg.enabled(get_rule("PA310"))
        and cfg.enabled(get_rule("PA311"))
    )


def test_select_by_slug_and_all():
    cfg = AuditConfig(select=["irrelevant-indicator"])
    assert cfg.enabled(get_rule("PA101")) and not cfg.enabled(get_rule("PA102"))
    assert AuditConfig(select=["ALL"]).enabled(get_rule("PA503"))


@pytest.mark.parametrize(
    "kwargs,needle",
    [
        ({"select": ["PA999"]}, "unknown rule code in select: PA999"),
        ({"ignore": ["XY1"]}, "ignore 中的规则代码无法识别：XY1"),
        ({"severity": {"PA101": "fatal"}}, "invalid severity 'fatal' for PA101"),
        ({"severity": {"PA777": "error"}}, "unknown rule: PA777"),
        ({"thresholds": {"PA110": {"jaccard": 0.5}}}, "rule PA110 has no threshold jaccard"),
        (
            {"thresholds": {"PA110": {"min_jaccard": "high"}}},
            "threshold min_jaccard of PA110 must be a number",
        ),
        ({"lexicon": {"domains.nosuch": ["x"]}}, "unknown lexicon 'domains.nosuch'"),
        ({"low_confidence": 2}, "low_confidence must be between 0 and 1"),
        ({"lang": "fr"}, "lang must be zh or en"),
    ],
)
def test_invalid_settings_raise_bilingual_value_error(kwargs, needle):
    with pytest.raises(ValueError) as exc:
        AuditConfig(**kwargs)
    assert needle in str(exc.value)
    assert " / " in str(exc.value)  # Chinese / English


def test_unknown_key_in_file(tmp_path):
    (tmp_path / "perfaudit.toml").write_text('selekt = ["PA1"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="未知配置项 selekt"):
        load_config([tmp_path / "a.pdf"], None)


def test_broken_toml(tmp_path):
    (tmp_path / "perfaudit.toml").write_text("select = [\n", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot read config file"):
        load_config([tmp_path / "a.pdf"], None)


def test_one_loader_for_a_named_file(tmp_path):
    """--config FILE goes through the same loader and checks as a file found near the inputs."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    cfg = load_config(
        [], {"ignore": ["PA102"]}, tmp_path / "pyproject.toml"
    )  # no table: defaults, flags on top
    assert cfg.source == str(tmp_path / "pyproject.toml") and cfg.ignore == ["PA102"]
    bureau = tmp_path / "bureau.toml"
    bureau.write_text('select = "PA1"\nignore = ["PA102"]\n[severity]\nPA101 = "info"\n', encoding="utf-8")
    cfg = load_config([tmp_path / "elsewhere" / "a.pdf"], {"ignore": ["PA110"], "select": []}, bureau)
    assert (cfg.select, cfg.ignore, cfg.severity) == (["PA1"], ["PA102", "PA110"], {"PA101": "info"})
    bureau.write_text('[tool.perfaudit]\nselect = ["PA3"]\ncolour = 1\n', encoding="utf-8")
    with pytest.raises(ValueError, match="未知配置项 colour"):
        load_config([], None, bureau)
    bureau.write_text("[tool]\nperfaudit = 3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="应为表"):
        load_config([], None, bureau)
    with pytest.raises(ValueError) as exc:
        load_config([], None, tmp_path / "missing.toml")
    assert (
        str(exc.value)
        == f"配置文件 {tmp_path / 'missing.toml'} 不存在 / config file {tmp_path / 'missing.toml'} not found"
    )


def test_cli_has_no_config_reading_of_its_own():
    import inspect

    import perfaudit.cli

    src = inspect.getsource(perfaudit.cli)
    assert "tomllib" not in src and "KNOWN_KEYS" not in src
