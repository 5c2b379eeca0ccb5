"""Where a table printed without ruling lines is read: columns from the words of its body rows.

A column is the x-extent shared by the words of the body rows (rows that print a figure or a
code); header words are placed into the columns their extent covers, so a header word never
splits a column and a header spread over several columns (本年支出 over 基本 | 项目) labels each.
A column left blank in every body row keeps the extent of its header word. Rows are printed
lines (``lines``: grouped by vertical overlap), so digits on a shifted baseline stay in their row.
"""

from __future__ import annotations

import re

from ingestion.read.grid import Grid
from ingestion.read.lines import Line, Word, group_lines
from ingestion.read.numbers import figure_among, looks_figure, normalise_text
from ingestion.read.row_kinds import empty_note_in, is_body_row
from ingestion.read.rowkeys import CODE
from ingestion.read.titles import is_caption_line, recognise_title

Span = tuple[float, float]
# Column numbers and their labels (栏次 | 1 | 2 …) are never part of a header cell's text.
_COLUMN_NUMBER = re.compile(r"\d{1,2}|栏次|行次")


def _is_figure_row(words: list[Word]) -> bool:
    texts = [w.text for w in words]
    return (any(figure_among(texts, i) for i in range(len(texts)))
            or bool(texts and CODE.fullmatch(normalise_text(texts[0]))))


def _merge(spans: list[Span], gap: float = 1.0) -> list[Span]:
    merged: list[list[float]] = []
    for x0, x1 in sorted(spans):
        if merged and x0 <= merged[-1][1] + gap:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(a, b) for a, b in merged]


def _with_header_words(spans: list[Span], header: list[list[Word]]) -> list[Span]:
    """A header word over no body column labels the nearest column that has no word of its own
    in that header line (a left-set header over right-set figures); else it is a column whose
    body is blank throughout."""
    spans = list(spans)
    extra: list[Span] = []
    for line in header:
        free = [w for w in line if not any(w.x0 < b and a < w.x1 for a, b in spans)]
        taken = {j for w in line if w not in free for j in _covered(w, spans)}
        for word in free:
            nearest = min(range(len(spans)), key=lambda j: _distance(word, spans[j]), default=None)
            if nearest is not None and nearest not in taken:
                a, b = spans[nearest]
                spans[nearest] = (min(a, word.x0), max(b, word.x1))
                taken.add(nearest)
            else:
                extra.append((word.x0, word.x1))
    return sorted(spans + _merge(extra))


def _distance(word: Word, span: Span) -> float:
    return max(span[0] - word.x1, word.x0 - span[1], 0.0)


def _covered(word: Word, spans: list[Span]) -> list[int]:
    """Columns a word belongs to: those whose centre it spans, else the one it overlaps most."""
    inside = [j for j, (a, b) in enumerate(spans) if word.x0 - 1 <= (a + b) / 2 <= word.x1 + 1]
    if inside:
        return inside
    overlaps = [(min(word.x1, b) - max(word.x0, a), j) for j, (a, b) in enumerate(spans)]
    best = max(overlaps, default=(0.0, -1))
    if best[0] > 0:
        return [best[1]]
    nearest = min(range(len(spans)), key=lambda j: min(abs(spans[j][0] - word.x1), abs(spans[j][1] - word.x0)),
                  default=None)
    return [] if nearest is None else [nearest]


def _row(words: list[Word], spans: list[Span], header: bool) -> list[str]:
    """A header line's cells: a word in every column it covers."""
    cells: list[list[str]] = [[] for _ in spans]
    for word in words:
        for j in _covered(word, spans) if header else _covered(word, spans)[:1]:
            cells[j].append(word.text)
    return [" ".join(parts) for parts in cells]


def _body_row(words: list[Word], spans: list[Span]) -> tuple[list[str], list[float | None]]:
    """A body line's cells (each word in one column), and how far right of its column's leftmost
    text each cell's first word starts (names show their level so)."""
    cells: list[list[str]] = [[] for _ in spans]
    starts: list[float | None] = [None] * len(spans)
    for word in words:
        j = _covered(word, spans)[0]
        cells[j].append(word.text)
        if starts[j] is None:
            starts[j] = word.x0 - spans[j][0]
    return [" ".join(parts) for parts in cells], starts


def _tabular(spans: list[Span], body: list[list[Word]]) -> bool:
    """Printed columns, not prose: two or more columns, and figures standing in a column of their own
    (the words of a paragraph overlap from line to line and merge into one span)."""
    if len(spans) < 2:
        return False
    placed = [(_covered(w, spans)[0], looks_figure(w.text)) for line in body for w in line]
    figure_columns = {j for j, figure in placed if figure}
    key_columns = {j for j, figure in placed if not figure}
    return bool(figure_columns - key_columns) or not key_columns


def _header_only(lines: list[Line], words: list[list[Word]], page_number: int) -> Grid | None:
    """A table printed as its header band and a note (本表无数据): present and empty."""
    note = next((i for i, ln in enumerate(lines) if empty_note_in([ln.text])), None)
    if not note or not any(len(w) >= 2 for w in words[:note]):
        return None
    kept = lines[: note + 1]
    spans = _merge([(w.x0, w.x1) for line in words[:note] for w in line])
    rows = [_row(w, spans, header=True) for w in words[:note]] + [[lines[note].text] + [""] * (len(spans) - 1)]
    boxes = [[(a, ln.top, b, ln.bottom) for a, b in spans] for ln in kept]
    bbox = (min(a for a, _ in spans), kept[0].top, max(b for _, b in spans), kept[-1].bottom)
    return Grid(page_number, bbox, rows, boxes, header_rows=note, spans=spans)


def _header_rows(lines: list[list[Word]], spans: list[Span]) -> list[list[str]]:
    """The header band as rows of per-column cells. A word over one column continues the cell
    above it in that column (a wrapped header: 国有资本 / 经营预算 / 财政拨款 is one cell); a word
    centred over several columns is a band of its own (本年支出 over 基本支出 | 项目支出)."""
    pieces: list[list[tuple[str, bool]]] = [[] for _ in spans]
    parents: list[tuple[int, int]] = [(0, len(spans) - 1)] * len(spans)  # the band above each column
    own = [[_covered(word, spans) for word in line] for line in lines]
    for n, line in enumerate(lines):
        # Where the next header word of each column starts: a band stands wholly above its columns.
        below = [min((w.top for m in range(n + 1, len(lines)) for w, cols in zip(lines[m], own[m]) if j in cols),
                     default=float("inf")) for j in range(len(spans))]
        for k, word in enumerate(line):
            columns = _centred_run(word, own[n][k], spans, _room(line, own[n], k, spans, parents, below))
            for j in columns:
                parents[j] = (columns[0], columns[-1])
            joinable = len(columns) == 1 and not _COLUMN_NUMBER.fullmatch(normalise_text(word.text))
            for j in columns:
                if joinable and pieces[j] and pieces[j][-1][1]:
                    pieces[j][-1] = (pieces[j][-1][0] + word.text, True)
                else:
                    pieces[j].append((word.text, joinable))
    depth = max((len(p) for p in pieces), default=0)
    return [[p[k][0] if k < len(p) else "" for p in pieces] for k in range(depth)]


def _room(line: list[Word], own: list[list[int]], k: int, spans: list[Span], parents: list[tuple[int, int]],
          below: list[float]) -> set[int]:
    """Columns word ``k`` of a header line may head as a band: under the same band as its own
    columns, on its side of the half-way points to its neighbours on the line, not headed by
    another word of the line, and with their own header words wholly below it."""
    word, columns = line[k], own[k]
    if not columns:
        return set()
    centre = (word.x0 + word.x1) / 2
    left_limit = max([(centre + (w.x0 + w.x1) / 2) / 2 for w in line if w.x1 <= word.x0], default=float("-inf"))
    right_limit = min([(centre + (w.x0 + w.x1) / 2) / 2 for w in line if w.x0 >= word.x1], default=float("inf"))
    taken = {j for m, other in enumerate(own) if m != k for j in other}
    band = parents[columns[0]]
    room = set(columns)
    for step in (-1, 1):
        j = (min(columns) if step < 0 else max(columns)) + step
        while 0 <= j < len(spans) and j not in taken and parents[j] == band and below[j] >= word.bottom - 0.5 \
                and left_limit < (spans[j][0] + spans[j][1]) / 2 < right_limit:
            room.add(j)
            j += step
    return room


def _centred_run(word: Word, columns: list[int], spans: list[Span], room: set[int]) -> list[int]:
    """A header word printed centred over a group of columns heads them all: the widest run of
    columns in its ``room`` around its own whose middle (columns bounded half-way between their
    printed extents) is the word's middle."""
    if not columns or len(room) == len(columns):
        return columns
    low, high = min(columns), max(columns)
    left, right = min(room), max(room)
    inner = [(spans[j][1] + spans[j + 1][0]) / 2 for j in range(len(spans) - 1)]
    # The outer cells reach as far beyond their text as the inner ones do, on average.
    pad = sum(spans[j + 1][0] - spans[j][1] for j in range(len(spans) - 1)) / (2 * max(1, len(spans) - 1))
    bounds = [spans[0][0] - pad] + inner + [spans[-1][1] + pad]
    centre, best = (word.x0 + word.x1) / 2, columns
    for a in range(left, low + 1):
        for b in range(high, right + 1):
            width = bounds[b + 1] - bounds[a]
            if abs((bounds[a] + bounds[b + 1]) / 2 - centre) <= max(4.0, 0.06 * width) and b - a + 1 > len(best):
                best = list(range(a, b + 1))
    return best


def _fits(words: list[Word], spans: list[Span]) -> bool:
    """A printed line that stands in the columns of a running table (prose runs across them)."""
    return bool(words) and all(len(_covered(w, spans)) == 1 for w in words)


def read_unruled(chars: list[dict], page_number: int, top: float, bottom: float,
                 spans: list[Span] | None = None) -> Grid | None:
    """The table printed between ``top`` and ``bottom``; ``spans`` continue a table's columns."""
    lines = [ln for ln in group_lines([c for c in chars if top <= (c["top"] + c["bottom"]) / 2 < bottom])
             if ln.text.strip()]
    lines = [ln for ln in lines if not (recognise_title(ln.text) or is_caption_line(ln.text))]
    words = [ln.words for ln in lines]
    body = [i for i, w in enumerate(words) if _is_figure_row(w) or is_body_row([x.text for x in w])]
    if not body:
        return _header_only(lines, words, page_number) if spans is None else None
    first, last = body[0], body[-1]
    if spans is None:
        spans = _with_header_words(_merge([(w.x0, w.x1) for i in range(first, last + 1) for w in words[i]]),
                                   words[:first])
        if not _tabular(spans, words[first:last + 1]):
            return None
        header = _header_rows(words[:first], spans)
        band = (lines[0].top, lines[first - 1].bottom) if first else (0.0, 0.0)
    else:
        # A continued table: lines from the top of the page while they stand in its columns
        # (a repeated header band is skipped as such when the body is read).
        fitting = [i for i in range(len(lines)) if _fits(words[i], spans)]
        run = next((k for k, i in enumerate(fitting) if i != k), len(fitting))
        body = [i for i in body if i < run]
        if not body or not any(_is_figure_row(words[i]) for i in body):
            return None
        header, band, first, last = [], (0.0, 0.0), 0, body[-1]
    body_rows = [_body_row(words[i], spans) for i in range(first, last + 1)]
    rows = header + [cells for cells, _ in body_rows]
    boxes = [[(a, band[0], b, band[1]) for a, b in spans] for _ in header]
    boxes += [[(a, ln.top, b, ln.bottom) for a, b in spans] for ln in lines[first:last + 1]]
    top_edge = band[0] if header else lines[first].top
    bbox = (min(a for a, _ in spans), top_edge, max(b for _, b in spans), lines[last].bottom)
    indents = [[None] * len(spans) for _ in header] + [starts for _, starts in body_rows]
    return Grid(page_number, bbox, rows, boxes, header_rows=len(header), spans=spans, indents=indents)
