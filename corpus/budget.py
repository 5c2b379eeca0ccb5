"""Synthetic budget reports (部门预算 / 单位预算) beside the synthetic 决算: same unit, same year.

The approved ledger is derived from the 决算 ledger of the same unit and year: each 项's
一般公共预算 / 政府性基金 / own-money spending scaled by a seeded per-code factor (0.85–1.15),
in the same integer hundredths of 万元 (so a Shanghai 元 table prints whole hundreds of yuan);
the approved 三公 budget is the 决算's 三公 预算数 (its 年初预算), except where a seeded mismatch
(``Plan.mismatch_rate``) changes one category of the budget report, 合计 and 小计 following so the
budget report stays consistent in itself. A mismatch is the ground truth of the finding
``cross_table.initial_budget_equals_budget_report`` on the 决算: one record per row the finding
names (the category, the 三公 合计 ``total``, and ``vehicle_total`` for a 公务用车 category).

Two families, modelled on the real reports of ../shared/pdfs/budget:
- ``budget_shanghai`` (上海 区 template; the synthetic ``shanghai`` units): landscape, 元 in whole
  yuan, codes split 类 | 款 | 项; 财务收支预算总表, 一般公共预算支出功能分类预算表 and the
  “三公”经费和机关运行经费预算表 in 万元.
- ``budget_jiangsu`` (苏财 template; every other unit): portrait, 万元, one code column; 收支预算总表
  with 收入 | 支出 by 功能分类 | 支出用途, 支出预算总表 printing only its totals row, 一般公共预算支出预算表
  and the “三公”经费、会议费、培训费支出预算表.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from corpus import classification as cls
from corpus.render import Cell
from corpus.synthetic.composition import Composed
from corpus.synthetic.families import PORTRAIT_WIDTH, DocContext, Family
from corpus.synthetic.ledger import Item, Ledger, make_ledger
from corpus.synthetic.narrative import Narrative
from corpus.synthetic.population import Unit
from corpus.synthetic.tables import Amt, Builder, TableModel, money

BUDGET_FAMILY = {
    "budget_shanghai": Family("budget_shanghai", "", False, "split", "功能分类科目编码", False, "", ("", ""), ()),
    "budget_jiangsu": Family("budget_jiangsu", "", False, "single", "功能科目代码", False, "", ("", ""), ()),
}
THREE_CATEGORIES = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")


def budget_family(unit: Unit) -> str:
    return "budget_shanghai" if unit.family == "shanghai" else "budget_jiangsu"


def budget_file_name(unit: Unit, year: int) -> str:
    return f"{unit.family}_{unit.index:05d}_{year}_budget.pdf"


# --------------------------------------------------------------------------- approved ledger

@dataclass
class Approved:
    """The budget report's figures (hundredths of 万元) and the injected mismatch, if any."""

    ledger: Ledger  # items carry the approved amounts; three_budget the approved 三公
    meeting: int
    training: int
    operating_cost: int
    mismatch: dict | None = None  # {"category", "stated", "approved"}


def approved_ledger(unit: Unit, year: int, seed: int, mismatch_rate: float) -> Approved:
    executed = make_ledger(unit, year, seed)
    items: dict[str, Item] = {}
    for code, item in sorted(executed.items.items()):
        factor = random.Random(f"approved:{seed}:{unit.index}:{year}:{code}").uniform(0.85, 1.15)
        scaled = Item(code, gb_basic=round(item.gb_basic * factor), gb_project=round(item.gb_project * factor),
                      gf_project=round(item.gf_project * factor), nf_basic=round(item.nf_basic * factor),
                      nf_project=round(item.nf_project * factor))
        if scaled.total:
            items[code] = scaled
    rng = random.Random(f"budget:{seed}:{unit.index}:{year}")
    three = dict(executed.three_budget)
    mismatch = None
    present = [c for c in THREE_CATEGORIES if three[c]]
    if mismatch_rate and present and random.Random(f"mismatch:{seed}:{unit.index}:{year}").random() < mismatch_rate:
        category = rng.choice(present)
        delta = round(three[category] * rng.uniform(0.05, 0.3)) + rng.randint(50, 500)  # ≥ 0.50 万元
        delta = delta if rng.random() < 0.6 or three[category] <= delta else -delta
        mismatch = {"category": category, "stated": three[category], "approved": three[category] + delta}
        three[category] += delta
    ledger = Ledger(unit=unit, year=year, items=items, economic={}, three_budget=three, three_actual=three,
                    balances={}, procurement={}, running_cost=executed.running_cost, vehicles=0, gb_budget=0,
                    money_unit="元" if unit.family == "shanghai" else "万元")
    meeting = round(sum(three.values()) * rng.uniform(0.2, 1.5)) if rng.random() < 0.7 else 0
    training = round(sum(three.values()) * rng.uniform(0.3, 2.0)) if rng.random() < 0.6 else 0
    operating = round(executed.running_cost * rng.uniform(0.9, 1.1)) if executed.running_cost else 0
    return Approved(ledger, meeting, training, operating, mismatch)


def three_values(approved: Approved) -> dict[str, int]:
    parts = approved.ledger.three_budget
    values = dict(parts)
    values["vehicle_total"] = parts["vehicle_purchase"] + parts["vehicle_operation"]
    values["total"] = sum(parts.values())
    values["meeting"], values["training"] = approved.meeting, approved.training
    values["grand_total"] = values["total"] + approved.meeting + approved.training
    values["operating_cost"] = approved.operating_cost
    return values


def mismatch_rows(mismatch: dict) -> list[str]:
    """The 三公 rows of the 决算 whose 年初预算 then differs from the approved budget."""
    rows = [mismatch["category"], "total"]
    if mismatch["category"].startswith("vehicle_"):
        rows.append("vehicle_total")
    return rows


# --------------------------------------------------------------------------- tables

class _Builder(Builder):
    """A budget table's figures in its own amount unit (元 whole yuan, or 万元 two decimals)."""

    def __init__(self, doc: DocContext, canonical: str, widths, header, align, unit: str, blank_zero: bool = False,
                 font: float = 8.0):
        super().__init__(doc, canonical, widths, header, align, font=font, blank_zero=blank_zero)
        self.unit = unit

    def add(self, cells: list, keys=None) -> None:
        """A row printing one enumerated label and nothing else (三、其他资金 beside no 类) is a
        caption to the extractor (``row_kinds.is_caption_row``): its blank figure is no cell there."""
        from ingestion.read import is_body_row, is_caption_row

        before = len(self.figures)
        super().add(cells, keys)
        texts = [c.text if isinstance(c, Cell) else c for c in self.body[-1] if c is not None]
        if is_caption_row(texts) and not is_body_row(texts):
            del self.figures[before:]

    def text_of(self, amount: Amt) -> str:
        if amount.text is not None:
            return amount.text
        if amount.cents is None or (amount.cents == 0 and self.blank_zero):
            return ""
        if self.unit == "元":
            return f"{amount.cents * 100:,}"
        return "0" if amount.cents == 0 else money(amount.cents)

    def build(self, title: str, number: str = "", notes=(), landscape: bool = False, **kwargs) -> TableModel:
        model = super().build(title, number, notes, landscape=landscape, **kwargs)
        model.money_unit = self.unit
        return model


def _classes(led: Ledger) -> list[tuple[str, str]]:
    present = {code[:3] for code in led.items}
    return [(code, name) for code, name in cls.SUMMARY_CLASSES if code in present]


def _income(led: Ledger) -> dict[str, int]:
    gb = led.total("general_budget")
    gf = led.total("gf_project")
    own = led.total("nf_basic") + led.total("nf_project")
    service = not led.unit.agency.administrative
    return {"gb": gb, "gf": gf, "own": own, "business": own if service else 0, "other": 0 if service else own,
            "total": gb + gf + own}


def _general_budget(item: Item) -> bool:
    return bool(item.gb_basic or item.gb_project)


def _scope_word(doc: DocContext) -> str:
    return "部门" if doc.unit.kind == "部门" else "单位"


def shanghai_summary(doc: DocContext) -> TableModel:
    led = doc.ledger
    inc = _income(led)
    header = [[Cell("本年收入", colspan=2), None, Cell("本年支出", colspan=2), None], ["项目", "预算数", "项目", "预算数"]]
    b = _Builder(doc, "income_expenditure_summary", [200, 140, 240, 140], header, "lrlr", "元", blank_zero=True, font=9)
    b.measure(1, "amount", 0, "income")
    b.measure(3, "amount", 1, "expenditure")
    left = [("fiscal_appropriation_income", "一、财政拨款收入", inc["gb"] + inc["gf"]),
            ("general_budget_income", "1. 一般公共预算资金", inc["gb"]),
            ("government_fund_income", "2. 政府性基金", inc["gf"]),
            ("state_capital_income", "3. 国有资本经营预算", 0),
            ("business_income", "二、事业收入", inc["business"]),
            ("operating_income", "三、事业单位经营收入", 0),
            ("other_income", "四、其他收入", inc["other"])]
    right = [(code, f"{cls.chinese_numeral(n)}、{name}", led.sum_over(code, "total"))
             for n, (code, name) in enumerate(_classes(led), start=1)]
    for n in range(max(len(left), len(right))):
        cells, keys = [], {}
        for group, lines in ((0, left), (1, right)):
            if n < len(lines):
                key, label, value = lines[n]
                cells += [label, Amt(value)]
                keys[group] = (key, None, label) if group == 1 else (None, key, label)
            else:
                cells += ["", ""]
        b.add(cells, keys)
    b.add(["收入总计", Amt(inc["total"]), "支出总计", Amt(led.total("total"))],
          {0: (None, "grand_total_income", "收入总计"), 1: (None, "grand_total_expenditure", "支出总计")})
    prefix = f"{doc.year}年{'部门' if doc.unit.kind == '部门' else '预算单位'}"
    return b.build(f"{prefix}财务收支预算总表", landscape=True)


def shanghai_general_budget(doc: DocContext) -> TableModel:
    led = doc.ledger
    header = [
        [Cell("项目", colspan=4), None, None, None, Cell("一般公共预算支出", colspan=3), None, None],
        [Cell("功能分类科目编码", colspan=3), None, None, Cell("功能分类科目名称", rowspan=2),
         Cell("合计", rowspan=2), Cell("基本支出", rowspan=2), Cell("项目支出", rowspan=2)],
        ["类", "款", "项", None, None, None, None],
    ]
    widths = [30, 30, 30, 290, 110, 110, 110]
    b = _Builder(doc, "general_budget_expenditure", widths, header, "cccl" + "rrr", "元")
    b.measures(4, ["total", "basic", "project"])
    keep = _general_budget
    for code in led.codes(keep):
        name = cls.name_of(code)
        b.add([code[:3], code[3:5], code[5:7], name] + [Amt(led.sum_over(code, f, keep))
                                                        for f in ("general_budget", "gb_basic", "gb_project")],
              {0: (code, None, name)})
    b.add(["", "", "", "合计"] + [Amt(led.sum_over("", f, keep)) for f in ("general_budget", "gb_basic", "gb_project")],
          {0: (None, "grand_total", "合计")})
    prefix = f"{doc.year}年{'部门' if doc.unit.kind == '部门' else '预算单位'}"
    return b.build(f"{prefix}一般公共预算支出功能分类预算表", landscape=True)


def shanghai_three_public(doc: DocContext, approved: Approved) -> TableModel:
    y = doc.year
    header = [
        [Cell(f"{y}年“三公”经费预算数", colspan=6), None, None, None, None, None,
         Cell(f"{y}年机关运行经费预算数", rowspan=3)],
        [Cell("合计", rowspan=2), Cell("因公出国(境)费", rowspan=2), Cell("公务接待费", rowspan=2),
         Cell("公务用车购置及运行费", colspan=3), None, None, None],
        [None, None, None, "小计", "购置费", "运行费", None],
    ]
    b = _Builder(doc, "three_public", [100] * 7, header, "r" * 7, "万元")
    order = ("total", "overseas", "reception", "vehicle_total", "vehicle_purchase", "vehicle_operation", "operating_cost")
    values = three_values(approved)
    for col in range(7):
        b.measure(col, "budget", 0)
    if not any(values[c] for c in order):  # an empty row and a note, as 普陀 prints it
        b.add([""] * 7)
        return b.build(f"{_scope_word(doc)}“三公”经费和机关运行经费预算表",
                       notes=[f"注：本{_scope_word(doc)}{y}年无“三公”经费和机关运行经费预算，故本表为空表。"],
                       landscape=True, empty_note="故本表为空表")
    b.add([Amt(values[c]) for c in order], {0: (None, None, "")})
    for fig in b.figures:
        fig.item = order[fig.col]
    return b.build(f"{_scope_word(doc)}“三公”经费和机关运行经费预算表", landscape=True)


def jiangsu_summary(doc: DocContext) -> TableModel:
    led = doc.ledger
    inc = _income(led)
    header = [
        [Cell("收入", colspan=2), None, Cell("支出", colspan=4), None, None, None],
        [Cell("项目名称", rowspan=2), Cell("金额", rowspan=2), Cell("功能分类", colspan=2), None,
         Cell("支出用途", colspan=2), None],
        [None, None, "功能科目名称", "金额", "项目名称", "金额"],
    ]
    b = _Builder(doc, "income_expenditure_summary", [100, 56, 130, 56, 90, 56], header, "lrlrlr", "万元", blank_zero=True)
    b.measure(1, "amount", 0, "income")
    b.measure(3, "amount", 1, "expenditure")
    b.measure(5, "amount", 2, "expenditure")
    basic = led.total("gb_basic") + led.total("nf_basic")
    project = led.total("gb_project") + led.total("gf_project") + led.total("nf_project")
    left = [("fiscal_appropriation_income", "一、财政拨款", inc["gb"] + inc["gf"]),
            ("general_budget_income", "1.一般公共预算", inc["gb"]),
            ("government_fund_income", "2.政府性基金预算", inc["gf"]),
            ("fiscal_special_account_income", "二、财政专户管理资金", 0),
            ("other_funds_income", "三、其他资金", inc["own"])]
    # the 苏财 template prints every 类 of the year's classification, blank where nothing is budgeted
    middle = [(code, f"{cls.chinese_numeral(n)}、{name}", led.sum_over(code, "total"))
              for n, (code, name) in enumerate(cls.SUMMARY_CLASSES, start=1)]
    right = [("basic_expenditure", "一、基本支出", basic), ("project_expenditure", "二、项目支出", project),
             ("reserve", "三、单位预留机动经费", 0)]
    for n in range(max(len(left), len(middle), len(right))):
        cells, keys = [], {}
        for group, lines in ((0, left), (1, middle), (2, right)):
            if n < len(lines):
                key, label, value = lines[n]
                cells += [label, Amt(value)]
                keys[group] = (key, None, label) if group == 1 else (None, key, label)
            else:
                cells += ["", ""]
        b.add(cells, keys)
    total = led.total("total")
    for (inc_key, inc_label, inc_value), (exp_key, exp_label, exp_value) in (
            (("total_income", "当年收入小计", inc["total"]), ("total_expenditure", "当年支出小计", total)),
            (("prior_year_balance", "上年结转资金", 0), ("carry_forward", "结转下年资金", 0)),
            (("grand_total_income", "收入合计", inc["total"]), ("grand_total_expenditure", "支出合计", total))):
        b.add([inc_label, Amt(inc_value), exp_label, Amt(exp_value), "", ""],
              {0: (None, inc_key, inc_label), 1: (None, exp_key, exp_label)})
    return b.build("收支预算总表")


def jiangsu_expenditure(doc: DocContext) -> TableModel:
    led = doc.ledger
    header = [["合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"]]
    b = _Builder(doc, "expenditure", [90] * 5, header, "rrrrr", "万元", blank_zero=True)
    b.measures(0, ["total", "basic", "project", "reserve", "carry_forward"])
    basic = led.total("gb_basic") + led.total("nf_basic")
    project = led.total("gb_project") + led.total("gf_project") + led.total("nf_project")
    b.add([Amt(led.total("total")), Amt(basic), Amt(project), Amt(0), Amt(0)], {0: (None, "grand_total", "合计")})
    return b.build("支出预算总表")


def jiangsu_general_budget(doc: DocContext) -> TableModel:
    led = doc.ledger
    header = [["功能科目代码", "功能科目名称", "金额"]]
    b = _Builder(doc, "general_budget_expenditure", [90, 270, 100], header, "llr", "万元")
    b.measure(2, "amount")
    keep = _general_budget
    b.add(["合计", "", Amt(led.sum_over("", "general_budget", keep))], {0: (None, "grand_total", "合计")})
    for code in led.codes(keep):
        name = cls.name_of(code)
        b.add([code, name, Amt(led.sum_over(code, "general_budget", keep))], {0: (code, None, name)})
    return b.build("一般公共预算支出预算表")


def jiangsu_three_public(doc: DocContext, approved: Approved) -> TableModel:
    header = [
        [Cell("合计", rowspan=3), Cell("“三公”经费", colspan=6), None, None, None, None, None,
         Cell("会议费", rowspan=3), Cell("培训费", rowspan=3)],
        [None, Cell("小计", rowspan=2), Cell("因公出国（境）费", rowspan=2), Cell("公务用车购置及运行维护费", colspan=3),
         None, None, Cell("公务接待费", rowspan=2), None, None],
        [None, None, None, "小计", "公务用车购置费", "公务用车运行维护费", None, None, None],
    ]
    b = _Builder(doc, "three_public", [PORTRAIT_WIDTH / 9] * 9, header, "r" * 9, "万元", blank_zero=True)
    order = ("grand_total", "total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception",
             "meeting", "training")
    values = three_values(approved)
    for col in range(9):
        b.measure(col, "budget", 0)
    if not any(values[c] for c in order):
        b.add([""] * 9)
        return b.build("“三公”经费、会议费、培训费支出预算表", notes=["说明：本部门无相关收支项目。"],
                       empty_note="本部门无相关收支项目")
    b.add([Amt(values[c]) for c in order], {0: (None, None, "")})
    for fig in b.figures:
        fig.item = order[fig.col]
    return b.build("“三公”经费、会议费、培训费支出预算表")


# --------------------------------------------------------------------------- composition

def compose_budget(unit: Unit, year: int, seed: int, mismatch_rate: float = 0.0) -> tuple[Composed, Approved]:
    """The budget report of ``unit`` for ``year`` (and its approved figures)."""
    approved = approved_ledger(unit, year, seed, mismatch_rate)
    family = BUDGET_FAMILY[budget_family(unit)]
    doc = DocContext(approved.ledger, family, random.Random(f"budget-layout:{seed}:{unit.index}:{year}"),
                     budget_file_name(unit, year))
    if family.key == "budget_shanghai":
        tables = [shanghai_summary(doc), shanghai_general_budget(doc), shanghai_three_public(doc, approved)]
    else:
        tables = [jiangsu_summary(doc), jiangsu_expenditure(doc), jiangsu_general_budget(doc),
                  jiangsu_three_public(doc, approved)]
    kind = _scope_word(doc)
    part = f"第一部分 {year}年{kind}预算表"
    contents = [(part, 0, "part:1")] + [(f"{cls.chinese_numeral(n)}、{t.title}", 1, f"table:{t.canonical}")
                                        for n, t in enumerate(tables, start=1)]
    flow = [("part", part, "part:1"), ("tables",)]
    cover = [(unit.name, 24), (f"{year}年{kind}预算", 24)]
    return Composed(doc, cover, contents, flow, tables, Narrative(), [], kind="budget"), approved


# --------------------------------------------------------------------------- expected budget vs actual

def _mart_measure(table: str, measure: str) -> str:
    """The measure ``marts.fct_budget_vs_actual`` compares a printed figure under."""
    if table == "three_public":
        return "amount"
    if measure == "amount" and table not in ("income_expenditure_summary", "fiscal_appropriation_summary"):
        return "total"
    return measure


def _printed(comp: Composed) -> dict[tuple[str, str, str, str], int]:
    """(side, table, row key, measure) -> first printing in hundredths of 万元 (a blank cell is 0)."""
    out: dict[tuple[str, str, str, str], int] = {}
    for model in comp.tables:
        for fig in sorted(model.figures, key=lambda f: (f.page, f.row, f.col)):
            if fig.text.strip("—-") == "" and fig.text:
                continue  # printed as not applicable: no line
            side = "approved" if comp.kind == "budget" else "executed"
            if comp.kind != "budget" and model.canonical == "three_public" and fig.measure == "budget":
                side = "stated_initial"
            elif comp.kind == "budget" and model.canonical == "three_public" and fig.measure != "budget":
                continue
            key = (side, model.canonical, fig.code or fig.item or "", _mart_measure(model.canonical, fig.measure))
            out.setdefault(key, fig.cents or 0)
    return out


def expected_comparison(final: Composed, budget: Composed) -> dict[tuple[str, str, str], dict[str, int]]:
    """(table, row key, measure) -> {approved, executed[, stated_initial]} for every row both print."""
    sides: dict[tuple[str, str, str], dict[str, int]] = {}
    for comp in (final, budget):
        for (side, table, key, measure), cents in _printed(comp).items():
            sides.setdefault((table, key, measure), {})[side] = cents
    return {k: v for k, v in sides.items() if "approved" in v and "executed" in v}
