"""``python -m kemitraan demo``: the synthetic demo data as a batch; ``--hide`` / ``--show`` as the upload page does."""

from __future__ import annotations

import sys

from kemitraan.commands import prepare_after_write
from kemitraan.commands.undo import confirm_dependants
from kemitraan.errors import Refused
from kemitraan.generators import demo, demo_state
from kemitraan.i18n import t
from kemitraan.labels import fmt_number, kind_label

NAME = "demo"
HELP = (
    "Write the deterministic synthetic demo dataset into the store as batch 'demo'; --hide undoes it "
    "(start with your own data), --show brings it back."
)


def add_arguments(p) -> None:
    p.add_argument("--partnerships", type=int, default=60, help="number of partnerships (default 60)")
    p.add_argument("--years", type=int, default=5, help="years of indicator data (default 5)")
    p.add_argument("--seed", type=int, default=20240501, help="random seed (same seed, same data)")
    p.add_argument("--batch-id", default=demo.DEMO_BATCH, help="batch id (default 'demo')")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--hide", action="store_true", help="undo the demo batch (reversible with --show)")
    which.add_argument("--show", action="store_true", help="bring a hidden demo batch back")
    p.add_argument("--user", help="who hides or shows it (default: $KEMITRAAN_USER or the login name)")
    p.add_argument("--yes", action="store_true", help="hide even when rows of other batches use demo partnerships")
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the messages")


def run(args, store) -> int:
    lang = args.lang
    if args.hide:
        for deps in demo_state.demo_dependants(store):
            if not confirm_dependants(deps, yes=args.yes, lang=lang, retry="demo --hide --yes"):
                return 1
        ids = demo_state.hide_demo(store, user=args.user)
        print(t("demo.cli.hidden" if ids else "demo.cli.nothing_to_hide", lang, batches=", ".join(ids)))
        if ids:
            prepare_after_write(store, lang)
        return 0
    if args.show:
        ids = demo_state.show_demo(store, user=args.user)
        print(t("demo.cli.shown" if ids else "demo.cli.already_live", lang, batches=", ".join(ids)))
        if ids:
            prepare_after_write(store, lang)
        return 0
    if args.partnerships < 1 or args.years < 1:
        # printed here, not raised: the shared usage-error prefix ("error:") is English only
        print(t("demo.cli.bad_size", lang), file=sys.stderr)
        return 2
    existing = {b["batch_id"]: b for b in store.batches()}.get(args.batch_id)
    if existing is not None:
        key = "demo.cli.exists_undone" if existing.get("undone") else "demo.cli.exists"
        raise Refused(t(key, lang, batch_id=args.batch_id))
    m = demo.generate(store, partnerships_n=args.partnerships, years=args.years, seed=args.seed, batch_id=args.batch_id)
    by_kind = ", ".join(
        t("deps.kind_rows", lang, kind=kind_label(k, lang).lower(), n=fmt_number(v, lang))
        for k, v in m["rows_by_kind"].items()
    )
    print(t("demo.cli.written", lang, batch_id=m["batch_id"], counts=by_kind))
    prepare_after_write(store, lang)
    return 0
