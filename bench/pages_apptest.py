"""The AppTest half of bench_pages.py, run in a process of its own per store (its memory is its own).

    python bench/pages_apptest.py DATA_DIR [--runs N] [--new-batch] --out FILE.json
    python bench/pages_apptest.py DATA_DIR --first-run --out FILE.json     # a fresh process's first run

Every page of app.py's navigation runs in one AppTest session (the sidebar filters at their defaults):
once after clearing ``st.cache_data`` and ``st.cache_resource`` (the store is materialised again: that
time is charged to ``materialise``, not to the page), ``N`` times after clearing ``st.cache_data`` only
(each of the page's queries runs: the query set; the run's wall time: the render), and ``N`` times fully
cached. SQL is timed by wrapping DuckDB from outside (bench/sql_timing.py); the app's code is not changed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
APP = ROOT / "app.py"
sys.path[:0] = [str(ROOT), str(BENCH)]


def app_pages() -> list[dict]:
    """Every page in app.py's navigation, read as tests/conftest.py:app_pages does; the default page is at ``/``."""
    src = APP.read_text(encoding="utf-8")
    calls = re.findall(r'st\.Page\(\s*"(pages/[^"]+\.py)"(.*?)\)\s*,\s*(?=st\.Page|\])', src, flags=re.S)
    pages = []
    for file, rest in calls:
        url = re.search(r'url_path="([^"]+)"', rest).group(1)
        pages.append({"file": file, "url": url, "default": bool(re.search(r"default\s*=\s*True", rest))})
    return pages


def peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) / 1024 for line in fh if line.startswith("VmHWM:"))


def ms_since(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def first_run(out: Path) -> None:
    t0 = time.perf_counter()
    from streamlit.testing.v1 import AppTest

    imported = ms_since(t0)
    at = AppTest.from_file(str(APP), default_timeout=900)
    t1 = time.perf_counter()
    at.run()
    out.write_text(json.dumps({"import_ms": imported, "run_ms": ms_since(t1), "errors": [e.value for e in at.exception],
                               "first_metric": at.metric[0].value if at.metric else None}))


def measure(data: Path, runs: int, new_batch: bool) -> dict:
    import sql_timing

    sql_timing.install()
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from kemitraan import contract

    tally = sql_timing.TALLY
    at = AppTest.from_file(str(APP), default_timeout=900)
    t0 = time.perf_counter()
    at.run()
    result = {"first_run_ms": ms_since(t0), "pages": {}}

    def run() -> dict:
        tally.reset()
        t = time.perf_counter()
        at.run()
        return {"render_ms": ms_since(t), **tally.snapshot()}

    for page in app_pages():
        st.cache_data.clear()
        st.cache_resource.clear()
        at.switch_page(page["file"])
        cold = run()
        cleared = []
        for _ in range(runs):
            st.cache_data.clear()
            cleared.append(run())
        cached = [run() for _ in range(runs)]
        typical = sorted(cleared, key=lambda r: r["queries_ms"])[len(cleared) // 2]
        result["pages"][page["url"]] = {
            "file": page["file"], "default": page["default"], "charts": len(at.get("plotly_chart")),
            "errors": [str(e.value) for e in at.exception],
            "materialise_ms": cold["materialise_ms"], "cold_render_ms": cold["render_ms"],
            "query_set_ms": statistics.median(r["queries_ms"] for r in cleared),
            "statements": typical["statements"], "slowest": typical["slowest"],
            "render_ms": statistics.median(r["render_ms"] for r in cleared),
            "cached_render_ms": statistics.median(r["render_ms"] for r in cached),
            "cached_queries_ms": statistics.median(r["queries_ms"] for r in cached),
        }
        print(f"  apptest {page['url']}: query set {result['pages'][page['url']]['query_set_ms']:,.0f} ms, "
              f"render {result['pages'][page['url']]['render_ms']:,.0f} ms", file=sys.stderr, flush=True)

    # A filter change: the home page, one more category each time (a combination not seen before: cache miss).
    home = next(p for p in app_pages() if p["default"])
    at.switch_page(home["file"])
    run()
    changes = []
    for code in contract.enum_codes("kategori")[:runs]:
        box = at.sidebar.multiselect(key="kategori_id")
        box.set_value([code])
        changes.append(run())
        at.sidebar.multiselect(key="kategori_id").set_value([])
        run()
    result["filter_change_ms"] = statistics.median(r["render_ms"] for r in changes)
    result["filter_change_queries_ms"] = statistics.median(r["queries_ms"] for r in changes)

    if new_batch:
        import new_batch as nb

        before = at.metric[0].value
        nb.commit(data)
        t0 = time.perf_counter()
        materialise = 0.0
        while True:
            r = run()
            materialise += r["materialise_ms"]
            if at.metric[0].value != before or ms_since(t0) > 120_000:
                break
        result["new_batch"] = {"visible_ms": ms_since(t0), "materialise_ms": materialise,
                               "before": before, "after": at.metric[0].value}
    result["peak_mb"] = peak_mb()
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--new-batch", action="store_true")
    ap.add_argument("--first-run", action="store_true")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    os.environ["KEMITRAAN_DATA_DIR"] = str(args.data)
    os.environ.setdefault("KEMITRAAN_RAISE_UNEXPECTED", "1")  # a page that fails must not pass for a fast one
    if args.first_run:
        first_run(args.out)
    else:
        args.out.write_text(json.dumps(measure(args.data, args.runs, args.new_batch), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
