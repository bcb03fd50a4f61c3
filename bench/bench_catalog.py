"""The lake's catalog in SQLite against PostgreSQL: what the store's own operations cost on each (issue 22).

    python bench/bench_catalog.py [--runs 7] [--pg postgresql://user@host:port/db]

Without ``--pg`` a throwaway PostgreSQL cluster is started as the tests do (tests/pg_cluster.py: Debian's initdb
and pg_ctl, on 127.0.0.1, fsync off) and removed at the end. For each catalog, over a new data folder: the first
open (the store's tables made), an open in a new DuckDB instance (extensions loaded, catalog attached), the commit
of a small batch (the demo with 10 partnerships × 1 year: 10 partnerships, ~1,000 indicator rows, 40 surveys),
``snapshot()``, ``version()`` over an unchanged store (one catalog query: the current snapshot) and just after a
change (the catalog read again), ``is_empty()``, and an undo. Prints the median wall time (ms) of each.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import timed  # noqa: E402  (bench/ is on the path when a script here runs)

from kemitraan.generators import demo  # noqa: E402
from kemitraan.storage import engine  # noqa: E402
from kemitraan.storage.store import Store  # noqa: E402

_ids = itertools.count()


def measure(root: Path, runs: int) -> dict[str, float]:
    out = {}
    t0 = time.perf_counter()
    store = Store(root)
    out["first open (tables made)"] = (time.perf_counter() - t0) * 1000

    def reopen():
        engine.forget(root)
        Store(root)

    out["open, new DuckDB instance (extensions, attach)"] = timed(reopen, runs)
    out["open, this process's connection"] = timed(lambda: Store(root), runs)

    def commit():
        demo.generate(store, partnerships_n=10, years=1, batch_id=f"b{next(_ids)}")

    out["commit of a small batch (demo 10 × 1 year)"] = timed(commit, runs)
    out["snapshot()"] = timed(store.snapshot, runs)
    out["version(), store unchanged"] = timed(store.version, runs)

    def version_after_change():
        live = [b["batch_id"] for b in store.batches() if not b["undone"]]
        store.undo(live[-1])
        t = time.perf_counter()
        store.version()
        took = (time.perf_counter() - t) * 1000
        store.redo(live[-1])
        return took

    samples = sorted(version_after_change() for _ in range(runs))
    out["version(), just after a change"] = samples[len(samples) // 2]
    out["is_empty()"] = timed(store.is_empty, runs)
    live = iter([b["batch_id"] for b in store.batches() if not b["undone"]])
    out["undo"] = timed(lambda: store.undo(next(live)), min(runs, len(store.batches()) - 2))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--pg", help="a PostgreSQL database for the catalog (default: a throwaway cluster)")
    args = ap.parse_args()
    cluster = None
    if not args.pg:
        sys.path.insert(0, str(ROOT / "tests"))
        from pg_cluster import Cluster, _bin_dir

        bin_dir = _bin_dir()
        if bin_dir is None:
            sys.exit("PostgreSQL is not installed (no initdb): pass --pg URL")
        cluster = Cluster(bin_dir).start()
        args.pg = cluster.new_database()
    results = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, url in (("SQLite", None), ("PostgreSQL", args.pg)):
                if url:
                    os.environ[engine.CATALOG_ENV] = url
                else:
                    os.environ.pop(engine.CATALOG_ENV, None)
                results[name] = measure(Path(tmp) / name / "data", args.runs)
                engine.forget(Path(tmp) / name / "data")
    finally:
        if cluster is not None:
            cluster.stop()
    print(f"load average at the end: {os.getloadavg()[0]:.1f}; medians of {args.runs} runs, ms")
    print("| operation | SQLite | PostgreSQL | × |")
    print("|---|---:|---:|---:|")
    for op in results["SQLite"]:
        a, b = results["SQLite"][op], results["PostgreSQL"][op]
        print(
            f"| {op} | {a:,.0f} | {b:,.0f} | {b / a:.1f} |" if a >= 1 else f"| {op} | {a:.1f} | {b:.1f} | {b / a:.1f} |"
        )


if __name__ == "__main__":
    main()
