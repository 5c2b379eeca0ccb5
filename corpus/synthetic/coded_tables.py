"""The coded tables (功能分类 rows 类 / 款 / 项): income, expenditure, 一般公共预算, 财政拨款明细,
project, 政府性基金 and 国有资本经营 tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corpus import classification as cls
from corpus.render import Cell
from corpus.synthetic.families import LANDSCAPE_WIDTH, PORTRAIT_WIDTH, DocContext, code_mode
from corpus.synthetic.ledger import Ledger
from corpus.synthetic.tables import Amt, Builder, TableModel

# --------------------------------------------------------------------------- coded tables

@dataclass(frozen=True)
class AmountColumn:
    leaf: str  # printed header
    measure: str  # warehouse measure key
    field: str  # Item attribute summed over the row's code
    band: str | None = None  # a header cell spanning several columns above ``leaf``


def _coded_header(doc: DocContext, mode: str, amounts: Sequence[AmountColumn], total_width: float,
                  amount_widths: Sequence[float] | None = None):
    """Header rows, widths and alignment for the key columns of ``mode`` plus the amount columns."""
    code_header = doc.family.code_header
    key_widths = {"split": [22, 22, 22], "split_full": [22, 22, 22], "item": [18, 18, 18],
                  "sichuan_single": [56], "single": [50], "shanghai": [50], "split_new": [22, 22, 22],
                  "code_name": [], "indent": []}[mode]
    n = len(amounts)
    if amount_widths is None:
        amount_widths = [max(38.0, min(64.0, (total_width - sum(key_widths) - 120) / n))] * n
    name_width = total_width - sum(key_widths) - sum(amount_widths)
    widths = key_widths + [name_width] + list(amount_widths)
    key_rows = {"split": 2, "split_full": 2, "item": 3, "sichuan_single": 1, "single": 2, "shanghai": 2, "split_new": 2,
                "code_name": 2, "indent": 2}[mode]
    labels_in_total = doc.layout is not None and doc.layout.labels_in_total and mode in ("split", "split_new")
    if labels_in_total:  # 上海普陀: 类 | 款 | 项 sit in the 合计 row under one 科目编码 band
        key_rows = 1
    amount_rows = _amount_header(amounts, key_rows)
    numbers = [str(i + 1) for i in range(n)]
    if labels_in_total:
        keys, tail = [[Cell(code_header, colspan=3), None, None, "科目名称"]], []
    elif mode in ("split", "split_full", "split_new"):
        keys = [[Cell(code_header, colspan=3), None, None, Cell("科目名称", rowspan=2)], ["类", "款", "项", None]]
        tail = [["", "", "", "栏次", *numbers]]
    elif mode in ("code_name", "indent"):  # one key column: code and name in a cell, or names indented by level
        keys = [[Cell("科目编码及名称" if mode == "code_name" else "科目名称", rowspan=2)], [None]]
        tail = [["栏次", *numbers]]
    elif mode == "item":
        keys = [[Cell("项目", colspan=4), None, None, None],
                [Cell(code_header, colspan=3), None, None, Cell("科目名称", rowspan=2)], ["类", "款", "项", None]]
        tail = [[Cell("栏次", colspan=4), None, None, None, *numbers]]
    elif mode == "sichuan_single":
        keys = [[code_header, "科目名称"]]
        tail = [["类 款 项", "栏次", *numbers]]
    elif mode == "single":
        keys = [[Cell("项目", colspan=2), None], [code_header, "科目名称"]]
        tail = [[Cell("栏次", colspan=2), None, *numbers]]
    else:
        keys = [[Cell("项目", colspan=2), None], ["功能分类\n科目编码", "科目名称"]]
        tail = []
    header = [k + a for k, a in zip(keys, amount_rows)] + tail
    align = {"split": "ccc", "split_full": "lcc", "item": "lcc", "sichuan_single": "l", "single": "l", "shanghai": "l",
             "split_new": "ccc", "code_name": "", "indent": ""}[mode]
    return header, widths, align + "l" + "r" * n


def _amount_header(amounts: Sequence[AmountColumn], rows: int) -> list[list]:
    """Amount header cells over ``rows`` rows: a band on top of its leaves, other leaves full height."""
    out: list[list] = [[] for _ in range(rows)]
    i = 0
    while i < len(amounts):
        column = amounts[i]
        if column.band and rows > 1:
            width = 1
            while i + width < len(amounts) and amounts[i + width].band == column.band:
                width += 1
            out[0] += [Cell(column.band, colspan=width, rowspan=rows - 1)] + [None] * (width - 1)
            for r in range(1, rows - 1):
                out[r] += [None] * width
            out[rows - 1] += [a.leaf for a in amounts[i:i + width]]
            i += width
            continue
        out[0].append(Cell(column.leaf, rowspan=rows) if rows > 1 else column.leaf)
        for r in range(1, rows):
            out[r].append(None)
        i += 1
    return out


INDENT_PER_LEVEL = 10.0  # points: 款 names one step in from 类 names, 项 names two


def _code_cells(mode: str, code: str, name: str, merged: bool, unpadded: bool = False) -> list:
    # corpus.traits' unpadded codes: 款 / 项 cells of a spreadsheet export lose their leading zero (301 | 2)
    part = (lambda p: (p.lstrip("0") or "0") if p else "") if unpadded else (lambda p: p)
    if mode == "split":
        return [code[:3], part(code[3:5]), part(code[5:7]), name]
    if mode == "split_new":  # only the part the row adds: 款 and 项 rows leave their parents blank
        level = (len(code) - 3) // 2
        return ["" if k != level else (part(code[3 + 2 * (k - 1):3 + 2 * k]) if k else code[:3])
                for k in range(3)] + [name]
    if mode == "code_name":
        return [f"{code} {name}"]
    if mode == "indent":
        return [Cell(name, indent=INDENT_PER_LEVEL * ((len(code) - 3) // 2))]
    if mode == "split_full":  # the whole code in one cell over 类 | 款 | 项
        return [Cell(code, colspan=3, align="l"), None, None, name]
    if mode == "item":
        if merged:  # Hubei 03: code and name share one cell across the key columns
            return [Cell(f"{code} {name}", colspan=4, align="l"), None, None, None]
        return [Cell(code, colspan=3, align="l"), None, None, name]
    return [code, name]


def _total_cells(doc: DocContext, mode: str, table_no: int) -> list:
    fam = doc.family.key
    if doc.layout is not None and doc.layout.labels_in_total and mode in ("split", "split_new"):
        return ["类", "款", "项", "合计"]
    if mode in ("split", "split_full", "split_new"):
        return ["", "", "", "合计"]
    if mode in ("code_name", "indent"):
        return ["合计"]
    if mode == "sichuan_single":
        return ["", "合计"]
    if mode == "item":
        if table_no in (2, 3):
            return [Cell("合计", colspan=4, align="c"), None, None, None]
        return ["", "", "", "合计"]
    if mode == "shanghai":
        return [Cell("合计", colspan=2, align="c"), None]
    if fam == "shandong" and table_no == 5:
        return ["", "合计"]
    return ["合 计" if fam == "shandong" and table_no in (2, 3) else "合计", ""]


def coded_table(doc: DocContext, canonical: str, number: int, amounts: Sequence[AmountColumn], keep,
                notes: Sequence[str], empty_note: str = "", landscape: bool = False, total_last: bool = False) -> TableModel:
    """A table keyed by 功能分类 codes: 合计 row and one row per 类 / 款 / 项 (项 only in Hubei)."""
    led = doc.ledger
    mode = code_mode(doc, canonical)
    if doc.layout is not None:  # corpus.traits: reordered or wrapped amount columns
        amounts = doc.layout.amount_columns(amounts)
    width = LANDSCAPE_WIDTH if landscape else PORTRAIT_WIDTH
    spaced_figures = doc.family.key == "hubei" and canonical == "expenditure"
    # Hubei's 支出决算表 squeezes the last columns: headers and any figure there wrap character by character.
    narrow = [60, 40, 58, 16, 16, 26] if spaced_figures else None
    header, widths, align = _coded_header(doc, mode, amounts, width, narrow)
    b = Builder(doc, canonical, widths, header, align, font=8, spaced_figures=spaced_figures)
    first = len(widths) - len(amounts)
    b.measures(first, [a.measure for a in amounts])
    codes = led.codes(keep)
    if mode == "item":
        codes = [c for c in codes if len(c) == 7]
    total_row = (_total_cells(doc, mode, number), [Amt(_column_total(led, a, keep)) for a in amounts])
    unpadded = doc.layout is not None and getattr(doc.layout, "unpadded_codes", False)
    rows = [(_code_cells(mode, code, cls.name_of(code), merged=spaced_figures, unpadded=unpadded),
             [Amt(led.sum_over(code, a.field, keep)) for a in amounts], code)
            for code in codes]
    if not codes:
        return _empty_coded(doc, b, canonical, number, amounts, notes, empty_note, landscape)
    if not total_last:
        b.add(total_row[0] + total_row[1], {0: (None, "grand_total", "合计")})
    for cells, values, code in rows:
        b.add(cells + values, {0: (code, None, cls.name_of(code))})
    if total_last:
        b.add(total_row[0] + total_row[1], {0: (None, "grand_total", "合计")})
    return b.build(doc.title_of(canonical), doc.number_of(number), notes, landscape=landscape)


def _column_total(led: Ledger, column: AmountColumn, keep) -> int:
    return sum(getattr(i, column.field) for i in led.items.values() if keep is None or keep(i))


def _empty_coded(doc: DocContext, b: Builder, canonical: str, number: int, amounts: Sequence[AmountColumn],
                 notes: Sequence[str], empty_note: str, landscape: bool) -> TableModel:
    """A table the unit has nothing to print in, the way each family prints it."""
    fam = doc.family.key
    mode = code_mode(doc, canonical)
    n = len(amounts)
    if fam == "sichuan":  # 类 款 项 | 合 计 | 本表无数据 across the amounts
        keys = {"split": ["", "", "", "合 计"], "split_full": ["", "", "", "合 计"], "sichuan_single": ["类 款 项", "合 计"]}[mode]
        b.add(keys + [Cell("本表无数据", colspan=n, align="c")] + [None] * (n - 1))
        return b.build(doc.title_of(canonical), doc.number_of(number), notes, landscape=landscape, empty_note="本表无数据")
    blank = fam != "shandong"
    b.add(_total_cells(doc, mode, number) + [Amt(None if blank else 0) for _ in amounts], {0: (None, "grand_total", "合计")})
    if fam == "shanghai":
        for _ in range(3):
            b.add(["", ""] + [""] * n)
    note_lines = list(notes) + ([empty_note] if empty_note else [])
    return b.build(doc.title_of(canonical), doc.number_of(number), note_lines, landscape=landscape, empty_note=empty_note)


def _has(*fields: str):
    return lambda i: any(getattr(i, f) for f in fields)


INCOME_COLUMNS = (
    AmountColumn("本年收入合计", "total", "income_total"), AmountColumn("财政拨款收入", "fiscal_appropriation", "fiscal_income"),
    AmountColumn("上级补助收入", "superior_subsidy", "superior"), AmountColumn("事业收入", "business", "business"),
    AmountColumn("经营收入", "operating", "operating_income"), AmountColumn("附属单位上缴收入", "subsidiary_remit", "subsidiary_remit"),
    AmountColumn("其他收入", "other", "other_income"),
)
EXPENDITURE_COLUMNS = (
    AmountColumn("本年支出合计", "total", "total"), AmountColumn("基本支出", "basic", "basic"),
    AmountColumn("项目支出", "project", "project"), AmountColumn("上缴上级支出", "remit_to_superior", "remit"),
    AmountColumn("经营支出", "operating", "operating"), AmountColumn("对附属单位补助支出", "subsidiary_grant", "subsidiary"),
)


def income_table(doc: DocContext, number: int) -> TableModel:
    landscape = doc.family.key == "shanghai"
    return coded_table(doc, "income", number, INCOME_COLUMNS, None, ["注：本表反映部门本年度取得的各项收入情况。"],
                       landscape=landscape)


def expenditure_table(doc: DocContext, number: int) -> TableModel:
    landscape = doc.family.key == "shanghai"
    return coded_table(doc, "expenditure", number, EXPENDITURE_COLUMNS, None, ["注：本表反映部门本年度各项支出情况。"],
                       landscape=landscape)


def general_budget_table(doc: DocContext, number: int, canonical: str = "general_budget_expenditure") -> TableModel:
    fam = doc.family.key
    band = "本年支出" if fam in ("hubei", "shandong", "shanxi") else None
    first = "合计" if fam == "shanghai" else "小计"
    columns = [AmountColumn(first, "total", "general_budget", band), AmountColumn("基本支出", "basic", "gb_basic", band),
               AmountColumn("项目支出", "project", "gb_project", band)]
    total_last = fam == "shanghai" and doc.rng.random() < 0.5
    return coded_table(doc, canonical, number, columns, _has("gb_basic", "gb_project"),
                       ["注：本表反映部门本年度一般公共预算财政拨款支出情况。"], total_last=total_last)


def fiscal_detail_table(doc: DocContext, number: int) -> TableModel:
    """Sichuan 05 财政拨款支出决算明细表: all three funds, 合计 | 基本支出 | 项目支出."""
    columns = [AmountColumn("合计", "total", "fiscal"), AmountColumn("基本支出", "basic", "gb_basic"),
               AmountColumn("项目支出", "project", "fiscal_project")]
    return coded_table(doc, "fiscal_appropriation_detail", number, columns, _has("gb_basic", "gb_project", "gf_project", "sc_project"),
                       ["注：本表反映部门本年度财政拨款实际支出情况。"])


def project_table(doc: DocContext, number: int) -> TableModel:
    """Sichuan 09 一般公共预算财政拨款项目支出决算表."""
    columns = [AmountColumn("项目支出", "project", "gb_project")]
    return coded_table(doc, "general_budget_project_expenditure", number, columns, _has("gb_project"),
                       ["注：本表反映部门本年度一般公共预算财政拨款项目支出情况。"], empty_note="本表无数据")


def no_data_note(doc: DocContext, what: str) -> str:
    fam, who = doc.family.key, ("本部门" if doc.unit.kind == "部门" else "本单位")
    if fam == "hubei":
        return f"{who} {doc.year} 年度无{what}。"
    if fam == "shandong":
        return f"注：{who}没有{what}，故本表无数据。"
    if fam == "shanxi":
        return "说明：本表无数据"
    if fam == "shanghai":
        return f"说明：{doc.unit.name}本年度没有{what}，故本表无数据。"
    return "本表无数据"


def government_fund_table(doc: DocContext, number: int) -> TableModel:
    fam = doc.family.key
    band = "本年支出"
    first = "合计" if fam == "shanghai" else "小计"
    columns = [AmountColumn("年初结转和结余", "opening_balance", "gf_open"), AmountColumn("本年收入", "income", "gf_income"),
               AmountColumn(first, "total", "gf_project", band), AmountColumn("基本支出", "basic", "zero", band),
               AmountColumn("项目支出", "project", "gf_project", band), AmountColumn("年末结转和结余", "closing_balance", "gf_close")]
    note = "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。"
    return coded_table(doc, "government_fund", number, columns, _has("gf_project", "gf_income", "gf_open", "gf_close"), [note],
                       empty_note=no_data_note(doc, "政府性基金预算财政拨款收入支出"), landscape=fam == "shanghai")


def state_capital_table(doc: DocContext, number: int) -> TableModel:
    band = "本年支出"
    columns = [AmountColumn("合计", "total", "sc_project", band), AmountColumn("基本支出", "basic", "zero", band),
               AmountColumn("项目支出", "project", "sc_project", band)]
    note = "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。"
    return coded_table(doc, "state_capital_expenditure", number, columns, _has("sc_project"), [note],
                       empty_note=no_data_note(doc, "国有资本经营预算财政拨款支出"))


def state_capital_income_table(doc: DocContext, number: int) -> TableModel:
    fam = doc.family.key
    if fam == "shanghai":
        spend = [AmountColumn("合计", "total", "sc_project", "本年支出"), AmountColumn("基本支出", "basic", "zero", "本年支出"),
                 AmountColumn("项目支出", "project", "sc_project", "本年支出")]
    else:
        spend = [AmountColumn("本年支出", "total", "sc_project")]
    columns = [AmountColumn("年初结转和结余", "opening_balance", "sc_open"), AmountColumn("本年收入", "income", "sc_income"),
               *spend, AmountColumn("年末结转和结余", "closing_balance", "sc_close")]
    note = "注：本表反映部门本年度国有资本经营预算财政拨款收入、支出及结转和结余情况。"
    return coded_table(doc, "state_capital_income_expenditure", number, columns, _has("sc_project", "sc_income"), [note],
                       empty_note=no_data_note(doc, "国有资本经营预算财政拨款收入和支出"), landscape=fam == "shanghai")
