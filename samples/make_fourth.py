"""Generate ``fourth-layout.pdf`` from ``source/fourth_layout.json`` (an invented layout).

Run from anywhere: ``python samples/make_fourth.py``.  It reuses the reportlab renderer of
make_samples.py.  The layout is new on purpose: one continuous table holding three projects,
the indicator columns first and each project's own cells to their right, spanning its rows;
operator, value and unit in separate columns.  Every label is a synonym already listed in
perfaudit/data/layouts.toml, so the extractor must read it without any code for it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_samples import Style, Table, TCell, fmt_money, indicator_cells, register_ttf, render_tables_pdf  # noqa: E402

HEADER = [
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "计量单位",
    "权重",
    "专项（项目）名称",
    "年度资金总额",
    "其中：财政拨款",
    "其他资金",
    "当年绩效目标",
]
WIDTHS = [34, 44, 62, 26, 30, 28, 24, 62, 38, 38, 32, 77]


def fourth_table(doc: dict) -> Table:
    cells = [TCell(0, c, lab) for c, lab in enumerate(HEADER)]
    row = 1
    for p in doc["projects"]:
        inds = [
            dict(i, op=i["render"]["op"], val=i["render"]["val"], u=i["render"]["unit"], w=i["weight"])
            for i in p["indicators"]
        ]
        cells += indicator_cells(row, inds, ["level3", "op", "val", "u", "w"])
        n = len(inds)
        mu = p["money_unit"]
        own = [
            f"{p['code']}-{p['name']}",
            fmt_money(p["budget_total"], mu),
            fmt_money(p["budget_fiscal"], mu),
            fmt_money(p["budget_other"], mu),
            p["goal"],
        ]
        for k, text in enumerate(own):
            cells.append(TCell(row, 7 + k, text, rowspan=n, align="left" if k in (0, 4) else "center"))
        row += n
    context = [(doc["title"], "title"), ("单位：万元", "right")]
    return Table(cells, WIDTHS, header_row=0, first_indicator_row=1, context=context, code="fourth")


def main() -> int:
    doc = json.loads((HERE / "source" / "fourth_layout.json").read_text(encoding="utf-8"))
    st = Style(font=register_ttf(), size=7.0, leading=9.0, pad=2.5, title_size=12.0, margin_l=45.0)
    render_tables_pdf(HERE / "fourth-layout.pdf", doc["title"], [fourth_table(doc)], st, modes=[])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
