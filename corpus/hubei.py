"""Layouts of the Hubei (武汉) 部门决算公开 family: 公开01–09表 and the 绩效自评表.

Hubei tables differ from the Sichuan ones (:mod:`corpus.sichuan`) in ways the ingestion has to
cope with: codes are printed only at 项 level as one 7-digit figure in a cell merged over the
类/款/项 columns, empty amounts are blank cells rather than ``0.00``, the title carries the year
(``2024 年度收入支出决算总表``) and the number sits above a ``部门：`` line.

The performance sheets are Excel forms printed into the report: a tall, narrow label cell
(``年度绩效指标``) printed one character per line, weights inside the labels (``数量指标（20分）``)
and page breaks that cut through merged cells.  :func:`cut_spans` reproduces such breaks on top
of :func:`corpus.render.draw_table`, which never breaks inside a merged cell by itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from corpus.render import Cell, Document, RowSpec, Table, draw_table, table_left

Rows = Sequence[Sequence[str]]
Row = list["str | Cell | None"]

CODE_HEADER = "功能分类科目编码"
BODY_SIZE = 11
PART_SIZE = 14


def merged(text: str, colspan: int = 1, rowspan: int = 1, align: str | None = None) -> Row:
    """A merged cell followed by the ``None`` markers of the columns it covers."""
    return [Cell(text, colspan, rowspan, align)] + [None] * (colspan - 1)


def vertical(text: str) -> str:
    """Text printed one character per line, as in the narrow label columns of the sheets."""
    return "\n".join(text)


def spread_cells(values: Sequence[str | None]) -> Row:
    """Cells of one row; a ``None`` value widens the cell before it by one column."""
    row: Row = []
    for value in values:
        if value is None:
            last = next(i for i in range(len(row) - 1, -1, -1) if row[i] is not None)
            cell = row[last]
            row[last] = replace(cell, colspan=cell.colspan + 1)
            row.append(None)
        else:
            row.append(Cell(value))
    return row


# --------------------------------------------------------------------------- page breaks


def row_of(rows: Sequence[RowSpec], text: str) -> int:
    """Index of the first row with a cell reading ``text`` (page ends are named by a cell)."""
    for i, row in enumerate(rows):
        if any((spec.text if isinstance(spec, Cell) else spec) == text for spec in row):
            return i
    raise ValueError(f"no row with a cell {text!r}")


def cut_spans(rows: Sequence[RowSpec], breaks: Iterable[int], carry: Mapping[str, Sequence[str]] | None = None) -> list[Row]:
    """Cut every merged cell that straddles a page break into one cell per page.

    ``breaks`` are body row indices after which a page ends.  A cut cell keeps its text on the
    first page and is blank on the next ones, unless ``carry`` maps the text to the pieces
    printed on each page (a label such as 可持续发展能力 printed as 可持 | 续发展能力).
    """
    grid = [list(row) for row in rows]
    starts = sorted(b + 1 for b in breaks)
    carry = carry or {}
    for r, row in enumerate(grid):
        for c, spec in enumerate(row):
            if not isinstance(spec, Cell) or spec.rowspan == 1:
                continue
            end = r + spec.rowspan
            bounds = [r, *(s for s in starts if r < s < end), end]
            if len(bounds) == 2:
                continue
            pieces = carry.get(spec.text, (spec.text,))
            for i, (top, bottom) in enumerate(zip(bounds, bounds[1:])):
                text = pieces[i] if i < len(pieces) else ""
                grid[top][c] = replace(spec, text=text, rowspan=bottom - top)
    return grid


def paged_table(
    widths: Sequence[float],
    rows: Sequence[RowSpec],
    align: str,
    page_ends: Sequence[str] = (),
    carry: Mapping[str, Sequence[str]] | None = None,
    font_size: float = 9,
) -> Table:
    """A header-less form whose pages end after the rows holding the ``page_ends`` cells.

    Merged cells crossing those breaks are cut (see :func:`cut_spans`).
    """
    breaks = [row_of(rows, text) for text in page_ends]
    return Table(
        widths=widths,
        header=[],
        body=cut_spans(rows, breaks, carry),
        align=align,
        font_size=font_size,
        repeat_header=False,
        break_after=frozenset(breaks),
    )


# --------------------------------------------------------------------------- 公开01–09表


@dataclass(frozen=True)
class TitleBlock:
    """The ``部门：`` line and money unit printed between a table's number and its header."""

    dept_line: str
    money_unit: str = "单位：万元"


def _code_row(code: str, name: str, values: Sequence[str]) -> Row:
    """A coded row: the 7-digit 项 code in one cell over 类/款/项, then name and amounts."""
    return [*merged(code, 3), name, *values]


def _coded_body(rows: Rows, total_merged: bool) -> list[Row]:
    """Body of a coded table; the 合计 row spans the label columns or sits under 科目名称."""
    body: list[Row] = []
    for code, name, *values in rows:
        if not code and total_merged:
            body.append([*merged(name, 4), *values])
        else:
            body.append(_code_row(code, name, values))
    return body


def _label_header(amounts: Sequence[str], column_numbers: int) -> list[Row]:
    """The 项目 | 功能分类科目编码 | 类 款 项 | 栏次 band of tables 02 and 03."""
    return [
        merged("项目", 4) + [Cell(a, rowspan=3) for a in amounts],
        merged(CODE_HEADER, 3) + [Cell("科目名称", rowspan=2)] + [None] * len(amounts),
        ["类", "款", "项", None] + [None] * len(amounts),
        merged("栏次", 4) + [str(i) for i in range(1, column_numbers + 1)],
    ]


def summary_table(rows: Rows, page_end: str) -> Table:
    """公开01表 收入支出决算总表; the page ends after the ``page_end`` row, no header repeat."""
    header = [
        merged("收入", 3) + merged("支出", 3),
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["栏次", "", "1", "栏次", "", "2"],
    ]
    return Table(
        widths=[180, 28, 53, 180, 28, 53],
        header=header,
        body=[list(r) for r in rows],
        align="lcrlcr",
        font_size=10,
        repeat_header=False,
        break_after=frozenset({row_of(rows, page_end)}),
    )


def income_table(rows: Rows) -> Table:
    """公开02表 收入决算表; 附属单位上缴收入 and the code header wrap in their columns."""
    amounts = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    return Table(
        widths=[20, 20, 20, 130, 54, 54, 54, 38, 38, 46, 38],
        header=_label_header(amounts, 7),
        body=_coded_body(rows, total_merged=True),
        align="ccclrrrrrrr",
        font_size=8,
    )


def expenditure_table(rows: Rows) -> Table:
    """公开03表 支出决算表, printed with narrow amount columns.

    The three empty columns are one and two characters wide, so their headers stand one or
    two characters per line; 本年支出合计 and 基本支出 break where the seed shows.
    """
    amounts = ["本年支出\n合计", "基本支\n出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    return Table(
        widths=[18, 18, 18, 190, 48, 36, 40, 14, 14, 22],
        header=_label_header(amounts, 6),
        body=_coded_body(rows, total_merged=True),
        align="ccclrrrrrr",
        font_size=8,
    )


def fiscal_summary_table(rows: Rows, page_end: str) -> Table:
    """公开04表 财政拨款收入支出决算总表; the fund columns are 4, 2 and 3 characters wide.

    The page ends after the ``page_end`` row; the continuation repeats no header.
    """
    funds = ["小计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    header = [
        merged("收 入", 3) + merged("支 出", 6),
        [Cell(h, rowspan=2) for h in ("项目", "行次", "决算数", "项目", "行次")] + merged("决算数", 4),
        [None] * 5 + funds,
        ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"],
    ]
    return Table(
        widths=[120, 22, 40, 130, 22, 40, 38, 22, 30],
        header=header,
        body=[list(r) for r in rows],
        align="lcrlcrrrr",
        font_size=8,
        repeat_header=False,
        break_after=frozenset({row_of(rows, page_end)}),
    )


def _spending_header(first: str, amounts: Sequence[str]) -> list[Row]:
    """项目 | 本年支出 band of tables 05 and 08, 栏次 on the 类 款 项 line."""
    return [
        merged("项目", 4) + merged("本年支出", 3),
        merged(CODE_HEADER, 3) + ["科目名称", first, *amounts],
        ["类", "款", "项", "栏次", "1", "2", "3"],
    ]


def _blank_code_total(rows: Rows) -> list[Row]:
    """Body whose 合计 row leaves the code cell blank and names itself under 科目名称."""
    return [_code_row(code, name, values) for code, name, *values in rows]


def general_budget_table(rows: Rows) -> Table:
    """公开05表 一般公共预算财政拨款支出决算表."""
    return Table(
        widths=[28, 28, 28, 200, 72, 72, 72],
        header=_spending_header("小计", ["基本支出", "项目支出"]),
        body=_blank_code_total(rows),
        align="ccclrrr",
        font_size=9,
    )


def basic_expenditure_table(rows: Rows, total: Sequence[str], page_end: str) -> Table:
    """公开06表 一般公共预算财政拨款基本支出决算明细表: 人员经费 | 公用经费 in three groups.

    ``total`` is (人员经费合计, 公用经费合计); the page ends after the ``page_end`` row.
    """
    group = ["经济分类科目编码", "科目名称", "决算数"]
    header = [merged("人员经费", 3) + merged("公用经费", 6), group * 3]
    personnel, public = total
    body = [list(r) for r in rows]
    body.append([*merged("人员经费合计", 2), personnel, *merged("公用经费合计", 5), public])
    return Table(
        widths=[38, 95, 40] * 3,
        header=header,
        body=body,
        align="clr" * 3,
        font_size=8,
        repeat_header=False,
        break_after=frozenset({row_of(rows, page_end)}),
    )


def government_fund_table(rows: Rows) -> Table:
    """公开07表 政府性基金预算财政拨款收入支出决算表 (a 合计 row of blanks here)."""
    header = [
        merged("项目", 4)
        + [Cell("年初结转和结余", rowspan=2), Cell("本年收入", rowspan=2)]
        + merged("本年支出", 3)
        + [Cell("年末结转和结余", rowspan=2)],
        merged(CODE_HEADER, 3) + ["科目名称", None, None, "小计", "基本支出", "项目支出", None],
        ["类", "款", "项", "栏次"] + [str(i) for i in range(1, 7)],
    ]
    return Table(
        widths=[20, 20, 20, 124, 64, 48, 48, 48, 48, 64],
        header=header,
        body=_blank_code_total(rows),
        align="ccclrrrrrr",
        font_size=8,
    )


def state_capital_table(rows: Rows) -> Table:
    """公开08表 国有资本经营预算财政拨款支出决算表 (a 合计 row of blanks here)."""
    return Table(
        widths=[28, 28, 28, 200, 72, 72, 72],
        header=_spending_header("合计", ["基本支出", "项目支出"]),
        body=_blank_code_total(rows),
        align="ccclrrr",
        font_size=9,
    )


def three_public_table(values: Sequence[str]) -> Table:
    """公开09表 财政拨款“三公”经费支出决算表: 预算数 and 决算数, six columns each."""
    half_top = [Cell("合计", rowspan=2), Cell("因公出国（境）费", rowspan=2)]
    half_top += merged("公务用车购置及运行维护费", 3) + [Cell("公务接待费", rowspan=2)]
    half_sub = [None, None, "小计", "公务用车购置费", "公务用车运行维护费", None]
    header = [
        merged("预算数", 6) + merged("决算数", 6),
        half_top * 2,
        half_sub * 2,
        [str(i) for i in range(1, 13)],
    ]
    return Table(widths=[43] * 12, header=header, body=[list(values)], align="r" * 12, font_size=8)


def notes(doc: Document, lines: Sequence[str], size: float = 9) -> None:
    """注 lines under a table; continuation lines align after the two-character 注：."""
    for i, text in enumerate(lines):
        doc.paragraph(text, size, indent=0 if i == 0 else 2, leading=1.5, after=0)


def table_page(
    doc: Document,
    number: str,
    title: str,
    block: TitleBlock,
    table: Table,
    footnotes: Sequence[str],
    statement: Sequence[str] = (),
    unit_first: bool = False,
    new_page: bool = True,
) -> None:
    """One 公开 table: title, number, 部门 and 单位 lines, table, 注 and statement.

    ``unit_first`` prints 单位：万元 on its own line above the 部门 line (tables 01 and 06).
    """
    if new_page:
        doc.new_page()
    x0, width = table_left(doc, table), sum(table.widths)
    doc.line(title, 16, "c", leading=1.8)
    doc.spread("", "", number, 9, x0, width)
    if unit_first:
        doc.spread("", "", block.money_unit, 9, x0, width)
        doc.spread(block.dept_line, "", "", 9, x0, width)
    else:
        doc.spread(block.dept_line, "", block.money_unit, 9, x0, width)
    draw_table(doc, table)
    doc.skip(6)
    notes(doc, footnotes)
    for text in statement:
        doc.skip(6)
        doc.paragraph(text, BODY_SIZE)


# --------------------------------------------------------------------------- narrative


def cover(doc: Document, title_lines: Sequence[str], date: str) -> None:
    """Cover page: the report title in large type and the publication date below."""
    doc.skip(220)
    for text in title_lines:
        doc.line(text, 24, "c", leading=2.0)
    doc.skip(200)
    doc.line(date, 16, "c")


def contents(doc: Document, entries: Sequence[tuple[str, int]]) -> None:
    """目录 without page numbers, as printed: (text, level) entries."""
    doc.new_page()
    doc.line("目 录", 18, "c", leading=2.4)
    for text, level in entries:
        if level == 0:
            doc.skip(4)
        doc.paragraph(text, 12 if level == 0 else BODY_SIZE, indent=2 * level, leading=1.7, after=0)


def narrative(doc: Document, items: Sequence[tuple[str, str]]) -> None:
    """Draw (kind, text) items: "part" starts a page (lines split at ``\\n``), "section" is a
    heading, "text" an indented paragraph."""
    for kind, text in items:
        if kind == "part":
            doc.new_page()
            for line in text.split("\n"):
                doc.line(line, PART_SIZE, "c", leading=1.9)
            doc.skip(8)
        elif kind == "section":
            doc.skip(4)
            doc.paragraph(text, 13, indent=0, leading=1.7, after=0.2)
        else:
            doc.paragraph(text, BODY_SIZE)


def key_work_table(matters: Sequence[tuple[str, Sequence[tuple[str, str]]]], page_ends: Sequence[str]) -> Table:
    """第四部分 重点工作 table: each 重要事项 merged down over its (工作内容及目标, 完成情况) rows."""
    rows: list[Row] = [[Cell(h, align="c") for h in ("重要事项", "工作内容及目标", "完成情况")]]
    for matter, items in matters:
        for i, (work, result) in enumerate(items):
            rows.append([Cell(matter, rowspan=len(items)) if i == 0 else None, work, result])
    return paged_table([130, 200, 190], rows, "lll", page_ends, font_size=12)


# --------------------------------------------------------------------------- 绩效自评表

# An indicator row: 三级指标 (one or two cells, None widens the one before), then values.
Leaf = Sequence["str | None"]
# 二级指标 (None: the 一级 cell covers this column too) with its rows.
Group = tuple["str | None", Sequence[Leaf]]
# 一级指标 with its groups.
Branch = tuple[str, Sequence[Group]]


def indicator_rows(branches: Sequence[Branch]) -> list[Row]:
    """Rows of 一级 | 二级 | 三级 … cells, 一级 and 二级 merged down over their rows."""
    rows: list[Row] = []
    for level1, groups in branches:
        first_of_branch = len(rows)
        for level2, leaves in groups:
            for i, leaf in enumerate(leaves):
                if level2 is None:
                    head: Row = [None, None]
                else:
                    head = [None, Cell(level2, rowspan=len(leaves)) if i == 0 else None]
                rows.append(head + spread_cells(leaf))
        span = len(rows) - first_of_branch
        wide = groups[0][0] is None
        rows[first_of_branch][0] = Cell(level1, colspan=2 if wide else 1, rowspan=span)
    return rows


def with_label(label: str, rows: Sequence[Row]) -> list[Row]:
    """Prefix ``rows`` with a tall label cell printed one character per line."""
    return [[Cell(vertical(label), rowspan=len(rows)) if i == 0 else None, *row] for i, row in enumerate(rows)]


def check_boxes(options: Sequence[str], checked: int) -> str:
    """A row of numbered options; ■ marks the ticked box (the font has no ☑)."""
    return " ".join(f"{i}.{text}{'■' if i == checked else '□'}" for i, text in enumerate(options, 1))


@dataclass(frozen=True)
class SheetHead:
    """Title and the 单位名称 / 填报日期 lines above a sheet (one line when ``same_line``)."""

    heading: str
    title: str
    unit_line: str
    date_line: str
    same_line: bool = False


def sheet_page(doc: Document, head: SheetHead, table: Table, footnotes: Sequence[str] = (), new_page: bool = False) -> None:
    """Draw a sheet with its headings; sheets follow each other on the page like the report."""
    if new_page:
        doc.new_page()
    x0, width = table_left(doc, table), sum(table.widths)
    if head.heading:
        doc.paragraph(head.heading, 13, indent=0, leading=1.8, after=0.3)
    doc.line(head.title, 15, "c", leading=1.9)
    if head.same_line:
        doc.spread(head.unit_line, "", head.date_line, 10, x0, width)
    else:
        doc.spread(head.unit_line, "", "", 10, x0, width)
        doc.spread("", "", head.date_line, 10, x0, width)
    draw_table(doc, table)
    if footnotes:
        doc.skip(6)
        for text in footnotes:
            doc.paragraph(text, 9, indent=0, leading=1.5, after=0)
    doc.skip(18)


@dataclass(frozen=True)
class DeptSheet:
    """部门整体绩效自评表: budget totals, goals and indicators with 指标分类, no scores."""

    unit: str
    basic_total: str
    project_total: str
    goals: str
    indicators: Sequence[Branch]
    deviation: str
    improvement: str
    page_ends: Sequence[str] = ()
    carry: Mapping[str, Sequence[str]] | None = None


# 单位 label | 一级 | 二级 | 三级 (two columns) | 指标分类 | 年初目标值 | 实际完成值
DEPT_WIDTHS = [50, 52, 64, 88, 88, 52, 66, 62]


def dept_sheet_table(sheet: DeptSheet) -> Table:
    """The 部门整体绩效自评表 as one ruled form; ``年度绩效指标`` stands vertically."""
    header: Row = ["一级指标", "二级指标", *merged("三级指标", 2), "指标分类", "年初目标值", "实际完成值"]
    indicators = with_label("年度绩效指标", [header, *indicator_rows(sheet.indicators)])
    rows: list[Row] = [
        ["单位名称", *merged(sheet.unit, 7)],
        ["基本支出总额", *merged(sheet.basic_total, 2), *merged("项目支出总额", 2), *merged(sheet.project_total, 3)],
        ["年度目标", *merged(sheet.goals, 7, align="l")],
        *indicators,
        ["偏差大或目标未完成原因分析", *merged(sheet.deviation, 7, align="l")],
        ["改进措施及结果拟应用方案", *merged(sheet.improvement, 7, align="l")],
    ]
    return paged_table(DEPT_WIDTHS, rows, "c" * 8, sheet.page_ends, sheet.carry)


@dataclass(frozen=True)
class ProjectSheet:
    """项目绩效自评表 (Hubei): project facts, budget execution, indicators, deviation notes.

    ``labels`` holds the sheet's own wording of the budget and indicator headers:
    (预算执行情况, 预算数, 执行数, 执行率, 得分, 年初目标值, 实际完成值, 偏差…, 改进…).
    """

    name: str
    dept: str
    implementer: str
    category: str
    attribute: str
    kind: str
    budget: Sequence[str]
    labels: Sequence[str]
    indicators: Sequence[Branch]
    deviation: str
    improvement: str
    page_ends: Sequence[str] = ()
    carry: Mapping[str, Sequence[str]] | None = None


# label | 一级 / 资金 | 二级 / 预算数 | 三级 / 执行数 | 三级 / 执行率 | 目标 / 得分 | 完成值 / 得分
PROJECT_WIDTHS = [62, 60, 88, 92, 62, 79, 79]


def project_sheet_table(sheet: ProjectSheet) -> Table:
    """A Hubei 项目绩效自评表: no operator, unit or score columns in the indicator part."""
    budget_label, planned, spent, rate, score, target, actual, deviation, improvement = sheet.labels
    header: Row = ["一级指标", "二级指标", *merged("三级指标", 2), target, actual]
    indicators = with_label("年度绩效目标", [header, *indicator_rows(sheet.indicators)])
    rows: list[Row] = [
        [*merged("项目名称", 2), *merged(sheet.name, 5)],
        [*merged("主管部门", 2), sheet.dept, *merged("项目实施单位", 2), *merged(sheet.implementer, 2)],
        [*merged("项目类别", 2), *merged(sheet.category, 5, align="l")],
        [*merged("项目属性", 2), *merged(sheet.attribute, 5, align="l")],
        [*merged("项目类型", 2), *merged(sheet.kind, 5, align="l")],
        [Cell(budget_label, rowspan=2), "", planned, spent, rate, *merged(score, 2)],
        [None, *sheet.budget[:4], *merged(sheet.budget[4], 2)],
        *indicators,
        [deviation, *merged(sheet.deviation, 6, align="l")],
        [improvement, *merged(sheet.improvement, 6, align="l")],
    ]
    return paged_table(PROJECT_WIDTHS, rows, "c" * 7, sheet.page_ends, sheet.carry)
