"""The lake on object storage against a local folder: open, commit, version(), materialise, the first page.

    python bench/bench_object_store.py                          # moto's S3 server on localhost (pip: moto[server])
    python bench/bench_object_store.py --url s3://bucket/prefix  # a real bucket (AWS_* variables set; it must be empty)
    python bench/bench_object_store.py --partnerships 2000 --years 5

Both stores hold the same demo batch. Prints one Markdown table (median wall time in ms):
``Store()`` (what a new store version costs the app besides materialising), committing one small
batch, ``version()`` served from the listing kept ``LIST_TTL_S`` seconds and with a new listing,
``connect(materialize=True)`` (once per store version in each app process), and the first run of
the home page through AppTest with every Streamlit cache cleared (a new server's first visitor).
moto is a Python server: a real S3 or MinIO answers each request faster, but from farther away.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from kemitraan import contract  # noqa: E402
from kemitraan.generators import demo  # noqa: E402
from kemitraan.storage import batch_check  # noqa: E402
from kemitraan.storage.store import Store  # noqa: E402
from timing import timed  # noqa: E402  (bench/ is on the path when a script here runs)

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def _moto() -> str:
    import logging
    import uuid

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    os.environ.update(AWS_ENDPOINT_URL=f"http://{host}:{port}", AWS_ACCESS_KEY_ID="bench",
                      AWS_SECRET_ACCESS_KEY="bench", AWS_DEFAULT_REGION="us-east-1")
    from kemitraan.storage import objects

    bucket = f"bench-{uuid.uuid4().hex[:8]}"
    objects.filesystem().mkdir(bucket)
    return f"s3://{bucket}/data"


def _small(i: int) -> pd.DataFrame:
    row = {"kode_kemitraan": f"B{i}", "nama_kemitraan": f"Bench {i}", "kategori": "nirlaba", "fokus": "program",
           "bidang": "kb", "mitra_utama": "Dinas", "mitra": ["PKBI"], "provinsi_kode": "32", "provinsi": "Jawa Barat",
           "kabupaten_kota": None, "tanggal_mulai": None, "tanggal_selesai": None, "anggaran_idr": 1.0,
           "sumber_dana": ["APBD"]}
    return pd.DataFrame([row], columns=contract.stored_columns("kemitraan"))


def _first_page(root: str) -> float:
    """The home page's first run in a fresh app (caches cleared), in ms."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["KEMITRAAN_DATA_DIR"] = root
    st.cache_resource.clear()
    st.cache_data.clear()
    batch_check.clear_caches()
    t0 = time.perf_counter()
    at = AppTest.from_file(APP, default_timeout=300).run()
    ms = (time.perf_counter() - t0) * 1000
    if at.exception:
        print(f"<!-- the home page raised on {root}: {at.exception[0].value[:200]} -->")
    return ms


def measure(root: str, label: str, runs: int) -> list[tuple[str, str, float]]:
    store = Store(root)
    counter = iter(range(10**6, 10**7))

    def commit():
        with store.new_batch(f"bench{next(counter)}", file="x.csv") as b:
            b.write_df("kemitraan", _small(0))

    def fresh_version():
        if hasattr(store, "_invalidate"):
            store._invalidate()
        store.version()

    rows = [
        ("open Store()", timed(lambda: Store(root), runs)),
        ("commit one small batch", timed(commit, runs)),
        ("version(), listing kept (a page load)", timed(store.version, runs)),
        ("version(), new listing", timed(fresh_version, runs)),
        ("connect(materialize=True)", timed(lambda: store.connect(materialize=True).close(), max(1, runs // 2))),
        ("first page (AppTest, caches cleared)", timed(lambda: _first_page(root), max(1, runs // 3))),
    ]
    return [(label, what, ms) for what, ms in rows]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", help="an empty s3:// data folder (default: a bucket on a local moto server)")
    ap.add_argument("--partnerships", type=int, default=None, help="demo size (default: the app's demo)")
    ap.add_argument("--years", type=int, default=None)
    ap.add_argument("--runs", type=int, default=6)
    args = ap.parse_args()
    url = args.url or _moto()
    size = {k: v for k, v in (("partnerships_n", args.partnerships), ("years", args.years)) if v}
    with tempfile.TemporaryDirectory() as tmp:
        local = str(Path(tmp) / "data")
        found = []
        for root, label in ((local, "local folder"), (url, "s3 (moto)" if not args.url else "s3")):
            t0 = time.perf_counter()
            demo.generate(Store(root), **size)
            print(f"<!-- demo written to {label} in {(time.perf_counter() - t0) * 1000:,.0f} ms -->")
            found += measure(root, label, args.runs)
    print("| data folder | what | ms |\n|---|---|---:|")
    for label, what, ms in found:
        print(f"| {label} | {what} | {ms:,.1f} |")


if __name__ == "__main__":
    main()
