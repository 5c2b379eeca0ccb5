"""Running juesuan on a schedule: one run at a time (the lock beside the warehouse), a record of every run
(`audit.runs` and a log line)."""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from datetime import UTC, datetime

import duckdb

from ingestion.raw.warehouse import WarehouseError, opened

RUNS_DDL = """CREATE TABLE IF NOT EXISTS audit.runs (
    run_id VARCHAR, command VARCHAR, started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ, exit_code INTEGER,
    documents_ingested INTEGER, documents_unchanged INTEGER, documents_failed INTEGER,
    ingest_seconds DOUBLE, build_seconds DOUBLE, validate_seconds DOUBLE, findings INTEGER)"""


@contextmanager
def run_lock(db_path: str):
    """An exclusive lock beside the warehouse, so scheduled runs never overlap."""
    path = os.path.abspath(db_path) + ".lock"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle = open(path, "a+")  # noqa: SIM115 (held for the whole run)
    except OSError as exc:
        raise WarehouseError(f"cannot open warehouse {db_path}: {exc.strerror or exc} ({path})") from exc
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise WarehouseError(f"another juesuan run holds {path} ({holder}); not starting a second one") from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {datetime.now(UTC).isoformat(timespec='seconds')}")
        handle.flush()
        yield
    finally:
        handle.close()


class RunRecord:
    """Counts and durations of one `juesuan run`, written to audit.runs and the log file."""

    def __init__(self, command: str):
        self.values = {"command": command, "started_at": datetime.now(UTC)}
        self._clock = time.monotonic()

    def stage(self, name: str, started: float) -> None:
        self.values[f"{name}_seconds"] = round(time.monotonic() - started, 3)

    def finish(self, db_path: str | None, exit_code: int, summary=None, findings: int | None = None,
               log_path: str | None = None, con: duckdb.DuckDBPyConnection | None = None) -> None:
        """Record the run in audit.runs of ``db_path`` (None: a run refused before it held the
        warehouse, which it must not touch) and as a line of the log file. ``con``: the run's open
        connection to ``db_path`` (left open), else the warehouse is opened here."""
        values = dict(self.values, finished_at=datetime.now(UTC), exit_code=exit_code, findings=findings,
                      run_id=self.values["started_at"].strftime("%Y%m%dT%H%M%S.%fZ"))
        if summary is not None:
            values.update(documents_ingested=summary.count("ingested", "replaced"),
                          documents_unchanged=summary.count("unchanged", "duplicate"),
                          documents_failed=summary.count("failed"))
        columns = ["run_id", "command", "started_at", "finished_at", "exit_code", "documents_ingested",
                   "documents_unchanged", "documents_failed", "ingest_seconds", "build_seconds",
                   "validate_seconds", "findings"]
        try:
            if db_path is None:
                raise WarehouseError("refused")
            with opened(db_path, con) as con:
                con.execute("CREATE SCHEMA IF NOT EXISTS audit")
                con.execute(RUNS_DDL)
                placeholders = ", ".join("?" * len(columns))
                con.execute(f"INSERT INTO audit.runs ({', '.join(columns)}) VALUES ({placeholders})",  # noqa: S608
                            [values.get(c) for c in columns])
        except (WarehouseError, duckdb.Error):
            pass  # the run's own error (a full disk refuses this row too) is what the user needs to see
        if log_path:
            os.makedirs(os.path.dirname(os.path.abspath(log_path)), exist_ok=True)
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(" ".join(f"{c}={values.get(c)}" for c in columns) + "\n")
