"""Undo and redo of a batch: a change of its status and the event, in one catalog transaction.

A mixin of :class:`~kemitraan.storage.store.Store`. The rows stay where they are (a batch's files are
never rewritten); the views read only the live batches. A crash before the commit leaves the batch as it
was; after it, the change and its event are both there. Nothing is left to recover on the next open. A disk
that refuses the catalog's write is :class:`~kemitraan.storage.lake_io.DiskFull` (nothing changed).
"""

from __future__ import annotations

import logging

from kemitraan.storage import engine
from kemitraan.storage.lake_io import BATCH_ID, StoreError, current_user, now_iso

log = logging.getLogger("kemitraan.storage.store")


class UndoRedo:
    def undo(self, batch_id: str, user: str | None = None) -> dict:
        """Take a batch out of the views; it is kept (undone) and the undo is logged. Works on a damaged batch."""
        return self._set_status("undo", batch_id, user)

    def redo(self, batch_id: str, user: str | None = None) -> dict:
        """Bring an undone batch back into the views, as it was; the redo is logged. Mirrors :meth:`undo`.

        The batch keeps its sequence number (stored in every row), so "latest value per key" still
        orders it where it was committed: a redone old batch's values show only where no later live
        batch holds the same key. A damaged batch (checked fully, sha256 included) is refused.
        """
        return self._set_status("redo", batch_id, user)

    def _set_status(self, action: str, batch_id: str, user: str | None) -> dict:
        from kemitraan.storage.store import crash_point

        if not isinstance(batch_id, str) or not BATCH_ID.match(batch_id):
            raise StoreError(f"batch {batch_id!r} not found")
        if action == "redo":
            self._check_redoable(batch_id)
        user = user or current_user()
        at = now_iso()
        key = "store.disk_full.undo" if action == "undo" else "store.disk_full.redo"

        def change(con) -> None:
            found = con.execute(
                f"SELECT status FROM {engine.table(engine.BATCHES)} WHERE batch_id = ?", [batch_id]
            ).fetchall()
            if not found:
                raise StoreError(f"batch {batch_id!r} not found")
            status = found[0][0]
            if action == "undo" and status == "undone":
                raise StoreError(f"batch {batch_id!r} is already undone")
            if action == "redo" and status != "undone":
                raise StoreError(f"batch {batch_id!r} is live, not undone")
            if action == "undo":
                con.execute(
                    f"UPDATE {engine.table(engine.BATCHES)} SET status = 'undone', undone_at = ?, undone_by = ? "
                    f"WHERE batch_id = ?",
                    [at, user, batch_id],
                )
            else:
                con.execute(
                    f"UPDATE {engine.table(engine.BATCHES)} SET status = 'live', undone_at = NULL, "
                    f"undone_by = NULL, redone_at = ?, redone_by = ? WHERE batch_id = ?",
                    [at, user, batch_id],
                )
            crash_point(f"{action}_before")
            self.log_event(con, {"event": action, "batch_id": batch_id, "user": user, "at": at})

        with self.disk_full_as(key, batch_id=batch_id):
            self.retried(change)  # tried again when another server's write met it (it then sees that one)
        crash_point(f"{action}_after")
        log.info("%s %s by %s", action, batch_id, user)
        return next(m for m in self._batch_rows() if m["batch_id"] == batch_id)

    def _check_redoable(self, batch_id: str) -> None:
        for i in self.inspect_batches(full=True, only=batch_id):
            if i.batch_id == batch_id and i.damage is not None:
                raise StoreError(f"batch {batch_id!r} is damaged ({i.damage.reason}) and cannot be brought back")
