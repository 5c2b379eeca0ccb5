"""Faults an unlucky operator meets, injected into real runs (real PDFs, DuckDB, dbt, GX): `kill -9`
at seeded random points of ingest, build and validate; a disk that fills during build and during
validate; a full and a read-only disk under every output (publish, export parquet|raw|fdp|xlsx, report).

After each fault: the command says what happened in one line (or is gone, after a kill), the next
run's warehouse equals a clean run's (documents, budget lines, findings), no earlier output and no
user file is touched, and nothing of juesuan's is left behind. Each test prints the faults it tried.
The disk faults need a tmpfs of their own (root); they are skipped where `mount` is not allowed.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import pdf_factory
from tests.conftest import ROOT, query

CLI = [sys.executable, "-m", "juesuan.cli"]
SEED = 13
TOTALS = ("SELECT (SELECT count(*) FROM raw.documents), (SELECT count(*) FROM raw.table_cells), "
          "(SELECT count(*) FROM marts.fct_budget_line), (SELECT count(*) FROM audit.identity_findings)")
OUTPUTS = [  # (command, target name): every command that writes outside the warehouse
    (["publish"], "bi.duckdb"),
    (["export", "parquet"], "marts"),
    (["export", "raw"], "raw"),
    (["export", "fdp"], "fdp"),
    (["export", "xlsx"], "marts.xlsx"),
    (["report", "--out"], "report"),
]


def _cli(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + args, cwd=ROOT, capture_output=True, text=True, timeout=300)


def _files(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, by relative path."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _one_line_refusal(result: subprocess.CompletedProcess) -> bool:
    lines = result.stderr.strip().splitlines()
    return result.returncode == 2 and len(lines) == 1 and lines[0].startswith("juesuan: ")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Three one-table reports and the 47-page example, a user's note among them, and a clean run."""
    root = tmp_path_factory.mktemp("faults")
    pdfs = root / "pdfs"
    pdfs.mkdir()
    for i in range(3):
        pdf_factory.tiny_report(pdfs / f"r{i}.pdf", f"上海市第{i}局", f"{i}.25")
    pdf_factory.leshan(pdfs / "leshan.pdf")
    (pdfs / "notes.txt").write_text("the user's own notes\n")
    clean = root / "clean" / "w.duckdb"
    started = time.monotonic()
    result = _cli(["run", str(pdfs), "--db", str(clean), "--no-progress"])
    wall = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    stages = query(clean, "SELECT ingest_seconds, build_seconds, validate_seconds FROM audit.runs")[0]
    return {"root": root, "pdfs": pdfs, "clean": clean, "totals": query(clean, TOTALS)[0],
            "stages": dict(zip(("ingest", "build", "validate"), stages, strict=True)),
            "startup": max(0.0, wall - sum(stages)), "inputs": _files(pdfs)}


def _stage_reached(stdout: str) -> str:
    """The stage a killed run was in, from the lines it printed before it died."""
    for line, stage in (("validate: ", "after validate"), ("build: ", "validate"), ("ingest: ", "build")):
        if any(printed.startswith(line) for printed in stdout.splitlines()):
            return stage
    return "ingest"


def _leftover_processes(db: Path) -> list[str]:
    """Processes still naming the killed run's warehouse (its extraction workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if entry.name.isdigit() and str(db) in cmdline:
            found.append(f"{entry.name}: {cmdline[:120]}")
    return found


def test_kill_9_at_random_points_then_the_next_run_equals_a_clean_one(corpus, tmp_path):
    """One kill in each stage, at a point drawn (seeded) within the duration the clean run's stage
    took, counted from the line that opens the stage; the next run starts at once (no orphan holds
    the run lock or DuckDB's lock: dbt used to) and its warehouse equals a clean run's."""
    rng = random.Random(SEED)
    opened_by = {"ingest": None, "build": "ingest: ", "validate": "build: "}  # the line printed as it starts
    tried = []
    for stage, seconds in corpus["stages"].items():
        db = tmp_path / f"killed-in-{stage}" / "w.duckdb"
        db.parent.mkdir()
        (db.parent / "keep.txt").write_text("a user's file beside the warehouse\n")
        proc = subprocess.Popen(CLI + ["run", str(corpus["pdfs"]), "--db", str(db), "--no-progress", "--jobs", "2"],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        printed = []
        while opened_by[stage] and not any(line.startswith(opened_by[stage]) for line in printed):
            line = proc.stdout.readline()
            if not line:
                break
            printed.append(line)
        at = rng.uniform(0.15, 0.85) * seconds + (corpus["startup"] if stage == "ingest" else 0)
        time.sleep(at)
        os.kill(proc.pid, signal.SIGKILL)
        printed += proc.stdout.readlines()
        proc.wait()
        hit = _stage_reached("".join(printed)) if proc.returncode == -signal.SIGKILL else "finished first"
        time.sleep(0.2)  # the kernel's SIGKILL to orphans is immediate; give /proc a moment
        assert not _leftover_processes(db), (stage, at)
        rerun = _cli(["run", str(corpus["pdfs"]), "--db", str(db), "--no-progress"])
        assert rerun.returncode == 0, (stage, at, hit, rerun.stdout[-2000:], rerun.stderr)
        assert query(db, TOTALS)[0] == corpus["totals"], (stage, at, hit)
        assert (db.parent / "keep.txt").read_text() == "a user's file beside the warehouse\n"
        assert _files(corpus["pdfs"]) == corpus["inputs"]
        tried.append(f"kill -9 {at:.1f}s into {stage} (landed in {hit}): the next run equals a clean one")
    print("\n" + "\n".join(tried))


def _mount_tmpfs(folder: Path, size: str) -> None:
    folder.mkdir(parents=True)
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                                 capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        mounted = False
    if not mounted:
        pytest.skip("cannot mount a tmpfs here (needs root): the disk faults are not injected")


def _remount(folder: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(folder)], check=True, capture_output=True, timeout=30)


def _used_kb(folder: Path) -> int:
    stat = os.statvfs(folder)
    return (stat.f_blocks - stat.f_bfree) * stat.f_frsize // 1024


@pytest.fixture
def disk(tmp_path):
    """A file system of its own that the test can fill, shrink and make read-only."""
    folder = tmp_path / "disk"
    _mount_tmpfs(folder, "256m")
    yield folder
    subprocess.run(["umount", str(folder)], capture_output=True, timeout=30)


def test_a_disk_that_fills_during_build_or_validate(corpus, disk):
    """The disk is shrunk to what the warehouse already uses (+ a little) before `build`, then before
    `validate`: each stops with one line naming the full disk and exit 2; once space is back the
    next run's warehouse equals a clean run's, and nothing else on the disk changed."""
    db = disk / "w.duckdb"
    (disk / "keep.txt").write_text("a user's file on the same disk\n")
    assert _cli(["ingest", str(corpus["pdfs"]), "--db", str(db), "--no-progress"]).returncode == 0
    tried = []
    for command in ("build", "validate"):
        if command == "validate":
            assert _cli(["build", "--db", str(db)]).returncode == 0
        _remount(disk, f"size={_used_kb(disk) + 64}k")
        full = _cli([command, "--db", str(db), "--no-progress"])  # stderr: the refusal alone
        out = full.stdout + full.stderr
        assert full.returncode == 2, out[-3000:]
        assert "no space left on device" in out.lower() and "Traceback" not in out, out[-3000:]
        if command == "validate":
            assert _one_line_refusal(full), full.stderr
        _remount(disk, "size=256m")
        tried.append(f"disk full during {command}: exit 2, {out.strip().splitlines()[-1][:100]!r}")
    rerun = _cli(["run", str(corpus["pdfs"]), "--db", str(db), "--no-progress"])
    assert rerun.returncode == 0, rerun.stdout[-2000:] + rerun.stderr
    assert query(db, TOTALS)[0] == corpus["totals"]
    assert (disk / "keep.txt").read_text() == "a user's file on the same disk\n"
    assert _files(corpus["pdfs"]) == corpus["inputs"]
    print("\n" + "\n".join(tried) + "\nthen a run with space: equal to a clean run")


def test_outputs_on_a_full_or_read_only_disk_leave_the_earlier_ones(corpus, disk):
    """Every output written once, then again onto a full disk and onto a read-only one: each refusal
    is one line and exit 2; the earlier outputs, a user's file beside them and the warehouse are as
    they were, and no staging file or folder of juesuan's is left behind."""
    clean = str(corpus["clean"])
    for command, name in OUTPUTS:
        assert _cli([*command, str(disk / name), "--db", clean]).returncode == 0, command
    (disk / "keep.txt").write_text("a user's file beside the outputs\n")
    def warehouse_files():  # the lock file names the last holder (publish takes the run lock)
        return {k: v for k, v in _files(corpus["clean"].parent).items() if not k.endswith(".lock")}

    before, warehouse = _files(disk), warehouse_files()
    tried = []
    ballast = disk / ".ballast"  # the test's own file filling the disk
    with open(ballast, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * (1 << 20))
                handle.flush()
        except OSError:
            pass
    for fault in ("full", "read-only"):
        if fault == "read-only":
            ballast.unlink()
            _remount(disk, "ro")
        for command, name in OUTPUTS:
            result = _cli([*command, str(disk / name), "--db", clean])
            assert _one_line_refusal(result), (fault, command, result.returncode, result.stdout[-500:], result.stderr)
            tried.append(f"{' '.join(command)} on a {fault} disk: {result.stderr.strip()[:110]}")
        assert {k: v for k, v in _files(disk).items() if k != ".ballast"} == before, fault
        assert not [p.name for p in disk.iterdir() if p.name.startswith(".juesuan-")], fault
    assert warehouse_files() == warehouse
    _remount(disk, "rw")
    print("\n" + "\n".join(tried))


def test_a_warehouse_on_a_read_only_disk_is_refused_in_one_line(corpus, disk):
    """A warehouse on a disk mounted read-only (issue 13, item 4): run, ingest, build and validate each
    end in one line naming it and exit 2; the warehouse and the user's file on that disk are as they were."""
    db = disk / "w.duckdb"
    assert _cli(["run", str(corpus["pdfs"]), "--db", str(db), "--no-progress"]).returncode == 0
    (disk / "keep.txt").write_text("a user's file on the same disk\n")
    before = _files(disk)
    _remount(disk, "ro")
    try:
        for command in (["run", str(corpus["pdfs"]), "--no-progress"], ["ingest", str(corpus["pdfs"]), "--no-progress"],
                        ["build"], ["validate"]):
            result = _cli([*command, "--db", str(db)])
            assert _one_line_refusal(result), (command, result.returncode, result.stderr[-2000:])
            assert "read-only" in result.stderr.lower(), result.stderr
    finally:
        _remount(disk, "rw")
    assert _files(disk) == before
