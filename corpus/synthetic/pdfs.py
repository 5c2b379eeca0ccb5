"""Writing a plan's PDFs with their ground truth and manifest (in worker processes)."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import sys
import time

from corpus.synthetic.errors import composed
from corpus.synthetic.population import Plan, Unit
from corpus.synthetic.truth import budget_truth, ground_truth
from corpus.synthetic.typeset import render_pdf
from ingestion.raw import sha256_of


def render_reports(args: tuple[Plan, Unit, int, str]) -> list[dict]:
    """Render the reports of one unit and year; their ground truth (injected errors, then the
    budget report's mismatch record, kind ``initial_budget_mismatch``)."""
    plan, unit, year, out_dir = args
    out: list[dict] = []
    final_id = None
    if "final_accounts" in plan.kinds:
        comp = composed(plan, unit, year)
        path = os.path.join(out_dir, comp.file_name)
        render_pdf(comp, path)
        final_id = sha256_of(path)
        out += ground_truth(comp, final_id) if comp.errors else []
    if "budget" in plan.kinds:
        from corpus.budget import compose_budget

        comp, comp.approved = compose_budget(unit, year, plan.seed, plan.mismatch_rate)
        path = os.path.join(out_dir, comp.file_name)
        render_pdf(comp, path)
        out += budget_truth(plan, comp, final_id, sha256_of(path))
    return out


def generate_pdfs(plan: Plan, out_dir: str, jobs: int = 1, progress: bool = True) -> dict:
    """Write every document of ``plan`` to ``out_dir`` (``jobs`` worker processes) with its ground truth."""
    os.makedirs(out_dir, exist_ok=True)
    started = time.monotonic()
    tasks = [(plan, unit, year, out_dir) for unit, year in plan.documents()]
    records: list[dict] = []
    mismatches: list[dict] = []
    if jobs <= 1:
        for n, task in enumerate(tasks, start=1):
            for record in render_reports(task):
                (mismatches if record["kind"] == "initial_budget_mismatch" else records).append(record)
            print_progress(progress, n, len(tasks), started)
    else:
        # Fresh workers every 50 documents keep memory flat over long runs.
        with mp.get_context("fork").Pool(jobs, maxtasksperchild=50) as pool:
            for n, result in enumerate(pool.imap_unordered(render_reports, tasks, chunksize=4), start=1):
                for record in result:
                    (mismatches if record["kind"] == "initial_budget_mismatch" else records).append(record)
                print_progress(progress, n, len(tasks), started)
    records.sort(key=lambda r: (r["file"], r["kind"]))
    with open(os.path.join(out_dir, "ground_truth.jsonl"), "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    if "budget" in plan.kinds:
        write_jsonl(os.path.join(out_dir, "budget_ground_truth.jsonl"), mismatches)
    manifest = {"units": plan.units, "years": plan.years, "seed": plan.seed, "error_rate": plan.error_rate,
                "last_year": plan.last_year, "kinds": list(plan.kinds), "mismatch_rate": plan.mismatch_rate,
                "documents": len(tasks) * len(plan.kinds), "errors": len(records), "mismatches": len(mismatches)}
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=1)
    manifest["seconds"] = round(time.monotonic() - started, 1)
    return manifest


def write_jsonl(path: str, records: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for record in sorted(records, key=lambda r: (r["file"], r["kind"])):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def print_progress(enabled: bool, done: int, total: int, started: float) -> None:
    """Documents done and the rate, on stderr, every 50 documents and at the end."""
    if enabled and (done == total or done % 50 == 0):
        rate = done / max(1e-9, time.monotonic() - started)
        print(f"  {done}/{total} documents, {rate:.1f}/s", file=sys.stderr, flush=True)
