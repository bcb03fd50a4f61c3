"""Undo and redo of a batch, and recovery from a crash in the middle of either (or of a commit).

A mixin of :class:`~kemitraan.storage.store.Store` (the local lake); the object store overrides what
differs. Each step is ordered so that a crash between any two leaves something the next open finishes
or rolls back: the intent first, then the rename (the undo or redo point), the manifest, the log line.
"""

from __future__ import annotations

import logging
import os

from kemitraan.storage import batch_check
from kemitraan.storage.lake_io import (BATCH_ID, EMPTY_BATCH, PENDING, StoreError, current_user, fsync, now_iso,
                                       read_json, without_files, write_json)

log = logging.getLogger("kemitraan.storage.store")


class UndoRedo:
    def undo(self, batch_id: str, user: str | None = None) -> dict:
        """Take a batch out of the views; it is kept under ``_undone`` and the undo is logged. Works on a damaged batch."""
        with self._lock(blocking=True):
            self._recover()
            src = self.lake / f"batch={batch_id}"
            if batch_id == EMPTY_BATCH or not BATCH_ID.match(batch_id) or not src.is_dir():
                if BATCH_ID.match(batch_id) and (self.undone_dir / f"batch={batch_id}").is_dir():
                    raise StoreError(f"batch {batch_id!r} is already undone")
                raise StoreError(f"batch {batch_id!r} not found")
            intent = {"action": "undo", "batch_id": batch_id, "user": user or current_user(), "at": now_iso()}
            write_json(self.log_dir / PENDING, intent)
            os.rename(src, self.undone_dir / f"batch={batch_id}")  # the undo point
            fsync(self.lake)
            fsync(self.undone_dir)
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
            write_json(dst / "manifest.json", manifest)
        logged = any(e.get("event") == "undo" and e.get("batch_id") == batch_id and e.get("at") == manifest["undone_at"]
                     for e in self.events())
        if not logged:
            event = {"event": "undo", "batch_id": batch_id, "user": manifest["undone_by"], "at": manifest["undone_at"]}
            if recovered:
                event.update(recovered=True, recovered_at=now_iso())
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
                event = {"event": "commit", **without_files(i.manifest or {"batch_id": i.batch_id}),
                         "recovered": True, "recovered_at": now_iso()}
                self._log(event)
                self._note_recovery("commit_logged", i.batch_id)
        pending = read_json(self.log_dir / PENDING)
        if pending is not None and pending.get("action") == "redo":
            self._recover_redo(pending)
        elif pending is not None:
            bid = str(pending.get("batch_id", ""))
            if BATCH_ID.match(bid) and (self.undone_dir / f"batch={bid}").is_dir() and not (self.lake / f"batch={bid}").exists():
                self._finish_undo(pending, recovered=True)
                self._note_recovery("undo_completed", bid)
            else:  # the folder never moved: the undo did not happen
                (self.log_dir / PENDING).unlink(missing_ok=True)
                self._log({"event": "undo_rolled_back", "batch_id": bid, "user": pending.get("user"),
                           "requested_at": pending.get("at"), "at": now_iso()})
                self._note_recovery("undo_rolled_back", bid)
        elif (self.log_dir / PENDING).exists():  # unreadable intent: written atomically, so only by hand
            (self.log_dir / PENDING).unlink(missing_ok=True)
        if pending is not None:
            found = self.inspect_batches()
        for i in found:
            if i.undone and i.manifest is not None and not i.manifest.get("undone"):  # moved, manifest not rewritten
                self._finish_undo({"batch_id": i.batch_id, "user": None, "at": now_iso()}, recovered=True)
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
            if batch_id == EMPTY_BATCH or not BATCH_ID.match(batch_id) or not src.is_dir():
                if BATCH_ID.match(batch_id) and (self.lake / f"batch={batch_id}").is_dir():
                    raise StoreError(f"batch {batch_id!r} is live, not undone")
                raise StoreError(f"batch {batch_id!r} not found")
            found = batch_check.inspect(self.lake, src, full=True)
            batch_check.remember_failures(self.lake, found.failures, found.verified)
            if found.damage is not None:
                raise StoreError(f"batch {batch_id!r} is damaged ({found.damage.reason}) and cannot be brought back")
            if found.manifest.get("manifest_rebuilt") or "rows_by_kind" not in found.manifest:
                raise StoreError(f"batch {batch_id!r} was undone with a damaged manifest and cannot be brought back")
            intent = {"action": "redo", "batch_id": batch_id, "user": user or current_user(), "at": now_iso()}
            write_json(self.log_dir / PENDING, intent)
            os.rename(src, self.lake / f"batch={batch_id}")  # the redo point
            fsync(self.undone_dir)
            fsync(self.lake)
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
            write_json(dst / "manifest.json", manifest)
        logged = any(e.get("event") == "redo" and e.get("batch_id") == batch_id and e.get("at") == intent.get("at")
                     for e in self.events())
        if not logged:
            event = {"event": "redo", "batch_id": batch_id, "user": intent.get("user"), "at": intent.get("at")}
            if recovered:
                event.update(recovered=True, recovered_at=now_iso())
            self._log_after_commit_point(event)
        (self.log_dir / PENDING).unlink(missing_ok=True)
        return manifest

    def _recover_redo(self, pending: dict) -> None:
        """A redo interrupted by a crash: completed when its folder moved back, rolled back when it did not."""
        bid = str(pending.get("batch_id", ""))
        if BATCH_ID.match(bid) and (self.lake / f"batch={bid}").is_dir() and not (self.undone_dir / f"batch={bid}").exists():
            self._finish_redo(pending, recovered=True)
            self._note_recovery("redo_completed", bid)
        else:  # the folder never moved: the redo did not happen
            (self.log_dir / PENDING).unlink(missing_ok=True)
            self._log({"event": "redo_rolled_back", "batch_id": bid, "user": pending.get("user"),
                       "requested_at": pending.get("at"), "at": now_iso()})
            self._note_recovery("redo_rolled_back", bid)
