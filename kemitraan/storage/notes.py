"""Meeting notes (interpretations): what an editor wrote on a slide or a partnership's profile.

Stored in the lake's catalog, in the ``notes`` table (:mod:`kemitraan.storage.engine`), apart from the
batches, so undoing a batch never takes a note with it. An ``add`` event holds the whole note: id, text,
author, created_at, the filters it was written under and its target (a slide key or a partnership code).
The filters are codes, a plain dict the callers make and read (:mod:`kemitraan.queries.filter_codes`, above
storage, turns the global filters into codes and back): a note stores them as given. Deleting appends a
``delete`` event; nothing is erased, so the table is the history. Each event is one catalog transaction, so
several processes (app workers, the command line) can add and read at once; a disk that refuses the write is
:class:`~kemitraan.storage.lake_io.DiskFull` and the note is not stored.

Text is plain text and stays exactly as typed; whoever shows it must show it as text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from kemitraan.i18n import t
from kemitraan.storage import engine
from kemitraan.storage.lake_io import current_user

#: Longest note, in characters: a page of meeting conclusions, not a report.
MAX_TEXT = 5000
MAX_AUTHOR = 100
TARGET_KINDS: tuple[str, ...] = ("slide", "kemitraan")
#: Slide keys are the deck's (``ringkasan``, ``jangkauan`` …); partnership codes as the contract allows.
_SLIDE_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_MAX_CODE = 80
_ALLOWED_CONTROL = {"\n", "\r", "\t"}


class NoteError(ValueError):
    """A note that cannot be stored (or deleted); :meth:`message` says why in the user's language."""

    def __init__(self, message_key: str, **fields: object):
        super().__init__(message_key)
        self.key, self.fields = message_key, fields

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.fields)


@dataclass(frozen=True)
class Note:
    id: str
    text: str
    author: str
    created_at: str  # ISO 8601, UTC
    target_kind: str  # "slide" | "kemitraan"
    target_key: str
    filters: dict = field(default_factory=dict)  # codes, see kemitraan.queries.filter_codes

    @classmethod
    def from_event(cls, e: dict) -> Note:
        return cls(
            id=e["id"],
            text=e["text"],
            author=e["author"],
            created_at=e["created_at"],
            target_kind=e["target_kind"],
            target_key=e["target_key"],
            filters=dict(e.get("filters") or {}),
        )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _check_text(text: object, what: str, limit: int) -> str:
    if not isinstance(text, str) or not text.strip():
        raise NoteError(f"notes.err.{what}_empty")
    if len(text) > limit:
        raise NoteError(f"notes.err.{what}_long", limit=limit, n=len(text))
    for i, ch in enumerate(text):
        # control characters cannot be written into PPTX/XLSX (XML) and are never typed on purpose
        if (unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROL) or unicodedata.category(ch) == "Cs":
            raise NoteError(f"notes.err.{what}_char", pos=i + 1, code=f"U+{ord(ch):04X}")
    return text


def _check_target(kind: str, key: object) -> str:
    if kind not in TARGET_KINDS:
        raise NoteError("notes.err.target_kind", kind=kind, kinds=", ".join(TARGET_KINDS))
    key = str(key or "")
    if kind == "slide" and not _SLIDE_KEY.match(key):
        raise NoteError("notes.err.slide_key", key=key)
    if kind == "kemitraan" and (not key.strip() or len(key) > _MAX_CODE):
        raise NoteError("notes.err.kemitraan_key", key=key[:_MAX_CODE])
    return key


class Notes:
    """The notes of one data folder (``Notes(store.root)``)."""

    def __init__(self, data_dir: Path | str):
        from kemitraan.storage.store import Store

        self.store = data_dir if isinstance(data_dir, Store) else Store(data_dir)

    def _append(self, event: dict) -> None:
        # a disk that refuses the catalog's write: nothing stored (the transaction rolled back), said as such
        with self.store.disk_full_as("store.disk_full.note"), self.store.transaction() as con:
            con.execute(
                f"INSERT INTO {engine.table(engine.NOTES)} VALUES (?, ?, ?, ?)",
                [
                    event.get("created_at") or event.get("at") or _now(),
                    event["event"],
                    event["id"],
                    json.dumps(event, ensure_ascii=False),
                ],
            )

    def events(self) -> list[dict]:
        """Every add and delete event, oldest first."""
        con = self.store._catalog()
        try:
            rows = con.execute(f"SELECT data FROM {self.store._table(engine.NOTES)} ORDER BY rowid").fetchall()
        finally:
            con.close()
        out = []
        for (data,) in rows:
            try:
                e = json.loads(data)
            except ValueError:
                continue
            if isinstance(e, dict) and e.get("event") in ("add", "delete") and e.get("id"):
                out.append(e)
        return out

    def add(
        self,
        text: str,
        target_kind: str,
        target_key: str,
        *,
        author: str | None = None,
        filters: dict | None = None,
        now: str | None = None,
    ) -> Note:
        """Store a note; raises :class:`NoteError` (nothing stored) for empty or too long text, a bad target…

        ``filters``: the filters it was written under, as codes (``filter_codes.to_codes``); None for none."""
        text = _check_text(text, "text", MAX_TEXT)
        author = _check_text(author if author is not None else current_user(), "author", MAX_AUTHOR)
        target_key = _check_target(target_kind, target_key)
        if not isinstance(filters, dict | None):
            raise TypeError(f"a note's filters are codes (a dict), not {type(filters).__name__}")
        codes = dict(filters or {})
        note = Note(
            id=uuid.uuid4().hex[:12],
            text=text,
            author=author,
            created_at=now or _now(),
            target_kind=target_kind,
            target_key=target_key,
            filters=codes,
        )
        self._append({"event": "add", **note.__dict__})
        return note

    def delete(self, note_id: str, *, by: str | None = None) -> None:
        """Record that a note was deleted; it leaves every list but stays in the file."""
        if note_id not in {n.id for n in self.list()}:
            raise NoteError("notes.err.unknown", id=note_id)
        self._append({"event": "delete", "id": note_id, "by": by or current_user(), "at": _now()})

    def list(self, target_kind: str | None = None, target_key: str | None = None) -> list[Note]:
        """Live notes, oldest first; only those of one target when given."""
        notes: dict[str, Note] = {}
        for e in self.events():
            if e["event"] == "add":
                try:
                    notes.setdefault(e["id"], Note.from_event(e))
                except KeyError:
                    continue
            else:
                notes.pop(e["id"], None)
        return [
            n
            for n in notes.values()
            if (target_kind is None or n.target_kind == target_kind)
            and (target_key is None or n.target_key == target_key)
        ]

    def for_slide(self, key: str) -> list[Note]:
        return self.list("slide", key)

    def for_partnership(self, kode: str) -> list[Note]:
        return self.list("kemitraan", kode)
