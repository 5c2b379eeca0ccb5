"""`juesuan report`: a static HTML audit report, one section per document.

Every text that comes from a PDF (unit names, labels, narrative, finding details)
goes through html.escape: a report whose unit name holds `<script>` shows it as text.
Charts are inline SVG bars, so the page needs no script and no network.
"""

from __future__ import annotations

import html
import os
from datetime import UTC, datetime
from decimal import Decimal

from ingestion.export_folder import exporting_to
from ingestion.numbers import format_amount
from ingestion.warehouse import WarehouseError, connect

_STYLE = """body{font-family:sans-serif;margin:2em;color:#222}h1{font-size:1.6em}h2{border-bottom:2px solid #345;
padding-bottom:.2em;margin-top:2em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;
padding:.2em .5em;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}.error{color:#a00}
.warning{color:#a60}svg text{font-size:11px}"""

CLASS_SQL = """SELECT e.subject_code, coalesce(f.name_zh, e.subject_code), e.total_wan FROM marts.fct_expenditure e
               LEFT JOIN marts.dim_function_subject f USING (subject_code)
               WHERE e.document_id = ? AND length(e.subject_code) = 3 ORDER BY e.total_wan DESC"""
NATURE_SQL = """SELECT measure, amount_wan FROM marts.fct_budget_line WHERE document_id = ? AND table_name = 'expenditure'
                AND line_item = 'grand_total' AND measure IN ('basic', 'project') ORDER BY measure"""
INCOME_SQL = """SELECT row_label, amount_wan FROM marts.fct_budget_line WHERE document_id = ?
                AND table_name = 'income_expenditure_summary' AND line_item LIKE '%_income' AND line_item != 'total_income'
                AND line_item NOT LIKE 'grand_total%' AND amount_wan != 0 ORDER BY amount_wan DESC"""
THREE_PUBLIC_SQL = """SELECT category, phase, amount_wan FROM marts.fct_three_public WHERE document_id = ?
                      ORDER BY category, phase"""
PROJECTS_SQL = """SELECT project_name, execution_rate_text, execution_rate, total_score_text, grade, page_number
                  FROM marts.fct_project_performance WHERE document_id = ? ORDER BY sheet_seq"""
# Budget (部门预算) beside execution (决算) for the document's unit, year and scope: 类 totals of the
# expenditure table and the 三公 categories; a side the warehouse lacks shows as blank.
BUDGET_VS_ACTUAL_SQL = """SELECT CASE v.table_name WHEN 'three_public' THEN '三公 ' || v.row_key
                                 ELSE v.row_key || ' ' || coalesce(f.name_zh, '') END,
                                 v.approved_wan, v.executed_wan, v.stated_initial_budget_wan,
                                 round(v.execution_rate * 100, 2), v.approved_page_number, v.executed_page_number
                          FROM marts.fct_budget_vs_actual v JOIN marts.dim_document d
                            ON d.unit_id = v.unit_id AND d.fiscal_year = v.fiscal_year AND d.scope = v.scope
                          LEFT JOIN marts.dim_function_subject f ON f.subject_code = v.row_key
                          WHERE d.document_id = ? AND (v.approved_wan IS NOT NULL AND v.executed_wan IS NOT NULL)
                            AND ((v.table_name = 'expenditure' AND length(v.row_key) = 3 AND v.measure = 'total')
                                 OR v.table_name = 'three_public')
                          ORDER BY v.table_name, v.row_key"""
FINDINGS_SQL = """SELECT severity, page_number, check_name, row_key, actual_wan, expected_wan, details,
                         check_name_zh, details_zh
                  FROM audit.identity_findings WHERE document_id = ? ORDER BY page_number, check_name"""


def _findings_sql(con) -> str:
    """A warehouse last validated before the Chinese columns existed shows them blank until validated again."""
    has_zh = con.execute("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'audit' "
                         "AND table_name = 'identity_findings' AND column_name = 'details_zh'").fetchone()[0]
    return FINDINGS_SQL if has_zh else FINDINGS_SQL.replace("check_name_zh, details_zh", "NULL, NULL")


def _e(value) -> str:
    if isinstance(value, Decimal):
        return format_amount(value)
    return html.escape("" if value is None else str(value))


def _bars(rows: list[tuple[str, float]], unit: str = "万元") -> str:
    """Horizontal bars as inline SVG, one per (label, value)."""
    rows = [(label, float(value or 0)) for label, value in rows]
    if not rows:
        return "<p>—</p>"
    top = max(v for _, v in rows) or 1.0
    height = 22 * len(rows) + 10
    parts = [f'<svg width="720" height="{height}" role="img">']
    for i, (label, value) in enumerate(rows):
        y = 5 + 22 * i
        width = 380 * value / top
        parts.append(f'<text x="0" y="{y + 14}">{_e(label)}</text>'
                     f'<rect x="230" y="{y}" width="{width:.1f}" height="16" fill="#4a7ab0"></rect>'
                     f'<text x="{236 + width:.1f}" y="{y + 13}">{value:,.2f} {_e(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(headers: list[str], rows: list[tuple], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{_e(c)}</td>' for i, c in enumerate(r))
                   + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _document_section(con, document) -> str:
    document_id, source_file, unit, year, pages, family, kind = document
    kind_zh = "预算" if kind == "budget" else "决算"
    out = [f'<section id="{_e(document_id)}"><h2>{_e(unit or source_file)} · {_e(year)} · {kind_zh}</h2>',
           f"<p>{_e(source_file)} — {pages} pages, layout {_e(family)}</p>"]
    classes = con.execute(CLASS_SQL, [document_id]).fetchall()
    out.append("<h3>Expenditure by 类</h3>" + _bars([(f"{c} {n}", v) for c, n, v in classes]))
    nature = con.execute(NATURE_SQL, [document_id]).fetchall()
    out.append("<h3>Basic vs project</h3>" + _bars([("基本支出" if m == "basic" else "项目支出", v) for m, v in nature]))
    out.append("<h3>Income sources</h3>" + _bars(con.execute(INCOME_SQL, [document_id]).fetchall()))
    three = con.execute(THREE_PUBLIC_SQL, [document_id]).fetchall()
    out.append("<h3>三公 budget vs actual</h3>" + _table(["category", "phase", "万元"], three, {2}))
    paired = con.execute(BUDGET_VS_ACTUAL_SQL, [document_id]).fetchall()
    if paired:
        out.append("<h3>预算 vs 决算 (budget vs actual)</h3>" + _table(
            ["row", "预算数 (approved)", "决算数 (executed)", "决算所列年初预算", "执行率 %", "预算 page", "决算 page"],
            paired, {1, 2, 3, 4, 5, 6}))
    projects = con.execute(PROJECTS_SQL, [document_id]).fetchall()
    out.append("<h3>Project execution</h3>" + _table(
        ["project", "执行率", "", "总分", "grade", "page"], [(p, t, "", s, g, pg) for p, t, _, s, g, pg in projects]))
    findings = con.execute(_findings_sql(con), [document_id]).fetchall()
    # the Chinese name and sentence (validation/findings_zh.py) beside the English ones
    rows = "".join(f'<tr class="{_e(s)}"><td>{_e(s)}</td><td class=n>{_e(p)}</td><td>{_e(cz)}<br>{_e(c)}</td>'
                   f"<td>{_e(k)}</td><td class=n>{_e(a)}</td><td class=n>{_e(x)}</td><td>{_e(dz)}</td><td>{_e(d)}</td></tr>"
                   for s, p, c, k, a, x, d, cz, dz in findings)
    out.append(f"<h3>Identity findings ({len(findings)})</h3><table><tr><th>severity</th><th>page</th><th>检查项 check</th>"
               f"<th>row</th><th>printed</th><th>expected</th><th>说明</th><th>details</th></tr>{rows}</table></section>")
    return "".join(out)


def write_report(db_path: str, out_dir: str) -> str:
    con = connect(db_path, read_only=True)
    try:
        try:
            documents = con.execute("SELECT document_id, source_file, unit_name, fiscal_year, page_count, layout_family, "
                                    "report_kind FROM marts.dim_document ORDER BY unit_name, fiscal_year, report_kind"
                                    ).fetchall()
        except Exception as exc:  # noqa: BLE001 - a warehouse without marts
            raise WarehouseError("the warehouse has no marts yet: run `juesuan build` first") from exc
        sections = [_document_section(con, d) for d in documents]
    finally:
        con.close()
    toc = "".join(f'<li><a href="#{_e(d[0])}">{_e(d[2] or d[1])} {_e(d[3])}</a></li>' for d in documents)
    page = (f"<!doctype html><html lang=zh><head><meta charset=utf-8><title>juesuan audit report</title>"
            f"<style>{_STYLE}</style></head><body><h1>决算 audit report</h1>"
            f"<p>{len(documents)} documents · generated {datetime.now(UTC).isoformat(timespec='seconds')}</p>"
            f"<ul>{toc}</ul>{''.join(sections)}</body></html>")
    target = os.path.abspath(out_dir)
    with exporting_to(target, "report") as staging:  # a folder of its own, never a user's files overwritten
        with open(os.path.join(staging, "index.html"), "w", encoding="utf-8") as handle:
            handle.write(page)
    return os.path.join(target, "index.html")
