"""The history of batches as the upload page shows it, and undo with a message in the user's language."""

from __future__ import annotations

import pandas as pd

from kemitraan import contract
from kemitraan.i18n import t
from kemitraan.labels import kind_label
from kemitraan.storage.objects import LocationError
from kemitraan.storage.store import Store, StoreError



HISTORY_KEYS: tuple[str, ...] = ("batch_id", "created_at", "status", "file", "kind", "rows_added", "rows_replaced",
                                 "rows_unchanged", "rows_invalid", "user")


def history_frame(store: Store, lang: str) -> pd.DataFrame:
    """Every batch, newest first, with its counts and whether (and by whom) it was undone."""
    rows = []
    for m in sorted(store.batches(), key=lambda m: m.get("seq") or 0, reverse=True):
        if m.get("undone"):
            status = t("upload.status.undone", lang, at=_short_time(m.get("undone_at")), by=m.get("undone_by") or "—")
        else:
            status = t("upload.status.live", lang)
        kinds = m.get("kinds") or [k for k in (m.get("kind") or "").split(",") if k]
        rows.append({
            "batch_id": m.get("batch_id"),
            "file": m.get("file") or "—",
            "kind": ", ".join(kind_label(k, lang) if k in contract.KINDS else k for k in kinds) or "—",
            **{k: int(m.get(k) or 0) for k in ("rows_added", "rows_replaced", "rows_unchanged", "rows_invalid")},
            "user": m.get("user") or "—",
            "created_at": _short_time(m.get("created_at")),
            "status": status,
        })
    return pd.DataFrame(rows, columns=list(HISTORY_KEYS)).rename(
        columns={k: t(f"upload.history.{k}", lang) for k in HISTORY_KEYS})


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
    return t("upload.undo.option", lang, batch=manifest.get("batch_id"), file=manifest.get("file") or "—",
             rows=int(manifest.get("rows") or 0))


def undo_batch(store: Store, batch_id: str, user: str | None = None) -> tuple[bool, str]:
    """Undo one batch: (True, "") when done, (False, the store's reason) when not; :func:`undo_message` words it."""
    try:
        store.undo(batch_id, user=user)
    except (StoreError, LocationError) as exc:  # LocationError: an object store that cannot coordinate writers
        return False, str(exc)
    return True, ""


def undo_message(batch_id: str, ok: bool, detail: str, lang: str) -> str:
    if ok:
        return t("upload.undo.done", lang, batch=batch_id)
    return t("upload.undo.failed", lang, batch=batch_id, detail=detail)
