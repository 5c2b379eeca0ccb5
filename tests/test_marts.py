"""The marts after a real `dbt build`: the figures printed in the documents, by SQL."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingestion.batch.runner import ingest
from juesuan.build import dbt_build
from tests.conftest import EXAMPLES, final_account_pdfs, query, shared_pdfs
from tests.expected_shanghai import EXPECTED, PLANNING, SOCIAL_WORK
from tests.test_examples import FIGURES as EXAMPLE_FIGURES

# measure of a printed column -> (wide mart, its column) for the tables with a wide fact
WIDE = {
    "income": ("fct_income", "{measure}_wan"),
    "expenditure": ("fct_expenditure", "{measure}_wan"),
}
APPROPRIATION_FUND = {"general_budget_expenditure": "general_budget"}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    db = tmp_path_factory.mktemp("marts") / "warehouse.duckdb"
    paths = [str(EXAMPLES)]
    try:
        paths += final_account_pdfs()
    except pytest.skip.Exception:
        pass
    summary = ingest(paths, str(db), jobs=2, progress=False)
    assert summary.count("failed") == 0
    assert dbt_build(str(db)) == 0
    return db


def _document(db, source_file: str) -> str:
    return query(db, "SELECT document_id FROM marts.dim_document WHERE source_file = ?", [source_file])[0][0]


def _wide_checks(table: str, key: str, measure: str) -> list[tuple[str, str, list]]:
    """(SQL, label, params-suffix) to read one printed figure from the wide marts."""
    checks = []
    if table in WIDE and key.isdigit():
        mart, column = WIDE[table]
        checks.append((f"SELECT {column.format(measure=measure)} FROM marts.{mart} "  # noqa: S608 (fixed names)
                       "WHERE document_id = ? AND subject_code = ?", [key]))
    if table in APPROPRIATION_FUND and key.isdigit() and measure in ("total", "basic", "project"):
        checks.append(("SELECT amount_wan FROM marts.fct_appropriation WHERE document_id = ? AND subject_code = ? "
                       "AND fund_source = ? AND nature = ?", [key, APPROPRIATION_FUND[table], measure]))
    if table == "general_budget_basic_expenditure" and key.isdigit():
        checks.append(("SELECT amount_wan FROM marts.fct_basic_expenditure_economic WHERE document_id = ? "
                       "AND economic_code = ?", [key]))
    if table == "three_public":
        checks.append(("SELECT amount_wan FROM marts.fct_three_public WHERE document_id = ? AND category = ? "
                       "AND phase = ?", [key, measure]))
    return checks


def _assert_document(db, source_file: str, figures: list[tuple[str, str, str, str]], minimum: int) -> None:
    document_id = _document(db, source_file)
    wrong, checked = [], 0
    for table, key, measure, printed in figures:
        value = Decimal(printed.replace(",", ""))
        line = query(db, "SELECT amount_wan, value_text FROM marts.fct_budget_line WHERE document_id = ? AND table_name = ? "
                         "AND coalesce(subject_code, line_item) = ? AND measure = ?", [document_id, table, key, measure])
        checked += 1
        if line != [(value, printed)]:
            wrong.append(("fct_budget_line", table, key, measure, printed, line))
        for sql, params in _wide_checks(table, key, measure):
            checked += 1
            got = query(db, sql, [document_id, *params])
            if got != [(value,)]:
                wrong.append((sql.split()[3], table, key, measure, printed, got))
    assert wrong == []
    assert checked >= minimum


def test_example_figures_in_marts(warehouse):
    _assert_document(warehouse, "leshan_2024_unit_final_accounts.pdf", EXAMPLE_FIGURES, 40)


@pytest.mark.parametrize("source_file", [SOCIAL_WORK, PLANNING])
def test_shanghai_figures_in_marts(warehouse, source_file):
    shared_pdfs()
    figures = [(t, k, m, p) for t, _page, k, m, p in EXPECTED[source_file]]
    _assert_document(warehouse, source_file, figures, 200)


def test_dimensions(warehouse):
    assert query(warehouse, "SELECT level, parent_code, name_zh, is_observed_only FROM marts.dim_function_subject "
                            "WHERE subject_code = '2010350'") == [("item", "20103", "事业运行", False)]
    assert query(warehouse, "SELECT name_zh, valid_from_year FROM marts.dim_function_subject WHERE subject_code = '210'") == [
        ("卫生健康支出", 2019)]
    assert query(warehouse, "SELECT name_zh FROM marts.dim_economic_subject WHERE economic_code = '30113'") == [("住房公积金",)]
    # the income table's 住房租金支出 for 2210201 is kept as a flagged variant, the reference name stays
    assert query(warehouse, "SELECT printed_name, reference_names FROM marts.dim_subject_name_variant "
                            "WHERE subject_code = '2210201' AND NOT matches_reference") == [("住房租金支出", "住房公积金")]
    assert query(warehouse, "SELECT unit_name, fiscal_year, layout_family FROM marts.dim_document "
                            "WHERE source_file = 'leshan_2024_unit_final_accounts.pdf'") == [("乐山市大数据中心", 2024, "sichuan")]
    assert query(warehouse, "SELECT level FROM marts.dim_unit WHERE unit_name = '乐山市大数据中心'") == [("unit",)]


def test_basic_expenditure_groups_and_balance(warehouse):
    shared_pdfs()
    planning = _document(warehouse, PLANNING)
    groups = dict(query(warehouse, "SELECT expense_group, sum(amount_wan) FROM marts.fct_basic_expenditure_economic "
                                   "WHERE document_id = ? AND level = 'class' GROUP BY ALL", [planning]))
    assert groups == {"personnel": Decimal("4884.100000"), "public": Decimal("480.660000")}  # 302 440.90 + 310 39.76
    assert query(warehouse, "SELECT amount_wan FROM marts.fct_balance WHERE document_id = ? AND phase = 'closing' "
                            "AND fund_source = 'all_sources'", [planning]) == [(Decimal("100"),)]


def test_present_and_empty_tables_produce_no_lines(warehouse):
    shared_pdfs()
    template = _document(warehouse, "附件2：部门决算模板.pdf")
    assert query(warehouse, "SELECT count(*) FROM marts.fct_budget_line WHERE document_id = ?", [template]) == [(0,)]


def test_adding_a_document_is_incremental(warehouse, tmp_path):
    from tests import pdf_factory

    before = query(warehouse, "SELECT document_id, min(ingested_at) FROM marts.fct_budget_line GROUP BY ALL ORDER BY 1")
    extra = pdf_factory.tiny_report(tmp_path / "extra.pdf", "上海市某某局", "3.21")
    ingest([str(extra)], str(warehouse), progress=False)
    assert dbt_build(str(warehouse)) == 0
    after = query(warehouse, "SELECT document_id, min(ingested_at) FROM marts.fct_budget_line GROUP BY ALL ORDER BY 1")
    assert set(before) < set(after) and len(after) == len(before) + 1
    assert query(warehouse, "SELECT amount_wan FROM marts.fct_three_public WHERE category = 'total' AND phase = 'actual' "
                            "AND document_id = (SELECT document_id FROM marts.dim_document WHERE source_file = 'extra.pdf')") == [
        (Decimal("3.21"),)]


@pytest.mark.parametrize("pdf", ["wuhan_2024_department_final_accounts.pdf", "rongcheng_2024_department_final_accounts.pdf",
                                 "jincheng_2023_department_final_accounts.pdf"])
def test_seed_report_figures_in_marts(warehouse, pdf):
    """The coded tables of the other example reports, figure by figure from the seed text, in the marts."""
    from tests import test_seed_examples as seeds

    if not seeds.SEEDS.is_dir():
        pytest.skip(f"../shared/seeds is not beside the repository ({seeds.SEEDS})")
    seed, tables = seeds.REPORTS[pdf]
    lines = (seeds.SEEDS / seed).read_text(encoding="utf-8").splitlines()
    document_id = _document(warehouse, pdf)
    checked = 0
    for table, title, measures in tables:
        if measures is None:
            continue
        expected = seeds._coded_figures(seeds._section(lines, title), measures)
        got = {(code, measure): seeds._clean(text) for code, measure, text in query(
            warehouse, "SELECT subject_code, measure, value_text FROM marts.fct_budget_line WHERE document_id = ? "
                       "AND table_name = ? AND subject_code IS NOT NULL AND NOT is_blank", [document_id, table])}
        assert got == expected, table
        checked += len(expected)
        if table == "income":
            wide = query(warehouse, "SELECT subject_code, total_wan FROM marts.fct_income WHERE document_id = ?",
                         [document_id])
            assert {(c, "total"): v for c, v in wide if (c, "total") in expected} == {
                k: Decimal(v) for k, v in expected.items() if k[1] == "total"}
    assert checked >= 40
