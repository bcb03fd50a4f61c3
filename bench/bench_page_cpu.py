"""Server CPU per page view on a store (issue 23: "server CPU per page view at most half of today's"), through AppTest.

    python bench/bench_page_cpu.py DATA_DIR [--root CHECKOUT] [--out FILE.json]

Every page of app.py's navigation runs in one AppTest session (sidebar filters at their defaults): once to open
the connection, then three times after clearing ``st.cache_data`` (the page's queries run: what a filter never
seen costs) and three times fully cached (what every rerun of a page costs: figures, tables, widgets). The
median CPU time of this process per run (``time.process_time``: DuckDB's threads and the script thread included)
is printed per page. ``--root`` runs another checkout's app (a ``git worktree`` of an older commit), so a change
is measured before and after on the same store, back to back.
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data")
    ap.add_argument("--root", default=str(Path(__file__).resolve().parent.parent))
    ap.add_argument("--out")
    args = ap.parse_args()
    root = Path(args.root).resolve()
    sys.path.insert(0, str(root))
    os.environ["KEMITRAAN_DATA_DIR"] = str(Path(args.data).resolve())
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    pages = re.findall(r'st\.Page\(\s*"pages/([^"]+)\.py"', (root / "app.py").read_text(encoding="utf-8"))
    at = AppTest.from_file(str(root / "app.py"), default_timeout=180)
    at.run()
    out = {}
    for page in pages:
        at.switch_page(f"pages/{page}.py").run()
        at.run()
        uncached, cached = [], []
        for _ in range(3):
            st.cache_data.clear()
            t0 = time.process_time()
            at.run()
            uncached.append(time.process_time() - t0)
        for _ in range(3):
            t0 = time.process_time()
            at.run()
            cached.append(time.process_time() - t0)
        out[page] = {"uncached_ms": 1000 * statistics.median(uncached), "cached_ms": 1000 * statistics.median(cached)}
        print(f"| {page} | {out[page]['uncached_ms']:,.0f} ms | {out[page]['cached_ms']:,.0f} ms |", flush=True)
    if args.out:
        Path(args.out).write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
