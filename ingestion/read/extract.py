"""Document extraction: one PDF in, plain records out (no database here).

Runs in a worker process. Pages are processed one at a time and released, so
memory does not grow with page count.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from ingestion.paths import stored_name, stored_path
from ingestion.read.cover import read_cover
from ingestion.read.grid import Grid, grids_on_page
from ingestion.read.headers import ColumnGroup, header_path, map_columns, three_public_category
from ingestion.read.keycolumns import roles_by_content
from ingestion.read.lines import text_lines, visible_page
from ingestion.read.nametree import NameTreeState
from ingestion.read.narrative import read_contents, read_narrative
from ingestion.read.narrative_statements import read_statements
from ingestion.read.numbers import is_small_integer, normalise_text, parse_amount, scale_to_wan
from ingestion.read.row_kinds import CAPTION, empty_note_in, is_body_row, is_caption_row
from ingestion.read.rowkeys import CODE, LabelState, SplitCodeState, split_code_and_name
from ingestion.read.sheets import SheetsResult, read_sheets
from ingestion.read.titles import CAPTION_LINE, find_numbering, find_unit, join_wrapped_titles, recognise_title, recognise_titled
from ingestion.read.unruled import read_unruled

# Tables keyed by 功能分类 codes, whose rows printed by name only are resolved under their parent.
FUNCTION_CODED_TABLES = {
    "income", "expenditure", "fiscal_appropriation_detail", "general_budget_expenditure",
    "general_budget_expenditure_detail", "general_budget_project_expenditure", "government_fund",
    "state_capital_income_expenditure", "state_capital_expenditure",
}
# Cells of a column-number row (栏次 | 1 | 2 …) repeated under a continued header band.
_COLUMN_NUMBER_WORDS = {"栏次", "行次", "类", "款", "项", "类款项"}


class ExtractionError(Exception):
    """A document that cannot be ingested; the message is one plain sentence."""

    def __init__(self, stage: str, reason: str, page_number: int | None = None):
        super().__init__(reason)
        self.stage, self.reason, self.page_number = stage, reason, page_number


@dataclass
class TableInstance:
    seq: int
    table_name: str
    title: str
    numbering: str
    kind: str  # what the title says: final_accounts, budget, or either (部门收支总表 names neither)
    unit: str
    first_page: int
    last_page: int
    groups: list[ColumnGroup]
    centres: list[float]
    n_cols: int
    note: str | None = None
    section: str | None = None
    body_rows: int = 0
    pending: tuple | None = None  # (grid, row index, row cells, column map) of a row not yet read
    figures: int = 0
    code_states: dict[int, SplitCodeState] = field(default_factory=dict)
    label_states: dict[int, LabelState] = field(default_factory=dict)
    name_trees: dict[int, NameTreeState] = field(default_factory=dict)
    spans: list[tuple[float, float]] | None = None  # column extents of a table printed without rulings
    x_extent: tuple[float, float] = (0.0, 0.0)  # left and right edge of the first grid
    carried: dict[int, str] = field(default_factory=dict)  # a group's row category, merged down over rows

    def record(self) -> dict:
        return {
            "table_seq": self.seq,
            "table_name": self.table_name,
            "title_text": self.title,
            "numbering": self.numbering,
            "amount_unit": self.unit,
            "first_page": self.first_page,
            "last_page": self.last_page,
            "is_empty": self.figures == 0,
            "empty_note": self.note,
            "figure_count": self.figures,
            "body_row_count": self.body_rows,
            "column_headers": [c.header_text for g in self.groups for c in g.columns],
        }


@dataclass
class Extraction:
    document: dict
    pages: list[dict] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)
    cells: list[dict] = field(default_factory=list)
    grid_rows: list[dict] = field(default_factory=list)
    narrative: list[dict] = field(default_factory=list)
    statements: list[dict] = field(default_factory=list)
    contents: list[dict] = field(default_factory=list)
    sheets: SheetsResult = field(default_factory=SheetsResult)
    errors: list[dict] = field(default_factory=list)


def check_file(path: str) -> None:
    """Reject what is plainly not a PDF before pdfminer sees it."""
    size = os.path.getsize(path)
    if size == 0:
        raise ExtractionError("open", "the file is empty (0 bytes)")
    with open(path, "rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise ExtractionError("open", "the file is not a PDF (no %PDF- header)")


def extract_document(path: str, document_id: str, max_pages: int = 2000) -> Extraction:
    check_file(path)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many types for broken files
        raise _open_error(exc) from exc
    with pdf:
        try:
            page_count = len(pdf.pages)
        except Exception as exc:
            raise ExtractionError("open", f"the PDF's page tree is corrupt ({type(exc).__name__})") from exc
        if page_count > max_pages:
            raise ExtractionError("limits", f"the PDF has {page_count} pages, over the limit of {max_pages}")
        reader = _DocumentReader(document_id)
        for number, page in enumerate(pdf.pages, start=1):
            try:
                reader.read_page(page, number)
            except ExtractionError:
                raise
            except Exception as exc:
                raise ExtractionError("page", f"page {number} cannot be read: {type(exc).__name__}: {exc}", number) from exc
            finally:
                page.close()
    return reader.finish(path, page_count)


def _open_error(exc: Exception) -> ExtractionError:
    # pdfplumber wraps pdfminer's exceptions; the wrapped one says what is wrong.
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc.__cause__ or exc
    if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
        return ExtractionError("open", f"the PDF is encrypted and cannot be read without its password ({type(inner).__name__})")
    if isinstance(inner, PDFSyntaxError):
        return ExtractionError("open", f"the PDF is corrupt or truncated ({inner})")
    detail = str(inner) or "no detail"
    return ExtractionError("open", f"the PDF cannot be opened, it is corrupt or truncated ({type(inner).__name__}: {detail})")


class _DocumentReader:
    def __init__(self, document_id: str):
        self.document_id = document_id
        self.out = Extraction(document={})
        self.instances: list[TableInstance] = []
        self.open_instance: TableInstance | None = None
        self.carried_title: list[str] = []  # a title printed last on a page, its table on the next
        self.title_page: int | None = None  # the page that printed the title of the grid being placed
        self.char_total = 0

    # -- pages -----------------------------------------------------------
    def read_page(self, page, number: int) -> None:
        page = visible_page(page)
        lines = join_wrapped_titles(text_lines(page))
        text = "\n".join(line["text"] for line in lines)
        self.char_total += len(page.chars)
        self.out.pages.append(
            {"page_number": number, "text": text, "char_count": len(page.chars),
             "width": float(page.width), "height": float(page.height)}
        )
        if not page.chars and page.images:
            self._error("text", "the page is an image without a text layer", number)
        grids = grids_on_page(page, number) or self._unruled_grids(page, number, lines, text)
        grids.sort(key=lambda g: g.bbox[1])
        previous_bottom = 0.0
        carried, self.carried_title = self.carried_title, []
        for index, grid in enumerate(grids):
            above = [ln["text"] for ln in lines if previous_bottom <= ln["top"] and ln["bottom"] <= grid.bbox[1] + 1]
            self.title_page = None
            if index == 0 and carried and not any(recognise_title(line) for line in above):
                above, self.title_page = carried + above, number - 1
            next_top = grids[index + 1].bbox[1] if index + 1 < len(grids) else page.height
            below = [ln["text"] for ln in lines if grid.bbox[3] - 1 <= ln["top"] < next_top]
            self._place_grid(grid, above, below, first_on_page=index == 0)
            previous_bottom = grid.bbox[3]
        if not grids and self.open_instance and lines:
            self.open_instance = None  # a page of text ends any running table
        # A title (and its 单位 line) printed below the page's last table starts the next page's table.
        trailing = [ln["text"] for ln in lines if ln["top"] >= previous_bottom - 1]
        titled = [i for i, line in enumerate(trailing) if recognise_title(line)]
        if titled and "目录" not in normalise_text(text):
            self.carried_title = trailing[titled[-1]:]

    def _unruled_grids(self, page, number: int, lines: list[dict], text: str) -> list[Grid]:
        """Tables printed without rulings: one below each title (a contents page lists titles, it
        prints no table), or a running unruled table continued at the top of this page."""
        if "目录" in normalise_text(text):
            return []
        titled = [line for line in lines if recognise_title(line["text"])]
        bounds = [line["bottom"] for line in titled] + [page.height]
        regions = [(bounds[i], bounds[i + 1], None) for i in range(len(titled))]
        running = self.open_instance
        if running and running.spans and running.last_page == number - 1:
            regions.append((0.0, titled[0]["top"] if titled else page.height, running.spans))
        grids = []
        for top, bottom, spans in regions:
            try:
                grids.append(read_unruled(page.chars, number, top, bottom, spans))
            except Exception as exc:  # one unreadable table costs that table, not the document
                self._error("table", f"page {number}: a table printed without rulings cannot be read "
                            f"({type(exc).__name__}: {exc})", number)
        return [g for g in grids if g is not None]

    def _place_grid(self, grid: Grid, above: list[str], below: list[str], first_on_page: bool) -> None:
        grid, inside = _title_rows_inside(grid)
        above = above + inside
        title = next((line for line in reversed(above) if recognise_title(line)), None)
        instance = None
        if title:
            instance = self._new_instance(title, above, grid)
        elif first_on_page and not _names_another_table(above) and self._continues(grid):
            instance = self.open_instance
            instance.last_page = grid.page_number
        self._store_grid(grid, instance)
        if instance is None:
            return
        note = grid.empty_note() or empty_note_in(below)
        if note and not instance.note:
            instance.note = note
        self._read_body(instance, grid)
        self.open_instance = instance

    def _new_instance(self, title_text: str, above: list[str], grid: Grid) -> TableInstance:
        name, numbering, kind = recognise_titled(title_text)
        unit = next((u for u in (find_unit(line) for line in above) if u), None)
        numbering = numbering or next((n for n in (find_numbering(line) for line in above) if n), "")
        header_rows = grid.header_row_count()
        paths = [header_path(texts) for texts in grid.header_paths(header_rows)]
        roles = roles_by_content(paths, grid.rows[header_rows:])
        instance = TableInstance(
            seq=len(self.instances) + 1, table_name=name, title=title_text.strip(), numbering=numbering, kind=kind,
            unit=unit or "万元", first_page=self.title_page or grid.page_number, last_page=grid.page_number,
            groups=map_columns(paths, name, roles), centres=grid.column_centres(), n_cols=grid.n_cols,
            spans=grid.spans, x_extent=(grid.bbox[0], grid.bbox[2]),
        )
        tops = {path[0] for path in paths if path}
        if len(tops) == 1 and CAPTION.match(next(iter(tops))):
            instance.section = next(iter(tops))  # the header band opens with the first section's caption
        self.instances.append(instance)
        return instance

    def _continues(self, grid: Grid) -> bool:
        instance = self.open_instance
        if instance is None or instance.last_page != grid.page_number - 1:
            return False
        # Merged cells can hide columns of a continued grid; its edges still line up with the table's.
        same_edges = all(abs(a - b) <= 3 for a, b in zip(instance.x_extent, (grid.bbox[0], grid.bbox[2])))
        return abs(grid.n_cols - instance.n_cols) <= 1 or same_edges

    def _store_grid(self, grid: Grid, instance: TableInstance | None) -> None:
        for row_index, row in enumerate(grid.rows):
            self.out.grid_rows.append({
                "page_number": grid.page_number,
                "table_seq": instance.seq if instance else None,
                "grid_top": round(grid.bbox[1], 2),
                "row_index": row_index,
                "cells": ["" if c is None else c for c in row],
            })

    # -- table bodies ----------------------------------------------------
    def _read_body(self, instance: TableInstance, grid: Grid) -> None:
        column_of = _column_map(instance, grid)
        # Each grid column's header as one text (the parts of a wrapped header joined in order).
        headers = {column_of[c.index]: "".join(c.path) for g in instance.groups for c in g.columns if c.index in column_of}
        # A continuation grid starts at its first row: a repeated header band is
        # skipped row by row below, and a cut-off fragment is not a header.
        first = grid.header_row_count() if grid.page_number == instance.first_page else 0
        for position, row_index in enumerate(range(first, len(grid.rows))):
            row = grid.rows[row_index]
            # A row cut by the page break ("301 其他工资福利支出 30.52" / "99") is
            # finished by the first row of the next page.
            if position == 0 and instance.pending and self._is_fragment(instance, row, column_of):
                self._merge_into_pending(instance, row, column_of)
                continue
            texts = {normalise_text(c) for c in row if c and normalise_text(c)}
            if _repeats_header(row, headers):
                continue
            # A caption row (二、机关运行经费) names the section of the rows below it.
            if is_caption_row(row) and not is_body_row(row):
                self._flush(instance)  # the row above belongs to the section before the caption
                instance.section = next(iter(texts))
                continue
            self._flush(instance)
            instance.body_rows += 1
            instance.pending = (grid, row_index, list(row), column_of)

    def _flush(self, instance: TableInstance) -> None:
        """Read the row held back in case the next page finishes it."""
        if instance.pending:
            grid, row_index, row, column_of = instance.pending
            instance.pending = None
            self._read_row(instance, grid, row_index, row, column_of)

    @staticmethod
    def _is_fragment(instance: TableInstance, row, column_of) -> bool:
        """A first row holding only the tail of a code or name cut by the page break."""
        pending_grid, _, pending_row, pending_map = instance.pending
        roles = {c.index: c.role for g in instance.groups for c in g.columns}
        filled = {i: normalise_text(row[j]) for i, j in column_of.items() if j < len(row) and normalise_text(row[j])}
        if not filled or any(roles.get(i) not in ("code", "code_class", "code_section", "code_item", "name")
                             for i in filled):
            return False
        for i, text in filled.items():
            if roles[i] == "code" and not (text.isdigit() and len(text) not in (3, 5, 7)):
                return False
            if roles[i] == "name":
                k = pending_map.get(i)
                before = normalise_text(pending_row[k] if k is not None and k < len(pending_row) else "")
                if not before or LabelState().resolve(before, "") != (None, None) or LabelState().resolve(text, "") != (None, None):
                    return False
        return True

    @staticmethod
    def _merge_into_pending(instance: TableInstance, row, column_of) -> None:
        _, _, pending_row, pending_map = instance.pending
        for i, j in column_of.items():
            k = pending_map.get(i)
            if k is not None and j < len(row) and row[j] and k < len(pending_row):
                pending_row[k] = normalise_text(pending_row[k]) + normalise_text(row[j])

    def _read_row(self, instance, grid, row_index, row, column_of) -> None:
        row = _labels_to_name_cells(instance, list(row), column_of)

        def cell(column) -> str:
            j = column_of.get(column.index)
            return (row[j] or "") if j is not None and j < len(row) else ""

        keys = [self._row_key(instance, group, cell) for group in instance.groups]
        figures = [any(cell(c).strip() for c in group.measure_columns()) for group in instance.groups]
        # A label cell merged across groups (公用经费合计 spanning to the last group's
        # 决算数) leaves a group with a label and no figure, then groups with a
        # figure and no key: the label moves to the group holding the figure.
        for i, (code, label) in enumerate(keys):
            if code or label or not figures[i]:
                continue
            for k in range(i - 1, -1, -1):
                if keys[k][1] and not keys[k][0] and not figures[k]:
                    keys[i], keys[k] = keys[k], (None, "")
                    break
        for group, (code, label), has_figure in zip(instance.groups, keys, figures):
            self._read_group_row(instance, group, grid, row_index, cell, column_of, (code, label, has_figure))

    def _read_group_row(self, instance, group, grid, row_index, cell, column_of, key) -> None:
        code, label, has_figure = key
        measures = group.measure_columns()
        texts = [cell(c) for c in measures]
        line_item, class_code = None, None
        if instance.table_name == "procurement":
            label = " ".join(t for t in (normalise_text(cell(c)) for c in group.key_columns()) if t)
            line_item = procurement_key(label) if has_figure or label else None
        elif not code and not label and has_figure and not any(g.key_columns() for g in instance.groups):
            line_item = "grand_total"  # a table printing only its totals row (支出预算总表: 合计 | 基本 | 项目)
        tree = instance.name_trees.setdefault(group.index, NameTreeState())
        name = group.name_column()
        indent = grid.indent(row_index, column_of.get(name.index) if name else None)
        if not code and label and not line_item:
            state = instance.label_states.setdefault(group.index, LabelState())
            line_item, class_code = state.resolve(label, group.side)
            code = class_code
            if not code and not line_item and instance.table_name in FUNCTION_CODED_TABLES:
                code = tree.resolve(label, indent)  # a name printed without its code, under its parent
        if code:
            tree.remember(code, indent)
        if not has_figure and not (code or line_item):
            return
        for column, text in zip(measures, texts):
            amount = parse_amount(text)
            item = line_item
            if instance.table_name == "three_public":
                item = column.category or three_public_category(label) or line_item
            if amount.status == "blank" and not (code or item):
                continue
            j = column_of.get(column.index)
            box = grid.cell_boxes[row_index][j] if j is not None and j < len(grid.cell_boxes[row_index]) else None
            value = amount.value
            if amount.status == "number":
                instance.figures += 1
            if amount.status == "error":
                self._error("parse", f"{instance.table_name} page {grid.page_number} row {row_index + 1} "
                            f"column {column.header_text or column.index + 1}: {amount.reason}", grid.page_number)
            self.out.cells.append({
                "table_seq": instance.seq,
                "table_name": instance.table_name,
                "page_number": grid.page_number,
                "row_index": row_index,
                "col_index": j,
                "group_index": group.index,
                "side": group.side,
                "subject_code": code,
                "row_label": label,
                "section_label": instance.section,
                "line_item": item if not code or instance.table_name == "three_public" else None,
                "header_text": column.header_text,
                "measure": column.measure,
                "value_text": amount.text,
                "value": None if value is None else str(value),
                "amount_wan": None if value is None else str(scale_to_wan(value, instance.unit)),
                "status": amount.status,
                "x0": round(box[0], 2) if box else None,
                "top": round(box[1], 2) if box else None,
            })

    @staticmethod
    def _row_key(instance: TableInstance, group: ColumnGroup, cell) -> tuple[str | None, str]:
        roles = {c.role: c for c in group.columns}
        names = [c for c in group.columns if c.role == "name"]
        label = _nested_label(instance, group, [cell(c) for c in names]) if len(names) > 1 else (
            cell(roles["name"]) if "name" in roles else "")
        code = None
        if "code" in roles:
            code, rest = split_code_and_name(cell(roles["code"]))
            if not code and rest:
                label = label or rest
            elif code and rest and not label:
                label = rest
        elif any(r in roles for r in ("code_class", "code_section", "code_item")):
            state = instance.code_states.setdefault(group.index, SplitCodeState())
            parts = [cell(roles[r]) if r in roles else "" for r in ("code_class", "code_section", "code_item")]
            # A cell merged over 类|款|项 (and the name) may hold "2080505 机关…" or "合计".
            merged, rest = split_code_and_name(parts[0])
            if rest and not any(normalise_text(p) for p in parts[1:]):
                code = merged
                label = label or rest
            else:
                code = state.resolve(*parts)
        if not code and label:
            code_in_label, rest = split_code_and_name(label)
            if code_in_label and rest:
                code, label = code_in_label, rest
        # A name wrapped in its cell is one name: join its lines without a gap.
        label = " ".join("".join(part.strip() for part in label.splitlines()).split())
        return (code if code and CODE.fullmatch(code) else None), label

    # -- document ----------------------------------------------------------
    def _error(self, stage: str, reason: str, page_number: int | None) -> None:
        self.out.errors.append({"stage": stage, "reason": reason, "page_number": page_number})

    def finish(self, path: str, page_count: int) -> Extraction:
        for instance in self.instances:
            self._flush(instance)
        if self.char_total == 0:
            raise ExtractionError("text", "the PDF has no text layer (a scanned image?); OCR is not supported")
        texts = [p["text"] for p in self.out.pages]
        cover = read_cover(texts)
        report_kind = _report_kind(self.instances, cover.report_kind)
        if report_kind is None:
            raise ExtractionError("recognise", "the PDF is not a 决算 or 预算 report: no standard table, and its first "
                                  "pages name no 决算, 部门预算 or 单位预算")
        # A 三公 table of a budget report (or titled 预算表) prints budgets, whatever its band says.
        budgets = {i.seq for i in self.instances if i.table_name == "three_public" and "budget" in (i.kind, report_kind)}
        for cell in self.out.cells:
            if cell["table_seq"] in budgets and cell["measure"] not in ("budget", "actual"):
                cell["measure"] = "budget"
        self.out.document = {
            "document_id": self.document_id,
            "source_file": stored_name(path),
            "source_path": stored_path(path),
            "file_size": os.path.getsize(path),
            "page_count": page_count,
            "unit_name": cover.unit_name,
            "fiscal_year": cover.fiscal_year,
            "report_kind": report_kind,
            "scope": cover.scope,
            "region": cover.region,
        }
        self.out.tables = [i.record() for i in self.instances]
        table_pages = frozenset(row["page_number"] for row in self.out.grid_rows)
        self.out.narrative = read_narrative(self.out.pages, cover.fiscal_year, table_pages, report_kind)
        self.out.statements = read_statements(self.out.pages, cover.fiscal_year)
        self.out.contents = read_contents(self.out.pages)
        self.out.sheets = read_sheets(self.out.pages, self.out.grid_rows)
        return self.out


def _nested_label(instance: TableInstance, group: ColumnGroup, cells: list[str]) -> str:
    """A row label printed over two name columns, category | item (一般公共预算资金 | 小计, then
    '' | 专项收入 under the same merged category cell): the item, or the category for its 小计."""
    texts = [normalise_text(c) for c in cells]
    if texts[0]:
        instance.carried[group.index] = texts[0]
    item = next((t for t in reversed(texts[1:]) if t), "")
    if not item:
        return texts[0]
    if re.fullmatch(r"小计|合计", item):
        return instance.carried.get(group.index, "") or item
    return item


def procurement_key(label: str) -> str:
    """Rows of a 政府采购预算表: its 合计, the 货物 / 工程 / 服务 subtotals, and the items."""
    text = normalise_text(label)
    if re.fullmatch(r"(合计|总计)", text):
        return "grand_total"
    category = re.match(r"^[一二三四]、(货物|工程|服务)", text)
    if category:
        return {"货物": "procurement_goods", "工程": "procurement_works", "服务": "procurement_services"}[category.group(1)]
    return "procurement_item"


def _report_kind(instances: list[TableInstance], cover_kind: str | None) -> str | None:
    """决算 or 预算: what most table titles say (a 决算 mentions 预算 everywhere, so words alone
    mislead), else what the cover says; None when the PDF is neither."""
    kinds = [i.kind for i in instances if i.kind != "either"]
    if kinds:
        return max(("final_accounts", "budget"), key=kinds.count)
    # titles of the central template name no kind (部门收支总表): the cover says it
    return cover_kind or ("budget" if instances else None)


def _title_rows_inside(grid: Grid) -> tuple[Grid, list[str]]:
    """Some offices draw the title (and 单位 line) as the first rows of the ruled table itself:
    lift those rows out as title lines when one of them is a recognised title."""
    lines: list[str] = []
    for row in grid.rows[:3]:
        texts = [normalise_text(c) for c in row if c and normalise_text(c)]
        if not texts or len(set(texts)) > 3:
            break
        if not all(recognise_title(t) or find_unit(t) or CAPTION_LINE.search(t) for t in texts):
            break
        lines.extend(dict.fromkeys(texts))
    if not any(recognise_title(line) for line in lines):
        return grid, []
    rows = next(i for i in range(len(grid.rows) + 1) if i == len(grid.rows) or
                not any(normalise_text(c) in lines for c in grid.rows[i] if c))
    return grid.without_leading_rows(rows), lines


_OTHER_TABLE_TITLE = re.compile(r"(自评表|自评情况汇总表|表)([(（]\d{4}年度?[)）])?$")


_CONTINUED = re.compile(r"[(（]?续表\d*[)）]?[:：]?")


def _names_another_table(lines: list[str]) -> bool:
    """A title above a grid that is not a standard table (绩效自评表 …) ends any running table;
    a 续表 line says the running table goes on."""
    return any(
        len(t) <= 48 and _OTHER_TABLE_TITLE.search(t) and not _CONTINUED.fullmatch(t)
        for t in (normalise_text(line) for line in lines)
    )


def _repeats_header(row: list, headers: dict[int, str]) -> bool:
    """A header band repeated inside the body (项目 | 行次 | 统计数): every printed cell is a part of
    its own column's header, a column number or 栏次. (A "0" is a figure, never a column number.)"""
    printed = [(j, normalise_text(text)) for j, text in enumerate(row) if normalise_text(text)]
    return bool(printed) and all(
        text in _COLUMN_NUMBER_WORDS or (is_small_integer(text) and text.strip("0")) or text in headers.get(j, "")
        for j, text in printed)


def _labels_to_name_cells(instance: TableInstance, row: list, column_of: dict[int, int]) -> list:
    """Words under a figure column of a group whose name cell is empty are that row's label (a label
    centred over merged cells lands there when no ruling says where the cell was)."""
    for group in instance.groups:
        column = group.name_column()
        name = column_of.get(column.index) if column else None
        if name is None or name >= len(row) or normalise_text(row[name]):
            continue
        for column in group.measure_columns():
            j = column_of.get(column.index)
            text = normalise_text(row[j]) if j is not None and j < len(row) else ""
            if text and not re.search(r"\d", text) and parse_amount(text).status == "error":
                row[name], row[j] = row[j], ""
                break
    return row


def _column_map(instance: TableInstance, grid: Grid) -> dict[int, int]:
    """Instance column index -> this grid's column index (by x-centre when counts differ)."""
    if grid.n_cols == instance.n_cols:
        return {i: i for i in range(instance.n_cols)}
    spans = grid.column_spans()
    centres = [(a + b) / 2 for a, b in spans]
    mapping: dict[int, int] = {}
    # A continued grid whose cells merge several of the table's columns (a label over name and
    # amount columns): the merged column is read once, as the leftmost column it covers.
    for j, (a, b) in enumerate(spans):
        covered = [i for i, centre in enumerate(instance.centres) if a <= centre <= b]
        if len(covered) > 1:
            mapping[covered[0]] = j
            mapping.update({i: None for i in covered[1:]})
    for i, centre in enumerate(instance.centres):
        if i not in mapping:
            mapping[i] = min(range(len(centres)), key=lambda j: abs(centres[j] - centre))
    return {i: j for i, j in mapping.items() if j is not None}
