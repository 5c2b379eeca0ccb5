"""The recall benchmark in miniature: synthetic PDFs with injected errors, ingested, built and
validated for real, and every injected error found on its own page with no other finding."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from bench.findings_vs_ground_truth import load_findings, on_its_page, score
from corpus import synthetic
from ingestion.batch.runner import ingest
from ingestion.raw import sha256_of
from juesuan.build import dbt_build
from tests.conftest import query
from validation.identities import validate

# 20 units (four of each family) for one year; 12 of them get one injected error, of all six kinds.
SMALL = synthetic.Plan(units=20, years=1, seed=34, error_rate=0.5)
# A clean report of seed 1 whose basic-expenditure table puts 类 303 on p.10 and its 款 30399 on p.11.
SPLIT_TABLE = synthetic.Plan(units=250, years=4, seed=1, error_rate=0.0)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    truth = [record for unit, year in SMALL.documents()
             for record in synthetic.render_reports((SMALL, unit, year, str(folder)))]
    # one chosen misprint where the sum runs over two pages: 30399 1.86 printed as 1.68
    comp = synthetic.composed(SPLIT_TABLE, synthetic.make_units(250, 1)[196], 2023)
    synthetic.misprint(comp, "general_budget_basic_expenditure", "30399", "amount", 168)
    path = folder / comp.file_name
    synthetic.render_pdf(comp, str(path))
    truth += synthetic.ground_truth(comp, sha256_of(str(path)))
    db = folder / "warehouse.duckdb"
    assert ingest([str(folder)], str(db), progress=False).count("failed") == 0
    assert dbt_build(str(db)) == 0
    validate(str(db))
    return db, truth

def test_every_injected_error_found_on_its_page_and_nothing_else(corpus):
    db, truth = corpus
    assert len(truth) == 13
    assert {e["kind"] for e in truth} == set(synthetic.ERROR_KINDS)
    result = score(truth, load_findings(db))
    missed = [json.dumps(e, ensure_ascii=False) for e in truth if e not in result["found"]]
    assert missed == []
    assert len(result["on_page"]) == len(truth)
    findings = load_findings(db)
    assert [f for f in findings if f not in result["true_positive"]] == []
    # stricter than the benchmark's match: every finding names the page its error is printed on
    assert [f for f in findings if not any(on_its_page(f, e) for e in truth)] == []
    # clean documents have no finding at all
    erroneous = {e["document_id"] for e in truth}
    assert {f["document_id"] for f in findings} <= erroneous


def test_finding_names_the_pages_a_split_sum_runs_over(corpus):
    db, truth = corpus
    split = [e for e in truth if e["file"] == "hubei_00196_2023.pdf"]
    assert [(e["row_key"], e["true_value"], e["printed_value"], e["page"]) for e in split] == [
        ("30399", "1.86", "1.68", 11)]
    assert query(db, """SELECT check_name, row_key, expected_wan, actual_wan, page_number, details
                        FROM audit.identity_findings WHERE document_id = ?""", [split[0]["document_id"]]) == [
        ("general_budget_basic_expenditure.parent_equals_children", "303", Decimal("1.68"), Decimal("1.86"),
         10, "303 = 30301+30302+30303+30304+30305+30306+30307+30308+30309+30310+30311+30399 "
             "(children on page 10, 11)")]


def test_injected_errors_exceed_the_rounding_rule():
    """The generator keeps a figure error only when an identity misses by more than its exact rounding bound."""
    plan = synthetic.Plan(units=250, years=4, seed=2, error_rate=0.2)
    redrawn, kinds = 0, set()
    for unit, year in plan.documents():
        comp = synthetic.composed(plan, unit, year)
        if not comp.errors:
            assert synthetic.identity_violations(comp) == []
            continue
        kinds.add(comp.errors[0]["kind"])
        if comp.errors[0]["kind"] not in ("missing_table", "unreadable_figure"):  # decided by completeness
            assert synthetic.identity_violations(comp, beyond_rounding=True)
            redrawn += comp.errors[0].get("draws_within_rounding_bound", 0)
    assert kinds == set(synthetic.ERROR_KINDS)
    # seed 2: five draws fell within the bound and were drawn again
    assert redrawn == 5


def _single_child_class(comp) -> tuple[str, str, int]:
    """A 类 of the 一般公共预算 table with one printed 款: (code, measure, 类 cents)."""
    table = next(t for t in comp.tables if t.canonical == "general_budget_expenditure")
    codes = [f for f in table.figures if f.code and f.measure == "total"]
    for fig in codes:
        children = [c for c in codes if len(c.code) == 5 and c.code.startswith(fig.code)]
        if len(fig.code) == 3 and len(children) == 1 and fig.cents:
            return fig.code, fig.measure, fig.cents
    raise AssertionError("no 类 with a single 款 in this report")


def test_a_miss_at_the_exact_bound_passes_and_one_hundredth_beyond_is_an_error(tmp_path):
    """类 = its one 款: two figures printed to 0.01 万元, bound 2 × 0.005 = 0.01. The 类 printed 0.01 high
    is within honest rounding everywhere it is compared (every comparison has at least two figures);
    0.02 high is beyond the bound of 类 = Σ 款 and of the same 类 in the 财政拨款总表, and an error."""
    plan = synthetic.Plan(units=5, years=1, seed=7, error_rate=0.0)
    unit = synthetic.make_units(5, 7)[0]  # the Sichuan family prints 类, 款 and 项
    paths = {}
    for cents_off in (1, 2):
        comp = synthetic.composed(plan, unit, 2023)
        code, measure, cents = _single_child_class(comp)
        synthetic.misprint(comp, "general_budget_expenditure", code, measure, cents + cents_off)
        paths[cents_off] = tmp_path / str(cents_off) / comp.file_name
        paths[cents_off].parent.mkdir()
        synthetic.render_pdf(comp, str(paths[cents_off]))
        page = next(f.page for t in comp.tables if t.canonical == "general_budget_expenditure"
                    for f in t.figures if f.code == code and f.measure == measure)  # set by typesetting
    for cents_off, path in paths.items():
        db = path.parent / "w.duckdb"
        assert ingest([str(path)], str(db), progress=False).count("failed") == 0
        assert dbt_build(str(db)) == 0
        validate(str(db))
        findings = query(db, """SELECT check_name, row_key, difference_wan, tolerance_wan, severity, page_number
                                FROM audit.identity_findings ORDER BY check_name""")
        if cents_off == 1:
            assert findings == []
            assert query(db, """SELECT difference_wan, bound_wan FROM audit.audit_identity_checks
                                WHERE check_name = 'general_budget_expenditure.parent_equals_children'
                                AND row_key = ? AND measure = 'total'""", [code]) == [
                (Decimal("0.01"), Decimal("0.01"))]
        else:
            assert ("general_budget_expenditure.parent_equals_children", code, Decimal("0.02"), Decimal("0.01"),
                    "error", page) in findings
            assert {f[4] for f in findings} == {"error"}
