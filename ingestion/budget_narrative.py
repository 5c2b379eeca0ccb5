"""Where a budget report's 编制说明 / 情况说明 figures are named: this year's amounts as 预算 text states them.

A 部门预算 words its figures as budgets ("收入预算总计 X 万元", "因公出国（境）费预算支出 X 万元",
"“三公”经费预算数为 X 万元"); the 决算 topics (支出决算为 …) never apply, and "与上年相比增加 X 万元"
is a change, not a figure of the tables. Each pattern reads the amount right after its topic words,
so the change stated after it stays an ``amount_other``. Patterns match the normalised text
(no whitespace, NFKC: full-width brackets and commas are ASCII).
"""

from __future__ import annotations

import re

_NUM = r"(-?\d[\d,]*(?:\.\d+)?)"
_IS = r"(?:为|是)?"
# "预算支出", "预算数为", "支出预算", "预算": the words between a topic and its amount.
_BUDGETED = r"(?:预算)?(?:支出)?(?:预算)?(?:数)?" + _IS
_YEAR = r"(?:\d{4}年度?)?"

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
    ]
]
