"""``python -m kemitraan ingest FILE...``: the same prepare/commit the page calls."""

from __future__ import annotations

import sys
from pathlib import Path

from kemitraan import contract
from kemitraan.commands import prepare_after_write
from kemitraan.errors import Refused
from kemitraan.i18n import t
from kemitraan.ingest import IngestRefused, commit, prepare

NAME = "ingest"
HELP = (
    "Read, check and store spreadsheets (CSV, XLSX, ODS; KoboToolbox, ODK, DHIS2). "
    "Strict: a file with errors stores nothing unless --skip-invalid."
)
MAX_LISTED = 50


def add_arguments(p) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="CSV/XLSX/XLS/ODS files")
    p.add_argument("--kind", help="kemitraan | indikator | survei (default: detected from the headers)")
    p.add_argument("--dry-run", action="store_true", help="report only, store nothing")
    p.add_argument("--skip-invalid", action="store_true", help="store the valid rows, skip the invalid ones")
    p.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    p.add_argument("--user", help="who uploads (default: $KEMITRAAN_USER or the login name)")
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the messages")


def run(args, store) -> int:
    if args.kind is not None and args.kind not in contract.KINDS:
        names = {k: t(f"ingest.kind.{k}", args.lang) for k in contract.KINDS}
        choices = ", ".join(k if names[k] == k else f"{k} ({names[k]})" for k in contract.KINDS)
        # printed here, not raised: the shared usage-error prefix ("error:") is English only
        print(t("ingest.cli.bad_kind", args.lang, choices=choices, got=args.kind), file=sys.stderr)
        return 2
    files = []
    for f in args.files:
        p = Path(f)
        if not p.is_file():
            print(t("ingest.cli.no_file", args.lang, path=f), file=sys.stderr)
            return 2
        files.append((p.name, p.read_bytes()))
    lang = args.lang
    report = prepare(store, files, kind=args.kind, lang=lang)
    refused = not report.ok and not args.skip_invalid
    if not args.dry_run and not refused:
        try:
            commit(store, report, skip_invalid=args.skip_invalid, user=args.user)
        except IngestRefused:  # the store changed between reading and writing, and rows became invalid
            refused = True
    if args.json:
        print(report.to_json(lang))
    else:
        _print_human(report, args, lang)
    if refused:
        errors = report.errors
        lines = [p.message(lang) for p in errors[:MAX_LISTED]]
        if len(errors) > MAX_LISTED:
            lines.append(t("ingest.cli.more", lang, n=len(errors) - MAX_LISTED))
        lines.append(t("ingest.refused", lang, n=len(errors)))
        raise Refused("\n".join(lines))
    if report.committed:
        del report, files  # the files and their parsed rows: not held while the base is built beside them
        prepare_after_write(store, lang)
    return 0


def _print_human(report, args, lang: str) -> None:
    for kind, c in report.counts.items():
        print(t("ingest.cli.summary", lang, kind=t(f"ingest.kind.{kind}", lang), **c))
    for w in report.warnings[:MAX_LISTED]:
        print(w.message(lang), file=sys.stderr)
    if args.dry_run:
        print(t("ingest.cli.dry_run", lang))
        return
    if not report.ok and not args.skip_invalid:
        return
    for e in report.errors[:MAX_LISTED]:  # skipped rows, and why
        print(e.message(lang), file=sys.stderr)
    if not report.committed:
        print(t("ingest.cli.nothing_new", lang))
    for m in report.committed:
        print(t("ingest.cli.stored", lang, batch_id=m["batch_id"], file=m["file"], rows=m["rows"]))
    invalid = sum(c["invalid"] for c in report.counts.values())
    if invalid and args.skip_invalid:
        print(t("ingest.cli.skipped_invalid", lang, n=invalid))
