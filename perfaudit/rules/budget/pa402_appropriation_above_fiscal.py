"""PA402: 当年财政拨款 above 财政资金."""

from __future__ import annotations

import re

from ..base import ProjectRule
from ..examples import GOOD_ROWS, failing, passing, project
from .pa401_budget_sum import fmt


def _money(text) -> float | None:
    if text is None:
        return None
    s = re.sub(r"[,，\s]", "", str(text))
    m = re.search(r"-?\d+(?:\.\d+)?", s)
    return float(m.group(0)) if m else None


class AppropriationAboveFiscal(ProjectRule):
    code = "PA402"
    slug = "appropriation-above-fiscal"
    category = "budget_arithmetic"
    severity = "error"
    title_zh = "当年财政拨款大于财政资金"
    title_en = "Current-year appropriation above fiscal funds"
    rationale = (
        "上海式样的表在年度资金申请总额下列「其中：当年财政拨款」，它是财政资金的一部分，不能大于财政资金（也不能大于年度资金申请总额）。"
        "读取 extra 中标签含「当年财政拨款」「年度资金申请总额」的字段。\n"
        "当年财政拨款 is part of the fiscal funds and cannot exceed them (nor the annual request)."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十七条 完整性审核（资金来源、金额填报是否完整准确） [U "
        "未核实 unverified]"
    )
    thresholds = {"tolerance": 0.01}
    message = "当年财政拨款 {approp}{u} 大于{limit_name} {limit}{u}：当年财政拨款是其中的一部分，请核对金额。"
    message_en = "Current-year appropriation {approp} exceeds the {limit_name_en} {limit}: check the amounts."
    examples = (
        passing(
            project(
                "公共服务设施运行经费",
                GOOD_ROWS,
                money_unit="元",
                budget_total=10903043.0,
                budget_fiscal=10903043.0,
                budget_other=0.0,
                layout="shanghai",
                extra={"其中：当年财政拨款": "10,903,043.00"},
            )
        ),
        failing(
            project(
                "公共服务设施运行经费",
                GOOD_ROWS,
                money_unit="元",
                budget_total=10903043.0,
                budget_fiscal=10903043.0,
                budget_other=0.0,
                layout="shanghai",
                extra={"其中：当年财政拨款": "11,419,043.00"},
            ),
            expect=[None],
        ),
    )

    def check(self, proj, ctx):
        approp = request = None
        for k, v in proj.extra.items():
            key = re.sub(r"\s", "", str(k))
            if "当年财政拨款" in key:
                approp = _money(v)
            elif "年度资金申请总额" in key:
                request = _money(v)
        if approp is None:
            return
        limits = [
            (x, zh, en)
            for x, zh, en in (
                (proj.budget_fiscal, "财政资金", "fiscal funds"),
                (request, "年度资金申请总额", "annual request"),
            )
            if x is not None
        ]
        for limit, zh, en in limits:
            if approp > limit + ctx.t("tolerance"):
                yield self.hit(
                    proj,
                    approp=fmt(approp),
                    limit=fmt(limit),
                    limit_name=zh,
                    limit_name_en=en,
                    u=proj.money_unit or "",
                )
                return
