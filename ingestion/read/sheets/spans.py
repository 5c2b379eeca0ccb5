"""Grids grouped by page and table, and the sheet spans they make: where a sheet opens (项目名称 /
单位名称 / 部门名称 with its own labels, or the 汇总表 header) and the grids it runs on over; its title."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ingestion.read.sheets.values import _norm
from ingestion.read.sheets.vocabulary import _ENUMERATED, _SHEET_CONFIRM, _SHEET_START, _SUMMARY_SCORE, _TITLE

# -- grids and sheet spans ----------------------------------------------------------------

@dataclass
class _Grid:
    page_number: int
    top: float
    standard: bool
    rows: list[list[str]] = field(default_factory=list)

    def texts(self, limit: int | None = None) -> list[list[str]]:
        return [[_norm(c) for c in row] for row in self.rows[:limit]]


@dataclass
class _Span:
    kind: str  # project | department_overall | summary
    grids: list[_Grid]
    text_pages: list[int] = field(default_factory=list)
    title: str | None = None

    @property
    def first_page(self) -> int:
        return self.grids[0].page_number

    @property
    def last_page(self) -> int:
        return max([g.page_number for g in self.grids] + self.text_pages)


def _group_grids(grid_rows: Iterable[dict]) -> list[_Grid]:
    grids: dict[tuple, _Grid] = {}
    for row in sorted(grid_rows, key=lambda r: (r["page_number"], r["grid_top"], r["row_index"])):
        key = (row["page_number"], row["grid_top"], row.get("table_seq"))
        grid = grids.setdefault(key, _Grid(row["page_number"], row["grid_top"], row.get("table_seq") is not None))
        grid.rows.append(["" if c is None else str(c) for c in row["cells"]])
    return sorted(grids.values(), key=lambda g: (g.page_number, g.top))


def _start_kind(grid: _Grid) -> str | None:
    """What a grid opens, from its own first rows: a sheet, the 汇总表, or nothing."""
    head = grid.texts(limit=6)
    for row in head[:2]:
        if "项目名称" in row and any(_SUMMARY_SCORE.match(t) for t in row):
            return "summary"
    first = next((t for t in head[0] if t), "") if head else ""
    if not _SHEET_START.match(first):
        return None
    # A lone 项目名称 row is not enough (project lists use it too): the sheet's own
    # labels must follow within its first rows.
    if not any(_SHEET_CONFIRM.search(t) for row in head[1:] for t in row):
        return None
    return "project" if first == "项目名称" else "department_overall"


def _sheet_spans(grids: list[_Grid], pages: list[dict]) -> list[_Span]:
    by_page: dict[int, list[_Grid]] = {}
    for grid in grids:
        by_page.setdefault(grid.page_number, []).append(grid)
    spans: list[_Span] = []
    current: _Span | None = None
    for page in sorted({p["page_number"] for p in pages} | set(by_page)):
        on_page = by_page.get(page, [])
        if not on_page:
            # A page of text right after a sheet may carry the sheet's last rows.
            if current and page == current.last_page + 1:
                current.text_pages.append(page)
            current = None
            continue
        continuing = current is not None and page == current.last_page + 1
        for grid in on_page:
            # A sheet opens on its own words even where the table reader claimed the grid.
            kind = _start_kind(grid)
            if kind:
                current, continuing = _Span(kind, [grid]), True
                spans.append(current)
            elif continuing and not grid.standard:
                current.grids.append(grid)
            else:
                current, continuing = None, False
    return spans


def _title_candidates(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if _TITLE.search(_norm(line)) and len(_norm(line)) <= 60
            and "详见" not in line and not line.endswith("。")]


def _attach_titles(spans: list[_Span], pages: list[dict]) -> None:
    """Pair the sheets opening on a page with the 自评表 title lines of that page, in order."""
    text_of = {p["page_number"]: p.get("text") or "" for p in pages}
    starts: dict[int, list[_Span]] = {}
    for span in spans:
        starts.setdefault(span.first_page, []).append(span)
    for page, opening in starts.items():
        titles = _title_candidates(text_of.get(page, ""))
        if len(titles) > len(opening):
            # Section headings (二、…项目绩效自评表) stand above the sheet titles.
            plain = [t for t in titles if not _ENUMERATED.match(_norm(t))]
            titles = plain if len(plain) >= len(opening) else titles
            titles = titles[len(titles) - len(opening):]
        for span, title in zip(opening, titles):
            span.title = title
