"""A unit's budget report (部门预算) beside its 决算: both PDFs through the real reader, dbt and the
validation; the mart pairs their figures and a 决算 whose 年初预算 differs from the approved budget
is a finding with its page."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import quote

import pytest

from ingestion.batch.runner import ingest
from juesuan.build import dbt_build
from tests import pdf_factory
from tests.conftest import query
from validation.identities import validate

_FINAL_HEADER = [[("合计", 2), ("因公出国（境）费", 2), ("公务接待费", 2)], [("预算数", 1), ("决算数", 1)] * 3]
_BUDGET_HEADER = [[("2024年“三公”经费预算数", 3)], [("合计", 1), ("因公出国(境)费", 1), ("公务接待费", 1)]]


def _pair(folder, unit_final: str, unit_budget: str, initial: str, actual: str, approved: str) -> None:
    name = unit_budget[-4:]
    pdf_factory.three_public_report(folder / f"{name}_final.pdf", [f"{unit_final}2024年度部门决算"],
                                    "财政拨款“三公”经费支出决算表", _FINAL_HEADER, [initial, actual, "0.00", "0.00", initial, actual])
    pdf_factory.three_public_report(folder / f"{name}_budget.pdf",
                                    ["上海市测试区2024年区级部门预算", f"预算主管部门：{unit_budget}"],
                                    "2024年部门“三公”经费预算表", _BUDGET_HEADER, [approved, "0.00", approved])


@pytest.fixture(scope="module")
def paired(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pairs")
    # the 决算 prints a 年初预算 of 12.00 while the approved budget was 10.00
    _pair(folder, "上海市测试区第一局", "上海市测试区第一局", "12.00", "9.50", "10.00")
    # names printed with and without 中共: one unit; the 年初预算 agrees
    _pair(folder, "中共上海市测试区委办公室", "上海市测试区委办公室", "8.00", "6.00", "8.00")
    # a 决算 whose budget report the warehouse does not hold
    pdf_factory.three_public_report(folder / "alone_final.pdf", ["上海市测试区第三局2024年度部门决算"],
                                    "财政拨款“三公”经费支出决算表", _FINAL_HEADER, ["5.00", "4.00", "0.00", "0.00", "5.00", "4.00"])
    db = folder / "warehouse.duckdb"
    assert ingest([str(folder)], str(db), progress=False).count("failed") == 0
    assert dbt_build(str(db)) == 0
    validate(str(db))
    return db


def _comparisons(db):
    return query(db, """SELECT u.unit_name, v.approved_wan, v.executed_wan, v.stated_initial_budget_wan,
                               v.execution_rate, v.approved_page_number, v.executed_page_number
                        FROM marts.fct_budget_vs_actual v JOIN marts.dim_unit u USING (unit_id)
                        WHERE v.table_name = 'three_public' AND v.row_key = 'total' ORDER BY u.unit_name""")


def test_budget_and_final_accounts_side_by_side(paired):
    assert _comparisons(paired) == [
        ("上海市测试区委办公室", Decimal("8.00"), Decimal("6.00"), Decimal("8.00"), Decimal("0.75"), 2, 2),
        ("上海市测试区第一局", Decimal("10.00"), Decimal("9.50"), Decimal("12.00"), Decimal("0.95"), 2, 2),
        # no budget report: the approved side and the rate are null, never 0
        ("上海市测试区第三局", None, Decimal("4.00"), Decimal("5.00"), None, None, 2),
    ]


def test_units_matched_across_reports(paired):
    rows = query(paired, """SELECT unit_name, printed_names, final_accounts_documents, budget_documents
                            FROM marts.dim_unit ORDER BY unit_name""")
    assert rows == [
        ("上海市测试区委办公室", ["上海市测试区委办公室", "中共上海市测试区委办公室"], 1, 1),
        ("上海市测试区第一局", ["上海市测试区第一局"], 1, 1),
        ("上海市测试区第三局", ["上海市测试区第三局"], 1, 0),
    ]


def test_a_match_of_two_name_forms_is_said(paired):
    rows = query(paired, """SELECT d.source_file, f.severity, f.details FROM audit.identity_findings f
                            JOIN marts.dim_document d USING (document_id)
                            WHERE f.check_name = 'cross_table.unit_matched_across_name_forms'""")
    assert rows == [("委办公室_final.pdf", "warning", 'the cover names "中共上海市测试区委办公室"; the unit\'s reports '
                     "print 上海市测试区委办公室 / 中共上海市测试区委办公室, matched as one unit")]


def test_initial_budget_differing_from_the_budget_report_is_a_finding(paired):
    rows = query(paired, """SELECT d.source_file, f.check_name, f.row_key, f.expected_wan, f.actual_wan, f.page_number
                            FROM audit.identity_findings f JOIN marts.dim_document d USING (document_id)
                            WHERE f.check_name LIKE '%budget_report' ORDER BY f.row_key""")
    assert rows == [("区第一局_final.pdf", "cross_table.initial_budget_equals_budget_report", key,
                     Decimal("10.00"), Decimal("12.00"), 2) for key in ("reception", "total")]


def test_readme_execution_rate_query_runs(paired):
    """The README's execution-rate query is valid on a real warehouse (its rows: the units whose
    一般公共预算 table both sides print; these test reports print only 三公 tables)."""
    import duckdb

    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in (c.split("```")[0] for c in readme.split("```sql")[1:]) if "fct_budget_vs_actual" in b)
    with duckdb.connect(str(paired), read_only=True) as con:
        result = con.execute(block)
        assert [d[0] for d in result.description] == [
            "unit_name", "fiscal_year", "approved_wan", "executed_wan", "execution_rate", "approved_page_number",
            "executed_page_number"]
        assert result.fetchall() == []


def test_central_template_titles_take_the_kind_of_the_cover(tmp_path):
    """Titles that name neither 决算 nor 预算表 (一般公共预算“三公”经费支出表) are read, and the report is a
    budget or a 决算 as its cover says."""
    header = [[("合计", 1), ("因公出国(境)费", 1), ("公务接待费", 1)]]
    pdf_factory.three_public_report(tmp_path / "budget.pdf", ["测试市第五局2025年部门预算"],
                                    "表7 一般公共预算“三公”经费支出表", header, ["3.00", "1.00", "2.00"])
    db = tmp_path / "w.duckdb"
    assert ingest([str(tmp_path / "budget.pdf")], str(db), progress=False).count("failed") == 0
    assert query(db, "SELECT unit_name, fiscal_year, report_kind, scope FROM raw.documents") == [
        ("测试市第五局", 2025, "budget", "department")]
    assert query(db, """SELECT line_item, measure, value_text FROM raw.table_cells WHERE table_name = 'three_public'
                        AND status = 'number' ORDER BY col_index""") == [
        ("total", "budget", "3.00"), ("overseas", "budget", "1.00"), ("reception", "budget", "2.00")]


def test_report_shows_budget_beside_actual(paired, tmp_path):
    from juesuan.outputs.report import write_report

    page = open(write_report(str(paired), str(tmp_path / "report")), encoding="utf-8").read()
    assert page.count("<h3>预算与决算对照</h3>") == 4  # both documents of the two paired units
    row = re.search(r"<td>“三公”经费 合计</td><td class=n>10\.00</td><td class=n>9\.50</td><td class=n>12\.00</td>"
                    r"<td class=n>95\.00</td>(.*?)</tr>", page).group(1)
    # the approved figure's page opens the budget report's PDF, the executed one's the 决算's
    assert re.fullmatch(rf'<td class=n><a href="pdf/{quote("区第一局_budget.pdf")}#page=\d+">\d+</a></td>'
                        rf'<td class=n><a href="pdf/{quote("区第一局_final.pdf")}#page=\d+">\d+</a></td>', row)


def _budget(folder, unit: str, year: int, total: str, narrative: tuple[str, ...] = ()) -> None:
    pdf_factory.three_public_report(folder / f"{unit[-3:]}_{year}_budget.pdf",
                                    [f"上海市测试区{year}年区级部门预算", f"预算主管部门：{unit}"],
                                    f"{year}年部门“三公”经费预算表",
                                    [[(f"{year}年“三公”经费预算数", 3)], [("合计", 1), ("因公出国(境)费", 1), ("公务接待费", 1)]],
                                    [total, "0.00", total], narrative)


def test_change_against_last_years_budget_report(tmp_path):
    """"比2023年预算增加 X 万元" is checked against the same unit's 2023 budget report: 12.00 − 10.00 = 2.00
    holds; 6.00 − 5.00 is not the 3.00 stated (a finding on the page of the statement); a unit whose
    2023 budget the warehouse lacks is not checked."""
    _budget(tmp_path, "上海市测试区第六局", 2023, "10.00")
    _budget(tmp_path, "上海市测试区第六局", 2024, "12.00", ("2024年“三公”经费预算数为12.00万元，比2023年预算增加2.00万元。",))
    _budget(tmp_path, "上海市测试区第七局", 2023, "5.00")
    _budget(tmp_path, "上海市测试区第七局", 2024, "6.00", ("2024年“三公”经费预算数为6.00万元，比2023年预算增加3.00万元。",))
    _budget(tmp_path, "上海市测试区第八局", 2024, "4.00", ("2024年“三公”经费预算数为4.00万元，与2023年预算持平。",))
    db = tmp_path / "w.duckdb"
    assert ingest([str(tmp_path)], str(db), progress=False).count("failed") == 0
    assert dbt_build(str(db)) == 0
    validate(str(db))
    checks = query(db, """SELECT d.unit_name, c.expected_wan, c.actual_wan FROM audit.audit_identity_checks c
                          JOIN marts.dim_document d USING (document_id)
                          WHERE c.check_name = 'narrative.budget_three_public_total_change_vs_last_budget'
                          ORDER BY d.unit_name""")
    assert checks == [("上海市测试区第七局", Decimal("1.00"), Decimal("3.00")),
                      ("上海市测试区第六局", Decimal("2.00"), Decimal("2.00"))]
    findings = query(db, """SELECT d.unit_name, f.page_number FROM audit.identity_findings f
                            JOIN marts.dim_document d USING (document_id) WHERE f.check_name LIKE '%vs_last_budget'""")
    assert findings == [("上海市测试区第七局", 3)]
