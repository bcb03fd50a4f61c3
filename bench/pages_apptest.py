"""The AppTest half of bench_pages.py, run in a process of its own per store (its memory is its own).

    python bench/pages_apptest.py DATA_DIR [--runs N] [--new-batch] --out FILE.json
    python bench/pages_apptest.py DATA_DIR --first-run --out FILE.json     # a fresh process's first run

The app connects through ``kemitraan/storage/analysis_cache.py``: the first start over a store version
builds a base DuckDB file in ``<data>/cache`` (``materialise``), every later start attaches it and lays
the batches committed since over it (``connect``). So the first run here, on a store copied without its
cache, builds the base; then every page of app.py's navigation runs in one AppTest session (the sidebar
filters at their defaults): once after clearing ``st.cache_data`` and ``st.cache_resource`` (a new
connection over the base built before, as a restarted app makes: charged to ``connect``, not to the page),
``N`` times after clearing ``st.cache_data`` only (each of the page's queries runs: the query set; the
run's wall time: the render), and ``N`` times fully cached. SQL is timed by wrapping DuckDB from outside
(bench/sql_timing.py); the app's code is not changed. Every run also records the process's CPU time
(``time.process_time``: DuckDB's worker threads included), as the machine may be shared.
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
        # the home page's url_path is "" (served at "/"): it is named by its file's stem, the hidden alias
        url = re.search(r'url_path="([^"]*)"', rest).group(1) or Path(file).stem
        pages.append({"file": file, "url": url, "default": bool(re.search(r"default\s*=\s*True", rest))})
    return pages


def peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) / 1024 for line in fh if line.startswith("VmHWM:"))


def child_peak_mb() -> float | None:
    """The largest peak resident memory of a child process waited for (a large store's base build), or None."""
    import resource

    kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return kb / 1024 if kb else None


def ms_since(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def cpu_ms() -> float:
    return 1000 * time.process_time()


def first_run(out: Path) -> None:
    """Import Streamlit, run the home page once: what a fresh process pays (the base built if none is cached)."""
    import sql_timing

    t0 = time.perf_counter()
    from streamlit.testing.v1 import AppTest

    sql_timing.install()
    imported = ms_since(t0)
    at = AppTest.from_file(str(APP), default_timeout=900)
    t1, c1 = time.perf_counter(), cpu_ms()
    at.run()
    tally = sql_timing.TALLY.snapshot()
    out.write_text(
        json.dumps(
            {
                "import_ms": imported,
                "run_ms": ms_since(t1),
                "run_cpu_ms": cpu_ms() - c1,
                "base_build_ms": sum(c["ms"] for c in tally["calls"] if c["what"] == "build_base"),
                "connect_ms": sum(c["ms"] for c in tally["calls"] if c["what"] == "connect"),
                "build_child_peak_mb": child_peak_mb(),
                "errors": [str(e.value) for e in at.exception],
                "first_metric": at.metric[0].value if at.metric else None,
            }
        )
    )


def measure(data: Path, runs: int, new_batch: bool) -> dict:
    import sql_timing

    sql_timing.install()
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from kemitraan import contract

    tally = sql_timing.TALLY

    def run() -> dict:
        tally.reset()
        t, c = time.perf_counter(), cpu_ms()
        at.run()
        return {"render_ms": ms_since(t), "cpu_ms": cpu_ms() - c, **tally.snapshot()}

    def calls(r: dict, what: str) -> list[dict]:
        return [c for c in r["calls"] if c["what"] == what]

    at = AppTest.from_file(str(APP), default_timeout=900)
    first = run()  # no base in the store's cache yet: this run builds it
    builds = calls(first, "build_base")
    result = {
        "first_run_ms": first["render_ms"],
        "first_run_cpu_ms": first["cpu_ms"],
        "base_build_ms": sum(c["ms"] for c in builds),
        "base_build_cpu_ms": sum(c["cpu_ms"] for c in builds),
        "base_builds": len(builds),
        "first_errors": [str(e.value) for e in at.exception],
        "pages": {},
    }

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
            "file": page["file"],
            "default": page["default"],
            "charts": len(at.get("plotly_chart")),
            "errors": [str(e.value) for e in at.exception],
            # A new connection over the base built by the first run (what every later start pays once).
            "connect_ms": sum(c["ms"] for c in calls(cold, "connect")),
            "connect_cpu_ms": sum(c["cpu_ms"] for c in calls(cold, "connect")),
            "materialise_ms": cold["materialise_ms"],
            "cold_render_ms": cold["render_ms"],
            "query_set_ms": statistics.median(r["queries_ms"] for r in cleared),
            "render_cpu_ms": statistics.median(r["cpu_ms"] for r in cleared),
            "statements": typical["statements"],
            "slowest": typical["slowest"],
            "render_ms": statistics.median(r["render_ms"] for r in cleared),
            "cached_render_ms": statistics.median(r["render_ms"] for r in cached),
            "cached_queries_ms": statistics.median(r["queries_ms"] for r in cached),
        }
        print(
            f"  apptest {page['url']}: query set {result['pages'][page['url']]['query_set_ms']:,.0f} ms, "
            f"render {result['pages'][page['url']]['render_ms']:,.0f} ms",
            file=sys.stderr,
            flush=True,
        )

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
    result["filter_change_cpu_ms"] = statistics.median(r["cpu_ms"] for r in changes)
    result["filter_change_queries_ms"] = statistics.median(r["queries_ms"] for r in changes)

    if new_batch:
        import new_batch as nb

        before = at.metric[0].value
        nb.commit(data)
        t0, c0 = time.perf_counter(), cpu_ms()
        seen: list[dict] = []
        while True:
            r = run()
            seen += r["calls"]
            if at.metric[0].value != before or ms_since(t0) > 120_000:
                break
        visible, visible_cpu = ms_since(t0), cpu_ms() - c0
        # The overlay serves at once; a base of the new version is built in the background meanwhile.
        # Wait for it, so its time is known and it does not run into the next measurement.
        import threading

        for th in [t for t in threading.enumerate() if t.name == "kemitraan-analysis-base"]:
            th.join(600)
        seen += [c for c in tally.snapshot()["calls"] if c not in seen]
        result["new_batch"] = {
            "visible_ms": visible,
            "visible_cpu_ms": visible_cpu,
            "before": before,
            "after": at.metric[0].value,
            "overlay_connect_ms": sum(c["ms"] for c in seen if c["what"] == "connect"),
            "foreground_base_builds": sum(
                1 for c in seen if c["what"] == "build_base" and c["thread"] != "kemitraan-analysis-base"
            ),
            "background_base_build_ms": sum(
                c["ms"] for c in seen if c["what"] == "build_base" and c["thread"] == "kemitraan-analysis-base"
            ),
        }
    result["peak_mb"] = peak_mb()
    result["build_child_peak_mb"] = child_peak_mb()
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
