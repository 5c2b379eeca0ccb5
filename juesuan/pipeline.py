"""One juesuan run, stage by stage: ingest → build → validate → exports (`STAGES`).

The order of a run is written here once. `juesuan run` (juesuan/cli.py) calls `run`; the Dagster job
(orchestration/definitions.py) makes the same stages assets, each calling the stage function of the
same name under the same lock (`run_lock`), so Dagster and a cron job never write the warehouse at once.
Where the warehouse is by default (`DEFAULT_DB`, read from dbt's profiles.yml; `default_db`) and what a run reads by default
(`EXAMPLES_DIR`) are stated here too, and what a scheduler needs of the stages besides calling them
(`find_pdfs`; the dbt project: `PROJECT_DIR`, `dbt_parse`, `project_hash`), so orchestration/ imports this
module only.

Each stage opens the warehouse itself when called alone; within `run` they share one connection
(`Session`): opened for ingest, closed before dbt (a child process: DuckDB locks the file per
process), opened again after it for the rest of the run: a run opens the file twice, plus dbt's open
(--publish closes it and opens the file itself, so the run record opens it a third time).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingestion.batch.runner import NO_SPACE, Limits, Summary
from ingestion.batch.runner import find_pdfs as find_pdfs  # the PDFs a run reads: for a scheduler's sensor
from ingestion.batch.runner import ingest as ingest_pdfs
from ingestion.raw.warehouse import WarehouseError, connect, opened
from juesuan.build import PROJECT_DIR as PROJECT_DIR  # the dbt project the build stage runs: for dagster-dbt
from juesuan.build import dbt_build, full_refresh_needed, model_errors, profile_default_db, record_project_hash
from juesuan.build import dbt_parse as dbt_parse
from juesuan.build import project_hash as project_hash
from juesuan.outputs.parquet import export_raw
from juesuan.outputs.publish import publish
from juesuan.runs import RunRecord, run_lock

STAGES = ("ingest", "build", "validate", "exports")

DEFAULT_DB = profile_default_db()  # as dbt's profile states it; relative to the working directory
EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"

Out = Callable[[str], None]


def default_db() -> str:
    """The warehouse a command uses without --db: $JUESUAN_DB, else `DEFAULT_DB`."""
    return os.environ.get("JUESUAN_DB") or DEFAULT_DB


@dataclass
class IngestOptions:
    """How PDFs are read (`juesuan run` / `ingest` options; Dagster's settings)."""

    jobs: int = 1
    force: bool = False
    limits: Limits = field(default_factory=Limits)
    progress: bool = False
    executor: str = "local"  # local worker processes, or "dask": a Dask cluster
    scheduler: str | None = None  # the Dask scheduler's address (with executor "dask")


@dataclass
class RunOptions:
    """What a whole run does beyond its stages' defaults (the options of `juesuan run`)."""

    ingest: IngestOptions = field(default_factory=IngestOptions)
    progress: bool = False  # build's and validate's progress on stderr
    strict: bool = False  # exit 1 when error findings exist
    log: str | None = None  # append one line per run to this file
    publish: str | None = None  # after validate, replace this read-only copy for BI tools
    raw_parquet: str | None = None  # after ingest, replace this folder with the raw layer as Parquet


class Session:
    """The connection of one `run` to its warehouse, shared by its stages: opened when a stage first
    needs it, closed before dbt and before publish (each would meet this process's lock otherwise)."""

    def __init__(self, db_path: str):
        self.db_path = db_path
        self.con: duckdb.DuckDBPyConnection | None = None  # open now, else None

    def open(self) -> duckdb.DuckDBPyConnection:
        if self.con is None:
            self.con = connect(self.db_path)
        return self.con

    def close(self) -> None:
        con, self.con = self.con, None
        if con is not None:
            con.close()


def ingest_counts(summary: Summary) -> dict[str, int]:
    """Documents ingested (new or replaced), unchanged (or a duplicate of one) and failed."""
    return {"ingested": summary.count("ingested", "replaced"), "unchanged": summary.count("unchanged", "duplicate"),
            "failed": summary.count("failed")}


def ingest(db_path: str, paths: list[str], options: IngestOptions, out: Out = print,
           session: Session | None = None) -> Summary:
    """Stage 1: every new or changed PDF under ``paths`` into `raw`. A document not written for a full
    disk stops the run here (building on a full disk fails too): WarehouseError."""
    if options.executor == "dask" and not options.scheduler:
        raise WarehouseError("--executor dask needs --scheduler ADDRESS")
    summary = ingest_pdfs(paths, db_path, jobs=options.jobs, force=options.force, limits=options.limits,
                          progress=options.progress, scheduler=options.scheduler if options.executor == "dask" else None,
                          con=session.open() if session else None)
    for line in summary.lines():
        out(line)
    if summary.not_written_for_space():
        raise WarehouseError(f"{NO_SPACE}: {summary.not_written_for_space()} documents were not written to {db_path}; "
                             "free space and run again (they are read again)")
    return summary


def build(db_path: str, progress: bool = False, session: Session | None = None) -> int:
    """Stage 2: `dbt build` (juesuan/build.py); 0 when every node passed. With a ``session``: the built
    project's hash read on it, then it is closed (also on an error) before dbt starts; the hash of a
    successful build is recorded on it, opened again."""
    if session is None:
        return dbt_build(db_path, progress=progress)
    try:
        refresh = full_refresh_needed(db_path, con=session.open())
    finally:
        session.close()
    return dbt_build(db_path, progress=progress, refresh=refresh,
                     record_hash=lambda: record_project_hash(db_path, con=session.open()))


def build_arguments(db_path: str) -> list[str]:
    """Stage 2 for a dbt runner of the caller's (Dagster's dbt resource): dbt's arguments, a full
    refresh for the first build after a model change, as `build` decides; then `build_finished`."""
    return ["build", "--full-refresh"] if full_refresh_needed(db_path) else ["build"]


def build_finished(db_path: str, results: list[dict]) -> None:
    """After such a build: the dbt project recorded as built when every model was built."""
    if not model_errors(results):
        record_project_hash(db_path)


def validate(db_path: str, progress: bool = False, out: Out = print, session: Session | None = None):
    """Stage 3: the Great Expectations checkpoint; findings in `audit.identity_findings`."""
    from validation.identities import validate as run_checkpoint

    result = run_checkpoint(db_path, progress=progress, con=session.open() if session else None)
    for line in result.lines():
        out(line)
    return result


def warehouse_summary(db_path: str, session: Session | None = None) -> list[str]:
    """The closing lines of `juesuan run`: what the warehouse now holds (read-only, without a ``session``)."""
    with opened(db_path, session.open() if session else None, read_only=True) as con:
        (documents, tables, empty, facts, findings, errors) = con.execute(
            """SELECT (SELECT count(*) FROM marts.dim_document),
                      (SELECT count(*) FROM raw.table_instances),
                      (SELECT count(*) FROM raw.table_instances WHERE is_empty),
                      (SELECT count(*) FROM marts.fct_budget_line),
                      (SELECT count(*) FROM audit.identity_findings),
                      (SELECT count(*) FROM raw.ingest_errors)"""
        ).fetchone()
    return [f"warehouse {db_path}: {documents} documents, {tables} tables ({empty} present and empty), "
            f"{facts} budget lines, {findings} identity findings, {errors} ingest errors"]


def run(db_path: str, paths: list[str], options: RunOptions, out: Out = print) -> int:
    """The stages in order under one lock, recorded in audit.runs (and the log file): ingest (then the
    raw layer as Parquet), build, and when it passed validate, the summary and the published copy.
    The exit code: 0, 1 (a failed build, or error findings with ``strict``), 2 (refused).
    The stages share one connection (`Session`), closed while dbt runs and before publish."""
    record = RunRecord("run")
    session = Session(db_path)
    summary, findings, code, held = None, None, 2, False
    try:
        with run_lock(db_path):
            held = True
            started = time.monotonic()
            summary = ingest(db_path, paths, options.ingest, out, session=session)
            if options.raw_parquet:
                export_raw(db_path, options.raw_parquet, con=session.open())
                out(f"raw layer: Parquet in {os.path.abspath(options.raw_parquet)}")
            record.stage("ingest", started)
            started = time.monotonic()
            code = build(db_path, progress=options.progress, session=session)
            record.stage("build", started)
            if code == 0:
                started = time.monotonic()
                result = validate(db_path, progress=options.progress, out=out, session=session)
                code, findings = exit_code(result, options.strict), len(result.findings)
                record.stage("validate", started)
                for line in warehouse_summary(db_path, session=session):
                    out(line)
                if options.publish:
                    session.close()  # publish opens the file read-only itself
                    out(f"publish: {publish(db_path, options.publish)}")
    except BaseException:
        session.close()  # a stage that failed may leave its connection unusable: the record opens the file afresh
        raise
    finally:
        try:  # on the run's connection if open (a refused run has none), else opened by path
            record.finish(db_path if held else None, code, summary, findings, options.log, con=session.con)
        finally:
            session.close()
    return code


def exit_code(result, strict: bool) -> int:
    """validate's exit code: 1 when ``strict`` and an error finding exists, else 0."""
    return 1 if strict and result.count("error") else 0
