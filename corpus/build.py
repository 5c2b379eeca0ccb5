"""Build the corpus PDFs: ``python -m corpus.build OUT_DIR``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from corpus import leshan_2024 as data
from corpus import sichuan
from corpus.leshan_2024_sheets import draw_leshan_sheets
from corpus.render import Document

LESHAN_FILE = "leshan_2024_unit_final_accounts.pdf"

BODY_SIZE = 11


def _cover(doc: Document) -> None:
    doc.skip(200)
    for text in data.COVER_LINES:
        doc.line(text, 30, "c", leading=2.2)


def _contents(doc: Document) -> None:
    doc.new_page()
    doc.line("目 录", 18, "c", leading=2.0)
    doc.line(data.PUBLISHED, BODY_SIZE, "c", leading=2.2)
    for text, level, page in data.CONTENTS:
        doc.leader_line(text, page, BODY_SIZE, indent=2 * level)


def _narrative(doc: Document) -> None:
    for kind, text in data.NARRATIVE:
        if kind == "part":
            # Each 部分 starts a page, as in the printed report.
            doc.new_page()
            doc.line(text, 16, "c", leading=2.4)
        elif kind == "section":
            doc.skip(4)
            doc.line(text, 13, "l", leading=1.9)
        elif kind == "subsection":
            doc.line(text, BODY_SIZE, "l", leading=1.8)
        elif kind == "figure":
            # The chart itself is not in the seed; its caption is.
            doc.line(text, 10, "c", leading=2.2)
        else:
            doc.paragraph(text, BODY_SIZE)


def _tables(doc: Document) -> None:
    """第五部分 附表: each table on its own page under the report's heading (一、… 十三、…)."""
    block = sichuan.TitleBlock(data.UNIT_LINE, data.YEAR_LINE, data.MONEY_UNIT)
    pages = [
        ("01", "收入支出决算总表", block, sichuan.summary_table(data.SUMMARY_ROWS)),
        # Forced break after the 208 block; the continuation page repeats the header band.
        ("02", "收入决算表", block, sichuan.income_table(data.INCOME_ROWS, break_after_code="2089999")),
        ("03", "支出决算表", block, sichuan.expenditure_table(data.EXPENDITURE_ROWS)),
        # Break after 行次 26: the balance block continues on a page without header.
        (
            "04",
            "财政拨款收入支出决算总表",
            block,
            sichuan.fiscal_summary_table(data.FISCAL_SUMMARY_ROWS, break_after_line="26"),
        ),
        ("06", "一般公共预算财政拨款支出决算表", block, sichuan.general_budget_table(data.GENERAL_BUDGET_ROWS)),
        # 07 is printed as the header band of 06 without any row and without 注.
        ("07", "一般公共预算财政拨款支出决算明细表", block, sichuan.general_budget_table(())),
        ("11", "国有资本经营预算财政拨款收入支出决算表", block, sichuan.state_capital_table()),
        ("12", "国有资本经营预算财政拨款支出决算表", block, sichuan.state_capital_expenditure_table()),
        # 13 has neither numbering nor 单位名称 line; its 2024年度 sits in the header band.
        ("13", "财政拨款“三公”经费支出决算表", None, sichuan.three_public_table(data.YEAR_LINE)),
    ]
    doc.new_page()
    doc.line(data.SCHEDULE_PART, 16, "c", leading=2.4)
    for i, (number, title, title_block, table) in enumerate(pages):
        sichuan.table_page(
            doc,
            number if title_block else "",
            title,
            title_block,
            table,
            data.NOTES[number],
            heading=data.SCHEDULE_HEADINGS[number],
            fresh_page=i > 0,
        )


def build_leshan(path: str | Path) -> Path:
    """Typeset the 乐山市大数据中心 2024 单位决算 to ``path`` and return it."""
    path = Path(path)
    doc = Document(str(path), title=f"{data.YEAR} 年度{data.UNIT}单位决算", author=data.UNIT)
    _cover(doc)
    _contents(doc)
    _narrative(doc)
    draw_leshan_sheets(doc)  # 第四部分 附件: the 14 绩效自评表, before the 附表 as in the report
    _tables(doc)
    doc.close()
    return path


def example_builders() -> dict[str, Callable[[Path], Path]]:
    """File name in examples/ -> the function that typesets it (one per seed report)."""
    from corpus.jincheng_2023 import build_jincheng
    from corpus.rongcheng_2024 import build_rongcheng
    from corpus.sichuan_province_2023 import build_sichuan_province
    from corpus.wuhan_2024 import build_wuhan

    return {
        LESHAN_FILE: build_leshan,
        "rongcheng_2024_department_final_accounts.pdf": build_rongcheng,
        "jincheng_2023_department_final_accounts.pdf": build_jincheng,
        "wuhan_2024_department_final_accounts.pdf": build_wuhan,
        "sichuan_province_2023_unit_final_accounts.pdf": build_sichuan_province,
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m corpus.build OUT_DIR", file=sys.stderr)
        return 2
    out_dir = Path(args[0])
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, build in example_builders().items():
        print(build(out_dir / name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
