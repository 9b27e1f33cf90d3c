"""User-interface strings in Simplified Chinese (default) and English.

Everything an auditor reads on the console or in an export header comes from the
tables below, looked up with :func:`t`.  Finding messages themselves come from the
rules (``Finding.message`` / ``Finding.message_en``); file messages from the
extractor (``ExtractResult.message`` / ``message_en``).
"""

from __future__ import annotations

LANGS = ("zh", "en")

_MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ summary table
    "summary.title": ("文件汇总", "Files"),
    "col.file": ("文件", "File"),
    "col.pages": ("页数", "Pages"),
    "col.projects": ("项目", "Projects"),
    "col.indicators": ("指标", "Indicators"),
    "col.status": ("状态", "Status"),
    "col.page": ("页", "Page"),
    "col.indicator": ("指标", "Indicator"),
    "col.rule": ("规则", "Rule"),
    "col.message": ("问题说明", "Message"),
    "col.severity": ("级别", "Severity"),
    "col.category": ("类别", "Category"),
    "col.title": ("标题", "Title"),
    "col.code": ("代码", "Code"),
    "col.scope": ("范围", "Scope"),
    "total": ("合计", "Total"),
    # ------------------------------------------------------------------ findings
    "findings.title": ("问题明细（按文件、项目，严重的在前）", "Findings (by file and project, worst first)"),
    "findings.none": ("未发现问题。", "No findings."),
    "findings.file_level": ("文件整体", "whole file"),
    "findings.project": ("项目", "Project"),
    "findings.more": (
        "另有 {n} 条未显示（{counts}），加 --verbose 显示全部",
        "{n} more not shown ({counts}); use --verbose to show all",
    ),
    "findings.page": ("第{page}页", "p.{page}"),
    "findings.low_confidence": (
        "（OCR 识别置信度低，请核对原件）",
        " (low OCR confidence: check the original)",
    ),
    # ------------------------------------------------------------------ closing line
    "closing.totals": (
        "合计 {files} 个文件、{projects} 个项目、{indicators} 条指标；错误 {error}、警告 {warning}、提示 {info}",
        "{files} files, {projects} projects, {indicators} indicators; {error} errors, {warning} warnings, {info} info",
    ),
    "closing.unreadable": ("；无法读取 {n} 个", "; {n} unreadable"),
    "closing.no_tables": ("；无绩效目标表 {n} 个", "; {n} no tables"),
    "closing.exports": ("已导出：{paths}", "Written: {paths}"),
    "closing.interrupted": (
        "已中断（Ctrl-C）：已检查 {done}/{total} 个文件，其余 {rest} 个标为未检查；导出文件只含已检查的文件",
        "Interrupted (Ctrl-C): {done} of {total} files checked, the other {rest} marked not checked; "
        "the exports hold the files checked",
    ),
    "closing.exports_head": ("已导出：", "Written:"),
    "closing.ignored_head": (
        "目录中另有 {n} 个非文档文件未检查：",
        "{n} other non-document files were not checked:",
    ),
    "closing.ignored": (
        "目录中另有 {n} 个非文档文件未检查（{examples}）",
        "{n} other non-document files in the directories were not checked ({examples})",
    ),
    "bad.title": ("无法审核的文件", "Files that could not be audited"),
    # ------------------------------------------------------------------ review (意见, verdicts, letters)
    "verdict.return": ("退回修改", "return for revision"),
    "verdict.revise": ("修改后通过", "pass after revision"),
    "verdict.pass": ("通过", "pass"),
    "level.return": ("退回", "must fix"),
    "level.revise": ("修改", "correct"),
    "level.advice": ("建议", "advice"),
    "review.title": ("审核结论", "Verdicts"),
    "review.col.no": ("序号", "No."),
    "review.col.project": ("项目", "Project"),
    "review.col.verdict": ("结论", "Verdict"),
    "review.col.opinions": ("意见", "Points"),
    "review.file_line": (
        "{verdict}：{n} 个项目，退回修改 {r}、修改后通过 {m}、通过 {p}",
        "{verdict}: {n} projects, {r} returned, {m} pass after revision, {p} pass",
    ),
    "review.file_unread": ("{verdict}：{reason}", "{verdict}: {reason}"),
    "review.opinions_title": ("审核意见（按文件、项目）", "Review points (by file and project)"),
    "review.overall": ("总体意见", "General points"),
    "review.no_opinions": ("无意见。", "No points."),
    "review.project_head": ("项目{index}", "Project {index}"),
    "review.basis": ("依据：{docs}", "Basis: {docs}"),
    "review.rows_prefix": ("第{rows}行：", "Row(s) {rows}: "),
    "review.repeated": (
        "同一指标还重复填在第{rows}行（{places}），请删除重复行，按各类别含义分别设置。",
        " The same indicator is repeated in row(s) {rows} ({places}): remove the copies.",
    ),
    "review.same_problem": (
        "同样的问题还有{names}，请一并修改。",
        " The same problem affects {names}: fix them too.",
    ),
    "review.projects": ("项目{numbers}", "projects {numbers}"),
    "review.use": ("（{use}）", " ({use})"),
    "review.rewrite": (
        "绩效指标需整体重新设置：{reasons}。请按本项目的资金用途{use}和年度目标，重新设置数量"
        "、质量、时效、成本、效益和满意度指标后重新报送",
        "The indicators must be set again as a whole: {reasons}. Set quantity, quality, time, cost, benefit and "
        "satisfaction indicators from this project's use of funds{use} and annual goal, then resubmit",
    ),
    "review.rewrite_rows": (
        "；表中第{rows}行的其他问题随之一并修改。",
        "; the other problems of rows {rows} go with it.",
    ),
    "review.rewrite_copy": (
        "全部指标与本文件其他 {n} 个项目基本相同，属照搬照抄（见总体意见）",
        "the indicators are those of {n} other projects of this file (copy-paste, see the general points)",
    ),
    "review.rewrite_unrelated": (
        "第{rows}行指标（{names}）与本项目内容无关",
        "rows {rows} ({names}) are unrelated to this project",
    ),
    "review.dept_copy": (
        "{projects}的绩效指标基本相同，属照搬照抄，指标与各项目的资金用途无关：已在各项目意见"
        "中要求按各自资金用途重新设置，请勿套用同一模板。",
        "{projects} share one indicator set (copy-paste) unrelated to their use of funds: each is asked to set its "
        "own indicators; do not reuse one template.",
    ),
    "review.dept_generic": ("{title}：{projects}。{example}", "{title}: {projects}. {example}"),
    "review.file_unreadable": (
        "文件无法审核：{reason}。请重新报送可读取的 PDF、xlsx 或 docx 文件。",
        "The file cannot be reviewed: {reason}. Please resubmit a readable PDF, xlsx or docx.",
    ),
    # ------------------------------------------------------------------ letters (审核意见书)
    "letter.title": ("预算项目绩效目标审核意见书", "Review of budget-project performance targets"),
    "letter.title_year": (
        "{year}年度预算项目绩效目标审核意见书",
        "Review of {year} budget-project performance targets",
    ),
    "letter.to": ("{unit}：", "To {unit}:"),
    "letter.intro": (
        "你单位报送的《{file}》（预算项目绩效目标表 {n} 个）已收悉。经审核，{summary}。具体意"
        "见如下，请逐条修改后按要求重新报送。",
        "We have reviewed your submission '{file}' ({n} project tables): {summary}. Our points follow; "
        "please address each one and resubmit.",
    ),
    "letter.local_basis": ("审核同时依据{docs}。", " The review also follows {docs}."),
    "letter.summary": (
        "退回修改 {r} 个、修改后通过 {m} 个、通过 {p} 个",
        "{r} returned, {m} pass after revision, {p} pass",
    ),
    "letter.h_verdicts": ("一、审核结论", "1. Verdicts"),
    "letter.h_overall": ("二、总体意见", "2. General points"),
    "letter.h_projects": ("三、分项目意见", "3. Points by project"),
    "letter.col.code": ("项目编码", "Project code"),
    "letter.col.name": ("项目名称", "Project name"),
    "letter.col.verdict": ("审核结论", "Verdict"),
    "letter.col.n": ("意见条数", "Points"),
    "letter.project_verdict": ("审核结论：{verdict}", "Verdict: {verdict}"),
    "letter.none": ("无。", "None."),
    "letter.closing": (
        "请于收到本意见书后 ____ 个工作日内修改完善，连同修改说明一并重新报送。",
        "Please revise within ____ working days of receipt and resubmit with a note of the changes.",
    ),
    "letter.reviewer": (
        "审核人：____________    复核人：____________",
        "Reviewer: ____________    Checked by: ____________",
    ),
    "letter.date": ("日期：______年____月____日", "Date: ____________"),
    "letter.seal": ("（财政局预算绩效管理科 盖章）", "(stamp of the finance bureau)"),
    "letter.file_verdict": ("文件审核结论：{verdict}", "Verdict on the file: {verdict}"),
    "letter.written": ("已写审核意见书：{paths}", "Letters written: {paths}"),
    # ------------------------------------------------------------------ progress
    "progress.reading": ("读取", "Reading"),
    "progress.rules": ("规则检查", "Checking rules"),
    # ------------------------------------------------------------------ statuses
    "status.ok": ("已读取", "read"),
    "status.no_tables": ("无绩效目标表", "no 绩效目标表"),
    "status.not_pdf": ("不是 PDF", "not a PDF"),
    "status.empty": ("空文件", "empty file"),
    "status.encrypted": ("已加密", "encrypted"),
    "status.damaged": ("文件损坏", "damaged"),
    "status.scanned": ("扫描件未识别", "scan, not read"),
    "status.unsupported": ("不支持的格式", "unsupported"),
    "status.error": ("处理出错", "error"),
    "status.too_large": ("过大", "too large"),
    "status.timeout": ("超时", "timed out"),
    "status.not_checked": ("未检查", "not checked"),
    # ------------------------------------------------------------------ severities
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.info": ("提示", "info"),
    # ------------------------------------------------------------------ rule scopes
    "scope.indicator": ("单条指标", "indicator"),
    "scope.project": ("项目", "project"),
    "scope.submission": ("整个文件", "submission"),
    "scope.batch": ("跨文件", "batch"),
    # ------------------------------------------------------------------ categories
    "category.missing_field": ("必填项缺失", "missing field"),
    "category.missing_value": ("指标值缺失", "missing value"),
    "category.missing_category": ("指标类别缺失", "missing category"),
    "category.irrelevant_indicator": ("指标与项目无关", "irrelevant indicator"),
    "category.copy_paste": ("指标照搬", "copy-paste"),
    "category.duplicate_in_project": ("项目内指标重复", "duplicate in project"),
    "category.misclassified": ("指标归类错误", "misclassified"),
    "category.unit_mismatch": ("计量单位不符", "unit mismatch"),
    "category.direction": ("方向错误", "wrong direction"),
    "category.implausible_value": ("指标值不合理", "implausible value"),
    "category.vague": ("表述模糊", "vague"),
    "category.budget_arithmetic": ("预算金额不符", "budget arithmetic"),
    "category.cost_exceeds_budget": ("成本超预算", "cost exceeds budget"),
    "category.plan_schedule": ("支出计划不合理", "spending plan"),
    "category.goal_repeats_name": ("目标照抄名称", "goal repeats name"),
    "category.description_repeats": ("指标解释照抄", "description repeats"),
    "category.weak_basis": ("确定依据薄弱", "weak basis"),
    "category.unreadable": ("无法读取", "unreadable"),
    "category.no_tables": ("无绩效目标表", "no tables"),
    # ------------------------------------------------------------------ input discovery
    "input.missing": ("找不到文件：{path}", "File not found: {path}"),
    "input.empty_dir": (
        "目录“{path}”中没有 PDF、xlsx 或 docx 文件",
        "Directory '{path}' holds no PDF, xlsx or docx file",
    ),
    "input.no_match": ("没有文件与“{path}”匹配", "No file matches '{path}'"),
    "input.unsupported": (
        "不支持的文件类型（{suffix}）：请提交 PDF、.xlsx 或 .docx 文件",
        "Unsupported file type ({suffix}): submit a PDF, .xlsx or .docx file",
    ),
    "input.legacy_office": (
        "旧版 Office 格式（{suffix}）无法读取：请另存为 {modern} 或 PDF 后再提交",
        "Legacy Office format ({suffix}) is not read: save it as {modern} or PDF",
    ),
    "input.crashed": (
        "处理该文件时出现意外错误（加 --debug 查看详情）",
        "Unexpected error while reading this file (use --debug for details)",
    ),
    "input.view_failed": (
        "表格已读出，但其内容无法交给规则检查（内部错误，加 --debug 查看详情），请人工核对",
        "The tables were read but the rules could not be run on them (internal error; use --debug); check by hand",
    ),
    "input.special_fifo": (
        "不是普通文件（命名管道），未打开",
        "Not a regular file (a named pipe); not opened",
    ),
    "input.special_socket": ("不是普通文件（套接字），未打开", "Not a regular file (a socket); not opened"),
    "input.special_device": ("不是普通文件（设备文件），未打开", "Not a regular file (a device); not opened"),
    "input.not_checked": (
        "未检查：运行被中断（Ctrl-C），该文件尚未读完",
        "Not checked: the run was interrupted (Ctrl-C) before this file was read",
    ),
    "input.worker_died": (
        "处理该文件的进程意外退出（文件可能过大或已损坏）",
        "The process reading this file stopped unexpectedly (the file may be too large or damaged)",
    ),
    # ------------------------------------------------------------------ errors (CLI level)
    "err.prefix": ("错误", "Error"),
    "err.no_inputs": ("没有给出要检查的文件", "No input files given"),
    "err.config": ("配置有误", "configuration error"),
    "err.write": ("无法写入 {path}：{detail}", "Cannot write {path}: {detail}"),
    "err.bad_limit": (
        "--limit {item} 无效，可用的上限：{names}",
        "--limit {item} is not valid; limits: {names}",
    ),
    "err.export_input": (
        "导出文件 {path} 是要检查的输入文件之一，不能覆盖，请换一个文件名",
        "The export {path} is one of the inputs being checked and would overwrite it; choose another name",
    ),
    "err.export_inside": (
        "导出文件 {path} 位于要检查的文件夹内，下次检查会把它当作报送材料，请保存到其他文件夹",
        "The export {path} is inside a folder being checked (the next run would read it as a submission); "
        "save it elsewhere",
    ),
    "err.unknown_rule": ("没有这条规则：{code}", "No such rule: {code}"),
    "err.no_db": ("找不到审核数据库 {path}", "No review database at {path}"),
    "err.not_db": ("{path} 不是审核工作台的数据库", "{path} is not a workbench database"),
    "err.xlsx_stdout": ("xlsx 格式需要用 -o 指定输出文件", "The xlsx format needs an output file (-o)"),
    "err.bad_choice": (
        "{option} 只能是 {choices}，而不是 {value}",
        "{option} must be one of {choices}, not {value}",
    ),
    "err.internal": (
        "内部错误，已中止（加 --debug 查看详情）：{detail}",
        "Internal error, stopped (use --debug for details): {detail}",
    ),
    # ------------------------------------------------------------------ rules listing
    "rules.title": ("规则目录（共 {n} 条）", "Rule catalogue ({n} rules)"),
    "rules.rationale": ("依据与理由", "Rationale"),
    "rules.citation": ("出处", "Citation"),
    "rules.thresholds": ("可配置阈值", "Thresholds"),
    "rules.examples": ("示例", "Examples"),
    "rules.example_pass": ("合格", "passes"),
    "rules.example_fail": ("不合格", "fails"),
    "rules.none": ("（无）", "(none)"),
    # ------------------------------------------------------------------ exports
    "sheet.findings": ("问题清单", "Findings"),
    "sheet.summary": ("文件汇总", "Files"),
    "sheet.indicators": ("提取的指标", "Indicators"),
    "sheet.projects": ("项目", "Projects"),
    "sheet.indicators_extract": ("指标", "Indicators"),
    "html.title": ("预算项目绩效目标表审核结果", "Budget performance-target review"),
    "html.generated": ("由 perfaudit {version} 生成", "Generated by perfaudit {version}"),
    "html.filter_all": ("全部", "all"),
    "html.shown": ("显示 {shown} / {total} 条", "showing {shown} of {total}"),
    "html.row": ("表中该行", "Table row"),
    "html.no_row": (
        "（文件或项目整体的问题，无对应指标行）",
        "(a file- or project-level finding, no indicator row)",
    ),
    # ------------------------------------------------------------------ workbench (perfaudit serve)
    "serve.title": ("审核工作台", "Review workbench"),
    "serve.brand": ("perfaudit 审核工作台", "perfaudit review workbench"),
    "serve.db.hint": (
        "本审核季的决定都保存在这个文件里",
        "every decision of this review season is kept in this file",
    ),
    "serve.db": ("数据库：", "Database: "),
    "serve.drop": ("把文件或文件夹拖到这里", "Drop files or folders here"),
    "serve.drop.kinds": ("（PDF、xlsx、docx），或", " (PDF, xlsx, docx), or"),
    "serve.pick.files": ("选择文件", "choose files"),
    "serve.pick.folder": ("选择文件夹", "choose a folder"),
    "serve.filter": ("筛选：部门、项目名称、编码…", "Filter: department, project name, code…"),
    "serve.filter.all": ("全部结论", "All verdicts"),
    "serve.export.batch": ("导出本批：", "Export this batch: "),
    "serve.empty.files": ("还没有检查过的文件。", "No file checked yet."),
    "serve.col.unit": ("部门", "Department"),
    "serve.col.file": ("文件", "File"),
    "serve.col.index": ("序号", "No."),
    "serve.col.code": ("项目编码", "Project code"),
    "serve.col.name": ("项目名称", "Project name"),
    "serve.col.verdict": ("审核结论", "Verdict"),
    "serve.col.opinions": ("意见", "Opinions"),
    "serve.col.accepted": ("已采纳", "Accepted"),
    "serve.col.dismissed": ("不采纳", "Dismissed"),
    "serve.col.open": ("待定", "Open"),
    "serve.col.letter": ("审核意见书", "Review letter"),
    "serve.download": ("下载", "Download"),
    "serve.no.projects": ("未发现项目", "no project found"),
    "serve.no.name": ("（无名称）", "(no name)"),
    "serve.hint.sort": (
        "点击表头排序。审核意见书只收录已采纳的意见。",
        "Click a column header to sort. The review letter holds the accepted opinions only.",
    ),
    "serve.project": ("项目", "Project"),
    "serve.crumb.batch": ("批次总览", "Batch overview"),
    "serve.letter.accepted": (
        "下载审核意见书（仅已采纳意见）",
        "Download the review letter (accepted opinions only)",
    ),
    "serve.verdict": ("审核结论：", "Verdict: "),
    "serve.verdict.auto": ("按意见自动（{v}）", "From the opinions ({v})"),
    "serve.saved": ("已保存", "Saved"),
    "serve.no.pages": ("没有可显示的页面。", "No page to show."),
    "serve.page": ("第 {n} 页", "page {n}"),
    "serve.opinions": ("意见", "Opinions"),
    "serve.opinion": ("意见 {n}", "Opinion {n}"),
    "serve.no.opinions": ("本项目没有意见。", "No opinion on this project."),
    "serve.rows": ("第 {rows} 行", "row {rows}"),
    "serve.state.accepted": ("已采纳", "accepted"),
    "serve.state.dismissed": ("不采纳", "dismissed"),
    "serve.state.open": ("待定", "open"),
    "serve.reason": ("不采纳理由：", "Reason for dismissing: "),
    "serve.btn.accept": ("采纳", "Accept"),
    "serve.btn.dismiss": ("不采纳…", "Dismiss…"),
    "serve.btn.edit": ("修改措辞…", "Edit wording…"),
    "serve.btn.reopen": ("撤销", "Undo"),
    "serve.reason.placeholder": ("不采纳的理由", "why this opinion is dismissed"),
    "serve.btn.ok": ("确定", "OK"),
    "serve.btn.save.text": ("保存措辞", "Save wording"),
    "serve.extracted": ("提取的表格", "Extracted table"),
    "serve.col.row": ("行", "Row"),
    "serve.col.level1": ("一级指标", "Level 1"),
    "serve.col.level2": ("二级指标", "Level 2"),
    "serve.col.level3": ("三级指标", "Level 3"),
    "serve.col.target": ("指标值", "Target"),
    "serve.col.basis": ("依据", "Basis"),
    "serve.js.uploading": ("正在上传 {n} 个文件…", "Uploading {n} files…"),
    "serve.js.upload.failed": ("上传失败：", "Upload failed: "),
    "serve.js.checking": ("正在检查 {done} / {total}", "Checking {done} / {total}"),
    "serve.js.finished": ("检查完成", "Check finished"),
    "serve.js.failed": ("检查失败：", "Check failed: "),
    "serve.js.not.saved": ("未能保存：", "Could not save: "),
    "serve.js.state.accepted": ("已采纳", "accepted"),
    "serve.js.state.dismissed": ("不采纳", "dismissed"),
    "serve.js.state.open": ("待定", "open"),
    "serve.js.reason": ("不采纳理由：", "Reason for dismissing: "),
    "serve.err.not.found": ("未找到", "not found"),
    "serve.err.action": ("未知操作", "unknown action"),
    "serve.err.reason": ("请填写不采纳的理由", "a reason is required"),
    "serve.err.verdict": ("未知结论", "unknown verdict"),
    "serve.err.no.files": ("没有收到文件", "no files received"),
    "serve.err.cross.site": ("跨站请求被拒绝", "cross-site request refused"),
    "serve.export.name": ("审核清单", "review-list"),
}

#: Column headers of the findings CSV/xlsx and the summary that are not fields of a record; a
#: project's or an indicator's field has its header where it is declared (perfaudit/record.py).
HEADERS: dict[str, tuple[str, str]] = {
    "rule": ("规则", "Rule"),
    "category": ("类别", "Category"),
    "severity": ("严重程度", "Severity"),
    "message": ("问题说明", "Message"),
    "opinion": ("意见编号", "Point"),
    "status": ("状态", "Status"),
    "pages": ("页数", "Pages"),  # the summary's page count (a project's ``pages`` lists page numbers)
    "projects": ("项目数", "Projects"),
    "indicators": ("指标数", "Indicators"),
    "error": ("错误", "Errors"),
    "warning": ("警告", "Warnings"),
    "info": ("提示", "Info"),
}


def norm_lang(lang: str | None) -> str:
    """``zh``/``en``; anything starting with ``en`` is English, everything else Chinese."""
    return "en" if (lang or "").lower().startswith("en") else "zh"


def t(key: str, lang: str = "zh", **kwargs: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``kwargs``."""
    zh, en = _MESSAGES[key]
    text = en if norm_lang(lang) == "en" else zh
    return text.format(**kwargs) if kwargs else text


def keys(prefix: str) -> list[str]:
    """The message keys that start with ``prefix`` (e.g. the workbench's ``serve.js.*``)."""
    return [k for k in _MESSAGES if k.startswith(prefix)]


def both(key: str, **kwargs: object) -> str:
    """Chinese and English together, for one-line error messages: ``中文 / English``."""
    return f"{t(key, 'zh', **kwargs)} / {t(key, 'en', **kwargs)}"


def label(kind: str, value: str | None, lang: str = "zh") -> str:
    """Display label of a status, severity or category value (the raw value if unknown)."""
    if value is None:
        return ""
    key = f"{kind}.{value}"
    if key not in _MESSAGES:
        return value
    return t(key, lang)


def header(column: str, lang: str = "zh") -> str:
    """Export header of ``column``: the table above, else the record field's (perfaudit.record), else its name."""
    lang = norm_lang(lang)
    if column in HEADERS:
        zh, en = HEADERS[column]
        return en if lang == "en" else zh
    from .record import header as record_header

    return record_header(column, lang) or column


def has(key: str) -> bool:
    return key in _MESSAGES
