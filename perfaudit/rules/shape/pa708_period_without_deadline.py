"""PA708: a 时效 target that is a bare period (1 年) with no completion date."""

from __future__ import annotations

import re

from ..base import IndicatorRule
from ..examples import OUT, failing, passing, project
from ..vocab import unit_key

_LIMIT = re.compile(r"内|以内|前|底|末")  # 「3个月内」 is a limit, not a period


class PeriodWithoutDeadline(IndicatorRule):
    code = "PA708"
    slug = "period-without-deadline"
    category = "vague"
    severity = "warning"
    title_zh = "时效指标只写期间、没有完成时限"
    title_en = "Timeliness gives a period, not a deadline"
    rationale = (
        "时效指标要说明什么时候完成（「2022年6月30日前」）或多快完成（「≤3 工作日」）。只写「1 年」「12 个月」"
        "（单位在词表 shape.period_units，且没有 ≤、不是「2020年」这样的年份、没有「内」「前」"
        "）等于说「今年内」，不能据以检查进度。\n"
        "A timeliness row gives a completion date or a time limit (≤3 工作日). A bare '1 年' (units in shape.period_units, "
        "no ≤, not a year such as 2020年, no 内/前) only says 'this year'."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（时效指标反映预期提供公共产品和服务的及时程度和效率情况）"
        " [U 未核实 unverified]"
    )
    thresholds = {}
    message = (
        "时效指标「{ind.shown}」只写了「{ind.target_text}」，没有完成时限：请写明完成日期（如「"
        "2022年6月30日前」）或办理时限（如「≤3 工作日」）。"
    )
    message_en = (
        "Timeliness '{ind.shown}' says only '{ind.target_text}': give a completion date or time limit."
    )
    examples = (
        passing(project("政务外网安装使用费", [(OUT, "时效指标", "外网接入完成时间", "2022年6月30日前")])),
        passing(project("政府采购专家评审费", [(OUT, "时效指标", "评审结果出具时限", "≤3 工作日")])),
        failing(
            project("跨省通办网络建设及设备费", [(OUT, "时效指标", "网络安全建设正式运行时间", "1 年")]),
            expect=["网络安全建设正式运行时间"],
        ),
    )

    def check(self, ind, proj, ctx):
        if not ind.level3 or ind.dim2 != "时效" or ind.kind != "number" or ind.operator in ("≤", "<"):
            return
        if (ind.value or 0) >= 1900 or _LIMIT.search(ind.target or ""):
            return  # 「2020年」 is a year, 「3个月内」 a limit: PA302's
        if unit_key(ind.unit) in ctx.lexicons.words("shape.period_units"):
            yield self.hit(proj, ind)
