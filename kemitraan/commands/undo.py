"""``python -m kemitraan undo BATCH_ID``: take one upload out of the views (kept, and logged)."""

from __future__ import annotations

from kemitraan.errors import Refused
from kemitraan.i18n import t
from kemitraan.storage.store import StoreError

NAME = "undo"
HELP = "Undo one batch (upload): its rows leave the views; the batch is kept and the undo recorded."


def add_arguments(p) -> None:
    p.add_argument("batch_id", metavar="BATCH_ID", help="as listed by `batches`")
    p.add_argument("--user", help="who undoes (default: $KEMITRAAN_USER or the login name)")
    p.add_argument("--lang", choices=("id", "en"), default="id")


def run(args, store) -> int:
    known = {m["batch_id"]: m for m in store.batches()}
    m = known.get(args.batch_id)
    if m is None:
        raise Refused(t("undo.cli.unknown", args.lang, batch_id=args.batch_id))
    if m.get("undone"):
        raise Refused(t("undo.cli.already", args.lang, batch_id=args.batch_id, at=m.get("undone_at")))
    try:
        done = store.undo(args.batch_id, user=args.user)
    except StoreError as exc:
        raise Refused(str(exc)) from exc
    print(t("undo.cli.done", args.lang, batch_id=done["batch_id"], file=done.get("file") or "—"))
    return 0
