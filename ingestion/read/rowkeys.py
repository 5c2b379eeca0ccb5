"""Where a row's key is read: classification codes, fixed summary labels, 类 names.

A row is keyed by a 功能分类 / 经济分类 code (in one cell, split over 类/款/项
cells, or only at 项 level) or by a fixed label of a summary table. Names
repeat across branches, so codes win over names whenever a code is printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingestion.read.numbers import normalise_text

CODE = re.compile(r"\d{3}(\d{2}){0,2}")
_CODE_WITH_NAME = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?!\d)(.*)$")
_LEADING_ENUM = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d{1,2}[、.．])")

# 支出功能分类 类 names as printed in summary tables (current and older names).
CLASS_NAMES: dict[str, str] = {
    "一般公共服务支出": "201",
    "外交支出": "202",
    "国防支出": "203",
    "公共安全支出": "204",
    "教育支出": "205",
    "科学技术支出": "206",
    "文化旅游体育与传媒支出": "207",
    "文化体育与传媒支出": "207",
    "社会保障和就业支出": "208",
    "社会保险基金支出": "209",
    "卫生健康支出": "210",
    "医疗卫生与计划生育支出": "210",
    "节能环保支出": "211",
    "城乡社区支出": "212",
    "农林水支出": "213",
    "交通运输支出": "214",
    "资源勘探工业信息等支出": "215",
    "资源勘探信息等支出": "215",
    "商业服务业等支出": "216",
    "金融支出": "217",
    "援助其他地区支出": "219",
    "自然资源海洋气象等支出": "220",
    "国土海洋气象等支出": "220",
    "住房保障支出": "221",
    "粮油物资储备支出": "222",
    "国有资本经营预算支出": "223",
    "灾害防治及应急管理支出": "224",
    "预备费": "227",
    "其他支出": "229",
    "转移性支出": "230",
    "债务还本支出": "231",
    "债务付息支出": "232",
    "债务发行费用支出": "233",
    "抗疫特别国债安排的支出": "234",
}

# Fixed labels of summary tables. Order matters: first match wins.
_LABELS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), key)
    for p, key in [
        (r"^本年收入合计$", "total_income"),
        (r"^本年支出合计$", "total_expenditure"),
        (r"^使用非财政拨款结余", "non_appropriation_balance_used"),
        (r"^年初.{0,4}结转和?结余$", "opening_balance"),
        (r"^年末.{0,4}结转和?结余$", "closing_balance"),
        (r"^结余分配$", "balance_distribution"),
        (r"^一般公共预算财政拨款(收入)?$", "general_budget_income"),
        (r"^政府性基金预算财政拨款(收入)?$", "government_fund_income"),
        (r"^国有资本经营预算财政拨款(收入)?$", "state_capital_income"),
        (r"^上级补助收入$", "superior_subsidy_income"),
        (r"^事业收入$", "business_income"),
        (r"^经营收入$", "operating_income"),
        (r"^附属单位上缴收入$", "subsidiary_remit_income"),
        (r"^其他收入$", "other_income"),
        # Budget reports (部门预算): the rows of 收支预算总表 and 收入预算总表.
        (r"^财政拨款(收入)?$", "fiscal_appropriation_income"),
        (r"^一般公共预算(财政)?(拨款)?(资金|收入)?$", "general_budget_income"),
        (r"^政府性基金(预算)?(财政)?(拨款)?(资金|收入)?$", "government_fund_income"),
        (r"^国有资本经营预算(财政)?(拨款)?(资金|收入)?$", "state_capital_income"),
        (r"^财政专户管理(资金)?(收入)?$", "fiscal_special_account_income"),
        (r"^其他资金$", "other_funds_income"),
        (r"^事业单位经营收入$", "operating_income"),
        (r"^当年收入小计$", "total_income"),
        (r"^当年支出小计$", "total_expenditure"),
        (r"^上年结转(资金|和结余(资金)?)?$", "prior_year_balance"),
        (r"^其中[:：]?动用上年结转", "prior_year_balance_used"),
        (r"^结转下年(资金)?$", "carry_forward"),
        (r"^基本支出$", "basic_expenditure"),
        (r"^项目支出$", "project_expenditure"),
        (r"^单位预留机动经费$", "reserve"),
        (r"^公共财政拨款[(（]补助[)）]资金$", "general_budget_appropriation"),
        (r"^专项收入$", "general_budget_special_revenue"),
        (r"^专户管理教育收费$", "special_account_education_fees"),
        (r"^其他非税收入$", "special_account_other_nontax"),
        (r"^债务资金", "debt_income"),
        (r"^(收入|支出)?(总计|合计)$", "grand_total"),
        (r"^人员经费(合计)?$", "personnel_total"),
        (r"^公用经费(合计)?$", "public_total"),
    ]
]

_FUND_KEYS = {
    "general_budget_income": "general_budget",
    "government_fund_income": "government_fund",
    "state_capital_income": "state_capital",
}


def clean_label(text: str | None) -> str:
    """A label without spaces, line breaks or its leading enumeration (一、)."""
    return _LEADING_ENUM.sub("", normalise_text(text))


def split_code_and_name(text: str | None) -> tuple[str | None, str]:
    """``2010350 事业运行`` -> (``2010350``, ``事业运行``); a name alone -> (None, name)."""
    cleaned = normalise_text(text)
    match = _CODE_WITH_NAME.match(cleaned)
    if match:
        return match.group(1), match.group(2)
    return None, cleaned


@dataclass
class SplitCodeState:
    """Remembers the last 类 and 款 so that 款/项 cells printed alone resolve."""

    class_code: str = ""
    section_code: str = ""

    def resolve(self, class_cell: str, section_cell: str, item_cell: str) -> str | None:
        cls, sec, item = (normalise_text(c) for c in (class_cell, section_cell, item_cell))
        if CODE.fullmatch(cls) and len(cls) in (5, 7) and not sec and not item:
            code = cls  # the full code printed in the 类 cell
        elif not (cls or sec or item):
            return None
        else:
            if re.fullmatch(r"\d{3}", cls):
                self.class_code, self.section_code = cls, ""
            # Spreadsheet exports drop a leading zero (301 | 2 津贴补贴 is 30102).
            sec = sec.zfill(2) if re.fullmatch(r"\d", sec) else sec
            item = item.zfill(2) if re.fullmatch(r"\d", item) else item
            if re.fullmatch(r"\d{2}", sec):
                self.section_code = sec
            elif re.fullmatch(r"\d{5}", sec):
                self.class_code, self.section_code = sec[:3], sec[3:]
            if not (re.fullmatch(r"\d{3}", cls) or sec or item):
                return None
            code = self.class_code
            if sec or item:
                code += self.section_code
            if re.fullmatch(r"\d{2}", item):
                code += item
            elif re.fullmatch(r"\d{7}", item):
                code = item
        if code and CODE.fullmatch(code):
            self.class_code = code[:3]
            if len(code) >= 5:
                self.section_code = code[3:5]
            return code
        return None


@dataclass
class LabelState:
    """Labels whose meaning depends on position (a fund line under 年初结转和结余)."""

    in_balance_block: str = ""  # "opening" or "closing" once that row has been seen

    def resolve(self, label: str, side: str) -> tuple[str | None, str | None]:
        """Return (line_item, class_code) for a label on the ``income`` or ``expenditure`` side."""
        text = clean_label(label)
        if not text:
            return None, None
        if text in CLASS_NAMES:
            return None, CLASS_NAMES[text]
        for pattern, key in _LABELS:
            if pattern.search(text):
                return self._contextual(key, side), None
        return None, None

    def _contextual(self, key: str, side: str) -> str:
        if key in ("opening_balance", "closing_balance"):
            self.in_balance_block = key.split("_")[0]
            return key
        if key in _FUND_KEYS and self.in_balance_block:
            return f"{self.in_balance_block}_balance_{_FUND_KEYS[key]}"
        if key == "grand_total" and side in ("income", "expenditure"):
            return f"grand_total_{side}"  # 总计 of a summary table's half
        return key
