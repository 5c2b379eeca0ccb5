"""Every figure of the two filled Shanghai reports, read by eye off the rendered
pages (tests/expected_shanghai.py), against the raw layer built by real ingestion."""

from decimal import Decimal

import pytest

from tests.conftest import query
from tests.expected_shanghai import COVER, EMPTY_TABLES, EXPECTED, PLANNING, SOCIAL_WORK

CELL_SQL = """
    SELECT c.value, c.value_text, c.amount_wan
    FROM raw.table_cells c JOIN raw.documents d USING (document_id)
    WHERE d.source_file = ? AND c.table_name = ? AND c.page_number = ?
      AND coalesce(c.subject_code, c.line_item) = ? AND c.measure = ?
"""


@pytest.mark.parametrize("source_file", [SOCIAL_WORK, PLANNING])
def test_every_figure_read_by_eye(shared_db, source_file):
    expected = EXPECTED[source_file]
    assert len(expected) >= 60
    wrong = []
    for table, page, key, measure, printed in expected:
        rows = query(shared_db, CELL_SQL, [source_file, table, page, key, measure])
        value = Decimal(printed.replace(",", ""))
        if len(rows) != 1 or rows[0][0] != value or rows[0][1] != printed or rows[0][2] != value:
            wrong.append((table, page, key, measure, printed, rows))
    assert wrong == []


@pytest.mark.parametrize("source_file", [SOCIAL_WORK, PLANNING])
def test_no_figure_beyond_those_printed(shared_db, source_file):
    (count,) = query(shared_db, """SELECT count(*) FROM raw.table_cells JOIN raw.documents USING (document_id)
                                   WHERE source_file = ? AND status = 'number'""", [source_file])[0]
    assert count == len(EXPECTED[source_file])


@pytest.mark.parametrize("source_file", [SOCIAL_WORK, PLANNING])
def test_empty_tables_present_and_empty(shared_db, source_file):
    rows = query(shared_db, """SELECT table_name, first_page, empty_note FROM raw.table_instances
                               JOIN raw.documents USING (document_id) WHERE source_file = ? AND is_empty
                               ORDER BY first_page""", [source_file])
    assert [(t, p) for t, p, _ in rows] == sorted(EMPTY_TABLES[source_file], key=lambda x: x[1])
    assert all("本表无数据" in note for _, _, note in rows)


def test_cover_reading(shared_db):
    for source_file, (unit, year) in COVER.items():
        rows = query(shared_db, "SELECT unit_name, fiscal_year, region, scope, page_count, report_kind FROM raw.documents "
                                "WHERE source_file = ?", [source_file])
        assert rows[0][:4] == (unit, year, "上海市普陀区", "department")
        assert rows[0][5] == "final_accounts"
    assert query(shared_db, "SELECT page_count FROM raw.documents WHERE source_file = ?", [PLANNING]) == [(30,)]


def test_cross_page_tables_span_both_pages(shared_db):
    rows = query(shared_db, """SELECT table_name, first_page, last_page FROM raw.table_instances
                               JOIN raw.documents USING (document_id) WHERE source_file = ? ORDER BY first_page""",
                 [PLANNING])
    assert ("income", 8, 9) in rows
    assert ("general_budget_expenditure", 14, 15) in rows
    assert ("fiscal_appropriation_summary", 12, 13) in rows


def test_wrapped_names_are_whole(shared_db):
    rows = query(shared_db, """SELECT DISTINCT row_label FROM raw.table_cells JOIN raw.documents USING (document_id)
                               WHERE source_file = ? AND table_name = 'general_budget_expenditure'
                               AND subject_code = '2080505'""", [PLANNING])
    assert rows == [("机关事业单位基本养老保险缴费支出",)]


def test_template_every_table_found_and_empty(shared_db):
    rows = query(shared_db, """SELECT table_name, is_empty FROM raw.table_instances JOIN raw.documents
                               USING (document_id) WHERE source_file = '附件2：部门决算模板.pdf' ORDER BY table_seq""")
    assert [name for name, _ in rows] == [
        "income_expenditure_summary", "income", "expenditure", "fiscal_appropriation_summary",
        "general_budget_expenditure", "general_budget_basic_expenditure", "three_public", "government_fund",
        "state_capital_income_expenditure"]
    assert all(empty for _, empty in rows)
    assert query(shared_db, """SELECT count(*) FROM raw.table_cells JOIN raw.documents USING (document_id)
                               WHERE source_file = '附件2：部门决算模板.pdf' AND status = 'number'""") == [(0,)]


def test_every_page_text_kept(shared_db):
    rows = query(shared_db, """SELECT count(*), min(page_number), max(page_number) FROM raw.pages
                               JOIN raw.documents USING (document_id) WHERE source_file = ?""", [SOCIAL_WORK])
    assert rows == [(24, 1, 24)]
    (text,) = query(shared_db, """SELECT text FROM raw.pages JOIN raw.documents USING (document_id)
                                  WHERE source_file = ? AND page_number = 22""", [SOCIAL_WORK])[0]
    assert "21.07 万元" in text
