"""Times ``python -m kemitraan angka`` (issue 16's target: every command-line query ≤ 2 s).

    python bench/bench_angka.py                  # the default demo store, built in a temporary folder
    python bench/bench_angka.py --data DIR       # reuse (or build once into) that folder, e.g. a 10M-row store
    python bench/bench_angka.py --cli            # also the command end to end in a fresh process

Prints, per step, the median wall time over a few runs after one warm-up: opening the store (the command
materialises latest-per-key once), each query the command runs, the whole figure set, and with ``--cli``
the command as a user runs it (imports included), default range and one category.
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

from kemitraan.commands.angka import default_period  # noqa: E402
from kemitraan.generators import demo  # noqa: E402
from kemitraan.methods import indices  # noqa: E402
from kemitraan.queries import (  # noqa: E402
    figures,
    impact,
    indicators,
    periods,
    quality,
    reach,
    reporting,
    survey,
    sustainability,
)
from kemitraan.queries.filters import Filters  # noqa: E402
from kemitraan.storage.store import Store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=None, help="store folder (demo built if empty)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cli", action="store_true", help="also time the command in a fresh process")
    args = ap.parse_args()
    own = args.data is None
    data = Path(args.data or tempfile.mkdtemp(prefix="kemitraan-bench-angka-"))
    store = Store(data)
    if store.is_empty():
        demo.generate(store)
    con = store.connect(materialize=True)
    f = default_period(con, Filters())
    steps = [
        ("open the store (materialise latest-per-key)", lambda: store.connect(materialize=True).close()),
        ("periods.straddling_reports", lambda: periods.straddling_reports(con, f)),
        ("quality.flagged_count", lambda: quality.flagged_count(con, f)),
        (
            "indicators.indicator_totals (every indicator)",
            lambda: indicators.indicator_totals(con, f, figures.ALL_INDICATORS),
        ),
        ("impact.impact_summary", lambda: impact.impact_summary(con, f, [])),
        ("sustainability.partnership_status", lambda: sustainability.partnership_status(con, f, [])),
        ("reach.reach_summary", lambda: reach.reach_summary(con, f, [])),
        ("sustainability.sustainability_summary", lambda: sustainability.sustainability_summary(con, f, [])),
        ("reporting.reporting_rates", lambda: reporting.reporting_rates(con, f, None)),
        (
            "survey.respondents + health_by_principle",
            lambda: (
                indices.health_overall(survey.health_by_principle(con, f, None), []) is not None
                and survey.respondents(con, f, None)
            ),
        ),
        ("every figure (figures.headline_figures)", lambda: figures.headline_figures(con, f)),
    ]
    rows = [(name, timed(fn, args.runs)) for name, fn in steps]
    n = con.execute("SELECT count(*) FROM indikator").fetchall()[0][0]
    print(f"store: {data} ({n:,} indicator rows)")
    print("| step | ms |\n|---|---:|")
    for name, ms in rows:
        print(f"| {name} | {ms:,.0f} |")
    if args.cli:
        print("| command, fresh process (imports included) | s |\n|---|---:|")
        for extra in ([], ["--kategori", "internasional"]):
            t0 = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "kemitraan", "--data-dir", str(data), "angka", "--json", *extra],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            print(f"| `angka --json {' '.join(extra)}` | {time.perf_counter() - t0:.1f} |")
    con.close()
    if own:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
