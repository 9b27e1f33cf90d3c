"""PA011: the 三级指标 cell is blank or holds no indicator name."""

from __future__ import annotations

import re

from ..base import IndicatorRule
from ..examples import OUT, SAT, failing, passing, project
from ..vocab import canon_level1, canon_level2, compact

_NUMBERISH = re.compile(r"^[\d.,%％≥≤=<>＞＜+\-\s]+$")


class BlankIndicatorName(IndicatorRule):
    code = "PA011"
    slug = "blank-indicator-name"
    category = "missing_field"
    severity = "error"
    title_zh = "三级指标名称为空或不是指标"
    title_en = "Third-level indicator name blank or not a name"
    rationale = (
        "三级指标必须是具体的指标名称；空白、只有数字（如「88」「100」）或只重复类别名称（「数量指标」）的行无法考核。\n"
        "The 三级 cell must name a measure; a blank, a bare number or a category label cannot be assessed."
        "\n只写「满意度」「满意率」的行只缺服务对象，作提示（info）。"
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十七条 完整性审核 [U 未核实 unverified]；财"
        "预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标包括产出指标〔数量、质量、时效、成本〕、效益指标"
        "〔经济、社会、生态效益，可持续影响〕和满意度指标） [U 未核实 unverified]"
    )
    message = "三级指标「{name}」不是指标名称：请写明考核对象和计量方式，如「××人次」「××验收合格率」。"
    message_en = (
        "The third-level cell '{name}' is not an indicator name: name what is measured, e.g. 培训人次."
    )
    message_whose = "三级指标「{name}」没有写明是谁的满意度：请写明服务对象，如「××（服务对象）满意度」。"
    message_whose_en = "'{name}' does not say whose satisfaction: name the people served."
    examples = (
        passing(project("干部教育培训经费", [(OUT, "数量指标", "培训人次", "≥200 人次")])),
        failing(
            project(
                "干部教育培训经费",
                [
                    (OUT, "数量指标", "88", "100"),
                    (OUT, "质量指标", "", "≥95%"),
                    (OUT, "时效指标", "时效指标", "2022年12月前"),
                ],
            ),
            expect=["88", "", "时效指标"],
        ),
        failing(
            project(
                "干部教育培训经费",
                [(OUT, "数量指标", "培训人次", "≥200 人次"), (SAT, "服务对象满意度指标", "满意度", "≥90%")],
            ),
            expect=["满意度"],
            note="只写「满意度」：提示写明是谁的满意度（info）",
        ),
    )

    def check(self, ind, proj, ctx):
        name = compact(ind.level3)
        bad = not name or bool(_NUMBERISH.match(name))
        if not bad and (name.endswith("指标") or name in ("产出", "效益", "满意度", "成本")):
            bad = canon_level2(name) is not None or canon_level1(name) is not None
        if name in (
            "满意度",
            "满意率",
        ):  # a bare satisfaction row: the object is missing, the measure is clear
            yield self.hit(proj, ind, "message_whose", name=name, severity="info")
            return
        if bad:
            yield self.hit(proj, ind, name=name or "（空）")
