import json

NAME = "batches"
HELP = "List every batch (upload) with its file, kind, rows and time; --json for machines."

FIELDS = ("batch_id", "file", "sha256", "kind", "rows", "rows_added", "rows_replaced", "rows_unchanged",
          "rows_invalid", "user", "created_at", "undone", "undone_at", "undone_by")


def add_arguments(p) -> None:
    p.add_argument("--json", action="store_true", help="print a JSON list")


def run(args, store) -> int:
    rows = [{k: m.get(k) for k in FIELDS} for m in store.batches()]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("(no batches)")
        return 0
    cols = ("batch_id", "file", "kind", "rows", "created_at", "undone")
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in cols}
    print("  ".join(c.ljust(widths[c]) for c in cols))
    for r in rows:
        print("  ".join(str(r[c]).ljust(widths[c]) for c in cols))
    return 0
