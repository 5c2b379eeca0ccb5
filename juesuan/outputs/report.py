"""`juesuan report`: a static HTML audit report in Chinese: an index of documents, then one section per
document (charts, tables, findings), every page number a link into the PDF.

Every text that comes from a PDF (unit names, labels, narrative, finding details) goes through
html.escape: a report whose unit name holds `<script>` shows it as text. Charts are inline SVG bars.
The one script is the findings filter (severity, check), driven by the URL hash
(`index.html#severity=error&check=income.parent_equals_children`); without script every finding
shows. The folder works opened from disk: each source PDF still at its recorded path, with the
content that was ingested (same sha256), is copied into `pdf/`, and page numbers link to
`pdf/<file>#page=N`; a PDF that is gone or changed is named as such and its pages stay plain numbers.
"""

from __future__ import annotations

import html
import os
import shutil
from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import quote

from ingestion.raw.warehouse import WarehouseError, connect, sha256_of
from ingestion.read.numbers import format_amount
from juesuan.outputs.export_folder import exporting_to
from validation.findings_zh import check_name_zh, row_zh, table_zh

# CJK families named first so a machine that has one uses it; the page itself needs no font of its own.
_FONTS = ('"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",'
          '"Noto Sans CJK",sans-serif')
_STYLE = f"""body{{font-family:{_FONTS};margin:2em;color:#222}}h1{{font-size:1.6em}}h2{{border-bottom:2px solid #345;
padding-bottom:.2em;margin-top:2em}}table{{border-collapse:collapse;margin:.5em 0}}td,th{{border:1px solid #bbb;
padding:.2em .5em;text-align:left}}td.n{{text-align:right;font-variant-numeric:tabular-nums}}.error{{color:#a00}}
.warning{{color:#a60}}svg text{{font-size:11px;font-family:{_FONTS}}}svg a text{{fill:#15c}}small{{color:#666}}
.note{{color:#a00}}#filter{{background:#f4f6f8;padding:.5em 1em;border:1px solid #ccd}}#filter label{{margin-right:1em}}
#filter select{{max-width:32em}}"""

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
KIND_ZH = {"final_accounts": "决算", "budget": "预算"}
SCOPE_ZH = {"department": "部门", "unit": "单位"}
# the 三公 rows in the order the 三公经费 table prints them
THREE_PUBLIC_ZH = {"total": "合计", "overseas": "因公出国（境）费", "vehicle_total": "公务用车购置及运行费",
                   "vehicle_purchase": "其中：公务用车购置费", "vehicle_operation": "其中：公务用车运行费",
                   "reception": "公务接待费"}
_THREE_PUBLIC_ORDER = list(THREE_PUBLIC_ZH)

DOCUMENTS_SQL = """SELECT d.document_id, d.source_file, d.unit_name, d.fiscal_year, d.page_count, d.layout_family,
                          d.report_kind, d.scope, r.source_path,
                          (SELECT count(*) FROM marts.fct_budget_line b WHERE b.document_id = d.document_id)
                   FROM marts.dim_document d LEFT JOIN raw.documents r USING (document_id)
                   ORDER BY d.unit_name, d.fiscal_year, d.report_kind, d.document_id"""
# 类 totals; derived from 项 where a report prints only 项 (fct_subject_total), so no unit drops out
CLASS_SQL = """SELECT t.subject_code, coalesce(f.name_zh, ''), t.amount_wan, t.page_number, t.is_derived
               FROM marts.fct_subject_total t LEFT JOIN marts.dim_function_subject f USING (subject_code)
               WHERE t.document_id = ? AND t.table_name = 'expenditure' AND t.measure = 'total'
                 AND t.subject_level = 'class' AND t.classification = 'function'
               ORDER BY t.amount_wan DESC, t.subject_code"""
NATURE_SQL = """SELECT measure, amount_wan, page_number FROM marts.fct_budget_line WHERE document_id = ?
                AND table_name = 'expenditure' AND line_item = 'grand_total' AND measure IN ('basic', 'project')
                ORDER BY measure"""
INCOME_SQL = """SELECT row_label, amount_wan, page_number FROM marts.fct_budget_line WHERE document_id = ?
                AND table_name = 'income_expenditure_summary' AND line_item LIKE '%_income' AND line_item != 'total_income'
                AND line_item NOT LIKE 'grand_total%' AND amount_wan != 0 ORDER BY amount_wan DESC"""
THREE_PUBLIC_SQL = """SELECT category, phase, amount_wan, page_number FROM marts.fct_three_public WHERE document_id = ?"""
PROJECTS_SQL = """SELECT project_name, execution_rate_text, total_score_text, grade, page_number
                  FROM marts.fct_project_performance WHERE document_id = ? ORDER BY sheet_seq"""
# Budget (部门预算) beside execution (决算) for the document's unit, year and scope: 类 totals of the
# expenditure table and the 三公 categories; each page links into the PDF that prints it.
BUDGET_VS_ACTUAL_SQL = """SELECT v.table_name, v.row_key, coalesce(f.name_zh, ''),
                                 v.approved_wan, v.executed_wan, v.stated_initial_budget_wan,
                                 round(v.execution_rate * 100, 2), v.approved_document_id, v.approved_page_number,
                                 v.executed_document_id, v.executed_page_number
                          FROM marts.fct_budget_vs_actual v JOIN marts.dim_document d
                            ON d.unit_id = v.unit_id AND d.fiscal_year = v.fiscal_year AND d.scope = v.scope
                          LEFT JOIN marts.dim_function_subject f ON f.subject_code = v.row_key
                          WHERE d.document_id = ? AND (v.approved_wan IS NOT NULL AND v.executed_wan IS NOT NULL)
                            AND ((v.table_name = 'expenditure' AND length(v.row_key) = 3 AND v.measure = 'total')
                                 OR v.table_name = 'three_public')
                          ORDER BY v.table_name, v.row_key"""
FINDINGS_SQL = """SELECT document_id, severity, page_number, check_name, row_key, actual_wan, expected_wan, details,
                         check_name_zh, details_zh
                  FROM audit.identity_findings ORDER BY document_id, page_number, check_name, row_key"""


def _findings_sql(con) -> str:
    """A warehouse last validated before the Chinese columns existed: names from the seed, English details."""
    has_zh = con.execute("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'audit' "
                         "AND table_name = 'identity_findings' AND column_name = 'details_zh'").fetchone()[0]
    return FINDINGS_SQL if has_zh else FINDINGS_SQL.replace("check_name_zh, details_zh", "NULL, NULL")


def _e(value) -> str:
    if isinstance(value, Decimal):
        return format_amount(value)
    return html.escape("" if value is None else str(value))


def _severity_key(severity: str) -> tuple[int, str]:
    order = list(SEVERITY_ZH)
    return (order.index(severity) if severity in order else len(order), severity)


class _Pdfs:
    """Where each document's PDF sits in the report folder (relative href), or why it is not there."""

    def __init__(self) -> None:
        self.href: dict[str, str] = {}
        self.missing: dict[str, str] = {}

    def page(self, document_id: str | None, page) -> str:
        if page is None:
            return ""
        href = self.href.get(document_id or "")
        return f'<a href="{_e(href)}#page={int(page)}">{int(page)}</a>' if href else _e(page)


def _copy_pdfs(documents, folder: str) -> _Pdfs:
    """Copy each source PDF that is still at its recorded path with the ingested content into folder/pdf."""
    pdfs = _Pdfs()
    names = [d[1] for d in documents]
    for document_id, source_file, *_, source_path, _figures in documents:
        if not source_path or not os.path.isfile(source_path):
            pdfs.missing[document_id] = f"原PDF已不在入库时的位置（{source_path or '未记录'}），页码不链接"
            continue
        if sha256_of(source_path) != document_id:  # same path, other content: its pages would be wrong
            pdfs.missing[document_id] = f"原PDF（{source_path}）入库后已被改动，页码不链接"
            continue
        # a base name two documents share gets the content hash in front, so neither overwrites the other
        name = source_file if names.count(source_file) == 1 else f"{document_id[:12]}-{source_file}"
        os.makedirs(os.path.join(folder, "pdf"), exist_ok=True)
        shutil.copyfile(source_path, os.path.join(folder, "pdf", name))
        pdfs.href[document_id] = "pdf/" + quote(name)
    return pdfs


def _bars(rows: list[tuple[str, Decimal, int | None]], pdfs: _Pdfs, document_id: str, unit: str = "万元") -> str:
    """Horizontal bars as inline SVG, one per (label, value, page); the page links into the PDF."""
    if not rows:
        return "<p>（无数据）</p>"
    top = max(float(v or 0) for _, v, _ in rows) or 1.0
    height = 22 * len(rows) + 10
    parts = [f'<svg width="900" height="{height}" role="img">']
    for i, (label, value, page) in enumerate(rows):
        y = 5 + 22 * i
        width = 380 * float(value or 0) / top
        parts.append(f'<text x="0" y="{y + 14}">{_e(label)}</text>'
                     f'<rect x="260" y="{y}" width="{width:.1f}" height="16" fill="#4a7ab0"></rect>'
                     f'<text x="{266 + width:.1f}" y="{y + 13}">{_e(value)} {_e(unit)}</text>')
        if page is not None:
            text = f'<text x="820" y="{y + 13}">第{int(page)}页</text>'
            href = pdfs.href.get(document_id)
            parts.append(f'<a href="{_e(href)}#page={int(page)}">{text}</a>' if href else text)
    parts.append("</svg>")
    return "".join(parts)


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset(), drop_empty: bool = False) -> str:
    """Cells are HTML already (escaped by the caller); drop_empty leaves out a column empty in every row."""
    keep = [i for i in range(len(headers)) if not (drop_empty and rows) or any(r[i] for r in rows)]
    head = "".join(f"<th>{headers[i]}</th>" for i in keep)
    body = "".join("<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{r[i]}</td>' for i in keep) + "</tr>"
                   for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _three_public(rows, pdfs: _Pdfs, document_id: str) -> str:
    """The 三公 block as the report prints it: one row per category, 预算数 and 决算数 side by side."""
    by_category: dict[str, dict] = {}
    for category, phase, amount, page in rows:
        by_category.setdefault(category, {})[phase] = (amount, page)
    table = []
    for category in sorted(by_category, key=lambda c: (_THREE_PUBLIC_ORDER.index(c)
                                                        if c in _THREE_PUBLIC_ORDER else 99, c)):
        cells = by_category[category]
        budget, actual = cells.get("budget", (None, None)), cells.get("actual", (None, None))
        pages = sorted({p for _, p in (budget, actual) if p is not None})
        table.append([_e(THREE_PUBLIC_ZH.get(category, category)), _e(budget[0]), _e(actual[0]),
                      "、".join(pdfs.page(document_id, p) for p in pages)])
    return _table(["项目", "预算数（万元）", "决算数（万元）", "页码"], table, {1, 2, 3}) if table else "<p>（无数据）</p>"


def _findings_block(findings, pdfs: _Pdfs, document_id: str) -> str:
    if not findings:
        return "<h3>审核发现（0）</h3><p>未发现问题。</p>"
    out = [f"<h3>审核发现（{len(findings)}）</h3>"]
    for severity in sorted({f[1] for f in findings}, key=_severity_key):
        group = [f for f in findings if f[1] == severity]
        label = SEVERITY_ZH.get(severity, severity)
        rows = []
        for _, sev, page, check, key, actual, expected, details, name_zh, text_zh in group:
            name = name_zh or check_name_zh(check) or check
            # the Chinese sentence; the English one (validation/identities.py) kept as the cell's tooltip
            said = (f'<td title="{_e(details)}">{_e(text_zh)}</td>' if text_zh else f"<td>{_e(details)}</td>")
            rows.append(f'<tr class="finding {_e(sev)}" data-severity="{_e(sev)}" data-check="{_e(check)}">'
                        f"<td class=n>{pdfs.page(document_id, page)}</td><td>{_e(name)}<br><small>{_e(check)}</small></td>"
                        f"<td>{_e(row_zh(key, check))}</td><td class=n>{_e(actual)}</td><td class=n>{_e(expected)}</td>{said}</tr>")
        out.append(f'<div class="group" data-severity="{_e(severity)}"><h4 class="{_e(severity)}">{_e(label)}'
                   f"（{len(group)}）</h4><table><tr><th>页码</th><th>检查项</th><th>科目/行</th><th>印刷数</th>"
                   f"<th>应为</th><th>说明</th></tr>{''.join(rows)}</table></div>")
    return "".join(out)


def _document_section(con, document, pdfs: _Pdfs, findings) -> str:
    document_id, source_file, unit, year, pages, family, kind, scope, source_path, _figures = document
    kind_zh = KIND_ZH.get(kind, kind or "")
    href = pdfs.href.get(document_id)
    source = f'<a href="{_e(href)}">{_e(source_file)}</a>' if href else _e(source_file)
    note = f'<p class="note">{_e(pdfs.missing[document_id])}</p>' if document_id in pdfs.missing else ""
    out = [f'<section id="{_e(document_id)}"><h2>{_e(unit or source_file)} · {_e(year)} · {_e(kind_zh)}</h2>',
           f"<p>原文：{source}，共{_e(pages)}页，{_e(SCOPE_ZH.get(scope, scope or ''))}{_e(kind_zh)}，版式 {_e(family)}</p>",
           note]
    expenditure = table_zh("expenditure") or "支出决算表"
    classes = con.execute(CLASS_SQL, [document_id]).fetchall()
    out.append(f"<h3>支出按功能分类科目（类）<small>（{expenditure}）</small></h3>" + _bars(
        [(f"{c} {n}" + ("（由项汇总）" if derived else ""), v, p) for c, n, v, p, derived in classes], pdfs, document_id))
    nature = con.execute(NATURE_SQL, [document_id]).fetchall()
    out.append(f"<h3>基本支出与项目支出<small>（{expenditure}合计行）</small></h3>" + _bars(
        [("基本支出" if m == "basic" else "项目支出", v, p) for m, v, p in nature], pdfs, document_id))
    out.append(f"<h3>收入来源<small>（{table_zh('income_expenditure_summary') or '收入支出决算总表'}）</small></h3>"
               + _bars(con.execute(INCOME_SQL, [document_id]).fetchall(), pdfs, document_id))
    out.append("<h3>“三公”经费</h3>" + _three_public(con.execute(THREE_PUBLIC_SQL, [document_id]).fetchall(),
                                                     pdfs, document_id))
    paired = con.execute(BUDGET_VS_ACTUAL_SQL, [document_id]).fetchall()
    if paired:
        rows = [[_e(f"“三公”经费 {THREE_PUBLIC_ZH.get(key, key)}" if table == "three_public" else f"{key} {name}"),
                 _e(approved), _e(executed), _e(stated), _e(rate),
                 pdfs.page(approved_doc, approved_page), pdfs.page(executed_doc, executed_page)]
                for table, key, name, approved, executed, stated, rate, approved_doc, approved_page,
                executed_doc, executed_page in paired]
        out.append("<h3>预算与决算对照</h3>" + _table(
            ["项目", "预算数（预算报告，万元）", "决算数（万元）", "决算所列年初预算数（万元）", "执行率（%）",
             "预算报告页码", "决算页码"], rows, {1, 2, 3, 4, 5, 6}))
    projects = con.execute(PROJECTS_SQL, [document_id]).fetchall()
    if projects:
        out.append("<h3>项目支出绩效自评</h3>" + _table(
            ["项目名称", "预算执行率", "总分", "评价等级", "页码"],
            [[_e(p), _e(t), _e(s), _e(g), pdfs.page(document_id, pg)] for p, t, s, g, pg in projects], {1, 2, 4}, drop_empty=True))
    out.append(_findings_block(findings, pdfs, document_id) + "</section>")
    return "".join(out)


# The findings filter: the URL hash holds the state (#severity=error,warning&check=NAME), so a filtered
# view is a link one can send and test; the controls only write the hash. A hash without "=" is a
# jump to a document and leaves the filter as it is.
_SCRIPT = """(function(){
var form=document.getElementById('filter');
function apply(){
  var hash=location.hash.slice(1);
  if(hash&&hash.indexOf('=')<0)return;
  var p=new URLSearchParams(hash),sev=p.get('severity'),check=p.get('check')||'';
  var sevs=sev?sev.split(','):null,shown=0,total=0;
  form.querySelectorAll('input[name=severity]').forEach(function(b){b.checked=!sevs||sevs.indexOf(b.value)>=0;});
  form.elements.check.value=check;
  document.querySelectorAll('tr.finding').forEach(function(r){
    var ok=(!sevs||sevs.indexOf(r.dataset.severity)>=0)&&(!check||r.dataset.check===check);
    r.hidden=!ok;total++;if(ok)shown++;});
  document.querySelectorAll('div.group').forEach(function(g){g.hidden=!g.querySelector('tr.finding:not([hidden])');});
  document.getElementById('shown').textContent='显示 '+shown+' / '+total+' 条';
}
form.addEventListener('change',function(){
  var boxes=form.querySelectorAll('input[name=severity]'),on=[],p=new URLSearchParams();
  boxes.forEach(function(b){if(b.checked)on.push(b.value);});
  if(on.length<boxes.length)p.set('severity',on.join(','));
  if(form.elements.check.value)p.set('check',form.elements.check.value);
  var next='#'+p.toString();
  if(location.hash===next)apply();else location.hash=next;
});
window.addEventListener('hashchange',apply);
apply();
})();"""


def _filter(findings) -> str:
    severities = sorted({f[1] for f in findings}, key=_severity_key)
    checks = sorted({(f[3], f[8] or check_name_zh(f[3]) or f[3]) for f in findings}, key=lambda c: (c[1], c[0]))
    boxes = "".join(f'<label><input type=checkbox name=severity value="{_e(s)}" checked> {_e(SEVERITY_ZH.get(s, s))}'
                    f"</label>" for s in severities)
    options = "".join(f'<option value="{_e(c)}">{_e(zh)}（{_e(c)}）</option>' for c, zh in checks)
    return (f'<form id="filter"><b>筛选审核发现：</b>{boxes}<label>检查项 <select name=check><option value="">全部</option>'
            f'{options}</select></label> <span id="shown">显示全部 {len(findings)} 条</span></form>')


def _index(documents, pdfs: _Pdfs, counts: dict[str, dict[str, int]], severities: list[str]) -> str:
    heads = "".join(f"<th>{_e(SEVERITY_ZH.get(s, s))}</th>" for s in severities)
    rows = []
    for document_id, source_file, unit, year, pages, _family, kind, scope, _path, figures in documents:
        href = pdfs.href.get(document_id)
        source = f'<a href="{_e(href)}">{_e(source_file)}</a>' if href else f"{_e(source_file)}（原文件不可用）"
        sev = "".join(f"<td class=n>{counts.get(document_id, {}).get(s, 0)}</td>" for s in severities)
        rows.append(f'<tr><td><a href="#{_e(document_id)}">{_e(unit or source_file)}</a></td><td>{_e(year)}</td>'
                    f"<td>{_e(KIND_ZH.get(kind, kind))}</td><td>{_e(SCOPE_ZH.get(scope, scope))}</td>"
                    f"<td class=n>{_e(pages)}</td><td class=n>{figures}</td>{sev}<td>{source}</td></tr>")
    return (f"<h2>文件目录</h2><table><tr><th>单位</th><th>年度</th><th>类型</th><th>口径</th><th>页数</th>"
            f"<th>读取数字</th>{heads}<th>原文PDF</th></tr>{''.join(rows)}</table>")


def write_report(db_path: str, out_dir: str) -> str:
    target = os.path.abspath(out_dir)
    con = connect(db_path, read_only=True)
    try:
        try:
            documents = con.execute(DOCUMENTS_SQL).fetchall()
        except Exception as exc:  # noqa: BLE001 - a warehouse without marts
            raise WarehouseError("the warehouse has no marts yet: run `juesuan build` first") from exc
        findings = con.execute(_findings_sql(con)).fetchall()
        with exporting_to(target, "report") as staging:  # a folder of its own, never a user's files overwritten
            pdfs = _copy_pdfs(documents, staging)
            by_document: dict[str, list] = {}
            for f in findings:
                by_document.setdefault(f[0], []).append(f)
            counts = {d: {s: sum(1 for f in fs if f[1] == s) for s in {f[1] for f in fs}} for d, fs in by_document.items()}
            severities = sorted({f[1] for f in findings} | {"error", "warning"}, key=_severity_key)
            sections = [_document_section(con, d, pdfs, by_document.get(d[0], [])) for d in documents]
            totals = "，".join(f"{SEVERITY_ZH.get(s, s)} {sum(1 for f in findings if f[1] == s)} 条" for s in severities)
            page = (f"<!doctype html><html lang=zh-CN><head><meta charset=utf-8><title>决算/预算报告审核报告</title>"
                    f"<style>{_STYLE}</style></head><body><h1>决算/预算报告审核报告</h1>"
                    f"<p>共 {len(documents)} 份文件；审核发现：{totals}。金额单位：万元。页码链接到原文PDF的该页。"
                    f"生成时间 {datetime.now(UTC).isoformat(timespec='seconds')}</p>"
                    f"{_index(documents, pdfs, counts, severities)}{_filter(findings)}{''.join(sections)}"
                    f"<script>{_SCRIPT}</script></body></html>")
            with open(os.path.join(staging, "index.html"), "w", encoding="utf-8") as handle:
                handle.write(page)
    finally:
        con.close()
    return os.path.join(target, "index.html")

