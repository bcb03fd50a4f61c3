"""What every part of the store shares: batch ids, the store's errors (a full disk among them), casts, the user.

Kept apart from :mod:`store` so the writer, the views, undo/redo and notes (each its own module) use one
definition of each.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import hashlib
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
            data = data[os.pwrite(fd, data, size + PROBE_BYTES - len(data)) :]
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


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def current_user() -> str:
    try:
        return os.environ.get("KEMITRAAN_USER") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_reported: set[tuple] = set()


def report_damage(d: Damage) -> None:
    """Log each damaged batch once per process and reason (pages ask on every run)."""
    key = (d.folder, d.reason, d.file)
    if key not in _reported:
        _reported.add(key)
        log.error("damaged batch %s (%s): %s %s %s", d.batch_id, d.folder, d.reason, d.file or "", d.detail)
