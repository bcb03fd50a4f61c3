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
:mod:`kemitraan.storage.batch_check`) is set aside: the views read the other batches,
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
import errno
import fcntl
import json
import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd

from kemitraan import APP_ROOT, contract
from kemitraan.storage import batch_check, objects
from kemitraan.storage.batch_check import Damage
from kemitraan.storage.batch_writer import BatchWriter
from kemitraan.storage.lake_io import (BATCH_ID, EMPTY_BATCH, StoreError, current_user, disk_full_as, fsync, now_iso,
                                       report_damage, schema_fingerprint, sha256_bytes, without_files,
                                       write_json, write_schema_files)
from kemitraan.storage.lake_views import BATCH_COLUMNS, ROW_BATCH_VIEW, LakeViews
from kemitraan.storage.undo_redo import UndoRedo

log = logging.getLogger(__name__)

__all__ = ["BATCH_COLUMNS", "EMPTY_BATCH", "ROW_BATCH_VIEW", "BatchWriter", "Store", "StoreError", "current_user",
           "default_data_dir", "resolved_data_dir", "sha256_bytes", "write_schema_files"]


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



def _duckdb_disk_full(exc: Exception) -> bool:
    """Whether a DuckDB I/O error is the disk refusing to grow a file (it words errno, it does not raise OSError)."""
    text = str(exc).lower()
    return any(w in text for w in ("no space left", "disk quota", "file too large"))

class Store(UndoRedo, LakeViews):
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
            return json.loads(m.read_text(encoding="utf-8")).get("schema") == schema_fingerprint()
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
            manifest = {**self._manifest_template(EMPTY_BATCH, 0), "schema": schema_fingerprint()}
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
                report_damage(i.damage)
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

    def own_file(self, name: str, limit: int) -> tuple[str, bytes] | None:
        """A file the user keeps beside the lake (the DHIS2 mapping): ``("<folder>/<name>", first limit bytes)``."""
        path = Path(self.root) / name
        if not path.is_file():
            return None
        return f"{path.parent.name}/{path.name}", path.read_bytes()[:limit]

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
            if not BATCH_ID.match(batch_id) or batch_id == EMPTY_BATCH:
                raise StoreError(f"invalid batch id {batch_id!r}")
            if (self.lake / f"batch={batch_id}").exists() or (self.undone_dir / f"batch={batch_id}").exists():
                raise StoreError(f"batch {batch_id!r} already exists")
            tmp = self.lake / f".tmp-{uuid.uuid4().hex}"
            con = duckdb.connect()
            writer = BatchWriter(self, batch_id, seq, tmp, con, {})
            try:
                # a full disk anywhere before the commit point: the folder is removed, nothing of the batch is kept
                with disk_full_as("store.disk_full.commit", file=file or batch_id):
                    tmp.mkdir()
                    try:
                        yield writer
                    except duckdb.IOException as exc:  # DuckDB's COPY reports the disk's refusal in its own words
                        if not _duckdb_disk_full(exc):
                            raise
                        raise OSError(errno.ENOSPC, str(exc)) from exc
                    manifest = self._finish_writer(writer, file=file, sha256=sha256, user=user, counts=counts,
                                                   note=note)
                    for kind in contract.KINDS:
                        fsync(tmp / f"{kind}.parquet")
                    write_json(tmp / "manifest.json", manifest)
                    fsync(tmp)
                    os.rename(tmp, self.lake / f"batch={batch_id}")  # the commit point
                    fsync(self.lake)
            except BaseException:
                con.close()
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            log.info("commit %s: %s rows (%s) by %s", batch_id, manifest["rows"], manifest["kind"], manifest["user"])
            self._log_after_commit_point({"event": "commit", **without_files(manifest)})

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
            created_at=now_iso(),
            note=note,
        )
        manifest.update(counts or {})
        # The checksum of every file, read back from disk: what `check` compares against later.
        manifest["files"] = {f"{k}.parquet": batch_check.file_entry(writer.tmp / f"{k}.parquet") for k in contract.KINDS}
        return manifest

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
