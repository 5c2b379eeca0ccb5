"""`juesuan publish FILE`: a read-only copy of the warehouse for BI tools, replaced atomically, only ever
over a copy juesuan published (the marker `FILE.juesuan-published` beside it)."""

from __future__ import annotations

import os
import shutil
import tempfile

import duckdb

from ingestion.raw.warehouse import WarehouseError, connect
from juesuan.outputs.export_folder import umask


def publish(db_path: str, target: str) -> str:
    """A read-only snapshot for BI tools, replaced atomically: readers of the old copy are never
    blocked by the nightly writer, and never see half a run. The copy is written in the storage
    version of DuckDB 1.1 (PUBLISHED_STORAGE_VERSION), so the DuckDB 1.x inside BI tools opens it."""
    target = os.path.abspath(target)
    marker = target + PUBLISHED_MARKER
    if os.path.isdir(target) or (os.path.exists(target) and not os.path.exists(marker)):
        raise WarehouseError(f"{target} exists and is not a copy juesuan published; nothing was written "
                             "(give a new file, or an earlier published copy to replace)")
    connect(db_path, read_only=True).close()  # refuses a newer release's warehouse, as every reader does
    staging = None
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        # a folder of its own beside the target (same file system, so the swap is a rename); DuckDB
        # will not create a database in the empty file mkstemp would leave
        staging = tempfile.mkdtemp(prefix=".juesuan-publish-", dir=os.path.dirname(target))
        copy = os.path.join(staging, os.path.basename(target))
        con = duckdb.connect()
        try:
            # paths go to DuckDB as arguments, never into SQL text
            con.execute("ATTACH ? AS juesuan_warehouse (READ_ONLY)", [os.path.abspath(db_path)])
            con.execute(f"ATTACH ? AS juesuan_published (STORAGE_VERSION '{PUBLISHED_STORAGE_VERSION}')", [copy])
            con.execute("COPY FROM DATABASE juesuan_warehouse TO juesuan_published")  # schemas, tables, views, comments
            con.execute("DETACH juesuan_published")  # checkpoints: everything in the file, no WAL beside it
        finally:
            con.close()
        os.chmod(copy, 0o666 & ~umask())
        with open(marker, "w", encoding="utf-8") as note:
            note.write(f"{os.path.basename(target)} is a read-only copy published by juesuan; the next publish replaces it\n")
        os.replace(copy, target)
    except OSError as exc:  # a read-only, full or forbidden target: one line, the earlier copy left as it was
        raise WarehouseError(f"cannot publish to {target}: {exc.strerror or exc}") from exc
    except duckdb.Error as exc:  # DuckDB writing the copy meets the same faults (a full disk)
        raise WarehouseError(f"cannot publish to {target}: {str(exc).splitlines()[0]}") from exc
    finally:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
    return target


# The storage version of the published copy. DuckDB 2.0's own format is refused by every DuckDB 1.x
# (Metabase's driver, DBeaver's JDBC driver, older duckdb-engine installs); DuckDB 1.1.0 and later open
# this one. Not 'v1.0.0': DuckDB 1.0 cannot read the primary-key indexes DuckDB 2.0 writes in that format.
PUBLISHED_STORAGE_VERSION = "v1.1.0"

# Beside a published copy: says the file is juesuan's to replace (anything else at the target is refused).
PUBLISHED_MARKER = ".juesuan-published"

