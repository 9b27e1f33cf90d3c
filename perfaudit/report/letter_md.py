"""``--letters DIR --letters-format md``: the 审核意见书 as Markdown (one file per input file)."""

from __future__ import annotations

from ..review.letter import Letter


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def letter_markdown(letter: Letter) -> str:
    out = [f"# {letter.title}", "", letter.to, "", letter.intro, "", f"## {letter.h_verdicts}", ""]
    out.append("| " + " | ".join(letter.table_header) + " |")
    out.append("|" + "---|" * len(letter.table_header))
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in letter.table_rows]
    out += ["", f"## {letter.h_overall}", ""]
    out += [f"{it.number}. {it.text}" + (f"（{it.basis}）" if it.basis else "") for it in letter.overall] or [
        letter.none
    ]
    out += ["", f"## {letter.h_projects}", ""]
    for p in letter.projects:
        out += [f"### {p.heading}", "", p.verdict, ""]
        out += [f"{it.number}. {it.text}" + (f"（{it.basis}）" if it.basis else "") for it in p.items]
        out.append("")
    out += [letter.closing[0], ""] + [f"{line}  " for line in letter.closing[1:]]
    return "\n".join(out).rstrip() + "\n"


def write_letter_md(path, letter: Letter) -> None:
    from pathlib import Path

    Path(path).write_text(letter_markdown(letter), encoding="utf-8")
