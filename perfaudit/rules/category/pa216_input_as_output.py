"""PA216: an input (money, resources) presented as an output or effect."""

from __future__ import annotations

from ..base import IndicatorRule
from ..examples import BEN, OUT, failing, passing, project


class InputAsOutput(IndicatorRule):
    code = "PA216"
    slug = "input-as-output"
    category = "misclassified"
    severity = "warning"
    title_zh = "投入指标充当产出或效益"
    title_en = "Input presented as an output or benefit"
    rationale = (
        "预算执行率、资金到位率、资源消耗、经费保障等是投入，不是产出或效益；把投入当目标（如"
        "资源消耗 ≥95%）说明不了做成了什么。\n"
        "Budget execution, funds in place or resource consumption are inputs, not outputs or effects."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第八条（绩效目标反映预期产出和效果；达到产出所需的成本资源另列"
        "） [U 未核实 unverified]；财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标包括"
        "产出指标〔数量、质量、时效、成本〕、效益指标〔经济、社会、生态效益，可持续影响〕和满意度指标） [U 未核实 unv"
        "erified]"
    )
    message = (
        "「{ind.shown}」是投入而不是{level1}：请改为项目的实际产出或效果，如「××完成数 ≥ N 项」「××下降率 "
        "≥ X%」。"
    )
    message_en = "'{ind.shown}' is an input, not an output or effect: state what the spending achieves."
    examples = (
        passing(project("机关节能改造", [(BEN, "生态效益指标", "单位面积能耗下降率", "≥5%")])),
        failing(
            project(
                "机关节能改造",
                [(BEN, "生态效益指标", "资源消耗", "≥95%"), (OUT, "质量指标", "预算资金执行率", "=100%")],
            ),
            expect=["资源消耗", "预算资金执行率"],
        ),
    )

    def check(self, ind, proj, ctx):
        if (
            ind.dim1 in ("产出", "效益")
            and ind.dim2 != "成本"
            and ctx.lexicons.regex("category.input_patterns").search(ind.name)
        ):
            yield self.hit(proj, ind, level1=ind.level1 or "产出或效益")
