"""The target parser on every form the issue and the real tables use (expected values by hand)."""

import pytest

from perfaudit.extract.target import parse_target

CASES = [
    # text, operator, value, unit, kind
    ("≥95 百分比", "≥", 95.0, "百分比", "number"),
    ("≤5 万元", "≤", 5.0, "万元", "number"),
    ("=100.00(%)", "=", 100.0, "%", "number"),
    ("≥13459.00(平方米)", "≥", 13459.0, "平方米", "number"),
    ("不低于80%", "≥", 80.0, "%", "number"),
    ("1 年", None, 1.0, "年", "number"),
    ("2023年8月31日前", "≤", None, None, "deadline"),
    ("12月底前", "≤", None, None, "deadline"),
    ("2023-12-31", "≤", None, None, "deadline"),
    ("合规", None, None, None, "qualitative"),
    ("提升", None, None, None, "qualitative"),
    ("", None, None, None, "empty"),
    ("≥100 按规定时间发放", "≥", 100.0, "按规定时间发放", "number"),
    ("≤7 万", "≤", 7.0, "万", "number"),
    (">6.00(次)", ">", 6.0, "次", "number"),
    ("=5.00(万人次)", "=", 5.0, "万人次", "number"),
    ("开展至少1次团体心理治疗", "≥", 1.0, "次", "number"),
    ("至少1次矫正人员的集中活动", "≥", 1.0, "次", "number"),
    ("党员群众满意度不少于80%", "≥", 80.0, "%", "number"),
    ("满意率100%", None, 100.0, "%", "number"),
    ("90.00(度)", None, 90.0, "度", "number"),
    ("95%以上", "≥", 95.0, "%", "number"),
    ("≥９５ 百分比", "≥", 95.0, "百分比", "number"),  # full-width digits
    ("≥1,200 人次", "≥", 1200.0, "人次", "number"),
    # zero written as a word (Guangzhou 交通运输局), but not 零 inside another word
    ("安全事故发生控制数为零", None, 0.0, None, "number"),
    ("零", None, 0.0, None, "number"),
    ("零起", None, 0.0, "起", "number"),
    ("保持为零。", None, 0.0, None, "number"),
    ("社会消费品零售额增长", None, None, None, "qualitative"),
    ("实现零距离服务", None, None, None, "qualitative"),
    ("每季度1次", None, 1.0, "次/季度", "number"),  # a rate written with 每 (Guangzhou 生态环境局)
    ("每年≥20场", "≥", 20.0, "场", "number"),  # with its operator: the count per year, as transcribed
    ("每季度100%", None, 100.0, "%", "number"),
    ("=打击传统盗抢骗犯罪工作情况进入全省前三项", "=", None, None, "qualitative"),  # Quanzhou 部门整体
]


@pytest.mark.parametrize("text,op,value,unit,kind", CASES, ids=[c[0] or "empty" for c in CASES])
def test_parse_target(text, op, value, unit, kind):
    t = parse_target(text)
    assert (t.operator, t.value, t.unit, t.kind) == (op, value, unit, kind)
    assert t.text == text  # the original text is kept as written
