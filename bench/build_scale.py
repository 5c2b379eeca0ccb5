"""Benchmark, run by hand: `juesuan build` at warehouse scale.

    .venv/bin/python bench/build_scale.py [--documents 1000 10000]

For each size: the synthetic generator writes N documents straight into `raw`
(no PDF; half 决算, half the budget reports of the same units and years, `--budgets`),
then this times a full `juesuan build` (dbt build: models and tests),
then ingests one more real PDF (the bundled Leshan example) and times the
incremental `juesuan build` that adds it. Prints wall times and peak memory
(RSS of the dbt process tree).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _timed(cmd: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    python = sys.executable
    for documents in args.documents:
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "warehouse.duckdb")
            units = max(1, documents // 8)
            generate, _ = _timed([python, "-m", "corpus.synthetic", "raw", db, "--units", str(units), "--years", "4",
                                  "--seed", "1", "--budgets", "--mismatch-rate", "0.05", "--quiet"])
            build, peak = _timed([python, "-m", "juesuan.cli", "build", "--db", db])
            one = str(ROOT / "examples" / "leshan_2024_unit_final_accounts.pdf")
            ingest, _ = _timed([python, "-m", "juesuan.cli", "ingest", one, "--db", db, "--no-progress"])
            add, _ = _timed([python, "-m", "juesuan.cli", "build", "--db", db])
            print(f"{units * 8:6d} documents: raw written in {generate:6.1f}s; full build {build:6.1f}s "
                  f"(peak RSS so far {peak:.0f} MB); one more PDF: ingest {ingest:4.1f}s + build {add:5.1f}s")


if __name__ == "__main__":
    main()
