"""The bundled Leshan example (Sichuan layout: split 类/款/项 codes, 行次 columns,
a table over two pages with a repeated header, one without): figures as printed
in seed 000, including the report's own mistakes, which are kept, not corrected."""

from decimal import Decimal

import pytest

from tests.conftest import query

CELL = """SELECT value_text FROM raw.table_cells
          WHERE table_name = ? AND coalesce(subject_code, line_item) = ? AND measure = ? AND status = 'number'"""

FIGURES = [
    ("income_expenditure_summary", "general_budget_income", "amount", "622.92"),
    ("income_expenditure_summary", "government_fund_income", "amount", "446.94"),
    ("income_expenditure_summary", "201", "amount", "595.23"),
    ("income_expenditure_summary", "212", "amount", "446.94"),
    ("income_expenditure_summary", "234", "amount", "0.00"),
    ("income_expenditure_summary", "total_income", "amount", "1,069.86"),
    ("income_expenditure_summary", "grand_total_expenditure", "amount", "1,069.86"),
    ("income", "grand_total", "total", "1,069.86"),
    ("income", "2010350", "fiscal_appropriation", "53.88"),
    ("income", "20899", "total", "1.30"),  # the report's mistake: 项 2089999 and 类 208 need 1.38
    ("income", "2089999", "total", "1.30"),
    ("income", "2120899", "total", "446.94"),
    ("income", "2210201", "fiscal_appropriation", "8.29"),
    ("expenditure", "grand_total", "basic", "117.86"),  # table 06 says 117.88
    ("expenditure", "20899", "basic", "1.38"),
    ("expenditure", "2010499", "project", "505.04"),
    ("expenditure", "201", "basic", "90.18"),
    ("fiscal_appropriation_summary", "general_budget_income", "amount", "622.92"),
    ("fiscal_appropriation_summary", "212", "government_fund", "446.94"),
    ("fiscal_appropriation_summary", "total_expenditure", "general_budget", "622.92"),
    ("fiscal_appropriation_summary", "opening_balance_general_budget", "amount", "0.00"),
    ("fiscal_appropriation_summary", "grand_total_expenditure", "total", "1,069.86"),
    ("general_budget_expenditure", "grand_total", "basic", "117.88"),
    ("general_budget_expenditure", "grand_total", "project", "505.04"),
    ("general_budget_expenditure", "2013750", "total", "36.31"),
    ("general_budget_expenditure", "2080506", "basic", "4.92"),
    ("general_budget_expenditure", "2101102", "total", "3.26"),
    ("general_budget_expenditure", "22102", "basic", "8.29"),
    ("income", "2010499", "total", "505.04"),
    ("income", "21011", "fiscal_appropriation", "3.26"),
    ("expenditure", "2120899", "project", "446.94"),
    ("expenditure", "2101102", "basic", "3.26"),
    ("expenditure", "20805", "total", "14.76"),
]


@pytest.mark.parametrize(("table", "key", "measure", "printed"), FIGURES)
def test_example_figures(examples_db, table, key, measure, printed):
    assert query(examples_db, CELL, [table, key, measure]) == [(printed,)]


def test_example_names_kept_as_printed(examples_db):
    names = dict(query(examples_db, """SELECT table_name, row_label FROM raw.table_cells
                                        WHERE subject_code = '2210201' GROUP BY ALL"""))
    assert names["income"] == "住房租金支出"
    assert names["expenditure"] == "住房公积金"


def test_example_tables_and_pages(examples_db):
    rows = query(examples_db, "SELECT table_name, numbering, first_page, last_page, is_empty, empty_note "
                              "FROM raw.table_instances ORDER BY table_seq")
    assert rows == [
        ("income_expenditure_summary", "财决公开01表", 37, 37, False, None),
        ("income", "财决公开02表", 38, 39, False, None),
        ("expenditure", "财决公开03表", 40, 40, False, None),
        ("fiscal_appropriation_summary", "财决公开04表", 41, 42, False, None),
        ("general_budget_expenditure", "财决公开06表", 43, 43, False, None),
        # 07 and 13 are printed as headers only, as in the seed; 11 and 12 say 本表无数据
        ("general_budget_expenditure_detail", "财决公开07表", 44, 44, True, None),
        ("state_capital_income_expenditure", "财决公开11表", 45, 45, True, "本表无数据"),
        ("state_capital_expenditure", "财决公开12表", 46, 46, True, "本表无数据"),
        ("three_public", "", 47, 47, True, None),
    ]
    assert query(examples_db, "SELECT unit_name, fiscal_year, report_kind, scope, region FROM raw.documents") == [
        ("乐山市大数据中心", 2024, "final_accounts", "unit", "乐山市")]
    # the continuation page of 02表 (page 39) carries its own rows with provenance
    assert query(examples_db, "SELECT page_number, value FROM raw.table_cells WHERE table_name = 'income' "
                              "AND subject_code = '2210201' AND measure = 'total'") == [(39, Decimal("8.29"))]
