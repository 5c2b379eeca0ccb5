"""The raw layer as partitioned Parquet, and a warehouse rebuilt from it with the same marts."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import duckdb
import pytest

from ingestion.raw.migrations import SCHEMA_VERSION
from ingestion.raw.parquet import RAW_TABLES, import_raw
from ingestion.raw.warehouse import WarehouseError
from juesuan.build import dbt_build
from tests.conftest import EXAMPLES, ROOT, query

PDFS = ["leshan_2024_unit_final_accounts.pdf", "jincheng_2023_department_final_accounts.pdf"]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan.cli", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("raw_parquet")
    (tmp / "in").mkdir()
    for name in PDFS:
        (tmp / "in" / name).write_bytes((EXAMPLES / name).read_bytes())
    (tmp / "in" / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    original = tmp / "original.duckdb"
    run = _cli("run", str(tmp / "in"), "--db", str(original), "--no-progress", "--raw-parquet", str(tmp / "raw"))
    assert run.returncode == 0, run.stdout + run.stderr
    return tmp, original


def test_raw_layer_is_partitioned_by_fiscal_year(exported):
    tmp, original = exported
    raw = tmp / "raw"
    assert {p.name for p in (raw / "documents").iterdir()} == {"year=2023", "year=2024"}
    assert {p.name for p in (raw / "table_cells").iterdir()} == {"year=2023", "year=2024"}
    assert {p.name for p in (raw / "ingest_errors").iterdir()} == {"year=0"}  # a failure has no document
    assert {p.name for p in raw.iterdir()} == {*RAW_TABLES, "meta.parquet", ".juesuan-export"}
    with duckdb.connect() as con:
        year_2023 = con.execute("SELECT DISTINCT document_id FROM read_parquet(?, hive_partitioning = true)",
                                [str(raw / "table_cells" / "year=2023" / "*.parquet")]).fetchall()
        assert con.execute("SELECT schema_version FROM read_parquet(?)", [str(raw / "meta.parquet")]).fetchall() == [
            (SCHEMA_VERSION,)]
    assert year_2023 == query(original, "SELECT document_id FROM raw.documents WHERE fiscal_year = 2023")


def test_warehouse_rebuilt_from_parquet_has_the_same_raw_rows_and_marts(exported):
    tmp, original = exported
    rebuilt = tmp / "rebuilt.duckdb"
    loaded = _cli("import", "raw", str(tmp / "raw"), "--db", str(rebuilt))
    assert loaded.returncode == 0 and loaded.stdout.startswith("import: 2 documents"), loaded.stdout + loaded.stderr
    assert dbt_build(str(rebuilt)) == 0
    with duckdb.connect(str(rebuilt)) as con:
        con.execute("ATTACH ? AS original (READ_ONLY)", [str(original)])
        compared, tables = 0, set()
        for schema, table in con.execute("""SELECT table_schema, table_name FROM information_schema.tables
                                            WHERE table_catalog = 'original' AND table_schema IN ('raw', 'marts')
                                            AND table_type = 'BASE TABLE' ORDER BY 1, 2""").fetchall():
            if table == "meta":
                continue
            for left, right in (("original", "rebuilt"), ("rebuilt", "original")):
                difference = con.execute(f"SELECT count(*) FROM (FROM {left}.{schema}.{table} "  # noqa: S608
                                         f"EXCEPT ALL FROM {right}.{schema}.{table})").fetchone()[0]
                assert difference == 0, (schema, table, left)
            tables.add(f"{schema}.{table}")
            compared += con.execute(f"SELECT count(*) FROM rebuilt.{schema}.{table}").fetchone()[0]  # noqa: S608
    # every raw table and every mart table, 5,000+ rows for these two reports (the two unit × year marts,
    # views over these tables and the findings, are audit-layer models in models/audit, published in marts)
    marts = len(list((ROOT / "models" / "marts").glob("*.sql")))
    assert marts == 21 and len(tables) == len(RAW_TABLES) + marts and compared > 5_000
    # an exact figure of the PDF, through Parquet and back (收入决算表 208 of Leshan, as printed)
    assert query(rebuilt, """SELECT amount_wan FROM marts.fct_budget_line l JOIN marts.dim_document d USING (document_id)
                             WHERE d.source_file = ? AND table_name = 'income' AND subject_code = '208'
                             AND measure = 'total'""", [PDFS[0]]) == [(Decimal("16.14"),)]


def test_import_refuses_a_warehouse_that_holds_documents_and_newer_exports(exported, tmp_path):
    tmp, original = exported
    with pytest.raises(WarehouseError, match="already holds raw rows"):
        import_raw(str(tmp / "raw"), str(original))
    newer = tmp_path / "newer"
    newer.mkdir()
    with duckdb.connect() as con:
        con.sql(f"SELECT {SCHEMA_VERSION + 1} AS schema_version").write_parquet(str(newer / "meta.parquet"))
    with pytest.raises(WarehouseError, match="newer juesuan"):
        import_raw(str(newer), str(tmp_path / "fresh.duckdb"))
    failed = _cli("import", "raw", str(tmp_path / "nothing"), "--db", str(tmp_path / "other.duckdb"))
    assert failed.returncode == 2 and "not a raw export" in failed.stderr


def test_export_never_replaces_a_folder_of_the_users(exported, tmp_path):
    tmp, original = exported
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "notes.txt").write_text("mine")
    failed = _cli("export", "raw", str(keep), "--db", str(original))
    assert failed.returncode == 2 and "is not a juesuan export" in failed.stderr
    assert [p.name for p in keep.iterdir()] == ["notes.txt"]
    failed = _cli("export", "parquet", str(keep), "--db", str(original))
    assert failed.returncode == 2 and [p.name for p in keep.iterdir()] == ["notes.txt"]
    # an earlier export is replaced whole
    again = _cli("export", "raw", str(tmp / "raw"), "--db", str(original))
    assert again.returncode == 0, again.stderr
    assert not list(tmp.glob(".juesuan-*"))  # no staging folder left behind


def test_import_is_all_or_nothing_and_reads_older_exports(exported, tmp_path):
    import shutil

    tmp, _ = exported
    broken = tmp_path / "broken [2024]"  # a name with glob characters is a name
    shutil.copytree(tmp / "raw", broken)
    cells = next((broken / "table_cells").glob("year=*/*.parquet"))
    cells.write_bytes(b"PAR1 not parquet")
    db = tmp_path / "new.duckdb"
    failed = _cli("import", "raw", str(broken), "--db", str(db))
    assert failed.returncode == 2 and "nothing was imported" in failed.stderr
    assert query(db, "SELECT count(*) FROM raw.documents") == [(0,)]
    # an export from before the 绩效 tables existed: those tables stay empty, the rest loads
    older = tmp_path / "older [x]"
    shutil.copytree(tmp / "raw", older)
    for table in ("performance_sheets", "performance_budget_rows", "performance_indicators", "performance_summary_rows"):
        shutil.rmtree(older / table)
    counts = import_raw(str(older), str(tmp_path / "older.duckdb"))
    assert counts["documents"] == 2 and counts["performance_sheets"] == 0 and counts["table_cells"] > 1000
