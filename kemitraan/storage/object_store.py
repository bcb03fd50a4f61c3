"""The lake on S3-compatible object storage, shared by several app servers.

``Store("s3://bucket/prefix")`` (or ``KEMITRAAN_DATA_DIR=s3://bucket/prefix``) gives an
:class:`ObjectStore`: the same batches, views, undo, damage checks and event log as a local
data folder, over objects. Object storage has no rename, no append and no lock, so the
steps that rely on them locally are done with objects that are only ever *created*, each
with a conditional write (``If-None-Match: *``: the write fails if the object exists)::

    lake/batch=<id>/claim.json                     1. the batch id is taken (conditional)
    lake/_seq/<seq>                                2. the sequence number is taken (conditional)
    lake/batch=<id>/{kemitraan,indikator,survei}.parquet    3. the data
    lake/batch=<id>/manifest.json                  4. written last (conditional): the commit point
    lake/batch=<id>/undone.json                    the undo point (conditional): out of the views
    lake/_schema/<fingerprint>/<kind>.parquet      no rows, the stored schema: the views always bind
    lake/_log/events/commit/<id>.json              the event log, one object per event
    lake/_log/events/undo/<id>.json
    lake/_log/checks.json                          checksum failures found by `check` (If-Match on its ETag)
    notes/events/<time>-<id>.json                  meeting notes (storage/object_notes.py)
    logs/<day>/<time>-<host>-<pid>.log             each process's log lines (storage/object_log.py)

**Readers** list ``lake/batch=`` (one request per ~200 batches) and read a batch only once it
has its manifest, so a batch is seen whole or not at all; one without a manifest is a commit
still being written (or abandoned). The listing is kept :attr:`ObjectStore.LIST_TTL_S`
seconds, so :meth:`version` stays cheap when a page asks on every run, and a batch committed
by another server is seen within that time. Undone batches keep their place and carry an
``undone.json``; nothing is moved or deleted.

**Writers** on several servers never wait for each other: each takes its batch id and its
sequence number with a conditional write, so two uploads at the same moment both land, with
different numbers (where both hold a key, the higher number wins, as the later of two
uploads would locally). Two undos of one batch: one lands, the other is told it is
already undone. Writes are refused on a store that ignores conditional writes
(:func:`~kemitraan.storage.objects.check_conditional_writes`).

**After a crash** the state is always one of: claimed but no manifest (not a batch; its
objects are removed once :attr:`ObjectStore.ABANDONED_AFTER_S` old), or manifest or undo
marker written but no log event (logged as recovered on a later open, once older than
:attr:`ObjectStore.RECOVERY_GRACE_S`, so a writer still between the two steps is not
mistaken for a crashed one).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import duckdb
import pyarrow.parquet as pq

from kemitraan import contract
from kemitraan.storage import batch_check, lake_io, objects
from kemitraan.storage.objects import Conflict, ObjectFiles, ObjectStat
from kemitraan.storage.batch_writer import BatchWriter
from kemitraan.storage.lake_io import (BATCH_ID, EMPTY_BATCH, StoreError, current_user, now_iso, report_damage,
                                       schema_fingerprint, without_files, write_schema_files)
from kemitraan.storage.store import Store, default_data_dir

log = logging.getLogger(__name__)

MANIFEST = batch_check.MANIFEST
CLAIM = "claim.json"
UNDONE = "undone.json"
_json_cache: dict[tuple[str, str], dict | None] = {}  # (key, etag) -> parsed body of an immutable object
_anchors_ok: set[str] = set()
_cache_lock = threading.Lock()


def _dumps(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


class ObjectStore(Store):
    """A :class:`~kemitraan.storage.store.Store` whose data folder is ``s3://bucket/prefix``."""

    #: How long a listing of the lake serves :meth:`version`, :meth:`batches`, the views (seconds).
    LIST_TTL_S = 1.5
    #: A manifest or undo marker without its log event is logged as recovered once this old (seconds).
    RECOVERY_GRACE_S = 60.0
    #: A claimed batch that never got its manifest is removed once its claim is this old (seconds).
    ABANDONED_AFTER_S = 3600.0
    #: A batch id claimed by a writer still at work: how long a second writer of that id waits for it.
    PENDING_WAIT_S = 120.0

    def __init__(self, data_dir: str | None = None):
        self.root = objects.normalise_url(str(default_data_dir() if data_dir is None else data_dir))
        self.fs = objects.filesystem()
        self.lake = PurePosixPath(objects.key_of(self.root)) / "lake"
        self.log_dir = self.lake / "_log"
        self.anchor = self.lake / "_schema" / schema_fingerprint()
        self.recovered: list[dict] = []
        self._listings: dict[str, tuple[float, dict[str, ObjectStat]]] = {}
        self._ensure_layout()

    # ---------------------------------------------------------------- listing

    def _list(self, prefix: str, *, fresh: bool = False) -> dict[str, ObjectStat]:
        """Objects under ``lake/<prefix>``, listed at most every :attr:`LIST_TTL_S` seconds unless ``fresh``."""
        now = time.monotonic()
        hit = self._listings.get(prefix)
        if hit is not None and not fresh and now - hit[0] < self.LIST_TTL_S:
            return hit[1]
        found = ObjectFiles(self.fs).list(str(self.lake), prefix)
        self._listings[prefix] = (now, found)
        return found

    def _invalidate(self) -> None:
        self._listings.clear()

    def _files(self, *, fresh: bool = False) -> ObjectFiles:
        """The objects of the lake, their stats from the (cached) listings of the batches and of checks.json."""
        listing = {**self._list("batch=", fresh=fresh), **self._list("_log/checks.json", fresh=fresh)}
        return ObjectFiles(self.fs, listing, covers=(f"{self.lake}/batch=", f"{self.lake}/_log/checks.json"))

    def _folders(self, listing: dict[str, ObjectStat]) -> dict[str, dict[str, ObjectStat]]:
        """``batch=<id>`` -> {object name: stat}, from a listing of ``lake/batch=``."""
        base = f"{self.lake}/"
        out: dict[str, dict[str, ObjectStat]] = {}
        for key, st in listing.items():
            folder, _, name = key[len(base):].partition("/")
            if name and "/" not in name and folder.startswith("batch=") and folder != f"batch={EMPTY_BATCH}":
                out.setdefault(folder, {})[name] = st
        return out

    def _logged_ids(self, event: str, *, fresh: bool = False) -> set[str]:
        """The batch ids with a ``commit`` (or ``undo``) event, from the names of the event objects."""
        prefix = f"{self.log_dir}/events/{event}/"
        return {k[len(prefix):].removesuffix(".json")
                for k in self._list("_log/events/", fresh=fresh) if k.startswith(prefix)}

    def _read_json(self, key: str, st: ObjectStat) -> dict | None:
        """An object that is only ever created, never rewritten: read once per process (by key and ETag)."""
        k = (key, st.st_mtime_ns)
        if k not in _json_cache:
            try:
                data = json.loads(self.fs.cat_file(key).decode("utf-8"))
            except (OSError, ValueError):
                data = None
            with _cache_lock:
                if len(_json_cache) > 50_000:
                    _json_cache.clear()
                _json_cache[k] = data if isinstance(data, dict) else None
        return _json_cache[k]

    # ---------------------------------------------------------------- layout

    def _ensure_layout(self) -> None:
        try:
            self._list("batch=", fresh=True)  # the bucket is there and readable
        except Exception as exc:
            err = objects.bucket_error(exc, self.root)
            if err is not None:
                raise err from exc
            raise
        self._ensure_anchor()
        try:  # a replica with read-only keys still serves: repairs wait for a server that may write
            self.clean_temporary()
            self._recover()
        except PermissionError as exc:
            log.warning("cannot tidy the lake with these keys (%s); serving it as it is", exc)

    def _ensure_anchor(self) -> None:
        """Empty files with today's stored schema (named by its fingerprint, so never rewritten in place)."""
        if str(self.anchor) in _anchors_ok:
            return
        files = ObjectFiles(self.fs)
        found = files.list(str(self.anchor))
        names = [f"{k}.parquet" for k in contract.KINDS]
        keys = [str(self.anchor / n) for n in names]
        try:
            ok = all(k in found and files.parquet_rows(k, found[k]) == 0 for k in keys)
        except Exception:  # a broken footer: written again below
            ok = False
        if not ok:
            tmp = Path(tempfile.mkdtemp(prefix="kemitraan-schema-"))
            try:
                write_schema_files(tmp)
                # Same schema, same content: two servers writing it at once write the same thing.
                self.fs.put([str(tmp / n) for n in names], keys)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            files.list(str(self.anchor))  # known to the filesystem layer: no HEAD request per read
            log.info("wrote the schema anchor %s", self.anchor)
        _anchors_ok.add(str(self.anchor))

    @contextlib.contextmanager
    def _lock(self, blocking: bool = True) -> Iterator[bool]:
        raise NotImplementedError("object storage has no lock: its writes are conditional")
        yield False  # pragma: no cover

    def clean_temporary(self) -> int:
        """Remove batches that were claimed but never committed, once :attr:`ABANDONED_AFTER_S` old."""
        pending = [(name, objs) for name, objs in self._folders(self._list("batch=")).items()
                   if MANIFEST not in objs and CLAIM in objs and objs[CLAIM].age_seconds() > self.ABANDONED_AFTER_S]
        if not pending:
            return 0
        committed = self._logged_ids("commit", fresh=True)
        files = ObjectFiles(self.fs)
        removed = 0
        for name, objs in pending:
            if name.removeprefix("batch=") in committed:
                continue  # its manifest is gone: damage to report, not a leftover to remove
            folder = self.lake / name
            # The claim goes last: until then no other writer can take the id and write here.
            files.delete([str(folder / n) for n in objs if n != CLAIM])
            files.delete([str(folder / CLAIM)])
            log.warning("removed the abandoned batch %s (claimed, never committed)", name)
            removed += 1
        self._invalidate()
        return removed

    # ---------------------------------------------------------------- batches

    def inspect_batches(self, *, full: bool = False, undone: bool = True) -> list[batch_check.Inspection]:
        files = self._files()
        remembered = batch_check.remembered_failures(self.lake, files)
        folders = self._folders(files.listing)
        committed: set[str] | None = None
        found = []
        for name, objs in sorted(folders.items()):
            if MANIFEST not in objs and CLAIM in objs:
                if committed is None:
                    committed = self._logged_ids("commit")
                if name.removeprefix("batch=") not in committed:
                    continue  # being written (or abandoned): not a batch yet
            marker = objs.get(UNDONE)
            if marker is not None and not undone:
                continue
            i = batch_check.inspect(self.lake, self.lake / name, full=full, remembered=remembered, files=files)
            if i.damage is not None:
                report_damage(i.damage)
            if marker is not None:
                i = self._as_undone(i, str(self.lake / name / UNDONE), marker)
            found.append(i)
        order = {}
        if any(i.manifest is None for i in found):
            seqs = self._logged_seqs()
            order = {i.batch_id: seqs.get(i.batch_id, 0) for i in found if i.manifest is None}
        found.sort(key=lambda i: ((i.manifest or {}).get("seq") or order.get(i.batch_id) or 0, i.batch_id))
        return found

    def _as_undone(self, i: batch_check.Inspection, key: str, st: ObjectStat) -> batch_check.Inspection:
        """The inspection of a batch with an undo marker: undone, with who and when from the marker."""
        marker = self._read_json(key, st) or {}
        manifest = i.manifest
        if manifest is not None:
            manifest = {**manifest, "undone": True, "undone_at": marker.get("at"), "undone_by": marker.get("user")}
        damage = dataclasses.replace(i.damage, undone=True) if i.damage is not None else None
        return dataclasses.replace(i, undone=True, manifest=manifest, damage=damage)

    def _live_dirs(self) -> list[PurePosixPath]:
        return [i.folder for i in self.inspect_batches(undone=False)]

    def verify(self) -> list[batch_check.Inspection]:
        found = self.inspect_batches(full=True)
        failures = {rel: entry for i in found for rel, entry in i.failures.items()}
        verified = {rel for i in found for rel in i.verified}
        for attempt in range(10):
            try:
                batch_check.remember_failures(self.lake, failures, verified, files=self._files(fresh=True))
                break
            except Conflict:  # another `check` wrote checks.json meanwhile: read it again and merge
                time.sleep(0.05 * (attempt + 1))
        else:
            raise StoreError("checks.json changed under every attempt to write it")
        for rel in failures:
            log.error("checksum mismatch: %s", rel)
        self._invalidate()
        return found

    def _next_seq(self) -> int:
        claimed = [int(PurePosixPath(k).name) for k in self._list("_seq/", fresh=True) if PurePosixPath(k).name.isdigit()]
        return max([m["seq"] for _, m in self._manifests()] + claimed, default=0) + 1

    def _claim_seq(self, files: ObjectFiles, user: str) -> int:
        """The next free sequence number, taken by a conditional write: two writers never get the same one."""
        seq = self._next_seq()
        for _ in range(1000):
            try:
                files.create(str(self.lake / "_seq" / f"{seq:010d}"), _dumps({"user": user, "at": now_iso()}))
                return seq
            except Conflict:
                seq += 1
        raise StoreError("no free sequence number after 1000 attempts")

    def _claim_id(self, files: ObjectFiles, batch_id: str, seq: int, user: str) -> str:
        """Take the batch id (conditional write); its ETag, to check before the commit that it is still ours."""
        name = f"batch={batch_id}"
        there = self._folders(self._list("batch=", fresh=True)).get(name)
        if there is not None:  # committed, being written, or copied from a local lake (no claim)
            if CLAIM in there:
                self._wait_for_commit(name)
            raise StoreError(f"batch {batch_id!r} already exists")
        try:
            files.create(str(self.lake / name / CLAIM), _dumps({"batch_id": batch_id, "seq": seq, "user": user,
                                                                  "at": now_iso()}))
        except Conflict:
            self._wait_for_commit(name)
            raise StoreError(f"batch {batch_id!r} already exists") from None
        return files.head(str(self.lake / name / CLAIM)).st_mtime_ns

    def _wait_for_commit(self, name: str) -> None:
        """Another writer holds this id: wait (a while) until its batch lands, so callers then find it.

        (Two servers starting on an empty bucket both try to write the demo batch: the second
        waits for the first, then finds it.) A batch committed but damaged is not waited for.
        """
        deadline = time.monotonic() + self.PENDING_WAIT_S
        while time.monotonic() < deadline:
            objs = self._folders(self._list("batch=", fresh=True)).get(name, {})
            if MANIFEST in objs or CLAIM not in objs or objs[CLAIM].age_seconds() > self.ABANDONED_AFTER_S:
                break
            if name.removeprefix("batch=") in self._logged_ids("commit", fresh=True):
                break
            time.sleep(0.5)
        self._invalidate()

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
        """Write a batch: nothing is visible until its manifest, the last object, is written."""
        files = ObjectFiles(self.fs)
        objects.check_conditional_writes(files, str(self.lake))
        if batch_id is not None and (not BATCH_ID.match(batch_id) or batch_id == EMPTY_BATCH):
            raise StoreError(f"invalid batch id {batch_id!r}")
        who = user or current_user()
        seq = self._claim_seq(files, who)
        batch_id = batch_id or f"{dt.datetime.now():%Y%m%d-%H%M%S}-{seq:05d}"
        claim = self._claim_id(files, batch_id, seq, who)
        folder = self.lake / f"batch={batch_id}"
        tmp = Path(tempfile.mkdtemp(prefix="kemitraan-batch-"))
        con = duckdb.connect()
        writer = BatchWriter(self, batch_id, seq, tmp, con, {})
        try:
            yield writer
            manifest = self._finish_writer(writer, file=file, sha256=sha256, user=who, counts=counts, note=note)
            names = [f"{kind}.parquet" for kind in contract.KINDS]
            self.fs.put([str(tmp / n) for n in names], [str(folder / n) for n in names])
            now = files.head(str(folder / CLAIM))
            if now is None or now.st_mtime_ns != claim:  # taken for abandoned after ABANDONED_AFTER_S
                raise StoreError(f"batch {batch_id!r}: its claim was lost while writing; nothing was committed")
            files.create(str(folder / MANIFEST), _dumps(manifest))  # the commit point
        except BaseException:
            con.close()
            self._release(files, folder)
            raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self._invalidate()
        log.info("commit %s: %s rows (%s) by %s", batch_id, manifest["rows"], manifest["kind"], manifest["user"])
        self._log_after_commit_point({"event": "commit", **without_files(manifest)})

    def _release(self, files: ObjectFiles, folder: PurePosixPath) -> None:
        """A commit that failed before its manifest: remove what it wrote, the claim last (best effort)."""
        try:
            objs = self._folders(self._list("batch=", fresh=True)).get(folder.name, {})
            if MANIFEST in objs:
                return
            files.delete([str(folder / n) for n in objs if n != CLAIM])
            files.delete([str(folder / CLAIM)])
        except Exception as exc:
            log.warning("could not remove the uncommitted batch %s (%s); it is removed later", folder.name, exc)
        self._invalidate()

    def undo(self, batch_id: str, user: str | None = None) -> dict:
        """Take a batch out of the views by writing its undo marker; nothing is moved. Works on a damaged batch."""
        files = ObjectFiles(self.fs)
        objects.check_conditional_writes(files, str(self.lake))
        self._invalidate()
        found = {i.batch_id: i for i in self.inspect_batches()} if BATCH_ID.match(batch_id) else {}
        i = found.get(batch_id)
        if batch_id == EMPTY_BATCH or i is None:
            raise StoreError(f"batch {batch_id!r} not found")
        if i.undone:
            raise StoreError(f"batch {batch_id!r} is already undone")
        intent = {"action": "undo", "batch_id": batch_id, "user": user or current_user(), "at": now_iso()}
        try:
            files.create(str(i.folder / UNDONE), _dumps(intent))  # the undo point
        except Conflict:
            raise StoreError(f"batch {batch_id!r} is already undone") from None
        self._invalidate()
        if i.manifest is not None:
            manifest = {**i.manifest, "undone": True, "undone_at": intent["at"], "undone_by": intent["user"]}
        else:  # damaged: what is known of it, as a local undo records
            manifest = self._manifest_template(batch_id, self._logged_seqs().get(batch_id))
            del manifest["rows_by_kind"]
            manifest.update(manifest_rebuilt=True, undone=True, undone_at=intent["at"], undone_by=intent["user"])
        self._log_after_commit_point({"event": "undo", "batch_id": batch_id, "user": intent["user"], "at": intent["at"]})
        log.info("undo %s by %s", batch_id, intent["user"])
        return manifest

    # ---------------------------------------------------------------- the event log

    def _log(self, event: dict) -> bool:
        """One object per event; a commit or undo is logged once per batch. False when it was logged already."""
        kind, bid = event.get("event"), event.get("batch_id")
        if kind in ("commit", "undo") and isinstance(bid, str):
            key = self.log_dir / "events" / kind / f"{bid}.json"
        else:
            key = self.log_dir / "events" / "other" / f"{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S%f}.json"
        try:
            ObjectFiles(self.fs).create(str(key), json.dumps(event, ensure_ascii=False).encode("utf-8"))
        except Conflict:
            return False
        return True

    def events(self) -> list[dict]:
        """Commit, undo and recovery events, oldest first (by the time each records; unreadable ones skipped)."""
        listing = self._list("_log/events/", fresh=True)
        missing = [k for k, st in listing.items() if (k, st.st_mtime_ns) not in _json_cache]
        if missing:
            bodies = self.fs.cat(missing, on_error="return")
            for k in missing:
                body = bodies.get(k)
                try:
                    data = json.loads(body.decode("utf-8")) if isinstance(body, bytes) else None
                except ValueError:
                    data = None
                with _cache_lock:
                    _json_cache[(k, listing[k].st_mtime_ns)] = data if isinstance(data, dict) else None
        out = []
        for k, st in listing.items():
            event = _json_cache.get((k, st.st_mtime_ns))
            if event is None:
                log.warning("skipping the unreadable event %s", k)
                continue
            out.append(event)
        rank = {"commit": 0, "undo": 1}
        out.sort(key=lambda e: (str(e.get("at") or e.get("created_at") or ""), rank.get(e.get("event"), 2),
                                e.get("seq") if isinstance(e.get("seq"), int) else 0))
        return out

    def _recover(self) -> None:
        """Log what a crashed writer committed (or undid) but did not log: once older than the grace time."""
        listing = self._list("batch=")
        folders = self._folders(listing)
        if not folders:
            return
        committed, undone = self._logged_ids("commit", fresh=True), self._logged_ids("undo")
        files = self._files()
        for name, objs in folders.items():
            bid = name.removeprefix("batch=")
            m = objs.get(MANIFEST)
            if m is not None and bid not in committed and m.age_seconds() > self.RECOVERY_GRACE_S:
                manifest = batch_check.try_read_manifest(self.lake / name, files) or {"batch_id": bid}
                if self._log({"event": "commit", **without_files(manifest), "recovered": True, "recovered_at": now_iso()}):
                    self._note_recovery("commit_logged", bid)
            u = objs.get(UNDONE)
            if u is not None and bid not in undone and u.age_seconds() > self.RECOVERY_GRACE_S:
                marker = self._read_json(str(self.lake / name / UNDONE), u) or {}
                event = {"event": "undo", "batch_id": bid, "user": marker.get("user"), "at": marker.get("at"),
                         "recovered": True, "recovered_at": now_iso()}
                if self._log(event):
                    self._note_recovery("undo_completed", bid)

    # ---------------------------------------------------------------- reading

    def kind_glob(self, kind: str) -> str:
        return objects.url_of(self.lake / "batch=*" / f"{kind}.parquet")

    def live_files(self, kind: str, healthy: list[batch_check.Inspection] | None = None) -> list[str]:
        """``s3://`` URLs of the files the views read: the schema anchor and every healthy live batch's."""
        healthy = self._healthy_live() if healthy is None else healthy
        name = f"{kind}.parquet"
        return [objects.url_of(self.anchor / name),
                *(objects.url_of(i.folder / name) for i in healthy if name in batch_check.expected_files(i.manifest))]

    def arrow_source(self, kind: str) -> tuple[list[str], object]:
        return [u.removeprefix("s3://") for u in self.live_files(kind)], objects.arrow_filesystem(self.fs)

    def _duckdb(self, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
        con = lake_io.duckdb_connect(database)
        objects.register(con, self.fs)
        return con

    def _set_aside_undecodable(self, healthy: list[batch_check.Inspection]) -> bool:
        files = self._files(fresh=True)
        found = False
        for i in healthy:
            for name in batch_check.expected_files(i.manifest):
                path = i.folder / name
                try:
                    with files.open(str(path), files.stat(str(path))) as fh:
                        pq.read_table(fh)
                except Exception as exc:  # pyarrow raises several types for broken data pages
                    batch_check.mark_undecodable(path, f"{type(exc).__name__}: {exc}".splitlines()[0], files)
                    found = True
        return found
