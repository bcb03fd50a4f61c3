"""The lake's catalog in SQLite against PostgreSQL, and the data files on S3: what the store's own operations cost
on each (issue 22).

    python bench/bench_catalog.py [--runs 7] [--pg postgresql://user@host:port/db] [--no-s3]

The third column, "PostgreSQL + S3", is the PostgreSQL catalog with the data files in a bucket of moto's S3 server
(started on 127.0.0.1 by the script, as tests/test_s3_store.py does; skipped with ``--no-s3`` or without moto):
an S3 on the same machine, so it shows the requests the store makes, not a network's latency.

Without ``--pg`` a throwaway PostgreSQL cluster is started as the tests do (tests/pg_cluster.py: Debian's initdb
and pg_ctl, on 127.0.0.1, fsync off) and removed at the end. For each catalog, over a new data folder: the first
open (the store's tables made), an open in a new DuckDB instance (extensions loaded, catalog attached), the commit
of a small batch (the demo with 10 partnerships × 1 year: 10 partnerships, ~1,000 indicator rows, 40 surveys),
``snapshot()``, ``version()`` over an unchanged store (one catalog query: the current snapshot, and a stat of each
live file: a HEAD request each on S3) and just after a change (the catalog read again), ``is_empty()``, every
file's full check (``verify()``: each file read whole), the views read (a new connection and a count), and an
undo. Prints the median wall time (ms) of each.
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


def measure(root: Path | str, runs: int) -> dict[str, float]:
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
    n_files = sum(len(i.files) for i in store.inspect_batches())
    out[f"verify(): every file read whole ({n_files} files)"] = timed(store.verify, runs)

    def views():
        con = store.connect()
        con.sql("SELECT count(*) FROM indikator").fetchall()
        con.close()

    out["the views read (connect, count indicator rows)"] = timed(views, runs)
    live = iter([b["batch_id"] for b in store.batches() if not b["undone"]])
    out["undo"] = timed(lambda: store.undo(next(live)), min(runs, len(store.batches()) - 2))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--pg", help="a PostgreSQL database for the catalog (default: a throwaway cluster)")
    ap.add_argument("--no-s3", action="store_true", help="leave out the column of data files on S3 (moto)")
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
    s3 = None if args.no_s3 else start_s3()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            runs = [("SQLite", None, Path(tmp) / "SQLite" / "data"), ("PostgreSQL", args.pg, Path(tmp) / "PG" / "data")]
            if s3 is not None:
                second = cluster.new_database() if cluster is not None else args.pg
                runs.append(("PostgreSQL + S3", second, s3[1]))
                os.environ["KEMITRAAN_LOCAL_DIR"] = str(Path(tmp) / "S3-local")
            for name, url, root in runs:
                if url:
                    os.environ[engine.CATALOG_ENV] = url
                else:
                    os.environ.pop(engine.CATALOG_ENV, None)
                results[name] = measure(root, args.runs)
                engine.forget(root)
    finally:
        if cluster is not None:
            cluster.stop()
        if s3 is not None:
            s3[0].stop()
    names = list(results)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}; medians of {args.runs} runs, ms")
    print("| operation | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for op in results["SQLite"]:
        cells = [results[n][op] for n in names]
        print(f"| {op} | " + " | ".join(f"{c:,.0f}" if c >= 1 else f"{c:.1f}" for c in cells) + " |")


def start_s3():
    """moto's S3 server on a free port of 127.0.0.1, a bucket, the AWS settings: (server, ``s3://bucket/bench``)."""
    try:
        import boto3
        from moto.server import ThreadedMotoServer
    except ImportError:
        print("moto not installed: no S3 column", file=sys.stderr)
        return None
    import logging
    import socket

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    os.environ.update(
        AWS_ENDPOINT_URL=f"http://127.0.0.1:{port}",
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_REGION="us-east-1",
    )
    boto3.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name="us-east-1").create_bucket(
        Bucket="kemitraan-bench"
    )
    return server, "s3://kemitraan-bench/bench"


if __name__ == "__main__":
    main()
