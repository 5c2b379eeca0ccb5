"""Where key columns are found by what their body cells print, wherever the header labels sit.

Headers name code columns in many ways (科目编码 merged over 类|款|项, 类/款/项 printed in the
合计 row, 支出功能分类科目 over a cell holding ``2010601 行政运行``), so a header alone cannot say
which column holds which part of the code. The body can: a column of 3-digit codes is the 类,
the 2-digit columns after it the 款 and 项, a column of 3/5/7-digit codes (with or without the
name) holds whole codes, and a column of words left of every figure holds names.
"""

from __future__ import annotations

import re
from collections import Counter

from ingestion.read.headers import column_role, measure_of
from ingestion.read.numbers import normalise_text, parse_amount

_KEY_ROLES = ("code", "code_class", "code_section", "code_item", "name")
# Header labels of the split code columns, printed in a body row (上海普陀: 类 | 款 | 项 | 合计 | …).
HEADER_LABELS = {"类", "款", "项", "类款项", "栏次", "行次"}


def cell_kind(text: str | None) -> str | None:
    """What one body cell prints: class3 | two | code | code_name | amount | words (None when blank)."""
    cleaned = normalise_text(text)
    if not cleaned or cleaned in HEADER_LABELS:
        return None
    if re.fullmatch(r"\d{3}", cleaned):
        return "class3"
    if re.fullmatch(r"\d{2}", cleaned):
        return "two"
    if re.fullmatch(r"\d{5}|\d{7}", cleaned):
        return "code"
    if re.fullmatch(r"\d{3}(\d{2}){0,2}[^\d.,].*", cleaned):
        return "code_name"
    if parse_amount(cleaned).status in ("number", "not_applicable"):
        return "amount"
    return "words"


def roles_by_content(paths: list[list[str]], body_rows: list[list[str | None]]) -> list[str]:
    """Each column's role, the header's unless the body shows a key column. A column whose header
    names a measure (本年支出合计) stays a measure: whole-yuan figures can look like 5/7-digit codes."""
    roles = [column_role(p) for p in paths]
    fixed = [role == "measure" and measure_of(p) is not None for role, p in zip(roles, paths)]
    kinds = [Counter(cell_kind(row[j]) for row in body_rows if j < len(row)) for j in range(len(roles))]
    for counter in kinds:
        counter.pop(None, None)
    first_figures = next((j for j, k in enumerate(kinds) if k and k.most_common(1)[0][0] == "amount"), len(roles))
    for j, counter in enumerate(kinds):
        total = sum(counter.values())
        if not total or roles[j] == "line_no" or fixed[j]:
            continue
        codes = counter["class3"] + counter["two"] + counter["code"] + counter["code_name"]
        previous = roles[j - 1] if j else ""
        if codes == total and counter["class3"] == total:
            roles[j] = "code_class"
        elif codes == total and counter["two"] == total and previous in ("code_class", "code_section"):
            roles[j] = "code_section" if previous == "code_class" else "code_item"
        elif codes >= 0.6 * total and counter["two"] < total and (counter["code"] or counter["code_name"]):
            roles[j] = "code"
        elif j < first_figures and counter["words"] >= 0.6 * total and roles[j] not in _KEY_ROLES:
            roles[j] = "name"  # words left of every figure are a name column, whatever its header says
    return roles
