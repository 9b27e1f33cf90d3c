"""Every piece of text the workbench shows, in Chinese and English (``perfaudit serve --lang en``).

Templates call ``t("key")``; the page script reads the ``js.*`` entries from a JSON block the
base template writes (no text is hard-coded in ``workbench.js``).  Placeholders use
``str.format`` names in Python and ``{name}`` replaced by the script.
"""

from __future__ import annotations

LANGS = ("zh", "en")

TEXTS: dict[str, tuple[str, str]] = {
    # base.html
    "title": ("审核工作台", "Review workbench"),
    "brand": ("perfaudit 审核工作台", "perfaudit review workbench"),
    "db.hint": (
        "本审核季的决定都保存在这个文件里",
        "every decision of this review season is kept in this file",
    ),
    "db": ("数据库：", "Database: "),
    # overview.html
    "drop": ("把文件或文件夹拖到这里", "Drop files or folders here"),
    "drop.kinds": ("（PDF、xlsx、docx），或", " (PDF, xlsx, docx), or"),
    "pick.files": ("选择文件", "choose files"),
    "pick.folder": ("选择文件夹", "choose a folder"),
    "filter": ("筛选：部门、项目名称、编码…", "Filter: department, project name, code…"),
    "filter.all": ("全部结论", "All verdicts"),
    "export.batch": ("导出本批：", "Export this batch: "),
    "empty.files": ("还没有检查过的文件。", "No file checked yet."),
    "col.unit": ("部门", "Department"),
    "col.file": ("文件", "File"),
    "col.index": ("序号", "No."),
    "col.code": ("项目编码", "Project code"),
    "col.name": ("项目名称", "Project name"),
    "col.verdict": ("审核结论", "Verdict"),
    "col.opinions": ("意见", "Opinions"),
    "col.accepted": ("已采纳", "Accepted"),
    "col.dismissed": ("不采纳", "Dismissed"),
    "col.open": ("待定", "Open"),
    "col.letter": ("审核意见书", "Review letter"),
    "download": ("下载", "Download"),
    "no.projects": ("未发现项目", "no project found"),
    "no.name": ("（无名称）", "(no name)"),
    "hint.sort": (
        "点击表头排序。审核意见书只收录已采纳的意见。",
        "Click a column header to sort. The review letter holds the accepted opinions only.",
    ),
    # project.html
    "project": ("项目", "Project"),
    "crumb.batch": ("批次总览", "Batch overview"),
    "letter.accepted": (
        "下载审核意见书（仅已采纳意见）",
        "Download the review letter (accepted opinions only)",
    ),
    "verdict": ("审核结论：", "Verdict: "),
    "verdict.auto": ("按意见自动（{v}）", "From the opinions ({v})"),
    "saved": ("已保存", "Saved"),
    "no.pages": ("没有可显示的页面。", "No page to show."),
    "page": ("第 {n} 页", "page {n}"),
    "opinions": ("意见", "Opinions"),
    "opinion": ("意见 {n}", "Opinion {n}"),
    "no.opinions": ("本项目没有意见。", "No opinion on this project."),
    "rows": ("第 {rows} 行", "row {rows}"),
    "state.accepted": ("已采纳", "accepted"),
    "state.dismissed": ("不采纳", "dismissed"),
    "state.open": ("待定", "open"),
    "reason": ("不采纳理由：", "Reason for dismissing: "),
    "btn.accept": ("采纳", "Accept"),
    "btn.dismiss": ("不采纳…", "Dismiss…"),
    "btn.edit": ("修改措辞…", "Edit wording…"),
    "btn.reopen": ("撤销", "Undo"),
    "reason.placeholder": ("不采纳的理由", "why this opinion is dismissed"),
    "btn.ok": ("确定", "OK"),
    "btn.save.text": ("保存措辞", "Save wording"),
    "extracted": ("提取的表格", "Extracted table"),
    "col.row": ("行", "Row"),
    "col.level1": ("一级指标", "Level 1"),
    "col.level2": ("二级指标", "Level 2"),
    "col.level3": ("三级指标", "Level 3"),
    "col.target": ("指标值", "Target"),
    "col.basis": ("依据", "Basis"),
    # workbench.js
    "js.uploading": ("正在上传 {n} 个文件…", "Uploading {n} files…"),
    "js.upload.failed": ("上传失败：", "Upload failed: "),
    "js.checking": ("正在检查 {done} / {total}", "Checking {done} / {total}"),
    "js.finished": ("检查完成", "Check finished"),
    "js.failed": ("检查失败：", "Check failed: "),
    "js.not.saved": ("未能保存：", "Could not save: "),
    "js.state.accepted": ("已采纳", "accepted"),
    "js.state.dismissed": ("不采纳", "dismissed"),
    "js.state.open": ("待定", "open"),
    "js.reason": ("不采纳理由：", "Reason for dismissing: "),
    # responses
    "err.not.found": ("未找到", "not found"),
    "err.action": ("未知操作", "unknown action"),
    "err.reason": ("请填写不采纳的理由", "a reason is required"),
    "err.verdict": ("未知结论", "unknown verdict"),
    "err.no.files": ("没有收到文件", "no files received"),
    "err.cross.site": ("跨站请求被拒绝", "cross-site request refused"),
    "export.name": ("审核清单", "review-list"),
}


def text(key: str, lang: str = "zh", **values: object) -> str:
    """The text of ``key`` in ``lang`` (Chinese unless ``en``), placeholders filled."""
    zh, en = TEXTS[key]
    s = en if lang == "en" else zh
    return s.format(**values) if values else s


def script_texts(lang: str) -> dict[str, str]:
    """The ``js.*`` texts for the page script, keyed without the prefix."""
    return {k[3:]: text(k, lang) for k in TEXTS if k.startswith("js.")}
