"""The self-check: every identity recomputed from the printed figures (identity_violations), and the
table each narrative figure comes from."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from corpus import classification as cls
from corpus.synthetic.composition import Composed
from corpus.synthetic.summary_tables import FUND_MEASURES, INCOME_LINES
from corpus.synthetic.truth import same_name

# --------------------------------------------------------------------------- self-check of the identities

class Printed(int):
    """A printed figure in hundredths of 万元, with ``half``: half a unit of its last printed digit in 万元
    (what honest rounding may hide in it; 0 for a blank cell). A sum of them is a plain int."""

    half: Decimal

    def __new__(cls, cents: int, half: Decimal = Decimal(0)) -> Printed:
        figure = super().__new__(cls, cents)
        figure.half = half
        return figure


def half_unit(text: str, unit: str = "万元") -> Decimal:
    """Half a unit of the last digit of the figure ``text`` prints, in 万元: 0.005 for ``1,069.86``, 0.05 for
    Shandong's ``308.6``, 0.0000005 万元 for ``10,698,600.00`` 元 (the warehouse's macros/half_unit_of_last_digit.sql and its siblings)."""
    match = re.search(r"\d(?:\.(\d+))?\D*$", re.sub(r"\s", "", text or ""))
    if not match:
        return Decimal(0)
    half = Decimal(5).scaleb(-(len(match.group(1) or "") + 1))
    return half / 10000 if unit == "元" else half


def printed_values(comp: Composed) -> dict[tuple[str, str, str], Printed]:
    """(table, code or line item, measure) -> the printed figure (a blank cell is an exact 0)."""
    values: dict[tuple[str, str, str], Printed] = {}
    for model in comp.tables:
        for fig in model.figures:
            key = (model.canonical, fig.code or fig.item or "", fig.measure)
            if fig.text != "——":
                before = values.get(key, Printed(0))
                values[key] = Printed(before + (fig.cents or 0), before.half + half_unit(fig.text, model.money_unit))
    return values


def identity_violations(comp: Composed, beyond_rounding: bool = False) -> list[str]:
    """Every identity of docs/DOMAIN.md ('Identities'), recomputed from the printed figures; a clean document returns [].

    With ``beyond_rounding`` an identity counts as broken only when it misses by more than its exact
    rounding bound: Σ half a unit of the last printed digit over the figures it involves."""
    v = printed_values(comp)
    bad: list[str] = []

    def expect(label: str, left: int, right: int | list[int], checked: bool = True) -> None:
        # ``checked=False``: an identity the warehouse does not check cannot make an error detectable
        if beyond_rounding and not checked:
            return
        parts = right if isinstance(right, list) else [right]
        total = sum(parts)
        bound = sum((getattr(figure, "half", Decimal(0)) for figure in [left, *parts]), Decimal(0))
        if Decimal(abs(left - total)).scaleb(-2) > (bound if beyond_rounding else 0):
            bad.append(f"{label}: {left / 100:.2f} != {total / 100:.2f}")

    def get(table: str, key: str, measure: str) -> Printed:
        return v.get((table, key, measure), Printed(0))

    _summary_identities(v, get, expect)
    for table in {k[0] for k in v}:
        _coded_identities(comp, table, v, expect)
    _row_identities(v, get, expect)
    _basic_identities(v, get, expect)
    _cross_identities(comp, v, get, expect)
    _narrative_identities(comp, get, expect)
    bad += _name_differences(comp)
    return bad


def names_by_code(comp: Composed) -> dict[str, dict[str, str]]:
    """code -> {table: the name that table prints for it}."""
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for model in comp.tables:
        for fig in model.figures:
            if fig.code and fig.label:
                names[fig.code].setdefault(model.canonical, fig.label)
    return names


def _name_differences(comp: Composed) -> list[str]:
    """A code named differently in two tables of the document (the warehouse's subject_name_consistent)."""
    out = []
    for code, by_table in sorted(names_by_code(comp).items()):
        labels = sorted(set(by_table.values()))
        if any(not same_name(a, b) for a in labels for b in labels):
            out.append(f"{code} named {' / '.join(labels)}")
    return out


def _summary_identities(v, get, expect) -> None:
    s = "income_expenditure_summary"
    incomes = [get(s, item, "amount") for item, _, _ in INCOME_LINES]
    classes = [val for (t, key, m), val in v.items() if t == s and key.isdigit()]
    expect("本年收入合计 = Σ income lines", get(s, "total_income", "amount"), incomes)
    expect("本年支出合计 = Σ 类", get(s, "total_expenditure", "amount"), classes)
    expect("总计(收)", get(s, "grand_total_income", "amount"), [get(s, "total_income", "amount"),
           get(s, "non_appropriation_balance_used", "amount"), get(s, "opening_balance", "amount")])
    expect("总计(支)", get(s, "grand_total_expenditure", "amount"), [get(s, "total_expenditure", "amount"),
           get(s, "balance_distribution", "amount"), get(s, "closing_balance", "amount")])
    expect("总计(收) = 总计(支)", get(s, "grand_total_income", "amount"), get(s, "grand_total_expenditure", "amount"))
    f = "fiscal_appropriation_summary"
    funds = [("general_budget", "general_budget_income"), ("government_fund", "government_fund_income"),
             ("state_capital", "state_capital_income")]
    expect("财政拨款 本年收入合计", get(f, "total_income", "amount"), [get(f, item, "amount") for _, item in funds])
    expect("财政拨款 年初", get(f, "opening_balance", "amount"), [get(f, f"opening_balance_{m}", "amount") for m, _ in funds])
    expect("财政拨款 总计(收)", get(f, "grand_total_income", "amount"), [get(f, "total_income", "amount"), get(f, "opening_balance", "amount")])
    for measure in ("total", *FUND_MEASURES):
        classes_f = [val for (t, key, m), val in v.items() if t == f and m == measure and key.isdigit()]
        expect(f"财政拨款 本年支出 {measure} = Σ 类", get(f, "total_expenditure", measure), classes_f)
        expect(f"财政拨款 总计(支) {measure}", get(f, "grand_total_expenditure", measure),
               [get(f, "total_expenditure", measure), get(f, "closing_balance", measure)])
    expect("财政拨款 总计(收) = 总计(支)", get(f, "grand_total_income", "amount"), get(f, "grand_total_expenditure", "total"))


def _coded_identities(comp: Composed, table: str, v, expect) -> None:
    """类 = Σ 款 = Σ 项 and 合计 = Σ 类 (Σ 项 where only 项 are printed), per measure."""
    if table in ("income_expenditure_summary", "fiscal_appropriation_summary", "three_public", "disclosure_statistics"):
        return
    measures = {m for (t, _k, m) in v if t == table}
    for measure in measures:
        codes = {k: val for (t, k, m), val in v.items() if t == table and m == measure and k.isdigit()}
        for code, val in codes.items():
            children = [c for c in codes if len(c) == len(code) + 2 and c.startswith(code)]
            if len(code) in (3, 5) and children and not (table == "general_budget_basic_expenditure"):
                expect(f"{table} {code} {measure} = Σ children", val, [codes[c] for c in children])
        if table == "general_budget_basic_expenditure":
            for code, val in codes.items():
                children = [c for c in codes if len(c) == 5 and c.startswith(code)]
                if len(code) == 3:
                    expect(f"basic {code} = Σ 款", val, [codes[c] for c in children])
            continue
        level = 7 if comp.doc.family.key == "hubei" else 3
        top = [val for k, val in codes.items() if len(k) == level]
        if (table, "grand_total", measure) in v:
            expect(f"{table} 合计 {measure} = Σ", v[(table, "grand_total", measure)], top)


def _row_identities(v, get, expect) -> None:
    rows: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for (t, k, m), val in v.items():
        rows[(t, k)][m] = val
    for (table, key), r in rows.items():
        if table == "income":
            expect(f"income {key} total = Σ sources", r.get("total", 0), [r.get(m, 0) for m in (
                "fiscal_appropriation", "superior_subsidy", "business", "operating", "subsidiary_remit", "other")])
        elif table == "expenditure":
            expect(f"expenditure {key} total", r.get("total", 0), [r.get(m, 0) for m in (
                "basic", "project", "remit_to_superior", "operating", "subsidiary_grant")])
        elif table in ("general_budget_expenditure", "general_budget_expenditure_detail", "fiscal_appropriation_detail",
                       "state_capital_expenditure"):
            # the warehouse's row identities leave the 财政拨款支出决算明细表 out
            expect(f"{table} {key} 小计 = 基本 + 项目", r.get("total", 0), [r.get("basic", 0), r.get("project", 0)],
                   checked=table != "fiscal_appropriation_detail")
        elif table == "government_fund":
            expect(f"gf {key} 小计", r.get("total", 0), [r.get("basic", 0), r.get("project", 0)])
            expect(f"gf {key} balance", r.get("opening_balance", 0) + r.get("income", 0),
                   [r.get("total", 0), r.get("closing_balance", 0)], checked=False)
        elif table == "fiscal_appropriation_summary" and "general_budget" in r:
            expect(f"财政拨款总表 {key} 合计", r.get("total", 0), [r.get(m, 0) for m in FUND_MEASURES])
    for phase in ("budget", "actual"):
        t = {k: val for (tab, k, m), val in v.items() if tab == "three_public" and m == phase}
        if t:
            expect(f"三公 {phase} 合计", t["total"], [t["overseas"], t["vehicle_total"], t["reception"]])
            expect(f"三公 {phase} 公务用车", t["vehicle_total"], [t["vehicle_purchase"], t["vehicle_operation"]])


def _basic_identities(v, get, expect) -> None:
    b = "general_budget_basic_expenditure"
    if not any(k[0] == b for k in v):
        return
    expect("人员经费 = 301 + 303", get(b, "personnel_total", "amount"), [get(b, "301", "amount"), get(b, "303", "amount")])
    public = [get(b, c, "amount") for c in cls.PUBLIC_CLASSES]
    expect("公用经费 = the other 类", get(b, "public_total", "amount"), public)
    if any(k[0] == "general_budget_expenditure" for k in v):
        expect("人员 + 公用 = 一般公共预算 基本支出", get("general_budget_expenditure", "grand_total", "basic"),
               [get(b, "personnel_total", "amount"), get(b, "public_total", "amount")])


def _cross_identities(comp: Composed, v, get, expect) -> None:
    s, f = "income_expenditure_summary", "fiscal_appropriation_summary"
    tables = {k[0] for k in v}
    if {s, "expenditure"} <= tables and comp.doc.family.key != "hubei":
        for code, _ in cls.SUMMARY_CLASSES:
            if (s, code, "amount") in v:
                expect(f"summary {code} = 支出决算表", get(s, code, "amount"), get("expenditure", code, "total"))
    if f not in tables:
        return
    if "general_budget_expenditure" in tables:
        expect("财政拨款总表 一般公共预算 = 一般公共预算支出表", get(f, "total_expenditure", "general_budget"),
               get("general_budget_expenditure", "grand_total", "total"))
    if "government_fund" in tables:
        expect("财政拨款总表 政府性基金 = 政府性基金表", get(f, "total_expenditure", "government_fund"),
               get("government_fund", "grand_total", "total"))
    for item in ("general_budget_income", "government_fund_income", "state_capital_income"):
        expect(f"财政拨款总表 {item} = summary", get(f, item, "amount"), get(s, item, "amount"))


def narrative_sources(topic: str) -> list[tuple[str, str, str]]:
    """The table figures a narrative topic restates, in order of preference."""
    s, f, e = "income_expenditure_summary", "fiscal_appropriation_summary", "expenditure"
    fixed = {
        "grand_total": [(s, "grand_total_income", "amount")], "total_income": [(s, "total_income", "amount")],
        "total_expenditure": [(s, "total_expenditure", "amount")], "fiscal_grand_total": [(f, "grand_total_income", "amount")],
        "general_budget_expenditure": [("general_budget_expenditure", "grand_total", "total"), (f, "total_expenditure", "general_budget")],
        "general_budget_basic": [("general_budget_expenditure", "grand_total", "basic")],
        "personnel_total": [("general_budget_basic_expenditure", "personnel_total", "amount")],
        "public_total": [("general_budget_basic_expenditure", "public_total", "amount")],
        "three_public_budget": [("three_public", "total", "budget")], "three_public_actual": [("three_public", "total", "actual")],
        "three_public_overseas_actual": [("three_public", "overseas", "actual")],
        "three_public_vehicle_actual": [("three_public", "vehicle_total", "actual")],
        "three_public_reception_actual": [("three_public", "reception", "actual")],
        "government_fund_income": [("government_fund", "grand_total", "income"), (f, "government_fund_income", "amount")],
        "government_fund_expenditure": [("government_fund", "grand_total", "total"), (f, "total_expenditure", "government_fund")],
        "state_capital_expenditure": [("state_capital_expenditure", "grand_total", "total"),
                                      ("state_capital_income_expenditure", "grand_total", "total")],
        "running_cost": [("disclosure_statistics", "running_cost_administrative", "amount")],
        "procurement_total": [("disclosure_statistics", "procurement_total", "amount")],
        "procurement_goods": [("disclosure_statistics", "procurement_goods", "amount")],
        "procurement_works": [("disclosure_statistics", "procurement_works", "amount")],
        "procurement_services": [("disclosure_statistics", "procurement_services", "amount")],
    }
    if topic in fixed:
        return fixed[topic]
    if topic in ("basic", "project", "remit_to_superior", "operating", "subsidiary_grant"):
        return [(e, "grand_total", topic)]
    if topic.startswith("general_budget_class_"):
        return [(f, topic.rsplit("_", 1)[1], "general_budget")]
    if topic in {item for item, _, _ in INCOME_LINES}:
        return [(s, topic, "amount")]
    return []  # 年初预算: stated in the text only


def narrative_source(comp: Composed, topic: str) -> tuple[str, str, str] | None:
    printed = {model.canonical for model in comp.tables}
    return next((src for src in narrative_sources(topic) if src[0] in printed), None)


def _narrative_identities(comp: Composed, get, expect) -> None:
    for fig in comp.narrative.figures:
        source = narrative_source(comp, fig.topic)
        if source:
            expect(f"narrative {fig.topic} = {source}", Printed(fig.cents, half_unit(fig.text)), get(*source))
