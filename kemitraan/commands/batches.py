import json

from kemitraan.i18n import t

NAME = "batches"
HELP = "List every batch (upload) with its file, kind, rows and time, and whether it is damaged; --json for machines."

FIELDS = ("batch_id", "file", "sha256", "kind", "rows", "rows_added", "rows_replaced", "rows_unchanged",
          "rows_invalid", "user", "created_at", "undone", "undone_at", "undone_by", "damaged")


def add_arguments(p) -> None:
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the messages")


def run(args, store) -> int:
    batches = store.batches()
    rows = [{k: m.get(k) for k in FIELDS} for m in batches]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print(t("batches.none", args.lang))
        return 0
    for r in rows:
        d = r["damaged"]
        r["damaged"] = t("batches.damaged", args.lang, reason=d["reason"]) if d else ""
    cols = ("batch_id", "file", "kind", "rows", "created_at", "undone", "damaged")
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in cols}
    print("  ".join(c.ljust(widths[c]) for c in cols).rstrip())
    for r in rows:
        print("  ".join(str(r[c]).ljust(widths[c]) for c in cols).rstrip())
    return 0
