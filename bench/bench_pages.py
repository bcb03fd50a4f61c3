"""Every page, the filters, cold start, a new batch, memory and the command line, against issue 16's targets.

    python bench/bench_pages.py                                  # demo store, AppTest only (a few minutes)
    python bench/bench_pages.py --browser                        # + headless Chromium against `streamlit run`
    python bench/bench_pages.py --big --browser                  # + the 10.6 M-row store (built once, ~1 h in all)
    python bench/bench_pages.py --big --partnerships 2000 --years 5 --browser   # a quick "big" store (~0.8 M rows)

Stores: the demo store (``python -m kemitraan demo`` into a scratch folder) and, with ``--big``, a store
built once into ``bench/out/big-<N>-<Y>/`` by ``python -m kemitraan --data-dir DIR demo --partnerships N
--years Y`` and reused. Every measurement that can write (logs, a new batch) works on a fresh copy.

Per store:

- **reference**: the same aggregation (people reached by category and year, and for two categories) as
  raw DuckDB SQL straight over the lake's Parquet files, and in pandas (load the files, merge, group):
  the floor, without latest-per-key or data-quality rules;
- **command line**: ``python -m kemitraan sql "…"`` for typical queries, ``angka --json`` when the command
  exists, ``export xlsx`` (each a fresh process, imports included);
- **AppTest** (bench/pages_apptest.py, its own process): for every page of app.py's navigation, the one-off
  materialisation, the **query set** (every DuckDB call the page makes with ``st.cache_data`` cleared, summed;
  timed by wrapping DuckDB from outside: bench/sql_timing.py) and the full render; a filter change; a new
  batch until the home page shows it; the process's peak memory; and a fresh process's first run;
- **browser** (``--browser``, bench/pages_browser.py): ``streamlit run`` over the store, headless Chromium:
  cold start (spawn to the first page idle with its charts drawn), every page's first view and the median of
  the next ones, a filter change clicked in the sidebar, a new batch committed while the server runs until
  the home page shows it, and the server's peak resident memory.

Prints one table (metric, demo, big, target, met?) and writes everything to JSON (``--json``, default
bench/out/pages.json). Times are wall-clock on a shared machine: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
sys.path[:0] = [str(ROOT), str(BENCH)]

import duckdb  # noqa: E402
import pandas as pd  # noqa: E402

from pages_apptest import app_pages  # noqa: E402

from kemitraan.storage.store import Store  # noqa: E402

#: Issue 16's targets at 10 M indicator rows (ms, MB); the page render's is relative: ≤ 2 × the demo store's.
TARGET = {"query_set": 300, "filter": 1000, "cold_start": 5000, "new_batch": 5000, "memory": 1024, "cli": 2000}

SQL = {
    "partnerships per category": "SELECT kategori, count(*) AS n FROM kemitraan GROUP BY 1 ORDER BY 1",
    "reached by category and year": (
        "SELECT k.kategori, year(i.periode_mulai) AS tahun, sum(i.nilai) AS terjangkau FROM indikator i "
        "JOIN kemitraan k USING (kode_kemitraan) WHERE i.kode_indikator = 'terjangkau' GROUP BY ALL ORDER BY ALL"),
    "indicator rows": "SELECT count(*) AS n FROM indikator",
    "one partnership's reports": (
        "SELECT periode, kode_indikator, nilai FROM indikator "
        "WHERE kode_kemitraan = (SELECT min(kode_kemitraan) FROM kemitraan) ORDER BY ALL"),
}

REFERENCE_SQL = """
SELECT k.kategori, year(i.periode_mulai) AS tahun, sum(i.nilai) AS terjangkau
FROM read_parquet($ind, union_by_name = true) i JOIN read_parquet($kem, union_by_name = true) k USING (kode_kemitraan)
WHERE i._seq IS NOT NULL AND i.kode_indikator = 'terjangkau' {extra} GROUP BY ALL
"""
TWO = ("internasional", "pemerintah_lsm")


def log(msg: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S} load {os.getloadavg()[0]:.1f}] {msg}", file=sys.stderr, flush=True)


def ms_since(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def median_ms(fn, runs: int) -> float:
    fn()  # warm-up: file cache, imports
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(ms_since(t0))
    return statistics.median(times)


def kemitraan_cli(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "kemitraan", "--data-dir", str(data), *args]


def build(data: Path, partnerships: int | None = None, years: int | None = None) -> None:
    size = [] if partnerships is None else ["--partnerships", str(partnerships), "--years", str(years)]
    t0 = time.perf_counter()
    subprocess.run(kemitraan_cli(data, "demo", *size), cwd=ROOT, check=True, capture_output=True)
    log(f"built {data} in {ms_since(t0) / 1000:,.1f} s")


def copy_of(src: Path, dst: Path) -> Path:
    """A private copy of a store (every measurement that can write works on one)."""
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("logs"))
    return dst


def indicator_rows(data: Path) -> int:
    return sum((b.get("rows_by_kind") or {}).get("indikator", 0) for b in Store(data).batches() if not b.get("undone"))


# --- reference: raw DuckDB over the Parquet files, and pandas ------------------------------------------------


def reference(data: Path, runs: int) -> dict:
    store = Store(data)
    files = {k: [str(p) for p in store.live_files(k)] for k in ("indikator", "kemitraan")}
    con = duckdb.connect()
    params = {"ind": files["indikator"], "kem": files["kemitraan"]}
    out = {
        "duckdb_ms": median_ms(lambda: con.execute(REFERENCE_SQL.format(extra=""), params).fetchall(), runs),
        "duckdb_two_categories_ms": median_ms(lambda: con.execute(
            REFERENCE_SQL.format(extra="AND k.kategori IN $two"), {**params, "two": list(TWO)}).fetchall(), runs),
    }
    t0 = time.perf_counter()
    ind = pd.concat([pd.read_parquet(f, columns=["kode_kemitraan", "periode_mulai", "kode_indikator", "nilai", "_seq"])
                     for f in files["indikator"]], ignore_index=True)
    kem = pd.concat([pd.read_parquet(f, columns=["kode_kemitraan", "kategori"]) for f in files["kemitraan"]],
                    ignore_index=True)
    out["pandas_load_ms"] = ms_since(t0)

    def group(categories=None):
        d = ind[ind["_seq"].notna() & (ind["kode_indikator"] == "terjangkau")].merge(kem, on="kode_kemitraan")
        if categories:
            d = d[d["kategori"].isin(categories)]
        return d.groupby(["kategori", pd.to_datetime(d["periode_mulai"]).dt.year])["nilai"].sum()

    out["pandas_group_ms"] = median_ms(group, runs)
    out["pandas_two_categories_ms"] = median_ms(lambda: group(TWO), runs)
    return out


# --- the command line ------------------------------------------------------------------------------------------


def has_command(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(f"kemitraan.commands.{name}") is not None


def time_command(args: list[str], runs: int, budget_s: float = 20) -> dict:
    """Median wall time of a fresh process (imports included); repeated only while the total stays in budget."""
    times, spent = [], 0.0
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
        times.append(ms_since(t0))
        spent += times[-1] / 1000
        if p.returncode != 0:
            return {"ms": statistics.median(times), "error": (p.stderr or p.stdout)[-500:]}
        if spent > budget_s:
            break
    return {"ms": statistics.median(times), "runs": len(times)}


def command_line(data: Path, work: Path, runs: int) -> dict:
    out = {f"sql: {name}": time_command(kemitraan_cli(data, "sql", q, "--format", "csv"), runs)
           for name, q in SQL.items()}
    if has_command("angka"):
        out["angka --json"] = time_command(kemitraan_cli(data, "angka", "--json"), runs)
    else:
        out["angka --json"] = {"ms": None, "note": "no `angka` command on this branch: skipped"}
    out["export xlsx"] = time_command(kemitraan_cli(data, "export", "xlsx", "--out", str(work / "bench.xlsx"),
                                                    "--force"), runs)
    return out


# --- AppTest -----------------------------------------------------------------------------------------------------


def apptest(data: Path, work: Path, runs: int) -> dict:
    out = work / "apptest.json"
    p = subprocess.run([sys.executable, str(BENCH / "pages_apptest.py"), str(data), "--runs", str(runs),
                        "--new-batch", "--out", str(out)], cwd=ROOT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    for line in p.stderr.splitlines():
        if line.startswith("  apptest"):
            log(line.strip())
    if p.returncode != 0:
        raise RuntimeError("AppTest run failed:\n" + p.stderr[-3000:])
    return json.loads(out.read_text())


def apptest_first_run(src: Path, work: Path, runs: int) -> dict:
    """A fresh process's first run (imports, store opened and materialised, home page): spawn to exit."""
    times, detail = [], {}
    for i in range(runs):
        data = copy_of(src, work / f"first-run-{i}")
        out = work / "first-run.json"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, str(BENCH / "pages_apptest.py"), str(data), "--first-run", "--out", str(out)],
                       cwd=ROOT, check=True, capture_output=True)
        times.append(ms_since(t0))
        detail = json.loads(out.read_text())
        shutil.rmtree(data, ignore_errors=True)
    return {"ms": statistics.median(times), **detail}


# --- the browser -------------------------------------------------------------------------------------------------


def measured(what: str, fn) -> dict:
    """Run one browser measurement; a failure is recorded (and the rest still measured), not raised."""
    try:
        out = fn()
    except Exception as exc:  # a page that never settles must not cost the whole run
        log(f"browser {what} failed: {exc!r}"[:800])
        return {f"{what} error": repr(exc)[:2000]}
    flat = {**out, **out.get("new_batch", {})}
    log(f"browser {what}: " + ", ".join(f"{k} {v:,.0f} ms" for k, v in flat.items() if k.endswith("_ms")))
    return out


def page_url(base: str, page: dict) -> str:
    """The default page lives at ``/`` (``/<its url_path>`` answers with a "Page not found" dialog)."""
    return f"{base}/" if page["default"] else f"{base}/{page['url']}"


def filter_change(ctx, base: str, home: dict, charts: int | None, runs: int) -> dict:
    import pages_browser as pb

    from kemitraan import contract

    changes = []
    for code in contract.enum_codes("kategori")[:runs]:
        tab = pb.new_tab(ctx)
        try:
            tab.goto(page_url(base, home), wait_until="commit")
            pb.wait_done(tab, charts)
            before = pb.mark(tab)
            pb.pick_category(tab, contract.enum_label("kategori", code, "id"))
            changes.append({**pb.outcome(pb.wait_done(tab, charts, since=before), [], before["t"]), "url": tab.url})
        finally:
            tab.close()
    return {"filter_change_ms": statistics.median(c["ms"] for c in changes), "filter_changes": changes}


def new_batch_visible(ctx, base: str, home: dict, charts: int | None, data: Path) -> dict:
    import new_batch
    import pages_browser as pb

    tab = pb.new_tab(ctx)
    try:
        tab.goto(page_url(base, home), wait_until="commit")
        pb.wait_done(tab, charts)
        before = pb.first_metric(tab)
        new_batch.commit(data)
        committed, polls = time.time(), 0
        while True:
            polls += 1
            tab.goto(page_url(base, home), wait_until="commit")
            s = pb.wait_done(tab, charts)
            shown = pb.first_metric(tab)
            if shown != before or time.time() - committed > 120:
                break
    finally:
        tab.close()
    return {"new_batch": {"visible_ms": s["origin"] + s["done"] - committed * 1000, "polls": polls,
                          "before": before, "after": shown}}


def page_visits(ctx, url: str, charts: int | None, runs: int) -> dict:
    """The page's first view on this server, then the median of ``runs`` more (each a new tab: a new session)."""
    import pages_browser as pb

    visits = [pb.visit(ctx, url, charts) for _ in range(1 + runs)]
    return {"first_ms": visits[0]["ms"], "median_ms": statistics.median(v["ms"] for v in visits[1:]),
            "charts": visits[-1]["charts"], "undrawn": max(v["undrawn"] for v in visits),
            "exceptions": max(v["exceptions"] for v in visits),
            "dialogs": sorted({d for v in visits for d in v["dialogs"]}),
            "js_errors": sorted({e for v in visits for e in v["js_errors"]})}


def browser(data: Path, pages: list[dict], charts: dict[str, int], runs: int) -> dict:
    import pages_browser as pb
    from playwright.sync_api import sync_playwright

    home = next(p for p in pages if p["default"])
    out: dict = {"pages": {}}
    with sync_playwright() as play:
        chromium = pb.launch(play)
        ctx = chromium.new_context(viewport={"width": 1400, "height": 1000})
        with pb.serve(data) as (base, proc, spawned):
            first = pb.visit(ctx, page_url(base, home), charts.get(home["url"]))
            out["cold_start_ms"] = first["done_epoch_ms"] - spawned * 1000
            log(f"browser cold start {out['cold_start_ms']:,.0f} ms")
            for page in pages:
                out["pages"][page["url"]] = measured(page["url"], lambda page=page: page_visits(
                    ctx, page_url(base, page), charts.get(page["url"]), runs))

            # A filter change: on a warm home page, a category never chosen before is clicked in the sidebar.
            out.update(measured("filter change", lambda: filter_change(ctx, base, home, charts.get(home["url"]), runs)))
            # A new batch: committed while the server runs; the home page is opened again until it shows it.
            out.update(measured("new batch", lambda: new_batch_visible(ctx, base, home, charts.get(home["url"]), data)))
            out["server_memory"] = pb.memory_mb(proc.pid)
        chromium.close()
    return out


# --- the table ---------------------------------------------------------------------------------------------------


def fmt(v, unit: str = "ms") -> str:
    if v is None:
        return "–"
    if unit == "ms":
        return f"{v:,.0f} ms"
    if unit == "MB":
        return f"{v:,.0f} MB"
    return f"{v:,.1f}" if isinstance(v, float) else f"{v:,}"


def table(res: dict) -> list[tuple[str, str, str, str, str]]:
    """(metric, demo, big, target, met?) rows; "met?" judges the big store's value (the demo's without --big)."""
    stores = res["stores"]
    demo, big = stores.get("demo", {}), stores.get("big", {})
    judged = big or demo
    rows: list[tuple[str, str, str, str, str]] = []

    def get(store: dict, *path):
        for key in path:
            if not isinstance(store, dict) or store.get(key) is None:
                return None
            store = store[key]
        return store

    def row(name, path, unit="ms", target=None, limit=None):
        d, b, j = get(demo, *path), get(big, *path), get(judged, *path)
        met = "" if limit is None or j is None else ("yes" if j <= limit else "NO")
        rows.append((name, fmt(d, unit), fmt(b, unit), target or "", met))

    row("indicator rows", ("indicator_rows",), unit="n")
    row("load average (1 min) when the store's run began", ("load_before",), unit="n")
    row("load average (1 min) when it ended", ("load_after",), unit="n")
    for name, path in (("reference: DuckDB over Parquet, reached by category × year", ("reference", "duckdb_ms")),
                       ("reference: DuckDB over Parquet, 2 categories", ("reference", "duckdb_two_categories_ms")),
                       ("reference: pandas, load the Parquet files", ("reference", "pandas_load_ms")),
                       ("reference: pandas, merge + group", ("reference", "pandas_group_ms")),
                       ("reference: pandas, 2 categories", ("reference", "pandas_two_categories_ms")),
                       ("materialise the store (once per version; median over pages)", ("materialise_ms",))):
        row(name, path)
    browsed = bool(get(judged, "browser"))
    for page in app_pages():
        u = page["url"]
        row(f"query set: {u}", ("apptest", "pages", u, "query_set_ms"), target="≤ 300 ms", limit=TARGET["query_set"])
    for page in app_pages():
        row(f"AppTest render: {page['url']}", ("apptest", "pages", page["url"], "render_ms"))
    if browsed:
        for page in app_pages():
            u = page["url"]
            d, b = get(demo, "browser", "pages", u, "median_ms"), get(big, "browser", "pages", u, "median_ms")
            met = "" if d is None or b is None else ("yes" if b <= 2 * d else "NO")
            rows.append((f"browser render (median): {u}", fmt(d), fmt(b), "≤ 2 × demo", met))
        for page in app_pages():
            row(f"browser first view: {page['url']}", ("browser", "pages", page["url"], "first_ms"))
    fallback = "" if browsed else " (fallback)"
    if browsed:
        row("filter change, browser (click to charts drawn)", ("browser", "filter_change_ms"), target="≤ 1 s",
            limit=TARGET["filter"])
        row("cold start, browser (streamlit run to first page)", ("browser", "cold_start_ms"), target="≤ 5 s",
            limit=TARGET["cold_start"])
        row("new batch visible, browser", ("browser", "new_batch", "visible_ms"), target="≤ 5 s",
            limit=TARGET["new_batch"])
        row("app server peak memory (VmHWM)", ("browser", "server_memory", "peak_mb"), unit="MB", target="≤ 1 GB",
            limit=TARGET["memory"])
    row(f"filter change, AppTest{fallback}", ("apptest", "filter_change_ms"),
        target="" if browsed else "≤ 1 s", limit=None if browsed else TARGET["filter"])
    row(f"cold start, AppTest fresh process{fallback}", ("apptest_first_run", "ms"),
        target="" if browsed else "≤ 5 s", limit=None if browsed else TARGET["cold_start"])
    row(f"new batch visible, AppTest{fallback}", ("apptest", "new_batch", "visible_ms"),
        target="" if browsed else "≤ 5 s", limit=None if browsed else TARGET["new_batch"])
    row(f"AppTest process peak memory{fallback}", ("apptest", "peak_mb"), unit="MB",
        target="" if browsed else "≤ 1 GB", limit=None if browsed else TARGET["memory"])
    for name in (get(judged, "cli") or {}):
        row(f"command: {name}", ("cli", name, "ms"), target="≤ 2 s", limit=TARGET["cli"])
    return rows


def problems(res: dict) -> list[str]:
    """What makes a figure doubtful: errors, exceptions on a page, dialogs, charts never drawn, failed commands."""
    out = []
    for name, st in res["stores"].items():
        for u, p in (st.get("apptest", {}).get("pages") or {}).items():
            if p.get("errors"):
                out.append(f"{name}: AppTest {u}: {p['errors']}")
        b = st.get("browser") or {}
        for u, p in (b.get("pages") or {}).items():
            out += [f"{name}: browser {u}: {key} {p[key]}" for key in (f"{u} error", "exceptions", "undrawn", "dialogs",
                                                                      "js_errors") if p.get(key)]
        out += [f"{name}: browser {k}: {v}" for k, v in b.items() if k.endswith(" error")]
        for c in b.get("filter_changes") or []:
            if "kategori=" not in c.get("url", ""):
                out.append(f"{name}: browser filter change did not reach the URL: {c.get('url')}")
        out += [f"{name}: command {k}: {v['error']}" for k, v in (st.get("cli") or {}).items() if v.get("error")]
        out += [f"{name}: command {k}: {v['note']}" for k, v in (st.get("cli") or {}).items() if v.get("note")]
    return out


def print_table(rows) -> None:
    head = ("metric", "demo", "big", "target", "met?")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(5)]
    line = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))  # noqa: E731
    print(line(head))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))


# --- main ----------------------------------------------------------------------------------------------------------


def bench_store(name: str, src: Path, work: Path, args) -> dict:
    res = {"data": str(src), "indicator_rows": indicator_rows(src), "load_before": round(os.getloadavg()[0], 1)}
    log(f"{name}: {res['indicator_rows']:,} indicator rows")
    res["reference"] = reference(src, args.runs)
    log(f"{name}: reference {res['reference']}")
    res["cli"] = command_line(copy_of(src, work / f"{name}-cli"), work, args.runs)
    log(f"{name}: command line " + ", ".join(f"{k} {v['ms'] or 0:,.0f} ms" for k, v in res["cli"].items()))
    res["apptest"] = apptest(copy_of(src, work / f"{name}-apptest"), work, args.runs)
    res["materialise_ms"] = statistics.median(p["materialise_ms"] for p in res["apptest"]["pages"].values())
    res["apptest_first_run"] = apptest_first_run(src, work, min(args.runs, 3))
    log(f"{name}: AppTest first run in a fresh process {res['apptest_first_run']['ms']:,.0f} ms")
    if args.browser:
        charts = {u: p["charts"] for u, p in res["apptest"]["pages"].items()}
        res["browser"] = browser(copy_of(src, work / f"{name}-browser"), app_pages(), charts, args.runs)
    res["load_after"] = round(os.getloadavg()[0], 1)
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--big", action="store_true", help="also the large store (built once into bench/out/)")
    ap.add_argument("--partnerships", type=int, default=18000, help="large store: partnerships (default 18000)")
    ap.add_argument("--years", type=int, default=10, help="large store: years (default 10 → ~10.6 M indicator rows)")
    ap.add_argument("--browser", action="store_true", help="also measure in headless Chromium (/usr/bin/chromium)")
    ap.add_argument("--runs", type=int, default=3, help="repetitions per measurement (medians; default 3)")
    ap.add_argument("--json", type=Path, default=OUT / "pages.json", help="where to write the results")
    args = ap.parse_args()

    OUT.mkdir(exist_ok=True)
    work = OUT / f"work-{os.getpid()}"
    work.mkdir()
    res = {"started": dt.datetime.now().isoformat(timespec="seconds"), "command": " ".join(sys.argv),
           "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                       "duckdb": duckdb.__version__, "load_average": os.getloadavg()},
           "targets": TARGET, "stores": {}}
    try:
        demo = work / "demo-store"
        build(demo)
        stores = [("demo", demo)]
        if args.big:
            big = OUT / f"big-{args.partnerships}-{args.years}"
            if Store(big).is_empty():
                build(big, args.partnerships, args.years)
            stores.append(("big", big))
        for name, src in stores:
            res["stores"][name] = bench_store(name, src, work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    res["finished"] = dt.datetime.now().isoformat(timespec="seconds")
    res["machine"]["load_average_end"] = os.getloadavg()
    rows = table(res)
    res["problems"] = problems(res)
    res["table"] = [dict(zip(("metric", "demo", "big", "target", "met"), r)) for r in rows]
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(res, indent=1, ensure_ascii=False))
    la = res["machine"]
    print(f"{res['started']} → {res['finished']}, {la['cpus']} CPUs, load average at start "
          f"{', '.join(f'{x:.1f}' for x in la['load_average'])}, at end "
          f"{', '.join(f'{x:.1f}' for x in la['load_average_end'])} (1, 5, 15 min)")
    print_table(rows)
    for p in res["problems"]:
        print(f"note: {p}")
    print(f"\nJSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
