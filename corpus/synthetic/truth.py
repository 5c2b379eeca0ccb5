"""Ground truth: the records of injected errors (ground_truth.jsonl) and of budget mismatches."""

from __future__ import annotations

import re
from decimal import Decimal

from corpus.synthetic.composition import Composed, file_name_of
from corpus.synthetic.narrative import NarrativeFigure
from corpus.synthetic.population import Plan
from corpus.synthetic.tables import Figure, TableModel


def name_key(label: str) -> str:
    """A name as the warehouse's name check compares it: no ordinal, no 其中：, no space, full-width brackets."""
    label = re.sub(r"\s", "", label).replace("(", "（").replace(")", "）")
    return re.sub(r"^(其中[:：]?)?([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[、.．])?", "", label)


def same_name(a: str, b: str) -> bool:
    """Equal up to name_key, or one cut short (a prefix of the other)."""
    a, b = name_key(a), name_key(b)
    return a.startswith(b) or b.startswith(a)


def ground_truth(comp: Composed, document_id: str | None) -> list[dict]:
    """The injected errors as JSON-ready records (values in 万元 as decimal strings)."""
    out = []
    for error in comp.errors:
        record = {"file": comp.file_name, "document_id": document_id, "kind": error["kind"], "table": error["table"],
                  "draws_within_rounding_bound": error.get("draws_within_rounding_bound", 0)}
        if "figure" in error:
            fig: Figure = error["figure"]
            record.update(row_key=fig.code or fig.item, measure=fig.measure, true_value=_dec(fig.true_cents),
                          printed_value=_dec(fig.cents), printed_text=fig.text, page=fig.page)
        elif "renamed" in error:
            fig, true_name, printed = error["renamed"]
            record.update(row_key=fig.code, measure="name", true_value=true_name, printed_value=printed,
                          printed_text=printed, page=fig.page)
        elif "narrative" in error:
            nf: NarrativeFigure = error["narrative"]
            record.update(row_key=nf.topic, measure="stated_wan", true_value=_dec(nf.true_cents),
                          printed_value=_dec(nf.cents), printed_text=nf.text, page=nf.page)
        else:
            model: TableModel = error["model"]
            record.update(row_key=None, measure=None, true_value=None, printed_value=None,
                          page=comp.contents_pages.get(f"table:{model.canonical}"), title=model.title)
        out.append(record)
    return out


def _dec(cents: int | None) -> str | None:
    return None if cents is None else str(Decimal(cents).scaleb(-2))


def budget_truth(plan: Plan, comp: Composed, final_id: str | None, budget_id: str | None) -> list[dict]:
    """The injected 三公 mismatch of a budget report, as the finding on its 决算 it should cause."""
    mismatch = getattr(comp.approved, "mismatch", None) if comp.kind == "budget" else None
    if not mismatch:
        return []
    from corpus.budget import mismatch_rows

    unit, year = comp.doc.unit, comp.doc.year
    return [{"file": file_name_of(unit, year), "document_id": final_id, "budget_file": comp.file_name,
             "budget_document_id": budget_id, "kind": "initial_budget_mismatch", "table": "three_public",
             "category": mismatch["category"], "row_keys": mismatch_rows(mismatch),
             "stated_value": _dec(mismatch["stated"]), "approved_value": _dec(mismatch["approved"])}]
