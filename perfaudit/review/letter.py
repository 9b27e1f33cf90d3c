"""The content of one 审核意见书 (per file / department), shared by the .docx and .md writers.

Heading, addressee, introduction, the verdict table, 总体意见, then per project its code,
name, verdict and numbered 意见, each with its basis by document number where the rule
catalogue marks one as verified; the reviewer's name and the date are left to fill in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from .. import i18n
from .model import FileReview, Opinion


@dataclass
class LetterItem:
    number: str
    text: str
    basis: str = ""  # "依据：财预〔2021〕101号" or ""


@dataclass
class LetterProject:
    heading: str  # "（一）13030322P00408910001D 跨省通办及省内通办网络建设及设备费"
    verdict: str  # "审核结论：退回修改"
    items: list[LetterItem] = field(default_factory=list)


@dataclass
class Letter:
    file: str
    title: str
    to: str
    intro: str
    h_verdicts: str
    table_header: list[str]
    table_rows: list[list[str]]
    h_overall: str
    overall: list[LetterItem]
    h_projects: str
    projects: list[LetterProject]
    closing: list[str]  # closing request, reviewer line, date line, seal
    none: str = "无。"  # written where a section has no item


CN_NUMBERS = "一二三四五六七八九十"


def cn_ordinal(n: int) -> str:
    """1 -> 一, 12 -> 十二, 25 -> 二十五 (enough for the projects of one file)."""
    if n <= 10:
        return CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_NUMBERS[tens - 1]
    return head + "十" + (CN_NUMBERS[ones - 1] if ones else "")


def _item(o: Opinion, number: str, lang: str) -> LetterItem:
    basis = i18n.t("review.basis", lang, docs="、".join(o.basis)) if o.basis else ""
    return LetterItem(number, o.message(lang), basis)


def letter_of(fr: FileReview, lang: str = "zh") -> Letter:
    lang = i18n.norm_lang(lang)
    en = lang == "en"
    title = i18n.t("letter.title_year", lang, year=fr.year) if fr.year else i18n.t("letter.title", lang)
    unit = "、".join(fr.unit_names) if fr.unit_names else PurePath(fr.file).stem
    c = fr.counts()
    summary = i18n.t("letter.summary", lang, r=c["return"], m=c["revise"], p=c["pass"])
    summary = i18n.t("letter.file_verdict", lang, verdict=i18n.label("verdict", fr.verdict, lang)) + (
        ("; " if en else "，") + summary if fr.projects else "")  # fmt: skip
    rows = [[str(p.index), p.code or "", p.name or "", i18n.label("verdict", p.verdict, lang), str(len(p.opinions))]
            for p in fr.projects]  # fmt: skip
    projects = []
    for p in fr.projects:
        ordinal = f"({p.index})" if en else f"（{cn_ordinal(p.index)}）"
        items = [_item(o, str(o.number), lang) for o in p.opinions]
        projects.append(LetterProject(f"{ordinal}{' ' if en else ''}{' '.join(x for x in (p.code, p.name) if x)}",
                                      i18n.t("letter.project_verdict", lang, verdict=i18n.label("verdict", p.verdict, lang)),
                                      items))  # fmt: skip
    return Letter(
        file=fr.file,
        title=title,
        to=i18n.t("letter.to", lang, unit=unit),
        intro=i18n.t("letter.intro", lang, file=PurePath(fr.file).name, n=len(fr.projects), summary=summary)
        + (i18n.t("letter.local_basis", lang, docs="；".join(fr.local_basis)) if fr.local_basis else ""),
        h_verdicts=i18n.t("letter.h_verdicts", lang),
        table_header=[i18n.t("review.col.no", lang), i18n.t("letter.col.code", lang), i18n.t("letter.col.name", lang),
                      i18n.t("letter.col.verdict", lang), i18n.t("letter.col.n", lang)],
        table_rows=rows,
        h_overall=i18n.t("letter.h_overall", lang),
        overall=[_item(o, str(n), lang) for n, o in enumerate(fr.overall, 1)],
        h_projects=i18n.t("letter.h_projects", lang),
        projects=projects,
        closing=[i18n.t("letter.closing", lang), i18n.t("letter.reviewer", lang), i18n.t("letter.date", lang),
                 i18n.t("letter.seal", lang)],
        none=i18n.t("letter.none", lang),
    )  # fmt: skip


def letter_filename(file: str, suffix: str, lang: str = "zh", taken: set[str] | None = None) -> str:
    """``seed-cid-审核意见书.docx``; a number is added when two inputs share a name."""
    stem = PurePath(file).stem
    base = f"{stem}-{'review' if i18n.norm_lang(lang) == 'en' else '审核意见书'}"
    name, n = f"{base}.{suffix}", 2
    while taken is not None and name in taken:
        name, n = f"{base}-{n}.{suffix}", n + 1
    if taken is not None:
        taken.add(name)
    return name
