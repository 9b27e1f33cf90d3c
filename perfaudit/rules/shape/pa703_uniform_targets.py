"""PA703: one target value repeated over most of a project's rows."""

from __future__ import annotations

from collections import Counter

from ..base import ProjectRule
from ..examples import BEN, GOOD_ROWS, OUT, SAT, failing, passing, project
from ..vocab import compact


class UniformTargets(ProjectRule):
    code = "PA703"
    slug = "uniform-targets"
    category = "implausible_value"
    judges_indicator_set = True
    severity = "warning"
    title_zh = "指标值千篇一律"
    title_en = "Uniform targets across the project"
    rationale = (
        "各项指标衡量的东西不同，目标值也应各自测算。成本行以外有 min_rows（默认 4）条以上指标、其中 max_share"
        "（默认 75%）或更多写同一个值（如全部「≥95 百分比」）时提出：说明目标没有逐项测算。\n"
        "Different measures need their own targets. With min_rows (4) or more non-cost rows, max_share (75%) or more "
        "carrying the same value (all '≥95 百分比') shows nothing was worked out."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「合理可行」（绩效目标要经过调查研究和科学论证）"
        " [U 未核实 unverified]"
    )
    thresholds = {"max_share": 0.75, "min_rows": 4}
    message = (
        "{rows} 条指标中有 {n} 条的指标值都是「{target}」：各项指标应按各自的计划、"
        "历史或行业标准分别测算目标值。"
    )
    message_en = "{n} of {rows} indicators have the same target '{target}': set each from its own basis."
    examples = (
        passing(project("干部教育培训经费", GOOD_ROWS)),
        failing(
            project(
                "专家评审费",
                [
                    (OUT, "数量指标", "综合事务保障率", "≥95 百分比"),
                    (OUT, "质量指标", "评审通过率", "≥95 百分比"),
                    (OUT, "时效指标", "是否按时完成", "≥95 百分比"),
                    (BEN, "社会效益指标", "群众满意率", "≥95 百分比"),
                    (SAT, "服务对象满意度指标", "满意率", "≥95 百分比"),
                ],
            ),
            expect=[None],
        ),
    )

    def check(self, proj, ctx):
        rows = [i for i in proj.indicators if i.dim2 != "成本" and i.kind == "number"]
        every = [i for i in proj.indicators if i.dim2 != "成本" and i.kind != "empty"]
        if len(every) < ctx.t("min_rows") or not rows:
            return
        key = Counter(compact(i.target) for i in rows)
        value, n = key.most_common(1)[0]
        if n / len(every) >= ctx.t("max_share"):
            shown = next(i.target_text for i in rows if compact(i.target) == value)
            yield self.hit(proj, rows=len(every), n=n, target=shown)
