"""The 情况说明 reader keeps every money figure: one no topic reads becomes an ``amount_other`` record."""

from decimal import Decimal

import pytest

from ingestion.read.narrative import read_narrative


def _read(*texts: str) -> list[dict]:
    return read_narrative([{"text": text, "page_number": n} for n, text in enumerate(texts, start=20)], 2024)


def _others(figures: list[dict]) -> list[tuple]:
    return [(f["page_number"], f["stated_text"], f["stated_wan"]) for f in figures if f["topic"] == "amount_other"]


@pytest.mark.parametrize(("text", "expected"), [
    # a comparison and a 项's budget and actual: no topic reads them
    ("与 2023 年度相比，收入支出总计增加 1062.85\n万元，增长 12.08%。",
     [(20, "1062.85万元", Decimal("1062.85"))]),
    ("1、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。年初预算为 54.53 万元，支出决算为 54.53 万元。",
     [(20, "54.53万元", Decimal("54.53")), (20, "54.53万元", Decimal("54.53"))]),
    # 元 is converted exactly; 亿元 too; 万 without 元 before a bracket is 万元
    ("合同金额 2,678,940.00 元，人均 594 元，总投资 1.2 亿元。",
     [(20, "2,678,940.00元", Decimal("267.894")), (20, "594元", Decimal("0.0594")), (20, "1.2亿元", Decimal("12000"))]),
    ("国内公务接待支出 0.39 万（含外宾接待支出 0.00 万元）。",
     [(20, "0.39万", Decimal("0.39")), (20, "0.00万元", Decimal("0.00"))]),
    # not money: a threshold, counts, percentages, 万 before a Chinese unit; a range's dash is no minus
    ("单价 100 万元（含）以上设备 0 台（套），共 3 万人次，增长 5%，第 1-3 万元档。",
     [(20, "3万元", Decimal("3"))]),
    ("", []),
    ("XXX 万元，增长（下降）XX%。", []),
])
def test_every_money_figure_is_recorded(text, expected):
    assert _others(_read(text)) == expected


def test_figures_a_topic_reads_are_not_repeated():
    figures = _read("本年支出合计 9759.38 万元，其中：基本支出 5377.64 万元，占 55.10%；项目支出 4381.74 万元，占 44.90%。"
                    "财政拨款收入 9746.50 万元，占 100.00%。")
    assert [(f["topic"], f["stated_text"]) for f in figures if f["stated_text"].endswith("元")] == [
        ("total_expenditure", "9759.38万元"), ("basic_expenditure", "5377.64万元"), ("project_expenditure", "4381.74万元"),
        # a share records the percentage: the amount itself is kept as well
        ("amount_other", "9746.50万元")]


def test_context_is_the_sentence_before_the_figure():
    (other,) = [f for f in _read("主要原因：项目支出增加，较上一度增加 1133.95 万元，主要由于装修。") if f["topic"] == "amount_other"]
    assert other["context"] == "主要原因:项目支出增加,较上一度增加1133.95万元"
    assert other["stated_rate"] is None and other["base_wan"] is None and other["subject_code"] is None


def test_unit_printed_on_the_next_page():
    # "…预算金额 164.87" ends page 20, "万元。" begins page 21: the figure is on page 20
    figures = _read("面向小微企业预留政府采购项目预算金额 164.87", "万元。采购金额 0.00 万元。")
    assert _others(figures) == [(20, "164.87万元", Decimal("164.87")), (21, "0.00万元", Decimal("0.00"))]
    # a page-number footer between them is not part of the figure
    figures = _read("预算金额 164.87\n- 20 -", "万元。")
    assert _others(figures) == [(20, "164.87万元", Decimal("164.87"))]


def test_topic_records_keep_their_order_and_numbers():
    """amount_other records come after every topic record: figure_seq of a topic record is as before."""
    figures = _read("比 2023 年度减少 13.52 万元。机关运行经费支出 142.80 万元。", "人员经费 4896.98 万元。")
    assert [(f["figure_seq"], f["topic"], f["page_number"]) for f in figures] == [
        (1, "operating_cost", 20), (2, "personnel", 21), (3, "amount_other", 20)]
    assert all("at" not in f for f in figures)
