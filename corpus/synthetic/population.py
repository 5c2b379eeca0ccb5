"""The units of the corpus (regions, agencies, one family each) and the plan of what to generate."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from corpus import classification as cls

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
