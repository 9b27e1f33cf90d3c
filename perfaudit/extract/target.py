"""Parse an indicator's target (指标值) into operator, number and unit.

The original text is always kept next to the parsed parts; parsing only adds.

==========================  =========  ========  ==============  ============
text                        operator   value     unit            kind
==========================  =========  ========  ==============  ============
``≥95 百分比``              ``≥``      95        百分比          number
``≤5 万元``                 ``≤``      5         万元            number
``=100.00(%)``              ``=``      100       %               number
``≥13459.00(平方米)``       ``≥``      13459     平方米          number
``不低于80%``               ``≥``      80        %               number
``1 年``                    None       1         年              number
``控制数为零`` / ``零起``    None       0         None / 起       number
``2023年8月31日前``         ``≤``      None      None            deadline
``合规`` / ``提升``         None       None      None            qualitative
``=进入全省前三``           ``=``      None      None            qualitative
(empty)                     None       None      None            empty
==========================  =========  ========  ==============  ============
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import to_halfwidth

KIND_NUMBER = "number"
KIND_DEADLINE = "deadline"
KIND_QUALITATIVE = "qualitative"
KIND_EMPTY = "empty"

#: written operator -> canonical symbol (longest first when matching)
OPERATORS = {
    "大于等于": "≥",
    "大于或等于": "≥",
    "不低于": "≥",
    "不少于": "≥",
    "不小于": "≥",
    "至少": "≥",
    "小于等于": "≤",
    "小于或等于": "≤",
    "不高于": "≤",
    "不多于": "≤",
    "不超过": "≤",
    "不大于": "≤",
    "最多": "≤",
    "以内": "≤",
    "大于": ">",
    "高于": ">",
    "超过": ">",
    "多于": ">",
    "小于": "<",
    "低于": "<",
    "少于": "<",
    "等于": "=",
    "达到": "=",
    ">=": "≥",
    "<=": "≤",
    "≥": "≥",
    "≤": "≤",
    "=": "=",
    ">": ">",
    "<": "<",
}
_OP_ALT = "|".join(sorted((re.escape(k) for k in OPERATORS if k != "以内"), key=len, reverse=True))
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
# a unit: up to 8 non-space chars that are not digits/operators/separators, or a bracketed unit
_UNIT = r"(?:[(（]\s*(?P<bunit>[^()（）]{1,12}?)\s*[)）]|\s?(?P<unit>[^\s\d,，;；。、()（）≥≤=<>]{1,10}))?"
_TARGET = re.compile(rf"(?P<op>{_OP_ALT})?\s*(?P<num>{_NUMBER})\s*{_UNIT}")

_DEADLINE = re.compile(
    r"(\d{4}\s*年\s*)?\d{1,2}\s*月(\s*\d{1,2}\s*日)?\s*(前|之前|以前|底前|底|末|内|止)?"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(前|之前)?"
    r"|年底前|年内|年末前|季度末前|月底前"
)
_DEADLINE_WORDS = ("年底前", "年内", "年末前", "季度末前", "月底前")
_KNOWN_UNITS = sorted(
    "万人次 人次 家次 户次 微克 毫克 平方公里 平方米 立方米 公里 万元 千元 亿元 元 百分比 % 工作日 小时 个月 季度 年 月 天 日 周 "
    "个 次 人 家 份 户 项 场 期 批 台 套 件 辆 篇 米 亩 册 张 条 座 所 吨 班 万".split(),
    key=len,
    reverse=True,
)
#: zero written as a word: the whole target (零, 零起) or its end (控制数为零, 保持为零。); not 零售, 零星 …
_ZERO = re.compile(
    r"(?:^|为|是|等于|控制在|降至|降为|保持)\s*零\s*(?P<unit>起|次|件|例|人|个|项|家)?\s*[。.]?$"
)
_DURATION_UNITS = ("年", "个月", "月", "天", "日", "工作日", "周", "小时", "季度")


@dataclass(frozen=True)
class Target:
    text: str
    operator: str | None
    value: float | None
    unit: str | None
    kind: str


def parse_target(text: str | None) -> Target:
    raw = (text or "").strip()
    if not raw:
        return Target(raw, None, None, None, KIND_EMPTY)
    s = to_halfwidth(raw)
    m = _TARGET.search(s)
    dl = _DEADLINE.search(s)
    if dl and (not m or dl.start() <= m.start()):
        g = dl.group(0)
        if "月" in g or "-" in g or "/" in g or "." in g or g in _DEADLINE_WORDS:
            return Target(raw, "≤", None, None, KIND_DEADLINE)
    if not m:
        z = _ZERO.search(s)
        if z:
            return Target(raw, None, 0.0, z.group("unit"), KIND_NUMBER)
        sym = re.match(r"\s*(>=|<=|[≥≤=><])\s*\S", s)  # =进入全省前三: a printed operator before prose
        return Target(raw, OPERATORS[sym.group(1)] if sym else None, None, None, KIND_QUALITATIVE)
    op_word = m.group("op")
    op = OPERATORS.get(op_word) if op_word else None
    value = float(m.group("num").replace(",", ""))
    unit = (m.group("bunit") or m.group("unit") or "").strip() or None
    before, tail = s[: m.start()].strip(), s[m.end() :]
    if op is None:
        # operator words written around the number: "80%以上", "5万元以内", "不少于 80%"
        if re.match(r"\s*(以上|及以上)", tail) or (unit and re.search(r"(以上|及以上)$", unit)):
            op = "≥"
        elif re.match(r"\s*(以下|及以下|以内)", tail) or (unit and re.search(r"(以下|及以下|以内)$", unit)):
            op = "≤"
        else:
            for word, sym in sorted(OPERATORS.items(), key=lambda kv: -len(kv[0])):
                if before.endswith(word):
                    op = sym
                    break
    if unit:
        unit = re.sub(r"(以上|及以上|以下|及以下|以内)$", "", unit) or None
    glued = m.group("unit") is not None and not s[m.start("unit") - 1].isspace()
    if unit and "/" in unit and all(u in _KNOWN_UNITS for u in unit.split("/", 1)):
        pass  # a rate unit: 人/年, 元/人
    elif unit and (before or (glued and unit not in _KNOWN_UNITS and len(unit) > 2)):
        # a number inside a sentence ("开展至少1次团体心理治疗"): keep only a known unit
        unit = next((u for u in _KNOWN_UNITS if unit.startswith(u)), unit[0])
    per = re.search(r"每\s*(季度|半年|年|月|周|天|日|学期)\s*$", before)
    if unit and per and "/" not in unit and op is None and unit not in ("%", "百分比"):
        unit = f"{unit}/{per.group(1)}"  # 每季度1次: a rate, 次/季度
    return Target(raw, op, value, unit, KIND_NUMBER)


def is_duration_unit(unit: str | None) -> bool:
    return bool(unit) and unit in _DURATION_UNITS


def complete_target(
    text: str | None, operator: str | None = None, value: float | None = None, unit: str | None = None
) -> Target:
    """The parsed parts of a target whose kind is not known yet (a hand-written row, a foreign table).

    Parts given next to the text win where the parser finds no number (a value it cannot read):
    the one place, besides the extractor's own, where a target is parsed."""
    parsed = parse_target(text)
    if parsed.value is None and value is not None and parsed.kind != KIND_DEADLINE:
        return Target(parsed.text, operator or None, float(value), unit or None, KIND_NUMBER)
    return parsed
