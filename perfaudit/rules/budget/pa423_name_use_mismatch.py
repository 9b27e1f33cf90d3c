"""PA423: the project name and the 资金用途 describe different kinds of spending."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import GOOD_ROWS, failing, passing, project
from ..profile._profiles import classify_text, load_profiles
from ..vocab import compact


class NameUseMismatch(ProjectRule):
    code = "PA423"
    slug = "name-use-mismatch"
    category = "irrelevant_indicator"
    severity = "warning"
    title_zh = "项目名称与资金用途不符"
    title_en = "Project name and use of funds disagree"
    rationale = (
        "项目名称和资金用途应说的是同一类支出。名称按 perfaudit/data/profiles.toml 判断为一类（如「平台建设」→信息化），"
        "资金用途判断为另一类（如「劳务派遣人员工资福利」→工资社保）时提出：预算按名称审批，钱却用在别处。"
        "资金用途只是「保障日常事务正常运转」之类套话（词表 goal.generic_patterns）或没有资金"
        "用途栏（如上海式样）时不判断。阈值 profiles 由配置中的 [tool.perfaudit.profiles] 自动"
        "填入（单位增补的项目类型），无需单独设置。\n"
        "The name and the use of funds should describe the same kind of spending (types of profiles.toml). Not decided when "
        "the use is boiler-plate or the layout has no such field. The profiles threshold is filled"
        " from [tool.perfaudit.profiles] (a bureau's own types)."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十七条 相关性审核（绩效目标与部门职能、项目支出内容的相关性）"
        " [U 未核实 unverified]"
    )
    thresholds = {"profiles": {}}
    message = (
        "项目名称「{proj.name}」是{by_name.title}，资金用途「{proj.use}」却是{by_use.title}："
        "请核实资金实际用途，名称、用途和绩效指标应一致。"
    )
    message_en = (
        "The name '{proj.name}' reads as {by_name.title_en}, the use of funds as {by_use.title_en}: name, "
        "use and indicators should agree."
    )
    examples = (
        passing(project("民生热线平台运维经费", GOOD_ROWS, use="支付热线平台软件运维和服务器租用费用")),
        passing(
            project("好差评评价系统及配套设施经费", GOOD_ROWS, use="保障日常事务正常运转"),
            note="资金用途是套话，不判断",
        ),
        failing(
            project(
                "民生热线综合服务平台建设经费", GOOD_ROWS, use="保障民生热线劳务派遣人员工资福利办公经费"
            ),
            expect=[None],
        ),
    )

    def check(self, proj, ctx):
        use = compact(proj.use)
        if not use or not proj.name:
            return
        lex = ctx.lexicons
        if any(p.search(use) for p in lex.patterns("goal.generic_patterns")):
            return
        profiles = load_profiles(ctx.t("profiles"))
        by_name, by_use = classify_text(proj.name, profiles, lex), classify_text(use, profiles, lex)
        if by_name is None or by_use is None or by_name.key == by_use.key:
            return
        if by_use.score_text(proj.name) or by_name.score_text(use):
            return  # the name also says what the use says (or the reverse): one project, two aspects
        yield self.hit(proj, by_name=by_name, by_use=by_use)
