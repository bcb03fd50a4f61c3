"""Each page's query set (issue 23): warm, and for a filter never seen before, through AppTest.

    python bench/bench_query_sets.py DATA_DIR [--runs N] [--pages ringkasan,dampak] [--out FILE.json]

The app runs as in ``bench/pages_apptest.py`` (AppTest, the store's analysis base built or reused first, SQL
timed from outside by ``bench/sql_timing.py``; the app's code unchanged). For every page of app.py's
navigation, after one run that opens the connection and warms DuckDB:

- ``warm``: ``N`` runs after clearing ``st.cache_data`` (sidebar filters at their defaults): every query the
  page makes runs on a warm connection;
- ``new filter``: ``N`` runs, each with one kategori chosen in the sidebar (the next one every run) and
  ``st.cache_data`` cleared first, so nothing the app caches can answer it (DuckDB keeps no results).

Each reports the median of the summed DuckDB time of the run (ms; beside it the process's CPU time during
those calls, DuckDB's worker threads included: less moved by other work on a shared machine), the statements
it ran, and the slowest callers (the function in ``kemitraan`` that asked). Unlike ``bench_pages.py`` it
measures nothing else, so a store of ten million rows takes a few minutes (plus the base build when the store
has none cached).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]

import pages_apptest  # noqa: E402


def measure(runs: int, only: set[str] | None) -> dict:
    import sql_timing

    sql_timing.install()
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from kemitraan import contract

    tally = sql_timing.TALLY
    at = AppTest.from_file(str(pages_apptest.APP), default_timeout=900)

    def run() -> dict:
        tally.reset()
        t = time.perf_counter()
        at.run()
        return {"render_ms": pages_apptest.ms_since(t), **tally.snapshot()}

    t0 = time.perf_counter()
    run()  # builds the base if the store has none cached, else connects
    out = {"first_run_ms": pages_apptest.ms_since(t0), "load_start": os.getloadavg(), "pages": {}}
    # a kategori every run, in turn (each holds partnerships on the demo store too: a filter that leaves none would
    # measure a page that stops at its empty state); st.cache_data is cleared before each, so none is seen before
    kategori = itertools.cycle(contract.enum_codes("kategori"))
    for page in pages_apptest.app_pages():
        if only and page["url"] not in only:
            continue
        at.switch_page(page["file"])
        run()
        warm = []
        for _ in range(runs):
            st.cache_data.clear()
            warm.append(run())
        fresh = []
        for _ in range(runs):
            kat = next(kategori)
            if not at.sidebar.multiselect:
                raise RuntimeError(f"{page['url']}: no sidebar filters: {[str(e.value) for e in at.exception]}")
            at.sidebar.multiselect(key="kategori_id").set_value([kat])
            st.cache_data.clear()
            fresh.append(run())
        at.sidebar.multiselect(key="kategori_id").set_value([])
        run()

        def mid(rs):
            typical = sorted(rs, key=lambda r: r["queries_ms"])[len(rs) // 2]
            return {
                "ms": statistics.median(r["queries_ms"] for r in rs),
                "cpu_ms": statistics.median(r["queries_cpu_ms"] for r in rs),
                "statements": typical["statements"],
                "slowest": typical["slowest"],
                "all_ms": [round(r["queries_ms"]) for r in rs],
            }

        out["pages"][page["url"]] = {
            "warm": mid(warm),
            "new_filter": mid(fresh),
            "errors": [str(e.value) for e in at.exception],
        }
        p = out["pages"][page["url"]]
        print(
            f"  {page['url']}: warm {p['warm']['ms']:,.0f} ms ({p['warm']['statements']} st), "
            f"new filter {p['new_filter']['ms']:,.0f} ms; slowest {p['warm']['slowest'][:3]}",
            file=sys.stderr,
            flush=True,
        )
    out["load_end"] = os.getloadavg()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pages", default="", help="comma-separated page urls (default: every page)")
    ap.add_argument("--out", type=Path, default=BENCH / "out" / "query_sets.json")
    args = ap.parse_args()
    os.environ["KEMITRAAN_DATA_DIR"] = str(args.data)
    os.environ.setdefault("KEMITRAAN_RAISE_UNEXPECTED", "1")
    res = measure(args.runs, set(filter(None, args.pages.split(","))) or None)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=1))
    print(f"load {res['load_start']} → {res['load_end']}")
    print("| page | warm | cpu | new filter | cpu | statements |")
    print("|---|---:|---:|---:|---:|---:|")
    for url, p in res["pages"].items():
        w, n = p["warm"], p["new_filter"]
        print(
            f"| {url} | {w['ms']:,.0f} ms | {w['cpu_ms']:,.0f} ms | {n['ms']:,.0f} ms | {n['cpu_ms']:,.0f} ms "
            f"| {w['statements']} |" + (f" ERRORS {p['errors']}" if p["errors"] else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
