"""The raw writer: the same documents written straight into the warehouse's ``raw`` schema (page
numbers and positions estimated by a virtual layout; figures and keys exact)."""

from __future__ import annotations

import hashlib
import math
import multiprocessing as mp
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from corpus.render import LEADING, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAD_X, PAD_Y, PAGE_HEIGHT, PAGE_WIDTH, Cell, Table
from corpus.synthetic.composition import Composed
from corpus.synthetic.errors import composed, nth_occurrence
from corpus.synthetic.pdfs import print_progress
from corpus.synthetic.population import Plan, Unit
from corpus.synthetic.tables import Figure, TableModel, cell_text, normalise
from corpus.synthetic.truth import budget_truth, ground_truth
from ingestion.raw import TABLES, transaction

# --------------------------------------------------------------------------- raw layer without PDFs

@dataclass
class _VPage:
    width: float
    height: float
    lines: list[str] = field(default_factory=list)


class VirtualLayout:
    """A fast stand-in for the typesetter: estimated heights, same page structure.

    ``raw`` mode has no PDF, so page numbers and positions are estimates (±1 page); the
    figures, keys and row order are exactly those of the PDF the same plan would print.
    """

    def __init__(self, comp: Composed):
        self.comp = comp
        self.pages: list[_VPage] = [_VPage(PAGE_WIDTH, PAGE_HEIGHT)]
        self.y = MARGIN_TOP
        self.grids: list[dict] = []  # grid rows of every table, as the extractor stores them
        self.instances: list[tuple[TableModel, int, int]] = []  # (model, first page, last page)

    @property
    def page(self) -> int:
        return len(self.pages)

    def new_page(self, landscape: bool = False) -> None:
        self.pages.append(_VPage(PAGE_HEIGHT, PAGE_WIDTH) if landscape else _VPage(PAGE_WIDTH, PAGE_HEIGHT))
        self.y = MARGIN_TOP

    def room(self) -> float:
        return self.pages[-1].height - MARGIN_BOTTOM - self.y

    def line(self, text: str, height: float) -> int:
        if height > self.room():
            self.new_page(self.pages[-1].width > self.pages[-1].height)
        self.pages[-1].lines.append(text)
        self.y += height
        return self.page

    def run(self) -> None:
        comp = self.comp
        for text, _size in comp.cover:
            self.pages[0].lines.append(text)
        self.new_page()
        self.line("目 录", 36)
        for text, _level, anchor in comp.contents:
            comp.contents_pages[anchor] = self.line(text, 19.8)
        for step in comp.flow:
            getattr(self, "_" + step[0])(*step[1:])

    def _part(self, title: str, _anchor: str) -> None:
        self.new_page()
        self.line(title, 38)

    def _blocks(self, blocks) -> None:
        for kind, text in blocks:
            if kind == "section":
                self.line(text, 29)
            elif kind == "text":
                self.paragraph(text)

    def paragraph(self, text: str) -> list[tuple[int, int]]:
        """Lines of about 46 characters; returns (start offset, page) of each line."""
        out = []
        for start in range(0, max(1, len(text)), 46):
            out.append((start, self.line(text[start:start + 46], 17.6)))
        self.y += 4.4
        return out

    def _narrative(self) -> None:
        narrative = self.comp.narrative
        lines_of = {}
        for index, (kind, text) in enumerate(narrative.blocks):
            if kind == "section":
                self.line(text, 29)
            else:
                lines_of[index] = self.paragraph(text)
        for fig in narrative.figures:
            offset = nth_occurrence(narrative.blocks[fig.block][1], fig.text, fig.occurrence)
            fig.page = next((page for start, page in reversed(lines_of[fig.block]) if start <= offset), self.page)

    def _sheets(self) -> None:
        for sheet in self.comp.sheets:
            self.new_page()
            for text, _size, _align in sheet.heading:
                self.line(text, 24)
            for row in sheet.table.body:
                self.line(" ".join(cell_text(c) for c in row if c is not None).strip(), 16)

    def _tables(self) -> None:
        for model in self.comp.tables:
            self.table(model)

    def table(self, model: TableModel) -> None:
        self.new_page(model.landscape)
        if model.number:
            self.line(model.number, 14)
        self.line(model.title, 29)
        self.line(f"单位：{model.money_unit}", 15)
        table = model.table
        header = [_est_height(table, row) for row in table.header]
        left = MARGIN_X + max(0.0, (self.pages[-1].width - 2 * MARGIN_X - sum(table.widths)) / 2)
        lefts = [left + sum(table.widths[:c]) for c in range(len(table.widths))]
        first = self.page
        row_index, grid_top = self._grid_header(model, header)
        model.row_pages, model.row_index, model.row_top = [], [], []
        for row in table.body:
            h = _est_height(table, row)
            if h > self.room():
                self.new_page(model.landscape)
                row_index, grid_top = self._grid_header(model, header) if table.repeat_header else (0, self.y)
            model.row_pages.append(self.page)
            model.row_index.append(row_index)
            model.row_top.append(round(self.y, 2))
            self._grid_row(model, row_index, grid_top, row)
            self.pages[-1].lines.append(" ".join(cell_text(c) for c in row if c is not None).strip())
            self.y += h
            row_index += 1
        model.first_page, model.col_left = first, lefts
        for note in model.notes:
            self.line(note, 13.5)
        for fig in model.figures:
            fig.page = model.row_pages[fig.row]
        self.instances.append((model, first, self.page))

    def _grid_header(self, model: TableModel, heights: list[float]) -> tuple[int, float]:
        top = self.y
        for i, row in enumerate(model.table.header):
            self._grid_row(model, i, top, row)
            self.pages[-1].lines.append(" ".join(cell_text(c) for c in row if c is not None).strip())
            self.y += heights[i]
        return len(model.table.header), top

    def _grid_row(self, model: TableModel, row_index: int, top: float, row: Sequence) -> None:
        self.grids.append({"page_number": self.page, "model": model, "grid_top": round(top, 2), "row_index": row_index,
                           "cells": [cell_text(c) for c in row]})


def _est_height(table: Table, row: Sequence) -> float:
    """Rows are one line unless a cell's text is wider than its cell (estimated at 1 em per character)."""
    lines = 1
    font = table.font_size
    for c, spec in enumerate(row):
        if spec is None:
            continue
        text = cell_text(spec)
        if text and len(text) * font > table.widths[c] - 2 * PAD_X:
            span = spec.colspan if isinstance(spec, Cell) else 1
            width = sum(table.widths[c:c + span]) - 2 * PAD_X
            lines = max(lines, math.ceil(len(text) * font * (0.55 if text.isascii() else 1.0) / max(width, 1)))
    return lines * font * LEADING + 2 * PAD_Y


# The raw tables the synthetic raw writer fills, by the name of their records in a batch; their columns
# and types are the warehouse's own (ingestion/raw/tables.py).
RAW_TARGETS = (("documents", "documents"), ("pages", "pages"), ("tables", "table_instances"), ("cells", "table_cells"),
               ("grid_rows", "table_grid_rows"), ("narrative", "narrative_figures"), ("contents", "contents_entries"))


def document_id_of(plan: Plan, unit: Unit, year: int, kind: str = "final_accounts") -> str:
    """sha256 of the synthetic document's identity (what decides every byte it would print)."""
    identity = f"juesuan-synthetic:v1:seed={plan.seed}:unit={unit.index}:year={year}:errors={plan.error_rate}"
    if kind == "budget":
        identity += f":budget:mismatches={plan.mismatch_rate}"
    return hashlib.sha256(identity.encode()).hexdigest()


def raw_extraction(plan: Plan, unit: Unit, year: int, kind: str = "final_accounts"):
    """The records the extractor would write for this document's PDF (ingestion.read.extract.Extraction)."""
    from ingestion.read import Extraction, read_contents, read_narrative, region_of

    if kind == "budget":
        from corpus.budget import compose_budget

        comp, comp.approved = compose_budget(unit, year, plan.seed, plan.mismatch_rate)
    else:
        comp = composed(plan, unit, year)
    layout = VirtualLayout(comp)
    layout.run()
    seq_of = {id(model): n for n, (model, _, _) in enumerate(layout.instances, start=1)}
    document = {
        "document_id": document_id_of(plan, unit, year, kind), "source_file": comp.file_name,
        "source_path": f"synthetic://seed-{plan.seed}/{comp.file_name}", "file_size": None, "page_count": layout.page,
        "unit_name": unit.name, "fiscal_year": year, "report_kind": kind,
        "scope": {"部门": "department", "单位": "unit"}[unit.kind], "region": region_of(unit.name),
    }
    pages = [{"page_number": n, "text": "\n".join(p.lines), "char_count": sum(len(line.replace(" ", "")) for line in p.lines),
              "width": p.width, "height": p.height} for n, p in enumerate(layout.pages, start=1)]
    tables, cells = [], []
    for model, first, last in layout.instances:
        seq = seq_of[id(model)]
        figures = [_cell_record(model, seq, fig) for fig in model.figures]
        cells += figures
        count = sum(1 for c in figures if c["status"] == "number")
        tables.append({"table_seq": seq, "table_name": model.canonical, "title_text": model.title,
                       "numbering": normalise(model.number), "amount_unit": model.money_unit, "first_page": first,
                       "last_page": last, "is_empty": count == 0, "empty_note": model.empty_note, "figure_count": count,
                       "column_headers": model.header_paths, "body_row_count": len({fig.row for fig in model.figures})})
    grid_rows = [{"page_number": g["page_number"], "table_seq": seq_of[id(g["model"])], "grid_top": g["grid_top"],
                  "row_index": g["row_index"], "cells": g["cells"]} for g in layout.grids]
    # the narrative and the contents list are read from the page text by the extractor's own readers
    table_pages = frozenset(g["page_number"] for g in grid_rows)
    narrative, contents = read_narrative(pages, year, table_pages if kind == "budget" else frozenset(), kind), read_contents(pages)
    return Extraction(document=document, pages=pages, tables=tables, cells=cells, grid_rows=grid_rows,
                      narrative=narrative, contents=contents, errors=[]), comp


def _cell_record(model: TableModel, seq: int, fig: Figure) -> dict:
    text = fig.text
    if fig.cents is not None:
        value = Decimal(normalise(text).replace(",", ""))
        amount = value / Decimal(10000) if model.money_unit == "元" else value
        status = "number"
    else:
        value = amount = None
        status = "not_applicable" if text.strip("—-") == "" and text else "blank" if not text.strip() else "error"
    keep_item = fig.code is None or model.canonical == "three_public"
    return {
        "table_seq": seq, "table_name": model.canonical, "page_number": fig.page, "row_index": model.row_index[fig.row],
        "col_index": fig.col, "group_index": fig.group, "side": fig.side, "subject_code": fig.code, "row_label": fig.label,
        "line_item": fig.item if keep_item else None, "header_text": fig.header, "measure": fig.measure, "value_text": text,
        "value": None if value is None else str(value), "amount_wan": None if amount is None else str(amount),
        "status": status, "x0": round(model.col_left[fig.col], 2), "top": model.row_top[fig.row],
    }


def _raw_batch(args: tuple[Plan, list[tuple[Unit, int]]]) -> dict[str, list]:
    """Column-wise records of a batch of documents (cheap to send between processes)."""
    plan, docs = args
    from ingestion import EXTRACTOR_VERSION

    out: dict[str, dict[str, list]] = {name: {c: [] for c in TABLES[table].names} for name, table in RAW_TARGETS}
    now = time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime())
    errors, mismatches = [], []
    for unit, year, kind in docs:
        extraction, comp = raw_extraction(plan, unit, year, kind)
        doc_id = extraction.document["document_id"]
        row = dict(extraction.document, extractor_version=EXTRACTOR_VERSION, ingested_at=now)
        for column in out["documents"]:
            out["documents"][column].append(row.get(column))
        for name, records in (("pages", extraction.pages), ("tables", extraction.tables), ("cells", extraction.cells),
                              ("grid_rows", extraction.grid_rows), ("narrative", extraction.narrative),
                              ("contents", extraction.contents)):
            columns = out[name]
            for record in records:
                for column in columns:
                    value = doc_id if column == "document_id" else record.get(column)
                    # exact amounts travel as text (a Decimal column would become float in pandas)
                    columns[column].append(str(value) if isinstance(value, Decimal) else value)
        errors += ground_truth(comp, doc_id)
        mismatches += budget_truth(plan, comp, document_id_of(plan, unit, year), doc_id)
    return {"frames": out, "errors": errors, "mismatches": mismatches}


def _write_batch(con, batch: dict[str, dict[str, list]]) -> None:
    """One transaction per batch: drop earlier versions of these documents, insert every raw table."""
    import pandas as pd

    ids = pd.DataFrame({"document_id": batch["documents"]["document_id"]})  # noqa: F841 (read by DuckDB)
    with transaction(con):
        con.register("batch_ids", ids)
        for table in ("raw.pages", "raw.table_instances", "raw.table_cells", "raw.table_grid_rows", "raw.ingest_errors",
                      "raw.narrative_figures", "raw.contents_entries", "raw.documents"):
            con.execute(f"DELETE FROM {table} WHERE document_id IN (SELECT document_id FROM batch_ids)")  # noqa: S608
        con.unregister("batch_ids")
        for name, table in RAW_TARGETS:
            columns, kinds = batch[name], TABLES[table].types
            if not columns["document_id"]:
                continue
            frame = pd.DataFrame(columns)  # noqa: F841 (read by DuckDB)
            select = ", ".join(f"CAST({c} AS {kinds[c]})" for c in columns)
            con.register("batch_frame", frame)
            con.execute(f"INSERT INTO raw.{table} ({', '.join(columns)}) SELECT {select} FROM batch_frame")  # noqa: S608
            con.unregister("batch_frame")


def generate_raw(plan: Plan, db_path: str, jobs: int = 1, batch_size: int = 100, per_document: bool = False,
                 progress: bool = True) -> dict:
    """Write every document of ``plan`` into the raw layer of ``db_path`` (no PDFs)."""
    from ingestion.raw import connect, write_document

    started = time.monotonic()
    docs = plan.reports()
    con = connect(db_path)
    con.execute("SET memory_limit = '512MB'")  # DuckDB would otherwise cache up to 80% of RAM
    errors: list[dict] = []
    mismatches: list[dict] = []
    try:
        if per_document:  # the warehouse's own writer, one transaction per document
            for n, (unit, year, kind) in enumerate(docs, start=1):
                extraction, comp = raw_extraction(plan, unit, year, kind)
                write_document(con, extraction, replaces=[])
                errors += ground_truth(comp, extraction.document["document_id"])
                mismatches += budget_truth(plan, comp, document_id_of(plan, unit, year),
                                           extraction.document["document_id"])
                print_progress(progress, n, len(docs), started)
        else:
            batches = [(plan, docs[i:i + batch_size]) for i in range(0, len(docs), batch_size)]
            pool = mp.get_context("fork").Pool(jobs) if jobs > 1 else None
            try:
                # Workers compose; this process is DuckDB's single writer. imap keeps batches in order.
                results = pool.imap(_raw_batch, batches) if pool else map(_raw_batch, batches)
                done = 0
                for result in results:
                    _write_batch(con, result["frames"])
                    errors += result["errors"]
                    mismatches += result["mismatches"]
                    done += len(result["frames"]["documents"]["document_id"])
                    print_progress(progress, done, len(docs), started)
            finally:
                if pool:
                    pool.terminate()
    finally:
        con.close()
    return {"documents": len(docs), "errors": errors, "mismatches": mismatches,
            "seconds": round(time.monotonic() - started, 1)}
