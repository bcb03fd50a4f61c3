"""Times the synthetic demo's generation at scale: partnerships, surveys, indicator rows, and peak memory.

    python bench/bench_demo.py                          # 18,000 partnerships × 10 years (~10 M indicator rows)
    python bench/bench_demo.py --partnerships 60 --years 5

Each run writes into a temporary folder under bench/out/ and removes it afterwards.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kemitraan.generators import demo  # noqa: E402
from kemitraan.storage.store import Store  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--partnerships", type=int, default=18000)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--seed", type=int, default=20240501)
    args = ap.parse_args()

    t = time.perf_counter()
    p = demo.partnerships(args.partnerships, args.years, args.seed)
    t_p = time.perf_counter() - t
    t = time.perf_counter()
    demo.surveys(p, args.seed)
    t_s = time.perf_counter() - t

    OUT.mkdir(exist_ok=True)
    folder = OUT / f"demo-bench-{args.partnerships}x{args.years}"
    shutil.rmtree(folder, ignore_errors=True)
    t = time.perf_counter()
    m = demo.generate(Store(folder), partnerships_n=args.partnerships, years=args.years, seed=args.seed)
    t_all = time.perf_counter() - t
    size = sum(f.stat().st_size for f in folder.rglob("*.parquet"))
    shutil.rmtree(folder, ignore_errors=True)

    rows = m["rows_by_kind"]
    print(
        "| partnerships | years | indicator rows | survey rows | partnerships (s) | surveys (s) | generate, total (s) "
        "| Parquet (MB) | peak RSS (MB) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {args.partnerships:,} | {args.years} | {rows.get('indikator', 0):,} | {rows.get('survei', 0):,} "
        f"| {t_p:.1f} | {t_s:.1f} | {t_all:.1f} | {size / 2**20:.0f} "
        f"| {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} |"
    )


if __name__ == "__main__":
    main()
