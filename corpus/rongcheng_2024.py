"""荣成市大数据中心 2024 年度单位决算, transcribed from seed 002_1c3ea833192c9138.txt.

Shandong layout: 公开01–09表 (the report has no 06表 although its 目录 lists one), a
预算项目绩效自评情况汇总表 and four 市级预算项目支出绩效自评表.  Every figure and text is kept
as printed, including the report's own slips, which the ingestion checks should report:

* the 2022 省级“数字山东” sheet prints 执行率 90.60% for 193.6 / 213.6 (= 90.64%), and the
  narrative says 完成预算的90.06%;
* the 2023 sheet prints 完成率 200% for 省级新型数据中心资金成本 (=3.5 against ≤3.5);
* the 2024 全市信息化 sheet scores 20 on an indicator weighted 10 (打造信息核验场景时间);
* 公开08表 and 09表 print 0.00 rows above their note that the table has no data.

What the text conversion added is left out: <p> tags, and line and page breaks inside a
paragraph or inside a table row (rows whose cells the conversion shifted left are put back
under their headings; see :mod:`corpus.shandong` for the sheets' irregular spans).

Amounts are strings as printed (万元); coded rows are ``(科目代码, 科目名称, *amounts)``.

What the report prints is in ``corpus/seed_data/rongcheng_2024.yaml`` (read by :func:`corpus.seed_data.load`);
this module holds how it is typeset.
"""

from __future__ import annotations

import sys
from pathlib import Path

from corpus import seed_data, shandong
from corpus.render import Document
from corpus.shandong import Sheet, SheetLayout

_DATA = seed_data.load("rongcheng_2024", Sheet, SheetLayout, shandong.TitleBlock)
UNIT = _DATA["unit"]
YEAR = _DATA["year"]
REPORT_TITLE = _DATA["report_title"]
BLOCK = _DATA["block"]
CONTENTS = _DATA["contents"]
PROFILE = _DATA["profile"]
EXPLANATION = _DATA["explanation"]
SUMMARY_ROWS = _DATA["summary_rows"]
INCOME_ROWS = _DATA["income_rows"]
EXPENDITURE_ROWS = _DATA["expenditure_rows"]
FISCAL_SUMMARY_ROWS = _DATA["fiscal_summary_rows"]
GENERAL_BUDGET_ROWS = _DATA["general_budget_rows"]
GOVERNMENT_FUND_ROWS = _DATA["government_fund_rows"]
STATE_CAPITAL_ROWS = _DATA["state_capital_rows"]
THREE_PUBLIC_ROW = _DATA["three_public_row"]
TABLE_TITLES = _DATA["table_titles"]
EVALUATION_SUMMARY_TITLE = _DATA["evaluation_summary_title"]
EVALUATION_SUMMARY_HEADER = _DATA["evaluation_summary_header"]
EVALUATION_SUMMARY_ROWS = _DATA["evaluation_summary_rows"]
SHEETS = _DATA["sheets"]

OUTPUT_FILE = "rongcheng_2024_department_final_accounts.pdf"


def _tables(doc: Document) -> None:
    tables = {
        "01": shandong.summary_table(SUMMARY_ROWS),
        "02": shandong.income_table(INCOME_ROWS),
        "03": shandong.expenditure_table(EXPENDITURE_ROWS),
        "04": shandong.fiscal_summary_table(FISCAL_SUMMARY_ROWS, "收 入", "支 出"),
        "05": shandong.general_budget_table(GENERAL_BUDGET_ROWS),
        "07": shandong.government_fund_table(GOVERNMENT_FUND_ROWS),
        "08": shandong.state_capital_table(STATE_CAPITAL_ROWS),
        # The seed wraps the head as 因公出国（境） / 费; the narrow cell wraps it by itself.
        "09": shandong.three_public_table(THREE_PUBLIC_ROW, "因公出国（境）费"),
    }
    for key, table in tables.items():
        number, title, notes = TABLE_TITLES[key]
        # Only 公开08表 prints 金额单位 above the 单位 line.
        shandong.table_page(doc, number, title, BLOCK, table, notes, money_above_unit=key == "08")


def build_rongcheng(path: str | Path) -> Path:
    """Typeset the 荣成市大数据中心 2024 单位决算 to ``path`` and return it."""
    path = Path(path)
    doc = Document(str(path), title=REPORT_TITLE, author=UNIT)
    shandong.cover(doc, REPORT_TITLE)
    shandong.contents(doc, "目 录", CONTENTS)
    shandong.narrative(doc, PROFILE)
    shandong.part_heading(doc, "第二部分", "2024年度单位决算表")
    _tables(doc)
    shandong.narrative(doc, EXPLANATION)
    shandong.part_heading(doc, "第五部分", "附件")
    summary = shandong.evaluation_summary_table(EVALUATION_SUMMARY_HEADER, EVALUATION_SUMMARY_ROWS)
    shandong.evaluation_summary_page(doc, EVALUATION_SUMMARY_TITLE, BLOCK.unit_line, summary)
    for sheet in SHEETS:
        shandong.sheet_page(doc, sheet)
    doc.close()
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0]) if args else Path("examples")
    out_dir.mkdir(parents=True, exist_ok=True)
    print(build_rongcheng(out_dir / OUTPUT_FILE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
