"""Benchmark, run by hand: budget vs actual at scale on the synthetic corpus.

    .venv/bin/python bench/budget_vs_actual.py [--units 1000] [--years 2] [--mismatch-rate 0.05] [--jobs 2]

Writes units × years × {预算, 决算} straight into `raw` (corpus.synthetic generate_raw, no PDF),
runs `dbt build` and `validate`, then checks `marts.fct_budget_vs_actual` against the generator:
every (unit, year, table, row, measure) both reports print has both sides with the printed
amounts and execution_rate = executed / approved (6 decimals; an exact tie at the 7th either way), no other row has both; and the
`cross_table.initial_budget_equals_budget_report` findings against the injected mismatches
(precision, recall). Prints documents, wall times and the figures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import synthetic  # noqa: E402
from corpus.budget import compose_budget, expected_comparison  # noqa: E402
from juesuan.build import dbt_build  # noqa: E402
from validation.identities import validate  # noqa: E402


def check(db: str, plan: synthetic.Plan, mismatches: list[dict]) -> dict:
    with duckdb.connect(db, read_only=True) as con:
        docs = dict(con.execute("SELECT document_id, source_file FROM marts.dim_document").fetchall())
        kinds = dict(con.execute("SELECT report_kind, count(*) FROM marts.dim_document GROUP BY ALL").fetchall())
        rows = con.execute("""SELECT executed_document_id, table_name, row_key, measure, approved_wan, executed_wan,
                                     execution_rate FROM marts.fct_budget_vs_actual
                              WHERE approved_wan IS NOT NULL AND executed_wan IS NOT NULL""").fetchall()
        found = set(con.execute("""SELECT document_id, row_key FROM audit.identity_findings
                                   WHERE check_name = 'cross_table.initial_budget_equals_budget_report'""").fetchall())
        comparisons = con.execute("SELECT count(*) FROM marts.fct_budget_vs_actual").fetchone()[0]
    got = {(docs[e], t, k, m): (a, x, r) for e, t, k, m, a, x, r in rows}
    expected = {}
    for unit, year in plan.documents():
        final = synthetic.composed(plan, unit, year)
        budget, _ = compose_budget(unit, year, plan.seed, plan.mismatch_rate)
        for (table, key, measure), sides in expected_comparison(final, budget).items():
            expected[(final.file_name, table, key, measure)] = (sides["approved"], sides["executed"])
    exact = rates = ties = 0
    off: list[str] = []
    for key, (approved, executed) in expected.items():
        if key not in got:
            continue
        a, x, rate = got[key]
        exact += (a, x) == (Decimal(approved).scaleb(-2), Decimal(executed).scaleb(-2))
        exact_rate = None if approved == 0 else Decimal(executed) / Decimal(approved)
        wants = {None} if exact_rate is None else {exact_rate.quantize(Decimal("0.000001"), r)
                                                  for r in (ROUND_HALF_DOWN, ROUND_HALF_UP)}
        rates += rate in wants  # an exact tie at the 7th decimal may round either way (DOUBLE division)
        ties += len(wants) > 1
        if rate not in wants and len(off) < 5:
            off.append(f"{key}: {x}/{a} = {Decimal(executed) / Decimal(approved)}, mart {rate}")
    injected = {(m["document_id"], row) for m in mismatches for row in m["row_keys"]}
    hits = len(found & injected)
    return {"documents": kinds, "comparison_rows": comparisons, "rows_both_print": len(expected),
            "rows_with_both_sides": len(got), "missing_pairs": len(set(expected) - set(got)),
            "unexpected_pairs": len(set(got) - set(expected)), "amounts_exact": exact, "execution_rates_exact": rates,
            "execution_rates_off": off, "execution_rate_ties": ties,
            "mismatches_injected": len(mismatches), "finding_rows_injected": len(injected),
            "findings": len(found), "precision": round(hits / len(found), 4) if found else None,
            "recall": round(hits / len(injected), 4) if injected else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mismatch-rate", type=float, default=0.05)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--db", default=None, help="warehouse file (default: a temporary one)")
    args = parser.parse_args()
    plan = synthetic.Plan(args.units, args.years, args.seed, kinds=("final_accounts", "budget"),
                          mismatch_rate=args.mismatch_rate)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "warehouse.duckdb")
        started = time.perf_counter()
        result = synthetic.generate_raw(plan, db, jobs=args.jobs, progress=False)
        times = {"generate_raw": time.perf_counter() - started}
        started = time.perf_counter()
        assert dbt_build(db) == 0
        times["dbt_build"] = time.perf_counter() - started
        started = time.perf_counter()
        validate(db)
        times["validate"] = time.perf_counter() - started
        started = time.perf_counter()
        figures = check(db, plan, result["mismatches"])
        times["check"] = time.perf_counter() - started
    print(f"{result['documents']} documents ({args.units} units × {args.years} years × {{预算, 决算}}): "
          + ", ".join(f"{k} {v:.1f}s" for k, v in times.items()))
    for key, value in figures.items():
        print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
