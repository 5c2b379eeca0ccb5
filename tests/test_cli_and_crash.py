"""The juesuan command as users run it, and a run killed mid-batch."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import duckdb
import pytest
import yaml

from ingestion.batch.runner import ingest
from tests import pdf_factory
from tests.conftest import EXAMPLES, ROOT, query

CLI = [sys.executable, "-m", "juesuan.cli"]


def _run(args: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + args, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=300)


def test_run_ingests_bundled_examples_with_db_from_env(tmp_path):
    db = tmp_path / "env.duckdb"
    first = _run(["run", "--no-progress"], env={"JUESUAN_DB": str(db)})
    assert first.returncode == 0, first.stderr
    bundled = len(list((ROOT / "examples").glob("*.pdf")))
    assert "ok        leshan_2024_unit_final_accounts.pdf: 47 pages, 9 tables, 526 figures" in first.stdout
    assert f"ingest: {bundled} ingested, 0 unchanged, 0 duplicate, 0 failed" in first.stdout
    assert "build: " in first.stdout and " 0 failed" in first.stdout
    assert "validate: " in first.stdout
    assert f"warehouse {db}: {bundled} documents" in first.stdout
    second = _run(["run", "--no-progress", "--db", str(db)])
    assert f"ingest: 0 ingested, {bundled} unchanged" in second.stdout
    assert ("乐山市大数据中心", 2024) in query(db, "SELECT unit_name, fiscal_year FROM raw.documents")


def test_broken_warehouse_exits_2_with_one_line(tmp_path):
    db = tmp_path / "broken.duckdb"
    db.write_bytes(b"this is not a duckdb file" * 100)
    result = _run(["ingest", str(ROOT / "examples"), "--db", str(db), "--no-progress"])
    assert result.returncode == 2
    assert result.stderr.startswith("juesuan: cannot open warehouse")
    assert len(result.stderr.strip().splitlines()) == 1


def test_help_documents_every_command():
    result = _run(["--help"])
    for command in ("run", "ingest", "build", "validate", "report", "export"):
        assert command in result.stdout


def test_sigkill_mid_batch_leaves_earlier_documents_whole(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        # the last file is the 47-page example, still being read when the kill lands
        pdf_factory.leshan(folder / f"r{i:02d}.pdf") if i == 11 else pdf_factory.tiny_report(
            folder / f"r{i:02d}.pdf", f"上海市第{i}局", f"{i}.25")
    db = tmp_path / "w.duckdb"
    proc = subprocess.Popen(CLI + ["ingest", str(folder), "--db", str(db)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # wait until the progress bar shows that some documents are written (it may skip counts)
    deadline = time.monotonic() + 120
    seen = ""
    while time.monotonic() < deadline and not any(int(n) >= 3 for n in re.findall(r"(\d+)/12", seen)):
        seen += proc.stderr.read(1) or ""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = query(db, "SELECT count(*) FROM raw.documents")[0][0]
    assert 1 <= partial < 12
    # every document present is whole: its pages and its table cells are all there
    whole = query(db, """SELECT d.source_file, d.page_count, count(DISTINCT p.page_number)
                         FROM raw.documents d JOIN raw.pages p USING (document_id) GROUP BY ALL""")
    assert all(pages == count for _, pages, count in whole)
    assert len(whole) == partial
    rerun = _run(["ingest", str(folder), "--db", str(db), "--no-progress"])
    assert rerun.returncode == 0
    assert f"ingest: {12 - partial} ingested, {partial} unchanged" in rerun.stdout
    assert query(db, "SELECT count(*) FROM raw.documents") == [(12,)]
    assert query(db, "SELECT count(*) FROM raw.table_cells WHERE table_name = 'three_public' AND status = 'number'") == [
        (11 * 3,)]


def test_examples_regenerate_identically(tmp_path):
    from corpus.build import example_builders

    builders = example_builders()
    assert set(builders) == {p.name for p in (ROOT / "examples").glob("*.pdf")}
    for name, build in builders.items():
        rebuilt = build(tmp_path / name)
        assert rebuilt.read_bytes() == (ROOT / "examples" / name).read_bytes(), name




def _killed_mid_ingest(folder, db, sig) -> None:
    """Start `juesuan run`, wait until its workers are reading, then kill it with ``sig``."""
    proc = subprocess.Popen(CLI + ["run", str(folder), "--db", str(db), "--jobs", "2"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    seen = ""
    while time.monotonic() < deadline and not re.search(r"\b[1-9]/6\b", seen):
        seen += proc.stderr.read(1) or ""
    os.kill(proc.pid, sig)
    proc.wait()


def test_a_killed_run_leaves_no_lock_behind(tmp_path):
    """Forked workers used to outlive a killed run, blocked on their result pipe and holding the run
    lock, so every later run exited 2. Now they die with it: the next run starts at once and its
    warehouse equals a clean run's."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        pdf_factory.leshan(folder / f"r{i}.pdf") if i % 2 else pdf_factory.tiny_report(folder / f"r{i}.pdf", f"上海市第{i}局",
                                                                                       f"{i}.25")
    for i in range(1, 6, 2):  # distinct copies of the 47-page example, each read for a while
        with open(folder / f"r{i}.pdf", "ab") as handle:
            handle.write(f"\n%copy {i}\n".encode())
    clean = tmp_path / "clean.duckdb"
    assert _run(["run", str(folder), "--db", str(clean), "--no-progress"]).returncode == 0
    totals = "SELECT (SELECT count(*) FROM raw.documents), (SELECT count(*) FROM marts.fct_budget_line), " \
             "(SELECT count(*) FROM audit.identity_findings)"
    for sig in (signal.SIGKILL, signal.SIGTERM):
        db = tmp_path / f"killed_{sig}.duckdb"
        _killed_mid_ingest(folder, db, sig)
        rerun = _run(["run", str(folder), "--db", str(db), "--no-progress"])
        assert rerun.returncode == 0, rerun.stderr
        assert "another juesuan run holds" not in rerun.stderr
        assert query(db, totals) == query(clean, totals)


def test_typos_are_refused_not_taken_for_success(tmp_path):
    """A mistyped folder, --db or log path ends in one line and exit 2, and creates nothing."""
    db = tmp_path / "typo.duckdb"
    cases = [
        ["run", str(tmp_path / "no-such-folder"), "--db", str(db), "--no-progress"],
        ["build", "--db", str(db)],
        ["validate", "--db", str(db)],
        ["publish", str(tmp_path / "bi.duckdb"), "--db", str(db)],
        ["report", "--db", str(db), "--out", str(tmp_path / "report")],
        ["run", "--db", str(db), "--log", str(tmp_path), "--no-progress"],
    ]
    for args in cases:
        result = _run(args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("juesuan: "), (args, result.stderr)
        assert not db.exists() and not (tmp_path / "bi.duckdb").exists() and not (tmp_path / "report").exists(), args


RAW_COUNTS = "SELECT (SELECT count(*) FROM raw.documents), (SELECT count(*) FROM raw.pages), " \
             "(SELECT count(*) FROM raw.table_instances), (SELECT count(*) FROM raw.table_cells)"


def _mount_tmpfs(folder, size: str) -> bool:
    folder.mkdir()
    try:
        return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                              capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB file system of its own (tmpfs; needs root): the bundled examples do not fit."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "2m"):
        pytest.skip("cannot mount a tmpfs here (needs root); test_an_injected_full_disk_… covers ENOSPC")
    yield disk
    subprocess.run(["umount", str(disk)], capture_output=True, timeout=30)


def test_a_full_disk_says_so_and_the_next_run_ingests_everything(small_disk, tmp_path):
    """Disk full during a run used to read "cannot rollback - no transaction is active", end in a
    traceback, and (before item 2) be remembered as the file's fault. Now: one clear reason per
    document, [retried by the next run], exit 2; after space is freed the next run ingests what was
    missing and holds what a clean run holds."""
    clean = tmp_path / "clean.duckdb"
    assert ingest([str(EXAMPLES)], str(clean), progress=False).count("failed") == 0
    db = small_disk / "w.duckdb"
    full = _run(["run", str(EXAMPLES), "--db", str(db), "--no-progress"])
    out = full.stdout + full.stderr
    assert full.returncode == 2, out
    assert "cannot rollback" not in out and "Traceback" not in out
    lost = [line for line in full.stdout.splitlines() if line.startswith("  ERROR")]
    assert lost and all(": no space left on device: the document was read but not written (" in line
                        and line.endswith("[retried by the next run]") for line in lost), lost
    assert f"ingest: no space left on device: {len(lost)} documents were read but not written" in full.stdout
    assert full.stderr.startswith("juesuan: no space left on device") and len(full.stderr.strip().splitlines()) == 1
    assert "build: " not in full.stdout  # the run stopped: nothing built on a full disk
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True, timeout=30)  # space freed
    rerun = _run(["run", str(EXAMPLES), "--db", str(db), "--no-progress"])
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    bundled = len(list(EXAMPLES.glob("*.pdf")))
    assert f"ingest: {len(lost)} ingested, {bundled - len(lost)} unchanged, 0 duplicate, 0 failed" in rerun.stdout
    assert query(db, RAW_COUNTS) == query(clean, RAW_COUNTS)
    assert f"warehouse {db}: {bundled} documents" in rerun.stdout


class _DiskFullAtCommit:
    """A connection whose COMMIT fails as DuckDB's does on a full disk: the transaction is gone and
    the error names ENOSPC's text."""

    def __init__(self, con):
        self._con = con

    def __getattr__(self, name):
        return getattr(self._con, name)

    def execute(self, sql, *args):
        if sql == "COMMIT":
            self._con.execute("ROLLBACK")
            raise duckdb.TransactionException(
                'TransactionContext Error: Failed to commit: Could not write file "w.duckdb.wal": No space left on device')
        return self._con.execute(sql, *args)


def test_an_injected_full_disk_says_so_and_the_next_run_ingests_everything(tmp_path, monkeypatch, capsys):
    """The same without a tmpfs: every document after the first fails at COMMIT as on a full disk."""
    from ingestion.raw import writer
    from juesuan import cli

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        pdf_factory.tiny_report(folder / f"r{i}.pdf", f"上海市第{i}局", f"{i}.25")
    clean = tmp_path / "clean.duckdb"
    assert ingest([str(folder)], str(clean), progress=False).count("failed") == 0
    db = tmp_path / "w.duckdb"
    write, written = writer.write_document, []

    def full_after_one(con, extraction, replaces):
        write(con if not written else _DiskFullAtCommit(con), extraction, replaces)
        written.append(extraction)

    monkeypatch.setattr(writer, "write_document", full_after_one)
    assert cli.main(["ingest", str(folder), "--db", str(db), "--no-progress"]) == 2
    out, err = capsys.readouterr()
    assert "cannot rollback" not in out + err
    assert out.count(": no space left on device: the document was read but not written (") == 3
    assert out.count("[retried by the next run]") == 3
    assert "3 failed (3 retried by the next run)" in out and err.startswith("juesuan: no space left on device")
    assert query(db, "SELECT count(*) FROM raw.documents") == [(1,)]
    monkeypatch.setattr(writer, "write_document", write)  # space freed
    assert cli.main(["ingest", str(folder), "--db", str(db), "--no-progress"]) == 0
    assert "ingest: 3 ingested, 1 unchanged, 0 duplicate, 0 failed in" in capsys.readouterr().out
    assert query(db, RAW_COUNTS) == query(clean, RAW_COUNTS)


def test_a_folder_that_cannot_be_listed_is_a_failure_not_silence(tmp_path, monkeypatch):
    """An unreadable subfolder (issue 13, item 4) is a failed outcome naming it, and the rest of the
    folder is ingested. As root every folder is readable, so listing it fails the way a folder
    without permission does: os.scandir raises PermissionError for it."""
    folder = tmp_path / "reports"
    (folder / "locked").mkdir(parents=True)
    pdf_factory.tiny_report(folder / "a.pdf", "上海市测试局", "1.00")
    pdf_factory.tiny_report(folder / "locked" / "b.pdf", "上海市测试二局", "2.00")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = ingest([str(folder)], str(tmp_path / "w.duckdb"), progress=False)
    assert summary.count("ingested") == 1 and summary.count("failed") == 1
    assert any("locked" in line and "the folder cannot be read (Permission denied)" in line for line in summary.lines())


def test_build_and_validate_show_progress_on_stderr(tmp_path):
    """build counts dbt's nodes as they finish and validate names its stages, on stderr (stdout keeps
    the summary); --no-progress silences both."""
    db = tmp_path / "progress.duckdb"
    assert _run(["ingest", str(ROOT / "examples" / "leshan_2024_unit_final_accounts.pdf"), "--db", str(db),
                 "--no-progress"]).returncode == 0
    build = _run(["build", "--db", str(db)])
    assert build.returncode == 0, build.stdout + build.stderr
    nodes = int(re.search(r"build: (\d+) dbt nodes passed, 0 failed", build.stdout).group(1))
    counted = re.findall(r"build: 100%\S* (\d+)/(\d+) ", build.stderr)  # the bar reached its end
    assert counted and counted[-1][0] == counted[-1][1]
    # every node but the project's hooks (on-run-start and on-run-end), which dbt counts apart
    project = yaml.safe_load((ROOT / "dbt_project.yml").read_text(encoding="utf-8"))
    hooks = len(project["on-run-start"]) + len(project["on-run-end"])
    assert hooks == 3 and int(counted[-1][0]) == nodes - hooks
    validate = _run(["validate", "--db", str(db)])
    checks = int(re.search(r"validate: (\d+) identity checks,", validate.stdout).group(1))
    assert f"validate: {checks} identity checks loaded; running the Great Expectations suites" in validate.stderr
    assert "checks failed; writing the findings" in validate.stderr
    quiet = _run(["validate", "--db", str(db), "--no-progress"])
    assert quiet.returncode == 0 and "validate:" not in quiet.stderr
    assert _run(["build", "--db", str(db), "--no-progress"]).stderr.strip() == ""
