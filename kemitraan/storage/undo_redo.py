"""Undo and redo of a batch, and recovery from a crash in the middle of either (or of a commit).

A mixin of :class:`~kemitraan.storage.store.Store` (the local lake); the object store overrides what
differs. Each step is ordered so that a crash between any two leaves something the next open finishes
or rolls back: the intent first, then the rename (the undo or redo point), the manifest, the log line.
"""

from __future__ import annotations

import logging
import os

from kemitraan.storage import batch_check
from kemitraan.storage.lake_io import (BATCH_ID, EMPTY_BATCH, PENDING, StoreError, current_user, disk_full_as, fsync,
                                       is_disk_full, now_iso, read_json, without_files, write_json)

log = logging.getLogger("kemitraan.storage.store")


class UndoRedo:
    def undo(self, batch_id: str, user: str | None = None) -> dict:
        """Take a batch out of the views; it is kept under ``_undone`` and the undo is logged. Works on a damaged batch."""
        return self._move_batch("undo", batch_id, user, self.lake, self.undone_dir, "is already undone")

    def _move_batch(self, action: str, batch_id: str, user: str | None, src_dir, dst_dir, elsewhere: str,
                    check=None) -> dict:
        """Undo (lake → _undone) or redo (back): the intent, the rename (the undo or redo point), then the rest."""
        with self._lock(blocking=True):
            self._recover()
            src = src_dir / f"batch={batch_id}"
            if batch_id == EMPTY_BATCH or not BATCH_ID.match(batch_id) or not src.is_dir():
                if BATCH_ID.match(batch_id) and (dst_dir / f"batch={batch_id}").is_dir():
                    raise StoreError(f"batch {batch_id!r} {elsewhere}")
                raise StoreError(f"batch {batch_id!r} not found")
            if check is not None:
                check(batch_id, src)
            intent = {"action": action, "batch_id": batch_id, "user": user or current_user(), "at": now_iso()}
            key = "store.disk_full.undo" if action == "undo" else "store.disk_full.redo"
            with disk_full_as(key, batch_id=batch_id):
                write_json(self.log_dir / PENDING, intent)
            dst = dst_dir / f"batch={batch_id}"
            os.rename(src, dst)  # the undo or redo point
            fsync(src_dir)
            fsync(dst_dir)
            try:
                manifest = self._finish_undo(intent) if action == "undo" else self._finish_redo(intent)
            except OSError as exc:
                if not is_disk_full(exc):
                    raise
                # the manifest could not be rewritten (it is whole: written beside, then renamed): move the folder
                # back and drop the intent, so the batch is exactly as before and the user is told nothing changed
                os.rename(dst, src)
                fsync(dst_dir)
                fsync(src_dir)
                (self.log_dir / PENDING).unlink(missing_ok=True)
                with disk_full_as(key, batch_id=batch_id):
                    raise exc from None
            log.info("%s %s by %s", action, batch_id, intent["user"])
            return manifest

    def _log_once(self, event: dict, *, recovered: bool) -> None:
        """Log an undo or redo unless the log has it (a recovery may finish one already logged); clear the intent."""
        logged = any(e.get("event") == event["event"] and e.get("batch_id") == event["batch_id"]
                     and e.get("at") == event["at"] for e in self.events())
        if not logged:
            if recovered:
                event.update(recovered=True, recovered_at=now_iso())
            self._log_after_commit_point(event)
        (self.log_dir / PENDING).unlink(missing_ok=True)

    def _roll_back(self, action: str, batch_id: str, pending: dict) -> None:
        """The folder never moved: the undo or redo did not happen; the intent is dropped and that is logged."""
        (self.log_dir / PENDING).unlink(missing_ok=True)
        self._log({"event": f"{action}_rolled_back", "batch_id": batch_id, "user": pending.get("user"),
                   "requested_at": pending.get("at"), "at": now_iso()})
        self._note_recovery(f"{action}_rolled_back", batch_id)

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
        self._log_once({"event": "undo", "batch_id": batch_id, "user": manifest["undone_by"], "at": manifest["undone_at"]},
                       recovered=recovered)
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
            else:
                self._roll_back("undo", bid, pending)
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
        return self._move_batch("redo", batch_id, user, self.undone_dir, self.lake, "is live, not undone",
                                check=self._check_redoable)

    def _check_redoable(self, batch_id: str, src) -> None:
        found = batch_check.inspect(self.lake, src, full=True)
        batch_check.remember_failures(self.lake, found.failures, found.verified)
        if found.damage is not None:
            raise StoreError(f"batch {batch_id!r} is damaged ({found.damage.reason}) and cannot be brought back")
        if found.manifest.get("manifest_rebuilt") or "rows_by_kind" not in found.manifest:
            raise StoreError(f"batch {batch_id!r} was undone with a damaged manifest and cannot be brought back")

    def _finish_redo(self, intent: dict, *, recovered: bool = False) -> dict | None:
        """Everything after the redo point: the manifest says live, the log says so, the intent is cleared."""
        batch_id = intent["batch_id"]
        dst = self.lake / f"batch={batch_id}"
        manifest = batch_check.try_read_manifest(dst)
        if manifest is not None and manifest.get("undone"):
            manifest.update(undone=False, undone_at=None, undone_by=None,
                            redone_at=intent.get("at"), redone_by=intent.get("user"))
            write_json(dst / "manifest.json", manifest)
        self._log_once({"event": "redo", "batch_id": batch_id, "user": intent.get("user"), "at": intent.get("at")},
                       recovered=recovered)
        return manifest

    def _recover_redo(self, pending: dict) -> None:
        """A redo interrupted by a crash: completed when its folder moved back, rolled back when it did not."""
        bid = str(pending.get("batch_id", ""))
        if BATCH_ID.match(bid) and (self.lake / f"batch={bid}").is_dir() and not (self.undone_dir / f"batch={bid}").exists():
            self._finish_redo(pending, recovered=True)
            self._note_recovery("redo_completed", bid)
        else:
            self._roll_back("redo", bid, pending)
