"""Where the 情况说明 narrative is read: the figures it states, and the tables its contents list names.

Page text is normalised (no whitespace, NFKC: full-width ，（） become ,() ) before
matching, because narrative lines break anywhere, even inside a figure (``占⏎88.98%``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ingestion.read.budget_narrative import BUDGET_AMOUNT_TOPICS, stated_change
from ingestion.read.numbers import normalise_text
from ingestion.read.rowkeys import CLASS_NAMES
from ingestion.read.titles import recognise_title

_NUM = r"(-?\d[\d,]*(?:\.\d+)?)"
# The 三公 categories as the text names them (NFKC: full-width brackets are ASCII here).
THREE_PUBLIC_CATEGORIES = {
    "overseas": r"因公出国\(境\)费(?:用)?",
    "vehicle": r"公务用车购置及运行(?:维护)?费",
    "vehicle_purchase": r"公务用车购置(?:费)?",  # never "购置及运行": 支出 or 决算 must follow
    "vehicle_operation": r"公务用车运行(?:维护)?(?:费)?",
    "reception": r"公务接待费",
}
_BUDGET_IS = r"(?:支出)?(?:年初|全年)?预算(?:数)?为"
# "…预算为 A 万元，支出决算为 " : what follows is the 决算 B of the same subject.
_BUDGET_THEN_ACTUAL_IS = _BUDGET_IS + r"[\d,.]+万元[,，]?(?:支出)?决算(?:数)?为"
# 支出 or 决算 must follow the name: a bare "公务接待费 0.5 万元" is usually an economic-classification
# amount (公用经费 主要包括…) or a budget breakdown, not the 三公 决算.
_ACTUAL_IS = r"(?:支出决算|决算|支出)(?:数)?为?"
# A sentence that is about 公用经费 / 机关运行经费 or a budget: its 支出 figures are not 三公 决算.
_NOT_THREE_PUBLIC_ACTUAL = re.compile(r"公用经费|机关运行经费|预算")


def _three_public_category_topics() -> list[tuple[str, str]]:
    """Per category: "预算为 A 万元，支出决算为 B 万元" (budget, then actual) and "支出决算 B 万元"."""
    topics = []
    for category, name in THREE_PUBLIC_CATEGORIES.items():
        topics += [
            (f"three_public_{category}_budget", name + _BUDGET_IS + _NUM + "万元"),
            (f"three_public_{category}_actual", name + _BUDGET_THEN_ACTUAL_IS + _NUM + "万元"),
            (f"three_public_{category}_actual", name + _ACTUAL_IS + _NUM + "万元"),
        ]
    return topics


def _not_this_actual(topic: str, text: str, match: re.Match) -> bool:
    """A category's "…费支出 X 万元" in a sentence about 公用经费, 机关运行经费 or a budget (without 决算)."""
    if not (topic.startswith("three_public_") and topic.endswith("_actual")) or "决算" in match.group(0):
        return False
    return bool(_NOT_THREE_PUBLIC_ACTUAL.search(re.split(r"[。;；]", text[:match.start()])[-1]))


_GOVERNMENT_FUND = r"政府性基金预算财政拨款(?:年初结转和结余[\d,.]+万元[,，]?)?(?:本年)?收入(?:决算数?)?(?:为)?"
# (topic, pattern): the amount is group 1, in 万元. Order matters: specific first.
AMOUNT_TOPICS: list[tuple[str, re.Pattern[str]]] = [
    (topic, re.compile(pattern))
    for topic, pattern in [
        ("fiscal_grand_total", r"财政拨款收(?:入)?、?支(?:出)?总计(?:均为|各为|为|分别为)?" + _NUM + "万元"),
        ("grand_total", r"(?<!财政拨款)收(?:入)?、?支(?:出)?总计(?:均为|各为|为|分别为)?" + _NUM + "万元"),
        ("total_income", r"本年收入合计" + _NUM + "万元"),
        ("total_expenditure", r"本年支出合计" + _NUM + "万元"),
        ("general_budget_basic", r"一般公共预算财政拨款基本支出(?:决算)?(?:为)?" + _NUM + "万元"),
        # "一般公共预算财政拨款支出年初预算为 A 万元，支出决算为 B 万元，完成…": B is the 支出, A no table prints
        ("general_budget_budget", r"一般公共预算财政拨款支出" + _BUDGET_IS + _NUM + "万元"),
        ("general_budget_expenditure", r"一般公共预算财政拨款支出" + _BUDGET_THEN_ACTUAL_IS + _NUM + "万元"),
        ("general_budget_expenditure", r"一般公共预算财政拨款支出(?:决算数?)?(?:为)?" + _NUM + "万元"),
        ("basic_expenditure", r"(?<!财政拨款)基本支出" + _NUM + "万元"),
        ("project_expenditure", r"(?<!财政拨款)项目支出" + _NUM + "万元"),
        ("personnel", r"人员经费" + _NUM + "万元"),
        ("public", r"公用经费" + _NUM + "万元"),
        ("three_public_budget", r"三公”?经费财政拨款支出(?:年初|全年)?预算(?:数)?为" + _NUM + "万元"),
        ("three_public_actual", r"三公”?经费财政拨款支出(?:年初|全年)?预算(?:数)?为[\d,.]+万元[,，]?支出决算(?:数)?为" + _NUM + "万元"),
        *_three_public_category_topics(),
        ("procurement_total", r"政府采购(?:支出)?(?:总额|金额)(?:[(（]以合同签订为准[)）])?(?:为)?" + _NUM + "万元"),
        ("procurement_goods", r"政府采购货物(?:支出|采购)?(?:为)?" + _NUM + "万元"),
        ("procurement_works", r"政府采购工程(?:支出|采购)?(?:为)?" + _NUM + "万元"),
        ("procurement_services", r"政府采购服务(?:支出|采购)?(?:为)?" + _NUM + "万元"),
        # the 政府性基金 section: "收入 X 万元，支出 Y 万元" (or "本年收入 X 万元，本年支出 Y 万元");
        # the income section's "收入 X 万元，占 Y%" is read with the shares
        ("government_fund_income", _GOVERNMENT_FUND + _NUM + r"万元(?=[,，]?(?:本年)?支出)"),
        ("government_fund_expenditure", _GOVERNMENT_FUND + r"[\d,.]+万元[,，]?(?:本年)?支出(?:决算数?)?(?:为)?"
         + _NUM + "万元"),
        ("operating_cost", r"机关运行经费(?:支出|决算)?(?:为)?" + _NUM + "万元"),
    ]
]
# "X 万元，占 Y%": a share of the total stated just before (本年收入合计 / 本年支出合计).
_SHARE = re.compile(r"([\u4e00-\u9fff()]{2,30}?)" + _NUM + r"万元[,，]?占(?:比)?" + _NUM + "%")
_SHARE_BASE = re.compile(r"(本年收入合计|本年支出合计|一般公共预算财政拨款支出)" + _NUM + "万元")
_BASE_TOPIC = {"本年收入合计": "total_income", "本年支出合计": "total_expenditure",
               "一般公共预算财政拨款支出": "general_budget_expenditure"}
# "一般公共服务支出（类）236.31万元": a 类 total of the 一般公共预算 expenditure table.
_CLASS_FIGURE = re.compile(r"([\u4e00-\u9fff]{2,14}支出|预备费)(?:\(类\))?" + _NUM + "万元")
# "预算为 A 万元，支出决算为 B 万元，完成预算的 R%": R against B / A.
_COMPLETION = [
    (topic, re.compile(prefix + r"(?:年初|全年)?预算(?:数)?为" + _NUM + r"万元[,，]?(?:支出)?决算(?:数)?为" + _NUM
                       + r"万元[,，]?完成(?:年初|全年)?预算(?:数)?的?" + _NUM + "%"))
    for topic, prefix in [("three_public_completion_rate", r"三公”?经费财政拨款支出"),
                          ("general_budget_completion_rate", r"一般公共预算财政拨款支出"),
                          *[(f"three_public_{c}_completion_rate", name + "(?:支出)?")
                            for c, name in THREE_PUBLIC_CATEGORIES.items()]]
]
# "因公出国(境)费决算为 B 万元，完成预算的 R%": the budget is the 三公 table's (base_topic names it).
_COMPLETION_OF_TABLE_BUDGET = [
    (category, re.compile(name + _ACTUAL_IS + _NUM + r"万元[,，]?完成(?:年初|全年)?预算(?:数)?的?" + _NUM + "%"))
    for category, name in THREE_PUBLIC_CATEGORIES.items()
]
# "因公出国(境)费支出决算 B 万元，占 R%": a share of the 三公 total (the table's, named by base_topic).
_THREE_PUBLIC_SHARE = re.compile("(" + "|".join(f"(?P<{c}>{name})" for c, name in THREE_PUBLIC_CATEGORIES.items())
                                 + ")" + _ACTUAL_IS + _NUM + r"万元[,，]?占(?:比)?" + _NUM + "%")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def read_narrative(pages: list[dict], fiscal_year: int | None = None, table_pages: frozenset[int] = frozenset(),
                   report_kind: str = "final_accounts") -> list[dict]:
    """Figures stated in the text of each page, one record per statement. A budget report's text
    is read with the budget topics (``budget_narrative``); a 决算's with the 决算 topics, shares and rates.

    Every money figure the topics leave unread on a page of prose (not one of ``table_pages``, whose
    figures are the tables' own) is kept as ``amount_other`` (after all topic records, so a topic
    record's figure_seq does not depend on them): no stated amount is lost."""
    figures: list[dict] = []
    others: list[dict] = []
    # the catch-all reads the text without a page-number footer (a prefix of the full text: same positions)
    bodies = [normalise_text(_without_page_number(page["text"])) for page in pages]
    for index, (page, body) in enumerate(zip(pages, bodies)):
        text = normalise_text(page["text"])
        if report_kind == "budget":
            read = _amounts(text, page["page_number"], fiscal_year, BUDGET_AMOUNT_TOPICS)
        else:
            read = [*_amounts(text, page["page_number"], fiscal_year), *_class_figures(text, page["page_number"]),
                    *_shares(text, page["page_number"]), *_completion_rates(text, page["page_number"])]
        # positions of the figures a topic recorded as an amount (a share or rate records a percentage)
        claimed = {f["at"] for f in read if f["at"] is not None and f["stated_text"].endswith("元")}
        next_body = bodies[index + 1] if index + 1 < len(bodies) else ""
        if page["page_number"] not in table_pages:
            others.extend(_other_amounts(body, next_body, page["page_number"], claimed))
        figures.extend(read)
    figures.extend(others)
    for seq, figure in enumerate(figures, start=1):
        del figure["at"]
        figure["figure_seq"] = seq
    return figures


def _record(topic, page_number, stated_text, value=None, rate=None, base=None, base_topic=None, context="",
            subject_code=None, at=None):
    """``at``: where the stated amount starts in the page's normalised text (dropped before storing)."""
    return {"topic": topic, "page_number": page_number, "stated_text": stated_text, "stated_wan": value,
            "stated_rate": rate, "base_wan": base, "base_topic": base_topic, "context": context[:200],
            "subject_code": subject_code, "at": at}


# Any money figure: 万元, 元, 亿元, or 万 alone before a non-Chinese character ("0.39万（含外宾…").
# Not after a digit or point (the tail of another number; "1-3万元" is 3, not -3). NFKC made "，" a ",":
# a figure after a comma is read whole from its first digit.
_MONEY = re.compile(r"(?<![\d.])" + _NUM + r"(亿元|万元|元|万(?![\u4e00-\u9fff]))")
_TO_WAN = {"亿元": Decimal(10000), "万元": Decimal(1), "万": Decimal(1), "元": Decimal("0.0001")}
# "单价100万元（含）以上设备": a threshold the sentence names, not an amount it states
_THRESHOLD_AFTER = re.compile(r"(?:\(含\))?及?以[上下]")
# the unit of a figure whose digits end the page ("…预算金额 164.87" ⏎ next page "万元。…")
_UNIT_AT_START = re.compile(r"^(?:亿元|万元|元)")
_PAGE_NUMBER_LINE = re.compile(r"\n[\s\-—–]*(?:第\s*)?\d{1,3}\s*(?:页)?[\s\-—–]*$")


def _without_page_number(text: str | None) -> str:
    """The page text without a last line that is only a page number ("- 27 -", "第27页", "27")."""
    return _PAGE_NUMBER_LINE.sub("", text or "")


def _other_amounts(text: str, next_text: str, page_number: int, claimed: set[int]) -> list[dict]:
    """The money figures of a page that no topic recorded, with the sentence leading to each."""
    unit = _UNIT_AT_START.match(next_text)
    joined = text + (unit.group(0) if unit else "")
    out = []
    for match in _MONEY.finditer(joined):
        if match.start(1) in claimed or match.start(1) >= len(text) or _THRESHOLD_AFTER.match(joined, match.end()):
            continue
        value = _decimal(match.group(1))
        if value is None:
            continue
        sentence = re.split(r"[。;；]", text[:match.start()])[-1]
        out.append(_record("amount_other", page_number, match.group(0), value * _TO_WAN[match.group(2)],
                           context=sentence[-80:] + match.group(0)))
    return out


def _class_figures(text: str, page_number: int) -> list[dict]:
    """类 totals named in the 一般公共预算 section ("主要用于以下方面：…")."""
    start = text.find("主要用于以下方面")
    if start < 0:
        return []
    sentence = text[start: text.find("。", start) if "。" in text[start:] else len(text)]
    out = []
    for match in _CLASS_FIGURE.finditer(sentence):
        name = re.sub(r"^.*?[:：；;,，]", "", match.group(1))
        code = CLASS_NAMES.get(name) or CLASS_NAMES.get(name + "支出")
        if code:
            out.append(_record("general_budget_class", page_number, match.group(2) + "万元", _decimal(match.group(2)),
                               context=match.group(0), subject_code=code, at=start + match.start(2)))
    return out


_YEAR_MENTION = re.compile(r"(20\d{2})年|上年|上一年")


def _other_year(text: str, start: int, fiscal_year: int | None) -> bool:
    """The sentence leading to a figure last names an earlier year than the report's
    ("主要原因2022年局本级机关运行经费支出35万元" in a 2023 report): a comparison, not this year's
    figure. (A later year is a date of filling in, "填报日期：2025年4月2日".)"""
    sentence = re.split(r"[。;；]", text[:start])[-1]
    years = _YEAR_MENTION.findall(sentence)
    if not years:
        return False
    return years[-1] == "" or (fiscal_year is not None and int(years[-1]) < fiscal_year)


def _amounts(text: str, page_number: int, fiscal_year: int | None = None, topics=None) -> list[dict]:
    out, taken = [], set()
    for topic, pattern in topics or AMOUNT_TOPICS:
        for match in pattern.finditer(text):
            if match.start(1) in taken or _not_this_actual(topic, text, match):
                continue  # a more specific topic already read this figure, or it is not a 三公 决算
            taken.add(match.start(1))
            # kept under its own topic, which no table figure answers
            name = topic + "_other_year" if _other_year(text, match.start(), fiscal_year) else topic
            out.append(_record(name, page_number, match.group(1) + "万元", _decimal(match.group(1)),
                               context=match.group(0), at=match.start(1)))
            change = stated_change(text, match.end()) if topic.startswith("budget_") and name == topic else None
            if change:
                printed, value, at = change
                out.append(_record(topic + "_change", page_number, printed, value, base=_decimal(match.group(1)),
                                   base_topic=topic, context=match.group(0) + printed, at=at))
    return out


# Income lines of the 收支总表 as the narrative names them ("…收入 X 万元，占 Y%").
_INCOME_LINES = {
    "一般公共预算财政拨款收入": "general_budget_income", "政府性基金预算财政拨款收入": "government_fund_income",
    "国有资本经营预算财政拨款收入": "state_capital_income", "上级补助收入": "superior_subsidy_income",
    "事业收入": "business_income", "经营收入": "operating_income", "附属单位上缴收入": "subsidiary_remit_income",
    "其他收入": "other_income",
}


def _shares(text: str, page_number: int) -> list[dict]:
    """"占 Y%" statements with the total they are a share of (the closest one stated before)."""
    out = []
    bases = [(m.start(), m.group(1), _decimal(m.group(2))) for m in _SHARE_BASE.finditer(text)]
    for match in _SHARE.finditer(text):
        # the base is stated in the same sentence or the one just before
        before = [b for b in bases if b[0] < match.start() and text[b[0]:match.start()].count("。") <= 1]
        if not before:
            continue
        _, base_label, base_value = before[-1]
        topic = "share_of_" + _BASE_TOPIC[base_label]
        out.append(_record(topic, page_number, match.group(3) + "%", value=_decimal(match.group(2)),
                           rate=_percent(match.group(3)), base=base_value, base_topic=base_label,
                           context=match.group(0)))
        # the amount itself, when it names an income line of the 收支总表
        line = next((key for name, key in _INCOME_LINES.items() if match.group(1).endswith(name)), None)
        if line and base_label == "本年收入合计":
            out.append(_record(line, page_number, match.group(2) + "万元", _decimal(match.group(2)),
                               context=match.group(0), at=match.start(2)))
    return out


def _completion_rates(text: str, page_number: int) -> list[dict]:
    out, taken = [], set()
    for topic, pattern in _COMPLETION:
        for match in pattern.finditer(text):
            taken.add(match.end())
            out.append(_record(topic, page_number, match.group(3) + "%", value=_decimal(match.group(2)),
                               rate=_percent(match.group(3)), base=_decimal(match.group(1)),
                               base_topic="budget", context=match.group(0)))
    for category, pattern in _COMPLETION_OF_TABLE_BUDGET:
        for match in pattern.finditer(text):
            if match.end() not in taken:  # a budget stated in the sentence was read above
                taken.add(match.end())
                out.append(_record(f"three_public_{category}_completion_rate", page_number, match.group(2) + "%",
                                   value=_decimal(match.group(1)), rate=_percent(match.group(2)),
                                   base_topic=f"three_public_{category}_budget", context=match.group(0)))
    for match in _THREE_PUBLIC_SHARE.finditer(text):
        category = next(c for c in THREE_PUBLIC_CATEGORIES if match.group(c))
        amount, rate = match.groups()[-2:]
        out.append(_record(f"three_public_{category}_share", page_number, rate + "%", value=_decimal(amount),
                           rate=_percent(rate), base_topic="three_public_actual", context=match.group(0)))
    return out


def _percent(text: str) -> Decimal | None:
    value = _decimal(text)
    return None if value is None else value / 100


def read_contents(pages: list[dict], max_pages: int = 5) -> list[dict]:
    """Standard tables a contents page (目录) or 附表 list names, with that page."""
    entries, seen = [], set()
    for page in pages[:max_pages]:
        lines = page["text"].splitlines()
        if not any(normalise_text(line) in ("目录", "附表") or normalise_text(line).startswith("目录") for line in lines):
            continue
        for line in lines:
            title = recognise_title(re.sub(r"[\s.…·]*\d*$", "", line))
            if title and title[0] not in seen:
                seen.add(title[0])
                entries.append({"page_number": page["page_number"], "table_name": title[0],
                                "listed_text": re.sub(r"[\s.…·]*\d*$", "", line.strip())})
    return entries
