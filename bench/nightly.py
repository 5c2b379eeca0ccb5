"""Benchmark, run nightly (cron) or by hand: the whole pipeline at scale, stage by stage.

    .venv/bin/python bench/nightly.py [--pdfs 1000] [--documents 10000] [--jobs 2] [--work DIR] [--json FILE]

1. PDFs end to end: the synthetic generator writes --pdfs PDFs (five 决算 layout families and,
   for the same units and years, their budget reports in two families: `--budgets`);
   bare pdfplumber reads them all (extract_text + extract_tables, --jobs processes) as
   the yardstick; then `juesuan ingest`, `build`, `validate`, `report` run one by one on a
   fresh warehouse.
2. Reruns on that warehouse: `juesuan run` with nothing changed, then with one new PDF.
3. Warehouse scale: --documents documents (决算 and budget reports) written straight into `raw` (no PDF), then
   `build`, `validate`, `report`, and the same two reruns (an empty input folder, then one PDF).

Each stage runs as its own process; the figures are its wall time and the peak of the
summed PSS of its whole process tree (workers and dbt included; a page shared by forked
workers counted once), sampled every 0.1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))
from bench.ingest_vs_pdfplumber import _page_count  # noqa: E402


def _memory_bytes(pid: int, rss_pages: int) -> int:
    """PSS (shared pages split between their sharers: forked workers are not counted twice), else RSS."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss_pages * os.sysconf("SC_PAGE_SIZE")


def _tree_rss_mb(root_pid: int) -> float:
    """Summed memory (PSS) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)  # fields[1] is the parent pid
        rss[pid] = int(fields[21])  # fields[21] is rss in pages
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        if pid in rss:
            total += _memory_bytes(pid, rss[pid])
        stack += children.get(pid, [])
    return total / 2**20


def stage(name: str, cmd: list[str], results: list[dict]) -> dict:
    """Run one stage; record its wall seconds and peak process-tree RSS."""
    started = time.perf_counter()
    # output to a file, not a pipe: a full pipe would block the child while this loop only polls
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True)
        peak = 0.0
        while process.poll() is None:
            peak = max(peak, _tree_rss_mb(process.pid))
            time.sleep(0.1)
        log.seek(0)
        output = log.read()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"{name}: exit {process.returncode}\n{output[-2000:]}")
    result = {"stage": name, "seconds": round(seconds, 1), "peak_mb": round(peak)}
    results.append(result)
    print(f"  {name:<40} {seconds:8.1f} s   peak {peak:6.0f} MB", flush=True)
    return result


def _juesuan(*args: str) -> list[str]:
    return [PYTHON, "-m", "juesuan.cli", *args]


def _bare_cmd(files: list[str], jobs: int) -> list[str]:
    """Bare pdfplumber over the files in `jobs` processes (shell-free, one Python per share)."""
    shares = [files[i::jobs] for i in range(jobs)]
    script = ("import subprocess, sys, json\n"
              "shares = json.loads(sys.argv[1])\n"
              "code = 'import sys, bench.ingest_vs_pdfplumber as b; b._bare_pdfplumber(sys.argv[1:])'\n"
              "procs = [subprocess.Popen([sys.executable, '-c', code, *s]) for s in shares if s]\n"
              "sys.exit(max(p.wait() for p in procs))\n")
    return [PYTHON, "-c", script, json.dumps(shares)]


def pdf_pipeline(work: Path, count: int, jobs: int, results: list[dict]) -> dict:
    folder, db = work / "pdfs", work / "pdfs.duckdb"
    units = max(1, count // 8)
    stage(f"generate {units * 8} synthetic PDFs", [PYTHON, "-m", "corpus.synthetic", "pdf", str(folder), "--units",
                                                  str(units), "--years", "4", "--seed", "7", "--jobs", str(jobs),
                                                  "--budgets", "--mismatch-rate", "0.05", "--quiet"], results)
    files = sorted(str(p) for p in folder.glob("*.pdf"))
    pages = _page_count(files)
    bare = stage(f"bare pdfplumber ({jobs} processes)", _bare_cmd(files, jobs), results)
    ingest = stage(f"ingest --jobs {jobs}", _juesuan("ingest", str(folder), "--db", str(db), "--jobs", str(jobs),
                                                     "--no-progress"), results)
    stage("build", _juesuan("build", "--db", str(db)), results)
    stage("validate", _juesuan("validate", "--db", str(db)), results)
    stage("report", _juesuan("report", "--db", str(db), "--out", str(work / "report")), results)
    stage("rerun, nothing changed (run)", _juesuan("run", str(folder), "--db", str(db), "--jobs", str(jobs),
                                                    "--no-progress"), results)
    extra = work / "extra"
    subprocess.run([PYTHON, "-m", "corpus.synthetic", "pdf", str(extra), "--units", "1", "--years", "1",
                    "--seed", "99", "--quiet"], cwd=ROOT, check=True)
    for pdf in extra.glob("*.pdf"):
        shutil.copy(pdf, folder / f"new_{pdf.name}")
    stage("rerun, one new PDF (run)", _juesuan("run", str(folder), "--db", str(db), "--jobs", str(jobs),
                                              "--no-progress"), results)
    return {"files": len(files), "pages": pages, "ingest_vs_bare_time": round(ingest["seconds"] / bare["seconds"], 2),
            "ingest_vs_bare_memory": round(ingest["peak_mb"] / bare["peak_mb"], 2)}


def warehouse_scale(work: Path, documents: int, results: list[dict]) -> None:
    db = work / "scale.duckdb"
    units = max(1, documents // 8)
    stage(f"write {units * 8} documents into raw", [PYTHON, "-m", "corpus.synthetic", "raw", str(db), "--units",
                                                   str(units), "--years", "4", "--seed", "3", "--error-rate", "0.05",
                                                   "--budgets", "--mismatch-rate", "0.05", "--quiet"], results)
    stage("build (scale)", _juesuan("build", "--db", str(db)), results)
    stage("validate (scale)", _juesuan("validate", "--db", str(db)), results)
    stage("report (scale)", _juesuan("report", "--db", str(db), "--out", str(work / "report-scale")), results)
    inbox = work / "inbox-scale"
    inbox.mkdir(exist_ok=True)
    stage("rerun, nothing changed (run, scale)", _juesuan("run", str(inbox), "--db", str(db), "--no-progress"), results)
    shutil.copy(ROOT / "examples" / "leshan_2024_unit_final_accounts.pdf", inbox)
    stage("rerun, one new PDF (run, scale)", _juesuan("run", str(inbox), "--db", str(db), "--no-progress"), results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=int, default=1000)
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="juesuan-nightly-"))
    work.mkdir(parents=True, exist_ok=True)
    results: list[dict] = []
    summary: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "cpus": os.cpu_count()}
    try:
        if args.pdfs:
            print(f"PDFs end to end ({args.pdfs}):", flush=True)
            summary["pdfs"] = pdf_pipeline(work, args.pdfs, args.jobs, results)
            print(f"  {summary['pdfs']}", flush=True)
        if args.documents:
            print(f"warehouse stages ({args.documents} documents):", flush=True)
            warehouse_scale(work, args.documents, results)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    summary["stages"] = results
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
