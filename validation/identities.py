"""`juesuan validate`: evaluate every identity-check instance with Great Expectations and
write the failed ones to ``audit.identity_findings``.

Tolerance rule (documented in README): a comparison involving n non-zero printed
terms may differ by ``per_term × n`` (default 0.01 万元 per term) because every
printed figure is rounded on its own; a stated percentage may differ from its
recomputation by half a unit of its last printed digit. A finding is a ``warning`` while the difference is
within twice the tolerance and an ``error`` beyond.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from decimal import Decimal

import duckdb
import pandas as pd

from ingestion.numbers import format_amount
from ingestion.warehouse import WarehouseError, connect, now
from validation.context import DATA_DOCS_INDEX, ensure_objects, get_context

DEFAULT_PER_TERM = Decimal("0.01")
MICRO = Decimal("1000000")

FINDINGS_DDL = """CREATE TABLE IF NOT EXISTS audit.identity_findings (
    document_id VARCHAR, check_name VARCHAR, family VARCHAR, table_name VARCHAR, row_key VARCHAR,
    measure VARCHAR, expected_wan DECIMAL(20, 6), actual_wan DECIMAL(20, 6), difference_wan DECIMAL(20, 6),
    tolerance_wan DECIMAL(20, 6), severity VARCHAR, page_number INTEGER, details VARCHAR,
    validated_at TIMESTAMPTZ)"""


@dataclass
class ValidationResult:
    checks: int
    findings: pd.DataFrame
    data_docs: str

    def count(self, severity: str) -> int:
        return int((self.findings["severity"] == severity).sum()) if len(self.findings) else 0

    def lines(self, limit: int = 15) -> list[str]:
        out = [f"validate: {self.checks} identity checks, {len(self.findings)} findings "
               f"({self.count('error')} error, {self.count('warning')} warning); Data Docs: {self.data_docs}"]
        for row in self.findings.head(limit).itertuples():
            figures = "" if row.actual_wan is None else (
                f"printed {format_amount(row.actual_wan)}, expected {format_amount(row.expected_wan)} "
                f"(diff {format_amount(row.difference_wan)}, tolerance {format_amount(row.tolerance_wan)}) ")
            out.append(f"  {row.severity:<7} {row.source_file} p.{row.page_number} {row.check_name} [{row.row_key}"
                       f"/{row.measure}]: {figures}{row.details}")
        if len(self.findings) > limit:
            out.append(f"  … {len(self.findings) - limit} more in audit.identity_findings")
        return out


def per_term_tolerance(value: str | None = None) -> Decimal:
    return Decimal(value or os.environ.get("JUESUAN_TOLERANCE_PER_TERM") or DEFAULT_PER_TERM)


def _load_checks(con, per_term: Decimal) -> pd.DataFrame:
    try:
        rows = con.execute(
            """SELECT c.*, d.source_file FROM intermediate.int_identity_checks c
               JOIN marts.dim_document d USING (document_id)
               ORDER BY d.source_file, c.page_number, c.check_name, c.row_key, c.measure"""
        ).fetchall()
        columns = [d[0] for d in con.description]
    except duckdb.CatalogException as exc:
        raise WarehouseError("the warehouse has no identity checks yet: run `juesuan build` first") from exc
    frame = pd.DataFrame(rows, columns=columns)
    frame["check_id"] = range(len(frame))
    # a stated percentage may differ from its recomputation by half a printed unit (rounding)
    tolerance = [per_term * int(n) + Decimal(unit or 0) / 2 for n, unit in zip(frame["n_terms"], frame["precision_unit"])]
    frame["tolerance_wan"] = tolerance
    # Non-numeric checks (completeness) come already decided: is_failed.
    frame["excess_micro"] = [
        1 if failed else int((abs(diff) - tol) * MICRO)
        for diff, tol, failed in zip(frame["difference_wan"], tolerance, frame["is_failed"])
    ]
    return frame


def _severity(row) -> str:
    """warning within twice the tolerance (or one unit of a printed percentage), error beyond."""
    if isinstance(row.severity_hint, str):
        return row.severity_hint
    allowance = max(2 * row.tolerance_wan, row.precision_unit or 0)
    return "warning" if abs(row.difference_wan) <= allowance else "error"


def _failed_ids(checkpoint, frame: pd.DataFrame) -> set[int]:
    result = checkpoint.run(batch_parameters={"dataframe": frame[["check_id", "family", "excess_micro"]]})
    failed: set[int] = set()
    for run in result.run_results.values():
        for expectation in run.results:
            for item in expectation.result.get("unexpected_index_list") or []:
                failed.add(int(item["check_id"]))
    return failed


def validate(db_path: str, per_term: Decimal | None = None) -> ValidationResult:
    per_term = per_term if per_term is not None else per_term_tolerance()
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    con = connect(db_path)
    try:
        frame = _load_checks(con, per_term)
        context = get_context()
        failed = _failed_ids(ensure_objects(context), frame) if len(frame) else set()
        findings = frame[frame["check_id"].isin(failed)].copy()
        findings["severity"] = [_severity(row) for row in findings.itertuples()]
        _write_findings(con, findings)
    finally:
        con.close()
    return ValidationResult(len(frame), findings, str(DATA_DOCS_INDEX))


def _write_findings(con, findings: pd.DataFrame) -> None:
    """Replace the findings in one transaction, so readers never see half a run."""
    columns = ["document_id", "check_name", "family", "table_name", "row_key", "measure", "expected_wan",
               "actual_wan", "difference_wan", "tolerance_wan", "severity", "page_number", "details"]
    incoming = findings[columns].copy()  # noqa: F841 (read by DuckDB below)
    for column in ("expected_wan", "actual_wan", "difference_wan", "tolerance_wan"):
        incoming[column] = incoming[column].map(lambda v: None if v is None or v != v else str(v))
    con.execute("CREATE SCHEMA IF NOT EXISTS audit")
    con.execute(FINDINGS_DDL)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM audit.identity_findings")
        if len(incoming):
            con.register("incoming_findings", incoming)
            con.execute(
                "INSERT INTO audit.identity_findings SELECT document_id, check_name, family, table_name, row_key, "
                "measure, expected_wan::DECIMAL(20, 6), actual_wan::DECIMAL(20, 6), difference_wan::DECIMAL(20, 6), "
                "tolerance_wan::DECIMAL(20, 6), severity, page_number, details, ? FROM incoming_findings", [now()])
            con.unregister("incoming_findings")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
