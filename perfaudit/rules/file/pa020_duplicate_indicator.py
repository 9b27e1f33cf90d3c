"""PA020: the same indicator appears more than once in one project."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import BEN, OUT, SAT, failing, passing, project


class DuplicateIndicator(ProjectRule):
    code = "PA020"
    slug = "duplicate-indicator"
    category = "duplicate_in_project"
    severity = "warning"
    title_zh = "同一指标在项目内重复"
    title_en = "Indicator repeated within a project"
    rationale = (
        "同一个三级指标（如「工资保险发放(缴纳)标准」）同时填在成本、经济效益、社会效益和生态效益下，"
        "说明各类指标没有分别设置；每个二级指标有各自含义，应分别填写反映该类的指标。"
        "比较时忽略空格、括号和「指标」后缀。每个重复行（第二次起）各报一条。\n"
        "One 三级 name under several 二级 categories shows the categories were padded, not set. "
        "Names are compared without spaces, brackets or the 指标 suffix; each repeat (from the second) is reported."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标包括产出指标〔数量、质量、时效、成本〕、效益指"
        "标〔经济、社会、生态效益，可持续影响〕和满意度指标） [U 未核实 unverified]（各二级指标含义不同，同一"
        "指标不应跨类重复）"
    )
    message = (
        "指标「{ind.shown}」在本项目第 {first.row} 行（{first_label}）已出现，又填在{label}下："
        "每类指标应分别设置反映该类内容的指标，请删除重复行或改写。"
    )
    message_en = (
        "'{ind.shown}' already appears in row {first.row} ({first_label}) and again under {label}: set a "
        "distinct indicator for each category."
    )
    examples = (
        passing(
            project(
                "人员工资保障",
                [
                    (OUT, "数量指标", "保障人数", "≥23 人"),
                    (BEN, "社会效益指标", "在岗人员稳定率", "≥95%"),
                    (SAT, "服务对象满意度指标", "职工满意度", "≥90%"),
                ],
            )
        ),
        failing(
            project(
                "人员工资保障",
                [
                    (OUT, "成本指标", "工资保险发放(缴纳)标准", "≤263 万元"),
                    (BEN, "经济效益指标", "工资保险发放（缴纳） 标准", "≥100%"),
                    (BEN, "社会效益指标", "工资保险发放缴纳标准", "≥100%"),
                ],
            ),
            expect=["工资保险发放（缴纳） 标准", "工资保险发放缴纳标准"],
        ),
    )

    def check(self, proj, ctx):
        first: dict[str, object] = {}
        for ind in proj.indicators:
            if not ind.name:
                continue
            if ind.name in first:
                f = first[ind.name]
                yield self.hit(proj, ind, first=f, first_label=f.label(), label=ind.label())
            else:
                first[ind.name] = ind
