"""Recall and precision of the checks beyond the sums (issue 15) on mutated synthetic reports.

    python bench/rules_vs_mutations.py --mutated 210 --clean 40 --jobs 1

Each mutated report carries one mutation of ``corpus.mutations`` (round robin over the units, so
every family gets every mutation); clean reports carry none. All are typeset, ingested, built and
validated for real. A mutation is found when each check it must raise is a finding of its report
on its page; a finding of a new check is a true positive when it is one of those.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from multiprocessing import Pool

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import duckdb  # noqa: E402

from corpus import mutations, synthetic  # noqa: E402
from ingestion.batch.runner import ingest  # noqa: E402
from juesuan.build import dbt_build  # noqa: E402
from validation.identities import validate  # noqa: E402


def plan_reports(mutated: int, clean: int, seed: int) -> list[tuple[synthetic.Unit, int, str | None]]:
    """(unit, year, mutation or None): the mutations in turn over the first units, then clean ones."""
    units = synthetic.make_units(mutated + clean, seed)
    kinds = list(mutations.MUTATIONS)
    year = synthetic.LAST_YEAR_DEFAULT
    return [(unit, year, kinds[i % len(kinds)] if i < mutated else None) for i, unit in enumerate(units)]


def _render(args) -> list[dict]:
    seed, unit, year, mutation, folder = args
    _path, truth = mutations.render_mutated(synthetic.Plan(units=1, years=1, seed=seed), unit, year, mutation, folder)
    return truth


def build_corpus(folder: str, mutated: int, clean: int, seed: int, jobs: int = 1) -> tuple[str, list[dict]]:
    """Typeset, ingest, build and validate; the warehouse path and the ground truth."""
    tasks = [(seed, unit, year, mutation, folder) for unit, year, mutation in plan_reports(mutated, clean, seed)]
    if jobs > 1:
        with Pool(jobs) as pool:
            truth = [t for part in pool.map(_render, tasks) for t in part]
    else:
        truth = [t for task in tasks for t in _render(task)]
    db = os.path.join(folder, "warehouse.duckdb")
    summary = ingest([folder], db, jobs=jobs, progress=False)
    if summary.count("failed"):
        raise RuntimeError("\n".join(summary.lines()))
    if dbt_build(db) != 0:
        raise RuntimeError("dbt build failed")
    validate(db)
    return db, truth


def new_rule_findings(db: str) -> list[dict]:
    with duckdb.connect(db, read_only=True) as con:
        rows = con.execute(
            """SELECT document_id, check_name, page_number, severity, details FROM audit.identity_findings
               WHERE list_contains(?, check_name)""", [list(mutations.SCORED_CHECKS)]).fetchall()
    return [dict(zip(("document_id", "check_name", "page_number", "severity", "details"), r, strict=True)) for r in rows]


def _check_page(truth: dict, check: str) -> int:
    """The page a mutation's check is raised on (a deleted table's: the contents page)."""
    return truth.get("check_pages", {}).get(check, truth["page"])


def score(truth: list[dict], findings: list[dict]) -> dict:
    """Per check: expected, found (on its page), findings, true positives; and the misses / false alarms."""
    expected = {(t["document_id"], check, _check_page(t, check)) for t in truth for check in t["checks"]}
    found = {(f["document_id"], f["check_name"], f["page_number"]) for f in findings}
    per: dict[str, Counter] = {check: Counter() for check in mutations.SCORED_CHECKS}
    for _doc, check, _page in expected:
        per[check]["expected"] += 1
    for key in expected & found:
        per[key[1]]["found"] += 1
    for f in findings:
        per[f["check_name"]]["findings"] += 1
        per[f["check_name"]]["true_positive"] += (f["document_id"], f["check_name"], f["page_number"]) in expected
    misses = [t for t in truth if any((t["document_id"], c, _check_page(t, c)) not in found for c in t["checks"])]
    false_alarms = [f for f in findings if (f["document_id"], f["check_name"], f["page_number"]) not in expected]
    return {"per_check": per, "misses": misses, "false_alarms": false_alarms}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mutated", type=int, default=210)
    parser.add_argument("--clean", type=int, default=40)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--out", help="folder for the PDFs and the warehouse (default: a temporary one)")
    args = parser.parse_args(argv)
    folder = args.out or tempfile.mkdtemp(prefix="rules_vs_mutations_")
    os.makedirs(folder, exist_ok=True)
    start = time.monotonic()
    db, truth = build_corpus(folder, args.mutated, args.clean, args.seed, args.jobs)
    with open(os.path.join(folder, "truth.json"), "w", encoding="utf-8") as handle:
        json.dump(truth, handle, ensure_ascii=False, indent=1)  # the ground truth, beside the PDFs it describes
    findings = new_rule_findings(db)
    result = score(truth, findings)
    severities: dict[str, Counter] = {check: Counter() for check in mutations.SCORED_CHECKS}
    for f in findings:
        severities[f["check_name"]][f["severity"]] += 1
    print(f"{len(truth)} mutated reports with a mutation applied, {args.mutated + args.clean - len(truth)} without; "
          f"{time.monotonic() - start:.0f}s; {folder}")
    print(f"{'check':<50} {'expected':>8} {'found':>6} {'recall':>7} {'findings':>8} {'precision':>9}  severity")
    for check, c in result["per_check"].items():
        recall = f"{c['found'] / c['expected']:.3f}" if c["expected"] else "-"
        precision = f"{c['true_positive'] / c['findings']:.3f}" if c["findings"] else "-"
        severity = ", ".join(f"{n} {kind}" for kind, n in sorted(severities[check].items()))
        print(f"{check:<50} {c['expected']:>8} {c['found']:>6} {recall:>7} {c['findings']:>8} {precision:>9}  {severity}")
    for miss in result["misses"]:
        print("MISS", json.dumps(miss, ensure_ascii=False))
    for alarm in result["false_alarms"]:
        print("FALSE ALARM", json.dumps(alarm, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
