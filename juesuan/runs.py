"""Running juesuan on a schedule: one run at a time, a record of every run, exports for other tools."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime

import duckdb

from ingestion.warehouse import WarehouseError, connect
from juesuan.outputs.export_folder import check_replaceable, exporting_to, umask

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
               log_path: str | None = None) -> None:
        """Record the run in audit.runs of ``db_path`` (None: a run refused before it held the
        warehouse, which it must not touch) and as a line of the log file."""
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
            con = connect(db_path)
            try:
                con.execute("CREATE SCHEMA IF NOT EXISTS audit")
                con.execute(RUNS_DDL)
                placeholders = ", ".join("?" * len(columns))
                con.execute(f"INSERT INTO audit.runs ({', '.join(columns)}) VALUES ({placeholders})",  # noqa: S608
                            [values.get(c) for c in columns])
            finally:
                con.close()
        except (WarehouseError, duckdb.Error):
            pass  # the run's own error (a full disk refuses this row too) is what the user needs to see
        if log_path:
            os.makedirs(os.path.dirname(os.path.abspath(log_path)), exist_ok=True)
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(" ".join(f"{c}={values.get(c)}" for c in columns) + "\n")


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


_FDP_FIELDS = [
    # (name, type, columnType in the Fiscal Data Package spec, description)
    ("document_id", "string", "unknown:string", "sha256 of the source PDF"),
    ("unit_name", "string", "administrative-classification:generic:name", "budget unit (单位名称)"),
    ("region", "string", "geo-source:generic:name", "region named in the unit name"),
    ("fiscal_year", "integer", "date:fiscal-year", "fiscal year the figures are for (决算 or 预算)"),
    ("table_name", "string", "unknown:string", "canonical table the figure is printed in"),
    ("functional_code", "string", "functional-classification:generic:code", "支出功能分类科目 code"),
    ("economic_code", "string", "economic-classification:generic:code", "部门预算支出经济分类科目 code"),
    ("line_item", "string", "unknown:string", "fixed label of a summary row"),
    ("measure", "string", "unknown:string", "printed column"),
    ("phase", "string", "phase:id", "executed (决算数), approved (预算数)"),
    ("amount", "number", "value", "amount in CNY (yuan), exact"),
    ("page_number", "integer", "unknown:integer", "page of the PDF printing the figure"),
]


_FDP_PROJECT_FIELDS = [
    ("document_id", "string", "unknown:string", "sha256 of the source PDF"),
    ("unit_name", "string", "administrative-classification:generic:name", "budget unit (单位名称)"),
    ("fiscal_year", "integer", "date:fiscal-year", "fiscal year of the final accounts"),
    ("project_id", "string", "project:generic:id", "project key (md5 of the printed code, else of name and 主管部门)"),
    ("project_code", "string", "project:generic:code", "项目编码 when printed"),
    ("project_name", "string", "project:generic:name", "项目名称 as printed"),
    ("fund_source", "string", "fin-source:generic:name", "资金来源 as printed (年度资金总额 / 财政资金 / …)"),
    ("phase", "string", "phase:id", "approved (年初预算数), adjusted (全年/调整后预算数), executed (执行数)"),
    ("amount", "number", "value", "amount in CNY (yuan), exact"),
    ("page_number", "integer", "unknown:integer", "page of the PDF printing the figure"),
]


def _write_csv(path: str, fields: list[tuple], rows: list[tuple]) -> None:
    import csv

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([f[0] for f in fields])
        writer.writerows([[("" if v is None else format(v, "f") if hasattr(v, "as_tuple") else _inert(v)) for v in r]
                          for r in rows])


def _inert(value):
    """PDF text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_fdp(db_path: str, directory: str) -> str:
    """The money facts as a Fiscal Data Package (amounts in yuan): budget-lines.csv (the standard tables,
    executed and approved, additive: the finest printed level of each table in the columns its total
    sums, so any sum over rows is a sum of money once) and project-budgets.csv (绩效自评表: approved,
    adjusted, executed)."""
    import json

    con = connect(db_path, read_only=True)
    try:
        # 绩效自评表 budget rows, one row per printed phase
        projects = con.execute(
            """SELECT b.document_id, d.unit_name, d.fiscal_year, b.project_id, p.project_code, p.project_name,
                      b.fund_source_zh, phase, amount * 10000, b.page_number
               FROM marts.fct_project_budget b
               JOIN marts.dim_document d USING (document_id)
               JOIN marts.dim_project p USING (project_id)
               CROSS JOIN LATERAL (VALUES ('approved', b.budget_initial_wan), ('adjusted', b.budget_adjusted_wan),
                                          ('executed', b.executed_wan)) AS t(phase, amount)
               WHERE amount IS NOT NULL
               ORDER BY d.unit_name, d.fiscal_year, b.sheet_seq, b.row_seq, phase"""
        ).fetchall()
        # only figures that add up (intermediate.int_additive_budget_lines): the finest printed level of
        # each table in the columns its total sums, so Σ amount per document and table is its 合计
        rows = con.execute(
            """SELECT l.document_id, d.unit_name, d.region, d.fiscal_year, l.table_name,
                      CASE WHEN l.classification = 'function' THEN l.subject_code END,
                      CASE WHEN l.classification = 'economic' THEN l.subject_code END,
                      l.line_item, l.measure,
                      -- a budget report's figures, and a 决算's 预算数 columns, are approved amounts
                      CASE WHEN l.phase = 'approved' OR l.measure = 'budget' THEN 'approved' ELSE 'executed' END,
                      l.amount_wan * 10000, l.page_number
               FROM intermediate.int_additive_budget_lines l JOIN marts.dim_document d USING (document_id)
               ORDER BY d.unit_name, d.fiscal_year, l.table_seq, l.page_number"""
        ).fetchall()
    except Exception as exc:  # noqa: BLE001 - a warehouse without marts
        raise WarehouseError("the warehouse has no marts yet: run `juesuan build` first") from exc
    finally:
        con.close()
    package = {
        "name": "juesuan-final-accounts",
        "title": "决算 (executed) and 预算 (approved) figures extracted by juesuan",
        "profile": "fiscal-data-package",
        "countryCode": "CN",
        "resources": [{
            "name": "budget-lines", "path": "budget-lines.csv", "profile": "tabular-data-resource",
            "format": "csv", "encoding": "utf-8", "currency": "CNY",
            "schema": {"fields": [{"name": n, "type": t, "columnType": c, "description": d}
                                  for n, t, c, d in _FDP_FIELDS]},
        }, {
            "name": "project-budgets", "path": "project-budgets.csv", "profile": "tabular-data-resource",
            "format": "csv", "encoding": "utf-8", "currency": "CNY",
            "schema": {"fields": [{"name": n, "type": t, "columnType": c, "description": d}
                                  for n, t, c, d in _FDP_PROJECT_FIELDS]},
        }],
        "model": {
            "measures": {"amount": {"source": "amount", "currency": "CNY"}},
            "dimensions": {
                "administrative": {"dimensionType": "classification", "primaryKey": ["unit_name"],
                                   "attributes": {"unit_name": {"source": "unit_name"}}},
                "date": {"dimensionType": "datetime", "primaryKey": ["fiscal_year"],
                         "attributes": {"fiscal_year": {"source": "fiscal_year"}}},
                "functional": {"dimensionType": "classification", "classificationType": "functional",
                               "primaryKey": ["functional_code"],
                               "attributes": {"functional_code": {"source": "functional_code"}}},
                "economic": {"dimensionType": "classification", "classificationType": "economic",
                             "primaryKey": ["economic_code"],
                             "attributes": {"economic_code": {"source": "economic_code"}}},
                "phase": {"dimensionType": "other", "primaryKey": ["phase"],
                          "attributes": {"phase": {"source": "phase"}}},
            },
        },
    }
    target = os.path.abspath(directory)
    with exporting_to(target, "fdp") as staging:  # a folder of its own, never a user's files overwritten
        _write_csv(os.path.join(staging, "budget-lines.csv"), _FDP_FIELDS, rows)
        _write_csv(os.path.join(staging, "project-budgets.csv"), _FDP_PROJECT_FIELDS, projects)
        with open(os.path.join(staging, "datapackage.json"), "w", encoding="utf-8") as handle:
            json.dump(package, handle, ensure_ascii=False, indent=2)
    return os.path.join(target, "datapackage.json")


def publish(db_path: str, target: str) -> str:
    """A read-only snapshot for BI tools, replaced atomically: readers of the old copy are never
    blocked by the nightly writer, and never see half a run. The copy is written in the storage
    version of DuckDB 1.1 (PUBLISHED_STORAGE_VERSION), so the DuckDB 1.x inside BI tools opens it."""
    target = os.path.abspath(target)
    marker = target + PUBLISHED_MARKER
    if os.path.isdir(target) or (os.path.exists(target) and not os.path.exists(marker)):
        raise WarehouseError(f"{target} exists and is not a copy juesuan published; nothing was written "
                             "(give a new file, or an earlier published copy to replace)")
    connect(db_path, read_only=True).close()  # refuses a newer release's warehouse, as every reader does
    staging = None
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        # a folder of its own beside the target (same file system, so the swap is a rename); DuckDB
        # will not create a database in the empty file mkstemp would leave
        staging = tempfile.mkdtemp(prefix=".juesuan-publish-", dir=os.path.dirname(target))
        copy = os.path.join(staging, os.path.basename(target))
        con = duckdb.connect()
        try:
            # paths go to DuckDB as arguments, never into SQL text
            con.execute("ATTACH ? AS juesuan_warehouse (READ_ONLY)", [os.path.abspath(db_path)])
            con.execute(f"ATTACH ? AS juesuan_published (STORAGE_VERSION '{PUBLISHED_STORAGE_VERSION}')", [copy])
            con.execute("COPY FROM DATABASE juesuan_warehouse TO juesuan_published")  # schemas, tables, views, comments
            con.execute("DETACH juesuan_published")  # checkpoints: everything in the file, no WAL beside it
        finally:
            con.close()
        os.chmod(copy, 0o666 & ~umask())
        with open(marker, "w", encoding="utf-8") as note:
            note.write(f"{os.path.basename(target)} is a read-only copy published by juesuan; the next publish replaces it\n")
        os.replace(copy, target)
    except OSError as exc:  # a read-only, full or forbidden target: one line, the earlier copy left as it was
        raise WarehouseError(f"cannot publish to {target}: {exc.strerror or exc}") from exc
    except duckdb.Error as exc:  # DuckDB writing the copy meets the same faults (a full disk)
        raise WarehouseError(f"cannot publish to {target}: {str(exc).splitlines()[0]}") from exc
    finally:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
    return target


# The storage version of the published copy. DuckDB 2.0's own format is refused by every DuckDB 1.x
# (Metabase's driver, DBeaver's JDBC driver, older duckdb-engine installs); DuckDB 1.1.0 and later open
# this one. Not 'v1.0.0': DuckDB 1.0 cannot read the primary-key indexes DuckDB 2.0 writes in that format.
PUBLISHED_STORAGE_VERSION = "v1.1.0"

# Beside a published copy: says the file is juesuan's to replace (anything else at the target is refused).
PUBLISHED_MARKER = ".juesuan-published"

