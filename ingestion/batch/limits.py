"""One extraction under the per-document limits, as the plain message a worker sends back.

Shared by the local worker processes (runner.py) and the subprocess a Dask task
starts (remote.py), so both bound memory the same way and report the same reasons.
"""

from __future__ import annotations

import os
import resource
import sys
import traceback

from ingestion.read.extract import ExtractionError, extract_document


def limit_address_space(max_memory_mb: int) -> None:
    """Bound this process so a decompression bomb fails here, not the batch."""
    if max_memory_mb > 0:
        soft = _current_vm_bytes() + max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (soft, resource.RLIM_INFINITY))


def _current_vm_bytes() -> int:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def read_within_limits(path: str, document_id: str, max_pages: int, max_memory_mb: int) -> tuple:
    """("ok", Extraction) or ("error", (stage, reason, page_number)); never raises."""
    limit_address_space(max_memory_mb)
    sys.setrecursionlimit(5000)
    try:
        return "ok", extract_document(path, document_id, max_pages)
    except ExtractionError as exc:
        return "error", (exc.stage, exc.reason, exc.page_number)
    except MemoryError:
        return "error", ("limits", f"the PDF needs more than {max_memory_mb} MB to read", None)
    except RecursionError:
        return "error", ("open", "the PDF's objects are nested too deeply to read", None)
    except BaseException as exc:  # report, never crash the batch
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return "error", ("extract", f"extraction failed: {detail}", None)
