"""Where printed text is grouped into lines and words: by vertical overlap, not by ``top``.

pdfplumber groups characters whose ``top`` lies within 3 pt. Reports that set digits in a
Latin font (Times New Roman) and Chinese in another (FangSong) give the two different glyph
tops — 5 pt apart is common — so a sentence splits into a words line and a numbers line.
Here a character joins a line when its vertical extent overlaps the line's core (the extent
of the line's first, tallest glyphs) by a good part of the smaller height, whatever its font,
ascent or a shifted baseline. Every reader of page text (cover, contents, titles, units, the
情况说明, sheets, cell texts of ruled grids, unruled tables) goes through this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

# Share of the smaller glyph height two extents must share to be one line. Lines set solid
# (spacing = font size) share nothing; a 5 pt shift of 12 pt digits still shares 58%.
_MIN_OVERLAP = 0.4
# A gap wider than this (pt) between two glyphs of one line is a word break (pdfplumber's 3).
WORD_GAP = 3.0


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class Line:
    """One printed line: its words left to right and its extent."""

    chars: list[dict] = field(default_factory=list)
    core_top: float = 0.0
    core_bottom: float = 0.0

    # Read once grouping is done (a line's glyphs do not change after), so computed once each.
    @cached_property
    def top(self) -> float:
        return min(c["top"] for c in self.chars)

    @cached_property
    def bottom(self) -> float:
        return max(c["bottom"] for c in self.chars)

    @cached_property
    def x0(self) -> float:
        return min(c["x0"] for c in self.chars)

    @cached_property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars)

    @cached_property
    def words(self) -> list[Word]:
        words: list[Word] = []
        current: list[dict] = []
        for char in self.chars:
            if current and char["x0"] - current[-1]["x1"] > WORD_GAP:
                words.append(_word(current))
                current = []
            if char["text"].strip():
                current.append(char)
            elif current:  # a printed space ends the word too
                words.append(_word(current))
                current = []
        if current:
            words.append(_word(current))
        return words

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def as_dict(self) -> dict:
        return {"text": self.text, "x0": self.x0, "x1": self.x1, "top": self.top, "bottom": self.bottom}


def _word(chars: list[dict]) -> Word:
    return Word("".join(c["text"] for c in chars), min(c["x0"] for c in chars), max(c["x1"] for c in chars),
                min(c["top"] for c in chars), max(c["bottom"] for c in chars))


def _overlap(top: float, bottom: float, line: Line) -> float:
    shared = min(bottom, line.core_bottom) - max(top, line.core_top)
    height = min(bottom - top, line.core_bottom - line.core_top)
    return shared / height if height > 0 else (1.0 if shared >= 0 else 0.0)


def group_lines(chars: list[dict]) -> list[Line]:
    """Characters into printed lines, top to bottom, each left to right."""
    lines: list[Line] = []
    open_lines: list[Line] = []  # lines a later character may still join (sorted by top)
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        top, bottom = char["top"], char["bottom"]
        # Lines far above cannot be joined any more.
        open_lines = [ln for ln in open_lines if ln.core_bottom > top]
        best = max(open_lines, key=lambda ln: _overlap(top, bottom, ln), default=None)
        if best is not None and _overlap(top, bottom, best) >= _MIN_OVERLAP:
            best.chars.append(char)
            if bottom - top > best.core_bottom - best.core_top + 0.5:  # a taller glyph sets the core
                best.core_top, best.core_bottom = top, bottom
            continue
        line = Line([char], top, bottom)
        lines.append(line)
        open_lines.append(line)
    for line in lines:
        line.chars.sort(key=lambda c: c["x0"])
    lines.sort(key=lambda ln: (ln.core_top, ln.x0))
    return lines


def visible_page(page):
    """The page as printed: characters whose centre lies outside the page box are dropped.
    Word exports keep text that overflowed a page (a table's tail, whole tables) below the
    bottom edge, where no viewer or printer shows it; the next pages print it again."""
    x0, top, x1, bottom = page.bbox

    def shown(obj: dict) -> bool:
        return x0 <= (obj["x0"] + obj["x1"]) / 2 <= x1 and top <= (obj["top"] + obj["bottom"]) / 2 <= bottom

    if all(shown(char) for char in page.chars):
        return page
    return page.filter(lambda obj: obj.get("object_type") != "char" or shown(obj))


def text_lines(page) -> list[dict]:
    """The page's lines as ``{text, x0, x1, top, bottom}`` dicts (pdfplumber's extract_text_lines shape)."""
    return [line.as_dict() for line in group_lines(page.chars) if line.text.strip()]


def text_in(chars: list[dict]) -> str:
    """The text of a region (a table cell): its lines joined by line breaks."""
    return "\n".join(t for t in (line.text for line in group_lines(chars)) if t)
