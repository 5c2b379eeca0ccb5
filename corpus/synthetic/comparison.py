"""Comparing what `juesuan ingest` read from the PDFs with what was printed."""

from __future__ import annotations

import io
import json
import os
from collections import Counter, defaultdict
from decimal import Decimal

from corpus.synthetic.composition import Composed, file_name_of
from corpus.synthetic.errors import composed
from corpus.synthetic.population import Plan
from corpus.synthetic.tables import normalise
from corpus.synthetic.truth import ground_truth
from corpus.synthetic.typeset import Renderer

# --------------------------------------------------------------------------- comparing an ingest with the plan

def expected_figures(comp: Composed) -> list[tuple]:
    """(table, code, item, measure, amount 万元, page) of every printed figure of the document's tables."""
    out = []
    for model in comp.tables:
        for fig in model.figures:
            if fig.cents is not None:
                out.append((model.canonical, fig.code, fig.item, fig.measure, Decimal(fig.cents).scaleb(-2), fig.page))
    return out


def compare(out_dir: str, db_path: str, limit_examples: int = 3) -> dict:
    """Figure by figure: what the extractor stored for each PDF of ``out_dir`` against what was printed."""
    import duckdb  # the warehouse's engine; only this command needs it here

    with open(os.path.join(out_dir, "manifest.json"), encoding="utf-8") as handle:
        manifest = json.load(handle)
    plan = Plan(manifest["units"], manifest["years"], manifest["seed"], manifest["error_rate"], manifest["last_year"])
    by_file = {file_name_of(u, y): (u, y) for u, y in plan.documents()}
    con = duckdb.connect(db_path, read_only=True)
    rows = con.execute(
        "SELECT d.source_file, c.table_name, c.subject_code, c.line_item, c.measure, c.amount_wan, c.page_number, "
        "c.row_index, c.col_index, c.row_label, c.header_text FROM raw.table_cells c JOIN raw.documents d USING (document_id) "
        "WHERE c.status = 'number'").fetchall()
    page_rows = con.execute("SELECT d.source_file, p.page_number, p.text FROM raw.pages p JOIN raw.documents d USING (document_id)").fetchall()
    con.close()
    texts = {(f, n): t for f, n, t in page_rows}
    extracted: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        extracted[row[0]].append(row[1:])
    report = {"documents": 0, "expected": 0, "matched": 0, "keyed_differently": 0, "missing": 0, "unexpected": 0,
              "problems": {}}
    for file_name, cells in sorted(extracted.items()):
        if file_name not in by_file:
            continue
        unit, year = by_file[file_name]
        comp = composed(plan, unit, year)
        _layout_pages(comp)
        _compare_document(comp, cells, report, limit_examples)
        _check_ground_truth(comp, cells, texts, report)
    return report


def _layout_pages(comp: Composed) -> None:
    """Run the typesetter into memory so that figures know their pages."""
    Renderer(comp, io.BytesIO()).run()


def _key_kind(code: str | None, item: str | None) -> str:
    """How a row is keyed, without the particular code: ``7-digit code``, ``line total_income``."""
    if code:
        return f"{len(code)}-digit code"
    return f"line {item}" if item else "no key"


def _compare_document(comp: Composed, cells: list[tuple], report: dict, limit: int) -> None:
    report["documents"] += 1
    family = comp.doc.family.key
    pool = Counter((c[0], c[1], c[2], c[3], c[4]) for c in cells)
    by_place = defaultdict(list)
    for c in cells:
        by_place[(c[0], c[5], c[4])].append(c)
    leftovers = []
    tally = report.setdefault("by_family", {}).setdefault(family, {"expected": 0, "matched": 0})
    for table, code, item, measure, amount, page in expected_figures(comp):
        report["expected"] += 1
        tally["expected"] += 1
        key = (table, code, item, measure, amount)
        if pool[key] > 0:
            pool[key] -= 1
            report["matched"] += 1
            tally["matched"] += 1
        else:
            leftovers.append((table, code, item, measure, amount, page))
    for table, code, item, measure, amount, page in leftovers:
        near = [c for c in by_place.get((table, page, amount), []) if pool[(c[0], c[1], c[2], c[3], c[4])] > 0]
        if near:
            c = near[0]
            pool[(c[0], c[1], c[2], c[3], c[4])] -= 1
            report["keyed_differently"] += 1
            reason = (f"{family} {table}: {_key_kind(code, item)} / {measure} "
                      f"read as {_key_kind(c[1], c[2])} / {c[3]}")
        else:
            report["missing"] += 1
            reason = f"{family} {table}: {_key_kind(code, item)} / {measure} not read"
        _note(report, reason, f"{comp.file_name} p{page} {code or item} {measure}={amount}", limit)
    for key, count in pool.items():
        if count > 0:
            report["unexpected"] += count
            _note(report, f"{family} {key[0]}: figure nobody printed, read as {_key_kind(key[1], key[2])} / {key[3]}",
                  f"{comp.file_name} {key[4]}", limit)


def _check_ground_truth(comp: Composed, cells: list[tuple], texts: dict, report: dict) -> None:
    """Each injected error is where ground_truth.jsonl says: the misprint read back on its page, the
    narrative figure in that page's text, the missing table absent and its title on the contents page."""
    for record in ground_truth(comp, None):
        page_text = normalise(texts.get((comp.file_name, record["page"]), ""))
        if record["kind"] in ("changed_cell", "wrong_total"):
            found = any(c[0] == record["table"] and c[5] == record["page"] and c[4] == Decimal(record["printed_value"])
                        for c in cells)
        elif record["kind"] == "narrative_mismatch":
            found = normalise(record["printed_text"]) in page_text
        else:
            found = not any(c[0] == record["table"] for c in cells) and normalise(record["title"]).replace(f"{comp.doc.year}年度", "") in page_text
        report["ground_truth_checked"] = report.get("ground_truth_checked", 0) + 1
        report["ground_truth_found"] = report.get("ground_truth_found", 0) + int(found)
        if not found:
            _note(report, f"ground truth not confirmed: {record['kind']}", f"{comp.file_name} {record}", 3)


def _note(report: dict, reason: str, example: str, limit: int) -> None:
    entry = report["problems"].setdefault(reason, {"count": 0, "examples": []})
    entry["count"] += 1
    if len(entry["examples"]) < limit:
        entry["examples"].append(example)
