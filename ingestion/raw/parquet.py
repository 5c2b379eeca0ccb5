"""The `raw` layer as partitioned Parquet files, and a warehouse rebuilt from them.

Layout: DIR/<table>/year=<fiscal year>/*.parquet for every raw table (year=0 when the
cover gave none, or for a failure with no document), plus DIR/meta.parquet with the raw
schema version of the data. Parquet keeps the exact types (DECIMAL(20,6), TIMESTAMPTZ,
lists), so `import raw` followed by `build` gives the same marts as the exported warehouse.
"""

from __future__ import annotations

import glob
import os

import duckdb

from ingestion.raw.migrations import SCHEMA_VERSION, meta_value
from ingestion.raw.tables import RAW_TABLES
from ingestion.raw.warehouse import WarehouseError, connect, transaction


def write_raw_parquet(con: duckdb.DuckDBPyConnection, folder: str) -> dict[str, int]:
    """Every raw table of ``con`` into ``folder`` (an empty folder the caller swaps in: `juesuan export raw`),
    partitioned by fiscal year, and meta.parquet; returns rows written per table."""
    counts = {}
    present = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'raw'").fetchall()}
    for table in RAW_TABLES:
        if table not in present:
            continue  # a warehouse from before the table existed
        # fixed table names from RAW_TABLES; the folder goes to DuckDB as an argument
        if table == "documents":
            relation = con.sql("SELECT *, coalesce(fiscal_year, 0) AS year FROM raw.documents")
        else:
            relation = con.sql(f"SELECT t.*, coalesce(d.fiscal_year, 0) AS year FROM raw.{table} t "  # noqa: S608
                               "LEFT JOIN raw.documents d ON d.document_id = t.document_id")
        counts[table] = relation.count("*").fetchall()[0][0]
        path = os.path.join(folder, table)
        if counts[table]:
            relation.write_parquet(path, partition_by=["year"])
        else:  # an empty table still records its columns
            os.makedirs(os.path.join(path, "year=0"))
            relation.write_parquet(os.path.join(path, "year=0", "empty.parquet"))
    # the version of the data as stored (a warehouse never upgraded in place keeps its older one)
    version = int(meta_value(con, "schema_version") or 0)
    con.sql(f"SELECT {version} AS schema_version").write_parquet(  # noqa: S608 (an integer)
        os.path.join(folder, "meta.parquet"))
    return counts


def _export_version(directory: str) -> int:
    meta = os.path.join(directory, "meta.parquet")
    if not os.path.isfile(meta):
        raise WarehouseError(f"{directory} is not a raw export (no meta.parquet)")
    try:
        with duckdb.connect() as con:
            return int(con.execute("SELECT schema_version FROM read_parquet(?)", [meta]).fetchall()[0][0])
    except (duckdb.Error, IndexError, TypeError, ValueError) as exc:
        raise WarehouseError(f"{directory} is not a raw export (unreadable meta.parquet)") from exc


def import_raw(directory: str, db_path: str) -> dict[str, int]:
    """Load an exported raw layer into a warehouse whose raw layer is empty, in one transaction:
    every table or none."""
    version = _export_version(directory)
    if version > SCHEMA_VERSION:
        raise WarehouseError(f"{directory} was written by a newer juesuan (raw schema {version}, "
                             f"this release reads up to {SCHEMA_VERSION})")
    con = connect(db_path)
    counts = {}
    try:
        filled = [t for t in RAW_TABLES if con.execute(f"SELECT count(*) FROM raw.{t}").fetchone()[0]]  # noqa: S608
        if filled:
            raise WarehouseError(f"{db_path} already holds raw rows ({', '.join(filled)}); "
                                 "import into a new warehouse file")
        with transaction(con):  # every table or none: nothing half-imported
            for table in RAW_TABLES:
                folder = os.path.join(directory, table)
                if not os.path.isdir(folder):
                    counts[table] = 0  # an export from before the table existed
                    continue
                # escaped: a folder named "[2024]" is a name, not a pattern
                files = os.path.join(glob.escape(folder), "*", "*.parquet")
                # BY NAME: an export from an older schema lacks columns added since; they stay NULL
                con.execute(f"INSERT INTO raw.{table} BY NAME SELECT * EXCLUDE (year) "  # noqa: S608 (fixed names)
                            "FROM read_parquet(?, hive_partitioning = true, union_by_name = true)", [files])
                counts[table] = con.execute(f"SELECT count(*) FROM raw.{table}").fetchone()[0]  # noqa: S608
    except duckdb.Error as exc:
        raise WarehouseError(f"import of {directory} failed, nothing was imported: {str(exc).splitlines()[0]}") from exc
    finally:
        con.close()
    return counts
