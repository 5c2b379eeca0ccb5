"""`juesuan build` runs a real dbt build on a real warehouse."""

import duckdb

from tests.conftest import query


def test_build_creates_staging_views(examples_db, capsys):
    from juesuan.build import dbt_build

    assert dbt_build(str(examples_db)) == 0
    assert "0 failed" in capsys.readouterr().out
    assert query(examples_db, "SELECT unit_name FROM staging.stg_documents") == [("乐山市大数据中心",)]
    assert query(examples_db, "SELECT count(*) FROM staging.stg_table_cells WHERE table_name = 'income' "
                              "AND subject_code = '20899' AND value_text = '1.30'") == [(7 - 5,)]


def test_docs_generate_with_persisted_column_comments(examples_db):
    import os
    import subprocess
    import sys

    from juesuan.build import PROJECT_DIR, dbt_build

    assert dbt_build(str(examples_db)) == 0
    env = {**os.environ, "JUESUAN_DB": str(examples_db)}
    result = subprocess.run([sys.executable, "-m", "dbt.cli.main", "docs", "generate", "--project-dir", str(PROJECT_DIR),
                             "--profiles-dir", str(PROJECT_DIR), "--target-path", str(examples_db.parent / "target")],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:]
    assert (examples_db.parent / "target" / "catalog.json").exists()
    # persist_docs: BI tools read the column descriptions from the warehouse itself
    comments = query(examples_db, "SELECT comment FROM duckdb_columns() WHERE schema_name = 'marts' "
                                  "AND table_name = 'fct_income' AND column_name = 'fiscal_appropriation_wan'")
    assert comments == [("财政拨款收入.",)]


def test_every_mart_column_documented_and_labelled_in_chinese(examples_db):
    """BI users see a description on every mart column and, in marts_zh, every mart under 中文 names."""
    from decimal import Decimal

    from juesuan.build import dbt_build

    assert dbt_build(str(examples_db)) == 0
    columns = query(examples_db, "SELECT table_name, column_name, comment FROM duckdb_columns() "
                                 "WHERE schema_name = 'marts' ORDER BY 1, 2")
    assert len(columns) > 150
    assert [(t, c) for t, c, comment in columns if not comment] == []
    labels = dict(query(examples_db, "SELECT column_name, label_zh FROM reference.ref_column_labels"))
    assert sorted({c for _, c, _ in columns} - set(labels)) == []
    by_mart = {(t, c): label for t, c, label in query(
        examples_db, "SELECT table_name, column_name, label_zh FROM reference.ref_column_labels_by_mart")}
    views = query(examples_db, "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'marts_zh'")
    assert len(views) == len(columns)
    assert {(t, by_mart.get((t, c), labels[c])) for t, c, _ in columns} == set(views)
    # one name, two meanings: each mart says which
    assert ("fct_income", "经营收入（万元）") in views and ("fct_expenditure", "经营支出（万元）") in views
    assert ("dim_unit", "单位层级（部门/单位）") in views and ("dim_function_subject", "科目级次") in views
    # values in Chinese too: the table's title, the column, the report kind
    assert query(examples_db, """SELECT "表名", "栏目", "阶段（预算/决算）" FROM marts_zh.fct_budget_line
                                 WHERE "科目编码" = '208' AND "页码" = 38 ORDER BY "栏目" LIMIT 2""") == [
        ("收入决算表", "上级补助收入", "决算数"), ("收入决算表", "事业收入", "决算数")]
    assert query(examples_db, 'SELECT DISTINCT "报告类型（决算/预算）", "报告范围（部门/单位）" FROM marts_zh.dim_document') == [
        ("决算", "单位")]
    # the same figure under its Chinese names (收入决算表 208 of Leshan, p.38)
    assert query(examples_db, """SELECT "金额（万元）", "所印数字（原文）", "页码" FROM marts_zh.fct_budget_line
                                 WHERE "表名" = '收入决算表' AND "科目编码" = '208' AND "栏目" = '合计'""") == [
        (Decimal("16.14"), "16.14", 38)]


def test_a_second_build_of_the_same_project_is_incremental(examples_db):
    import json

    from juesuan.build import PROJECT_DIR, dbt_build

    def full_refresh() -> bool:
        return json.loads((PROJECT_DIR / "target" / "run_results.json").read_text())["args"].get("full_refresh", False)

    assert dbt_build(str(examples_db)) == 0
    assert dbt_build(str(examples_db)) == 0
    assert full_refresh() is False
    # models changed since the last build (as after an upgrade): one full refresh, then incremental again
    with duckdb.connect(str(examples_db)) as con:
        con.execute("UPDATE raw.meta SET value = 'older models' WHERE key = 'dbt_project_hash'")
    assert dbt_build(str(examples_db)) == 0
    assert full_refresh() is True
    assert dbt_build(str(examples_db)) == 0
    assert full_refresh() is False
