"""PA210: a satisfaction indicator outside 满意度指标."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_satisfaction_name
from ..examples import BEN, SAT, failing, passing, project


class SatisfactionMisplaced(IndicatorRule):
    code = "PA210"
    slug = "satisfaction-misplaced"
    category = "misclassified"
    severity = "error"
    title_zh = "满意度指标放错类别"
    title_en = "Satisfaction indicator outside 满意度"
    rationale = (
        "名称含「满意」的指标反映服务对象的认可程度，应放在满意度指标（服务对象满意度）下；放在生态效益、社会效益下"
        "（如生态效益=群众满意率）既虚填了效益，又缺了满意度。\n"
        "Names with 满意 belong under 满意度指标, not under 生态效益/社会效益."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标包括产出指标〔数量、质量、时效、成本〕、效益指"
        "标〔经济、社会、生态效益，可持续影响〕和满意度指标） [U 未核实 unverified]（满意度指标反映服务对象或"
        "项目受益人的认可程度）；财预〔2020〕10号《项目支出绩效评价管理办法》附件1 指标体系框架（满意度单列） [U "
        "未核实 unverified]"
    )
    message = (
        "满意度类指标「{ind.shown}」填在{category}下：应移到「满意度指标—服务对象满意度指标」，"
        "{level2}应填写反映该类效果的指标。"
    )
    message_en = "Satisfaction indicator '{ind.shown}' sits under {label}: move it under 满意度指标."
    examples = (
        passing(project("政务服务大厅运行经费", [(SAT, "服务对象满意度指标", "办事群众满意率", "≥95%")])),
        failing(
            project("政务服务大厅运行经费", [(BEN, "生态效益指标", "群众满意率", "≥95%")]),
            expect=["群众满意率"],
        ),
    )

    def check(self, ind, proj, ctx):
        if ind.dim2 and ind.dim1 != "满意度" and is_satisfaction_name(ind, ctx.lexicons):
            yield self.hit(
                proj, ind, category=ind.category_label(), level2=ind.level2 or "该类", label=ind.label()
            )
