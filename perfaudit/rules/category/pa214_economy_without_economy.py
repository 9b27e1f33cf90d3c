"""PA214: 经济效益 without an economic variable."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_output_like, is_satisfaction_name
from ..examples import BEN, failing, passing, project


class EconomyWithoutEconomy(IndicatorRule):
    code = "PA214"
    slug = "economy-without-economy"
    category = "misclassified"
    severity = "warning"
    title_zh = "经济效益指标没有经济内容"
    title_en = "Economic benefit without an economic variable"
    rationale = (
        "经济效益指标应反映收入、节支、投资、就业、市场主体等经济变量（词表 category.economy_words）；"
        "「综合利用率」「网络安全稳定运行」不是经济效益。满意度名称（PA210）和产出名称（PA212）不重复报。\n"
        "经济效益 rows must name an economic quantity (income, savings, investment, jobs, businesses …)."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标包括产出指标〔数量、质量、时效、成本〕、效益指"
        "标〔经济、社会、生态效益，可持续影响〕和满意度指标） [U 未核实 unverified]（经济效益指标）"
    )
    message = (
        "经济效益指标「{ind.shown}」没有经济内容：请写节约资金、增加收入、带动投资或就业等，如「"
        "节约财政资金 ≥×万元」「带动就业 ≥×人」。"
    )
    message_en = (
        "Economic benefit '{ind.shown}' names no economic variable: state savings, income, investment or "
        "jobs."
    )
    examples = (
        passing(
            project("企业开办服务经费", [(BEN, "经济效益指标", "为新开办企业节约开办费用", "≥300 元/户")])
        ),
        failing(
            project("企业开办服务经费", [(BEN, "经济效益指标", "综合利用率", "≥95%")]), expect=["综合利用率"]
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        if ind.dim2 != "经济效益" or not ind.name:
            return
        if is_satisfaction_name(ind, lex) or is_output_like(ind, lex):
            return
        if not lex.regex("category.economy_words").search(ind.name):
            yield self.hit(proj, ind)
