"""The seven real 预算 (approved budget) PDFs of ../shared/pdfs/budget, read by real ingestion, built
by dbt and validated: every figure against the ones read by eye off the rendered pages
(tests/expected_budget_jiangsu.py, tests/expected_budget_shanghai.py), the report kind, scope and
year, the tables found, the phase of their lines, and the budget identities."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from ingestion.batch.runner import ingest
from ingestion.read.numbers import scale_to_wan
from juesuan.build import dbt_build
from tests import expected_budget_jiangsu as jiangsu
from tests import expected_budget_shanghai as shanghai
from tests.conftest import query, shared_pdfs
from validation.identities import validate

EXPECTED = {**jiangsu.EXPECTED, **shanghai.EXPECTED}
TABLES = {**jiangsu.TABLES, **shanghai.TABLES}
COVER = {**jiangsu.COVER, **shanghai.COVER}
FILES = sorted(EXPECTED)


@pytest.fixture(scope="module")
def budget_db(tmp_path_factory):
    """The budget PDFs beside the real 决算 PDFs, as a user would run them: one folder, one warehouse."""
    folder = shared_pdfs()
    db = tmp_path_factory.mktemp("budget") / "budget.duckdb"
    summary = ingest([str(folder)], str(db), jobs=2, progress=False)
    assert summary.count("failed") == 0, summary.lines()
    assert dbt_build(str(db)) == 0
    validate(str(db))
    return db


def test_the_shared_budget_pdfs_are_the_ones_read_by_eye():
    assert sorted(p.name for p in (shared_pdfs() / "budget").glob("*.pdf")) == FILES


@pytest.mark.parametrize("source_file", FILES)
def test_every_figure_read_by_eye(budget_db, source_file):
    """Each printed figure once, under its table, page, key and measure, exactly as printed, and
    converted exactly to 万元 (元 tables divided by 10,000); no figure beyond those printed."""
    units = {(t[0], p): t[4] for t in TABLES[source_file] for p in range(t[2], t[3] + 1)}
    rows = query(budget_db, """SELECT c.table_name, c.page_number, coalesce(c.subject_code, c.line_item), c.measure,
                                      c.value_text, c.value, c.amount_wan
                               FROM raw.table_cells c JOIN raw.documents d USING (document_id)
                               WHERE d.source_file = ? AND c.status = 'number'""", [source_file])
    read = Counter(row[:5] for row in rows)
    assert read == Counter(EXPECTED[source_file])
    for table, page, _key, _measure, printed, value, amount_wan in rows:
        assert value == Decimal(printed.replace(",", ""))
        assert amount_wan == scale_to_wan(value, units[(table, page)])


@pytest.mark.parametrize("source_file", FILES)
def test_tables_found_in_print_order(budget_db, source_file):
    rows = query(budget_db, """SELECT t.table_name, t.first_page, t.last_page, t.amount_unit, NOT t.is_empty
                               FROM raw.table_instances t JOIN raw.documents d USING (document_id)
                               WHERE d.source_file = ? ORDER BY t.table_seq""", [source_file])
    assert rows == [(name, first, last, unit, has) for name, _title, first, last, unit, has in TABLES[source_file]]


@pytest.mark.parametrize("source_file", FILES)
def test_kind_scope_year_and_unit(budget_db, source_file):
    unit, year, scope = COVER[source_file]
    rows = query(budget_db, """SELECT unit_name, fiscal_year, scope, report_kind FROM marts.dim_document
                               WHERE source_file = ?""", [source_file])
    assert rows == [(unit, year, scope, "budget")]


def test_final_accounts_stay_final_accounts(budget_db):
    rows = query(budget_db, """SELECT source_file, report_kind FROM marts.dim_document
                               WHERE source_file NOT IN (SELECT unnest(?::varchar[]))""", [FILES])
    assert rows and all(kind == "final_accounts" for _, kind in rows)


def test_phase_of_every_line(budget_db):
    rows = query(budget_db, """SELECT d.report_kind, l.phase, count(*) FROM marts.fct_budget_line l
                               JOIN marts.dim_document d USING (document_id) GROUP BY ALL ORDER BY ALL""")
    assert [(kind, phase) for kind, phase, _ in rows] == [("budget", "approved"), ("final_accounts", "executed")]
    approved = dict(((k, p), n) for k, p, n in rows)[("budget", "approved")]
    # every printed budget figure is a line (blank cells of printed rows add zero lines)
    assert approved >= sum(len(v) for v in EXPECTED.values())


def test_tables_and_narrative_pdfs_are_one_report(budget_db):
    """Jiangsu 2018 publishes the 省委办公厅 budget as two PDFs: one report id, one unit, and the
    narrative PDF's contents list no table as missing (the tables PDF prints them)."""
    rows = query(budget_db, """SELECT source_file, report_id, unit_id FROM marts.dim_document
                               WHERE source_file IN (?, ?) ORDER BY source_file""",
                 [jiangsu.PARTY_OFFICE_TABLES_2018, jiangsu.PARTY_OFFICE_TEXT_2018])
    assert len(rows) == 2 and rows[0][1:] == rows[1][1:]
    unit = query(budget_db, "SELECT printed_names, name_varies, budget_documents FROM marts.dim_unit WHERE unit_id = ?",
                 [rows[0][2]])
    assert unit == [(["中共江苏省委办公厅", "江苏省委办公厅"], True, 2)]
    missing = query(budget_db, """SELECT count(*) FROM audit.identity_findings f JOIN marts.dim_document d
                                  USING (document_id) WHERE d.source_file = ?
                                  AND f.check_name = 'completeness.listed_table_missing'""",
                    [jiangsu.PARTY_OFFICE_TEXT_2018])
    assert missing == [(0,)]


def test_budget_identities_hold_as_printed(budget_db):
    """Every identity of the seven reports holds as printed (the transcriptions checked each by
    hand), so the budget checks run and find nothing: summary (by function and by use), rows,
    hierarchy, 三公 with 会议费 and 培训费."""
    checks = query(budget_db, """SELECT check_name, count(*) FROM audit.audit_identity_checks c
                                 JOIN marts.dim_document d USING (document_id) WHERE d.report_kind = 'budget'
                                 GROUP BY ALL""")
    names = {name for name, _ in checks}
    for expected in ("income_expenditure_summary.total_income", "income_expenditure_summary.use_equals_total",
                     "income_expenditure_summary.total_expenditure", "income_expenditure_summary.grand_totals_equal",
                     "expenditure.row_total_equals_columns", "three_public.grand_total_equals_parts",
                     "three_public.total_equals_parts", "general_budget_basic_expenditure.row_total_equals_columns"):
        assert expected in names
    findings = query(budget_db, """SELECT d.source_file, f.check_name, f.row_key, f.details FROM audit.identity_findings f
                                   JOIN marts.dim_document d USING (document_id)
                                   WHERE d.report_kind = 'budget' AND f.family NOT IN ('narrative')""")
    # the one true inconsistency: 社会福利院 names 类 210 by its pre-2019 name in two tables; and the
    # match of 中共江苏省委办公厅 (tables) with 江苏省委办公厅 (情况说明) is said, not made silently
    assert sorted((f, c, k) for f, c, k, _ in findings) == [
        (jiangsu.PARTY_OFFICE_TABLES_2018, "cross_table.unit_matched_across_name_forms", "unit_name"),
        (shanghai.WELFARE_HOME_2024, "cross_table.subject_name_consistent", "210"),
        (shanghai.WELFARE_HOME_2024, "cross_table.subject_name_consistent", "210"),
    ]


# The reader's budget topics -> the topics the transcriptions use (several of ours are one of theirs).
_TOPIC_AS_READ_BY_EYE = {"fiscal_basic": "basic", "general_budget_basic": "basic"}
# Statements read by eye that name no unit ("公务用车购置为 0，与上年持平"): not an amount the reader takes.
_UNITLESS = {(jiangsu.CONGRESS_2017, 28, "vehicle_purchase", Decimal("0"))}


@pytest.mark.parametrize("source_file", FILES)
def test_budget_narrative_figures(budget_db, source_file):
    """Every figure the 编制说明 / 情况说明 states as this year's budget, read by eye, is read under its topic
    (on its page); "与上年相比增加 X" and "增加基本支出 X" are changes and read as nothing of the kind."""
    expected = {**jiangsu.NARRATIVE, **shanghai.NARRATIVE}.get(source_file, [])
    rows = query(budget_db, """SELECT n.page_number, n.topic, n.stated_wan FROM raw.narrative_figures n
                               JOIN raw.documents d USING (document_id) WHERE d.source_file = ?
                               AND n.topic LIKE 'budget\\_%' ESCAPE '\\' AND n.topic NOT LIKE '%\\_change' ESCAPE '\\'""",
                 [source_file])
    read = set()
    for page, topic, value in rows:
        topic = topic.removeprefix("budget_")
        for name in ("total_income", "total_expenditure") if topic == "grand_total" else (topic,):
            read.add((page, _TOPIC_AS_READ_BY_EYE.get(name, name), value))
    by_eye = {(p, t, Decimal(v.replace(",", ""))) for p, t, v in expected}
    unread = {f for f in by_eye - read if (source_file, *f) not in _UNITLESS}
    assert unread == set()
    changes = query(budget_db, """SELECT count(*) FROM raw.narrative_figures n JOIN raw.documents d USING (document_id)
                                  WHERE d.source_file = ? AND n.topic LIKE 'budget\\_%' ESCAPE '\\'
                                  AND n.topic NOT LIKE '%\\_change' ESCAPE '\\'
                                  AND regexp_matches(n.context, '(增加|减少)[^,，。]*$')""", [source_file])
    assert changes == [(0,)]


def test_budget_narrative_agrees_with_the_tables(budget_db):
    """Each stated budget figure is compared with the table figure it describes (the 情况说明 PDF of
    Jiangsu's 省委办公厅 with the tables PDF of the same report); all of them agree as printed."""
    checks = dict(query(budget_db, """SELECT d.source_file, count(*) FROM audit.audit_identity_checks c
                                      JOIN marts.dim_document d USING (document_id)
                                      WHERE d.report_kind = 'budget' AND c.family = 'narrative' GROUP BY ALL"""))
    assert sum(checks.values()) >= 100
    assert checks[jiangsu.PARTY_OFFICE_TEXT_2018] >= 20
    # 绩效目标 projects within 项目支出: 5,634.81 ≤ 5,650.51; 262.00 ≤ 262; 6,626 ≤ 6,641
    targets = query(budget_db, """SELECT d.source_file, c.actual_wan FROM audit.audit_identity_checks c
                                  JOIN marts.dim_document d USING (document_id)
                                  WHERE c.check_name = 'narrative.performance_target_funds_within_project_budget'""")
    assert dict(targets) == {shanghai.WELFARE_HOME_2024: Decimal("262.00"), shanghai.GOVERNMENT_OFFICE_2025: Decimal("6626"),
                             shanghai.WANLI_2024: Decimal("5634.81")}
    # the stated change rates that miss their recomputation (0.06% for 0.598% …) are the reports' own
    # mistakes, each asserted with its verdict in tests/test_rules_beyond_sums.py
    assert query(budget_db, """SELECT count(*) FILTER (WHERE f.check_name != 'narrative.change_rate_recomputed'),
                                      count(*) FROM audit.identity_findings f JOIN marts.dim_document d
                               USING (document_id) WHERE d.report_kind = 'budget' AND f.family = 'narrative'""") == [(0, 7)]


def test_a_budget_narrative_figure_that_differs_is_a_finding(budget_db, tmp_path):
    """The same check fails when a stated figure differs from its table beyond the tolerance: the
    三公 total of 区政府办公室 read as 867.55 instead of 867.50."""
    import shutil

    import duckdb

    db = tmp_path / "mutated.duckdb"
    shutil.copy(budget_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("""UPDATE raw.narrative_figures SET stated_wan = stated_wan + 0.05,
                       stated_text = '867.55万元', document_id = document_id
                       WHERE topic = 'budget_three_public_total' AND document_id IN
                       (SELECT document_id FROM raw.documents WHERE source_file = ?)""",
                    [shanghai.GOVERNMENT_OFFICE_2025])
        # and the 绩效目标 projects stated as 6,700 万元, beyond the 6,641 万元 of 项目支出
        con.execute("""UPDATE raw.narrative_figures SET stated_wan = 6700, stated_text = '6700万元'
                       WHERE topic = 'budget_performance_target_funds' AND document_id IN
                       (SELECT document_id FROM raw.documents WHERE source_file = ?)""",
                    [shanghai.GOVERNMENT_OFFICE_2025])
        con.execute("UPDATE raw.documents SET ingested_at = now() WHERE source_file = ?",
                    [shanghai.GOVERNMENT_OFFICE_2025])
    assert dbt_build(str(db)) == 0
    validate(str(db))
    assert query(db, """SELECT f.check_name, f.page_number, f.expected_wan, f.actual_wan FROM audit.identity_findings f
                        JOIN marts.dim_document d USING (document_id) WHERE d.source_file = ?
                        AND f.family = 'narrative' ORDER BY f.check_name""", [shanghai.GOVERNMENT_OFFICE_2025]) == [
        ("narrative.budget_three_public_total_equals_table", 21, Decimal("867.50"), Decimal("867.55")),
        ("narrative.performance_target_funds_within_project_budget", 21, Decimal("6641"), Decimal("6700"))]


def test_fiscal_data_package_carries_both_phases(budget_db, tmp_path):
    """export fdp: a budget report's figures are approved, a 决算's executed (its 三公 预算数 approved);
    the economic tables of a budget (机关运行经费, 财政拨款基本支出) fill economic_code."""
    import csv

    from juesuan.outputs.fdp import export_fdp

    export_fdp(str(budget_db), str(tmp_path / "fdp"))
    with open(tmp_path / "fdp" / "budget-lines.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    kinds = dict(query(budget_db, "SELECT document_id, report_kind FROM marts.dim_document"))
    phases = Counter((kinds[r["document_id"]], r["phase"]) for r in rows)
    assert set(phases) == {("budget", "approved"), ("final_accounts", "executed"), ("final_accounts", "approved")}
    operating = [r for r in rows if r["table_name"] == "operating_cost" and r["economic_code"] == "30201"]
    assert operating and all(r["functional_code"] == "" and r["phase"] == "approved" for r in operating)
    # 区政府办公室's 302 04 手续费 2,000.00 元 is 2000 yuan exactly, in its 公用经费 column (the export is
    # additive: the columns the 合计 sums, never the 合计 column itself)
    office = query(budget_db, "SELECT document_id FROM marts.dim_document WHERE source_file = ?",
                   [shanghai.GOVERNMENT_OFFICE_2025])[0][0]
    fee = [(r["measure"], Decimal(r["amount"])) for r in rows if r["table_name"] == "general_budget_basic_expenditure"
           and r["economic_code"] == "30204" and r["document_id"] == office and Decimal(r["amount"])]
    assert fee == [("public", Decimal("2000"))]


@pytest.mark.parametrize(("source_file", "page", "topic", "printed", "signed"), [
    (shanghai.WANLI_2024, 32, "budget_three_public_total_change", "比2023年预算增加25万元", Decimal("25")),
    (shanghai.GOVERNMENT_OFFICE_2025, 21, "budget_three_public_total_change", "与2024年预算持平", Decimal("0")),
    (jiangsu.PROCURATORATE_2018, 29, "budget_meeting_change", "比上年预算数增加32.44万元", Decimal("32.44")),
    (jiangsu.PROCURATORATE_2018, 29, "budget_reception_change", "本年数小于上年预算数40.05万元", Decimal("-40.05")),
])
def test_changes_against_last_years_budget_are_read(budget_db, source_file, page, topic, printed, signed):
    """A change stated after a budget figure is kept as that topic's change, signed (the check against
    last year's budget report runs when the warehouse holds it: tests/test_budget_vs_actual.py)."""
    rows = query(budget_db, """SELECT n.stated_text, n.stated_wan FROM raw.narrative_figures n
                               JOIN raw.documents d USING (document_id)
                               WHERE d.source_file = ? AND n.page_number = ? AND n.topic = ?""", [source_file, page, topic])
    assert (printed, signed) in rows


def test_economic_tables_of_a_budget_are_keyed_by_economic_codes(budget_db):
    """机关运行经费 and 财政拨款基本支出 tables print 经济分类 codes: their lines say so, and their codes
    join the economic dimension, never the functional one (30201 办公费 is no 功能分类 code)."""
    rows = query(budget_db, """SELECT table_name, classification, count(*) FROM marts.fct_budget_line
                               WHERE table_name IN ('operating_cost', 'fiscal_appropriation_basic_expenditure')
                               AND subject_code IS NOT NULL GROUP BY ALL ORDER BY ALL""")
    assert [(t, c) for t, c, _ in rows] == [("fiscal_appropriation_basic_expenditure", "economic"),
                                            ("operating_cost", "economic")]
    assert query(budget_db, "SELECT count(*) FROM marts.dim_function_subject WHERE subject_code LIKE '302%'") == [(0,)]
    assert query(budget_db, "SELECT count(*) FROM marts.dim_economic_subject WHERE economic_code = '30201'") == [(1,)]
