"""`juesuan validate`: Great Expectations checkpoints over the identity checks, findings in audit."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ingestion.batch.runner import ingest
from ingestion.raw.warehouse import WarehouseError
from juesuan.build import dbt_build
from tests.conftest import EXAMPLES, ROOT, query
from validation.identities import validate

FINDING_SQL = """SELECT d.source_file, f.check_name, f.row_key, f.measure, f.expected_wan, f.actual_wan,
                        f.tolerance_wan, f.severity, f.page_number
                 FROM audit.identity_findings f JOIN marts.dim_document d USING (document_id)
                 ORDER BY d.source_file, f.page_number, f.check_name, f.measure"""


@pytest.fixture(scope="module")
def validated(tmp_path_factory):
    db = tmp_path_factory.mktemp("validation") / "warehouse.duckdb"
    assert ingest([str(EXAMPLES)], str(db), progress=False).count("failed") == 0
    assert dbt_build(str(db)) == 0
    result = validate(str(db))
    return db, result


def test_leshan_real_mistakes_reported_with_pages(validated):
    db, result = validated
    leshan = [r for r in query(db, FINDING_SQL) if r[0] == "leshan_2024_unit_final_accounts.pdf"
              and not r[1].startswith(("narrative", "completeness", "performance", "cross_table.subject_name"))]
    assert leshan == [
        # 收入决算表: 208 = 16.14 but its 款 20805 + 20899 = 14.76 + 1.30 (20899 should be 1.38);
        # three figures printed to 0.01 万元: bound 3 × 0.005
        ("leshan_2024_unit_final_accounts.pdf", "income.parent_equals_children", "208", "fiscal_appropriation",
         Decimal("16.06"), Decimal("16.14"), Decimal("0.015"), "error", 38),
        ("leshan_2024_unit_final_accounts.pdf", "income.parent_equals_children", "208", "total",
         Decimal("16.06"), Decimal("16.14"), Decimal("0.015"), "error", 38),
        # 支出决算表 基本支出合计 117.86 while the 一般公共预算 table says 117.88: two printings, bound 0.01
        ("leshan_2024_unit_final_accounts.pdf", "cross_table.expenditure_basic_equals_appropriation_basic",
         "grand_total", "basic", Decimal("117.88"), Decimal("117.86"), Decimal("0.01"), "error", 40),
    ]
    assert result.count("error") >= 2
    others = {(r[1], r[2], r[8]) for r in query(db, FINDING_SQL) if r[0] == "leshan_2024_unit_final_accounts.pdf"}
    # the narrative says 117.88 where the 支出决算表 prints 117.86
    assert ("narrative.basic_expenditure_equals_table", "basic_expenditure", 4) in others
    # 05, 08, 09, 10 are listed in the contents and absent; 07 and 13 are printed as headers only
    for table in ("fiscal_appropriation_detail", "general_budget_basic_expenditure",
                  "general_budget_project_expenditure", "government_fund"):
        assert ("completeness.listed_table_missing", table, 2) in others
    assert ("completeness.table_header_only", "general_budget_expenditure_detail", 44) in others
    assert ("completeness.table_header_only", "three_public", 47) in others


def test_a_code_named_differently_in_two_tables_is_a_finding(validated):
    db, _ = validated
    rows = query(db, """SELECT d.source_file, f.table_name, f.row_key, f.severity, f.page_number, f.details
                        FROM audit.identity_findings f JOIN marts.dim_document d USING (document_id)
                        WHERE f.check_name = 'cross_table.subject_name_consistent' ORDER BY 1, 3""")
    # seed 000: the 收入决算表 (p.39) names 21208 and 2210201 unlike the 支出决算表 (p.40) and,
    # for 2210201, the 一般公共预算 table; ordinals such as 一、 before a 类 name are not a difference
    leshan = "leshan_2024_unit_final_accounts.pdf"
    assert rows == [
        (leshan, "income", "21208", "warning", 39,
         'named "国有土地使用者出让收入安排的支出" here, "国有土地使用权出让收入安排的支出" in expenditure (page 40)'),
        (leshan, "income", "2120899", "warning", 39,
         'named "其他国有土地使用者出让收入安排的支出" here, "其他国有土地使用权出让收入安排的支出" in expenditure (page 40)'),
        (leshan, "income", "2210201", "warning", 39, 'named "住房租金支出" here, "住房公积金" in expenditure (page 40)'),
    ]


def test_a_sheet_figure_that_is_not_a_number_is_a_finding(validated):
    db, _ = validated
    rows = query(db, """SELECT d.source_file, f.row_key, f.measure, f.severity, f.page_number, f.details
                        FROM audit.identity_findings f JOIN marts.dim_document d USING (document_id)
                        WHERE f.check_name = 'completeness.value_not_a_number'""")
    # seed 000: the 一网通办 sheet's 合计 row (p.9) prints its total score as ## ###
    assert rows == [("leshan_2024_unit_final_accounts.pdf", "“一网通办”分站点建设试点", "total_score", "error", 9,
                     'printed "## ###" where a figure belongs')]


def test_rounding_within_the_exact_bound_is_not_a_finding(validated):
    db, _ = validated
    # seed 003: 款 21011 = 13.76 while its 项 9.42 + 4.35 = 13.77: three figures, bound 3 × 0.005 = 0.015
    checked = query(db, """SELECT expected_wan, actual_wan, bound_wan FROM audit.audit_identity_checks c
                           JOIN marts.dim_document d USING (document_id)
                           WHERE d.source_file LIKE 'jincheng%' AND c.row_key = '21011' AND c.measure = 'total'
                             AND c.check_name = 'general_budget_expenditure.parent_equals_children'""")
    assert checked == [(Decimal("13.77"), Decimal("13.76"), Decimal("0.015"))]
    assert not [r for r in query(db, FINDING_SQL) if r[0].startswith("jincheng") and r[2] == "21011"]


def test_each_finding_states_the_bound_it_used(validated):
    db, _ = validated
    rules = query(db, """SELECT f.check_name, f.row_key, f.measure, f.tolerance_wan, f.bound_rule
                          FROM audit.identity_findings f JOIN marts.dim_document d USING (document_id)
                          WHERE d.source_file LIKE 'leshan%' AND f.page_number IN (4, 9, 38)
                          ORDER BY f.page_number, f.check_name, f.measure""")
    assert rules == [
        ("narrative.basic_expenditure_equals_table", "basic_expenditure", "amount", Decimal("0.01"),
         "2 × 0.005 万元 = 0.01 万元 (half a unit of each figure's last printed digit)"),
        ("narrative.share_of_general_budget_expenditure", "share_of_general_budget_expenditure", "percent",
         Decimal("0.005"), "the recomputed percentage rounded to the printed 0.01%"),
        ("narrative.share_of_total_expenditure", "share_of_total_expenditure", "percent", Decimal("0.005"),
         "the recomputed percentage rounded to the printed 0.01%"),
        ("narrative.share_of_total_income", "share_of_total_income", "percent", Decimal("0.005"),
         "the recomputed percentage rounded to the printed 0.01%"),
        ("completeness.value_not_a_number", "“一网通办”分站点建设试点", "total_score", Decimal("0"),
         "decided by what is printed, no rounding"),
        # 32.24% in the conclusion, 6.45% in the table: each off by at most 0.005
        ("performance.conclusion_rate_equals_table", "“一网通办”分站点建设试点", "percent", Decimal("0.01"),
         "Σ half a unit of the last printed digit of the two percentages = 0.01%"),
        ("income.parent_equals_children", "208", "fiscal_appropriation", Decimal("0.015"),
         "3 × 0.005 万元 = 0.015 万元 (half a unit of each figure's last printed digit)"),
        ("income.parent_equals_children", "208", "total", Decimal("0.015"),
         "3 × 0.005 万元 = 0.015 万元 (half a unit of each figure's last printed digit)"),
    ]


def test_every_family_suite_ran_and_data_docs_exist(validated):
    db, result = validated
    assert (ROOT / "gx" / "expectations" / "identities_hierarchy.json").exists()
    assert result.data_docs == f"{db}.gx/data_docs/index.html"
    assert Path(result.data_docs).is_file()
    assert result.checks > 500


class _Resources(HTMLParser):
    """What a page loads: <link href>, <script src>, <img src>, and url(…) in its <style> blocks."""

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            self.loads.append(attrs["href"])
        if tag in ("script", "img") and attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.loads.extend(re.findall(r"url\(\s*['\"]?([^'\")]+)", data))


def _page(path: Path) -> _Resources:
    parser = _Resources()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _index_runs(index: Path) -> list[tuple[str, str]]:
    """(run name, suite page) of every validation result the index lists."""
    page = _page(index)
    return sorted({(link.split("/")[2], link) for link in page.links if link.startswith("validations/")})


def test_each_warehouse_has_its_own_data_docs_that_render_offline(validated, tmp_path):
    """Two warehouses validated one after the other: each Data Docs site sits beside its warehouse and
    lists its own runs only (they were one site in the checkout's gx/ before); no page loads a style,
    script, font or image from the internet; the checkout's gx/ is not written to."""
    def gx_files():
        return {p: p.stat().st_mtime_ns for p in (ROOT / "gx").rglob("*") if p.is_file()}

    checkout_before = gx_files()
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    shutil.copyfile(validated[0], a)
    shutil.copyfile(validated[0], b)
    suites = len(list((ROOT / "gx" / "expectations").glob("identities_*.json")))
    first_a = validate(str(a))
    validate(str(b))
    validate(str(a))
    site_a, site_b = Path(first_a.data_docs).parent, tmp_path / "b.duckdb.gx" / "data_docs"
    assert site_a == tmp_path / "a.duckdb.gx" / "data_docs"
    runs_a, runs_b = _index_runs(site_a / "index.html"), _index_runs(site_b / "index.html")
    assert [name for name, _ in runs_a] == ["a.duckdb"] * (2 * suites)  # two runs of a, nothing of b
    assert [name for name, _ in runs_b] == ["b.duckdb"] * suites
    for site, runs in ((site_a, runs_a), (site_b, runs_b)):
        assert all((site / link).is_file() for _, link in runs)
    assert gx_files() == checkout_before
    pages = list(site_a.rglob("*.html")) + list(site_b.rglob("*.html"))
    assert len(pages) == (1 + suites + 2 * suites) + (1 + suites + suites)  # index, suite and result pages
    remote = {(str(p.relative_to(tmp_path)), url) for p in pages for url in _page(p).loads
              if re.match(r"\s*(https?:)?//", url)}
    assert not remote
    index = _page(site_a / "index.html")
    assert index.loads and all((site_a / url).is_file() for url in index.loads if not url.startswith("data:"))


def test_a_folder_of_the_users_where_data_docs_would_go_is_refused(validated, tmp_path):
    db = tmp_path / "c.duckdb"
    shutil.copyfile(validated[0], db)
    theirs = tmp_path / "c.duckdb.gx"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("mine")
    with pytest.raises(WarehouseError, match="is not the Great Expectations folder juesuan keeps"):
        validate(str(db))
    assert [p.name for p in theirs.iterdir()] == ["notes.txt"] and (theirs / "notes.txt").read_text() == "mine"


def test_strict_exits_1_on_error_findings(validated):
    db, _ = validated
    cmd = [sys.executable, "-m", "juesuan.cli", "validate", "--db", str(db)]
    assert subprocess.run(cmd, cwd=ROOT, capture_output=True).returncode == 0
    strict = subprocess.run(cmd + ["--strict"], cwd=ROOT, capture_output=True, text=True)
    assert strict.returncode == 1
    assert strict.stdout.startswith("validate: ") and " error, " in strict.stdout.splitlines()[0]


def test_contents_name_tables_the_report_lacks(validated):
    db, _ = validated
    rows = query(db, """SELECT d.source_file, f.row_key, f.page_number, f.severity FROM audit.identity_findings f
                        JOIN marts.dim_document d USING (document_id)
                        WHERE f.check_name = 'completeness.listed_table_missing' ORDER BY 1, 2""")
    # seed 004 lists 13 附表 and prints none; seed 002 lists a 06 表 it does not print
    province = [r for r in rows if r[0].startswith("sichuan_province")]
    assert len(province) == 13 and all(page == 2 and severity == "error" for _, _, page, severity in province)
    assert ("rongcheng_2024_department_final_accounts.pdf", "general_budget_basic_expenditure", 2, "error") in rows


def test_narrative_figures_kept_and_checked(validated):
    db, _ = validated
    figures = query(db, """SELECT n.topic, n.subject_code, n.stated_text, n.table_wan, n.page_number
                           FROM marts.fct_narrative_figure n JOIN marts.dim_document d USING (document_id)
                           WHERE d.source_file LIKE 'jincheng%' ORDER BY n.figure_seq""")
    assert ("general_budget_class", "201", "7,123.60万元", Decimal("7123.60"), 17) in figures
    assert ("personnel", None, "258.05万元", Decimal("258.05"), 18) in figures
    # 政府采购 against the 部门决算公开相关信息统计表 (公开10表, p.16)
    assert ("procurement_total", None, "207.70万元", Decimal("207.70"), 19) in figures
    assert ("procurement_services", None, "206.60万元", Decimal("206.60"), 19) in figures
    assert ("operating_cost", None, "35.11万元", Decimal("35.11"), 19) in figures
    # last year's figures in the same paragraph are kept, not forced onto this year's table
    assert ("operating_cost_other_year", None, "35万元", None, 19) in figures
    assert ("operating_cost_other_year", None, "79.81万元", None, 19) in figures
    rates = query(db, """SELECT stated_rate FROM marts.fct_narrative_figure n JOIN marts.dim_document d USING (document_id)
                         WHERE d.source_file LIKE 'jincheng%' AND topic = 'share_of_general_budget_expenditure'""")
    assert rates == [(Decimal("0.9927"),)]


def test_procurement_and_government_fund_statements_checked(validated):
    db, _ = validated
    checks = query(db, """SELECT d.source_file, c.check_name, c.expected_wan, c.actual_wan, c.page_number
                          FROM audit.audit_identity_checks c JOIN marts.dim_document d USING (document_id)
                          WHERE c.check_name SIMILAR TO 'narrative.(procurement|government_fund|operating_cost).*'
                          ORDER BY 1, 2""")
    assert ("rongcheng_2024_department_final_accounts.pdf", "narrative.government_fund_expenditure_equals_table",
            Decimal("11500"), Decimal("11500"), 16) in checks
    assert ("rongcheng_2024_department_final_accounts.pdf", "narrative.government_fund_income_equals_table",
            Decimal("11500"), Decimal("11500"), 16) in checks
    # 总额 = 货物 + 工程 + 服务 as each report states it (80.3 = 33 + 0 + 47.3, …): all four hold
    sums = {(r[0][:6], r[2], r[4]) for r in checks if r[1] == "narrative.procurement_parts_sum_to_total"}
    assert sums == {("jinche", Decimal("207.70"), 19), ("leshan", Decimal("115.64"), 6),
                    ("rongch", Decimal("80.3"), 16), ("wuhan_", Decimal("1184.97"), 19)}
    assert all(expected == actual for _, _, expected, actual, _ in checks)
    assert query(db, """SELECT item, value_text FROM marts.fct_disclosure_statistic s JOIN marts.dim_document d
                        USING (document_id) WHERE d.source_file LIKE 'jincheng%' AND item LIKE '%采购%'
                        ORDER BY statistic_seq""") == [
        ("一、政府采购情况/合计", "207.70"), ("一、政府采购情况/货物", "1.10"), ("一、政府采购情况/服务", "206.60")]


def test_procurement_parts_that_do_not_add_up_are_a_finding(tmp_path):
    from tests import pdf_factory

    pdf = pdf_factory.narrative_page(tmp_path / "procurement.pdf", [
        "晋城市大数据应用局2022年度部门决算", "十、其他重要事项的情况说明",
        "（二）政府采购支出情况：2022年度政府采购支出总额5.05万元，其中：",
        "政府采购货物支出0.00万元、政府采购工程支出0.00万元、政府采购服务支出5.01万元。"])
    db = tmp_path / "w.duckdb"
    assert ingest([str(pdf)], str(db), progress=False).count("failed") == 0
    assert dbt_build(str(db)) == 0
    validate(str(db))
    assert query(db, """SELECT check_name, expected_wan, actual_wan, tolerance_wan, severity, page_number
                        FROM audit.identity_findings""") == [
        # four figures stated to 0.01 万元: bound 0.02; the parts miss by 0.04
        ("narrative.procurement_parts_sum_to_total", Decimal("5.01"), Decimal("5.05"), Decimal("0.02"), "error", 1)]


def test_shanghai_findings(tmp_path):
    from tests.conftest import final_account_pdfs

    db = tmp_path / "warehouse.duckdb"
    assert ingest(final_account_pdfs(), str(db), progress=False).count("failed") == 0
    assert dbt_build(str(db)) == 0
    validate(str(db))
    rows = query(db, FINDING_SQL)
    planning = [r[1:] for r in rows if r[0].startswith("上海市普陀区规划")]
    # the narrative calls the total basic expenditure (5377.64, incl. 12.89 of carried-over
    # funds) 一般公共预算财政拨款基本支出; tables 05 and 06 print 5364.75 and 4884.09
    assert ("narrative.general_budget_basic_equals_table", "general_budget_basic", "amount", Decimal("5364.75"),
            Decimal("5377.64"), Decimal("0.01"), "error", 24) in planning
    assert ("narrative.personnel_equals_table", "personnel", "amount", Decimal("4884.09"), Decimal("4896.98"),
            Decimal("0.01"), "error", 24) in planning
    # a stated 95.45% for 9746.50 / 10210.34 (= 95.457%): truncated, beyond half a unit, a warning
    assert ("narrative.general_budget_completion_rate", "general_budget_completion_rate", "percent", Decimal("95.457154"),
            Decimal("95.45"), Decimal("0.005"), "warning", 21) in planning
    assert not [r for r in planning if r[0].startswith(("hierarchy", "summary", "row", "cross_table"))]
    # 三公 per category: "公务接待费支出决算为 0.39 万元，完成预算的 13.68%" states no budget; the 三公 table's
    # 2.85 (p.17) is the base, and "占100.00%" is a share of the table's 三公 total: both hold
    three_public = query(db, """SELECT c.check_name, c.expected_wan, c.actual_wan, c.page_number, c.details
                                FROM audit.audit_identity_checks c JOIN marts.dim_document d USING (document_id)
                                WHERE d.source_file LIKE '上海市普陀区规划%'
                                  AND c.check_name IN ('narrative.three_public_reception_completion_rate',
                                                       'narrative.three_public_reception_share')
                                ORDER BY 1""")
    assert three_public == [
        ("narrative.three_public_reception_completion_rate", Decimal("13.684211"), Decimal("13.68"), 25,
         "情况说明 states 13.68% for 0.39万元 of 2.85万元 (the table figure on page 17)"),
        ("narrative.three_public_reception_share", Decimal("100"), Decimal("100"), 25,
         "情况说明 states 100.00% for 0.39万元 of 0.39万元 (the table figure on page 17)")]
    assert not [r for r in planning if r[0].startswith("narrative.three_public")]
    # the blank template: its 三公 table has no row at all; the six tables printing rows without a figure
    # or a note and the placeholders on 14 pages (上海市XX局, XXX万元) say it is a template, not a report
    placeholder_pages = [1, 2, 4, 5, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]
    empty = [("income_expenditure_summary", 5), ("income", 6), ("expenditure", 7), ("fiscal_appropriation_summary", 8),
             ("general_budget_expenditure", 10), ("general_budget_basic_expenditure", 11)]
    assert sorted((r[1], r[8]) for r in rows if r[0].startswith("附件2")) == sorted(
        [("completeness.table_header_only", 12)] + [("completeness.placeholder_text", p) for p in placeholder_pages]
        + [("completeness.empty_table_without_note", page) for _, page in empty])
    assert sorted((r[2], r[8]) for r in rows if r[0].startswith("附件2")
                  and r[1] == "completeness.empty_table_without_note") == sorted(empty)


def test_performance_sheets_in_marts_and_checked(validated):
    db, _ = validated
    sheets = dict(query(db, """SELECT d.source_file, count(*) FROM marts.fct_project_performance p
                               JOIN marts.dim_document d USING (document_id) GROUP BY 1"""))
    assert sheets == {"leshan_2024_unit_final_accounts.pdf": 14, "wuhan_2024_department_final_accounts.pdf": 5,
                      "rongcheng_2024_department_final_accounts.pdf": 4,
                      "jincheng_2023_department_final_accounts.pdf": 13,
                      "sichuan_province_2023_unit_final_accounts.pdf": 18}
    # personal names stay in raw
    columns = {r[0] for r in query(db, "SELECT column_name FROM information_schema.columns "
                                       "WHERE table_schema = 'marts' AND table_name LIKE '%project%'")}
    assert not columns & {"project_leader", "finance_leader"}
    findings = {(r[1], r[8]) for r in query(db, FINDING_SQL) if r[1].startswith("performance")}
    # 一网通办: 6.45% in the table, 32.24% in its conclusion (seed 000)
    assert ("performance.conclusion_rate_equals_table", 9) in findings
    # seed 002: 90.60% printed for 193.6 / 213.6 = 90.64%
    assert ("performance.execution_rate", 22) in findings
    one = query(db, """SELECT execution_rate_text, execution_rate, total_score_text, total_score
                       FROM marts.fct_project_performance WHERE project_name LIKE '%一网通办%分站点%'""")
    assert one == [("6.45%", Decimal("0.0645"), "## ###", None)]


def test_findings_read_in_chinese(validated):
    """Every finding carries a Chinese name and sentence: the printed figures, the bound, the pages."""
    db, result = validated
    rows = query(db, """SELECT f.check_name, f.row_key, f.page_number, f.check_name_zh, f.details_zh
                        FROM audit.identity_findings f JOIN marts.dim_document d USING (document_id)
                        WHERE d.source_file LIKE 'leshan%' AND (
                            (f.check_name = 'income.parent_equals_children' AND f.measure = 'total')
                            OR f.check_name IN ('cross_table.expenditure_basic_equals_appropriation_basic',
                                                'narrative.basic_expenditure_equals_table', 'narrative.share_of_total_income',
                                                'performance.conclusion_rate_equals_table')
                            OR (f.check_name = 'completeness.listed_table_missing' AND f.row_key = 'fiscal_appropriation_detail')
                            OR (f.check_name = 'cross_table.subject_name_consistent' AND f.row_key = '2210201'))
                        ORDER BY f.page_number, f.check_name""")
    assert rows == [
        ("completeness.listed_table_missing", "fiscal_appropriation_detail", 2, "目录所列表格未印出",
         "目录（第2页）列有“五、财政拨款支出决算明细表”，但报告中未印此表。"),
        ("narrative.basic_expenditure_equals_table", "basic_expenditure", 4, "情况说明：基本支出与表中数一致",
         "情况说明（第4页）称基本支出为117.88万元，而支出决算表（第40页）印为117.86万元，相差0.02万元，"
         "超出舍入误差上限0.01万元（2个数字×0.005万元）。"),
        ("narrative.share_of_total_income", "share_of_total_income", 4, "情况说明：占本年收入合计的比重与重新计算一致",
         "情况说明（第4页）称446.94万元占本年收入合计的比重为41.77%，而446.94÷1069.86重新计算为41.7756%，"
         "相差0.0056个百分点，按印出的精度（0.01%）四舍五入也不相符。"),
        ("performance.conclusion_rate_equals_table", "“一网通办”分站点建设试点", 9, "绩效自评：评价结论所述执行率 = 表中执行率",
         "第9页项目“一网通办”分站点建设试点的评价结论称执行率为32.24%，而自评表印为6.45%，相差25.79个百分点，"
         "超出两个百分数的舍入误差上限0.01%。"),
        ("income.parent_equals_children", "208", 38, "收入决算表：上级科目 = 下级科目之和",
         "收入决算表第38页，科目208（合计栏）印为16.14万元，其下级科目20805+20899之和为16.06万元，相差0.08万元，"
         "超出舍入误差上限0.015万元（3个数字×0.005万元）。"),
        ("cross_table.subject_name_consistent", "2210201", 39, "同一科目代码各表名称一致",
         "收入决算表第39页，科目2210201名称印为“住房租金支出”，而支出决算表（第40页）印为“住房公积金”。"),
        ("cross_table.expenditure_basic_equals_appropriation_basic", "grand_total", 40, "支出决算表基本支出合计 = 财政拨款基本支出",
         "支出决算表第40页，合计行（基本支出栏）印为117.86万元，而财政拨款支出表基本支出（第43页）为117.88万元，"
         "相差0.02万元，超出舍入误差上限0.01万元（2个数字×0.005万元）。"),
    ]
    # no finding of any document without its Chinese name and sentence
    assert query(db, "SELECT count(*) FROM audit.identity_findings WHERE coalesce(check_name_zh, '') = '' "
                     "OR coalesce(details_zh, '') = ''") == [(0,)]
    # the validate summary prints them under the English line
    assert "          收入决算表：上级科目 = 下级科目之和：收入决算表第38页，科目208（合计栏）印为16.14万元，" in "\n".join(
        result.lines(limit=100))
    # marts_zh has the findings under Chinese column names
    assert query(db, """SELECT "检查项名称", "页码", "差额（万元）", "说明" FROM marts_zh.identity_findings
                        WHERE "检查项" = 'income.parent_equals_children' AND "栏目" = 'total'
                          AND "行键" = '208'""") == [
        ("收入决算表：上级科目 = 下级科目之和", 38, Decimal("0.08"), rows[4][4])]


def test_every_check_the_warehouse_makes_has_a_chinese_name(validated):
    """A new check without a row in seeds/ref_check_names.csv fails here."""
    from validation.findings_zh import check_name_zh

    db, _ = validated
    names = [n for (n,) in query(db, "SELECT DISTINCT check_name FROM audit.audit_identity_checks ORDER BY 1")]
    names.append("extraction.hierarchy_mostly_failing")  # added in validation, not in dbt
    assert len(names) > 60
    assert {n: check_name_zh(n) for n in names if not check_name_zh(n)} == {}
    # a table-prefixed check combines the table's title with the identity
    assert check_name_zh("general_budget_expenditure.row_total_equals_columns") == \
        "一般公共预算财政拨款支出决算表：合计栏 = 各分栏之和"
    assert check_name_zh("no_such_table.parent_equals_children") == ""
