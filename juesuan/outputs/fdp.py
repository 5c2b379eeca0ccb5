"""`juesuan export fdp DIR`: the money facts as a Fiscal Data Package (datapackage.json, budget-lines.csv,
project-budgets.csv; amounts in yuan), the folder replaced whole."""

from __future__ import annotations

import os

from ingestion.raw.warehouse import WarehouseError, connect
from juesuan.outputs.export_folder import exporting_to

_FDP_FIELDS = [
    # (name, type, columnType in the Fiscal Data Package spec, description)
    ("document_id", "string", "unknown:string", "sha256 of the source PDF"),
    ("unit_name", "string", "administrative-classification:generic:name", "budget unit (单位名称)"),
    ("region", "string", "geo-source:generic:name", "region named in the unit name"),
    ("fiscal_year", "integer", "date:fiscal-year", "fiscal year the figures are for (决算 or 预算)"),
    ("table_name", "string", "unknown:string", "canonical table the figure is printed in"),
    ("functional_code", "string", "functional-classification:generic:code", "支出功能分类科目 code"),
    ("economic_code", "string", "economic-classification:generic:code", "部门预算支出经济分类科目 code"),
    ("line_item", "string", "unknown:string", "fixed label of a summary row"),
    ("measure", "string", "unknown:string", "printed column"),
    ("phase", "string", "phase:id", "executed (决算数), approved (预算数)"),
    ("amount", "number", "value", "amount in CNY (yuan), exact"),
    ("page_number", "integer", "unknown:integer", "page of the PDF printing the figure"),
]


_FDP_PROJECT_FIELDS = [
    ("document_id", "string", "unknown:string", "sha256 of the source PDF"),
    ("unit_name", "string", "administrative-classification:generic:name", "budget unit (单位名称)"),
    ("fiscal_year", "integer", "date:fiscal-year", "fiscal year of the final accounts"),
    ("project_id", "string", "project:generic:id", "project key (md5 of the printed code, else of name and 主管部门)"),
    ("project_code", "string", "project:generic:code", "项目编码 when printed"),
    ("project_name", "string", "project:generic:name", "项目名称 as printed"),
    ("fund_source", "string", "fin-source:generic:name", "资金来源 as printed (年度资金总额 / 财政资金 / …)"),
    ("phase", "string", "phase:id", "approved (年初预算数), adjusted (全年/调整后预算数), executed (执行数)"),
    ("amount", "number", "value", "amount in CNY (yuan), exact"),
    ("page_number", "integer", "unknown:integer", "page of the PDF printing the figure"),
]


def _write_csv(path: str, fields: list[tuple], rows: list[tuple]) -> None:
    import csv

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([f[0] for f in fields])
        writer.writerows([[("" if v is None else format(v, "f") if hasattr(v, "as_tuple") else _inert(v)) for v in r]
                          for r in rows])


def _inert(value):
    """PDF text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_fdp(db_path: str, directory: str) -> str:
    """The money facts as a Fiscal Data Package (amounts in yuan): budget-lines.csv (the standard tables,
    executed and approved, additive: the finest printed level of each table in the columns its total
    sums, so any sum over rows is a sum of money once) and project-budgets.csv (绩效自评表: approved,
    adjusted, executed)."""
    import json

    con = connect(db_path, read_only=True)
    try:
        # 绩效自评表 budget rows, one row per printed phase
        projects = con.execute(
            """SELECT b.document_id, d.unit_name, d.fiscal_year, b.project_id, p.project_code, p.project_name,
                      b.fund_source_zh, phase, amount * 10000, b.page_number
               FROM marts.fct_project_budget b
               JOIN marts.dim_document d USING (document_id)
               JOIN marts.dim_project p USING (project_id)
               CROSS JOIN LATERAL (VALUES ('approved', b.budget_initial_wan), ('adjusted', b.budget_adjusted_wan),
                                          ('executed', b.executed_wan)) AS t(phase, amount)
               WHERE amount IS NOT NULL
               ORDER BY d.unit_name, d.fiscal_year, b.sheet_seq, b.row_seq, phase"""
        ).fetchall()
        # only figures that add up (intermediate.int_additive_budget_lines): the finest printed level of
        # each table in the columns its total sums, so Σ amount per document and table is its 合计
        rows = con.execute(
            """SELECT l.document_id, d.unit_name, d.region, d.fiscal_year, l.table_name,
                      CASE WHEN l.classification = 'function' THEN l.subject_code END,
                      CASE WHEN l.classification = 'economic' THEN l.subject_code END,
                      l.line_item, l.measure,
                      -- a budget report's figures, and a 决算's 预算数 columns, are approved amounts
                      CASE WHEN l.phase = 'approved' OR l.measure = 'budget' THEN 'approved' ELSE 'executed' END,
                      l.amount_wan * 10000, l.page_number
               FROM intermediate.int_additive_budget_lines l JOIN marts.dim_document d USING (document_id)
               ORDER BY d.unit_name, d.fiscal_year, l.table_seq, l.page_number"""
        ).fetchall()
    except Exception as exc:  # noqa: BLE001 - a warehouse without marts
        raise WarehouseError("the warehouse has no marts yet: run `juesuan build` first") from exc
    finally:
        con.close()
    package = {
        "name": "juesuan-final-accounts",
        "title": "决算 (executed) and 预算 (approved) figures extracted by juesuan",
        "profile": "fiscal-data-package",
        "countryCode": "CN",
        "resources": [{
            "name": "budget-lines", "path": "budget-lines.csv", "profile": "tabular-data-resource",
            "format": "csv", "encoding": "utf-8", "currency": "CNY",
            "schema": {"fields": [{"name": n, "type": t, "columnType": c, "description": d}
                                  for n, t, c, d in _FDP_FIELDS]},
        }, {
            "name": "project-budgets", "path": "project-budgets.csv", "profile": "tabular-data-resource",
            "format": "csv", "encoding": "utf-8", "currency": "CNY",
            "schema": {"fields": [{"name": n, "type": t, "columnType": c, "description": d}
                                  for n, t, c, d in _FDP_PROJECT_FIELDS]},
        }],
        "model": {
            "measures": {"amount": {"source": "amount", "currency": "CNY"}},
            "dimensions": {
                "administrative": {"dimensionType": "classification", "primaryKey": ["unit_name"],
                                   "attributes": {"unit_name": {"source": "unit_name"}}},
                "date": {"dimensionType": "datetime", "primaryKey": ["fiscal_year"],
                         "attributes": {"fiscal_year": {"source": "fiscal_year"}}},
                "functional": {"dimensionType": "classification", "classificationType": "functional",
                               "primaryKey": ["functional_code"],
                               "attributes": {"functional_code": {"source": "functional_code"}}},
                "economic": {"dimensionType": "classification", "classificationType": "economic",
                             "primaryKey": ["economic_code"],
                             "attributes": {"economic_code": {"source": "economic_code"}}},
                "phase": {"dimensionType": "other", "primaryKey": ["phase"],
                          "attributes": {"phase": {"source": "phase"}}},
            },
        },
    }
    target = os.path.abspath(directory)
    with exporting_to(target, "fdp") as staging:  # a folder of its own, never a user's files overwritten
        _write_csv(os.path.join(staging, "budget-lines.csv"), _FDP_FIELDS, rows)
        _write_csv(os.path.join(staging, "project-budgets.csv"), _FDP_PROJECT_FIELDS, projects)
        with open(os.path.join(staging, "datapackage.json"), "w", encoding="utf-8") as handle:
            json.dump(package, handle, ensure_ascii=False, indent=2)
    return os.path.join(target, "datapackage.json")
