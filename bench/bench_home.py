"""Times the home page (Ringkasan) queries on the demo store and on a ~10-million-row store,
next to the same main aggregation done in pandas. Prints a table.

    python bench/bench_home.py                 # demo store + 10M-row store (built once into bench/out/)
    python bench/bench_home.py --big-partnerships 2000   # a smaller "big" store for a quick look

Three ways of reading are timed:
- lake:  DuckDB views straight over the Parquet lake (what the CLI `sql` uses);
- memory: the views materialised once into in-memory tables (what the app does per store version);
- pandas: the same per-category aggregation written in pandas on DataFrames loaded from the lake.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
import tracemalloc
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timing import timed  # noqa: E402  (bench/ is on the path when a script here runs)

from kemitraan.generators import demo
from kemitraan.queries import impact as qimpact  # noqa: E402
from kemitraan.queries import (
    overview,  # noqa: E402
    survey,  # noqa: E402
)
from kemitraan.queries import reach as qreach  # noqa: E402
from kemitraan.queries import sustainability as qsustainability  # noqa: E402
from kemitraan.queries.filters import Filters  # noqa: E402
from kemitraan.storage.store import Store  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def home_page(con, f: Filters) -> None:
    """What pages/ringkasan.py asks for (without Streamlit's result cache)."""
    overview.period_bounds(con)
    overview.headline(
        qsustainability.partnership_status(con, f, []),
        qreach.reach_summary(con, f, []),
        qsustainability.sustainability_summary(con, f, []),
        survey.respondents(con, f, None),
    )
    qreach.reach_summary(con, f, "kategori")
    qsustainability.sustainability_summary(con, f, "kategori")
    qimpact.impact_summary(con, f, "tahun", "kategori")
    qreach.reach_over_time(con, f, "tahun", "kategori")


def pandas_by_category(k: pd.DataFrame, i: pd.DataFrame) -> pd.DataFrame:
    d = i.merge(k[["kode_kemitraan", "kategori"]], on="kode_kemitraan")
    piv = d.pivot_table(index="kategori", columns="kode_indikator", values=["nilai", "target"], aggfunc="sum")
    out = pd.DataFrame(
        {
            "terjangkau": piv[("nilai", "terjangkau")],
            "target": piv[("target", "terjangkau")],
            "rentan": piv[("nilai", "kelompok_rentan_terjangkau")],
            "komitmen": piv[("nilai", "dana_komitmen_idr")],
            "realisasi": piv[("nilai", "dana_realisasi_idr")],
        }
    )
    out["capaian_pct"] = 100 * out["terjangkau"] / out["target"]
    return out


def latest_per_key_pandas(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    con = store.connect()
    k = con.sql("SELECT * FROM kemitraan").df()
    i = con.sql(
        f"SELECT * FROM read_parquet('{store.kind_glob('indikator')}', union_by_name=true) WHERE _seq IS NOT NULL"
    ).df()
    i = i.sort_values("_seq").drop_duplicates(["kode_kemitraan", "periode", "kode_indikator"], keep="last")
    return k, i


def bench_store(name: str, store: Store, runs: int) -> list[dict]:
    rows = []
    n = store.connect().sql("SELECT count(*) FROM indikator").fetchall()[0][0]
    f_all = Filters()
    f_some = Filters(kategori=("internasional", "pemerintah_lsm"), bidang=("kb",))
    lake = store.connect()
    t0 = time.perf_counter()
    mem = store.connect(materialize=True)
    materialise_ms = (time.perf_counter() - t0) * 1000
    rows.append(
        {"store": name, "rows": n, "what": "materialise latest-per-key (once per store version)", "ms": materialise_ms}
    )
    for label, f in (("no filter", f_all), ("2 categories + KB", f_some)):
        rows.append(
            {
                "store": name,
                "rows": n,
                "what": f"home page, lake views, {label}",
                "ms": timed(lambda: home_page(lake, f), runs),
            }
        )
        rows.append(
            {
                "store": name,
                "rows": n,
                "what": f"home page, in-memory, {label}",
                "ms": timed(lambda: home_page(mem.cursor(), f), runs),
            }
        )
    rows.append(
        {
            "store": name,
            "rows": n,
            "what": "reach_summary by kategori only, in-memory",
            "ms": timed(lambda: qreach.reach_summary(mem.cursor(), f_all, "kategori"), runs),
        }
    )
    gc.collect()
    tracemalloc.start()
    t0 = time.perf_counter()
    k, i = latest_per_key_pandas(store)
    load_ms = (time.perf_counter() - t0) * 1000
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    rows.append(
        {"store": name, "rows": n, "what": f"pandas: load lake + latest-per-key (peak {peak:,.0f} MiB)", "ms": load_ms}
    )
    rows.append(
        {
            "store": name,
            "rows": n,
            "what": "pandas: by_category aggregation on loaded frames",
            "ms": timed(lambda: pandas_by_category(k, i), runs),
        }
    )
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--big-partnerships", type=int, default=17500, help="≈ 10 million indicator rows at 17,500")
    ap.add_argument("--big-years", type=int, default=10)
    args = ap.parse_args()

    OUT.mkdir(exist_ok=True)
    demo_store = Store(OUT / f"demo-{os.getpid()}")
    demo.generate(demo_store)
    big_dir = OUT / f"big-{args.big_partnerships}x{args.big_years}"
    big = Store(big_dir)
    if big.is_empty():
        t0 = time.perf_counter()
        demo.generate(big, partnerships_n=args.big_partnerships, years=args.big_years)
        print(f"built {big_dir.name} in {time.perf_counter() - t0:,.1f} s", file=sys.stderr)

    rows = bench_store("demo", demo_store, args.runs) + bench_store("big", big, max(1, args.runs // 2))
    import shutil

    shutil.rmtree(demo_store.root, ignore_errors=True)
    w = max(len(r["what"]) for r in rows)
    print(f"{'store':6} {'rows':>12}  {'what':{w}}  {'ms':>10}")
    for r in rows:
        print(f"{r['store']:6} {r['rows']:>12,}  {r['what']:{w}}  {r['ms']:>10,.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
