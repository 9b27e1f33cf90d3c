"""PA002: a readable file without any 绩效目标表."""

from __future__ import annotations

from ...models import STATUS_NO_TABLES
from ..base import FileRule
from ..examples import failing, file, passing, project


class NoTables(FileRule):
    code = "PA002"
    slug = "no-tables"
    category = "no_tables"
    severity = "warning"
    always_on = True
    title_zh = "文件中没有绩效目标表"
    title_en = "No performance-target table in the file"
    rationale = (
        "文件可以读取，但没有找到任何预算项目绩效目标表（可能报错了文件，或表格是图片）。"
        "每个输入文件都应出现在审核结果中，因此本规则不受 --select 影响。\n"
        "The file is readable but holds no 绩效目标表 (wrong file, or the tables are images). "
        "Every input appears in every export, so this rule ignores --select."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十三条（项目支出按要求填报绩效目标申报表） [U 未核实 u"
        "nverified]；中发〔2018〕34号《中共中央 国务院关于全面实施预算绩效管理的意见》（绩效目标是预算安排的"
        "前置条件） [V 引文已核对 verified quote]"
    )
    message = "{reason}：请确认报送的是含预算项目绩效目标表的文件。"
    message_en = "{reason_en}: check that the right document was submitted."
    examples = (
        passing(file(project("示例项目", [("产出指标", "数量指标", "培训人次", "≥200 人次")]))),
        failing(file(name="notes.pdf", status="no_tables", message="未找到绩效目标表"), expect=[None]),
    )

    def check(self, sub, ctx):
        if sub.status == STATUS_NO_TABLES:
            yield self.hit(
                None,
                file=sub.file,
                reason=(sub.message or "未找到绩效目标表").rstrip("。"),
                reason_en=(sub.message_en or "no performance-target table found").rstrip("."),
            )
