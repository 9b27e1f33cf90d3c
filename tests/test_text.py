import pytest

from perfaudit.extract.text import clean_cell, label_key, label_unit, parse_money


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("工资发放精\n准性", "工资发放精准性"),  # CJK wrap joined without a space
        ("13030322P0040891000\n1D", "13030322P00408910001D"),  # a wrapped code is one token again
        ("≥100 百分\n比", "≥100 百分比"),  # the space between number and unit is content
        ("工资保险发放 (缴纳) 标 准", "工资保险发放(缴纳)标准"),  # spurious spaces between CJK removed
        ("≥９５ 百分比", "≥95 百分比"),  # full-width digits
        ("项目\n绩效\n目标", "项目绩效目标"),
        ("Network\nsecurity", "Network security"),
        ("“好差评”专业评价系统", "“好差评”专业评价系统"),  # Chinese quotes kept
        (None, ""),
    ],
)
def test_clean_cell(raw, expected):
    assert clean_cell(raw) == expected


def test_labels_and_money():
    assert label_key("其中：财政 资金") == "其中财政资金"
    assert label_key("项目资金（元）") == "项目资金"
    assert label_unit("项目资金（元）") == "元"
    assert label_unit("预算数(万元)") == "万元"
    assert parse_money("4,100,000.00") == 4100000.0
    assert parse_money("19.68") == 19.68
    assert parse_money("") is None
    assert parse_money("见附件") is None
