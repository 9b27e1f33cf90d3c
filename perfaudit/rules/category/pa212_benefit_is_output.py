"""PA212: a benefit row that is really an output."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_output_like, is_satisfaction_name
from ..examples import BEN, failing, passing, project


class BenefitIsOutput(IndicatorRule):
    code = "PA212"
    slug = "benefit-is-output"
    category = "misclassified"
    severity = "warning"
    title_zh = "效益指标实为产出指标"
    title_en = "Benefit row is really an output"
    rationale = (
        "效益指标反映项目实施后的效果；「完成率」「合格率」「发放标准」「数量」等是产出的数量、质量或时效，"
        "放在效益下等于没有写效益（如经济效益=工资保险发放(缴纳)标准）。满意度名称由 PA210 处理。\n"
        "Effects, not 完成率/合格率/发放标准/counts, belong under 效益 (satisfaction names are PA210's)."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标包括产出指标〔数量、质量、时效、成本〕、效益指"
        "标〔经济、社会、生态效益，可持续影响〕和满意度指标） [U 未核实 unverified]（产出指标反映提供的公共产"
        "品和服务，效益指标反映产出带来的效果）"
    )
    message = (
        "「{ind.shown}」是产出（数量/质量/时效）而不是{level2}：效益指标应写项目带来的效果，如「××（"
        "服务对象）受益人数 ≥ N 人」「××时间缩短率 ≥ X%」。"
    )
    message_en = "'{ind.shown}' is an output, not a benefit: describe the effect of the project instead."
    examples = (
        passing(project("人员工资保障", [(BEN, "社会效益指标", "在岗人员流失率", "≤5%")])),
        failing(
            project(
                "人员工资保障",
                [
                    (BEN, "经济效益指标", "工资保险发放(缴纳)标准", "≥100%"),
                    (BEN, "可持续影响指标", "各项工作按时完成率", "≥95%"),
                ],
            ),
            expect=["工资保险发放(缴纳)标准", "各项工作按时完成率"],
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        if ind.dim1 == "效益" and not is_satisfaction_name(ind, lex) and is_output_like(ind, lex):
            yield self.hit(proj, ind, level2=ind.level2 or "效益")
