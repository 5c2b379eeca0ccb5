"""Export folders (`export parquet`, `export raw`): written beside the target, then swapped in whole.

A folder is replaced only when it is missing, empty or an earlier juesuan export (it holds the
marker file): an export never deletes a folder or file of the user's. Used by `export parquet`,
`export raw`, `export fdp` and `report`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from ingestion.raw.warehouse import WarehouseError

MARKER = ".juesuan-export"


def umask() -> int:
    """This process's file-creation mask (read by setting it, then set back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_replaceable(target: str) -> None:
    if not os.path.exists(target):
        return
    if not os.path.isdir(target) or (os.listdir(target) and not os.path.exists(os.path.join(target, MARKER))):
        raise WarehouseError(f"{target} exists and is not a juesuan export; nothing was written "
                             "(give a new or empty folder, or an earlier export to replace)")


def staging_folder(target: str, kind: str) -> str:
    """A new folder beside the target (same file system, so the swap is a rename), with the marker."""
    check_replaceable(target)
    os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
    staging = tempfile.mkdtemp(prefix=f".juesuan-{kind}-", dir=os.path.dirname(target))
    try:
        os.chmod(staging, 0o777 & ~umask())  # mkdtemp's 0700 would shut out a BI service account
        with open(os.path.join(staging, MARKER), "w", encoding="utf-8") as handle:
            handle.write(f"written by juesuan export {kind}; replaced whole by the next export\n")
    except OSError:  # a full disk takes the folder but not the marker: leave nothing behind
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def replace_folder(staging: str, target: str) -> None:
    """Put a finished folder in place of the old one: readers see the old or the new, never half."""
    check_replaceable(target)
    if os.path.exists(target):
        old = staging + ".replaced"  # a name of juesuan's own (never a user's DIR.old)
        os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, target)


@contextmanager
def exporting_to(target: str, kind: str) -> Iterator[str]:
    """A staging folder to write the export into; swapped in for the target when the block ends
    without an error, removed in every case. A target that cannot be written (read-only, full, no
    permission) is a one-line WarehouseError, the earlier output left as it was."""
    try:
        staging = staging_folder(target, kind)
    except OSError as exc:
        raise WarehouseError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        yield staging
        replace_folder(staging, target)
    except OSError as exc:
        raise WarehouseError(f"writing {target} failed: {exc.strerror or exc}") from exc
    finally:
        if os.path.exists(staging):
            shutil.rmtree(staging, ignore_errors=True)
