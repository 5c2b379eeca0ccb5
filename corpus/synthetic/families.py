"""The five layout families (numbering, code columns, titles, table order), how each prints its codes,
and DocContext: one document being composed."""

from __future__ import annotations

import random
from dataclasses import dataclass

from corpus.render import MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH
from corpus.synthetic.ledger import Ledger
from corpus.synthetic.population import Unit

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
