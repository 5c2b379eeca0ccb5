"""`juesuan export parquet DIR` (every mart as DIR/<mart>.parquet) and `juesuan export raw DIR` (the `raw`
layer as Parquet partitioned by fiscal year, written by ingestion/raw/parquet.py): each folder written
beside the target and swapped in whole."""

from __future__ import annotations

import os

import duckdb

from ingestion.raw.parquet import write_raw_parquet
from ingestion.raw.warehouse import WarehouseError, connect, opened
from juesuan.outputs.export_folder import check_replaceable, exporting_to


def export_parquet(db_path: str, directory: str) -> list[str]:
    """Every marts table as DIR/<table>.parquet, replaced as a whole (written beside, then renamed)."""
    target = os.path.abspath(directory)
    check_replaceable(target)
    con = connect(db_path, read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts' ORDER BY 1").fetchall()]
        if not tables:
            raise WarehouseError("the warehouse has no marts yet: run `juesuan build` first")
        with exporting_to(target, "parquet") as staging:
            for table in tables:
                # the path goes to DuckDB as an argument, never into SQL text
                con.table(f"marts.{table}").write_parquet(os.path.join(staging, f"{table}.parquet"))
    except (duckdb.Error, OSError) as exc:
        raise WarehouseError(f"export to {target} failed: {str(exc).splitlines()[0]}") from exc
    finally:
        con.close()
    return [os.path.join(target, f"{t}.parquet") for t in tables]


def export_raw(db_path: str, directory: str, con: duckdb.DuckDBPyConnection | None = None) -> dict[str, int]:
    """Every raw table partitioned by fiscal year; returns rows written per table. ``con``: the caller's
    open connection to ``db_path`` (`juesuan run`'s, left open), else the warehouse opened read-only here."""
    target = os.path.abspath(directory)
    check_replaceable(target)
    with opened(db_path, con, read_only=True) as con:  # refuses a warehouse of a newer release
        try:
            with exporting_to(target, "raw") as staging:
                counts = write_raw_parquet(con, staging)
        except (duckdb.Error, OSError) as exc:
            raise WarehouseError(f"export of the raw layer to {target} failed: {str(exc).splitlines()[0]}") from exc
    return counts
