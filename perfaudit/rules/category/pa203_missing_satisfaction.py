"""PA203: no 满意度指标."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import GOOD_ROWS, failing, passing, project
from ._missing import has_dim


class MissingSatisfaction(ProjectRule):
    code = "PA203"
    slug = "missing-satisfaction"
    category = "missing_category"
    severity = "warning"
    title_zh = "缺少满意度指标"
    title_en = "No satisfaction indicator"
    rationale = (
        "两种框架都设有满意度指标（服务对象满意度）。面向群众或服务对象的项目应填写；确无服务对象的内部项目可在配置中降级或忽略本规则。\n"
        "Both frameworks have a 满意度 category; projects that serve someone should fill it in."
    )
    citation = (
        "中发〔2018〕34号《中共中央 国务院关于全面实施预算绩效管理的意见》：绩效目标要包括服务对象满意度等绩效指标 ["
        "V 引文已核对 verified quote]；财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指"
        "标包括产出指标〔数量、质量、时效、成本〕、效益指标〔经济、社会、生态效益，可持续影响〕和满意度指标） [U 未核实 "
        "unverified]"
    )
    message = "项目没有满意度指标：请增加服务对象满意度指标，如「××（本项目服务对象）满意度 ≥ X%」。"
    message_en = "No satisfaction indicator: add one for the people the project serves, e.g. ≥ X%."
    examples = (
        passing(project("干部教育培训经费", GOOD_ROWS)),
        failing(project("干部教育培训经费", GOOD_ROWS[:5]), expect=[None]),
    )

    def check(self, proj, ctx):
        if proj.indicators and not has_dim(proj, "满意度"):
            yield self.hit(proj)
