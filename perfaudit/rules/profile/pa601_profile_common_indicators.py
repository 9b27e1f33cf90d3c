"""PA601: a project of a known type lacks one of that type's expected 共性指标."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import BEN, COST, OUT, SAT, failing, passing, project
from ._profiles import classify, load_profiles, row_text

SUBSIDY_GOOD = [
    (OUT, "数量指标", "补贴发放人数", "=1200 人"),
    (OUT, "质量指标", "补贴发放准确率", "=100%"),
    (OUT, "时效指标", "补贴发放完成时间", "2024年12月31日前"),
    (COST, "经济成本指标", "人均补贴标准", "=500 元/人"),
    (BEN, "社会效益指标", "困难群众基本生活保障覆盖率", "=100%"),
    (SAT, "服务对象满意度指标", "补贴对象满意度", "≥90%"),
]


class ProfileCommonIndicators(ProjectRule):
    code = "PA601"
    slug = "profile-common-indicators"
    category = "missing_category"
    judges_indicator_set = True
    severity = "warning"
    title_zh = "缺少本类项目的共性指标"
    title_en = "Missing a common indicator of the project's type"
    rationale = (
        "审核人员先判断项目属于哪一类（工资社保、工程建设、对个人或企业的补贴、信息化系统、评审会议培训、日常运转、"
        "设备购置……），再看是否有这一类的共性指标：补贴要有补贴对象数量和补贴标准（否则预算无法核对）；工程要有本年建设"
        "规模或进度和验收合格率；工资要有保障人数和按时发放；就业补贴的效益要衡量就业。类型由项目名称、资金用途"
        "和总体目标中的词判断，类型与共性指标都写在 perfaudit/data/profiles.toml，单位可在配置的 [tool.perfaudit.profiles] "
        "中增改，无需改代码。判断不出类型的项目不检查。阈值 profiles 由配置中的 [tool.perfaudit"
        ".profiles] 自动填入（单位增补的项目类型），无需单独设置。\n"
        "A reviewer first decides what kind of project it is, then looks for that kind's common indicators: a subsidy "
        "needs the number of recipients and the standard, construction needs this year's scale/progress and an acceptance "
        "rate, wages need headcount and on-time payment. Types and their expected indicators are data "
        "(perfaudit/data/profiles.toml), extended in [tool.perfaudit.profiles]. Projects of no"
        " known type are not checked. The profiles threshold is filled from [tool.perfaudit.profiles"
        "] (a bureau's own types)."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标包括产出、效益、满意度指标及其二级指标）、"
        "第十一条「细化量化」「相应匹配」 [U 未核实 unverified]；财预〔2021〕101号《中央部门项"
        "目支出核心绩效目标和指标设置及取值指引"
        "（试行）》附件1 关于按支出类型设置共性指标、附件2 指标表模板 [U 未核实 unverified]"
    )
    thresholds = {"profiles": {}}
    message = (
        "按项目名称、资金用途判断为「{profile.title}」类项目，但没有「{expect.what}」这一共性指标：请补充，"
        "否则无法据此核对预算和产出。"
    )
    message_en = (
        "Classed as '{profile.title_en}' from its name and use, but it has no indicator for "
        "{expect.what_en}: add one."
    )
    examples = (
        passing(
            project(
                "困难群众生活补贴",
                SUBSIDY_GOOD,
                use="向辖区困难群众按月发放生活补贴",
                goal="全年向1200名困难群众按每人每月500元标准发放补贴，发放准确率100%。",
            )
        ),
        passing(
            project(
                "干部教育培训经费",
                [(OUT, "数量指标", "培训人次", "≥200 人次"), (OUT, "成本指标", "人均培训成本", "≤500 元/人")],
            )
        ),
        passing(
            project("社区文化活动经费", [(OUT, "数量指标", "活动场次", "≥20 场")]),
            note="判断不出类型，不检查",
        ),
        failing(
            project(
                "就业援助基地补贴",
                [
                    (OUT, "数量指标", "补贴对象申请审核完成率", "=100%"),
                    (BEN, "社会效益指标", "群众满意度", "≥90%"),
                ],
                use="就业援助基地补贴",
                goal="管理各类下拨费用，实报实销",
            ),
            expect=[None, None, None],
            note="无补贴人数、无补贴标准、效益不衡量就业",
        ),
        failing(
            project(
                "新建社区服务中心工程",
                [(OUT, "数量指标", "规划建筑面积", "≥13459 平方米")],
                use="社区服务中心新建工程",
            ),
            expect=[None],
            note="没有验收合格率",
        ),
    )

    def check(self, proj, ctx):
        prof = classify(proj, load_profiles(ctx.t("profiles")), ctx.lexicons)
        if prof is None:
            return
        rows = [(i, row_text(i)) for i in proj.indicators]
        for exp in prof.expect:
            if any(exp.met_by(i, ctx.lexicons, text) for i, text in rows):
                continue
            yield self.hit(proj, profile=prof, expect=exp)
