"""PA424: the same purpose funded in two projects (or two units) of one batch."""

from __future__ import annotations

from itertools import combinations

from ..base import BatchRule
from ..examples import GOOD_ROWS, failing, file, passing, project
from ..profile._profiles import classify, load_profiles
from ..vocab import content_words


def _objects(proj, prof, lex) -> set[str]:
    """Distinctive words of the name: not generic, not the type's own words (评审, 补贴 …)."""
    generic = set(lex.words("relevance.generic_words")) | set(lex.words("shape.purpose_stop_words"))
    own = set(prof.match) | set(prof.common)
    return {w for w in content_words(proj.name or "") if w not in generic and not any(m in w for m in own)}


def _same_department(a, b, n: int) -> bool:
    """Unit codes sharing their first n digits (and, across files, unit names their first four
    characters); without codes, one file and one unit name."""
    if a.unit_code and b.unit_code:
        if a.unit_code[:n] != b.unit_code[:n]:
            return False
        return a.file == b.file or bool(a.unit_name and b.unit_name and a.unit_name[:4] == b.unit_name[:4])
    return a.file == b.file and (a.unit_name == b.unit_name or not a.unit_name or not b.unit_name)


def _candidates(typed: list, n: int):
    """The pairs of ``typed`` (in the order of ``combinations``) that can be of one department and
    one type: same type and same file, or same type, unit-code prefix and unit-name start.  The
    other pairs fail ``_same_department``; a provincial batch no longer compares them all."""
    blocks: dict[tuple, list[int]] = {}
    for i, (proj, prof, _) in enumerate(typed):
        blocks.setdefault((prof.key, "file", proj.file), []).append(i)
        if proj.unit_code and proj.unit_name:
            blocks.setdefault((prof.key, proj.unit_code[:n], proj.unit_name[:4]), []).append(i)
    pairs = {pair for members in blocks.values() for pair in combinations(members, 2)}
    return [(typed[i], typed[j]) for i, j in sorted(pairs)]


class SamePurposeTwice(BatchRule):
    code = "PA424"
    slug = "same-purpose-twice"
    category = (
        "budget_arithmetic"  # not copy_paste: the copy-paste clusters (notebook, PA110) are indicator sets
    )
    severity = "warning"
    title_zh = "同一用途在两个项目中重复安排"
    title_en = "The same purpose funded twice"
    rationale = (
        "同一批次中两个项目（同一文件内；或不同文件中单位编码前 unit_prefix 位相同、单位名称前"
        " 4 个字也相同，即同一部门的两个单位）属于同一类型"
        "（profiles.toml），名称里又有相同的具体对象（不算词表 shape.purpose_stop_words 中的「"
        "专项」「维护」之类）（如两个单位都列「政府采购」专家评审费），可能是同一笔支出安排了"
        "两次，"
        "请核实分工。阈值 profiles 由配置中的 [tool.perfaudit.profiles] 自动填入（单位增补的项目类型），无需单独设置。\n"
        "Two projects of one department (same file, or unit codes sharing the first unit_prefix"
        " digits and unit names their first four characters) of the same type "
        "whose names share a specific object may fund the same cost twice. The profiles threshold"
        " is filled from [tool.perfaudit.profiles] (a bureau's own types)."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十七条 适当性审核（资金规模与绩效目标是否匹配）"
        " [U 未核实 unverified]"
    )
    thresholds = {"profiles": {}, "unit_prefix": 3}
    message = (
        "本项目与{who}同为{profile.title}，名称都有「{shared}」：可能是同一笔支出安排了两次，"
        "请核实两个项目的分工，避免重复申请。"
    )
    message_en = (
        "This project and '{other.name}' are both {profile.title_en} for {shared_en}: the same cost may be "
        "budgeted twice."
    )
    examples = (
        passing(
            project("政府采购专家评审费", GOOD_ROWS, code="A1", unit_code="630001"),
            project("行政审批事项专家评审费", GOOD_ROWS, code="A2", unit_code="630003"),
        ),
        failing(
            file(
                project(
                    "行政审批及政府采购等专家评审费",
                    GOOD_ROWS,
                    code="A1",
                    unit_code="630001",
                    budget_total=7.0,
                ),
                project("政府采购评审费", GOOD_ROWS, code="A2", unit_code="630003", budget_total=4.0),
            ),
            expect=[None],
        ),
    )

    def check(self, subs, ctx):
        lex, profiles = ctx.lexicons, load_profiles(ctx.t("profiles"))
        n = ctx.t("unit_prefix")
        typed = []
        for sub in subs:
            for proj in sub.projects:
                prof = classify(proj, profiles, lex)
                if prof is not None:
                    typed.append((proj, prof, _objects(proj, prof, lex)))
        for (a, pa, oa), (b, pb, ob) in _candidates(typed, n):
            same_dept = _same_department(a, b, n)
            shared = sorted(oa & ob)
            if pa.key != pb.key or not same_dept or not shared or a.label() == b.label():
                continue
            who = f"{b.unit_name or ''}「{b.name}」" if b.unit_name != a.unit_name else f"「{b.name}」"
            yield self.hit(
                a,
                related=[a.label(), b.label()],
                who=who,
                other=b,
                profile=pa,
                shared="、".join(shared),
                shared_en=", ".join(shared),
            )
