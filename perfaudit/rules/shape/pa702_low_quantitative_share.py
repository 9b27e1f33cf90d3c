"""PA702: too few quantitative indicators."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import BEN, GOOD_ROWS, OUT, SAT, failing, passing, project


class LowQuantitativeShare(ProjectRule):
    code = "PA702"
    slug = "low-quantitative-share"
    category = "vague"
    judges_indicator_set = True
    severity = "warning"
    title_zh = "定量指标比例过低"
    title_en = "Too few quantitative indicators"
    rationale = (
        "绩效目标应尽量定量表述，不能量化的才用定性分级。项目有 min_rows（默认 4）条以上指标、而有数值或期限的指标"
        "不到 min_share（默认 50%）时提出：这样的表无法在年底据实评价。\n"
        "Targets should be quantitative where possible. With min_rows (4) or more rows, fewer than min_share (50%) "
        "carrying a number or a deadline is flagged."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「细化量化」（尽量进行定量表述，不能以量化形式表述的，"
        "可以采用定性的分级分档形式表述） [U 未核实 unverified]"
    )
    thresholds = {"min_share": 0.5, "min_rows": 4}
    message = (
        "{rows} 条指标中只有 {quant} 条有数值或期限（{share:.0%}）：请尽量量化，不能量化的用「"
        "达到预期目标/部分达到/未达到」等分级表述。"
    )
    message_en = "Only {quant} of {rows} indicators ({share:.0%}) carry a number or deadline: quantify."
    examples = (
        passing(project("干部教育培训经费", GOOD_ROWS)),
        failing(
            project(
                "社区党建工作经费",
                [
                    (OUT, "数量指标", "党课场次", "≥12 场"),
                    (OUT, "质量指标", "党员教育质量", "有效提升"),
                    (BEN, "社会效益指标", "党员党性修养", "提升"),
                    (BEN, "可持续影响指标", "区域化党建格局", "稳定有序"),
                    (SAT, "服务对象满意度指标", "党员群众满意度", "提升"),
                ],
            ),
            expect=[None],
        ),
    )

    def check(self, proj, ctx):
        rows = [i for i in proj.indicators if i.kind != "empty"]
        if len(rows) < ctx.t("min_rows"):
            return
        quant = sum(1 for i in rows if i.kind in ("number", "deadline"))
        share = quant / len(rows)
        if share < ctx.t("min_share"):
            yield self.hit(proj, rows=len(rows), quant=quant, share=share)
