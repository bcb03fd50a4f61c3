"""The analysis base built over a store (issue 23): wall time, CPU time and peak memory of each step.

    python bench/bench_base_build.py DATA_DIR [--memory 2GB] [--explain]

Builds the base of DATA_DIR's live batches the way the analysis cache's child process does
(``analysis_cache.build_base``), into a throwaway cache folder (``$KEMITRAAN_CACHE_DIR`` set to a temporary
directory, so the store's own cache is never touched), in this process, with DuckDB's memory limit of the child
(``--memory``, default ``analysis_cache.BUILD_MEMORY``). Prints one line per step (statements timed from
outside by wrapping ``DuckDBPyConnection.execute``) and the whole: wall ms, CPU ms, peak resident memory
(VmHWM, which includes Python's). Only reads the store.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--memory", default=None, help="DuckDB memory limit (default: the child build's)")
    ap.add_argument("--steps", action="store_true", help="print every statement over 100 ms")
    args = ap.parse_args()

    from kemitraan.storage import analysis_cache, lake_io

    os.environ[lake_io.MEMORY_ENV] = args.memory or analysis_cache.BUILD_MEMORY
    tmp = tempfile.mkdtemp(prefix="bench-base-")
    os.environ["KEMITRAAN_CACHE_DIR"] = tmp
    import duckdb

    from kemitraan.storage.store import Store

    steps: list[tuple[float, float, str]] = []
    if args.steps:
        real = duckdb.DuckDBPyConnection.execute

        def connect(database=":memory:"):
            con = duckdb.connect(database, config={"memory_limit": os.environ[lake_io.MEMORY_ENV]})
            return _Wrap(con)

        class _Wrap:
            def __init__(self, con):
                self._con = con

            def execute(self, sql, *a, **k):
                t, c = time.perf_counter(), time.process_time()
                out = real(self._con, sql, *a, **k)
                steps.append((time.perf_counter() - t, time.process_time() - c, " ".join(str(sql).split())[:110]))
                return self if out is self._con else out

            def __getattr__(self, name):
                return getattr(self._con, name)

        lake_io.duckdb_connect = connect

    store = Store(args.data)
    live = analysis_cache._live(store)
    rows = analysis_cache._indicator_rows(live)
    load0 = os.getloadavg()[0]
    t, c = time.perf_counter(), time.process_time()
    base = analysis_cache.build_base(store, live)
    wall, cpu = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
    for w, cp, sql in steps:
        if w > 0.1:
            print(f"  {w * 1000:9,.0f} ms  cpu {cp * 1000:9,.0f}  {sql}")
    size = base.path.stat().st_size / 1e6
    print(
        f"base build: {len(live)} batches, {rows:,} indicator rows: {wall:,.0f} ms, cpu {cpu:,.0f} ms, "
        f"peak RSS {peak_mb():,.0f} MB, base {size:,.0f} MB, load {load0:.1f}->{os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
