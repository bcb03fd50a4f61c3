"""``python -m kemitraan redo BATCH_ID``: bring an undone upload back into the views, as it was (logged)."""

from __future__ import annotations

from kemitraan.commands import prepare_after_write
from kemitraan.errors import LocalisedError, Refused
from kemitraan.i18n import t
from kemitraan.storage.lake_io import DiskFull
from kemitraan.storage.store import StoreError

NAME = "redo"
HELP = (
    "Bring an undone batch back: its rows return to the views where no later batch holds the same key "
    "(latest value per key is by upload order). Recorded like undo."
)


def add_arguments(p) -> None:
    p.add_argument("batch_id", metavar="BATCH_ID", help="as listed by `batches`")
    p.add_argument("--user", help="who brings it back (default: $KEMITRAAN_USER or the login name)")
    p.add_argument("--lang", choices=("id", "en"), default="id")


def run(args, store) -> int:
    lang = args.lang
    m = {b["batch_id"]: b for b in store.batches()}.get(args.batch_id)
    if m is None:
        raise Refused(t("undo.cli.unknown", lang, batch_id=args.batch_id))
    if not m.get("undone"):
        raise Refused(t("redo.cli.live", lang, batch_id=args.batch_id))
    if m.get("damaged") or m.get("manifest_rebuilt"):
        raise Refused(t("redo.cli.damaged", lang, batch_id=args.batch_id))
    try:
        done = store.redo(args.batch_id, user=args.user)
    except DiskFull:  # its own message, in the language asked for (cli.main)
        raise
    except StoreError as exc:  # damaged on the full check, or changed by another process meanwhile
        raise Refused(
            t(
                "redo.cli.failed",
                lang,
                batch_id=args.batch_id,
                detail=exc.message(lang) if isinstance(exc, LocalisedError) else exc,
            )
        ) from exc
    print(t("redo.cli.done", lang, batch_id=args.batch_id, file=(done or {}).get("file") or "—"))
    later = [
        b["batch_id"] for b in store.batches() if not b.get("undone") and (b.get("seq") or 0) > (m.get("seq") or 0)
    ]
    if later:
        print(t("redo.cli.later", lang, n=len(later)))
    prepare_after_write(store, lang)
    return 0
