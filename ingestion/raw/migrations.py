"""Upgrades of an older warehouse's `raw` layer, in place and without losing rows: the tables this release
declares (ingestion/raw/tables.py) created when missing, the columns added since a table first shipped
(`ADDED_COLUMNS`), and the schema version in `raw.meta` (a warehouse of a newer version is refused)."""

from __future__ import annotations

import duckdb

from ingestion.raw.tables import DDL, TABLES

SCHEMA_VERSION = 1

# Columns added after a table first shipped, as (table, column); the type is the declared one. An
# older warehouse gains them on connect.
ADDED_COLUMNS = [
    ("table_cells", "section_label"),
    ("narrative_figures", "subject_code"),
    ("table_instances", "body_row_count"),
    ("documents", "scope"),
]


def upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Bring an older warehouse to this release's raw schema, in place and without losing rows."""
    for statement in DDL:
        con.execute(statement)
    for table, column in ADDED_COLUMNS:
        kind = TABLES[table].types[column]
        con.execute(f"ALTER TABLE raw.{table} ADD COLUMN IF NOT EXISTS {column} {kind}")  # noqa: S608 (fixed names)
    con.execute("INSERT OR REPLACE INTO raw.meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def newer_version(con: duckdb.DuckDBPyConnection) -> str | None:
    """The schema version a newer release wrote (this one may not read what it holds), else None."""
    found = meta_value(con, "schema_version")
    if found is not None and (not found.isdigit() or int(found) > SCHEMA_VERSION):
        return found
    return None


def _has_meta(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'raw' AND table_name = 'meta'"
                            ).fetchone()[0])


def meta_value(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    rows = con.execute("SELECT value FROM raw.meta WHERE key = ?", [key]).fetchall() if _has_meta(con) else []
    return rows[0][0] if rows else None


def set_meta_value(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO raw.meta VALUES (?, ?)", [key, value])
