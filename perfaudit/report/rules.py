"""``perfaudit rules``: the catalogue as a table, one rule in detail, or JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .. import i18n
from ..record import MONEY_FIELDS

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def rule_dict(rule: Any) -> dict[str, Any]:
    """``Rule.to_dict()`` with ``id`` first and the fields the JSON listing promises."""
    d = dict(rule.to_dict()) if hasattr(rule, "to_dict") else {}
    out = {
        "id": d.get("id", getattr(rule, "code", None)),
        "slug": d.get("slug", getattr(rule, "slug", None)),
        "category": d.get("category", getattr(rule, "category", None)),
        "severity": d.get("severity", getattr(rule, "severity", None)),
        "title_zh": d.get("title_zh", getattr(rule, "title_zh", None)),
        "title_en": d.get("title_en", getattr(rule, "title_en", None)),
    }
    for k, v in d.items():
        if k not in out:
            out[k] = v
    return out


def rules_json(rules: list[Any]) -> str:
    return json.dumps([rule_dict(r) for r in rules], ensure_ascii=False, indent=2, default=str) + "\n"


def _title(rule: Any, lang: str) -> str:
    return (rule.title_en if i18n.norm_lang(lang) == "en" else rule.title_zh) or ""


def render_rule_table(console: Console, rules: list[Any], lang: str = "zh") -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=i18n.t("rules.title", lang, n=len(rules)), box=box.SIMPLE_HEAD, title_justify="left",
                  pad_edge=False)  # fmt: skip
    table.add_column(i18n.t("col.code", lang), no_wrap=True, style="bold")
    table.add_column(i18n.t("col.category", lang), overflow="fold")
    table.add_column(i18n.t("col.severity", lang), no_wrap=True)
    table.add_column(i18n.t("col.scope", lang), no_wrap=True)
    table.add_column(i18n.t("col.title", lang), overflow="fold", ratio=1)
    for r in rules:
        sev = getattr(r, "severity", "")
        table.add_row(
            Text(r.code),
            Text(f"{i18n.label('category', r.category, lang)}"),
            Text(i18n.label("severity", sev, lang), style=SEVERITY_STYLES.get(sev, "")),
            Text(i18n.label("scope", getattr(r, "scope", None), lang)),
            Text(_title(r, lang)),
        )
    console.print(table)


def _example_lines(example: Any, lang: str = "zh") -> list[str]:
    """A readable description of one rule example: note, the rows it holds, what it must flag."""
    d = example.to_dict() if hasattr(example, "to_dict") else (example if isinstance(example, dict) else None)
    if d is None:
        return [str(example)]
    lines = []
    if d.get("note"):
        lines.append(str(d["note"]))
    for f in d.get("files") or []:
        if f.get("status", "ok") != "ok":
            lines.append(
                f"{f.get('file')}: {i18n.label('status', f.get('status'), lang)} {f.get('message') or ''}".strip()
            )
            continue
        for p in f.get("projects") or []:
            head = f"{p.get('code') or ''} {p.get('name') or ''}".strip()
            money = [f"{k}={p.get(k)}" for k in MONEY_FIELDS if p.get(k) is not None]
            lines.append(head + (f"（{', '.join(money)}）" if money else ""))
            for ind in p.get("indicators") or []:
                path = "/".join(x for x in (ind.get("level1"), ind.get("level2"), ind.get("level3")) if x)
                lines.append(f"    {path}: {ind.get('target') or ''}")
    if d.get("thresholds"):
        lines.append("thresholds: " + json.dumps(d["thresholds"], ensure_ascii=False, default=str))
    expect = d.get("expect") or []
    if expect:
        flagged = ", ".join(x if x else ("（项目/文件整体）" if i18n.norm_lang(lang) == "zh" else "(project/file)")
                            for x in expect)  # fmt: skip
        lines.append(("应报告：" if i18n.norm_lang(lang) == "zh" else "flags: ") + flagged)
    if not lines:
        other = {k: v for k, v in d.items() if k not in ("passing", "files")}
        lines.append(json.dumps(other, ensure_ascii=False, default=str))
    return lines


def _example_passes(example: Any) -> bool | None:
    for attr in ("passing", "passes", "ok"):
        v = example.get(attr) if isinstance(example, dict) else getattr(example, attr, None)
        if isinstance(v, bool):
            return v
    for attr in ("kind", "expect"):
        v = example.get(attr) if isinstance(example, dict) else getattr(example, attr, None)
        if isinstance(v, str):
            return v.lower() in ("pass", "passing", "ok", "clean")
    return None


def render_rule_detail(console: Console, rule: Any, lang: str = "zh") -> None:
    from rich.text import Text

    sev = getattr(rule, "severity", "")
    head = Text()
    head.append(f"{rule.code} ", style="bold")
    head.append(f"{getattr(rule, 'slug', '')}  ", style="dim")
    head.append(_title(rule, lang), style="bold")
    console.print(head)
    other = rule.title_zh if i18n.norm_lang(lang) == "en" else rule.title_en
    if other:
        console.print(Text(other, style="dim"))
    meta = Text()
    meta.append(
        f"{i18n.t('col.category', lang)}：{i18n.label('category', rule.category, lang)} ({rule.category})   "
    )
    meta.append(f"{i18n.t('col.severity', lang)}：")
    meta.append(i18n.label("severity", sev, lang), style=SEVERITY_STYLES.get(sev, ""))
    if getattr(rule, "scope", None):
        meta.append(f"   {i18n.t('col.scope', lang)}：{i18n.label('scope', rule.scope, lang)}")
    console.print(meta)

    def section(key: str, body: Any) -> None:
        console.print()
        console.print(Text(i18n.t(key, lang), style="bold underline"))
        if body in (None, "", [], {}):
            console.print(Text(i18n.t("rules.none", lang), style="dim"))
        elif isinstance(body, dict):
            for k, v in body.items():
                console.print(Text(f"  {k} = {json.dumps(v, ensure_ascii=False, default=str)}"))
        else:
            console.print(Text(str(body)), overflow="fold")

    section("rules.rationale", getattr(rule, "rationale", None))
    section("rules.citation", getattr(rule, "citation", None))
    section("rules.thresholds", getattr(rule, "thresholds", None))
    examples = list(getattr(rule, "examples", None) or [])
    console.print()
    console.print(Text(i18n.t("rules.examples", lang), style="bold underline"))
    if not examples:
        console.print(Text(i18n.t("rules.none", lang), style="dim"))
    for ex in examples:
        passes = _example_passes(ex)
        mark = {True: ("✓ " + i18n.t("rules.example_pass", lang), "green"),
                False: ("✗ " + i18n.t("rules.example_fail", lang), "red"),
                None: ("• ", "")}[passes]  # fmt: skip
        first = True
        for line in _example_lines(ex, lang):
            t = Text("  ")
            t.append(mark[0] if first else " " * len(mark[0]), style=mark[1])
            t.append("  " + line)
            console.print(t, overflow="fold")
            first = False
