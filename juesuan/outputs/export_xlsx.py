"""`juesuan export xlsx FILE`: every mart as a sheet of one Excel workbook.

Headers are the 中文 labels of schema `marts_zh` (the views `macros/chinese_label_views.sql` makes from
the seed `ref_column_labels`), so the workbook and the BI views never name a column differently.
XlsxWriter in constant_memory mode writes each row out as soon as the next one starts, and the rows come
from DuckDB in batches (fetchmany): memory stays flat however large a mart is. PDF text is only ever
written as a string cell (never a formula or a link), whatever it begins with.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field

import duckdb
import xlsxwriter

from ingestion.raw.warehouse import WarehouseError, connect
from juesuan.outputs.export_folder import umask

EXCEL_ROWS = 1_048_576  # rows in one Excel sheet, the header row included
SHEET_NAME_CHARS = 31
BATCH_ROWS = 10_000
MARKER_PROPERTY = "juesuan-export"  # a custom document property: this file is juesuan's to replace
TEXT_LIMIT = 32_767  # characters in one Excel cell
# a text Excel would run as a formula if it were typed in (CSV: operations._inert)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class XlsxExport:
    path: str
    sheets: list[tuple[str, str, int]] = field(default_factory=list)  # (mart, sheet, data rows)
    truncated_cells: int = 0

    def lines(self) -> list[str]:
        marts = {m for m, _, _ in self.sheets}
        rows = sum(n for _, _, n in self.sheets)
        lines = [f"export: {len(marts)} marts ({len(self.sheets)} sheets, {rows} rows) written to {self.path}"]
        for mart in sorted(marts):
            parts = [(s, n) for m, s, n in self.sheets if m == mart]
            if len(parts) > 1:  # Excel's row limit: the reader must know the mart goes on
                lines.append(f"  {mart}: {sum(n for _, n in parts)} rows exceed Excel's {EXCEL_ROWS - 1} per sheet, "
                             f"split into sheets {', '.join(s for s, _ in parts)}")
        if self.truncated_cells:
            lines.append(f"  {self.truncated_cells} text cells longer than Excel's {TEXT_LIMIT} characters were cut")
        return lines


def export_xlsx(db_path: str, target: str, force: bool = False, max_rows: int = EXCEL_ROWS) -> XlsxExport:
    """Write every mart of the warehouse to the workbook ``target``, replaced whole (written beside it,
    then renamed). An existing file is replaced only when an earlier export wrote it, or with ``force``.
    ``max_rows`` is the sheet's row limit (header included); a mart with more rows goes on in further sheets."""
    target = os.path.abspath(target)
    _check_replaceable(target, force)
    con = connect(db_path, read_only=True)
    staging, output, parts = None, None, None
    try:
        marts = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts' ORDER BY 1").fetchall()]
        if not marts:
            raise WarehouseError("the warehouse has no marts yet: run `juesuan build` first")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle, staging = tempfile.mkstemp(prefix=".juesuan-xlsx-", suffix=".xlsx", dir=os.path.dirname(target))
        os.close(handle)
        output = _StagingFile(staging)
        parts = tempfile.mkdtemp(prefix="juesuan-xlsx-parts-")  # XlsxWriter's row and XML files, removed in any case
        workbook = xlsxwriter.Workbook(output, {
            "constant_memory": True, "tmpdir": parts,
            # text stays text: no string is turned into a formula, a link or a number
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        })
        workbook.set_custom_property(MARKER_PROPERTY, "written by juesuan export xlsx; replaced whole by the next export")
        result = XlsxExport(target)
        styles = _Styles(workbook)
        names: set[str] = set()
        for mart in marts:
            _write_mart(con, workbook, styles, mart, names, max_rows, result)
        workbook.close()
        output.finish()
        os.chmod(staging, 0o666 & ~umask())  # mkstemp's 0600 would shut out the analyst's colleagues
        _check_replaceable(target, force)  # the target may have appeared while the export ran
        os.replace(staging, target)
        return result
    except (duckdb.Error, OSError, xlsxwriter.exceptions.XlsxWriterException) as exc:
        detail = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise WarehouseError(f"cannot write {target}: {detail}; nothing was written") from exc
    finally:
        con.close()
        if output is not None:
            output.abandon()
        if staging and os.path.exists(staging):
            os.remove(staging)
        if parts:
            shutil.rmtree(parts, ignore_errors=True)


class _StagingFile:
    """The file the workbook's zip is written to. After a failed write (a full disk) every later call does
    nothing: XlsxWriter leaves its zip open after such a failure, and the zip's own clean-up would fail again
    and print a traceback ("Exception ignored in ZipFile.__del__") under the one-line error."""

    def __init__(self, path: str):
        self._file = open(path, "wb")  # noqa: SIM115 (closed by finish or abandon)
        self._failed = False
        self._position = 0

    def _guard(self, call, *args):
        if self._failed:
            return None
        try:
            return call(*args)
        except OSError:
            self._failed = True
            raise

    def write(self, data):
        return len(data) if self._failed else self._guard(self._file.write, data)

    def flush(self):
        self._guard(self._file.flush)

    def tell(self):
        if not self._failed:
            self._position = self._file.tell()
        return self._position  # after a failure, a position the zip's bookkeeping accepts

    def seek(self, *args):
        return self._guard(self._file.seek, *args)

    def seekable(self):
        return True

    def close(self):
        pass  # the zip does not own this file: finish() or abandon() closes it

    def finish(self) -> None:
        """Everything on disk before the rename (a full disk shows here, not as an empty workbook later)."""
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()

    def abandon(self) -> None:
        self._failed = True
        try:
            self._file.close()
        except OSError:
            pass  # the half file is removed next


def _check_replaceable(target: str, force: bool) -> None:
    if os.path.isdir(target):
        raise WarehouseError(f"{target} is a folder; give the name of the .xlsx file to write")
    if os.path.exists(target) and not force and not is_juesuan_xlsx(target):
        raise WarehouseError(f"{target} exists and is not a juesuan export; nothing was written "
                             "(give a new file, an earlier export to replace, or --force to overwrite it)")


def is_juesuan_xlsx(path: str) -> bool:
    """Whether the file is a workbook an earlier `export xlsx` wrote (its custom document property says so)."""
    try:
        with zipfile.ZipFile(path) as archive:
            custom = archive.read("docProps/custom.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return f'name="{MARKER_PROPERTY}"' in custom


class _Styles:
    """The workbook's cell formats, one object per distinct number format."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        self.workbook = workbook
        self.header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
        # Excel keeps such a cell text even when it is edited (F2, Enter) instead of running it
        self.quoted = workbook.add_format({"quote_prefix": True})
        self._numbers: dict[str, object] = {}

    def number(self, num_format: str):
        if num_format not in self._numbers:
            self._numbers[num_format] = self.workbook.add_format({"num_format": num_format})
        return self._numbers[num_format]


def _write_mart(con, workbook, styles: _Styles, mart: str, names: set[str], max_rows: int, result: XlsxExport) -> None:
    columns = con.execute("SELECT column_name, data_type FROM information_schema.columns "
                          "WHERE table_schema = 'marts' AND table_name = ? ORDER BY ordinal_position", [mart]).fetchall()
    headers = _chinese_headers(con, mart, [c for c, _ in columns])
    decimals = _decimals_used(con, mart, columns)
    cells = [_cell_writer(name, data_type, decimals.get(name), styles) for name, data_type in columns]
    widths = [_width(header, data_type) for header, (_, data_type) in zip(headers, columns)]
    select = ", ".join(_select_expression(name, data_type) for name, data_type in columns)
    cursor = con.execute(f"SELECT {select} FROM marts.{_quoted(mart)}")  # noqa: S608 (names from the catalog)
    sheet, row, part, written = None, 0, 0, 0
    while True:
        batch = cursor.fetchmany(BATCH_ROWS)
        for values in batch:
            if sheet is None or row == max_rows:
                if sheet is not None:
                    _finish_sheet(sheet, row, len(columns))
                    result.sheets.append((mart, sheet.name, written))
                part += 1
                sheet, row, written = _new_sheet(workbook, styles, mart, part, names, headers, widths), 1, 0
            for col, value in enumerate(values):
                if value is not None:
                    if cells[col](sheet, row, col, value) == -2:
                        result.truncated_cells += 1
            row += 1
            written += 1
        if not batch:
            break
    if sheet is None:  # an empty mart still gets its sheet with the header
        sheet, row = _new_sheet(workbook, styles, mart, 1, names, headers, widths), 1
    _finish_sheet(sheet, row, len(columns))
    result.sheets.append((mart, sheet.name, written))


def _new_sheet(workbook, styles: _Styles, mart: str, part: int, names: set[str], headers: list[str], widths: list[int]):
    sheet = workbook.add_worksheet(_sheet_name(mart, part, names))
    for col, (header, width) in enumerate(zip(headers, widths)):
        sheet.set_column(col, col, width)
        sheet.write_string(0, col, header, styles.header)
    sheet.freeze_panes(1, 0)
    return sheet


def _finish_sheet(sheet, rows: int, columns: int) -> None:
    sheet.autofilter(0, 0, max(rows - 1, 0), columns - 1)


def _sheet_name(mart: str, part: int, names: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique regardless of case."""
    base = re.sub(r"[\[\]:*?/\\]", "_", mart)
    suffix, n = ("" if part == 1 else f" ({part})"), 1
    while True:
        name = base[:SHEET_NAME_CHARS - len(suffix)] + suffix
        if name.lower() not in names:
            names.add(name.lower())
            return name
        n += 1  # two marts alike in their first 31 characters
        suffix = f" ~{n}" if part == 1 else f" ({part})~{n}"


def _chinese_headers(con, mart: str, english: list[str]) -> list[str]:
    """The column names of the view marts_zh.<mart>, which lists the mart's columns in order under their
    labels; the English names when there is no such view or it does not match the mart (a stale build)."""
    labels = [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'marts_zh' AND table_name = ? "
        "ORDER BY ordinal_position", [mart]).fetchall()]
    return labels if len(labels) == len(english) else english


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _select_expression(name: str, data_type: str) -> str:
    if data_type == "TIMESTAMP WITH TIME ZONE":  # Excel has no time zone: the instant in UTC
        return f"timezone('UTC', {_quoted(name)})"
    return _quoted(name)


def _decimals_used(con, mart: str, columns: list[tuple[str, str]]) -> dict[str, int]:
    """Per DECIMAL column, the fewest decimals that show every value exactly (a 万元 report prints
    hundredths; one printed in 元 needs four in 万元), so no figure is shown rounded."""
    scales = {}
    for name, data_type in columns:
        found = re.fullmatch(r"DECIMAL\(\d+,(\d+)\)", data_type)
        if found:
            scales[name] = int(found.group(1))
    if not scales:
        return {}
    parts = []
    for name, scale in scales.items():
        cases = " ".join(f"WHEN {_quoted(name)} = round({_quoted(name)}, {d}) THEN {d}" for d in range(scale))
        parts.append(f"max(CASE WHEN {_quoted(name)} IS NULL THEN NULL {cases} ELSE {scale} END)" if cases else "0")
    found = con.execute(f"SELECT {', '.join(parts)} FROM marts.{_quoted(mart)}").fetchone()  # noqa: S608
    return {name: (used or 0) for name, used in zip(scales, found)}


def _fraction(decimals: int) -> str:
    return "." + "0" * decimals if decimals > 0 else ""


def _number_format(name: str, data_type: str, decimals: int | None) -> str | None:
    if data_type.startswith("DECIMAL"):
        if name.endswith("_wan"):  # 万元 as printed: hundredths at least
            return "#,##0" + _fraction(max(decimals or 0, 2))
        if name.endswith("_rate"):  # a share (0.0645 = 6.45%), as the reports print it
            return "0" + _fraction(max((decimals or 0) - 2, 0)) + "%"
        return "#,##0" + _fraction(decimals or 0)
    if data_type in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
                     "UBIGINT", "UHUGEINT"):
        return "0"  # years, pages and counts: no thousands separator in 2024
    if data_type == "DATE":
        return "yyyy-mm-dd"
    if data_type.startswith("TIMESTAMP"):
        return "yyyy-mm-dd hh:mm:ss"
    return None


def _cell_writer(name: str, data_type: str, decimals: int | None, styles: _Styles):
    """A function writing one non-null value of the column: numbers as numbers with the column's format,
    everything else as a string cell."""
    num_format = _number_format(name, data_type, decimals)
    style = styles.number(num_format) if num_format else None
    if data_type.startswith("DECIMAL") or data_type in ("DOUBLE", "FLOAT", "REAL") or num_format == "0":
        return lambda sheet, row, col, value: sheet.write_number(row, col, float(value), style)
    if data_type == "DATE" or data_type.startswith("TIMESTAMP"):  # time zones already made UTC in the query
        return lambda sheet, row, col, value: sheet.write_datetime(row, col, value, style)
    if data_type == "BOOLEAN":
        return lambda sheet, row, col, value: sheet.write_boolean(row, col, value)

    def write_text(sheet, row, col, value):
        if isinstance(value, list):
            value = "; ".join("" if v is None else str(v) for v in value)
        text = str(value)
        return sheet.write_string(row, col, text, styles.quoted if text.startswith(_FORMULA_START) else None)
    return write_text


def _width(header: str, data_type: str) -> int:
    """A column width from the header (a CJK character is two wide) and the kind of value, as constant_memory
    mode cannot fit columns to their contents."""
    shown = sum(2 if ord(ch) > 0x2E80 else 1 for ch in header)
    typical = 14 if data_type.startswith(("DECIMAL", "DOUBLE", "TIMESTAMP")) else 8 if data_type in (
        "INTEGER", "BIGINT", "BOOLEAN") else 20
    return min(max(shown + 2, typical), 40)
