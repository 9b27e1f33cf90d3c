"""Audit configuration: which rules run, their severities and thresholds, extra lexicon words.

Read from ``[tool.perfaudit]`` of the nearest ``pyproject.toml`` or from a ``perfaudit.toml``
(top-level keys, or the same ``[tool.perfaudit]`` table), searched from the first input's
directory upwards; command-line flags are applied on top.  See ``docs/rules.md`` for the keys.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SEVERITIES = ("error", "warning", "info")
KNOWN_KEYS = (
    "select",
    "ignore",
    "severity",
    "thresholds",
    "lexicon",
    "low_confidence",
    "lang",
    "profiles",
    "local_basis",
)


@dataclass
class AuditConfig:
    #: codes, code prefixes (``PA1``) or slugs to run; empty = every rule
    select: list[str] = field(default_factory=list)
    #: codes, prefixes or slugs not to run (wins over ``select``)
    ignore: list[str] = field(default_factory=list)
    #: per-rule severity override, code or slug -> error/warning/info
    severity: dict[str, str] = field(default_factory=dict)
    #: per-rule thresholds, code or slug -> {name: value}
    thresholds: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: extra lexicon words, dotted list path (see perfaudit/data/lexicons.toml) -> words
    lexicon: dict[str, list[str]] = field(default_factory=dict)
    #: indicators whose OCR confidence is below this are marked low_confidence
    low_confidence: float = 0.8
    #: language of user-facing text (zh / en)
    lang: str = "zh"
    #: extra or replaced project types, key -> table in the shape of perfaudit/data/profiles.toml;
    #: they reach every rule with a ``profiles`` threshold (PA423, PA424, PA513, PA601)
    profiles: dict[str, Any] = field(default_factory=dict)
    #: the bureau's own 办法 (title, number, article), cited after each rule's national basis,
    #: e.g. "《XX区区级预算项目绩效目标管理办法》（X财绩〔2023〕5号）第十条"; a string or a list
    local_basis: list[str] | str = field(default_factory=list)
    #: where the settings came from (None = defaults only)
    source: str | None = None

    def __post_init__(self) -> None:
        self.validate()

    # ------------------------------------------------------------------ validation
    def validate(self) -> None:
        from .rules import all_rules

        rules = all_rules()
        for key in ("select", "ignore"):
            vals = getattr(self, key)
            if isinstance(vals, str):
                vals = [v for v in vals.replace(",", " ").split() if v]
                setattr(self, key, vals)
            for sel in vals:
                if not any(_matches(r, sel) for r in rules):
                    raise ValueError(
                        f"{key} 中的规则代码无法识别：{sel}（运行 perfaudit rules 查看全部规则） / "
                        f"unknown rule code in {key}: {sel}"
                    )
        for key, sev in self.severity.items():
            self.rule_for(key)
            if sev not in SEVERITIES:
                raise ValueError(
                    f"规则 {key} 的严重程度 {sev!r} 无效，应为 error/warning/info / "
                    f"invalid severity {sev!r} for {key}: use error, warning or info"
                )
        for key, vals in self.thresholds.items():
            rule = self.rule_for(key)
            if not isinstance(vals, dict):
                raise ValueError(f"thresholds.{key} 应为表 / thresholds.{key} must be a table")
            for name, value in vals.items():
                if name not in rule.thresholds:
                    known = ", ".join(rule.thresholds) or "无 / none"
                    raise ValueError(
                        f"规则 {rule.code} 没有阈值 {name}（可用：{known}） / "
                        f"rule {rule.code} has no threshold {name} (known: {known})"
                    )
                default = rule.thresholds[name]
                if isinstance(default, int | float) and not isinstance(default, bool):
                    if not isinstance(value, int | float) or isinstance(value, bool):
                        raise ValueError(
                            f"规则 {rule.code} 的阈值 {name} 应为数字 / threshold {name} of {rule.code} must be a number"
                        )
        if not isinstance(self.low_confidence, int | float) or not 0 <= self.low_confidence <= 1:
            raise ValueError("low_confidence 应在 0 到 1 之间 / low_confidence must be between 0 and 1")
        if self.lang not in ("zh", "en"):
            raise ValueError(f"lang 应为 zh 或 en：{self.lang} / lang must be zh or en")
        from .rules.vocab import load_lexicons

        load_lexicons(self.lexicon)  # raises on unknown lexicon names
        self._validate_local()

    def _validate_local(self) -> None:
        if isinstance(self.local_basis, str):
            self.local_basis = [self.local_basis] if self.local_basis.strip() else []
        if not isinstance(self.local_basis, list) or not all(isinstance(x, str) for x in self.local_basis):
            raise ValueError(
                "local_basis 应为文字或文字列表 / local_basis must be a string or a list of strings"
            )
        if not isinstance(self.profiles, dict):
            raise ValueError("profiles 应为表 / profiles must be a table")
        from .rules.profile._profiles import load_profiles

        for key, d in self.profiles.items():
            if not isinstance(d, dict) or not d.get("match"):
                raise ValueError(f"profiles.{key} 须有 match 词表 / profiles.{key} needs a match list")
        load_profiles(self.profiles)

    # ------------------------------------------------------------------ queries
    @staticmethod
    def rule_for(key: str):
        from .rules import get_rule

        try:
            return get_rule(key)
        except KeyError:
            raise ValueError(f"未知规则：{key} / unknown rule: {key}") from None

    def enabled(self, rule) -> bool:
        if rule.always_on:  # only an exact code or slug in ignore turns it off
            return not any(s.strip().upper() == rule.code or s.strip() == rule.slug for s in self.ignore)
        if any(_matches(rule, s) for s in self.ignore):
            return False
        if not self.select:
            return True
        return any(_matches(rule, s) for s in self.select)

    def severity_for(self, rule) -> str:
        for key in (rule.code, rule.slug):
            for k, v in self.severity.items():
                if k.upper() == key.upper():
                    return v
        return rule.severity

    def thresholds_for(self, rule) -> dict[str, Any]:
        out = dict(rule.thresholds)
        for k, v in self.thresholds.items():
            if k.upper() == rule.code or k == rule.slug:
                out.update(v)
        if "profiles" in out and self.profiles:  # the bureau's project types (one setting for all rules)
            out["profiles"] = {**dict(out["profiles"] or {}), **self.profiles}
        return out

    def citation_for(self, rule) -> str:
        """The rule's national basis followed by the bureau's own 办法 (``local_basis``), if any."""
        if not self.local_basis:
            return rule.citation
        return f"{rule.citation}；本地依据：{'；'.join(self.local_basis)}"


def _matches(rule, selector: str) -> bool:
    s = selector.strip()
    if not s:
        return False
    if s.upper() == "ALL":
        return True
    if s == rule.slug:
        return True
    return rule.code.startswith(s.upper()) and s.upper().startswith("PA")


# --------------------------------------------------------------------------- loading


def find_config_file(start_paths: list[Path]) -> tuple[Path, dict[str, Any]] | None:
    """The nearest perfaudit.toml or pyproject.toml with [tool.perfaudit], walking up from the first input."""
    if not start_paths:
        return None
    first = Path(start_paths[0]).expanduser()
    try:
        first = first.resolve()
    except OSError:
        pass
    start = first if first.is_dir() else first.parent
    for d in [start, *start.parents]:
        for cand in (d / "perfaudit.toml", d / "pyproject.toml"):
            if cand.is_file():
                section = _section_of(cand, _read_toml(cand))
                if section is not None:
                    return cand, section
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ValueError(f"配置文件 {path} 不存在 / config file {path} not found") from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        detail = " ".join(str(exc).split())
        raise ValueError(
            f"配置文件 {path} 无法读取：{detail} / cannot read config file {path}: {detail}"
        ) from None


def _section_of(path: Path, data: dict[str, Any], explicit: bool = False) -> Any:
    """The settings in a TOML file: ``[tool.perfaudit]``, else (not a pyproject.toml) the top level.

    A pyproject.toml without the table holds no settings: None when searching, {} when named by --config."""
    tool = data.get("tool")
    section = tool.get("perfaudit") if isinstance(tool, dict) else None
    if section is not None:
        return section
    if path.name == "pyproject.toml":
        return {} if explicit else None
    return data


def _checked_section(path: Path, section: Any) -> dict[str, Any]:
    """The file's settings as a dict, refusing a non-table and unknown keys (one line each)."""
    if not isinstance(section, dict):
        raise ValueError(f"{path}: [tool.perfaudit] 应为表 / must be a table")
    unknown = [k for k in section if k not in KNOWN_KEYS]
    if unknown:
        raise ValueError(
            f"{path}: 未知配置项 {', '.join(unknown)}（可用：{', '.join(KNOWN_KEYS)}） / "
            f"unknown settings {', '.join(unknown)}"
        )
    settings = dict(section)
    for key in ("select", "ignore"):
        if isinstance(settings.get(key), str):
            settings[key] = [settings[key]]
    return settings


def _apply_overrides(settings: dict[str, Any], overrides: dict[str, Any] | None) -> dict[str, Any]:
    ov = {k: v for k, v in (overrides or {}).items() if v not in (None, [], {}, "")}
    if "select" in ov:
        settings["select"] = list(ov["select"])
    if "ignore" in ov:
        settings["ignore"] = list(settings.get("ignore", [])) + list(ov["ignore"])
    for key in ("severity", "thresholds"):
        if key in ov:
            settings[key] = {**settings.get(key, {}), **ov[key]}
    if "lexicon" in ov:
        merged = {k: list(v) for k, v in settings.get("lexicon", {}).items()}
        for k, v in ov["lexicon"].items():
            merged[k] = merged.get(k, []) + list(v)
        settings["lexicon"] = merged
    for key in ("low_confidence", "lang"):
        if key in ov:
            settings[key] = ov[key]
    return settings


def load_config(start_paths: list[Path] | None = None, overrides: dict[str, Any] | None = None,
                config_file: str | Path | None = None) -> AuditConfig:  # fmt: skip
    """The one loader of settings: a config file, then ``overrides`` (the command line) on top.

    The file is ``config_file`` when given (``--config``; a pyproject.toml's ``[tool.perfaudit]``,
    or the top level / that table of any other TOML file), else the nearest ``perfaudit.toml`` or
    ``pyproject.toml`` with ``[tool.perfaudit]`` from the first of ``start_paths`` upwards.

    ``overrides`` keys: ``select`` (replaces the file's select), ``ignore`` (added to it),
    ``severity`` and ``thresholds`` (merged), ``lexicon`` (words added), ``low_confidence``, ``lang``.
    Empty or None override values are ignored.  Every problem raises ValueError with one
    bilingual line (unknown keys or codes, wrong types, unreadable file).
    """
    if config_file is not None:
        path = Path(config_file).expanduser()
        found: tuple[Path, Any] | None = (path, _section_of(path, _read_toml(path), explicit=True))
    else:
        found = find_config_file([Path(p) for p in (start_paths or [])])
    settings = _checked_section(*found) if found else {}
    settings = _apply_overrides(settings, overrides)
    try:
        return AuditConfig(source=str(found[0]) if found else None, **settings)
    except TypeError as exc:  # wrong value types in the file
        raise ValueError(f"配置无效：{exc} / invalid configuration: {exc}") from None
