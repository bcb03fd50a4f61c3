"""What undo's helpers cost on a large store: the dependants listed before an undo, the orphan rows on the
data-quality panel, redo (with its full sha256 check), the history table and the demo banner.

    python bench/bench_undo.py [--partnerships 5000] [--years 10] [--runs 3]

Builds (in a temporary folder) the demo with N partnerships × Y years, plus one "own" batch that reports one
month of one indicator and one survey row for every demo partnership, so undoing the demo leaves every one of
those rows without its partnership. Prints the median wall time (ms) of each step.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402
from timing import timed  # noqa: E402  (bench/ is on the path when a script here runs)

from kemitraan import contract  # noqa: E402
from kemitraan.generators import demo, demo_state  # noqa: E402
from kemitraan.queries import quality  # noqa: E402
from kemitraan.queries.filters import Filters  # noqa: E402
from kemitraan.storage import history  # noqa: E402
from kemitraan.storage.dependants import dependants  # noqa: E402
from kemitraan.storage.store import Store  # noqa: E402


def own_batch(store: Store, codes: list[str]) -> None:
    ind = pd.DataFrame(
        {
            "kode_kemitraan": codes,
            "periode": "2026-07",
            "periode_mulai": dt.date(2026, 7, 1),
            "jenis_periode": "bulan",
            "kode_indikator": "kb_peserta_baru",
            "nilai": 1.0,
        }
    )
    sur = pd.DataFrame(
        {
            "respon_id": [f"own-{c}" for c in codes],
            "kode_kemitraan": codes,
            "tanggal_survei": dt.date(2026, 7, 1),
            "peran_responden": "lsm",
            **{p: 4 for p in contract.PRINCIPLES},
            "kepuasan": 4,
            "tantangan": [["pendanaan"]] * len(codes),
        }
    )
    with store.new_batch("own", file="own.csv") as b:
        b.write_df("indikator", ind.reindex(columns=contract.stored_columns("indikator")))
        b.write_df("survei", sur.reindex(columns=contract.stored_columns("survei")))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--partnerships", type=int, default=5000)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        store = Store(Path(d) / "data")
        t0 = time.perf_counter()
        m = demo.generate(store, partnerships_n=args.partnerships, years=args.years)
        codes = [r[0] for r in store.connect().sql("SELECT kode_kemitraan FROM kemitraan").fetchall()]
        own_batch(store, codes)
        print(
            f"store: {m['rows_by_kind']} + own batch of {len(codes):,} indicator and survey rows "
            f"({time.perf_counter() - t0:.1f} s to build)"
        )
        rows = []
        con = store.connect(materialize=True)
        rows.append(("banner_state (every page)", timed(lambda: demo_state.banner_state(store), args.runs)))
        rows.append(("history_entries", timed(lambda: history.history_entries(store), args.runs)))
        rows.append(("orphan_rows, none (materialised)", timed(lambda: quality.orphan_rows(con, Filters()), args.runs)))
        rows.append(("dependants(own): no partnerships", timed(lambda: dependants(store, "own"), args.runs)))
        deps = dependants(store, "demo")
        rows.append(
            (f"dependants(demo): {deps.total_rows:,} rows", timed(lambda: dependants(store, "demo"), args.runs))
        )
        undo_ms, redo_ms = [], []
        for _ in range(args.runs):
            t = time.perf_counter()
            store.undo("demo")
            undo_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            store.redo("demo")
            redo_ms.append((time.perf_counter() - t) * 1000)
        rows.append(("undo(demo)", sorted(undo_ms)[len(undo_ms) // 2]))
        rows.append(("redo(demo), sha256 included", sorted(redo_ms)[len(redo_ms) // 2]))
        store.undo("demo")
        con = store.connect(materialize=True)
        n = int(quality.orphan_rows(con, Filters())["n_baris"].sum())
        rows.append(
            (f"orphan_rows, {n:,} rows (materialised)", timed(lambda: quality.orphan_rows(con, Filters()), args.runs))
        )
        lake = store.connect()
        rows.append(
            (f"orphan_rows, {n:,} rows (lake views)", timed(lambda: quality.orphan_rows(lake, Filters()), args.runs))
        )
        width = max(len(r[0]) for r in rows)
        for name, ms in rows:
            print(f"{name:<{width}}  {ms:10.1f} ms")


if __name__ == "__main__":
    main()
