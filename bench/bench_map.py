"""The Peta page's map at each level (issue 24): the province map of the country, the kabupaten/kota map of Jawa Timur
(38 areas, the province with the most) and of all 514, as the figure's size and as the time headless Chromium takes to
draw it; the target is the kabupaten maps within 1.5 × the province map's time.

    python bench/bench_map.py                 # sizes, queries, figures drawn alone (≈ 1 min)
    python bench/bench_map.py --pages         # also the whole Peta page at each level through `streamlit run`
    python bench/bench_map.py --data DIR      # a store folder (the demo is built into a temp folder otherwise)
    python bench/bench_map.py --extra "before=fig.json"   # also draw a figure saved as JSON (another version's map)

What is measured:

- **size**: the figure's JSON as Streamlit sends it (``plotly.io.to_json``), raw and gzipped, with the boundaries as
  shipped (``kemitraan/catalog/geo``, 0.001°) and as the app sends them (:mod:`kemitraan.charts.shapes`: simplified
  for the view). Two data sets: the demo's (most areas grey) and every area with a value (the colour scale on all).
- **queries**: :func:`kemitraan.queries.geography.area_values` at each level (median, warm connection).
- **draw**: one Chromium page holding plotly.js, the figure's JSON handed over as text; the time from
  ``JSON.parse`` to the second animation frame after ``Plotly.newPlot`` resolves (parsed, drawn, painted), median of
  ``--runs`` rounds that take the figures in turn (a load spike on the shared machine hits all of them alike). The
  base map's topojson is served from a local server at the app's path, fetched once before the rounds, as a page
  that has drawn a map once has it cached.
- **page** (``--pages``): from navigation to the page idle with its charts drawn (bench/pages_browser.py), median.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import json
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pages_browser as pb  # noqa: E402  (bench/ is on the path when a script here runs)
import pandas as pd  # noqa: E402
import plotly  # noqa: E402
import plotly.io as pio  # noqa: E402
from timing import timed  # noqa: E402

from kemitraan.charts import geography, shapes  # noqa: E402
from kemitraan.generators import demo  # noqa: E402
from kemitraan.queries import geography as qgeography  # noqa: E402
from kemitraan.queries.filters import Filters  # noqa: E402
from kemitraan.storage.store import Store  # noqa: E402

JAWA_TIMUR = "35"
VIEWS = {  # name: (level, filters, the Peta page's URL for the same view)
    "provinsi (38)": ("provinsi", Filters(), "peta"),
    "kabupaten Jawa Timur (38)": ("kabupaten", Filters(provinsi=(JAWA_TIMUR,)), f"peta?provinsi={JAWA_TIMUR}"),
    "kabupaten semua (514)": ("kabupaten", Filters(), "peta?tingkat=kabupaten"),
}
BASELINE = "provinsi (38)"
TARGET = 1.5

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><script src="/plotly.min.js"></script></head>
<body style="margin:0"><div id="fig" style="width:1200px;height:480px"></div></body></html>"""

DRAW = """async (text) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const div = document.getElementById('fig');
  Plotly.purge(div);
  await frame();
  const t0 = performance.now();
  const fig = JSON.parse(text);
  await Plotly.newPlot(div, fig.data, fig.layout, fig.config);
  await frame(); await frame();
  return {ms: performance.now() - t0, paths: div.querySelectorAll('.choroplethlocation').length};
}"""


def full(av: qgeography.AreaValues) -> qgeography.AreaValues:
    """The same areas, every one with a value: the colour scale on all of them, the heaviest the map gets."""
    df = av.frame.copy()
    df["nilai"] = df["nilai_peta"] = range(1, len(df) + 1)
    df["target"] = df["nilai_bertarget"] = df["nilai"]
    df["n_nilai"] = df["n_kemitraan"] = 1
    df["status"] = "data"
    return qgeography.AreaValues(av.level, av.kode, df, 0)


def figure_json(av: qgeography.AreaValues, shipped: bool) -> str:
    """The figure as Streamlit sends it; ``shipped``: the boundaries as the catalog holds them (tolerance 0 keeps every
    point and islet; only the properties are left out, as the app leaves them)."""
    original = shapes.tolerance_for
    if shipped:
        shapes.tolerance_for = lambda codes, level: 1e-9
    try:
        fig = geography.area_map(av, "id")
    finally:
        shapes.tolerance_for = original
    spec = json.loads(pio.to_json(fig, validate=False))
    spec["config"] = geography.MAP_CONFIG
    return json.dumps(spec, separators=(",", ":"))


class _Static(http.server.SimpleHTTPRequestHandler):
    """plotly.js at /plotly.min.js, the app's static folder at /app/static/, the bench page at /."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0]
        if path == "/plotly.min.js":
            return str(Path(plotly.__file__).parent / "package_data" / "plotly.min.js")
        if path.startswith("/app/static/"):
            return str(ROOT / "static" / path.removeprefix("/app/static/"))
        return str(Path(self.server.page_dir) / "index.html")  # type: ignore[attr-defined]

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def static_server():
    page_dir = Path(tempfile.mkdtemp(prefix="kemitraan-bench-map-"))
    (page_dir / "index.html").write_text(PAGE, encoding="utf-8")
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", pb.free_port()), _Static)
    srv.page_dir = str(page_dir)  # type: ignore[attr-defined]
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}/"
    finally:
        srv.shutdown()
        shutil.rmtree(page_dir, ignore_errors=True)


def draw_times(figures: dict[str, str], runs: int) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {k: [] for k in figures}
    paths: dict[str, int] = {}
    with static_server() as url, sync_playwright() as p:
        browser = pb.launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        page.wait_for_function("() => window.Plotly !== undefined")
        for text in figures.values():  # warm-up: plotly.js compiled, the topojson fetched and cached once
            page.evaluate(DRAW, text)
        for _ in range(runs):
            for name, text in figures.items():
                r = page.evaluate(DRAW, text)
                times[name].append(r["ms"])
                paths[name] = r["paths"]
        browser.close()
    return {k: {"ms": statistics.median(v), "min": min(v), "max": max(v), "paths": paths[k]} for k, v in times.items()}


def page_times(data: Path, runs: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {k: [] for k in VIEWS}
    with pb.serve(data) as (url, _proc, _spawned), sync_playwright() as p:
        browser = pb.launch(p)
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        for _, _, path in VIEWS.values():  # warm-up: the page's modules imported, its queries cached once
            pb.visit(context, f"{url}/{path}", None)
        for _ in range(runs):
            for name, (_, _, path) in VIEWS.items():
                r = pb.visit(context, f"{url}/{path}", None)
                if r["exceptions"] or r["undrawn"] or r["js_errors"]:
                    raise RuntimeError(f"{path}: {r}")
                times[name].append(r["ms"])
        browser.close()
    return {k: statistics.median(v) for k, v in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=None, help="store folder (demo built if empty)")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--pages", action="store_true", help="also the whole Peta page through streamlit run")
    ap.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="NAME=FILE",
        help="also draw this figure JSON (plotly.io.to_json of another version's map), in the same rounds",
    )
    args = ap.parse_args()
    own = args.data is None
    data = Path(args.data or tempfile.mkdtemp(prefix="kemitraan-bench-map-")) / ("data" if own else "")
    store = Store(data)
    if store.is_empty():
        demo.generate(store)
    con = store.connect(materialize=True)

    print("## Sizes of the map figure (JSON as Streamlit sends it)\n")
    print("| view | data | areas | tolerance | shipped boundaries | sent (lightened) | sent, gzip |")
    print("|---|---|---:|---:|---:|---:|---:|")
    figures: dict[str, str] = {}
    for name, (level, f, _) in VIEWS.items():
        av = qgeography.area_values(con, f, "terjangkau", level)
        tol = shapes.tolerance_for(av.frame["wilayah_kode"], level)
        for label, values in (("demo", av), ("every area with a value", full(av))):
            shipped, sent = figure_json(values, True), figure_json(values, False)
            print(
                f"| {name} | {label} | {len(values.frame)} | {tol:g}° | {len(shipped) / 1024:,.0f} KB "
                f"| {len(sent) / 1024:,.0f} KB | {len(gzip.compress(sent.encode())) / 1024:,.0f} KB |"
            )
            if label != "demo":
                figures[f"{name}, shipped"] = shipped
                figures[name] = sent

    print("\n## Queries (area_values, warm, median)\n")
    print("| view | ms |\n|---|---:|")
    for name, (level, f, _) in VIEWS.items():
        ms = timed(lambda level=level, f=f: qgeography.area_values(con, f, "terjangkau", level), 5)
        print(f"| {name} | {ms:,.0f} |")

    for item in args.extra:
        name, _, file = item.partition("=")
        spec = json.loads(Path(file).read_text(encoding="utf-8"))
        spec.setdefault("config", geography.MAP_CONFIG)
        figures[name] = json.dumps(spec, separators=(",", ":"))
        print(f"\n{name}: {len(figures[name]) / 1024:,.0f} KB")

    print(f"\n## Drawn in headless Chromium (figure alone, every area with a value; median of {args.runs})\n")
    drawn = draw_times(figures, args.runs)
    base = drawn[BASELINE]["ms"]
    print(f"| figure | areas drawn | median ms | min–max | × {BASELINE} | within {TARGET}×? |")
    print("|---|---:|---:|---|---:|---|")
    for name, r in drawn.items():
        ratio = r["ms"] / base
        print(
            f"| {name} | {r['paths']} | {r['ms']:,.0f} | {r['min']:,.0f}–{r['max']:,.0f} | {ratio:.2f} "
            f"| {'yes' if ratio <= TARGET else 'NO'} |"
        )

    if args.pages:
        print(f"\n## The whole Peta page through `streamlit run` (demo data; median of {args.runs})\n")
        pages = page_times(data, args.runs)
        print(f"| view | URL | median ms | × {BASELINE} |\n|---|---|---:|---:|")
        for name, ms in pages.items():
            print(f"| {name} | /{VIEWS[name][2]} | {ms:,.0f} | {ms / pages[BASELINE]:.2f} |")
    con.close()
    if own:
        shutil.rmtree(data.parent, ignore_errors=True)


if __name__ == "__main__":
    pd.set_option("display.width", 200)
    main()
