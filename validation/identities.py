"""`juesuan validate`: evaluate every identity-check instance with Great Expectations and
write the failed ones to ``audit.identity_findings``.

Rounding bound (docs/DOMAIN.md, 'Rounding bound'): every printed figure is off its true value by at most
half a unit of its last printed digit, so an identity may miss by at most the sum of those half units
over the figures it compares (``bound_wan``, computed per figure in dbt: macros/half_unit_of_last_digit.sql); a stated
percentage must equal its recomputation rounded to the printed precision (half a unit of its last
digit). Compared exactly, in decimals. A miss beyond the bound is an ``error`` (honest rounding cannot
explain it); a percentage within one printed unit is a ``warning``. Each finding stores the bound it
used (``tolerance_wan``) and how it was made (``bound_rule``).
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass

import duckdb
import pandas as pd

from ingestion.raw.warehouse import WarehouseError, connect, now, transaction
from ingestion.read.numbers import format_amount
from validation.context import data_docs_index, ensure_objects, get_context, results_dir
from validation.findings_zh import check_name_zh, details_zh

MIN_PARENTS = 3  # extraction.hierarchy_mostly_failing judges a table with at least this many parent codes

FINDINGS_DDL = """CREATE TABLE IF NOT EXISTS audit.identity_findings (
    document_id VARCHAR, check_name VARCHAR, family VARCHAR, table_name VARCHAR, row_key VARCHAR,
    measure VARCHAR, expected_wan DECIMAL(20, 6), actual_wan DECIMAL(20, 6), difference_wan DECIMAL(20, 6),
    tolerance_wan DECIMAL(22, 8), bound_rule VARCHAR, severity VARCHAR, page_number INTEGER, details VARCHAR,
    check_name_zh VARCHAR, details_zh VARCHAR, validated_at TIMESTAMPTZ)"""
# Chinese column names of the findings (as ref_column_labels names the columns it shares with the marts), for view
# marts_zh.identity_findings; made here with the table, because dbt never builds audit.identity_findings.
FINDINGS_ZH_COLUMNS = {
    "document_id": "文档编号（SHA-256）", "check_name": "检查项", "check_name_zh": "检查项名称", "family": "检查类别",
    "table_name": "表名", "row_key": "行键", "measure": "栏目", "expected_wan": "应为数（万元）",
    "actual_wan": "印出数（万元）", "difference_wan": "差额（万元）", "tolerance_wan": "舍入误差上限（万元）",
    "bound_rule": "误差上限的算法", "severity": "严重程度", "page_number": "页码", "details": "说明（英文）",
    "details_zh": "说明", "validated_at": "校验时间"}
# (|difference| − tolerance) is handed to Great Expectations in these units: 10⁻⁸ 万元 (0.0001 元), so
# that every difference (figures to 0.01 元) and every bound (half of 0.01 元) is an exact integer.
EXCESS_UNITS_PER_WAN = 100_000_000


@dataclass
class ValidationResult:
    checks: int
    findings: pd.DataFrame
    data_docs: str
    data_docs_problem: str | None = None  # GX's first error while writing the site (the findings stand)

    def count(self, severity: str) -> int:
        return int((self.findings["severity"] == severity).sum()) if len(self.findings) else 0

    def lines(self, limit: int = 15) -> list[str]:
        out = [f"validate: {self.checks} identity checks, {len(self.findings)} findings "
               f"({self.count('error')} error, {self.count('warning')} warning); Data Docs: {self.data_docs}"
               + (f" (incomplete: {self.data_docs_problem})" if self.data_docs_problem else "")]
        for row in self.findings.head(limit).itertuples():
            figures = "" if row.actual_wan is None else (
                f"printed {format_amount(row.actual_wan)}, expected {format_amount(row.expected_wan)} "
                f"(diff {format_amount(row.difference_wan)}, bound {format_amount(row.tolerance_wan)}) ")
            out.append(f"  {row.severity:<7} {row.source_file} p.{row.page_number} {row.check_name} [{row.row_key}"
                       f"/{row.measure}]: {figures}{row.details}")
            out.append(f"          {row.check_name_zh}：{row.details_zh}")
        if len(self.findings) > limit:
            out.append(f"  … {len(self.findings) - limit} more in audit.identity_findings")
        return out


def _load_checks(con) -> int:
    """Number every check instance into a temporary table with its tolerance and how it was made.

    Tolerance: the check's rounding bound (bound_wan), or half a printed unit for a stated
    percentage. Decided checks (completeness, names) come with is_failed. Computed in DuckDB so
    that a large warehouse never sits in Python objects."""
    try:
        con.execute(
            """CREATE OR REPLACE TEMP TABLE checks_to_validate AS
               SELECT row_number() OVER (ORDER BY d.source_file, c.page_number, c.check_name, c.row_key, c.measure)
                          - 1 AS check_id,
                      c.*, d.source_file,
                      (c.bound_wan + coalesce(c.precision_unit, 0) / 2)::DECIMAL(22, 8) AS tolerance_wan,
                      CASE
                          WHEN c.is_failed OR c.severity_hint IS NOT NULL THEN 'decided by what is printed, no rounding'
                          WHEN c.precision_unit > 0 THEN 'the recomputed percentage rounded to the printed '
                              || rtrim(rtrim((c.precision_unit)::VARCHAR, '0'), '.') || '%'
                              -- a rate recomputed from rounded figures: their spread is part of the bound
                              || CASE WHEN c.bound_wan > 0 THEN ', plus the spread of the figures'' rounding ('
                                      || rtrim(rtrim(round(c.bound_wan, 6)::VARCHAR, '0'), '.') || '%)' ELSE '' END
                          WHEN c.measure = 'percent' THEN 'Σ half a unit of the last printed digit of the two '
                              || 'percentages = ' || rtrim(rtrim(c.bound_wan::VARCHAR, '0'), '.') || '%'
                          WHEN c.measure IN ('weight', 'score') AND c.bound_wan = 0
                              THEN 'exact: points printed as whole numbers are awarded, not rounded'
                          WHEN c.measure IN ('weight', 'score') THEN 'Σ half a unit of the last decimal of the points = '
                              || rtrim(rtrim(c.bound_wan::VARCHAR, '0'), '.')
                          WHEN c.bound_wan = 0 THEN 'exact: every figure compared is a blank cell'
                          WHEN (c.bound_wan * 200) = round(c.bound_wan * 200)
                              THEN (c.bound_wan * 200)::BIGINT || ' × 0.005 万元 = '
                                   || rtrim(rtrim(c.bound_wan::VARCHAR, '0'), '.') || ' 万元 (half a unit of each '
                                   || 'figure''s last printed digit)'
                          ELSE 'Σ half a unit of each figure''s last printed digit = '
                               || rtrim(rtrim(c.bound_wan::VARCHAR, '0'), '.') || ' 万元'
                      END AS bound_rule
               FROM audit.audit_identity_checks c JOIN marts.dim_document d USING (document_id)""")
    except duckdb.CatalogException as exc:
        raise WarehouseError("the warehouse has no identity checks yet: run `juesuan build` first") from exc
    _add_hierarchy_mostly_failing(con)
    return con.execute("SELECT count(*) FROM checks_to_validate").fetchone()[0]


def _add_hierarchy_mostly_failing(con) -> None:
    """extraction.hierarchy_mostly_failing: one instance per document and coded table with at least
    MIN_PARENTS parent codes checked (类 = Σ 款, 款 = Σ 项, economic 类 = Σ 款); it fails when more than
    half of them miss beyond their tolerance in some column. A misprint breaks one parent; most of a
    table breaking means the reader misplaced rows or columns. Derived here, not in dbt, because
    whether a parent fails depends on the tolerance of this run."""
    con.execute(
        """INSERT INTO checks_to_validate BY NAME
           WITH parents AS (
               SELECT document_id, source_file, table_name, row_key, min(page_number) AS page_number,
                      bool_or(abs(difference_wan) > tolerance_wan) AS failed
               FROM checks_to_validate
               WHERE check_name LIKE '%.parent_equals_children'
               GROUP BY ALL
           ), tables AS (
               SELECT document_id, source_file, table_name, min(page_number) AS page_number,
                      count(*) AS checked, count(*) FILTER (WHERE failed) AS failing,
                      string_agg(row_key, ', ' ORDER BY row_key) FILTER (WHERE failed) AS failing_codes
               FROM parents GROUP BY ALL HAVING count(*) >= ?
           )
           SELECT (SELECT coalesce(max(check_id), -1) FROM checks_to_validate)
                      + row_number() OVER (ORDER BY source_file, page_number, table_name) AS check_id,
                  document_id, source_file, 'extraction' AS family, 'extraction.hierarchy_mostly_failing' AS check_name,
                  table_name, table_name AS row_key, 'hierarchy' AS measure, page_number,
                  failing || ' of ' || checked || ' parent codes fail 类 = Σ 款 / 款 = Σ 项'
                      || coalesce(' (' || failing_codes || ')', '')
                      || ': most of a table failing means a misread (rows or columns misplaced), not a misprint'
                      AS details,
                  0::DECIMAL(22, 8) AS bound_wan, 0::DECIMAL(20, 6) AS precision_unit,
                  0::DECIMAL(22, 8) AS tolerance_wan, 'decided by what is printed, no rounding' AS bound_rule,
                  2 * failing > checked AS is_failed, 'error' AS severity_hint
           FROM tables""", [MIN_PARENTS])


def _expectation_frame(con) -> pd.DataFrame:
    """What the expectations read: three columns, one row per check instance; excess_over_bound is
    (|difference| − tolerance) in EXCESS_UNITS_PER_WAN, an exact integer (positive = a finding)."""
    return con.execute(
        """SELECT check_id, family,
                  CASE WHEN is_failed THEN 1
                       ELSE coalesce(((abs(difference_wan) - tolerance_wan) * ?)::HUGEINT, 0)
                  END::BIGINT AS excess_over_bound
           FROM checks_to_validate ORDER BY check_id""", [EXCESS_UNITS_PER_WAN]).df().astype({"family": "category"})


def _failed_rows(con, failed: set[int]) -> pd.DataFrame:
    """The full rows (exact Decimals) of the failed instances only."""
    rows = con.execute("SELECT * FROM checks_to_validate WHERE list_contains(?, check_id) ORDER BY check_id",
                       [sorted(failed)]).fetchall()
    return pd.DataFrame(rows, columns=[d[0] for d in con.description])


def _severity(row) -> str:
    """A miss beyond the exact rounding bound is printed figures contradicting each other: an error.
    A stated percentage within one printed unit of its recomputation is a warning: the report may
    have computed it from figures before they were rounded for print."""
    if isinstance(row.severity_hint, str):
        return row.severity_hint
    if row.precision_unit and abs(row.difference_wan) <= row.precision_unit:
        return "warning"
    return "error"


def _failed_ids(checkpoint, frame: pd.DataFrame, run_name: str) -> set[int]:
    from great_expectations.core.run_identifier import RunIdentifier

    result = checkpoint.run(batch_parameters={"dataframe": frame[["check_id", "family", "excess_over_bound"]]},
                            run_id=RunIdentifier(run_name=run_name))
    failed: set[int] = set()
    for run in result.run_results.values():
        for expectation in run.results:
            for item in expectation.result.get("unexpected_index_list") or []:
                failed.add(int(item["check_id"]))
    return failed


class _GxErrors(logging.Handler):
    """GX logs what goes wrong while it writes Data Docs (a traceback per page) and carries on; kept
    here instead of on the terminal, and told as one line."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.first: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.first is None:
            self.first = record.getMessage().strip().splitlines()[0][:200]


def _say(progress: bool, text: str) -> None:
    """A stage of validate on stderr, so its seconds are not silent (the summary goes to stdout)."""
    if progress:
        print(f"validate: {text}", file=sys.stderr, flush=True)


def validate(db_path: str, progress: bool = False, con: duckdb.DuckDBPyConnection | None = None) -> ValidationResult:
    """``con``: the caller's write connection to ``db_path`` (`juesuan run` reuses it), left open with
    its settings as they were and no temp table left; else the warehouse is opened here and closed."""
    gx_log = logging.getLogger("great_expectations")
    gx_log.setLevel(logging.ERROR)
    gx_errors, propagated = _GxErrors(), gx_log.propagate
    borrowed = con is not None
    if not borrowed:
        con = connect(db_path)
    gx_log.addHandler(gx_errors)
    gx_log.propagate = False
    try:
        # the instances live in a DuckDB temp table: cap DuckDB's memory (it spills to disk beyond)
        con.execute("SET memory_limit = '1GB'")
        checks = _load_checks(con)
        _say(progress, f"{checks} identity checks loaded; running the Great Expectations suites")
        try:
            context = get_context(db_path)
            # the run is named after the warehouse file: its Data Docs say whose results they show
            failed = (_failed_ids(ensure_objects(context), _expectation_frame(con), os.path.basename(db_path))
                      if checks else set())
        except OSError as exc:  # a full or read-only disk: one line naming the folder (GX's own says neither)
            raise WarehouseError(f"cannot write the validation results and Data Docs in {results_dir(db_path)}: "
                                 f"{exc.strerror or exc}") from exc
        _say(progress, f"{len(failed)} checks failed; writing the findings")
        findings = _failed_rows(con, failed)
        findings["severity"] = [_severity(row) for row in findings.itertuples()]
        findings["check_name_zh"] = [check_name_zh(name) for name in findings["check_name"]]
        findings["details_zh"] = [details_zh(row) for row in findings.itertuples()]
        _write_findings(con, findings)
    finally:
        if borrowed:
            _tidy(con)
        else:
            con.close()
        gx_log.removeHandler(gx_errors)
        gx_log.propagate = propagated
    return ValidationResult(checks, findings, str(data_docs_index(db_path)), gx_errors.first)


def _tidy(con) -> None:
    """A borrowed connection handed back as it came: the instances' temp table dropped, DuckDB's
    memory limit as it was (a connection it failed on may refuse both: its error is the one to show)."""
    for statement in ("DROP TABLE IF EXISTS temp.checks_to_validate", "RESET memory_limit"):
        try:
            con.execute(statement)
        except duckdb.Error:
            pass


def _write_findings(con, findings: pd.DataFrame) -> None:
    """Replace the findings in one transaction, so readers never see half a run."""
    columns = ["document_id", "check_name", "family", "table_name", "row_key", "measure", "expected_wan",
               "actual_wan", "difference_wan", "tolerance_wan", "bound_rule", "severity", "page_number", "details",
               "check_name_zh", "details_zh"]
    incoming = findings[columns].copy()  # noqa: F841 (read by DuckDB below)
    for column in ("expected_wan", "actual_wan", "difference_wan", "tolerance_wan"):
        incoming[column] = incoming[column].map(lambda v: None if v is None or v != v else str(v))
    con.execute("CREATE SCHEMA IF NOT EXISTS audit")
    with transaction(con):
        # recreated, not emptied: a warehouse validated by an older version gains the new columns
        con.execute("DROP TABLE IF EXISTS audit.identity_findings")
        con.execute(FINDINGS_DDL)
        if len(incoming):
            con.register("incoming_findings", incoming)
            con.execute(
                "INSERT INTO audit.identity_findings SELECT document_id, check_name, family, table_name, row_key, "
                "measure, expected_wan::DECIMAL(20, 6), actual_wan::DECIMAL(20, 6), difference_wan::DECIMAL(20, 6), "
                "tolerance_wan::DECIMAL(22, 8), bound_rule, severity, page_number, details, check_name_zh, details_zh, ? "
                "FROM incoming_findings",
                [now()])
            con.unregister("incoming_findings")
        _create_findings_view(con)


def _create_findings_view(con) -> None:
    """marts_zh.identity_findings: the findings under Chinese column names. Made with the table in
    validate, because the table is Python-written and first exists here; the dbt macro
    chinese_label_views keeps the view across builds (it drops only views of marts that are gone)."""
    con.execute("CREATE SCHEMA IF NOT EXISTS marts_zh")
    selected = ", ".join(f'"{column}" AS "{label}"' for column, label in FINDINGS_ZH_COLUMNS.items())
    # the names are this module's constants, not input
    con.execute(f"CREATE OR REPLACE VIEW marts_zh.identity_findings AS SELECT {selected} FROM audit.identity_findings")  # noqa: S608
