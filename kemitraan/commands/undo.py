"""``python -m kemitraan undo BATCH_ID``: take one upload out of the views (kept, logged, and reversible by ``redo``).

Before undoing, the rows of other batches that depend on this batch's partnerships are listed
(:mod:`kemitraan.storage.dependants`) and a confirmation is asked; ``--yes`` skips it, and without
a terminal and without ``--yes`` the undo is refused.
"""

from __future__ import annotations

import sys

from kemitraan.commands import prepare_after_write
from kemitraan.errors import LocalisedError, Refused
from kemitraan.i18n import t
from kemitraan.storage.dependants import Dependants, dependants
from kemitraan.storage.lake_io import DiskFull
from kemitraan.storage.store import StoreError

NAME = "undo"
HELP = (
    "Undo one batch (upload): its rows leave the views; the batch is kept and the undo recorded (redo brings "
    "it back). Rows of other batches that need its partnerships are listed first and a confirmation asked."
)

YES = {"y", "ya", "yes", "iya"}


def add_arguments(p) -> None:
    p.add_argument("batch_id", metavar="BATCH_ID", help="as listed by `batches`")
    p.add_argument("--user", help="who undoes (default: $KEMITRAAN_USER or the login name)")
    p.add_argument("--yes", action="store_true", help="undo even when rows of other batches depend on it")
    p.add_argument("--lang", choices=("id", "en"), default="id")


def run(args, store) -> int:
    lang = args.lang
    known = {m["batch_id"]: m for m in store.batches()}
    m = known.get(args.batch_id)
    if m is None:
        raise Refused(t("undo.cli.unknown", lang, batch_id=args.batch_id))
    if m.get("undone"):
        raise Refused(t("undo.cli.already", lang, batch_id=args.batch_id, at=m.get("undone_at")))
    deps = dependants(store, args.batch_id)
    if not confirm_dependants(deps, yes=args.yes, lang=lang, retry=f"undo {args.batch_id} --yes"):
        return 1
    try:
        done = store.undo(args.batch_id, user=args.user)
    except DiskFull:  # its own message, in the language asked for (cli.main)
        raise
    except StoreError as exc:
        raise Refused(exc.message(lang) if isinstance(exc, LocalisedError) else str(exc)) from exc
    print(t("undo.cli.done", lang, batch_id=done["batch_id"], file=done.get("file") or "—"))
    if deps:
        print(t("undo.cli.orphans", lang, n=deps.total_rows))
    print(t("undo.cli.redo_hint", lang, batch_id=done["batch_id"]))
    prepare_after_write(store, lang)
    return 0


def confirm_dependants(deps: Dependants, *, yes: bool, lang: str, retry: str) -> bool:
    """List the dependants (if any) and ask: True to go on. Refused without a terminal unless ``yes``;
    ``retry`` is the command to suggest (after ``python -m kemitraan``)."""
    if not deps:
        return True
    for line in deps.lines(lang):
        print(line)
    if yes:
        return True
    if not _interactive():
        raise Refused(t("undo.cli.confirm_needed", lang, batch_id=deps.batch_id, n=deps.total_rows, retry=retry))
    if input(t("undo.cli.confirm_prompt", lang)).strip().lower() in YES:
        return True
    print(t("undo.cli.cancelled", lang, batch_id=deps.batch_id))
    return False


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):  # replaced or closed stdin
        return False
