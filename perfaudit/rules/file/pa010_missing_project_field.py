"""PA010: a required project field is empty."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import failing, passing, project

ROWS = [("产出指标", "数量指标", "培训人次", "≥200 人次")]

#: field -> (zh label, en label)
FIELDS = {
    "code": ("项目编码", "project code"),
    "name": ("项目名称", "project name"),
    "budget_total": ("预算数/项目资金总额", "budget total"),
    "use": ("资金用途", "use of funds"),
    "goal": ("绩效目标", "performance goal"),
    "indicators": ("绩效指标", "indicators"),
}


class MissingProjectField(ProjectRule):
    code = "PA010"
    slug = "missing-project-field"
    category = "missing_field"
    severity = "error"
    title_zh = "项目必填信息缺失"
    title_en = "Required project field is empty"
    rationale = (
        "项目名称、预算数、绩效目标和绩效指标是申报表的必填项；各式样另有的必填栏目（如河北式样的项目编码和资金用途）"
        "写在 perfaudit/data/layouts.toml 的式样记录里，没有该栏的式样不检查。缺项的表无法审核。\n"
        "Name, budget, goal and indicators are required; the fields a layout adds (the Hebei layout's 项目编码 "
        "and 资金用途) are listed in its record in perfaudit/data/layouts.toml, and layouts without them are "
        "not checked for them."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十七条 完整性审核（绩效目标申报表的内容是否完整） [U 未"
        "核实 unverified]"
    )
    thresholds = {"required": ["name", "budget_total", "goal", "indicators"]}
    message = "项目未填写{fields}：请补全后再报送，绩效目标应写明年度产出、效果和成本控制要求。"
    message_en = "The project has no {fields_en}: fill them in before submitting."
    examples = (
        passing(project("干部教育培训经费", ROWS)),
        failing(
            project("干部教育培训经费", ROWS, goal=None, use=""), expect=[None], note="绩效目标和资金用途为空"
        ),
        failing(project("干部教育培训经费", []), expect=[None], note="没有任何绩效指标"),
    )

    def check(self, proj, ctx):
        required = list(ctx.t("required")) + list(proj.required)  # the base list and what the layout adds
        missing = []
        for f in FIELDS:
            if f not in required:
                continue
            if f == "indicators":
                empty = not proj.indicators
            else:
                v = getattr(proj, f)
                empty = v is None or (isinstance(v, str) and not v.strip())
            if empty:
                missing.append(f)
        if missing:
            yield self.hit(
                proj,
                fields="、".join(FIELDS[f][0] for f in missing),
                fields_en=", ".join(FIELDS[f][1] for f in missing),
            )
