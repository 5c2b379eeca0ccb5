"""The 基本支出 table (经济分类 rows), the 三公 table and the disclosure statistics table."""

from __future__ import annotations

from corpus import classification as cls
from corpus.render import Cell
from corpus.synthetic.coded_tables import no_data_note
from corpus.synthetic.families import LANDSCAPE_WIDTH, PORTRAIT_WIDTH, DocContext
from corpus.synthetic.ledger import Ledger
from corpus.synthetic.tables import Amt, Builder, TableModel

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


def three_public_values(led: Ledger, phase: str) -> dict[str, int]:
    """The 三公 parts of ``phase`` (budget or actual), 公务用车 subtotal and total, in hundredths of 万元."""
    parts = led.three_budget if phase == "budget" else led.three_actual
    values = dict(parts)
    values["vehicle_total"] = parts["vehicle_purchase"] + parts["vehicle_operation"]
    values["total"] = sum(parts.values())
    return values


def three_public_table(doc: DocContext, number: int) -> TableModel:
    """财政拨款“三公”经费支出决算表: (预算数, 决算数) pairs per category, or a 预算数 band then a 决算数 band."""
    fam, led = doc.family.key, doc.ledger
    budget, actual = three_public_values(led, "budget"), three_public_values(led, "actual")
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
        notes.append(no_data_note(doc, "财政拨款“三公”经费支出") if fam == "shandong" else
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
