"""Shared fixtures: the real PDFs in ../shared (skipped with a reason when absent)
and warehouses built by the real ingestion path."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ingestion.batch.runner import ingest

ROOT = Path(__file__).resolve().parent.parent
SHARED_PDFS = ROOT.parent / "shared" / "pdfs"
EXAMPLES = ROOT / "examples"


def shared_pdfs() -> Path:
    if not SHARED_PDFS.is_dir():
        pytest.skip(f"../shared/pdfs is not beside the repository ({SHARED_PDFS})")
    return SHARED_PDFS


def final_account_pdfs() -> list[str]:
    """The real 决算 PDFs; the 预算 PDFs in pdfs/budget/ are another report kind (issue 14)."""
    return sorted(str(p) for p in shared_pdfs().glob("*.pdf"))


@pytest.fixture(scope="session")
def shared_db(tmp_path_factory) -> Path:
    pdfs = final_account_pdfs()
    db = tmp_path_factory.mktemp("shared") / "shared.duckdb"
    summary = ingest(pdfs, str(db), jobs=2, progress=False)
    assert summary.count("failed") == 0, summary.lines()
    return db


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    summary = ingest([str(EXAMPLES / "leshan_2024_unit_final_accounts.pdf")], str(db), jobs=1, progress=False)
    assert summary.count("failed") == 0, summary.lines()
    return db


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()
