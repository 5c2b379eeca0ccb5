"""The one declaration of every `raw` table: its columns in order, their DuckDB types, its primary key.

The DDL (`DDL`), the writer's column lists and casts (ingestion/raw/writer.py), the tables of raw Parquet
(ingestion/raw/parquet.py), the synthetic raw writer (corpus/synthetic/raw.py) and the record fields of the
sheet reader (ingestion/read/sheets/: `SHEET_COLUMNS` …) all come from here. A column added to a table that
has shipped goes at its end, and into ingestion/raw/migrations.py `ADDED_COLUMNS` too.
"""

from __future__ import annotations

from dataclasses import dataclass

DECIMAL = "DECIMAL(20, 6)"


@dataclass(frozen=True)
class Table:
    """One raw table: (column, DuckDB type) in order, and the primary key's columns."""

    name: str
    columns: tuple[tuple[str, str], ...]
    primary_key: tuple[str, ...] = ()

    @property
    def qualified(self) -> str:
        return f"raw.{self.name}"

    @property
    def names(self) -> list[str]:
        return [c for c, _ in self.columns]

    @property
    def types(self) -> dict[str, str]:
        return dict(self.columns)

    @property
    def ddl(self) -> str:
        body = [f"{c} {t}" for c, t in self.columns]
        if self.primary_key:
            body.append(f"PRIMARY KEY ({', '.join(self.primary_key)})")
        return f"CREATE TABLE IF NOT EXISTS {self.qualified} ({', '.join(body)})"


def _columns(text: str) -> tuple[tuple[str, str], ...]:
    """'name TYPE, name TYPE, …' as pairs (a type may hold a comma inside parentheses)."""
    pairs, depth, start = [], 0, 0
    for i, ch in enumerate(text + ","):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            name, kind = text[start:i].split(None, 1)
            pairs.append((name, kind.strip()))
            start = i + 1
    return tuple(pairs)


# The 绩效自评表 tables (ingestion/read/sheets/ makes every record carry all of its table's columns), without
# document_id; their types follow from the names (`_sheet_type`).
SHEET_COLUMNS = (
    "sheet_seq", "sheet_kind", "title_text", "first_page", "last_page", "layout",
    "project_name", "project_code", "unit_name", "department_text", "department_code", "department",
    "implementer_text", "implementer_code", "implementer", "project_category_text", "project_category",
    "project_attribute_text", "project_attribute", "project_type_text", "project_type",
    "basic_expenditure_text", "basic_expenditure", "project_expenditure_text", "project_expenditure",
    "budget_initial_declared_text", "budget_initial_declared", "budget_initial_text", "budget_initial",
    "budget_adjusted_text", "budget_adjusted", "budget_executed_text", "budget_executed",
    "execution_rate_text", "execution_rate", "budget_weight_text", "budget_weight", "budget_score_text", "budget_score",
    "budget_reason", "total_weight_text", "total_weight", "total_score_text", "total_score", "grade",
    "goal_text", "completion_text", "implementation_text", "conclusion", "problems", "improvements",
    "other_sections_json", "project_leader", "finance_leader", "indicator_count", "summary_row_count", "flags",
)
BUDGET_ROW_COLUMNS = (
    "sheet_seq", "row_seq", "page_number", "grid_row_index", "label_text", "fund_source_zh", "is_total",
    "initial_declared_text", "initial_declared", "initial_text", "initial", "adjusted_text", "adjusted",
    "executed_text", "executed", "balance_text", "balance", "execution_rate_text", "execution_rate",
    "weight_text", "weight", "score_text", "score", "reason", "flags",
)
INDICATOR_COLUMNS = (
    "sheet_seq", "row_seq", "page_number", "grid_row_index", "level1", "level1_weight", "level2", "level2_weight",
    "level3", "category", "operator_text", "operator", "target_text", "target_value", "unit_text", "unit",
    "target_initial_text", "target_initial_value", "target_adjusted_text", "target_adjusted_value",
    "actual_text", "actual_operator", "actual_value", "actual_unit", "completion_rate_text", "completion_rate",
    "weight_text", "weight", "score_text", "score", "deviation_reason", "flags",
)
SUMMARY_ROW_COLUMNS = (
    "sheet_seq", "row_seq", "page_number", "grid_row_index", "section", "serial", "project_name", "fund_user",
    "score_text", "score", "grade", "flags",
)

# Columns of the 绩效自评表 tables that hold exact numbers (ingestion/read/sheets/ gives Decimals).
_SHEET_DECIMALS = {
    "basic_expenditure", "project_expenditure", "budget_initial_declared", "budget_initial", "budget_adjusted",
    "budget_executed", "execution_rate", "budget_weight", "budget_score", "total_weight", "total_score",
    "initial_declared", "initial", "adjusted", "executed", "balance", "weight", "score", "level1_weight",
    "level2_weight", "target_value", "target_initial_value", "target_adjusted_value", "actual_value",
    "completion_rate",
}


def _sheet_type(column: str) -> str:
    if column.endswith(("_seq", "_page", "page_number", "_index", "_count")):
        return "INTEGER"
    if column == "is_total":
        return "BOOLEAN"
    if column == "flags":
        return "VARCHAR[]"
    if column in _SHEET_DECIMALS:
        return DECIMAL
    return "VARCHAR"


def _sheet_table(name: str, columns: tuple[str, ...]) -> Table:
    return Table(name, tuple((c, _sheet_type(c)) for c in ("document_id", *columns)))


# Every raw table, in the order they are created, exported and imported. `documents.scope` came last
# (ADDED_COLUMNS), so it stands last.
TABLES = {t.name: t for t in [
    Table("documents", _columns(
        "document_id VARCHAR, source_file VARCHAR, source_path VARCHAR, file_size BIGINT, page_count INTEGER, "
        "unit_name VARCHAR, fiscal_year INTEGER, report_kind VARCHAR, region VARCHAR, extractor_version VARCHAR, "
        "ingested_at TIMESTAMPTZ, scope VARCHAR"), ("document_id",)),
    Table("pages", _columns(
        "document_id VARCHAR, page_number INTEGER, text VARCHAR, char_count INTEGER, width DOUBLE, height DOUBLE"),
        ("document_id", "page_number")),
    Table("table_instances", _columns(
        "document_id VARCHAR, table_seq INTEGER, table_name VARCHAR, title_text VARCHAR, numbering VARCHAR, "
        "amount_unit VARCHAR, first_page INTEGER, last_page INTEGER, is_empty BOOLEAN, empty_note VARCHAR, "
        "figure_count INTEGER, column_headers VARCHAR[], body_row_count INTEGER"), ("document_id", "table_seq")),
    Table("table_cells", _columns(
        "document_id VARCHAR, table_seq INTEGER, table_name VARCHAR, page_number INTEGER, row_index INTEGER, "
        "col_index INTEGER, group_index INTEGER, side VARCHAR, subject_code VARCHAR, row_label VARCHAR, "
        "section_label VARCHAR, line_item VARCHAR, header_text VARCHAR, measure VARCHAR, value_text VARCHAR, "
        "value DECIMAL(20, 6), amount_wan DECIMAL(20, 6), status VARCHAR, x0 DOUBLE, top DOUBLE")),
    Table("table_grid_rows", _columns(
        "document_id VARCHAR, page_number INTEGER, table_seq INTEGER, grid_top DOUBLE, row_index INTEGER, "
        "cells VARCHAR[]")),
    Table("narrative_figures", _columns(
        "document_id VARCHAR, figure_seq INTEGER, page_number INTEGER, topic VARCHAR, stated_text VARCHAR, "
        "stated_wan DECIMAL(20, 6), stated_rate DECIMAL(12, 6), base_wan DECIMAL(20, 6), base_topic VARCHAR, "
        "context VARCHAR, subject_code VARCHAR")),
    Table("narrative_statements", _columns(
        "document_id VARCHAR, statement_seq INTEGER, page_number INTEGER, kind VARCHAR, statement_text VARCHAR, "
        "subject_text VARCHAR, direction_word VARCHAR, amount_text VARCHAR, amount_wan DECIMAL(20, 6), "
        "rate_word VARCHAR, rate_text VARCHAR, rate_percent DECIMAL(20, 6), figure_text VARCHAR, "
        "figure_wan DECIMAL(20, 6), base_text VARCHAR, base_wan DECIMAL(20, 6), reason_text VARCHAR")),
    Table("contents_entries", _columns(
        "document_id VARCHAR, page_number INTEGER, table_name VARCHAR, listed_text VARCHAR")),
    Table("ingest_errors", _columns(
        "source_file VARCHAR, source_path VARCHAR, file_sha256 VARCHAR, document_id VARCHAR, page_number INTEGER, "
        "stage VARCHAR, reason VARCHAR, fatal BOOLEAN, extractor_version VARCHAR, recorded_at TIMESTAMPTZ")),
    Table("meta", _columns("key VARCHAR, value VARCHAR"), ("key",)),
    _sheet_table("performance_sheets", SHEET_COLUMNS),
    _sheet_table("performance_budget_rows", BUDGET_ROW_COLUMNS),
    _sheet_table("performance_indicators", INDICATOR_COLUMNS),
    _sheet_table("performance_summary_rows", SUMMARY_ROW_COLUMNS),
]}

DDL = ["CREATE SCHEMA IF NOT EXISTS raw", *(t.ddl for t in TABLES.values())]

# The tables of extracted data (raw Parquet's folders), every one but the schema's own `meta`.
RAW_TABLES = tuple(name for name in TABLES if name != "meta")

# The tables holding a document's records beside raw.documents (deleted with it; ingest_errors apart).
CHILD_TABLES = tuple(t.qualified for t in TABLES.values()
                     if t.name not in ("documents", "ingest_errors", "meta"))

# The 绩效自评表 tables in the order of SheetsResult's lists (sheets, budget_rows, indicators, summary_rows).
SHEET_TABLES = ("performance_sheets", "performance_budget_rows", "performance_indicators", "performance_summary_rows")
