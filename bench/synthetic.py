"""A seeded synthetic provincial batch: departments' files of projects, with copying between them.

``synthetic_batch(n_projects, seed)`` returns one ``ExtractResult`` per department file
(``per_file`` projects each), shaped as the extractor produces them, so the whole rules
engine runs on it.  Each project draws its indicators from its policy domain (objects ×
measures, most rows naming a town or street of the department's county or a kind of place,
a satisfaction row and a generic row or two); some projects copy the indicator set
of another project instead — of the same department (``same_rate``) or of another department
(``cross_rate``) — sometimes with a row dropped, a row added or a filler word appended
(``…情况``), the way templates travel between bureaus.  Same seed, same batch.
"""

from __future__ import annotations

import random

DOMAINS = {
    "网络安全": ["网络安全", "数据平台", "信息系统", "机房设备", "电子政务网络", "视频会议系统"],
    "政务服务": ["政务服务事项", "跨省通办事项", "窗口服务", "审批事项", "便民热线", "一网通办"],
    "道路交通": ["道路养护", "桥梁检测", "交通信号设施", "停车泊位", "公交站亭", "路灯照明"],
    "生态环境": ["河道保洁", "大气监测站点", "垃圾分类", "绿化养护", "噪声监测", "污水处理设施"],
    "社会保障": ["困难群众救助", "养老服务补贴", "残疾人康复", "就业培训", "社区食堂", "临时救助"],
    "教育卫生": ["校舍维修", "教师培训", "疫苗接种", "健康体检", "家庭医生签约", "学生资助"],
    "公共安全": ["消防设施", "应急物资储备", "安全生产检查", "治安巡逻", "矛盾纠纷调解", "法律援助"],
    "文化体育": ["公共文化活动", "图书馆服务", "全民健身设施", "文物保护", "非遗传承", "文艺演出"],
}
MEASURES = [
    ("数量指标", "完成数量", "≥{n}个"),
    ("质量指标", "合格率", "≥{p}%"),
    ("质量指标", "达标率", "≥{p}%"),
    ("时效指标", "完成及时率", "≥{p}%"),
    ("数量指标", "覆盖率", "≥{p}%"),
    ("质量指标", "正常运行率", "≥{p}%"),
    ("社会效益指标", "受益人数", "≥{n}人"),
    ("可持续影响指标", "长效机制建设", "健全"),
    ("成本指标", "单位成本", "≤{n}万元"),
    ("时效指标", "完成时间", "{m}月底前"),
]
GENERIC = [
    ("质量指标", "资金使用合规率", "=100%"),
    ("时效指标", "资金支付及时率", "≥{p}%"),
    ("社会效益指标", "工作开展情况", "良好"),
]
#: what a row is about, more precisely: most real rows name their own object (老旧小区道路养护覆盖率)
QUALIFIERS = [
    "老旧小区",
    "重点区域",
    "农村",
    "城区",
    "中小学",
    "社区",
    "街道",
    "园区",
    "沿街",
    "辖区",
    "重点人群",
    "企业",
    "窗口",
    "基层",
    "示范点",
    "新建",
    "年度",
    "季度",
    "专项",
    "日常",
]
#: syllables of the place names of each county (a province's counties name their own towns and streets)
SYLLABLES = "青石湖山河桥东西南北新安平和兴华永宁长乐金水云龙凤阳明德丰泰"
PLACE_KINDS = ["街道", "镇", "乡", "片区"]
FILES_PER_COUNTY = 10
SATISFACTION = ["服务对象满意度", "群众满意度", "社会公众满意度"]
KINDS = ["专项经费", "运维费", "建设项目", "补助资金", "购买服务", "设备购置", "工作经费", "提升工程"]
PLACES = ["东城", "西城", "南湖", "北塘", "江东", "河西", "新区", "高新", "临港", "开发区", "山前", "湖滨"]
LEVEL1 = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "成本指标",
    "社会效益指标": "效益指标",
    "可持续影响指标": "效益指标",
}


def _row(rng: random.Random, level2: str, name: str, target: str) -> dict:
    target = target.format(n=rng.randint(2, 500), p=rng.choice([85, 90, 95, 98, 100]), m=rng.randint(3, 12))
    return {"level1": LEVEL1.get(level2, "满意度指标"), "level2": level2, "level3": name, "target": target}


def county_places(county: int) -> list[str]:
    """Six town/street names of one county (same county, same names)."""
    r = random.Random(county)
    return [f"{r.choice(SYLLABLES)}{r.choice(SYLLABLES)}{r.choice(PLACE_KINDS)}" for _ in range(6)]


def _indicators(rng: random.Random, domain: str, places: list[str]) -> list[dict]:
    objects = rng.sample(DOMAINS[domain], 3)
    rows = []
    for obj in objects:
        for level2, measure, target in rng.sample(MEASURES, rng.randint(1, 3)):
            roll = rng.random()
            qualifier = rng.choice(places) if roll < 0.5 else rng.choice(QUALIFIERS) if roll < 0.8 else ""
            rows.append(_row(rng, level2, f"{qualifier}{obj}{measure}", target))
    rows.extend(_row(rng, *g) for g in rng.sample(GENERIC, rng.randint(0, 2)))
    rows.append(_row(rng, "服务对象满意度指标", rng.choice(SATISFACTION), "≥{p}%"))
    return rows


def _copy(rng: random.Random, rows: list[dict]) -> list[dict]:
    """A copied indicator set, as it travels: sometimes a row dropped, added, or renamed with 情况."""
    rows = [dict(r) for r in rows]
    roll = rng.random()
    if roll < 0.2 and len(rows) > 4:
        rows.pop(rng.randrange(len(rows)))
    elif roll < 0.4:
        rows.insert(rng.randrange(len(rows)), _row(rng, *rng.choice(GENERIC)))
    elif roll < 0.6:
        r = rng.choice(rows)
        r["level3"] = r["level3"] + "情况"
    return rows


def synthetic_projects(
    n_projects: int, seed: int = 2026, per_file: int = 50, same_rate: float = 0.04, cross_rate: float = 0.03
) -> list[list[dict]]:
    """Project dicts (extractor JSON shape) grouped by department file."""
    rng = random.Random(seed)
    files: list[list[dict]] = []
    made: list[tuple[int, list[dict]]] = []  # (file number, indicator rows) of every project so far
    for n in range(n_projects):
        f = n // per_file
        if f == len(files):
            files.append([])
        domain = rng.choice(list(DOMAINS))
        roll = rng.random()
        same = [m for m in made[-per_file:] if m[0] == f]
        if roll < same_rate and same:
            rows = _copy(rng, rng.choice(same)[1])
        elif roll < same_rate + cross_rate and made and made[0][0] != f:
            rows = _copy(rng, made[rng.randrange(0, len(made) - len(same))][1])
        else:
            rows = _indicators(rng, domain, county_places(f // FILES_PER_COUNTY))
        made.append((f, rows))
        obj = rng.choice(DOMAINS[domain])
        name = f"{rng.choice(PLACES)}{obj}{rng.choice(KINDS)}（{2024 + n % 3}年第{n % 97 + 1}项）"
        files[f].append(
            {
                "code": f"33{f:04d}{n:06d}",
                "name": name,
                "unit_name": f"某市第{f + 1}部门",
                "budget_total": float(rng.randint(5, 900)),
                "money_unit": "万元",
                "use": f"用于{obj}相关工作",
                "goal": f"完成{obj}年度任务，{obj}{rng.choice(MEASURES)[1]}达到目标值。",
                "pages": [len(files[f]) + 1],
                "indicators": rows,
            }
        )
    return files


def synthetic_batch(n_projects: int, seed: int = 2026, per_file: int = 50, **rates: float) -> list:
    """One ``ExtractResult`` per department file."""
    from perfaudit.extract.serialize import result_from_dict

    out = []
    for f, projects in enumerate(synthetic_projects(n_projects, seed, per_file, **rates)):
        out.append(
            result_from_dict(
                {
                    "file": f"dept-{f + 1:04d}.pdf",
                    "pages": len(projects),
                    "status": "ok",
                    "message": "",
                    "projects": projects,
                }
            )
        )
    return out
