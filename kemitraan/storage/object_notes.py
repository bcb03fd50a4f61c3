"""Meeting notes on object storage: ``s3://bucket/prefix/notes/events/<time>-<id>.json``, one object per event.

A local data folder keeps notes as lines appended to ``notes/notes.jsonl`` under a file lock;
object storage has neither append nor lock, so each add or delete event is its own object,
created with a conditional write (never overwritten) and named by its UTC time, so a listing
gives them oldest first. Several servers add notes at once without coordinating. Events
are read once per process (they never change) and kept in memory.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid
from pathlib import PurePosixPath

from kemitraan.storage import objects
from kemitraan.storage.notes import Notes
from kemitraan.storage.objects import ObjectFiles

_bodies: dict[str, dict | None] = {}
_lock = threading.Lock()


class ObjectNotes(Notes):
    """:class:`~kemitraan.storage.notes.Notes` of an ``s3://`` data folder (``Notes(url)`` gives one)."""

    def __init__(self, data_dir: str):
        self.fs = objects.filesystem()
        self.dir = PurePosixPath(objects.key_of(str(data_dir))) / "notes"
        self.path = self.dir / "events"

    def _append(self, event: dict) -> None:
        # The writer's clock orders the events; servers a few seconds apart in time is harmless for notes.
        name = f"{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex[:12]}.json"
        ObjectFiles(self.fs).create(str(self.path / name), json.dumps(event, ensure_ascii=False).encode("utf-8"))

    def events(self) -> list[dict]:
        keys = sorted(ObjectFiles(self.fs).list(str(self.path)))
        missing = [k for k in keys if k not in _bodies]
        if missing:
            got = self.fs.cat(missing, on_error="return")
            with _lock:
                for k in missing:
                    body = got.get(k)
                    try:
                        e = json.loads(body.decode("utf-8")) if isinstance(body, bytes) else None
                    except (UnicodeDecodeError, ValueError):
                        e = None
                    ok = isinstance(e, dict) and e.get("event") in ("add", "delete") and e.get("id")
                    _bodies[k] = e if ok else None
        return [_bodies[k] for k in keys if _bodies.get(k) is not None]
