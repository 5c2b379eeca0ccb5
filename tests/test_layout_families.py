"""Layout families as a property: one ledger typeset with every layout trait (corpus.traits) must
read back into the same budget lines and the same 情况说明 figures as the plain reference.

The PDFs are typeset once per trait, ingested into one warehouse and built with dbt once.  Each
trait is its own test case, so a failure names the trait and its first differing rows; no trait
is skipped: while the reader misreads a trait, that case fails.
"""

from __future__ import annotations

import re
from collections import Counter

import pdfplumber
import pytest

from corpus import traits
from ingestion.batch.runner import ingest
from juesuan.build import dbt_build
from tests.conftest import query

NAMES = list(traits.TRAITS)
SHOWN = 6  # differing rows shown per failure

LINE_SQL = """
    SELECT b.table_name, b.subject_code, b.line_item, b.measure, b.amount_wan
    FROM marts.fct_budget_line b JOIN marts.dim_document d USING (document_id) WHERE d.source_file = ?"""
CELL_SQL = """
    SELECT c.table_name, c.subject_code, c.line_item, c.measure, c.side, c.section_label, coalesce(c.amount_wan, 0)
    FROM raw.table_cells c JOIN raw.documents d USING (document_id)
    WHERE d.source_file = ? AND c.status IN ('number', 'blank') AND c.measure IS NOT NULL
      AND coalesce(c.subject_code, c.line_item) IS NOT NULL"""
# raw, not marts.fct_narrative_figure: dbt skips that mart when a misread trait fails a test upstream of it
NARRATIVE_SQL = """
    SELECT n.topic, n.subject_code, n.stated_wan, n.stated_rate
    FROM raw.narrative_figures n JOIN raw.documents d USING (document_id)
    WHERE d.source_file = ? AND n.stated_wan IS NOT NULL"""


@pytest.fixture(scope="module")
def families(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout_families")
    composed = traits.render_traits(str(folder))
    db = folder / "warehouse.duckdb"
    summary = ingest([str(folder / comp.file_name) for comp in composed.values()], str(db), jobs=2, progress=False)
    assert summary.count("failed") == 0, summary.lines()
    # a misread trait may fail dbt's data tests; the marts are built all the same and compared below
    build = dbt_build(str(db))
    assert query(db, "SELECT count(*) FROM marts.fct_budget_line")[0][0] > 0, f"dbt build returned {build}"
    return folder, db, composed


def _rows(db, sql: str, source_file: str) -> Counter:
    return Counter(query(db, sql, [source_file]))


def _difference(name: str, what: str, got: Counter, want: Counter) -> str:
    missing, extra = want - got, got - want
    if not missing and not extra:
        return ""
    lines = [f"{name}: {what} differ from the plain reference: {sum(missing.values())} of {sum(want.values())} "
             f"reference rows not read, {sum(extra.values())} rows read that the reference lacks"]
    lines += [f"  missing {row}" for row in sorted(missing, key=str)[:SHOWN]]
    lines += [f"  extra   {row}" for row in sorted(extra, key=str)[:SHOWN]]
    return "\n".join(lines)


def test_reference_is_not_trivial(families):
    _folder, db, composed = families
    plain = composed[traits.REFERENCE].file_name
    assert sum(_rows(db, LINE_SQL, plain).values()) > 150
    assert sum(_rows(db, NARRATIVE_SQL, plain).values()) >= 20
    pages = [len(pdfplumber.open(_path(families, name)).pages) for name in NAMES]
    assert all(10 <= n <= 20 for n in pages), pages


@pytest.mark.parametrize("name", NAMES)
def test_trait_is_printed(families, name):
    """Each PDF really shows its trait (else a passing read would prove nothing)."""
    problem = TRAIT_CHECKS.get(name, lambda *_: "")(families, name)
    assert not problem, f"{name}: {problem}"


def _without_zeros(rows: Counter) -> Counter:
    """A lone ``-`` is "not applicable" (docs/DOMAIN.md, 'Cell values'), not a zero: where the reference prints 0.00 the
    dash trait prints ``-``, which yields no budget line and no number cell."""
    return Counter({row: n for row, n in rows.items() if row[-1] != 0})


def _without_empty_tables(rows: Counter) -> Counter:
    """A table whose every figure is zero, printed blank, prints no figure: it is present and empty
    and yields no budget line (docs/CONTRACT.md, 'fct_budget_line keys'), while its blank cells stay in raw."""
    printed = {row[0] for row, _ in rows.items() if row[-1] != 0}
    return Counter({row: n for row, n in rows.items() if row[0] in printed})


# What each trait must read, from what the plain reference reads: the same, unless a trait prints
# the same content in a way the contract reads differently.
EXPECTED_LINES = {"zero_dash": _without_zeros, "zero_blank": _without_empty_tables}
EXPECTED_CELLS = {"zero_dash": _without_zeros}


# Names without codes (code_indent) are not resolved to codes: the project holds no complete
# 功能分类 list to look a 款 / 项 name up in. Such rows are reported instead (test below).
@pytest.mark.parametrize("name", [n for n in NAMES if n not in (traits.REFERENCE, "code_indent")])
def test_trait_reads_like_the_reference(families, name):
    _folder, db, composed = families
    plain, this = composed[traits.REFERENCE].file_name, composed[name].file_name
    same = lambda rows: rows  # noqa: E731
    problems = [
        _difference(name, "marts.fct_budget_line rows (table, code, line item, measure, amount)",
                    _rows(db, LINE_SQL, this), EXPECTED_LINES.get(name, same)(_rows(db, LINE_SQL, plain))),
        _difference(name, "raw.table_cells (table, code, line item, measure, side, section, amount)",
                    _rows(db, CELL_SQL, this), EXPECTED_CELLS.get(name, same)(_rows(db, CELL_SQL, plain))),
        _difference(name, "raw.narrative_figures (topic, code, stated_wan, stated_rate)",
                    _rows(db, NARRATIVE_SQL, this), _rows(db, NARRATIVE_SQL, plain)),
    ]
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)


def test_names_without_codes_are_resolved_or_reported(families):
    """code_indent prints 类 / 款 / 项 as indented names only. A row whose name the reference
    classification holds under its parent row gets that code; every other row keeps its figures in
    raw and is an extraction.row_without_key finding; no row gets a wrong code."""
    _folder, db, composed = families
    plain, this = composed[traits.REFERENCE].file_name, composed["code_indent"].file_name
    want, got = _rows(db, LINE_SQL, plain), _rows(db, LINE_SQL, this)
    missing = want - got
    assert not got - want
    resolved = [row for row in got.elements() if row[1] and len(row[1]) in (5, 7)]
    assert len(resolved) >= 100  # 款 / 项 rows resolved by name under their parent
    comp = composed["code_indent"]
    for row in missing:  # only rows the reference classification cannot place
        assert row[1] and len(row[1]) in (5, 7) and not _in_reference(comp, row[0], row[1]), row
    unresolved = {(row[0], row[1]) for row in missing}
    findings = query(db, """SELECT e.table_name, e.page_number, e.details FROM audit.audit_identity_checks_extraction e
                            JOIN marts.dim_document d USING (document_id)
                            WHERE d.source_file = ? AND e.check_name = 'extraction.row_without_key' AND e.is_failed""", [this])
    assert len(findings) == len(unresolved)
    names = {name for table, code in unresolved for name in [_printed_name(composed["code_indent"], table, code)]}
    assert {re.search(r'"(.+?)"', details).group(1) for _, _, details in findings} == names


def _in_reference(comp, table: str, code: str) -> bool:
    """The code and every parent of it printed in the table are named so in seeds/ref_function_subjects.csv."""
    from ingestion.read.nametree import _children, name_key

    model = next(m for m in comp.tables if m.canonical == table)
    printed = {f.code for f in model.figures}
    chain = [c for c in (code[:3], code[:5], code) if c in printed and len(c) <= len(code)]
    return all(_children().get(c[:-2] if len(c) > 3 else "", {}).get(name_key(_printed_name(comp, table, c))) == c
               for c in dict.fromkeys(chain))


def _printed_name(comp, table: str, code: str) -> str:
    model = next(m for m in comp.tables if m.canonical == table)
    return next(f.label for f in model.figures if f.code == code)


def test_every_dash_is_read_as_not_applicable(families):
    """Where the reference prints 0.00 the dash trait prints ``-``: each is kept as a not-applicable cell."""
    _folder, db, composed = families
    zeros = query(db, "SELECT count(*) FROM raw.table_cells c JOIN raw.documents d USING (document_id) "
                      "WHERE d.source_file = ? AND c.status = 'number' AND c.value = 0", [composed[traits.REFERENCE].file_name])
    dashes = query(db, "SELECT count(*) FROM raw.table_cells c JOIN raw.documents d USING (document_id) "
                       "WHERE d.source_file = ? AND c.status = 'not_applicable'", [composed["zero_dash"].file_name])
    assert zeros == dashes and zeros[0][0] > 100


# --------------------------------------------------------------------------- the traits as printed

def _path(families, name: str) -> str:
    folder, _db, composed = families
    return str(folder / composed[name].file_name)


def _table_page(families, name: str, canonical: str = "income"):
    """(pdfplumber page, TableModel) of the first page of a table; the caller closes page.pdf."""
    _folder, _db, composed = families
    model = next(m for m in composed[name].tables if m.canonical == canonical)
    pdf = pdfplumber.open(_path(families, name))
    return pdf.pages[model.first_page - 1], model


def _page_text(families, name: str, canonical: str = "income") -> str:
    page, _model = _table_page(families, name, canonical)
    try:
        return page.extract_text() or ""
    finally:
        page.pdf.close()


def _code_form(families, name):
    text = _page_text(families, name)
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    if name == "code_split_repeat" and not any(re.match(r"\d{3} \d{2} \d{2} ", line) for line in lines):
        return "no 类 款 项 row with all three parts"
    if name in ("code_split_new", "header_labels_in_total") and any(re.match(r"\d{3} \d{2} \d{2} ", line) for line in lines):
        return "a 项 row repeats its parents" if name == "code_split_new" else ""
    if name == "code_split_new" and not any(re.match(r"\d{2} [\u4e00-\u9fff]", line) for line in lines):
        return "no row printing only its 项 part"
    if name == "code_name_cell" and not any(re.match(r"\d{7} [\u4e00-\u9fff]", line) for line in lines):
        return "no '2010601 行政运行' cell"
    if name == "code_indent":
        if re.search(r"\b\d{3,7}\b", re.sub(r"[\d,]+\.\d\d", "", text).replace("公开", "")):
            return "codes printed"
        page, _ = _table_page(families, name)
        try:
            lefts = {round(w["x0"]) for w in page.extract_words() if re.match(r"[\u4e00-\u9fff]", w["text"]) and w["x0"] < 150}
        finally:
            page.pdf.close()
        if len(lefts) < 3:
            return f"names start at {sorted(lefts)}: not 3 indent levels"
    if name == "header_labels_in_total" and not any(re.match(r"类 款 项 合计 [\d,]+\.\d\d", line) for line in lines):
        return "no row reading 类 款 项 合计 and figures"
    return ""


def _ruling(families, name):
    page, _model = _table_page(families, name)
    try:
        lines, rects = len(page.lines), len(page.rects)
    finally:
        page.pdf.close()
    if name == "ruling_none" and lines + rects:
        return f"{lines} lines and {rects} rects on the table page"
    if name == "ruling_segments" and (lines <= 200 or rects):
        return f"{lines} line objects (want > 200) and {rects} rects"
    return ""


def _orientation_and_continuation(families, name):
    _folder, _db, composed = families
    comp = composed[name]
    with pdfplumber.open(_path(families, name)) as pdf:
        for model in comp.tables:
            page = pdf.pages[model.first_page - 1]
            if page.width <= page.height:
                return f"{model.canonical} on a portrait page"
        continued = [m for m in comp.tables if m.row_pages and m.row_pages[-1] > m.first_page]
        if not continued:
            return "no table continues over pages"
        model = continued[0]
        second = pdf.pages[model.first_page].extract_text() or ""
    header_word = "行次" if model.canonical.endswith("summary") else "科目"
    if name == "continued_xubiao" and not second.lstrip().startswith("续表"):
        return f"{model.canonical}'s continuation page does not start with 续表"
    if name == "continued_bare" and header_word in second.split("\n")[0]:
        return f"{model.canonical}'s continuation page repeats its header"
    if name == "landscape" and header_word not in second:
        return f"{model.canonical}'s continuation page lacks the repeated header"
    return ""


def _money_and_zeros(families, name):
    text = _page_text(families, name)
    if name.startswith("money_yuan") and "单位：元" not in text.replace(" ", ""):
        return "no 单位：元 line"
    figures = re.findall(r"(?<![\d,.])-?\d[\d,]*(?:\.\d+)?(?![\d,.])", text.split("栏次")[-1])
    if name == "money_yuan" and not all(f.endswith(".00") for f in figures if "," in f):
        return f"figures with cents in 元: {figures[:5]}"
    if name == "money_yuan_whole" and any(re.search(r"\.\d\d$", f) for f in figures):
        return f"decimals printed: {[f for f in figures if '.' in f][:5]}"
    if name == "zero_blank" and "0.00" in text:
        return "0.00 printed"
    if name == "zero_dash" and (" - " not in f" {text} ".replace("\n", " ") or "0.00" in text):
        return "zeros not printed as -"
    return ""


def _columns(families, name):
    text = _page_text(families, name, "income_expenditure_summary" if name == "no_line_numbers" else "income")
    flat = re.sub(r"\s+", "", text)
    if name == "no_line_numbers" and "行次" in flat:
        return "行次 printed"
    if name == "reordered_columns":
        _folder, _db, composed = families
        model = next(m for m in composed[name].tables if m.canonical == "income")
        total_row = sorted((f for f in model.figures if f.row == 0), key=lambda f: f.col)
        printed = next((line.split()[2:] for line in text.splitlines() if line.startswith("合 计")), [])
        if [f.measure for f in total_row][:1] != ["other"] or printed != [f.text for f in total_row]:
            return f"合计 row prints {printed}, measures in order {[f.measure for f in total_row]}"
    if name == "wrapped_headers":
        page, _ = _table_page(families, name)
        try:
            words = [w["text"] for w in page.extract_words()]
        finally:
            page.pdf.close()
        if "本年收入合计" in words or "本年收" not in words:
            return f"本年收入合计 not wrapped: {[w for w in words if '收入' in w][:5]}"
    return ""


def _mixed_fonts(families, name):
    _folder, _db, composed = families
    comp = composed[name]
    narrative_page = comp.narrative.figures[0].page
    with pdfplumber.open(_path(families, name)) as pdf:
        pages = {"narrative": pdf.pages[narrative_page - 1], "table": pdf.pages[comp.tables[1].first_page - 1],
                 "title": pdf.pages[comp.tables[0].first_page - 1]}
        for where, page in pages.items():
            gaps = []
            for digit in (c for c in page.chars if c["text"].isdigit()):
                if "Times" not in digit["fontname"]:
                    return f"{where}: digit {digit['text']!r} in {digit['fontname']}"
                beside = [c for c in page.chars if re.match(r"[\u4e00-\u9fff]", c["text"])
                          and min(abs(c["x0"] - digit["x1"]), abs(digit["x0"] - c["x1"])) < 12
                          and abs(c["top"] - digit["top"]) < 8]
                if beside:
                    gaps.append(min(abs(c["top"] - digit["top"]) for c in beside))
            if not gaps or min(gaps) <= 3:
                return f"{where} page {page.page_number}: digits' top within {min(gaps or [0]):.1f} pt of the Chinese beside them"
    return ""


TRAIT_CHECKS = {
    **{n: _code_form for n in ("code_split_repeat", "code_split_new", "code_name_cell", "code_indent", "header_labels_in_total")},
    "ruling_none": _ruling, "ruling_segments": _ruling,
    **{n: _orientation_and_continuation for n in ("landscape", "continued_bare", "continued_xubiao")},
    **{n: _money_and_zeros for n in ("money_yuan", "money_yuan_whole", "zero_blank", "zero_dash")},
    **{n: _columns for n in ("no_line_numbers", "reordered_columns", "wrapped_headers")},
    "mixed_fonts": _mixed_fonts,
}
