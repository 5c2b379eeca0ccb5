"""Per-file extraction on a Dask cluster: a local cluster of two worker processes."""

from __future__ import annotations

import pytest

from ingestion.batch.runner import Limits, ingest
from tests import pdf_factory
from tests.conftest import EXAMPLES, query

CELLS = "SELECT table_name, coalesce(subject_code, line_item), measure, value_text, page_number FROM raw.table_cells ORDER BY ALL"


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local.scheduler_address


def test_dask_ingest_equals_local_ingest(cluster, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("leshan_2024_unit_final_accounts.pdf", "wuhan_2024_department_final_accounts.pdf"):
        (folder / name).write_bytes((EXAMPLES / name).read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really")
    local, remote = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    ingest([str(folder)], str(local), progress=False)
    summary = ingest([str(folder)], str(remote), progress=False, scheduler=cluster)
    assert summary.count("ingested") == 2 and summary.count("failed") == 1
    assert query(remote, CELLS) == query(local, CELLS)
    assert query(remote, "SELECT stage FROM raw.ingest_errors") == [("open",)]


def test_dask_keeps_the_time_limit(cluster, tmp_path):
    pdf = pdf_factory.leshan(tmp_path / "leshan.pdf")
    summary = ingest([str(pdf)], str(tmp_path / "w.duckdb"), progress=False, scheduler=cluster,
                     limits=Limits(timeout_s=0.2))
    assert summary.count("failed") == 1
    assert "took longer than the limit of 0.2 s" in summary.outcomes[0].message
