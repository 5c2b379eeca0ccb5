"""A document composed: cover, contents, the parts in family order, tables, narrative and sheets (Composed)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from corpus import classification as cls
from corpus.render import Table
from corpus.synthetic.basic_tables import basic_table, statistics_table, three_public_table
from corpus.synthetic.coded_tables import (
    expenditure_table,
    fiscal_detail_table,
    general_budget_table,
    government_fund_table,
    income_table,
    project_table,
    state_capital_income_table,
    state_capital_table,
)
from corpus.synthetic.families import FAMILY, DocContext
from corpus.synthetic.ledger import make_ledger
from corpus.synthetic.narrative import SECTION_TITLES, Narrative, write_narrative
from corpus.synthetic.population import Unit
from corpus.synthetic.sheets import Sheet, performance_sheets
from corpus.synthetic.summary_tables import fiscal_summary_table, summary_table
from corpus.synthetic.tables import TableModel

# --------------------------------------------------------------------------- composition

TABLE_BUILDERS = {
    "income_expenditure_summary": lambda doc, n: summary_table(doc),
    "income": income_table,
    "expenditure": expenditure_table,
    "fiscal_appropriation_summary": lambda doc, n: fiscal_summary_table(doc),
    "fiscal_appropriation_detail": fiscal_detail_table,
    "general_budget_expenditure": general_budget_table,
    "general_budget_expenditure_detail": lambda doc, n: general_budget_table(doc, n, "general_budget_expenditure_detail"),
    "general_budget_basic_expenditure": basic_table,
    "general_budget_project_expenditure": project_table,
    "government_fund": government_fund_table,
    "state_capital_income_expenditure": state_capital_income_table,
    "state_capital_expenditure": state_capital_table,
    "three_public": three_public_table,
    "disclosure_statistics": statistics_table,
}

GLOSSARY = (
    "财政拨款收入：指单位从同级财政部门取得的财政预算资金，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。",
    "事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
    "其他收入：指单位取得的除上述收入以外的各项收入。",
    "年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
    "基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
    "机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。",
)


@dataclass
class Composed:
    """A document ready to typeset (or to write straight into the raw layer)."""

    doc: DocContext
    cover: list[tuple[str, float]]
    contents: list[tuple[str, int, str]]  # (text, level, anchor)
    flow: list[tuple]  # ("part", text, anchor) | ("blocks", [(kind, text)]) | ("narrative",) | ("tables",) | ("sheets",)
    tables: list[TableModel]
    narrative: Narrative
    sheets: list[Sheet]
    errors: list[dict] = field(default_factory=list)
    contents_pages: dict[str, int] = field(default_factory=dict)  # anchor -> contents page listing it
    composition_table: Table | None = None
    kind: str = "final_accounts"  # or budget (corpus.budget)
    approved: object | None = None  # a budget report's corpus.budget.Approved (its injected mismatch)
    block_pages: dict[int, int] = field(default_factory=dict)  # narrative block -> page its first line is on

    @property
    def file_name(self) -> str:
        return self.doc.file_name


def file_name_of(unit: Unit, year: int) -> str:
    return f"{unit.family}_{unit.index:05d}_{year}.pdf"


def compose(unit: Unit, year: int, seed: int, layout=None) -> Composed:
    """The document of ``unit`` and ``year``; ``layout`` (corpus.traits.Layout) typesets it with one trait."""
    ledger = make_ledger(unit, year, seed)
    family = FAMILY[unit.family]
    if layout is not None:
        family = layout.family_of(family)
        ledger.money_unit = layout.money_unit
    doc = DocContext(ledger, family, random.Random(f"layout:{seed}:{unit.index}:{year}"), file_name_of(unit, year),
                     layout=layout)
    tables = [TABLE_BUILDERS[canonical](doc, number) for number, canonical in doc.family.tables]
    sheets = performance_sheets(doc)
    kind = unit.kind
    y, name = year, unit.name
    table_entries = [(f"{cls.chinese_numeral(k)}、{t.title.replace(f'{y} 年度', '')}", 1, f"table:{t.canonical}")
                     for k, t in enumerate(tables, start=1)]
    parts = _parts(doc, kind, bool(sheets))
    contents: list[tuple[str, int, str]] = []
    flow: list[tuple] = []
    for anchor, title, body, subs in parts:
        contents.append((title, 0, anchor))
        contents += table_entries if body == "tables" else [(s, 1, f"{anchor}:{s}") for s in subs]
        flow.append(("part", title, anchor))
        flow.append((body,) if isinstance(body, str) else ("blocks", body))
    narrative = write_narrative(doc)
    comp = Composed(doc, _cover(doc), contents, flow, tables, narrative, sheets)
    if unit.family == "shanghai":
        comp.composition_table = Table([40, 340, 100], [["序号", "单位名称", "备注"]], [["1", f"{name}（本级）", ""]], "clc",
                                       font_size=10, repeat_header=False)
    return comp


def _cover(doc: DocContext) -> list[tuple[str, float]]:
    u, y, fam = doc.unit, doc.year, doc.family.key
    report = f"{u.kind}决算"
    if fam == "sichuan":
        return [(f"{y} 年度", 30), (u.name, 26 if len(u.name) < 16 else 20), (report, 30)]
    if fam == "hubei":
        return [(f"{y} 年度{u.name}{report}公开", 16), (f"{y + 1} 年 10 月 27 日", 14)]
    if fam == "shandong":
        return [(f"{y}年度{u.name}决算", 20)]
    if fam == "shanxi":
        return [(u.name, 22), (f"{y}年度{report}公开", 22)]
    return [(u.name, 26), (f"{y} 年度", 26), (report, 26)]


def _parts(doc: DocContext, kind: str, has_sheets: bool) -> list[tuple[str, str, object, list[str]]]:
    """(anchor, title, body, contents sub-entries) of each 部分, in the family's order."""
    u, y, fam = doc.unit, doc.year, doc.family.key
    duty, setup = ("一、主要职能", "二、部门决算单位构成") if fam == "shanghai" else ("一、主要职责", "二、机构设置")
    about: list[tuple[str, str]] = [
        ("section", duty), ("text", f"{u.name}主要负责{u.agency.name.replace('中心', '')}相关工作，"
                                    "贯彻落实上级决策部署，承担本领域政策执行、公共服务和日常管理等职责。"),
        ("section", setup), ("text", f"{u.name}为{u.parent}所属{'行政' if u.agency.administrative else '事业'}单位，"
                                     f"{'部门决算由本级决算组成' if kind == '部门' else '实行独立核算'}。")]
    if fam == "shanghai":  # the ruled list of units in the 部门决算
        about.append(("composition", ""))
    glossary = [("text", f"{cls.chinese_numeral(n)}、{text}") for n, text in enumerate(GLOSSARY, start=1)]
    sections = list(SECTION_TITLES)
    explain = (f"第{{}}部分 {y} 年度{kind}决算情况说明", "narrative", sections)
    tables = (f"第{{}}部分 {y} 年度{kind}决算表", "tables", [])
    if fam == "sichuan":
        order = [(f"第{{}}部分 {kind}概况", about, [duty, setup]), explain,
                 ("第{}部分 名词解释", glossary, []), ("第{}部分 附件", "sheets", []), ("第{}部分 附表", "tables", [])]
    elif fam == "shanghai":
        order = [(f"第{{}}部分 {u.name}概况", about, [duty, setup]),
                 (f"第{{}}部分 {u.name} {y} 年度部门决算表", "tables", []),
                 (f"第{{}}部分 {u.name} {y} 年度部门决算情况说明", "narrative", sections),
                 ("第{}部分 名词解释", glossary, [])]
    else:
        order = [(f"第{{}}部分 {kind}概况", about, [duty, setup]), tables, explain,
                 ("第{}部分 名词解释", glossary, []), ("第{}部分 附件", "sheets", [])]
    order = [part for part in order if part[1] != "sheets" or has_sheets]
    return [(f"part:{n}", title.format(cls.chinese_numeral(n)), body, subs) for n, (title, body, subs) in enumerate(order, start=1)]
