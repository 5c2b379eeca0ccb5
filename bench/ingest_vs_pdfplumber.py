"""Benchmark, run by hand: juesuan ingest against bare pdfplumber on the same files.

    .venv/bin/python bench/ingest_vs_pdfplumber.py [PDF or folder ...] [--copies 5]

Prints pages/second of bare pdfplumber (extract_text + extract_tables on every
page, one process), of `juesuan ingest --jobs 1` and `--jobs 2` on a batch of
distinct copies (each copy gets a unique trailing comment so its sha256
differs), the ratios, and peak memory (RSS) of each.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The real 决算 and 预算 PDFs beside the repo and the bundled examples.
DEFAULT_INPUTS = sorted((ROOT.parent / "shared" / "pdfs").rglob("*.pdf")) + [ROOT / "examples"]


def _pdfs(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        found += sorted(path.rglob("*.pdf")) if path.is_dir() else [path]
    return [p for p in found if p.exists()]


def _make_batch(files: list[Path], copies: int, folder: Path) -> list[Path]:
    batch = []
    for i in range(copies):
        for j, source in enumerate(files):
            target = folder / f"c{i:03d}_{j:02d}.pdf"
            shutil.copy(source, target)
            with open(target, "ab") as handle:  # a PDF comment after %%EOF: same document, new hash
                handle.write(f"\n%bench copy {i}\n".encode())
            batch.append(target)
    return batch


def _bare_pdfplumber(files: list[str]) -> None:
    import pdfplumber

    for name in files:
        with pdfplumber.open(name) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                page.close()


def _timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the child and its workers."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def _page_count(files: list[Path]) -> int:
    import pdfplumber

    total = 0
    for name in files:
        with pdfplumber.open(name) as pdf:
            total += len(pdf.pages)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path)
    parser.add_argument("--copies", type=int, default=4, help="copies of each input in the batch (10+ files)")
    args = parser.parse_args()
    sources = _pdfs(args.inputs or DEFAULT_INPUTS)
    if not sources:
        sys.exit("no PDFs found")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "batch"
        folder.mkdir()
        batch = _make_batch(sources, args.copies, folder)
        pages = _page_count(batch)
        python = sys.executable
        bare_cmd = [python, "-c", "import sys, bench.ingest_vs_pdfplumber as b; b._bare_pdfplumber(sys.argv[1:])",
                    *map(str, batch)]
        os.chdir(ROOT)
        bare_s, bare_mb = _timed(bare_cmd)
        results = {}
        for jobs in (1, 2):
            db = Path(tmp) / f"j{jobs}.duckdb"
            cmd = [python, "-m", "juesuan.cli", "ingest", str(folder), "--db", str(db), "--jobs", str(jobs),
                   "--no-progress"]
            results[jobs] = _timed(cmd)
    print(f"files: {len(batch)} ({len(sources)} distinct x {args.copies}), pages: {pages}")
    print(f"bare pdfplumber (1 process): {bare_s:6.2f}s  {pages / bare_s:6.1f} pages/s  peak {bare_mb:.0f} MB")
    for jobs, (seconds, mb) in results.items():
        print(f"juesuan ingest --jobs {jobs}:      {seconds:6.2f}s  {pages / seconds:6.1f} pages/s  peak {mb:.0f} MB"
              f"  (time ratio vs bare: {seconds / bare_s:.2f}x)")
    print(f"speed-up --jobs 2 over --jobs 1: {results[1][0] / results[2][0]:.2f}x")


if __name__ == "__main__":
    main()
