"""PA203: no 满意度指标."""

from __future__ import annotations

from ..base import GOOD_ROWS, Rule, failing, passing, project
from ._missing import has_dim


class MissingSatisfaction(Rule):
    code = "PA203"
    slug = "missing-satisfaction"
    category = "missing_category"
    severity = "warning"
    scope = "project"
    title_zh = "缺少满意度指标"
    title_en = "No satisfaction indicator"
    rationale = (
        "两种框架都设有满意度指标（服务对象满意度）。面向群众或服务对象的项目应填写；确无服务对象的内部项目可在配置中降级或忽略本规则。\n"
        "Both frameworks have a 满意度 category; projects that serve someone should fill it in."
    )
    citation = "中发〔2018〕34号：绩效指标包括「服务对象满意度」 [V, via S3]；满意度指标定义 [S, S4]"
    examples = (
        passing(project("干部教育培训经费", GOOD_ROWS)),
        failing(project("干部教育培训经费", GOOD_ROWS[:5]), expect=[None]),
    )

    def check(self, proj, ctx):
        if proj.indicators and not has_dim(proj, "满意度"):
            yield self.hit(proj, None, "项目没有满意度指标：请增加服务对象满意度指标，如「××（本项目服务对象）满意度 ≥ X%」。",
                           "No satisfaction indicator: add one for the people the project serves, e.g. ≥ X%.")
