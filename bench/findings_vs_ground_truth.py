"""Benchmark, run by hand: recall and precision of the identity findings against the
errors the synthetic corpus generator injected (its ground_truth.jsonl).

    .venv/bin/python -m corpus.synthetic pdf /tmp/pdf1k --units 250 --years 4 --seed 1 --error-rate 0.05 --jobs 2
    .venv/bin/python bench/findings_vs_ground_truth.py /tmp/pdf1k --db /tmp/pdf1k.duckdb [--skip-run]

Runs `juesuan run` on the folder (unless --skip-run), then matches findings to injected
errors. An injected error is found when a finding of the same document points at it:
a missing table by its name; a narrative figure by its page (and 类 code); a changed
cell or wrong total by its page, its row key, or a mention of that key in the details.
A finding is a true positive when it points at an injected error of its document
(also through the page it names: "… (page 5) prints …").
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent


def _pages_named(details: str) -> set[int]:
    """Pages a finding's details name: "(page 5)", "(children on page 10, 11)"."""
    return {int(n) for group in re.findall(r"page ([\d, ]+)\)", details) for n in group.split(",") if n.strip()}


def _points_at(finding: dict, error: dict) -> bool:
    if finding["document_id"] != error["document_id"]:
        return False
    kind = error["kind"]
    if kind == "missing_table":
        return finding["check_name"] == "completeness.listed_table_missing" and finding["row_key"] == error["table"]
    key = str(error.get("row_key") or "")
    if kind == "narrative_mismatch":
        # the stated figure, or a share computed from it, on the page the error is printed on
        return finding["family"] == "narrative" and finding["page_number"] == error["page"]
    details = finding["details"] or ""
    return (finding["page_number"] == error["page"] or finding["row_key"] == key or finding["table_name"] == error["table"]
            or (key and key in details) or error["page"] in _pages_named(details))


def on_its_page(finding: dict, error: dict) -> bool:
    """Stricter: the finding names the page the misprint is on (a missing table: the contents page check)."""
    if not _points_at(finding, error):
        return False
    if error["kind"] == "missing_table":
        return True
    return finding["page_number"] == error["page"] or error["page"] in _pages_named(finding["details"] or "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-run", action="store_true")
    args = parser.parse_args()
    if not args.skip_run:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "juesuan.cli", "run", str(args.folder), "--db", str(args.db),
                        "--jobs", str(args.jobs), "--no-progress"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        print(f"juesuan run: {time.perf_counter() - started:.0f}s")
    errors = [json.loads(line) for line in (args.folder / "ground_truth.jsonl").read_text().splitlines() if line]
    findings = load_findings(args.db)
    with duckdb.connect(str(args.db), read_only=True) as con:
        documents = con.execute("SELECT count(*) FROM raw.documents").fetchone()[0]
    result = score(errors, findings)
    found, true_positive, on_page = result["found"], result["true_positive"], result["on_page"]
    print(f"documents: {documents}, injected errors: {len(errors)}, findings: {len(findings)}")
    print(f"recall: {len(found)}/{len(errors)} = {result['recall']:.2%}; "
          f"precision: {len(true_positive)}/{len(findings)} = {result['precision']:.2%}")
    print(f"found with the misprint's own page named: {len(on_page)}/{len(errors)}")
    redrawn = sum(e.get("draws_within_rounding_bound", 0) for e in errors)
    print(f"draws the generator rejected as within the rounding bound: {redrawn}")
    by_kind: dict[str, list[int]] = {}
    for e in errors:
        by_kind.setdefault(e["kind"], [0, 0])[1] += 1
        by_kind[e["kind"]][0] += e in found
    for kind, (hit, total) in sorted(by_kind.items()):
        print(f"  {kind:<20} {hit}/{total}")
    for e in errors:
        if e not in found:
            change = ""
            if e.get("true_value") and e.get("printed_value"):  # how far the printed figure is from the true one
                change = f"{e['true_value']} -> {e['printed_value']}"
            print("  missed:", e["file"], e["kind"], e["table"], e.get("row_key"), "page", e["page"], change)
        elif e not in on_page:
            print("  found, not on its page:", e["file"], e["kind"], e["table"], e.get("row_key"), "page", e["page"])
    for f in findings:
        if f not in true_positive:
            print("  false positive:", f["document_id"][:12], f["check_name"], f["row_key"], "page", f["page_number"],
                  (f["details"] or "")[:80])


def load_findings(db: Path) -> list[dict]:
    with duckdb.connect(str(db), read_only=True) as con:
        cursor = con.execute("SELECT document_id, family, check_name, row_key, page_number, details, severity, "
                             "table_name FROM audit.identity_findings")
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, r)) for r in cursor.fetchall()]


def score(errors: list[dict], findings: list[dict]) -> dict:
    """Injected errors found, findings that point at one, errors found with their own page; the two rates."""
    found = [e for e in errors if any(_points_at(f, e) for f in findings)]
    true_positive = [f for f in findings if any(_points_at(f, e) for e in errors)]
    on_page = [e for e in errors if any(on_its_page(f, e) for f in findings)]
    return {"found": found, "true_positive": true_positive, "on_page": on_page,
            "recall": len(found) / len(errors) if errors else 1.0,
            "precision": len(true_positive) / len(findings) if findings else 1.0}

if __name__ == "__main__":
    main()
