"""The event log of a lake on object storage, and the recovery of events a crashed writer did not log.

One object per event (``lake/_log/events/<commit|undo|other>/<id>.json``), each written once
with a conditional write, so a commit or an undo is logged once per batch however many
servers try. The objects are only ever created, never rewritten: each is read once per
process and remembered by key and ETag. :class:`~kemitraan.storage.object_store.ObjectStore`
takes these methods from :class:`ObjectEventLog`; the layout of the lake is described there.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading

from kemitraan.storage import batch_check
from kemitraan.storage.lake_io import now_iso, without_files
from kemitraan.storage.objects import Conflict, ObjectFiles, ObjectStat

log = logging.getLogger(__name__)

MANIFEST = batch_check.MANIFEST
UNDONE = "undone.json"
_json_cache: dict[tuple[str, str], dict | None] = {}  # (key, etag) -> parsed body of an immutable object
_cache_lock = threading.Lock()


def _remember(key: tuple[str, str], body: bytes | None) -> None:
    """Parse an object's body (None: unreadable) and keep it for the process."""
    try:
        data = json.loads(body.decode("utf-8")) if isinstance(body, bytes) else None
    except ValueError:
        data = None
    with _cache_lock:
        _json_cache[key] = data if isinstance(data, dict) else None


class ObjectEventLog:
    """The event log and crash recovery of :class:`~kemitraan.storage.object_store.ObjectStore` (a mixin)."""

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
                body = self.fs.cat_file(key)
            except OSError:
                body = None
            if len(_json_cache) > 50_000:
                with _cache_lock:
                    _json_cache.clear()
            _remember(k, body)
        return _json_cache[k]

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
                _remember((k, listing[k].st_mtime_ns), bodies.get(k))
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
