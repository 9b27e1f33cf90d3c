"""PA001: a file that could not be read at all."""

from __future__ import annotations

from ...models import UNREADABLE_STATUSES
from ..base import FileRule
from ..examples import failing, file, passing, project


class UnreadableFile(FileRule):
    code = "PA001"
    slug = "unreadable-file"
    category = "unreadable"
    severity = "error"
    always_on = True
    title_zh = "文件无法读取"
    title_en = "File cannot be read"
    rationale = (
        "空文件、加密、损坏、非 PDF/xlsx/docx 或无法识别的扫描件无法审核，须请报送单位重新提交可读文件。"
        "每个输入文件都应出现在审核结果中，因此本规则不受 --select 影响（只能用 --ignore PA001 关闭）。\n"
        "A submission that is empty, encrypted, damaged, of an unsupported type or an unreadable scan "
        "cannot be reviewed; it must be resubmitted. Every input appears in every export, so this rule "
        "ignores --select (only an explicit --ignore PA001 turns it off)."
    )
    citation = (
        "中发〔2018〕34号《中共中央 国务院关于全面实施预算绩效管理的意见》：将绩效目标设置作为预算安排的前置条件，加强"
        "绩效目标审核 [V 引文已核对 verified quote]；财预〔2015〕88号《中央部门预算绩效目标管理办法"
        "》第十七条 完整性审核 [U 未核实 unverified]"
    )
    message = "{reason}：请报送单位重新提交未加密、可复制文字的 PDF 或 xlsx/docx 文件。"
    message_en = "{reason_en}: ask for an unencrypted PDF with a text layer, or xlsx/docx."
    examples = (
        passing(file(project("示例项目", [("产出指标", "数量指标", "培训人次", "≥200 人次")]))),
        failing(file(name="locked.pdf", status="encrypted", message="文件已加密，无法打开"), expect=[None]),
    )

    def check(self, sub, ctx):
        if sub.status in UNREADABLE_STATUSES:
            yield self.hit(
                None,
                file=sub.file,
                reason=(sub.message or "文件无法读取").rstrip("。"),
                reason_en=(sub.message_en or "the file cannot be read").rstrip("."),
            )
