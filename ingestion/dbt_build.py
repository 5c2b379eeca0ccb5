"""`juesuan build`: run `dbt build` (models and their tests) on the warehouse file.

dbt runs in a child process: dbt-duckdb keeps its connection open for the life
of the process, which would lock the warehouse against the caller.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def _dbt_env(db_path: str) -> dict[str, str]:
    return {**os.environ, "JUESUAN_DB": os.path.abspath(db_path), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}


def dbt_parse(target: Path) -> None:
    """Write dbt's manifest.json into `target` (for Dagster, which reads the graph from it)."""
    args = [sys.executable, "-m", "dbt.cli.main", "parse", "--project-dir", str(PROJECT_DIR),
            "--profiles-dir", str(PROJECT_DIR), "--target-path", str(target), "--log-path", str(target), "--quiet"]
    completed = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"})
    if completed.returncode != 0:
        raise RuntimeError(f"dbt parse failed: {(completed.stdout + completed.stderr).strip()[-500:]}")


def dbt_build(db_path: str, select: str | None = None) -> int:
    """Run dbt build; print a one-line result and each failure plainly. 0 when all pass."""
    env = _dbt_env(db_path)
    target = PROJECT_DIR / "target"
    args = [sys.executable, "-m", "dbt.cli.main", "build", "--project-dir", str(PROJECT_DIR),
            "--profiles-dir", str(PROJECT_DIR), "--target-path", str(target),
            "--log-path", str(PROJECT_DIR / "logs"), "--quiet"]
    if select:
        args += ["--select", select]
    completed = subprocess.run(args, capture_output=True, text=True, env=env)
    results_file = target / "run_results.json"
    if completed.returncode not in (0, 1) or not results_file.exists():
        detail = (completed.stdout + completed.stderr).strip().splitlines()
        print(f"build: dbt could not run: {detail[-1] if detail else 'no output'}")
        return 2
    results = json.loads(results_file.read_text())["results"]
    failures = [r for r in results if r["status"] in ("error", "fail")]
    print(f"build: {len(results) - len(failures)} dbt nodes passed, {len(failures)} failed")
    for result in failures:
        message = (result.get("message") or "").strip().replace("\n", " ")
        print(f"  {result['status'].upper():<5} {result['unique_id']}: {message}")
    return 0 if completed.returncode == 0 else 1
