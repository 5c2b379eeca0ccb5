"""The example PDFs typeset from the seed reports, read back by the extractor and
compared with the seed text itself (../shared/seeds): every figure of the summary
table and every figure of three coded tables per report. Extraction reads only the
PDF; the expectations are parsed here from the seed, by column position."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from ingestion.batch.runner import ingest
from tests.conftest import EXAMPLES, ROOT, query

SEEDS = ROOT.parent / "shared" / "seeds"
INCOME = ["total", "fiscal_appropriation", "superior_subsidy", "business", "operating", "subsidiary_remit", "other"]
EXPENDITURE = ["total", "basic", "project", "remit_to_superior", "operating", "subsidiary_grant"]
GENERAL_BUDGET = ["total", "basic", "project"]

# example PDF -> (seed file, [(table, title line in the seed, measures by column, or None for the summary)])
REPORTS = {
    "leshan_2024_unit_final_accounts.pdf": ("000_c1da4880e1a4d03c.txt", [
        ("income_expenditure_summary", "收入支出决算总表\t", None),
        ("income", "收入决算表\t", INCOME),
        ("expenditure", "支出功能分类科目编码\t科目名称\t本年支出合计", EXPENDITURE),
        ("general_budget_expenditure", "一般公共预算财政拨款支出决算表\t", GENERAL_BUDGET),
    ]),
    "wuhan_2024_department_final_accounts.pdf": ("001_9c5bcdef2538c72d.txt", [
        ("income_expenditure_summary", "2024 年度收入支出决算总表", None),
        ("income", "2024 年度收入决算表", INCOME),
        ("expenditure", "2024 年度支出决算表", EXPENDITURE),
        ("general_budget_expenditure", "2024 年度一般公共预算财政拨款支出决算表", GENERAL_BUDGET),
    ]),
    "rongcheng_2024_department_final_accounts.pdf": ("002_1c3ea833192c9138.txt", [
        ("income_expenditure_summary", "公开01表", None),
        ("income", "公开02表", INCOME),
        ("expenditure", "公开03表", EXPENDITURE),
        ("general_budget_expenditure", "公开05表", GENERAL_BUDGET),
    ]),
    "jincheng_2023_department_final_accounts.pdf": ("003_c1fbac8e898f5dfc.txt", [
        ("income_expenditure_summary", "公开01表", None),
        ("income", "公开02表", INCOME),
        ("expenditure", "公开03表", EXPENDITURE),
        ("general_budget_expenditure", "公开05表", GENERAL_BUDGET),
    ]),
}
_AMOUNT = re.compile(r"-?\d[\d,]*\.\d+")
_CODE_LINE = re.compile(r"^(\d{3}(?:\s?\d{2}){0,2})\b")


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text).replace(",", "")


def _section(lines: list[str], title: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith(title) or line.strip() == title.strip())
    out = []
    for line in lines[start + 1:]:
        if line.startswith("注") or line.startswith("说明"):
            break
        out.append(line)
    return out


def _summary_figures(section: list[str]) -> Counter:
    return Counter(_clean(m) for line in section for m in _AMOUNT.findall(line.replace(", ", ",").replace(". ", ".")))


def _coded_figures(section: list[str], measures: list[str]) -> dict[tuple[str, str], str]:
    expected = {}
    for line in section:
        match = _CODE_LINE.match(line)
        if not match:
            continue
        fields = line.rstrip("\n").split("\t")
        # figures follow the last text field (the name), in column order; trailing blanks may be cut
        name_at = max(i for i, f in enumerate(fields) if _clean(f) and not _AMOUNT.fullmatch(_clean(f)))
        figures = fields[name_at + 1:]
        if len(figures) > len(measures):  # empty 类/款/项 cells between the name and the figures
            figures = figures[-len(measures):]
        for measure, text in zip(measures, figures):
            if _clean(text):
                expected[(re.sub(r"\s", "", match.group(1)), measure)] = _clean(text)
    return expected


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"../shared/seeds is not beside the repository ({SEEDS})")
    db = tmp_path_factory.mktemp("seeds") / "warehouse.duckdb"
    assert ingest([str(EXAMPLES)], str(db), jobs=2, progress=False).count("failed") == 0
    return db


@pytest.mark.parametrize("pdf", sorted(REPORTS))
def test_figures_match_the_seed(examples, pdf):
    seed, tables = REPORTS[pdf]
    lines = (SEEDS / seed).read_text(encoding="utf-8").splitlines()
    checked = 0
    for table, title, measures in tables:
        rows = query(examples, """SELECT coalesce(subject_code, line_item), measure, value_text
                                  FROM raw.table_cells JOIN raw.documents USING (document_id)
                                  WHERE source_file = ? AND table_name = ? AND status = 'number'""", [pdf, table])
        section = _section(lines, title)
        if measures is None:
            expected = _summary_figures(section)
            assert Counter(_clean(v) for _, _, v in rows) == expected, table
            checked += sum(expected.values())
        else:
            expected = _coded_figures(section, measures)
            got = {(k, m): _clean(v) for k, m, v in rows if k and k.isdigit()}
            assert got == expected, table
            checked += len(expected)
    assert checked >= 60


def test_report_without_tables_is_recorded_with_its_narrative(examples):
    pdf = "sichuan_province_2023_unit_final_accounts.pdf"
    assert query(examples, "SELECT unit_name, fiscal_year, report_kind, scope FROM raw.documents WHERE source_file = ?",
                 [pdf]) == [("四川省大数据技术服务中心", 2023, "final_accounts", "unit")]
    assert query(examples, "SELECT count(*) FROM raw.table_instances JOIN raw.documents USING (document_id) "
                           "WHERE source_file = ?", [pdf]) == [(0,)]
    text = query(examples, "SELECT string_agg(text, '') FROM raw.pages JOIN raw.documents USING (document_id) "
                           "WHERE source_file = ?", [pdf])[0][0]
    assert "四川省大数据技术服务中心" in text and "部门预算项目支出绩效自评表" in text


def test_amounts_are_exact_decimals(examples):
    rows = query(examples, """SELECT value FROM raw.table_cells JOIN raw.documents USING (document_id)
                              WHERE source_file = 'rongcheng_2024_department_final_accounts.pdf'
                              AND table_name = 'income_expenditure_summary' AND line_item = 'total_income'""")
    assert rows == [(Decimal("12418.33"),)]
