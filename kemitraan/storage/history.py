"""The history of batches as the upload page shows it, and undo and redo with a message in the user's language."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kemitraan import contract
from kemitraan.i18n import t
from kemitraan.labels import kind_label
from kemitraan.storage.batch_check import Damage
from kemitraan.storage.lake_io import DiskFull
from kemitraan.storage.store import Store, StoreError

#: :attr:`HistoryEntry.status` values.
LIVE, UNDONE, DAMAGED = "live", "undone", "damaged"
COUNT_KEYS: tuple[str, ...] = ("rows_added", "rows_replaced", "rows_unchanged", "rows_invalid")


@dataclass(frozen=True)
class HistoryEntry:
    """One batch as the history table shows it, with what can be done to it."""

    batch_id: str
    seq: int | None
    file: str | None
    kinds: tuple[str, ...]
    user: str | None
    created_at: str | None  # ISO 8601, UTC
    rows_added: int  # new
    rows_replaced: int  # changed
    rows_unchanged: int
    rows_invalid: int  # skipped
    undone: bool
    undone_at: str | None
    undone_by: str | None
    redone_at: str | None  # when an undone batch was brought back (None if never)
    redone_by: str | None
    damage: Damage | None

    @property
    def status(self) -> str:
        """:data:`DAMAGED` (live or undone), :data:`UNDONE` or :data:`LIVE`."""
        return DAMAGED if self.damage is not None else UNDONE if self.undone else LIVE

    @property
    def action(self) -> str | None:
        """``"undo"`` for a live batch (damaged too), ``"redo"`` for an undone healthy one, else None."""
        if not self.undone:
            return "undo"
        return "redo" if self.damage is None else None

    def status_text(self, lang: str) -> str:
        if self.damage is not None:
            what = t(f"history.damage.{self.damage.reason}", lang)
            key = "history.status.damaged_undone" if self.undone else "history.status.damaged"
            return t(key, lang, reason=what)
        if self.undone:
            return t("upload.status.undone", lang, at=_short_time(self.undone_at), by=self.undone_by or "—")
        if self.redone_at:
            return t("history.status.redone", lang, at=_short_time(self.redone_at), by=self.redone_by or "—")
        return t("upload.status.live", lang)

    def kind_text(self, lang: str) -> str:
        return ", ".join(kind_label(k, lang) if k in contract.KINDS else k for k in self.kinds) or "—"


def history_entries(store: Store) -> list[HistoryEntry]:
    """Every batch, newest first: live, undone and damaged."""
    out = []
    for m in sorted(store.batches(), key=lambda m: m.get("seq") or 0, reverse=True):
        d = m.get("damaged")
        out.append(
            HistoryEntry(
                batch_id=m["batch_id"],
                seq=m.get("seq"),
                file=m.get("file"),
                kinds=tuple(m.get("kinds") or [k for k in (m.get("kind") or "").split(",") if k]),
                user=m.get("user"),
                created_at=m.get("created_at"),
                **{k: int(m.get(k) or 0) for k in COUNT_KEYS},
                undone=bool(m.get("undone")),
                undone_at=m.get("undone_at"),
                undone_by=m.get("undone_by"),
                redone_at=m.get("redone_at"),
                redone_by=m.get("redone_by"),
                damage=Damage(**d) if d else None,
            )
        )
    return out


HISTORY_KEYS: tuple[str, ...] = (
    "batch_id",
    "created_at",
    "status",
    "file",
    "kind",
    "rows_added",
    "rows_replaced",
    "rows_unchanged",
    "rows_invalid",
    "user",
)


def history_frame(store: Store, lang: str) -> pd.DataFrame:
    """Every batch, newest first, with its counts and status: live (brought back when, by whom), undone
    (when, by whom) or damaged (why). Column names in ``lang``; :func:`history_entries` has the values."""
    rows = [
        {
            "batch_id": e.batch_id,
            "file": e.file or "—",
            "kind": e.kind_text(lang),
            **{k: getattr(e, k) for k in COUNT_KEYS},
            "user": e.user or "—",
            "created_at": _short_time(e.created_at),
            "status": e.status_text(lang),
        }
        for e in history_entries(store)
    ]
    return pd.DataFrame(rows, columns=list(HISTORY_KEYS)).rename(
        columns={k: t(f"upload.history.{k}", lang) for k in HISTORY_KEYS}
    )


def _short_time(iso: str | None) -> str:
    if not iso:
        return "—"
    try:
        ts = pd.Timestamp(iso)
    except ValueError:
        return str(iso)
    return ts.strftime("%Y-%m-%d %H:%M %Z").strip()


def undoable(store: Store) -> list[dict]:
    """The live batches, newest first: the ones that can be undone."""
    return sorted((m for m in store.batches() if not m.get("undone")), key=lambda m: m.get("seq") or 0, reverse=True)


def batch_label(manifest: dict, lang: str) -> str:
    return t(
        "upload.undo.option",
        lang,
        batch=manifest.get("batch_id"),
        file=manifest.get("file") or "—",
        rows=int(manifest.get("rows") or 0),
    )


def _attempt(step, batch_id: str, user: str | None, refusals: tuple[type[Exception], ...]) -> tuple[bool, str]:
    """(True, "") or (False, the store's reason); a full disk is raised (:class:`DiskFull`: its own message)."""
    try:
        step(batch_id, user=user)
    except DiskFull:
        raise
    except refusals as exc:
        return False, str(exc)
    return True, ""


def _message(done_key: str, failed_key: str, batch_id: str, ok: bool, detail: str, lang: str) -> str:
    return t(done_key, lang, batch=batch_id) if ok else t(failed_key, lang, batch=batch_id, detail=detail)


def undo_batch(store: Store, batch_id: str, user: str | None = None) -> tuple[bool, str]:
    """Undo one batch: (True, "") when done, (False, the store's reason) when not; :func:`undo_message` words it."""
    return _attempt(store.undo, batch_id, user, (StoreError,))


def undo_message(batch_id: str, ok: bool, detail: str, lang: str) -> str:
    return _message("upload.undo.done", "upload.undo.failed", batch_id, ok, detail, lang)


def redoable(store: Store) -> list[dict]:
    """The undone batches that can be brought back (not damaged), newest first."""
    return sorted(
        (m for m in store.batches() if m.get("undone") and not m.get("damaged")),
        key=lambda m: m.get("seq") or 0,
        reverse=True,
    )


def redo_batch(store: Store, batch_id: str, user: str | None = None) -> tuple[bool, str]:
    """Bring one undone batch back: (True, "") when done, (False, the store's reason) when not."""
    return _attempt(store.redo, batch_id, user, (StoreError,))


def redo_message(batch_id: str, ok: bool, detail: str, lang: str) -> str:
    return _message("history.redo.done", "history.redo.failed", batch_id, ok, detail, lang)
