"""Synthetic budget reports (corpus.budget) beside the synthetic 决算.

1. Rendered budget PDFs of both families, read by the real reader (ingestion.batch.runner.ingest) and
   built by dbt, give the same ``fct_budget_line`` rows (table, key, measure, amount) as the raw
   writer (``generate_raw``) writes for the same documents.
2. 60 units × 2 years × {预算, 决算} through the raw writer, ``dbt build`` and ``validate``:
   ``fct_budget_vs_actual`` pairs approved and executed for exactly the rows both reports print,
   with the printed amounts, execution_rate = executed / approved, and the
   ``cross_table.initial_budget_equals_budget_report`` findings are the injected mismatches
   (precision and recall 1). bench/budget_vs_actual.py runs the same at 1,000 units.
"""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal

import pytest

from corpus import synthetic
from corpus.budget import compose_budget, expected_comparison
from ingestion.batch.runner import ingest
from juesuan.build import dbt_build
from tests.conftest import query
from validation.identities import validate

RENDERED = synthetic.Plan(units=6, years=1, seed=7, kinds=("budget",), mismatch_rate=0.5)
SCALE = synthetic.Plan(units=60, years=2, seed=5, kinds=("final_accounts", "budget"), mismatch_rate=0.1)


def _lines(db) -> Counter:
    return Counter(query(db, """SELECT d.source_file, l.table_name, coalesce(l.subject_code, l.line_item), l.measure,
                                       l.phase, l.amount_wan
                                FROM marts.fct_budget_line l JOIN marts.dim_document d USING (document_id)"""))


def test_rendered_budgets_read_as_the_raw_writer_writes_them(tmp_path):
    folder = tmp_path / "pdf"
    manifest = synthetic.generate_pdfs(RENDERED, str(folder), jobs=2, progress=False)
    assert manifest["documents"] == 6
    read_db, written_db = str(tmp_path / "read.duckdb"), str(tmp_path / "written.duckdb")
    summary = ingest([str(folder)], read_db, jobs=2, progress=False)
    assert summary.count("failed") == 0, summary.lines()
    synthetic.generate_raw(RENDERED, written_db, progress=False)
    assert dbt_build(read_db) == 0 and dbt_build(written_db) == 0
    families = query(read_db, "SELECT DISTINCT split_part(source_file, '_', 1) FROM marts.dim_document")
    assert {f for (f,) in families} == {"sichuan", "hubei", "shandong", "shanxi", "shanghai"}  # both budget families
    kinds = query(read_db, "SELECT report_kind, scope, fiscal_year, count(*) FROM marts.dim_document GROUP BY ALL")
    assert {(k, y) for k, _s, y, _n in kinds} == {("budget", 2024)} and sum(n for *_, n in kinds) == 6
    read, written = _lines(read_db), _lines(written_db)
    assert sum(read.values()) > 300
    assert read == written
    names = query(read_db, "SELECT source_file, unit_name FROM marts.dim_document ORDER BY 1")
    assert names == query(written_db, "SELECT source_file, unit_name FROM marts.dim_document ORDER BY 1")


@pytest.fixture(scope="module")
def scale_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("budget_scale") / "warehouse.duckdb")
    result = synthetic.generate_raw(SCALE, db, jobs=2, progress=False)
    assert result["documents"] == 240
    assert dbt_build(db) == 0
    validate(db)
    return db, result["mismatches"]


def test_budget_vs_actual_pairs_every_row_both_print(scale_db):
    db, _ = scale_db
    docs = {doc_id: name for doc_id, name in query(db, "SELECT document_id, source_file FROM marts.dim_document")}
    rows = query(db, """SELECT approved_document_id, executed_document_id, table_name, row_key, measure,
                               approved_wan, executed_wan, execution_rate
                        FROM marts.fct_budget_vs_actual
                        WHERE approved_wan IS NOT NULL AND executed_wan IS NOT NULL""")
    got = {(docs[e], t, k, m): (a, x, r) for b, e, t, k, m, a, x, r in rows}
    expected = {}
    for unit, year in SCALE.documents():
        final = synthetic.composed(SCALE, unit, year)
        budget, _ = compose_budget(unit, year, SCALE.seed, SCALE.mismatch_rate)
        for (table, key, measure), sides in expected_comparison(final, budget).items():
            expected[(final.file_name, table, key, measure)] = (sides["approved"], sides["executed"])
    assert len(expected) > 3000
    assert set(got) == set(expected)
    tables = Counter(t for _f, t, _k, _m in expected)
    assert {"income_expenditure_summary", "general_budget_expenditure", "three_public", "expenditure"} <= set(tables)
    for key, (approved, executed) in expected.items():
        a, x, rate = got[key]
        assert (a, x) == (Decimal(approved).scaleb(-2), Decimal(executed).scaleb(-2)), key
        assert rate in _rounded(executed, approved), key


def _rounded(executed: int, approved: int) -> set:
    """executed / approved to the mart's 6 decimals: one value, or the two of an exact tie (the mart
    divides in DOUBLE, so a quotient ending in 5 at the 7th decimal rounds either way)."""
    if approved == 0:
        return {None}
    exact = Decimal(executed) / Decimal(approved)
    return {exact.quantize(Decimal("0.000001"), rounding) for rounding in (ROUND_HALF_DOWN, ROUND_HALF_UP)}


def test_initial_budget_findings_are_the_injected_mismatches(scale_db):
    db, mismatches = scale_db
    assert len(mismatches) >= 5
    injected = {(m["document_id"], row) for m in mismatches for row in m["row_keys"]}
    found = set(query(db, """SELECT document_id, row_key FROM audit.identity_findings
                             WHERE check_name = 'cross_table.initial_budget_equals_budget_report'"""))
    assert found == injected  # precision and recall 1
    kinds = dict(query(db, """SELECT d.report_kind, count(*) FROM audit.identity_findings f
                              JOIN marts.dim_document d USING (document_id) WHERE f.family != 'narrative'
                              GROUP BY ALL"""))
    assert "budget" not in kinds  # the clean budget reports break no identity of their own
