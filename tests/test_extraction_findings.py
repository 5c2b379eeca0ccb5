"""The extraction family: what the reader could not place becomes a finding with its page, and a
report's content never fails the build (a key printed twice: both lines kept, one finding)."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from corpus.render import Document, Table, draw_table
from ingestion.batch.runner import ingest
from juesuan.build import dbt_build
from tests.conftest import EXAMPLES, ROOT, query, shared_pdfs
from validation.identities import validate

BASIC = "一般公共预算财政拨款基本支出决算表"
BASIC_NAME = "general_budget_basic_expenditure"
CODED = [["科目编码", "科目名称", "决算数"]]
FINDINGS = """SELECT f.check_name, f.table_name, f.row_key, f.measure, f.severity, f.page_number, f.details
              FROM audit.identity_findings f JOIN marts.dim_document d USING (document_id)
              WHERE d.source_file = ? AND f.family = ? ORDER BY f.page_number, f.check_name, f.row_key"""


def ruled_report(path: Path, unit: str, tables: list[tuple[str, list[list[str]], list[list[str]], list[float]]]) -> Path:
    """A 决算 report: a cover line, then each table on its own page (title, 单位：万元, ruled grid)."""
    doc = Document(str(path), title=f"{unit}2024年度部门决算")
    doc.skip(200)
    doc.line(f"{unit}2024年度部门决算", 24, "c", leading=2.2)
    for title, header, body, widths in tables:
        doc.new_page()
        doc.line(title, 14, "c", leading=2.0)
        doc.line("单位：万元", 9, "r", leading=1.8)
        draw_table(doc, Table(widths=widths, header=header, body=body, align=["l", "l"] + ["r"] * (len(widths) - 2)))
    doc.close()
    return path


def basic_table(duplicate: bool) -> tuple[str, list[list[str]], list[list[str]], list[float]]:
    """A 基本支出 table; `duplicate` prints 31007 twice (both 0.00), as a 2024 普陀 report does."""
    body = [["", "合计", "10.00"], ["301", "工资福利支出", "10.00"], ["30101", "基本工资", "10.00"],
            ["310", "资本性支出", "0.00"], ["31007", "信息网络及软件购置更新", "0.00"]]
    if duplicate:
        body.append(["31007", "信息网络及软件购置更新", "0.00"])
    return BASIC, CODED, body, [80, 200, 100]


def _findings(db: Path, source_file: str, family: str = "extraction") -> list[tuple]:
    return query(db, FINDINGS, [source_file, family])


def test_a_key_printed_twice_is_kept_twice_and_reported_without_failing_the_build(tmp_path):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    ruled_report(folder / "duplicate.pdf", "上海市测试局", [basic_table(duplicate=True)])
    ruled_report(folder / "clean.pdf", "上海市另一测试局", [basic_table(duplicate=False)])
    db = tmp_path / "warehouse.duckdb"
    assert ingest([str(folder)], str(db), progress=False).count("failed") == 0  # one batch
    build = subprocess.run([sys.executable, "-m", "juesuan.cli", "build", "--db", str(db)], cwd=ROOT,
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    assert " 0 failed" in build.stdout
    validate(str(db))
    assert query(db, "SELECT source_file FROM marts.dim_document ORDER BY 1") == [("clean.pdf",), ("duplicate.pdf",)]
    lines = query(db, """SELECT d.source_file, l.table_name, l.amount_wan, l.value_text, l.page_number, l.row_index,
                                l.col_index, l.x0, l.top
                         FROM marts.fct_budget_line l JOIN marts.dim_document d USING (document_id)
                         WHERE l.subject_code = '31007' ORDER BY 1, l.row_index""")
    assert lines == [
        ("clean.pdf", BASIC_NAME, Decimal("0"), "0.00", 2, 5, 2, 387.64, 178.45),
        ("duplicate.pdf", BASIC_NAME, Decimal("0"), "0.00", 2, 5, 2, 387.64, 178.45),
        ("duplicate.pdf", BASIC_NAME, Decimal("0"), "0.00", 2, 6, 2, 387.64, 195.7),
    ]
    # the fact keyed by code keeps one row per code
    assert query(db, """SELECT count(*) FROM marts.fct_basic_expenditure_economic e JOIN marts.dim_document d
                        USING (document_id) WHERE d.source_file = 'duplicate.pdf' AND economic_code = '31007'""") == [(1,)]
    assert _findings(db, "duplicate.pdf") == [
        ("extraction.duplicate_key", BASIC_NAME, "31007", "row", "warning", 2,
         "31007 is printed 2 times in this table: page 2 grid row 6 (x0 387.6, top 178.5): 0.00; "
         "page 2 grid row 7 (x0 387.6, top 195.7): 0.00")]
    # both documents were validated: their identity checks ran, and the clean one has no finding at all
    checked = dict(query(db, """SELECT d.source_file, count(*) FROM audit.audit_identity_checks c
                                JOIN marts.dim_document d USING (document_id) GROUP BY 1"""))
    assert checked["clean.pdf"] >= 2 and checked["duplicate.pdf"] >= 3
    assert query(db, """SELECT count(*) FROM audit.identity_findings f JOIN marts.dim_document d USING (document_id)
                        WHERE d.source_file = 'clean.pdf'""") == [(0,)]
    assert query(db, "SELECT count(*) FROM audit.identity_findings") == [(1,)]



def misread_report(path: Path) -> Path:
    """A row with figures but no code or known label, a column no measure maps, and a code printed
    twice with different figures."""
    expenditure = ("支出决算表", [["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "调整数"]],
                   [["", "合计", "30.00", "20.00", "10.00", "1.00"],
                    ["201", "一般公共服务支出", "30.00", "20.00", "10.00", "1.00"],
                    ["", "其中：专项", "5.00", "", "5.00", ""],
                    ["20103", "政府办公厅（室）及相关机构事务", "30.00", "20.00", "10.00", ""]],
                   [60, 160, 70, 60, 60, 50])
    income = ("收入决算表", [["科目编码", "科目名称", "本年收入合计"]],
              [["", "合计", "3.00"], ["201", "一般公共服务支出", "1.00"], ["201", "一般公共服务支出", "2.00"]],
              [80, 200, 100])
    return ruled_report(path, "上海市测试二局", [expenditure, income])


def shifted_report(path: Path) -> Path:
    """支出决算表: every 款 is 1.00 off its 项 and 201 off its 款 (3 of 3 parents fail); 收入决算表:
    one 款 of 3 parents off (a misprint, not a misread)."""
    expenditure = ("支出决算表", [["科目编码", "科目名称", "本年支出合计"]],
                   [["", "合计", "30.00"], ["201", "一般公共服务支出", "30.00"], ["20101", "人大事务", "11.00"],
                    ["2010101", "行政运行", "10.00"], ["20102", "政协事务", "21.00"], ["2010201", "行政运行", "20.00"]],
                   [80, 200, 100])
    income = ("收入决算表", [["科目编码", "科目名称", "本年收入合计"]],
              [["", "合计", "30.00"], ["201", "一般公共服务支出", "30.00"], ["20101", "人大事务", "10.00"],
               ["2010101", "行政运行", "10.00"], ["20102", "政协事务", "20.00"], ["2010201", "行政运行", "21.00"]],
              [80, 200, 100])
    return ruled_report(path, "上海市测试三局", [expenditure, income])


@pytest.fixture(scope="module")
def crafted(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crafted")
    misread_report(folder / "misread.pdf")
    shifted_report(folder / "shifted.pdf")
    db = folder / "warehouse.duckdb"
    assert ingest([str(folder)], str(db), progress=False).count("failed") == 0
    assert dbt_build(str(db)) == 0
    validate(str(db))
    return db


def test_figures_no_fact_holds_are_findings(crafted):
    """(an error for the code printed twice with different figures: the facts keyed by code keep the
    first printing)"""
    db = crafted
    assert _findings(db, "misread.pdf") == [
        ("extraction.row_without_key", "expenditure", "其中：专项", "row", "error", 2,
         'grid row 4 "其中：专项" prints 5.00 total, 5.00 project but has no code and no label the reader knows: '
         "its figures are in no fact"),
        ("extraction.unplaced_figure", "expenditure", "调整数", "column", "error", 2,
         'column "调整数" (grid column 6) maps to no measure but prints 2 figures: 1.00 (grand_total), 1.00 (201); '
         "they are in no fact"),
        ("extraction.duplicate_key", "income", "201", "row", "error", 3,
         "201 is printed 2 times in this table: page 3 grid row 3 (x0 387.6, top 126.7): 1.00 total; "
         "page 3 grid row 4 (x0 387.6, top 144.0): 2.00 total"),
    ]
    assert query(db, """SELECT i.subject_code, i.total_wan FROM marts.fct_income i JOIN marts.dim_document d
                        USING (document_id) WHERE d.source_file = 'misread.pdf'""") == [("201", Decimal("1"))]
    assert query(db, """SELECT l.amount_wan, l.row_index FROM marts.fct_budget_line l JOIN marts.dim_document d
                        USING (document_id) WHERE d.source_file = 'misread.pdf' AND l.table_name = 'income'
                        AND l.subject_code = '201' ORDER BY l.row_index""") == [(Decimal("1"), 2), (Decimal("2"), 3)]


def test_a_table_whose_hierarchy_mostly_fails_is_a_misread(crafted):
    db = crafted
    assert _findings(db, "shifted.pdf") == [
        ("extraction.hierarchy_mostly_failing", "expenditure", "expenditure", "hierarchy", "error", 2,
         "3 of 3 parent codes fail 类 = Σ 款 / 款 = Σ 项 (201, 20101, 20102): most of a table failing means a "
         "misread (rows or columns misplaced), not a misprint")]
    assert [(r[1], r[2], r[5]) for r in _findings(db, "shifted.pdf", "hierarchy")] == [
        ("expenditure", "201", 2), ("expenditure", "20101", 2), ("expenditure", "20102", 2), ("income", "20102", 3)]
    # both tables were judged: the 收入决算表's parents all hold, so it is no misread
    instances = query(db, """SELECT c.row_key FROM audit.audit_identity_checks c JOIN marts.dim_document d
                             USING (document_id) WHERE d.source_file = 'shifted.pdf'
                             AND c.check_name = 'income.parent_equals_children' ORDER BY 1""")
    assert instances == [("201",), ("20101",), ("20102",)]


def test_no_extraction_finding_on_the_examples_and_shared_reports(tmp_path):
    paths = [str(EXAMPLES)]
    try:
        paths.append(str(shared_pdfs()))
    except pytest.skip.Exception:
        pass
    db = tmp_path / "warehouse.duckdb"
    ingest(paths, str(db), jobs=2, progress=False)
    assert dbt_build(str(db)) == 0
    result = validate(str(db))
    # Leshan's 收入决算表 misprints one parent of 13 (208): a misprint, not a misread
    assert ("income.parent_equals_children", "208", 38) in {
        (f.check_name, f.row_key, f.page_number) for f in result.findings.itertuples()}
    assert _all_extraction(db) == []


def _all_extraction(db: Path) -> list[tuple]:
    return query(db, "SELECT check_name, row_key, page_number FROM audit.identity_findings WHERE family = 'extraction'")
