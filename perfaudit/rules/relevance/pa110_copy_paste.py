"""PA110: one indicator set copied onto different projects of a submission."""

from __future__ import annotations

from ..base import FileRule
from ..examples import BEN, OUT, SAT, failing, passing, project
from ._similarity import copied_pairs

_SET = [
    (OUT, "数量指标", "综合事务保障率", "≥95%"),
    (OUT, "质量指标", "网络数据平台建设任务完成情况", "≥95%"),
    (OUT, "时效指标", "网络安全建设正式运行时间", "1 年"),
    (BEN, "可持续影响指标", "网络安全稳定运行", "≥95%"),
    (SAT, "服务对象满意度指标", "活动完成率", "≥95%"),
]


class CopyPasteSubmission(FileRule):
    code = "PA110"
    slug = "copy-paste"
    category = "copy_paste"
    severity = "error"
    title_zh = "指标照搬照抄（同一文件内）"
    title_en = "Indicator set copied across projects"
    rationale = (
        "名称不同的几个项目填了几乎相同的一套三级指标，说明指标是套用模板而不是按项目设置的。"
        "两个项目的指标名称集合（忽略空格和括号）Jaccard 相似度不低于 min_jaccard 且相同指标不少于 min_shared 个、"
        "项目名称相似度低于 max_name_similarity 时，视为照搬；在该组的每个项目上各报一条，写明"
        "与哪些项目（编码+名称）相同、相同几行。"
        "同类项目（如两个工资项目）共用少数指标不算照搬。\n"
        "Projects with different names but (almost) the same indicator names. Reported on each project of the "
        "cluster, naming the other projects and the number of shared rows."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十七条 相关性审核 [U 未核实 unverified]；财"
        "预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「指向明确」 [U 未核实 unverified]"
    )
    thresholds = {"min_jaccard": 0.6, "min_shared": 3, "max_name_similarity": 90}
    message = "本项目的绩效指标与{parts}基本相同，属照搬照抄：请按本项目的资金用途和产出重新设置指标。"
    message_en = (
        "This project's indicators are copied from {parts_en}: set indicators for this project's own outputs."
    )
    examples = (
        passing(
            project("跨省通办网络建设及设备费", _SET, code="P1"),
            project(
                "政府采购评审费",
                [(OUT, "数量指标", "评审项目数", "≥30 个"), (OUT, "质量指标", "评审结果合规率", "=100%")],
                code="P2",
            ),
        ),
        failing(
            project("跨省通办网络建设及设备费", _SET, code="P1"),
            project("行政审批及政府采购等专家评审费", _SET, code="P2"),
            project("企业开办费", _SET[:4], code="P3"),
            expect=[None, None, None],
            note="三个项目共用一套指标，每个项目报一条",
        ),
    )

    def check(self, sub, ctx):
        pairs = copied_pairs(sub.projects, ctx, cross_file=False)
        for proj in sub.projects:
            others = pairs.get(id(proj))
            if not others:
                continue
            yield self.hit(
                proj,
                related=[o.label() for o, _ in others],
                parts="、".join(f"「{o.label()}」（{n} 行相同）" for o, n in others),
                parts_en="; ".join(f"'{o.label()}' ({n} rows)" for o, n in others),
            )
