"""The one-transaction-per-document writer of the `raw` layer: all of a document or nothing, the versions
it replaces dropped in the same transaction. Column lists and types come from ingestion/raw/tables.py;
values travel as parameters or a registered frame, never as pasted SQL.
"""

from __future__ import annotations

import pandas as pd

from ingestion import EXTRACTOR_VERSION
from ingestion.paths import stored_name, stored_path
from ingestion.raw.tables import CHILD_TABLES, SHEET_TABLES, TABLES
from ingestion.raw.warehouse import now, transaction


def _delete_document(con, document_id: str) -> None:
    for table in CHILD_TABLES:
        con.execute(f"DELETE FROM {table} WHERE document_id = ?", [document_id])  # noqa: S608 (fixed names)
    con.execute("DELETE FROM raw.ingest_errors WHERE document_id = ?", [document_id])
    con.execute("DELETE FROM raw.documents WHERE document_id = ?", [document_id])


def _value(value, kind: str):
    """Decimals travel as text into DuckDB and are cast there, so no float ever touches them."""
    if kind.startswith("DECIMAL") and value is not None:
        return str(value)
    return value


def insert_records(con, table: str, records: list[dict], document_id: str | None = None) -> None:
    """``records`` (dicts; a missing column is NULL) into raw.<table>, every column cast by DuckDB to its
    declared type; with ``document_id``, each record's document_id is that one."""
    if not records:
        return
    declared = TABLES[table]
    columns = declared.names
    kinds = declared.types
    rows = [{c: document_id if c == "document_id" and document_id is not None else _value(r.get(c), kinds[c])
             for c in columns} for r in records]
    frame = pd.DataFrame.from_records(rows, columns=columns)  # noqa: F841 (read by DuckDB below)
    select = ", ".join(f"CAST({c} AS {kinds[c]})" for c in columns)
    con.register("incoming_frame", frame)
    con.execute(f"INSERT INTO {declared.qualified} ({', '.join(columns)}) SELECT {select} FROM incoming_frame")  # noqa: S608
    con.unregister("incoming_frame")


def _insert_row(con, table: str, values: dict) -> None:
    """One row by parameters, the columns as declared."""
    columns = TABLES[table].names
    con.execute(f"INSERT INTO raw.{table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",  # noqa: S608
                [values.get(c) for c in columns])


def write_document(con, extraction, replaces: list[str]) -> None:
    """Write one extracted document (and drop the versions it replaces) atomically."""
    doc = extraction.document
    document_id = doc["document_id"]
    with transaction(con):
        for old in set(replaces) | {document_id}:
            _delete_document(con, old)
        _insert_row(con, "documents", dict(doc, extractor_version=EXTRACTOR_VERSION, ingested_at=now()))
        for table, records in (("pages", extraction.pages), ("table_instances", extraction.tables),
                               ("table_cells", extraction.cells), ("table_grid_rows", extraction.grid_rows),
                               ("narrative_figures", extraction.narrative),
                               ("narrative_statements", extraction.statements),
                               ("contents_entries", extraction.contents),
                               *zip(SHEET_TABLES, (extraction.sheets.sheets, extraction.sheets.budget_rows,
                                                   extraction.sheets.indicators, extraction.sheets.summary_rows))):
            insert_records(con, table, records, document_id)
        for error in extraction.errors:
            _insert_row(con, "ingest_errors", {
                "source_file": doc["source_file"], "source_path": doc["source_path"], "file_sha256": document_id,
                "document_id": document_id, "page_number": error["page_number"], "stage": error["stage"],
                "reason": error["reason"], "fatal": False, "extractor_version": EXTRACTOR_VERSION, "recorded_at": now()})


def record_failure(con, source_path: str, file_sha256: str | None, stage: str, reason: str,
                   page_number: int | None = None) -> None:
    _insert_row(con, "ingest_errors", {
        "source_file": stored_name(source_path), "source_path": stored_path(source_path), "file_sha256": file_sha256,
        "document_id": None, "page_number": page_number, "stage": stage, "reason": reason, "fatal": True,
        "extractor_version": EXTRACTOR_VERSION, "recorded_at": now()})
