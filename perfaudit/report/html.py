"""``--html FILE``: one self-contained page (no network) to mail to a colleague.

The page holds the per-file summary, the unreadable inputs and every finding as a card
showing the table row it is about (一级/二级/三级, 指标解释, 指标值, 确定依据, taken from the
indicators dataframe).  Three ``<select>`` filters (file, severity, category) hide cards
with plain JavaScript; the filter state lives in the URL fragment
(``report.html#severity=error&category=vague&file=a.pdf``) so a link opens filtered.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from .. import __version__, i18n
from ..models import SEVERITIES, ExtractResult, Finding
from ..safe_io import write_text_atomic
from .common import finding_message, indicator_lookup, safe_text, summarize, totals

SOURCE_COLUMNS = ["level1", "level2", "level3", "description", "target", "basis"]

CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei","PingFang SC",sans-serif;
margin:1.5em auto;max-width:1100px;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.4em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
.meta{color:#666;font-size:.9em}
table{border-collapse:collapse;margin:.4em 0}th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}
th{background:#eef2f8;text-align:left}td.n{text-align:right}
.st-ok{color:#1a7f37}.st-no_tables{color:#9a6700}.st-bad{color:#cf222e;font-weight:bold}
.filters{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ddd;z-index:1}
.filters label{margin-right:1em}select{max-width:22em}
.finding{border:1px solid #ddd;border-left:6px solid #999;border-radius:4px;margin:.6em 0;padding:.4em .8em}
.finding.sev-error{border-left-color:#cf222e}.finding.sev-warning{border-left-color:#d4a72c}
.finding.sev-info{border-left-color:#218bff}
.badge{display:inline-block;padding:0 .5em;border-radius:3px;color:#fff;font-size:.85em}
.b-error{background:#cf222e}.b-warning{background:#bf8700}.b-info{background:#218bff}
.where{color:#555;font-size:.9em}.msg{margin:.3em 0}.src{font-size:.9em}.norow{color:#777;font-size:.9em}
[hidden]{display:none!important}
"""

JS = """
(function(){
  var sel={file:document.getElementById('f-file'),severity:document.getElementById('f-severity'),
           category:document.getElementById('f-category')};
  var cards=document.querySelectorAll('article.finding');
  var shown=document.getElementById('shown');
  var tmpl=shown.getAttribute('data-template');
  function apply(updateHash){
    var n=0;
    for(var i=0;i<cards.length;i++){
      var c=cards[i], ok=true;
      for(var k in sel){ if(sel[k].value && c.getAttribute('data-'+k)!==sel[k].value){ok=false;} }
      if(ok){c.removeAttribute('hidden');n++;}else{c.setAttribute('hidden','');}
    }
    shown.textContent=tmpl.replace('{shown}',n).replace('{total}',cards.length);
    document.body.setAttribute('data-shown',String(n));
    if(updateHash){
      var p=new URLSearchParams();
      for(var k in sel){ if(sel[k].value){p.set(k,sel[k].value);} }
      var h=p.toString();
      history.replaceState(null,'',h?('#'+h):location.pathname+location.search);
    }
  }
  function fromHash(){
    var p=new URLSearchParams(location.hash.replace(/^#/,''));
    for(var k in sel){
      var v=p.get(k)||'';
      var found=false;
      for(var j=0;j<sel[k].options.length;j++){ if(sel[k].options[j].value===v){found=true;} }
      sel[k].value=found?v:'';
    }
    apply(false);
  }
  for(var k in sel){ sel[k].addEventListener('change',function(){apply(true);}); }
  window.addEventListener('hashchange',fromHash);
  fromHash();
})();
"""


def _e(value) -> str:
    return "" if value is None else escape(safe_text(str(value)), quote=True)


def _options(values: list[tuple[str, str]], lang: str) -> str:
    opts = [f'<option value="">{_e(i18n.t("html.filter_all", lang))}</option>']
    opts += [f'<option value="{_e(v)}">{_e(label)}</option>' for v, label in values]
    return "".join(opts)


def render_html(results: list[ExtractResult], findings: list[Finding], lang: str = "zh") -> str:
    lang = i18n.norm_lang(lang)
    summaries = summarize(results, findings)
    title = i18n.t("html.title", lang)
    out: list[str] = []
    out.append(
        f'<!DOCTYPE html><html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
    )
    out.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    out.append(f"<title>{_e(title)}</title><style>{CSS}</style></head><body>")
    out.append(f"<h1>{_e(title)}</h1>")
    out.append(f'<p id="totals">{_e(_closing(totals(summaries), lang))}</p>')
    out.append(f'<p class="meta">{_e(i18n.t("html.generated", lang, version=__version__))}</p>')
    out.extend(_summary_table(summaries, lang))
    out.extend(_filters(results, findings, lang))
    if not findings:
        out.append(f"<p>{_e(i18n.t('findings.none', lang))}</p>")
    out.append('<div id="findings">')
    rows = indicator_lookup(results)
    out.extend(_card(n, f, rows, lang) for n, f in enumerate(findings, start=1))
    out.append("</div>")
    out.append(f"<script>{JS}</script></body></html>")
    return "".join(out)


def _closing(tot, lang: str) -> str:
    closing = i18n.t("closing.totals", lang, files=tot.files, projects=tot.projects, indicators=tot.indicators,
                     **tot.counts)  # fmt: skip
    if tot.unreadable:
        closing += i18n.t("closing.unreadable", lang, n=tot.unreadable)
    if tot.no_tables:
        closing += i18n.t("closing.no_tables", lang, n=tot.no_tables)
    return closing


def _summary_table(summaries, lang: str) -> list[str]:
    """One row per input: counts, status and the reason (every input, readable or not)."""
    out = [f'<h2>{_e(i18n.t("summary.title", lang))}</h2><table id="summary"><thead><tr>']
    heads = ["col.file", "col.pages", "col.projects", "col.indicators"]
    out.append("".join(f"<th>{_e(i18n.t(h, lang))}</th>" for h in heads))
    out.append("".join(f"<th>{_e(i18n.label('severity', s, lang))}</th>" for s in SEVERITIES))
    out.append(
        f"<th>{_e(i18n.t('col.status', lang))}</th><th>{_e(i18n.t('col.message', lang))}</th></tr></thead><tbody>"
    )
    for s in summaries:
        st_class = "st-ok" if s.status == "ok" else ("st-no_tables" if s.status == "no_tables" else "st-bad")
        msg = s.message_en if lang == "en" else s.message
        cells = [f"<td>{_e(s.file)}</td>", f'<td class="n">{s.pages}</td>', f'<td class="n">{s.projects}</td>',
                 f'<td class="n">{s.indicators}</td>']  # fmt: skip
        cells += [f'<td class="n">{s.counts.get(sev, 0)}</td>' for sev in SEVERITIES]
        cells += [f'<td class="{st_class}" data-status="{_e(s.status)}">{_e(i18n.label("status", s.status, lang))}</td>',
                  f"<td>{_e(msg)}</td>"]  # fmt: skip
        out.append(f'<tr data-file="{_e(s.file)}">' + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return out


def _filters(results: list[ExtractResult], findings: list[Finding], lang: str) -> list[str]:
    files = [(r.file, r.file) for r in results]
    sevs = [
        (s, i18n.label("severity", s, lang)) for s in SEVERITIES if any(f.severity == s for f in findings)
    ]
    cats = sorted({f.category for f in findings})
    cat_opts = [(c, f"{i18n.label('category', c, lang)} ({c})") for c in cats]
    out = [f'<h2>{_e(i18n.t("findings.title", lang))}</h2><div class="filters">']
    out.append(
        f'<label>{_e(i18n.t("col.file", lang))} <select id="f-file">{_options(files, lang)}</select></label>'
    )
    out.append(
        f'<label>{_e(i18n.t("col.severity", lang))} <select id="f-severity">{_options(sevs, lang)}</select></label>'
    )
    out.append(
        f'<label>{_e(i18n.t("col.category", lang))} <select id="f-category">{_options(cat_opts, lang)}</select></label>'
    )
    tmpl = i18n.t("html.shown", lang, shown="{shown}", total="{total}")
    initial = i18n.t("html.shown", lang, shown=len(findings), total=len(findings))
    out.append(f'<span id="shown" data-template="{_e(tmpl)}">{_e(initial)}</span></div>')
    return out


def _card(n: int, f: Finding, rows: dict, lang: str) -> str:
    """One finding as an ``<article>``: badge, rule, where, message and the table row it is about."""
    out = [
        f'<article class="finding sev-{_e(f.severity)}" id="finding-{n}" data-file="{_e(f.file)}" '
        f'data-severity="{_e(f.severity)}" data-category="{_e(f.category)}" data-rule="{_e(f.rule)}">'
    ]
    where = [f.file]
    if f.page is not None:
        where.append(i18n.t("findings.page", lang, page=f.page))
    if f.project_code or f.project_name:
        where.append(
            f"{i18n.t('findings.project', lang)} {f.project_code or ''} {f.project_name or ''}".strip()
        )
    out.append(
        f'<header><span class="badge b-{_e(f.severity)}">{_e(i18n.label("severity", f.severity, lang))}</span> '
        f'<b class="rule">{_e(f.rule)}</b> <span class="cat">{_e(i18n.label("category", f.category, lang))}</span>'
        f' <span class="where">{_e(" · ".join(where))}</span></header>'
    )
    out.append(f'<p class="msg">{_e(finding_message(f, lang))}</p>')
    src_heads = "".join(f"<th>{_e(i18n.header(c, lang))}</th>" for c in SOURCE_COLUMNS)
    src = None
    if f.project_id is not None and f.indicator_row is not None:
        src = rows.get((f.file, str(f.project_id), int(f.indicator_row)))
    caption = f"<caption hidden>{_e(i18n.t('html.row', lang))}</caption>" if src is not None else ""
    if src is None and (f.level3 or f.target):
        # the engine pointed at an indicator the dataframe does not hold (should not happen)
        src = {"level1": f.level1, "level2": f.level2, "level3": f.level3, "target": f.target}
    if src is not None:
        out.append(f'<table class="src">{caption}')
        out.append(f"<tr>{src_heads}</tr><tr>")
        out.append("".join(f'<td data-col="{c}">{_e(src.get(c))}</td>' for c in SOURCE_COLUMNS))
        out.append("</tr></table>")
    else:
        out.append(f'<p class="norow">{_e(i18n.t("html.no_row", lang))}</p>')
    out.append("</article>")
    return "".join(out)


def write_check_html(
    path: str | Path, results: list[ExtractResult], findings: list[Finding], lang: str = "zh"
) -> None:
    write_text_atomic(path, render_html(results, findings, lang), encoding="utf-8")


def write_check(target: Path, audit, options) -> list[str]:
    """``--html`` (perfaudit.report.formats)."""
    write_check_html(target, audit.results, audit.findings, options.lang)
    return [str(target)]
