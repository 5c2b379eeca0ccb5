"""Where a printed figure is parsed: the single place amounts become Decimals."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Printed markers meaning "not applicable": a dash standing alone.
_NOT_APPLICABLE = {"-", "--", "—", "——", "–", "－", "/", "─"}
_PLAIN = re.compile(r"-?\d+(\.\d+)?")
_GROUPED = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")
_INTEGER_RUN = re.compile(r"\d+")
# A note printed where figures would stand ("本表无数据" across a 合计 row): not a figure, not an error.
_NOTE = re.compile(r"本表无数据|无数据|无此项|不涉及")


@dataclass(frozen=True)
class Amount:
    """One printed cell: its text, its value, and what kind of cell it was."""

    text: str
    value: Decimal | None
    status: str  # number | blank | not_applicable | note | error
    reason: str | None = None


def normalise_text(text: str | None) -> str:
    """NFKC (full-width digits and commas) and no whitespace at all.

    Whitespace is dropped because narrow cells break figures over lines and
    some reports print ``2, 156. 82``.
    """
    if text is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def parse_amount(text: str | None) -> Amount:
    """Parse a printed amount exactly; never guess, never return a silent zero."""
    printed = (text or "").strip()
    cleaned = normalise_text(printed)
    if not cleaned:
        return Amount(printed, None, "blank")
    if cleaned in _NOT_APPLICABLE or set(cleaned) <= set("-—–－─"):
        return Amount(printed, None, "not_applicable")
    if _NOTE.search(cleaned):
        return Amount(printed, None, "note")
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1]
    if _GROUPED.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    elif "," in cleaned and _PLAIN.fullmatch(cleaned.replace(",", "")):
        # Commas in odd places ("1,0698.6") are a misprint we cannot trust.
        return Amount(printed, None, "error", f"figure {printed!r} has misplaced thousands separators")
    if not _PLAIN.fullmatch(cleaned):
        return Amount(printed, None, "error", f"figure {printed!r} is not a number")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return Amount(printed, None, "error", f"figure {printed!r} is not a number")
    return Amount(printed, -value if negative else value, "number")


def looks_figure(text: str | None) -> bool:
    """A cell that reads as a printed amount in any unit: decimals, thousands separators, or a
    whole number of three or more digits (whole-yuan tables print ``2,100,100`` and ``114000``)."""
    cleaned = normalise_text(text)
    if not cleaned or parse_amount(cleaned).status != "number":
        return False
    return "." in cleaned or "," in cleaned or len(cleaned.lstrip("-(").rstrip(")")) >= 3


def figure_among(texts: list[str | None], i: int) -> bool:
    """``texts[i]`` reads as an amount where it stands: ``2017`` before ``年度…`` is a year."""
    if not looks_figure(texts[i]):
        return False
    following = normalise_text(texts[i + 1]) if i + 1 < len(texts) else ""
    return not (re.fullmatch(r"(19|20)\d{2}", normalise_text(texts[i])) and following.startswith("年"))


def is_small_integer(text: str | None) -> bool:
    """Column-number cells (栏次 1, 2, 3 …) are small integers without decimals."""
    cleaned = normalise_text(text)
    return bool(_INTEGER_RUN.fullmatch(cleaned)) and len(cleaned) <= 2


def scale_to_wan(value: Decimal, unit: str) -> Decimal:
    """Convert to 万元 exactly; tables printed in 元 are divided by 10,000."""
    if unit == "元":
        return value / Decimal(10000)
    if unit == "千元":
        return value / Decimal(10)
    return value


def format_amount(value: Decimal | None) -> str:
    """An exact amount as reports print it: at least two decimals, no trailing zeros beyond."""
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0")
    whole, _, fraction = text.partition(".")
    return f"{whole}.{fraction.ljust(2, '0')}"
