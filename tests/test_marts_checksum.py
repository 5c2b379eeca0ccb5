"""Every mart of the real reports is unchanged: row count and order-free checksum per relation.

A fresh warehouse is built with ``juesuan run`` from the bundled examples and every PDF in
``../shared/pdfs/`` and ``../shared/pdfs/budget/``; each table and view in ``marts`` is
checksummed without its run-dependent columns (``ingested_at``; see ``bench/marts_checksum.py``)
and compared with ``tests/expected_marts_checksums.json``, one mart per assertion so a difference
names the mart. Every other column is compared: a mart must build the same values every time.

The JSON is regenerated (``python bench/marts_checksum.py --write``) only by a change that means to
change the marts, and that commit's message says why. A restructuring, a refactoring or a speed-up
leaves it untouched: that is what this test is for (issue 17).
"""

from __future__ import annotations

import json

import pytest

from bench.marts_checksum import EXPECTED, fresh_checksums, pdfs
from tests.conftest import shared_pdfs


@pytest.fixture(scope="module")
def built() -> dict[str, dict]:
    shared_pdfs()  # skipped with a reason when ../shared/pdfs is not beside the repository
    assert len(pdfs()) == 15, [p.name for p in pdfs()]
    return fresh_checksums(jobs=2)


EXPECTED_MARTS = json.loads(EXPECTED.read_text(encoding="utf-8"))


def test_same_marts(built):
    assert sorted(built) == sorted(EXPECTED_MARTS)


@pytest.mark.parametrize("mart", sorted(EXPECTED_MARTS))
def test_mart_unchanged(built, mart):
    expected, got = EXPECTED_MARTS[mart], built.get(mart)
    assert got is not None, f"marts.{mart} is no longer built"
    assert got["columns"] == expected["columns"], f"marts.{mart}: columns changed"
    assert got["excluded"] == expected["excluded"], f"marts.{mart}: run-dependent columns changed"
    assert (got["rows"], got["checksum"]) == (expected["rows"], expected["checksum"]), \
        f"marts.{mart}: rows or values changed ({expected['rows']} rows expected, {got['rows']} built)"
