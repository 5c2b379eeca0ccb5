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
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import multiprocessing as mp
import os
import random
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from corpus import classification as cls
from corpus.render import (
    FOOTER_Y,
    LEADING,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAD_X,
    PAD_Y,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Cell,
    Document,
    Table,
    continued_height,
    draw_table,
    table_left,
    wrap,
)
from ingestion.raw import TABLES

FAMILIES = ("sichuan", "hubei", "shandong", "shanxi", "shanghai")
LAST_YEAR_DEFAULT = 2024

# --------------------------------------------------------------------------- units

# Regions per family: province (not printed in unit names), cities and their districts.
REGIONS: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
    "sichuan": ("四川省", {
        "乐山市": ("市中区", "五通桥区", "沙湾区", "金口河区"), "成都市": ("锦江区", "青羊区", "武侯区", "成华区"),
        "绵阳市": ("涪城区", "游仙区", "安州区"), "宜宾市": ("翠屏区", "南溪区", "叙州区"),
        "南充市": ("顺庆区", "高坪区", "嘉陵区"), "自贡市": ("自流井区", "贡井区", "大安区"),
        "德阳市": ("旌阳区", "罗江区"), "泸州市": ("江阳区", "纳溪区", "龙马潭区"),
    }),
    "hubei": ("湖北省", {
        "武汉市": ("江岸区", "江汉区", "硚口区", "汉阳区", "武昌区", "洪山区"), "宜昌市": ("西陵区", "伍家岗区", "夷陵区"),
        "襄阳市": ("襄城区", "樊城区", "襄州区"), "荆州市": ("沙市区", "荆州区"), "黄冈市": ("黄州区",),
        "十堰市": ("茅箭区", "张湾区", "郧阳区"), "孝感市": ("孝南区",),
    }),
    "shandong": ("山东省", {
        "威海市": ("环翠区", "文登区", "荣成市", "乳山市"), "济南市": ("历下区", "市中区", "槐荫区", "天桥区"),
        "青岛市": ("市南区", "市北区", "黄岛区", "崂山区"), "烟台市": ("芝罘区", "福山区", "莱山区"),
        "潍坊市": ("潍城区", "寒亭区", "坊子区", "奎文区"), "临沂市": ("兰山区", "罗庄区", "河东区"),
    }),
    "shanxi": ("山西省", {
        "晋城市": ("城区", "泽州县", "高平市"), "太原市": ("小店区", "迎泽区", "杏花岭区", "万柏林区"),
        "大同市": ("平城区", "云冈区"), "长治市": ("潞州区", "上党区", "屯留区"), "临汾市": ("尧都区",),
        "运城市": ("盐湖区",), "晋中市": ("榆次区", "太谷区"),
    }),
    "shanghai": ("上海市", {
        "上海市": ("普陀区", "静安区", "徐汇区", "长宁区", "杨浦区", "闵行区", "宝山区", "嘉定区", "浦东新区",
                 "虹口区", "黄浦区", "松江区", "青浦区", "奉贤区", "金山区", "崇明区"),
    }),
}


@dataclass(frozen=True)
class Agency:
    """A kind of budget unit: its name and the 款 it spends in."""

    name: str
    section: str  # main 款 (行政运行 / 事业运行 and projects live here)
    projects: tuple[str, ...]  # 项 codes its projects are charged to
    unit_kind: str  # 部门 (a 局/委 with subordinates) or 单位 (a centre)
    administrative: bool
    party: bool = False  # 中共…委… prefix


AGENCIES: tuple[Agency, ...] = (
    Agency("大数据中心", "20103", ("2010399", "2010350"), "单位", False),
    Agency("数据局", "20105", ("2010504", "2010507"), "部门", True),
    Agency("财政局", "20106", ("2010699",), "部门", True),
    Agency("审计局", "20108", ("2010804",), "部门", True),
    Agency("档案馆", "20126", ("2012604",), "单位", False),
    Agency("网信办", "20137", ("2013799",), "部门", True, party=True),
    Agency("市场监督管理局", "20138", ("2013816",), "部门", True),
    Agency("社会工作部", "20139", ("2013999",), "部门", True, party=True),
    Agency("信访局", "20140", ("2014099",), "部门", True),
    Agency("司法局", "20406", ("2040610",), "部门", True),
    Agency("教育局", "20501", ("2050199", "2050803"), "部门", True),
    Agency("科学技术局", "20601", ("2060599",), "部门", True),
    Agency("文化广电旅游局", "20701", ("2070109", "2070808"), "部门", True),
    Agency("人力资源和社会保障局", "20801", ("2080109",), "部门", True),
    Agency("民政局", "20802", ("2080208", "2296002"), "部门", True),
    Agency("卫生健康委员会", "21001", ("2100199", "2100408"), "部门", True),
    Agency("生态环境局", "21101", ("2110301",), "部门", True),
    Agency("城市管理局", "21201", ("2120199",), "部门", True),
    Agency("农业农村局", "21301", ("2130199",), "部门", True),
    Agency("水务局", "21303", ("2130705",), "部门", True),
    Agency("交通运输局", "21401", ("2140106",), "部门", True),
    Agency("经济和信息化局", "21505", ("2150599",), "部门", True),
    Agency("商务局", "21602", ("2011308",), "部门", True),
    Agency("规划和自然资源局", "22001", ("2200199", "2120201"), "部门", True),
    Agency("自然资源调查中心", "22001", ("2200199",), "单位", False),
    Agency("粮食和物资储备局", "22201", ("2220101",), "部门", True),
    Agency("应急管理局", "22401", ("2240106",), "部门", True),
    Agency("政务服务中心", "20103", ("2010399",), "单位", False),
    Agency("社会保险事业管理中心", "20801", ("2080109",), "单位", False),
    Agency("发展和改革委员会", "20104", ("2010499",), "部门", True),
    Agency("统计局", "20105", ("2010507",), "部门", True),
    Agency("机关事务管理局", "20103", ("2010302", "2010399"), "部门", True),
    Agency("人大常委会办公室", "20101", ("2010102",), "部门", True),
    Agency("政协办公室", "20102", ("2010202",), "部门", True),
    Agency("组织部", "20132", ("2013201",), "部门", True, party=True),
    Agency("宣传部", "20133", ("2013301",), "部门", True, party=True),
    Agency("公安局", "20402", ("2040220",), "部门", True),
    Agency("统计调查中心", "20105", ("2010507",), "单位", False),
    Agency("信息中心", "20103", ("2010399",), "单位", False),
    Agency("农业技术推广中心", "21301", ("2130199",), "单位", False),
    Agency("城市管理综合服务中心", "21201", ("2120199",), "单位", False),
)

# The 行政运行 / 事业运行 项 of each 款.
OPERATION = {
    section: ((section + "01") if (section + "01") in cls.ITEMS else None, (section + "50") if (section + "50") in cls.ITEMS else None)
    for section in cls.SECTIONS
}
OPERATION["21301"] = ("2130101", "2130104")


@dataclass(frozen=True)
class Unit:
    index: int
    family: str
    name: str
    region: str
    city: str
    agency: Agency
    parent: str  # 主管部门
    headcount: int
    kind: str  # 部门 / 单位


def make_units(count: int, seed: int) -> list[Unit]:
    """``count`` distinct units, families in turn, names from region + agency."""
    rng = random.Random(f"units:{seed}")
    units: list[Unit] = []
    taken: set[str] = set()
    for index in range(count):
        family = FAMILIES[index % len(FAMILIES)]
        for attempt in range(200):
            unit = _draw_unit(rng, index, family, attempt > 100)
            if unit.name not in taken:
                break
        else:  # pragma: no cover - 200 draws always find a free name
            raise RuntimeError(f"no free unit name for unit {index}")
        taken.add(unit.name)
        units.append(unit)
    return units


def _draw_unit(rng: random.Random, index: int, family: str, numbered: bool) -> Unit:
    _province, cities = REGIONS[family]
    city = rng.choice(sorted(cities))
    agency = rng.choice(AGENCIES)
    district = rng.choice(cities[city]) if family == "shanghai" or rng.random() < 0.45 else ""
    place = city if family != "shanghai" else "上海市"
    region = place + district
    if agency.party:
        base = f"中共{region}委{agency.name}" if agency.name != "网信办" else f"中共{region}委网络安全和信息化委员会办公室"
    else:
        base = region + agency.name
    if numbered:  # a second unit of the same kind in the same place: a branch
        base += f"第{cls.chinese_numeral(index % 9 + 1)}分中心"
    parent = (region + "人民政府") if agency.unit_kind == "部门" else (region + _parent_of(agency))
    headcount = int(math.exp(rng.uniform(math.log(6), math.log(180))))
    return Unit(index, family, base, region, place, agency, parent, headcount, agency.unit_kind)


def _parent_of(agency: Agency) -> str:
    return {"20103": "人民政府办公室", "20801": "人力资源和社会保障局", "22001": "规划和自然资源局",
            "20126": "档案局"}.get(agency.section, "人民政府")


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
class Project:
    """A project and its 绩效自评 sheet figures (amounts in hundredths of 万元)."""

    name: str
    code: str  # the 项 it is charged to
    initial: int
    adjusted: int
    executed: int
    indicators: list[tuple[str, str, str, str, str, str, str, int, float]]  # l1, l2, l3, op, target, unit, actual, weight, score
    budget_score: float
    conclusion: str
    grade: str


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


def _split(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` hundredths by ``weights``; the rounding remainder goes to the largest part."""
    scale = sum(weights) or 1.0
    parts = [int(total * w / scale) for w in weights]
    if parts:
        parts[max(range(len(parts)), key=lambda i: weights[i])] += total - sum(parts)
    return parts


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
    ledger.projects = make_projects(rng, ledger)
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
    for code, part in zip(chosen, _split(total, [rng.random() + 0.1 for _ in chosen])):
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
    for code, staff, goods in zip(operation, _split(personnel, shares), _split(public, shares)):
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
        for key, part in zip(keys, _split(amount - i.operating_income, [weights[k] for k in keys])):
            setattr(i, key, getattr(i, key) + part)


def _procurement(d: _Draft) -> dict[str, int]:
    rng = d.rng
    if rng.random() < 0.25:
        return {"goods": 0, "works": 0, "services": 0}
    project = sum(i.gb_project for i in d.items.values())
    return {"goods": _wan(rng, 0.2, 40) if rng.random() < 0.6 else 0,
            "works": _wan(rng, 5, 200) if rng.random() < 0.08 else 0,
            "services": round(project * rng.uniform(0.05, 0.7))}


# --------------------------------------------------------------------------- projects (绩效自评)

PROJECT_TOPICS = ("信息化建设运维", "政务云资源服务", "网络安全服务", "档案数字化", "专项业务经费", "系统运维服务",
                  "数据治理", "业务培训", "宣传工作经费", "办公用房租赁", "专用设备购置", "监测服务", "热线运营服务",
                  "平台运行维护", "综合管理", "购买服务", "课题研究")

INDICATORS = (  # 一级, 二级, 三级, 性质, 指标值, 度量单位, 完成值
    ("产出指标", "数量指标", "服务器运维数量", "≥", "{n}", "台", "{n}"),
    ("产出指标", "数量指标", "培训次数", "≥", "{k}", "次", "{k}"),
    ("产出指标", "数量指标", "运维人员", "=", "{k}", "人", "{k}"),
    ("产出指标", "数量指标", "巡检报告", "=", "12", "份", "12"),
    ("产出指标", "质量指标", "系统正常运行率", "≥", "95", "%", "{pct}"),
    ("产出指标", "质量指标", "验收合格率", "=", "100", "%", "100"),
    ("产出指标", "时效指标", "故障响应时间", "≤", "2", "小时", "{hours}"),
    ("产出指标", "时效指标", "项目完成时间", "定性", "{year}年12月底前", "", "按时完成"),
    ("成本指标", "经济成本指标", "项目成本控制", "≤", "{budget}", "万元", "{spent}"),
    ("效益指标", "社会效益指标", "保障政务系统稳定运行", "定性", "保障", "", "达成预期指标"),
    ("效益指标", "可持续影响指标", "长效运维机制", "定性", "建立", "", "已建立"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "90", "%", "{sat}"),
)


def make_projects(rng: random.Random, ledger: Ledger) -> list[Project]:
    """One to three projects per project 项; executed amounts add up to the 项's 一般公共预算 项目支出."""
    projects: list[Project] = []
    for entry in ledger.sorted_items():
        if entry.gb_project <= 0:
            continue
        count = 1 if entry.gb_project < 5000 else rng.randint(1, 3)
        for executed in _split(entry.gb_project, [rng.random() + 0.2 for _ in range(count)]):
            if executed > 0 and len(projects) < 12:
                projects.append(_project(rng, ledger, entry.code, executed, len(projects)))
    return projects


def _project(rng: random.Random, ledger: Ledger, code: str, executed: int, n: int) -> Project:
    rate = 1.0 if rng.random() < 0.55 else rng.uniform(0.4, 0.99)
    adjusted = max(executed, round(executed / rate))
    initial = adjusted if rng.random() < 0.6 else round(adjusted * rng.uniform(0.8, 1.2))
    budget_score = round(10 * executed / adjusted, 2)
    rows = sorted(rng.sample(INDICATORS, rng.randint(4, 8)), key=INDICATORS.index)
    weights = _split(90, [rng.randint(1, 4) for _ in rows])
    values = {"n": rng.randint(20, 400), "k": rng.randint(2, 12), "pct": rng.choice(("98", "99.5", "100", "96.7")),
              "hours": rng.choice(("1", "0.5", "2")), "year": str(ledger.year), "budget": _plain(adjusted),
              "spent": _plain(executed), "sat": rng.choice(("95", "96.12", "98", "92"))}
    indicators = []
    for (l1, l2, l3, op, target, unit, actual), weight in zip(rows, weights):
        score = float(weight) if rng.random() < 0.85 else round(weight * rng.uniform(0.5, 0.95), 1)
        indicators.append((l1, l2, l3, op, target.format(**values), unit, actual.format(**values), weight, score))
    total = round(budget_score + sum(row[-1] for row in indicators), 2)
    grade = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
    topic = PROJECT_TOPICS[(n + ledger.unit.index) % len(PROJECT_TOPICS)]
    name = f"{ledger.year}年{topic}项目" if rng.random() < 0.5 else f"{topic}项目"
    return Project(name, code, initial, adjusted, executed, indicators, budget_score,
                   f"项目总体完成年度绩效目标，自评得分{_score(total)}分。", grade)


def _plain(cents: int) -> str:
    """A narrative figure: 2 decimals, no separators (1069.86)."""
    return f"{cents / 100:.2f}"


def _score(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


# --------------------------------------------------------------------------- table model

@dataclass
class Figure:
    """One printed figure cell, keyed the way the warehouse keys it (docs/CONTRACT.md, 'fct_budget_line keys')."""

    row: int  # body row index
    col: int
    group: int
    side: str
    code: str | None
    item: str | None
    label: str
    header: str
    measure: str
    cents: int | None  # printed value in hundredths of 万元; None for a blank or "——" cell
    text: str
    true_cents: int | None = None  # set when an injected error changed the printed value
    page: int = 0


@dataclass
class Amt:
    """An amount placed in a row spec; ``text`` overrides the printed text (——)."""

    cents: int | None
    text: str | None = None


@dataclass
class TableModel:
    canonical: str
    title: str
    number: str  # printed numbering (财决公开01表), '' when the family prints none
    table: Table
    figures: list[Figure]
    header_paths: list[str]
    notes: list[str] = field(default_factory=list)
    landscape: bool = False
    money_unit: str = "万元"
    empty_note: str | None = None
    row_pages: list[int] = field(default_factory=list)  # page of each body row, set when laid out
    first_page: int = 0
    row_index: list[int] = field(default_factory=list)  # raw mode: grid row index of each body row on its page
    row_top: list[float] = field(default_factory=list)
    col_left: list[float] = field(default_factory=list)
    unit_label: str | None = None  # the unit its header line names, when not the report's (corpus.mutations)


def money(cents: int, unit: str = "万元", sep: bool = True) -> str:
    """1069.86 万元 as printed: ``1,069.86`` (``10,698,600.00`` when the table is in 元)."""
    value = cents * 100 if unit == "元" else cents
    sign = "-" if value < 0 else ""
    whole, frac = divmod(abs(value), 100)
    if unit == "元":
        whole, frac = abs(value), 0
    return f"{sign}{whole:,}.{frac:02d}" if sep else f"{sign}{whole}.{frac:02d}"


def spaced(text: str) -> str:
    """Hubei's 支出决算表 spacing quirk: ``2, 156. 82``."""
    return text.replace(",", ", ").replace(".", ". ")


def normalise(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def header_paths(header: Sequence[Sequence[str | Cell | None]], ncols: int) -> list[str]:
    """Each column's header path as the extractor joins it: cells covering the column top-down,
    normalised, without column numbers and 栏次, consecutive repeats dropped."""
    paths: list[list[str]] = [[] for _ in range(ncols)]
    for row in header:
        for c, spec in enumerate(row):
            if spec is None:
                continue
            cell = Cell(spec) if isinstance(spec, str) else spec
            text = re.sub(r"栏次$", "", normalise(cell.text))
            if not text or re.fullmatch(r"\d{1,2}", text):
                continue
            for k in range(c, c + cell.colspan):
                if not paths[k] or paths[k][-1] != text:
                    paths[k].append(text)
    return ["/".join(p) for p in paths]


class Builder:
    """Collects body rows of a table and the figures they print."""

    def __init__(self, doc: DocContext, canonical: str, widths: Sequence[float], header: list, align: str,
                 font: float = 8.0, blank_zero: bool | None = None, spaced_figures: bool = False):
        self.doc, self.canonical = doc, canonical
        self.widths, self.header, self.align, self.font = list(widths), header, align, font
        self.paths = header_paths(header, len(widths))
        self.columns: dict[int, tuple[int, str, str]] = {}  # col -> (group, side, measure)
        self.body: list[list] = []
        self.figures: list[Figure] = []
        self.blank_zero = doc.family.blank_zero if blank_zero is None else blank_zero
        self.spaced = spaced_figures

    def measure(self, col: int, measure: str, group: int = 0, side: str = "") -> None:
        self.columns[col] = (group, side, measure)

    def measures(self, first_col: int, measures: Sequence[str], group: int = 0, side: str = "") -> None:
        for offset, measure in enumerate(measures):
            self.measure(first_col + offset, measure, group, side)

    def add(self, cells: list, keys: dict[int, tuple[str | None, str | None, str]] | None = None) -> None:
        """Append a row; ``Amt`` cells become printed figures keyed by their group's key."""
        keys = keys or {}
        row_index = len(self.body)
        printed: list = []
        for col, spec in enumerate(cells):
            if not isinstance(spec, Amt):
                printed.append(spec)
                continue
            text = self.text_of(spec)
            printed.append(text)
            group, side, measure = self.columns[col]
            code, item, label = keys.get(group, (None, None, ""))
            cents = spec.cents if text and text != "——" else None
            self.figures.append(Figure(row_index, col, group, side, code, item, label, self.paths[col], measure,
                                       cents, text))
        self.body.append(printed)

    def text_of(self, amount: Amt) -> str:
        if amount.text is not None:
            return amount.text
        layout = self.doc.layout
        if layout is not None and amount.cents is not None:  # corpus.traits: a trait's zeros and money format
            text = layout.figure_text(amount.cents, self.doc.money_unit)
            if text is not None:
                return spaced(text) if self.spaced and text else text
        if amount.cents is None or (amount.cents == 0 and self.blank_zero):
            return ""
        text = money(amount.cents, self.doc.money_unit)
        return spaced(text) if self.spaced else text

    def build(self, title: str, number: str, notes: Sequence[str] = (), landscape: bool = False,
              repeat_header: bool = True, empty_note: str | None = None) -> TableModel:
        table = Table(widths=self.widths, header=self.header, body=self.body, align=self.align,
                      font_size=self.font, repeat_header=repeat_header)
        return TableModel(self.canonical, title, number, table, self.figures, self.paths, list(notes), landscape,
                          self.doc.money_unit, empty_note)


# --------------------------------------------------------------------------- families

@dataclass(frozen=True)
class Family:
    key: str
    numbering: str  # format of the printed table number; '' when the family prints none
    blank_zero: bool  # zero figures print as empty cells
    code_mode: str  # split (类|款|项 cells) | item (7-digit 项 only) | single (one code cell)
    code_header: str
    line_numbers: bool  # 行次 column in the summary tables
    nab_label: str  # 使用非财政拨款结余 wording
    fiscal_balance_words: tuple[str, str]  # 年初 / 年末 lines of the 财政拨款收入支出决算总表
    tables: tuple[tuple[int, str], ...]  # (number, canonical name) in printed order
    title_prefix_year: bool = False  # "2024 年度收入决算表" (Hubei)


FAMILY: dict[str, Family] = {
    "sichuan": Family(
        "sichuan", "财决公开{:02d}表", False, "split", "支出功能分类科目编码", True, "使用非财政拨款结余（含专用结余）",
        ("年初财政结转和结余", "年末财政结转和结余"),
        ((1, "income_expenditure_summary"), (2, "income"), (3, "expenditure"), (4, "fiscal_appropriation_summary"),
         (5, "fiscal_appropriation_detail"), (6, "general_budget_expenditure"), (7, "general_budget_expenditure_detail"),
         (8, "general_budget_basic_expenditure"), (9, "general_budget_project_expenditure"), (10, "government_fund"),
         (11, "state_capital_income_expenditure"), (12, "state_capital_expenditure"), (13, "three_public"))),
    "hubei": Family(
        "hubei", "公开 {:02d} 表", True, "item", "功能分类科目编码", True, "使用非财政拨款结余(含专用结余)",
        ("年初财政拨款结转和结余", "年末财政拨款结转和结余"),
        ((1, "income_expenditure_summary"), (2, "income"), (3, "expenditure"), (4, "fiscal_appropriation_summary"),
         (5, "general_budget_expenditure"), (6, "general_budget_basic_expenditure"), (7, "government_fund"),
         (8, "state_capital_expenditure"), (9, "three_public")), title_prefix_year=True),
    "shandong": Family(
        "shandong", "公开{:02d}表", False, "single", "科目代码", True, "使用非财政拨款结余",
        ("年初财政拨款结转和结余", "年末财政拨款结转和结余"),
        ((1, "income_expenditure_summary"), (2, "income"), (3, "expenditure"), (4, "fiscal_appropriation_summary"),
         (5, "general_budget_expenditure"), (6, "general_budget_basic_expenditure"), (7, "government_fund"),
         (8, "state_capital_expenditure"), (9, "three_public"))),
    "shanxi": Family(
        "shanxi", "公开{:02d}表", True, "single", "科目代码", True, "使用非财政拨款结余和专用结余",
        ("年初财政拨款结转和结余", "年末财政拨款结转和结余"),
        ((1, "income_expenditure_summary"), (2, "income"), (3, "expenditure"), (4, "fiscal_appropriation_summary"),
         (5, "general_budget_expenditure"), (6, "general_budget_basic_expenditure"), (7, "government_fund"),
         (8, "state_capital_expenditure"), (9, "three_public"), (10, "disclosure_statistics"))),
    "shanghai": Family(
        "shanghai", "", True, "single", "功能分类科目编码", False, "使用非财政拨款结余",
        ("年初财政拨款结转和结余", "年末财政拨款结转和结余"),
        ((1, "income_expenditure_summary"), (2, "income"), (3, "expenditure"), (4, "fiscal_appropriation_summary"),
         (5, "general_budget_expenditure"), (6, "general_budget_basic_expenditure"), (7, "three_public"),
         (8, "government_fund"), (9, "state_capital_income_expenditure"))),
}

TITLES = {
    "income_expenditure_summary": "收入支出决算总表",
    "income": "收入决算表",
    "expenditure": "支出决算表",
    "fiscal_appropriation_summary": "财政拨款收入支出决算总表",
    "fiscal_appropriation_detail": "财政拨款支出决算明细表",
    "general_budget_expenditure": "一般公共预算财政拨款支出决算表",
    "general_budget_expenditure_detail": "一般公共预算财政拨款支出决算明细表",
    "general_budget_basic_expenditure": "一般公共预算财政拨款基本支出决算表",
    "general_budget_project_expenditure": "一般公共预算财政拨款项目支出决算表",
    "government_fund": "政府性基金预算财政拨款收入支出决算表",
    "state_capital_income_expenditure": "国有资本经营预算财政拨款收入支出决算表",
    "state_capital_expenditure": "国有资本经营预算财政拨款支出决算表",
    "three_public": "财政拨款“三公”经费支出决算表",
    "disclosure_statistics": "部门决算公开相关信息统计表",
}

PORTRAIT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
LANDSCAPE_WIDTH = PAGE_HEIGHT - 2 * MARGIN_X


@dataclass
class DocContext:
    """One document being composed: its ledger, family and layout choices."""

    ledger: Ledger
    family: Family
    rng: random.Random
    file_name: str
    classes: list[tuple[str, str]] | None = None  # 类 lines of the summary tables, drawn once
    layout: object | None = None  # corpus.traits.Layout: one layout trait overriding the family's choice

    @property
    def unit(self) -> Unit:
        return self.ledger.unit

    @property
    def year(self) -> int:
        return self.ledger.year

    @property
    def money_unit(self) -> str:
        return self.ledger.money_unit

    def title_of(self, canonical: str) -> str:
        title = TITLES[canonical]
        if canonical == "general_budget_basic_expenditure" and self.family.key in ("hubei", "shandong", "shanxi"):
            title = "一般公共预算财政拨款基本支出决算明细表"
        if self.family.title_prefix_year:
            title = f"{self.year} 年度{title}"
        return title

    def number_of(self, n: int) -> str:
        return self.family.numbering.format(n) if self.family.numbering else ""


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


def code_mode(doc: DocContext, canonical: str) -> str:
    fam = doc.family
    if doc.layout is not None and doc.layout.code_mode:
        return doc.layout.code_mode
    if fam.key == "sichuan":
        if canonical == "expenditure":
            return "sichuan_single"
        return "split" if canonical in ("income", "fiscal_appropriation_detail", "government_fund") else "split_full"
    if fam.key == "shanghai":
        return "shanghai"
    return fam.code_mode


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


def _no_data_note(doc: DocContext, what: str) -> str:
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
                       empty_note=_no_data_note(doc, "政府性基金预算财政拨款收入支出"), landscape=fam == "shanghai")


def state_capital_table(doc: DocContext, number: int) -> TableModel:
    band = "本年支出"
    columns = [AmountColumn("合计", "total", "sc_project", band), AmountColumn("基本支出", "basic", "zero", band),
               AmountColumn("项目支出", "project", "sc_project", band)]
    note = "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。"
    return coded_table(doc, "state_capital_expenditure", number, columns, _has("sc_project"), [note],
                       empty_note=_no_data_note(doc, "国有资本经营预算财政拨款支出"))


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
                       empty_note=_no_data_note(doc, "国有资本经营预算财政拨款收入和支出"), landscape=fam == "shanghai")


# --------------------------------------------------------------------------- basic expenditure (经济分类)

def _economic_rows(led: Ledger, class_code: str, short: bool = False) -> list[tuple[str, str, int | None]]:
    """(code, name, amount) for a 类 and its 款; 309 / 311 (基本建设) print —— in Shanxi."""
    name, sections = cls.ECONOMIC[class_code]
    if short and class_code == "310":
        sections = tuple(s for s in sections if s[0] in cls.CAPITAL_SHORT)
    rows = [(class_code, name, sum(v for k, v in led.economic.items() if k.startswith(class_code)))]
    rows += [(code, sub, led.economic.get(code, 0)) for code, sub in sections]
    return rows


def _basic_groups(doc: DocContext) -> list[list[tuple[str, str, int | None]]]:
    led, fam = doc.ledger, doc.family.key
    personnel = _economic_rows(led, "301") + _economic_rows(led, "303")
    goods = _economic_rows(led, "302")
    if fam == "shanghai":
        return [personnel, goods + _economic_rows(led, "310", short=True)]
    if fam != "shanxi":
        return [personnel, goods, _economic_rows(led, "310", short=True)]
    capital = _economic_rows(led, "310")
    third = _economic_rows(led, "307") + [(c, n, None) for c, n, _ in _economic_rows(led, "309")] + capital[:11]
    fourth = capital[11:] + [(c, n, None) for c, n, _ in _economic_rows(led, "311")]
    for class_code in ("312", "313", "399"):
        fourth += _economic_rows(led, class_code)
    return [personnel, goods, third, fourth]


def basic_table(doc: DocContext, number: int) -> TableModel:
    """一般公共预算财政拨款基本支出决算表: 人员经费 | 公用经费 in 2, 3 or 4 column groups."""
    fam = doc.family.key
    groups = _basic_groups(doc)
    g = len(groups)
    landscape = g == 4
    code_header = {"shanxi": "科目代码", "sichuan": "科目编码", "shanghai": "经济分类\n科目编码"}.get(fam, "经济分类科目编码")
    total = LANDSCAPE_WIDTH if landscape else PORTRAIT_WIDTH
    code_w = 20 if fam == "hubei" else 36  # Hubei's narrow code cells break 30301 as 303 / 01
    amount_w = 44
    widths = [code_w, (total - g * (code_w + amount_w)) / g, amount_w] * g
    names = [code_header, "科目名称", "决算数"] * g
    header = [names] if fam == "shanghai" else [
        [Cell("人员经费", colspan=3), None, None, Cell("公用经费", colspan=3 * (g - 1))] + [None] * (3 * (g - 1) - 1), names]
    blank_zero = fam in ("hubei", "shanxi")
    b = Builder(doc, "general_budget_basic_expenditure", widths, header, "clr" * g, font=7 if g == 4 else 8,
                blank_zero=blank_zero)
    for k in range(g):
        b.measure(3 * k + 2, "amount", k)
    for r in range(max(len(rows) for rows in groups)):
        cells, keys = [], {}
        for k, rows in enumerate(groups):
            if r >= len(rows):
                cells += ["", "", ""]
                continue
            code, name, amount = rows[r]
            cells += [code, name, Amt(amount) if amount is not None else Amt(None, "——")]
            keys[k] = (code, None, name)
        b.add(cells, keys)
    personnel, public = doc.ledger.personnel, doc.ledger.public
    span = 3 * g - 4
    last = [Cell("人员经费合计", colspan=2, align="c"), None, Amt(personnel),
            Cell("公用经费合计", colspan=span, align="c")] + [None] * (span - 1) + [Amt(public)]
    b.add(last, {0: (None, "personnel_total", "人员经费合计"), g - 1: (None, "public_total", "公用经费合计")})
    note = "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。"
    return b.build(doc.title_of("general_budget_basic_expenditure"), doc.number_of(number), [note], landscape=landscape)


# --------------------------------------------------------------------------- 三公 and statistics

THREE_ORDER = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")


def _three_values(led: Ledger, phase: str) -> dict[str, int]:
    parts = led.three_budget if phase == "budget" else led.three_actual
    values = dict(parts)
    values["vehicle_total"] = parts["vehicle_purchase"] + parts["vehicle_operation"]
    values["total"] = sum(parts.values())
    return values


def three_public_table(doc: DocContext, number: int) -> TableModel:
    """财政拨款“三公”经费支出决算表: (预算数, 决算数) pairs per category, or a 预算数 band then a 决算数 band."""
    fam, led = doc.family.key, doc.ledger
    budget, actual = _three_values(led, "budget"), _three_values(led, "actual")
    empty = not any(budget.values()) and not any(actual.values())
    if fam in ("hubei", "shandong", "shanxi"):
        header = _three_header_banded()
        order = [(c, "budget") for c in THREE_ORDER] + [(c, "actual") for c in THREE_ORDER]
    else:
        header = _three_header_paired(fam == "shanghai")
        order = [(c, phase) for c in THREE_ORDER for phase in ("budget", "actual")]
    landscape = fam == "shanghai"
    width = (LANDSCAPE_WIDTH if landscape else PORTRAIT_WIDTH) / 12
    b = Builder(doc, "three_public", [width] * 12, header, "r" * 12, font=8, blank_zero=fam in ("hubei", "shanghai"))
    note = "注：本表反映部门本年度“三公”经费支出预决算情况。"
    if fam == "shanghai" and empty:  # an empty row and a 说明
        b.add([""] * 12)
        return b.build(doc.title_of("three_public"), "", [note, f"说明：{doc.unit.name}本年度没有财政拨款“三公”经费支出，故本表无数据。"],
                       landscape=True, empty_note="故本表无数据")
    for col, (_category, phase) in enumerate(order):
        b.measure(col, phase, 0)
    cells = [Amt((budget if phase == "budget" else actual)[category]) for category, phase in order]
    b.add(cells, {0: (None, None, "")})
    for fig in b.figures:  # each column is its own category
        fig.item = order[fig.col][0]
    notes = [note]
    if empty and fam in ("hubei", "shandong"):
        notes.append(_no_data_note(doc, "财政拨款“三公”经费支出") if fam == "shandong" else
                     f"本部门 {doc.year} 年度无财政拨款“三公”经费支出。")
    return b.build(doc.title_of("three_public"), doc.number_of(number), notes, landscape=landscape)


def _three_header_paired(shanghai: bool) -> list:
    rows = [
        [Cell("合计", colspan=2, rowspan=2), None, Cell("因公出国（境）费", colspan=2, rowspan=2), None,
         Cell("公务用车购置及运行维护费", colspan=6), None, None, None, None, None, Cell("公务接待费", colspan=2, rowspan=2), None],
        [None, None, None, None, Cell("小计", colspan=2), None, Cell("公务用车购置费", colspan=2), None,
         Cell("公务用车运行维护费", colspan=2), None, None, None],
        ["预算数", "决算数"] * 6,
    ]
    if shanghai:
        rows.insert(0, [Cell("财政拨款“三公”经费", colspan=12)] + [None] * 11)
    return rows


def _three_header_banded() -> list:
    half = [Cell("合计", rowspan=2), Cell("因公出国（境）费", rowspan=2), Cell("公务用车购置及运行维护费", colspan=3), None, None,
            Cell("公务接待费", rowspan=2)]
    sub = [None, None, "小计", "公务用车购置费", "公务用车运行维护费", None]
    return [
        [Cell("预算数", colspan=6)] + [None] * 5 + [Cell("决算数", colspan=6)] + [None] * 5,
        half + half,
        sub + sub,
        [str(n) for n in range(1, 13)],
    ]


def statistics_table(doc: DocContext, number: int) -> TableModel:
    """Shanxi 公开10表 部门决算公开相关信息统计表: 政府采购, 机关运行经费, 车辆 and equipment counts."""
    led = doc.ledger
    proc = led.procurement
    b = Builder(doc, "disclosure_statistics", [300, 60, 120], [["项目", "行次", "统计数"]], "lcr", font=9)
    b.measure(2, "amount")
    b.add([Cell("一、政府采购情况", colspan=3, align="l"), None, None])
    rows = [("合计", "procurement_total", sum(proc.values())), ("货物", "procurement_goods", proc["goods"]),
            ("工程", "procurement_works", proc["works"]), ("服务", "procurement_services", proc["services"])]
    for n, (label, key, value) in enumerate(rows, start=1):
        b.add([label, str(n), Amt(value)], {0: (None, key, label)})
    b.add([Cell("二、机关运行经费", colspan=3, align="l"), None, None])
    admin = doc.unit.agency.administrative
    b.add(["（一）行政单位", "5", Amt(led.running_cost if admin else 0)], {0: (None, "running_cost_administrative", "（一）行政单位")})
    b.add(["（二）参照公务员法管理事业单位", "6", Amt(0)], {0: (None, "running_cost_civil_service", "（二）参照公务员法管理事业单位")})
    b.add([Cell("三、国有资产占用情况", colspan=3, align="l"), None, None])
    # Counts print as integers, 0 included (a table of blanks only would be an empty table without its note);
    # the figure's value is the count itself.
    vehicles = Amt(led.vehicles * 100, str(led.vehicles))
    b.add(["（一）车辆数合计（辆）", "7", vehicles], {0: (None, "vehicles", "（一）车辆数合计（辆）")})
    b.add(["（二）单价100万元（含）以上设备（不含车辆）", "8", ""])
    note = "注：本表反映部门本年度政府采购、机关运行经费和国有资产占用情况。"
    return b.build(doc.title_of("disclosure_statistics"), doc.number_of(number), [note])


# --------------------------------------------------------------------------- narrative (情况说明)

@dataclass
class NarrativeFigure:
    topic: str
    cents: int  # printed value
    text: str  # as printed
    block: int  # index into Narrative.blocks
    occurrence: int  # which occurrence of ``text`` in the block it is
    true_cents: int | None = None
    page: int = 0


@dataclass
class Narrative:
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (kind, text): part | section | text
    figures: list[NarrativeFigure] = field(default_factory=list)


class NarrativeWriter:
    """Builds 情况说明 paragraphs; every stated amount is recorded with its topic."""

    def __init__(self, doc: DocContext):
        self.doc = doc
        self.out = Narrative()
        self.pieces: list[str] = []
        self.pending: list[tuple[str, int, str]] = []

    def amount(self, topic: str, cents: int) -> str:
        text = narrative_money(cents, self.doc.family.key)
        self.pending.append((topic, cents, text))
        return text

    def section(self, text: str) -> None:
        self.out.blocks.append(("section", text))

    def text(self, text: str) -> None:
        """Close a paragraph whose amounts were produced by :meth:`amount` while composing ``text``."""
        index = len(self.out.blocks)
        self.out.blocks.append(("text", text))
        seen: Counter[str] = Counter()
        for topic, cents, printed in self.pending:
            self.out.figures.append(NarrativeFigure(topic, cents, printed, index, seen[printed]))
            seen[printed] += 1
        self.pending = []


def narrative_money(cents: int, family: str) -> str:
    """Amounts as each family writes them in running text."""
    if family == "shandong":  # 12,418.33 and 308.6
        whole, frac = divmod(cents, 100)
        text = f"{whole:,}.{frac:02d}".rstrip("0").rstrip(".")
        return text
    if family == "shanxi":
        return money(cents)
    return _plain(cents)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}%" if whole else "0%"


def _sp(doc: DocContext) -> str:
    """Sichuan, Hubei and Shanghai texts put spaces around figures."""
    return " " if doc.family.key in ("sichuan", "hubei", "shanghai") else ""


def write_narrative(doc: DocContext) -> Narrative:
    w = NarrativeWriter(doc)
    for section in (_overall, _income_text, _expenditure_text, _fiscal_text, _general_budget_text, _basic_text,
                    _three_public_text, _fund_texts, _other_text):
        section(doc, w)
    return w.out


def _overall(doc: DocContext, w: NarrativeWriter) -> None:
    led, s, y = doc.ledger, _sp(doc), doc.year
    bal = led.balances
    grand = led.total("income_total") + bal["nab_used"] + sum(bal[k] for k in ("gb_open", "gf_open", "sc_open", "nf_open"))
    w.section(SECTION_TITLES[0])
    w.text(f"{y}{s}年度收、支总计均为{s}{w.amount('grand_total', grand)}{s}万元。{_change_vs_last_year(doc, grand)}"
           f"主要原因是{doc.rng.choice(('人员变动及正常增资', '项目支出增加', '压减一般性支出', '重点工作任务调整'))}。")


def _change_vs_last_year(doc: DocContext, cents: int) -> str:
    """"与2023年度相比，收、支总计各增加 X 万元，增长 Y%。": last year's total drawn from its own random
    stream (the document's stream, and so everything else it draws, stays as it was)."""
    s = _sp(doc)
    last = round(cents * random.Random(f"last_year:{doc.file_name}").uniform(0.7, 1.3))
    if not last or last == cents:
        return f"与{doc.year - 1}{s}年度持平。"
    change = abs(cents - last)
    rate = (Decimal(100 * change) / Decimal(last)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    more = cents > last
    return (f"与{doc.year - 1}{s}年度相比，收、支总计各{'增加' if more else '减少'}{s}"
            f"{narrative_money(change, doc.family.key)}{s}万元，{'增长' if more else '下降'}{s}{rate}%。")


def _versus_budget(doc: DocContext, actual: int, budget: int) -> str:
    """"决算数大于预算数的主要原因是…": the direction of the 决算 against its 预算, with a reason."""
    if actual == budget:
        return "决算数等于预算数。"
    reason = random.Random(f"versus_budget:{doc.file_name}").choice(("年中追加预算", "项目按进度支付", "厉行节约"))
    return f"决算数{'大于' if actual > budget else '小于'}预算数的主要原因是{reason}。"


def _income_text(doc: DocContext, w: NarrativeWriter) -> None:
    led, s = doc.ledger, _sp(doc)
    total = led.total("income_total")
    parts = [f"本年收入合计{s}{w.amount('total_income', total)}{s}万元，其中："]
    for item, label, measure in INCOME_LINES:
        value = led.total(measure)
        if value or item in ("general_budget_income",):
            parts.append(f"{label}{s}{w.amount(item, value)}{s}万元，占{s}{_pct(value, total)}；")
    w.section(SECTION_TITLES[1])
    w.text("".join(parts).rstrip("；") + "。")


def _expenditure_text(doc: DocContext, w: NarrativeWriter) -> None:
    led, s = doc.ledger, _sp(doc)
    total = led.total("total")
    parts = [f"本年支出合计{s}{w.amount('total_expenditure', total)}{s}万元，其中："]
    for topic, label, measure in (("basic", "基本支出", "basic"), ("project", "项目支出", "project"),
                                  ("remit_to_superior", "上缴上级支出", "remit"), ("operating", "经营支出", "operating"),
                                  ("subsidiary_grant", "对附属单位补助支出", "subsidiary")):
        value = led.total(measure)
        if value or topic in ("basic", "project"):
            parts.append(f"{label}{s}{w.amount(topic, value)}{s}万元，占{s}{_pct(value, total)}；")
    w.section(SECTION_TITLES[2])
    w.text("".join(parts).rstrip("；") + "。")


def _fiscal_text(doc: DocContext, w: NarrativeWriter) -> None:
    led, s, bal = doc.ledger, _sp(doc), doc.ledger.balances
    grand = led.total("fiscal_income") + bal["gb_open"] + bal["gf_open"] + bal["sc_open"]
    w.section(SECTION_TITLES[3])
    w.text(f"{doc.year}{s}年度财政拨款收、支总计均为{s}{w.amount('fiscal_grand_total', grand)}{s}万元。")


def _general_budget_text(doc: DocContext, w: NarrativeWriter) -> None:
    led, s = doc.ledger, _sp(doc)
    gb = led.total("general_budget")
    w.section(SECTION_TITLES[4])
    w.text(f"{doc.year}{s}年度一般公共预算财政拨款支出{s}{w.amount('general_budget_expenditure', gb)}{s}万元，"
           f"占本年支出合计的{s}{_pct(gb, led.total('total'))}。")
    parts = []
    for code, name in cls.SUMMARY_CLASSES:
        value = led.sum_over(code, "general_budget")
        if value:
            parts.append(f"{name}（类）{s}{w.amount('general_budget_class_' + code, value)}{s}万元，占{s}{_pct(value, gb)}")
    if parts:
        w.text("主要用于以下方面：" + "；".join(parts) + "。")
    w.text(f"一般公共预算财政拨款支出年初预算为{s}{w.amount('general_budget_initial_budget', led.gb_budget)}{s}万元，"
           f"支出决算为{s}{w.amount('general_budget_expenditure', gb)}{s}万元，完成年初预算的{s}{_pct(gb, led.gb_budget)}。"
           + _versus_budget(doc, gb, led.gb_budget))


def _basic_text(doc: DocContext, w: NarrativeWriter) -> None:
    led, s = doc.ledger, _sp(doc)
    w.section(SECTION_TITLES[5])
    w.text(f"{doc.year}{s}年度一般公共预算财政拨款基本支出{s}{w.amount('general_budget_basic', led.total('gb_basic'))}{s}万元，其中：")
    staff = "、".join(n for c, n in cls.ECONOMIC["301"][1] + cls.ECONOMIC["303"][1] if led.economic.get(c))
    goods = "、".join(n for k in cls.PUBLIC_CLASSES for c, n in cls.ECONOMIC[k][1] if led.economic.get(c))
    w.text(f"人员经费{s}{w.amount('personnel_total', led.personnel)}{s}万元，主要包括：{staff}。")
    w.text(f"公用经费{s}{w.amount('public_total', led.public)}{s}万元，主要包括：{goods}。")


def _three_public_text(doc: DocContext, w: NarrativeWriter) -> None:
    led, s = doc.ledger, _sp(doc)
    budget, actual = _three_values(led, "budget"), _three_values(led, "actual")
    w.section(SECTION_TITLES[6])
    if not budget["total"] and not actual["total"]:
        w.text(f"{doc.unit.name}{doc.year}{s}年度无“三公”经费财政拨款支出。")
        return
    w.text(f"“三公”经费财政拨款支出全年预算为{s}{w.amount('three_public_budget', budget['total'])}{s}万元，"
           f"支出决算为{s}{w.amount('three_public_actual', actual['total'])}{s}万元，"
           f"完成全年预算的{s}{_pct(actual['total'], budget['total'])}。其中："
           f"因公出国（境）费支出决算为{s}{w.amount('three_public_overseas_actual', actual['overseas'])}{s}万元；"
           f"公务用车购置及运行维护费支出决算为{s}{w.amount('three_public_vehicle_actual', actual['vehicle_total'])}{s}万元；"
           f"公务接待费支出决算为{s}{w.amount('three_public_reception_actual', actual['reception'])}{s}万元。")


def _fund_texts(doc: DocContext, w: NarrativeWriter) -> None:
    led, s = doc.ledger, _sp(doc)
    w.section(SECTION_TITLES[7])
    if led.total("gf_project") or led.total("gf_income"):
        w.text(f"政府性基金预算财政拨款收入{s}{w.amount('government_fund_income', led.total('gf_income'))}{s}万元，"
               f"支出{s}{w.amount('government_fund_expenditure', led.total('gf_project'))}{s}万元。")
    else:
        w.text(f"{doc.unit.name}{doc.year}{s}年度无政府性基金预算财政拨款收入和支出。")
    w.section(SECTION_TITLES[8])
    if led.total("sc_project"):
        w.text(f"国有资本经营预算财政拨款支出{s}{w.amount('state_capital_expenditure', led.total('sc_project'))}{s}万元。")
    else:
        w.text(f"{doc.unit.name}{doc.year}{s}年度无国有资本经营预算财政拨款支出。")


def _other_text(doc: DocContext, w: NarrativeWriter) -> None:
    led, s = doc.ledger, _sp(doc)
    proc = led.procurement
    w.section(SECTION_TITLES[9])
    w.text(f"（一）机关运行经费支出情况：{doc.year}{s}年度机关运行经费支出{s}{w.amount('running_cost', led.running_cost)}{s}万元。")
    w.text(f"（二）政府采购支出情况：{doc.year}{s}年度政府采购支出总额{s}{w.amount('procurement_total', sum(proc.values()))}{s}万元，"
           f"其中：政府采购货物支出{s}{w.amount('procurement_goods', proc['goods'])}{s}万元、"
           f"政府采购工程支出{s}{w.amount('procurement_works', proc['works'])}{s}万元、"
           f"政府采购服务支出{s}{w.amount('procurement_services', proc['services'])}{s}万元。")
    w.text(f"（三）国有资产占用情况：截至{doc.year}{s}年{s}12{s}月{s}31{s}日，共有车辆{s}{led.vehicles}{s}辆，"
           f"单价{s}100{s}万元（含）以上设备（不含车辆）0{s}台（套）。")


# --------------------------------------------------------------------------- 绩效自评表

@dataclass
class Sheet:
    """A performance sheet: heading lines, one ruled table, lines below it."""

    heading: list[tuple[str, float, str]]  # (text, size, align)
    table: Table
    after: list[str] = field(default_factory=list)


def vertical(text: str) -> str:
    """A label printed one character per line in a tall narrow cell."""
    return "\n".join(text)


def _sheet_amount(project: Project, cents: int, precise: bool) -> str:
    """Sheets print what the budget system holds: 2 decimals, or 元-exact 6 decimals (155.099998)."""
    if precise and cents:
        return f"{cents / 100 - 0.000002:.6f}"
    return f"{cents / 100:.2f}"


def _rate(project: Project) -> str:
    return f"{100 * project.executed / project.adjusted:.2f}%" if project.adjusted else "0.00%"


def sichuan_sheet(doc: DocContext, p: Project, n: int) -> Sheet:
    """部门预算项目支出绩效自评表 (seed 000): vertical 项目基本情况 / 预算执行情况 / 绩效指标 labels."""
    u = doc.unit
    precise = doc.rng.random() < 0.2
    # 年初预算 / 调整后预算数 share narrow columns with 二级 / 三级指标: 元-exact figures wrap in them.
    w = [18, 52, 36, 36, 40, 46, 34, 48, 32, 34, 147]
    rows: list[list] = [
        [Cell("项目名称", colspan=2), None, Cell(p.name, colspan=9)] + [None] * 8,
        [Cell("主管部门", colspan=2), None, Cell(u.parent, colspan=4), None, None, None, Cell("实施单位", colspan=2), None,
         Cell(u.name, colspan=3), None, None],
        [Cell(vertical("项目基本情况"), rowspan=3), Cell("1. 项目年度目标完成情况", rowspan=2), Cell("项目年度目标", colspan=4),
         None, None, None, Cell("年度目标完成情况", colspan=5), None, None, None, None],
        [None, None, Cell(f"完成{p.name}年度建设及运行维护任务，保障业务正常开展。", colspan=4), None, None, None,
         Cell("对照年度目标，已完成相关任务目标。", colspan=5), None, None, None, None],
        [None, "2. 项目实施内容及过程概述", Cell("按照项目管理办法组织实施，定期开展巡检和考核，按合同约定支付款项。", colspan=9)] + [None] * 8,
        [Cell(vertical("预算执行情况(10分)"), rowspan=6), "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数",
         "预算执行率", "权重", "得分", Cell("原因", colspan=3), None, None],
    ]
    amounts = [_sheet_amount(p, p.initial, precise), _sheet_amount(p, p.adjusted, precise), f"{p.executed / 100:.2f}"]
    reason = "" if p.executed >= p.adjusted * 0.9 else "资金未全部到位，部分款项按合同进度支付。"
    rows.append([None, "总额", *amounts, _rate(p), "10", _score(p.budget_score), Cell(reason, colspan=3, rowspan=5), None, None])
    rows.append([None, "其中：财政资金", *amounts, _rate(p), "10", _score(p.budget_score), None, None, None])
    for label in ("财政专户管理资金", "单位资金", "其他资金"):
        rows.append([None, label, "", "", "", "", "", "", None, None, None])
    k = len(p.indicators)
    rows.append([Cell(vertical("绩效指标(90分)"), rowspan=k + 1), "一级指标", "二级指标", "三级指标", "指标性质", "指标值",
                 "度量单位", "完成值", "权重", "得分", "未完成原因分析"])
    for l1, l2, l3, op, target, unit_word, actual, weight, score in p.indicators:
        rows.append([None, l1, l2, l3, op, target, unit_word, actual, str(weight), _score(score),
                     "" if score == weight else "部分指标未达预期"])
    total = p.budget_score + sum(row[-1] for row in p.indicators)
    rows.append([Cell("合计", colspan=8)] + [None] * 7 + ["100", _score(total), ""])
    for label, text in (("评价结论", p.conclusion), ("存在问题", "绩效目标设置有待进一步细化。"),
                        ("改进措施", "加强项目过程管理，细化量化绩效指标。")):
        rows.append([Cell(label, colspan=2), None, Cell(text, colspan=9)] + [None] * 8)
    table = Table(w, [], rows, "c" * 11, font_size=7.5, repeat_header=False)
    heading = [(f"附件 {n}" if n == 1 else "", 10, "l"), ("部门预算项目支出绩效自评表", 15, "c")]
    return Sheet([h for h in heading if h[0]], table, [f"项目负责人：{_person(doc, p)}        财务负责人：{_person(doc, None)}"])


def _person(doc: DocContext, p: Project | None) -> str:
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
    key = f"{doc.unit.index}:{p.name if p else 'finance'}"
    h = int(hashlib.sha1(key.encode()).hexdigest(), 16)
    return surnames[h % len(surnames)] + given[(h >> 8) % len(given)] + ("" if h & 1 else given[(h >> 16) % len(given)])


def hubei_sheets(doc: DocContext) -> list[Sheet]:
    """部门整体绩效自评表 then one 项目绩效自评表 per project (seed 001)."""
    led, u, y = doc.ledger, doc.unit, doc.year
    basic, project = led.total("gb_basic"), led.total("gb_project")
    w = [70, 70, 130, 70, 92, 91]
    rows: list[list] = [
        ["单位名称", Cell(u.name, colspan=5)] + [None] * 4,
        ["基本支出总额", Cell(f"{_plain(basic)}万元", colspan=2), None, "项目支出总额", Cell(f"{_plain(project)}万元", colspan=2), None],
        ["年度目标", Cell("1. 保障机构正常运转，完成年度重点工作任务。\n2. 加强预算管理，提高财政资金使用效益。", colspan=5)] + [None] * 4,
        [Cell(vertical("年度绩效指标"), rowspan=7), "一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值"],
    ]
    personnel_rate = f"{100 * led.public / max(1, led.total('gb_basic')):.2f}%"
    for l1, l2, l3, target, actual in (
        ("运行成本", "公用经费控制", "公用经费控制率", ">80%", personnel_rate),
        ("运行成本", "项目支出成本控制", "会议费控制率", ">95%", "100%"),
        ("管理效率", "预算执行", "预算执行率", "≥90%", _pct(led.total("general_budget"), led.gb_budget)),
        ("管理效率", "预算编制", "预算编制科学性", "≥95%", "98%"),
        ("管理效率", "财务管理", "资金使用合规性", "≥100%", "100%"),
        ("履职效能", "服务对象满意度", "群众投诉办理满意率", "≥85%", "96.12%"),
    ):
        rows.append([None, l1, l2, l3, target, actual])
    rows.append(["偏差大或目标未完成原因分析", Cell("无", colspan=5)] + [None] * 4)
    overall = Sheet([(f"{y} 年度{u.name}部门整体绩效自评表", 14, "c"), (f"单位名称：{u.name}    填报日期：{y + 1} 年 4 月", 9, "l")],
                    Table(w, [], rows, "cccccc", font_size=8, repeat_header=False),
                    ["注：1.基本支出总额和项目支出总额为财政资金实际支出数。"])
    return [overall] + [_hubei_project(doc, p) for p in led.projects]


def _hubei_project(doc: DocContext, p: Project) -> Sheet:
    u, y = doc.unit, doc.year
    w = [80, 84, 84, 120, 78, 77]
    rows: list[list] = [
        ["项目名称", Cell(p.name, colspan=5)] + [None] * 4,
        ["主管部门", Cell(u.parent, colspan=2), None, "项目实施单位", Cell(u.name, colspan=2), None],
        ["项目类别", Cell("1.部门预算项目 √ 2.财政专项资金 □", colspan=5, align="l")] + [None] * 4,
        ["项目属性", Cell("1.持续性项目 √ 2.新增性项目 □", colspan=5, align="l")] + [None] * 4,
        ["项目类型", Cell("1.常年性项目 √ 2.延续性项目 □ 3.一次性项目 □", colspan=5, align="l")] + [None] * 4,
        [Cell("预算执行情况（万元）（10分）", rowspan=2), "", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分（10分*执行率）"],
        [None, "年度财政资金总额", f"{p.adjusted / 100:.2f}", f"{p.executed / 100:.2f}", _rate(p), _score(p.budget_score)],
        [Cell(vertical("年度绩效目标"), rowspan=len(p.indicators) + 1), "一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）"],
    ]
    for l1, l2, l3, op, target, unit_word, actual, weight, _score_value in p.indicators:
        op_text = "" if op == "定性" else op
        rows.append([None, l1, l2, f"{l3}（{weight}分）", f"{op_text}{target}{unit_word}", f"{actual}{unit_word if op != '定性' else ''}"])
    rows.append(["偏差大或目标未完成原因分析", Cell("无" if p.executed >= p.adjusted else "部分款项按合同约定次年支付。", colspan=5)] + [None] * 4)
    rows.append(["改进措施及结果拟应用方案", Cell("加强项目执行进度管理。", colspan=5)] + [None] * 4)
    return Sheet([(f"{y} 年度{p.name}绩效自评表", 14, "c"), (f"单位名称：{u.name}    填报日期：{y + 1}年4月", 9, "l")],
                 Table(w, [], rows, "cccccc", font_size=8, repeat_header=False))


def shandong_sheets(doc: DocContext) -> list[Sheet]:
    """绩效自评情况汇总表, then a 市级预算项目支出绩效自评表 per project (seed 002)."""
    led, u, y = doc.ledger, doc.unit, doc.year
    rows: list[list] = [["序号", "项目名称", "资金使用单位", "自评得分", "自评等级"],
                        [Cell("本级项目支出绩效自评", colspan=5, align="l")] + [None] * 4]
    for n, p in enumerate(led.projects, start=1):
        total = p.budget_score + sum(r[-1] for r in p.indicators)
        rows.append([str(n), p.name, u.name, str(round(total)), p.grade])
    if not led.projects:
        rows.append(["1", "无", "", "", ""])
    summary = Sheet([(f"{y} 年度预算项目绩效自评情况汇总表", 14, "c"), (f"单位：{u.name}", 9, "l")],
                    Table([36, 200, 160, 60, 67], [], rows, "clccc", font_size=8, repeat_header=False))
    return [summary] + [_shandong_project(doc, p) for p in led.projects]


def _shandong_project(doc: DocContext, p: Project) -> Sheet:
    u = doc.unit
    w = [34, 52, 110, 62, 62, 48, 50, 45, 60]
    rate = _rate(p)
    budget = [f"{p.initial / 100:g}", f"{p.adjusted / 100:g}", f"{p.executed / 100:g}", "10", rate, _score(p.budget_score)]
    rows: list[list] = [
        [Cell("项目名称", colspan=2), None, Cell(p.name, colspan=7)] + [None] * 6,
        [Cell("主管部门", colspan=2), None, Cell(u.parent, colspan=3), None, None, Cell("项目实施单位", colspan=2), None,
         Cell(u.name, colspan=2), None],
        [Cell("项目预算执行情况（10分）", colspan=2, rowspan=5), None, "", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值",
         "执行率（B/A）", "得分"],
        [None, None, "年度资金总额", *budget],
        [None, None, "其中：当年财政拨款", *budget],
        [None, None, "上年结转资金", "", "", "", "-", "", "-"],
        [None, None, "其他资金", "", "", "", "-", "", "-"],
        [Cell(vertical("年度绩效指标"), rowspan=len(p.indicators) + 1), "一级指标", "二级指标", "三级指标（分值）",
         "年度指标值（A）", "实际完成值（B）", "完成率（B/A）", "得分", "偏差原因分析及改进措施"],
    ]
    for l1, l2, l3, op, target, unit_word, actual, weight, score in p.indicators:
        op_text = "" if op == "定性" else op
        rows.append([None, l1, l2, f"{l3}（{weight}分）", f"{op_text}{target}{unit_word}",
                     f"={actual}{unit_word}" if op != "定性" else actual, "100%" if score == weight else f"{100 * score / weight:.0f}%",
                     _score(score), ""])
    total = p.budget_score + sum(r[-1] for r in p.indicators)
    rows.append([Cell("总分", colspan=3), None, None, Cell(_score(total), colspan=6)] + [None] * 5)
    return Sheet([("市级预算项目支出绩效自评表", 14, "c"), (f"({doc.year}年度)", 10, "c"), ("单位：万元", 9, "r")],
                 Table(w, [], rows, "c" * 9, font_size=7.5, repeat_header=False),
                 ["注：1. 得分一档最高不能超过该指标分值上限。"])


def shanxi_sheet(doc: DocContext, p: Project) -> Sheet:
    """项目支出绩效自评表 (seed 003): budget block with 目标申报数 / 预算编制数, 总分 with the grade."""
    u = doc.unit
    w = [34, 50, 52, 90, 48, 48, 50, 32, 32, 87]
    left = p.adjusted - p.executed
    rows: list[list] = [
        [Cell("项目名称", colspan=2), None, Cell(p.name, colspan=8)] + [None] * 7,
        [Cell("主管部门及代码", colspan=2), None, Cell(f"102-{u.parent}", colspan=4), None, None, None, "预算单位",
         Cell(f"102001-{u.name}", colspan=3), None, None],
        [Cell("项目资金预算安排及执行进度（万元）", colspan=2, rowspan=3), None, Cell("年初预算数", colspan=2), None,
         Cell("全年预算数", rowspan=2), Cell("全年执行数", rowspan=2), Cell("资金结(转)余", rowspan=2), Cell("执行率", rowspan=2),
         Cell("得分", rowspan=2), Cell("偏差原因分析及改进措施", rowspan=2)],
        [None, None, "目标申报数", "预算编制数", None, None, None, None, None, None],
        [None, None, f"{p.initial / 100:.2f}", f"{p.initial / 100:.2f}", f"{p.adjusted / 100:.2f}", f"{p.executed / 100:.2f}",
         f"{left / 100:.2f}", _rate(p), _score(p.budget_score), ""],
        [Cell(vertical("绩效指标"), rowspan=len(p.indicators) + 1), "一级指标", "二级指标", "三级指标", "年初指标值",
         "调整后指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ]
    for l1, l2, l3, op, target, unit_word, actual, weight, score in p.indicators:
        op_text = "" if op == "定性" else op
        value = f"{op_text}{target}{unit_word}"
        rows.append([None, l1, l2, l3, value, value, f"{op_text}{actual}{unit_word}" if op != "定性" else actual, str(weight),
                     _score(score), "" if score == weight else "根据实际情况调整"])
    total = p.budget_score + sum(r[-1] for r in p.indicators)
    rows.append([Cell("总分", colspan=8)] + [None] * 7 + [_score(total), p.grade])
    rows.append([Cell("项目绩效分析", rowspan=2), Cell("项目实施和预算执行情况", colspan=2), None,
                 Cell(f"预算下达{_plain(p.adjusted)}万元，实际执行{_plain(p.executed)}万元，预算执行率为{_rate(p)}。", colspan=7)]
                + [None] * 6)
    rows.append([None, Cell("下一步改进措施及管理建议", colspan=2), None, Cell("加快项目实施进度，提高预算执行率。", colspan=7)] + [None] * 6)
    return Sheet([(f"{p.name}支出绩效自评表", 14, "c"), (f"({doc.year}年度)", 10, "c")],
                 Table(w, [], rows, "c" * 10, font_size=7.5, repeat_header=False),
                 ["备注：“执行率”是执行数与“全年预算数”相比较。"])


def performance_sheets(doc: DocContext) -> list[Sheet]:
    fam = doc.family.key
    projects = doc.ledger.projects
    if fam == "sichuan":
        return [sichuan_sheet(doc, p, n) for n, p in enumerate(projects, start=1)]
    if fam == "hubei":
        return hubei_sheets(doc)
    if fam == "shandong":
        return shandong_sheets(doc)
    if fam == "shanxi":
        return [shanxi_sheet(doc, p) for p in projects]
    return []


# --------------------------------------------------------------------------- composition

TABLE_BUILDERS = {
    "income_expenditure_summary": lambda doc, n: summary_table(doc),
    "income": income_table,
    "expenditure": expenditure_table,
    "fiscal_appropriation_summary": lambda doc, n: fiscal_summary_table(doc),
    "fiscal_appropriation_detail": fiscal_detail_table,
    "general_budget_expenditure": general_budget_table,
    "general_budget_expenditure_detail": lambda doc, n: general_budget_table(doc, n, "general_budget_expenditure_detail"),
    "general_budget_basic_expenditure": basic_table,
    "general_budget_project_expenditure": project_table,
    "government_fund": government_fund_table,
    "state_capital_income_expenditure": state_capital_income_table,
    "state_capital_expenditure": state_capital_table,
    "three_public": three_public_table,
    "disclosure_statistics": statistics_table,
}

GLOSSARY = (
    "财政拨款收入：指单位从同级财政部门取得的财政预算资金，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。",
    "事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
    "其他收入：指单位取得的除上述收入以外的各项收入。",
    "年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
    "基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
    "机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。",
)


@dataclass
class Composed:
    """A document ready to typeset (or to write straight into the raw layer)."""

    doc: DocContext
    cover: list[tuple[str, float]]
    contents: list[tuple[str, int, str]]  # (text, level, anchor)
    flow: list[tuple]  # ("part", text, anchor) | ("blocks", [(kind, text)]) | ("narrative",) | ("tables",) | ("sheets",)
    tables: list[TableModel]
    narrative: Narrative
    sheets: list[Sheet]
    errors: list[dict] = field(default_factory=list)
    contents_pages: dict[str, int] = field(default_factory=dict)  # anchor -> contents page listing it
    composition_table: Table | None = None
    kind: str = "final_accounts"  # or budget (corpus.budget)
    approved: object | None = None  # a budget report's corpus.budget.Approved (its injected mismatch)
    block_pages: dict[int, int] = field(default_factory=dict)  # narrative block -> page its first line is on

    @property
    def file_name(self) -> str:
        return self.doc.file_name


def file_name_of(unit: Unit, year: int) -> str:
    return f"{unit.family}_{unit.index:05d}_{year}.pdf"


def compose(unit: Unit, year: int, seed: int, layout=None) -> Composed:
    """The document of ``unit`` and ``year``; ``layout`` (corpus.traits.Layout) typesets it with one trait."""
    ledger = make_ledger(unit, year, seed)
    family = FAMILY[unit.family]
    if layout is not None:
        family = layout.family_of(family)
        ledger.money_unit = layout.money_unit
    doc = DocContext(ledger, family, random.Random(f"layout:{seed}:{unit.index}:{year}"), file_name_of(unit, year),
                     layout=layout)
    tables = [TABLE_BUILDERS[canonical](doc, number) for number, canonical in doc.family.tables]
    sheets = performance_sheets(doc)
    kind = unit.kind
    y, name = year, unit.name
    table_entries = [(f"{cls.chinese_numeral(k)}、{t.title.replace(f'{y} 年度', '')}", 1, f"table:{t.canonical}")
                     for k, t in enumerate(tables, start=1)]
    parts = _parts(doc, kind, bool(sheets))
    contents: list[tuple[str, int, str]] = []
    flow: list[tuple] = []
    for anchor, title, body, subs in parts:
        contents.append((title, 0, anchor))
        contents += table_entries if body == "tables" else [(s, 1, f"{anchor}:{s}") for s in subs]
        flow.append(("part", title, anchor))
        flow.append((body,) if isinstance(body, str) else ("blocks", body))
    narrative = write_narrative(doc)
    comp = Composed(doc, _cover(doc), contents, flow, tables, narrative, sheets)
    if unit.family == "shanghai":
        comp.composition_table = Table([40, 340, 100], [["序号", "单位名称", "备注"]], [["1", f"{name}（本级）", ""]], "clc",
                                       font_size=10, repeat_header=False)
    return comp


def _cover(doc: DocContext) -> list[tuple[str, float]]:
    u, y, fam = doc.unit, doc.year, doc.family.key
    report = f"{u.kind}决算"
    if fam == "sichuan":
        return [(f"{y} 年度", 30), (u.name, 26 if len(u.name) < 16 else 20), (report, 30)]
    if fam == "hubei":
        return [(f"{y} 年度{u.name}{report}公开", 16), (f"{y + 1} 年 10 月 27 日", 14)]
    if fam == "shandong":
        return [(f"{y}年度{u.name}决算", 20)]
    if fam == "shanxi":
        return [(u.name, 22), (f"{y}年度{report}公开", 22)]
    return [(u.name, 26), (f"{y} 年度", 26), (report, 26)]


def _parts(doc: DocContext, kind: str, has_sheets: bool) -> list[tuple[str, str, object, list[str]]]:
    """(anchor, title, body, contents sub-entries) of each 部分, in the family's order."""
    u, y, fam = doc.unit, doc.year, doc.family.key
    duty, setup = ("一、主要职能", "二、部门决算单位构成") if fam == "shanghai" else ("一、主要职责", "二、机构设置")
    about: list[tuple[str, str]] = [
        ("section", duty), ("text", f"{u.name}主要负责{u.agency.name.replace('中心', '')}相关工作，"
                                    "贯彻落实上级决策部署，承担本领域政策执行、公共服务和日常管理等职责。"),
        ("section", setup), ("text", f"{u.name}为{u.parent}所属{'行政' if u.agency.administrative else '事业'}单位，"
                                     f"{'部门决算由本级决算组成' if kind == '部门' else '实行独立核算'}。")]
    if fam == "shanghai":  # the ruled list of units in the 部门决算
        about.append(("composition", ""))
    glossary = [("text", f"{cls.chinese_numeral(n)}、{text}") for n, text in enumerate(GLOSSARY, start=1)]
    sections = list(SECTION_TITLES)
    explain = (f"第{{}}部分 {y} 年度{kind}决算情况说明", "narrative", sections)
    tables = (f"第{{}}部分 {y} 年度{kind}决算表", "tables", [])
    if fam == "sichuan":
        order = [(f"第{{}}部分 {kind}概况", about, [duty, setup]), explain,
                 ("第{}部分 名词解释", glossary, []), ("第{}部分 附件", "sheets", []), ("第{}部分 附表", "tables", [])]
    elif fam == "shanghai":
        order = [(f"第{{}}部分 {u.name}概况", about, [duty, setup]),
                 (f"第{{}}部分 {u.name} {y} 年度部门决算表", "tables", []),
                 (f"第{{}}部分 {u.name} {y} 年度部门决算情况说明", "narrative", sections),
                 ("第{}部分 名词解释", glossary, [])]
    else:
        order = [(f"第{{}}部分 {kind}概况", about, [duty, setup]), tables, explain,
                 ("第{}部分 名词解释", glossary, []), ("第{}部分 附件", "sheets", [])]
    order = [part for part in order if part[1] != "sheets" or has_sheets]
    return [(f"part:{n}", title.format(cls.chinese_numeral(n)), body, subs) for n, (title, body, subs) in enumerate(order, start=1)]


# The 情况说明 sections as the contents page lists them (write_narrative prints the same titles).
SECTION_TITLES = (
    "一、收入支出决算总体情况说明", "二、收入决算情况说明", "三、支出决算情况说明", "四、财政拨款收入支出决算总体情况说明",
    "五、一般公共预算财政拨款支出决算情况说明", "六、一般公共预算财政拨款基本支出决算情况说明",
    "七、财政拨款“三公”经费支出决算情况说明", "八、政府性基金预算财政拨款收入支出决算情况说明",
    "九、国有资本经营预算财政拨款支出决算情况说明", "十、其他重要事项的情况说明")


# --------------------------------------------------------------------------- injected errors

ERROR_KINDS = ("changed_cell", "wrong_total", "narrative_mismatch", "missing_table", "renamed_subject",
               "unreadable_figure")
TOTAL_ITEMS = {"grand_total", "total_income", "total_expenditure", "grand_total_income", "grand_total_expenditure",
               "personnel_total", "public_total"}
CELL_TABLES = {"income", "expenditure", "general_budget_expenditure", "general_budget_basic_expenditure", "government_fund",
               "fiscal_appropriation_detail", "general_budget_project_expenditure", "state_capital_expenditure"}


# Draws of a misprinted figure before another figure is tried; each must exceed the rounding bound.
DRAWS_PER_FIGURE = 8


def inject_error(comp: Composed, rng: random.Random) -> None:
    """Break one identity of the document beyond its rounding bound and record what was broken."""
    kinds = list(ERROR_KINDS)
    rng.shuffle(kinds)
    for kind in kinds:
        if {"changed_cell": _change_cell, "wrong_total": _wrong_total, "narrative_mismatch": _narrative_mismatch,
                "missing_table": _missing_table, "renamed_subject": _renamed_subject,
                "unreadable_figure": _unreadable_figure}[kind](comp, rng):
            return


def _beyond_rounding(comp: Composed) -> bool:
    """True when some identity misses by more than its rounding bound: the 13.76 vs 9.42 + 4.35 kind is not an error."""
    return bool(identity_violations(comp, beyond_rounding=True))


def _detectable(comp: Composed, rng: random.Random, candidates: list, misprint) -> bool:
    """Misprint a candidate until the change exceeds the rounding bound; undo and count each draw within it."""
    within = 0
    for _ in range(len(candidates)):
        candidate = rng.choice(candidates)
        for _ in range(DRAWS_PER_FIGURE):
            undo = misprint(candidate)
            if _beyond_rounding(comp):
                comp.errors[-1]["draws_within_rounding_bound"] = within
                return True
            undo()
            within += 1
    return False


def _wrong_value(rng: random.Random, cents: int) -> int:
    """A plausible misprint: a transposed pair of digits, or a slip of a few hundredths to a few per cent."""
    digits = str(cents)
    if len(digits) >= 3 and rng.random() < 0.4:
        i = rng.randrange(len(digits) - 1)
        swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
        if swapped != digits and not swapped.startswith("0"):
            return int(swapped)
    delta = max(1, round(cents * rng.uniform(0.002, 0.05))) if rng.random() < 0.7 else rng.randint(1, 9)
    return cents + (delta if rng.random() < 0.6 or cents <= delta else -delta)


def _misprint(comp: Composed, table: TableModel, fig: Figure, rng: random.Random, kind: str):
    """Print a wrong value in ``fig``'s cell; returns the function that puts the right one back."""
    return _print_wrong(comp, table, fig, _wrong_value(rng, fig.cents), kind)


def misprint(comp: Composed, table_name: str, key: str, measure: str, cents: int) -> None:
    """Print ``cents`` in one given cell: a chosen error, for a test that needs it in a given place."""
    table = next(t for t in comp.tables if t.canonical == table_name)
    fig = next(f for f in table.figures if (f.code or f.item) == key and f.measure == measure)
    _print_wrong(comp, table, fig, cents, "changed_cell")


def _print_wrong(comp: Composed, table: TableModel, fig: Figure, wrong: int, kind: str):
    before = (fig.cents, fig.text, fig.true_cents)
    fig.true_cents, fig.cents = fig.cents, wrong
    spaced_before = ". " in fig.text
    fig.text = money(wrong, table.money_unit)
    if spaced_before:
        fig.text = spaced(fig.text)
    table.table.body[fig.row][fig.col] = fig.text
    comp.errors.append({"kind": kind, "table": table.canonical, "figure": fig})

    def undo() -> None:
        fig.cents, fig.text, fig.true_cents = before
        table.table.body[fig.row][fig.col] = fig.text
        comp.errors.pop()
    return undo


def _change_cell(comp: Composed, rng: random.Random) -> bool:
    candidates = [(t, f) for t in comp.tables if t.canonical in CELL_TABLES for f in t.figures
                  if f.cents and f.code and len(f.code) >= 5 and f.item is None]
    return _detectable(comp, rng, candidates, lambda tf: _misprint(comp, *tf, rng, "changed_cell"))


def _wrong_total(comp: Composed, rng: random.Random) -> bool:
    candidates = [(t, f) for t in comp.tables for f in t.figures if f.cents and (
        f.item in TOTAL_ITEMS or (f.code and len(f.code) == 3) or (t.canonical == "three_public" and f.item in ("total", "vehicle_total")))]
    return _detectable(comp, rng, candidates, lambda tf: _misprint(comp, *tf, rng, "wrong_total"))


def _narrative_mismatch(comp: Composed, rng: random.Random) -> bool:
    # Only statements a table restates: a wrong 年初预算 could not be told from a right one.
    candidates = [f for f in comp.narrative.figures if f.cents and narrative_source(comp, f.topic)]
    return _detectable(comp, rng, candidates, lambda fig: _misstate(comp, fig, rng))


def _misstate(comp: Composed, fig: NarrativeFigure, rng: random.Random):
    """State a wrong value for ``fig`` in its sentence; returns the function that restores the sentence."""
    before = (fig.cents, fig.text, fig.true_cents, comp.narrative.blocks[fig.block])
    wrong = _wrong_value(rng, fig.cents)
    new_text = narrative_money(wrong, comp.doc.family.key)
    kind, text = comp.narrative.blocks[fig.block]
    start = _nth(text, fig.text, fig.occurrence)
    comp.narrative.blocks[fig.block] = (kind, text[:start] + new_text + text[start + len(fig.text):])
    fig.true_cents, fig.cents, fig.text = fig.cents, wrong, new_text
    comp.errors.append({"kind": "narrative_mismatch", "table": "narrative", "narrative": fig})

    def undo() -> None:
        fig.cents, fig.text, fig.true_cents, comp.narrative.blocks[fig.block] = before
        comp.errors.pop()
    return undo


def _nth(text: str, needle: str, n: int) -> int:
    start = -1
    for _ in range(n + 1):
        start = text.find(needle, start + 1)
    return start


def _missing_table(comp: Composed, rng: random.Random) -> bool:
    candidates = [t for t in comp.tables if t.canonical != "income_expenditure_summary"]
    table = rng.choice(candidates)
    comp.tables.remove(table)
    comp.errors.append({"kind": "missing_table", "table": table.canonical, "model": table})
    return True


def _renamed_subject(comp: Composed, rng: random.Random) -> bool:
    """A code printed in two or more tables gets, in one of them, the name of another row of that table
    (seed 000: 2210201 住房租金支出 in the 收入决算表, 住房公积金 in the 支出决算表)."""
    names = _names_by_code(comp)
    candidates = []
    for model in comp.tables:
        rows = {fig.row: fig for fig in model.figures if fig.code and len(fig.code) >= 5 and fig.label}
        for row, fig in sorted(rows.items()):
            cells = [c for c, spec in enumerate(model.table.body[row]) if _cell_text(spec) == fig.label]
            others = sorted({f.label for f in rows.values() if len(f.code) == len(fig.code)
                             and not _same_name(f.label, fig.label)})
            if len(names[fig.code]) >= 2 and len(cells) == 1 and others:
                candidates.append((model, row, cells[0], fig, others))
    if not candidates:
        return False
    model, row, col, fig, others = rng.choice(candidates)
    old_label, new_label = fig.label, rng.choice(others)
    spec = model.table.body[row][col]
    model.table.body[row][col] = replace(spec, text=new_label) if isinstance(spec, Cell) else new_label
    for f in model.figures:
        if f.row == row and f.code == fig.code and f.label == old_label:
            f.label = new_label
    comp.errors.append({"kind": "renamed_subject", "table": model.canonical, "renamed": (fig, old_label, new_label)})
    return True


def _unreadable_figure(comp: Composed, rng: random.Random) -> bool:
    """A printed figure that is not a number (seed 000's total score ``## ###``)."""
    candidates = [(t, f) for t in comp.tables if t.canonical in CELL_TABLES for f in t.figures if f.cents and f.code]
    if not candidates:
        return False
    table, fig = rng.choice(candidates)
    fig.true_cents, fig.cents, fig.text = fig.cents, None, "## ###"
    table.table.body[fig.row][fig.col] = fig.text
    comp.errors.append({"kind": "unreadable_figure", "table": table.canonical, "figure": fig})
    return True


def name_key(label: str) -> str:
    """A name as the warehouse's name check compares it: no ordinal, no 其中：, no space, full-width brackets."""
    label = re.sub(r"\s", "", label).replace("(", "（").replace(")", "）")
    return re.sub(r"^(其中[:：]?)?([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[、.．])?", "", label)


def _same_name(a: str, b: str) -> bool:
    """Equal up to name_key, or one cut short (a prefix of the other)."""
    a, b = name_key(a), name_key(b)
    return a.startswith(b) or b.startswith(a)


def ground_truth(comp: Composed, document_id: str | None) -> list[dict]:
    """The injected errors as JSON-ready records (values in 万元 as decimal strings)."""
    out = []
    for error in comp.errors:
        record = {"file": comp.file_name, "document_id": document_id, "kind": error["kind"], "table": error["table"],
                  "draws_within_rounding_bound": error.get("draws_within_rounding_bound", 0)}
        if "figure" in error:
            fig: Figure = error["figure"]
            record.update(row_key=fig.code or fig.item, measure=fig.measure, true_value=_dec(fig.true_cents),
                          printed_value=_dec(fig.cents), printed_text=fig.text, page=fig.page)
        elif "renamed" in error:
            fig, true_name, printed = error["renamed"]
            record.update(row_key=fig.code, measure="name", true_value=true_name, printed_value=printed,
                          printed_text=printed, page=fig.page)
        elif "narrative" in error:
            nf: NarrativeFigure = error["narrative"]
            record.update(row_key=nf.topic, measure="stated_wan", true_value=_dec(nf.true_cents),
                          printed_value=_dec(nf.cents), printed_text=nf.text, page=nf.page)
        else:
            model: TableModel = error["model"]
            record.update(row_key=None, measure=None, true_value=None, printed_value=None,
                          page=comp.contents_pages.get(f"table:{model.canonical}"), title=model.title)
        out.append(record)
    return out


def _dec(cents: int | None) -> str | None:
    return None if cents is None else str(Decimal(cents).scaleb(-2))


# --------------------------------------------------------------------------- PDF rendering

# What a Word export leaves below a page's bottom edge (a table's overflow, printed again on the
# next page): a title, a header and coded rows with figures, none of which any viewer shows.
OVERFLOW_LINES = ("一般公共预算财政拨款基本支出决算表", "单位：万元", "科目编码 科目名称 决算数", "合计 9,999.99",
                  "301 工资福利支出 8,888.88", "30101 基本工资 7,777.77", "收入决算表", "201 一般公共服务支出 666.66",
                  "本年收入合计9,999.99万元，本年支出合计9,999.99万元。")


class SynDocument(Document):
    """render.Document with landscape pages for the wide tables (Shanghai, Shanxi 06)."""

    def __init__(self, target, title: str, author: str = ""):
        super().__init__(target, title, author)
        self.landscape = False
        self.size = (PAGE_WIDTH, PAGE_HEIGHT)
        self.page_sizes: list[tuple[float, float]] = []
        self.overflow = False

    @property
    def width(self) -> float:
        return self.size[0] - 2 * MARGIN_X

    def page_room(self) -> float:
        return self.size[1] - MARGIN_TOP - MARGIN_BOTTOM

    def new_page(self) -> None:
        """Finish the page; the next one takes the orientation set by :meth:`orient`."""
        self._footer()
        if self.overflow:  # corpus.traits' overflow: text kept below the bottom edge, shown nowhere
            for i, line in enumerate(OVERFLOW_LINES):
                self.text_at(line, 9, MARGIN_X, -20.0 - 14 * i, "l")
        self.page_sizes.append(self.size)
        self.canvas.showPage()
        self.page += 1
        self.size = (PAGE_HEIGHT, PAGE_WIDTH) if self.landscape else (PAGE_WIDTH, PAGE_HEIGHT)
        self.canvas.setPageSize(self.size)
        self.y = self.size[1] - MARGIN_TOP

    def orient(self, landscape: bool) -> None:
        self.landscape = landscape

    def close(self) -> None:
        self.page_sizes.append(self.size)
        super().close()

    def _footer(self) -> None:
        self.text_at(str(self.page), 9, self.size[0] / 2, FOOTER_Y, "c")


def _placed(rows: Sequence[Sequence], ncols: int) -> list[tuple[int, int, Cell]]:
    out = []
    for r, row in enumerate(rows):
        for c, spec in enumerate(row[:ncols]):
            if spec is not None:
                out.append((r, c, Cell(spec) if isinstance(spec, str) else spec))
    return out


def row_heights(table: Table, rows: Sequence[Sequence]) -> list[float]:
    """Row heights exactly as render.draw_table computes them (wrapped lines, stretched spans)."""
    line_h = table.font_size * LEADING
    heights = [line_h + 2 * PAD_Y] * len(rows)
    placed = _placed(rows, len(table.widths))

    def need(c: int, cell: Cell) -> float:
        width = sum(table.widths[c:c + cell.colspan]) - 2 * PAD_X - cell.indent
        lines = wrap(cell.text, table.font_size, width) if cell.text else []
        return max(1, len(lines)) * line_h + 2 * PAD_Y

    for r, c, cell in placed:
        if cell.rowspan == 1:
            heights[r] = max(heights[r], need(c, cell))
    for r, c, cell in placed:
        if cell.rowspan > 1:
            last = r + cell.rowspan - 1
            deficit = need(c, cell) - sum(heights[r:last + 1])
            if deficit > 0:
                heights[last] += deficit
    return heights


def paginate(table: Table, first_room: float, next_room: float) -> list[int]:
    """Page offset of each body row; forced breaks make render.draw_table follow the same plan."""
    header_h = sum(row_heights(table, table.header))
    heights = row_heights(table, table.body)
    offsets, page, room, on_page = [], 0, first_room - header_h, 0
    for h in heights:
        if on_page and h > room - 1.0:  # a point of slack: break no later than render would
            page += 1
            room = next_room - (header_h if table.repeat_header else 0) - continued_height(table)
            on_page = 0
        offsets.append(page)
        room -= h
        on_page += 1
    table.break_after = frozenset(i for i in range(len(offsets) - 1) if offsets[i + 1] != offsets[i])
    return offsets


class Renderer:
    """Typesets a composed document; records where every figure lands."""

    def __init__(self, comp: Composed, target, anchors: dict[str, int] | None = None):
        self.comp = comp
        word = "决算" if comp.kind == "final_accounts" else "预算"
        self.doc = SynDocument(target, title=f"{comp.doc.year} 年度{comp.doc.unit.name}{word}", author=comp.doc.unit.name)
        self.anchors: dict[str, int] = {}
        self.printed_anchors = anchors
        self.part = ""
        if comp.doc.layout is not None:  # corpus.traits' mixed fonts: digits in a Latin font, shifted
            self.doc.digits = comp.doc.layout.digits
            self.doc.overflow = getattr(comp.doc.layout, "overflow", False)

    def run(self) -> None:
        self._cover()
        self._contents()
        for step in self.comp.flow:
            getattr(self, "_" + step[0])(*step[1:])
        self.doc.close()

    # -- front matter
    def _cover(self) -> None:
        doc = self.doc
        doc.skip(180)
        for text, size in self.comp.cover:
            doc.line(text, size, "c", leading=2.0)

    def _contents(self) -> None:
        doc, fam = self.doc, self.comp.doc.family.key
        doc.new_page()
        doc.line("目 录", 18, "c", leading=2.0)
        if fam == "sichuan":
            doc.line(f"公开时间：{self.comp.doc.year + 1} 年 9 月 26 日", 11, "c", leading=2.0)
        numbered = fam in ("sichuan", "shanxi")
        for text, level, anchor in self.comp.contents:
            self.comp.contents_pages[anchor] = doc.page
            if numbered:
                page = str((self.printed_anchors or {}).get(anchor, ""))
                doc.leader_line(text, page, 11, indent=2 * level)
            else:
                doc.line(("    " * level) + text, 11, "l", leading=1.8)

    # -- body
    def _part(self, title: str, anchor: str) -> None:
        self.doc.orient(False)
        self.doc.new_page()
        self.anchors[anchor] = self.doc.page
        self.part = anchor
        self.doc.line(title, 16, "c", leading=2.4)

    def _section(self, text: str) -> None:
        self.anchors[f"{self.part}:{text}"] = self.doc.page
        self.doc.skip(4)
        self.doc.line(text, 13, "l", leading=1.9)

    def _blocks(self, blocks: Sequence[tuple[str, str]]) -> None:
        for kind, text in blocks:
            if kind == "section":
                self._section(text)
            elif kind == "composition":
                self.doc.skip(6)
                draw_table(self.doc, self.comp.composition_table)
            else:
                self.paragraph(text)

    def paragraph(self, text: str, size: float = 11) -> list[tuple[str, int]]:
        """Render.Document.paragraph, keeping each line's page."""
        doc = self.doc
        out = []
        for i, line in enumerate(wrap("\u3000\u3000" + text, size, doc.width)):
            doc.ensure(size * 1.6)
            x = doc.left + (2 * size if i == 0 else 0)
            doc.text_at(line.lstrip("\u3000"), size, x, doc.y - size, "l")
            doc.y -= size * 1.6
            out.append((line, doc.page))
        doc.y -= size * 0.4
        return out

    def _narrative(self) -> None:
        narrative = self.comp.narrative
        lines_of: dict[int, list[tuple[str, int]]] = {}
        for index, (kind, text) in enumerate(narrative.blocks):
            if kind == "section":
                self._section(text)
            elif kind == "text":
                lines_of[index] = self.paragraph(text)
                self.comp.block_pages[index] = lines_of[index][0][1]
        for fig in narrative.figures:
            fig.page = _page_of_occurrence(lines_of[fig.block], fig.text, fig.occurrence)

    def _tables(self) -> None:
        for n, model in enumerate(self.comp.tables):
            self.table_page(model, first=n == 0)

    def _sheets(self) -> None:
        for n, sheet in enumerate(self.comp.sheets):
            if n:
                self.doc.new_page()
            for text, size, align in sheet.heading:
                self.doc.line(text, size, align, leading=1.7)
            draw_table(self.doc, sheet.table)
            self.doc.skip(4)
            for line in sheet.after:
                self.doc.paragraph(line, 9, indent=0, leading=1.5, after=0)

    # -- one standard table
    def table_page(self, model: TableModel, first: bool) -> None:
        doc, ctx = self.doc, self.comp.doc
        doc.orient(model.landscape)
        doc.new_page()
        self.anchors[f"table:{model.canonical}"] = doc.page
        if first and ctx.family.key == "shanghai":
            doc.line(f"{model.unit_label or ctx.unit.name} {ctx.year} 年度部门决算表", 14, "c", leading=2.0)
        self._title_block(model)
        offsets = paginate(model.table, doc.room(), doc.page_room())
        model.first_page = doc.page
        model.row_pages = [model.first_page + o for o in offsets]
        draw_table(doc, model.table)
        if model.row_pages and doc.page != model.row_pages[-1]:  # figure pages would be wrong: fail loudly
            raise RuntimeError(f"{self.comp.file_name} {model.canonical}: page breaks differ from render.draw_table's")
        for fig in model.figures:
            fig.page = model.row_pages[fig.row]
        doc.skip(6)
        for i, note in enumerate(model.notes):
            doc.paragraph(note, 9, indent=0 if i == 0 else 2, leading=1.5, after=0)

    def _title_block(self, model: TableModel) -> None:
        doc, ctx = self.doc, self.comp.doc
        fam, name, y = ctx.family.key, model.unit_label or ctx.unit.name, ctx.year
        x0, width = table_left(doc, model.table), sum(model.table.widths)
        unit_word = f"单位：{model.money_unit}"
        if fam == "sichuan":
            doc.spread("", "", model.number, 9, x0, width)
            doc.line(model.title, 16, "c", leading=1.8)
            doc.spread(f"单位名称：{name}", f"{y}年度", unit_word, 9, x0, width)
        elif fam == "hubei":
            doc.line(model.title, 15, "c", leading=1.8)
            doc.spread("", "", model.number, 9, x0, width)
            doc.spread(f"部门：{name}", "", unit_word, 9, x0, width)
        elif fam == "shandong":
            doc.line(model.title, 15, "c", leading=1.8)
            doc.spread("", "", model.number, 9, x0, width)
            doc.spread(f"单位：{name}", "", f"金额{unit_word}", 9, x0, width)
        elif fam == "shanxi":
            doc.line(model.title, 15, "c", leading=1.8)
            doc.spread("", "", model.number, 9, x0, width)
            doc.spread(f"部门名称：{name}", f"{y}年度", f"金额{unit_word}", 9, x0, width)
        elif fam == "budget_shanghai":
            doc.line(model.title, 15, "c", leading=1.8)
            doc.spread(f"编制部门：{name}", "", unit_word, 9, x0, width)
        elif fam == "budget_jiangsu":
            doc.line(model.title, 15, "c", leading=1.8)
            doc.spread(f"部门：{name}", "", unit_word, 9, x0, width)
        else:
            doc.line(model.title, 15, "c", leading=1.8)
            doc.spread("", "", unit_word, 9, x0, width)


def _page_of_occurrence(lines: list[tuple[str, int]], needle: str, occurrence: int) -> int:
    seen = 0
    for line, page in lines:
        count = line.count(needle)
        if seen + count > occurrence:
            return page
        seen += count
    return lines[-1][1] if lines else 0


def render_pdf(comp: Composed, path: str) -> None:
    """Typeset ``comp`` to ``path``; families whose contents print page numbers take two passes."""
    anchors = None
    if comp.doc.family.key in ("sichuan", "shanxi"):  # every pass computes the same layout
        first = Renderer(comp, io.BytesIO())
        first.run()
        anchors = first.anchors
    Renderer(comp, path, anchors).run()


# --------------------------------------------------------------------------- corpus generation

@dataclass(frozen=True)
class Plan:
    """What to generate: deterministic given these numbers."""

    units: int
    years: int
    seed: int
    error_rate: float = 0.0
    last_year: int = LAST_YEAR_DEFAULT
    # report kinds written per unit and year: final_accounts (决算) and / or budget (corpus.budget)
    kinds: tuple[str, ...] = ("final_accounts",)
    mismatch_rate: float = 0.0  # share of budget reports whose 三公 differs from the 决算's 年初预算

    def documents(self) -> list[tuple[Unit, int]]:
        """(unit, year) of every 决算 (and, with ``kinds``, of every budget report beside it)."""
        units = make_units(self.units, self.seed)
        years = range(self.last_year - self.years + 1, self.last_year + 1)
        return [(unit, year) for unit in units for year in years]

    def reports(self) -> list[tuple[Unit, int, str]]:
        """(unit, year, kind) of every document the plan writes."""
        return [(unit, year, kind) for unit, year in self.documents() for kind in self.kinds]


def composed(plan: Plan, unit: Unit, year: int) -> Composed:
    """The document as printed: composed, then (at the plan's rate) one injected error."""
    comp = compose(unit, year, plan.seed)
    rng = random.Random(f"errors:{plan.seed}:{unit.index}:{year}")
    if plan.error_rate and rng.random() < plan.error_rate:
        inject_error(comp, rng)
    return comp


def sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pdf_task(args: tuple[Plan, Unit, int, str]) -> list[dict]:
    """Render the reports of one unit and year; their ground truth (injected errors, then the
    budget report's mismatch record, kind ``initial_budget_mismatch``)."""
    plan, unit, year, out_dir = args
    out: list[dict] = []
    final_id = None
    if "final_accounts" in plan.kinds:
        comp = composed(plan, unit, year)
        path = os.path.join(out_dir, comp.file_name)
        render_pdf(comp, path)
        final_id = sha256_file(path)
        out += ground_truth(comp, final_id) if comp.errors else []
    if "budget" in plan.kinds:
        from corpus.budget import compose_budget

        comp, comp.approved = compose_budget(unit, year, plan.seed, plan.mismatch_rate)
        path = os.path.join(out_dir, comp.file_name)
        render_pdf(comp, path)
        out += budget_truth(plan, comp, final_id, sha256_file(path))
    return out


def generate_pdfs(plan: Plan, out_dir: str, jobs: int = 1, progress: bool = True) -> dict:
    """Write every document of ``plan`` to ``out_dir`` (``jobs`` worker processes) with its ground truth."""
    os.makedirs(out_dir, exist_ok=True)
    started = time.monotonic()
    tasks = [(plan, unit, year, out_dir) for unit, year in plan.documents()]
    records: list[dict] = []
    mismatches: list[dict] = []
    if jobs <= 1:
        for n, task in enumerate(tasks, start=1):
            for record in _pdf_task(task):
                (mismatches if record["kind"] == "initial_budget_mismatch" else records).append(record)
            _progress(progress, n, len(tasks), started)
    else:
        # Fresh workers every 50 documents keep memory flat over long runs.
        with mp.get_context("fork").Pool(jobs, maxtasksperchild=50) as pool:
            for n, result in enumerate(pool.imap_unordered(_pdf_task, tasks, chunksize=4), start=1):
                for record in result:
                    (mismatches if record["kind"] == "initial_budget_mismatch" else records).append(record)
                _progress(progress, n, len(tasks), started)
    records.sort(key=lambda r: (r["file"], r["kind"]))
    with open(os.path.join(out_dir, "ground_truth.jsonl"), "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    if "budget" in plan.kinds:
        write_jsonl(os.path.join(out_dir, "budget_ground_truth.jsonl"), mismatches)
    manifest = {"units": plan.units, "years": plan.years, "seed": plan.seed, "error_rate": plan.error_rate,
                "last_year": plan.last_year, "kinds": list(plan.kinds), "mismatch_rate": plan.mismatch_rate,
                "documents": len(tasks) * len(plan.kinds), "errors": len(records), "mismatches": len(mismatches)}
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=1)
    manifest["seconds"] = round(time.monotonic() - started, 1)
    return manifest


def write_jsonl(path: str, records: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for record in sorted(records, key=lambda r: (r["file"], r["kind"])):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _progress(enabled: bool, done: int, total: int, started: float) -> None:
    if enabled and (done == total or done % 50 == 0):
        rate = done / max(1e-9, time.monotonic() - started)
        print(f"  {done}/{total} documents, {rate:.1f}/s", file=sys.stderr, flush=True)


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


def _names_by_code(comp: Composed) -> dict[str, dict[str, str]]:
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
    for code, by_table in sorted(_names_by_code(comp).items()):
        labels = sorted(set(by_table.values()))
        if any(not _same_name(a, b) for a in labels for b in labels):
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


# --------------------------------------------------------------------------- comparing an ingest with the plan

def expected_figures(comp: Composed) -> list[tuple]:
    """(table, code, item, measure, amount 万元, page) of every printed figure of the document's tables."""
    out = []
    for model in comp.tables:
        for fig in model.figures:
            if fig.cents is not None:
                out.append((model.canonical, fig.code, fig.item, fig.measure, Decimal(fig.cents).scaleb(-2), fig.page))
    return out


def compare(out_dir: str, db_path: str, limit_examples: int = 3) -> dict:
    """Figure by figure: what the extractor stored for each PDF of ``out_dir`` against what was printed."""
    import duckdb  # the warehouse's engine; only this command needs it here

    with open(os.path.join(out_dir, "manifest.json"), encoding="utf-8") as handle:
        manifest = json.load(handle)
    plan = Plan(manifest["units"], manifest["years"], manifest["seed"], manifest["error_rate"], manifest["last_year"])
    by_file = {file_name_of(u, y): (u, y) for u, y in plan.documents()}
    con = duckdb.connect(db_path, read_only=True)
    rows = con.execute(
        "SELECT d.source_file, c.table_name, c.subject_code, c.line_item, c.measure, c.amount_wan, c.page_number, "
        "c.row_index, c.col_index, c.row_label, c.header_text FROM raw.table_cells c JOIN raw.documents d USING (document_id) "
        "WHERE c.status = 'number'").fetchall()
    page_rows = con.execute("SELECT d.source_file, p.page_number, p.text FROM raw.pages p JOIN raw.documents d USING (document_id)").fetchall()
    con.close()
    texts = {(f, n): t for f, n, t in page_rows}
    extracted: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        extracted[row[0]].append(row[1:])
    report = {"documents": 0, "expected": 0, "matched": 0, "keyed_differently": 0, "missing": 0, "unexpected": 0,
              "problems": {}}
    for file_name, cells in sorted(extracted.items()):
        if file_name not in by_file:
            continue
        unit, year = by_file[file_name]
        comp = composed(plan, unit, year)
        _layout_pages(comp)
        _compare_document(comp, cells, report, limit_examples)
        _check_ground_truth(comp, cells, texts, report)
    return report


def _layout_pages(comp: Composed) -> None:
    """Run the typesetter into memory so that figures know their pages."""
    Renderer(comp, io.BytesIO()).run()


def _key_kind(code: str | None, item: str | None) -> str:
    """How a row is keyed, without the particular code: ``7-digit code``, ``line total_income``."""
    if code:
        return f"{len(code)}-digit code"
    return f"line {item}" if item else "no key"


def _compare_document(comp: Composed, cells: list[tuple], report: dict, limit: int) -> None:
    report["documents"] += 1
    family = comp.doc.family.key
    pool = Counter((c[0], c[1], c[2], c[3], c[4]) for c in cells)
    by_place = defaultdict(list)
    for c in cells:
        by_place[(c[0], c[5], c[4])].append(c)
    leftovers = []
    tally = report.setdefault("by_family", {}).setdefault(family, {"expected": 0, "matched": 0})
    for table, code, item, measure, amount, page in expected_figures(comp):
        report["expected"] += 1
        tally["expected"] += 1
        key = (table, code, item, measure, amount)
        if pool[key] > 0:
            pool[key] -= 1
            report["matched"] += 1
            tally["matched"] += 1
        else:
            leftovers.append((table, code, item, measure, amount, page))
    for table, code, item, measure, amount, page in leftovers:
        near = [c for c in by_place.get((table, page, amount), []) if pool[(c[0], c[1], c[2], c[3], c[4])] > 0]
        if near:
            c = near[0]
            pool[(c[0], c[1], c[2], c[3], c[4])] -= 1
            report["keyed_differently"] += 1
            reason = (f"{family} {table}: {_key_kind(code, item)} / {measure} "
                      f"read as {_key_kind(c[1], c[2])} / {c[3]}")
        else:
            report["missing"] += 1
            reason = f"{family} {table}: {_key_kind(code, item)} / {measure} not read"
        _note(report, reason, f"{comp.file_name} p{page} {code or item} {measure}={amount}", limit)
    for key, count in pool.items():
        if count > 0:
            report["unexpected"] += count
            _note(report, f"{family} {key[0]}: figure nobody printed, read as {_key_kind(key[1], key[2])} / {key[3]}",
                  f"{comp.file_name} {key[4]}", limit)


def _check_ground_truth(comp: Composed, cells: list[tuple], texts: dict, report: dict) -> None:
    """Each injected error is where ground_truth.jsonl says: the misprint read back on its page, the
    narrative figure in that page's text, the missing table absent and its title on the contents page."""
    for record in ground_truth(comp, None):
        page_text = normalise(texts.get((comp.file_name, record["page"]), ""))
        if record["kind"] in ("changed_cell", "wrong_total"):
            found = any(c[0] == record["table"] and c[5] == record["page"] and c[4] == Decimal(record["printed_value"])
                        for c in cells)
        elif record["kind"] == "narrative_mismatch":
            found = normalise(record["printed_text"]) in page_text
        else:
            found = not any(c[0] == record["table"] for c in cells) and normalise(record["title"]).replace(f"{comp.doc.year}年度", "") in page_text
        report["ground_truth_checked"] = report.get("ground_truth_checked", 0) + 1
        report["ground_truth_found"] = report.get("ground_truth_found", 0) + int(found)
        if not found:
            _note(report, f"ground truth not confirmed: {record['kind']}", f"{comp.file_name} {record}", 3)


def _note(report: dict, reason: str, example: str, limit: int) -> None:
    entry = report["problems"].setdefault(reason, {"count": 0, "examples": []})
    entry["count"] += 1
    if len(entry["examples"]) < limit:
        entry["examples"].append(example)


# --------------------------------------------------------------------------- raw layer without PDFs

@dataclass
class _VPage:
    width: float
    height: float
    lines: list[str] = field(default_factory=list)


class VirtualLayout:
    """A fast stand-in for the typesetter: estimated heights, same page structure.

    ``raw`` mode has no PDF, so page numbers and positions are estimates (±1 page); the
    figures, keys and row order are exactly those of the PDF the same plan would print.
    """

    def __init__(self, comp: Composed):
        self.comp = comp
        self.pages: list[_VPage] = [_VPage(PAGE_WIDTH, PAGE_HEIGHT)]
        self.y = MARGIN_TOP
        self.grids: list[dict] = []  # grid rows of every table, as the extractor stores them
        self.instances: list[tuple[TableModel, int, int]] = []  # (model, first page, last page)

    @property
    def page(self) -> int:
        return len(self.pages)

    def new_page(self, landscape: bool = False) -> None:
        self.pages.append(_VPage(PAGE_HEIGHT, PAGE_WIDTH) if landscape else _VPage(PAGE_WIDTH, PAGE_HEIGHT))
        self.y = MARGIN_TOP

    def room(self) -> float:
        return self.pages[-1].height - MARGIN_BOTTOM - self.y

    def line(self, text: str, height: float) -> int:
        if height > self.room():
            self.new_page(self.pages[-1].width > self.pages[-1].height)
        self.pages[-1].lines.append(text)
        self.y += height
        return self.page

    def run(self) -> None:
        comp = self.comp
        for text, _size in comp.cover:
            self.pages[0].lines.append(text)
        self.new_page()
        self.line("目 录", 36)
        for text, _level, anchor in comp.contents:
            comp.contents_pages[anchor] = self.line(text, 19.8)
        for step in comp.flow:
            getattr(self, "_" + step[0])(*step[1:])

    def _part(self, title: str, _anchor: str) -> None:
        self.new_page()
        self.line(title, 38)

    def _blocks(self, blocks) -> None:
        for kind, text in blocks:
            if kind == "section":
                self.line(text, 29)
            elif kind == "text":
                self.paragraph(text)

    def paragraph(self, text: str) -> list[tuple[int, int]]:
        """Lines of about 46 characters; returns (start offset, page) of each line."""
        out = []
        for start in range(0, max(1, len(text)), 46):
            out.append((start, self.line(text[start:start + 46], 17.6)))
        self.y += 4.4
        return out

    def _narrative(self) -> None:
        narrative = self.comp.narrative
        lines_of = {}
        for index, (kind, text) in enumerate(narrative.blocks):
            if kind == "section":
                self.line(text, 29)
            else:
                lines_of[index] = self.paragraph(text)
        for fig in narrative.figures:
            offset = _nth(narrative.blocks[fig.block][1], fig.text, fig.occurrence)
            fig.page = next((page for start, page in reversed(lines_of[fig.block]) if start <= offset), self.page)

    def _sheets(self) -> None:
        for sheet in self.comp.sheets:
            self.new_page()
            for text, _size, _align in sheet.heading:
                self.line(text, 24)
            for row in sheet.table.body:
                self.line(" ".join(_cell_text(c) for c in row if c is not None).strip(), 16)

    def _tables(self) -> None:
        for model in self.comp.tables:
            self.table(model)

    def table(self, model: TableModel) -> None:
        self.new_page(model.landscape)
        if model.number:
            self.line(model.number, 14)
        self.line(model.title, 29)
        self.line(f"单位：{model.money_unit}", 15)
        table = model.table
        header = [_est_height(table, row) for row in table.header]
        left = MARGIN_X + max(0.0, (self.pages[-1].width - 2 * MARGIN_X - sum(table.widths)) / 2)
        lefts = [left + sum(table.widths[:c]) for c in range(len(table.widths))]
        first = self.page
        row_index, grid_top = self._grid_header(model, header)
        model.row_pages, model.row_index, model.row_top = [], [], []
        for row in table.body:
            h = _est_height(table, row)
            if h > self.room():
                self.new_page(model.landscape)
                row_index, grid_top = self._grid_header(model, header) if table.repeat_header else (0, self.y)
            model.row_pages.append(self.page)
            model.row_index.append(row_index)
            model.row_top.append(round(self.y, 2))
            self._grid_row(model, row_index, grid_top, row)
            self.pages[-1].lines.append(" ".join(_cell_text(c) for c in row if c is not None).strip())
            self.y += h
            row_index += 1
        model.first_page, model.col_left = first, lefts
        for note in model.notes:
            self.line(note, 13.5)
        for fig in model.figures:
            fig.page = model.row_pages[fig.row]
        self.instances.append((model, first, self.page))

    def _grid_header(self, model: TableModel, heights: list[float]) -> tuple[int, float]:
        top = self.y
        for i, row in enumerate(model.table.header):
            self._grid_row(model, i, top, row)
            self.pages[-1].lines.append(" ".join(_cell_text(c) for c in row if c is not None).strip())
            self.y += heights[i]
        return len(model.table.header), top

    def _grid_row(self, model: TableModel, row_index: int, top: float, row: Sequence) -> None:
        self.grids.append({"page_number": self.page, "model": model, "grid_top": round(top, 2), "row_index": row_index,
                           "cells": [_cell_text(c) for c in row]})


def _cell_text(spec) -> str:
    if spec is None:
        return ""
    return spec.text if isinstance(spec, Cell) else str(spec)


def _est_height(table: Table, row: Sequence) -> float:
    """Rows are one line unless a cell's text is wider than its cell (estimated at 1 em per character)."""
    lines = 1
    font = table.font_size
    for c, spec in enumerate(row):
        if spec is None:
            continue
        text = _cell_text(spec)
        if text and len(text) * font > table.widths[c] - 2 * PAD_X:
            span = spec.colspan if isinstance(spec, Cell) else 1
            width = sum(table.widths[c:c + span]) - 2 * PAD_X
            lines = max(lines, math.ceil(len(text) * font * (0.55 if text.isascii() else 1.0) / max(width, 1)))
    return lines * font * LEADING + 2 * PAD_Y


# The raw tables the synthetic raw writer fills, by the name of their records in a batch; their columns
# and types are the warehouse's own (ingestion/raw/tables.py).
RAW_TARGETS = (("documents", "documents"), ("pages", "pages"), ("tables", "table_instances"), ("cells", "table_cells"),
               ("grid_rows", "table_grid_rows"), ("narrative", "narrative_figures"), ("contents", "contents_entries"))


def document_id_of(plan: Plan, unit: Unit, year: int, kind: str = "final_accounts") -> str:
    """sha256 of the synthetic document's identity (what decides every byte it would print)."""
    identity = f"juesuan-synthetic:v1:seed={plan.seed}:unit={unit.index}:year={year}:errors={plan.error_rate}"
    if kind == "budget":
        identity += f":budget:mismatches={plan.mismatch_rate}"
    return hashlib.sha256(identity.encode()).hexdigest()


def raw_extraction(plan: Plan, unit: Unit, year: int, kind: str = "final_accounts"):
    """The records the extractor would write for this document's PDF (ingestion.read.extract.Extraction)."""
    from ingestion.read import Extraction, read_contents, read_narrative, region_of

    if kind == "budget":
        from corpus.budget import compose_budget

        comp, comp.approved = compose_budget(unit, year, plan.seed, plan.mismatch_rate)
    else:
        comp = composed(plan, unit, year)
    layout = VirtualLayout(comp)
    layout.run()
    seq_of = {id(model): n for n, (model, _, _) in enumerate(layout.instances, start=1)}
    document = {
        "document_id": document_id_of(plan, unit, year, kind), "source_file": comp.file_name,
        "source_path": f"synthetic://seed-{plan.seed}/{comp.file_name}", "file_size": None, "page_count": layout.page,
        "unit_name": unit.name, "fiscal_year": year, "report_kind": kind,
        "scope": {"部门": "department", "单位": "unit"}[unit.kind], "region": region_of(unit.name),
    }
    pages = [{"page_number": n, "text": "\n".join(p.lines), "char_count": sum(len(line.replace(" ", "")) for line in p.lines),
              "width": p.width, "height": p.height} for n, p in enumerate(layout.pages, start=1)]
    tables, cells = [], []
    for model, first, last in layout.instances:
        seq = seq_of[id(model)]
        figures = [_cell_record(model, seq, fig) for fig in model.figures]
        cells += figures
        count = sum(1 for c in figures if c["status"] == "number")
        tables.append({"table_seq": seq, "table_name": model.canonical, "title_text": model.title,
                       "numbering": normalise(model.number), "amount_unit": model.money_unit, "first_page": first,
                       "last_page": last, "is_empty": count == 0, "empty_note": model.empty_note, "figure_count": count,
                       "column_headers": model.header_paths, "body_row_count": len({fig.row for fig in model.figures})})
    grid_rows = [{"page_number": g["page_number"], "table_seq": seq_of[id(g["model"])], "grid_top": g["grid_top"],
                  "row_index": g["row_index"], "cells": g["cells"]} for g in layout.grids]
    # the narrative and the contents list are read from the page text by the extractor's own readers
    table_pages = frozenset(g["page_number"] for g in grid_rows)
    narrative, contents = read_narrative(pages, year, table_pages if kind == "budget" else frozenset(), kind), read_contents(pages)
    return Extraction(document=document, pages=pages, tables=tables, cells=cells, grid_rows=grid_rows,
                      narrative=narrative, contents=contents, errors=[]), comp


def _cell_record(model: TableModel, seq: int, fig: Figure) -> dict:
    text = fig.text
    if fig.cents is not None:
        value = Decimal(normalise(text).replace(",", ""))
        amount = value / Decimal(10000) if model.money_unit == "元" else value
        status = "number"
    else:
        value = amount = None
        status = "not_applicable" if text.strip("—-") == "" and text else "blank" if not text.strip() else "error"
    keep_item = fig.code is None or model.canonical == "three_public"
    return {
        "table_seq": seq, "table_name": model.canonical, "page_number": fig.page, "row_index": model.row_index[fig.row],
        "col_index": fig.col, "group_index": fig.group, "side": fig.side, "subject_code": fig.code, "row_label": fig.label,
        "line_item": fig.item if keep_item else None, "header_text": fig.header, "measure": fig.measure, "value_text": text,
        "value": None if value is None else str(value), "amount_wan": None if amount is None else str(amount),
        "status": status, "x0": round(model.col_left[fig.col], 2), "top": model.row_top[fig.row],
    }


def _raw_batch(args: tuple[Plan, list[tuple[Unit, int]]]) -> dict[str, list]:
    """Column-wise records of a batch of documents (cheap to send between processes)."""
    plan, docs = args
    from ingestion import EXTRACTOR_VERSION

    out: dict[str, dict[str, list]] = {name: {c: [] for c in TABLES[table].names} for name, table in RAW_TARGETS}
    now = time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime())
    errors, mismatches = [], []
    for unit, year, kind in docs:
        extraction, comp = raw_extraction(plan, unit, year, kind)
        doc_id = extraction.document["document_id"]
        row = dict(extraction.document, extractor_version=EXTRACTOR_VERSION, ingested_at=now)
        for column in out["documents"]:
            out["documents"][column].append(row.get(column))
        for name, records in (("pages", extraction.pages), ("tables", extraction.tables), ("cells", extraction.cells),
                              ("grid_rows", extraction.grid_rows), ("narrative", extraction.narrative),
                              ("contents", extraction.contents)):
            columns = out[name]
            for record in records:
                for column in columns:
                    value = doc_id if column == "document_id" else record.get(column)
                    # exact amounts travel as text (a Decimal column would become float in pandas)
                    columns[column].append(str(value) if isinstance(value, Decimal) else value)
        errors += ground_truth(comp, doc_id)
        mismatches += budget_truth(plan, comp, document_id_of(plan, unit, year), doc_id)
    return {"frames": out, "errors": errors, "mismatches": mismatches}


def budget_truth(plan: Plan, comp: Composed, final_id: str | None, budget_id: str | None) -> list[dict]:
    """The injected 三公 mismatch of a budget report, as the finding on its 决算 it should cause."""
    mismatch = getattr(comp.approved, "mismatch", None) if comp.kind == "budget" else None
    if not mismatch:
        return []
    from corpus.budget import mismatch_rows

    unit, year = comp.doc.unit, comp.doc.year
    return [{"file": file_name_of(unit, year), "document_id": final_id, "budget_file": comp.file_name,
             "budget_document_id": budget_id, "kind": "initial_budget_mismatch", "table": "three_public",
             "category": mismatch["category"], "row_keys": mismatch_rows(mismatch),
             "stated_value": _dec(mismatch["stated"]), "approved_value": _dec(mismatch["approved"])}]


def _write_batch(con, batch: dict[str, dict[str, list]]) -> None:
    """One transaction per batch: drop earlier versions of these documents, insert every raw table."""
    import pandas as pd

    ids = pd.DataFrame({"document_id": batch["documents"]["document_id"]})  # noqa: F841 (read by DuckDB)
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("batch_ids", ids)
        for table in ("raw.pages", "raw.table_instances", "raw.table_cells", "raw.table_grid_rows", "raw.ingest_errors",
                      "raw.narrative_figures", "raw.contents_entries", "raw.documents"):
            con.execute(f"DELETE FROM {table} WHERE document_id IN (SELECT document_id FROM batch_ids)")  # noqa: S608
        con.unregister("batch_ids")
        for name, table in RAW_TARGETS:
            columns, kinds = batch[name], TABLES[table].types
            if not columns["document_id"]:
                continue
            frame = pd.DataFrame(columns)  # noqa: F841 (read by DuckDB)
            select = ", ".join(f"CAST({c} AS {kinds[c]})" for c in columns)
            con.register("batch_frame", frame)
            con.execute(f"INSERT INTO raw.{table} ({', '.join(columns)}) SELECT {select} FROM batch_frame")  # noqa: S608
            con.unregister("batch_frame")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def generate_raw(plan: Plan, db_path: str, jobs: int = 1, batch_size: int = 100, per_document: bool = False,
                 progress: bool = True) -> dict:
    """Write every document of ``plan`` into the raw layer of ``db_path`` (no PDFs)."""
    from ingestion.raw import connect, write_document

    started = time.monotonic()
    docs = plan.reports()
    con = connect(db_path)
    con.execute("SET memory_limit = '512MB'")  # DuckDB would otherwise cache up to 80% of RAM
    errors: list[dict] = []
    mismatches: list[dict] = []
    try:
        if per_document:  # the warehouse's own writer, one transaction per document
            for n, (unit, year, kind) in enumerate(docs, start=1):
                extraction, comp = raw_extraction(plan, unit, year, kind)
                write_document(con, extraction, replaces=[])
                errors += ground_truth(comp, extraction.document["document_id"])
                mismatches += budget_truth(plan, comp, document_id_of(plan, unit, year),
                                           extraction.document["document_id"])
                _progress(progress, n, len(docs), started)
        else:
            batches = [(plan, docs[i:i + batch_size]) for i in range(0, len(docs), batch_size)]
            pool = mp.get_context("fork").Pool(jobs) if jobs > 1 else None
            try:
                # Workers compose; this process is DuckDB's single writer. imap keeps batches in order.
                results = pool.imap(_raw_batch, batches) if pool else map(_raw_batch, batches)
                done = 0
                for result in results:
                    _write_batch(con, result["frames"])
                    errors += result["errors"]
                    mismatches += result["mismatches"]
                    done += len(result["frames"]["documents"]["document_id"])
                    _progress(progress, done, len(docs), started)
            finally:
                if pool:
                    pool.terminate()
    finally:
        con.close()
    return {"documents": len(docs), "errors": errors, "mismatches": mismatches,
            "seconds": round(time.monotonic() - started, 1)}


# --------------------------------------------------------------------------- command line

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m corpus.synthetic", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    helps = {"pdf": "typeset PDFs", "raw": "write the raw layer of a warehouse directly",
             "check": "recompute every identity from the printed figures (no output files)"}
    for name, target in (("pdf", "OUT_DIR"), ("raw", "DB_FILE"), ("check", None)):
        cmd = sub.add_parser(name, help=helps[name])
        if target:
            cmd.add_argument("target", metavar=target)
        cmd.add_argument("--units", type=int, default=10, help="budget units (families in turn)")
        cmd.add_argument("--years", type=int, default=1, help="fiscal years per unit, ending with --last-year")
        cmd.add_argument("--last-year", type=int, default=LAST_YEAR_DEFAULT)
        cmd.add_argument("--seed", type=int, default=1)
        cmd.add_argument("--error-rate", type=float, default=0.0, help="share of documents with one injected error")
        cmd.add_argument("--jobs", type=int, default=1, help="worker processes")
        cmd.add_argument("--budgets", action="store_true",
                         help="also write each unit's budget report (部门预算 / 单位预算) of the same year (corpus.budget)")
        cmd.add_argument("--mismatch-rate", type=float, default=0.0,
                         help="share of budget reports whose 三公 differs from the 决算's 年初预算 (budget_ground_truth)")
        cmd.add_argument("--quiet", action="store_true")
        if name == "raw":
            cmd.add_argument("--batch", type=int, default=100, help="documents per transaction")
            cmd.add_argument("--per-document", action="store_true",
                             help="use ingestion.raw.writer.write_document, one transaction per document (slower)")
    cmp = sub.add_parser("compare", help="compare what `juesuan ingest` read from OUT_DIR with what was printed")
    cmp.add_argument("target", metavar="OUT_DIR")
    cmp.add_argument("--db", required=True)
    cmp.add_argument("--json", action="store_true", help="print the full report as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "compare":
        return _compare_command(args)
    plan = Plan(args.units, args.years, args.seed, args.error_rate, args.last_year,
                ("final_accounts", "budget") if args.budgets else ("final_accounts",), args.mismatch_rate)
    if args.command == "check":
        return _check_command(plan)
    if args.command == "pdf":
        result = generate_pdfs(plan, args.target, args.jobs, progress=not args.quiet)
        print(f"{result['documents']} PDFs in {args.target} ({result['errors']} injected errors, "
              f"ground_truth.jsonl) in {result['seconds']} s")
        return 0
    result = generate_raw(plan, args.target, args.jobs, args.batch, args.per_document, progress=not args.quiet)
    truth = args.target + ".ground_truth.jsonl"
    with open(truth, "w", encoding="utf-8") as handle:
        for record in sorted(result["errors"], key=lambda r: (r["file"], r["kind"])):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    if args.budgets:
        write_jsonl(args.target + ".budget_ground_truth.jsonl", result["mismatches"])
    print(f"{result['documents']} documents into {args.target} ({len(result['errors'])} injected errors, {truth}; "
          f"{len(result['mismatches'])} budget mismatches) in {result['seconds']} s")
    return 0


def _check_command(plan: Plan) -> int:
    """Clean documents must satisfy every identity; documents with an injected error must not."""
    counts = Counter()
    for unit, year in plan.documents():
        comp = composed(plan, unit, year)
        violations = identity_violations(comp)
        if not comp.errors:
            counts["clean" if not violations else "inconsistent"] += 1
            if violations:
                print(f"  {comp.file_name}: {violations[:3]}")
        elif comp.errors[0]["kind"] in ("missing_table", "unreadable_figure"):
            counts[comp.errors[0]["kind"]] += 1  # decided by completeness, not by an identity
        elif violations:
            counts["caught"] += 1
        else:
            counts["silent"] += 1
            print(f"  {comp.file_name}: injected {comp.errors[0]['kind']} not visible in the identities")
    print(f"{len(plan.documents())} documents: {counts['clean']} clean and consistent, {counts['inconsistent']} clean but "
          f"inconsistent, {counts['caught']} injected figure errors caught by the identities, {counts['silent']} not caught, "
          f"{counts['missing_table']} with a listed table left out, {counts['unreadable_figure']} with a figure that "
          "is not a number")
    return 1 if counts["inconsistent"] or counts["silent"] else 0


def _compare_command(args) -> int:
    report = compare(args.target, args.db)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1, default=str))
        return 0
    problems = report.pop("problems")
    families = report.pop("by_family", {})
    print(", ".join(f"{k}: {v}" for k, v in report.items()))
    for family, tally in sorted(families.items()):
        print(f"  {family:9s} {tally['matched']}/{tally['expected']} figures read with the printed key and value")
    for reason, entry in sorted(problems.items(), key=lambda kv: (-kv[1]["count"], kv[0])):
        print(f"  {entry['count']:6d}  {reason}  e.g. {entry['examples'][0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
