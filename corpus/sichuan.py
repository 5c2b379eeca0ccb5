"""Table layouts of the Sichuan 财决公开 family (01–13表).

Each function turns transcribed rows into a :class:`~corpus.render.Table` with the header
band of the printed template; :func:`table_page` draws one table with its title block and 注.
Column widths are chosen so that long names and headers wrap inside their cells the way they
do in the real PDFs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corpus.render import Cell, Document, Table, draw_table, table_left

Rows = Sequence[Sequence[str]]

CODE_HEADER = "支出功能分类科目编码"
FUND_COLUMNS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")


@dataclass(frozen=True)
class TitleBlock:
    """The lines above a table: 单位名称, 年度 and 金额单位."""

    unit_line: str
    year_line: str
    money_unit: str


def split_code(code: str) -> tuple[str, str, str]:
    """Print a function code over 类 | 款 | 项 cells: 2010350 -> ("201", "03", "50")."""
    if len(code) not in (0, 3, 5, 7):
        raise ValueError(f"not a function classification code: {code!r}")
    return code[:3], code[3:5], code[5:7]


def _row_index(rows: Rows, column: int, value: str) -> int:
    for i, row in enumerate(rows):
        if row[column] == value:
            return i
    raise ValueError(f"no row with {value!r} in column {column}")


def _merged_over(text: str, colspan: int = 1, rowspan: int = 1) -> list[Cell | None]:
    """A merged cell followed by the ``None`` markers of the columns it covers."""
    return [Cell(text, colspan, rowspan)] + [None] * (colspan - 1)


def summary_table(rows: Rows) -> Table:
    """财决公开01表 收入支出决算总表: 收入 | 支出 side by side, 行次 and 决算数."""
    header = [
        _merged_over("收入", 3) + _merged_over("支出", 3),
        ["项目", "行次", "决算数", "项目", "行次", "决算数"],
        ["栏次", "", "1", "栏次", "", "2"],
    ]
    return Table(
        widths=[170, 30, 61, 170, 30, 61],
        header=header,
        body=[list(r) for r in rows],
        align="lcrlcr",
        font_size=9,
    )


def income_table(rows: Rows, break_after_code: str) -> Table:
    """财决公开02表 收入决算表, code split over 类/款/项, breaking after ``break_after_code``."""
    amounts = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    header = [
        _merged_over(CODE_HEADER, 3) + [Cell("科目名称", rowspan=2)] + [Cell(a, rowspan=2) for a in amounts],
        ["类", "款", "项"] + [None] * 8,
        ["", "", "", "栏次"] + [str(i) for i in range(1, 8)],
    ]
    body = [[*split_code(code), name, *values] for code, name, *values in rows]
    return Table(
        # 科目名称 holds 13 characters per line and 附属单位上缴收入 four, so both wrap.
        widths=[20, 20, 20, 110, 55, 55, 54, 44, 44, 40, 44],
        header=header,
        body=body,
        align="ccclrrrrrrr",
        font_size=8,
        repeat_header=True,
        break_after=frozenset({_row_index(rows, 0, break_after_code)}),
    )


def expenditure_table(rows: Rows) -> Table:
    """财决公开03表 支出决算表, the full code in one 科目编码 cell."""
    amounts = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    header = [
        [CODE_HEADER, "科目名称", *amounts],
        ["类 款 项", "栏次"] + [str(i) for i in range(1, 7)],
    ]
    return Table(
        widths=[56, 110, 56, 56, 56, 56, 56, 56],
        header=header,
        body=[list(r) for r in rows],
        align="llrrrrrr",
        font_size=8,
    )


def fiscal_summary_table(rows: Rows, break_after_line: str) -> Table:
    """财决公开04表 财政拨款收入支出决算总表; the continuation page has no header."""
    header = [
        _merged_over("收入", 3) + _merged_over("支出", 6),
        ["项目", "行次", "金额", "项目", "行次", "合计", *FUND_COLUMNS],
        ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"],
    ]
    return Table(
        # The three fund columns are four characters wide, so their names wrap to 3 lines.
        widths=[128, 22, 44, 128, 22, 44, 43, 43, 43],
        header=header,
        body=[list(r) for r in rows],
        align="lcrlcrrrr",
        font_size=8,
        repeat_header=False,
        break_after=frozenset({_row_index(rows, 1, break_after_line)}),
    )


def general_budget_table(rows: Rows) -> Table:
    """财决公开06表 一般公共预算财政拨款支出决算表, code split like 02."""
    header = [
        _merged_over(CODE_HEADER, 3) + [Cell(h, rowspan=2) for h in ("科目名称", "小计", "基本支出", "项目支出")],
        ["类", "款", "项"] + [None] * 4,
        ["", "", "", "栏次", "1", "2", "3"],
    ]
    body = [[*split_code(code), name, *values] for code, name, *values in rows]
    return Table(
        widths=[26, 26, 26, 170, 80, 80, 80],
        header=header,
        body=body,
        align="ccclrrr",
        font_size=9,
    )


def state_capital_table() -> Table:
    """财决公开11表 国有资本经营预算财政拨款收入支出决算表 of a unit with no such funds."""
    amounts = ["年初结转和结余", "本年收入", "本年支出", "年末结转和结余"]
    header = [
        _merged_over("项 目", 2) + [Cell(a, rowspan=2) for a in amounts],
        ["科目编码", "科目名称"] + [None] * 4,
    ]
    body = [["类 款 项", "合 计", *_merged_over("本表无数据", 4)]]
    return Table(
        widths=[80, 130, 75, 75, 75, 75],
        header=header,
        body=body,
        align="cccccc",
        font_size=9,
    )


def state_capital_expenditure_table() -> Table:
    """财决公开12表 国有资本经营预算财政拨款支出决算表 of a unit with no such funds."""
    header = [
        _merged_over("项 目", 2) + [Cell("合 计", rowspan=2)] + _merged_over("本年支出", 2),
        ["科目编码", "科目名称", None, "基本支出", "项目支出"],
    ]
    body = [["类 款 项", "合 计", *_merged_over("本表无数据", 3)]]
    return Table(
        widths=[80, 130, 100, 100, 100],
        header=header,
        body=body,
        align="ccccc",
        font_size=9,
    )


def three_public_table(year_line: str) -> Table:
    """财决公开13表 财政拨款“三公”经费支出决算表, header band only, cell for cell as seed 000 prints it.

    Not the template's (预算数, 决算数) pairs: a 预算科目 | 年度 | 决算科目 band over 类 款 项 /
    科目编码 / 科目名称 / 合计 and groups whose sub-columns do not match their captions
    (公务接待费 over 小计 | 公务接待费 | 小计).  No body row: the report prints no figures.
    """
    header = [
        _merged_over("预算科目", 3) + _merged_over(year_line, 6) + _merged_over("决算科目", 5),
        [Cell(h, rowspan=2) for h in ("类 款 项", "科目编码", "科目名称", "合计")]
        + _merged_over("因公出国（境）费", 3)
        + [Cell("公务用车运行维护费", rowspan=2)]
        + _merged_over("公务接待费", 3)
        + _merged_over("其他“三公”经费支出", 3),
        [None] * 4
        + ["小计", "因公出国（境）费", "公务用车运行维护费", None, "小计", "公务接待费"]
        + ["小计", "因公出国（境）费", "公务用车运行维护费", "公务接待费"],
    ]
    return Table(
        # Fourteen columns on a portrait page: at 7.5 pt a cell holds four characters a line.
        widths=[34, 38, 48] + [36.6] * 11,
        header=header,
        body=[],
        align="c" * 14,
        font_size=7.5,
    )


def table_page(
    doc: Document,
    number: str,
    title: str,
    block: TitleBlock | None,
    table: Table,
    notes: Sequence[str],
    *,
    heading: str = "",
    fresh_page: bool = True,
) -> None:
    """Draw one 财决公开 table: heading, number, title, unit line, table and 注.

    By default the table starts a fresh page.  ``heading`` is the report's own line above the
    title (``一、收入支出决算总表``); an empty ``number`` or a ``block`` of ``None`` leaves out the
    numbering or the 单位名称 line, for tables printed without them.
    """
    if fresh_page:
        doc.new_page()
    if heading:
        doc.line(heading, 13, "l", leading=1.9)
    # Number and unit line span exactly the table, like the printed title block.
    x0, width = table_left(doc, table), sum(table.widths)
    if number:
        doc.spread("", "", f"财决公开{number}表", 9, x0, width)
    doc.line(title, 16, "c", leading=1.8)
    if block is not None:
        doc.spread(block.unit_line, block.year_line, block.money_unit, 9, x0, width)
    draw_table(doc, table)
    doc.skip(6)
    for i, note in enumerate(notes):
        # Later note lines line up after "注：", which is two characters wide.
        doc.paragraph(note, 9, indent=0 if i == 0 else 2, leading=1.5, after=0)
