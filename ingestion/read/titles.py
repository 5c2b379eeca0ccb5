"""Where a table title is recognised: printed title text -> canonical table name.

Titles vary by region ("收入支出决算总表" / "部门收支决算总表") and carry numbering
("财决公开01表", "公开01表", "表一"); matching is by title text, never by position.
More specific patterns come first, because general titles are substrings of
specific ones (支出决算表 ⊂ 一般公共预算财政拨款支出决算表).
"""

from __future__ import annotations

import re

from ingestion.read.numbers import normalise_text

# (canonical name, pattern over the normalised title: no spaces, NFKC)
TITLE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern))
    for name, pattern in [
        ("general_budget_basic_expenditure", r"一般公共预算财政拨款基本支出决算(明细)?表"),
        ("general_budget_project_expenditure", r"一般公共预算财政拨款项目支出决算(明细)?表"),
        ("general_budget_expenditure_detail", r"一般公共预算财政拨款支出决算明细表"),
        ("general_budget_expenditure", r"一般公共预算财政拨款支出决算表"),
        ("government_fund", r"政府性基金预算财政拨款(收入)?(支出)?决算表"),
        ("state_capital_income_expenditure", r"国有资本经营预算财政拨款收入支出决算表"),
        ("state_capital_expenditure", r"国有资本经营预算财政拨款支出决算表"),
        ("three_public", r"三公.{0,2}经费(支出)?决算表"),
        ("fiscal_appropriation_detail", r"财政拨款支出决算明细表"),
        ("fiscal_appropriation_summary", r"财政拨款收(入)?支(出)?决算总表"),
        ("income_expenditure_summary", r"收(入)?支(出)?决算总表"),
        ("income", r"收入决算表"),
        ("expenditure", r"支出决算表"),
        ("disclosure_statistics", r"(决算)?公开相关信息统计表"),
    ]
]

# Budget reports (部门预算 / 单位预算) print the same families under 预算表 titles
# (``2024年部门一般公共预算支出功能分类预算表``, ``公开03表：支出预算总表``); names follow the
# 决算 table each corresponds to, and new ones where none does.
BUDGET_TITLE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern))
    for name, pattern in [
        ("three_public", r"三公.{0,2}经费.{0,16}预算表"),
        ("fiscal_appropriation_basic_expenditure", r"财政拨款基本支出.{0,12}预算表"),
        ("general_budget_basic_expenditure", r"一般公共预算(财政拨款)?基本支出.{0,14}预算表"),
        ("operating_cost", r"机关运行经费(支出)?预算表"),
        ("general_budget_expenditure", r"一般公共预算(财政拨款)?支出.{0,10}预算表"),
        ("government_fund", r"政府性基金.{0,10}支出.{0,10}预算表"),
        ("state_capital_expenditure", r"国有资本经营预算(财政拨款)?支出.{0,10}预算表"),
        ("fiscal_appropriation_summary", r"财政拨款收支(总)?预算总?表|财政拨款预算收支总(体情况)?表"),
        ("fiscal_appropriation_expenditure", r"财政拨款支出.{0,8}预算表"),
        ("income_expenditure_summary", r"收支(总)?预算总?表|预算收支总(体情况)?表"),
        ("income", r"收入预算总?表|预算收入总(体情况)?表"),
        ("expenditure", r"支出预算总表|预算支出总(体情况)?表"),
        ("procurement", r"政府采购(支出)?预算(明细)?表"),
    ]
]

# The central template's titles name neither 决算 nor 预算表 (部门收支总表, 一般公共预算支出情况表,
# 一般公共预算“三公”经费支出表): a line is such a title only when it is the title alone, after its
# numbering, year and 部门/单位 prefix; the report's kind then comes from its other titles or cover.
GENERIC_TITLE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern + r"$"))
    for name, pattern in [
        ("three_public", r"(一般公共预算)?(财政拨款)?“?三公”?经费(支出)?(情况|总)?表"),
        ("general_budget_basic_expenditure", r"一般公共预算(财政拨款)?基本支出(情况)?表"),
        ("general_budget_expenditure", r"一般公共预算(财政拨款)?支出(情况)?表"),
        ("government_fund", r"政府性基金(预算)?(财政拨款)?(收入)?支出(情况)?表"),
        ("state_capital_expenditure", r"国有资本经营预算(财政拨款)?支出(情况)?表"),
        ("fiscal_appropriation_summary", r"财政拨款收支总(体情况)?表"),
        ("income_expenditure_summary", r"(财务)?收支总(体情况)?表"),
        ("income", r"收入总(体情况)?表"),
        ("expenditure", r"支出总(体情况)?表"),
        ("operating_cost", r"机关运行经费(支出)?(情况)?表"),
        ("procurement", r"政府采购(支出)?(情况|明细)?表"),
    ]
]
_GENERIC_PREFIX = re.compile(r"^(?:(?:财预|财决)?公开\d{1,2}表[:：]?|附表\d{1,2}[:：]?|表\d{1,2}?(?=\d{4}年|\D)[-—.、:：]?|[一二三四五六七八九十]+、"
                             r"|\d{1,2}[.、]|\d{4}年度?|[\u4e00-\u9fff]{0,16}?(?:部门|单位)(?=收|支|财|一|政|国|机|“|三))*")

# Numbering printed beside a title: 财决公开01表, 公开01表, 附表3, 表一.
_NUMBERING = re.compile(r"((财决)?公开\d{1,2}表|附表\d{1,2}|表[一二三四五六七八九十]{1,3}(?![\u4e00-\u9fff]))")
# A title line is short; narrative sentences that mention a table are not titles.
MAX_TITLE_CHARS = 48
_UNIT = re.compile(r"单位[:：]?(万元|千元|元)")


def recognise_title(line: str) -> tuple[str, str] | None:
    """Return (canonical name, numbering) when ``line`` is a table title (决算 or 预算)."""
    found = recognise_titled(line)
    return found[:2] if found else None


def recognise_titled(line: str) -> tuple[str, str, str] | None:
    """(canonical name, numbering, kind): kind is ``final_accounts``, ``budget``, or ``either`` for a
    central-template title that names neither."""
    text = normalise_text(line)
    if not text or len(text) > MAX_TITLE_CHARS:
        return None
    # Contents entries end with a page number or dot leaders; they are not titles.
    if re.search(r"(\.{3,}|…{2,})\d*$", text):
        return None
    if "情况说明" in text or text.endswith("说明"):
        return None
    numbering = _NUMBERING.search(text)
    numbering = numbering.group(1) if numbering else ""
    for kind, patterns in (("final_accounts", TITLE_PATTERNS), ("budget", BUDGET_TITLE_PATTERNS)):
        for name, pattern in patterns:
            if pattern.search(text):
                return name, numbering, kind
    if "决算" not in text:
        core = _GENERIC_PREFIX.sub("", re.sub(r"(单位|金额单位)[:：].*$", "", text))
        for name, pattern in GENERIC_TITLE_PATTERNS:
            if pattern.fullmatch(core):
                return name, numbering, "either"
    return None


def join_wrapped_titles(lines: list[dict]) -> list[dict]:
    """A title too long for its line wraps its end (``…支出预算`` / ``表``, ``…培训费`` / ``支出预算表``):
    one line again. Only a short tail ending in 表 joins, and only when neither part is a title alone."""
    out: list[dict] = []
    for line in lines:
        previous = out[-1] if out else None
        tail = normalise_text(line["text"])
        if (previous and len(tail) <= 12 and tail.endswith("表") and not recognise_title(line["text"])
                and not recognise_title(previous["text"]) and recognise_title(previous["text"] + line["text"])):
            out[-1] = {**previous, "text": previous["text"] + line["text"], "bottom": line["bottom"],
                       "x0": min(previous["x0"], line["x0"]), "x1": max(previous["x1"], line["x1"])}
            continue
        out.append(line)
    return out


# A caption line or cell beside a table: 单位名称：…, 单位：万元, 2024年度, 公开01表.
CAPTION_LINE = re.compile(r"^(单位名称|编制单位|部门名称|部门|单位)[:：]|^单位[:：]|^金额单位|^\d{4}年度?$|公开\d{1,2}表$")


def is_caption_line(line: str) -> bool:
    text = normalise_text(line)
    return bool(CAPTION_LINE.search(text) or find_unit(text) or re.fullmatch(r"(续表|续)[:：]?", text))


def find_numbering(line: str) -> str:
    match = _NUMBERING.search(normalise_text(line))
    return match.group(1) if match else ""


def find_unit(line: str) -> str | None:
    """The amount unit a table declares (``单位：万元``), if the line states one."""
    match = _UNIT.search(normalise_text(line))
    return match.group(1) if match else None
