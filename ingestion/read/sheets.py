"""Performance self-evaluation sheets (绩效自评表): extracted grids in, plain records out.

How a sheet is recognised: a ruled grid opens a sheet when its first row is labelled 项目名称
(a project sheet) or 单位名称 / 部门名称 (a 部门整体 sheet) and the sheet's own labels (主管部门,
实施单位, 年度目标, 一级指标 …) follow; it opens the 汇总表 when a header row names 项目名称 beside
自评得分 or 自评等级. A sheet runs on over the first grid(s) of the following pages, except grids
the standard-table reader claimed, until another sheet opens; a page without any grid right
after a sheet is read as text (a footer pushed off the grid). The title is the 自评表 line of
the page text above the opening grid.

Inside a sheet every row is classified by its own words (identity labels, budget header,
goal header, indicator header, 合计/总分, footer labels), never by its position, and a value
is read under the header cell whose span covers it. A continuation grid with another column
count is read through the header of the same shape (same sheet first, then any sheet of the
document). The layout (sichuan / hubei / shandong / shanxi) is named from the header words the
sheet itself prints. Printed text is always kept beside a parsed value; what cannot be parsed
stays text with a None value and a flag. 项目负责人 / 财务负责人 are personal names: they are
returned for the raw layer only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ingestion.raw.tables import BUDGET_ROW_COLUMNS, INDICATOR_COLUMNS, SHEET_COLUMNS, SUMMARY_ROW_COLUMNS
from ingestion.read.numbers import normalise_text, parse_amount

# -- vocabulary (patterns over normalised text: NFKC, no whitespace) ----------------------

_SUMMARY_SCORE = re.compile(r"^(自评得分|自评等级|评价得分|评价等级|自评分数?)$")
_SHEET_START = re.compile(r"^(项目名称|单位名称|部门名称)$")
_SHEET_CONFIRM = re.compile(r"主管部门|实施单位|预算单位|年度目标|绩效指标|一级指标|预算执行")
_TITLE = re.compile(r"(绩效自评表|自评情况汇总表|自评结果汇总表)")
_ENUMERATED = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))")

_IDENTITY = [
    ("project_name", re.compile(r"^项目名称$")),
    ("department", re.compile(r"^主管部门(及代码)?$")),
    ("implementer", re.compile(r"^((项目)?实施单位(\(盖章\))?|预算单位)$")),
    ("unit_name", re.compile(r"^(单位|部门)名称$")),
    ("project_code", re.compile(r"^项目(编码|代码|编号)$")),
    ("project_category", re.compile(r"^项目类别$")),
    ("project_attribute", re.compile(r"^项目属性$")),
    ("project_type", re.compile(r"^项目类型$")),
    ("basic_expenditure", re.compile(r"^基本支出总额$")),
    ("project_expenditure", re.compile(r"^项目支出总额$")),
]

_BUDGET_FIELDS = [
    ("initial_declared", re.compile(r"^目标申报数")),
    ("initial", re.compile(r"^(预算编制数|年初预算数?)$")),
    ("adjusted", re.compile(r"^(调整后(全年)?预算数?|全年预算数?(\(A\))?|预算数(\(A\))?)$")),
    ("executed", re.compile(r"^((预算|全年|实际)?执行数(\(B\))?)$")),
    ("score", re.compile(r"^得分")),  # before 执行率: Hubei prints 得分（20分*执行率）
    ("rate", re.compile(r"执行率")),
    ("balance", re.compile(r"结(\(转\)|转)?(\(存\))?余|结转")),
    ("weight", re.compile(r"^(权重|分值)")),
    ("reason", re.compile(r"原因|偏差")),
]
_BUDGET_CORE = {"initial", "initial_declared", "adjusted", "executed", "rate"}
_FUND_TOTAL = re.compile(r"(总额|合计|总计)")

_INDICATOR_FIELDS = [
    ("level1", re.compile(r"^一级指标")),
    ("level2", re.compile(r"^二级指标")),
    ("level3", re.compile(r"^三级指标")),
    ("operator", re.compile(r"^指标性质$")),
    ("target_adjusted", re.compile(r"^调整后指标值")),
    ("target_initial", re.compile(r"^年初指标值")),
    ("target", re.compile(r"^(指标值|年度指标值|年初目标值|目标值|预期指标值)")),
    ("unit", re.compile(r"^(度量单位|计量单位)$")),
    ("actual", re.compile(r"^(完成值|实际完成值|实际值|全年实际值)")),
    ("completion_rate", re.compile(r"^完成率")),
    ("weight", re.compile(r"^(权重|分值)")),
    ("score", re.compile(r"^得分")),
    ("reason", re.compile(r"原因|偏差")),
    ("category", re.compile(r"^指标(分类|类型)$")),
]
_LEVELS = {"level1", "level2", "level3"}
_VALUE_FIELDS = ("operator", "target", "target_initial", "target_adjusted", "unit", "actual", "weight", "score")

_GOAL = re.compile(r"^(项目)?年度(总体)?目标$|^年初预期目标$")
_COMPLETION = re.compile(r"^(年度目标完成情况|实际完成情况|目标实际完成情况|完成情况)$")
_IMPLEMENTATION = re.compile(r"实施内容|^(2|二)[.、]?$")

_FOOTERS = [
    ("conclusion", re.compile(r"^(评价结论|自评结论|绩效自评结论|总体评价结论)$")),
    ("problems", re.compile(r"^(存在(的)?问题|(项目管理中)?存在的主要问题及原因分析|偏差大或目标未完成原因分析)$")),
    ("improvements", re.compile(r"^(改进措施|下一步改进措施(及管理建议)?|改进措施及结果拟应用方案)$")),
    ("analysis", re.compile(r"^(项目实施(的|和)?预算执行情况(及分析)?|(产出|效益|满意度)情况(及分析)?|主要经验做法)$")),
]
# Footer labels as printed, for recognising their fragments on a text-only page.
_FOOTER_WORDS = ["评价结论", "存在问题", "改进措施", "项目管理中存在的主要问题及原因分析", "下一步改进措施及管理建议",
                 "偏差大或目标未完成原因分析", "改进措施及结果拟应用方案", "主要经验做法"]
_TOTAL = re.compile(r"^(合计|总分|总计|合计得分|自评总分)$")
_PERSON = re.compile(r"(项目负责人|财务负责人)[:：]?\s*(\S*)")
_GRADES = {"优", "良", "中", "差", "优秀", "良好", "合格", "不合格"}

_OPERATORS = {"≥": "≥", ">=": "≥", "≧": "≥", "=>": "≥", "≤": "≤", "<=": "≤", "≦": "≤", "=<": "≤",
              "=": "=", "==": "=", ">": ">", "<": "<", "定性": "定性"}
_OP = r"(?P<op>>=|<=|=>|=<|==|[≥≤≧≦=><])"
_VALUE = re.compile(rf"^{_OP}?(?P<num>-?\d+(?:\.\d+)?)(?P<unit>[^\d≥≤≧≦<>=]{{0,8}})$")
_VALUE_OP_AFTER = re.compile(rf"^(?P<num>-?\d+(?:\.\d+)?)(?P<unit>%?){_OP}$")
_LABEL_WEIGHT = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$")
_CODED_NAME = re.compile(r"^(?P<code>(?=[0-9A-Z]*\d{8})[0-9A-Z]{12,})\s*[-－—]\s*(?P<name>.+)$")
_CODED_UNIT = re.compile(r"^(?P<code>\d{2,})\s*[-－—]\s*(?P<name>.+)$")
_CHECKED = re.compile(r"\d*[.、．]?\s*([^\d■☑□]+?)\s*[■☑√]")
# Labels that close a level-1/level-2 merged cell; others may have been cut by a page break.
_COMPLETE_LABEL = re.compile(r"(指标|标|度|率|成本|效率|效能|能力|管理|控制|编制|执行|支撑|产出\d*|分\))$")
_TEMPLATE_PROMPT = re.compile(r"^(结合自评情况|对照年度目标|针对项目自评中发现的问题)")


# -- public API -------------------------------------------------------------------------

@dataclass
class SheetsResult:
    """Plain records for the raw tables: one list per table."""

    sheets: list[dict] = field(default_factory=list)
    budget_rows: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    summary_rows: list[dict] = field(default_factory=list)


def read_sheets(pages: list[dict], grid_rows: list[dict]) -> SheetsResult:
    """Every performance sheet of one document, from its pages and its grid rows."""
    grids = _group_grids(grid_rows)
    spans = _sheet_spans(grids, pages)
    _attach_titles(spans, pages)
    result = SheetsResult()
    registry: dict[tuple[str, int], _ColumnMap] = {}
    page_text = {p["page_number"]: p.get("text") or "" for p in pages}
    for seq, span in enumerate(spans, start=1):
        if span.kind == "summary":
            sheet, rows = _read_summary(seq, span)
            result.sheets.append(sheet)
            result.summary_rows.extend(rows)
            continue
        reader = _SheetReader(seq, span, registry)
        reader.read(page_text)
        result.sheets.append(reader.sheet)
        result.budget_rows.extend(reader.budget_rows)
        result.indicators.extend(reader.indicators)
    _grades_from_summary(result)
    result.sheets = _project(result.sheets, SHEET_COLUMNS)
    result.budget_rows = _project(result.budget_rows, BUDGET_ROW_COLUMNS)
    result.indicators = _project(result.indicators, INDICATOR_COLUMNS)
    result.summary_rows = _project(result.summary_rows, SUMMARY_ROW_COLUMNS)
    return result


def _project(records: list[dict], columns: tuple[str, ...]) -> list[dict]:
    return [{c: record.get(c, [] if c == "flags" else None) for c in columns} for record in records]


# -- text and value helpers -------------------------------------------------------------

def _norm(text: str | None) -> str:
    return normalise_text(text)


def _joined(text: str | None) -> str:
    """A cell's text without its line breaks: wrapped figures and labels are one piece."""
    return "".join(line.strip() for line in (text or "").splitlines()).strip()


def _amount(text: str | None) -> tuple[str | None, Decimal | None, str | None]:
    """(printed text, value, problem) of an amount or score cell; '/' and '-' are not applicable."""
    printed = _joined(text)
    if not printed:
        return None, None, None
    cleaned = re.sub(r"万?元$", "", _norm(printed))
    parsed = parse_amount(cleaned)
    if parsed.status == "number":
        return printed, parsed.value, None
    if parsed.status in ("blank", "not_applicable"):
        return printed, None, None
    return printed, None, "unparsed"


def _points(text: str | None) -> tuple[str | None, Decimal | None, str | None]:
    """A weight or score; some sheets print a weight as '100%'."""
    printed, value, problem = _amount((text or "").strip().rstrip("%"))
    if printed and printed != _joined(text):
        return _joined(text), value, problem or "percent_sign"
    return printed, value, problem


def _rate(text: str | None) -> tuple[str | None, Decimal | None, str | None]:
    """A printed percentage as a fraction (98.26% -> 0.9826); a bare number is read as percent."""
    printed = _joined(text)
    if not printed:
        return None, None, None
    cleaned = _norm(printed)
    has_sign = cleaned.endswith("%")
    parsed = parse_amount(cleaned.rstrip("%"))
    if parsed.status != "number":
        return printed, None, None if parsed.status == "not_applicable" else "unparsed"
    return printed, parsed.value / Decimal(100), None if has_sign else "no_percent_sign"


def parse_indicator_value(text: str | None) -> tuple[str | None, Decimal | None, str | None, str | None]:
    """(operator, number, unit, problem) of a target or actual value: '≥8人' -> ('≥', 8, '人', None).

    A value without digits (及时, 达成预期指标) is qualitative; one with digits that is not
    a single figure (2024年12月1日前, 1-2, ## ###) is unparsed.
    """
    cleaned = _norm(_joined(text))
    if not cleaned:
        return None, None, None, None
    match = _VALUE.match(cleaned)
    problem = None
    if not match:
        match = _VALUE_OP_AFTER.match(cleaned)
        problem = "operator_after_value" if match else None
    if not match:
        qualitative = not re.search(r"\d", cleaned) and not re.search(r"[#*?]", cleaned)
        return None, None, None, "qualitative" if qualitative else "unparsed"
    try:
        number = Decimal(match.group("num"))
    except InvalidOperation:
        return None, None, None, "unparsed"
    op = _OPERATORS.get(match.group("op") or "")
    return op, number, match.group("unit") or None, problem


def _operator(text: str | None) -> str | None:
    cleaned = _norm(text)
    return _OPERATORS.get(cleaned) if cleaned else None


def _split_label_weight(label: str | None) -> tuple[str | None, Decimal | None]:
    """'数量指标（20分）' -> ('数量指标', 20): the weight some layouts print inside the label."""
    if not label:
        return label, None
    match = _LABEL_WEIGHT.search(label)
    if not match:
        return label, None
    return label[:match.start()].strip() or None, Decimal(match.group(1))


def _split_code(text: str | None, pattern: re.Pattern[str]) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    match = pattern.match(text)
    return (match.group("code"), match.group("name").strip()) if match else (None, text)


def _checked_options(text: str | None) -> str | None:
    """The ticked options of a checkbox line ('1.部门预算项目■ 2.财政专项资金□' -> '部门预算项目')."""
    if not text:
        return None
    options = [opt.strip() for opt in _CHECKED.findall(text)]
    return "、".join(options) or None


def _classify(text: str, fields: list[tuple[str, re.Pattern[str]]]) -> str | None:
    return next((name for name, pattern in fields if pattern.search(text)), None)


# -- grids and sheet spans ----------------------------------------------------------------

@dataclass
class _Grid:
    page_number: int
    top: float
    standard: bool
    rows: list[list[str]] = field(default_factory=list)

    def texts(self, limit: int | None = None) -> list[list[str]]:
        return [[_norm(c) for c in row] for row in self.rows[:limit]]


@dataclass
class _Span:
    kind: str  # project | department_overall | summary
    grids: list[_Grid]
    text_pages: list[int] = field(default_factory=list)
    title: str | None = None

    @property
    def first_page(self) -> int:
        return self.grids[0].page_number

    @property
    def last_page(self) -> int:
        return max([g.page_number for g in self.grids] + self.text_pages)


def _group_grids(grid_rows: Iterable[dict]) -> list[_Grid]:
    grids: dict[tuple, _Grid] = {}
    for row in sorted(grid_rows, key=lambda r: (r["page_number"], r["grid_top"], r["row_index"])):
        key = (row["page_number"], row["grid_top"], row.get("table_seq"))
        grid = grids.setdefault(key, _Grid(row["page_number"], row["grid_top"], row.get("table_seq") is not None))
        grid.rows.append(["" if c is None else str(c) for c in row["cells"]])
    return sorted(grids.values(), key=lambda g: (g.page_number, g.top))


def _start_kind(grid: _Grid) -> str | None:
    """What a grid opens, from its own first rows: a sheet, the 汇总表, or nothing."""
    head = grid.texts(limit=6)
    for row in head[:2]:
        if "项目名称" in row and any(_SUMMARY_SCORE.match(t) for t in row):
            return "summary"
    first = next((t for t in head[0] if t), "") if head else ""
    if not _SHEET_START.match(first):
        return None
    # A lone 项目名称 row is not enough (project lists use it too): the sheet's own
    # labels must follow within its first rows.
    if not any(_SHEET_CONFIRM.search(t) for row in head[1:] for t in row):
        return None
    return "project" if first == "项目名称" else "department_overall"


def _sheet_spans(grids: list[_Grid], pages: list[dict]) -> list[_Span]:
    by_page: dict[int, list[_Grid]] = {}
    for grid in grids:
        by_page.setdefault(grid.page_number, []).append(grid)
    spans: list[_Span] = []
    current: _Span | None = None
    for page in sorted({p["page_number"] for p in pages} | set(by_page)):
        on_page = by_page.get(page, [])
        if not on_page:
            # A page of text right after a sheet may carry the sheet's last rows.
            if current and page == current.last_page + 1:
                current.text_pages.append(page)
            current = None
            continue
        continuing = current is not None and page == current.last_page + 1
        for grid in on_page:
            # A sheet opens on its own words even where the table reader claimed the grid.
            kind = _start_kind(grid)
            if kind:
                current, continuing = _Span(kind, [grid]), True
                spans.append(current)
            elif continuing and not grid.standard:
                current.grids.append(grid)
            else:
                current, continuing = None, False
    return spans


def _title_candidates(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if _TITLE.search(_norm(line)) and len(_norm(line)) <= 60
            and "详见" not in line and not line.endswith("。")]


def _attach_titles(spans: list[_Span], pages: list[dict]) -> None:
    """Pair the sheets opening on a page with the 自评表 title lines of that page, in order."""
    text_of = {p["page_number"]: p.get("text") or "" for p in pages}
    starts: dict[int, list[_Span]] = {}
    for span in spans:
        starts.setdefault(span.first_page, []).append(span)
    for page, opening in starts.items():
        titles = _title_candidates(text_of.get(page, ""))
        if len(titles) > len(opening):
            # Section headings (二、…项目绩效自评表) stand above the sheet titles.
            plain = [t for t in titles if not _ENUMERATED.match(_norm(t))]
            titles = plain if len(plain) >= len(opening) else titles
            titles = titles[len(titles) - len(opening):]
        for span, title in zip(opening, titles):
            span.title = title


# -- column maps ----------------------------------------------------------------------------

@dataclass
class _ColumnMap:
    """Fields of a header row and the columns each one covers (its merged span)."""

    spans: list[tuple[str, int, int]]
    n_cols: int

    @classmethod
    def from_header(cls, row: list[str], fields: list[tuple[str, re.Pattern[str]]]) -> _ColumnMap:
        filled = [j for j, cell in enumerate(row) if _norm(cell)]
        spans = []
        for position, j in enumerate(filled):
            end = filled[position + 1] if position + 1 < len(filled) else len(row)
            spans.append((_classify(_norm(row[j]), fields) or f"other{j}", j, end))
        return cls(spans, len(row))

    def ordinal(self) -> _ColumnMap:
        """The same fields one column each: a continuation grid drawn without merged columns."""
        return _ColumnMap([(name, i, i + 1) for i, (name, _, _) in enumerate(self.spans)], len(self.spans))

    def texts(self, row: list[str], name: str) -> list[str]:
        out = []
        for n, start, end in self.spans:
            if n == name:
                out += [_joined(c) for c in row[start:end] if _joined(c)]
        return out

    def text(self, row: list[str], name: str) -> str | None:
        distinct = list(dict.fromkeys(self.texts(row, name)))
        return "".join(distinct) or None

    def replace(self, row: list[str], fields: list[tuple[str, re.Pattern[str]]]) -> None:
        """A sub-header row (目标申报数 | 预算编制数) splits the spans above it."""
        subs = [(_classify(_norm(c), fields), j) for j, c in enumerate(row) if _norm(c)]
        subs = [(name, j) for name, j in subs if name]
        covered = {j for _, j in subs}
        kept = [s for s in self.spans if not any(s[1] <= j < s[2] for j in covered)]
        self.spans = sorted(kept + [(name, j, j + 1) for name, j in subs], key=lambda s: s[1])


# -- one sheet --------------------------------------------------------------------------------

class _SheetReader:
    """Reads the rows of one sheet in order; the block a row belongs to follows its headers."""

    def __init__(self, seq: int, span: _Span, registry: dict[tuple[str, int], _ColumnMap]):
        self.seq, self.span, self.registry = seq, span, registry
        self.sheet = _empty_sheet(seq, span)
        self.budget_rows: list[dict] = []
        self.indicators: list[dict] = []
        self.flags: list[str] = self.sheet["flags"]
        self.sections: dict[str, str] = {}
        self.block: str | None = None
        self.maps: dict[str, _ColumnMap] = {}
        self.grid_maps: dict[str, _ColumnMap | None] = {}
        self.goal_cols: tuple[int, int] | None = None
        self.carried: dict[str, str | None] = {"level1": None, "level2": None}
        self.last_printed: dict[str, str | None] = {"level1": None, "level2": None}
        self.last_footer: str | None = None
        self.words: set[str] = set()
        self.fund_rows = 0
        self.pages_read: set[int] = {g.page_number for g in span.grids}

    # -- driving ---------------------------------------------------------------------
    def read(self, page_text: dict[int, str]) -> None:
        previous_page = self.span.first_page
        for grid in self.span.grids:
            self.grid_maps = {}
            for index, row in enumerate(grid.rows):
                self.words.update(_norm(c) for c in row if c and len(_norm(c)) <= 24)
                self._row(row, grid.page_number, index, after_page_break=index == 0 and grid.page_number != previous_page)
            previous_page = grid.page_number
        for page in self.span.text_pages:
            self._text_page(page, page_text.get(page, ""))
        self._finish()

    def _row(self, row: list[str], page: int, index: int, after_page_break: bool) -> None:
        texts = [_norm(c) for c in row]
        filled = [t for t in texts if t]
        if not filled:
            return
        if self._identity(row, texts) or self._headers(row, texts):
            return
        if _TOTAL.match(filled[0]):
            self._total(row)
        elif any(_PERSON.match(t) for t in filled):
            self._people(row)
        elif self._footer(row, texts):
            return
        elif self.block == "budget":
            self._budget_row(row, page, index)
        elif self.block == "goal":
            self._goal_row(row, texts)
        elif self.block == "indicators":
            self._indicator_row(row, page, index, after_page_break)
        elif self.block == "footer" and self.last_footer:
            self._append_footer(self.last_footer, " ".join(_joined(c) for c in row if _joined(c)))

    def _map(self, block: str, n_cols: int, guess: bool = True) -> _ColumnMap | None:
        """The header a row of this grid is read through (see the module docstring)."""
        if block in self.grid_maps:
            return self.grid_maps[block]
        if not guess and (block not in self.maps or self.maps[block].n_cols != n_cols):
            return self.registry.get((block, n_cols))
        own = self.maps.get(block)
        chosen = None
        if own and own.n_cols == n_cols:
            chosen = own
        elif own and len(own.spans) == n_cols:
            chosen = own.ordinal()
        elif (block, n_cols) in self.registry:
            chosen = self.registry[(block, n_cols)]
        elif own:
            chosen = own.ordinal()
            self._flag(f"{block}_columns_guessed")
        self.grid_maps[block] = chosen
        return chosen

    def _set_map(self, block: str, column_map: _ColumnMap) -> None:
        self.maps[block] = self.grid_maps[block] = column_map
        self.registry[(block, column_map.n_cols)] = column_map
        self.block = block

    def _flag(self, flag: str) -> None:
        if flag not in self.flags:
            self.flags.append(flag)

    # -- identity, headers ---------------------------------------------------------------
    def _identity(self, row: list[str], texts: list[str]) -> bool:
        first = next(i for i, t in enumerate(texts) if t)
        if not _classify(texts[first], _IDENTITY):
            return False
        for i, text in enumerate(texts):
            name = _classify(text, _IDENTITY) if text else None
            if not name:
                continue
            value = next((_joined(row[j]) for j in range(i + 1, len(row))
                          if texts[j] and not _classify(texts[j], _IDENTITY)), None)
            self.sheet.setdefault("_identity", {})[name] = value
        self.block = "identity"
        return True

    def _headers(self, row: list[str], texts: list[str]) -> bool:
        indicator = [_classify(t, _INDICATOR_FIELDS) for t in texts if t]
        if _LEVELS & set(indicator) and len(set(indicator) - {None}) >= 3:
            self._set_map("indicators", _ColumnMap.from_header(row, _INDICATOR_FIELDS))
            return True
        budget = {_classify(t, _BUDGET_FIELDS) for t in texts if t}
        if self.block == "budget" and not self.fund_rows and "initial_declared" in budget:
            # 年初预算数 printed over two sub-columns (目标申报数 | 预算编制数).
            self.maps["budget"].replace(row, _BUDGET_FIELDS)
            return True
        if len(budget & _BUDGET_CORE) >= 2:
            self._budget_header(row, texts)
            return True
        return self._goal_header(row, texts)

    def _budget_header(self, row: list[str], texts: list[str]) -> None:
        column_map = _ColumnMap.from_header(row, _BUDGET_FIELDS)
        self._set_map("budget", column_map)
        self.fund_rows = 0
        section = _joined(row[column_map.spans[0][1]]) if column_map.spans else ""
        _, weight = _split_label_weight(section)
        if weight is not None:
            self.sheet["budget_weight_text"] = f"{weight}"
            self.sheet["budget_weight"] = weight
        # A reason printed in the header band itself (merged over the rows below).
        for name, start, _ in column_map.spans:
            if name.startswith("other") and start > 0 and len(texts[start]) > 12:
                self.sheet["budget_reason"] = _joined(row[start])

    def _goal_header(self, row: list[str], texts: list[str]) -> bool:
        heads = [_header_and_text(cell) for cell in row]
        goal = [i for i, (head, _) in enumerate(heads) if _GOAL.match(head)]
        done = [i for i, (head, _) in enumerate(heads) if _COMPLETION.match(head)]
        if not goal:
            return False
        if not done:
            # 年度目标 | text: a label followed by its value (部门整体 sheets).
            value = next((_joined(row[j]) for j in range(goal[0] + 1, len(row)) if texts[j]), None)
            self._append("goal_text", value)
            self.block = "goal_label"
            return True
        start = max([i for i in goal if i < done[0]] or goal)
        self.goal_cols = (start, done[0])
        self.block = "goal"
        # Header and text in one cell ('项目年度目标\n建设…'): the text follows the header line.
        self._append("goal_text", heads[start][1])
        self._append("completion_text", heads[done[0]][1])
        return True

    # -- blocks -----------------------------------------------------------------------------
    def _budget_row(self, row: list[str], page: int, index: int) -> None:
        column_map = self._map("budget", len(row))
        if column_map is None:
            return
        # The fund source is the label left of the figures; a sheet with a single budget
        # line may print none (the block's own caption is merged over it).
        first_value = min((start for name, start, _ in column_map.spans if not name.startswith("other")), default=len(row))
        label = next((_joined(c) for c in row[:first_value] if re.search(r"[\u4e00-\u9fff]", c or "")), None)
        label = re.sub(r"[:：]$", "", label) if label else None
        record = {"sheet_seq": self.seq, "row_seq": len(self.budget_rows) + 1, "page_number": page, "grid_row_index": index,
                  "label_text": label, "fund_source_zh": re.sub(r"^其中[:：]?", "", label) if label else None,
                  "is_total": bool(_FUND_TOTAL.search(label)) if label else not self.fund_rows,
                  "flags": [] if label else ["unlabelled_budget_row"]}
        for name in ("initial_declared", "initial", "adjusted", "executed", "balance", "weight", "score"):
            reader = _points if name in ("weight", "score") else _amount
            text, value, problem = reader(column_map.text(row, name))
            record[f"{name}_text"], record[name] = text, value
            if problem:
                record["flags"].append(f"{name}_{problem}")
        text, value, problem = _rate(column_map.text(row, "rate"))
        record["execution_rate_text"], record["execution_rate"] = text, value
        if problem:
            record["flags"].append(f"execution_rate_{problem}")
        record["reason"] = column_map.text(row, "reason")
        self.budget_rows.append(record)
        self.fund_rows += 1

    def _goal_row(self, row: list[str], texts: list[str]) -> None:
        label = next((t for t in texts[1:4] if t), "")
        if len(label) <= 16 and _IMPLEMENTATION.search(label):
            start = next(j for j in range(1, len(texts)) if texts[j])
            value = next((_joined(row[j]) for j in range(start + 1, len(row)) if texts[j]), None)
            self._append("implementation_text", value)
            return
        start, done = self.goal_cols
        self._append("goal_text", "".join(_joined(c) for c in row[start:done] if _joined(c)) or None)
        self._append("completion_text", "".join(_joined(c) for c in row[done:] if _joined(c)) or None)

    def _total(self, row: list[str]) -> None:
        """合计 / 总分: weights and scores under their headers, else the figures in print order."""
        column_map = self._map("indicators", len(row), guess=False)
        weight = column_map.text(row, "weight") if column_map else None
        score = column_map.text(row, "score") if column_map else None
        cells = [_joined(c) for c in row if _joined(c)]
        grade = next((c for c in cells if c in _GRADES), None)
        if weight is None and score is None:
            figures = [c for c in cells[1:] if c not in _GRADES]
            weight, score = (figures[0], figures[1]) if len(figures) >= 2 else (None, figures[0] if figures else None)
        if score in _GRADES:
            score = None
        for key, text in (("total_weight", weight), ("total_score", score)):
            printed, value, problem = _points(text)
            self.sheet[f"{key}_text"], self.sheet[key] = printed, value
            if problem:
                self._flag(f"{key}_unparsed")
        if grade:
            self.sheet["grade"] = grade
        self.block = "footer"

    def _people(self, row: list[str]) -> None:
        for cell in row:
            for role, name in _PERSON.findall(_joined(cell)):
                key = "project_leader" if role == "项目负责人" else "finance_leader"
                self.sheet[key] = name or None

    def _footer(self, row: list[str], texts: list[str]) -> bool:
        for i, text in enumerate(texts):
            name = _classify(text, _FOOTERS) if text and len(text) <= 24 else None
            if not name:
                continue
            value = " ".join(_joined(row[j]) for j in range(i + 1, len(row)) if texts[j]) or None
            key = _joined(row[i]) if name == "analysis" else name
            self._append_footer(key, value)
            self.block = "footer"
            return True
        return False

    def _append_footer(self, key: str, value: str | None) -> None:
        self.last_footer = key
        if key in ("conclusion", "problems", "improvements"):
            self._append(key, value)
        elif value:
            self.sections[key] = (self.sections.get(key, "") + value) if key in self.sections else value

    def _append(self, key: str, value: str | None) -> None:
        if value:
            self.sheet[key] = (self.sheet.get(key) or "") + value

    # -- indicators -----------------------------------------------------------------------------
    def _indicator_row(self, row: list[str], page: int, index: int, after_page_break: bool) -> None:
        column_map = self._map("indicators", len(row))
        if column_map is None:
            self._flag("indicator_rows_without_header")
            return
        cells = {name: column_map.text(row, name) for name, _, _ in column_map.spans}
        self._shift_labels(cells, column_map.texts(row, "level3"))
        has_values = any(cells.get(name) for name in _VALUE_FIELDS)
        previous = self.indicators[-1] if self.indicators else None
        if previous and not has_values and not cells.get("level1") and not cells.get("level2"):
            if cells.get("level3"):  # a label wrapped onto a row of its own
                previous["level3"] = (previous["level3"] or "") + cells["level3"]
            return
        if previous and after_page_break and _is_fragment(cells, previous):
            _merge_fragment(previous, cells)
            return
        if after_page_break:
            self._join_cut_labels(cells)
        record = self._indicator(cells, page, index)
        self.indicators.append(record)

    @staticmethod
    def _shift_labels(cells: dict, level3_texts: list[str]) -> None:
        """Two different labels under a merged 三级指标 header with no 二级指标 of their own:
        the first is the 二级指标 drawn one column to the right."""
        distinct = list(dict.fromkeys(level3_texts))
        if len(distinct) == 2 and not cells.get("level2"):
            cells["level2"], cells["level3"] = distinct
        elif len(distinct) >= 2:
            cells["level3"] = distinct[-1]

    def _join_cut_labels(self, cells: dict) -> None:
        """A level-1/2 label cut by the page break ('可持' | '续发展能力') is one label."""
        for level in ("level1", "level2"):
            before, now = self.last_printed.get(level), cells.get(level)
            if before and now and not _COMPLETE_LABEL.search(before):
                joined = before + now
                for record in reversed(self.indicators):
                    if record[level] != before:
                        break
                    record[level] = joined
                cells[level] = joined

    def _indicator(self, cells: dict, page: int, index: int) -> dict:
        printed = {level: cells.get(level) for level in ("level1", "level2")}
        if printed["level1"]:
            self.carried = {"level1": printed["level1"], "level2": None}
        if printed["level2"]:
            self.carried["level2"] = printed["level2"]
        self.last_printed = printed
        level1, level1_weight = _split_label_weight(self.carried["level1"])
        level2, level2_weight = _split_label_weight(self.carried["level2"])
        level3, level3_weight = _split_label_weight(cells.get("level3"))
        record = {"sheet_seq": self.seq, "row_seq": len(self.indicators) + 1, "page_number": page, "grid_row_index": index,
                  "level1": level1, "level1_weight": level1_weight, "level2": level2, "level2_weight": level2_weight,
                  "level3": level3, "category": cells.get("category"), "operator_text": cells.get("operator"),
                  "unit_text": cells.get("unit"), "flags": []}
        for key in ("target", "target_initial", "target_adjusted", "actual"):
            record[f"{key}_text"] = cells.get(key)
        _fill_values(record)
        weight_text = cells.get("weight")
        if weight_text is None and level3_weight is not None:
            weight_text = f"{level3_weight}"
            record["flags"].append("weight_from_label")
        for key, text in (("weight", weight_text), ("score", cells.get("score"))):
            printed_text, value, problem = _points(text)
            record[f"{key}_text"], record[key] = printed_text, value
            if problem:
                record["flags"].append(f"{key}_{problem}")
        rate_text, rate, problem = _rate(cells.get("completion_rate"))
        record["completion_rate_text"], record["completion_rate"] = rate_text, rate
        if problem:
            record["flags"].append(f"completion_rate_{problem}")
        record["deviation_reason"] = cells.get("reason")
        return record

    # -- text-only page ----------------------------------------------------------------------
    def _text_page(self, page: int, text: str) -> None:
        """Footer rows pushed onto a page without a grid: label fragments and their text."""
        fragments, content, found = [], [], False
        for line in text.splitlines():
            cleaned = _norm(line)
            if not cleaned or re.fullmatch(r"\d{1,4}", cleaned):
                continue
            if re.match(r"^(备注|注)[:：]", cleaned) or _TITLE.search(cleaned):
                break
            if _PERSON.search(cleaned):
                self._people([line])
                found = True
                continue
            tokens = line.split()
            while tokens and _is_label_fragment(_norm(tokens[0])):
                fragments.append(_norm(tokens.pop(0)))
            if tokens:
                content.append("".join(tokens))
        label = _label_of(fragments)
        key = next((name for name, pattern in _FOOTERS if label and pattern.match(label)), None)
        if key and content:
            self._append_footer(label if key == "analysis" else key, "".join(content))
        if (key and content) or found:
            self._flag("text_continuation_page")
            self.pages_read.add(page)

    # -- finishing --------------------------------------------------------------------------
    def _finish(self) -> None:
        sheet, identity = self.sheet, self.sheet.pop("_identity", {})
        code, name = _split_code(identity.get("project_name"), _CODED_NAME)
        sheet["project_name"], sheet["project_code"] = name, identity.get("project_code") or code
        for key in ("department", "implementer"):
            sheet[f"{key}_text"] = identity.get(key)
            sheet[f"{key}_code"], sheet[key] = _split_code(identity.get(key), _CODED_UNIT)
        sheet["unit_name"] = identity.get("unit_name")
        for key in ("project_category", "project_attribute", "project_type"):
            sheet[f"{key}_text"] = identity.get(key)
            sheet[key] = _checked_options(identity.get(key))
        for key in ("basic_expenditure", "project_expenditure"):
            sheet[f"{key}_text"], sheet[key], _ = _amount(identity.get(key))
        sheet["layout"] = _layout(self.words)
        sheet["other_sections_json"] = json.dumps(self.sections, ensure_ascii=False) if self.sections else None
        sheet["last_page"] = max(self.pages_read)
        sheet["indicator_count"] = len(self.indicators)
        for key in ("conclusion", "problems", "improvements"):
            if sheet.get(key) and _TEMPLATE_PROMPT.match(sheet[key]):
                self._flag(f"{key}_starts_with_template_prompt")
        self._budget_totals()

    def _budget_totals(self) -> None:
        rows = self.budget_rows
        total = next((r for r in rows if r["is_total"]), rows[0] if len(rows) == 1 else None)
        if total is None:
            return
        sheet = self.sheet
        for key in ("initial", "initial_declared", "adjusted", "executed"):
            sheet[f"budget_{key}_text"], sheet[f"budget_{key}"] = total[f"{key}_text"], total[key]
        sheet["execution_rate_text"], sheet["execution_rate"] = total["execution_rate_text"], total["execution_rate"]
        if total["weight"] is not None or sheet["budget_weight"] is None:
            sheet["budget_weight_text"], sheet["budget_weight"] = total["weight_text"], total["weight"]
        sheet["budget_score_text"], sheet["budget_score"] = total["score_text"], total["score"]
        sheet["budget_reason"] = total["reason"] or sheet["budget_reason"]
        for flag in total["flags"]:
            self._flag(f"budget_{flag}")


def _header_and_text(cell: str | None) -> tuple[str, str | None]:
    """A goal header cell, or a header line with its text below it in the same cell."""
    whole = _norm(cell)
    if _GOAL.match(whole) or _COMPLETION.match(whole):
        return whole, None
    lines = (cell or "").strip().split("\n")
    head = _norm(lines[0])
    if _GOAL.match(head) or _COMPLETION.match(head):
        return head, _joined("\n".join(lines[1:])) or None
    return whole, None


def _fill_values(record: dict) -> None:
    """Operator, number and unit of the target (adjusted, else initial, else printed) and actual."""
    for key in ("target_initial", "target_adjusted", "actual"):
        op, value, unit, problem = parse_indicator_value(record[f"{key}_text"])
        record[f"{key}_value"] = value
        if key == "actual":
            record["actual_operator"], record["actual_unit"] = op, unit
        if problem and problem != "qualitative":
            record["flags"].append(f"{key}_{problem}")
    if record["target_text"] is None:
        record["target_text"] = record["target_adjusted_text"] or record["target_initial_text"]
    op, value, unit, problem = parse_indicator_value(record["target_text"])
    record["target_value"] = value
    if problem:
        record["flags"].append(f"target_{problem}")
    column_op = _operator(record["operator_text"])
    if record["operator_text"] and column_op is None:
        record["flags"].append("operator_unrecognised")
    if column_op and op and column_op != op and column_op != "定性":
        record["flags"].append("operator_differs_from_value")
    record["operator"] = column_op or op
    record["unit"] = record["unit_text"] or unit or record["actual_unit"]


def _is_fragment(cells: dict, previous: dict) -> bool:
    """The first row of a page holding the rest of the previous page's last row: it has no
    figures of its own and lacks the completion value the previous row printed."""
    if any(cells.get(k) for k in ("operator", "weight", "score", "level1")):
        return False
    return bool(previous["actual_text"]) and not cells.get("actual") and bool(cells.get("level3") or cells.get("target"))


def _merge_fragment(previous: dict, cells: dict) -> None:
    for source, target in (("level2", "level2"), ("level3", "level3"), ("target", "target_text")):
        if cells.get(source):
            previous[target] = (previous[target] or "") + cells[source]
    previous["flags"] = [f for f in previous["flags"] if not f.startswith("target_")] + ["joined_across_page_break"]
    op, value, unit, problem = parse_indicator_value(previous["target_text"])
    previous["target_value"] = value
    if problem:
        previous["flags"].append(f"target_{problem}")


def _is_label_fragment(token: str) -> bool:
    return bool(token) and len(token) <= 12 and any(token in word for word in _FOOTER_WORDS)


def _label_of(fragments: list[str]) -> str | None:
    """The footer label most of the fragments belong to (vertical labels come out in pieces)."""
    best = max(_FOOTER_WORDS, key=lambda word: sum(len(f) for f in fragments if f in word), default=None)
    if not fragments or not any(f in best for f in fragments):
        return None
    return best


def _layout(words: set[str]) -> str:
    """The layout family named by the header words the sheet prints."""
    if words & {"目标申报数", "预算编制数", "年初指标值", "调整后指标值", "主管部门及代码"}:
        return "shanxi"
    if words & {"三级指标(分值)", "年度指标值(A)", "全年预算数(A)", "完成率(B/A)", "年初预期目标"}:
        return "shandong"
    if words & {"年初目标值(A)", "实际完成值(B)", "项目类别", "执行率(B/A)", "指标分类", "年初目标值"}:
        return "hubei"
    if words & {"指标性质", "度量单位", "调整后预算数", "预算执行数"}:
        return "sichuan"
    return "unknown"


def _empty_sheet(seq: int, span: _Span) -> dict:
    sheet = {"sheet_seq": seq, "sheet_kind": span.kind, "title_text": span.title, "first_page": span.first_page,
             "last_page": span.last_page, "layout": None, "flags": []}
    for key in ("project_name", "project_code", "unit_name", "goal_text", "completion_text", "implementation_text",
                "conclusion", "problems", "improvements", "grade", "project_leader", "finance_leader",
                "execution_rate_text", "execution_rate", "budget_reason", "total_weight_text", "total_weight",
                "total_score_text", "total_score", "budget_weight_text", "budget_weight", "budget_score_text", "budget_score"):
        sheet[key] = None
    for key in ("initial", "initial_declared", "adjusted", "executed"):
        sheet[f"budget_{key}_text"] = sheet[f"budget_{key}"] = None
    return sheet


# -- the 汇总表 ----------------------------------------------------------------------------------

_SUMMARY_FIELDS = [
    ("serial", re.compile(r"^序号$")),
    ("project_name", re.compile(r"^项目名称$")),
    ("fund_user", re.compile(r"(资金使用|实施|项目|预算)单位")),
    ("score", re.compile(r"得分|分数")),
    ("grade", re.compile(r"等级")),
]


def _read_summary(seq: int, span: _Span) -> tuple[dict, list[dict]]:
    """The 汇总表: one row per project with its score and grade; caption rows name a section."""
    sheet = _empty_sheet(seq, span)
    sheet["layout"] = "shandong"
    rows, column_map, section = [], None, None
    for grid in span.grids:
        for index, row in enumerate(grid.rows):
            texts = [_norm(c) for c in row]
            filled = [t for t in texts if t]
            if not filled:
                continue
            if "项目名称" in texts:
                column_map = _ColumnMap.from_header(row, _SUMMARY_FIELDS)
                continue
            if column_map is None:
                continue
            if len(filled) == 1 and not filled[0].isdigit():
                section = _joined(next(c for c in row if _norm(c)))
                continue
            name = column_map.text(row, "project_name")
            score_text, score, problem = _amount(column_map.text(row, "score"))
            if not name or (name == "无" and score_text is None):
                continue  # a printed 无 under a section: no project
            rows.append({"sheet_seq": seq, "row_seq": len(rows) + 1, "page_number": grid.page_number,
                         "grid_row_index": index, "section": section, "serial": column_map.text(row, "serial"),
                         "project_name": name, "fund_user": column_map.text(row, "fund_user"),
                         "score_text": score_text, "score": score, "grade": column_map.text(row, "grade"),
                         "flags": [f"score_{problem}"] if problem else []})
    sheet["indicator_count"] = 0
    sheet["summary_row_count"] = len(rows)
    return sheet, rows


def _grades_from_summary(result: SheetsResult) -> None:
    """A sheet that prints no grade takes the one the 汇总表 prints for the same project."""
    grades = {_norm(r["project_name"]): r["grade"] for r in result.summary_rows if r["grade"]}
    for sheet in result.sheets:
        name = _norm(sheet.get("project_name"))
        if sheet["sheet_kind"] == "project" and not sheet["grade"] and name in grades:
            sheet["grade"] = grades[name]
            sheet["flags"].append("grade_from_summary")
