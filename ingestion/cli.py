"""The ``juesuan`` command line (CONTRACT.md: run, ingest, build, validate, report, export)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ingestion import __version__
from ingestion.dbt_build import dbt_build
from ingestion.runner import Limits, ingest
from ingestion.warehouse import WarehouseError

DEFAULT_DB = os.path.join("warehouse", "juesuan.duckdb")
EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"


def default_db() -> str:
    return os.environ.get("JUESUAN_DB") or DEFAULT_DB


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=None, help="warehouse file (default: $JUESUAN_DB or warehouse/juesuan.duckdb)")


def _add_ingest_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", type=int, default=1, help="worker processes extracting PDFs in parallel")
    parser.add_argument("--force", action="store_true", help="re-extract files even when already ingested")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds allowed per document (default 300)")
    parser.add_argument("--max-pages", type=int, default=2000, help="pages allowed per document (default 2000)")
    parser.add_argument("--max-memory-mb", type=int, default=3072, help="memory allowed per worker (default 3072)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="juesuan", description="决算 report PDFs -> DuckDB warehouse (raw, staging, marts, audit)."
    )
    parser.add_argument("--version", action="version", version=f"juesuan {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="ingest PDFs (default: bundled examples), build, validate, summarise")
    run.add_argument("paths", nargs="*", help="PDF files or folders (default: the bundled examples)")
    _add_db(run)
    _add_ingest_options(run)
    run.add_argument("--strict", action="store_true", help="exit 1 when error findings exist")

    ing = sub.add_parser("ingest", help="extract PDFs into the raw schema")
    ing.add_argument("paths", nargs="+", help="PDF files or folders")
    _add_db(ing)
    _add_ingest_options(ing)

    for name, text in [("build", "build the dbt models (staging, marts)"),
                       ("validate", "run the Great Expectations identity checks"),
                       ("report", "write the HTML audit report")]:
        stage = sub.add_parser(name, help=text)
        _add_db(stage)
        if name == "report":
            stage.add_argument("--out", default="report", help="output folder")
        if name == "validate":
            stage.add_argument("--strict", action="store_true", help="exit 1 when error findings exist")

    export = sub.add_parser("export", help="write the marts for other tools")
    export.add_argument("format", choices=["parquet", "fdp"])
    export.add_argument("directory")
    _add_db(export)
    return parser


def _limits(args) -> Limits:
    return Limits(timeout_s=args.timeout, max_pages=args.max_pages, max_memory_mb=args.max_memory_mb)


def _ingest(args, paths: list[str]) -> int:
    missing = [p for p in paths if not os.path.exists(p)]
    for path in missing:
        print(f"juesuan: no such file or folder: {path}", file=sys.stderr)
    summary = ingest([p for p in paths if os.path.exists(p)], args.db, jobs=args.jobs, force=args.force,
                     limits=_limits(args), progress=not args.no_progress)
    print("\n".join(summary.lines()))
    return 0


def _not_yet(stage: str) -> int:
    print(f"juesuan {stage}: not available yet in this release (the dbt/validation stages come with later work)")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.db = args.db or default_db()
    try:
        if args.command == "ingest":
            return _ingest(args, args.paths)
        if args.command == "run":
            code = _ingest(args, args.paths or [str(EXAMPLES_DIR)])
            code = max(code, dbt_build(args.db))
            _not_yet("validate")
            return code
        if args.command == "build":
            return dbt_build(args.db)
        return _not_yet(args.command)
    except WarehouseError as exc:
        print(f"juesuan: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
