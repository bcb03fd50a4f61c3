"""Times every analysis-page query on a materialised in-memory store (what the app uses).

    python bench/bench_analysis.py                        # ~10 million indicator rows (29,000 partnerships)
    python bench/bench_analysis.py --partnerships 3000    # ~1 million rows, for a quick look
    python bench/bench_analysis.py --data /tmp/big        # reuse (or build once into) that folder

Prints, per query, the median wall time over a few runs after one warm-up, with and
without a category filter, at year and month grain.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timing import timed  # noqa: E402  (bench/ is on the path when a script here runs)

from kemitraan.generators import demo  # noqa: E402
from kemitraan.queries import (
    compare,  # noqa: E402
    profile,  # noqa: E402
    quality,  # noqa: E402
    survey,  # noqa: E402
)
from kemitraan.queries import explore as qexplore  # noqa: E402
from kemitraan.queries import geography as qgeography  # noqa: E402
from kemitraan.queries import impact as qimpact  # noqa: E402
from kemitraan.queries import reach as qreach  # noqa: E402
from kemitraan.queries import sustainability as qsustainability  # noqa: E402
from kemitraan.queries.filters import Filters  # noqa: E402
from kemitraan.storage.store import Store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--partnerships", type=int, default=29_000)
    ap.add_argument("--data", default=None, help="store folder (built if empty)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    data = Path(args.data or f"/tmp/kemitraan-bench-{args.partnerships}")
    store = Store(data)
    if store.is_empty():
        t0 = time.perf_counter()
        demo.generate(store, partnerships_n=args.partnerships)
        print(f"built {data} in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    con = store.connect(materialize=True)
    print(f"materialised in {time.perf_counter() - t0:.1f} s")
    n = con.execute("SELECT count(*) FROM indikator").fetchall()[0][0]
    print(f"indikator rows: {n:,}")
    one = Filters(kategori=("internasional",))
    first = con.execute("SELECT min(kode_kemitraan) FROM kemitraan").fetchall()[0][0]
    cases = {
        "reach_summary(kategori)": lambda f: qreach.reach_summary(con, f, "kategori"),
        "reach_over_time(tahun)": lambda f: qreach.reach_over_time(con, f, "tahun"),
        "reach_over_time(bulan)": lambda f: qreach.reach_over_time(con, f, "bulan"),
        "sustainability_summary": lambda f: qsustainability.sustainability_summary(con, f, "kategori"),
        "partnership_status": lambda f: qsustainability.partnership_status(con, f, "kategori"),
        "impact_summary(tahun)": lambda f: qimpact.impact_summary(con, f, "tahun", "kategori"),
        "outcome_series(triwulan)": lambda f: qimpact.outcome_series(con, f, "triwulan", "kategori"),
        "health_by_principle": lambda f: survey.health_by_principle(con, f, "kategori"),
        "likert + satisfaction + challenges": lambda f: (
            survey.likert_distribution(con, f),
            survey.satisfaction(con, f),
            survey.challenges(con, f),
        ),
        "province_summary": lambda f: qgeography.province_summary(con, f, "terjangkau"),
        "compare_groups(kategori)": lambda f: compare.compare_groups(
            con, f, "kategori", ["pemerintah_lsm", "internasional"]
        ),
        "pivot(kategori x tahun)": lambda f: qexplore.pivot(con, f, "terjangkau", "kategori", "tahun"),
        "view_rows(indikator, 2000)": lambda f: qexplore.view_rows(con, f, "indikator", 2000),
        "missing_reports": lambda f: quality.missing_reports(con, f),
        "out_of_range": lambda f: quality.out_of_range(con, f),
        "stale_partnerships": lambda f: quality.stale_partnerships(con, f),
        "partnership_indicators(1)": lambda f: profile.partnership_indicators(con, first, "triwulan"),
    }
    print(f"{'query':40s} {'all (ms)':>10s} {'1 kategori (ms)':>16s}")
    for name, fn in cases.items():
        print(f"{name:40s} {timed(lambda: fn(Filters()), args.runs):10.0f} {timed(lambda: fn(one), args.runs):16.0f}")


if __name__ == "__main__":
    main()
