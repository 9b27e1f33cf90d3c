"""PA111: one indicator set copied across files of a batch."""

from __future__ import annotations

from ..base import BatchRule
from ..examples import OUT, SAT, failing, file, passing, project
from ._similarity import copied_pairs

_SET = [
    (OUT, "数量指标", "综合事务保障率", "≥95%"),
    (OUT, "质量指标", "网络数据平台建设任务完成情况", "≥95%"),
    (OUT, "时效指标", "网络安全建设正式运行时间", "1 年"),
    (SAT, "服务对象满意度指标", "活动完成率", "≥95%"),
]


class CopyPasteBatch(BatchRule):
    code = "PA111"
    slug = "copy-paste-batch"
    category = "copy_paste"
    severity = "warning"
    title_zh = "指标照搬照抄（不同文件之间）"
    title_en = "Indicator set copied across submissions"
    rationale = (
        "各部门之间也会互相抄：一次审核的不同文件中，名称不同的项目填了几乎相同的指标集合（判断标准同 PA110）。"
        "在每个涉及的项目上各报一条，写明对方文件和项目。名称相同的项目（同一项目在两个文件中）不比较。\n"
        "Departments copy from each other too: the PA110 test across files of one run; projects with the same "
        "name in two files are not compared."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十七条 相关性审核 [U 未核实 unverified]；财"
        "预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「指向明确」 [U 未核实 unverified]"
    )
    thresholds = {"min_jaccard": 0.6, "min_shared": 3, "max_name_similarity": 90}
    message = "本项目的绩效指标与{parts}基本相同，疑为跨部门照搬：请按本项目实际重新设置指标。"
    message_en = "This project's indicators match {parts_en}: likely copied across submissions."
    examples = (
        passing(
            file(project("民生热线平台运维费", _SET), name="a.pdf"),
            file(project("民生热线平台运维费", _SET), name="b.pdf"),
            note="同名项目不比较",
        ),
        failing(
            file(project("跨省通办网络建设及设备费", _SET, code="A1"), name="a.pdf"),
            file(project("个体工商户登记经费", _SET, code="B7"), name="b.pdf"),
            expect=[None, None],
        ),
    )

    def check(self, subs, ctx):
        projects = [p for s in subs for p in s.projects]
        pairs = copied_pairs(projects, ctx, cross_file=True)
        for proj in projects:
            others = pairs.get(id(proj))
            if not others:
                continue
            parts, parts_en = _by_file(others)
            yield self.hit(
                proj, related=[f"{o.file}: {o.label()}" for o, _ in others], parts=parts, parts_en=parts_en
            )


def _by_file(others, shown: int = 3) -> tuple[str, str]:
    """Group the matching projects by file; name at most ``shown`` per file (all are in ``related``)."""
    files: dict[str, list] = {}
    for o, n in others:
        files.setdefault(o.file, []).append((o, n))
    zh, en = [], []
    for f, items in files.items():
        names = "、".join(f"「{o.label()}」（{n} 行相同）" for o, n in items[:shown])
        more = f"等 {len(items)} 个项目" if len(items) > shown else ""
        zh.append(f"{f} 中的{names}{more}")
        names_en = "; ".join(f"'{o.label()}' ({n} rows)" for o, n in items[:shown])
        en.append(f"{names_en}{f' and {len(items) - shown} more' if len(items) > shown else ''} in {f}")
    return "；".join(zh), " | ".join(en)
