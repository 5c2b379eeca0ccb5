"""How often one `juesuan run` opens the warehouse file in this process: once before dbt (ingest, the
built project's hash) and once after (the hash recorded, validate, the summary, the run record); dbt,
a child process, opens it a third time, while this process holds no connection (DuckDB's lock is per
process)."""

from __future__ import annotations

import os

import duckdb

import juesuan.build
from juesuan import pipeline
from tests.conftest import EXAMPLES, query


def _count_opens(monkeypatch, db):
    """Every duckdb.connect of the warehouse file, the real one called through; and at every dbt start,
    how many of them were still open."""
    real_connect, real_run_dbt = duckdb.connect, juesuan.build._run_dbt
    opened, open_at_dbt = [], []

    def counting_connect(database=":memory:", *args, **kwargs):
        con = real_connect(database, *args, **kwargs)
        if os.path.abspath(str(database)) == os.path.abspath(db):
            opened.append(con)
        return con

    def counting_run_dbt(*args, **kwargs):
        open_at_dbt.append(_still_open(opened))
        return real_run_dbt(*args, **kwargs)

    monkeypatch.setattr(duckdb, "connect", counting_connect)
    monkeypatch.setattr(juesuan.build, "_run_dbt", counting_run_dbt)
    return opened, open_at_dbt


def test_a_run_opens_the_warehouse_twice_in_this_process_and_never_during_dbt(tmp_path, monkeypatch):
    db = str(tmp_path / "warehouse.duckdb")
    opened, open_at_dbt = _count_opens(monkeypatch, db)
    lines: list[str] = []
    code = pipeline.run(db, [str(EXAMPLES / "leshan_2024_unit_final_accounts.pdf")], pipeline.RunOptions(),
                        out=lines.append)
    assert code == 0, lines
    assert len(opened) == 2  # before: 6 (ingest, full_refresh_needed, record_project_hash, validate, summary, record)
    assert open_at_dbt == [0]  # dbt (the third open) ran while this process held none
    assert any(line.startswith("ingest: 1 ingested") for line in lines)
    assert any(line.startswith("validate: ") for line in lines)
    assert any(line.startswith(f"warehouse {db}: 1 documents") for line in lines)
    assert query(db, "SELECT command, exit_code, documents_ingested FROM audit.runs") == [("run", 0, 1)]


def _still_open(opened) -> int:
    return sum(1 for con in opened if _alive(con))


def _alive(con) -> bool:
    try:
        con.execute("SELECT 1")
    except duckdb.ConnectionException:
        return False
    return True


def test_a_build_that_fails_still_records_the_run_on_a_second_open(tmp_path, monkeypatch):
    db = str(tmp_path / "warehouse.duckdb")
    opened, open_at_dbt = _count_opens(monkeypatch, db)
    monkeypatch.setattr(juesuan.build, "_run_dbt", _failing_dbt(open_at_dbt, opened))
    lines: list[str] = []
    code = pipeline.run(db, [str(EXAMPLES / "leshan_2024_unit_final_accounts.pdf")], pipeline.RunOptions(),
                        out=lines.append)
    assert code == 2
    assert len(opened) == 2 and open_at_dbt == [0] and _still_open(opened) == 0
    assert query(db, "SELECT exit_code, documents_ingested FROM audit.runs") == [(2, 1)]


def _failing_dbt(open_at_dbt, opened):
    def run_dbt(*args, **kwargs):
        open_at_dbt.append(_still_open(opened))
        return 2, "dbt: boom"
    return run_dbt


def test_an_ingest_that_fails_records_the_run_on_a_fresh_connection(tmp_path, monkeypatch):
    """A failed stage may leave its connection unusable (an aborted transaction): the run's row is written
    on a new one."""
    from ingestion.batch import runner
    from ingestion.raw.warehouse import WarehouseError

    db = str(tmp_path / "warehouse.duckdb")
    opened, open_at_dbt = _count_opens(monkeypatch, db)

    def no_space(*args, **kwargs):
        raise WarehouseError("no space left on device (injected)")

    monkeypatch.setattr(runner, "_run_jobs", no_space)
    try:
        pipeline.run(db, [str(EXAMPLES / "leshan_2024_unit_final_accounts.pdf")], pipeline.RunOptions(),
                     out=lambda line: None)
    except WarehouseError:
        pass
    else:
        raise AssertionError("the injected error did not stop the run")
    assert len(opened) == 2 and open_at_dbt == [] and _still_open(opened) == 0
    assert query(db, "SELECT exit_code, documents_ingested FROM audit.runs") == [(2, None)]


def test_a_refused_run_opens_nothing(tmp_path, monkeypatch):
    from ingestion.raw.warehouse import WarehouseError
    from juesuan.runs import run_lock

    db = str(tmp_path / "warehouse.duckdb")
    opened, _ = _count_opens(monkeypatch, db)
    with run_lock(db):
        try:
            pipeline.run(db, [str(EXAMPLES)], pipeline.RunOptions(), out=lambda line: None)
        except WarehouseError as exc:
            assert "another juesuan run holds" in str(exc)
        else:
            raise AssertionError("a second run started")
    assert opened == [] and not os.path.exists(db)


def test_raw_parquet_reuses_the_run_connection_and_publish_closes_it(tmp_path, monkeypatch):
    """--raw-parquet reads on the run's connection; --publish copies the closed file (its own read-only
    open), so the run record opens it once more: 2 + 1 + 1."""
    db = str(tmp_path / "warehouse.duckdb")
    opened, open_at_dbt = _count_opens(monkeypatch, db)
    options = pipeline.RunOptions(raw_parquet=str(tmp_path / "raw"), publish=str(tmp_path / "bi.duckdb"))
    lines: list[str] = []
    assert pipeline.run(db, [str(EXAMPLES / "leshan_2024_unit_final_accounts.pdf")], options, out=lines.append) == 0
    assert len(opened) == 4 and open_at_dbt == [0] and _still_open(opened) == 0
    assert any(line.startswith("raw layer: Parquet in ") for line in lines)
    assert any(line.startswith("publish: ") for line in lines)
    assert (tmp_path / "raw").is_dir() and query(tmp_path / "bi.duckdb", "SELECT count(*) FROM marts.dim_document") == [(1,)]
    assert query(db, "SELECT exit_code FROM audit.runs") == [(0,)]
