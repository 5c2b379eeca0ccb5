"""Layouts of the Shanxi 部门决算公开 family: 公开01–10表 and 项目支出绩效自评表.

The Shanxi template prints the full function code in one 科目代码 cell (201, 20105, 2010501),
the 基本支出 table (公开06表) as four side-by-side (科目代码, 科目名称, 决算数) groups under
人员经费 | 公用经费, and a 公开10表 of 政府采购, 机关运行经费 and 车辆 statistics.  Each project
has a ten-column 项目支出绩效自评表 (年初指标值 and 调整后指标值 columns, 年初预算数 split into
目标申报数 / 预算编制数) whose tall merged labels (绩效指标, 项目绩效分析) are printed one
character per line and, being longer than a page allows, are cut by the page break.

Everything builds on the public pieces of :mod:`corpus.render`; the report's text and figures
come from the caller (see :mod:`corpus.jincheng_2023`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from corpus.render import MARGIN_BOTTOM, Cell, Document, Table, draw_table, row_heights, table_left

Rows = Sequence[Sequence[str]]
Spec = list["str | Cell | None"]

BODY_SIZE = 11
NOTE_SIZE = 9


def merged(text: str, colspan: int = 1, rowspan: int = 1, align: str | None = None) -> Spec:
    """A merged cell followed by the ``None`` markers of the columns it covers."""
    return [Cell(text, colspan, rowspan, align)] + [None] * (colspan - 1)


def vertical(text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    """A label printed one character per line, as in a tall narrow merged cell."""
    return Cell("\n".join(text), colspan, rowspan, "c")


def _is_vertical(cell: Cell) -> bool:
    lines = cell.text.split("\n")
    return len(lines) > 1 and all(len(line) <= 1 for line in lines)


# --------------------------------------------------------------------------- 公开01–10表


@dataclass(frozen=True)
class TitleBlock:
    """The lines between a table's title and the table: 部门名称, 年度 and 金额单位."""

    unit_line: str
    year_line: str
    money_unit: str


def _coded_body(rows: Rows) -> list[Spec]:
    """Rows as ``(code, name, *amounts)``; 合计, printed in the code cell, spans code and name."""
    body: list[Spec] = []
    for code, name, *values in rows:
        if code.isdigit():
            body.append([code, name, *values])
        else:
            body.append([*merged(code, 2, align="c"), *values])
    return body


def _coded_header(amounts: Sequence[str]) -> list[Spec]:
    """项目 over 科目代码 | 科目名称, one column per amount, then the 栏次 line."""
    return [
        merged("项目", 2) + [Cell(a, rowspan=2) for a in amounts],
        ["科目代码", "科目名称"] + [None] * len(amounts),
        merged("栏次", 2) + [str(i) for i in range(1, len(amounts) + 1)],
    ]


def _break_after(rows: Rows, column: int, value: str) -> frozenset[int]:
    """The body index of the row whose ``column`` reads ``value`` (where the page breaks)."""
    return frozenset(i for i, row in enumerate(rows) if row[column] == value)


def summary_table(rows: Rows, break_after_line: str) -> Table:
    """公开01表 收入支出决算总表; it runs onto a second page without its header band."""
    header = [
        merged("收入", 3) + merged("支出", 3),
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["栏次", "", "1", "栏次", "", "2"],
    ]
    return Table(
        widths=[160, 28, 73, 160, 28, 74],
        header=header,
        body=[list(r) for r in rows],
        align="lcrlcr",
        font_size=9,
        repeat_header=False,
        break_after=_break_after(rows, 1, break_after_line),
    )


def income_table(rows: Rows) -> Table:
    """公开02表 收入决算表: seven income sources; 附属单位上缴收入 wraps in its cell."""
    amounts = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    return Table(
        widths=[42, 130] + [50] * 7,
        header=_coded_header(amounts),
        body=_coded_body(rows),
        align="llrrrrrrr",
        font_size=8,
    )


def expenditure_table(rows: Rows) -> Table:
    """公开03表 支出决算表; two headers carry the template's own line breaks."""
    amounts = ["本年支出合计", "基本支出", "项目支出", "上缴\n上级\n支出", "经营支出", "对附属单\n位补助\n支出"]
    return Table(
        widths=[42, 130] + [58.5] * 6,
        header=_coded_header(amounts),
        body=_coded_body(rows),
        align="llrrrrrr",
        font_size=8,
    )


def fiscal_summary_table(rows: Rows, break_after_line: str) -> Table:
    """公开04表 财政拨款收入支出决算总表; the balance block continues on a page without header."""
    funds = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    header = [
        merged("收入", 3) + merged("支出", 6),
        ["项目", "行次", "金额", "项目", "行次", "合计", *funds],
        ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"],
    ]
    return Table(
        # The fund columns hold four characters a line, so their names wrap to three lines.
        widths=[118, 24, 50, 118, 24, 50, 46, 46, 47],
        header=header,
        body=[list(r) for r in rows],
        align="lcrlcrrrr",
        font_size=8,
        repeat_header=False,
        break_after=_break_after(rows, 1, break_after_line),
    )


def _spending_header(total: str) -> list[Spec]:
    """项目 | 本年支出 (total, 基本支出, 项目支出), as in 公开05 and 公开08."""
    return [
        merged("项目", 2) + merged("本年支出", 3),
        ["科目代码", "科目名称", total, "基本支出", "项目支出"],
        merged("栏次", 2) + ["1", "2", "3"],
    ]


def general_budget_table(rows: Rows) -> Table:
    """公开05表 一般公共预算财政拨款支出决算表."""
    return Table(
        widths=[60, 190, 91, 91, 91],
        header=_spending_header("小计"),
        body=_coded_body(rows),
        align="llrrr",
        font_size=9,
    )


def basic_expenditure_table(rows: Rows, staff_total: str, public_total: str, break_after_row: int) -> Table:
    """公开06表 基本支出决算明细表: four (科目代码, 科目名称, 决算数) groups side by side.

    The first group is 人员经费, the other three 公用经费; the totals line closes the table.
    The table runs onto a second page without repeating its header.
    """
    header = [
        merged("人员经费", 3) + merged("公用经费", 9),
        ["科目代码", "科目名称", "决算数"] * 4,
    ]
    totals = merged("人员经费合计", 2) + [staff_total] + merged("公用经费合计", 8) + [public_total]
    return Table(
        # Long economic names (对民间非营利组织和群众性自治组织补贴) wrap inside 科目名称.
        widths=[27, 72, 31.75] * 4,
        header=header,
        body=[list(r) for r in rows] + [totals],
        align="llr" * 4,
        font_size=7,
        repeat_header=False,
        break_after=frozenset({break_after_row}),
    )


def government_fund_table() -> Table:
    """公开07表 政府性基金预算财政拨款收入支出决算表 of a unit with no such funds: 合计 only."""
    header = [
        merged("项目", 2)
        + [Cell("年初结转和结余", rowspan=2), Cell("本年收入", rowspan=2)]
        + merged("本年支出", 3)
        + [Cell("年末结转和结余", rowspan=2)],
        ["科目代码", "科目名称", None, None, "小计", "基本支出", "项目支出", None],
        merged("栏次", 2) + [str(i) for i in range(1, 7)],
    ]
    return Table(
        widths=[60, 150, 52, 52, 52, 52, 52, 53],
        header=header,
        body=[merged("合计", 2, align="c") + [""] * 6],
        align="llrrrrrr",
        font_size=9,
    )


def state_capital_table() -> Table:
    """公开08表 国有资本经营预算财政拨款支出决算表 of a unit with no such funds: 合计 only."""
    return Table(
        widths=[60, 190, 91, 91, 91],
        header=_spending_header("合计"),
        body=[merged("合计", 2, align="c") + [""] * 3],
        align="llrrr",
        font_size=9,
    )


def three_public_table() -> Table:
    """公开09表 财政拨款“三公”经费支出决算表, printed as its header band only (本表无数据)."""
    half = [
        [Cell("合计", rowspan=2), Cell("因公出国（境）\n费", rowspan=2)]
        + merged("公务用车购置及运行维护费", 3)
        + [Cell("公务接待费", rowspan=2)],
        [None, None, "小计", "公务用车购\n置费", "公务用车\n运行维护费", None],
    ]
    header = [
        merged("预算数", 6) + merged("决算数", 6),
        half[0] + half[0],
        half[1] + half[1],
        [str(i) for i in range(1, 13)],
    ]
    # Widths keep the template's own breaks: 因公出国（境） | 费, 公务用车购 | 置费, 公务用车 | 运行维护费.
    return Table(widths=[29, 62, 29, 47, 47, 47] * 2, header=header, body=[], align="r" * 12, font_size=8)


def disclosure_table(sections: Sequence[tuple[str, Rows]]) -> Table:
    """公开10表 部门决算公开相关信息统计表: titled sections of (项目, 行次, 统计数) rows.

    Column-label rows (项目 | 行次 | 统计数) are printed inside the sections, as in the report.
    """
    body: list[Spec] = []
    for title, rows in sections:
        body.append(merged(title, 3, align="l"))
        for row in rows:
            is_label = row[0] == "项目"
            body.append([Cell(text, align="c") for text in row] if is_label else list(row))
    return Table(widths=[300, 60, 120], header=[], body=body, align="lcr", font_size=9)


def table_page(
    doc: Document,
    number: str,
    title: str,
    block: TitleBlock,
    table: Table,
    notes: Sequence[str],
    fresh_page: bool = True,
) -> None:
    """One 公开 table: title, number, 部门名称 / 年度 / 金额单位, the table and its notes."""
    if fresh_page:
        doc.new_page()
    # Number and unit line span exactly the table, like the printed title block.
    x0, width = table_left(doc, table), sum(table.widths)
    doc.line(title, 16, "c", leading=1.8)
    doc.spread("", "", f"公开{number}表", 9, x0, width)
    doc.spread(block.unit_line, block.year_line, block.money_unit, 9, x0, width)
    draw_table(doc, table)
    doc.skip(6)
    for note in notes:
        doc.paragraph(note, NOTE_SIZE, indent=0, leading=1.5, after=0.3)


# --------------------------------------------------------------------------- flowing tables


def _placed(rows: Sequence[Spec]) -> list[tuple[int, int, Cell]]:
    """(row, column, cell) for every cell that is not covered by a merged one."""
    return [
        (r, c, Cell(spec) if isinstance(spec, str) else spec)
        for r, row in enumerate(rows)
        for c, spec in enumerate(row)
        if spec is not None
    ]


def _part_text(cell: Cell, heights: Sequence[float], first: int, top: int, bottom: int) -> str:
    """The part of a merged cell's text that shows between rows ``top`` and ``bottom``.

    A vertical label loses the characters that fall on the other page; any other text is
    centred in the merged cell, so it shows only on the page that holds the cell's middle.
    """
    last = first + cell.rowspan
    if (top, bottom) == (first, last):
        return cell.text
    total = sum(heights[first:last])
    before, part = sum(heights[first:top]), sum(heights[top:bottom])
    if _is_vertical(cell):
        chars = cell.text.split("\n")
        lo, hi = (round(len(chars) * h / total) for h in (before, before + part))
        return "\n".join(chars[lo:hi])
    return cell.text if before <= total / 2 < before + part else ""


def _slice(rows: Sequence[Spec], heights: Sequence[float], top: int, bottom: int) -> list[Spec]:
    """Rows ``top``..``bottom`` as a table of their own, merged cells cut at both ends."""
    ncols = len(rows[0])
    grid: list[Spec] = [[None] * ncols for _ in range(bottom - top)]
    for r, c, cell in _placed(rows):
        start, end = max(r, top), min(r + cell.rowspan, bottom)
        if start < end:
            text = _part_text(cell, heights, r, start, end)
            grid[start - top][c] = replace(cell, text=text, rowspan=end - start)
    return grid


def _page_slices(rows: Sequence[Spec], widths: Sequence[float], size: float, first_room: float) -> list[list[Spec]]:
    """Cut ``rows`` into page-sized tables, filling each page as far as it goes."""
    heights = row_heights(widths, rows, size)
    slices: list[list[Spec]] = []
    top, room = 0, first_room
    while top < len(rows):
        bottom = top + 1
        while bottom < len(rows) and sum(row_heights(widths, _slice(rows, heights, top, bottom + 1), size)) <= room:
            bottom += 1
        slices.append(_slice(rows, heights, top, bottom))
        top, room = bottom, Document.full_room()
    return slices


def draw_flowing(doc: Document, widths: Sequence[float], rows: Sequence[Spec], align: str, size: float) -> None:
    """Draw a header-less table whose merged cells may be cut by page breaks.

    :func:`corpus.render.draw_table` keeps a merged cell on one page; the 自评表's labels span
    more rows than a page holds, so here the page break cuts through them as in the printed
    sheets.
    """
    for i, body in enumerate(_page_slices(rows, widths, size, doc.room())):
        if i:
            doc.new_page()
        page = doc.page
        draw_table(doc, Table(widths=widths, header=[], body=body, align=align, font_size=size, repeat_header=False))
        if doc.page != page or doc.y < MARGIN_BOTTOM - 0.01:
            raise RuntimeError("a sheet slice did not fit its page")


# --------------------------------------------------------------------------- 项目支出绩效自评表

# 分值 / 得分 line up under 执行率 / 得分 of the budget block; 偏差原因 is the last column.
SHEET_WIDTHS = (37, 46, 46, 84, 50, 50, 52, 28, 30, 100)
SHEET_ALIGN = "ccclcccccl"
SHEET_SIZE = 7.5

Indicator = tuple["str | None", ...]


@dataclass(frozen=True)
class Sheet:
    """One 项目支出绩效自评表 as printed.

    ``money`` rows are (label, 目标申报数, 预算编制数, 全年预算数, 全年执行数, 结余, 执行率, 得分,
    偏差原因).  ``indicators`` rows are (一级指标, 二级指标, 三级指标, 年初指标值, 调整后指标值,
    实际完成值, 分值, 得分, 偏差原因); a ``None`` 一级 or 二级 continues the merged cell above.
    ``analysis`` rows are (label, text); when ``grouped`` the first four sit under a vertical
    自评结果分析 label.  ``year`` is the “(2023年度)” line, empty when the title carries it.
    """

    title: str
    year: str
    project: str
    department: str
    budget_unit: str
    money: tuple[tuple[str, ...], ...]
    goal: str
    achieved: str
    indicators: tuple[Indicator, ...]
    total: tuple[str, str]
    analysis: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]
    grouped: bool = True
    balance_header: str = "资金结(转)余"


def _identity_rows(sheet: Sheet) -> list[Spec]:
    return [
        merged("项目名称", 2) + merged(sheet.project, 8, align="l"),
        merged("主管部门及代码", 2) + merged(sheet.department, 4, align="l") + ["预算单位"] + merged(sheet.budget_unit, 3, align="l"),
    ]


def _budget_rows(sheet: Sheet) -> list[Spec]:
    """项目资金预算安排及执行进度（万元）: 年初预算数 split in two, then the money rows."""
    heads = ["全年预算数", "全年执行数", sheet.balance_header, "执行率", "得分", "偏差原因分析及改进措施"]
    label = Cell("项目资金预算安排及执行进度(万元)", rowspan=2 + len(sheet.money), align="c")
    rows: list[Spec] = [
        [label, Cell("", rowspan=2), *merged("年初预算数", 2, align="c"), *(Cell(h, rowspan=2, align="c") for h in heads)],
        [None, None, Cell("目标申报数", align="c"), Cell("预算编制数", align="c")] + [None] * 6,
    ]
    rows += [[None, *money] for money in sheet.money]
    return rows


def _goal_rows(sheet: Sheet) -> list[Spec]:
    return [
        [Cell("项目年度绩效目标", rowspan=2, align="c"), *merged("年度目标", 4, align="c"), *merged("实际完成情况", 5, align="c")],
        [None, *merged(sheet.goal, 4, align="l"), *merged(sheet.achieved, 5, align="l")],
    ]


def _run(values: Sequence[str | None], start: int) -> int:
    """How many rows the merged cell starting at ``start`` covers (its ``None`` followers)."""
    end = start + 1
    while end < len(values) and values[end] is None:
        end += 1
    return end - start


def _indicator_rows(sheet: Sheet) -> list[Spec]:
    """The 绩效指标 block: a vertical label, then 一级 / 二级 cells merged over their runs."""
    heads = ["一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    rows: list[Spec] = [[vertical("绩效指标", rowspan=1 + len(sheet.indicators)), *(Cell(h, align="c") for h in heads)]]
    levels = [[ind[k] for ind in sheet.indicators] for k in (0, 1)]
    for i, (level1, level2, *rest) in enumerate(sheet.indicators):
        cells = [Cell(v, rowspan=_run(values, i)) if v is not None else None for v, values in zip((level1, level2), levels, strict=True)]
        rows.append([None, *cells, *rest])
    rows.append(merged("总分", 8, align="c") + list(sheet.total))
    return rows


def _analysis_rows(sheet: Sheet) -> list[Spec]:
    """项目绩效分析: sub-labels and their text; 自评结果分析 groups the first four when printed."""
    rows: list[Spec] = []
    for i, (label, text) in enumerate(sheet.analysis):
        if sheet.grouped and i < 4:
            group = vertical("自评结果分析", rowspan=4) if i == 0 else None
            rows.append([None, group, Cell(label, align="c"), *merged(text, 7, align="l")])
        else:
            rows.append([None, *merged(label, 2, align="c"), *merged(text, 7, align="l")])
    rows[0][0] = vertical("项目绩效分析", rowspan=len(rows))
    return rows


def sheet_rows(sheet: Sheet) -> list[Spec]:
    """The whole sheet as one ten-column grid."""
    return _identity_rows(sheet) + _budget_rows(sheet) + _goal_rows(sheet) + _indicator_rows(sheet) + _analysis_rows(sheet)


def sheet_page(doc: Document, sheet: Sheet, fresh_page: bool = True) -> None:
    """Title, (年度) line, the ruled sheet flowing over pages, and the 备注 lines."""
    if fresh_page:
        doc.new_page()
    doc.line(sheet.title, 14, "c", leading=1.7)
    if sheet.year:
        doc.line(sheet.year, 10, "c", leading=1.8)
    draw_flowing(doc, SHEET_WIDTHS, sheet_rows(sheet), SHEET_ALIGN, SHEET_SIZE)
    doc.skip(4)
    for i, note in enumerate(sheet.notes):
        # Later lines line up under “1.”, after the three-character “备注：”.
        doc.paragraph(note, 8, indent=0 if i == 0 else 3, leading=1.5, after=0)


# --------------------------------------------------------------------------- front matter and text


def cover(doc: Document, lines: Sequence[str]) -> None:
    doc.skip(220)
    for text in lines:
        doc.line(text, 26, "c", leading=2.2)


def contents(doc: Document, entries: Sequence[tuple[str, int, str]]) -> None:
    """目录 as printed: (text, indent level, page number of the original report)."""
    doc.new_page()
    doc.line("目 录", 18, "c", leading=2.2)
    for text, level, page in entries:
        doc.leader_line(text, page, BODY_SIZE, indent=2 * level)


def narrative(doc: Document, items: Sequence[tuple[str, str]]) -> None:
    """Text as (kind, text): part (starts a page), title, section, subsection, text."""
    for kind, text in items:
        if kind == "part":
            doc.new_page()
            doc.line(text, 16, "c", leading=2.4)
        elif kind == "title":
            doc.line(text, 15, "c", leading=1.8)
        elif kind == "section":
            doc.skip(4)
            doc.line(text, 13, "l", leading=1.9)
        elif kind == "subsection":
            doc.line(text, 12, "l", leading=1.8)
        else:
            doc.paragraph(text, BODY_SIZE)
