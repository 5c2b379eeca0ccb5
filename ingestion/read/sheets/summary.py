"""The 汇总表 (自评情况汇总表 / 自评结果汇总表): one row per project with its score and grade, and the
grades it gives the sheets of the same projects."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingestion.read.sheets.columns import _ColumnMap
from ingestion.read.sheets.sheet import _empty_sheet
from ingestion.read.sheets.spans import _Span
from ingestion.read.sheets.values import _amount, _joined, _norm

if TYPE_CHECKING:
    from ingestion.read.sheets.result import SheetsResult


# -- the 汇总表 ----------------------------------------------------------------------------------

_SUMMARY_FIELDS = [
    ("serial", re.compile(r"^序号$")),
    ("project_name", re.compile(r"^项目名称$")),
    ("fund_user", re.compile(r"(资金使用|实施|项目|预算)单位")),
    ("score", re.compile(r"得分|分数")),
    ("grade", re.compile(r"等级")),
]


def _read_summary(seq: int, span: _Span) -> tuple[dict, list[dict]]:
    """The 汇总表: one row per project with its score and grade; caption rows name a section."""
    sheet = _empty_sheet(seq, span)
    sheet["layout"] = "shandong"
    rows, column_map, section = [], None, None
    for grid in span.grids:
        for index, row in enumerate(grid.rows):
            texts = [_norm(c) for c in row]
            filled = [t for t in texts if t]
            if not filled:
                continue
            if "项目名称" in texts:
                column_map = _ColumnMap.from_header(row, _SUMMARY_FIELDS)
                continue
            if column_map is None:
                continue
            if len(filled) == 1 and not filled[0].isdigit():
                section = _joined(next(c for c in row if _norm(c)))
                continue
            name = column_map.text(row, "project_name")
            score_text, score, problem = _amount(column_map.text(row, "score"))
            if not name or (name == "无" and score_text is None):
                continue  # a printed 无 under a section: no project
            rows.append({"sheet_seq": seq, "row_seq": len(rows) + 1, "page_number": grid.page_number,
                         "grid_row_index": index, "section": section, "serial": column_map.text(row, "serial"),
                         "project_name": name, "fund_user": column_map.text(row, "fund_user"),
                         "score_text": score_text, "score": score, "grade": column_map.text(row, "grade"),
                         "flags": [f"score_{problem}"] if problem else []})
    sheet["indicator_count"] = 0
    sheet["summary_row_count"] = len(rows)
    return sheet, rows


def _grades_from_summary(result: SheetsResult) -> None:
    """A sheet that prints no grade takes the one the 汇总表 prints for the same project."""
    grades = {_norm(r["project_name"]): r["grade"] for r in result.summary_rows if r["grade"]}
    for sheet in result.sheets:
        name = _norm(sheet.get("project_name"))
        if sheet["sheet_kind"] == "project" and not sheet["grade"] and name in grades:
            sheet["grade"] = grades[name]
            sheet["flags"].append("grade_from_summary")
