"""PA706: one project bundling many unrelated functions."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import GOOD_ROWS, failing, passing, project
from ..vocab import compact

_BUNDLE_GOAL = (
    "开展禁毒宣传和法治宣传教育，完成人大工作委员会职能，推进文明创建和志愿服务，做好统战工作，"
    "举办寒托班和暑托班，完成征兵和民兵整组，开展民防演练，做好营商和在地统计，推进区域化党建。"
)


class BundledProject(ProjectRule):
    code = "PA706"
    slug = "bundled-project"
    category = "vague"
    severity = "warning"
    title_zh = "一个项目捆绑多项无关职能"
    title_en = "One project bundles unrelated functions"
    rationale = (
        "一个项目应对应一项明确的工作。名称、资金用途、目标和指标中出现 max_functions（默认 6）类以上互不相关的职能"
        "（禁毒、法治、人大、征兵、统计、党建……，词表 shape.functions，每项一组同义词）时提出：这样的「各类工作经费」"
        "无法设定有针对性的指标，也无法评价，应按职能拆分成项目。\n"
        "A project should fund one piece of work. More than max_functions (6) unrelated functions (lexicon shape.functions) "
        "named in one project mean it should be split."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「指向明确」（绩效目标要与部门职能、项目支出内容相符，"
        "并与相应的预算支出内容、范围、方向、效果等紧密相关） [U 未核实 unverified]"
    )
    thresholds = {"max_functions": 6}
    message = "本项目涉及 {n} 类互不相关的工作（{found}）：请按职能拆分成若干项目，分别设定目标和指标。"
    message_en = "The project covers {n} unrelated functions ({found_en}): split it."
    examples = (
        passing(project("干部教育培训经费", GOOD_ROWS)),
        failing(project("各类工作经费", GOOD_ROWS, goal=_BUNDLE_GOAL), expect=[None]),
    )

    def check(self, proj, ctx):
        text = compact(
            " ".join(x for x in (proj.name, proj.use, proj.goal, *(i.level3 for i in proj.indicators)) if x)
        )
        found = []
        for group in ctx.lexicons.patterns("shape.functions"):
            m = group.search(text)
            if m:
                found.append(m.group(0))
        if len(found) > ctx.t("max_functions"):
            yield self.hit(proj, n=len(found), found="、".join(found), found_en=", ".join(found))
