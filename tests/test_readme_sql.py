"""Every SQL block of the README runs on a warehouse of the bundled examples, and the recipes a
manager starts from return the printed figures: one row per unit and year, 类 totals for every
report (derived from 项 where only 项 are printed)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from ingestion.batch.runner import ingest
from juesuan.build import dbt_build
from tests.conftest import EXAMPLES, ROOT, query
from validation.identities import validate

README_SQL = re.findall(r"```sql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    db = tmp_path_factory.mktemp("readme") / "warehouse.duckdb"
    assert ingest([str(EXAMPLES)], str(db), progress=False).count("failed") == 0
    assert dbt_build(str(db)) == 0
    validate(str(db))
    return db


def _block(start: str) -> str:
    return next(b for b in README_SQL if b.startswith(start))


def test_every_readme_sql_block_runs_and_returns_rows(examples):
    assert len(README_SQL) >= 8
    for block in README_SQL:
        assert query(examples, block), block


def test_total_expenditure_per_unit_and_year_counts_each_report_once(examples):
    rows = query(examples, _block("-- total expenditure per unit and year"))
    assert [r[0] for r in rows] == sorted({r[0] for r in rows})  # one row per unit (one year each here)
    # Leshan p.37 (收支总表) 1,069.86; 支出决算表 p.40: 基本 117.86 + 项目 951.98; 25 error findings
    assert ("乐山市大数据中心", 2024, "final_accounts", Decimal("1069.86"), Decimal("117.86"), Decimal("951.98"),
            37, 40, 25) in rows
    # the 情况说明-only Sichuan report prints no table: its row says so with nulls, never 0
    assert ("四川省大数据技术服务中心", 2023, "final_accounts", None, None, None, None, None, 17) in rows


def test_class_totals_are_derived_where_a_report_prints_only_items(examples):
    rows = query(examples, _block("-- expenditure by 类 per unit and year"))
    wuhan = [r for r in rows if r[0].startswith("武汉")]
    # 武汉's 支出决算表 prints 7-digit 项 codes only (p.12): 类 201 = 2010350 + 2010399 + 2013799
    assert [(r[2], r[4], r[5]) for r in wuhan] == [
        ("201", Decimal("2015.55"), True), ("208", Decimal("46.10"), True), ("210", Decimal("42.30"), True),
        ("221", Decimal("52.87"), True)]
    assert sum(r[4] for r in wuhan) == Decimal("2156.82")  # the table's printed 合计
    leshan = [r for r in rows if r[0] == "乐山市大数据中心"]
    assert ("乐山市大数据中心", 2024, "201", "一般公共服务支出", Decimal("595.23"), False, 40) in leshan
    assert not [r for r in leshan if r[5]]  # Leshan prints its 类: nothing derived


def test_mart_unit_year_carries_three_public_and_basic_expenditure_with_pages(examples):
    assert query(examples, """SELECT personnel_wan, public_wan, personnel_page, operating_cost_wan, operating_cost_page,
                                     three_public_budget_wan, three_public_actual_wan
                              FROM marts.mart_unit_year WHERE unit_name LIKE '晋城%'""") == [
        (Decimal("258.05"), Decimal("35.11"), 12, Decimal("35.11"), 16, None, None)]
    assert query(examples, """SELECT three_public_budget_wan, three_public_actual_wan, three_public_actual_page
                              FROM marts.mart_unit_year WHERE unit_name LIKE '武汉%'""") == [
        (Decimal("2"), Decimal("0"), 15)]


def test_additive_lines_add_up_to_every_printed_total(examples):
    """export fdp's rows: per document and table, Σ of the finest printed level in the columns that make
    up the total equals the printed 合计 within the exact rounding bound of the figures summed."""
    rows = query(examples, """
        WITH sums AS (SELECT document_id, table_seq, any_value(table_name) AS table_name, sum(amount_wan) AS total,
                             sum(half_unit_wan) AS bound, count(*) AS lines
                      FROM intermediate.int_additive_budget_lines WHERE table_name != 'three_public' GROUP BY ALL),
             printed AS (SELECT document_id, table_seq, amount_wan, half_unit_wan FROM marts.fct_budget_line
                         WHERE line_item = 'grand_total' AND measure = 'total')
        SELECT d.source_file, s.table_name, s.total, p.amount_wan, abs(s.total - p.amount_wan) <= s.bound + p.half_unit_wan
        FROM sums s JOIN printed p USING (document_id, table_seq) JOIN marts.dim_document d USING (document_id)
        ORDER BY 1, 2""")
    assert len(rows) == 13
    assert [r[:2] for r in rows if not r[4]] == []
    exact = [r for r in rows if r[2] == r[3]]
    assert len(exact) == 12  # all but Leshan's 收入决算表 (the 20899 misprint, 0.08 within its bound of 0.275)
