"""Reusable ReportLab helpers for typesetting 决算 reports.

Only the built-in CID font ``STSong-Light`` is used, so no system font is needed and the text
layer decodes to proper Unicode.  The canvas runs in invariant mode, which fixes the creation
date and document id: the same input always yields the same bytes.

Tables are drawn as boxed cells (every cell gets its own rectangle), which is what
pdfplumber's default ``lines`` strategy needs to find them.  Merged cells are boxed once over
their whole span, so pdfplumber reports them at their top-left position and ``None`` in the
positions they cover.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 36.0
MARGIN_TOP = 48.0
MARGIN_BOTTOM = 56.0
FOOTER_Y = 30.0

# A line must not start with closing punctuation (禁则); the previous character moves down too.
NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)%")
# ASCII runs (figures such as 1,069.86, dates, codes) are kept whole when wrapping.
TOKEN = re.compile(r"[A-Za-z0-9.,%+\-/]+|.", re.S)
# Runs drawn in the Latin font when a document mixes fonts: digits with their separators.
DIGIT_RUN = re.compile(r"[0-9][0-9.,%]*|[-.][0-9][0-9.,%]*")
DIGIT_RUN_SPLIT = re.compile(r"[0-9][0-9.,%]*|[-.][0-9][0-9.,%]*|[^0-9]+?(?=[-.]?[0-9]|$)", re.S)


@cache
def register_fonts() -> None:
    """Register the CID font once per process."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def text_width(text: str, size: float) -> float:
    register_fonts()  # measuring needs the font even before any Document exists
    return pdfmetrics.stringWidth(text, FONT, size)


def wrap(text: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width``; ``\\n`` forces a break."""
    lines: list[str] = []
    for hard_line in text.split("\n"):
        lines.extend(_wrap_one(hard_line, size, width))
    return lines


def _wrap_one(text: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for token in _tokens(text, size, width):
        if not line or text_width(line + token, size) <= width:
            line += token
            continue
        if token[0] in NO_LINE_START and len(line) > 1:
            lines.append(line[:-1])
            line = line[-1] + token
        else:
            lines.append(line.rstrip())
            line = token.lstrip()
    lines.append(line)
    return lines


def _tokens(text: str, size: float, width: float) -> list[str]:
    """Split into wrap units; an ASCII run wider than the line is split per character."""
    tokens: list[str] = []
    for token in TOKEN.findall(text):
        if len(token) > 1 and text_width(token, size) > width:
            tokens.extend(token)
        else:
            tokens.append(token)
    return tokens


class Document:
    """An A4 canvas with a text cursor, page numbers and simple flow layout."""

    def __init__(self, path: str, title: str, author: str = "") -> None:
        register_fonts()
        self.canvas = canvas.Canvas(path, pagesize=A4, invariant=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor(author)
        self.canvas.setCreator("juesuan corpus generator")
        self.page = 1
        self.y = PAGE_HEIGHT - MARGIN_TOP
        # (Latin font, baseline shift in ems): digit runs are drawn in that font, shifted down by that
        # fraction of the font size (corpus.traits' mixed fonts); None draws every character in FONT.
        self.digits: tuple[str, float] | None = None

    @property
    def left(self) -> float:
        return MARGIN_X

    @property
    def width(self) -> float:
        return PAGE_WIDTH - 2 * MARGIN_X

    def room(self) -> float:
        """Vertical space left above the bottom margin."""
        return self.y - MARGIN_BOTTOM

    @staticmethod
    def full_room() -> float:
        return PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def new_page(self) -> None:
        self._footer()
        self.canvas.showPage()
        self.page += 1
        self.y = PAGE_HEIGHT - MARGIN_TOP

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` still fits on this one."""
        if height > self.room():
            self.new_page()

    def skip(self, height: float) -> None:
        self.y -= height

    def close(self) -> None:
        self._footer()
        self.canvas.showPage()
        self.canvas.save()

    def _footer(self) -> None:
        self.text_at(str(self.page), 9, PAGE_WIDTH / 2, FOOTER_Y, "c")

    def text_at(self, text: str, size: float, x: float, baseline: float, align: str) -> None:
        if self.digits:
            self._mixed_text_at(text, size, x, baseline, align)
            return
        self.canvas.setFont(FONT, size)
        if align == "c":
            self.canvas.drawCentredString(x, baseline, text)
        elif align == "r":
            self.canvas.drawRightString(x, baseline, text)
        else:
            self.canvas.drawString(x, baseline, text)

    def _mixed_text_at(self, text: str, size: float, x: float, baseline: float, align: str) -> None:
        """Digit runs in the Latin font with their baseline shifted, the rest in FONT."""
        font, shift = self.digits
        runs = [(run, font if DIGIT_RUN.fullmatch(run) else FONT) for run in DIGIT_RUN_SPLIT.findall(text)]
        widths = [pdfmetrics.stringWidth(run, f, size) for run, f in runs]
        total = sum(widths)
        left = x - total if align == "r" else x - total / 2 if align == "c" else x
        for (run, f), width in zip(runs, widths):
            self.canvas.setFont(f, size)
            self.canvas.drawString(left, baseline - (shift * size if f != FONT else 0), run)
            left += width

    def line(self, text: str, size: float, align: str = "l", leading: float = 1.5) -> None:
        """One unwrapped line at the cursor, aligned left, centre or right of the text area."""
        self.ensure(size * leading)
        x = {"l": self.left, "c": self.left + self.width / 2, "r": self.left + self.width}[align]
        self.text_at(text, size, x, self.y - size, align)
        self.y -= size * leading

    def spread(
        self,
        left: str,
        centre: str,
        right: str,
        size: float,
        x: float | None = None,
        width: float | None = None,
    ) -> None:
        """Three pieces on one line: flush left, centred and flush right (unit / year / 单位).

        ``x`` and ``width`` default to the text area.
        """
        x = self.left if x is None else x
        width = self.width if width is None else width
        self.ensure(size * 1.6)
        baseline = self.y - size
        self.text_at(left, size, x, baseline, "l")
        self.text_at(centre, size, x + width / 2, baseline, "c")
        self.text_at(right, size, x + width, baseline, "r")
        self.y -= size * 1.6

    def paragraph(self, text: str, size: float, indent: int = 2, leading: float = 1.6, after: float = 0.4) -> None:
        """Wrapped text; the first line is indented by ``indent`` full-width characters."""
        # Ideographic spaces (one em each in STSong) reserve the indent while wrapping.
        lines = wrap("\u3000" * indent + text, size, self.width)
        for i, text_line in enumerate(lines):
            self.ensure(size * leading)
            x = self.left + (indent * size if i == 0 else 0)
            self.text_at(text_line.lstrip("\u3000"), size, x, self.y - size, "l")
            self.y -= size * leading
        self.y -= size * after

    def leader_line(self, text: str, page: str, size: float, indent: float = 0) -> None:
        """A table-of-contents entry: text, dot leaders, right-aligned page number."""
        self.ensure(size * 1.8)
        baseline = self.y - size
        x = self.left + indent * size
        self.text_at(text, size, x, baseline, "l")
        self.text_at(page, size, self.left + self.width, baseline, "r")
        start = x + text_width(text, size) + size / 2
        end = self.left + self.width - text_width(page, size) - size / 2
        dot = text_width(".", size)
        if end > start:
            self.text_at("." * int((end - start) / dot), size, start, baseline, "l")
        self.y -= size * 1.8


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Cell:
    """A table cell; ``None`` marks the grid positions a merged cell covers."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    align: str | None = None
    indent: float = 0.0  # points added to the left padding (hierarchy by indentation)


RowSpec = Sequence["str | Cell | None"]


@dataclass
class Table:
    """A ruled table: column widths (points), header rows and body rows of equal length.

    ``align`` gives the body alignment per column ("l", "c", "r"); header cells are centred.
    ``break_after`` holds body row indices after which a page break is forced.
    """

    widths: Sequence[float]
    header: Sequence[RowSpec]
    body: Sequence[RowSpec]
    align: Sequence[str]
    font_size: float = 9.0
    repeat_header: bool = True
    break_after: frozenset[int] = field(default_factory=frozenset)
    ruling: str = "full"  # full: a box per cell | none: no lines | segments: each border in short pieces
    continued_label: str = ""  # a line (续表) printed above the table on each continuation page


@dataclass(frozen=True)
class _Placed:
    row: int
    col: int
    cell: Cell


@dataclass
class _Grid:
    """Rows of a table with their cells placed and their heights computed."""

    placed: list[_Placed]
    heights: list[float]


PAD_X = 3.0
PAD_Y = 3.0
LEADING = 1.25


def _place(rows: Sequence[RowSpec], ncols: int, header: bool) -> list[_Placed]:
    """Turn row specs into placed cells, checking that spans and ``None`` markers agree."""
    covered: set[tuple[int, int]] = set()
    placed: list[_Placed] = []
    for r, row in enumerate(rows):
        if len(row) != ncols:
            raise ValueError(f"row {r} has {len(row)} cells, expected {ncols}: {row!r}")
        for c, spec in enumerate(row):
            if spec is None:
                if (r, c) not in covered:
                    raise ValueError(f"row {r} col {c}: None outside any merged cell")
                continue
            if (r, c) in covered:
                raise ValueError(f"row {r} col {c}: cell inside a merged cell")
            cell = Cell(spec) if isinstance(spec, str) else spec
            if header and cell.align is None:
                cell = replace(cell, align="c")
            covered |= {(r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan) if dr or dc}
            placed.append(_Placed(r, c, cell))
    return placed


def _span_width(table: Table, p: _Placed) -> float:
    return sum(table.widths[p.col : p.col + p.cell.colspan])


def _cell_lines(table: Table, p: _Placed) -> list[str]:
    if not p.cell.text:
        return []
    return wrap(p.cell.text, table.font_size, _span_width(table, p) - 2 * PAD_X - p.cell.indent)


def _grid(table: Table, rows: Sequence[RowSpec], header: bool) -> _Grid:
    placed = _place(rows, len(table.widths), header)
    heights = _heights([(p.row, p.col, p.cell) for p in placed], len(rows), table.widths, table.font_size)
    return _Grid(placed, heights)


@cache
def _line_count(text: str, size: float, width: float) -> int:
    # Memoised: a typesetter planning page breaks measures the same cells for every candidate slice.
    return max(1, len(wrap(text, size, width))) if text else 1


def _heights(placed: Sequence[tuple[int, int, Cell]], nrows: int, widths: Sequence[float], size: float) -> list[float]:
    line_h = size * LEADING
    heights = [line_h + 2 * PAD_Y] * nrows

    def need(c: int, cell: Cell) -> float:
        width = sum(widths[c : c + cell.colspan]) - 2 * PAD_X - cell.indent
        return _line_count(cell.text, size, width) * line_h + 2 * PAD_Y

    for r, c, cell in placed:
        if cell.rowspan == 1:
            heights[r] = max(heights[r], need(c, cell))
    # A merged cell taller than the rows it spans stretches the last of them.
    for r, c, cell in placed:
        if cell.rowspan > 1:
            last = r + cell.rowspan - 1
            deficit = need(c, cell) - sum(heights[r : last + 1])
            if deficit > 0:
                heights[last] += deficit
    return heights


def row_heights(widths: Sequence[float], rows: Sequence[RowSpec], size: float) -> list[float]:
    """Row heights exactly as `draw_table` computes them, for a typesetter planning its page breaks.
    ``rows`` may be a slice of a table: a ``None`` is a cell some merged cell covers, checked or not."""
    placed = [(r, c, Cell(spec) if isinstance(spec, str) else spec)
              for r, row in enumerate(rows) for c, spec in enumerate(row[: len(widths)]) if spec is not None]
    return _heights(placed, len(rows), widths, size)


def _blocks(grid: _Grid, nrows: int) -> list[list[int]]:
    """Group rows so that no row-spanning cell is cut by a page break."""
    reach = list(range(nrows))
    for p in grid.placed:
        reach[p.row] = max(reach[p.row], p.row + p.cell.rowspan - 1)
    blocks: list[list[int]] = []
    start, end = 0, -1
    for r in range(nrows):
        end = max(end, reach[r])
        if r == end:
            blocks.append(list(range(start, r + 1)))
            start = r + 1
    return blocks


def _paginate(table: Table, body: _Grid, header_h: float, first_room: float) -> list[list[int]]:
    """Distribute body rows over pages, honouring forced breaks and the available height."""
    pages: list[list[int]] = [[]]
    room = first_room - header_h
    for block in _blocks(body, len(table.body)):
        height = sum(body.heights[r] for r in block)
        current = pages[-1]
        if current and (height > room or current[-1] in table.break_after):
            pages.append([])
            room = Document.full_room() - (header_h if table.repeat_header else 0) - continued_height(table)
        pages[-1].extend(block)
        room -= height
    return pages


def continued_height(table: Table) -> float:
    """Height of the 续表 line a continuation page prints above the table (0 without one)."""
    return CONTINUED_SIZE * CONTINUED_LEADING if table.continued_label else 0.0


CONTINUED_SIZE = 9.0
CONTINUED_LEADING = 1.5
SEGMENT = 6.0  # length of one piece of a segmented ruling


def table_left(doc: Document, table: Table) -> float:
    """Tables narrower than the text area are centred, as in the printed reports."""
    return doc.left + max(0.0, (doc.width - sum(table.widths)) / 2)


def _draw_rows(doc: Document, table: Table, grid: _Grid, rows: list[int]) -> None:
    """Draw the given contiguous rows of ``grid`` with their top at the cursor."""
    if not rows:
        return
    tops: dict[int, float] = {}
    y = doc.y
    for r in rows:
        tops[r] = y
        y -= grid.heights[r]
    x0 = table_left(doc, table)
    lefts = [x0 + sum(table.widths[:c]) for c in range(len(table.widths))]
    for p in grid.placed:
        if p.row in tops:
            height = sum(grid.heights[p.row : p.row + p.cell.rowspan])
            _draw_cell(doc, table, p, lefts[p.col], tops[p.row], height)
    doc.y = y


def _draw_cell(doc: Document, table: Table, p: _Placed, x: float, top: float, h: float) -> None:
    c = doc.canvas
    w = _span_width(table, p)
    c.setLineWidth(0.5)
    if table.ruling == "full":
        c.rect(x, top - h, w, h, stroke=1, fill=0)
    elif table.ruling == "segments":
        _segmented_box(c, x, top - h, w, h)
    lines = _cell_lines(table, p)
    size = table.font_size
    line_h = size * LEADING
    align = p.cell.align or table.align[p.col]
    block_top = top - (h - len(lines) * line_h) / 2
    for i, text in enumerate(lines):
        # Centre of the line box, shifted down to the baseline of a CJK glyph.
        baseline = block_top - (i + 0.5) * line_h - size * 0.35
        if align == "r":
            doc.text_at(text, size, x + w - PAD_X, baseline, "r")
        elif align == "c":
            doc.text_at(text, size, x + w / 2, baseline, "c")
        else:
            doc.text_at(text, size, x + PAD_X + p.cell.indent, baseline, "l")


def _segmented_box(c, x: float, y: float, w: float, h: float) -> None:
    """A cell's four borders, each drawn as separate pieces of at most SEGMENT points (a Word export)."""
    for x0, y0, x1, y1 in ((x, y, x + w, y), (x, y + h, x + w, y + h), (x, y, x, y + h), (x + w, y, x + w, y + h)):
        length = math.hypot(x1 - x0, y1 - y0)
        pieces = max(1, math.ceil(length / SEGMENT))
        for k in range(pieces):
            a, b = k / pieces, (k + 1) / pieces
            c.line(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a, x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)


def draw_table(doc: Document, table: Table) -> None:
    """Draw ``table`` at the cursor, continuing on new pages as needed.

    Continuation pages carry no title (the caller only draws it once) and repeat the header
    rows only when ``table.repeat_header`` is set.
    """
    header = _grid(table, table.header, header=True)
    body = _grid(table, table.body, header=False)
    header_rows = list(range(len(table.header)))
    header_h = sum(header.heights)
    first_block = _blocks(body, len(table.body))[0] if table.body else []
    doc.ensure(header_h + sum(body.heights[r] for r in first_block))
    for i, rows in enumerate(_paginate(table, body, header_h, doc.room())):
        if i:
            doc.new_page()
            if table.continued_label:
                doc.line(table.continued_label, CONTINUED_SIZE, "l", leading=CONTINUED_LEADING)
        if i == 0 or table.repeat_header:
            _draw_rows(doc, table, header, header_rows)
        _draw_rows(doc, table, body, rows)
