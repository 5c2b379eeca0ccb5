"""BI tools on the warehouse and on the published copy (issue 16): the SQLAlchemy inspection Superset's
"add dataset" flow makes, with this project's pins and with the stack of a stock Superset on a DuckDB 1.x
(SQLAlchemy 1.4, the line Superset requires); the published copy opened by DuckDB 1.1; and the SQL the
README's BI section gives, run on that copy."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal

import duckdb
import pytest

from tests.conftest import EXAMPLES, ROOT

# The oldest DuckDB that opens the published copy (juesuan.outputs.publish.PUBLISHED_STORAGE_VERSION), with
# duckdb-engine and the SQLAlchemy line of a stock Superset (its setup requires sqlalchemy<2).
OLD_STACK = {"duckdb": "1.1.0", "duckdb-engine": "0.17.0", "sqlalchemy": "1.4.54"}

# What Superset calls when a dataset is added (schemas, then the tables and views of one, then the
# table's columns and constraints), and one mart figure read through the same engine. Run as a script so
# that the same calls run under this project's pins and in the DuckDB 1.x environment.
SUPERSET_FLOW = r"""
import json, sys, warnings
import duckdb, sqlalchemy as sa
warnings.simplefilter("ignore")  # duckdb-engine warns that it reflects no indexes (it returns [])
url, schema, table = sys.argv[1:4]
engine = sa.create_engine(url)
insp = sa.inspect(engine)
out = {
    "versions": [duckdb.__version__, sa.__version__],
    "schemas": insp.get_schema_names(),
    "tables": insp.get_table_names(schema=schema),
    "views": insp.get_view_names(schema=schema),
    "zh_views": insp.get_view_names(schema="marts_zh"),
    "columns": {c["name"]: [str(c["type"]), c["nullable"], c["comment"]] for c in insp.get_columns(table, schema=schema)},
    "zh_columns": [c["name"] for c in insp.get_columns("dim_document", schema="marts_zh")],
    "pk": insp.get_pk_constraint(table, schema=schema),
    "fks": insp.get_foreign_keys(table, schema=schema),
    "indexes": insp.get_indexes(table, schema=schema),
    "unique": insp.get_unique_constraints(table, schema=schema),
}
with engine.connect() as con:
    out["figure"] = str(con.execute(sa.text("SELECT total_wan FROM marts.fct_income WHERE subject_code = '208'")).scalar())
print(json.dumps(out, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def bi_copy(tmp_path_factory):
    """The Leshan example built into a warehouse, and its published copy."""
    from ingestion.batch.runner import ingest
    from juesuan.build import dbt_build
    from juesuan.outputs.publish import publish

    folder = tmp_path_factory.mktemp("bi")
    db = folder / "warehouse.duckdb"
    assert ingest([str(EXAMPLES / "leshan_2024_unit_final_accounts.pdf")], str(db), progress=False).count("failed") == 0
    assert dbt_build(str(db)) == 0
    published = publish(str(db), str(folder / "srv" / "juesuan.duckdb"))
    return db, published


@pytest.fixture(scope="session")
def old_stack_python() -> str:
    """A throwaway virtualenv with OLD_STACK, kept under test-artifacts/ (ignored by git) so later runs
    reuse it; built beside it and renamed into place, so an interrupted build is never taken for one."""
    name = "venv-" + "-".join(f"{k}{v}" for k, v in OLD_STACK.items())
    venv = ROOT / "test-artifacts" / name
    python = venv / "bin" / "python"
    probe = "import duckdb, duckdb_engine, sqlalchemy; print(duckdb.__version__, duckdb_engine.__version__, sqlalchemy.__version__)"
    wanted = " ".join(OLD_STACK.values())

    def versions() -> str:
        result = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, timeout=120)
        return result.stdout.strip()

    if python.exists() and versions() == wanted:
        return str(python)
    venv.parent.mkdir(parents=True, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=f".{name}-", dir=venv.parent)
    try:
        subprocess.run([sys.executable, "-m", "venv", staging], check=True, timeout=300)
        # pip is run as a module: the scripts in bin/ name the staging path, the interpreter does not
        pip = subprocess.run([os.path.join(staging, "bin", "python"), "-m", "pip", "install", "--disable-pip-version-check",
                              "-q", *(f"{k}=={v}" for k, v in OLD_STACK.items())],
                             capture_output=True, text=True, timeout=900)
        assert pip.returncode == 0, pip.stdout[-2000:] + pip.stderr[-2000:]
        shutil.rmtree(venv, ignore_errors=True)
        os.rename(staging, venv)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    assert versions() == wanted
    return str(python)


def _superset_flow(python: str, path, schema: str, table: str = "fct_income") -> dict:
    # the database URI the README gives Superset
    result = subprocess.run([python, "-c", SUPERSET_FLOW, f"duckdb:///{path}?access_mode=read_only", schema, table],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


MARTS = {"dim_document", "dim_unit", "fct_budget_line", "fct_expenditure", "fct_income", "fct_three_public",
         "fct_project_performance", "fct_budget_vs_actual"}


def _assert_dataset_flow(out: dict, catalog: str) -> None:
    assert f"{catalog}.marts" in out["schemas"] and f"{catalog}.marts_zh" in out["schemas"]
    assert MARTS <= set(out["tables"])
    # the marts are tables but for the unit × year views; their 中文 views are in marts_zh
    assert sorted(out["views"]) == ["mart_unit_year", "mart_unit_year_change"]
    assert MARTS <= set(out["zh_views"])
    # types and the column descriptions stored as comments, as Superset shows them
    assert out["columns"]["total_wan"] == ["NUMERIC(38, 6)", True, "本年收入合计."]
    assert out["columns"]["page_number"] == ["INTEGER", True, "Page of the PDF where the figure is printed (1-based)."]
    assert {"单位名称", "年度"} <= set(out["zh_columns"])
    # marts carry no constraints: each call answers "none" instead of failing
    assert out["pk"] == {"name": None, "constrained_columns": []}
    assert out["fks"] == [] and out["indexes"] == [] and out["unique"] == []
    assert Decimal(out["figure"]) == Decimal("16.14")


def test_the_published_copy_holds_the_whole_warehouse(bi_copy):
    """Rewritten in another storage version, the copy keeps every table with its rows, every view and
    every comment of the warehouse."""
    db, published = bi_copy

    def contents(path) -> dict:
        with duckdb.connect(str(path), read_only=True) as con:
            relations = con.execute("SELECT schema_name, table_name FROM duckdb_tables() UNION ALL "
                                    "SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1, 2").fetchall()
            return {
                "rows": {f"{s}.{t}": con.execute(f'SELECT count(*) FROM "{s}"."{t}"').fetchall()[0][0]  # noqa: S608 (catalog names)
                         for s, t in relations},
                "columns": con.execute("SELECT schema_name, table_name, column_name, data_type, comment FROM duckdb_columns() "
                                       "WHERE database_name = current_database() ORDER BY ALL").fetchall(),
                "storage": con.execute("SELECT tags['storage_version'] FROM duckdb_databases() "
                                       "WHERE database_name = current_database()").fetchall(),
            }

    warehouse, copy = contents(db), contents(published)
    assert warehouse["storage"] == [("v2.0.0+",)] and copy["storage"] == [("v1.0.0+",)]  # DuckDB's name for 1.1's format
    assert copy["rows"] == warehouse["rows"] and copy["columns"] == warehouse["columns"]
    assert copy["rows"]["marts.fct_budget_line"] == copy["rows"]["marts_zh.fct_budget_line"] == 526
    assert len(copy["rows"]) >= 75 and sum(1 for c in copy["columns"] if c[4]) >= 250  # tables + views; commented columns


def test_superset_can_add_datasets_from_the_warehouse_and_the_published_copy(bi_copy):
    """This project's pins (duckdb 2.0, duckdb-engine, SQLAlchemy 2.0.54) inspect both files, the schema
    given bare (marts) or as Superset lists it (<catalog>.marts)."""
    import sqlalchemy

    db, published = bi_copy
    assert sqlalchemy.__version__ == "2.0.54"
    for path, catalog in ((db, "warehouse"), (published, "juesuan")):
        for schema in ("marts", f"{catalog}.marts"):
            out = _superset_flow(sys.executable, path, schema)
            assert out["versions"] == [duckdb.__version__, "2.0.54"]
            _assert_dataset_flow(out, catalog)


def test_the_published_copy_opens_in_duckdb_1x_with_a_stock_superset_stack(bi_copy, old_stack_python):
    """DuckDB 1.1.0 refuses the warehouse (DuckDB 2.0 storage) and opens the published copy: the same
    dataset flow through duckdb-engine and SQLAlchemy 1.4, and the same figure."""
    db, published = bi_copy
    refused = subprocess.run([old_stack_python, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1], read_only=True)", str(db)],
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0 and "version number" in refused.stderr, refused.stderr[-2000:]
    out = _superset_flow(old_stack_python, published, "juesuan.marts")
    assert out["versions"] == [OLD_STACK["duckdb"], OLD_STACK["sqlalchemy"]]
    _assert_dataset_flow(out, "juesuan")


def _readme_bi_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("\n## BI tools\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_bi_recipes_run_on_the_published_copy_in_duckdb_1x(bi_copy, old_stack_python):
    """Every SQL block of the README's BI section, run by DuckDB 1.1.0 on a read-only published copy,
    and the connection settings the section names."""
    _, published = bi_copy
    section = _readme_bi_section()
    assert "duckdb:////srv/bi/juesuan.duckdb?access_mode=read_only" in section  # the URI _superset_flow uses
    assert "duckdb.read_only" in section and "Establish a read-only connection" in section
    blocks = re.findall(r"```sql\n(.*?)```", section, flags=re.S)
    run = ("import duckdb, json, sys\n"
           "con = duckdb.connect(sys.argv[1], read_only=True)\n"
           "print(json.dumps([con.execute(sql).fetchall() for sql in json.loads(sys.argv[2])], ensure_ascii=False, default=str))")
    result = subprocess.run([old_stack_python, "-c", run, str(published), json.dumps(blocks)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout) == [
        [["乐山市大数据中心", 2024, "final_accounts", 47]],
        [["乐山市大数据中心", 2024]],
    ]
