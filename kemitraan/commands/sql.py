"""``python -m kemitraan sql QUERY``: the read-only console (see kemitraan.storage.console)."""

from __future__ import annotations

import json
import re
import sys

import pandas as pd

from kemitraan.commands.export import add_per_argument, store_per
from kemitraan.errors import Refused, UsageError
from kemitraan.export import spreadsheet
from kemitraan.i18n import t
from kemitraan.storage.console import (
    DEFAULT_MAX_ROWS,
    DEFAULT_MEMORY_LIMIT,
    DEFAULT_TIMEOUT_S,
    ConsoleError,
    prestart,
    run_console,
)
from kemitraan.storage.store import default_data_dir

NAME = "sql"
HELP = (
    "Run one read-only SQL query over the views kemitraan, indikator, survei and batches "
    "(no file access, time and memory limits)."
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def add_arguments(p) -> None:
    p.add_argument("query", help='e.g. "SELECT kategori, count(*) FROM kemitraan GROUP BY 1"')
    p.add_argument(
        "--format",
        choices=("csv", "json", "table"),
        default="table",
        help="csv: text that could run as a spreadsheet formula is written as text",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT_S,
        metavar="SECONDS",
        help=f"stop the query after this many seconds (default {DEFAULT_TIMEOUT_S:g})",
    )
    p.add_argument(
        "--memory-limit", default=DEFAULT_MEMORY_LIMIT, help=f"e.g. 512MB, 2GB (default {DEFAULT_MEMORY_LIMIT})"
    )
    p.add_argument(
        "--max-rows",
        type=int,
        default=DEFAULT_MAX_ROWS,
        help=f"print at most this many rows, and say so when cut (default {DEFAULT_MAX_ROWS:,})",
    )
    add_per_argument(p)
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the messages")


def _terminal_safe(value: object) -> object:
    """Control characters from the data must not drive the terminal (colours, titles, cursor)."""
    if isinstance(value, str):
        return CONTROL.sub(lambda m: repr(m.group())[1:-1], value)
    return value


def before_store(args) -> None:
    """The worker that will run the query starts while the store is opened (~0.5 s each, side by side)."""
    prestart(args.data_dir or default_data_dir())


def run(args, store) -> int:
    if args.timeout <= 0 or args.max_rows < 1:
        raise UsageError("--timeout and --max-rows must be positive")
    store = store_per(args, store)  # --per: the views as the data stood then
    try:
        result = run_console(
            store, args.query, timeout=args.timeout, memory_limit=args.memory_limit, max_rows=args.max_rows
        )
    except ConsoleError as exc:
        raise Refused(exc.message(args.lang)) from exc
    df = result.frame
    if args.format == "csv":
        spreadsheet.safe_frame(df).to_csv(sys.stdout, index=False)
    elif args.format == "json":
        print(json.dumps(json.loads(df.to_json(orient="records", date_format="iso")), ensure_ascii=False, indent=1))
    else:
        shown = df.copy()
        for c in shown.columns:
            if shown[c].dtype == object or pd.api.types.is_string_dtype(shown[c]):
                shown[c] = [_terminal_safe(v) for v in shown[c]]
        shown.columns = [_terminal_safe(str(c)) for c in shown.columns]
        with pd.option_context("display.max_rows", 200, "display.max_columns", 50, "display.width", 200):
            print(shown.to_string(index=False) if len(shown) else t("console.zero_rows", args.lang))
    if result.truncated:
        print(t("console.truncated", args.lang, n=f"{args.max_rows:,}"), file=sys.stderr)
    return 0
