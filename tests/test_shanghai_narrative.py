"""Every money figure of the 情况说明 of the real Shanghai PDFs, read by eye off the rendered pages
(tests/expected_shanghai_narrative.py), against raw.narrative_figures built by real ingestion."""

from collections import Counter
from decimal import Decimal

import pytest

from ingestion.read.numbers import normalise_text
from tests.conftest import query
from tests.expected_shanghai_narrative import NARRATIVE, NARRATIVE_PAGES, TEMPLATE, THRESHOLDS

# a record that states an amount (a share or completion rate states a percentage)
MONEY_SQL = """
    SELECT n.page_number, n.stated_text, n.stated_wan, n.topic
    FROM raw.narrative_figures n JOIN raw.documents d USING (document_id)
    WHERE d.source_file = ? AND (n.stated_text LIKE '%元' OR n.stated_text LIKE '%万')
"""
UNIT_TO_WAN = {"万元": Decimal(1), "万": Decimal(1), "元": Decimal("0.0001")}


def _expected(source_file: str) -> Counter:
    return Counter((page, printed + unit, Decimal(printed.replace(",", "")) * UNIT_TO_WAN[unit])
                   for page, printed, unit, _ in NARRATIVE[source_file])


@pytest.mark.parametrize("source_file", sorted(NARRATIVE))
def test_every_narrative_figure_read_by_eye(shared_db, source_file):
    recorded = Counter((page, text, wan) for page, text, wan, _ in query(shared_db, MONEY_SQL, [source_file]))
    expected = _expected(source_file)
    # same page, same printed text, exact value, any topic: none missing, none extra
    assert expected - recorded == Counter()
    assert recorded - expected == Counter()


@pytest.mark.parametrize("source_file", sorted(NARRATIVE))
def test_money_figures_per_page_as_read_by_eye(shared_db, source_file):
    recorded = Counter(page for page, *_ in query(shared_db, MONEY_SQL, [source_file]))
    expected = Counter(page for page, *_ in NARRATIVE[source_file])
    assert recorded == expected
    assert set(expected) <= set(NARRATIVE_PAGES[source_file])


def test_counts_read_by_eye():
    from tests.expected_shanghai import PLANNING, SOCIAL_WORK

    assert {f: len(figures) for f, figures in NARRATIVE.items()} == {PLANNING: 82, SOCIAL_WORK: 54, TEMPLATE: 0}


def test_blank_template_states_nothing(shared_db):
    # "XXX 万元" placeholders and the 100 万元 threshold: no figure of any kind
    assert query(shared_db, """SELECT count(*) FROM raw.narrative_figures JOIN raw.documents USING (document_id)
                               WHERE source_file = ?""", [TEMPLATE]) == [(0,)]


@pytest.mark.parametrize("source_file", sorted(THRESHOLDS))
def test_threshold_is_not_a_figure(shared_db, source_file):
    (page, printed, unit), = THRESHOLDS[source_file]
    text = normalise_text(query(shared_db, """SELECT text FROM raw.pages JOIN raw.documents USING (document_id)
                                               WHERE source_file = ? AND page_number = ?""", [source_file, page])[0][0])
    assert f"单价{printed}{unit}(含)以上" in text
    assert query(shared_db, MONEY_SQL + " AND n.page_number = ? AND n.stated_text = ?",
                 [source_file, page, printed + unit]) == []


@pytest.mark.parametrize("source_file", sorted(NARRATIVE))
def test_eye_reading_follows_the_page_text(shared_db, source_file):
    """Each figure read by eye, after the words read before it, in printed order, in the page text
    (a unit printed on the next page is not on this one)."""
    pages = dict(query(shared_db, """SELECT page_number, text FROM raw.pages JOIN raw.documents USING (document_id)
                                     WHERE source_file = ?""", [source_file]))
    at: dict[int, int] = {}
    lost = []
    for page, printed, unit, context in NARRATIVE[source_file]:
        text = normalise_text(pages[page])
        needle = normalise_text(context.split("…")[-1]) + printed
        found = text.find(needle, at.get(page, 0))
        if found < 0:
            lost.append((page, printed, context))
            continue
        at[page] = found + len(needle)
        rest = text[at[page]:]
        if not rest.startswith(unit):
            assert rest == "" and normalise_text(pages[page + 1]).startswith(unit), (page, printed, rest[:10])
    assert lost == []
