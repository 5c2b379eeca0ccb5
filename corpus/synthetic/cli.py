"""The command line: ``python -m corpus.synthetic pdf | raw | check | compare``."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from corpus.synthetic.comparison import compare
from corpus.synthetic.errors import composed
from corpus.synthetic.identities import identity_violations
from corpus.synthetic.pdfs import generate_pdfs, write_jsonl
from corpus.synthetic.population import LAST_YEAR_DEFAULT, Plan
from corpus.synthetic.raw import generate_raw

# --------------------------------------------------------------------------- command line

DESCRIPTION = "Synthetic 决算 corpus: N units × Y years of reports in five layout families."


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m corpus.synthetic", description=DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True)
    helps = {"pdf": "typeset PDFs", "raw": "write the raw layer of a warehouse directly",
             "check": "recompute every identity from the printed figures (no output files)"}
    for name, target in (("pdf", "OUT_DIR"), ("raw", "DB_FILE"), ("check", None)):
        cmd = sub.add_parser(name, help=helps[name])
        if target:
            cmd.add_argument("target", metavar=target)
        cmd.add_argument("--units", type=int, default=10, help="budget units (families in turn)")
        cmd.add_argument("--years", type=int, default=1, help="fiscal years per unit, ending with --last-year")
        cmd.add_argument("--last-year", type=int, default=LAST_YEAR_DEFAULT)
        cmd.add_argument("--seed", type=int, default=1)
        cmd.add_argument("--error-rate", type=float, default=0.0, help="share of documents with one injected error")
        cmd.add_argument("--jobs", type=int, default=1, help="worker processes")
        cmd.add_argument("--budgets", action="store_true",
                         help="also write each unit's budget report (部门预算 / 单位预算) of the same year (corpus.budget)")
        cmd.add_argument("--mismatch-rate", type=float, default=0.0,
                         help="share of budget reports whose 三公 differs from the 决算's 年初预算 (budget_ground_truth)")
        cmd.add_argument("--quiet", action="store_true")
        if name == "raw":
            cmd.add_argument("--batch", type=int, default=100, help="documents per transaction")
            cmd.add_argument("--per-document", action="store_true",
                             help="use ingestion.raw.writer.write_document, one transaction per document (slower)")
    cmp = sub.add_parser("compare", help="compare what `juesuan ingest` read from OUT_DIR with what was printed")
    cmp.add_argument("target", metavar="OUT_DIR")
    cmp.add_argument("--db", required=True)
    cmp.add_argument("--json", action="store_true", help="print the full report as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "compare":
        return _compare_command(args)
    plan = Plan(args.units, args.years, args.seed, args.error_rate, args.last_year,
                ("final_accounts", "budget") if args.budgets else ("final_accounts",), args.mismatch_rate)
    if args.command == "check":
        return _check_command(plan)
    if args.command == "pdf":
        result = generate_pdfs(plan, args.target, args.jobs, progress=not args.quiet)
        print(f"{result['documents']} PDFs in {args.target} ({result['errors']} injected errors, "
              f"ground_truth.jsonl) in {result['seconds']} s")
        return 0
    result = generate_raw(plan, args.target, args.jobs, args.batch, args.per_document, progress=not args.quiet)
    truth = args.target + ".ground_truth.jsonl"
    with open(truth, "w", encoding="utf-8") as handle:
        for record in sorted(result["errors"], key=lambda r: (r["file"], r["kind"])):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    if args.budgets:
        write_jsonl(args.target + ".budget_ground_truth.jsonl", result["mismatches"])
    print(f"{result['documents']} documents into {args.target} ({len(result['errors'])} injected errors, {truth}; "
          f"{len(result['mismatches'])} budget mismatches) in {result['seconds']} s")
    return 0


def _check_command(plan: Plan) -> int:
    """Clean documents must satisfy every identity; documents with an injected error must not."""
    counts = Counter()
    for unit, year in plan.documents():
        comp = composed(plan, unit, year)
        violations = identity_violations(comp)
        if not comp.errors:
            counts["clean" if not violations else "inconsistent"] += 1
            if violations:
                print(f"  {comp.file_name}: {violations[:3]}")
        elif comp.errors[0]["kind"] in ("missing_table", "unreadable_figure"):
            counts[comp.errors[0]["kind"]] += 1  # decided by completeness, not by an identity
        elif violations:
            counts["caught"] += 1
        else:
            counts["silent"] += 1
            print(f"  {comp.file_name}: injected {comp.errors[0]['kind']} not visible in the identities")
    print(f"{len(plan.documents())} documents: {counts['clean']} clean and consistent, {counts['inconsistent']} clean but "
          f"inconsistent, {counts['caught']} injected figure errors caught by the identities, {counts['silent']} not caught, "
          f"{counts['missing_table']} with a listed table left out, {counts['unreadable_figure']} with a figure that "
          "is not a number")
    return 1 if counts["inconsistent"] or counts["silent"] else 0


def _compare_command(args) -> int:
    report = compare(args.target, args.db)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1, default=str))
        return 0
    problems = report.pop("problems")
    families = report.pop("by_family", {})
    print(", ".join(f"{k}: {v}" for k, v in report.items()))
    for family, tally in sorted(families.items()):
        print(f"  {family:9s} {tally['matched']}/{tally['expected']} figures read with the printed key and value")
    for reason, entry in sorted(problems.items(), key=lambda kv: (-kv[1]["count"], kv[0])):
        print(f"  {entry['count']:6d}  {reason}  e.g. {entry['examples'][0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
