"""`juesuan report`: the static HTML audit report, as a person sees it in a browser."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ingestion.dbt_build import dbt_build
from ingestion.report import write_report
from ingestion.runner import ingest
from tests import pdf_factory
from tests.conftest import EXAMPLES, ROOT
from validation.identities import validate

HOSTILE = "<script>alert(1)</script>局"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    db = tmp / "warehouse.duckdb"
    hostile = pdf_factory.tiny_report(tmp / "hostile.pdf", HOSTILE, "7.77")
    assert ingest([str(EXAMPLES / "leshan_2024_unit_final_accounts.pdf"), str(hostile)], str(db),
                  progress=False).count("failed") == 0
    assert dbt_build(str(db)) == 0
    validate(str(db))
    return Path(write_report(str(db), str(tmp / "report")))


def test_report_holds_every_document_and_its_findings(report):
    page = report.read_text(encoding="utf-8")
    assert page.count("<section") == 2
    assert "乐山市大数据中心 · 2024" in page
    assert "income.parent_equals_children" in page and "208 = 20805+20899" in page
    assert "“一网通办”分站点建设试点" in page and "6.45%" in page
    # the finding as a Chinese auditor reads it (validation/findings_zh.py)
    assert "收入决算表：上级科目 = 下级科目之和" in page
    assert ("收入决算表第38页，科目208（合计栏）印为16.14万元，其下级科目20805+20899之和为16.06万元，相差0.08万元，"
            "超出舍入误差上限0.015万元（3个数字×0.005万元）。") in page


def test_text_from_a_pdf_is_escaped(report):
    page = report.read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;局" in page


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    return path


def test_report_in_headless_chromium(report):
    browser = _chromium()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={report.parent / 'profile'}"]
    dom = subprocess.run([browser, *flags, "--dump-dom", report.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    # what a person sees: the hostile unit name as text, no script element, the charts drawn
    assert "&lt;script&gt;alert(1)&lt;/script&gt;局" in dom
    assert "<script" not in dom
    assert dom.count("<svg") >= 3 and "<rect" in dom
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    subprocess.run([browser, *flags, "--window-size=1200,2400", f"--screenshot={shot}", report.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000
