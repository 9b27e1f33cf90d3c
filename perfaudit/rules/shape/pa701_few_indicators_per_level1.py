"""PA701: a 一级 category with fewer indicators than the bureau's minimum."""

from __future__ import annotations

from ..base import ProjectRule
from ..category._missing import has_dim
from ..examples import GOOD_ROWS, OUT, failing, passing, project

_KEYS = {"产出": "min_output", "效益": "min_benefit", "满意度": "min_satisfaction", "成本": "min_cost"}


class FewIndicatorsPerLevel1(ProjectRule):
    code = "PA701"
    slug = "few-indicators-per-level1"
    category = "missing_category"
    judges_indicator_set = True
    severity = "warning"
    title_zh = "一级指标下的指标过少"
    title_en = "Too few indicators under a 一级 category"
    rationale = (
        "每个已填写的一级指标下至少要有若干条三级指标：默认产出 3 条（min_output）、效益 1 条（min_benefit）、"
        "满意度 1 条（min_satisfaction）、一级成本 1 条（min_cost），单位可按本地办法调高（如效益不少于 2 条）。"
        "整个一级缺失由 PA201–PA203 提出；产出缺质量、时效或成本维度时由 PA204 提出，本规则不重复。\n"
        "Each 一级 present needs a minimum number of rows (defaults: 产出 3, 效益 1, 满意度 1, 成本 1), raised by a "
        "bureau as its rules require. Missing categories are PA201–PA204's."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（产出、效益、满意度指标及其二级指标）、第十一条「细化量化」"
        " [U 未核实 unverified]；数量下限为各地办法的规定，请在配置中填写本地依据（local_basis）"
    )
    thresholds = {"min_output": 3, "min_benefit": 1, "min_satisfaction": 1, "min_cost": 1}
    message = "{short}：请补充能反映本项目产出和效果的指标。"
    message_en = "Too few indicators — {short_en}."
    clause_short = "{dim}指标只有 {n} 条（应不少于 {need} 条）"
    clause_short_en = "{dim}: {n} (at least {need})"
    examples = (
        passing(project("干部教育培训经费", GOOD_ROWS)),
        failing(
            project("干部教育培训经费", GOOD_ROWS),
            expect=[None],
            thresholds={"min_benefit": 2},
            note="本地办法要求效益指标不少于 2 条",
        ),
        failing(project("干部教育培训经费", GOOD_ROWS), expect=[None], thresholds={"min_output": 5}),
        passing(
            project("干部教育培训经费", [r for r in GOOD_ROWS if r[0] != OUT or r[1] != "质量指标"]),
            thresholds={"min_output": 5},
            note="缺质量维度由 PA204 提出",
        ),
    )

    def check(self, proj, ctx):
        counts: dict[str, int] = {}
        for ind in proj.indicators:
            if ind.dim1:
                counts[ind.dim1] = counts.get(ind.dim1, 0) + 1
        short = []
        for dim, key in _KEYS.items():
            n, need = counts.get(dim, 0), ctx.t(key)
            if n == 0 or n >= need:
                continue
            if dim == "产出" and not all(has_dim(proj, d) for d in ("数量", "质量", "时效", "成本")):
                continue  # a missing dimension explains it: PA204
            short.append((dim, n, need))
        if short:
            yield self.hit(
                proj,
                short="；".join(self.clause_short.format(dim=d, n=n, need=need) for d, n, need in short),
                short_en="; ".join(
                    self.clause_short_en.format(dim=d, n=n, need=need) for d, n, need in short
                ),
            )
