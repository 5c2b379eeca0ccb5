"""Text and value helpers of the sheet reader: printed text beside its parsed amount, points, rate or
indicator value (`parse_indicator_value`), labels with their weight, codes split from names."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ingestion.read.numbers import normalise_text, parse_amount
from ingestion.read.sheets.vocabulary import _CHECKED, _LABEL_WEIGHT, _OPERATORS, _VALUE, _VALUE_OP_AFTER

# -- text and value helpers -------------------------------------------------------------

def _norm(text: str | None) -> str:
    return normalise_text(text)


def _joined(text: str | None) -> str:
    """A cell's text without its line breaks: wrapped figures and labels are one piece."""
    return "".join(line.strip() for line in (text or "").splitlines()).strip()


def _amount(text: str | None) -> tuple[str | None, Decimal | None, str | None]:
    """(printed text, value, problem) of an amount or score cell; '/' and '-' are not applicable."""
    printed = _joined(text)
    if not printed:
        return None, None, None
    cleaned = re.sub(r"万?元$", "", _norm(printed))
    parsed = parse_amount(cleaned)
    if parsed.status == "number":
        return printed, parsed.value, None
    if parsed.status in ("blank", "not_applicable"):
        return printed, None, None
    return printed, None, "unparsed"


def _points(text: str | None) -> tuple[str | None, Decimal | None, str | None]:
    """A weight or score; some sheets print a weight as '100%'."""
    printed, value, problem = _amount((text or "").strip().rstrip("%"))
    if printed and printed != _joined(text):
        return _joined(text), value, problem or "percent_sign"
    return printed, value, problem


def _rate(text: str | None) -> tuple[str | None, Decimal | None, str | None]:
    """A printed percentage as a fraction (98.26% -> 0.9826); a bare number is read as percent."""
    printed = _joined(text)
    if not printed:
        return None, None, None
    cleaned = _norm(printed)
    has_sign = cleaned.endswith("%")
    parsed = parse_amount(cleaned.rstrip("%"))
    if parsed.status != "number":
        return printed, None, None if parsed.status == "not_applicable" else "unparsed"
    return printed, parsed.value / Decimal(100), None if has_sign else "no_percent_sign"


def parse_indicator_value(text: str | None) -> tuple[str | None, Decimal | None, str | None, str | None]:
    """(operator, number, unit, problem) of a target or actual value: '≥8人' -> ('≥', 8, '人', None).

    A value without digits (及时, 达成预期指标) is qualitative; one with digits that is not
    a single figure (2024年12月1日前, 1-2, ## ###) is unparsed.
    """
    cleaned = _norm(_joined(text))
    if not cleaned:
        return None, None, None, None
    match = _VALUE.match(cleaned)
    problem = None
    if not match:
        match = _VALUE_OP_AFTER.match(cleaned)
        problem = "operator_after_value" if match else None
    if not match:
        qualitative = not re.search(r"\d", cleaned) and not re.search(r"[#*?]", cleaned)
        return None, None, None, "qualitative" if qualitative else "unparsed"
    try:
        number = Decimal(match.group("num"))
    except InvalidOperation:
        return None, None, None, "unparsed"
    op = _OPERATORS.get(match.group("op") or "")
    return op, number, match.group("unit") or None, problem


def _operator(text: str | None) -> str | None:
    cleaned = _norm(text)
    return _OPERATORS.get(cleaned) if cleaned else None


def _split_label_weight(label: str | None) -> tuple[str | None, Decimal | None]:
    """'数量指标（20分）' -> ('数量指标', 20): the weight some layouts print inside the label."""
    if not label:
        return label, None
    match = _LABEL_WEIGHT.search(label)
    if not match:
        return label, None
    return label[:match.start()].strip() or None, Decimal(match.group(1))


def _split_code(text: str | None, pattern: re.Pattern[str]) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    match = pattern.match(text)
    return (match.group("code"), match.group("name").strip()) if match else (None, text)


def _checked_options(text: str | None) -> str | None:
    """The ticked options of a checkbox line ('1.部门预算项目■ 2.财政专项资金□' -> '部门预算项目')."""
    if not text:
        return None
    options = [opt.strip() for opt in _CHECKED.findall(text)]
    return "、".join(options) or None


def _classify(text: str, fields: list[tuple[str, re.Pattern[str]]]) -> str | None:
    return next((name for name, pattern in fields if pattern.search(text)), None)
