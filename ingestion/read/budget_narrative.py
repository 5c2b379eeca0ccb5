"""Where a budget report's 编制说明 / 情况说明 figures are named: this year's amounts as 预算 text states them.

A 部门预算 words its figures as budgets ("收入预算总计 X 万元", "因公出国（境）费预算支出 X 万元",
"“三公”经费预算数为 X 万元"); the 决算 topics (支出决算为 …) never apply, and "与上年相比增加 X 万元"
is a change, not a figure of the tables. Each pattern reads the amount right after its topic words,
so the change stated after it stays an ``amount_other``. Patterns match the normalised text
(no whitespace, NFKC: full-width brackets and commas are ASCII).
"""

from __future__ import annotations

import re
from decimal import Decimal

_NUM = r"(-?\d[\d,]*(?:\.\d+)?)"
_IS = r"(?:为|是)?"
# "预算支出", "预算数为", "支出预算", "预算": the words between a topic and its amount.
_BUDGETED = r"(?:预算)?(?:支出)?(?:预算)?(?:数)?" + _IS

# Order matters: specific first (a figure read by one topic is not read again).
BUDGET_AMOUNT_TOPICS: list[tuple[str, re.Pattern[str]]] = [
    (topic, re.compile(pattern))
    for topic, pattern in [
        ("budget_general_budget_basic", r"一般公共预算(?:财政)?拨款基本支出预算" + _IS + _NUM + "万元"),
        ("budget_fiscal_basic", r"(?<!一般公共预算)财政拨款基本支出预算" + _IS + _NUM + "万元"),
        # "增加基本支出 X 万元" is a change against last year
        ("budget_basic", r"(?<!拨款)(?<!增加)(?<!减少)基本支出(?:预算)?(?:数)?" + _IS + _NUM + "万元"),
        ("budget_project", r"(?<!拨款)(?<!增加)(?<!减少)项目支出(?:预算)?(?:数)?" + _IS + _NUM + "万元"),
        ("budget_reserve", r"单位预留机动经费(?:预算)?(?:数)?" + _IS + _NUM + "万元"),
        ("budget_general_budget", r"一般公共预算(?:财政)?(?:拨款)?(?:支出|收入)预算" + _IS + _NUM + "万元"),
        ("budget_general_budget", r"一般公共预算收入" + _IS + _NUM + "万元"),
        ("budget_government_fund", r"政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:支出|收入)预算" + _IS + _NUM + "万元"),
        ("budget_fiscal_appropriation", r"财政拨款收(?:入)?、?支(?:出)?总预算" + _NUM + "万元"),
        ("budget_fiscal_appropriation", r"财政拨款(?:收入)?(?:预算)?(?:总计|合计)?" + _IS + _NUM + "万元"),
        ("budget_fiscal_appropriation", r"财政拨款(?:预算支出|支出预算)" + _IS + _NUM + "万元"),
        ("budget_grand_total", r"收(?:入)?、?支(?:出)?预算总计(?:均为|各为)?" + _NUM + "万元"),
        ("budget_total_income", r"(?<!财政拨款)(?<!资金)(?<!预算)(?:本年)?收入预算(?:总计|合计)?" + _IS + _NUM + "万元"),
        ("budget_total_expenditure", r"(?<!财政拨款)(?<!一般公共预算)(?<!拨款)(?<!基本)(?<!项目)(?:本年)?支出预算"
         r"(?:总计|合计)?" + _IS + _NUM + "万元"),
        ("budget_three_public_total", r"三公”?经费预算(?:支出)?(?:数)?" + _IS + _NUM + "万元"),
        ("budget_overseas", r"因公出国\(境\)费(?:用)?" + _BUDGETED + _NUM + "万元"),
        ("budget_vehicle_total", r"公务用车购置及运行(?:维护)?费" + _BUDGETED + _NUM + "万元"),
        ("budget_vehicle_purchase", r"公务用车购置(?:费)?" + _BUDGETED + _NUM + "万元"),
        ("budget_vehicle_operation", r"公务用车运行(?:维护)?费" + _BUDGETED + _NUM + "万元"),
        ("budget_reception", r"公务接待费" + _BUDGETED + _NUM + "万元"),
        ("budget_meeting", r"会议费" + _BUDGETED + _NUM + "万元"),
        ("budget_training", r"培训费" + _BUDGETED + _NUM + "万元"),
        ("budget_operating_cost", r"机关运行经费预算(?:支出)?(?:数)?" + _IS + _NUM + "万元"),
        ("budget_procurement_total", r"政府采购(?:支出)?预算(?:总额|总金额|金额)?" + _IS + _NUM + "万元"),
        # 绩效目标: the project budget of the projects that set performance targets (a part of 项目支出)
        ("budget_performance_target_funds", r"(?:涉及|覆盖)项目(?:预算)?资金(?:共)?" + _IS + _NUM + "万元"),
    ]
]

# "…X 万元，比 2023 年预算减少 876.75 万元" / "与上年预算持平" / "本年数小于上年预算数 403.75 万元": the change
# against last year's budget stated right after a topic's figure (checked against the figure of that
# topic in the same unit's budget report of the year before, when the warehouse holds it).
_AMOUNT = r"(?P<amount>\d[\d,]*(?:\.\d+)?)万元"
_CHANGE = re.compile(
    r"[,，]?(?:"
    r"(?:比|较|与)(?:\d{4}年|上年)度?(?:预算数?)?(?:相比)?[,，]?(?:(?P<more>增加|增长|上升)|减少|下降)" + _AMOUNT
    + r"|本年数(?:(?P<more_than>大于|多于|高于)|小于|少于|低于)上年预算数?" + _AMOUNT.replace("amount", "amount2")
    + r"|(?:与|和|同)(?:\d{4}年|上年)度?预算数?(?P<flat>持平|相同|一致))")


def stated_change(text: str, end: int) -> tuple[str, Decimal, int | None] | None:
    """The change against last year's budget stated just after position ``end``: (printed text,
    signed 万元, where its amount starts; None for 持平)."""
    match = _CHANGE.match(text, end)
    if not match:
        return None
    printed = match.group(0).lstrip(",，")
    if match.group("flat"):
        return printed, Decimal(0), None
    group = "amount" if match.group("amount") else "amount2"
    amount = Decimal(match.group(group).replace(",", ""))
    return printed, amount if (match.group("more") or match.group("more_than")) else -amount, match.start(group)
