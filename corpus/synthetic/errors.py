"""Injected errors: one misprint per affected document (a changed cell, a wrong total, a narrative
mismatch, a missing table, a renamed subject, an unreadable figure), kept only beyond the rounding
bound; ``composed`` is a document as the plan prints it."""

from __future__ import annotations

import random

from corpus.synthetic.composition import Composed, compose
from corpus.synthetic.identities import identity_violations, names_by_code, narrative_source
from corpus.synthetic.narrative import NarrativeFigure, narrative_money
from corpus.synthetic.population import Plan, Unit
from corpus.synthetic.tables import Figure, TableModel, cell_text, money, rename_row, spaced
from corpus.synthetic.truth import same_name

# --------------------------------------------------------------------------- injected errors

ERROR_KINDS = ("changed_cell", "wrong_total", "narrative_mismatch", "missing_table", "renamed_subject",
               "unreadable_figure")
TOTAL_ITEMS = {"grand_total", "total_income", "total_expenditure", "grand_total_income", "grand_total_expenditure",
               "personnel_total", "public_total"}
CELL_TABLES = {"income", "expenditure", "general_budget_expenditure", "general_budget_basic_expenditure", "government_fund",
               "fiscal_appropriation_detail", "general_budget_project_expenditure", "state_capital_expenditure"}


# Draws of a misprinted figure before another figure is tried; each must exceed the rounding bound.
DRAWS_PER_FIGURE = 8


def inject_error(comp: Composed, rng: random.Random) -> None:
    """Break one identity of the document beyond its rounding bound and record what was broken."""
    kinds = list(ERROR_KINDS)
    rng.shuffle(kinds)
    for kind in kinds:
        if {"changed_cell": _change_cell, "wrong_total": _wrong_total, "narrative_mismatch": _narrative_mismatch,
                "missing_table": _missing_table, "renamed_subject": _renamed_subject,
                "unreadable_figure": _unreadable_figure}[kind](comp, rng):
            return


def _beyond_rounding(comp: Composed) -> bool:
    """True when some identity misses by more than its rounding bound: the 13.76 vs 9.42 + 4.35 kind is not an error."""
    return bool(identity_violations(comp, beyond_rounding=True))


def _detectable(comp: Composed, rng: random.Random, candidates: list, misprint) -> bool:
    """Misprint a candidate until the change exceeds the rounding bound; undo and count each draw within it."""
    within = 0
    for _ in range(len(candidates)):
        candidate = rng.choice(candidates)
        for _ in range(DRAWS_PER_FIGURE):
            undo = misprint(candidate)
            if _beyond_rounding(comp):
                comp.errors[-1]["draws_within_rounding_bound"] = within
                return True
            undo()
            within += 1
    return False


def _wrong_value(rng: random.Random, cents: int) -> int:
    """A plausible misprint: a transposed pair of digits, or a slip of a few hundredths to a few per cent."""
    digits = str(cents)
    if len(digits) >= 3 and rng.random() < 0.4:
        i = rng.randrange(len(digits) - 1)
        swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
        if swapped != digits and not swapped.startswith("0"):
            return int(swapped)
    delta = max(1, round(cents * rng.uniform(0.002, 0.05))) if rng.random() < 0.7 else rng.randint(1, 9)
    return cents + (delta if rng.random() < 0.6 or cents <= delta else -delta)


def _misprint(comp: Composed, table: TableModel, fig: Figure, rng: random.Random, kind: str):
    """Print a wrong value in ``fig``'s cell; returns the function that puts the right one back."""
    return _print_wrong(comp, table, fig, _wrong_value(rng, fig.cents), kind)


def misprint(comp: Composed, table_name: str, key: str, measure: str, cents: int) -> None:
    """Print ``cents`` in one given cell: a chosen error, for a test that needs it in a given place."""
    table = next(t for t in comp.tables if t.canonical == table_name)
    fig = next(f for f in table.figures if (f.code or f.item) == key and f.measure == measure)
    _print_wrong(comp, table, fig, cents, "changed_cell")


def _print_wrong(comp: Composed, table: TableModel, fig: Figure, wrong: int, kind: str):
    before = (fig.cents, fig.text, fig.true_cents)
    fig.true_cents, fig.cents = fig.cents, wrong
    spaced_before = ". " in fig.text
    fig.text = money(wrong, table.money_unit)
    if spaced_before:
        fig.text = spaced(fig.text)
    table.table.body[fig.row][fig.col] = fig.text
    comp.errors.append({"kind": kind, "table": table.canonical, "figure": fig})

    def undo() -> None:
        fig.cents, fig.text, fig.true_cents = before
        table.table.body[fig.row][fig.col] = fig.text
        comp.errors.pop()
    return undo


def _change_cell(comp: Composed, rng: random.Random) -> bool:
    candidates = [(t, f) for t in comp.tables if t.canonical in CELL_TABLES for f in t.figures
                  if f.cents and f.code and len(f.code) >= 5 and f.item is None]
    return _detectable(comp, rng, candidates, lambda tf: _misprint(comp, *tf, rng, "changed_cell"))


def _wrong_total(comp: Composed, rng: random.Random) -> bool:
    candidates = [(t, f) for t in comp.tables for f in t.figures if f.cents and (
        f.item in TOTAL_ITEMS or (f.code and len(f.code) == 3) or (t.canonical == "three_public" and f.item in ("total", "vehicle_total")))]
    return _detectable(comp, rng, candidates, lambda tf: _misprint(comp, *tf, rng, "wrong_total"))


def _narrative_mismatch(comp: Composed, rng: random.Random) -> bool:
    # Only statements a table restates: a wrong 年初预算 could not be told from a right one.
    candidates = [f for f in comp.narrative.figures if f.cents and narrative_source(comp, f.topic)]
    return _detectable(comp, rng, candidates, lambda fig: _misstate(comp, fig, rng))


def _misstate(comp: Composed, fig: NarrativeFigure, rng: random.Random):
    """State a wrong value for ``fig`` in its sentence; returns the function that restores the sentence."""
    before = (fig.cents, fig.text, fig.true_cents, comp.narrative.blocks[fig.block])
    wrong = _wrong_value(rng, fig.cents)
    new_text = narrative_money(wrong, comp.doc.family.key)
    kind, text = comp.narrative.blocks[fig.block]
    start = nth_occurrence(text, fig.text, fig.occurrence)
    comp.narrative.blocks[fig.block] = (kind, text[:start] + new_text + text[start + len(fig.text):])
    fig.true_cents, fig.cents, fig.text = fig.cents, wrong, new_text
    comp.errors.append({"kind": "narrative_mismatch", "table": "narrative", "narrative": fig})

    def undo() -> None:
        fig.cents, fig.text, fig.true_cents, comp.narrative.blocks[fig.block] = before
        comp.errors.pop()
    return undo


def nth_occurrence(text: str, needle: str, n: int) -> int:
    """Where the ``n``-th (counted from 0) occurrence of ``needle`` starts in ``text``."""
    start = -1
    for _ in range(n + 1):
        start = text.find(needle, start + 1)
    return start


def _missing_table(comp: Composed, rng: random.Random) -> bool:
    candidates = [t for t in comp.tables if t.canonical != "income_expenditure_summary"]
    table = rng.choice(candidates)
    comp.tables.remove(table)
    comp.errors.append({"kind": "missing_table", "table": table.canonical, "model": table})
    return True


def _renamed_subject(comp: Composed, rng: random.Random) -> bool:
    """A code printed in two or more tables gets, in one of them, the name of another row of that table
    (seed 000: 2210201 住房租金支出 in the 收入决算表, 住房公积金 in the 支出决算表)."""
    names = names_by_code(comp)
    candidates = []
    for model in comp.tables:
        rows = {fig.row: fig for fig in model.figures if fig.code and len(fig.code) >= 5 and fig.label}
        for row, fig in sorted(rows.items()):
            cells = [c for c, spec in enumerate(model.table.body[row]) if cell_text(spec) == fig.label]
            others = sorted({f.label for f in rows.values() if len(f.code) == len(fig.code)
                             and not same_name(f.label, fig.label)})
            if len(names[fig.code]) >= 2 and len(cells) == 1 and others:
                candidates.append((model, row, cells[0], fig, others))
    if not candidates:
        return False
    model, row, col, fig, others = rng.choice(candidates)
    new_label = rng.choice(others)
    old_label = rename_row(model, row, col, fig, new_label)
    comp.errors.append({"kind": "renamed_subject", "table": model.canonical, "renamed": (fig, old_label, new_label)})
    return True


def _unreadable_figure(comp: Composed, rng: random.Random) -> bool:
    """A printed figure that is not a number (seed 000's total score ``## ###``)."""
    candidates = [(t, f) for t in comp.tables if t.canonical in CELL_TABLES for f in t.figures if f.cents and f.code]
    if not candidates:
        return False
    table, fig = rng.choice(candidates)
    fig.true_cents, fig.cents, fig.text = fig.cents, None, "## ###"
    table.table.body[fig.row][fig.col] = fig.text
    comp.errors.append({"kind": "unreadable_figure", "table": table.canonical, "figure": fig})
    return True


def composed(plan: Plan, unit: Unit, year: int) -> Composed:
    """The document as printed: composed, then (at the plan's rate) one injected error."""
    comp = compose(unit, year, plan.seed)
    rng = random.Random(f"errors:{plan.seed}:{unit.index}:{year}")
    if plan.error_rate and rng.random() < plan.error_rate:
        inject_error(comp, rng)
    return comp
