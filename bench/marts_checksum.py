"""Checksums of every relation in ``marts``, built fresh from the real PDFs.

    python bench/marts_checksum.py [--jobs 2] [--db FILE] [--write]

Builds one new warehouse with ``juesuan run`` (the console command's entry point as
``pyproject.toml`` declares it, so the script survives modules moving) over the bundled
``examples/*.pdf`` and every PDF in ``../shared/pdfs/`` and ``../shared/pdfs/budget/``, then for each
table and view in schema ``marts`` computes a row count and a checksum that does not depend on row
order or on the run (see ``run_dependent``). Prints them as JSON; ``--write`` stores them in
``tests/expected_marts_checksums.json``, which ``tests/test_marts_checksum.py`` compares against.

Regenerate the JSON only in a change that means to change the marts, and say why in its commit
message: a refactoring leaves it as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
SHARED_PDFS = ROOT.parent / "shared" / "pdfs"
EXPECTED = ROOT / "tests" / "expected_marts_checksums.json"

# Columns that differ between two builds of the same PDFs: when the file was read, and any run id.
RUN_DEPENDENT_NAMES = ("ingested_at", "recorded_at", "built_at", "loaded_at", "run_id", "run_started_at")
RUN_DEPENDENT_TYPES = ("TIMESTAMP", "TIME", "DATE", "INTERVAL", "UUID")


def pdfs() -> list[Path]:
    """The bundled examples and the shared real reports (决算 and 预算), sorted."""
    found = [*(ROOT / "examples").glob("*.pdf"), *SHARED_PDFS.glob("*.pdf"), *(SHARED_PDFS / "budget").glob("*.pdf")]
    return sorted(found)


def entry_point() -> tuple[str, str]:
    """(module, function) of the ``juesuan`` console command, read from pyproject.toml."""
    with open(ROOT / "pyproject.toml", "rb") as handle:
        module, _, function = tomllib.load(handle)["project"]["scripts"]["juesuan"].partition(":")
    return module, function


def build(db: str, jobs: int = 2) -> None:
    """``juesuan run PDF... --db DB --jobs N`` in a child process; raises with its output on failure."""
    module, function = entry_point()
    code = f"import sys; from {module} import {function} as main; sys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("JUESUAN_DB", None)
    done = subprocess.run([sys.executable, "-c", code, "run", *map(str, pdfs()), "--db", db, "--jobs", str(jobs),
                           "--no-progress"], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0 or " 0 failed" not in done.stdout:
        raise RuntimeError(f"juesuan run exited {done.returncode}:\n{done.stdout}\n{done.stderr}")


def run_dependent(name: str, data_type: str) -> bool:
    return name in RUN_DEPENDENT_NAMES or name.endswith("_at") or data_type.split("(")[0].split(" ")[0] in RUN_DEPENDENT_TYPES


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def checksums(db: str) -> dict[str, dict]:
    """relation -> {rows, checksum, columns, excluded} for every table and view in ``marts``.

    A row is its kept columns as a DuckDB struct (names and values) cast to text, hashed with md5;
    the checksum is the md5 of the sorted row hashes joined, so neither row order nor physical
    layout counts, while a changed value, column name, column order or duplicate row does."""
    result = {}
    with duckdb.connect(db, read_only=True) as con:
        relations = [r for (r,) in con.execute("""SELECT table_name FROM information_schema.tables
                                                  WHERE table_schema = 'marts' ORDER BY table_name""").fetchall()]
        for relation in relations:
            columns = con.execute("""SELECT column_name, data_type FROM information_schema.columns
                                     WHERE table_schema = 'marts' AND table_name = ?
                                     ORDER BY ordinal_position""", [relation]).fetchall()
            kept = [name for name, data_type in columns if not run_dependent(name, data_type)]
            excluded = [name for name, data_type in columns if run_dependent(name, data_type)]
            row = "struct_pack(" + ", ".join(f"{_quote(c)} := {_quote(c)}" for c in kept) + ")"
            # identifiers from information_schema, quoted: no outside text reaches the query
            query = (f"SELECT count(*), md5(coalesce(string_agg(h, ',' ORDER BY h), '')) "  # noqa: S608
                     f"FROM (SELECT md5(CAST({row} AS VARCHAR)) AS h FROM marts.{_quote(relation)})")
            rows, checksum = con.execute(query).fetchone()
            result[relation] = {"rows": rows, "checksum": checksum, "columns": kept, "excluded": excluded}
    return result


def fresh_checksums(jobs: int = 2, db: str | None = None) -> dict[str, dict]:
    """Build a new warehouse (in a temporary folder unless ``db`` is given) and checksum its marts."""
    if db:
        if os.path.exists(db):
            raise FileExistsError(f"{db} exists; the checksums are of a fresh warehouse")
        build(db, jobs)
        return checksums(db)
    with tempfile.TemporaryDirectory(prefix="marts_checksum_") as folder:
        path = os.path.join(folder, "warehouse.duckdb")
        build(path, jobs)
        return checksums(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="ingest worker processes (default 2)")
    parser.add_argument("--db", default=None, help="build here (a new file) instead of a temporary folder")
    parser.add_argument("--write", action="store_true", help=f"store the result in {EXPECTED.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    result = fresh_checksums(args.jobs, args.db)
    text = json.dumps(result, ensure_ascii=False, indent=1) + "\n"
    if args.write:
        EXPECTED.write_text(text, encoding="utf-8")
        print(f"wrote {EXPECTED} ({len(result)} marts)")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
