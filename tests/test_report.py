"""`juesuan report`: the static HTML audit report in Chinese, as a person sees it in a browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from PIL import Image, ImageChops

from ingestion.batch.runner import ingest
from juesuan.build import dbt_build
from juesuan.outputs.report import _STYLE, write_report
from tests import pdf_factory
from tests.conftest import EXAMPLES, ROOT
from validation.identities import validate

HOSTILE = "<script>alert(1)</script>局"
ARTIFACTS = ROOT / "test-artifacts"
LESHAN = "leshan_2024_unit_final_accounts.pdf"
PDF = f"pdf/{LESHAN}"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    db = tmp / "warehouse.duckdb"
    hostile = pdf_factory.tiny_report(tmp / "hostile.pdf", HOSTILE, "7.77")
    assert ingest([str(EXAMPLES / LESHAN), str(hostile)], str(db), progress=False).count("failed") == 0
    assert dbt_build(str(db)) == 0
    validate(str(db))
    hostile.unlink()  # a source PDF moved away after ingest: the report says so and links none of its pages
    return db


@pytest.fixture(scope="module")
def report(warehouse) -> Path:
    return Path(write_report(str(warehouse), str(warehouse.parent / "out" / "report")))


def test_index_of_documents_with_figures_and_findings_by_severity(report):
    page = report.read_text(encoding="utf-8")
    assert "<h1>决算/预算报告审核报告</h1>" in page
    assert "共 2 份文件；审核发现：错误 26 条，警告 9 条。" in page
    assert ("<tr><th>单位</th><th>年度</th><th>类型</th><th>口径</th><th>页数</th><th>读取数字</th><th>错误</th>"
            "<th>警告</th><th>原文PDF</th></tr>") in page
    leshan = re.search(r'<tr><td><a href="#(\w+)">乐山市大数据中心</a></td>(.*?)</tr>', page)
    assert leshan.group(2) == ("<td>2024</td><td>决算</td><td>单位</td><td class=n>47</td><td class=n>526</td>"
                               f'<td class=n>25</td><td class=n>9</td><td><a href="{PDF}">{LESHAN}</a></td>')
    assert f'<section id="{leshan.group(1)}"><h2>乐山市大数据中心 · 2024 · 决算</h2>' in page
    assert ("<td>2024</td><td>决算</td><td>部门</td><td class=n>2</td><td class=n>3</td><td class=n>1</td>"
            "<td class=n>0</td><td>hostile.pdf（原文件不可用）</td>") in page


def test_charts_and_tables_have_chinese_labels_and_page_links(report):
    page = report.read_text(encoding="utf-8")
    for english in ("Expenditure by", "Basic vs project", "Income sources", "Project execution", "Identity findings",
                    "<th>severity</th>", "<th></th>"):
        assert english not in page
    # 支出决算表 p.40: basic 117.86, the bar's page a link to that page of the copied PDF
    assert re.search(r'<text x="0" y="\d+">基本支出</text><rect [^>]*></rect><text [^>]*>117\.86 万元</text>'
                     rf'<a href="{PDF}#page=40"><text [^>]*>第40页</text></a>', page)
    assert re.search(r'>201 一般公共服务支出</text><rect [^>]*></rect><text [^>]*>595\.23 万元</text>'
                     rf'<a href="{PDF}#page=40">', page)
    assert re.search(rf'>一、一般公共预算财政拨款收入</text><rect [^>]*></rect><text [^>]*>622\.92 万元</text><a href="{PDF}#page=37">',
                     page)
    # the 绩效自评 table: the grade none of Leshan's sheets prints is left out, not shown as an empty column
    assert "<tr><th>项目名称</th><th>预算执行率</th><th>总分</th><th>页码</th></tr>" in page
    assert ("<tr><td>“一网通办”分站点建设试点</td><td class=n>6.45%</td><td class=n>## ###</td>"
            f'<td class=n><a href="{PDF}#page=9">9</a></td></tr>') in page


def test_three_public_block_is_a_table_by_category(report):
    page = report.read_text(encoding="utf-8")
    # the hostile report's 三公 table: Chinese categories, 预算数 beside 决算数; its PDF is gone, so no links
    assert ("<h3>“三公”经费</h3><table><tr><th>项目</th><th>预算数（万元）</th><th>决算数（万元）</th><th>页码</th></tr>"
            "<tr><td>合计</td><td class=n></td><td class=n>7.77</td><td class=n>2</td></tr>"
            "<tr><td>因公出国（境）费</td><td class=n></td><td class=n>0.00</td><td class=n>2</td></tr>"
            "<tr><td>公务接待费</td><td class=n></td><td class=n>0.00</td><td class=n>2</td></tr></table>") in page


def test_pdfs_copied_into_the_report_folder_and_a_missing_one_named(report, warehouse):
    assert (report.parent / PDF).read_bytes() == (EXAMPLES / LESHAN).read_bytes()
    assert sorted(p.name for p in (report.parent / "pdf").iterdir()) == [LESHAN]
    page = report.read_text(encoding="utf-8")
    assert f'<p class="note">原PDF已不在入库时的位置（{warehouse.parent / "hostile.pdf"}），页码不链接</p>' in page
    # nothing written beside the report folder (its staging folder renamed into place)
    assert [p.name for p in report.parent.parent.iterdir()] == ["report"]


def test_findings_in_chinese_grouped_by_severity(report):
    page = report.read_text(encoding="utf-8")
    assert '<h4 class="error">错误（25）</h4>' in page and '<h4 class="warning">警告（9）</h4>' in page
    row = re.search(r'<tr class="finding error" data-severity="error" '
                    r'data-check="cross_table.expenditure_basic_equals_appropriation_basic">(.*?)</tr>', page).group(1)
    assert row.startswith(f'<td class=n><a href="{PDF}#page=40">40</a></td><td>支出决算表基本支出合计 = 财政拨款基本支出<br>'
                          "<small>cross_table.expenditure_basic_equals_appropriation_basic</small></td>"
                          "<td>合计行</td><td class=n>117.86</td><td class=n>117.88</td>")
    assert "收入决算表：上级科目 = 下级科目之和" in page
    assert ("收入决算表第38页，科目208（合计栏）印为16.14万元，其下级科目20805+20899之和为16.06万元，相差0.08万元，"
            "超出舍入误差上限0.015万元（3个数字×0.005万元）。") in page
    assert "208 = 20805+20899" in page  # the English sentence stays, as the cell's tooltip


def test_warehouse_validated_before_the_chinese_columns(warehouse, tmp_path):
    old = tmp_path / "old.duckdb"
    shutil.copyfile(warehouse, old)
    with duckdb.connect(str(old)) as con:
        con.execute("ALTER TABLE audit.identity_findings DROP COLUMN details_zh")
        con.execute("ALTER TABLE audit.identity_findings DROP COLUMN check_name_zh")
    page = Path(write_report(str(old), str(tmp_path / "report"))).read_text(encoding="utf-8")
    # the check's name from the seed, the English sentence in place of the Chinese one
    assert "收入决算表：上级科目 = 下级科目之和" in page and "208 = 20805+20899" in page


def test_text_from_a_pdf_is_escaped(report):
    page = report.read_text(encoding="utf-8")
    assert page.count("<script") == 1  # the filter's own
    assert "&lt;script&gt;alert(1)&lt;/script&gt;局" in page


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    return path


def _flags(profile: Path) -> list[str]:
    return ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}"]


def _dom(browser: str, url: str, profile: Path) -> str:
    return subprocess.run([browser, *_flags(profile), "--dump-dom", url], capture_output=True, text=True,
                          timeout=120).stdout


def test_report_in_headless_chromium(report):
    browser = _chromium()
    profile = report.parent.parent / "profile"
    dom = _dom(browser, report.as_uri(), profile)
    # what a person sees: the hostile unit name as text, the filter's script the only one, the charts drawn
    assert "&lt;script&gt;alert(1)&lt;/script&gt;局" in dom
    assert dom.count("<script") == 1
    assert dom.count("<svg") >= 3 and "<rect" in dom
    assert '<span id="shown">显示 35 / 35 条</span>' in dom
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    subprocess.run([browser, *_flags(profile), "--window-size=1200,2400", f"--screenshot={shot}", report.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000


def _visible_findings(dom: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r'<tr class="finding [^"]*" data-severity="\w+" data-check="([^"]+)">', dom)]


def test_findings_filter_by_severity_and_check(report):
    """The filter's state is the URL hash (the controls write it): a filtered link, opened, shows only those rows."""
    browser = _chromium()
    profile = report.parent.parent / "profile"
    dom = _dom(browser, report.as_uri() + "#severity=warning&check=cross_table.subject_name_consistent", profile)
    assert _visible_findings(dom) == ["cross_table.subject_name_consistent"] * 3
    assert dom.count("hidden") >= 32  # the other 32 rows, and the groups left empty
    assert '<span id="shown">显示 3 / 35 条</span>' in dom
    dom = _dom(browser, report.as_uri() + "#severity=error", profile)
    assert len(_visible_findings(dom)) == 26 and '<span id="shown">显示 26 / 35 条</span>' in dom
    # a jump to a document (a hash without "=") leaves every finding shown
    assert len(_visible_findings(_dom(browser, report.as_uri() + "#top", profile))) == 35


def test_cjk_glyphs_render(tmp_path):
    """The report's heading drawn with the report's fonts differs from the same number of characters no font
    has (U+E000…, drawn as the empty box a missing glyph gets): with no CJK font both would be boxes."""
    browser = _chromium()
    assert subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip(), \
        "no CJK font installed (setup.sh --with-browser installs fonts-noto-cjk)"
    shots = []
    for name, text in (("cjk", "决算审核报告"), ("tofu", "\ue000\ue001\ue002\ue003\ue004\ue005")):
        page = tmp_path / f"{name}.html"
        page.write_text(f"<!doctype html><meta charset=utf-8><style>{_STYLE}</style><h1>{text}</h1>", encoding="utf-8")
        shot = tmp_path / f"{name}.png"
        subprocess.run([browser, *_flags(tmp_path / "profile"), "--window-size=500,160", f"--screenshot={shot}",
                        page.as_uri()], capture_output=True, timeout=120, check=True)
        shots.append(Image.open(shot).convert("L"))
    cjk, tofu = shots
    ink = sum(1 for v in cjk.tobytes() if v < 128)
    assert ink > 500  # strokes drawn, not a blank page
    assert ImageChops.difference(cjk, tofu).getbbox() is not None
