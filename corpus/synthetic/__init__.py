"""Synthetic 决算 corpus: N units × Y years of reports in five layout families.

    python -m corpus.synthetic pdf OUT_DIR --units 250 --years 4 --seed 1 --error-rate 0.05 --jobs 2
    python -m corpus.synthetic raw DB_FILE --units 2500 --years 4 --seed 1
    python -m corpus.synthetic compare OUT_DIR --db INGESTED.duckdb   # after `juesuan ingest OUT_DIR`
    python -m corpus.synthetic check --units 100 --years 4 --error-rate 0.3   # identities, no output

Every figure comes from one ledger per document, kept in integer hundredths of 万元, so every
budget identity of docs/DOMAIN.md ('Identities') holds exactly: summary totals = Σ lines, 类 = Σ 款 = Σ 项, the row
identities of the income / expenditure / appropriation tables, 人员经费 = 301 + 303 and
公用经费 = the rest = 一般公共预算 基本支出, the cross-table equalities, 三公 合计 = parts and the
narrative figures.  Injected errors (``--error-rate``: a changed cell, a wrong total, a narrative
figure that disagrees with its table, a table the contents page lists but the report lacks, a code
named in one table like another row, a figure printed as ``## ###``) affect
one place per affected document and are listed in ``ground_truth.jsonl`` beside the PDFs.  A figure
error is kept only if rounding cannot explain it: some identity it breaks misses by more than the exact
rounding bound (Σ half a unit of the last printed digit of the figures involved, as the warehouse
computes it); a draw within that bound is redrawn and counted.

The families follow the seed reports: Sichuan (财决公开01–13表, 类/款/项 split code cells),
Hubei (公开01–09表, 7-digit 项 codes only), Shandong (公开01–09表, one 科目代码 column),
Shanxi (公开01–10表, the wide four-group 基本支出 table) and Shanghai (no numbering, one
功能分类科目编码 column, landscape wide tables, two-group 基本支出 table).  ``raw`` writes the
same documents straight into the warehouse's ``raw`` schema, shaped as the extractor writes them
(page numbers and positions there are layout estimates; figures and keys are exact).
``--budgets`` adds each unit's budget report of the same year beside its 决算 (``corpus.budget``).

The package, in the order the data flows (each module's docstring says what it holds):
``population`` (units, Plan) → ``amounts`` (hundredths of 万元) → ``projects`` (绩效自评 projects) →
``ledger`` (figures, with their projects) → ``tables`` (table model) and
``families`` (layout families, DocContext) → ``summary_tables``, ``coded_tables``, ``basic_tables``,
``narrative``, ``sheets`` → ``composition`` (Composed) → ``identities`` (self-check) → ``errors``
(injected errors, ``composed``) → ``truth`` (ground truth) → ``typeset`` (PDF) → ``pdfs`` (PDF corpus),
``raw`` (raw layer without PDFs), ``comparison`` (ingest vs print) → ``cli`` (``__main__``).
This namespace re-exports the names other code uses: ``from corpus import synthetic; synthetic.compose``.
"""

from __future__ import annotations

from corpus.synthetic.comparison import compare, expected_figures
from corpus.synthetic.composition import Composed, compose
from corpus.synthetic.errors import ERROR_KINDS, composed, inject_error, misprint
from corpus.synthetic.families import FAMILY, LANDSCAPE_WIDTH, PORTRAIT_WIDTH, DocContext, Family, code_mode
from corpus.synthetic.identities import identity_violations, names_by_code, narrative_source
from corpus.synthetic.ledger import Item, Ledger, make_ledger
from corpus.synthetic.narrative import Narrative, NarrativeFigure, narrative_money
from corpus.synthetic.pdfs import generate_pdfs, render_reports, write_jsonl
from corpus.synthetic.population import FAMILIES, LAST_YEAR_DEFAULT, Plan, Unit, make_units
from corpus.synthetic.projects import Project
from corpus.synthetic.raw import RAW_TARGETS, document_id_of, generate_raw, raw_extraction
from corpus.synthetic.sheets import Sheet
from corpus.synthetic.tables import Amt, Builder, Figure, TableModel, money
from corpus.synthetic.truth import budget_truth, ground_truth, name_key
from corpus.synthetic.typeset import Renderer, render_pdf

__all__ = [
    "Amt", "Builder", "Composed", "DocContext", "ERROR_KINDS", "FAMILIES", "FAMILY", "Family", "Figure", "Item",
    "LANDSCAPE_WIDTH", "LAST_YEAR_DEFAULT", "Ledger", "Narrative", "NarrativeFigure", "PORTRAIT_WIDTH", "Plan",
    "Project", "RAW_TARGETS", "Renderer", "Sheet", "TableModel", "Unit", "budget_truth", "code_mode", "compare",
    "compose", "composed", "document_id_of", "expected_figures", "generate_pdfs", "generate_raw", "ground_truth",
    "identity_violations", "inject_error", "make_ledger", "make_units", "misprint", "money", "name_key",
    "names_by_code", "narrative_money", "narrative_source", "raw_extraction", "render_pdf", "render_reports",
    "write_jsonl",
]
