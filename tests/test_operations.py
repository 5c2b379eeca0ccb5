"""Scheduled runs: never two at once, each recorded; marts exported as Parquet."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import duckdb

from ingestion.operations import export_parquet, run_lock
from tests.conftest import EXAMPLES, ROOT, query

CLI = [sys.executable, "-m", "ingestion.cli"]


def test_run_is_recorded_logged_and_exported(tmp_path):
    db, log = tmp_path / "warehouse.duckdb", tmp_path / "logs" / "juesuan.log"
    leshan = str(EXAMPLES / "leshan_2024_unit_final_accounts.pdf")
    result = subprocess.run(CLI + ["run", leshan, "--db", str(db), "--no-progress", "--log", str(log)], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    runs = query(db, "SELECT command, exit_code, documents_ingested, documents_failed, findings > 0, "
                     "build_seconds > 0 FROM audit.runs")
    assert runs == [("run", 0, 1, 0, True, True)]
    assert "command=run" in log.read_text() and "exit_code=0" in log.read_text()
    out = tmp_path / "export 'x'"
    files = export_parquet(str(db), str(out))
    assert (out / "fct_budget_line.parquet").exists() and len(files) >= 15
    with duckdb.connect() as con:
        rows = con.execute("SELECT amount_wan FROM read_parquet(?) WHERE table_name = 'income' AND subject_code = '20899' "
                           "AND measure = 'total'", [str(out / "fct_budget_line.parquet")]).fetchall()
    assert rows == [(Decimal("1.30"),)]
    # a second export replaces the folder whole
    assert export_parquet(str(db), str(out)) == files


def test_a_second_run_does_not_start_while_one_holds_the_lock(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    with run_lock(str(db)):
        result = subprocess.run(CLI + ["ingest", str(EXAMPLES), "--db", str(db), "--no-progress"], cwd=ROOT,
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "another juesuan run holds" in result.stderr
    assert not db.exists()
