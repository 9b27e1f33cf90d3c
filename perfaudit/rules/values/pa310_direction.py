"""PA310: the operator points the wrong way."""

from __future__ import annotations

import re

from ..base import IndicatorRule
from ..common import is_cost_row, is_satisfaction_name
from ..examples import BEN, OUT, SAT, failing, passing, project
from ..vocab import is_money

_IMPROVEMENT = re.compile(r"节约|节支|降低|减少|下降|控制|缩短|压缩")


class Direction(IndicatorRule):
    code = "PA310"
    slug = "direction"
    category = "direction"
    severity = "warning"
    title_zh = "指标方向（≥/≤）写反"
    title_en = "Operator points the wrong way"
    rationale = (
        "成本、费用、消耗、投诉、差错、事故等越低越好，应写「≤」；满意度、覆盖率、合格率、完成率等越高越好，应写「≥」或「=」。"
        "写反了就是鼓励多花钱、多消耗，或允许满意度越低越好。名称含「节约、降低、减少、缩短」等改进词的不算写反。\n"
        "Costs, consumption, complaints and errors take ≤; satisfaction, coverage, pass and completion rates take ≥ or =."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「合理可行」（指标值的方向与指标性质一致） [U 未核"
        "实 unverified]"
    )
    message_lower = (
        "「{ind.shown}」越低越好，却写成「{ind.target_text}」：应写「≤」上限，如「≤上年实际值」「"
        "≤预算金额」。"
    )
    message_lower_en = (
        "'{ind.shown}' should go down but is written '{ind.target_text}': use ≤ with an upper bound."
    )
    message_higher = "「{ind.shown}」越高越好，却写成「{ind.target_text}」：应写「≥」下限，如「≥ X%」。"
    message_higher_en = (
        "'{ind.shown}' should go up but is written '{ind.target_text}': use ≥ with a lower bound."
    )
    examples = (
        passing(
            project(
                "机关运行经费",
                [
                    (OUT, "成本指标", "项目成本", "≤5 万元"),
                    (SAT, "服务对象满意度指标", "办事群众满意度", "≥90%"),
                    (BEN, "经济效益指标", "办公费用降低率", "≥5%"),
                ],
            )
        ),
        failing(
            project(
                "机关运行经费",
                [
                    (BEN, "生态效益指标", "资源消耗", "≥95 百分比"),
                    (OUT, "成本指标", "项目成本", "≥5 万元"),
                    (SAT, "服务对象满意度指标", "办事群众满意度", "≤90%"),
                ],
            ),
            expect=["资源消耗", "项目成本", "办事群众满意度"],
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        op, name = ind.operator, ind.name
        if ind.kind != "number" or op is None or not name:
            return
        improving = bool(_IMPROVEMENT.search(name))
        lower = lex.regex("direction.lower_is_better").search(name) is not None or (
            is_cost_row(ind) and is_money(ind.unit, lex)
        )
        if op in ("≥", ">") and lower and not improving:
            yield self.hit(proj, ind, "message_lower")
        elif (
            op in ("≤", "<")
            and not lower
            and (is_satisfaction_name(ind, lex) or lex.regex("direction.higher_is_better").search(name))
        ):
            yield self.hit(proj, ind, "message_higher")
