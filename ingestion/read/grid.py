"""Where a ruled table's grid is read off a page: cell texts, header band, column paths."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ingestion.read.lines import text_in
from ingestion.read.numbers import figure_among, normalise_text, parse_amount
from ingestion.read.rowkeys import CLASS_NAMES, CODE, clean_label
from ingestion.read.rulings import find_ruled_tables

# A row that opens the body of a table: a code, a fixed label, or a figure.
_BODY_LABEL = re.compile(
    r"^(合计|总计|本年收入合计|本年支出合计|人员经费合计|公用经费合计|"
    r"一般公共预算财政拨款(收入)?|政府性基金预算财政拨款(收入)?|国有资本经营预算财政拨款(收入)?|"
    r"上级补助收入|事业收入|经营收入|其他收入)"
)
_NO_DATA = re.compile(r"本表无数据|无数据")
_EMPTY_NOTE = re.compile(r"本表无数据|无数据|本年度(没有|无)|没有.{0,20}(收入|支出|数据)|无.{0,12}(收入|支出)|空表")


@dataclass
class Grid:
    """One table as found on one page."""

    page_number: int
    bbox: tuple[float, float, float, float]
    rows: list[list[str | None]]
    cell_boxes: list[list[tuple[float, float, float, float] | None]]
    header_rows: int | None = None  # known from geometry (unruled tables); else found row by row
    indents: list[list[float | None]] | None = None  # how far right of its cell's left edge each text starts
    spans: list[tuple[float, float]] | None = None  # an unruled table's column extents, for its continuation

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def column_spans(self) -> list[tuple[float, float]]:
        """x-extent of each column, from its narrowest cell (merged cells are wider)."""
        spans = []
        for j in range(self.n_cols):
            boxes = [row[j] for row in self.cell_boxes if j < len(row) and row[j]]
            narrow = min(boxes, key=lambda b: b[2] - b[0]) if boxes else (0, 0, 0, 0)
            spans.append((narrow[0], narrow[2]))
        return spans

    def column_centres(self) -> list[float]:
        """x-centre of each column, from its narrowest cell (merged cells are wider)."""
        return [(a + b) / 2 for a, b in self.column_spans()]

    def header_row_count(self) -> int:
        if self.header_rows is not None:
            return self.header_rows
        for i, row in enumerate(self.rows):
            # A caption row (一、政府采购情况) under the header opens the body's first section.
            if is_body_row(row) or (i > 0 and is_caption_row(row)):
                return i
        return len(self.rows)

    def header_paths(self, header_rows: int) -> list[list[str | None]]:
        """For each column, the header cells above it whose span covers its centre."""
        centres = self.column_centres()
        texts: list[list[str | None]] = [[] for _ in centres]
        for i in range(header_rows):
            for j, box in enumerate(self.cell_boxes[i]):
                if box is None:
                    continue
                text = self.rows[i][j]
                for k, centre in enumerate(centres):
                    if box[0] - 0.5 <= centre <= box[2] + 0.5:
                        texts[k].append(text)
        return texts

    def without_leading_rows(self, count: int) -> Grid:
        header = None if self.header_rows is None else max(0, self.header_rows - count)
        indents = self.indents[count:] if self.indents else None
        return Grid(self.page_number, self.bbox, self.rows[count:], self.cell_boxes[count:], header, self.spans, indents)

    def indent(self, row_index: int, column: int | None) -> float | None:
        if self.indents is None or column is None or row_index >= len(self.indents) or column >= len(self.indents[row_index]):
            return None
        return self.indents[row_index][column]

    def empty_note(self) -> str | None:
        return empty_note_in([cell for row in self.rows for cell in row if cell])


CAPTION = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))")


def is_caption_row(row: list[str | None]) -> bool:
    """One enumerated caption (二、机关运行经费) across the row, nothing else."""
    texts = {normalise_text(c) for c in row if c and normalise_text(c)}
    return len(texts) == 1 and bool(CAPTION.match(next(iter(texts))))


def is_body_row(row: list[str | None]) -> bool:
    cells = [normalise_text(c) for c in row if c]
    if not cells:
        return False
    if any(figure_among(cells, i) for i in range(len(cells))):
        return True
    if any(CODE.fullmatch(c) or re.match(r"^\d{3}(\d{2}){0,2}[\u4e00-\u9fff]", c) for c in cells):
        return True
    # A fixed label opens the body only when the row holds no other header words
    # (a 三公 header band also starts with "合计").
    label = clean_label(cells[0])
    if len(cells) > 2 and not all(parse_amount(c).status in ("number", "not_applicable") for c in cells[1:]):
        return False  # other words: a header band (三公 header bands open with 合计 too)
    return bool(_BODY_LABEL.match(label)) or label in CLASS_NAMES


def grids_on_page(page, page_number: int) -> list[Grid]:
    """The ruled tables of a page (pages that draw none are read by ``unruled``)."""
    tables = [t for t in find_ruled_tables(page) if len(t.rows[0].cells) >= 2 and len(t.rows) >= 1]
    grids = [_grid(t, page_number, page.chars) for t in tables]
    # A one-row box is a table only when it prints a figure: the 合计 row a table's last page
    # holds alone; a framed caption or note is not.
    return [g for g in grids if len(g.rows) >= 2 or is_body_row(g.rows[0])]


def _grid(table, page_number: int, chars: list[dict]) -> Grid:
    boxes = [list(r.cells) for r in table.rows]
    texts, indents = cell_texts(boxes, chars)
    return Grid(page_number, tuple(table.bbox), texts, boxes, indents=indents)


def cell_texts(boxes: list[list[tuple | None]], chars: list[dict]) -> tuple[list[list[str | None]], list[list[float | None]]]:
    """Each cell's text, its lines grouped by vertical overlap (``lines``), a glyph placed by its centre;
    and how far right of the cell's left edge the text starts (names show their level so)."""
    centred = sorted((((c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2, c) for c in chars), key=lambda t: t[0])
    mids = [t[0] for t in centred]
    rows: list[list[str | None]] = []
    indents: list[list[float | None]] = []
    for row in boxes:
        texts: list[str | None] = []
        starts: list[float | None] = []
        for box in row:
            if box is None:
                texts.append(None)
                starts.append(None)
                continue
            x0, top, x1, bottom = box
            inside = [c for v, h, c in centred[bisect_left(mids, top):bisect_left(mids, bottom)] if x0 <= h < x1]
            texts.append(text_in(inside))
            printed = [c["x0"] for c in inside if c["text"].strip()]
            starts.append(min(printed) - x0 if printed else None)
        rows.append(texts)
        indents.append(starts)
    return rows, indents


def empty_note_in(lines: list[str]) -> str | None:
    """The line declaring a table empty; an explicit 本表无数据 beats instructions."""
    cleaned = [normalise_text(line) for line in lines]
    for pattern in (_NO_DATA, _EMPTY_NOTE):
        for line in cleaned:
            if pattern.search(line):
                return line
    return None
