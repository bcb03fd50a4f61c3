import json
import sys

import duckdb
import pandas as pd

from kemitraan.errors import Refused
from kemitraan.storage.console import ReadOnlyViolation, run_readonly

NAME = "sql"
HELP = "Run one read-only SQL query over the views kemitraan, indikator, survei and batches."


def add_arguments(p) -> None:
    p.add_argument("query", help='e.g. "SELECT kategori, count(*) FROM kemitraan GROUP BY 1"')
    p.add_argument("--format", choices=("csv", "json", "table"), default="table")


def run(args, store) -> int:
    try:
        df = run_readonly(store, args.query)
    except ReadOnlyViolation as exc:
        raise Refused(str(exc)) from exc
    except duckdb.Error as exc:
        raise Refused(f"SQL error / galat SQL: {exc}") from exc
    if args.format == "csv":
        df.to_csv(sys.stdout, index=False)
    elif args.format == "json":
        print(json.dumps(json.loads(df.to_json(orient="records", date_format="iso")), ensure_ascii=False, indent=1))
    else:
        with pd.option_context("display.max_rows", 200, "display.max_columns", 50, "display.width", 200):
            print(df.to_string(index=False) if len(df) else "(0 rows)")
    return 0
