"""PA202: no 效益指标."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import GOOD_ROWS, OUT, SAT, failing, passing, project
from ._missing import has_dim


class MissingBenefit(ProjectRule):
    code = "PA202"
    slug = "missing-benefit"
    category = "missing_category"
    severity = "error"
    title_zh = "缺少效益指标"
    title_en = "No benefit indicator"
    rationale = (
        "绩效目标不仅包括产出和成本，还要包括经济、社会、生态效益或可持续影响；只有产出的表说明不了花钱的效果。\n"
        "Goals must cover effects (economic, social, ecological, sustained), not only outputs."
    )
    citation = (
        "中发〔2018〕34号《中共中央 国务院关于全面实施预算绩效管理的意见》：绩效目标要包括经济效益、社会效益、生态效益"
        "、可持续影响等绩效指标 [V 引文已核对 verified quote]；财预〔2015〕88号《中央部门预算绩效目"
        "标管理办法》第九条（绩效指标包括产出指标〔数量、质量、时效、成本〕、效益指标〔经济、社会、生态效益，可持续影响〕和满"
        "意度指标） [U 未核实 unverified]"
    )
    message = (
        "项目没有效益指标：请增加反映项目效果的社会效益、经济效益等指标，如「××（本项目带来的变化）提升率 "
        "≥ X%」。"
    )
    message_en = "No benefit indicator: add effects (social, economic …) of the spending."
    examples = (
        passing(project("干部教育培训经费", GOOD_ROWS)),
        failing(
            project(
                "干部教育培训经费",
                [
                    (OUT, "数量指标", "培训人次", "≥200 人次"),
                    (SAT, "服务对象满意度指标", "参训学员满意度", "≥90%"),
                ],
            ),
            expect=[None],
        ),
    )

    def check(self, proj, ctx):
        if proj.indicators and not has_dim(proj, "效益"):
            yield self.hit(proj)
