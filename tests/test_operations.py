"""Scheduled runs: never two at once, each recorded; marts exported as Parquet."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb

from juesuan.outputs.export_folder import umask
from juesuan.outputs.parquet import export_parquet
from juesuan.outputs.publish import publish
from juesuan.runs import run_lock
from tests.conftest import EXAMPLES, ROOT, query

CLI = [sys.executable, "-m", "juesuan.cli"]


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


def test_fiscal_data_package_export(tmp_path):
    import csv
    import json

    from ingestion.batch.runner import ingest
    from juesuan.build import dbt_build
    from juesuan.outputs.fdp import export_fdp

    db = tmp_path / "warehouse.duckdb"
    pdfs = [str(EXAMPLES / "leshan_2024_unit_final_accounts.pdf"), str(EXAMPLES / "sichuan_province_2023_unit_final_accounts.pdf")]
    assert ingest(pdfs, str(db), progress=False).count("failed") == 0
    assert dbt_build(str(db)) == 0
    package = json.loads(Path(export_fdp(str(db), str(tmp_path / "fdp"))).read_text(encoding="utf-8"))
    assert package["profile"] == "fiscal-data-package"
    fields = {f["name"]: f["columnType"] for f in package["resources"][0]["schema"]["fields"]}
    assert fields["amount"] == "value" and fields["functional_code"].startswith("functional-classification")
    with open(tmp_path / "fdp" / "budget-lines.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == query(db, "SELECT count(*) FROM intermediate.int_additive_budget_lines")[0][0]
    # the finest printed level only: 20899's one 项 2089999 (1.30 万元), in the columns that make up the total
    line = [r for r in rows if r["table_name"] == "income" and r["functional_code"].startswith("20899")
            and Decimal(r["amount"])]
    assert [(r["unit_name"], r["fiscal_year"], r["functional_code"], r["measure"], r["amount"], r["phase"])
            for r in line] == [("乐山市大数据中心", "2024", "2089999", "fiscal_appropriation", "13000.000000", "executed")]
    # additive: Σ of the export per table is the printed 合计 (支出决算表 p.40: 1,069.86 万元), never the
    # 8,558.85 a sum over every level and column gave
    sums: dict[str, Decimal] = {}
    for r in rows:
        sums[r["table_name"]] = sums.get(r["table_name"], Decimal(0)) + Decimal(r["amount"])
    assert sums["expenditure"] == Decimal("10698600")
    assert sums["general_budget_expenditure"] == Decimal("6229200")
    # 收入决算表: 1,069.86 printed, its finest lines add to 1,069.78: 20899 printed 1.30 where 208 needs 1.38
    assert sums["income"] == Decimal("10697800")
    # 绩效自评表 budgets with the three phases the sheet prints (19.82 / 21.50 / 19.64 万元, seed 004)
    assert [r["name"] for r in package["resources"]] == ["budget-lines", "project-budgets"]
    with open(tmp_path / "fdp" / "project-budgets.csv", encoding="utf-8") as handle:
        projects = list(csv.DictReader(handle))
    total = sorted((r["phase"], r["amount"]) for r in projects
                   if r["project_code"] == "51000022T000006984099" and r["fund_source"] == "总额")
    assert total == [("adjusted", "215000.000000"), ("approved", "198200.000000"), ("executed", "196400.000000")]
    assert {r["phase"] for r in projects} == {"approved", "adjusted", "executed"}


def test_bi_reads_the_published_copy_through_sqlalchemy_while_a_writer_works(tmp_path):
    import sqlalchemy as sa

    from ingestion.batch.runner import ingest
    from juesuan.build import dbt_build
    from juesuan.outputs.publish import publish

    db = tmp_path / "warehouse.duckdb"
    assert ingest([str(EXAMPLES / "leshan_2024_unit_final_accounts.pdf")], str(db), progress=False).count("failed") == 0
    assert dbt_build(str(db)) == 0
    published = publish(str(db), str(tmp_path / "bi" / "juesuan.duckdb"))
    writer = duckdb.connect(str(db))  # the nightly run holds the warehouse open for writing
    try:
        engine = sa.create_engine(f"duckdb:///{published}", connect_args={"read_only": True})
        with engine.connect() as bi:
            total = bi.execute(sa.text("SELECT total_wan FROM marts.fct_income WHERE subject_code = '208'")).scalar()
            names = sa.inspect(engine).get_table_names(schema="marts")
        engine.dispose()
        writer.execute("CREATE TABLE raw.scratch AS SELECT 1 AS x")  # the writer is not blocked either
    finally:
        writer.close()
    assert total == Decimal("16.14")
    assert {"fct_budget_line", "dim_document", "fct_project_performance"} <= set(names)


def test_an_older_warehouse_is_upgraded_without_losing_data(tmp_path):
    """A warehouse written by an older release (older raw columns, older extractor, older models)
    is brought up to date by `juesuan run`; a document whose PDF is gone keeps its rows."""
    from ingestion import EXTRACTOR_VERSION
    from ingestion.raw.migrations import SCHEMA_VERSION

    db = tmp_path / "warehouse.duckdb"
    leshan = EXAMPLES / "leshan_2024_unit_final_accounts.pdf"
    gone = tmp_path / "gone.pdf"  # a PDF that was ingested once and is no longer on disk
    gone.write_bytes((EXAMPLES / "wuhan_2024_department_final_accounts.pdf").read_bytes())
    first = subprocess.run(CLI + ["run", str(leshan), str(gone), "--db", str(db), "--no-progress"], cwd=ROOT,
                           capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    gone.unlink()
    before = query(db, "SELECT count(*) FROM marts.fct_budget_line l JOIN marts.dim_document d USING (document_id) "
                       "WHERE d.source_file = 'gone.pdf'")[0][0]
    with duckdb.connect(str(db)) as con:  # what an older release left behind
        con.execute("ALTER TABLE raw.table_cells DROP COLUMN section_label")
        con.execute("ALTER TABLE raw.narrative_figures DROP COLUMN subject_code")
        con.execute("UPDATE raw.documents SET extractor_version = '1'")
        con.execute("UPDATE raw.meta SET value = '0' WHERE key = 'schema_version'")
        con.execute("UPDATE raw.meta SET value = 'older models' WHERE key = 'dbt_project_hash'")
        con.execute("ALTER TABLE marts.fct_narrative_figure DROP COLUMN table_page_number")
    rerun = subprocess.run(CLI + ["run", str(leshan), "--db", str(db), "--no-progress"], cwd=ROOT,
                           capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert "1 ingested" in rerun.stdout and "rebuilding every model (--full-refresh)" in rerun.stdout
    assert query(db, "SELECT source_file, extractor_version FROM raw.documents ORDER BY 1") == [
        ("gone.pdf", "1"), ("leshan_2024_unit_final_accounts.pdf", EXTRACTOR_VERSION)]
    assert query(db, "SELECT value FROM raw.meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    assert query(db, "SELECT count(*) FROM marts.fct_budget_line l JOIN marts.dim_document d USING (document_id) "
                     "WHERE d.source_file = 'gone.pdf'") == [(before,)]
    assert before > 50
    # the re-extracted document fills the restored columns; the mart has its column back
    assert query(db, "SELECT count(*) > 0 FROM raw.narrative_figures WHERE subject_code IS NOT NULL") == [(True,)]
    assert query(db, "SELECT count(*) > 0 FROM marts.fct_narrative_figure WHERE table_page_number IS NOT NULL") == [
        (True,)]
    assert query(db, "SELECT amount_wan FROM marts.fct_budget_line WHERE table_name = 'income' AND subject_code = '208' "
                     "AND measure = 'total'") == [(Decimal("16.14"),)]


def test_a_warehouse_from_a_newer_release_is_refused(tmp_path):
    from ingestion.raw.migrations import SCHEMA_VERSION
    from ingestion.raw.warehouse import connect

    db = tmp_path / "warehouse.duckdb"
    connect(str(db)).close()
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE raw.meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    result = subprocess.run(CLI + ["ingest", str(EXAMPLES / "leshan_2024_unit_final_accounts.pdf"), "--db", str(db),
                                   "--no-progress"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "written by a newer juesuan" in result.stderr
    assert query(db, "SELECT count(*) FROM raw.documents") == [(0,)]


def test_a_refused_run_writes_nothing_into_the_warehouse_it_was_refused(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    leshan = str(EXAMPLES / "leshan_2024_unit_final_accounts.pdf")
    first = subprocess.run(CLI + ["ingest", leshan, "--db", str(db), "--no-progress"], cwd=ROOT, capture_output=True,
                           text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    log = tmp_path / "juesuan.log"
    with run_lock(str(db)):
        refused = subprocess.run(CLI + ["run", leshan, "--db", str(db), "--no-progress", "--log", str(log)], cwd=ROOT,
                                 capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "another juesuan run holds" in refused.stderr
    assert query(db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'audit' AND table_name = 'runs'") == [(0,)]
    assert "exit_code=2" in log.read_text()  # the log still says it was refused


def test_outputs_never_delete_or_overwrite_what_they_did_not_create(tmp_path):
    """export/report/publish replace only what juesuan wrote there (its marker says so); a user's
    folder, file, DIR.old or same-named file is refused or left alone, and nothing is left behind."""
    db = tmp_path / "warehouse.duckdb"
    leshan = str(EXAMPLES / "leshan_2024_unit_final_accounts.pdf")
    assert subprocess.run(CLI + ["run", leshan, "--db", str(db), "--no-progress"], cwd=ROOT, capture_output=True,
                          timeout=600).returncode == 0
    # export parquet: a sibling DIR.old of the user's survives two exports; the folder is readable by others
    out, old = tmp_path / "marts", tmp_path / "marts.old"
    old.mkdir()
    (old / "mine.txt").write_text("keep")
    export_parquet(str(db), str(out))
    export_parquet(str(db), str(out))
    assert (old / "mine.txt").read_text() == "keep"
    assert oct(out.stat().st_mode & 0o777) == oct(0o777 & ~umask())
    # report and fdp into a folder holding a user's file: refused, the file untouched
    for args in (["report", "--db", str(db), "--out"], ["export", "fdp", "--db", str(db)]):
        folder = tmp_path / f"user_{args[0]}"
        folder.mkdir()
        (folder / ("index.html" if args[0] == "report" else "budget-lines.csv")).write_text("mine")
        result = subprocess.run(CLI + args[:1] + ([args[1], str(folder)] + args[2:] if args[0] == "export" else
                                                  args[1:] + [str(folder)]), cwd=ROOT, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 2 and "is not a juesuan export" in result.stderr, result.stderr
        assert [p.name for p in folder.iterdir()] == ["index.html" if args[0] == "report" else "budget-lines.csv"]
    # publish: a user's file or another warehouse at the target is refused; a folder too, with nothing left behind
    text = tmp_path / "notes.duckdb"
    text.write_text("my notes")
    for target in (text, tmp_path):
        before = sorted(p.name for p in tmp_path.iterdir())
        result = subprocess.run(CLI + ["publish", str(target), "--db", str(db)], cwd=ROOT, capture_output=True,
                                text=True, timeout=300)
        assert result.returncode == 2 and "is not a copy juesuan published" in result.stderr, result.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert text.read_text() == "my notes"
    # its own published copy is replaced
    bi = tmp_path / "bi.duckdb"
    assert publish(str(db), str(bi)) == str(bi) and publish(str(db), str(bi)) == str(bi)

