"""What checking batches costs: the cheap check every page load pays, commit, and the full `check`.

    python bench/bench_store_check.py                    # stores of 10, 100 and 300 small batches
    python bench/bench_store_check.py --big bench/out/big  # also the full sha256 check of a big store

Prints the median wall time (ms) of: ``Store.version()`` with the caches warm (what a page load pays,
stat calls only) and cold (manifests and Parquet footers read again), ``Store.damaged()``, opening a
store, committing one more small batch, and ``Store.verify()`` (the sha256 of every file).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402
from timing import timed  # noqa: E402  (bench/ is on the path when a script here runs)

from kemitraan import contract  # noqa: E402
from kemitraan.storage import batch_check
from kemitraan.storage.store import Store  # noqa: E402


def _row(i: int) -> dict:
    return {
        "kode_kemitraan": f"K{i}",
        "nama_kemitraan": f"Kemitraan {i}",
        "kategori": "nirlaba",
        "fokus": "program",
        "bidang": "kb",
        "mitra_utama": "Dinas",
        "mitra": ["PKBI"],
        "provinsi_kode": "32",
        "provinsi": "Jawa Barat",
        "kabupaten_kota": None,
        "tanggal_mulai": None,
        "tanggal_selesai": None,
        "anggaran_idr": 1.0,
        "sumber_dana": ["APBD"],
    }


def _commit(store: Store, i: int) -> None:
    with store.new_batch(f"b{i:05d}", file="x.csv") as b:
        b.write_df("kemitraan", pd.DataFrame([_row(i)], columns=contract.stored_columns("kemitraan")))


def _cold(store: Store):
    def run():
        batch_check.clear_caches()
        store.version()

    return run


def measure(store: Store, label: str, runs: int) -> None:
    n = len(store._live_dirs())
    rows = [
        ("version(), warm (a page load)", timed(store.version, runs)),
        ("version(), cold (footers read again)", timed(_cold(store), runs)),
        ("damaged(), warm", timed(store.damaged, runs)),
        ("open Store() (recovery check)", timed(lambda: Store(store.root), runs)),
    ]
    counter = iter(range(10**6, 10**7))
    rows.append(("commit one small batch", timed(lambda: _commit(store, next(counter)), runs)))
    rows.append(("verify(): sha256 of every file", timed(lambda: (batch_check.clear_caches(), store.verify()), runs)))
    for what, ms in rows:
        print(f"| {label} | {n:,} | {what} | {ms:,.1f} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[10, 100, 300])
    ap.add_argument("--big", help="an existing store to measure too (e.g. bench/out/big)")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    print("| store | live batches | what | ms |\n|---|---:|---|---:|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "data")
            t0 = time.perf_counter()
            for i in range(size):
                _commit(store, i)
            print(
                f"| {size} small | {size:,} | build ({size} commits, total) | "
                f"{(time.perf_counter() - t0) * 1000:,.0f} |"
            )
            measure(store, f"{size} small", args.runs)
    if args.big:
        big = Store(args.big)
        size = sum(p.stat().st_size for p in Path(big.lake).rglob("*.parquet"))
        print(f"| big ({size / 2**20:,.0f} MiB of Parquet) | ", end="")
        batch_check.clear_caches()
        t0 = time.perf_counter()
        big.verify()
        print(
            f"{len(big._live_dirs())} | verify(): sha256 of every file, cold | "
            f"{(time.perf_counter() - t0) * 1000:,.0f} |"
        )


if __name__ == "__main__":
    main()
