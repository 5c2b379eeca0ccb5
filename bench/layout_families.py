"""Layout families: one document typeset with each layout trait, read back figure by figure.

    python bench/layout_families.py [--out DIR] [--trait NAME ...] [--examples 4]

corpus.traits typesets the same ledger once per trait (code columns, header bands, ruling,
orientation, continuation, money unit, zeros, 行次, column order, wrapped headers, mixed
fonts); every PDF is ingested into one warehouse (no dbt), and each trait gets one line:
the printed figures read back with their key, measure and amount (raw.table_cells, status
'number') out of those printed, and the 情况说明 figures read (raw.narrative_figures, topic
and amount) out of those stated.  Below a line that falls short, a few examples: what was
printed (table, key, measure, amount, page) and what was read there instead.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from corpus import synthetic, traits  # noqa: E402


def expected_cells(comp: synthetic.Composed) -> list[tuple]:
    """(table, code, item, measure, amount 万元, page) of every figure the document prints."""
    return [(t, c, i, m, a, p) for t, c, i, m, a, p in synthetic.expected_figures(comp)]


def read_cells(con, source_file: str) -> list[tuple]:
    # A lone "-" is read as not applicable (docs/DOMAIN.md, 'Cell values'); the dash trait prints the generator's zeros so,
    # and such a cell counts as that zero read.
    return con.execute(
        "SELECT c.table_name, c.subject_code, c.line_item, c.measure, coalesce(c.amount_wan, 0), c.page_number, "
        "c.row_label FROM raw.table_cells c JOIN raw.documents d USING (document_id) "
        "WHERE d.source_file = ? AND (c.status = 'number' OR (c.status = 'not_applicable' AND trim(c.value_text) = '-'))",
        [source_file]).fetchall()


def read_narrative(con, source_file: str) -> list[tuple]:
    """(topic, subject_code, amount, page, text) of the amounts the 情况说明 states (rates left out)."""
    return con.execute(
        "SELECT n.topic, n.subject_code, n.stated_wan, n.page_number, n.stated_text FROM raw.narrative_figures n "
        "JOIN raw.documents d USING (document_id) WHERE d.source_file = ? AND n.stated_wan IS NOT NULL "
        "AND n.stated_rate IS NULL", [source_file]).fetchall()


# The generator's narrative topics under the extractor's names (ingestion/read/narrative.py).
TOPIC_NAMES = {"basic": "basic_expenditure", "project": "project_expenditure", "personnel_total": "personnel",
               "public_total": "public", "general_budget_initial_budget": "general_budget_budget",
               "running_cost": "operating_cost"}


def narrative_key(topic: str) -> tuple[str, str | None]:
    """(extractor topic, subject code) of a generator narrative topic."""
    if topic.startswith("general_budget_class_"):
        return "general_budget_class", topic.rsplit("_", 1)[1]
    return TOPIC_NAMES.get(topic, topic), None


def _key(code, item) -> str:
    return code or item or "-"


def compare_figures(comp: synthetic.Composed, cells: list[tuple], limit: int) -> dict:
    """Printed figures matched to read ones on (table, code, item, measure, amount)."""
    pool = Counter(c[:5] for c in cells)
    by_place = defaultdict(list)
    for c in cells:
        by_place[(c[0], c[5], c[4])].append(c)
    expected = expected_cells(comp)
    out = {"printed": len(expected), "read": 0, "keyed_differently": 0, "missing": 0, "unexpected": 0, "examples": []}
    leftovers = []
    for fig in expected:
        if pool[fig[:5]] > 0:
            pool[fig[:5]] -= 1
            out["read"] += 1
        else:
            leftovers.append(fig)
    for table, code, item, measure, amount, page in leftovers:
        printed = f"{table} {_key(code, item)} {measure}={amount} p{page}"
        near = [c for c in by_place.get((table, page, amount), []) if pool[c[:5]] > 0]
        if near:
            c = near[0]
            pool[c[:5]] -= 1
            out["keyed_differently"] += 1
            example = f"printed {printed}  read as {_key(c[1], c[2])} {c[3]} (row label {c[6]!r})"
        else:
            out["missing"] += 1
            same_key = [c for c in cells if c[0] == table and c[1] == code and c[2] == item and c[3] == measure]
            seen = f"  read {', '.join(str(c[4]) for c in same_key[:3])} under that key" if same_key else "  not read"
            example = f"printed {printed}{seen}"
        if len(out["examples"]) < limit:
            out["examples"].append(example)
    extra = [key for key, count in pool.items() for _ in range(count)]
    out["unexpected"] = len(extra)
    for key in extra[:max(0, limit - len(out["examples"])) or 1]:
        out["examples"].append(f"read {key[0]} {_key(key[1], key[2])} {key[3]}={key[4]}, printed nowhere")
    return out


def compare_narrative(comp: synthetic.Composed, figures: list[tuple], limit: int) -> dict:
    """Stated 情况说明 amounts matched to read ones on (topic, subject code, amount)."""
    pool = Counter(f[:3] for f in figures)
    out = {"stated": len(comp.narrative.figures), "read": 0, "examples": []}
    for fig in comp.narrative.figures:
        topic, code = narrative_key(fig.topic)
        key = (topic, code, Decimal(fig.cents).scaleb(-2))
        if pool[key] > 0:
            pool[key] -= 1
            out["read"] += 1
            continue
        same = [f"{t}{'/' + c if c else ''}={a} ({text!r})" for t, c, a, _p, text in figures
                if (t, c) == (topic, code) or a == key[2]][:2]
        if len(out["examples"]) < limit:
            out["examples"].append(f"stated {topic}{'/' + code if code else ''}={key[2]} p{fig.page} ({fig.text!r})"
                                   + (f"  read: {', '.join(same)}" if same else "  not read"))
    extra = [key for key, count in pool.items() for _ in range(count)]
    out["unexpected"] = len(extra)
    if extra and len(out["examples"]) < limit:
        out["examples"].append("read but not stated: " + ", ".join(f"{t}{'/' + c if c else ''}={a}" for t, c, a in extra[:3]))
    return out


def run(out_dir: str, names: list[str], limit: int = 4, jobs: int = 2) -> dict[str, dict]:
    import duckdb

    from ingestion.batch.runner import ingest

    started = time.monotonic()
    composed = traits.render_traits(out_dir, names)
    pdfs = [os.path.join(out_dir, comp.file_name) for comp in composed.values()]
    db = os.path.join(out_dir, "warehouse.duckdb")
    if os.path.exists(db):
        os.remove(db)
    summary = ingest(pdfs, db, jobs=jobs, progress=False)
    rendered = time.monotonic() - started
    results = {}
    con = duckdb.connect(db, read_only=True)
    try:
        for name, comp in composed.items():
            synthetic.Renderer(comp, __import__("io").BytesIO()).run()  # figures learn their pages
            figures = compare_figures(comp, read_cells(con, comp.file_name), limit)
            narrative = compare_narrative(comp, read_narrative(con, comp.file_name), limit)
            results[name] = {"figures": figures, "narrative": narrative}
    finally:
        con.close()
    print(f"{len(composed)} traits of {composed[next(iter(composed))].doc.unit.name} {traits.BASE_YEAR} "
          f"rendered and ingested in {rendered:.1f}s into {db} ({summary.count('failed')} failed)")
    return results


def report(results: dict[str, dict]) -> None:
    width = max(len(n) for n in results)
    for name, r in results.items():
        f, n = r["figures"], r["narrative"]
        ok = f["read"] == f["printed"] and not f["unexpected"] and n["read"] == n["stated"] and not n["unexpected"]
        print(f"{'ok  ' if ok else 'FAIL'} {name:<{width}}  figures {f['read']:>4}/{f['printed']:<4} read "
              f"({f['keyed_differently']} keyed differently, {f['missing']} missing, {f['unexpected']} unexpected)  "
              f"narrative {n['read']:>3}/{n['stated']:<3} read ({n['unexpected']} unexpected)")
        for example in f["examples"] + n["examples"]:
            print(f"       {example}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", help="folder for the PDFs and the warehouse (default: a temporary folder)")
    parser.add_argument("--trait", action="append", choices=sorted(traits.TRAITS), help="only these traits (repeatable)")
    parser.add_argument("--examples", type=int, default=4, help="examples printed per failing trait")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    names = args.trait or list(traits.TRAITS)
    if args.out:
        results = run(args.out, names, args.examples, args.jobs)
    else:
        with tempfile.TemporaryDirectory() as out:
            results = run(out, names, args.examples, args.jobs)
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
