"""The Parquet lake: one immutable folder per batch, DuckDB views over the live ones.

Layout under ``$KEMITRAAN_DATA_DIR`` (default ``data/``)::

    lake/batch=<id>/{kemitraan,indikator,survei}.parquet + manifest.json   live batches
    lake/batch=_empty/...                     empty files with the schema, so views always bind
    lake/_undone/batch=<id>/...               undone batches, kept for history
    lake/.tmp-<uuid>/                         a batch being written (never read)
    lake/_log/events.jsonl                    commit, undo and redo events, append-only
    .write.lock                               one writer at a time (readers never lock)

A batch is written into a temporary folder and renamed into place in one step,
so a reader sees all of it or none of it, and a crash leaves only a temporary
folder that the next writer removes. Undo is one more rename, into ``_undone``, and redo
renames it back.
The views pick the latest value per key by the batch's sequence number, which
is stored in every row (``_seq``) because it never changes once written.

A damaged batch (unreadable manifest or Parquet file, a missing file, a size,
row count or checksum that differs from its manifest; see
:mod:`kemitraan.batch_check`) is set aside: the views read the other batches,
:meth:`Store.damaged` names it and why, and it can still be undone.

Commit and undo survive a crash between any two steps. Commit: files and
manifest in a temporary folder, one rename (the commit point), then the log
line; a batch with no log line is logged as recovered on the next open. Undo:
the intent is written to ``_log/pending.json``, then the folder is renamed
(the undo point), the manifest rewritten, the log line written and the intent
removed; on the next open an intent whose folder did not move is rolled back,
and one whose folder moved is completed. Redo mirrors undo (an intent with
``"action": "redo"``, the rename back is the redo point). What recovery did is
logged as an event and kept in :attr:`Store.recovered`.

``$KEMITRAAN_DATA_DIR`` (or ``--data-dir``) may also be ``s3://bucket/prefix``: ``Store(url)``
then gives an :class:`~kemitraan.storage.object_store.ObjectStore`, the same lake on object
storage, where a commit becomes visible by its manifest written last and several servers
coordinate by conditional writes (docs/scaling.md).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import fcntl
import getpass
import hashlib
import json
import logging
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from kemitraan import APP_ROOT, contract
from kemitraan.errors import Refused
from kemitraan.storage import analysis_table, batch_check, objects
from kemitraan.storage.batch_check import Damage

log = logging.getLogger(__name__)

EMPTY_BATCH = "_empty"
PENDING = "pending.json"
ROW_BATCH_VIEW = "_batch_of_"  # + kind: which batch each row of a view comes from (see Store.row_batch_sql)
# The ``batches`` view: one row per batch, live and undone.
BATCH_COLUMNS = {
    "batch_id": "VARCHAR", "seq": "INTEGER", "file": "VARCHAR", "sha256": "VARCHAR", "kind": "VARCHAR",
    "rows": "BIGINT", "rows_added": "BIGINT", "rows_replaced": "BIGINT", "rows_unchanged": "BIGINT",
    "rows_invalid": "BIGINT", "user": "VARCHAR", "created_at": "TIMESTAMPTZ", "undone": "BOOLEAN",
    "undone_at": "TIMESTAMPTZ", "undone_by": "VARCHAR", "damaged": "VARCHAR",
}
_BATCH_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")


def default_data_dir() -> Path | str:
    """``$KEMITRAAN_DATA_DIR`` (a folder, or an ``s3://bucket/prefix`` URL kept as text), else ``data/`` beside app.py."""
    env = os.environ.get("KEMITRAAN_DATA_DIR")
    if env:
        return env if objects.is_url(env) else Path(env)
    return APP_ROOT / "data"


def resolved_data_dir(data_dir: Path | str | None = None) -> str:
    """The data folder as one string, for a cache key: a local folder resolved, a URL normalised."""
    d = default_data_dir() if data_dir is None else data_dir
    return objects.normalise_url(d) if objects.is_url(d) else str(Path(d).resolve())


class StoreError(Refused):
    """A store operation that cannot be done (unknown batch, duplicate id, …)."""


def _sql_str(path: Path | str) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _select_cast(kind: str) -> str:
    return ", ".join(f"CAST({n} AS {t}) AS {n}" for n, t in contract.stored_schema(kind))


def _schema_fingerprint() -> str:
    """Changes whenever a stored column is added, removed or retyped."""
    text = json.dumps({k: contract.stored_schema(k) for k in contract.KINDS})
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def current_user() -> str:
    try:
        return os.environ.get("KEMITRAAN_USER") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


@dataclass
class BatchWriter:
    """Handed out by :meth:`Store.new_batch`: write each kind once, then it commits."""

    store: Store
    batch_id: str
    seq: int
    tmp: Path
    con: duckdb.DuckDBPyConnection
    rows: dict[str, int]

    def _copy(self, kind: str, source_sql: str, params: list | None = None) -> None:
        if kind in self.rows:
            raise StoreError(f"{kind} already written in batch {self.batch_id}")
        target = self.tmp / f"{kind}.parquet"
        self.con.execute(
            f"COPY (SELECT {_select_cast(kind)}, CAST(? AS INTEGER) AS _seq, CAST(? AS VARCHAR) AS _batch "
            f"FROM ({source_sql})) TO {_sql_str(target)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 262144)",
            [self.seq, self.batch_id, *(params or [])],
        )
        keys = ", ".join(contract.KEYS[kind])
        src = f"read_parquet({_sql_str(target)})"
        # The views rely on one row per key within a batch. Counting distinct key
        # hashes is fast; only when it disagrees is the exact (slower) count taken.
        total, distinct = self.con.execute(f"SELECT count(*), count(DISTINCT hash({keys})) FROM {src}").fetchall()[0]
        if total != distinct:
            distinct = self.con.execute(f"SELECT count(DISTINCT ({keys})) FROM {src}").fetchall()[0][0]
        if total != distinct:
            raise StoreError(f"{kind}: {total - distinct} duplicate key(s) ({keys}) in batch {self.batch_id}")
        self.rows[kind] = total

    def write_df(self, kind: str, df: pd.DataFrame) -> None:
        """Write a frame holding (at least) the stored columns of ``kind``.

        An optional input column the frame lacks is written empty (NULL), as the views show it for
        batches written before the contract had it (``penyebut``, ``tanggal_lapor``); any other
        missing column — a required or a derived one — is an error.
        """
        optional = {c.name for c in contract.input_columns(kind) if not c.required}
        missing = [c for c in contract.stored_columns(kind) if c not in df.columns]
        if [c for c in missing if c not in optional]:
            raise StoreError(f"{kind}: missing columns {missing}")
        if missing:
            df = df.assign(**dict.fromkeys(missing))
        name = f"_df_{kind}"
        self.con.register(name, df)
        try:
            self._copy(kind, f"SELECT * FROM {name}")
        finally:
            self.con.unregister(name)

    def write_query(self, kind: str, sql: str, params: list | None = None) -> None:
        """Write the result of a query on this writer's connection (for generated data)."""
        self._copy(kind, sql, params)


class Store:
    def __new__(cls, data_dir: Path | str | None = None):
        # An s3:// data folder is the same lake on object storage: every caller keeps writing Store(data_dir).
        if cls is Store and objects.is_url(default_data_dir() if data_dir is None else data_dir):
            from kemitraan.storage.object_store import ObjectStore

            return super().__new__(ObjectStore)
        return super().__new__(cls)

    def __init__(self, data_dir: Path | str | None = None):
        self.root = Path(data_dir) if data_dir is not None else default_data_dir()
        self.lake = self.root / "lake"
        self.undone_dir = self.lake / "_undone"
        self.log_dir = self.lake / "_log"
        self.recovered: list[dict] = []  # what opening this store repaired after a crash (also in the event log)
        self._ensure_layout()

    # ---------------------------------------------------------------- layout

    def _ensure_layout(self) -> None:
        for d in (self.lake, self.undone_dir, self.log_dir):
            d.mkdir(parents=True, exist_ok=True)
        if any(not self._anchor_current(p) or self._anchor_broken(p) for p in (self.lake, self.undone_dir)):
            with self._lock(blocking=True):
                self._write_empty_anchor()
        self.clean_temporary()
        with self._lock(blocking=False) as got:
            if got:  # a writer at work is not a crash: recover only when nobody writes
                self._recover()

    def _anchor_broken(self, parent: Path) -> bool:
        final = parent / f"batch={EMPTY_BATCH}"
        return not (final / "manifest.json").exists() or batch_check.inspect(self.lake, final).damage is not None

    @staticmethod
    def _anchor_current(parent: Path) -> bool:
        """The empty anchor exists and holds today's stored schema.

        A lake written before the contract gained a column (e.g. ``penyebut``) gets a new
        anchor, so the views bind that column (NULL in the older batches) instead of failing.
        """
        m = parent / f"batch={EMPTY_BATCH}" / "manifest.json"
        if not m.exists():
            return False
        try:
            return json.loads(m.read_text(encoding="utf-8")).get("schema") == _schema_fingerprint()
        except ValueError:
            return False

    def _write_empty_anchor(self) -> None:
        """Empty files with the full schema so every view binds even with no batch."""
        for parent in (self.lake, self.undone_dir):
            final = parent / f"batch={EMPTY_BATCH}"
            if self._anchor_current(parent) and not self._anchor_broken(parent):
                continue
            if final.exists():
                log.warning("rebuilding the damaged schema anchor %s", final)
            tmp = self.lake / f".tmp-{uuid.uuid4().hex}"
            tmp.mkdir()
            write_schema_files(tmp)
            manifest = {**self._manifest_template(EMPTY_BATCH, 0), "schema": _schema_fingerprint()}
            manifest["files"] = {f"{k}.parquet": batch_check.file_entry(tmp / f"{k}.parquet") for k in contract.KINDS}
            (tmp / "manifest.json").write_text(json.dumps(manifest))
            if final.exists():
                shutil.rmtree(final)
            os.rename(tmp, final)

    @staticmethod
    def _manifest_template(batch_id: str, seq: int) -> dict:
        return {
            "batch_id": batch_id,
            "seq": seq,
            "file": None,
            "sha256": None,
            "kind": None,
            "kinds": [],
            "rows": 0,
            "rows_by_kind": {},
            "rows_added": 0,
            "rows_replaced": 0,
            "rows_unchanged": 0,
            "rows_invalid": 0,
            "user": None,
            "created_at": None,
            "undone": False,
            "undone_at": None,
            "undone_by": None,
            "note": None,
        }

    @contextlib.contextmanager
    def _lock(self, blocking: bool = True) -> Iterator[bool]:
        self.root.mkdir(parents=True, exist_ok=True)
        fh = open(self.root / ".write.lock", "a+")
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

    def clean_temporary(self) -> int:
        """Remove folders left by a writer that crashed. Skipped while a writer is active."""
        removed = 0
        with self._lock(blocking=False) as got:
            if not got:
                return 0
            for p in self.lake.glob(".tmp-*"):
                shutil.rmtree(p, ignore_errors=True)
                removed += 1
        return removed

    # ---------------------------------------------------------------- batches

    def _batch_dirs(self, *, undone: bool = True) -> list[str]:
        parents = (self.lake, self.undone_dir) if undone else (self.lake,)
        out = []
        for parent in parents:
            with os.scandir(parent) as it:
                out += [e.path for e in it
                        if e.name.startswith("batch=") and e.name != f"batch={EMPTY_BATCH}" and e.is_dir()]
        return sorted(out)

    def _live_dirs(self) -> list[Path]:
        """Every live batch folder, damaged or not."""
        return [Path(d) for d in self._batch_dirs(undone=False)]

    def inspect_batches(self, *, full: bool = False, undone: bool = True) -> list[batch_check.Inspection]:
        """Every batch folder checked, oldest first: cheaply (manifest, sizes, footers), or ``full`` (sha256 too)."""
        remembered = batch_check.remembered_failures(self.lake)
        found = [batch_check.inspect(self.lake, d, full=full, remembered=remembered)
                 for d in self._batch_dirs(undone=undone)]
        for i in found:
            if i.damage is not None:
                _report_damage(i.damage)
        if any(i.manifest is None for i in found):
            seqs = self._logged_seqs()
            order = {i.batch_id: seqs.get(i.batch_id, 0) for i in found if i.manifest is None}
        else:
            order = {}
        found.sort(key=lambda i: ((i.manifest or {}).get("seq") or order.get(i.batch_id) or 0, i.batch_id))
        return found

    def _healthy_live(self) -> list[batch_check.Inspection]:
        return [i for i in self.inspect_batches(undone=False) if i.damage is None]

    def _manifests(self) -> list[tuple[Path, dict]]:
        """(folder, manifest) of every batch whose manifest can be read, oldest first."""
        return [(i.folder, i.manifest) for i in self.inspect_batches() if i.manifest is not None]

    def _stub(self, i: batch_check.Inspection) -> dict:
        """What is known of a batch whose manifest cannot be read: its id, place and (from the log) its seq."""
        m = self._manifest_template(i.batch_id, self._logged_seqs().get(i.batch_id))
        m["undone"] = i.undone
        return m

    def batches(self) -> list[dict]:
        """Every batch ever committed, oldest first, live and undone; a damaged one says why in ``damaged``."""
        out = []
        for i in self.inspect_batches():
            m = copy.deepcopy(i.manifest) if i.manifest is not None else self._stub(i)  # the cached one stays as read
            m["undone"] = i.undone  # where the folder is decides (a crashed undo is finished on the next open)
            m["damaged"] = i.damage.to_dict() if i.damage else None
            out.append(m)
        return out

    def batch(self, batch_id: str) -> dict:
        for m in self.batches():
            if m["batch_id"] == batch_id:
                return m
        raise StoreError(f"batch {batch_id!r} not found")

    def damaged(self, *, undone: bool = False) -> list[Damage]:
        """The live batches set aside as damaged, each with its reason (``undone=True``: undone ones too).

        Cheap (manifests, sizes and Parquet footers, cached by size and mtime, plus the
        checksum failures ``check`` remembered): a page can call it on every run and
        show ``d.message(lang)`` for each.
        """
        return [i.damage for i in self.inspect_batches(undone=undone) if i.damage is not None]

    def verify(self) -> list[batch_check.Inspection]:
        """Check every batch fully (the sha256 of every file) and remember checksum failures for every process."""
        found = self.inspect_batches(full=True)
        failures = {rel: entry for i in found for rel, entry in i.failures.items()}
        verified = {rel for i in found for rel in i.verified}
        with self._lock(blocking=True):
            batch_check.remember_failures(self.lake, failures, verified)
        for rel in failures:
            log.error("checksum mismatch: %s", rel)
        return found

    def version(self) -> tuple[str, ...]:
        """Changes whenever the set of live batches, or which of them are damaged, changes: a cache key for readers."""
        return tuple(sorted(i.folder.name if i.damage is None else f"{i.folder.name}!{i.damage.reason}"
                            for i in self.inspect_batches(undone=False)))

    def is_empty(self) -> bool:
        return not self._live_dirs()

    def _logged_seqs(self) -> dict[str, int]:
        return {e["batch_id"]: e["seq"] for e in self.events()
                if e.get("event") == "commit" and isinstance(e.get("seq"), int) and isinstance(e.get("batch_id"), str)}

    def _next_seq(self) -> int:
        seqs = [m["seq"] for _, m in self._manifests()] + list(self._logged_seqs().values())
        return max(seqs, default=0) + 1

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
    ) -> Iterator[BatchWriter]:
        """Write a batch atomically: nothing is visible until the block ends without error."""
        with self._lock(blocking=True):
            self._recover()
            seq = self._next_seq()
            batch_id = batch_id or f"{dt.datetime.now():%Y%m%d-%H%M%S}-{seq:05d}"
            if not _BATCH_ID.match(batch_id) or batch_id == EMPTY_BATCH:
                raise StoreError(f"invalid batch id {batch_id!r}")
            if (self.lake / f"batch={batch_id}").exists() or (self.undone_dir / f"batch={batch_id}").exists():
                raise StoreError(f"batch {batch_id!r} already exists")
            tmp = self.lake / f".tmp-{uuid.uuid4().hex}"
            tmp.mkdir()
            con = duckdb.connect()
            writer = BatchWriter(self, batch_id, seq, tmp, con, {})
            try:
                yield writer
                manifest = self._finish_writer(writer, file=file, sha256=sha256, user=user, counts=counts, note=note)
                for kind in contract.KINDS:
                    _fsync(tmp / f"{kind}.parquet")
                _write_json(tmp / "manifest.json", manifest)
                _fsync(tmp)
                os.rename(tmp, self.lake / f"batch={batch_id}")  # the commit point
                _fsync(self.lake)
            except BaseException:
                con.close()
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            log.info("commit %s: %s rows (%s) by %s", batch_id, manifest["rows"], manifest["kind"], manifest["user"])
            self._log_after_commit_point({"event": "commit", **_without_files(manifest)})

    def _finish_writer(self, writer: BatchWriter, *, file: str | None, sha256: str | None, user: str | None,
                       counts: dict | None, note: str | None) -> dict:
        """Write the kinds the block left out (empty), close the writer and return the batch's manifest."""
        for kind in contract.KINDS:
            if kind not in writer.rows:
                writer.write_df(kind, pd.DataFrame({c: pd.Series(dtype=object) for c in contract.stored_columns(kind)}))
        writer.con.close()
        written = {k: v for k, v in writer.rows.items() if v}
        manifest = self._manifest_template(writer.batch_id, writer.seq)
        manifest.update(
            file=file,
            sha256=sha256,
            kinds=sorted(written, key=contract.KINDS.index),
            kind=",".join(sorted(written, key=contract.KINDS.index)) or None,
            rows=sum(written.values()),
            rows_by_kind=written,
            rows_added=sum(written.values()),
            user=user or current_user(),
            created_at=_now(),
            note=note,
        )
        manifest.update(counts or {})
        # The checksum of every file, read back from disk: what `check` compares against later.
        manifest["files"] = {f"{k}.parquet": batch_check.file_entry(writer.tmp / f"{k}.parquet") for k in contract.KINDS}
        return manifest

    def undo(self, batch_id: str, user: str | None = None) -> dict:
        """Take a batch out of the views; it is kept under ``_undone`` and the undo is logged. Works on a damaged batch."""
        with self._lock(blocking=True):
            self._recover()
            src = self.lake / f"batch={batch_id}"
            if batch_id == EMPTY_BATCH or not _BATCH_ID.match(batch_id) or not src.is_dir():
                if _BATCH_ID.match(batch_id) and (self.undone_dir / f"batch={batch_id}").is_dir():
                    raise StoreError(f"batch {batch_id!r} is already undone")
                raise StoreError(f"batch {batch_id!r} not found")
            intent = {"action": "undo", "batch_id": batch_id, "user": user or current_user(), "at": _now()}
            _write_json(self.log_dir / PENDING, intent)
            os.rename(src, self.undone_dir / f"batch={batch_id}")  # the undo point
            _fsync(self.lake)
            _fsync(self.undone_dir)
            manifest = self._finish_undo(intent)
            log.info("undo %s by %s", batch_id, intent["user"])
            return manifest

    def _finish_undo(self, intent: dict, *, recovered: bool = False) -> dict:
        """Everything after the undo point: the manifest says undone, the log says so, the intent is cleared."""
        batch_id = intent["batch_id"]
        dst = self.undone_dir / f"batch={batch_id}"
        manifest = batch_check.try_read_manifest(dst)
        if manifest is None:  # damaged: keep what is there, write what is known beside it
            broken = dst / "manifest.json"
            if broken.exists():
                os.replace(broken, dst / "manifest.json.damaged")
            manifest = self._manifest_template(batch_id, self._logged_seqs().get(batch_id))
            del manifest["rows_by_kind"]  # unknown: the files are kept as they are
            manifest["manifest_rebuilt"] = True
        if not manifest.get("undone"):
            manifest.update(undone=True, undone_at=intent.get("at"), undone_by=intent.get("user"))
            _write_json(dst / "manifest.json", manifest)
        logged = any(e.get("event") == "undo" and e.get("batch_id") == batch_id and e.get("at") == manifest["undone_at"]
                     for e in self.events())
        if not logged:
            event = {"event": "undo", "batch_id": batch_id, "user": manifest["undone_by"], "at": manifest["undone_at"]}
            if recovered:
                event.update(recovered=True, recovered_at=_now())
            self._log_after_commit_point(event)
        (self.log_dir / PENDING).unlink(missing_ok=True)
        return manifest

    def _recover(self) -> None:
        """Finish or roll back what a crashed writer left behind. Call under the write lock."""
        (self.log_dir / (PENDING + ".tmp")).unlink(missing_ok=True)
        committed = {e.get("batch_id") for e in self.events() if e.get("event") == "commit"}
        found = self.inspect_batches()
        for i in found:
            if i.batch_id not in committed:  # renamed into place, but the log line was never written
                event = {"event": "commit", **_without_files(i.manifest or {"batch_id": i.batch_id}),
                         "recovered": True, "recovered_at": _now()}
                self._log(event)
                self._note_recovery("commit_logged", i.batch_id)
        pending = _read_json(self.log_dir / PENDING)
        if pending is not None and pending.get("action") == "redo":
            self._recover_redo(pending)
        elif pending is not None:
            bid = str(pending.get("batch_id", ""))
            if _BATCH_ID.match(bid) and (self.undone_dir / f"batch={bid}").is_dir() and not (self.lake / f"batch={bid}").exists():
                self._finish_undo(pending, recovered=True)
                self._note_recovery("undo_completed", bid)
            else:  # the folder never moved: the undo did not happen
                (self.log_dir / PENDING).unlink(missing_ok=True)
                self._log({"event": "undo_rolled_back", "batch_id": bid, "user": pending.get("user"),
                           "requested_at": pending.get("at"), "at": _now()})
                self._note_recovery("undo_rolled_back", bid)
        elif (self.log_dir / PENDING).exists():  # unreadable intent: written atomically, so only by hand
            (self.log_dir / PENDING).unlink(missing_ok=True)
        if pending is not None:
            found = self.inspect_batches()
        for i in found:
            if i.undone and i.manifest is not None and not i.manifest.get("undone"):  # moved, manifest not rewritten
                self._finish_undo({"batch_id": i.batch_id, "user": None, "at": _now()}, recovered=True)
                self._note_recovery("undo_completed", i.batch_id)

    def redo(self, batch_id: str, user: str | None = None) -> dict:
        """Bring an undone batch back into the views, as it was; the redo is logged. Mirrors :meth:`undo`.

        The batch keeps its sequence number (stored in every row), so "latest value per key" still
        orders it where it was committed: a redone old batch's values show only where no later live
        batch holds the same key. A damaged batch (checked fully, sha256 included) is refused, and so
        is one whose manifest had to be rebuilt when it was undone (its row counts are unknown).
        """
        with self._lock(blocking=True):
            self._recover()
            src = self.undone_dir / f"batch={batch_id}"
            if batch_id == EMPTY_BATCH or not _BATCH_ID.match(batch_id) or not src.is_dir():
                if _BATCH_ID.match(batch_id) and (self.lake / f"batch={batch_id}").is_dir():
                    raise StoreError(f"batch {batch_id!r} is live, not undone")
                raise StoreError(f"batch {batch_id!r} not found")
            found = batch_check.inspect(self.lake, src, full=True)
            batch_check.remember_failures(self.lake, found.failures, found.verified)
            if found.damage is not None:
                raise StoreError(f"batch {batch_id!r} is damaged ({found.damage.reason}) and cannot be brought back")
            if found.manifest.get("manifest_rebuilt") or "rows_by_kind" not in found.manifest:
                raise StoreError(f"batch {batch_id!r} was undone with a damaged manifest and cannot be brought back")
            intent = {"action": "redo", "batch_id": batch_id, "user": user or current_user(), "at": _now()}
            _write_json(self.log_dir / PENDING, intent)
            os.rename(src, self.lake / f"batch={batch_id}")  # the redo point
            _fsync(self.undone_dir)
            _fsync(self.lake)
            manifest = self._finish_redo(intent)
            log.info("redo %s by %s", batch_id, intent["user"])
            return manifest

    def _finish_redo(self, intent: dict, *, recovered: bool = False) -> dict | None:
        """Everything after the redo point: the manifest says live, the log says so, the intent is cleared."""
        batch_id = intent["batch_id"]
        dst = self.lake / f"batch={batch_id}"
        manifest = batch_check.try_read_manifest(dst)
        if manifest is not None and manifest.get("undone"):
            manifest.update(undone=False, undone_at=None, undone_by=None,
                            redone_at=intent.get("at"), redone_by=intent.get("user"))
            _write_json(dst / "manifest.json", manifest)
        logged = any(e.get("event") == "redo" and e.get("batch_id") == batch_id and e.get("at") == intent.get("at")
                     for e in self.events())
        if not logged:
            event = {"event": "redo", "batch_id": batch_id, "user": intent.get("user"), "at": intent.get("at")}
            if recovered:
                event.update(recovered=True, recovered_at=_now())
            self._log_after_commit_point(event)
        (self.log_dir / PENDING).unlink(missing_ok=True)
        return manifest

    def _recover_redo(self, pending: dict) -> None:
        """A redo interrupted by a crash: completed when its folder moved back, rolled back when it did not."""
        bid = str(pending.get("batch_id", ""))
        if _BATCH_ID.match(bid) and (self.lake / f"batch={bid}").is_dir() and not (self.undone_dir / f"batch={bid}").exists():
            self._finish_redo(pending, recovered=True)
            self._note_recovery("redo_completed", bid)
        else:  # the folder never moved: the redo did not happen
            (self.log_dir / PENDING).unlink(missing_ok=True)
            self._log({"event": "redo_rolled_back", "batch_id": bid, "user": pending.get("user"),
                       "requested_at": pending.get("at"), "at": _now()})
            self._note_recovery("redo_rolled_back", bid)

    def _note_recovery(self, action: str, batch_id: str) -> None:
        self.recovered.append({"action": action, "batch_id": batch_id})
        log.warning("recovered after a crash: %s %s", action, batch_id)

    def _log_after_commit_point(self, event: dict) -> None:
        """The log line after a rename: if the disk refuses it, the change stands and the next open logs it."""
        try:
            self._log(event)
        except OSError as exc:
            log.error("could not write the event log (%s); the next open records %s", exc, event.get("batch_id"))

    def _log(self, event: dict) -> None:
        line = (json.dumps(event, ensure_ascii=False) + "\n").encode("utf-8")
        with open(self.log_dir / "events.jsonl", "a+b") as fh:
            fh.seek(0, os.SEEK_END)
            if fh.tell() > 0:  # a line cut short by a crash must not swallow this one
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    line = b"\n" + line
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())

    def events(self) -> list[dict]:
        """Commit, undo and recovery events, oldest first (a line cut short by a crash is skipped)."""
        p = self.log_dir / "events.jsonl"
        if not p.exists():
            return []
        out = []
        for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if not line.strip():
                continue
            try:
                event = json.loads(line)
            except ValueError:
                log.warning("skipping unreadable line %d of %s", n, p)
                continue
            if isinstance(event, dict):
                out.append(event)
        return out

    # ---------------------------------------------------------------- reading

    def kind_glob(self, kind: str) -> Path:
        """Every live batch's file of ``kind``, damaged ones included: prefer :meth:`live_files`."""
        return self.lake / "batch=*" / f"{kind}.parquet"

    def live_files(self, kind: str, healthy: list[batch_check.Inspection] | None = None) -> list[Path]:
        """The Parquet files of ``kind`` the views read: the schema anchor and every live batch that is not damaged."""
        healthy = self._healthy_live() if healthy is None else healthy
        name = f"{kind}.parquet"
        return [self.lake / f"batch={EMPTY_BATCH}" / name,
                *(i.folder / name for i in healthy if name in batch_check.expected_files(i.manifest))]

    def view_sql(self, kind: str, *, single_batch: bool = False, source: str | None = None,
                 healthy: list[batch_check.Inspection] | None = None) -> str:
        """Latest row per key over the live batches (damaged ones set aside).

        ``single_batch``: the caller knows at most one live batch holds rows of
        this kind, so keys are already unique (ingest refuses duplicate keys in
        a batch) and the window can be skipped: 10 M rows materialise in a
        fraction of the time. ``source``: a relation to read instead of the
        files (the console registers Arrow datasets over :meth:`live_files`).
        """
        cols = ", ".join(contract.stored_columns(kind))
        keys = ", ".join(contract.KEYS[kind])
        if source is None:
            files = ", ".join(_sql_str(f) for f in self.live_files(kind, healthy))
            source = f"read_parquet([{files}], union_by_name = true)"
        src = f"{source} WHERE _seq IS NOT NULL"
        if single_batch:
            return f"SELECT {cols} FROM {src}"
        return f"SELECT {cols} FROM {src} QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY _seq DESC) = 1"

    def row_batch_sql(self, kind: str, *, healthy: list[batch_check.Inspection] | None = None) -> str:
        """The key columns of every row the view ``kind`` shows, with the batch it comes from (``_batch``).

        The views drop the batch id; this keeps it for the few questions that need it (which batch holds
        an orphan row). Connections expose it as the view ``_batch_of_<kind>``, never materialised.
        """
        keys = ", ".join(contract.KEYS[kind])
        cols = ", ".join(dict.fromkeys((*contract.KEYS[kind], "kode_kemitraan")))
        files = ", ".join(_sql_str(f) for f in self.live_files(kind, healthy))
        return (f"SELECT {cols}, _batch FROM read_parquet([{files}], union_by_name = true) WHERE _seq IS NOT NULL "
                f"QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY _seq DESC) = 1")

    def arrow_source(self, kind: str) -> tuple[list[str], object | None]:
        """:meth:`live_files` as pyarrow takes them, with their filesystem (None: the local disk)."""
        return [str(p) for p in self.live_files(kind)], None

    def _duckdb(self) -> duckdb.DuckDBPyConnection:
        """A new in-memory DuckDB connection that can read this store's files."""
        return duckdb.connect()

    def batches_frame(self) -> pd.DataFrame:
        """Every batch as a frame of plain values (the ``batches`` view casts them: :meth:`batches_select`)."""
        rows = []
        for m in self.batches():
            row = {c: m.get(c) for c in BATCH_COLUMNS}
            row["damaged"] = (m.get("damaged") or {}).get("reason")
            rows.append(row)
        return pd.DataFrame(rows, columns=list(BATCH_COLUMNS), dtype=object)

    @staticmethod
    def batches_select(source: str) -> str:
        return "SELECT " + ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' for c, t in BATCH_COLUMNS.items()) + f" FROM {source}"

    @staticmethod
    def _batches_holding(healthy: list[batch_check.Inspection]) -> dict[str, int]:
        """How many live batches hold rows of each kind (from the manifests already read)."""
        n = dict.fromkeys(contract.KINDS, 0)
        for i in healthy:
            for kind, rows in (i.manifest.get("rows_by_kind") or {}).items():
                n[kind] = n.get(kind, 0) + (1 if rows else 0)
        return n

    def connect(self, *, materialize: bool = False) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB connection with the views ``kemitraan``, ``indikator``, ``survei``, ``batches``.

        With ``materialize`` the latest-per-key rows are computed once into tables
        (for the app, which rebuilds its connection when :meth:`version` changes);
        without, every query reads the files of the batches live when it was made.
        Damaged batches are left out. A file whose footer reads but whose data does
        not is found while materialising, set aside as damaged, and the rest served.
        """
        healthy = self._healthy_live()
        con = self._duckdb()
        try:
            holding = self._batches_holding(healthy) if materialize else {}
            for kind in contract.KINDS:
                if kind == "indikator":  # with the per-row columns every analysis needs (storage/analysis_table.py)
                    analysis_table.add(con, materialize=materialize, source=self.view_sql(
                        kind, single_batch=materialize and holding[kind] <= 1, healthy=healthy))
                elif materialize:
                    # Sorted by the column most queries filter on, so DuckDB's zone maps skip row groups.
                    order = "kode_kemitraan"
                    sql = self.view_sql(kind, single_batch=holding[kind] <= 1, healthy=healthy)
                    con.execute(f"CREATE TABLE _cur_{kind} AS {sql} ORDER BY {order}")
                    con.execute(f"CREATE VIEW {kind} AS SELECT * FROM _cur_{kind}")
                else:
                    con.execute(f"CREATE VIEW {kind} AS {self.view_sql(kind, healthy=healthy)}")
        except duckdb.Error:
            con.close()
            if materialize and self._set_aside_undecodable(healthy):
                return self.connect(materialize=True)  # each retry has at least one batch fewer
            raise
        for kind in contract.KINDS:  # read lazily, only by the data-quality panel's orphan rows
            con.execute(f"CREATE VIEW {ROW_BATCH_VIEW}{kind} AS {self.row_batch_sql(kind, healthy=healthy)}")
        con.register("_batches_frame", self.batches_frame())
        con.execute(f"CREATE TABLE _batches AS {self.batches_select('_batches_frame')}")
        con.unregister("_batches_frame")
        con.execute("CREATE VIEW batches AS SELECT * FROM _batches")
        return con

    def partnership_batches(self, kode: str) -> pd.DataFrame:
        """The live batches that hold rows of one partnership: batch id, file, who, when, rows per kind.

        Reads the batch id kept in every Parquet row (the views drop it), newest batch last; damaged
        batches are set aside as everywhere else.
        """
        con = self._duckdb()
        try:
            parts = " UNION ALL ".join(
                f"SELECT _batch, '{kind}' AS jenis, count(*) AS n FROM read_parquet($files_{kind}, union_by_name = true) "
                f"WHERE kode_kemitraan = $kode AND _seq IS NOT NULL GROUP BY _batch"
                for kind in contract.KINDS
            )
            counts = con.execute(
                f"""SELECT _batch AS batch_id,
                           sum(n) FILTER (WHERE jenis = 'kemitraan') AS baris_kemitraan,
                           sum(n) FILTER (WHERE jenis = 'indikator') AS baris_indikator,
                           sum(n) FILTER (WHERE jenis = 'survei') AS baris_survei
                    FROM ({parts}) GROUP BY _batch""",
                {"kode": kode, **{f"files_{k}": [str(p) for p in self.live_files(k)] for k in contract.KINDS}},
            ).fetchdf()
        finally:
            con.close()
        info = {m["batch_id"]: m for m in self.batches()}
        counts["file"] = [info.get(b, {}).get("file") for b in counts["batch_id"]]
        counts["user"] = [info.get(b, {}).get("user") for b in counts["batch_id"]]
        counts["created_at"] = pd.to_datetime([info.get(b, {}).get("created_at") for b in counts["batch_id"]], utc=True)
        counts["_seq"] = [info.get(b, {}).get("seq", 0) for b in counts["batch_id"]]
        cols = ["batch_id", "file", "user", "created_at", "baris_kemitraan", "baris_indikator", "baris_survei"]
        return counts.sort_values("_seq")[cols].reset_index(drop=True)

    def _set_aside_undecodable(self, healthy: list[batch_check.Inspection]) -> bool:
        """Decode every file of the live batches; mark the ones that fail. True when one was found."""
        import pyarrow.parquet as pq

        found = False
        for i in healthy:
            for name in batch_check.expected_files(i.manifest):
                try:
                    pq.read_table(i.folder / name)
                except Exception as exc:  # pyarrow raises several types for broken data pages
                    batch_check.mark_undecodable(i.folder / name, f"{type(exc).__name__}: {exc}".splitlines()[0])
                    found = True
        return found

    # ---------------------------------------------------------------- comparing

    def classify(self, kind: str, df: pd.DataFrame, con: duckdb.DuckDBPyConnection | None = None) -> pd.DataFrame:
        """Tag each row of a normalised frame: ``new``, ``replaced`` (key stored with another value) or ``unchanged``.

        Returns ``df`` with a ``_status`` column, in the original order.
        """
        own = con is None
        con = con or self.connect()
        try:
            keys = contract.KEYS[kind]
            con.register("_incoming", df.assign(_pos=range(len(df))))
            join = " AND ".join(f"i.{k} = c.{k}" for k in keys)
            same = " AND ".join(f"i.{c} IS NOT DISTINCT FROM CAST(c.{c} AS {t})" for c, t in contract.stored_schema(kind))
            status = con.execute(
                f"SELECT i._pos, CASE WHEN c.{keys[0]} IS NULL THEN 'new' "
                f"WHEN {same} THEN 'unchanged' ELSE 'replaced' END AS _status "
                f"FROM (SELECT {_select_cast(kind)}, _pos FROM _incoming) i LEFT JOIN {kind} c ON {join} ORDER BY i._pos"
            ).fetchdf()
            con.unregister("_incoming")
            return df.assign(_status=status["_status"].to_numpy())
        finally:
            if own:
                con.close()


def write_schema_files(folder: Path) -> None:
    """``<kind>.parquet`` for every kind: no rows, the full stored schema (and ``_seq``, ``_batch``)."""
    con = duckdb.connect()
    try:
        for kind in contract.KINDS:
            cols = ", ".join(f"CAST(NULL AS {t}) AS {n}" for n, t in contract.stored_schema(kind))
            con.execute(
                f"COPY (SELECT {cols}, CAST(NULL AS INTEGER) AS _seq, CAST(NULL AS VARCHAR) AS _batch LIMIT 0) "
                f"TO {_sql_str(folder / f'{kind}.parquet')} (FORMAT parquet)"
            )
    finally:
        con.close()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _without_files(manifest: dict) -> dict:
    return {k: v for k, v in manifest.items() if k != "files"}


def _fsync(path: Path) -> None:
    """Flush a file or a folder's entries to disk, so a power cut cannot undo a rename that readers saw."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_json(path: Path, data: dict) -> None:
    """Write beside, flush, then rename over: the file is the old one or the new one, never half."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(data, ensure_ascii=False, indent=1))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


_reported: set[tuple] = set()


def _report_damage(d: Damage) -> None:
    """Log each damaged batch once per process and reason (pages ask on every run)."""
    key = (d.folder, d.reason, d.file)
    if key not in _reported:
        _reported.add(key)
        log.error("damaged batch %s (%s): %s %s %s", d.batch_id, d.folder, d.reason, d.file or "", d.detail)
