"""The ``juesuan`` command line (docs/CONTRACT.md, 'Commands': run, ingest, build, validate, report, export)."""

from __future__ import annotations

import argparse
import os
import sys

from ingestion.batch.runner import NO_SPACE, Limits, disk_full
from ingestion.raw.parquet import import_raw
from ingestion.raw.warehouse import WarehouseError
from juesuan import __version__, pipeline
from juesuan.build import dbt_build
from juesuan.outputs.export_xlsx import export_xlsx
from juesuan.outputs.fdp import export_fdp
from juesuan.outputs.parquet import export_parquet, export_raw
from juesuan.outputs.publish import publish
from juesuan.outputs.report import write_report
from juesuan.runs import run_lock


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=None, help=f"warehouse file (default: $JUESUAN_DB or {pipeline.DEFAULT_DB})")


def _at_least(low, kind):
    """An argparse type: a number of ``kind`` no smaller than ``low`` (a typo is refused, exit 2)."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"{text} is below the least allowed value, {low}")
        return value
    return parse


def _add_ingest_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", type=_at_least(1, int), default=1, help="worker processes extracting PDFs in parallel")
    parser.add_argument("--force", action="store_true", help="re-extract files even when already ingested")
    parser.add_argument("--timeout", type=_at_least(0.001, float), default=300.0, help="seconds allowed per document (default 300)")
    parser.add_argument("--max-pages", type=_at_least(1, int), default=2000, help="pages allowed per document (default 2000)")
    parser.add_argument("--max-memory-mb", type=_at_least(1, int), default=3072, help="memory allowed per worker (default 3072)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--executor", choices=["local", "dask"], default="local",
                        help="where per-file extraction runs: local worker processes or a Dask cluster")
    parser.add_argument("--scheduler", default=None, help="Dask scheduler address (with --executor dask)")


# Real command lines per sub-command, shown by `juesuan COMMAND --help` (tests/test_cli_help.py parses each one).
EXAMPLES = {
    "juesuan": """\
  juesuan run                                     # the bundled examples -> warehouse/juesuan.duckdb
  juesuan run /data/juesuan/pdfs --jobs 2 --log /var/log/juesuan.log
  juesuan export xlsx marts.xlsx                  # every mart as a sheet, 中文 headers
  juesuan report --out report                     # HTML audit report
  juesuan run --help                              # a command's options and examples""",
    "run": """\
  juesuan run                                     # the five bundled example reports
  juesuan run /data/juesuan/pdfs --jobs 2 --log /var/log/juesuan.log
  juesuan run report.pdf --db /tmp/try.duckdb --strict
  juesuan run /data/juesuan/pdfs --publish /srv/bi/juesuan.duckdb --raw-parquet backup/raw""",
    "ingest": """\
  juesuan ingest examples/leshan_2024_unit_final_accounts.pdf
  juesuan ingest /data/juesuan/pdfs --jobs 4 --timeout 600 --force
  juesuan ingest /data/juesuan/pdfs --executor dask --scheduler tcp://10.0.0.5:8786""",
    "build": """\
  juesuan build
  juesuan build --db /data/juesuan/juesuan.duckdb""",
    "validate": """\
  juesuan validate
  juesuan validate --strict --db /data/juesuan/juesuan.duckdb   # exit 1 on error findings""",
    "report": """\
  juesuan report                                  # report/index.html
  juesuan report --out /srv/www/juesuan --db /data/juesuan/juesuan.duckdb""",
    "publish": """\
  juesuan publish /srv/bi/juesuan.duckdb          # BI tools open it read-only""",
    "export": """\
  juesuan export xlsx marts.xlsx                  # one sheet per mart, 中文 headers
  juesuan export xlsx marts.xlsx --force          # also over a file juesuan did not write
  juesuan export parquet marts
  juesuan export fdp fdp
  juesuan export raw backup/raw""",
    "import": """\
  juesuan import raw backup/raw --db new.duckdb && juesuan build --db new.duckdb && juesuan validate --db new.duckdb""",
}


def _with_examples(command: str) -> dict:
    """argparse keywords putting the command's examples under its help, line breaks kept."""
    return {"epilog": "例 / Examples:\n" + EXAMPLES[command], "formatter_class": argparse.RawDescriptionHelpFormatter}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="juesuan", description="决算 report PDFs -> DuckDB warehouse (raw, staging, marts, audit).",
        **_with_examples("juesuan"),
    )
    parser.add_argument("--version", action="version", version=f"juesuan {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="ingest PDFs (default: bundled examples), build, validate, summarise",
                         **_with_examples("run"))
    run.add_argument("paths", nargs="*", help="PDF files or folders (default: the bundled examples)")
    _add_db(run)
    _add_ingest_options(run)
    run.add_argument("--strict", action="store_true", help="exit 1 when error findings exist")
    run.add_argument("--log", default=None, help="append one line per run to this log file")
    run.add_argument("--publish", default=None, help="after the run, replace this read-only copy for BI tools")
    run.add_argument("--raw-parquet", default=None, metavar="DIR",
                     help="after ingest, replace DIR with the raw layer as Parquet partitioned by fiscal year")

    ing = sub.add_parser("ingest", help="extract PDFs into the raw schema", **_with_examples("ingest"))
    ing.add_argument("paths", nargs="+", help="PDF files or folders")
    _add_db(ing)
    _add_ingest_options(ing)

    for name, text in [("build", "build the dbt models (staging, marts)"),
                       ("validate", "run the Great Expectations identity checks"),
                       ("report", "write the HTML audit report")]:
        stage = sub.add_parser(name, help=text, **_with_examples(name))
        _add_db(stage)
        if name == "report":
            stage.add_argument("--out", default="report", help="output folder")
        if name == "validate":
            stage.add_argument("--strict", action="store_true", help="exit 1 when error findings exist")
        if name in ("build", "validate"):
            stage.add_argument("--no-progress", action="store_true", help="no progress on stderr")

    pub = sub.add_parser("publish", help="replace a read-only copy of the warehouse for BI tools, atomically",
                         **_with_examples("publish"))
    pub.add_argument("target", help="path of the published copy (BI tools open it read-only)")
    _add_db(pub)

    export = sub.add_parser("export", help="write the marts (xlsx, parquet, fdp) or the raw layer (raw) for other tools",
                            **_with_examples("export"))
    export.add_argument("format", choices=["xlsx", "parquet", "fdp", "raw"],
                        help="xlsx: one Excel workbook, a sheet per mart with 中文 headers; parquet: one file per mart; "
                             "fdp: Fiscal Data Package; raw: every raw table as Parquet partitioned by fiscal year")
    export.add_argument("directory", metavar="TARGET", help="the folder to write (parquet, fdp, raw) or the .xlsx file (xlsx)")
    export.add_argument("--force", action="store_true",
                        help="xlsx: overwrite TARGET even when it is not a workbook juesuan wrote")
    _add_db(export)

    load = sub.add_parser("import", help="rebuild a new warehouse's raw layer from `export raw` files "
                                         "(then `juesuan build` and `juesuan validate`)", **_with_examples("import"))
    load.add_argument("format", choices=["raw"])
    load.add_argument("directory")
    _add_db(load)
    return parser


def _limits(args) -> Limits:
    return Limits(timeout_s=args.timeout, max_pages=args.max_pages, max_memory_mb=args.max_memory_mb)


def _ingest_options(args) -> pipeline.IngestOptions:
    return pipeline.IngestOptions(jobs=args.jobs, force=args.force, limits=_limits(args), progress=not args.no_progress,
                                  executor=args.executor, scheduler=args.scheduler)


def _existing(paths: list[str]) -> list[str]:
    return [p for p in paths if os.path.exists(p)]


def _run(args) -> int:
    """ingest, build, validate, summary (juesuan.pipeline.run): one run at a time, each recorded in audit.runs."""
    options = pipeline.RunOptions(ingest=_ingest_options(args), progress=not args.no_progress, strict=args.strict,
                                  log=args.log, publish=args.publish, raw_parquet=args.raw_parquet)
    return pipeline.run(args.db, _existing(args.paths or [str(pipeline.EXAMPLES_DIR)]), options)


def _validate(args) -> int:
    return pipeline.exit_code(pipeline.validate(args.db, progress=not args.no_progress), args.strict)


def _check_paths(args) -> None:
    """Refuse what cannot work before anything runs: a command that reads a warehouse that is not
    there (a mistyped --db would otherwise become a new empty one), a log file that is a folder."""
    missing = [p for p in getattr(args, "paths", None) or [] if not os.path.exists(p)]
    if args.command in ("run", "ingest") and missing:  # a typo is no empty batch: nothing is read
        raise WarehouseError(f"no such file or folder: {', '.join(missing)}")
    reads = args.command in ("build", "validate", "publish", "report", "export")
    if reads and not os.path.isfile(args.db):
        raise WarehouseError(f"no warehouse at {args.db}: give --db, or make one with `juesuan run` first")
    log = getattr(args, "log", None)
    if log and os.path.isdir(log):
        raise WarehouseError(f"--log {log} is a folder; give a file to append to")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.db = args.db or pipeline.default_db()
    try:
        _check_paths(args)
        if args.command == "ingest":
            with run_lock(args.db):
                pipeline.ingest(args.db, _existing(args.paths), _ingest_options(args))
            return 0
        if args.command == "run":
            return _run(args)
        if args.command == "build":
            with run_lock(args.db):
                return dbt_build(args.db, progress=not args.no_progress)
        if args.command == "validate":
            with run_lock(args.db):
                return _validate(args)
        if args.command == "publish":
            with run_lock(args.db):
                print(f"publish: {publish(args.db, args.target)}")
            return 0
        if args.command == "report":
            print(f"report: {write_report(args.db, args.out)}")
            return 0
        if args.command == "export" and args.force and args.format != "xlsx":
            raise WarehouseError("--force applies to `export xlsx` only; export folders replace only their own earlier output")
        if args.command == "export" and args.format == "xlsx":
            print("\n".join(export_xlsx(args.db, args.directory, force=args.force).lines()))
            return 0
        if args.command == "export" and args.format == "parquet":
            files = export_parquet(args.db, args.directory)
            print(f"export: {len(files)} marts written to {os.path.abspath(args.directory)}")
            return 0
        if args.command == "export" and args.format == "raw":
            counts = export_raw(args.db, args.directory)
            print(f"export: raw layer ({sum(counts.values())} rows in {len(counts)} tables) "
                  f"written to {os.path.abspath(args.directory)}")
            return 0
        if args.command == "export":
            print(f"export: {export_fdp(args.db, args.directory)}")
            return 0
        with run_lock(args.db):  # import raw
            counts = import_raw(args.directory, args.db)
        print(f"import: {counts['documents']} documents, {sum(counts.values())} raw rows into {args.db}; "
              "now run `juesuan build` and `juesuan validate`")
        return 0
    except WarehouseError as exc:
        print(f"juesuan: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        if not disk_full(exc):
            raise
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"juesuan: {NO_SPACE} ({detail}); free space and run it again", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
