"""The table model: printed figures with their keys (Figure, Amt, TableModel), money formatting and the
row Builder the table builders share."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from corpus.render import Cell, Table
from corpus.synthetic.families import DocContext

# --------------------------------------------------------------------------- table model

@dataclass
class Figure:
    """One printed figure cell, keyed the way the warehouse keys it (docs/CONTRACT.md, 'fct_budget_line keys')."""

    row: int  # body row index
    col: int
    group: int
    side: str
    code: str | None
    item: str | None
    label: str
    header: str
    measure: str
    cents: int | None  # printed value in hundredths of 万元; None for a blank or "——" cell
    text: str
    true_cents: int | None = None  # set when an injected error changed the printed value
    page: int = 0


@dataclass
class Amt:
    """An amount placed in a row spec; ``text`` overrides the printed text (——)."""

    cents: int | None
    text: str | None = None


@dataclass
class TableModel:
    canonical: str
    title: str
    number: str  # printed numbering (财决公开01表), '' when the family prints none
    table: Table
    figures: list[Figure]
    header_paths: list[str]
    notes: list[str] = field(default_factory=list)
    landscape: bool = False
    money_unit: str = "万元"
    empty_note: str | None = None
    row_pages: list[int] = field(default_factory=list)  # page of each body row, set when laid out
    first_page: int = 0
    row_index: list[int] = field(default_factory=list)  # raw mode: grid row index of each body row on its page
    row_top: list[float] = field(default_factory=list)
    col_left: list[float] = field(default_factory=list)
    unit_label: str | None = None  # the unit its header line names, when not the report's (corpus.mutations)


def money(cents: int, unit: str = "万元", sep: bool = True) -> str:
    """1069.86 万元 as printed: ``1,069.86`` (``10,698,600.00`` when the table is in 元)."""
    value = cents * 100 if unit == "元" else cents
    sign = "-" if value < 0 else ""
    whole, frac = divmod(abs(value), 100)
    if unit == "元":
        whole, frac = abs(value), 0
    return f"{sign}{whole:,}.{frac:02d}" if sep else f"{sign}{whole}.{frac:02d}"


def spaced(text: str) -> str:
    """Hubei's 支出决算表 spacing quirk: ``2, 156. 82``."""
    return text.replace(",", ", ").replace(".", ". ")


def normalise(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def header_paths(header: Sequence[Sequence[str | Cell | None]], ncols: int) -> list[str]:
    """Each column's header path as the extractor joins it: cells covering the column top-down,
    normalised, without column numbers and 栏次, consecutive repeats dropped."""
    paths: list[list[str]] = [[] for _ in range(ncols)]
    for row in header:
        for c, spec in enumerate(row):
            if spec is None:
                continue
            cell = Cell(spec) if isinstance(spec, str) else spec
            text = re.sub(r"栏次$", "", normalise(cell.text))
            if not text or re.fullmatch(r"\d{1,2}", text):
                continue
            for k in range(c, c + cell.colspan):
                if not paths[k] or paths[k][-1] != text:
                    paths[k].append(text)
    return ["/".join(p) for p in paths]


class Builder:
    """Collects body rows of a table and the figures they print."""

    def __init__(self, doc: DocContext, canonical: str, widths: Sequence[float], header: list, align: str,
                 font: float = 8.0, blank_zero: bool | None = None, spaced_figures: bool = False):
        self.doc, self.canonical = doc, canonical
        self.widths, self.header, self.align, self.font = list(widths), header, align, font
        self.paths = header_paths(header, len(widths))
        self.columns: dict[int, tuple[int, str, str]] = {}  # col -> (group, side, measure)
        self.body: list[list] = []
        self.figures: list[Figure] = []
        self.blank_zero = doc.family.blank_zero if blank_zero is None else blank_zero
        self.spaced = spaced_figures

    def measure(self, col: int, measure: str, group: int = 0, side: str = "") -> None:
        self.columns[col] = (group, side, measure)

    def measures(self, first_col: int, measures: Sequence[str], group: int = 0, side: str = "") -> None:
        for offset, measure in enumerate(measures):
            self.measure(first_col + offset, measure, group, side)

    def add(self, cells: list, keys: dict[int, tuple[str | None, str | None, str]] | None = None) -> None:
        """Append a row; ``Amt`` cells become printed figures keyed by their group's key."""
        keys = keys or {}
        row_index = len(self.body)
        printed: list = []
        for col, spec in enumerate(cells):
            if not isinstance(spec, Amt):
                printed.append(spec)
                continue
            text = self.text_of(spec)
            printed.append(text)
            group, side, measure = self.columns[col]
            code, item, label = keys.get(group, (None, None, ""))
            cents = spec.cents if text and text != "——" else None
            self.figures.append(Figure(row_index, col, group, side, code, item, label, self.paths[col], measure,
                                       cents, text))
        self.body.append(printed)

    def text_of(self, amount: Amt) -> str:
        if amount.text is not None:
            return amount.text
        layout = self.doc.layout
        if layout is not None and amount.cents is not None:  # corpus.traits: a trait's zeros and money format
            text = layout.figure_text(amount.cents, self.doc.money_unit)
            if text is not None:
                return spaced(text) if self.spaced and text else text
        if amount.cents is None or (amount.cents == 0 and self.blank_zero):
            return ""
        text = money(amount.cents, self.doc.money_unit)
        return spaced(text) if self.spaced else text

    def build(self, title: str, number: str, notes: Sequence[str] = (), landscape: bool = False,
              repeat_header: bool = True, empty_note: str | None = None) -> TableModel:
        table = Table(widths=self.widths, header=self.header, body=self.body, align=self.align,
                      font_size=self.font, repeat_header=repeat_header)
        return TableModel(self.canonical, title, number, table, self.figures, self.paths, list(notes), landscape,
                          self.doc.money_unit, empty_note)


def cell_text(spec) -> str:
    """The text a body cell prints (a Cell, plain text or None)."""
    if spec is None:
        return ""
    return spec.text if isinstance(spec, Cell) else str(spec)


def rename_row(model: TableModel, row: int, col: int, fig: Figure, new_label: str) -> str:
    """Print ``new_label`` in the name cell (``col``) of a coded row and on the row's figures of that
    code; returns the label it replaced."""
    old_label = fig.label
    spec = model.table.body[row][col]
    model.table.body[row][col] = replace(spec, text=new_label) if isinstance(spec, Cell) else new_label
    for f in model.figures:
        if f.row == row and f.code == fig.code and f.label == old_label:
            f.label = new_label
    return old_label
