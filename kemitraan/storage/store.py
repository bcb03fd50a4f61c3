"""The store: a DuckLake (catalog + Parquet data files), batches committed as one transaction each.

Layout under ``$KEMITRAAN_DATA_DIR`` (default ``data/``)::

    catalog.sqlite                            DuckLake's catalog (``$KEMITRAAN_CATALOG`` elsewhere): tables,
                                              snapshots, data files, and the store's own tables below
    lake/main/<kind>/_batch=<id>/*.parquet    the rows of each kind, one folder per batch (partitioned by _batch)
    .write.lock                               one writer at a time on this machine (readers never lock)
    migrated-<time>/                          the old layout (lake/batch=…, _undone, _log, notes/) once migrated

``$KEMITRAAN_DATA_DIR`` may be ``s3://bucket/prefix`` (:mod:`kemitraan.storage.lake_fs`): the data files are
then objects under ``s3://bucket/prefix/lake/``, and the lock, the analysis cache, the log and a SQLite catalog
are in this server's local folder (:func:`lake_fs.local_dir`). The code is the same: files are named by a string
(a path or a URL) and reached through :mod:`lake_fs`.

Tables (:mod:`kemitraan.storage.engine` owns their names): ``kemitraan``, ``indikator``, ``survei`` (the stored
columns, ``_seq`` and ``_batch``), ``batches`` (one row per batch: id, seq, status live/undone, file,
sha256, user, time, kinds, row counts, undone/redone when and by whom, note, source files),
``events`` (commit, undo, redo, migration), ``notes`` (meeting notes), ``file_sums`` (each data file's
sha256) and ``file_checks`` (checksum failures ``check`` found).

**A batch is one transaction**: its rows of every kind (staged and checked first, in memory), its
``batches`` row and its ``commit`` event are inserted together and committed at once; a crash at any
point before leaves nothing visible (DuckLake's files written before the commit are never referenced;
:meth:`Store.clean_orphans` removes them). Undo and redo change the batch's status and log the event in one
transaction. Rows are never deleted or rewritten, so every batch keeps its files for history, and the views
pick the latest value per key over the live batches by the batch's sequence number (``_seq`` in every row).
A disk that refuses the bytes (full, a quota, a file-size limit) during a commit, undo, redo or note is
:class:`~kemitraan.storage.lake_io.DiskFull`, worded for that write, with the transaction rolled back and the
data files it had written removed: nothing of it is kept.

A damaged batch (a data file missing, of another size, unreadable, or with another sha256 than recorded;
see :mod:`kemitraan.storage.batch_check`) is set aside: the views read the other batches (DuckLake prunes
the damaged one's files by ``_batch``), :meth:`Store.damaged` names it and why, and it can still be undone.

A data folder in the old layout (``lake/batch=<id>/`` + ``manifest.json``, ``lake/_undone/``,
``lake/_log/events.jsonl``, ``notes/notes.jsonl``) is migrated on open: :mod:`kemitraan.storage.migrate`.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import datetime as dt
import fcntl
import json
import logging
import os
import random
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd

from kemitraan import APP_ROOT, contract
from kemitraan.errors import LocalisedError
from kemitraan.storage import batch_check, engine, lake_fs
from kemitraan.storage.batch_check import Damage, DataFile
from kemitraan.storage.batch_writer import BatchWriter
from kemitraan.storage.lake_io import (
    BATCH_ID,
    EMPTY_BATCH,
    BatchRefused,
    StoreError,
    current_user,
    disk_full_as,
    now_iso,
    report_damage,
    sha256_bytes,
)
from kemitraan.storage.lake_views import BATCH_COLUMNS, ROW_BATCH_VIEW, LakeViews
from kemitraan.storage.undo_redo import UndoRedo

log = logging.getLogger(__name__)

__all__ = [
    "BATCH_COLUMNS",
    "EMPTY_BATCH",
    "ROW_BATCH_VIEW",
    "BatchWriter",
    "Store",
    "StoreError",
    "current_user",
    "default_data_dir",
    "resolved_data_dir",
    "sha256_bytes",
]

#: The ``batches`` columns that hold JSON.
_JSON_COLUMNS = ("rows_by_kind", "sources", "extra")
_COUNT_KEYS = ("rows_added", "rows_replaced", "rows_unchanged", "rows_invalid")
#: How often a write that met another server's write in DuckLake (a transaction conflict) is tried, in all.
WRITE_TRIES = 8
#: Data files younger than this are never orphans on a shared (PostgreSQL) catalog: another server may be writing.
ORPHAN_AGE_SHARED = 3600


def is_conflict(exc: BaseException) -> bool:
    """DuckLake refused a commit because another transaction changed the same table meanwhile."""
    return isinstance(exc, duckdb.Error) and "conflict" in str(exc).lower()


def backoff(attempt: int) -> None:
    """Wait before trying a conflicting write again: 20 ms, 40 ms … (at most 1 s), with jitter."""
    time.sleep(min(1.0, 0.02 * 2 ** (attempt - 1)) * (0.5 + random.random()))


def default_data_dir() -> Path | str:
    """``$KEMITRAAN_DATA_DIR`` (a folder, or ``s3://bucket/prefix``), else ``data/`` beside app.py."""
    env = os.environ.get("KEMITRAAN_DATA_DIR")
    return lake_fs.root_of(env) if env else APP_ROOT / "data"


def resolved_data_dir(data_dir: Path | str | None = None) -> str:
    """The data folder as one string, for a cache key (an ``s3://`` URL as it is)."""
    return lake_fs.resolved(default_data_dir() if data_dir is None else data_dir)


class PastStoreWrite(LocalisedError, StoreError):
    """A write asked of the store as it stood at a past snapshot (:meth:`Store.at`): refused."""


class UnknownSnapshot(LocalisedError, StoreError):
    """A snapshot number the lake does not have, or a moment before its first snapshot."""


def _copies(found: list[batch_check.Inspection]) -> list[batch_check.Inspection]:
    """Inspections a caller may change without changing the run's memo of them (their manifests, their files)."""
    return [dataclasses.replace(i, manifest=dict(i.manifest), files=list(i.files)) for i in found]


class Store(UndoRedo, LakeViews):
    #: None: the store as it is now; a snapshot id: the store as it stood then (:meth:`at`), read only.
    per: int | None = None
    #: Transactions this process has committed, on any store: a reader that remembers a version for a moment
    #: (``app.session.snapshot``, for one script run) reads it again after its own process wrote.
    writes: int = 0

    def __init__(self, data_dir: Path | str | None = None):
        self.root = lake_fs.root_of(data_dir) if data_dir is not None else default_data_dir()
        self.lake = engine.data_path(self.root)  # a path, or an s3:// URL
        #: this server's own folder: the write lock, the analysis cache, the log (:func:`lake_fs.local_dir`)
        self.local = lake_fs.local_dir(self.root)
        self.recovered: list[dict] = []  # what opening this store did (a migration), also in the event log
        self.local.mkdir(parents=True, exist_ok=True)
        with self._lock(blocking=True):
            fresh = not engine.catalog_exists(self.root)
            con = self._catalog()
            try:
                self._open(con, fresh)
            finally:
                con.close()
        if self.recovered and self.recovered[-1].get("action") == "migrated":
            for b in self._batch_rows():  # the checksums of the migrated files, as after a commit
                self._record_sums(b["batch_id"])

    def _open(self, con, fresh: bool) -> None:
        from kemitraan.storage import migrate

        for attempt in range(1, WRITE_TRIES + 1):
            if not (fresh or not self._tables_current(con)):  # a new lake, or one written before a column existed
                break
            con.execute("BEGIN")
            try:
                created = engine.create_tables(con)
                con.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(duckdb.Error):
                    con.execute("ROLLBACK")
                if not is_conflict(exc) or attempt == WRITE_TRIES:  # another server made them meanwhile
                    raise
                backoff(attempt)
                fresh = False
                continue
            engine.set_inlining(con, created)
            break
        if not con.execute(
            f"SELECT 1 FROM {engine.table(engine.COUNTERS)} WHERE name = ?", [engine.LAST_SEQ]
        ).fetchall():
            # two servers opening a new catalog at once may both insert it: a commit updates every such row
            con.execute(
                f"INSERT INTO {engine.table(engine.COUNTERS)} SELECT ?, coalesce(max(seq), 0) "
                f"FROM {engine.table(engine.BATCHES)}",
                [engine.LAST_SEQ],
            )
        done = migrate.migrate_if_needed(self, con)
        if done:
            self.recovered.append(done)

    # ---------------------------------------------------------------- the catalog connection

    def _catalog(self) -> duckdb.DuckDBPyConnection:
        """A cursor on this process's connection to the lake (:func:`engine.cursor`); close it after use."""
        return engine.cursor(self.root)

    @staticmethod
    def _tables_current(con) -> bool:
        wanted = {(k, c) for k in contract.KINDS for c, _ in engine.kind_columns(k)}
        wanted |= {(n, c) for n, cols in engine.BOOKKEEPING.items() for c, _ in cols}
        have = set(
            con.execute(
                "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = ?", [engine.ALIAS]
            ).fetchall()
        )
        return wanted <= have

    @contextlib.contextmanager
    def _lock(self, blocking: bool = True) -> Iterator[bool]:
        self._refuse_if_past()
        self.local.mkdir(parents=True, exist_ok=True)
        fh = open(self.local / ".write.lock", "a+")
        try:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
        finally:
            fh.close()

    # ---------------------------------------------------------------- time travel

    def _table(self, name: str) -> str:
        """A lake table as this store reads it: ``lake."batches"``, or at a past store's snapshot
        ``lake."batches" AT (VERSION => n)``. Every read of a lake table goes through here."""
        at = f" AT (VERSION => {int(self.per)})" if self.per is not None else ""
        return engine.table(name) + at

    def _refuse_if_past(self) -> None:
        if self.per is not None:
            raise PastStoreWrite("store.per.read_only", snapshot=self.per)

    def snapshots(self) -> list[tuple[int, dt.datetime]]:
        """Every snapshot the store can be read at, oldest first: (id, time, aware). The first is the one that
        created the store's tables (before it there is nothing to read)."""
        con = self._catalog()
        try:
            first = (
                con.execute(
                    f"SELECT min(begin_snapshot) FROM {engine.META}.ducklake_table WHERE table_name = ?",
                    [engine.BATCHES],
                ).fetchone()[0]
                or 0
            )
            rows = con.execute(
                f"SELECT snapshot_id, epoch_us(snapshot_time) FROM ducklake_snapshots('{engine.ALIAS}') "
                "WHERE snapshot_id >= ? ORDER BY snapshot_id",
                [int(first)],
            ).fetchall()
        finally:
            con.close()
        return [(int(i), _from_epoch_us(us)) for i, us in rows]

    def at(self, snapshot_id: int) -> Store:
        """The store as it stood at ``snapshot_id``: every read (batches live or undone, the kind tables, the
        latest value per key, the analysis cache, notes, events) sees that snapshot; every write is refused
        (:class:`PastStoreWrite`). ``snapshot_id`` the current one: still a read-only view."""
        known = self.snapshots()
        if not any(i == snapshot_id for i, _ in known):
            raise UnknownSnapshot(
                "store.per.no_snapshot",
                snapshot=snapshot_id,
                first=known[0][0] if known else 0,
                last=known[-1][0] if known else 0,
            )
        past = copy.copy(self)
        past.per = int(snapshot_id)
        past.recovered = []
        past._seen = None  # the live store's catalog reads are not this snapshot's
        past.__dict__.pop("_reading_local", None)  # nor is a run's reading of it (one_reading is per store)
        return past

    def at_moment(self, moment: dt.datetime) -> Store:
        """The store as it stood at ``moment`` (aware, or naive in the machine's local time): its latest snapshot
        at or before it. A moment before the first snapshot is :class:`UnknownSnapshot`, naming the earliest."""
        moment = moment if moment.tzinfo else moment.astimezone()
        known = self.snapshots()
        before = [i for i, when in known if when <= moment]
        if not before:
            first = known[0][1].astimezone() if known else None
            raise UnknownSnapshot(
                "store.per.too_early",
                moment=moment.isoformat(timespec="seconds"),
                first=first.isoformat(timespec="seconds") if first else "–",
            )
        return self.at(before[-1])

    def snapshot_info(self) -> tuple[int, dt.datetime]:
        """The snapshot this store reads (the past one, or the current) and when it was made (aware, local)."""
        sid = self.snapshot()
        con = self._catalog()
        try:
            us = con.execute(
                f"SELECT epoch_us(snapshot_time) FROM ducklake_snapshots('{engine.ALIAS}') WHERE snapshot_id = ?", [sid]
            ).fetchone()[0]
        finally:
            con.close()
        return sid, _from_epoch_us(us).astimezone()

    def catalog_file(self) -> Path | None:
        """The SQLite file of the catalog (what :func:`lake_io.disk_refuses` asks the disk about); None for a
        PostgreSQL catalog."""
        return engine.catalog_file(self.root)

    def disk_full_as(self, key: str, **fields: object):
        """:func:`lake_io.disk_full_as` for a write of this store: the catalog's own errors are checked by probing
        the disk beside the catalog file (the data folder's disk for a PostgreSQL catalog)."""
        probe = self.catalog_file() or (None if lake_fs.is_remote(self.lake) else Path(self.lake))
        return disk_full_as(key, probe=probe, **fields)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One catalog transaction under the write lock: everything in it commits together, or nothing."""
        self._refuse_if_past()
        with self._lock(blocking=True):
            con = self._catalog()
            con.execute("BEGIN")
            try:
                yield con
                con.execute("COMMIT")
                Store.writes += 1
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    con.execute("ROLLBACK")
                raise
            finally:
                con.close()

    def retried(self, work):
        """``work(con)`` in one :meth:`transaction`; tried again (at most :data:`WRITE_TRIES` times, with backoff)
        when DuckLake reports a conflict with another process's or server's write. Returns what ``work`` returns."""
        for attempt in range(1, WRITE_TRIES + 1):
            try:
                with self.transaction() as con:
                    return work(con)
            except duckdb.Error as exc:
                if not is_conflict(exc) or attempt == WRITE_TRIES:
                    raise
                log.info("write met another one (%s), trying again", str(exc).splitlines()[-1])
            backoff(attempt)

    def log_event(self, con, event: dict) -> None:
        """Insert one event (inside the caller's transaction)."""
        event = {"at": now_iso(), **event}
        con.execute(
            f"INSERT INTO {engine.table(engine.EVENTS)} VALUES (?, ?, ?, ?, ?)",
            [
                event["at"],
                event.get("event"),
                event.get("batch_id"),
                event.get("user"),
                json.dumps(event, ensure_ascii=False, default=str),
            ],
        )

    def clean_temporary(self) -> int:
        """Data files a crashed writer left (written, never committed): removed. Skipped while a writer is active."""
        return self.clean_orphans()

    def _remove_uncommitted(self, batch_id: str) -> None:
        """The data files a failed commit of ``batch_id`` wrote (DuckLake leaves them when its transaction rolls
        back): removed with their folders. Under the write lock; only this batch's partition folders are touched,
        and the id is new, so none of their files is in the catalog. Not on a shared (PostgreSQL) catalog: another
        server may be writing a batch of the same id into the same folder; there the files wait for
        :meth:`clean_orphans`."""
        if engine.is_postgres(self.root):
            return
        known = {f.path for f in self._data_files()}
        for kind in contract.KINDS:
            folder = lake_fs.join(self.lake, "main", kind, f"_batch={batch_id}")
            for p, _ in lake_fs.listing(folder):
                if p not in known:
                    with contextlib.suppress(OSError):
                        lake_fs.delete(p)
            lake_fs.remove_empty_folder(folder)  # only when empty

    def clean_orphans(self) -> int:
        if self.per is not None:  # a past view leaves the files alone
            return 0
        removed = 0
        # on a shared catalog another server may be writing files it has not committed yet: only old ones go
        young = time.time() - ORPHAN_AGE_SHARED if engine.is_postgres(self.root) else None
        with self._lock(blocking=False) as got:
            if not got:
                return 0
            known = {f.path for f in self._data_files()}
            for kind in contract.KINDS:
                for p, st in lake_fs.listing(lake_fs.join(self.lake, "main", kind)):
                    if p.endswith(".parquet") and p not in known:
                        if young is not None and st.st_mtime_ns / 1e9 > young:
                            continue
                        with contextlib.suppress(FileNotFoundError):
                            lake_fs.delete(p)
                        removed += 1
        return removed

    # ---------------------------------------------------------------- reading the catalog

    def _batch_rows(self, con=None, snapshot: int | None = None) -> list[dict]:
        own = con is None
        con = con or self._catalog()
        try:
            if snapshot is None:
                name = self._table(engine.BATCHES)
            else:
                name = f"{engine.table(engine.BATCHES)} AT (VERSION => {int(snapshot)})"
            df = con.execute(f"SELECT * FROM {name} ORDER BY seq, batch_id").fetchdf()
        finally:
            if own:
                con.close()
        out = []
        for rec in df.astype(object).where(df.notna(), None).to_dict("records"):
            for c in _JSON_COLUMNS:
                try:
                    rec[c] = json.loads(rec[c]) if rec.get(c) else ({} if c != "sources" else [])
                except ValueError:
                    rec[c] = {}
            extra = rec.pop("extra") or {}
            rec.update({k: v for k, v in extra.items() if k not in rec})
            rec["seq"] = int(rec["seq"]) if rec.get("seq") is not None else None
            for k in ("rows", *_COUNT_KEYS):
                rec[k] = int(rec[k] or 0)
            rec["kinds"] = [k for k in (rec.get("kinds") or "").split(",") if k]
            rec["kind"] = ",".join(rec["kinds"]) or None
            rec["undone"] = rec.get("status") == "undone"
            out.append(rec)
        return out

    def _data_files(self, con=None) -> list[DataFile]:
        """Every data file of the kind tables the catalog holds now (a past store: at its snapshot), with its
        batch (the partition value)."""
        own = con is None
        con = con or self._catalog()
        m = engine.META
        if self.per is None:
            live = "f.end_snapshot IS NULL"
        else:
            n = int(self.per)
            live = f"f.begin_snapshot <= {n} AND (f.end_snapshot IS NULL OR f.end_snapshot > {n})"
        try:
            rows = con.execute(
                f"""
                SELECT t.table_name, s.path AS schema_path, t.path AS table_path, t.path_is_relative AS t_rel,
                       f.path, f.path_is_relative, f.file_size_bytes, f.record_count, pv.partition_value
                FROM {m}.ducklake_data_file f
                JOIN {m}.ducklake_table t ON t.table_id = f.table_id AND t.end_snapshot IS NULL
                JOIN {m}.ducklake_schema s ON s.schema_id = t.schema_id AND s.end_snapshot IS NULL
                LEFT JOIN {m}.ducklake_file_partition_value pv ON pv.data_file_id = f.data_file_id
                WHERE {live} AND t.table_name IN ({", ".join("?" for _ in contract.KINDS)})
            """,
                list(contract.KINDS),
            ).fetchall()
        finally:
            if own:
                con.close()
        out = []
        for kind, spath, tpath, t_rel, fpath, f_rel, size, nrows, batch in rows:
            if f_rel:
                tdir = lake_fs.join(self.lake, spath, tpath) if t_rel else tpath
                path = lake_fs.join(tdir, fpath)
            else:
                path = fpath
            rel = lake_fs.relative(path, self.lake) or path
            if batch is None:
                batch = next((p.removeprefix("_batch=") for p in path.split("/") if p.startswith("_batch=")), "")
            out.append(DataFile(path, rel, kind, batch, int(size), int(nrows)))
        return sorted(out, key=lambda f: f.rel)

    def _sums(self, con) -> dict[str, str]:
        return dict(con.execute(f"SELECT path, sha256 FROM {engine.table(engine.FILE_SUMS)}").fetchall())

    def _remembered(self, con) -> dict[str, dict]:
        out = {}
        for path, size, reason, detail in con.execute(
            f'SELECT path, size, reason, detail FROM {engine.table(engine.FILE_CHECKS)} ORDER BY "at"'
        ).fetchall():
            if reason == "ok":
                out.pop(path, None)
                continue
            mtime, _, text = (detail or "").partition("|")
            out[path] = {
                "size": size,
                "mtime_ns": int(mtime) if mtime.isdigit() else None,
                "reason": reason,
                "detail": text,
            }
        return out

    def inspect_batches(
        self, *, full: bool = False, undone: bool = True, only: str | None = None
    ) -> list[batch_check.Inspection]:
        """Every batch checked, oldest first: cheaply (sizes, footers, row counts), or ``full`` (sha256, decode).

        Inside :meth:`one_reading` a cheap check is made once per question: a page run asks two or three times (its
        data version, the views' batches, the damage notice), and each time listed the lake's folders again."""
        memo = self._run_inspections() if not full else None
        if memo is not None and (undone, only) in memo:
            return _copies(memo[undone, only])
        found = self._inspect(full=full, undone=undone, only=only)
        memo = self._run_inspections() if not full else None  # the first question of a run read the catalog's state
        if memo is not None:
            memo[undone, only] = _copies(found)
        return found

    def _run_inspections(self) -> dict | None:
        """This run's cheap checks by (undone, only), while its reading of the catalog holds and nothing new was
        learnt of the files in this process (a file found undecodable while materialising: the retry must see it set
        aside); None outside a reading."""
        run = self._run_state()
        if run is None:
            return None
        reading = self._reading()
        got = getattr(reading, "inspections", None)
        if got is None or got[0] is not run or got[1] != batch_check.marks:
            got = reading.inspections = (run, batch_check.marks, {})
        return got[2]

    def _inspect(self, *, full: bool, undone: bool, only: str | None) -> list[batch_check.Inspection]:
        batches, files, sums, remembered = self._catalog_state()
        by_batch: dict[str, list[DataFile]] = {}
        for f in files:
            by_batch.setdefault(f.batch_id, []).append(f)
        wanted = [
            b for b in batches if not ((not undone and b["undone"]) or (only is not None and b["batch_id"] != only))
        ]
        # every file's size and time from one listing per table (on S3 a LIST, not a HEAD per file)
        stats = lake_fs.stat_many([f.path for b in wanted for f in by_batch.get(b["batch_id"], [])])
        found = []
        for b in wanted:
            i = batch_check.inspect(
                b, by_batch.get(b["batch_id"], []), sums=sums, remembered=remembered, full=full, stats=stats
            )
            if i.damage is not None:
                report_damage(i.damage)
            found.append(i)
        return found

    def _catalog_state(self) -> tuple[list[dict], list[DataFile], dict, dict]:
        """The batches, data files, checksums and remembered failures as the catalog holds them, read again only
        when its snapshot changed: a page run over an unchanged store costs one catalog query (the current
        snapshot id, cheap on PostgreSQL too), then the local checks of the files."""
        # inside one_reading: read once, and again after a write of this process (its own commit must be seen).
        # The state is this thread's own: another session's run reading a newer snapshot meanwhile (self._seen is
        # shared by every session of the store) does not move this run to it halfway.
        seen = self._run_state()
        if seen is not None:
            batches, files, sums, remembered = seen[1]
            return [{**b} for b in batches], list(files), dict(sums), {k: dict(v) for k, v in remembered.items()}
        con = self._catalog()
        try:
            # a past store reads its own snapshot (and never shares the cache of the store it was copied from)
            now = self.per if self.per is not None else engine.snapshot_id(con)
            key = (engine.catalog_url(self.root), engine.identity(self.root), self.per, now)
            seen = getattr(self, "_seen", None)
            if seen is None or seen[0] != key:
                seen = self._seen = (
                    key,
                    (self._batch_rows(con), self._data_files(con), self._sums(con), self._remembered(con)),
                )
        finally:
            con.close()
        reading = self._reading()
        if getattr(reading, "depth", 0):
            reading.state = (Store.writes, seen)
        batches, files, sums, remembered = seen[1]
        return [{**b} for b in batches], list(files), dict(sums), {k: dict(v) for k, v in remembered.items()}

    def _run_state(self) -> tuple | None:
        """The catalog state this thread read inside :meth:`one_reading`, while no write of this process followed."""
        state = getattr(self._reading(), "state", None)  # (this process's writes when read, what was read)
        return state[1] if state is not None and state[0] == Store.writes else None

    def _reading(self) -> threading.local:
        local = self.__dict__.get("_reading_local")
        if local is None:
            local = self.__dict__.setdefault("_reading_local", threading.local())
        return local

    @contextlib.contextmanager
    def one_reading(self) -> Iterator[Store]:
        """Within the block, this thread reads the catalog's state once: the views built in it (four kinds, their
        files, the batches) all stand on the same snapshot, and the snapshot id is asked once, not per view. A
        write by this process (a commit, an undo) makes the next read ask again. The app runs every page inside
        one (a page run's checks of the store: one catalog query instead of eight)."""
        reading = self._reading()
        reading.depth = getattr(reading, "depth", 0) + 1
        try:
            yield self
        finally:
            reading.depth -= 1
            if not reading.depth:
                reading.state = reading.inspections = None

    def reread(self) -> None:
        """The next read of the catalog's state asks the catalog, even inside :meth:`one_reading` (a check before
        a write must see what other processes committed since the block began)."""
        reading = self._reading()
        reading.state = reading.inspections = None

    def healthy_live(self) -> list[batch_check.Inspection]:
        """The live batches whose files are sound: what every view reads (inspected, oldest first)."""
        return [i for i in self.inspect_batches(undone=False) if i.damage is None]

    def batches(self) -> list[dict]:
        """Every batch ever committed, oldest first, live and undone; a damaged one says why in ``damaged``."""
        out = []
        for i in self.inspect_batches():
            m = dict(i.manifest)
            m["damaged"] = i.damage.to_dict() if i.damage else None
            m["files"] = {f.rel: {"size": f.size, "rows": f.rows} for f in i.files}
            out.append(m)
        return out

    def batch(self, batch_id: str) -> dict:
        for m in self.batches():
            if m["batch_id"] == batch_id:
                return m
        raise BatchRefused("store.batch.not_found", batch_id=batch_id)

    def damaged(self, *, undone: bool = False) -> list[Damage]:
        """The live batches set aside as damaged, each with its reason (``undone=True``: undone ones too)."""
        return [i.damage for i in self.inspect_batches(undone=undone) if i.damage is not None]

    def verify(self) -> list[batch_check.Inspection]:
        """Check every batch fully (the sha256 and every value of every file) and remember what fails.

        A file with no recorded sha256 (its writer was killed between the commit and recording it) that
        decodes whole gets its sha256 recorded now.
        """
        found = self.inspect_batches(full=True)
        if self.per is not None:  # a past store is read only: what it finds is reported, not recorded
            return found
        failures = {rel: entry for i in found for rel, entry in i.failures.items()}
        verified = {rel: digest for i in found for rel, digest in i.verified.items()}
        sizes = {f.rel: f.size for i in found for f in i.files}
        con = self._catalog()
        try:
            sums = self._sums(con)
            remembered = self._remembered(con)
        finally:
            con.close()
        new_sums = {rel: d for rel, d in verified.items() if rel not in sums}
        cleared = [rel for rel in verified if rel in remembered]
        fresh = {rel: e for rel, e in failures.items() if remembered.get(rel) != e}
        if new_sums or cleared or fresh:
            with self.transaction() as con:
                batch_of = {f.rel: i.batch_id for i in found for f in i.files}
                for rel, digest in new_sums.items():
                    con.execute(
                        f"INSERT INTO {engine.table(engine.FILE_SUMS)} VALUES (?, ?, ?, ?)",
                        [rel, batch_of.get(rel), sizes.get(rel), digest],
                    )
                for rel in cleared:
                    con.execute(
                        f"INSERT INTO {engine.table(engine.FILE_CHECKS)} VALUES (?, ?, 'ok', '', ?)",
                        [rel, sizes.get(rel), now_iso()],
                    )
                for rel, e in fresh.items():
                    con.execute(
                        f"INSERT INTO {engine.table(engine.FILE_CHECKS)} VALUES (?, ?, ?, ?, ?)",
                        [rel, e["size"], e["reason"], f"{e['mtime_ns']}|{e['detail']}", now_iso()],
                    )
        for rel, e in failures.items():
            log.error("%s: %s", e["reason"], rel)
        return found

    def version(self) -> tuple[str, ...]:
        """Changes whenever the set of live batches, or which of them are damaged, changes: a cache key for readers.
        A past store's names its snapshot too."""
        past = (f"@snapshot={self.per}",) if self.per is not None else ()
        return past + tuple(
            sorted(
                f"{i.batch_id}@{i.manifest.get('uid')}"
                if i.damage is None
                else f"{i.batch_id}@{i.manifest.get('uid')}!{i.damage.reason}"
                for i in self.inspect_batches(undone=False)
            )
        )

    def snapshot(self) -> int:
        """The lake's current snapshot id (changes with every commit, undo, redo, note); a past store's own."""
        if self.per is not None:
            return self.per
        seen = self._run_state()
        if seen is not None:
            return seen[0][3]  # inside one_reading: the snapshot its one read found
        con = self._catalog()
        try:
            return engine.snapshot_id(con)
        finally:
            con.close()

    def is_empty(self) -> bool:
        con = self._catalog()
        try:
            return not con.execute(
                f"SELECT 1 FROM {self._table(engine.BATCHES)} WHERE status = 'live' LIMIT 1"
            ).fetchall()
        finally:
            con.close()

    def own_file(self, name: str, limit: int) -> tuple[str, bytes] | None:
        """A file the user keeps beside the lake (the DHIS2 mapping): ``("<folder>/<name>", first limit bytes)``."""
        path = self.local / name
        if not path.is_file():
            return None
        return f"{path.parent.name}/{path.name}", path.read_bytes()[:limit]

    def events(self) -> list[dict]:
        """Commit, undo, redo and migration events, oldest first."""
        con = self._catalog()
        try:
            rows = con.execute(f"SELECT data FROM {self._table(engine.EVENTS)} ORDER BY rowid").fetchall()
        finally:
            con.close()
        out = []
        for (data,) in rows:
            try:
                e = json.loads(data)
            except ValueError:
                continue
            if isinstance(e, dict):
                out.append(e)
        return out

    def _next_seq(self, con) -> int:
        """The next sequence number: above every batch's and the ``last_seq`` counter (a batch's number is
        never given twice, even after its writer failed)."""
        return int(
            con.execute(
                f"SELECT greatest((SELECT coalesce(max(seq), 0) FROM {engine.table(engine.BATCHES)}), "
                f"(SELECT coalesce(max(value), 0) FROM {engine.table(engine.COUNTERS)} WHERE name = ?)) + 1",
                [engine.LAST_SEQ],
            ).fetchone()[0]
        )

    def _claim_seq(self, con) -> int:
        """The next sequence number, taken inside the commit's transaction: the ``last_seq`` row is updated in it,
        so two commits racing (two processes, two servers on one PostgreSQL catalog) conflict in DuckLake and
        the later one is tried again with the following number; no number is given twice, no batch is lost."""
        seq = self._next_seq(con)
        con.execute(f"UPDATE {engine.table(engine.COUNTERS)} SET value = ? WHERE name = ?", [seq, engine.LAST_SEQ])
        return seq

    @staticmethod
    def _batch_name(seq: int) -> str:
        return f"{dt.datetime.now():%Y%m%d-%H%M%S}-{seq:05d}"

    # ---------------------------------------------------------------- committing

    @contextlib.contextmanager
    def new_batch(
        self,
        batch_id: str | None = None,
        *,
        file: str | None = None,
        sha256: str | None = None,
        user: str | None = None,
        counts: dict | None = None,
        note: str | None = None,
        sources: list[dict] | None = None,
    ) -> Iterator[BatchWriter]:
        """Write a batch atomically: nothing is visible until the block ends without error.

        The block stages each kind's rows (checked for unique keys) on the writer's connection; then one
        catalog transaction takes the sequence number and inserts the rows, the batch's row and its commit event
        (tried again when it conflicts with another server's commit: the number, and a generated id, are taken
        anew; ``writer.seq`` and ``writer.batch_id`` are the committed ones afterwards).
        """
        with self._lock(blocking=True):
            con = self._catalog()
            try:
                seq = self._next_seq(con)  # for the staging; the commit takes the number for good
                named = batch_id is not None
                batch_id = batch_id or self._batch_name(seq)
                if not BATCH_ID.match(batch_id) or batch_id == EMPTY_BATCH:
                    raise BatchRefused("store.batch.invalid_id", batch_id=batch_id)
                # a given id is refused at once; a generated one is checked (and made anew) by the commit: another
                # server's commit of this number may land between these two queries
                if (
                    named
                    and con.execute(
                        f"SELECT 1 FROM {engine.table(engine.BATCHES)} WHERE batch_id = ?", [batch_id]
                    ).fetchall()
                ):
                    raise BatchRefused("store.batch.exists", batch_id=batch_id)
                writer = BatchWriter(self, batch_id, seq, con, {})
                try:
                    # the disk refusing the data files or the catalog's rows: the transaction is rolled back
                    # (inside _commit) and this batch's files removed below, so nothing of the upload is kept
                    with self.disk_full_as("store.disk_full.commit", file=file or batch_id):
                        yield writer
                        row = self._commit(
                            con,
                            writer,
                            named=named,
                            file=file,
                            sha256=sha256,
                            user=user,
                            counts=counts,
                            note=note,
                            sources=sources,
                        )
                except BaseException:
                    self._remove_uncommitted(writer.batch_id)
                    raise
            finally:
                con.close()
        log.info("commit %s: %s rows (%s) by %s", writer.batch_id, row["rows"], row["kinds"], row["user"])
        self._record_sums(writer.batch_id)

    def _commit(self, con, writer: BatchWriter, *, named: bool, file, sha256, user, counts, note, sources) -> dict:
        """The batch's transaction, tried again (:data:`WRITE_TRIES`, with backoff) on a DuckLake conflict."""
        try:
            for attempt in range(1, WRITE_TRIES + 1):
                try:
                    return self._commit_once(
                        con,
                        writer,
                        named=named,
                        file=file,
                        sha256=sha256,
                        user=user,
                        counts=counts,
                        note=note,
                        sources=sources,
                    )
                except duckdb.Error as exc:
                    if not is_conflict(exc) or attempt == WRITE_TRIES:
                        raise
                    log.info(
                        "commit of %s met another one (%s), trying again", writer.batch_id, str(exc).splitlines()[-1]
                    )
                backoff(attempt)
        finally:
            writer.drop_staged()
        raise AssertionError("unreachable")

    def _commit_once(self, con, writer: BatchWriter, *, named: bool, file, sha256, user, counts, note, sources) -> dict:
        for kind in contract.KINDS:
            if kind not in writer.rows:
                writer.write_df(kind, pd.DataFrame({c: pd.Series(dtype=object) for c in contract.stored_columns(kind)}))
        written = {k: v for k, v in writer.rows.items() if v}
        kinds = sorted(written, key=contract.KINDS.index)
        con.execute("BEGIN")
        batch_id = writer.batch_id
        try:
            seq = self._claim_seq(con)
            if not named and seq != writer.seq:
                batch_id = self._batch_name(seq)
            if con.execute(f"SELECT 1 FROM {engine.table(engine.BATCHES)} WHERE batch_id = ?", [batch_id]).fetchall():
                raise BatchRefused("store.batch.exists", batch_id=batch_id)
            row = self._commit_rows(
                con,
                writer,
                kinds,
                written,
                batch_id,
                seq,
                file=file,
                sha256=sha256,
                user=user,
                counts=counts,
                note=note,
                sources=sources,
            )
            crash_point("commit_before")
            con.execute("COMMIT")
            Store.writes += 1
        except BaseException:
            # The files this attempt wrote are left: another server may be writing into the same batch folder
            # (the same generated id), and only the catalog tells whose file is whose. They are never read; a
            # failed batch's first id is cleaned by new_batch, the rest by clean_orphans.
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise
        writer.batch_id, writer.seq = batch_id, seq
        crash_point("commit_after")
        return row

    def _commit_rows(
        self,
        con,
        writer: BatchWriter,
        kinds: list[str],
        written: dict,
        batch_id: str,
        seq: int,
        *,
        file,
        sha256,
        user,
        counts,
        note,
        sources,
    ) -> dict:
        """Inside the commit's transaction: every kind's staged rows (numbered ``seq``, of ``batch_id``), the
        batch's row and its commit event."""
        row = {
            "batch_id": batch_id,
            "uid": uuid.uuid4().hex,
            "seq": seq,
            "status": "live",
            "file": file,
            "sha256": sha256,
            "user": user or current_user(),
            "created_at": now_iso(),
            "kinds": ",".join(kinds),
            "rows_by_kind": json.dumps(written),
            "rows": sum(written.values()),
            "rows_added": sum(written.values()),
            "rows_replaced": 0,
            "rows_unchanged": 0,
            "rows_invalid": 0,
            "undone_at": None,
            "undone_by": None,
            "redone_at": None,
            "redone_by": None,
            "note": note,
            "sources": json.dumps(sources or ([{"name": file, "sha256": sha256}] if file else [])),
            "extra": None,
        }
        for k in _COUNT_KEYS:
            if counts and k in counts:
                row[k] = int(counts[k] or 0)
        with engine.all_threads(con, sum(written.values())):
            for kind in kinds:
                cols = ", ".join(c for c, _ in engine.kind_columns(kind))
                # the staged rows carry the number and id the staging had; the commit's own are set here
                con.execute(
                    f"INSERT INTO {engine.table(kind)} ({cols}) SELECT {cols} FROM (SELECT * REPLACE "
                    f"(CAST(? AS INTEGER) AS _seq, CAST(? AS VARCHAR) AS _batch) FROM {writer.staged(kind)})",
                    [seq, batch_id],
                )
                crash_point("commit_kind")
        self.insert_batch_row(con, row)
        self.log_event(
            con,
            {
                "event": "commit",
                "batch_id": row["batch_id"],
                "seq": row["seq"],
                "user": row["user"],
                "file": file,
                "kind": row["kinds"] or None,
                "rows": row["rows"],
                "at": row["created_at"],
            },
        )
        return row

    @staticmethod
    def insert_batch_row(con, row: dict) -> None:
        cols = [c for c, _ in engine.BOOKKEEPING[engine.BATCHES]]
        con.execute(
            f"INSERT INTO {engine.table(engine.BATCHES)} ({', '.join(f'{chr(34)}{c}{chr(34)}' for c in cols)}) "
            f"VALUES ({', '.join('?' for _ in cols)})",
            [row.get(c) for c in cols],
        )

    def _record_sums(self, batch_id: str) -> None:
        """The sha256 of each new data file, recorded right after the commit (what ``check`` compares later)."""
        try:
            files = [f for f in self._data_files() if f.batch_id == batch_id]
            with self.transaction() as con:
                for f in files:
                    con.execute(
                        f"INSERT INTO {engine.table(engine.FILE_SUMS)} VALUES (?, ?, ?, ?)",
                        [f.rel, batch_id, f.size, batch_check.sha256_file(f.path)],
                    )
        except (OSError, duckdb.Error) as exc:  # the batch stands; `check` records the sums later
            log.error("could not record the checksums of batch %s: %s", batch_id, exc)


def _from_epoch_us(us: int) -> dt.datetime:
    return dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(microseconds=int(us))


def crash_point(step: str) -> None:
    """A named step of a commit, undo, redo or migration: the crash tests kill the process here."""
    if os.environ.get("KEMITRAAN_CRASH_AT") == step:
        os.kill(os.getpid(), 9)
