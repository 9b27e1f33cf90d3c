"""PA501: the goal only restates the project name or a generic phrase."""

from __future__ import annotations

import re

from ..base import ProjectRule
from ..examples import GOOD_ROWS, failing, passing, project
from ..vocab import compact, has_digit

_NUMBERING = re.compile(r"^(\d+[.、．]?)?(目标内容\d*|年度目标\d*|目标\d*)?[:：]?")
_PUNCT = re.compile(r"[\s，,。．.；;：:、“”\"'（）()《》]")


def _core(text: str, strip: list[str]) -> str:
    s = _PUNCT.sub("", compact(text))
    for w in sorted(strip, key=len, reverse=True):
        s = s.replace(w, "")
    return s


class GoalRepeatsName(ProjectRule):
    code = "PA501"
    slug = "goal-repeats-name"
    category = "goal_repeats_name"
    severity = "warning"
    title_zh = "绩效目标只复述项目名称"
    title_en = "Goal only restates the project name"
    rationale = (
        "绩效目标应写明预期的产出、效果和成本控制要求；「跨省通办及省内通办网络建设及设备费」（与项目名称相同）、"
        "「保障工作正常运转」「保障工作顺利开展」等只是复述名称或套话。判断：去掉「保障、推动、经费、费用……」和标点后，"
        "目标与项目名称或资金用途相同、互相包含或相似度不低于 min_similarity；或目标匹配套话词"
        "表（goal.generic_patterns）且不含数字；"
        "或目标不含任何数字且（去掉标点后）短于 min_chars_without_number 个字（如「管理各类下拨费用，实报实销」）。\n"
        "The goal must state expected outputs, effects and cost control; a goal that restates the name or use of funds, "
        "or a stock phrase such as 保障工作正常运转, or a short goal with no number at all, states none."
        "\n只复述项目名称或套话的目标退回（错误）；只是过于笼统的为警告。"
    )
    citation = (
        "财预〔2021〕101号（通知正文）：项目支出绩效目标是「在一定期限内预期达到的产出和效果以及相应的成本控制要求」"
        " [V 引文已核对 verified quote]；财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「指向明确」"
        " [U 未核实 unverified]"
    )
    thresholds = {"min_similarity": 85, "min_chars_without_number": 20}
    message_general = (
        "绩效目标「{goal}」过于笼统，没有数量、时间或效果：请写明年度要完成的产出和达到的效果，如「"
        "年内完成××项（人次），××率达到××%，支出不超过预算」。"
    )
    message_general_en = (
        "The goal is too general (no quantity, time or effect): state the year's outputs and effects."
    )
    message_restates = (
        "绩效目标「{goal}」只是复述项目名称或套话：请写明年度要完成的产出、达到的效果和成本控制要求，如「"
        "年内完成××项，××率达到××%，支出控制在预算内」。"
    )
    message_restates_en = (
        "The goal only restates the project name or a stock phrase: state the year's outputs, effects and "
        "cost limits."
    )
    examples = (
        passing(
            project(
                "村（社区）政务外网安装使用费",
                GOOD_ROWS,
                goal="年内完成38个村（社区）政务外网接入，网络可用率不低于99%，支出控制在19.68万元以内",
            )
        ),
        failing(
            project(
                "村（社区）政务外网安装使用费", GOOD_ROWS, goal="1.目标内容1 保障村（社区）政务外网安装使用"
            ),
            expect=[None],
        ),
        failing(project("运行规范化经费", GOOD_ROWS, goal="保障工作正常运转"), expect=[None]),
        failing(
            project("就业援助基地补贴", GOOD_ROWS, goal="管理各类下拨费用，实报实销"),
            expect=[None],
            note="短且没有任何数字",
        ),
    )

    def check(self, proj, ctx):
        from rapidfuzz import fuzz

        goal = compact(proj.goal)
        if not goal:
            return
        goal = _NUMBERING.sub("", goal)
        lex = ctx.lexicons
        strip = lex.words("goal.strip_words")
        core = _core(goal, strip)
        generic = not has_digit(goal) and any(p.search(goal) for p in lex.patterns("goal.generic_patterns"))
        same = False
        for ref in (proj.name, proj.use):
            rc = _core(ref or "", strip)
            if not rc or not core:
                continue
            if (
                core == rc
                or core in rc
                or (rc in core and len(core) - len(rc) <= 6)
                or fuzz.ratio(core, rc) >= ctx.t("min_similarity")
            ):
                same = True
        if not same and not generic and not core:
            same = True  # nothing left after removing the stock words
        short = not has_digit(goal) and len(_PUNCT.sub("", goal)) < ctx.t("min_chars_without_number")
        if not (same or generic) and short:
            yield self.hit(proj, None, "message_general", goal=compact(proj.goal))
        elif same or generic:
            yield self.hit(proj, None, "message_restates", goal=compact(proj.goal), severity="error")
