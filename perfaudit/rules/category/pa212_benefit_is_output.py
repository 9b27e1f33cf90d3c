"""PA212: a benefit row that is really an output."""

from __future__ import annotations

from ..base import BEN, Rule, failing, passing, project
from ..common import is_output_like, is_satisfaction_name


class BenefitIsOutput(Rule):
    code = "PA212"
    slug = "benefit-is-output"
    category = "misclassified"
    severity = "warning"
    scope = "indicator"
    title_zh = "效益指标实为产出指标"
    title_en = "Benefit row is really an output"
    rationale = (
        "效益指标反映项目实施后的效果；「完成率」「合格率」「发放标准」「数量」等是产出的数量、质量或时效，"
        "放在效益下等于没有写效益（如经济效益=工资保险发放(缴纳)标准）。满意度名称由 PA210 处理。\n"
        "Effects, not 完成率/合格率/发放标准/counts, belong under 效益 (satisfaction names are PA210's)."
    )
    citation = "「质量指标与效益指标混淆」（故障率、合格率属质量，治愈率属效益） [S, S12]"
    examples = (
        passing(project("人员工资保障", [(BEN, "社会效益指标", "在岗人员流失率", "≤5%")])),
        failing(project("人员工资保障", [(BEN, "经济效益指标", "工资保险发放(缴纳)标准", "≥100%"),
                                        (BEN, "可持续影响指标", "各项工作按时完成率", "≥95%")]),
                expect=["工资保险发放(缴纳)标准", "各项工作按时完成率"]),
    )

    def check(self, item, ctx):
        ind, proj = item
        lex = ctx.lexicons
        if ind.dim1 == "效益" and not is_satisfaction_name(ind, lex) and is_output_like(ind, lex):
            yield self.hit(proj, ind, f"「{ind.shown}」是产出（数量/质量/时效）而不是{ind.level2 or '效益'}：效益指标应写项目带来的效果，如「××（服务对象）受益人数 ≥ N 人」「××时间缩短率 ≥ X%」。",
                           f"'{ind.shown}' is an output, not a benefit: describe the effect of the project instead.")
