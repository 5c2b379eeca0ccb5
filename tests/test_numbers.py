from decimal import Decimal

import pytest

from ingestion.read.numbers import parse_amount, scale_to_wan


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("1,069.86", Decimal("1069.86")),
        ("2, 156. 82", Decimal("2156.82")),
        ("0.00", Decimal("0.00")),
        ("9746.50", Decimal("9746.50")),
        ("155.0\n99998", Decimal("155.099998")),
        ("-12.30", Decimal("-12.30")),
        ("(5.00)", Decimal("-5.00")),
        ("１，２３４．５０", Decimal("1234.50")),
    ],
)
def test_printed_figures_parse_exactly(printed, value):
    amount = parse_amount(printed)
    assert amount.status == "number"
    assert amount.value == value
    assert amount.text == printed.strip()


@pytest.mark.parametrize("printed", ["", "   ", None])
def test_blank_cells_are_blank_not_zero(printed):
    amount = parse_amount(printed)
    assert (amount.status, amount.value) == ("blank", None)


@pytest.mark.parametrize("printed", ["——", "-", "—", "--"])
def test_dashes_mean_not_applicable(printed):
    assert parse_amount(printed).status == "not_applicable"
    assert parse_amount(printed).value is None


def test_a_note_where_figures_stand_is_not_a_figure():
    assert parse_amount("本表无数据").status == "note"
    assert parse_amount("本表无数据").value is None


@pytest.mark.parametrize("printed", ["## ###", "abc", "1.2.3", "12,34.5", "见附件"])
def test_unparseable_figures_are_errors_never_zero(printed):
    amount = parse_amount(printed)
    assert amount.status == "error"
    assert amount.value is None
    assert printed in amount.reason


def test_yuan_converts_to_wan_exactly():
    assert scale_to_wan(Decimal("1234567.89"), "元") == Decimal("123.456789")
    assert scale_to_wan(Decimal("12.5"), "万元") == Decimal("12.5")
