"""Where a page's ruling lines are told from other drawing, before cells are found.

Word exports draw a table's borders as hundreds of short pieces (thin filled rectangles, dots)
and paint each cell's background as a white rectangle. pdfplumber's default takes every
rectangle's four sides as rulings, so the background pieces split columns. Rulings here are
lines, thin rectangles (at most ``_THIN`` pt across) and stroked rectangles; pdfplumber then
snaps and joins the collinear pieces (3 pt) into whole rulings.
"""

from __future__ import annotations

_THIN = 2.0
# The ruled-table settings used when the page paints areas that are not rulings.
_EXPLICIT = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit"}


def _is_ruling(rect: dict) -> bool:
    return bool(rect.get("stroke")) or min(rect["width"], rect["height"]) <= _THIN


def find_ruled_tables(page) -> list:
    """pdfplumber's tables over the page's rulings only."""
    if all(_is_ruling(r) for r in page.rects):
        return page.find_tables()  # nothing to leave out: pdfplumber's own edges
    rulings = list(page.lines) + [r for r in page.rects if _is_ruling(r)]
    if len(rulings) < 2:
        return []
    return page.find_tables({**_EXPLICIT, "explicit_vertical_lines": rulings, "explicit_horizontal_lines": rulings})
