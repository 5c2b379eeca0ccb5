"""The warehouse file: opened (a name that clashes with a schema refused, a newer release's warehouse
refused, an older one upgraded on a write connection: ingestion/raw/migrations.py), and what the runner
asks before it extracts a file (`known_document`, `known_failure`, `documents_at_path`). Parameters
only, never pasted SQL; the writer is ingestion/raw/writer.py.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import duckdb

from ingestion import EXTRACTOR_VERSION
from ingestion.paths import stored_path
from ingestion.raw.migrations import SCHEMA_VERSION, newer_version, upgrade


class WarehouseError(Exception):
    """The warehouse file cannot be opened or is not ours."""


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
            upgrade(con)
    except WarehouseError:
        con.close()
        raise
    return con


def sha256_of(path: str) -> str:
    """A document's id in the warehouse: the sha256 hex of the file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def opened(db_path: str, con: duckdb.DuckDBPyConnection | None = None,
           read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """``con`` when the caller holds a connection to ``db_path`` (one `juesuan run` reuses its own: DuckDB
    locks the file per process, so the run opens it once before dbt and once after), left open; else
    ``db_path`` opened here (`connect`) and closed after."""
    if con is not None:
        yield con
        return
    con = connect(db_path, read_only=read_only)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN … COMMIT on ``con``, rolled back when anything in it (the COMMIT too) fails: readers never see
    half of it. The error that stopped it is the one raised."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:  # an interrupt too: nothing half-written stays
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass  # a failed COMMIT (a full disk) ends the transaction itself: its error is the one to show
        raise


def _refuse_newer(con: duckdb.DuckDBPyConnection, db_path: str) -> None:
    """A warehouse written by a newer release may hold what this one cannot read: refuse it."""
    found = newer_version(con)
    if found is not None:
        raise WarehouseError(f"{db_path} was written by a newer juesuan (raw schema {found}, this release "
                             f"knows up to {SCHEMA_VERSION}); upgrade juesuan")


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
