"""Mistakes beyond the sums (issue 15), applied to a composed synthetic report before it is typeset.

Each mutation changes what one report prints the way reviewers find reports wrong (a title naming
last year, a template's placeholder left in, another unit's name, a table printed empty, a total
stated as 0, 元 written as 万元, a 三公 合计 of 0, a code printed with a sibling's name, a listed table
left out) and returns the findings it must cause: the check and the page, known once the report is
typeset (``Expected.page()``).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from corpus import synthetic
from corpus.render import Cell
from corpus.synthetic.composition import Composed
from corpus.synthetic.narrative import NarrativeFigure
from corpus.synthetic.tables import TableModel, rename_row
from ingestion.raw import sha256_of

# mutation -> the checks it must raise on its page
MUTATIONS: dict[str, tuple[str, ...]] = {
    "title_year": ("completeness.title_names_another_year",),
    "placeholder_name": ("completeness.placeholder_text",),
    "other_unit_name": ("completeness.names_another_unit",),
    "emptied_table": ("completeness.empty_table_without_note",),
    "stated_total_zero": ("narrative.total_stated_zero",),
    "wan_yuan_slip": ("narrative.wan_yuan_slip",),
    "three_public_total_zero": ("three_public.total_zero_parts_not",),
    "as_of_year": ("completeness.as_of_date_another_year",),
    "operating_cost_over_public": ("narrative.operating_cost_exceeds_public",),
    "budget_stated_zero": ("narrative.rate_on_zero_base",),
    "wording_flip": ("narrative.comparison_words_disagree",),
    "removed_reason": ("narrative.change_without_reason",),
    "other_code_name": ("cross_table.code_named_as_another",),
    "deleted_table": ("completeness.listed_table_missing",),
    "rate_without_base": ("narrative.rate_without_base", "completeness.listed_table_missing"),
}
# every check the new rules add: a clean report must raise none of them
NEW_CHECKS = (
    "completeness.title_names_another_year", "completeness.as_of_date_another_year", "completeness.placeholder_text",
    "completeness.names_another_unit", "completeness.empty_table_without_note",
    "completeness.three_public_stated_table_empty", "three_public.total_zero_parts_not", "narrative.wan_yuan_slip",
    "narrative.total_stated_zero", "narrative.operating_cost_exceeds_public", "narrative.rate_on_zero_base",
    "narrative.comparison_words_disagree", "narrative.change_without_reason",
    "cross_table.code_named_as_another", "narrative.rate_without_base",
)
# what the benchmark scores: the new checks, the older one an emptied table without row labels raises, and the
# older one a deleted table raises
SCORED_CHECKS = (*NEW_CHECKS, "completeness.table_header_only", "completeness.listed_table_missing")
PLACEHOLDERS = ("XX局", "XXX单位", "×××局", "某某单位")
TOTAL_TOPICS = ("grand_total", "total_income", "total_expenditure", "fiscal_grand_total", "general_budget_expenditure",
                "three_public_actual")


@dataclass
class Expected:
    mutation: str
    checks: tuple[str, ...]
    page: Callable[[], int]  # read after typesetting
    evidence: str
    other_pages: dict[str, Callable[[], int]] = field(default_factory=dict)  # a check raised on another page

    def record(self, comp: Composed, document_id: str) -> dict:
        return {"file": comp.file_name, "document_id": document_id, "mutation": self.mutation,
                "checks": list(self.checks), "page": self.page(), "evidence": self.evidence,
                "check_pages": {check: page() for check, page in self.other_pages.items()}}


def _named_table(comp: Composed, rng: random.Random) -> TableModel:
    """A table whose header names the unit (Shanghai names it once, above its first table)."""
    if comp.doc.family.key == "shanghai":
        return comp.tables[0]
    return rng.choice(comp.tables)


def title_year(comp: Composed, rng: random.Random) -> Expected | None:
    model = rng.choice(comp.tables)
    y = comp.doc.year
    other = y - 1 if rng.random() < 0.7 else y + 1
    base = re.sub(r"^\d{4} ?年度", "", model.title)
    model.title = f"{other} 年度{base}"
    return Expected("title_year", MUTATIONS["title_year"], lambda: model.first_page, model.title)


def placeholder_name(comp: Composed, rng: random.Random) -> Expected | None:
    model = _named_table(comp, rng)
    model.unit_label = rng.choice(PLACEHOLDERS)
    return Expected("placeholder_name", MUTATIONS["placeholder_name"], lambda: model.first_page, model.unit_label)


# the region words an abbreviation of a unit name may not drop (audit_identity_checks_completeness.sql)
REGION_WORDS = "区县市省州旗"


def _in_order(short: str, long: str, kept: str = "") -> bool:
    """The warehouse's abbreviation rule: ``short``'s characters in order in ``long``, none of the characters
    ``kept`` dropped (a unit name keeps its REGION_WORDS; names_compatible keeps nothing)."""
    gap = f"[^{re.escape(kept)}]*" if kept else ".*"
    return re.fullmatch(gap + gap.join(re.escape(c) for c in short) + gap, long) is not None


def other_unit_name(comp: Composed, rng: random.Random) -> Expected | None:
    own = comp.doc.unit.name
    others = [u.name for u in synthetic.make_units(40, rng.randrange(1000))
              if u.name != own and not _in_order(u.name, own, REGION_WORDS) and not _in_order(own, u.name, REGION_WORDS)]
    model = _named_table(comp, rng)
    model.unit_label = rng.choice(others)
    return Expected("other_unit_name", MUTATIONS["other_unit_name"], lambda: model.first_page, model.unit_label)


def _text(spec) -> str:
    return (spec.text if isinstance(spec, Cell) else spec or "").strip()


def emptied_table(comp: Composed, rng: random.Random) -> Expected | None:
    """Every figure of a table printed blank, no note saying why; the 三公 table when the 情况说明
    states 三公 figures (then the statement contradicts it: an error as well)."""
    three = next((t for t in comp.tables if t.canonical == "three_public" and any(f.cents for f in t.figures)), None)
    stated = any(f.topic.startswith("three_public_") and f.cents for f in comp.narrative.figures)
    candidates = [t for t in comp.tables if any(f.cents for f in t.figures)
                  and t.canonical not in ("income_expenditure_summary", "disclosure_statistics")]
    model = three if three is not None and stated else rng.choice(candidates)
    for fig in model.figures:
        spec = model.table.body[fig.row][fig.col]
        model.table.body[fig.row][fig.col] = replace(spec, text="") if isinstance(spec, Cell) else ""
    labelled = any(_text(model.table.body[r][c]) for r in {f.row for f in model.figures}
                   for c in range(len(model.table.body[r])) if (r, c) not in {(f.row, f.col) for f in model.figures})
    # rows with only figures, all blank, are no rows at all: the table reads as its header only
    checks = MUTATIONS["emptied_table"] if labelled else ("completeness.table_header_only",)
    if model is three:
        checks += ("completeness.three_public_stated_table_empty",)
    return Expected("emptied_table", checks, lambda: model.first_page, model.canonical)


def _restate(comp: Composed, fig: NarrativeFigure, cents: int) -> None:
    kind, text = comp.narrative.blocks[fig.block]
    new_text = synthetic.narrative_money(cents, comp.doc.family.key)
    # the figure as a whole number in the text: "0" is not the 0 of "2024"
    spans = [m.start() for m in re.finditer(rf"(?<![\d.,]){re.escape(fig.text)}(?![\d.,])", text)]
    start = spans[fig.occurrence]
    comp.narrative.blocks[fig.block] = (kind, text[:start] + new_text + text[start + len(fig.text):])
    # later figures of the same text in this block keep their occurrence count right
    for other in comp.narrative.figures:
        if other is not fig and other.block == fig.block and other.text == fig.text and other.occurrence > fig.occurrence:
            other.occurrence -= 1
    fig.true_cents, fig.cents, fig.text = fig.cents, cents, new_text


def _budget_words_contradicted(comp: Composed, fig: NarrativeFigure) -> tuple[str, ...]:
    """The check a restated 一般公共预算 决算 or 预算 adds when the block's "决算数大于/小于/等于预算数" no
    longer fits the figures the block now states."""
    text = comp.narrative.blocks[fig.block][1]
    word = re.search(r"决算数(大于|小于|等于)预算数", text)
    stated = {f.topic: f.cents for f in comp.narrative.figures if f.block == fig.block}
    actual, budget = stated.get("general_budget_expenditure"), stated.get("general_budget_initial_budget")
    if not word or actual is None or budget is None:
        return ()
    fits = {"大于": actual > budget, "小于": actual < budget, "等于": actual == budget}[word.group(1)]
    return () if fits else ("narrative.comparison_words_disagree",)


def stated_total_zero(comp: Composed, rng: random.Random) -> Expected | None:
    candidates = [f for f in comp.narrative.figures if f.topic in TOTAL_TOPICS and f.cents
                  and synthetic.narrative_source(comp, f.topic)]
    if not candidates:
        return None
    fig = rng.choice(candidates)
    _restate(comp, fig, 0)
    return Expected("stated_total_zero", MUTATIONS["stated_total_zero"] + _budget_words_contradicted(comp, fig),
                    lambda: fig.page, f"{fig.topic} {fig.text}")


def wan_yuan_slip(comp: Composed, rng: random.Random) -> Expected | None:
    candidates = [f for f in comp.narrative.figures if f.cents and f.cents >= 100
                  and synthetic.narrative_source(comp, f.topic)]
    if not candidates:
        return None
    fig = rng.choice(candidates)
    _restate(comp, fig, fig.cents * 10000)  # the figure in 元, still called 万元
    return Expected("wan_yuan_slip", MUTATIONS["wan_yuan_slip"] + _budget_words_contradicted(comp, fig),
                    lambda: fig.page, f"{fig.topic} {fig.text}")


def three_public_total_zero(comp: Composed, rng: random.Random) -> Expected | None:
    model = next((t for t in comp.tables if t.canonical == "three_public"), None)
    if model is None:
        return None
    totals = [f for f in model.figures if f.item == "total" and f.cents]
    if not totals:
        return None
    fig = rng.choice(totals)
    fig.true_cents, fig.cents = fig.cents, 0
    fig.text = synthetic.money(0, model.money_unit)
    model.table.body[fig.row][fig.col] = fig.text
    return Expected("three_public_total_zero", MUTATIONS["three_public_total_zero"], lambda: fig.page,
                    f"合计 {fig.measure} {fig.text}")


def as_of_year(comp: Composed, rng: random.Random) -> Expected | None:
    """The vehicle count 截至 the year before (a 决算 counts at the end of its own year)."""
    y = comp.doc.year
    for index, (kind, text) in enumerate(comp.narrative.blocks):
        match = re.search(rf"截至{y}(\s?)年", text)
        if kind == "text" and match:
            # the year only: the spacing after it stays as the family prints it
            comp.narrative.blocks[index] = (kind, f"{text[:match.start()]}截至{y - 1}{text[match.start(1):]}")
            return Expected("as_of_year", MUTATIONS["as_of_year"], lambda block=index: comp.block_pages[block], f"截至{y - 1}")
    return None


def operating_cost_over_public(comp: Composed, rng: random.Random) -> Expected | None:
    """机关运行经费 stated above the 公用经费 the basic-expenditure table prints."""
    fig = next((f for f in comp.narrative.figures if f.topic == "running_cost"), None)
    public = next((f for t in comp.tables if t.canonical == "general_budget_basic_expenditure" for f in t.figures
                   if f.item == "public_total" and f.cents), None)
    if fig is None or public is None:
        return None
    _restate(comp, fig, public.cents + rng.randint(100, 5000))
    return Expected("operating_cost_over_public", MUTATIONS["operating_cost_over_public"], lambda: fig.page,
                    f"{fig.text} > {public.text}")


def budget_stated_zero(comp: Composed, rng: random.Random) -> Expected | None:
    """"预算为 0 万元，支出决算为 B 万元，完成预算的 R%": the 预算 a stated completion rate is computed on, as 0."""
    candidates = [f for f in comp.narrative.figures if f.topic in ("general_budget_initial_budget", "three_public_budget")
                  and f.cents and "完成" in comp.narrative.blocks[f.block][1]]
    if not candidates:
        return None
    fig = rng.choice(candidates)
    _restate(comp, fig, 0)
    checks = MUTATIONS["budget_stated_zero"]
    if synthetic.narrative_source(comp, fig.topic):  # the 三公 budget the table prints: a total stated as 0 too
        checks += ("narrative.total_stated_zero",)
    checks += _budget_words_contradicted(comp, fig)
    return Expected("budget_stated_zero", checks, lambda: fig.page, f"{fig.topic} {fig.text}")


_FLIPS = {"增加": "减少", "减少": "增加", "大于": "小于", "小于": "大于"}


def wording_flip(comp: Composed, rng: random.Random) -> Expected | None:
    """The direction word of a comparison turned round: "收、支总计各减少 X 万元，增长 Y%" (the rate
    still says 增长) or "决算数小于预算数" where the 决算 is the larger."""
    spots = [(index, match) for index, (kind, text) in enumerate(comp.narrative.blocks) if kind == "text"
             for match in re.finditer(r"(?<=总计各)(增加|减少)|(?<=决算数)(大于|小于)(?=预算数)", text)]
    if not spots:
        return None
    index, match = rng.choice(spots)
    kind, text = comp.narrative.blocks[index]
    flipped = _FLIPS[match.group(0)]
    comp.narrative.blocks[index] = (kind, text[:match.start()] + flipped + text[match.end():])
    return Expected("wording_flip", MUTATIONS["wording_flip"], lambda: comp.block_pages[index],
                    f"{match.group(0)} -> {flipped}")


def removed_reason(comp: Composed, rng: random.Random) -> Expected | None:
    """The change against last year stated without the 主要原因 the template asks for."""
    for index, (kind, text) in enumerate(comp.narrative.blocks):
        match = re.search(r"(相比，收、支总计各(?:增加|减少)[^。]*。)(主要原因是[^。]*。)", text)
        if kind == "text" and match:
            comp.narrative.blocks[index] = (kind, text[:match.start(2)] + text[match.end(2):])
            return Expected("removed_reason", MUTATIONS["removed_reason"], lambda block=index: comp.block_pages[block],
                            match.group(2))
    return None
def _compatible(a: str, b: str) -> bool:
    """The warehouse's names_compatible: equal up to name_key, one a prefix or an abbreviation of the other."""
    a, b = synthetic.name_key(a), synthetic.name_key(b)
    return a.startswith(b) or b.startswith(a) or _in_order(a, b) or _in_order(b, a)


def other_code_name(comp: Composed, rng: random.Random) -> Expected | None:
    """A coded row printed with the name of a sibling (same parent, same level) the same table prints; the code is
    printed with its own name in another table, so the report contradicts itself (2010350 printed 行政运行, the
    name of 2010301 on the row above, while the 收入决算表 prints 2010350 事业运行)."""
    names = synthetic.names_by_code(comp)  # code -> {table: the name it prints}
    candidates = []
    for model in comp.tables:
        rows = {fig.row: fig for fig in model.figures if fig.code and fig.label}
        for row, fig in sorted(rows.items()):
            cells = [c for c, spec in enumerate(model.table.body[row]) if _text(spec) == fig.label]
            siblings = sorted({f.label for f in rows.values() if f.code != fig.code and len(f.code) == len(fig.code)
                               and f.code[:-2] == fig.code[:-2] and not _compatible(f.label, fig.label)})
            elsewhere = [t for t, label in names[fig.code].items() if t != model.canonical and _compatible(label, fig.label)]
            # a code the row prints (in one cell or split 类 | 款 | 项), not one read from the name (the summary
            # tables' 类 lines, rows printed by name only): renaming those changes the code read, not the name
            # (the summary tables' 行次 column prints digits too)
            digits = [_text(spec) for spec in model.table.body[row] if re.fullmatch(r"\d{2,7}", _text(spec))]
            printed_code = any("".join(digits[i:j]) == fig.code for i in range(len(digits))
                               for j in range(i + 1, len(digits) + 1))
            if len(cells) == 1 and siblings and elsewhere and printed_code:
                candidates.append((model, row, cells[0], fig, siblings))
    if not candidates:
        return None
    model, row, col, fig, siblings = rng.choice(candidates)
    new_label = rng.choice(siblings)
    old_label = rename_row(model, row, col, fig, new_label)
    # the older warning cross_table.subject_name_consistent names the row too (one code, two names); it is not scored
    return Expected("other_code_name", MUTATIONS["other_code_name"], lambda: fig.page,
                    f"{fig.code} {old_label} -> {new_label}")


def deleted_table(comp: Composed, rng: random.Random) -> Expected | None:
    """A table the contents page lists is not printed: the finding is on the contents page."""
    listed = {anchor for _text, _level, anchor in comp.contents}
    candidates = [t for t in comp.tables if t.canonical != "income_expenditure_summary"
                  and f"table:{t.canonical}" in listed]
    if not candidates:
        return None
    model = rng.choice(candidates)
    comp.tables.remove(model)
    return Expected("deleted_table", MUTATIONS["deleted_table"],
                    lambda: comp.contents_pages[f"table:{model.canonical}"], model.title)


def rate_without_base(comp: Composed, rng: random.Random) -> Expected | None:
    """"公务接待费支出决算为 X 万元，完成预算的 R%" while the 三公 table, the only place its 预算 is printed,
    is left out (the contents still list it)."""
    three = next((t for t in comp.tables if t.canonical == "three_public"), None)
    if three is None or "table:three_public" not in {anchor for _text, _level, anchor in comp.contents}:
        return None
    budget = next((f for f in three.figures if f.item == "reception" and f.measure == "budget" and f.cents), None)
    actual = next((f for f in comp.narrative.figures if f.topic == "three_public_reception_actual" and f.cents), None)
    if budget is None or actual is None:
        return None
    kind, text = comp.narrative.blocks[actual.block]
    stated = re.search(r"公务接待费支出决算为\s?[\d.,]+\s?万元", text)
    if stated is None:
        return None
    rate = f"{100 * actual.cents / budget.cents:.2f}%"
    comp.narrative.blocks[actual.block] = (kind, f"{text[:stated.end()]}，完成预算的{rate}{text[stated.end():]}")
    comp.tables.remove(three)
    return Expected("rate_without_base", MUTATIONS["rate_without_base"], lambda: actual.page, f"完成预算的{rate}",
                    {"completeness.listed_table_missing": lambda: comp.contents_pages["table:three_public"]})


APPLY = {"title_year": title_year, "placeholder_name": placeholder_name, "other_unit_name": other_unit_name,
         "emptied_table": emptied_table, "stated_total_zero": stated_total_zero, "wan_yuan_slip": wan_yuan_slip,
         "three_public_total_zero": three_public_total_zero, "as_of_year": as_of_year,
         "operating_cost_over_public": operating_cost_over_public, "budget_stated_zero": budget_stated_zero,
         "wording_flip": wording_flip, "removed_reason": removed_reason, "other_code_name": other_code_name,
         "deleted_table": deleted_table, "rate_without_base": rate_without_base}


def mutate(comp: Composed, mutation: str, rng: random.Random) -> Expected | None:
    """Apply ``mutation`` to ``comp``; None when the report has nothing it applies to."""
    return APPLY[mutation](comp, rng)


def render_mutated(plan: synthetic.Plan, unit, year: int, mutation: str | None, out_dir: str) -> tuple[str, list[dict]]:
    """Compose (no injected identity error), mutate, typeset; the PDF path and its ground truth."""
    import os

    comp = synthetic.compose(unit, year, plan.seed)
    expected = mutate(comp, mutation, random.Random(f"mutation:{plan.seed}:{unit.index}:{year}:{mutation}")) \
        if mutation else None
    path = os.path.join(out_dir, comp.file_name)
    synthetic.render_pdf(comp, path)
    if expected is None:
        return path, []
    return path, [expected.record(comp, sha256_of(path))]
