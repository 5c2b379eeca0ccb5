"""Per-file extraction as a separate process, for executors that are not ours (Dask workers).

A Dask worker runs tasks in threads of a daemonic process, which may not fork
children with multiprocessing; a subprocess keeps the same limits as the local
pool (time: killed at the limit; memory: RLIMIT_AS; pages) and returns the
pickled extraction on stdout.

    python -m ingestion.batch.remote PATH SHA256 MAX_PAGES MAX_MEMORY_MB
"""

from __future__ import annotations

import pickle
import subprocess
import sys

from ingestion.batch.limits import read_within_limits


def extract_with_limits(path: str, sha: str, timeout_s: float, max_pages: int, max_memory_mb: int):
    """Run one extraction in a child process; returns ("ok", Extraction) or ("error", (stage, reason, page))."""
    cmd = [sys.executable, "-m", "ingestion.batch.remote", path, sha, str(max_pages), str(max_memory_mb)]
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return "error", ("limits", f"reading the PDF took longer than the limit of {timeout_s:g} s", None)
    if done.returncode != 0 or not done.stdout:
        return "error", ("extract", f"the worker died while reading the PDF (exit code {done.returncode})", None)
    return pickle.loads(done.stdout)  # noqa: S301 (our own child's output)


def main(argv: list[str]) -> int:
    path, sha, max_pages, max_memory_mb = argv[0], argv[1], int(argv[2]), int(argv[3])
    sys.stdout.buffer.write(pickle.dumps(read_within_limits(path, sha, max_pages, max_memory_mb)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
