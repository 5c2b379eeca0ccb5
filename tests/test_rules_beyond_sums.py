"""The checks beyond the sums (issue 15): on the real reports, and on mutated synthetic ones."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bench.rules_vs_mutations import build_corpus, new_rule_findings, score
from corpus import mutations
from ingestion.batch.runner import ingest
from juesuan.build import dbt_build
from tests.conftest import EXAMPLES, query, shared_pdfs
from validation.identities import validate


@pytest.fixture(scope="module")
def real_db(tmp_path_factory) -> Path:
    """Every real report: the 决算 and 预算 PDFs in ../shared and the bundled examples."""
    pdfs = sorted(str(p) for p in [*shared_pdfs().glob("*.pdf"), *(shared_pdfs() / "budget").glob("*.pdf"),
                                   *EXAMPLES.glob("*.pdf")])
    db = tmp_path_factory.mktemp("real_rules") / "real.duckdb"
    assert ingest(pdfs, str(db), jobs=2, progress=False).count("failed") == 0
    assert dbt_build(str(db)) == 0
    validate(str(db))
    return db


def _new_findings(db: Path) -> list[tuple]:
    return query(db, """SELECT d.source_file, f.page_number, f.check_name, f.severity, f.row_key
                        FROM audit.identity_findings f JOIN raw.documents d USING (document_id)
                        WHERE list_contains(?, f.check_name) ORDER BY 1, 2, 3""", [list(mutations.NEW_CHECKS)])


def test_real_reports_findings_beyond_the_sums(real_db):
    findings = _new_findings(real_db)
    bureau = "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf"
    template = "附件2：部门决算模板.pdf"
    # the district bureau's table part is titled with the city bureau's name (page 7)
    assert [f for f in findings if f[0] == bureau] == [
        (bureau, 7, "completeness.names_another_unit", "warning", "上海市规划和自然资源局")]
    assert query(real_db, """SELECT details FROM audit.identity_findings
                             WHERE check_name = 'completeness.names_another_unit'""") == [
        ("prints \"上海市规划和自然资源局2024年度部门决算表\": the unit named is not 上海市普陀区规划和自然资源局 "
         "(the cover's)",)]
    # the Shanghai template: its placeholders (上海市XX局, XXX万元) and its tables printed without figures
    assert [(f[1], f[4]) for f in findings if f[0] == template and f[2] == "completeness.placeholder_text"] == [
        (1, "XX"), (2, "XX"), (4, "XX"), (5, "XX"), (13, "XX"), (14, "XX"), (15, "XXX"), (16, "XXX"),
        (17, "XXXXXXXX"), (18, "XX"), (19, "XX"), (20, "XXX"), (21, "XX"), (22, "XXXXXXXX")]
    assert {f[3] for f in findings if f[2] == "completeness.placeholder_text"} == {"error"}
    assert [(f[1], f[4]) for f in findings if f[0] == template and f[2] == "completeness.empty_table_without_note"] == [
        (5, "income_expenditure_summary"), (6, "income"), (7, "expenditure"), (8, "fiscal_appropriation_summary"),
        (10, "general_budget_expenditure"), (11, "general_budget_basic_expenditure")]
    # a code printed with another code's name (cross_table.code_named_as_another): none. Verdicts on what it
    # declined: Jiangsu 2017's 30311 住房公积金 is the pre-2018 economic classification's own name (the seed is
    # the 2018 one); Shanghai 社会福利院's 2024 basic-expenditure table (page 14) prints the city's own 部门经济分类
    # (302 02 咨询费 … 303 01 退休费), so most of a row's siblings differ from the reference and it is not
    # compared; Leshan's 2210201 住房租金支出 (收入决算表, page 39) vs 住房公积金 (page 40) is no other code's
    # name: the older warning cross_table.subject_name_consistent says it
    assert [f for f in findings if f[2] == "cross_table.code_named_as_another"] == []
    # nothing else: other years named in comparisons (与2023年度相比, 比2023年预算), a budget's 截至2023年8月31日
    # vehicle count, abbreviations (省人大办公厅), Jiangsu's 此表为空 / 本部门无相关收支项目 notes all pass
    assert {f[0] for f in findings if f[2] not in COMPARISON_CHECKS} == {bureau, template}


COMPARISON_CHECKS = ("narrative.comparison_words_disagree", "narrative.change_rate_recomputed",
                     "narrative.completion_rate_recomputed", "narrative.change_without_reason")


def test_real_reports_comparisons(real_db):
    """Every finding the stated comparisons give on the real reports, each read against the page: all
    are the report's own mistakes (verdicts in the comments). No 决算 change lacks its 主要原因."""
    rows = query(real_db, """SELECT d.source_file, f.page_number, f.check_name, f.severity, f.expected_wan::DECIMAL(10, 2),
                                    f.actual_wan
                             FROM audit.identity_findings f JOIN raw.documents d USING (document_id)
                             WHERE list_contains(?, f.check_name) ORDER BY 1, 2, 5""", [list(COMPARISON_CHECKS)])
    congress, procuratorate = "jiangsu_省人大常委会办公厅_2017_dept_budget.pdf", "jiangsu_省人民检察院_2018_dept_budget.pdf"
    wanli, wuhan = "shanghai-putuo_万里街道_2024_dept_budget.pdf", "wuhan_2024_department_final_accounts.pdf"
    assert rows == [
        # 增加4032.99万元 on this year's 5619.31: 254.2356% printed 254.23 (cut, not rounded): a warning
        (congress, 28, "narrative.change_rate_recomputed", "warning", Decimal("254.24"), Decimal("254.23")),
        # 增加3,958.67 on 21,955.35 is 21.9967%, printed 21.95%
        (procuratorate, 23, "narrative.change_rate_recomputed", "error", Decimal("22.00"), Decimal("21.95")),
        # 减少184.96 on 1,836.22 is 9.151%, printed 9.1%
        (procuratorate, 24, "narrative.change_rate_recomputed", "warning", Decimal("9.15"), Decimal("9.10")),
        # 增加21.8 on 3,666 is 0.598%, printed 0.06%; 减少134 on 1,895 is 6.604%, printed 0.66% (a decimal slip each)
        (procuratorate, 26, "narrative.change_rate_recomputed", "error", Decimal("0.60"), Decimal("0.06")),
        (procuratorate, 26, "narrative.change_rate_recomputed", "error", Decimal("6.60"), Decimal("0.66")),
        # 增加2,915.22 on 10,883.36 is 36.586%, printed 36.58
        (procuratorate, 26, "narrative.change_rate_recomputed", "warning", Decimal("36.59"), Decimal("36.58")),
        # 住房公积金: 2023 executed 348.52, "2024年预算安排352.67万元", 增加0.53% — 0.53% is 350.35 (the 项 the same
        # paragraph prints), so 352.67 is the misprint
        (wanli, 9, "narrative.change_rate_recomputed", "error", Decimal("1.19"), Decimal("0.53")),
        # "政府性基金预算财政拨款收入0万元，比2023年度决算数减少278.06万元。增加主要原因是…"
        (wuhan, 16, "narrative.comparison_words_disagree", "error", None, None),
        # 年初预算35.51 / 42.01, 决算39.79 / 44.91, "完成年初预算的100%": 112.05% and 106.90%
        (wuhan, 17, "narrative.completion_rate_recomputed", "error", Decimal("112.05"), Decimal("100")),
        (wuhan, 18, "narrative.completion_rate_recomputed", "error", Decimal("106.90"), Decimal("100")),
    ]
    assert query(real_db, """SELECT details_zh FROM audit.identity_findings
                             WHERE check_name = 'narrative.comparison_words_disagree'""") == [
        ("情况说明（第16页）称“比2023年度决算数减少278.06万元”：先称“减少 278.06万元”，随后所述原因却是"
         "“增加主要原因是2024年中心无政府性基金预算项目”，增减方向相反。",)]


def test_statements_read_as_printed(real_db):
    """武汉 p.16: each comparison with its words, this year's figure and its reason; the template's
    "增加（减少）0万元" states no direction."""
    rows = query(real_db, """SELECT direction_word, amount_text, rate_text, figure_text, left(reason_text, 9), reason_direction
                             FROM marts.fct_narrative_statement s JOIN raw.documents d USING (document_id)
                             WHERE d.source_file LIKE 'wuhan%' AND page_number = 16 ORDER BY statement_seq""")
    total = ("增加", "14.96万元", "0.7%", "2156.82万元", "主要原因是在职人员", None)
    assert rows == [total, total, total, total,
                    ("增加", "293.03万元", None, "2156.82万元", "增加主要原因是在职", 1),
                    ("减少", "278.06万元", None, "0万元", "增加主要原因是20", 1),
                    (None, "0万元", None, "0万元", None, None),
                    total]
    # 万里街道 states both years: "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%"
    assert ("减少", "57.14%", "25.77万元", "60.13万元") in query(
        real_db, """SELECT direction_word, rate_text, figure_text, base_text FROM marts.fct_narrative_statement s
                    JOIN raw.documents d USING (document_id) WHERE d.source_file LIKE '%万里街道%'""")


@pytest.fixture(scope="module")
def mutated(tmp_path_factory):
    """One mutated report per mutation (seed 3: with the mutations in turn over its units, every one
    applies, and the emptied table is the 三公 one the 情况说明 states figures for) and two clean ones, through
    the real chain."""
    folder = tmp_path_factory.mktemp("mutated")
    db, truth = build_corpus(str(folder), mutated=len(mutations.MUTATIONS), clean=2, seed=3, jobs=1)
    return db, truth


def test_every_mutation_found_on_its_page(mutated):
    db, truth = mutated
    assert sorted(t["mutation"] for t in truth) == sorted(mutations.MUTATIONS)
    assert "completeness.three_public_stated_table_empty" in next(t for t in truth if t["mutation"] == "emptied_table")["checks"]
    result = score(truth, new_rule_findings(db))
    assert result["misses"] == []
    assert result["false_alarms"] == []


def test_clean_reports_raise_no_new_check(mutated):
    db, truth = mutated
    mutated_ids = {t["document_id"] for t in truth}
    assert len(query(db, "SELECT document_id FROM raw.documents")) == len(mutations.MUTATIONS) + 2
    assert [f for f in new_rule_findings(db) if f["document_id"] not in mutated_ids] == []


def test_slip_details_name_both_figures(mutated):
    db, truth = mutated
    slip = next(t for t in truth if t["mutation"] == "wan_yuan_slip")
    (details,) = query(db, """SELECT details FROM audit.identity_findings
                              WHERE document_id = ? AND check_name = 'narrative.wan_yuan_slip'""",
                       [slip["document_id"]])[0]
    assert details.startswith(f"情况说明 states {slip['evidence'].split()[-1]}")
    assert "10,000 times the table figure" in details


def test_every_rule_finding_reads_in_chinese(mutated, real_db):
    """Each rule's finding says in Chinese what is wrong and quotes what is printed (never the
    identities' "… 不成立", which would turn a problem's name into its opposite)."""
    rules = ("completeness.title_names_another_year", "completeness.as_of_date_another_year",
             "completeness.placeholder_text", "completeness.names_another_unit", "completeness.empty_table_without_note",
             "completeness.three_public_stated_table_empty", "three_public.total_zero_parts_not", "narrative.wan_yuan_slip",
             "narrative.total_stated_zero", "narrative.operating_cost_exceeds_public", "narrative.rate_on_zero_base",
             *COMPARISON_CHECKS, "cross_table.code_named_as_another", "narrative.rate_without_base")
    rows = [r for db in (mutated[0], real_db) for r in query(
        db, "SELECT check_name, check_name_zh, details_zh FROM audit.identity_findings WHERE list_contains(?, check_name)",
        [list(rules)])]
    assert {r[0] for r in rows} == set(rules)  # every rule fired somewhere, so every sentence is read here
    assert [r for r in rows if not r[1] or not r[2] or "不成立" in r[2]] == []
    bureau = [r[1] for r in query(real_db, """SELECT check_name, details_zh FROM audit.identity_findings
                                              WHERE check_name = 'completeness.names_another_unit'""")]
    assert bureau == ["第7页印有“上海市规划和自然资源局2024年度部门决算表”，所列单位与封面的“上海市普陀区规划和自然资源局”不符。"]


def test_other_code_name_details(mutated):
    """The renamed row is named with the code it prints, the name and whose name it is (the reference's and the
    report's own printing of that code), on the row's page."""
    db, truth = mutated
    renamed = next(t for t in truth if t["mutation"] == "other_code_name")
    code, _own, _arrow, printed = renamed["evidence"].split()
    rows = query(db, """SELECT page_number, row_key, severity, details, details_zh FROM audit.identity_findings
                        WHERE document_id = ? AND check_name = 'cross_table.code_named_as_another'""",
                 [renamed["document_id"]])
    assert [r[:3] for r in rows] == [(renamed["page"], code, "error")]
    name = printed.split("、")[-1]
    assert rows[0][3].startswith(f'prints {code} as "{name}": ')
    assert f"科目{code}名称印为“{name}”" in rows[0][4]
