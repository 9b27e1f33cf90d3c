"""PA201: no 数量指标."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import GOOD_ROWS, OUT, SAT, failing, passing, project
from ._missing import has_dim


class MissingQuantity(ProjectRule):
    code = "PA201"
    slug = "missing-quantity"
    category = "missing_category"
    severity = "error"
    title_zh = "缺少数量指标"
    title_en = "No quantity indicator"
    rationale = (
        "产出指标至少要有数量指标，说明本年度提供多少产品或服务。两种框架都要求：财预〔2015〕88号（成本在产出下）"
        "和财预〔2021〕101号（成本指标单列为一级）。\n"
        "Every table needs at least one 数量 (quantity) output, in both the 2015 and the 2021 framework."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标包括产出指标〔数量、质量、时效、成本〕、效益指"
        "标〔经济、社会、生态效益，可持续影响〕和满意度指标） [U 未核实 unverified]"
    )
    message = (
        "项目没有数量指标：请增加反映本年度产出数量的指标，如「××（本项目服务对象或事项）数量 ≥ N 人次（"
        "项、件）」。"
    )
    message_en = "No quantity indicator: add one stating how much the project delivers this year."
    examples = (
        passing(project("干部教育培训经费", GOOD_ROWS)),
        failing(
            project(
                "干部教育培训经费",
                [
                    (OUT, "质量指标", "培训合格率", "≥95%"),
                    (SAT, "服务对象满意度指标", "参训学员满意度", "≥90%"),
                ],
            ),
            expect=[None],
        ),
    )

    def check(self, proj, ctx):
        if proj.indicators and not has_dim(proj, "数量"):
            yield self.hit(proj)
