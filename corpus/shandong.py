"""Layouts of the Shandong 单位决算 family: 公开01–09表, 绩效自评情况汇总表 and 自评表.

The Shandong template prints the function code in one 科目代码 cell (201, 20103, 2010350),
puts the table number (公开01表) under the title and the 单位 / 金额单位 line above the table.
The 市级预算项目支出绩效自评表 is a nine-column ruled sheet whose first column is narrow:
its tall labels (年度总体目标, 年度绩效指标) are printed one character per line.

Everything here builds on the public pieces of :mod:`corpus.render`; the report's text and
figures come from the caller (see :mod:`corpus.rongcheng_2024`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from corpus.render import PAD_X, Cell, Document, Table, draw_table, table_left, wrap

Rows = Sequence[Sequence[str]]
Spec = list["str | Cell | None"]

BODY_SIZE = 11
NOTE_SIZE = 9
CHART_HEIGHT = 150.0
CAPTION_SIZE = 10
CAPTION_LEADING = 2.0

FUND_COLUMNS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")

# ASCII runs (10, B/A) stay on one line when a label is set one character per line.
VERTICAL_UNIT = re.compile(r"[A-Za-z0-9.%/]+|.")


def vertical(text: str) -> str:
    """Text printed one character per line, as in the tall narrow label cells."""
    return "\n".join(VERTICAL_UNIT.findall(text))


# A line must not end with an opening bracket or quote either (render.wrap only keeps closing
# punctuation off a line start), so 满意度指标（10分） breaks before the bracket, as typeset.
NO_LINE_END = set("（(“‘《「『")


def wrap_kinsoku(text: str, size: float, width: float) -> list[str]:
    """:func:`corpus.render.wrap`, moving an opening bracket at a line end down to the next line."""
    lines: list[str] = []
    for hard_line in text.split("\n"):
        rest = hard_line
        while True:
            first, *more = wrap(rest, size, width)
            if not more:
                lines.append(first)
                break
            if len(first) > 1 and first[-1] in NO_LINE_END:
                first = first[:-1]
            lines.append(first)
            # Each wrapped line is a prefix of the text, less the spaces at the break.
            rest = rest[len(first) :].lstrip()
    return lines


def settle_wraps(table: Table) -> Table:
    """Fix every cell's line breaks with :func:`wrap_kinsoku`, as explicit newlines."""

    def settle(rows: Sequence[Sequence[str | Cell | None]]) -> list[Spec]:
        out: list[Spec] = []
        for row in rows:
            new_row: Spec = []
            for c, spec in enumerate(row):
                if spec is None:
                    new_row.append(None)
                    continue
                cell = Cell(spec) if isinstance(spec, str) else spec
                width = sum(table.widths[c : c + cell.colspan]) - 2 * PAD_X
                new_row.append(replace(cell, text="\n".join(wrap_kinsoku(cell.text, table.font_size, width))))
            out.append(new_row)
        return out

    return replace(table, header=settle(table.header), body=settle(table.body))


def merged(text: str, colspan: int = 1, rowspan: int = 1, align: str | None = None) -> Spec:
    """A merged cell followed by the ``None`` markers of the columns it covers."""
    return [Cell(text, colspan, rowspan, align)] + [None] * (colspan - 1)


# --------------------------------------------------------------------------- 公开01–09表


@dataclass(frozen=True)
class TitleBlock:
    """The 单位 and 金额单位 lines printed between the table number and the table."""

    unit_line: str
    money_unit: str


def _coded_body(rows: Rows) -> list[Spec]:
    """Rows as ``(code, name, *amounts)``; a total printed in the code cell spans both cells."""
    body: list[Spec] = []
    for code, name, *values in rows:
        if code and not code.isdigit() and not name:
            body.append([*merged(code, 2, align="c"), *values])
        else:
            body.append([code, name, *values])
    return body


def _code_header(amounts: Sequence[str]) -> list[Spec]:
    """项目 over 科目代码 | 科目名称, amounts two rows tall, then the 栏次 line."""
    return [
        merged("项目", 2) + [Cell(a, rowspan=2) for a in amounts],
        ["科目代码", "科目名称"] + [None] * len(amounts),
        merged("栏次", 2) + [str(i) for i in range(1, len(amounts) + 1)],
    ]


def summary_table(rows: Rows) -> Table:
    """公开01表 收入支出决算总表: 收入 | 支出 side by side with 行次 and 金额."""
    header = [
        merged("收入", 3) + merged("支出", 3),
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["栏次", "", "1", "栏次", "", "2"],
    ]
    return Table(widths=[170, 30, 61, 170, 30, 61], header=header, body=[list(r) for r in rows], align="lcrlcr", font_size=9)


def income_table(rows: Rows) -> Table:
    """公开02表 收入决算表; 附属单位上缴收入 and 本年收入合计 wrap in their narrow heads."""
    amounts = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    return Table(
        widths=[46, 133] + [49] * 7,
        header=_code_header(amounts),
        body=_coded_body(rows),
        align="llrrrrrrr",
        font_size=8,
    )


def expenditure_table(rows: Rows) -> Table:
    """公开03表 支出决算表."""
    amounts = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    return Table(
        widths=[46, 133] + [57] * 6,
        header=_code_header(amounts),
        body=_coded_body(rows),
        align="llrrrrrr",
        font_size=8,
    )


def fiscal_summary_table(rows: Rows, income_head: str, expenditure_head: str) -> Table:
    """公开04表 财政拨款收入支出决算总表; the fund names wrap over three lines."""
    header = [
        merged(income_head, 3) + merged(expenditure_head, 6),
        ["项目", "行次", "金额", "项目", "行次", "合计", *FUND_COLUMNS],
        ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"],
    ]
    return Table(
        widths=[120, 24, 50, 120, 24, 50, 45, 45, 45],
        header=header,
        body=[list(r) for r in rows],
        align="lcrlcrrrr",
        font_size=8,
    )


def _spending_header(total: str) -> list[Spec]:
    """项目 | 本年支出 (小计 or 合计, 基本支出, 项目支出), as in 公开05表 and 08表."""
    return [
        merged("项目", 2) + merged("本年支出", 3),
        ["科目代码", "科目名称", total, "基本支出", "项目支出"],
        merged("栏次", 2) + ["1", "2", "3"],
    ]


def general_budget_table(rows: Rows) -> Table:
    """公开05表 一般公共预算财政拨款支出决算表."""
    return Table(widths=[60, 183, 93, 93, 93], header=_spending_header("小计"), body=_coded_body(rows), align="llrrr", font_size=8)


def government_fund_table(rows: Rows) -> Table:
    """公开07表 政府性基金预算财政拨款收入支出决算表: 本年支出 split in three."""
    header = [
        merged("项目", 2)
        + [Cell("年初结转和结余", rowspan=2), Cell("本年收入", rowspan=2)]
        + merged("本年支出", 3)
        + [Cell("年末结转和结余", rowspan=2)],
        ["科目代码", "科目名称", None, None, "小计", "基本支出", "项目支出", None],
        merged("栏次", 2) + [str(i) for i in range(1, 7)],
    ]
    return Table(widths=[50, 153] + [53] * 6, header=header, body=_coded_body(rows), align="llrrrrrr", font_size=8)


def state_capital_table(rows: Rows) -> Table:
    """公开08表 国有资本经营预算财政拨款支出决算表 (printed with its 0.00 合计 row)."""
    return Table(widths=[60, 183, 93, 93, 93], header=_spending_header("合计"), body=_coded_body(rows), align="llrrr", font_size=8)


def three_public_table(values: Sequence[str], fee_abroad: str) -> Table:
    """公开09表 财政拨款“三公”经费支出决算表: 预算数 and 决算数, six columns each."""

    def group() -> tuple[Spec, Spec]:
        top = [Cell("合计", rowspan=2), Cell(fee_abroad, rowspan=2)] + merged("公务用车购置及运行维护费", 3) + [Cell("公务接待费", rowspan=2)]
        below = [None, None, "小计", "公务用车购置费", "公务用车运行维护费", None]
        return top, below

    top, below = group()
    header = [
        merged("预算数", 6) + merged("决算数", 6),
        top + top,
        below + below,
        [str(i) for i in range(1, 13)],
    ]
    return Table(widths=[43] * 12, header=header, body=[list(values)], align="r" * 12, font_size=8)


def table_page(
    doc: Document,
    number: str,
    title: str,
    block: TitleBlock,
    table: Table,
    notes: Sequence[str],
    money_above_unit: bool = False,
) -> None:
    """One 公开 table on a fresh page: title, number, 单位 / 金额单位, table and 注.

    ``money_above_unit`` prints 金额单位 under the number and 单位 on a line of its own, as the
    公开08表 page does.
    """
    doc.new_page()
    x0, width = table_left(doc, table), sum(table.widths)
    doc.line(title, 16, "c", leading=1.8)
    doc.spread("", "", number, 9, x0, width)
    if money_above_unit:
        doc.spread("", "", block.money_unit, 9, x0, width)
        doc.spread(block.unit_line, "", "", 9, x0, width)
    else:
        doc.spread(block.unit_line, "", block.money_unit, 9, x0, width)
    draw_table(doc, settle_wraps(table))
    doc.skip(6)
    for note in notes:
        doc.paragraph(note, NOTE_SIZE, indent=0, leading=1.5, after=0)


# --------------------------------------------------------------------------- front matter and narrative


def cover(doc: Document, title: str) -> None:
    """The cover carries the report title alone, a third of the way down."""
    doc.skip(220)
    doc.line(title, 28, "c", leading=2.2)


def contents(doc: Document, heading: str, entries: Sequence[tuple[str, int]]) -> None:
    """目录 as printed in the seed: parts and their items, without page numbers."""
    doc.new_page()
    doc.line(heading, 18, "c", leading=2.2)
    for text, level in entries:
        doc.line(("\u3000" * 2 * level) + text, BODY_SIZE if level else 12, leading=1.75)


def part_heading(doc: Document, number: str, title: str) -> None:
    """A 部分 starts a page with its number and title on two centred lines."""
    doc.new_page()
    doc.line(number, 18, "c", leading=1.8)
    doc.line(title, 18, "c", leading=2.4)


def narrative(doc: Document, items: Sequence[tuple[str, ...]]) -> None:
    """Narrative items: ("part", number, title), ("section", text), ("text", text), ("figure", caption).

    A figure is a chart in the printed report; the seed keeps only its caption, so the chart's
    place is left blank above the caption (an empty caption marks an uncaptioned chart).
    """
    for kind, *text in items:
        if kind == "part":
            part_heading(doc, *text)
        elif kind == "section":
            doc.skip(4)
            doc.line(text[0], 13, "l", leading=1.9)
        elif kind == "figure":
            # The chart and its caption stay together on one page.
            doc.ensure(CHART_HEIGHT + CAPTION_SIZE * CAPTION_LEADING)
            doc.skip(CHART_HEIGHT)
            if text[0]:
                doc.line(text[0], CAPTION_SIZE, "c", leading=CAPTION_LEADING)
        else:
            doc.paragraph(text[0], BODY_SIZE)


# --------------------------------------------------------------------------- 绩效自评


def evaluation_summary_table(header: Sequence[str], rows: Rows) -> Table:
    """绩效自评情况汇总表; a one-element row is a section line across the whole table."""
    body: list[Spec] = []
    for row in rows:
        body.append(merged(row[0], len(header), align="l") if len(row) == 1 else list(row))
    return Table(widths=[40, 232, 120, 65, 66], header=[list(header)], body=body, align="clccc", font_size=9)


def evaluation_summary_page(doc: Document, title: str, unit_line: str, table: Table) -> None:
    """The 汇总表 follows the 第五部分 heading on the same page."""
    doc.skip(12)
    doc.line(title, 15, "c", leading=2.0)
    doc.spread(unit_line, "", "", 10, table_left(doc, table), sum(table.widths))
    draw_table(doc, settle_wraps(table))


SHEET_WIDTHS = (24, 56, 50, 100, 68, 68, 59, 32, 66)
SHEET_COLUMNS = len(SHEET_WIDTHS)


@dataclass(frozen=True)
class SheetLayout:
    """Column spans of a sheet's irregular rows; the printed sheets differ from one another.

    ``department`` spans 主管部门 | its value | 项目实施单位 | its value.  The 年度总体目标
    label takes ``goal_label`` columns and 目标实际完成情况 starts at column ``goal_split``.
    The 总分 label starts at ``total_start`` (1 when the 年度绩效指标 cell runs down beside it)
    and takes ``total_label`` columns; the score fills the rest.  With ``last_fund_spans_label``
    the 项目预算执行情况 cell stops a row short and the last fund line spans the label column.
    """

    name_label: int
    department: tuple[int, int, int, int]
    goal_label: int
    goal_split: int
    total_start: int
    total_label: int
    last_fund_spans_label: bool = False


@dataclass(frozen=True)
class Sheet:
    """One 市级预算项目支出绩效自评表 with every text as printed.

    ``budget_header`` is (label, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分) and
    each budget row (name, the same six figures).  ``indicators`` rows are (一级, 二级, 三级,
    年度指标值, 实际完成值, 完成率, 得分, 偏差原因); an empty 一级 or 二级 continues the cell above.
    """

    title: str
    year_line: str
    money_unit: str
    project: str
    department: str
    implementer: str
    budget_header: tuple[str, ...]
    budget_rows: tuple[tuple[str, ...], ...]
    goal_heads: tuple[str, str]
    goals: tuple[str, str]
    indicator_header: tuple[str, ...]
    indicators: tuple[tuple[str, ...], ...]
    total: str
    notes: tuple[str, ...]
    layout: SheetLayout


NAME_LABEL = "项目名称"
DEPARTMENT_LABEL = "主管部门"
IMPLEMENTER_LABEL = "项目实施单位"
GOAL_LABEL = "年度总体目标"
INDICATOR_LABEL = "年度绩效指标"
TOTAL_LABEL = "总分"


def _label(text: str, colspan: int, rowspan: int) -> Spec:
    """A row label; alone in the narrow first column and several rows tall, it runs vertically."""
    shown = vertical(text) if colspan == 1 and rowspan > 1 else text
    return merged(shown, colspan, rowspan)


def _identity_rows(sheet: Sheet) -> list[Spec]:
    lay = sheet.layout
    dept, dept_value, impl, impl_value = lay.department
    return [
        merged(NAME_LABEL, lay.name_label) + merged(sheet.project, SHEET_COLUMNS - lay.name_label, align="l"),
        merged(DEPARTMENT_LABEL, dept)
        + merged(sheet.department, dept_value)
        + merged(IMPLEMENTER_LABEL, impl)
        + merged(sheet.implementer, impl_value),
    ]


def _budget_rows(sheet: Sheet) -> list[Spec]:
    """项目预算执行情况: the label stands beside the head and the four fund lines; 得分 spans two columns."""
    label, *heads, score = sheet.budget_header
    beside = len(sheet.budget_rows) - (1 if sheet.layout.last_fund_spans_label else 0)
    rows: list[Spec] = [[Cell(label, rowspan=1 + beside), "", *heads, *merged(score, 2)]]
    for i, (name, *figures, row_score) in enumerate(sheet.budget_rows):
        lead = [None, name] if i < beside else merged(name, 2)
        rows.append([*lead, *figures, *merged(row_score, 2)])
    return rows


def _goal_rows(sheet: Sheet) -> list[Spec]:
    lay = sheet.layout
    left = lay.goal_split - lay.goal_label
    right = SHEET_COLUMNS - lay.goal_split
    target, actual = sheet.goals
    return [
        _label(GOAL_LABEL, lay.goal_label, 2) + merged(sheet.goal_heads[0], left) + merged(sheet.goal_heads[1], right),
        [None] * lay.goal_label + merged(target, left, align="l") + merged(actual, right, align="l"),
    ]


def _run_length(values: Sequence[str], start: int, stops: Sequence[Sequence[str]]) -> int:
    """Rows a merged cell at ``start`` covers: until the next non-empty value in any of ``stops``."""
    end = start + 1
    while end < len(values) and not any(column[end] for column in stops):
        end += 1
    return end - start


def _indicator_rows(sheet: Sheet) -> list[Spec]:
    """Indicator lines; 一级 and 二级 cells run down over the lines that leave them empty."""
    level1 = [row[0] for row in sheet.indicators]
    level2 = [row[1] for row in sheet.indicators]
    rows: list[Spec] = []
    for i, (first, second, *rest) in enumerate(sheet.indicators):
        cell1 = Cell(first, rowspan=_run_length(level1, i, [level1])) if first else None
        cell2 = Cell(second, rowspan=_run_length(level2, i, [level1, level2])) if second else None
        rows.append([None, cell1, cell2, *rest])
    return rows


def _total_row(sheet: Sheet) -> Spec:
    lay = sheet.layout
    lead: Spec = [None] * lay.total_start
    return lead + merged(TOTAL_LABEL, lay.total_label) + merged(sheet.total, SHEET_COLUMNS - lay.total_start - lay.total_label)


def evaluation_sheet(sheet: Sheet) -> Table:
    """The whole 自评表 as one ruled table (no header band: it is one form, not a list)."""
    tall = 1 + len(sheet.indicators) + (1 if sheet.layout.total_start else 0)
    indicator_head = _label(INDICATOR_LABEL, 1, tall) + list(sheet.indicator_header)
    body = [
        *_identity_rows(sheet),
        *_budget_rows(sheet),
        *_goal_rows(sheet),
        indicator_head,
        *_indicator_rows(sheet),
        _total_row(sheet),
    ]
    return Table(widths=SHEET_WIDTHS, header=[], body=body, align="c" * SHEET_COLUMNS, font_size=8)


def sheet_page(doc: Document, sheet: Sheet) -> None:
    """A sheet on a fresh page: title, (年度), 单位 line, the form and its 注."""
    table = evaluation_sheet(sheet)
    doc.new_page()
    doc.line(sheet.title, 16, "c", leading=1.8)
    doc.line(sheet.year_line, 10.5, "c", leading=1.8)
    doc.spread("", "", sheet.money_unit, 9, table_left(doc, table), sum(table.widths))
    draw_table(doc, settle_wraps(table))
    doc.skip(6)
    for note in sheet.notes:
        doc.paragraph(note, NOTE_SIZE, indent=0, leading=1.5, after=0)
