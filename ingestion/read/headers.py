"""Where a header band is mapped: printed column headers -> column roles and measures.

A header band is several rows with merged cells; each column's header is the
path of header cells above it, top-down (``本年支出 / 基本支出``). Wrapped text
(``本年收入合 / 计``) and one-character vertical headers are joined first.
Side-by-side tables (收/支 halves, 2–4 groups of the basic-expenditure table)
are split into column groups, each with its own key and measure columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingestion.read.numbers import normalise_text

_PHASE_WORDS = re.compile(r"^(预算数?|决算数?|全年预算数?|年初预算数?)$")

# Ordered: the first pattern that matches the deepest header cell (then the
# whole path) names the measure.
MEASURE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), m)
    for p, m in [
        (r"附属单位上缴", "subsidiary_remit"),
        (r"对附属单位补助", "subsidiary_grant"),
        (r"上缴上级", "remit_to_superior"),
        (r"上级补助", "superior_subsidy"),
        (r"财政拨款收入|^财政拨款$", "fiscal_appropriation"),
        (r"事业收入", "business"),
        (r"经营收入|经营支出", "operating"),
        (r"其他收入", "other"),
        (r"年初.{0,4}结转和?结余", "opening_balance"),
        (r"年末.{0,4}结转和?结余", "closing_balance"),
        (r"单位预留机动经费|预留机动", "reserve"),
        (r"结转下年", "carry_forward"),
        (r"上年结转", "prior_year_balance"),
        (r"财政专户管理", "fiscal_special_account"),
        (r"基本支出", "basic"),
        (r"项目支出", "project"),
        (r"一般公共预算", "general_budget"),
        (r"政府性基金", "government_fund"),
        (r"国有资本经营", "state_capital"),
        (r"合计|小计|总计", "total"),
        (r"本年收入", "income"),
        (r"本年支出", "total"),
        (r"决算数|金额|数额|决算|统计数", "amount"),
    ]
]


@dataclass
class Column:
    index: int
    path: list[str]
    role: str  # code | code_class | code_section | code_item | name | line_no | measure | blank
    measure: str | None = None
    category: str | None = None  # three_public: the category a column holds

    @property
    def header_text(self) -> str:
        return "/".join(self.path)


@dataclass
class ColumnGroup:
    index: int
    side: str  # income | expenditure | ""
    columns: list[Column] = field(default_factory=list)

    def key_columns(self) -> list[Column]:
        return [c for c in self.columns if c.role not in ("measure", "blank", "line_no")]

    def measure_columns(self) -> list[Column]:
        return [c for c in self.columns if c.role == "measure"]

    def name_column(self) -> Column | None:
        return next((c for c in self.columns if c.role == "name"), None)


def header_path(texts: list[str | None]) -> list[str]:
    """Normalised, de-duplicated header cells top-down; column numbers (1, 2, 栏次) dropped."""
    path: list[str] = []
    for text in texts:
        cleaned = normalise_text(text)
        if not cleaned or re.fullmatch(r"\d{1,2}|栏次|栏\s*次", cleaned):
            continue
        cleaned = re.sub(r"栏次$", "", cleaned)
        if cleaned and (not path or path[-1] != cleaned):
            path.append(cleaned)
    return path


def column_role(path: list[str]) -> str:
    if not path:
        return "blank"
    deepest = path[-1]
    if deepest in ("类", "款", "项"):
        return {"类": "code_class", "款": "code_section", "项": "code_item"}[deepest]
    if re.fullmatch(r"类款项|.*(编码|代码|编号)", deepest):
        return "code"
    if re.fullmatch(r"行次|行号", deepest):
        return "line_no"
    # 功能科目名称, 经济分类科目名称, 采购物品名称 … : every "…名称" names the row.
    if re.fullmatch(r"(项目|科目|支出项目|收入项目|.{0,10}名称)", deepest):
        return "name"
    return "measure"


# Split columns named only by their deepest cell (预算 基本支出 / 人员经费 | 公用经费); a 决算
# header 人员经费 / 决算数 is a section above an amount column, not such a split.
_SPLIT_MEASURES = [(re.compile(r"^人员经费$|^人员支出$"), "personnel"), (re.compile(r"^公用经费$|^公用支出$"), "public")]


def measure_of(path: list[str]) -> str | None:
    """The canonical measure key of a column from its header path."""
    for pattern, measure in _SPLIT_MEASURES:
        if path and pattern.match(path[-1]):
            return measure
    deepest = [p for p in path if not _PHASE_WORDS.match(p)][-1:] or path[-1:]
    for candidate in (deepest[0] if deepest else "", "".join(path)):
        for pattern, measure in MEASURE_PATTERNS:
            if candidate and pattern.search(candidate):
                return measure
    return None


def three_public_category(text: str) -> str | None:
    """The 三公 category a header cell or row label names."""
    text = normalise_text(text)
    if not text:
        return None
    if "会议费" in text:
        return "meeting"
    if "培训费" in text:
        return "training"
    if "机关运行" in text:
        return "operating_cost"
    if "购置及运行" in text or ("公务用车" in text and "购置" not in text and "运行" not in text):
        return "vehicle_total"
    if "购置" in text:
        return "vehicle_purchase"
    if "运行" in text:
        return "vehicle_operation"
    if "出国" in text:
        return "overseas"
    if "接待" in text:
        return "reception"
    if re.search(r"合计|总计|三公", text):
        return "total"
    return None


def three_public_phase(path: list[str]) -> str | None:
    for part in reversed(path):
        if part.startswith("预算") or part.startswith("全年预算") or part.startswith("年初预算"):
            return "budget"
        if part.startswith("决算") or part.startswith("实际"):
            return "actual"
    # A budget report's band names its year: 2024年“三公”经费预算数.
    if any(re.search(r"预算数?$", part) and "决算" not in part for part in path):
        return "budget"
    return None


def _three_public_column(column: Column) -> None:
    phase = three_public_phase(column.path)
    category = None
    parts = [p for p in column.path if not _PHASE_WORDS.match(p)]
    for i in range(len(parts) - 1, -1, -1):
        if parts[i] == "小计" and i > 0:
            category = three_public_category(parts[i - 1]) or "total"
            break
        category = three_public_category(parts[i])
        if category and not (category == "total" and i == 0 and len(parts) > 1):
            break
    column.category = category
    column.measure = phase or column.measure


def map_columns(paths: list[list[str]], table_name: str, roles: list[str] | None = None) -> list[ColumnGroup]:
    """Roles (from the header, or ``roles`` decided by content) and measures, split into side-by-side groups."""
    if table_name == "procurement":
        # 采购品目 | 专项名称 | 经济科目 | 物品 | 组织形式 describe the row in words; the 总计 / 金额 is its figure.
        roles = ["measure" if re.search(r"总计|合计|金额|预算数?$", "".join(p)) else "name" for p in paths]
    groups: list[ColumnGroup] = []
    current: ColumnGroup | None = None
    seen_measure = False
    for index, path in enumerate(paths):
        role = roles[index] if roles else column_role(path)
        column = Column(index, path, role)
        if role == "measure":
            column.measure = measure_of(path)
            if table_name == "three_public":
                _three_public_column(column)
        starts_group = role in ("code", "code_class", "name") and (current is None or seen_measure)
        if role == "code_section" or role == "code_item" or role == "line_no":
            starts_group = current is None
        if starts_group or current is None:
            current = ColumnGroup(len(groups), _side(path))
            groups.append(current)
            seen_measure = False
        if role == "measure":
            seen_measure = True
        current.columns.append(column)
    _assign_sides(groups, table_name)
    if table_name == "three_public":
        _three_public_grand_total(groups)
    # tables whose one figure column is the row's amount whatever its header says (预算数 / 总计)
    amount_tables = table_name in ("income_expenditure_summary", "fiscal_appropriation_summary", "procurement")
    for group in groups:
        measures = group.measure_columns()
        if len(measures) == 1 and table_name != "three_public" and (amount_tables or measures[0].measure is None):
            measures[0].measure = "amount"  # one figure per row (金额 / 预算数 / 总计 / 机关运行经费支出)
    return groups


def _three_public_grand_total(groups: list[ColumnGroup]) -> None:
    """A 合计 outside the 三公 band, beside 会议费 and 培训费, is 三公 + 会议费 + 培训费, not the 三公 total."""
    columns = [c for g in groups for c in g.columns if c.role == "measure"]
    totals = [c for c in columns if c.category == "total"]
    if len(totals) > 1 and any(c.category in ("meeting", "training") for c in columns):
        for column in totals:
            if not any("三公" in part for part in column.path):
                column.category = "grand_total"


def _side(path: list[str]) -> str:
    """The 收/支 half a summary-table column stands in, from its top header cell."""
    top = path[0] if path else ""
    if re.fullmatch(r"收入(项目)?", top):
        return "income"
    if re.fullmatch(r"支出(项目)?", top):
        return "expenditure"
    return ""


def _assign_sides(groups: list[ColumnGroup], table_name: str) -> None:
    # Summary tables without a 收入/支出 band: left half is income.
    if table_name in ("income_expenditure_summary", "fiscal_appropriation_summary") and len(groups) == 2:
        if not groups[0].side:
            groups[0].side = "income"
        if not groups[1].side:
            groups[1].side = "expenditure"
