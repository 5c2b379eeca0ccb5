"""武汉经济技术开发区（汉南区）大数据中心 2024 年度部门决算, transcribed from seed 001_9c5bcdef2538c72d.txt.

Run ``python -m corpus.wuhan_2024 OUT.pdf`` (or call :func:`build_wuhan`) to typeset it.

Every figure and text is kept as printed, including the report's own mistakes, which the
ingestion checks are expected to report rather than hide:

* 公开09表 prints a 预算数 of 2.00 (合计 and 公务接待费) while the note under it says the
  department had no 三公 spending; both are printed.
* 公开03表 prints its figures with spaces inside (``2, 156. 82``), unlike the other tables.
* 公开06表: 人员经费 items sum to 490.17 against a printed 合计 of 490.18; the codes of 30199 and of
  the 303 block are printed with a space (``303 01``) and 30199 is cut by the page break
  (``301`` | ``99``).
* The narrative says 完成年初预算的100% for 2080505 (35.51 budgeted, 39.79 spent) and 2210201
  (42.01 / 44.91); 一般公共服务 2015.55 is ``占 93.5%``; the 政府性基金 paragraph gives a 减少 and
  then its ``增加主要原因``.
* The 整体 sheet has ``三公经费”变动率`` with one quote; the 网络运行与维护 sheet swaps 一级 and
  二级 (时效指标 | 网络运行与维护, 数量指标 | 产出指标) and reports 设计方案, 经验标准 or 工作要求
  as 实际完成值; the 信息数据服务 sheet reports 1692 核 against ≥1700 核 with no deviation.
* Names differ between places: 网上群众工作服务 (title) vs 网上群众工作部服务中心 (项目名称);
  ``2024年信息数据服务项目项目绩效自评表`` doubles 项目; 名词解释 (八) ends in ``金額``.

What the seed text could not carry is rendered as the original showed it: the wrapped header
cells and the vertical 年度绩效指标 / 年度绩效目标 labels, and the page breaks the seed marks
with a blank line inside a table (01 after 行次 24, 04 inside 行次 28, 06 inside the 30199 row,
the 重点工作 table, four of the five sheets), with the cells they cut printed in two pieces.
Amounts are strings as printed (万元); blank means the cell is empty.

What the report prints is in ``corpus/seed_data/wuhan_2024.yaml`` (read by :func:`corpus.seed_data.load`);
this module holds how it is typeset.
"""

from __future__ import annotations

import sys
from pathlib import Path

from corpus import hubei, seed_data
from corpus.hubei import DeptSheet, ProjectSheet, SheetHead
from corpus.render import Document, draw_table

_DATA = seed_data.load("wuhan_2024", DeptSheet, ProjectSheet, SheetHead, hubei.TitleBlock)
UNIT = _DATA["unit"]
YEAR = _DATA["year"]
COVER_LINES = _DATA["cover_lines"]
PUBLISHED = _DATA["published"]
BLOCK = _DATA["block"]
CONTENTS = _DATA["contents"]
PART_TWO = _DATA["part_two"]
PART_SIX = _DATA["part_six"]
PROFILE = _DATA["profile"]
EXPLANATION = _DATA["explanation"]
KEY_WORK = _DATA["key_work"]
GLOSSARY = _DATA["glossary"]
NOTES = _DATA["notes"]
STATEMENTS = _DATA["statements"]
SUMMARY_ROWS = _DATA["summary_rows"]
SUMMARY_PAGE_END = _DATA["summary_page_end"]
INCOME_ROWS = _DATA["income_rows"]
EXPENDITURE_ROWS = _DATA["expenditure_rows"]
FISCAL_SUMMARY_ROWS = _DATA["fiscal_summary_rows"]
FISCAL_SUMMARY_PAGE_END = _DATA["fiscal_summary_page_end"]
GENERAL_BUDGET_ROWS = _DATA["general_budget_rows"]
BASIC_ROWS = _DATA["basic_rows"]
BASIC_TOTAL = _DATA["basic_total"]
BASIC_PAGE_END = _DATA["basic_page_end"]
GOVERNMENT_FUND_ROWS = _DATA["government_fund_rows"]
STATE_CAPITAL_ROWS = _DATA["state_capital_rows"]
THREE_PUBLIC_ROW = _DATA["three_public_row"]
KEY_WORK_TABLE = _DATA["key_work_table"]
KEY_WORK_PAGE_ENDS = _DATA["key_work_page_ends"]
DEPT_HEAD = _DATA["dept_head"]
DEPT_NOTES = _DATA["dept_notes"]
DEPT_SHEET = _DATA["dept_sheet"]
PROJECT_SHEETS = _DATA["project_sheets"]

OUTPUT = Path(__file__).resolve().parent.parent / "examples" / "wuhan_2024_department_final_accounts.pdf"


# --------------------------------------------------------------------------- build


def _tables(doc: Document) -> None:
    """第二部分: the part title shares the page of 公开01表; every other table starts a page."""
    doc.new_page()
    doc.line(PART_TWO, hubei.PART_SIZE, "c", leading=2.2)
    pages = (
        ("01", "收入支出决算总表", hubei.summary_table(SUMMARY_ROWS, SUMMARY_PAGE_END), True),
        ("02", "收入决算表", hubei.income_table(INCOME_ROWS), False),
        ("03", "支出决算表", hubei.expenditure_table(EXPENDITURE_ROWS), False),
        ("04", "财政拨款收入支出决算总表", hubei.fiscal_summary_table(FISCAL_SUMMARY_ROWS, FISCAL_SUMMARY_PAGE_END), False),
        ("05", "一般公共预算财政拨款支出决算表", hubei.general_budget_table(GENERAL_BUDGET_ROWS), False),
        (
            "06",
            "一般公共预算财政拨款基本支出决算明细表",
            hubei.basic_expenditure_table(BASIC_ROWS, BASIC_TOTAL, BASIC_PAGE_END),
            True,
        ),
        ("07", "政府性基金预算财政拨款收入支出决算表", hubei.government_fund_table(GOVERNMENT_FUND_ROWS), False),
        ("08", "国有资本经营预算财政拨款支出决算表", hubei.state_capital_table(STATE_CAPITAL_ROWS), False),
        ("09", "财政拨款“三公”经费支出决算表", hubei.three_public_table(THREE_PUBLIC_ROW), False),
    )
    for number, title, table, unit_first in pages:
        hubei.table_page(
            doc,
            f"公开 {number} 表",
            f"{YEAR} 年度{title}",
            BLOCK,
            table,
            NOTES[number],
            STATEMENTS.get(number, ()),
            unit_first=unit_first,
            new_page=number != "01",
        )


def _key_work(doc: Document) -> None:
    hubei.narrative(doc, KEY_WORK)
    doc.skip(4)
    draw_table(doc, hubei.key_work_table(KEY_WORK_TABLE, KEY_WORK_PAGE_ENDS))


def _attachments(doc: Document) -> None:
    """第六部分: the 整体 sheet, then the four 项目 sheets flowing on from it."""
    doc.new_page()
    doc.line(PART_SIX, hubei.PART_SIZE, "c", leading=2.2)
    hubei.sheet_page(doc, DEPT_HEAD, hubei.dept_sheet_table(DEPT_SHEET), DEPT_NOTES)
    for head, sheet, new_page in PROJECT_SHEETS:
        hubei.sheet_page(doc, head, hubei.project_sheet_table(sheet), new_page=new_page)


def build_wuhan(path: str | Path = OUTPUT) -> Path:
    """Typeset the 武汉经开区（汉南区）大数据中心 2024 部门决算 to ``path`` and return it."""
    path = Path(path)
    doc = Document(str(path), title=f"{YEAR} 年度{UNIT}部门决算公开", author=UNIT)
    hubei.cover(doc, COVER_LINES, PUBLISHED)
    hubei.contents(doc, CONTENTS)
    hubei.narrative(doc, PROFILE)
    _tables(doc)
    hubei.narrative(doc, EXPLANATION)
    _key_work(doc)
    hubei.narrative(doc, GLOSSARY)
    _attachments(doc)
    doc.close()
    return path


if __name__ == "__main__":
    print(build_wuhan(*sys.argv[1:2]))
