"""What the 绩效自评表 reader returns: plain records for the raw tables, one list per table (its own
module, so the package and its 汇总表 reader both import it and neither imports the other)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SheetsResult:
    """Plain records for the raw tables: one list per table."""

    sheets: list[dict] = field(default_factory=list)
    budget_rows: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    summary_rows: list[dict] = field(default_factory=list)
