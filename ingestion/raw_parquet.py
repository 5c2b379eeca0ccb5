"""The `raw` layer as partitioned Parquet files, and a warehouse rebuilt from them.

Layout: DIR/<table>/year=<fiscal year>/*.parquet for every raw table (year=0 when the
cover gave none, or for a failure with no document), plus DIR/meta.parquet with the
schema version. Parquet keeps the exact types (DECIMAL(20,6), TIMESTAMPTZ, lists), so
`import raw` followed by `build` gives the same marts as the warehouse that was exported.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from ingestion.warehouse import SCHEMA_VERSION, WarehouseError, connect

RAW_TABLES = ("documents", "pages", "table_instances", "table_cells", "table_grid_rows", "narrative_figures",
              "contents_entries", "ingest_errors", "performance_sheets", "performance_budget_rows",
              "performance_indicators", "performance_summary_rows")


def replace_folder(staging: str, target: str) -> None:
    """Put a finished folder in place of the old one: readers see the old or the new, never half."""
    if os.path.exists(target):
        old = target + ".old"
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, target)


def export_raw(db_path: str, directory: str) -> dict[str, int]:
    """Every raw table partitioned by fiscal year; returns rows written per table."""
    target = os.path.abspath(directory)
    os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".juesuan-raw-", dir=os.path.dirname(target))
    con = connect(db_path, read_only=True)
    counts = {}
    try:
        for table in RAW_TABLES:
            # fixed table names from RAW_TABLES; the folder goes to DuckDB as an argument
            if table == "documents":
                relation = con.sql("SELECT *, coalesce(fiscal_year, 0) AS year FROM raw.documents")
            else:
                relation = con.sql(f"SELECT t.*, coalesce(d.fiscal_year, 0) AS year FROM raw.{table} t "  # noqa: S608
                                   "LEFT JOIN raw.documents d ON d.document_id = t.document_id")
            counts[table] = relation.count("*").fetchall()[0][0]
            folder = os.path.join(staging, table)
            if counts[table]:
                relation.write_parquet(folder, partition_by=["year"])
            else:  # an empty table still records its columns
                os.makedirs(os.path.join(folder, "year=0"))
                relation.write_parquet(os.path.join(folder, "year=0", "empty.parquet"))
        con.sql(f"SELECT {SCHEMA_VERSION} AS schema_version, "  # noqa: S608 (an integer constant)
                "(SELECT value FROM raw.meta WHERE key = 'schema_version') AS warehouse_schema_version"
                ).write_parquet(os.path.join(staging, "meta.parquet"))
    except Exception:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        con.close()
    replace_folder(staging, target)
    return counts


def import_raw(directory: str, db_path: str) -> dict[str, int]:
    """Load an exported raw layer into a warehouse whose raw layer is empty, in one transaction."""
    meta = os.path.join(directory, "meta.parquet")
    if not os.path.isfile(meta):
        raise WarehouseError(f"{directory} is not a raw export (no meta.parquet)")
    con = connect(db_path)
    counts, open_transaction = {}, False
    try:
        version = con.execute("SELECT schema_version FROM read_parquet(?)", [meta]).fetchall()[0][0]
        if version > SCHEMA_VERSION:
            raise WarehouseError(f"{directory} was written by a newer juesuan (raw schema {version}, "
                                 f"this release reads up to {SCHEMA_VERSION})")
        if con.execute("SELECT count(*) FROM raw.documents").fetchone()[0]:
            raise WarehouseError(f"{db_path} already holds documents; import into a new warehouse file")
        con.execute("BEGIN TRANSACTION")
        open_transaction = True
        for table in RAW_TABLES:
            files = os.path.join(directory, table, "*", "*.parquet")
            # BY NAME: an export from an older schema lacks columns added since; they stay NULL
            con.execute(f"INSERT INTO raw.{table} BY NAME SELECT * EXCLUDE (year) "  # noqa: S608 (fixed names)
                        "FROM read_parquet(?, hive_partitioning = true, union_by_name = true)", [files])
            counts[table] = con.execute(f"SELECT count(*) FROM raw.{table}").fetchone()[0]  # noqa: S608
        con.execute("COMMIT")
    except Exception:
        if open_transaction:
            con.execute("ROLLBACK")  # nothing half-imported
        raise
    finally:
        con.close()
    return counts
