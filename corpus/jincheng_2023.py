"""晋城市大数据应用局 2023 年度单位决算公开, transcribed from seed 003_c1fbac8e898f5dfc.txt.

Every figure and text is kept exactly as printed, including the report's own slips, which the
ingestion checks are expected to report (or to accept within rounding) rather than hide:

* 款 21011 行政事业单位医疗 = 13.76 while its 项 2101101 + 2101103 = 9.42 + 4.35 = 13.77
  (rounding, within the bound), in 公开02, 03 and 05.
* 公开06表 类 301 = 257.99 while its 款 add up to 257.98; 309 lines print “——”.
* 公开01表 has a blank line with 行次 30 / 61; 公开10表 skips 行次 16.
* The 目录 and the 职责 section are printed twice.
* 自评表: the 大数据应用平台运维服务费 sheet heads its balance column “预算结转(存)系”; the
  指挥中心 sheet writes “晋晋晋城”; the 提速扩能 sheet prints 执行率 100 for 317.025 / 317.025
  beside a text saying 79.26%; texts clipped by their cells (“未完成预期指标且效果”) stay
  clipped; 需付合同款 and 指挥中心 leave 完成值 and scores blank and total 0 (差).

Only the seed's conversion artefacts are dropped: markdown markers, ``<p>`` tags (a paragraph
break inside a cell becomes a line break) and the shifted cells of merged rows.  A ``None``
一级/二级 指标 continues the merged cell above; the 自评表 columns follow :class:`corpus.shanxi.Sheet`.
Amounts are strings as printed (万元).

What the report prints is in ``corpus/seed_data/jincheng_2023.yaml`` (read by :func:`corpus.seed_data.load`);
this module holds how it is typeset.
"""

from __future__ import annotations

import sys
from pathlib import Path

from corpus import seed_data, shanxi
from corpus.render import Document
from corpus.shanxi import Sheet, TitleBlock

_DATA = seed_data.load("jincheng_2023", Sheet, TitleBlock)
UNIT = _DATA["unit"]
YEAR = _DATA["year"]
COVER_LINES = _DATA["cover_lines"]
BLOCK = _DATA["block"]
FUND_BLOCK = _DATA["fund_block"]
DISCLOSURE_BLOCK = _DATA["disclosure_block"]
CONTENTS = _DATA["contents"]
DUTIES = _DATA["duties"]
PART_TWO = _DATA["part_two"]
TABLE_TITLES = _DATA["table_titles"]
TABLE_NOTES = _DATA["table_notes"]
SUMMARY_ROWS = _DATA["summary_rows"]
INCOME_ROWS = _DATA["income_rows"]
EXPENDITURE_ROWS = _DATA["expenditure_rows"]
FISCAL_SUMMARY_ROWS = _DATA["fiscal_summary_rows"]
GENERAL_BUDGET_ROWS = _DATA["general_budget_rows"]
BASIC_ROWS = _DATA["basic_rows"]
BASIC_STAFF_TOTAL = _DATA["basic_staff_total"]
BASIC_PUBLIC_TOTAL = _DATA["basic_public_total"]
BASIC_BREAK_AFTER = _DATA["basic_break_after"]
DISCLOSURE_SECTIONS = _DATA["disclosure_sections"]
NARRATIVE = _DATA["narrative"]
NOTES = _DATA["notes"]
SHEETS = _DATA["sheets"]


def _tables(doc: Document) -> None:
    """公开01–10表, each on its own page; 01 shares its page with the 第二部分 heading."""
    pages = (
        # 01 breaks after 行次 24 and 04 after 行次 26; neither repeats its header band.
        ("01", shanxi.summary_table(SUMMARY_ROWS, break_after_line="24"), BLOCK),
        ("02", shanxi.income_table(INCOME_ROWS), BLOCK),
        ("03", shanxi.expenditure_table(EXPENDITURE_ROWS), BLOCK),
        ("04", shanxi.fiscal_summary_table(FISCAL_SUMMARY_ROWS, break_after_line="26"), BLOCK),
        ("05", shanxi.general_budget_table(GENERAL_BUDGET_ROWS), BLOCK),
        ("06", shanxi.basic_expenditure_table(BASIC_ROWS, BASIC_STAFF_TOTAL, BASIC_PUBLIC_TOTAL, BASIC_BREAK_AFTER), BLOCK),
        ("07", shanxi.government_fund_table(), FUND_BLOCK),
        ("08", shanxi.state_capital_table(), FUND_BLOCK),
        ("09", shanxi.three_public_table(), BLOCK),
        ("10", shanxi.disclosure_table(DISCLOSURE_SECTIONS), DISCLOSURE_BLOCK),
    )
    for i, (number, table, block) in enumerate(pages):
        shanxi.table_page(doc, number, TABLE_TITLES[number], block, table, TABLE_NOTES[number], fresh_page=i > 0)


def build_jincheng(path: str | Path) -> Path:
    """Typeset the 晋城市大数据应用局 2023 单位决算公开 to ``path`` and return it."""
    path = Path(path)
    doc = Document(str(path), title=f"{UNIT}{YEAR}年度单位决算公开", author=UNIT)
    shanxi.cover(doc, COVER_LINES)
    shanxi.contents(doc, CONTENTS)
    doc.new_page()
    shanxi.narrative(doc, DUTIES)
    shanxi.narrative(doc, PART_TWO)
    _tables(doc)
    # The narrative ends with the 第五部分 附件 heading, which the first sheet shares a page with.
    shanxi.narrative(doc, NARRATIVE)
    for i, sheet in enumerate(SHEETS):
        shanxi.sheet_page(doc, sheet, fresh_page=i > 0)
    doc.close()
    return path


if __name__ == "__main__":
    print(build_jincheng(sys.argv[1]))
