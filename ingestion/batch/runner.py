"""The batch: find PDFs, skip what is already ingested, extract in worker processes
with a time and memory limit each, write each document in one transaction.

Workers never touch the database: DuckDB admits one writer, so the parent writes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import gc
import multiprocessing as mp
import os
import signal
import sys
import time
from dataclasses import dataclass, field

import duckdb
from tqdm import tqdm

from ingestion import EXTRACTOR_VERSION
from ingestion.batch.limits import read_within_limits
from ingestion.paths import stored_path
from ingestion.raw import warehouse as wh
from ingestion.raw import writer


@dataclass
class Limits:
    timeout_s: float = 300.0
    max_pages: int = 2000
    max_memory_mb: int = 3072


@dataclass
class Outcome:
    path: str
    status: str  # ingested | replaced | unchanged | duplicate | failed
    message: str = ""
    document_id: str | None = None
    tables: int = 0
    figures: int = 0
    pages: int = 0
    retried: bool = True  # a failure: read again by the next run (False: the file itself is at fault)


NO_SPACE = "no space left on device"


def disk_full(exc: BaseException | None) -> bool:
    """Whether an error, or one it arose from, is a full disk: OSError ENOSPC, or DuckDB's and
    dbt's errors, which name it in their text."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or NO_SPACE in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def printable(text: str | None) -> str:
    """A file name or reason as shown on a terminal: control characters (escape sequences, line
    breaks) spelled out, so a crafted name cannot clear the screen or fake an ok line."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}"
                   for c in text or "")


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, *statuses: str) -> int:
        return sum(1 for o in self.outcomes if o.status in statuses)

    def retried(self) -> int:
        """Failures the next run reads again (not the file's own fault)."""
        return sum(1 for o in self.outcomes if o.status == "failed" and o.retried)

    def not_written_for_space(self) -> int:
        """Documents read but not written because the disk was full."""
        return sum(1 for o in self.outcomes if o.status == "failed" and o.message.startswith(NO_SPACE))

    def lines(self) -> list[str]:
        out = []
        for o in self.outcomes:
            name = printable(os.path.basename(o.path))
            if o.status in ("ingested", "replaced"):
                out.append(f"  ok        {name}: {o.pages} pages, {o.tables} tables, {o.figures} figures")
            elif o.status == "failed":
                then = ("retried by the next run" if o.retried
                        else "the file itself is at fault: not read again until it changes (--force reads it)")
                out.append(f"  ERROR     {name}: {printable(o.message)} [{then}]")
            else:
                out.append(f"  {o.status:<9} {name}{': ' + printable(o.message) if o.message else ''}")
        retried = f" ({self.retried()} retried by the next run)" if self.retried() else ""
        out.append(
            f"ingest: {self.count('ingested', 'replaced')} ingested, {self.count('unchanged')} unchanged, "
            f"{self.count('duplicate')} duplicate, {self.count('failed')} failed{retried} "
            f"in {self.seconds:.1f}s"
        )
        if self.not_written_for_space():
            out.append(f"ingest: {NO_SPACE}: {self.not_written_for_space()} documents were read but not written; "
                       "free space and run again (they are read again)")
        return out


def find_pdfs(paths: list[str], unreadable: list[OSError] | None = None) -> list[str]:
    """Files given, and every *.pdf under folders given, in a stable order; folders that cannot be
    listed go to ``unreadable``."""
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for root, _dirs, files in os.walk(path, onerror=(unreadable if unreadable is not None else []).append):
                found.extend(os.path.join(root, f) for f in files if f.lower().endswith(".pdf"))
        else:
            found.append(path)
    seen, ordered = set(), []
    for path in sorted(os.path.abspath(p) for p in found):
        if path not in seen:
            seen.add(path)
            ordered.append(path)
    return ordered


def _worker(path: str, document_id: str, limits: Limits, conn, parent_pid: int) -> None:
    _die_with_parent(parent_pid)
    try:
        conn.send(read_within_limits(path, document_id, limits.max_pages, limits.max_memory_mb))
    finally:
        conn.close()


def _die_with_parent(parent_pid: int) -> None:
    """A worker outlives a killed parent otherwise, blocked on its result pipe and holding the run
    lock it inherited, so every later run would be refused: the kernel kills it with the parent."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the worker still ends when its pipe breaks
        return
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


@dataclass
class _Job:
    path: str
    sha: str
    replaces: list[str]
    process: mp.Process | None = None
    conn: object = None
    started: float = 0.0


def ingest(paths: list[str], db_path: str, jobs: int = 1, force: bool = False,
           limits: Limits | None = None, progress: bool = True, scheduler: str | None = None,
           con: duckdb.DuckDBPyConnection | None = None) -> Summary:
    """Extract every PDF under ``paths`` into ``db_path``; on a Dask cluster when ``scheduler`` is given.
    ``con``: the caller's write connection to ``db_path`` (`juesuan run` reuses it), left open; without
    it the warehouse is opened here and closed. Only this process holds it: workers never see it."""
    limits = limits or Limits()
    started = time.monotonic()
    summary = Summary()
    with wh.opened(db_path, con) as con:
        unreadable: list[OSError] = []
        pending = _plan(con, find_pdfs(paths, unreadable), force, summary)
        for error in unreadable:  # a folder that cannot be listed is a failure the summary shows (and retries)
            reason = f"the folder cannot be read ({error.strerror or error})"
            summary.outcomes.append(Outcome(error.filename or "?", "failed", reason))
        if scheduler:
            _run_jobs_dask(con, pending, limits, summary, progress, scheduler)
        else:
            _run_jobs(con, pending, max(1, jobs), limits, summary, progress)
    summary.seconds = time.monotonic() - started
    return summary


def _plan(con, files: list[str], force: bool, summary: Summary) -> list[_Job]:
    """Hash every file and decide what needs extracting."""
    pending: list[_Job] = []
    batch_hashes: dict[str, str] = {}
    for path in files:
        try:
            sha = wh.sha256_of(path)
        except OSError as exc:
            summary.outcomes.append(_failed(con, path, None, "open", f"the file cannot be read ({exc.strerror or exc})"))
            continue
        if sha in batch_hashes:
            summary.outcomes.append(Outcome(path, "duplicate", f"same content as {os.path.basename(batch_hashes[sha])}"))
            continue
        batch_hashes[sha] = path
        known = wh.known_document(con, sha)
        if known and not force:
            version, source_path = known
            if version == EXTRACTOR_VERSION:
                status = "unchanged" if source_path == stored_path(path) else "duplicate"
                message = "" if status == "unchanged" else f"already ingested as {os.path.basename(source_path)}"
                summary.outcomes.append(Outcome(path, status, message, document_id=sha))
                continue
        failed_before = None if force or known else wh.known_failure(con, sha)
        if failed_before:
            summary.outcomes.append(Outcome(path, "unchanged", f"failed before with this extractor version: {failed_before}"))
            continue
        replaces = [d for d in wh.documents_at_path(con, path) if d != sha]
        pending.append(_Job(path, sha, replaces))
    return pending


def _run_jobs(con, pending: list[_Job], jobs: int, limits: Limits, summary: Summary, progress: bool) -> None:
    context = mp.get_context("fork")
    queue = list(pending)
    running: list[_Job] = []
    bar = tqdm(total=len(pending), unit="pdf", disable=not progress or not pending, file=sys.stderr)
    while queue or running:
        _start(context, queue, running, jobs, limits)
        done = []
        for job in list(running):
            outcome = _poll(job, limits)
            if outcome is not None:
                running.remove(job)
                done.append((job, outcome))
        _start(context, queue, running, jobs, limits)  # the next worker reads while this process writes
        for job, (kind, payload) in done:
            summary.outcomes.append(_finish(con, job, kind, payload))
            bar.update(1)
        if running and not done:
            time.sleep(0.01)
    bar.close()


def _start(context, queue: list[_Job], running: list[_Job], jobs: int, limits: Limits) -> None:
    # A forked worker's garbage collector would walk (and so copy) every object of this process;
    # frozen objects are left out of its collections.
    while queue and len(running) < jobs:
        job = queue.pop(0)
        parent, child = context.Pipe(duplex=False)
        job.process = context.Process(target=_worker, args=(job.path, job.sha, limits, child, os.getpid()), daemon=True)
        gc.freeze()
        try:
            job.process.start()
        finally:
            gc.unfreeze()  # this process collects as before; the worker keeps them frozen
        child.close()
        job.conn, job.started = parent, time.monotonic()
        running.append(job)


def _run_jobs_dask(con, pending: list[_Job], limits: Limits, summary: Summary, progress: bool, scheduler: str) -> None:
    """Per-file work on a Dask cluster (the files must be readable by the workers at the same paths);
    this process still writes, one document per transaction, as results arrive."""
    from distributed import Client, as_completed

    from ingestion.batch.remote import extract_with_limits

    bar = tqdm(total=len(pending), unit="pdf", disable=not progress or not pending, file=sys.stderr)
    with Client(scheduler) as client:
        futures = {client.submit(extract_with_limits, job.path, job.sha, limits.timeout_s, limits.max_pages,
                                 limits.max_memory_mb, pure=False): job for job in pending}
        for future in as_completed(futures):
            job = futures[future]
            try:
                kind, payload = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker is this file's error, not the batch's
                kind, payload = "error", ("extract", f"the Dask task failed: {type(exc).__name__}: {exc}", None)
            summary.outcomes.append(_finish(con, job, kind, payload))
            bar.update(1)
    bar.close()


def _poll(job: _Job, limits: Limits):
    if job.conn.poll():
        try:
            message = job.conn.recv()
        except (EOFError, OSError):
            message = ("error", ("extract", "the worker died while reading the PDF", None))
        job.process.join()
        return message
    if not job.process.is_alive():
        code = job.process.exitcode
        return "error", ("extract", f"the worker died while reading the PDF (exit code {code})", None)
    if time.monotonic() - job.started > limits.timeout_s:
        job.process.kill()
        job.process.join()
        return "error", ("limits", f"reading the PDF took longer than the limit of {limits.timeout_s:g} s", None)
    return None


def _failed(con, path: str, sha: str | None, stage: str, reason: str, page: int | None = None) -> Outcome:
    """A failed file: recorded in raw.ingest_errors when the warehouse still takes a row (a full disk
    may refuse even that), and told whether the next run reads it again, as the next run will decide."""
    try:
        writer.record_failure(con, path, sha, stage, reason, page)
        retried = sha is None or wh.known_failure(con, sha) is None
    except duckdb.Error:
        retried = True  # nothing remembered: the next run reads it again
    return Outcome(path, "failed", reason, retried=retried)


def _finish(con, job: _Job, kind: str, payload) -> Outcome:
    if kind == "error":
        stage, reason, page = payload
        return _failed(con, job.path, job.sha, stage, reason, page)
    extraction = payload
    try:
        writer.write_document(con, extraction, job.replaces)
    except Exception as exc:  # noqa: BLE001 - one document that cannot be written must not stop the batch
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if disk_full(exc):  # DuckDB's own text, "cannot rollback …", hid this once
            reason = f"{NO_SPACE}: the document was read but not written ({detail})"
        else:
            reason = f"the extracted document could not be written: {type(exc).__name__}: {detail}"
        return _failed(con, job.path, job.sha, "write", reason)
    figures = sum(1 for c in extraction.cells if c["status"] == "number")
    return Outcome(job.path, "replaced" if job.replaces else "ingested", document_id=job.sha,
                   tables=len(extraction.tables), figures=figures, pages=len(extraction.pages))
