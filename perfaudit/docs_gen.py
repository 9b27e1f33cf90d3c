"""Generate ``docs/rules.md`` from the rules catalogue.

    python -m perfaudit.docs_gen            # rewrite docs/rules.md
    python -m perfaudit.docs_gen --check    # exit 1 if docs/rules.md is out of date

The page is generated: edit the rule files (or this module), never the page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .rules import FAMILIES, all_rules, family_of
from .rules.base import CATEGORIES

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"

CATEGORY_ZH = {
    "missing_field": "必填项缺失",
    "missing_value": "指标值缺失",
    "missing_category": "指标类别缺失",
    "irrelevant_indicator": "指标与项目无关",
    "copy_paste": "照搬照抄",
    "duplicate_in_project": "项目内重复",
    "misclassified": "归类错误",
    "unit_mismatch": "单位不符",
    "direction": "方向错误",
    "implausible_value": "取值不合理",
    "vague": "表述空泛",
    "budget_arithmetic": "预算金额不符",
    "cost_exceeds_budget": "成本超预算",
    "plan_schedule": "支出计划",
    "goal_repeats_name": "目标复述名称",
    "description_repeats": "解释复述名称",
    "weak_basis": "取值依据空泛",
    "unreadable": "文件无法读取",
    "no_tables": "无绩效目标表",
}

HEADER = """\
# perfaudit 规则目录 / Rules catalogue

> 本页由 `python -m perfaudit.docs_gen` 根据规则文件自动生成，请勿手工修改。
> Generated from the rule files by `python -m perfaudit.docs_gen`; do not edit by hand.

每条规则有固定代码（`PA` + 三位数字，按百位分组）、英文短名（slug）、类别、默认严重程度
（`error` 必须退回修改 / `warning` 应当修改 / `info` 提示）、适用范围（单个指标 `indicator`、
单个项目 `project`、一个文件 `submission`、一次审核的全部文件 `batch`）、依据、说明模板和可运行的
正反例（测试套件逐条运行）。新增规则的步骤见 [adding-a-rule.md](adding-a-rule.md)。
依据标注沿用 `shared/domain/rules-reference.md`：[V] 已核对原文，[S] 转引，[U 未核实 unverified] 凭记忆、引用前须核对财政部原文。

两种指标框架都识别，不因框架本身报错：财预〔2015〕88号（成本指标在产出指标下）和
财预〔2021〕101号（成本指标单列为一级，含经济成本/社会成本/生态环境成本）。
上海式样的表没有「绩效指标描述」「指标值确定依据」栏时，相关规则（PA502、PA503）不检查。

## 配置 / Configuration

配置写在离输入文件最近的 `perfaudit.toml`（顶层键，或 `[tool.perfaudit]` 表）或
`pyproject.toml` 的 `[tool.perfaudit]` 中：从第一个输入文件所在目录向上查找，最近的一个生效。
命令行参数覆盖配置文件：`--select` 替换 `select`，`--ignore` 追加到 `ignore`。

| 键 key | 类型 | 含义 |
|---|---|---|
| `select` | 列表 | 只运行这些规则：代码（`PA101`）、前缀（`PA1`、`PA`）、slug 或 `ALL`；空 = 全部 |
| `ignore` | 列表 | 不运行这些规则（同上；优先于 `select`）。PA001/PA002 只有写明完整代码或 slug 才能关闭 |
| `severity` | 表 | 按规则改严重程度，如 `PA303 = "error"`（键可用代码或 slug） |
| `thresholds` | 表 | 按规则改阈值，如 `[tool.perfaudit.thresholds.PA110]` `min_jaccard = 0.5`（可用阈值见各规则） |
| `lexicon` | 表 | 给词表追加词语，键为 `lexicons.toml` 中的列表路径，如 `"domains.network.indicator" = ["视频会议"]` |
| `low_confidence` | 数字 | OCR 识别置信度低于此值（默认 0.8）的指标行，其发现标记 `low_confidence` 并在说明中提示核对原件 |
| `lang` | 字符串 | 用户可见文字的语言：`zh`（默认）或 `en` |

未知的规则代码、阈值名称、词表路径或配置键会给出中英文的一行错误说明。

```toml
[tool.perfaudit]
ignore = ["PA411", "PA502"]
low_confidence = 0.85

[tool.perfaudit.severity]
PA203 = "info"              # 本单位项目多为内部运转，满意度缺失只作提示

[tool.perfaudit.thresholds.PA313]
min_percent = 80

[tool.perfaudit.lexicon]
"domains.network.indicator" = ["视频会议"]
```
"""


def _cell(v) -> str:
    return "" if v is None else str(v).replace("|", "\\|").replace("\n", " ")


def _example_md(ex) -> list[str]:
    mark = "✓ 通过 / passes" if ex.passing else "✗ 报出 / flagged"
    out = [f"**{mark}**" + (f"：{ex.note}" if ex.note else "")]
    if ex.thresholds:
        out.append(f"阈值 / thresholds: `{ex.thresholds}`")
    out.append("")
    for f in ex.files:
        if f.get("status", "ok") != "ok":
            out.append(f"- 文件 `{f['file']}`：状态 `{f['status']}`（{f.get('message', '')}）")
            continue
        for p in f.get("projects", []):
            money = p.get("money_unit") or ""
            head = f"- 项目「{p.get('name')}」"
            if len(f.get("projects", [])) > 1 or len(ex.files) > 1:
                head += f"（`{f['file']}`，编码 {p.get('code')}）"
            details = []
            if p.get("budget_total") is not None:
                details.append(f"预算 {p['budget_total']:g}{money}")
            if p.get("budget_fiscal") is not None:
                details.append(f"财政资金 {p['budget_fiscal']:g}")
            if p.get("budget_other") is not None:
                details.append(f"其他资金 {p['budget_other']:g}")
            if p.get("extra"):
                details.append("、".join(f"{k} {v}" for k, v in p["extra"].items()))
            if p.get("plan"):
                details.append("支出计划 " + "/".join(str(s.get("value")) for s in p["plan"]))
            details.append(f"资金用途「{p.get('use') or ''}」")
            details.append(f"目标「{p.get('goal') or ''}」")
            out.append(head + "：" + "；".join(details))
            inds = p.get("indicators") or []
            if inds:
                out.append("")
                out.append("  | 一级 | 二级 | 三级 | 指标值 | 描述 | 依据 |")
                out.append("  |---|---|---|---|---|---|")
                for i in inds:
                    out.append(
                        "  | "
                        + " | ".join(
                            _cell(i.get(k))
                            for k in ("level1", "level2", "level3", "target", "description", "basis")
                        )
                        + " |"
                    )
                out.append("")
    if not ex.passing:
        shown = "、".join("（项目/文件级）" if e is None else f"「{e}」" for e in ex.expect)
        out.append(f"报出 / flags: {shown}")
    out.append("")
    return out


def _messages_md(rule) -> list[str]:
    """The rule's message templates, as the reviewer will read them (``{…}`` filled in per finding)."""
    out = ["**说明模板 / Messages**", ""]
    for name, (zh, en) in {**rule.templates(), **rule.templates("clause")}.items():
        out.append(f"- `{name}`：{_cell(zh)}<br>{_cell(en)}")
    return out + [""]


def _review_md(rules) -> list[str]:
    """意见与审核结论: how findings become 意见 and verdicts (perfaudit.review), from the live tables."""
    from .review import precedence as prec

    lines = [
        "## 意见与审核结论 / Review points and verdicts",
        "",
        "`perfaudit check` turns findings into the review a bureau sends (perfaudit/review): one numbered 意见 "
        "per problem, a verdict per project and per file, and 总体意见 for points about the whole file. "
        "Every finding keeps the id of its 意见 (`opinion` column of the CSV/xlsx, key of the JSON: `3-2` = "
        "project 3, 意见 2; `D1` = 总体意见 1).",
        "",
        "**审核结论 / Verdicts.** Each 意见 takes the level of its strongest finding: 错误 → 退回, 警告 → 修改, "
        "提示 → 建议. A project is **退回修改** when one of its 意见 is 退回, **修改后通过** when one is 修改, "
        "otherwise **通过** (only 建议, or none). A file takes the worst of its projects and of its 总体意见; "
        "a file that cannot be read or holds no table is 退回修改. Exit codes and `--fail-on` still follow the "
        "severities of the findings.",
        "",
        "**合并 / Grouping (precedence).** (1) A project must be rewritten when a rule with `rewrite_min` > 0 "
        "fires on that many distinct rows (default: copy-paste categories 1; an error-level "
        f"`irrelevant_indicator` rule {prec.IRRELEVANT_REWRITE_MIN}): one 意见 asks for all indicators again "
        "and every row finding of the project folds into it, as do the findings of rules that judge the make-up "
        "of the indicator set (`judges_indicator_set = True`: too few indicators, uniform targets, a type's "
        "共性指标 missing …). (2) Otherwise rows with the same 三级 name are "
        "one cause; findings on one cause are led by the strongest (severity first, then the rank below, "
        "then code); causes led by the same rule are one problem and make one 意见 listing their rows. "
        "(3) Project-level findings make one 意见 per rule, except that a rule declaring `same_cause_as` "
        'joins the 意见 of those rules on the same project (PA422 "no cost in money" with PA301 "this cost '
        'row is not money"). (4) Rules with `opinion_scope = "department"` '
        "and findings about no project are pooled per rule into 总体意见; a copy-paste cluster is also named "
        "once there.",
        "",
        "A rule may declare `precedence`, `opinion_scope`, `rewrite_min`, `judges_indicator_set`, "
        "`same_cause_as` and a `department_zh` text; a rule "
        "that declares none gets the defaults of its category below, its severity and its scope.",
        "",
        "| category | rank |",
        "|---|---|",
    ]
    for c in CATEGORIES:
        lines.append(f"| `{c}` | {prec.CATEGORY_RANK.get(c, prec.DEFAULT_RANK)} |")
    declared = [r for r in rules if r.opinion_scope or r.rewrite_min is not None or r.precedence is not None]
    lines += [
        "",
        "Declared by rules: "
        + "; ".join(
            f"{r.code} "
            + ", ".join(
                f"`{k}={getattr(r, k)!r}`"
                for k in ("opinion_scope", "rewrite_min", "precedence")
                if getattr(r, k) not in (None, "")
            )
            for r in declared
        )
        + ".",
        "",
        "**依据 / Basis.** A 意见 cites a document number (财预〔2021〕101号, 中发〔2018〕34号 …) only when its "
        "rule's citation marks that clause as read in the source (`[V]`); [S]/[U] clauses are not cited.",
        "",
    ]
    return lines


def render() -> str:
    rules = all_rules()
    lines = [HEADER, "## 目录 / Catalogue", ""]
    for fam, (zh, en) in FAMILIES.items():
        fam_rules = [r for r in rules if family_of(r) == fam]
        lines += [
            f"### {zh} / {en}",
            "",
            "| 代码 | slug | 类别 category | 严重程度 | 范围 | 标题 |",
            "|---|---|---|---|---|---|",
        ]
        for r in fam_rules:
            lines.append(
                f"| [{r.code}](#{r.code.lower()}) | `{r.slug}` | {CATEGORY_ZH[r.category]} `{r.category}` | "
                f"{r.severity} | {r.scope} | {r.title_zh} / {r.title_en} |"
            )
        lines.append("")
    lines += ["### 类别 / Categories", "", "| category | 含义 |", "|---|---|"]
    for c in CATEGORIES:
        codes = ", ".join(r.code for r in rules if r.category == c)
        lines.append(f"| `{c}` | {CATEGORY_ZH[c]}（{codes}） |")
    lines += [""] + _review_md(rules)
    lines += ["", "## 规则 / Rules", ""]
    for r in rules:
        lines += [
            f"### {r.code}",
            "",
            f"**{r.title_zh}** / {r.title_en}",
            "",
            f"`{r.slug}` · 类别 `{r.category}` · 默认 `{r.severity}` · 范围 `{r.scope}`",
            "",
        ]
        lines += ["**依据 / Rationale**", ""] + [p for p in r.rationale.split("\n")] + [""]
        lines += [f"**出处 / Citation**: {r.citation}", ""]
        lines += _messages_md(r)
        if r.thresholds:
            lines += ["**阈值 / Thresholds** (`[tool.perfaudit.thresholds." + r.code + "]`)", ""]
            lines += [f"- `{k}` = `{v!r}`" for k, v in r.thresholds.items()] + [""]
        lines += ["**示例 / Examples**", ""]
        for ex in r.examples:
            lines += _example_md(ex)
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    text = render()
    if "--check" in argv:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            sys.stderr.write(
                "docs/rules.md 已过期，请运行 python -m perfaudit.docs_gen / docs/rules.md is out of date\n"
            )
            return 1
        return 0
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
