"""Where a row is told apart by what it says: the first row of a table's body (a code, a figure, a
fixed label or a 类 name), an enumerated caption row (一、…), and the note that declares a table empty.

Page geometry (grid, unruled) asks these questions; the vocabulary lives here, beside rowkeys.
"""

from __future__ import annotations

import re

from ingestion.read.numbers import figure_among, normalise_text, parse_amount
from ingestion.read.rowkeys import CLASS_NAMES, CODE, clean_label

# A row that opens the body of a table: a code, a fixed label, or a figure.
_BODY_LABEL = re.compile(
    r"^(合计|总计|本年收入合计|本年支出合计|人员经费合计|公用经费合计|"
    r"一般公共预算财政拨款(收入)?|政府性基金预算财政拨款(收入)?|国有资本经营预算财政拨款(收入)?|"
    r"上级补助收入|事业收入|经营收入|其他收入)"
)
_NO_DATA = re.compile(r"本表无数据|无数据")
_EMPTY_NOTE = re.compile(r"本表无数据|无数据|本年度(没有|无)|没有.{0,20}(收入|支出|数据)|无.{0,12}(收入|支出)|空表")


CAPTION = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))")


def is_caption_row(row: list[str | None]) -> bool:
    """One enumerated caption (二、机关运行经费) across the row, nothing else."""
    texts = {normalise_text(c) for c in row if c and normalise_text(c)}
    return len(texts) == 1 and bool(CAPTION.match(next(iter(texts))))


def is_body_row(row: list[str | None]) -> bool:
    cells = [normalise_text(c) for c in row if c]
    if not cells:
        return False
    if any(figure_among(cells, i) for i in range(len(cells))):
        return True
    if any(CODE.fullmatch(c) or re.match(r"^\d{3}(\d{2}){0,2}[\u4e00-\u9fff]", c) for c in cells):
        return True
    # A fixed label opens the body only when the row holds no other header words
    # (a 三公 header band also starts with "合计").
    label = clean_label(cells[0])
    if len(cells) > 2 and not all(parse_amount(c).status in ("number", "not_applicable") for c in cells[1:]):
        return False  # other words: a header band (三公 header bands open with 合计 too)
    return bool(_BODY_LABEL.match(label)) or label in CLASS_NAMES


def empty_note_in(lines: list[str]) -> str | None:
    """The line declaring a table empty; an explicit 本表无数据 beats instructions."""
    cleaned = [normalise_text(line) for line in lines]
    for pattern in (_NO_DATA, _EMPTY_NOTE):
        for line in cleaned:
            if pattern.search(line):
                return line
    return None
