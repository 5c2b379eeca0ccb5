"""`juesuan build`: run `dbt build` (models and their tests) on the warehouse file.

dbt runs in a child process: dbt-duckdb keeps its connection open for the life
of the process, which would lock the warehouse against the caller.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
from tqdm import tqdm

from ingestion.raw.migrations import meta_value, set_meta_value
from ingestion.raw.warehouse import opened

PROJECT_DIR = Path(__file__).resolve().parent.parent

# dbt's command line in a child that asks the kernel to kill it when its parent dies (Linux
# PR_SET_PDEATHSIG): a `juesuan run` killed mid-build used to leave dbt running, holding DuckDB's lock
# on the warehouse, so the next run was refused ("Could not set lock on file") until dbt finished.
_DIES_WITH_PARENT = """import ctypes, os, signal, sys
parent = int(sys.argv.pop(1))
try:
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
except (OSError, AttributeError):
    pass
if os.getppid() != parent:
    sys.exit(1)
sys.argv[0] = "dbt"
from dbt.cli.main import cli
cli()
"""


_NO_SPACE = "build: no space left on device: free space and run again (the next build redoes what failed)"


def _dbt_command(*args: str) -> list[str]:
    return [sys.executable, "-c", _DIES_WITH_PARENT, str(os.getpid()), *args]


# The warehouse dbt's profile opens when $JUESUAN_DB is unset: the one statement of the default path,
# which juesuan's own commands use too (juesuan/pipeline.py DEFAULT_DB).
_PROFILE_DEFAULT = re.compile(r"env_var\('JUESUAN_DB',\s*'([^']+)'\)")


def profile_default_db() -> str:
    """The default warehouse path profiles.yml states (relative to the working directory)."""
    match = _PROFILE_DEFAULT.search((PROJECT_DIR / "profiles.yml").read_text(encoding="utf-8"))
    if match is None:
        raise RuntimeError(f"{PROJECT_DIR / 'profiles.yml'} states no default warehouse: env_var('JUESUAN_DB', '<path>')")
    return match.group(1)


def project_files() -> list[Path]:
    """The files that define the dbt project: a change in any of them may change the marts."""
    files = [PROJECT_DIR / "dbt_project.yml", PROJECT_DIR / "profiles.yml"]
    for folder in ("models", "macros", "seeds"):
        files += [p for p in (PROJECT_DIR / folder).rglob("*") if p.is_file()]
    return sorted(files)


def project_hash() -> str:
    digest = hashlib.sha256()
    for path in project_files():
        digest.update(str(path.relative_to(PROJECT_DIR)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _dbt_env(db_path: str) -> dict[str, str]:
    return {**os.environ, "JUESUAN_DB": os.path.abspath(db_path), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}


def dbt_parse(target: Path) -> None:
    """Write dbt's manifest.json into `target` (for Dagster, which reads the graph from it)."""
    args = [sys.executable, "-m", "dbt.cli.main", "parse", "--project-dir", str(PROJECT_DIR),
            "--profiles-dir", str(PROJECT_DIR), "--target-path", str(target), "--log-path", str(target), "--quiet"]
    completed = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"})
    if completed.returncode != 0:
        raise RuntimeError(f"dbt parse failed: {(completed.stdout + completed.stderr).strip()[-500:]}")


# dbt's line for a node done: "12:01:02  12 of 273 OK created sql table model marts.fct_income …"
_NODE_DONE = re.compile(r"^\S+\s+(\d+) of (\d+) (OK|PASS|WARN|ERROR|FAIL|SKIP|NO-OP)\b")


def _run_dbt(args: list[str], env: dict[str, str], progress: bool) -> tuple[int, str]:
    """dbt's exit code and output; with ``progress`` a bar of the nodes done on stderr (dbt says
    "12 of 273 OK …" per node), so a build of several seconds is not silent."""
    if not progress:
        completed = subprocess.run([*args, "--quiet"], capture_output=True, text=True, env=env)
        return completed.returncode, completed.stdout + completed.stderr
    output: list[str] = []
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env) as child, \
            tqdm(unit="node", desc="build", file=sys.stderr) as bar:
        for line in child.stdout:
            output.append(line)
            done = _NODE_DONE.match(line)
            if done and "hook:" not in line:  # the on-run-start/-end hooks count themselves apart
                bar.total = int(done.group(2))
                bar.update(1)
    return child.returncode, "".join(output)


_ASK = "ask"


def dbt_build(db_path: str, select: str | None = None, progress: bool = False, refresh: str | None = _ASK,
              record_hash: Callable[[], None] | None = None) -> int:
    """Run dbt build; print a one-line result and each failure plainly. 0 when all pass.

    ``refresh``: `full_refresh_needed`'s answer when the caller read it already (`juesuan run`, on the
    connection it closes before calling this), else asked here. ``record_hash``: records the built
    project (default `record_project_hash` by path). Nothing here holds the warehouse while dbt runs."""
    env = _dbt_env(db_path)
    target = PROJECT_DIR / "target"
    args = _dbt_command("build", "--project-dir", str(PROJECT_DIR),
                        "--profiles-dir", str(PROJECT_DIR), "--target-path", str(target),
                        "--log-path", str(PROJECT_DIR / "logs"))
    if select:
        args += ["--select", select]
    if select:
        refresh = None
    elif refresh == _ASK:
        refresh = full_refresh_needed(db_path)
    if refresh:
        args.append("--full-refresh")
        if refresh == "changed":
            print("build: the dbt project changed since the last build: rebuilding every model (--full-refresh)")
    returncode, output = _run_dbt(args, env, progress)
    results_file = target / "run_results.json"
    if returncode not in (0, 1) or not results_file.exists():
        detail = output.strip().splitlines()
        print(f"build: dbt could not run: {detail[-1].strip() if detail else 'no output'}")
        if "no space left on device" in output.lower():
            print(_NO_SPACE)
        return 2
    results = json.loads(results_file.read_text())["results"]
    failures = [r for r in results if r["status"] in ("error", "fail")]
    print(f"build: {len(results) - len(failures)} dbt nodes passed, {len(failures)} failed")
    for result in failures:
        message = (result.get("message") or "").strip().replace("\n", " ")
        print(f"  {result['status'].upper():<5} {result['unique_id']}: {message}")
    if any("no space left on device" in (r.get("message") or "").lower() for r in failures):
        print(_NO_SPACE)
        return 2
    if not select and not model_errors(results):
        (record_hash or (lambda: record_project_hash(db_path)))()
    return 0 if returncode == 0 else 1


# Facts are incremental by document: after an upgrade that changed a model, rows of documents not
# re-ingested would keep the old logic, so the first build of a changed project rebuilds everything.
def full_refresh_needed(db_path: str, con: duckdb.DuckDBPyConnection | None = None) -> str | None:
    """'changed' when the last build used other models, 'first' before any build, else None.
    ``con``: the caller's connection to ``db_path``, left open (else one of its own, closed)."""
    with opened(db_path, con) as con:
        built_with = meta_value(con, "dbt_project_hash")
    if built_with == project_hash():
        return None
    return "first" if built_with is None else "changed"


def model_errors(results: list[dict]) -> list[dict]:
    """Models or seeds dbt could not build (a failing data test leaves the models current)."""
    return [r for r in results if r["unique_id"].split(".")[0] in ("model", "seed", "snapshot")
            and r["status"] == "error"]


def record_project_hash(db_path: str, con: duckdb.DuckDBPyConnection | None = None) -> None:
    """The dbt project recorded as built; on the caller's connection ``con`` (left open) if given."""
    with opened(db_path, con) as con:
        set_meta_value(con, "dbt_project_hash", project_hash())
