"""The five real Shanghai tables (万里街道 2023, pp.31–35) through the extractor and the rules.

Every finding below was checked by hand against the PDF as a reviewer would mark it:
* 新建社区公共服务中心: 完工及时率 = 「及时率」, 居民满意度 = 「满意度」, 完善…建设 = 「完善率」 set
  no value (PA013); 预算内经费 = 「合规」 is no cost (PA301); no 时效 row (PA204).
* 就业援助基地补贴: 申请审核完成率 is a rate under 数量 (PA217); goal 「管理各类下拨费用，实报实销」
  states no output (PA501); no 时效/成本 (PA204).
* 社区环境整治: satisfaction under 社会效益 (PA210); satisfaction targets of 50% (PA313).
* 各类工作经费: 提升/有效/增强/扩大 targets (PA321), slogan names (PA320), targets repeating the
  name (PA013), 90.00(度) (PA304), 满意率100% (PA314, info).
* 公共服务设施运行经费: 当年财政拨款 11,419,043 > 财政资金 10,903,043 (PA402), a text 数量 (PA305),
  居民参与率 ≥100% (PA312), 「维修响应速度快」 (PA321); 「加强工作人员队伍建设 = 是」 and
  「完善人大代表“家站点”建设 = 达标」 carry graded values and are not flagged.
No description/basis columns in this layout, so PA502/PA503 stay silent.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from perfaudit.engine import run_rules

PDF = Path(__file__).resolve().parents[1] / "samples" / "real" / "sh-putuo-wanli-street-2023-dept-budget.pdf"

EXPECTED = {
    "新建万里街道社区公共服务中心": {
        None: {"PA204", "PA422", "PA510", "PA601", "PA702"},
        "完工及时率": {"PA013", "PA705"},
        "预算内经费": {"PA301"},
        "完善社区基础设施建设": {"PA013", "PA320"},
        "居民满意度": {"PA013"},
        "规划建筑面积": {"PA513"},  # issue 11
    },
    "就业援助基地补贴": {
        None: {"PA204", "PA501", "PA510", "PA601"},
        "补贴对象申请审核完成率": {"PA217"},
    },
    "社区环境整治和建设经费": {
        None: {"PA204", "PA510", "PA511"},
        "社区居民满意度、幸福感": {"PA210", "PA313"},
        "市容环境满意度": {"PA313"},
    },
    "各类工作经费": {
        None: {"PA204", "PA510", "PA511", "PA702", "PA706"},
        "15个居民区全覆盖": {"PA013"},
        "做好禁毒示范城区标准化建设": {"PA013", "PA320"},
        "心理健康教育活动有效": {"PA321"},
        "法治宣传活动丰富有实效": {"PA321"},
        "夯实思想政治基础": {"PA320", "PA321"},
        "扩大禁毒宣传教育覆盖面": {"PA321"},
        "社区服刑人员融入社会": {"PA321"},
        "社区法治氛围增强": {"PA321"},
        "居民依法、理性参与公众事务的能力增强": {"PA321"},
        "提升住宅小区业委会规范化": {"PA320", "PA321"},
        "助力社区发展": {"PA320", "PA321"},
        "宣传工作覆盖面不断扩大": {"PA013"},
        "政治觉悟及参与范围": {"PA321"},
        '"提升居民、驻区单位质量及节能环保意识提升驻区企业，依法统计意识优化营商环境"': {"PA321"},
        "促进经济发展": {"PA320", "PA321"},
        "干部人事工作平稳有序": {"PA013"},
        "协调推动区域化党建工作的稳定有序发展": {"PA321"},
        "全面提升社区党员党性修养，提升书记综合素质，牢固树立全心全意为民服务意识": {"PA321"},
        "提升社区居民满意度": {"PA321"},
        "特殊人员及群体满意": {"PA304"},
        "家长及学生满意比例": {"PA314"},
        "提高居民、驻区企业满意度": {"PA321"},
        "提升经济服务满意度": {"PA321"},
        "开展特殊对象心理健康教育": {"PA704"},  # issue 11
        "开展社区服刑人员团队训练": {"PA704"},  # issue 11
        "寒托班、暑托班开设班级数": {"PA704"},  # issue 11
        "中心全年活动人次": {"PA705"},  # issue 11
        "寒托班、暑托班完成班级数": {"PA704", "PA705"},  # issue 11
    },
    "公共服务设施运行经费": {
        None: {"PA204", "PA402", "PA510", "PA511", "PA702"},
        "环境卫生及保安服务": {"PA305"},
        "居民参与率": {"PA312"},
        "维修处理及时率": {"PA321", "PA705"},
    },
}


@pytest.fixture(scope="module")
def findings(wanli_result):
    result = wanli_result  # extracted once per session (conftest.py)
    assert result.status == "ok" and len(result.projects) == 5
    return run_rules([result])


def test_exact_findings(findings):
    got = defaultdict(lambda: defaultdict(set))
    for f in findings:
        got[f.project_name][f.level3].add(f.rule)
    assert {k: dict(v) for k, v in got.items()} == EXPECTED


def test_appropriation_message(findings):
    f = next(f for f in findings if f.rule == "PA402")
    assert (
        f.message
        == "当年财政拨款 11,419,043.00元 大于财政资金 10,903,043.00元：当年财政拨款是其中的一部分，请核对金额。"
    )
    assert (f.page, f.project_id, f.unit_name) == (35, "5", "上海市普陀区人民政府万里街道办事处")


def test_no_description_rules_without_columns(findings):
    assert not [f for f in findings if f.rule in ("PA502", "PA503")]
