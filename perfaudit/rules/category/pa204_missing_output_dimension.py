"""PA204: no 质量 / 时效 / 成本 indicator."""

from __future__ import annotations

from ..base import ProjectRule
from ..common import budget_yuan, deadline_example
from ..examples import COST, GOOD_ROWS, OUT, failing, passing, project
from ._missing import has_dim

_2021 = [
    (OUT, "数量指标", "培训人次", "≥200 人次"),
    (OUT, "质量指标", "培训合格率", "≥95%"),
    (OUT, "时效指标", "培训完成时间", "2022年11月30日前"),
    (COST, "经济成本指标", "人均培训成本", "≤500 元/人"),
]


class MissingOutputDimension(ProjectRule):
    code = "PA204"
    slug = "missing-output-dimension"
    category = "missing_category"
    severity = "warning"
    title_zh = "缺少质量、时效或成本指标"
    title_en = "No quality, timeliness or cost indicator"
    rationale = (
        "产出指标应包括数量、质量、时效和成本。成本既可以在产出指标下（财预〔2015〕88号），"
        "也可以作为一级「成本指标」（财预〔2021〕101号，经济成本/社会成本/生态环境成本），两种都算有成本指标。"
        "一个项目缺的各维度合并成一条。\n"
        "Outputs should cover quality, timeliness and cost; cost may sit under 产出 (2015) or be its own 一级 (2021). "
        "All missing dimensions of one project are reported in one finding.\n"
        "预算在 cost_required_from_yuan（默认 100 万元）及以上而没有成本指标的项目退回（错误），其余为警告。"
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标包括产出指标〔数量、质量、时效、成本〕、效益指"
        "标〔经济、社会、生态效益，可持续影响〕和满意度指标） [U 未核实 unverified]；财预〔2021〕101号"
        "《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》附件1（成本指标单列为一级指标：经济成本、社会成本、生态"
        "环境成本） [U 未核实 unverified]"
    )
    # a project of this many 元 or more without any 成本指标 is sent back (error), else a warning
    thresholds = {"required": ["质量", "时效", "成本"], "cost_required_from_yuan": 1_000_000}
    message = "项目缺少{missing}指标：请补充{tips}。"
    message_en = "No {missing_en} indicator: add them (a deadline for timeliness, an amount for cost)."
    examples = (
        passing(project("干部教育培训经费", GOOD_ROWS)),
        passing(project("干部教育培训经费", _2021), note="2021 框架：成本指标为一级"),
        failing(project("干部教育培训经费", GOOD_ROWS[:2]), expect=[None], note="缺时效和成本"),
    )

    #: the hint added for each missing dimension ({deadline}: a deadline in the project's year)
    tips = {
        "质量": "质量写「××合格率（达标率）≥ X%」",
        "时效": "时效写「{deadline}完成」",
        "成本": "成本写不超过预算的金额或单位成本「≤ X 元/人」",
    }

    def check(self, proj, ctx):
        if not proj.indicators:
            return
        missing = [d for d in ctx.t("required") if not has_dim(proj, d)]
        if missing:
            tips = "，".join(
                self.tips[d].format(deadline=deadline_example(proj)) for d in missing if d in self.tips
            )
            big = budget_yuan(proj)
            severe = "成本" in missing and big is not None and big >= ctx.t("cost_required_from_yuan")
            yield self.hit(
                proj,
                missing="、".join(missing),
                missing_en=", ".join(missing),
                tips=f"，如{tips}" if tips else "",
                severity="error" if severe else None,
            )
