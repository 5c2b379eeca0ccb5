"""Performance self-evaluation sheets (绩效自评表): extracted grids in, plain records out.

How a sheet is recognised: a ruled grid opens a sheet when its first row is labelled 项目名称
(a project sheet) or 单位名称 / 部门名称 (a 部门整体 sheet) and the sheet's own labels (主管部门,
实施单位, 年度目标, 一级指标 …) follow; it opens the 汇总表 when a header row names 项目名称 beside
自评得分 or 自评等级. A sheet runs on over the first grid(s) of the following pages, except grids
the standard-table reader claimed, until another sheet opens; a page without any grid right
after a sheet is read as text (a footer pushed off the grid). The title is the 自评表 line of
the page text above the opening grid.

Inside a sheet every row is classified by its own words (identity labels, budget header,
goal header, indicator header, 合计/总分, footer labels), never by its position, and a value
is read under the header cell whose span covers it. A continuation grid with another column
count is read through the header of the same shape (same sheet first, then any sheet of the
document). The layout (sichuan / hubei / shandong / shanxi) is named from the header words the
sheet itself prints. Printed text is always kept beside a parsed value; what cannot be parsed
stays text with a None value and a flag. 项目负责人 / 财务负责人 are personal names: they are
returned for the raw layer only.
"""

from __future__ import annotations

from ingestion.raw.tables import BUDGET_ROW_COLUMNS, INDICATOR_COLUMNS, SHEET_COLUMNS, SUMMARY_ROW_COLUMNS
from ingestion.read.sheets.columns import _ColumnMap
from ingestion.read.sheets.result import SheetsResult
from ingestion.read.sheets.sheet import _SheetReader
from ingestion.read.sheets.spans import _attach_titles, _group_grids, _sheet_spans
from ingestion.read.sheets.summary import _grades_from_summary, _read_summary

# -- public API -------------------------------------------------------------------------

def read_sheets(pages: list[dict], grid_rows: list[dict]) -> SheetsResult:
    """Every performance sheet of one document, from its pages and its grid rows."""
    grids = _group_grids(grid_rows)
    spans = _sheet_spans(grids, pages)
    _attach_titles(spans, pages)
    result = SheetsResult()
    registry: dict[tuple[str, int], _ColumnMap] = {}
    page_text = {p["page_number"]: p.get("text") or "" for p in pages}
    for seq, span in enumerate(spans, start=1):
        if span.kind == "summary":
            sheet, rows = _read_summary(seq, span)
            result.sheets.append(sheet)
            result.summary_rows.extend(rows)
            continue
        reader = _SheetReader(seq, span, registry)
        reader.read(page_text)
        result.sheets.append(reader.sheet)
        result.budget_rows.extend(reader.budget_rows)
        result.indicators.extend(reader.indicators)
    _grades_from_summary(result)
    result.sheets = _project(result.sheets, SHEET_COLUMNS)
    result.budget_rows = _project(result.budget_rows, BUDGET_ROW_COLUMNS)
    result.indicators = _project(result.indicators, INDICATOR_COLUMNS)
    result.summary_rows = _project(result.summary_rows, SUMMARY_ROW_COLUMNS)
    return result


def _project(records: list[dict], columns: tuple[str, ...]) -> list[dict]:
    return [{c: record.get(c, [] if c == "flags" else None) for c in columns} for record in records]
