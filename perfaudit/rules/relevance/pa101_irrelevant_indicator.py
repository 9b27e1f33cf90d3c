"""PA101: an indicator about a subject its project shows no sign of."""

from __future__ import annotations

import re

from ..base import IndicatorRule
from ..common import is_satisfaction_name
from ..examples import BEN, OUT, SAT, failing, passing, project
from ..vocab import content_words

_NET_ROWS = [
    (OUT, "数量指标", "政务外网接入村（社区）数", "=38 个"),
    (OUT, "质量指标", "网络数据平台建设任务完成情况", "≥95%"),
    (BEN, "可持续影响指标", "网络安全稳定运行率", "≥99%"),
    (SAT, "服务对象满意度指标", "村（社区）工作人员满意度", "≥90%"),
]


class IrrelevantIndicator(IndicatorRule):
    code = "PA101"
    slug = "irrelevant-indicator"
    category = "irrelevant_indicator"
    severity = "error"
    title_zh = "指标与项目内容无关"
    title_en = "Indicator unrelated to the project"
    rationale = (
        "绩效指标应反映本项目自身的产出和效果。判断方法：指标名称命中某一专业领域词表（网络/信息化、工资社保、专家评审、"
        "市场主体登记、工程建设、生态环境、热线、培训；见 perfaudit/data/lexicons.toml，可在配置中扩充），"
        "而项目名称、资金用途、绩效目标和表题中既没有该领域的任何词，指标的其他实词（jieba 分"
        "词，去掉「工作、保障、运行」等通用词）"
        "也不在项目描述中出现时，判定为无关。例如「网络安全稳定运行」填在专家评审费、企业开办费、个体工商户业务经费上要报出，"
        "而填在「跨省通办网络建设及设备费」「政务外网安装使用费」上则是正常指标。满意度指标不在此检查。\n"
        "An indicator whose name hits a domain lexicon (network, wages, expert review, registration, construction, "
        "environment, hotline, training) is flagged when the project's name, use of funds, goal and title hold no word of "
        "that domain and none of the indicator's other content words (jieba, generic words removed) appear there."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十七条 相关性审核（绩效目标与部门职能、项目支出内容是否相关"
        "） [U 未核实 unverified]；财预〔2021〕101号（通知正文）：绩效目标依据「部门职责和事业发展要求」设定"
        " [V 引文已核对 verified quote]"
    )
    thresholds = {"min_shared_words": 1}
    message = (
        "指标「{ind.shown}」属于{title}领域，而项目「{proj.name}」的名称、资金用途和目标均与{title}无关："
        "请改为反映本项目产出和效果的指标。"
    )
    message_en = (
        "'{ind.shown}' is a {key} indicator but nothing in project '{proj.name}' (name, use of funds, "
        "goal) concerns {key}: use indicators about this project's own outputs and effects."
    )
    examples = (
        passing(
            project("村（社区）政务外网安装使用费", _NET_ROWS, use="保障村（社区）政务外网安装使用"),
            note="网络项目填网络指标，不报",
        ),
        passing(
            project(
                "行政审批服务中心专项补助",
                [(OUT, "质量指标", "工资发放准确率", "=100%")],
                use="保障服务中心人员工资福利等经费",
            ),
            note="工资项目填工资指标，不报",
        ),
        failing(
            project("行政审批及政府采购等专家评审费", _NET_ROWS, use="专家评审费", goal="保障专家评审费用"),
            expect=["政务外网接入村（社区）数", "网络数据平台建设任务完成情况", "网络安全稳定运行率"],
            note="评审费项目照搬网络指标",
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        if not ind.name or is_satisfaction_name(ind, lex):
            return
        domains = lex.memo(_domains_named, ind.name)
        if not domains:
            return
        context = proj.context_text()
        if not context:
            return
        generic = set(lex.words("relevance.generic_words"))
        for key, dom, triggers in domains:
            if any(w in context for w in dom["indicator"]) or any(w in context for w in dom["context"]):
                continue
            others = [
                w
                for w in content_words(ind.name)
                if w not in generic and not any(w in t or t in w for t in triggers)
            ]
            shared = [w for w in others if w in context]
            if len(shared) >= ctx.t("min_shared_words"):
                continue
            yield self.hit(proj, ind, title=dom.get("title", key), key=key)
            return


def _domains_named(name: str, lex) -> tuple[tuple[str, dict, list[str]], ...]:
    """(key, domain, its words in ``name``) of each lexicon domain the indicator name hits, in order."""
    return tuple(
        (key, dom, [w for w in dom["indicator"] if w in name])
        for key, dom, any_word in _domain_patterns(lex)
        if any_word.search(name) is not None
    )


def _domain_patterns(lex) -> tuple[tuple[str, dict, re.Pattern[str]], ...]:
    """(key, domain, a pattern of its indicator words) of each domain, made once per lexicons."""
    made = lex.table("PA101.domains")
    if not made:
        made["all"] = tuple(
            (key, dom, re.compile("|".join(map(re.escape, dom["indicator"])) or r"(?!x)x"))
            for key, dom in lex.domains().items()
        )
    return made["all"]
