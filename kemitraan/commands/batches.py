"""``python -m kemitraan batches``: every batch (upload) with its file, kind, rows, time and status."""

from __future__ import annotations

import json

from kemitraan.commands.export import add_per_argument, store_per
from kemitraan.generators.demo_state import is_demo
from kemitraan.i18n import t
from kemitraan.storage.history import LIVE, UNDONE, history_entries

NAME = "batches"
HELP = "List every batch (upload) with its file, kind, rows and time, and whether it is damaged; --json for machines."

FIELDS = (
    "batch_id",
    "file",
    "sha256",
    "kind",
    "rows",
    "rows_added",
    "rows_replaced",
    "rows_unchanged",
    "rows_invalid",
    "user",
    "created_at",
    "undone",
    "undone_at",
    "undone_by",
    "redone_at",
    "redone_by",
    "damaged",
)
COLUMNS = ("batch_id", "file", "kind", "rows", "created_at", "user", "status")


def add_arguments(p) -> None:
    p.add_argument("--json", action="store_true", help="print a JSON list")
    add_per_argument(p)
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the messages")


def run(args, store) -> int:
    lang = args.lang
    store = store_per(args, store)  # --per: the batches as they stood then (a batch undone later is live there)
    batches = store.batches()
    if args.json:
        print(json.dumps([{k: m.get(k) for k in FIELDS} for m in batches], ensure_ascii=False, indent=1))
        return 0
    if not batches:
        print(t("batches.none", lang))
        return 0
    rows_of = {m["batch_id"]: int(m.get("rows") or 0) for m in batches}
    demo_ids = {m["batch_id"] for m in batches if is_demo(m["batch_id"], m)}
    rows = []
    for e in reversed(history_entries(store)):  # oldest first, as before
        if e.damage is not None:
            status = t("batches.damaged", lang, reason=e.damage.reason)
        else:
            status = t(f"batches.status.{UNDONE if e.undone else LIVE}", lang)
        file = t("batches.demo_file", lang) if e.batch_id in demo_ids else e.file or "—"
        rows.append(
            {
                "batch_id": e.batch_id,
                "file": file,
                "kind": e.kind_text(lang),
                "rows": str(rows_of.get(e.batch_id, 0)),
                "created_at": _time(e.created_at),
                "user": e.user or "—",
                "status": status,
            }
        )
    header = {c: t(f"batches.col.{c}", lang) for c in COLUMNS}
    widths = {c: max(len(header[c]), *(len(r[c]) for r in rows)) for c in COLUMNS}
    print("  ".join(header[c].ljust(widths[c]) for c in COLUMNS).rstrip())
    for r in rows:
        print("  ".join(r[c].ljust(widths[c]) for c in COLUMNS).rstrip())
    return 0


def _time(iso: str | None) -> str:
    return (iso or "—").replace("T", " ").removesuffix("+00:00")
