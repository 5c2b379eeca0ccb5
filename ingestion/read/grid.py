"""Where a ruled table's grid is read off a page: cell texts, header band, column paths."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ingestion.read.lines import text_in
from ingestion.read.row_kinds import empty_note_in, is_body_row, is_caption_row
from ingestion.read.rulings import find_ruled_tables


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
