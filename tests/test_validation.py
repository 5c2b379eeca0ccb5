"""`juesuan validate`: Great Expectations checkpoints over the identity checks, findings in audit."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest

from ingestion.dbt_build import dbt_build
from ingestion.runner import ingest
from tests.conftest import EXAMPLES, ROOT, query
from validation.identities import validate

FINDING_SQL = """SELECT d.source_file, f.check_name, f.row_key, f.measure, f.expected_wan, f.actual_wan,
                        f.tolerance_wan, f.severity, f.page_number
                 FROM audit.identity_findings f JOIN marts.dim_document d USING (document_id)
                 ORDER BY d.source_file, f.page_number, f.check_name, f.measure"""


@pytest.fixture(scope="module")
def validated(tmp_path_factory):
    db = tmp_path_factory.mktemp("validation") / "warehouse.duckdb"
    assert ingest([str(EXAMPLES)], str(db), progress=False).count("failed") == 0
    assert dbt_build(str(db)) == 0
    result = validate(str(db))
    return db, result


def test_leshan_real_mistakes_reported_with_pages(validated):
    db, result = validated
    leshan = [r for r in query(db, FINDING_SQL) if r[0] == "leshan_2024_unit_final_accounts.pdf"]
    assert leshan == [
        # 收入决算表: 208 = 16.14 but its 款 20805 + 20899 = 14.76 + 1.30 (20899 should be 1.38)
        ("leshan_2024_unit_final_accounts.pdf", "income.parent_equals_children", "208", "fiscal_appropriation",
         Decimal("16.06"), Decimal("16.14"), Decimal("0.02"), "error", 35),
        ("leshan_2024_unit_final_accounts.pdf", "income.parent_equals_children", "208", "total",
         Decimal("16.06"), Decimal("16.14"), Decimal("0.02"), "error", 35),
        # 支出决算表 基本支出合计 117.86 while the 一般公共预算 table says 117.88
        ("leshan_2024_unit_final_accounts.pdf", "cross_table.expenditure_basic_equals_appropriation_basic",
         "grand_total", "basic", Decimal("117.88"), Decimal("117.86"), Decimal("0.01"), "warning", 37),
    ]
    assert result.count("error") >= 2


def test_rounding_within_tolerance_is_not_a_finding(validated):
    db, _ = validated
    # seed 003: 款 21011 = 13.76 while its 项 9.42 + 4.35 = 13.77 (two terms: tolerance 0.02)
    checked = query(db, """SELECT expected_wan, actual_wan, n_terms FROM intermediate.int_identity_checks c
                           JOIN marts.dim_document d USING (document_id)
                           WHERE d.source_file LIKE 'jincheng%' AND c.row_key = '21011' AND c.measure = 'total'
                             AND c.check_name = 'general_budget_expenditure.parent_equals_children'""")
    assert checked == [(Decimal("13.77"), Decimal("13.76"), 2)]
    assert not [r for r in query(db, FINDING_SQL) if r[0].startswith("jincheng") and r[2] == "21011"]


def test_tolerance_is_configurable(validated):
    db, _ = validated
    strict = validate(str(db), Decimal("0.001"))
    loose = validate(str(db), Decimal("1"))
    assert len(strict.findings) > len(loose.findings)
    assert len(loose.findings) == 0
    validate(str(db))  # leave the default findings for the other tests


def test_every_family_suite_ran_and_data_docs_exist(validated):
    _, result = validated
    assert (ROOT / "gx" / "expectations" / "identities_hierarchy.json").exists()
    assert result.data_docs.endswith("index.html")
    assert (ROOT / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html").exists()
    assert result.checks > 500


def test_strict_exits_1_on_error_findings(validated):
    db, _ = validated
    cmd = [sys.executable, "-m", "ingestion.cli", "validate", "--db", str(db)]
    assert subprocess.run(cmd, cwd=ROOT, capture_output=True).returncode == 0
    strict = subprocess.run(cmd + ["--strict"], cwd=ROOT, capture_output=True, text=True)
    assert strict.returncode == 1
    assert "error   leshan_2024_unit_final_accounts.pdf p.35 income.parent_equals_children" in strict.stdout
