"""``python -m kemitraan check``: verify every batch fully; exit 1 when a live one is damaged."""

from __future__ import annotations

import json

from kemitraan import auth
from kemitraan.commands.export import add_per_argument, store_per
from kemitraan.i18n import t

NAME = "check"
HELP = (
    "Verify every batch: every data file's size, Parquet footer, row count, sha256 and values; and the users "
    "file. Exit 1 if a live batch is damaged (it is set aside from the views) or the users file cannot be used, "
    "0 otherwise."
)


def add_arguments(p) -> None:
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    add_per_argument(p)
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the messages")


def _users_file_problem() -> auth.UsersFileError | None:
    """The users file's problem, if it cannot be used (editing is then closed in the app)."""
    try:
        auth.load_users()
    except auth.UsersFileError as exc:
        auth.report_users_file(exc)
        return exc
    return None


def run(args, store) -> int:
    lang = args.lang
    users_bad = _users_file_problem()
    store = store_per(args, store)  # --per: the files the catalog listed then (nothing recorded: read only)
    found = store.verify()
    live_bad = [i for i in found if i.damage and not i.undone]
    undone_bad = [i for i in found if i.damage and i.undone]
    if args.json:
        print(
            json.dumps(
                {
                    "checked": len(found),
                    "damaged": [
                        i.damage.to_dict() | {"message": i.damage.message(lang), "reference": i.damage.reference}
                        for i in live_bad + undone_bad
                    ],
                    "recovered": store.recovered,
                    "users_file": None
                    if users_bad is None
                    else {"message": users_bad.message(lang), "reference": users_bad.reference},
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return 1 if live_bad or users_bad else 0
    if users_bad is not None:
        print(t("check.users_file", lang, message=users_bad.message(lang), ref=users_bad.reference))
    for r in store.recovered:
        print(
            t(
                f"check.recovered.{r['action']}",
                lang,
                moved_to=r.get("moved_to", ""),
                detail=", ".join(
                    f"{k} {r[k]}" for k in ("batches", "undone", "damaged", "rows", "events", "notes") if k in r
                ),
            )
        )
    for i in found:
        if i.damage:
            print(t("check.damaged", lang, message=i.damage.message(lang), ref=i.damage.reference))
        elif i.checksummed:
            print(t("check.ok", lang, batch_id=i.batch_id))
        else:
            print(t("check.ok_no_checksum", lang, batch_id=i.batch_id))
    if live_bad:
        print(t("check.summary_damaged", lang, n=len(found), bad=len(live_bad)))
    elif undone_bad:
        print(t("check.summary_live_ok", lang, n=len(found)))
    else:
        print(t("check.summary_ok", lang, n=len(found)))
    if undone_bad:
        print(t("check.summary_undone_damaged", lang, bad=len(undone_bad)))
    return 1 if live_bad or users_bad else 0
