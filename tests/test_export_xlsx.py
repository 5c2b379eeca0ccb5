"""`juesuan export xlsx FILE` on a real warehouse: the figures printed in the PDF, read back from the
workbook's XML (the sheets as Excel stores them), under 中文 headers, with PDF text kept inert."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from xml.etree import ElementTree

import pytest

from ingestion.batch.runner import ingest
from juesuan.build import dbt_build
from juesuan.outputs.export_xlsx import export_xlsx
from tests import pdf_factory
from tests.conftest import EXAMPLES, ROOT, query

CLI = [sys.executable, "-m", "juesuan.cli"]
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
HOSTILE = '=HYPERLINK("http://example.com","点此")'


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    """Leshan's 决算 and a report whose unit name is a spreadsheet formula, through ingest and dbt build."""
    folder = tmp_path_factory.mktemp("xlsx")
    hostile = pdf_factory.tiny_report(folder / "hostile.pdf", HOSTILE, "3.21")
    db = folder / "warehouse.duckdb"
    summary = ingest([str(EXAMPLES / "leshan_2024_unit_final_accounts.pdf"), str(hostile)], str(db), progress=False)
    assert summary.count("failed") == 0, summary.lines()
    assert dbt_build(str(db)) == 0
    return db


def _column(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


class Workbook:
    """The parts of an .xlsx this test reads: sheet names, cells (value, type, number format), panes."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        book = ElementTree.fromstring(self.zip.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        self.sheets = {s.get("name"): "xl/" + targets[s.get(REL)] for s in book.find("m:sheets", NS)}
        styles = ElementTree.fromstring(self.zip.read("xl/styles.xml"))
        formats = {f.get("numFmtId"): f.get("formatCode") for f in styles.iter(f"{{{NS['m']}}}numFmt")}
        formats.update({"0": "General", "1": "0"})  # Excel's built-in ids used here
        self.cell_formats = [formats[xf.get("numFmtId")] for xf in styles.find("m:cellXfs", NS)]

    def xml(self, sheet: str) -> str:
        return self.zip.read(self.sheets[sheet]).decode("utf-8")

    def rows(self, sheet: str) -> list[list[tuple]]:
        """Each row as a list of (value as stored, cell type, number format); None for an empty cell."""
        root = ElementTree.fromstring(self.zip.read(self.sheets[sheet]))
        rows = []
        for row in root.iter(f"{{{NS['m']}}}row"):
            cells = []
            for c in row.findall("m:c", NS):
                col = _column(c.get("r"))
                cells += [None] * (col - len(cells))
                kind = c.get("t", "n")
                value = "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t")) if kind == "inlineStr" else c.findtext("m:v", None, NS)
                cells.append((value, kind, self.cell_formats[int(c.get("s", "0"))]))
            rows.append(cells)
        return rows

    def records(self, sheet: str) -> list[dict]:
        header, *body = self.rows(sheet)
        names = [h[0] for h in header]
        return [{names[i]: cell for i, cell in enumerate(row) if cell is not None} for row in body]


def test_every_mart_is_a_sheet_with_chinese_headers_number_formats_and_a_frozen_header(warehouse, tmp_path):
    out = tmp_path / "marts.xlsx"
    result = subprocess.run(CLI + ["export", "xlsx", str(out), "--db", str(warehouse)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    marts = [r[0] for r in query(warehouse, "SELECT table_name FROM information_schema.tables "
                                            "WHERE table_schema = 'marts' ORDER BY 1")]
    assert result.stdout.startswith(f"export: {len(marts)} marts ({len(marts)} sheets, ")
    book = Workbook(out)
    assert list(book.sheets) == marts
    # headers: the labels of marts_zh, in the mart's column order
    labels = [r[0] for r in query(warehouse, "SELECT column_name FROM information_schema.columns "
                                             "WHERE table_schema = 'marts_zh' AND table_name = 'fct_income' ORDER BY ordinal_position")]
    assert [h[0] for h in book.rows("fct_income")[0]] == labels
    assert labels[:4] == ["文档编号（SHA-256）", "科目编码", "入库时间", "页码"]
    # Leshan's income from 208 (社会保障和就业支出) total, printed 16.14 万元 (as tests/test_operations.py)
    income = [r for r in book.records("fct_income") if r.get("科目编码", (None,))[0] == "208"]
    assert [(r["收入合计（万元）"], r["页码"]) for r in income] == [(("16.14", "n", "#,##0.00"), ("38", "n", "0"))]  # 收入决算表, p.38
    lines = [r for r in book.records("fct_budget_line")
             if r["表名"][0] == "income" and r.get("科目编码", ("",))[0] == "20899" and r["栏目"][0] == "total"]
    assert [(r["金额（万元）"], r["所印数字（原文）"]) for r in lines] == [(("1.3", "n", "#,##0.00"), ("1.30", "inlineStr", "General"))]
    documents = {r["文件名"][0]: r for r in book.records("dim_document")}
    assert documents["leshan_2024_unit_final_accounts.pdf"]["单位名称"] == ("乐山市大数据中心", "inlineStr", "General")
    assert documents["leshan_2024_unit_final_accounts.pdf"]["年度"] == ("2024", "n", "0")
    assert documents["hostile.pdf"]["入库时间"][2] == "yyyy-mm-dd hh:mm:ss"
    three_public = [r["金额（万元）"] for r in book.records("fct_three_public") if r["三公经费类别"][0] == "total"]
    assert three_public == [("3.21", "n", "#,##0.00")]
    # a share shown as the reports print it (100.00%), a flag as TRUE/FALSE
    rates = {r["执行率"] for r in book.records("fct_project_budget") if "执行率" in r}
    assert ("1", "n", "0.00%") in rates and ("0.0645", "n", "0.00%") in rates
    assert {r["是否空白单元格"][1] for r in book.records("fct_budget_line")} == {"b"}
    for sheet in marts:  # every sheet keeps its header row in view
        assert re.search(r'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>', book.xml(sheet))
    # PDF text that is a formula stays the text it was: a string cell, no formula anywhere
    assert documents["hostile.pdf"]["单位名称"] == (HOSTILE, "inlineStr", "General")
    assert not any("<f>" in book.xml(sheet) or "<f " in book.xml(sheet) for sheet in marts)
    assert 'quotePrefix="1"' in book.zip.read("xl/styles.xml").decode()


def test_a_file_not_written_by_juesuan_is_refused_unless_forced(warehouse, tmp_path):
    out = tmp_path / "marts.xlsx"
    out.write_text("my own workbook")
    refused = subprocess.run(CLI + ["export", "xlsx", str(out), "--db", str(warehouse)], cwd=ROOT,
                             capture_output=True, text=True, timeout=300)
    assert refused.returncode == 2
    assert refused.stderr == (f"juesuan: {out} exists and is not a juesuan export; nothing was written "
                              "(give a new file, an earlier export to replace, or --force to overwrite it)\n")
    assert out.read_text() == "my own workbook"
    forced = subprocess.run(CLI + ["export", "xlsx", str(out), "--force", "--db", str(warehouse)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert forced.returncode == 0, forced.stderr
    assert "fct_income" in Workbook(out).sheets
    # an earlier export is replaced without --force; nothing is left beside it
    export_xlsx(str(warehouse), str(out))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["marts.xlsx"]
    # --force means nothing to the folder exports, which replace only their own output
    folder = subprocess.run(CLI + ["export", "parquet", str(tmp_path / "pq"), "--force", "--db", str(warehouse)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert folder.returncode == 2 and "--force applies to `export xlsx` only" in folder.stderr


def test_a_mart_longer_than_a_sheet_goes_on_in_further_sheets(warehouse, tmp_path):
    """Excel holds 1,048,576 rows per sheet; the same split at a limit of 200 rows (header included)."""
    out = tmp_path / "split.xlsx"
    lines_in_mart = query(warehouse, "SELECT count(*) FROM marts.fct_budget_line")[0][0]
    result = export_xlsx(str(warehouse), str(out), max_rows=200)
    parts = [(sheet, rows) for mart, sheet, rows in result.sheets if mart == "fct_budget_line"]
    expected = -(-lines_in_mart // 199)
    assert [s for s, _ in parts] == ["fct_budget_line"] + [f"fct_budget_line ({n})" for n in range(2, expected + 1)]
    assert sum(n for _, n in parts) == lines_in_mart and all(n == 199 for _, n in parts[:-1])
    book = Workbook(out)
    assert sum(len(book.rows(s)) - 1 for s, _ in parts) == lines_in_mart
    assert book.rows(parts[1][0])[0] == book.rows(parts[0][0])[0]  # each part has the header
    assert (f"  fct_budget_line: {lines_in_mart} rows exceed Excel's 1048575 per sheet, split into sheets "
            + ", ".join(s for s, _ in parts)) in result.lines()
    assert all(len(name) <= 31 for name in book.sheets) and len({n.lower() for n in book.sheets}) == len(book.sheets)


def test_sheet_names_keep_excels_rules():
    from juesuan.outputs.export_xlsx import _sheet_name

    names: set[str] = set()
    long = "fct_a_mart_name_longer_than_excel_allows"
    assert _sheet_name(long, 1, names) == "fct_a_mart_name_longer_than_exc"
    assert _sheet_name(long, 2, names) == "fct_a_mart_name_longer_than (2)"
    assert _sheet_name(long + "_too", 1, names) == "fct_a_mart_name_longer_than_ ~2"  # same first 31 characters
    assert _sheet_name("a[b]:c", 1, names) == "a_b__c"
    assert all(len(n) <= 31 for n in names)
