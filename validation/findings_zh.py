"""Findings a Chinese auditor reads: ``check_name_zh`` and ``details_zh`` of every finding.

Names come from one seed, seeds/ref_check_names.csv (kind ``table``: a table's printed title;
``topic``: what a 情况说明 figure states; ``check``: a check's identity, where ``{table}`` and
``{topic}`` stand for the table or topic a check name is built from). A table-prefixed check is
named "<表名>：<identity>" (收入决算表：上级科目 = 下级科目之和).

Sentences are composed here from the structured finding: the table's name, the row, the column
(ref_column_labels), the figures formatted as the reports print them (format_amount: 117.86), the
difference, the rounding bound and how it was made (bound_rule), the page, and the other pages and
printed texts the English ``details`` name (parsed from "(page N)", "children on page 10, 11",
'states 117.88万元', 'printed "## ###"').
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

from ingestion.read.numbers import format_amount

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# measures whose column label is not a figure column of the labels seed
_MEASURES = {"total": "合计", "amount": "金额", "percent": "百分比", "score": "得分", "weight": "分值",
             "total_score": "总分", "name": "科目名称", "presence": "表格", "hierarchy": "上级科目"}


@cache
def _names() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    tables, topics, checks = {}, {}, {}
    with open(SEEDS / "ref_check_names.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            {"table": tables, "topic": topics, "check": checks}[row["kind"]][row["key"]] = row["name_zh"]
    return tables, topics, checks


@cache
def _column_labels() -> dict[str, str]:
    with open(SEEDS / "ref_column_labels.csv", encoding="utf-8") as handle:
        return {row["column_name"]: row["label_zh"] for row in csv.DictReader(handle)}


def table_zh(table_name: str | None) -> str:
    return _names()[0].get(table_name or "", "")


def check_name_zh(check_name: str) -> str:
    """The Chinese name of a check, "" when the seed has none (tests/test_validation.py fails then)."""
    tables, topics, checks = _names()
    if check_name in checks:
        return checks[check_name]
    for key, name in checks.items():
        if "{table}" in key:
            prefix, _, suffix = check_name.partition(".")
            if key == "{table}." + suffix and prefix in tables:
                return f"{tables[prefix]}：{name}"
        elif "{topic}" in key:
            head, tail = key.split("{topic}")
            topic = check_name[len(head):len(check_name) - len(tail)] if check_name.startswith(head) \
                and check_name.endswith(tail) and len(check_name) > len(head) + len(tail) else None
            if topic in topics:
                return name.replace("{topic}", topics[topic])
    return ""


def measure_zh(measure: str | None) -> str:
    if measure in _MEASURES:
        return _MEASURES[measure]
    label = _column_labels().get(f"{measure}_wan") or _column_labels().get(measure or "", measure or "")
    return label.replace("（万元）", "")


def _num(value) -> str:
    return format_amount(Decimal(str(value)))


def _points(value) -> str:
    """Points as a sheet prints them: 89.1, 100 (no padding to two decimals)."""
    text = f"{Decimal(str(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _rate(value) -> str:
    return f"{Decimal(str(value)).quantize(Decimal('0.0001'))}%"


def _bound(rule: str | None, tolerance) -> str:
    """The rounding bound in Chinese, from bound_rule (validation/identities.py)."""
    rule = rule or ""
    if match := re.match(r"(\d+) × 0\.005 万元 = ([\d.]+) 万元", rule):
        return f"超出舍入误差上限{match.group(2)}万元（{match.group(1)}个数字×0.005万元）"
    if rule.startswith("exact: every figure compared is a blank cell"):
        return "所比各数均为空白，应完全相等"
    if match := re.match(r"Σ half a unit of each figure's last printed digit = ([\d.]+) 万元", rule):
        return f"超出舍入误差上限{match.group(1)}万元（各数末位半个单位之和）"
    if match := re.match(r"the recomputed percentage rounded to the printed ([\d.]+)%", rule):
        return f"按印出的精度（{match.group(1)}%）四舍五入也不相符"
    if match := re.match(r"Σ half a unit of the last printed digit of the two percentages = ([\d.]+)%", rule):
        return f"超出两个百分数的舍入误差上限{match.group(1)}%"
    if rule.startswith("exact: points printed as whole numbers"):
        return "分值为整数，应完全相等"
    if match := re.match(r"Σ half a unit of the last decimal of the points = ([\d.]+)", rule):
        return f"超出舍入误差上限{match.group(1)}分（各分值末位半个单位之和）"
    return f"超出误差上限{_num(tolerance)}" if tolerance else ""


def _pages(details: str) -> list[str]:
    """The other pages the English details name: "(page 40)", "(children on page 10, 11)"."""
    found = []
    for match in re.finditer(r"pages? (\d+(?:, \d+)*)", details or ""):
        found += [p for p in match.group(1).split(", ") if p not in found]
    return found


def _row(row_key: str | None, check_name: str) -> str:
    tables, topics, _ = _names()
    if not row_key:
        return ""
    if row_key.isdigit():
        return f"科目{row_key}"
    if row_key == "grand_total":
        return "合计行"
    if check_name.startswith("performance.") or row_key not in topics and row_key not in tables:
        quoted = check_name.startswith(("performance.", "completeness.value")) and not row_key.startswith("“")
        return f"“{row_key}”" if quoted else row_key
    return topics.get(row_key) or tables.get(row_key, row_key)


def row_zh(row_key: str | None, check_name: str) -> str:
    """The row a finding is about, as the sentence names it (科目208, 合计行, a table's title); the HTML report's column."""
    return _row(row_key, check_name)


def details_zh(f) -> str:  # noqa: C901 - one sentence shape per check family, read top to bottom
    """One plain Chinese sentence for a finding (a row with the audit.identity_findings columns)."""
    name, details, page = f.check_name, f.details or "", f.page_number
    table = table_zh(f.table_name)
    at = f"{table}第{page}页" if table else f"第{page}页"
    pages = _pages(details)
    bound = _bound(f.bound_rule, f.tolerance_wan)
    has_figures = all(v is not None and v == v for v in (f.actual_wan, f.expected_wan, f.difference_wan))
    diff = f"{_num(abs(f.difference_wan))}" if has_figures else ""
    row, measure = _row(f.row_key, name), measure_zh(f.measure)

    if name == "completeness.listed_table_missing":
        listed = re.search(r'list "(.*)" but', details)
        return f"目录（第{page}页）列有“{listed.group(1) if listed else table}”，但报告中未印此表。"
    if name == "completeness.table_header_only":
        return f"{table}（第{page}页）只印了表头：没有数据行、没有数字，也没有说明为何为空。"
    if name == "completeness.value_not_a_number":
        printed = re.search(r'printed "(.*)" where', details)
        return f"{at}，{row}的{measure}处应为数字，却印为“{printed.group(1) if printed else ''}”。"
    if name == "cross_table.subject_name_consistent":
        match = re.match(r'named "(.*)" here, "(.*)" in (\w+) \(page (\d+)\)', details)
        if match:
            return (f"{at}，{row}名称印为“{match.group(1)}”，而{table_zh(match.group(3)) or match.group(3)}"
                    f"（第{match.group(4)}页）印为“{match.group(2)}”。")
    if name == "extraction.hierarchy_mostly_failing":
        match = re.match(r"(\d+) of (\d+) parent codes fail[^(]*(?:\((.*)\))?:", details)
        if match:
            codes = f"（{match.group(3)}）" if match.group(3) else ""
            return (f"{table}（第{page}页）{match.group(2)}个上级科目中有{match.group(1)}个与其下级科目之和不符{codes}："
                    "多数不符说明行或栏读取错位，而非印刷错误。")
    rule = _rule_beyond_sums(name, details, at, page, table)
    if rule:
        return rule
    if not has_figures:
        return f"{at}，{row}：{check_name_zh(name)}不成立。"

    if name.endswith(".parent_equals_children"):
        children = details.split(" = ", 1)[1].split(" (")[0] if " = " in details else ""
        where = f"（下级科目在第{'、'.join(pages)}页）" if pages else ""
        return (f"{at}，科目{f.row_key}（{measure}栏）印为{_num(f.actual_wan)}万元，其下级科目{children}之和"
                f"为{_num(f.expected_wan)}万元{where}，相差{diff}万元，{bound}。")
    if name.endswith(".grand_total_equals_top_codes"):
        codes = details.split("Σ ", 1)[1].split(" (")[0] if "Σ " in details else ""
        where = f"（各类科目在第{'、'.join(pages)}页）" if pages else ""
        return (f"{at}，合计行（{measure}栏）印为{_num(f.actual_wan)}万元，各类科目{codes}之和为"
                f"{_num(f.expected_wan)}万元{where}，相差{diff}万元，{bound}。")
    if name.startswith("cross_table."):
        # the other table as the details name it: "income_expenditure_summary (page 3) vs expenditure"
        # or "支出决算表 基本支出合计 = 财政拨款支出表 基本支出 (page 43)"
        other = re.match(r"^(\w+) \(page (\d+)\) vs \w+$", details) or re.search(r"= (.+?) \(page (\d+)\)$", details)
        if other:
            side = table_zh(other.group(1)) or other.group(1).replace(" lines", "各项").replace(" ", "")
            return (f"{at}，{row}（{measure}栏）印为{_num(f.actual_wan)}万元，而{side}（第{other.group(2)}页）为"
                    f"{_num(f.expected_wan)}万元，相差{diff}万元，{bound}。")
    if name.startswith("narrative.") and f.measure == "percent":
        match = re.match(r"情况说明 states ([\d.]+%) for ([\d.,]+)万元 of ([\d.,]+)万元", details)
        if match:
            topic = check_name_zh(name).removeprefix("情况说明：").removesuffix("与重新计算一致")
            where = f"（表中数在第{pages[0]}页）" if pages else ""
            return (f"情况说明（第{page}页）称{match.group(2)}万元{topic}为{match.group(1)}，而{match.group(2)}÷"
                    f"{match.group(3)}{where}重新计算为{_rate(f.expected_wan)}，相差{_rate(abs(f.difference_wan))[:-1]}个百分点，{bound}。")
    if name.startswith("narrative.") and name.endswith("_equals_table"):
        match = re.match(r"情况说明 states (.*?); \w+ \(page (\d+)\) prints (.*)$", details)
        if match:
            topic = check_name_zh(name).removeprefix("情况说明：").removesuffix("与表中数一致")
            printed = "空白" if match.group(3) == "a blank cell" else f"{match.group(3)}万元"
            return (f"情况说明（第{page}页）称{topic}为{match.group(1)}，而{table}（第{match.group(2)}页）印为"
                    f"{printed}，相差{diff}万元，{bound}。")
    if name == "performance.execution_rate":
        match = re.match(r"执行率 ([\d.]+%) for 执行数 ([\d.,]+) / 调整后预算 ([\d.,]+)", details)
        if match:
            return (f"{at}，项目{row}执行率印为{match.group(1)}，而执行数{match.group(2)}万元÷调整后预算"
                    f"{match.group(3)}万元重新计算为{_rate(f.expected_wan)}，{bound}。")
    if name == "performance.conclusion_rate_equals_table":
        match = re.match(r"评价结论 states 执行率 ([\d.]+%); the table prints (.*)$", details)
        if match:
            return (f"第{page}页项目{row}的评价结论称执行率为{match.group(1)}，而自评表印为{match.group(2)}，"
                    f"相差{_points(abs(f.difference_wan))}个百分点，{bound}。")
    if name in ("performance.scores_sum_to_total", "performance.weights_sum_to_total"):
        what = ("总分", "各指标得分与预算执行得分") if name.endswith("scores_sum_to_total") else \
            ("合计分值", "各指标分值与预算执行分值")
        return (f"{at}，项目{row}{what[0]}印为{_points(f.actual_wan)}分，{what[1]}之和为{_points(f.expected_wan)}分，"
                f"相差{_points(abs(f.difference_wan))}分，{bound}。")
    if name == "performance.score_within_weight":
        return f"{at}，项目{row}得分{_points(f.actual_wan)}分超过其分值{_points(f.expected_wan)}分。"

    # every other identity: the printed figure, what the identity makes it, and the pages compared
    unit = "%" if f.measure == "percent" else "分" if f.measure in ("weight", "score") else "万元"
    figure = _points if unit == "分" else _num
    where = f"（所对照的数字在第{'、'.join(pages)}页）" if pages else ""
    column = f"（{measure}栏）" if measure else ""
    return (f"{at}，{row}{column}印为{figure(f.actual_wan)}{unit}，按“{check_name_zh(name).split('：')[-1]}”应为"
            f"{figure(f.expected_wan)}{unit}{where}，相差{figure(abs(f.difference_wan))}{unit}，{bound}。")


def _words_disagree(details: str, page) -> str:
    """情况说明 "…" states "减少 278.06万元", then "增加主要原因是…" (and the other shapes of the check)."""
    statement = re.match(r'情况说明 "(.*?)" states ', details)
    said = f"情况说明（第{page}页）称“{statement.group(1) if statement else ''}”"
    tail = details[statement.end():] if statement else details
    if match := re.fullmatch(r'"(.*?)" and "(.*?)"', tail):
        return f"{said}：前称“{match.group(1)}”，后称“{match.group(2)}”，增减方向相反。"
    if match := re.fullmatch(r'"(.*?)" with a change of (.*)', tail):
        return f"{said}：称“{match.group(1)}”，却列有{match.group(2)}的变动。"
    if match := re.fullmatch(r'"(.*?)", then "(.*?)"', tail):
        return f"{said}：先称“{match.group(1)}”，随后所述原因却是“{match.group(2)}”，增减方向相反。"
    if match := re.fullmatch(r"决算数(\S+?)预算数 for 决算 (\S+) and 预算 (\S+)", tail):
        return f"{said}：称决算数{match.group(1)}预算数，而所列决算为{match.group(2)}、预算为{match.group(3)}。"
    if match := re.fullmatch(r"决算数(\S+?)预算数 and a completion rate of (\S+)", tail):
        return f"{said}：称决算数{match.group(1)}预算数，而所列完成率为{match.group(2)}。"
    return f"{said}：用词与所列数字相互矛盾。"


def _change_rate(details: str, page) -> str:
    match = re.match(r'情况说明 "(.*?)": (?:last year (\S+), this year (\S+)|this year (\S+), so last year (\S+)), '
                     r"a change of (\S+)$", details)
    if not match:
        return ""
    years = (f"上年{match.group(2)}、本年{match.group(3)}" if match.group(2)
             else f"本年{match.group(4)}、据此上年为{match.group(5)}")
    return f"情况说明（第{page}页）称“{match.group(1)}”，而按{years}重新计算，变动率为{match.group(6)}。"


def _completion_rate(details: str, page) -> str:
    match = re.match(r'情况说明 "(.*?)": 决算 (\S+) of 预算 (\S+) is (\S+), stated as (\S+)$', details)
    if not match:
        return ""
    return (f"情况说明（第{page}页）称完成预算的{match.group(5)}，而决算{match.group(2)}÷预算{match.group(3)}"
            f"重新计算为{match.group(4)}。")


def _without_reason(details: str, page) -> str:
    statement = re.match(r'情况说明 "(.*?)"', details)
    return f"情况说明（第{page}页）称“{statement.group(1) if statement else ''}”，但未说明变动的主要原因。"


_COMPARISON_RULES = {
    "narrative.comparison_words_disagree": _words_disagree, "narrative.change_rate_recomputed": _change_rate,
    "narrative.completion_rate_recomputed": _completion_rate, "narrative.change_without_reason": _without_reason,
}


def _rule_beyond_sums(name: str, details: str, at: str, page, table: str) -> str:  # noqa: C901 - one shape per rule
    """The reviewers' rules (issue 15, part 2) say what is wrong and quote what is printed."""
    quoted = re.findall(r'"([^"]*)"', details)
    first = quoted[0] if quoted else ""
    if name == "completeness.title_names_another_year":
        years = re.search(r"names (\d{4}); the report is for (\d{4})", details)
        if years:
            return f"{at}，标题“{first}”所列年度为{years.group(1)}年，而本报告为{years.group(2)}年度。"
    if name == "completeness.as_of_date_another_year":
        year = re.search(r"report for (\d{4})", details)
        return f"{at}称“{first}”，截至日期的年度与报告年度（{year.group(1) if year else ''}年）不符。"
    if name == "completeness.placeholder_text":
        lines = re.match(r"(\d+) line", details)
        return f"第{page}页有{lines.group(1) if lines else ''}行留有占位文字，例如“{first}”。"
    if name == "completeness.names_another_unit":
        cover = re.search(r"is not (.*) \(the cover's\)", details)
        return f"第{page}页印有“{first}”，所列单位与封面的“{cover.group(1) if cover else ''}”不符。"
    if name == "completeness.empty_table_without_note":
        return f"{table}（第{page}页）印有表格各行，但没有任何数字，也没有说明为何为空（如“本表无数据”）。"
    if name == "completeness.three_public_stated_table_empty":
        stated = re.search(r"\(page (\d+)\) states (.*)$", details)
        if stated:
            return f"“三公”经费表（第{page}页）未印任何数字，而情况说明（第{stated.group(1)}页）称“{stated.group(2)}”。"
    if name == "three_public.total_zero_parts_not":
        return f"{at}，“三公”经费合计印为0，而分项不为0（{details.split(' while ', 1)[-1]}）。"
    if name == "narrative.wan_yuan_slip":
        match = re.match(r"情况说明 states (.*?); \w+ \(page (\d+)\) prints (\S+)", details)
        if match:
            return (f"情况说明（第{page}页）称{match.group(1)}，而{table}（第{match.group(2)}页）印为{match.group(3)}，"
                    "两者相差一万倍：元与万元混用。")
    if name == "narrative.total_stated_zero":
        match = re.match(r"情况说明 states the total \w+ as (.*?); \w+ \(page (\d+)\) prints (.*)$", details)
        if match:
            return f"情况说明（第{page}页）称合计为{match.group(1)}，而{table}（第{match.group(2)}页）印为{match.group(3)}。"
    if name == "narrative.operating_cost_exceeds_public":
        match = re.match(r"情况说明 states 机关运行经费 (.*?), more than 公用经费 ([\d.,]+) 万元 \((\w+), page (\d+)\)", details)
        if match:
            return (f"情况说明（第{page}页）称机关运行经费为{match.group(1)}，大于{table_zh(match.group(3)) or match.group(3)}"
                    f"（第{match.group(4)}页）的公用经费{match.group(2)}万元。")
    if name in _COMPARISON_RULES:
        return _COMPARISON_RULES[name](details, page)
    if name == "narrative.rate_without_base":
        match = re.match(r'情况说明 states (\S+) \("(.*?)"\)', details)
        if match:
            return f"情况说明（第{page}页）称“{match.group(2)}”，但计算{match.group(1)}所依据的数字（如预算数）既未在文中列出，也未见于表中。"
    if name == "cross_table.code_named_as_another":
        return _other_code_name(details, at)
    if name == "narrative.rate_on_zero_base":
        match = re.match(r"情况说明 states a completion rate of (.*?) on a 预算", details)
        if match:
            return f"情况说明（第{page}页）称完成预算的{match.group(1)}，而所述预算数为0，完成率无从计算。"
    return ""


def _other_code_name(details: str, at: str) -> str:
    """'prints A as "N": the name of B in the Y classification (A is "M"); B is printed "N" in T (page p), A "M2" in
    T2 (page q)': either evidence or both."""
    head = re.match(r'prints (\d+) as "([^"]*)"', details)
    if not head:
        return ""
    code, printed = head.groups()
    parts = [f"{at}，科目{code}名称印为“{printed}”"]
    if ref := re.search(r'the name of (\d+) in the (\d{4}) classification \(\d+ is "([^"]*)"\)', details):
        parts.append(f"这是{ref.group(2)}年政府收支分类中科目{ref.group(1)}的名称（科目{code}应为“{ref.group(3)}”）")
    if doc := re.search(r'(\d+) is printed "[^"]*" in (\w+) \(page (\d+)\), \d+ "([^"]*)" in (\w+) \(page (\d+)\)',
                        details):
        parts.append(f"本报告{table_zh(doc.group(2)) or doc.group(2)}（第{doc.group(3)}页）以此名称印科目{doc.group(1)}，"
                     f"而科目{code}在{table_zh(doc.group(5)) or doc.group(5)}（第{doc.group(6)}页）印为“{doc.group(4)}”")
    return parts[0] + "，" + "；".join(parts[1:]) + "。"
