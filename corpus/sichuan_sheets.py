"""Sichuan 部门预算项目支出绩效自评表: one project's performance self-evaluation sheet.

A sheet is one ruled table made of bands stacked edge to edge.  The indicator band sets the
main eleven columns:

    0 label | 1 一级指标 | 2 二级指标 | 3 三级指标 | 4 指标性质 | 5 指标值 | 6 度量单位 | 7 完成值 | 8 权重 | 9 得分 | 10 原因

The closing rows (评价结论 …) span those columns.  The header band (项目名称, 主管部门,
项目基本情况) has five columns snapped to them, and the budget band (预算执行情况) and the
合计 row may have boundaries of their own, as in the spreadsheets these sheets were printed
from.  The bands are composed on the union of all boundaries, so a narrow budget cell wraps
its figure (155.0 / 99998) while the indicator columns keep their width.  Column 0 holds the
tall label cells (项目基本情况, 预算执行情况（10分）, 绩效指标（90分）, 评价结论 …), one
character per line when ``Layout.vertical`` is set.

The printed sheets let merged cells run over page breaks, which
:func:`corpus.render.draw_table` avoids (it keeps a merged cell on one page).  This module
paginates itself: it cuts the rows into page slices, splitting a merged cell at the break
(the text stays in the first part, the continuation is an empty box), and hands each slice
to ``draw_table`` measured so that it fits.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate

from corpus.render import Cell, Document, Table, draw_table, row_heights

GRID = 11
WEIGHT, SCORE, REASON = 8, 9, 10  # indicator grid columns the 合计 line lines up with

# Text area is 523 pt wide; the 三级指标 and 原因 columns take what the figures leave.
WIDTHS = (26.0, 56.0, 52.0, 90.0, 30.0, 44.0, 32.0, 44.0, 28.0, 30.0, 91.0)
# Narrow figure columns: 指标性质 … 得分 hold one character per line, as in several sheets.
NARROW_WIDTHS = (26.0, 40.0, 50.0, 100.0, 21.0, 30.0, 21.0, 30.0, 21.0, 21.0, 163.0)

BUDGET_HEADS = ("年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分")
INDICATOR_HEADS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
    "完成值",
    "权重",
    "得分",
    "未完成原因分析",
)

# Budget cells over the main columns: 年度预算数 | 年初 | 调整后 | 执行数 | 执行率 | 权重 | 得分 | 原因.
BUDGET_SPANS = (1, 1, 1, 3, 1, 1, 1, 1)
# The other common band: a wide 年度预算数 label over 一级…三级 and one column per figure.
WIDE_LABEL_SPANS = (3, 1, 1, 1, 1, 1, 1, 1)
# Narrow grids give 执行数 and 执行率 two columns each so the figures stay on one line.
NARROW_BUDGET_SPANS = (1, 1, 1, 2, 2, 1, 1, 1)

# Row of indicator cells; None continues the merged cell of the row above.
Indicator = Sequence["str | None"]
Row = list["Cell | None"]

EPSILON = 0.5  # slack so a slice measured to fit is never pushed over by rounding


@dataclass(frozen=True)
class Layout:
    """How one printed sheet is laid out; the data fields are in :class:`Sheet`.

    ``budget_spans`` places the eight budget cells on the main columns unless
    ``budget_widths`` gives the budget band boundaries of its own (label column first, then
    the eight cells).  ``total_widths`` likewise splits the 合计 row into (合计, 权重, 得分,
    rest).  ``indicator_spans`` gives the main columns of 一级指标 … 未完成原因分析; a span
    of 0 drops that column (the one before widens), for sheets printed without 度量单位.
    ``vertical`` prints the column-0 labels one character per line, ``inline_heads`` puts
    the 项目年度目标 / 年度目标完成情况 headings inside the text cells, and
    ``signatures_in_table`` prints 项目负责人 / 财务负责人 as the last table row rather than
    as lines below the table.
    """

    widths: tuple[float, ...] = WIDTHS
    budget_spans: tuple[int, ...] = BUDGET_SPANS
    budget_widths: tuple[float, ...] | None = None
    total_widths: tuple[float, ...] | None = None
    indicator_spans: tuple[int, ...] = (1,) * 10
    vertical: bool = False
    inline_heads: bool = False
    signatures_in_table: bool = True
    font_size: float = 9.0


NARROW = Layout(widths=NARROW_WIDTHS, budget_spans=NARROW_BUDGET_SPANS)


@dataclass(frozen=True)
class Sheet:
    """One 项目支出绩效自评表, every text and figure as printed.

    ``budget`` holds the five lines 总额, 其中：财政资金, 财政专户管理资金, 单位资金, 其他资金 as
    (label, 年初预算, 调整后预算数, 预算执行数, 预算执行率, 权重, 得分); ``reason`` is the 原因 cell
    beside them.  ``indicators`` rows are (一级, 二级, 三级, 指标性质, 指标值, 度量单位, 完成值,
    权重, 得分, 未完成原因分析).  ``total`` is the 合计 line's (权重, 得分).  ``goal_head`` spans
    the 项目年度目标 heading line and the text line below it, unless ``heads_corner`` gives the
    heading line a cell of its own.
    """

    project: str
    department: str
    implementer: str
    goal: str
    completion: str
    process: str
    budget: Sequence[Sequence[str]]
    reason: str
    indicators: Sequence[Indicator]
    total: tuple[str, str]
    conclusion: str
    problems: str
    measures: str
    title: str = "部门预算项目支出绩效自评表"
    implementer_label: str = "实施单位"
    goal_head: str = "1. 项目年度目标完成情况"
    heads_corner: str | None = None
    process_head: str = "2. 项目实施内容及过程概述"
    budget_label: str = "预算执行情况(10分)"
    budget_unit: str = "年度预算数(万元)"
    reason_head: str = "原因"
    indicator_label: str = "绩效指标(90分)"
    indicator_heads: tuple[str, ...] = INDICATOR_HEADS
    signatures: tuple[str, str] | None = None
    layout: Layout = field(default_factory=Layout)


@dataclass(frozen=True)
class Band:
    """Consecutive rows sharing one set of column boundaries."""

    widths: tuple[float, ...]
    rows: list[Row]


def vertical(text: str) -> str:
    """One character per line, as a label printed down a narrow column."""
    return "\n".join(ch for ch in text if not ch.isspace())


# --------------------------------------------------------------------------- bands


def _span(text: str, colspan: int = 1, rowspan: int = 1, align: str = "c") -> Row:
    """A cell followed by the ``None`` markers of the columns it covers."""
    return [Cell(text, colspan, rowspan, align)] + [None] * (colspan - 1)


def _label(sheet: Sheet, text: str, rowspan: int = 1) -> Cell:
    shown = vertical(text) if sheet.layout.vertical else text
    return Cell(shown, 1, rowspan, "c")


def _snap(bounds: Sequence[float], ideal: float, low: float, high: float) -> float:
    """The indicator boundary in [low, high] nearest to ``ideal`` (``ideal`` if there is none)."""
    inside = [b for b in bounds if low <= b <= high]
    return min(inside, key=lambda b: abs(b - ideal)) if inside else ideal


def _head_widths(layout: Layout) -> tuple[float, ...]:
    """Header band columns: label | heading | 项目年度目标 and 主管部门 | 实施单位 | the rest.

    The boundaries snap to the indicator columns so the band adds no ruling of its own
    when it can, but the heading column keeps room for ``1. 项目年度目标完成情况``.
    """
    bounds = _bounds(layout.widths)
    total, label = bounds[-1], bounds[1]
    heading = _snap(bounds, label + 56, label + 50, label + 100)
    goal = _snap(bounds, (heading + total) / 2, heading + 60, total - 130)
    seal = _snap(bounds, goal + 72, goal + 60, total - 50)
    return (label, heading - label, goal - heading, seal - goal, total - seal)


def _head_band(sheet: Sheet) -> Band:
    """项目名称, 主管部门 / 实施单位 and the 项目基本情况 block."""
    rows = [
        _span("项目名称", 2) + _span(sheet.project, 3, align="l"),
        _span("主管部门", 2) + [Cell(sheet.department), Cell(sheet.implementer_label), Cell(sheet.implementer)],
    ]
    process = [None, Cell(sheet.process_head), *_span(sheet.process, 3, align="l")]
    if sheet.layout.inline_heads:
        # Heading and text share one cell, the heading on its own first line.
        goal = [Cell(f"项目年度目标\n{sheet.goal}", align="l"), *_span(f"年度目标完成情况\n{sheet.completion}", 2, align="l")]
        rows += [[_label(sheet, "项目基本情况", 2), Cell(sheet.goal_head), *goal], process]
    else:
        heads = [Cell("项目年度目标"), *_span("年度目标完成情况", 2)]
        texts = [Cell(sheet.goal, align="l"), *_span(sheet.completion, 2, align="l")]
        if sheet.heads_corner is None:
            corner, head = Cell(sheet.goal_head, rowspan=2), None
        else:
            corner, head = Cell(sheet.heads_corner), Cell(sheet.goal_head)
        rows += [[_label(sheet, "项目基本情况", 3), corner, *heads], [None, head, *texts], process]
    return Band(_head_widths(sheet.layout), rows)


def _budget_widths(layout: Layout) -> tuple[float, ...]:
    """Budget band boundaries: given, or the main columns grouped by ``budget_spans``."""
    if layout.budget_widths:
        return layout.budget_widths
    ends = list(accumulate(layout.budget_spans, initial=1))
    return (layout.widths[0], *(sum(layout.widths[a:b]) for a, b in zip(ends, ends[1:], strict=False)))


def _budget_band(sheet: Sheet) -> Band:
    """预算执行情况: header line and the five fund lines, 原因 merged beside them."""
    head: Row = [_label(sheet, sheet.budget_label, 1 + len(sheet.budget))]
    head += [Cell(text) for text in (sheet.budget_unit, *BUDGET_HEADS, sheet.reason_head)]
    rows = [head]
    for i, line in enumerate(sheet.budget):
        reason = Cell(sheet.reason, rowspan=len(sheet.budget), align="l") if i == 0 else None
        rows.append([None, *(Cell(text) for text in line), reason])
    return Band(_budget_widths(sheet.layout), rows)


def _merged_columns(rows: Sequence[Indicator]) -> list[list[tuple[str, int] | None]]:
    """Resolve ``None`` continuations into (text, rowspan) at the top of each merged run."""
    out: list[list[tuple[str, int] | None]] = [[None] * len(row) for row in rows]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is None:
                continue
            span = 1
            while r + span < len(rows) and rows[r + span][c] is None:
                span += 1
            out[r][c] = (text, span)
    return out


def _indicator_band(sheet: Sheet) -> Band:
    """绩效指标: header line and indicator lines; 一级/二级 runs merge downwards."""
    spans = sheet.layout.indicator_spans
    head: Row = [_label(sheet, sheet.indicator_label, 1 + len(sheet.indicators))]
    for text, span in zip(sheet.indicator_heads, spans, strict=True):
        head += _span(text, span) if span else []
    rows = [head]
    for line in _merged_columns(sheet.indicators):
        row: Row = [None]
        for c, (item, span) in enumerate(zip(line, spans, strict=True)):
            if not span:
                continue
            if item is None:
                row += [None] * span
            else:
                # The 原因 column wraps as text; names, figures and symbols stay centred.
                align = "l" if c == len(line) - 1 else "c"
                row += _span(item[0], span, item[1], align)
        rows.append(row)
    return Band(sheet.layout.widths, rows)


def _total_band(sheet: Sheet) -> Band:
    """The 合计 line: label, 权重 and 得分 totals, an empty cell under 原因."""
    w = sheet.layout.widths
    widths = sheet.layout.total_widths or (sum(w[:WEIGHT]), w[WEIGHT], w[SCORE], w[REASON])
    weight, score = sheet.total
    return Band(widths, [[Cell("合计"), Cell(weight), Cell(score), Cell("")]])


def _closing_band(sheet: Sheet) -> Band:
    """评价结论, 存在问题, 改进措施 and, when printed inside, the signature line."""
    texts = {"评价结论": sheet.conclusion, "存在问题": sheet.problems, "改进措施": sheet.measures}
    rows = [[_label(sheet, label), *_span(text, GRID - 1, align="l")] for label, text in texts.items()]
    if sheet.signatures and sheet.layout.signatures_in_table:
        lead, finance = sheet.signatures
        rows.append(_span(lead, 6, align="l") + _span(finance, GRID - 6, align="l"))
    return Band(sheet.layout.widths, rows)


def _bounds(widths: Sequence[float]) -> list[float]:
    return [round(x, 3) for x in accumulate(widths, initial=0.0)]


def compose(bands: Sequence[Band]) -> tuple[tuple[float, ...], list[Row]]:
    """Put bands on the union of their column boundaries: (grid widths, grid rows)."""
    edges = sorted({x for band in bands for x in _bounds(band.widths)})
    if len({_bounds(band.widths)[-1] for band in bands}) != 1:
        raise ValueError("bands of a sheet must have the same total width")
    grid = tuple(b - a for a, b in zip(edges, edges[1:], strict=False))
    rows: list[Row] = []
    for band in bands:
        at = [edges.index(x) for x in _bounds(band.widths)]
        for row in band.rows:
            out: Row = [None] * len(grid)
            for c, cell in enumerate(row):
                if cell is not None:
                    out[at[c]] = replace(cell, colspan=at[c + cell.colspan] - at[c])
            rows.append(out)
    return grid, rows


def sheet_grid(sheet: Sheet) -> tuple[tuple[float, ...], list[Row], list[int]]:
    """Grid widths, all rows of the sheet, and the row indices a page may break before.

    The header band, the budget band and the indicator header with its first line stay
    together; after that a break may come before any row.
    """
    layout = sheet.layout
    if len(layout.widths) != GRID or sum(layout.indicator_spans) != GRID - 1:
        raise ValueError(f"{sheet.project}: layout does not fit the {GRID}-column grid")
    bands = [_head_band(sheet), _budget_band(sheet), _indicator_band(sheet), _total_band(sheet), _closing_band(sheet)]
    widths, rows = compose(bands)
    head, budget = len(bands[0].rows), len(bands[1].rows)
    breaks = [head, head + budget, *range(head + budget + 2, len(rows))]
    return widths, rows, breaks


# --------------------------------------------------------------------------- pagination


def _placed(rows: Sequence[Row]) -> Iterator[tuple[int, int, Cell]]:
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is not None:
                yield r, c, cell


def slice_rows(rows: Sequence[Row], start: int, end: int) -> list[Row]:
    """Rows ``start:end`` with merged cells cut at the slice edges.

    A merged cell running out of the slice is shortened; one running in from above is
    replaced by an empty box over the rows it still covers, as a spreadsheet prints it.
    """
    out = [list(row) for row in rows[start:end]]
    for r, c, cell in _placed(rows):
        stop = r + cell.rowspan
        if r < start < stop:
            out[0][c] = Cell("", cell.colspan, min(stop, end) - start, cell.align)
        elif start <= r < end < stop:
            out[r - start][c] = replace(cell, rowspan=end - r)
    return out


def paginate(
    widths: Sequence[float], rows: Sequence[Row], breaks: Sequence[int], size: float, first_room: float
) -> list[tuple[int, int]]:
    """Cut ``rows`` into (start, end) page slices at allowed breaks, filling each page.

    An empty slice (start == end) means the page had no room left for the next group.
    """

    def fits(start: int, end: int, room: float) -> bool:
        return sum(row_heights(widths, slice_rows(rows, start, end), size)) <= room - EPSILON

    ends = sorted({*breaks, len(rows)} - {0})
    pages: list[tuple[int, int]] = []
    start, room = 0, first_room
    while start < len(rows):
        candidates = [e for e in ends if e > start]
        best = None
        for end in candidates:
            # Slices only grow with their end, so the scan stops at the first that overflows.
            if not fits(start, end, room):
                break
            best = end
        if best is None and room < Document.full_room():
            pages.append((start, start))
        else:
            # A group taller than a whole page is drawn anyway and overflows.
            end = candidates[0] if best is None else best
            pages.append((start, end))
            start = end
        room = Document.full_room()
    return pages


def draw_sheet(doc: Document, sheet: Sheet, title_size: float = 15) -> list[int]:
    """Draw ``sheet`` from the cursor, title first; returns the pages it occupies."""
    size = sheet.layout.font_size
    doc.line(sheet.title, title_size, "c", leading=2.0)
    widths, rows, breaks = sheet_grid(sheet)
    pages = [doc.page]
    for i, (start, end) in enumerate(paginate(widths, rows, breaks, size, doc.room())):
        if i:
            doc.new_page()
            pages.append(doc.page)
        if start == end:
            continue
        body = slice_rows(rows, start, end)
        draw_table(doc, Table(widths=widths, header=[], body=body, align="c" * len(widths), font_size=size, repeat_header=False))
    if sheet.signatures and not sheet.layout.signatures_in_table:
        doc.skip(6)
        for text in sheet.signatures:
            doc.paragraph(text, 10.5, indent=0, after=0.2)
    return pages


def draw_sheets(doc: Document, sheets: Sequence[Sheet], first_on_current_page: bool = False) -> list[int]:
    """Draw each sheet starting on a fresh page; returns each sheet's first page."""
    firsts = []
    for i, sheet in enumerate(sheets):
        if i or not first_on_current_page:
            doc.new_page()
        firsts.append(draw_sheet(doc, sheet)[0])
    return firsts
