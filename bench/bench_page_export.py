"""Times the downloads as a user gets them in the app (issue 14: the default deck on the demo data in ≤ 10 s).

    python bench/bench_page_export.py               # the demo store, built in a temp folder
    python bench/bench_page_export.py --data DIR    # reuse (or build once into) that folder

Runs the Presentasi page (the default deck) and the Jangkauan page through Streamlit's AppTest, clicks
"Siapkan unduhan" and measures the whole run that follows (the page drawn again, the deck built, PPTX, HTML
and XLSX written, the download buttons offered), with each step as the page's progress shows it. The first
click of a fresh process includes the imports and the store's materialisation, as a user's first click after
the server starts; the next clicks are a warm server. The real-browser figure (click to buttons, in Chromium)
is printed by tests/test_presentasi_browser.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kemitraan.generators import demo  # noqa: E402
from kemitraan.storage.store import Store  # noqa: E402


def click_prepare(page: str, name: str, runs: int) -> list[tuple[float, dict[str, float], dict[str, int]]]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        at.button(key=f"deck_dl_go_{name}").click().run()
        wall = time.perf_counter() - t0
        if at.exception:
            raise RuntimeError(at.exception[0].value)
        ready = at.session_state["_deck_dl"]
        out.append((wall, ready.seconds, {k: len(v) for k, v in ready.files.items()}))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=None)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    own = args.data is None
    data = Path(args.data or tempfile.mkdtemp(prefix="kemitraan-bench-page-export-"))
    if Store(data).is_empty():
        demo.generate(Store(data))
    os.environ["KEMITRAAN_DATA_DIR"] = str(data)
    print("| page (slides) | click | whole run, s | deck | pptx | html | xlsx | sizes KB (pptx/html/xlsx) |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for page, name, label in (
        ("presentasi", "presentasi", "Presentasi (default deck, 6)"),
        ("jangkauan", "jangkauan", "Jangkauan (3)"),
    ):
        results = click_prepare(page, name, args.runs + 1)
        first, warm = results[0], results[1:]
        rows = [
            ("first (cold process)", first[0], first[1]),
            (
                f"warm, median of {len(warm)}",
                statistics.median(r[0] for r in warm),
                {k: statistics.median(r[1][k] for r in warm) for k in first[1]},
            ),
        ]
        kb = "/".join(f"{first[2][k] / 1024:,.0f}" for k in ("pptx", "html", "xlsx"))
        for which, wall, steps in rows:
            print(
                f"| {label} | {which} | {wall:.2f} | "
                + " | ".join(f"{steps[k]:.2f}" for k in ("deck", "pptx", "html", "xlsx"))
                + f" | {kb} |"
            )
    if own:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
