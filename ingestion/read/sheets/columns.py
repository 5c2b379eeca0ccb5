"""Column maps: a value read under the header cell whose span covers it; a continuation grid with
another column count read through the header of the same shape."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingestion.read.sheets.values import _classify, _joined, _norm

# -- column maps ----------------------------------------------------------------------------

@dataclass
class _ColumnMap:
    """Fields of a header row and the columns each one covers (its merged span)."""

    spans: list[tuple[str, int, int]]
    n_cols: int

    @classmethod
    def from_header(cls, row: list[str], fields: list[tuple[str, re.Pattern[str]]]) -> _ColumnMap:
        filled = [j for j, cell in enumerate(row) if _norm(cell)]
        spans = []
        for position, j in enumerate(filled):
            end = filled[position + 1] if position + 1 < len(filled) else len(row)
            spans.append((_classify(_norm(row[j]), fields) or f"other{j}", j, end))
        return cls(spans, len(row))

    def ordinal(self) -> _ColumnMap:
        """The same fields one column each: a continuation grid drawn without merged columns."""
        return _ColumnMap([(name, i, i + 1) for i, (name, _, _) in enumerate(self.spans)], len(self.spans))

    def texts(self, row: list[str], name: str) -> list[str]:
        out = []
        for n, start, end in self.spans:
            if n == name:
                out += [_joined(c) for c in row[start:end] if _joined(c)]
        return out

    def text(self, row: list[str], name: str) -> str | None:
        distinct = list(dict.fromkeys(self.texts(row, name)))
        return "".join(distinct) or None

    def replace(self, row: list[str], fields: list[tuple[str, re.Pattern[str]]]) -> None:
        """A sub-header row (目标申报数 | 预算编制数) splits the spans above it."""
        subs = [(_classify(_norm(c), fields), j) for j, c in enumerate(row) if _norm(c)]
        subs = [(name, j) for name, j in subs if name]
        covered = {j for _, j in subs}
        kept = [s for s in self.spans if not any(s[1] <= j < s[2] for j in covered)]
        self.spans = sorted(kept + [(name, j, j + 1) for name, j in subs], key=lambda s: s[1])
