"""Where the ``raw`` schema is defined and written. Parameters only, never pasted SQL.

Each document is written in one transaction: all of it or nothing.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from decimal import Decimal

import duckdb
import pandas as pd

from ingestion import EXTRACTOR_VERSION
from ingestion.narrative_statements import STATEMENT_COLUMNS
from ingestion.paths import stored_name, stored_path
from ingestion.sheets import BUDGET_ROW_COLUMNS, INDICATOR_COLUMNS, SHEET_COLUMNS, SUMMARY_ROW_COLUMNS

SCHEMA_VERSION = 1

DDL = [
    "CREATE SCHEMA IF NOT EXISTS raw",
    """CREATE TABLE IF NOT EXISTS raw.documents (
        document_id VARCHAR PRIMARY KEY, source_file VARCHAR, source_path VARCHAR, file_size BIGINT,
        page_count INTEGER, unit_name VARCHAR, fiscal_year INTEGER, report_kind VARCHAR, region VARCHAR,
        extractor_version VARCHAR, ingested_at TIMESTAMPTZ)""",
    """CREATE TABLE IF NOT EXISTS raw.pages (
        document_id VARCHAR, page_number INTEGER, text VARCHAR, char_count INTEGER,
        width DOUBLE, height DOUBLE, PRIMARY KEY (document_id, page_number))""",
    """CREATE TABLE IF NOT EXISTS raw.table_instances (
        document_id VARCHAR, table_seq INTEGER, table_name VARCHAR, title_text VARCHAR, numbering VARCHAR,
        amount_unit VARCHAR, first_page INTEGER, last_page INTEGER, is_empty BOOLEAN, empty_note VARCHAR,
        figure_count INTEGER, column_headers VARCHAR[], body_row_count INTEGER,
        PRIMARY KEY (document_id, table_seq))""",
    """CREATE TABLE IF NOT EXISTS raw.table_cells (
        document_id VARCHAR, table_seq INTEGER, table_name VARCHAR, page_number INTEGER, row_index INTEGER,
        col_index INTEGER, group_index INTEGER, side VARCHAR, subject_code VARCHAR, row_label VARCHAR,
        section_label VARCHAR, line_item VARCHAR, header_text VARCHAR, measure VARCHAR, value_text VARCHAR,
        value DECIMAL(20, 6), amount_wan DECIMAL(20, 6), status VARCHAR, x0 DOUBLE, top DOUBLE)""",
    """CREATE TABLE IF NOT EXISTS raw.table_grid_rows (
        document_id VARCHAR, page_number INTEGER, table_seq INTEGER, grid_top DOUBLE, row_index INTEGER,
        cells VARCHAR[])""",
    """CREATE TABLE IF NOT EXISTS raw.narrative_figures (
        document_id VARCHAR, figure_seq INTEGER, page_number INTEGER, topic VARCHAR, stated_text VARCHAR,
        stated_wan DECIMAL(20, 6), stated_rate DECIMAL(12, 6), base_wan DECIMAL(20, 6), base_topic VARCHAR,
        context VARCHAR, subject_code VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS raw.narrative_statements (
        document_id VARCHAR, statement_seq INTEGER, page_number INTEGER, kind VARCHAR, statement_text VARCHAR,
        subject_text VARCHAR, direction_word VARCHAR, amount_text VARCHAR, amount_wan DECIMAL(20, 6),
        rate_word VARCHAR, rate_text VARCHAR, rate_percent DECIMAL(20, 6), figure_text VARCHAR,
        figure_wan DECIMAL(20, 6), base_text VARCHAR, base_wan DECIMAL(20, 6), reason_text VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS raw.contents_entries (
        document_id VARCHAR, page_number INTEGER, table_name VARCHAR, listed_text VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS raw.ingest_errors (
        source_file VARCHAR, source_path VARCHAR, file_sha256 VARCHAR, document_id VARCHAR,
        page_number INTEGER, stage VARCHAR, reason VARCHAR, fatal BOOLEAN, extractor_version VARCHAR,
        recorded_at TIMESTAMPTZ)""",
    """CREATE TABLE IF NOT EXISTS raw.meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
]

# Columns added after a table first shipped: an older warehouse gains them on connect.
_ADDED_COLUMNS = [
    ("raw.table_cells", "section_label", "VARCHAR"),
    ("raw.narrative_figures", "subject_code", "VARCHAR"),
    ("raw.table_instances", "body_row_count", "INTEGER"),
    ("raw.documents", "scope", "VARCHAR"),
]



class WarehouseError(Exception):
    """The warehouse file cannot be opened or is not ours."""


_STATEMENT_DECIMALS = ("amount_wan", "rate_percent", "figure_wan", "base_wan")

# Columns of the 绩效自评表 tables that hold exact numbers (ingestion/sheets.py gives Decimals).
_SHEET_DECIMALS = {
    "basic_expenditure", "project_expenditure", "budget_initial_declared", "budget_initial", "budget_adjusted",
    "budget_executed", "execution_rate", "budget_weight", "budget_score", "total_weight", "total_score",
    "initial_declared", "initial", "adjusted", "executed", "balance", "weight", "score", "level1_weight",
    "level2_weight", "target_value", "target_initial_value", "target_adjusted_value", "actual_value",
    "completion_rate",
}


def _sheet_ddl(table: str, columns: tuple[str, ...]) -> str:
    """DDL of a 绩效自评表 table from its column list (ingestion/sheets.py)."""
    def kind(column: str) -> str:
        if column.endswith(("_seq", "_page", "page_number", "_index", "_count")):
            return "INTEGER"
        if column == "is_total":
            return "BOOLEAN"
        if column == "flags":
            return "VARCHAR[]"
        if column in _SHEET_DECIMALS:
            return "DECIMAL(20, 6)"
        return "VARCHAR"
    body = ", ".join(f"{c} {kind(c)}" for c in ("document_id", *columns))
    return f"CREATE TABLE IF NOT EXISTS {table} ({body})"


SHEET_TABLES = {
    "raw.performance_sheets": SHEET_COLUMNS,
    "raw.performance_budget_rows": BUDGET_ROW_COLUMNS,
    "raw.performance_indicators": INDICATOR_COLUMNS,
    "raw.performance_summary_rows": SUMMARY_ROW_COLUMNS,
}
DDL += [_sheet_ddl(table, columns) for table, columns in SHEET_TABLES.items()]

_CHILD_TABLES = ("raw.pages", "raw.table_instances", "raw.table_cells", "raw.table_grid_rows",
                 "raw.narrative_figures", "raw.narrative_statements", "raw.contents_entries", *SHEET_TABLES)

_SCHEMA_NAMES = {"raw", "staging", "intermediate", "marts", "marts_zh", "audit", "reference"}


def connect(db_path: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    # DuckDB names the catalog after the file; marts.duckdb would make "marts.x" ambiguous.
    if os.path.splitext(os.path.basename(db_path))[0] in _SCHEMA_NAMES:
        raise WarehouseError(f"cannot open warehouse {db_path}: its name clashes with a schema name; rename the file")
    if not read_only:
        os.makedirs(os.path.dirname(os.path.abspath(db_path)) or ".", exist_ok=True)
    try:
        con = duckdb.connect(db_path, read_only=read_only)
    except (duckdb.IOException, duckdb.Error) as exc:
        raise WarehouseError(f"cannot open warehouse {db_path}: {str(exc).splitlines()[0]}") from exc
    try:
        _refuse_newer(con, db_path)
        if not read_only:
            _upgrade(con)
    except WarehouseError:
        con.close()
        raise
    return con


def _refuse_newer(con: duckdb.DuckDBPyConnection, db_path: str) -> None:
    """A warehouse written by a newer release may hold what this one cannot read: refuse it."""
    found = meta_value(con, "schema_version")
    if found is not None and (not found.isdigit() or int(found) > SCHEMA_VERSION):
        raise WarehouseError(f"{db_path} was written by a newer juesuan (raw schema {found}, this release "
                             f"knows up to {SCHEMA_VERSION}); upgrade juesuan")


def _upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Bring an older warehouse to this release's raw schema, in place and without losing rows."""
    for statement in DDL:
        con.execute(statement)
    for table, column, kind in _ADDED_COLUMNS:
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")  # noqa: S608 (fixed names)
    con.execute("INSERT OR REPLACE INTO raw.meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def _has_meta(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'raw' AND table_name = 'meta'"
                            ).fetchone()[0])


def meta_value(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    rows = con.execute("SELECT value FROM raw.meta WHERE key = ?", [key]).fetchall() if _has_meta(con) else []
    return rows[0][0] if rows else None


def set_meta_value(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO raw.meta VALUES (?, ?)", [key, value])


def now() -> datetime:
    return datetime.now(UTC)


def known_document(con, document_id: str) -> tuple[str, str] | None:
    row = con.execute(
        "SELECT extractor_version, source_path FROM raw.documents WHERE document_id = ?", [document_id]
    ).fetchone()
    return (row[0], row[1]) if row else None


# Failures where the file itself is at fault (not a PDF, corrupt, encrypted, no text layer, not a
# report, over the page limit): the same file fails the same way, so it is not read again. Any other
# failure (time or memory limit, a full disk, a worker that died) is retried by the next run.
_KNOWN_FAILURE = """
    SELECT any_value(reason) FROM raw.ingest_errors
    WHERE file_sha256 = ? AND fatal AND extractor_version = ?
      AND (stage IN ('open', 'text', 'recognise') OR (stage = 'limits' AND reason LIKE '%pages, over the limit%'))"""


def known_failure(con, file_sha256: str) -> str | None:
    """The reason a file failed with this extractor version when the file itself is at fault, else None
    (not retried without --force)."""
    row = con.execute(_KNOWN_FAILURE, [file_sha256, EXTRACTOR_VERSION]).fetchone()
    return row[0] if row else None


def documents_at_path(con, source_path: str) -> list[str]:
    rows = con.execute("SELECT document_id FROM raw.documents WHERE source_path = ?", [stored_path(source_path)]).fetchall()
    return [r[0] for r in rows]


def _delete_document(con, document_id: str) -> None:
    for table in _CHILD_TABLES:
        con.execute(f"DELETE FROM {table} WHERE document_id = ?", [document_id])  # noqa: S608 (fixed names)
    con.execute("DELETE FROM raw.ingest_errors WHERE document_id = ?", [document_id])
    con.execute("DELETE FROM raw.documents WHERE document_id = ?", [document_id])


def _insert_frame(con, table: str, columns: list[str], records: list[dict], casts: dict[str, str]) -> None:
    if not records:
        return
    frame = pd.DataFrame.from_records(records, columns=columns)  # noqa: F841 (read by DuckDB below)
    select = ", ".join(f"CAST({c} AS {casts[c]})" if c in casts else c for c in columns)
    con.register("incoming_frame", frame)
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM incoming_frame")  # noqa: S608
    con.unregister("incoming_frame")


def _text(value) -> str | None:
    """Decimals travel as text into DuckDB and are cast there, so no float ever touches them."""
    return None if value is None else str(value)


def _insert_sheet_records(con, table: str, columns: tuple[str, ...], records: list[dict], document_id: str) -> None:
    """Decimals as text, cast by DuckDB to the column's type (no float on the way)."""
    if not records:
        return
    rows = [{"document_id": document_id, **{c: _text(r.get(c)) if isinstance(r.get(c), Decimal) else r.get(c)
                                             for c in columns}} for r in records]
    casts = {c: "DECIMAL(20, 6)" for c in columns if c in _SHEET_DECIMALS}
    _insert_frame(con, table, ["document_id", *columns], rows, casts)


def write_document(con, extraction, replaces: list[str]) -> None:
    """Write one extracted document (and drop the versions it replaces) atomically."""
    doc = extraction.document
    document_id = doc["document_id"]
    con.execute("BEGIN TRANSACTION")
    try:
        for old in set(replaces) | {document_id}:
            _delete_document(con, old)
        con.execute(
            "INSERT INTO raw.documents (document_id, source_file, source_path, file_size, page_count, unit_name, "
            "fiscal_year, report_kind, scope, region, extractor_version, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [document_id, doc["source_file"], doc["source_path"], doc["file_size"], doc["page_count"],
             doc["unit_name"], doc["fiscal_year"], doc["report_kind"], doc["scope"], doc["region"],
             EXTRACTOR_VERSION, now()],
        )
        for record in extraction.pages:
            record["document_id"] = document_id
        _insert_frame(con, "raw.pages", ["document_id", "page_number", "text", "char_count", "width", "height"],
                      extraction.pages, {})
        tables = [dict(t, document_id=document_id) for t in extraction.tables]
        _insert_frame(con, "raw.table_instances",
                      ["document_id", "table_seq", "table_name", "title_text", "numbering", "amount_unit",
                       "first_page", "last_page", "is_empty", "empty_note", "figure_count", "column_headers",
                       "body_row_count"],
                      tables, {})
        cells = [dict(c, document_id=document_id) for c in extraction.cells]
        _insert_frame(con, "raw.table_cells",
                      ["document_id", "table_seq", "table_name", "page_number", "row_index", "col_index",
                       "group_index", "side", "subject_code", "row_label", "section_label", "line_item", "header_text",
                       "measure",
                       "value_text", "value", "amount_wan", "status", "x0", "top"],
                      cells, {"value": "DECIMAL(20, 6)", "amount_wan": "DECIMAL(20, 6)", "col_index": "INTEGER",
                              "x0": "DOUBLE", "top": "DOUBLE"})
        rows = [dict(r, document_id=document_id) for r in extraction.grid_rows]
        _insert_frame(con, "raw.table_grid_rows",
                      ["document_id", "page_number", "table_seq", "grid_top", "row_index", "cells"],
                      rows, {"table_seq": "INTEGER"})
        narrative = [dict(n, document_id=document_id, **{k: _text(n[k]) for k in ("stated_wan", "stated_rate", "base_wan")})
                     for n in extraction.narrative]
        _insert_frame(con, "raw.narrative_figures",
                      ["document_id", "figure_seq", "page_number", "topic", "stated_text", "stated_wan", "stated_rate",
                       "base_wan", "base_topic", "context", "subject_code"],
                      narrative, {"stated_wan": "DECIMAL(20, 6)", "stated_rate": "DECIMAL(12, 6)",
                                  "base_wan": "DECIMAL(20, 6)", "base_topic": "VARCHAR", "subject_code": "VARCHAR"})
        _insert_frame(con, "raw.narrative_statements", ["document_id", *STATEMENT_COLUMNS],
                      [dict(s, document_id=document_id, **{k: _text(s[k]) for k in _STATEMENT_DECIMALS})
                       for s in extraction.statements],
                      {k: "DECIMAL(20, 6)" for k in _STATEMENT_DECIMALS})
        _insert_frame(con, "raw.contents_entries", ["document_id", "page_number", "table_name", "listed_text"],
                      [dict(c, document_id=document_id) for c in extraction.contents], {})
        for table, records in zip(SHEET_TABLES, (extraction.sheets.sheets, extraction.sheets.budget_rows,
                                                  extraction.sheets.indicators, extraction.sheets.summary_rows)):
            _insert_sheet_records(con, table, SHEET_TABLES[table], records, document_id)
        for error in extraction.errors:
            con.execute(
                "INSERT INTO raw.ingest_errors VALUES (?, ?, ?, ?, ?, ?, ?, false, ?, ?)",
                [doc["source_file"], doc["source_path"], document_id, document_id, error["page_number"],
                 error["stage"], error["reason"], EXTRACTOR_VERSION, now()],
            )
        con.execute("COMMIT")
    except Exception:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass  # a failed COMMIT (a full disk) ends the transaction itself: its error is the one to show
        raise


def record_failure(con, source_path: str, file_sha256: str | None, stage: str, reason: str,
                   page_number: int | None = None) -> None:
    con.execute(
        "INSERT INTO raw.ingest_errors VALUES (?, ?, ?, NULL, ?, ?, ?, true, ?, ?)",
        [stored_name(source_path), stored_path(source_path), file_sha256, page_number, stage, reason,
         EXTRACTOR_VERSION, now()],
    )
