"""PA213: 生态效益 without any ecological content."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_output_like, is_satisfaction_name
from ..examples import BEN, failing, passing, project


class EcologyWithoutEcology(IndicatorRule):
    code = "PA213"
    slug = "ecology-without-ecology"
    category = "misclassified"
    severity = "warning"
    title_zh = "生态效益指标没有生态内容"
    title_en = "Ecological benefit without ecological content"
    rationale = (
        "生态效益指标应反映环境方面的效果（节能、减排、绿化、垃圾、污染……，词表见 lexicons.toml category.ecology_words）。"
        "与生态无关的项目应不填生态效益，而不是用「工作顺利开展」之类凑数。满意度名称（PA210）和产出名称（PA212）不重复报。\n"
        "生态效益 rows must concern the environment; projects without an ecological effect should leave it out."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标包括产出指标〔数量、质量、时效、成本〕、效益指"
        "标〔经济、社会、生态效益，可持续影响〕和满意度指标） [U 未核实 unverified]（生态效益指标）"
    )
    message = (
        "生态效益指标「{ind.shown}」与生态环境无关：请填写节能、减排、绿化等环境效果；"
        "项目无生态效益时不要硬填。"
    )
    message_en = (
        "Ecological benefit '{ind.shown}' has nothing ecological: state an environmental effect or leave "
        "the row out."
    )
    examples = (
        passing(project("机关节能改造", [(BEN, "生态效益指标", "年节约用电量", "≥5000 千瓦时")])),
        failing(
            project("人员工资保障", [(BEN, "生态效益指标", "工作顺利开展", "≥100%")]), expect=["工作顺利开展"]
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        if ind.dim2 != "生态效益" or not ind.name:
            return
        if is_satisfaction_name(ind, lex) or is_output_like(ind, lex):
            return
        if not lex.regex("category.ecology_words").search(ind.name):
            yield self.hit(proj, ind)
