"""Times the presentation deck and its three exports on the demo store (issue 14: ≤ 10 s per export).

    python bench/bench_export.py                  # the default demo store (60 partnerships), built in a temp folder
    python bench/bench_export.py --data DIR       # reuse (or build once into) that folder
    python bench/bench_export.py --cli            # also time `python -m kemitraan export …` end to end

Prints, per step, the median wall time over a few runs after one warm-up: materialising the store,
building the default deck (queries + figures + takeaways), and writing PPTX, HTML and XLSX from it;
then the whole export per format (connect + deck + write) as the command does it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import timed  # noqa: E402  (bench/ is on the path when a script here runs)

from kemitraan.export import deck, html_export, pptx_export, xlsx_export  # noqa: E402
from kemitraan.generators import demo  # noqa: E402
from kemitraan.queries.filters import Filters  # noqa: E402
from kemitraan.storage.store import Store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=None, help="store folder (demo built if empty)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cli", action="store_true", help="also time the command in a fresh process")
    args = ap.parse_args()
    own = args.data is None
    data = Path(args.data or tempfile.mkdtemp(prefix="kemitraan-bench-export-"))
    store = Store(data)
    if store.is_empty():
        demo.generate(store)
    con = store.connect(materialize=True)
    f = Filters()
    d = deck.build_deck(con, store, f, "id")
    rows = [
        ("connect + materialise", timed(lambda: store.connect(materialize=True), args.runs)),
        (
            "default deck (6 slides: queries, figures, takeaways)",
            timed(lambda: deck.build_deck(con, store, f, "id"), args.runs),
        ),
        ("write PPTX (native charts)", timed(lambda: pptx_export.to_pptx(d), args.runs)),
        ("write HTML (plotly.js + topojson embedded)", timed(lambda: html_export.to_html(d), args.runs)),
        ("write XLSX", timed(lambda: xlsx_export.to_xlsx(d, con, store), args.runs)),
    ]
    writers = {
        "pptx": lambda dk, c: pptx_export.to_pptx(dk),
        "html": lambda dk, c: html_export.to_html(dk),
        "xlsx": lambda dk, c: xlsx_export.to_xlsx(dk, c, store),
    }
    for fmt, write in writers.items():

        def whole(write=write):
            c = store.connect(materialize=True)
            return write(deck.build_deck(c, store, f, "id"), c)

        rows.append((f"whole {fmt.upper()} export (connect + deck + write)", timed(whole, args.runs)))
    sizes = {fmt: len(w(d, con)) for fmt, w in writers.items()}
    print(f"store: {data} ({con.execute('SELECT count(*) FROM indikator').fetchall()[0][0]:,} indicator rows)")
    print("| step | ms |\n|---|---:|")
    for name, ms in rows:
        print(f"| {name} | {ms:,.0f} |")
    print("sizes: " + ", ".join(f"{k} {v / 1024:,.0f} KB" for k, v in sizes.items()))
    if args.cli:
        print("| command, fresh process (imports included) | s |\n|---|---:|")
        for fmt in writers:
            out = data.parent / f"bench-export.{fmt}"
            t0 = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "kemitraan",
                    "--data-dir",
                    str(data),
                    "export",
                    fmt,
                    "--out",
                    str(out),
                    "--force",
                ],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            print(f"| `export {fmt}` | {time.perf_counter() - t0:.1f} |")
            out.unlink()
    if own:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
