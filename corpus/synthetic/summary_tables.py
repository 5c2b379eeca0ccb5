"""The summary tables: 收入支出决算总表 and 财政拨款收入支出决算总表, in each family's layout."""

from __future__ import annotations

from collections.abc import Sequence

from corpus import classification as cls
from corpus.render import Cell
from corpus.synthetic.families import PORTRAIT_WIDTH, DocContext
from corpus.synthetic.tables import Amt, Builder, TableModel

# --------------------------------------------------------------------------- summary tables

INCOME_LINES = (
    ("general_budget_income", "一般公共预算财政拨款收入", "gb_income"),
    ("government_fund_income", "政府性基金预算财政拨款收入", "gf_income"),
    ("state_capital_income", "国有资本经营预算财政拨款收入", "sc_income"),
    ("superior_subsidy_income", "上级补助收入", "superior"),
    ("business_income", "事业收入", "business"),
    ("operating_income", "经营收入", "operating_income"),
    ("subsidiary_remit_income", "附属单位上缴收入", "subsidiary_remit"),
    ("other_income", "其他收入", "other_income"),
)


def summary_classes(doc: DocContext) -> list[tuple[str, str]]:
    """The 类 lines both summary tables print: 26, or the Shanghai template's 24 in some Shanghai reports."""
    if doc.classes is None:
        short = doc.family.key == "shanghai" and doc.rng.random() < 0.5
        doc.classes = [(code, name) for code, name in cls.SUMMARY_CLASSES if not (short and code in cls.SHANGHAI_OMITS)]
    return doc.classes


def _enum(n: int, text: str) -> str:
    return f"{cls.chinese_numeral(n)}、{text}"


def _summary_header(doc: DocContext, amount_word: str, extra: Sequence[str] = ()) -> tuple[list, str]:
    """收入 | 支出 bands with 项目 (行次) 决算数; ``extra`` adds fund columns on the 支出 side."""
    lines = doc.family.line_numbers
    side = ["项目", "行次", amount_word] if lines else ["项目", amount_word]
    exp_cols = len(side) + len(extra)
    top = [Cell("收入", colspan=len(side))] + [None] * (len(side) - 1)
    top += [Cell("支出", colspan=exp_cols)] + [None] * (exp_cols - 1)
    header = [top, side + side + list(extra)]
    if lines:
        numbers = [str(n) for n in range(2, 2 + 1 + len(extra))]
        header.append(["栏次", "", "1", "栏次", "", *numbers])
    align = ("lcr" if lines else "lr") * 2 + "r" * len(extra)
    return header, align


def summary_table(doc: DocContext) -> TableModel:
    """收入支出决算总表: income lines left, 类 lines right, totals and balances below."""
    led, fam = doc.ledger, doc.family
    header, align = _summary_header(doc, "决算数" if fam.key in ("sichuan", "shanghai") else "金额")
    lines = fam.line_numbers
    widths = [170, 30, 61, 170, 30, 61] if lines else [185, 76, 185, 76]
    b = Builder(doc, "income_expenditure_summary", widths, header, align, font=9)
    amount_cols = (2, 5) if lines else (1, 3)
    b.measure(amount_cols[0], "amount", 0, "income")
    b.measure(amount_cols[1], "amount", 1, "expenditure")
    classes = summary_classes(doc)
    # 行次: income lines, 本年收入合计, 使用…结余, 年初, (a blank or skipped line), 总计; then the 支出 side.
    exp_start = len(classes) + 5 + (1 if fam.key in ("sichuan", "shandong", "shanxi") else 0)
    for n, (code, name) in enumerate(classes):
        keys = {}
        if n < len(INCOME_LINES):
            item, label, measure = INCOME_LINES[n]
            label = _enum(n + 1, label)
            left = [label, str(n + 1), Amt(led.total(measure))] if lines else [label, Amt(led.total(measure))]
            keys[0] = (None, item, label)
        elif lines:
            left = ["", str(n + 1), ""]
        else:
            left = ["", ""]
        label = _enum(n + 1, name)
        right = [label, str(exp_start + n), Amt(led.sum_over(code, "total"))] if lines else [label, Amt(led.sum_over(code, "total"))]
        keys[1] = (code, None, label)
        b.add(left + right, keys)
    _summary_totals(doc, b, len(classes), exp_start)
    notes = ["注：1. 本表反映部门本年度的总收支和年末结转结余情况。", "2. 本套报表金额单位转换时可能存在尾数误差。"]
    if fam.key == "shanghai":
        notes = ["注：本表反映部门本年度的总收支和年末结转结余情况。"]
    return b.build(doc.title_of("income_expenditure_summary"), doc.number_of(1), notes)


def _summary_totals(doc: DocContext, b: Builder, n: int, exp_start: int) -> None:
    led, fam, bal = doc.ledger, doc.family, doc.ledger.balances
    total_income = led.total("income_total")
    total_exp = led.total("total")
    opening = bal["gb_open"] + bal["gf_open"] + bal["sc_open"] + bal["nf_open"]
    closing = bal["gb_close"] + bal["gf_close"] + bal["sc_close"] + bal["nf_close"]
    rows = [
        (("total_income", "本年收入合计", total_income), ("total_expenditure", "本年支出合计", total_exp)),
        (("non_appropriation_balance_used", fam.nab_label, bal["nab_used"]),
         ("balance_distribution", "结余分配", bal["distribution"])),
        (("opening_balance", "年初结转和结余", opening), ("closing_balance", "年末结转和结余", closing)),
    ]
    grand = (("grand_total_income", "总计", total_income + bal["nab_used"] + opening),
             ("grand_total_expenditure", "总计", total_exp + bal["distribution"] + closing))
    line = n + 1
    for k, (inc, exp) in enumerate(rows):
        _summary_pair(doc, b, inc, exp, line + k, exp_start + n + k)
    skip = 1 if fam.key in ("shandong", "shanxi") else 0
    if skip:  # the blank 30 | 61 line of the Shandong and Shanxi templates
        b.add(["", str(line + 3), "", "", str(exp_start + n + 3), ""] if fam.line_numbers else ["", "", "", ""])
    gap = 1 if fam.key == "sichuan" else 0  # Sichuan skips 行次 30 and 61
    _summary_pair(doc, b, grand[0], grand[1], line + 3 + skip + gap, exp_start + n + 3 + skip + gap)


def _summary_pair(doc: DocContext, b: Builder, inc, exp, inc_line: int, exp_line: int) -> None:
    (inc_item, inc_label, inc_value), (exp_item, exp_label, exp_value) = inc, exp
    if doc.family.line_numbers:
        cells = [inc_label, str(inc_line), Amt(inc_value), exp_label, str(exp_line), Amt(exp_value)]
    else:
        cells = [inc_label, Amt(inc_value), exp_label, Amt(exp_value)]
    b.add(cells, {0: (None, inc_item, inc_label), 1: (None, exp_item, exp_label)})


FUND_COLUMNS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
FUND_MEASURES = ("general_budget", "government_fund", "state_capital")


def fiscal_summary_table(doc: DocContext) -> TableModel:
    """财政拨款收入支出决算总表: fund incomes left, 类 × fund right, 年初 / 年末 balances by fund."""
    led, fam = doc.ledger, doc.family
    lines = fam.line_numbers
    header, widths, align = _fiscal_header(doc)
    b = Builder(doc, "fiscal_appropriation_summary", widths, header, align, font=8)
    inc_amount = 2 if lines else 1
    exp_first = 5 if lines else 3
    b.measure(inc_amount, "amount", 0, "income")
    b.measures(exp_first, ("total",) + FUND_MEASURES, 1, "expenditure")
    classes = summary_classes(doc)
    exp_start = len(classes) + 7
    fund_income = (led.total("gb_income"), led.total("gf_income"), led.total("sc_income"))
    for n, (code, name) in enumerate(classes):
        keys = {}
        if n < 3:
            label = _enum(n + 1, FUND_COLUMNS[n])
            left = [label, str(n + 1), Amt(fund_income[n])] if lines else [label, Amt(fund_income[n])]
            keys[0] = (None, INCOME_LINES[n][0], label)
        else:
            left = ["", str(n + 1), ""] if lines else ["", ""]
        label = _enum(n + 1, name)
        spend = [Amt(led.sum_over(code, m)) for m in ("fiscal", "general_budget", "gf_project", "sc_project")]
        right = [label, str(exp_start + n)] if lines else [label]
        keys[1] = (code, None, label)
        b.add(left + right + spend, keys)
    _fiscal_totals(doc, b, len(classes), exp_start, fund_income)
    title = doc.title_of("fiscal_appropriation_summary")
    note = ("注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。"
            if fam.key != "shanghai" else "注：本表反映部门本年度财政拨款总收支和结转结余情况。")
    # Without 行次 columns the table is drawn at Shanghai's landscape widths: a landscape page, not
    # text past the edge of a portrait one (a reader drops what no page shows).
    return b.build(title, doc.number_of(4), [note], landscape=fam.key == "shanghai" or sum(widths) > PORTRAIT_WIDTH)


def _fiscal_header(doc: DocContext) -> tuple[list, list[float], str]:
    fam = doc.family
    if fam.key == "shanghai" or not fam.line_numbers:
        header = [[Cell("收入", colspan=2), None, Cell("支出", colspan=5), None, None, None, None],
                  ["项目", "决算数", "项目", "合计", *FUND_COLUMNS]]
        return header, [200, 80, 200, 72, 72, 72, 72], "lrlrrrr"
    if fam.key == "hubei":
        header = [
            [Cell("收 入", colspan=3), None, None, Cell("支 出", colspan=6), None, None, None, None, None],
            [Cell("项目", rowspan=2), Cell("行次", rowspan=2), Cell("决算数", rowspan=2), Cell("项目", rowspan=2),
             Cell("行次", rowspan=2), Cell("决算数", colspan=4), None, None, None],
            [None, None, None, None, None, "小计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
            ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"],
        ]
        return header, [128, 22, 46, 128, 22, 46, 44, 40, 46], "lcrlcrrrr"
    amount = "金额"
    header = [
        [Cell("收入", colspan=3), None, None, Cell("支出", colspan=6), None, None, None, None, None],
        ["项目", "行次", amount, "项目", "行次", "合计", *FUND_COLUMNS],
        ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"],
    ]
    return header, [128, 22, 46, 128, 22, 46, 44, 43, 44], "lcrlcrrrr"


def _fiscal_totals(doc: DocContext, b: Builder, n: int, exp_start: int, fund_income: tuple[int, int, int]) -> None:
    led, fam, bal = doc.ledger, doc.family, doc.ledger.balances
    lines = fam.line_numbers
    spend = [led.total(m) for m in ("fiscal", "general_budget", "gf_project", "sc_project")]
    opens = (bal["gb_open"], bal["gf_open"], bal["sc_open"])
    closes = (bal["gb_close"], bal["gf_close"], bal["sc_close"])
    open_word, close_word = fam.fiscal_balance_words

    def row(inc_label, inc_item, inc_value, exp_label, exp_item, exp_values, k):
        left = [inc_label, str(n + k)] if lines else [inc_label]
        right = [exp_label, str(exp_start + n + k - 1)] if lines else [exp_label]
        amounts = [Amt(v) for v in exp_values] if exp_values else ["", "", "", ""]
        keys = {0: (None, inc_item, inc_label)}
        if exp_values:
            keys[1] = (None, exp_item, exp_label)
        b.add(left + [Amt(inc_value)] + right + amounts, keys)

    row("本年收入合计", "total_income", sum(fund_income), "本年支出合计", "total_expenditure", spend, 1)
    row(open_word, "opening_balance", sum(opens), close_word, "closing_balance", [sum(closes), *closes], 2)
    for k, (fund_item, value) in enumerate(zip(FUND_MEASURES, opens)):
        label = _enum(k + 1, FUND_COLUMNS[k]) if fam.key == "shanghai" else FUND_COLUMNS[k]
        row(label, f"opening_balance_{fund_item}", value, "", None, None, 3 + k)
    totals = [spend[0] + sum(closes)] + [s + c for s, c in zip(spend[1:], closes)]
    row("总计", "grand_total_income", sum(fund_income) + sum(opens), "总计", "grand_total_expenditure", totals, 6)
