"""The command line over a large store (issue 23): each command in a fresh process, wall ms, CPU ms of the
process and its children, peak resident memory of the largest of them, and the load average.

    python bench/bench_cli10m.py DATA_DIR [--step never|built|ingest|written] [--ingest FILE]

``never``: the store as written (no ``cache/``): the four ``sql`` queries of bench_pages.py (the console reads
the lake's files), then the first ``angka --json`` (it builds the analysis base, in a child process), the second
``angka --json`` and the ``sql`` queries again over the built base, then ``export xlsx``. ``ingest``: ``ingest FILE``
(a 100-row upload, bench/ingest_100.py) then ``angka --json`` over the base and its overlay. ``written``: DATA_DIR must
not exist; ``demo --partnerships 18000 --years 10`` (``--partnerships``/``--years``) writes it (10.4 M indicator rows,
and the command prepares the analysis base before it ends), then the first ``angka --json`` and the ``sql`` queries
after it. Writes nothing but what the commands write (run it on a copy to keep a store as it was).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages import SQL  # noqa: E402


def run(data: Path, *args: str) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    t = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-m", "kemitraan", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    wall = (time.perf_counter() - t) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
    out = {"ms": wall, "cpu_ms": cpu, "peak_mb": after.ru_maxrss / 1024, "load": load, "rc": p.returncode}
    if p.returncode:
        out["error"] = (p.stderr or p.stdout)[-400:]
    return out


def show(name: str, r: dict) -> None:
    err = f"  ERROR {r['error']}" if r.get("error") else ""
    print(
        f"{name:45s} {r['ms']:9,.0f} ms  cpu {r['cpu_ms']:9,.0f}  peak(max so far) {r['peak_mb']:6,.0f} MB  "
        f"load {r['load']:.1f}{err}",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--step", default="never", choices=("never", "built", "ingest", "written"))
    ap.add_argument("--ingest", type=Path)
    ap.add_argument("--partnerships", type=int, default=18000)
    ap.add_argument("--years", type=int, default=10)
    a = ap.parse_args()
    if a.step == "written":
        if a.data.exists():
            sys.exit(f"{a.data} exists: --step written makes a new store")
        size = ("--partnerships", str(a.partnerships), "--years", str(a.years))
        show("demo (writes the store, prepares its base)", run(a.data, "demo", *size))
        show("angka --json (first command after the write)", run(a.data, "angka", "--json"))
        for name, q in SQL.items():
            show(f"sql (first after the write): {name}", run(a.data, "sql", q, "--format", "csv"))
    if a.step == "never":
        for name, q in SQL.items():
            show(f"sql (never opened): {name}", run(a.data, "sql", q, "--format", "csv"))
        show("angka --json (never opened: base built)", run(a.data, "angka", "--json"))
    if a.step in ("never", "built"):
        show("angka --json (base built)", run(a.data, "angka", "--json"))
        for name, q in SQL.items():
            show(f"sql (base built): {name}", run(a.data, "sql", q, "--format", "csv"))
        show("export xlsx", run(a.data, "export", "xlsx", "--out", "/tmp/bench-cli10m.xlsx", "--force"))
        show("export xlsx (again)", run(a.data, "export", "xlsx", "--out", "/tmp/bench-cli10m.xlsx", "--force"))
    if a.step == "ingest":
        show("ingest (100 rows)", run(a.data, "ingest", str(a.ingest), "--user", "bench"))
        show("angka --json (base + overlay of the upload)", run(a.data, "angka", "--json"))
        show("angka --json (again)", run(a.data, "angka", "--json"))


if __name__ == "__main__":
    main()
