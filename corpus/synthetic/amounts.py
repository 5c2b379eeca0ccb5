"""Amounts in integer hundredths of 万元 (what the ledger and the projects draw): split by weights,
written plain."""

from __future__ import annotations

from collections.abc import Sequence


def split_amount(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` hundredths by ``weights``; the rounding remainder goes to the largest part."""
    scale = sum(weights) or 1.0
    parts = [int(total * w / scale) for w in weights]
    if parts:
        parts[max(range(len(parts)), key=lambda i: weights[i])] += total - sum(parts)
    return parts


def plain_amount(cents: int) -> str:
    """A narrative figure: 2 decimals, no separators (1069.86)."""
    return f"{cents / 100:.2f}"
