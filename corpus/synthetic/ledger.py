"""One document's ledger in integer hundredths of 万元 (every identity exact by construction); its
绩效自评 projects are drawn by ``projects``."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from corpus import classification as cls
from corpus.synthetic.amounts import split_amount
from corpus.synthetic.population import OPERATION, Unit
from corpus.synthetic.projects import Project, make_projects

# --------------------------------------------------------------------------- ledger

@dataclass
class Item:
    """One 项 line of one document; every figure in hundredths of 万元."""

    code: str
    gb_basic: int = 0
    gb_project: int = 0
    gf_project: int = 0
    sc_project: int = 0
    nf_basic: int = 0
    nf_project: int = 0
    remit: int = 0
    operating: int = 0
    subsidiary: int = 0
    gb_income: int = 0
    gf_income: int = 0
    sc_income: int = 0
    superior: int = 0
    business: int = 0
    operating_income: int = 0
    subsidiary_remit: int = 0
    other_income: int = 0
    gf_open: int = 0
    gf_close: int = 0
    sc_open: int = 0
    sc_close: int = 0

    # expenditure table columns
    @property
    def basic(self) -> int:
        return self.gb_basic + self.nf_basic

    @property
    def project(self) -> int:
        return self.gb_project + self.gf_project + self.sc_project + self.nf_project

    @property
    def total(self) -> int:
        return self.basic + self.project + self.remit + self.operating + self.subsidiary

    @property
    def general_budget(self) -> int:
        return self.gb_basic + self.gb_project

    @property
    def fiscal(self) -> int:
        return self.general_budget + self.gf_project + self.sc_project

    @property
    def fiscal_project(self) -> int:
        return self.gb_project + self.gf_project + self.sc_project

    @property
    def zero(self) -> int:
        return 0

    @property
    def fiscal_income(self) -> int:
        return self.gb_income + self.gf_income + self.sc_income

    @property
    def income_total(self) -> int:
        return (self.fiscal_income + self.superior + self.business + self.operating_income
                + self.subsidiary_remit + self.other_income)


@dataclass
class Ledger:
    """All figures of one document."""

    unit: Unit
    year: int
    items: dict[str, Item]
    economic: dict[str, int]  # 5-digit economic 款 -> 一般公共预算 basic expenditure
    three_budget: dict[str, int]  # overseas, vehicle_purchase, vehicle_operation, reception
    three_actual: dict[str, int]
    balances: dict[str, int]  # gb/gf/sc/nf _open/_close, nab_used, distribution
    procurement: dict[str, int]  # goods, works, services
    running_cost: int
    vehicles: int
    gb_budget: int  # 一般公共预算 年初预算 (narrative completion rate)
    projects: list[Project] = field(default_factory=list)
    money_unit: str = "万元"

    def sorted_items(self) -> list[Item]:
        return [self.items[c] for c in sorted(self.items)]

    def total(self, measure: str, prefix: str = "") -> int:
        return sum(getattr(i, measure) for i in self.items.values() if i.code.startswith(prefix))

    def codes(self, keep=None) -> list[str]:
        """7-, 5- and 3-digit codes of the items ``keep`` accepts, in table order."""
        items = [i for i in self.items.values() if keep is None or keep(i)]
        codes = {i.code for i in items} | {i.code[:5] for i in items} | {i.code[:3] for i in items}
        return sorted(codes)

    def sum_over(self, code: str, measure: str, keep=None) -> int:
        return sum(getattr(i, measure) for i in self.items.values() if i.code.startswith(code) and (keep is None or keep(i)))

    @property
    def personnel(self) -> int:
        return sum(v for k, v in self.economic.items() if k[:3] in cls.PERSONNEL_CLASSES)

    @property
    def public(self) -> int:
        return sum(v for k, v in self.economic.items() if k[:3] not in cls.PERSONNEL_CLASSES)

    def three_total(self, phase: str) -> int:
        return sum((self.three_budget if phase == "budget" else self.three_actual).values())


def _wan(rng: random.Random, low: float, high: float) -> int:
    """A log-uniform amount in [low, high] 万元, in hundredths."""
    return round(math.exp(rng.uniform(math.log(low), math.log(high))) * 100)


class _Draft:
    """A ledger being drawn: the random source, the 项 lines and the economic 款."""

    def __init__(self, unit: Unit, year: int, seed: int):
        self.unit, self.year = unit, year
        self.rng = random.Random(f"ledger:{seed}:{unit.index}:{year}")
        self.items: dict[str, Item] = {}
        self.economic: dict[str, int] = {}
        self.charged_personnel = 0  # 301/303 amounts already charged to a personnel 项

    def item(self, code: str) -> Item:
        return self.items.setdefault(code, Item(code))

    def charge_personnel(self, item_code: str, economic_code: str, amount: int) -> None:
        self.economic[economic_code] = self.economic.get(economic_code, 0) + amount
        self.item(item_code).gb_basic += amount
        self.charged_personnel += amount

    def largest(self, measure: str) -> Item | None:
        candidates = [i for i in self.items.values() if getattr(i, measure) > 0]
        return max(candidates, key=lambda i: (getattr(i, measure), i.code)) if candidates else None


def make_ledger(unit: Unit, year: int, seed: int) -> Ledger:
    """Draw one year of figures for ``unit``; deterministic in (seed, unit, year)."""
    draft = _Draft(unit, year, seed)
    rng = draft.rng
    scale = (1.0 + 0.04 * (year - 2020) + rng.uniform(-0.08, 0.08)) * unit.headcount * rng.uniform(0.92, 1.08)
    _personnel(draft, scale)
    three_budget, three_actual = _three_public(rng)
    operation = _operation_items(rng, unit)
    _public(draft, scale, three_actual)
    _basic_to_operation(draft, operation)
    _projects(draft, scale, operation)
    _non_fiscal(draft, operation)
    balances = _balances(draft)
    _fiscal_income(draft, balances)
    _non_fiscal_income(draft, balances)
    gb_total = sum(i.general_budget for i in draft.items.values())
    ledger = Ledger(
        unit=unit, year=year, items=draft.items, economic=draft.economic, three_budget=three_budget,
        three_actual=three_actual, balances=balances, procurement=_procurement(draft),
        running_cost=sum(v for k, v in draft.economic.items() if k[:3] == "302") if unit.agency.administrative else 0,
        vehicles=rng.choice((1, 1, 2, 3)) if three_budget["vehicle_operation"] else 0,
        gb_budget=round(gb_total * rng.uniform(1.0, 1.25)),
        money_unit="元" if unit.family in ("sichuan", "shandong") and rng.random() < 0.06 else "万元",
    )
    ledger.projects = make_projects(rng, unit, year, [(i.code, i.gb_project) for i in ledger.sorted_items()])
    return ledger


def _personnel(d: _Draft, scale: float) -> None:
    """Economic 301/303 款; pension, medical and housing go to their own 项."""
    rng = d.rng
    wage = round(scale * rng.uniform(7.0, 13.0) * 100)
    for code, share, chance in (("30101", 0.22, 1.0), ("30102", 0.30, 0.95), ("30103", 0.06, 0.6),
                                ("30106", 0.02, 0.15), ("30107", 0.32, 0.9), ("30112", 0.012, 0.8),
                                ("30114", 0.01, 0.08), ("30199", 0.05, 0.6), ("30305", 0.01, 0.12),
                                ("30309", 0.004, 0.15), ("30399", 0.01, 0.1)):
        if rng.random() < chance:
            d.economic[code] = round(wage * share * rng.uniform(0.8, 1.2))
    admin = d.unit.agency.administrative
    for code, share, chance in (("2080505", 0.16, 1.0), ("2080506", 0.08, 0.85),
                                ("2101101" if admin else "2101102", 0.08, 1.0), ("2101103", 0.035, 0.6 if admin else 0.0),
                                ("2210201", 0.12, 0.97), ("2080501" if admin else "2080502", 0.05, 0.15)):
        if rng.random() < chance:
            d.charge_personnel(code, cls.PERSONNEL_ITEMS[code], round(wage * share * rng.uniform(0.85, 1.15)))
    if rng.random() < 0.35 and d.economic.get("30112"):  # 其他社会保障缴费 charged to 2089999
        amount = d.economic.pop("30112")
        d.charge_personnel("2089999", "30112", amount)


def _three_public(rng: random.Random) -> tuple[dict[str, int], dict[str, int]]:
    budget = {"overseas": 0, "vehicle_purchase": 0, "vehicle_operation": 0, "reception": 0}
    if rng.random() < 0.8:
        for key, chance, low, high in (("overseas", 0.08, 2, 25), ("vehicle_purchase", 0.06, 12, 30),
                                       ("vehicle_operation", 0.45, 0.8, 15), ("reception", 0.55, 0.3, 6)):
            if rng.random() < chance:
                budget[key] = _wan(rng, low, high)
    actual = {key: 0 if rng.random() < 0.12 else round(amount * rng.uniform(0.35, 1.0)) for key, amount in budget.items()}
    return budget, actual


def _operation_items(rng: random.Random, unit: Unit) -> list[str]:
    """The 行政运行 / 事业运行 项 carrying the unit's basic spending (one or two)."""
    admin_code, service_code = OPERATION.get(unit.agency.section, (None, None))
    first = (admin_code if unit.agency.administrative else service_code) or admin_code or service_code
    codes = [first]
    other = service_code if first == admin_code else admin_code
    if other and rng.random() < 0.3:
        codes.append(other)
    return codes


def _public(d: _Draft, scale: float, three_actual: dict[str, int]) -> None:
    """公用经费 款: 302 (holding the 三公 actuals), sometimes 310."""
    rng = d.rng
    public = {"30212": three_actual["overseas"], "30217": three_actual["reception"],
              "30231": three_actual["vehicle_operation"], "31013": three_actual["vehicle_purchase"]}
    goods = [code for code, _ in cls.ECONOMIC["302"][1] if code not in public]
    chosen = sorted(set(rng.sample(goods, rng.randint(5, 14))) | {"30201"})
    total = round(scale * rng.uniform(0.7, 3.2) * 100)
    for code, part in zip(chosen, split_amount(total, [rng.random() + 0.1 for _ in chosen])):
        public[code] = public.get(code, 0) + part
    if rng.random() < 0.3:
        for code in rng.sample(("31002", "31003", "31007", "31099"), rng.randint(1, 2)):
            public[code] = _wan(rng, 0.5, 20)
    for code, amount in public.items():
        if amount:
            d.economic[code] = amount


def _basic_to_operation(d: _Draft, operation: list[str]) -> None:
    """What the personnel 项 do not carry goes to the 行政运行 / 事业运行 项."""
    personnel = sum(v for k, v in d.economic.items() if k[:3] in cls.PERSONNEL_CLASSES) - d.charged_personnel
    public = sum(v for k, v in d.economic.items() if k[:3] not in cls.PERSONNEL_CLASSES)
    shares = [1.0] if len(operation) == 1 else [0.7, 0.3]
    for code, staff, goods in zip(operation, split_amount(personnel, shares), split_amount(public, shares)):
        d.item(code).gb_basic += staff + goods


def _projects(d: _Draft, scale: float, operation: list[str]) -> None:
    """Project spending: the agency's project 项, now and then 政府性基金 or 国有资本经营 money."""
    rng = d.rng
    if rng.random() < 0.92:
        codes = list(d.unit.agency.projects)
        for code in codes[: rng.randint(1, len(codes))]:
            if code in cls.GOVERNMENT_FUND_ITEMS:
                d.item(code).gf_project += _wan(rng, 20, 3000)
            else:
                d.item(code).gb_project += round(_wan(rng, 0.5, 40) * scale)
    if rng.random() < 0.3:
        d.item(operation[0]).gb_project += _wan(rng, 1, 60)
    if rng.random() < 0.12:
        d.item(rng.choice(("2120899", "2290402", "2120801"))).gf_project += _wan(rng, 30, 12000)
    if rng.random() < 0.03:
        d.item(rng.choice(cls.STATE_CAPITAL_ITEMS)).sc_project += _wan(rng, 10, 800)


def _non_fiscal(d: _Draft, operation: list[str]) -> None:
    """Spending from 事业收入 and other own income (事业单位 mostly)."""
    rng = d.rng
    if not (rng.random() < (0.4 if not d.unit.agency.administrative else 0.06)):
        return
    entry = d.item(operation[0])
    entry.nf_basic += round(max(entry.gb_basic, 100) * rng.uniform(0.05, 0.35))
    if rng.random() < 0.5:
        target = d.largest("gb_project") or entry
        target.nf_project += round(max(target.gb_project, 100) * rng.uniform(0.05, 0.4))
    if rng.random() < 0.1:
        entry.operating += _wan(rng, 1, 80)
    if rng.random() < 0.04:
        entry.remit += _wan(rng, 1, 30)
    if rng.random() < 0.03:
        entry.subsidiary += _wan(rng, 1, 50)


def _nf_spending(i: Item) -> int:
    return i.nf_basic + i.nf_project + i.remit + i.operating + i.subsidiary


def _balances(d: _Draft) -> dict[str, int]:
    """年初 / 年末 结转和结余 by fund, 使用非财政拨款结余 and 结余分配."""
    rng = d.rng
    b = dict.fromkeys(("gb_open", "gb_close", "gf_open", "gf_close", "sc_open", "sc_close", "nf_open", "nf_close",
                       "nab_used", "distribution"), 0)
    for fund, measure in (("gb", "general_budget"), ("gf", "gf_project"), ("sc", "sc_project")):
        anchor = d.largest(measure)
        if anchor is None:
            continue
        base = getattr(anchor, measure)
        if rng.random() < 0.25:
            b[f"{fund}_open"] = round(base * rng.uniform(0.01, 0.4))
        if rng.random() < 0.3:
            b[f"{fund}_close"] = round(base * rng.uniform(0.01, 0.5))
    nf = [i for i in d.items.values() if _nf_spending(i)]
    if nf:
        base = max(_nf_spending(i) for i in nf)
        for key, chance, high in (("nf_open", 0.3, 0.35), ("nf_close", 0.3, 0.5), ("nab_used", 0.15, 0.3),
                                  ("distribution", 0.05, 0.05)):
            if rng.random() < chance:
                b[key] = round(base * rng.uniform(0.01, high))
    return b


def _fiscal_income(d: _Draft, b: dict[str, int]) -> None:
    """财政拨款收入 by 项 = spending + (年末 − 年初) on the fund's largest 项."""
    for i in d.items.values():
        i.gb_income, i.gf_income, i.sc_income = i.general_budget, i.gf_project, i.sc_project
    for fund, measure in (("gb", "general_budget"), ("gf", "gf_project"), ("sc", "sc_project")):
        anchor = d.largest(measure)
        if anchor is None:
            continue
        delta = b[f"{fund}_close"] - b[f"{fund}_open"]
        setattr(anchor, f"{fund}_income", getattr(anchor, f"{fund}_income") + delta)
        if fund != "gb":
            setattr(anchor, f"{fund}_open", b[f"{fund}_open"])
            setattr(anchor, f"{fund}_close", b[f"{fund}_close"])


def _non_fiscal_income(d: _Draft, b: dict[str, int]) -> None:
    """Own income by 项 and source; its balances sit on the 项 spending the most own money."""
    rng = d.rng
    nf = sorted((i for i in d.items.values() if _nf_spending(i)), key=lambda i: (-_nf_spending(i), i.code))
    if not nf:
        return
    weights = {"business": 0.8 if not d.unit.agency.administrative else 0.0, "other_income": rng.uniform(0.1, 0.5),
               "superior": 0.4 if rng.random() < 0.15 else 0.0, "subsidiary_remit": 0.3 if rng.random() < 0.04 else 0.0}
    keys = [k for k, w in weights.items() if w]
    for n, i in enumerate(nf):
        amount = _nf_spending(i)
        if n == 0:
            amount += b["distribution"] + b["nf_close"] - b["nab_used"] - b["nf_open"]
        i.operating_income = min(i.operating, amount)
        for key, part in zip(keys, split_amount(amount - i.operating_income, [weights[k] for k in keys])):
            setattr(i, key, getattr(i, key) + part)


def _procurement(d: _Draft) -> dict[str, int]:
    rng = d.rng
    if rng.random() < 0.25:
        return {"goods": 0, "works": 0, "services": 0}
    project = sum(i.gb_project for i in d.items.values())
    return {"goods": _wan(rng, 0.2, 40) if rng.random() < 0.6 else 0,
            "works": _wan(rng, 5, 200) if rng.random() < 0.08 else 0,
            "services": round(project * rng.uniform(0.05, 0.7))}
