"""What every part of the store shares: batch ids, the store's error, file and JSON helpers that survive a crash.

Kept apart from :mod:`store` so the writer, the views and undo/redo (each its own module) use one
definition of each, and the crash tests can interrupt any step by replacing one function here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import hashlib
import json
import logging
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb

from kemitraan import contract
from kemitraan.errors import LocalisedError, Refused
from kemitraan.storage.batch_check import Damage

log = logging.getLogger("kemitraan.storage.store")

EMPTY_BATCH = "_empty"
PENDING = "pending.json"
BATCH_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")


class StoreError(Refused):
    """A store operation that cannot be done (unknown batch, duplicate id, …)."""


#: A disk with no room left (ENOSPC), a quota used up (EDQUOT), a file over the size the system allows (EFBIG).
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


class DiskFull(LocalisedError, StoreError):
    """A write the disk refused for want of room; nothing of it was kept. :meth:`message` says so for the write
    at hand (an upload, an undo, a redo, a note) in the user's language."""


#: How DuckDB words the disk's refusal: a data file's write carries the system's text (``No space left on
#: device``, ``Disk quota exceeded``, ``File too large``); the SQLite catalog says ``database or disk is full``.
DISK_FULL_WORDS = ("no space left", "disk quota", "file too large", "database or disk is full")
#: Bytes the probe asks the disk for (:func:`disk_refuses`): a few of the catalog's pages.
PROBE_BYTES = 64 * 1024


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in DISK_FULL_ERRNOS
    return isinstance(exc, duckdb.Error) and any(w in str(exc).lower() for w in DISK_FULL_WORDS)


def disk_refuses(beside: Path) -> bool:
    """Whether the disk refuses a file like ``beside`` room to grow: a probe file in the same folder is written
    :data:`PROBE_BYTES` past ``beside``'s size (a hole before them), then removed.

    Asked when a catalog write fails with words that do not say why: SQLite reports a quota or a file-size limit
    as ``disk I/O error``, and on a full disk its automatic rollback makes DuckDB's own rollback fail, whose
    error (``cannot rollback - no transaction is active``) is all DuckDB reports."""
    try:
        size = beside.stat().st_size
        probe = beside.with_name(f".disk-probe-{os.getpid()}-{threading.get_ident()}")
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        return is_disk_full(exc)
    try:
        data = memoryview(b"\0" * PROBE_BYTES)
        while data:  # a nearly full disk takes part of the bytes without an error: the rest is refused
            data = data[os.pwrite(fd, data, size + PROBE_BYTES - len(data)):]
        os.fsync(fd)
    except OSError as exc:
        return is_disk_full(exc)
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            probe.unlink()
    return False


@contextlib.contextmanager
def disk_full_as(key: str, *, probe: Path | None = None, **fields: object) -> Iterator[None]:
    """Turn the disk's refusal inside the block into :class:`DiskFull` worded by ``key``; other errors pass.

    The refusal is an OSError of :data:`DISK_FULL_ERRNOS`, or a DuckDB error in :data:`DISK_FULL_WORDS`; a DuckDB
    error in other words counts when the disk refuses ``probe`` room to grow (:func:`disk_refuses`: the catalog
    file, whose own errors do not always say). The block must leave nothing behind when it raises: the caller's
    transaction is rolled back before this sees the error."""
    try:
        yield
    except (OSError, duckdb.Error) as exc:
        if not (is_disk_full(exc) or (isinstance(exc, duckdb.Error) and probe is not None and disk_refuses(probe))):
            raise
        log.error("disk full (%s) during %s", str(exc).splitlines()[0] if str(exc) else type(exc).__name__, key)
        raise DiskFull(key, **fields) from exc


#: DuckDB's memory for the store's connections, from ``$KEMITRAAN_DUCKDB_MEMORY`` (e.g. ``1GB``); unset, DuckDB's
#: default (80 % of the machine). Beyond it, joins and aggregations spill to a temporary folder instead of
#: growing the process: the analysis cache sets the app's own, smaller limit.
MEMORY_ENV = "KEMITRAAN_DUCKDB_MEMORY"


def duckdb_connect(database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the memory limit of :data:`MEMORY_ENV`, if set."""
    limit = os.environ.get(MEMORY_ENV)
    return duckdb.connect(database, config={"memory_limit": limit} if limit else {})


def sql_str(path: Path | str) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def select_cast(kind: str) -> str:
    return ", ".join(f"CAST({n} AS {t}) AS {n}" for n, t in contract.stored_schema(kind))


def schema_fingerprint() -> str:
    """Changes whenever a stored column is added, removed or retyped."""
    text = json.dumps({k: contract.stored_schema(k) for k in contract.KINDS})
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def current_user() -> str:
    try:
        return os.environ.get("KEMITRAAN_USER") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def write_schema_files(folder: Path) -> None:
    """``<kind>.parquet`` for every kind: no rows, the full stored schema (and ``_seq``, ``_batch``)."""
    con = duckdb.connect()
    try:
        for kind in contract.KINDS:
            cols = ", ".join(f"CAST(NULL AS {t}) AS {n}" for n, t in contract.stored_schema(kind))
            con.execute(
                f"COPY (SELECT {cols}, CAST(NULL AS INTEGER) AS _seq, CAST(NULL AS VARCHAR) AS _batch LIMIT 0) "
                f"TO {sql_str(folder / f'{kind}.parquet')} (FORMAT parquet)"
            )
    finally:
        con.close()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def without_files(manifest: dict) -> dict:
    return {k: v for k, v in manifest.items() if k != "files"}


def fsync(path: Path) -> None:
    """Flush a file or a folder's entries to disk, so a power cut cannot undo a rename that readers saw."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_json(path: Path, data: dict) -> None:
    """Write beside, flush, then rename over: the file is the old one or the new one, never half."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(data, ensure_ascii=False, indent=1))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:  # a full disk: no half-written file left beside the old one
        tmp.unlink(missing_ok=True)
        raise


def read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


_reported: set[tuple] = set()


def report_damage(d: Damage) -> None:
    """Log each damaged batch once per process and reason (pages ask on every run)."""
    key = (d.folder, d.reason, d.file)
    if key not in _reported:
        _reported.add(key)
        log.error("damaged batch %s (%s): %s %s %s", d.batch_id, d.folder, d.reason, d.file or "", d.detail)
