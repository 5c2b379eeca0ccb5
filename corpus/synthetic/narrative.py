"""The 情况说明: the narrative sections and the figures they quote (NarrativeFigure), per family wording."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from corpus import classification as cls
from corpus.synthetic.amounts import plain_amount
from corpus.synthetic.basic_tables import three_public_values
from corpus.synthetic.families import DocContext
from corpus.synthetic.summary_tables import INCOME_LINES
from corpus.synthetic.tables import money

# --------------------------------------------------------------------------- narrative (情况说明)

# The 情况说明 sections as the contents page lists them (write_narrative prints the same titles).
SECTION_TITLES = (
    "一、收入支出决算总体情况说明", "二、收入决算情况说明", "三、支出决算情况说明", "四、财政拨款收入支出决算总体情况说明",
    "五、一般公共预算财政拨款支出决算情况说明", "六、一般公共预算财政拨款基本支出决算情况说明",
    "七、财政拨款“三公”经费支出决算情况说明", "八、政府性基金预算财政拨款收入支出决算情况说明",
    "九、国有资本经营预算财政拨款支出决算情况说明", "十、其他重要事项的情况说明")


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
    return plain_amount(cents)


def percent_of(part: int, whole: int) -> str:
    """``part`` as a share of ``whole``, 2 decimals (12.34%); 0% of nothing."""
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
            parts.append(f"{label}{s}{w.amount(item, value)}{s}万元，占{s}{percent_of(value, total)}；")
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
            parts.append(f"{label}{s}{w.amount(topic, value)}{s}万元，占{s}{percent_of(value, total)}；")
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
           f"占本年支出合计的{s}{percent_of(gb, led.total('total'))}。")
    parts = []
    for code, name in cls.SUMMARY_CLASSES:
        value = led.sum_over(code, "general_budget")
        if value:
            parts.append(f"{name}（类）{s}{w.amount('general_budget_class_' + code, value)}{s}万元，占{s}{percent_of(value, gb)}")
    if parts:
        w.text("主要用于以下方面：" + "；".join(parts) + "。")
    w.text(f"一般公共预算财政拨款支出年初预算为{s}{w.amount('general_budget_initial_budget', led.gb_budget)}{s}万元，"
           f"支出决算为{s}{w.amount('general_budget_expenditure', gb)}{s}万元，完成年初预算的{s}{percent_of(gb, led.gb_budget)}。"
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
    budget, actual = three_public_values(led, "budget"), three_public_values(led, "actual")
    w.section(SECTION_TITLES[6])
    if not budget["total"] and not actual["total"]:
        w.text(f"{doc.unit.name}{doc.year}{s}年度无“三公”经费财政拨款支出。")
        return
    w.text(f"“三公”经费财政拨款支出全年预算为{s}{w.amount('three_public_budget', budget['total'])}{s}万元，"
           f"支出决算为{s}{w.amount('three_public_actual', actual['total'])}{s}万元，"
           f"完成全年预算的{s}{percent_of(actual['total'], budget['total'])}。其中："
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
