"""Where a row printed by name only gets its 功能分类 code: by name, under the parent row above it.

Some reports print no codes, only names, and show 类 / 款 / 项 by indentation. A name alone is
ambiguous (行政运行 stands under every 款), but under its parent it is not: a 类 name is looked up
among the 类, a 款 name among the 款 of the last 类, a 项 name among the 项 of the last 款. The
names are the project's reference classification (``seeds/ref_function_subjects.csv``); a name
it does not hold stays without a code, and the row is reported (extraction.row_without_key),
never guessed. Where a name fits two levels (a 款 and its own 项 both 其他…支出), the deeper
indentation decides.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingestion.read.rowkeys import CLASS_NAMES, clean_label

_REFERENCE = Path(__file__).resolve().parents[2] / "seeds" / "ref_function_subjects.csv"
_LEVELS = {3: 0, 5: 1, 7: 2}


def name_key(text: str) -> str:
    """A name as compared: no enumeration, spaces or brackets of either width."""
    return re.sub(r"[()（）\[\]【】]", "", clean_label(text))


@lru_cache(maxsize=1)
def _children() -> dict[str, dict[str, str]]:
    """Parent code ('' for the 类) -> {name key -> code}, every name a code has had."""
    children: dict[str, dict[str, str]] = {"": {name_key(n): c for n, c in CLASS_NAMES.items()}}
    with open(_REFERENCE, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["subject_code"]
            if len(code) in (5, 7) and code.startswith(row["parent_code"] or "#"):
                children.setdefault(row["parent_code"], {})[name_key(row["name_zh"])] = code
            elif len(code) == 3 and row["level"] == "class":
                children[""][name_key(row["name_zh"])] = code
    return children


@dataclass
class NameTreeState:
    """The last 类 and 款 read in one table, and the indents seen (deeper = further right)."""

    class_code: str = ""
    section_code: str = ""
    indents: list[float] = field(default_factory=list)

    def resolve(self, name: str, indent: float | None) -> str | None:
        key = name_key(name)
        if not key:
            return None
        found = (_children().get(parent, {}).get(key) for parent in ("", self.class_code, self.section_code))
        candidates = list(dict.fromkeys(code for code in found if code))
        if len(candidates) > 1 and indent is not None:
            level = self._level(indent)
            candidates = [c for c in candidates if _LEVELS[len(c)] == level] or candidates[-1:]
        if len(candidates) != 1:
            return None
        self.remember(candidates[0], indent)
        return candidates[0]

    def remember(self, code: str, indent: float | None = None) -> None:
        """A code read on this row (printed, or resolved): the parent of the rows below."""
        if len(code) >= 3:
            if code[:3] != self.class_code:
                self.section_code = ""
            self.class_code = code[:3]
        if len(code) >= 5:
            self.section_code = code[:5]
        if indent is not None and all(abs(indent - i) > 1.5 for i in self.indents):
            self.indents = sorted(self.indents + [indent])

    def _level(self, indent: float) -> int:
        return sum(1 for i in self.indents if i < indent - 1.5)
