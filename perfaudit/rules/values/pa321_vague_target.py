"""PA321: a qualitative target with no grade or number."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_cost_row, is_graded, is_rate_name, target_missing, target_repeats_name
from ..examples import BEN, OUT, failing, passing, project
from ..vocab import compact


class VagueTarget(IndicatorRule):
    code = "PA321"
    slug = "vague-target"
    category = "vague"
    severity = "warning"
    title_zh = "指标值空泛（提升/有效/增强）"
    title_en = "Vague target (提升/有效/增强) without a grade or number"
    rationale = (
        "「提升」「有效」「增强」「扩大」「合规」「维修响应速度快」这类指标值没有数值也没有等级，年底无法判断是否完成。"
        "定性指标应使用可判断的等级：达到预期目标/部分达到预期目标/未达到预期目标，或优良中低差、是/否；"
        "比率类名称（…率）必须写数值。成本行（PA301）、数量行（PA305）和只重复名称的指标值（PA013）不重复报。\n"
        "Targets such as 提升/有效/增强 carry neither a number nor a grade; use a number or the platform grades "
        "(达到预期目标 …, 优良中低差, 是/否)."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「细化量化」（定性指标采用分级分档形式表述） [U 未"
        "核实 unverified]"
    )
    message = (
        "指标「{ind.shown}」的指标值「{target}」没有数值或等级，无法考核：请写具体数值（如「≥ X%」）"
        "或等级（达到预期目标/优良中低差）。"
    )
    message_en = (
        "'{ind.shown}' = '{target}' has no number or grade: give a value (≥ X%) or a grade (达到预期目标)."
    )
    examples = (
        passing(
            project(
                "社区法治宣传经费",
                [
                    (BEN, "社会效益指标", "居民法治意识", "达到预期目标"),
                    (BEN, "可持续影响指标", "长效机制建立", "是"),
                ],
            )
        ),
        failing(
            project(
                "社区法治宣传经费",
                [
                    (BEN, "社会效益指标", "社区法治氛围增强", "增强"),
                    (BEN, "社会效益指标", "促进经济发展", "有效"),
                    (OUT, "质量指标", "维修处理及时率", "维修响应速度快"),
                ],
            ),
            expect=["社区法治氛围增强", "促进经济发展", "维修处理及时率"],
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        if ind.kind != "qualitative" or target_missing(ind) or is_cost_row(ind) or ind.dim2 == "数量":
            return
        if target_repeats_name(ind, lex) or is_graded(ind.target, lex):
            return
        t = compact(ind.target)
        vague = any(w in t for w in lex.words("vague.target_words"))
        if vague or is_rate_name(ind.name, lex):
            yield self.hit(proj, ind, target=t)
