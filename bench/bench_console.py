"""The SQL console's limits (issue 22): the huge-result case and a small query, for this code and another checkout.

    python bench/bench_console.py [--before DIR] [--runs N] [--data DIR] [--skip-repeat-before]

``--before DIR``: a copy of the code before (``git archive e2dea83 | tar -x -C DIR``), measured the same way beside
this one. Each case runs ``python -m kemitraan sql …`` in a fresh process, from a helper that reports its wall
time and the peak resident memory of its children (``RUSAGE_CHILDREN``: the largest of the command and the worker
it starts). The small query is also timed in one process (``run_console`` called N times; the first call starts
the worker, the rest reuse it). The demo store is made once into a temporary folder unless ``--data`` is given.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPEAT = "SELECT repeat('x', 5000000) FROM range(400)"
SMALL = "SELECT kategori, count(*) AS n FROM kemitraan GROUP BY 1 ORDER BY 1"

_MEASURE = (
    "import json, resource, subprocess, sys, time; t = time.monotonic(); "
    "r = subprocess.run(sys.argv[2:], capture_output=True, text=True, cwd=sys.argv[1], timeout=600); "
    "print(json.dumps({'code': r.returncode, 'stderr': r.stderr[-300:], 'seconds': time.monotonic() - t, "
    "'peak_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))"
)

_IN_PROCESS = (
    "import json, sys, time; sys.path.insert(0, sys.argv[1]); "
    "from kemitraan.storage.console import run_console; from kemitraan.storage.store import Store; "
    "s = Store(sys.argv[2]); times = []\n"
    "for _ in range(int(sys.argv[4])):\n"
    "    t = time.perf_counter(); run_console(s, sys.argv[3]); times.append(time.perf_counter() - t)\n"
    "print(json.dumps(times))"
)


def cli(code_dir: Path, data: Path, *args: str) -> dict:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _MEASURE,
            str(code_dir),
            sys.executable,
            "-m",
            "kemitraan",
            "--data-dir",
            str(data),
            "sql",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def in_process(code_dir: Path, data: Path, runs: int) -> list[float]:
    done = subprocess.run(
        [sys.executable, "-c", _IN_PROCESS, str(code_dir), str(data), SMALL, str(runs)],
        capture_output=True,
        text=True,
        check=True,
        cwd=code_dir,
    )
    return json.loads(done.stdout)


def measure(name: str, code_dir: Path, data: Path, runs: int, repeat: bool) -> list[tuple]:
    rows = []
    if repeat:
        r = cli(code_dir, data, REPEAT, "--timeout", "5", "--memory-limit", "200MB", "--lang", "en")
        rows.append(
            (
                name,
                "repeat('x', 5e6) × 400, --timeout 5 --memory-limit 200MB, CLI",
                f"{r['seconds']:.1f} s",
                f"{r['peak_mb']:,.0f} MB",
                f"exit {r['code']}: {(r['stderr'].strip().splitlines() or ['(no message)'])[-1][:90]}",
            )
        )
    small = [cli(code_dir, data, SMALL) for _ in range(runs)]
    rows.append(
        (
            name,
            "small query, CLI (fresh process)",
            f"{statistics.median(s['seconds'] for s in small):.2f} s",
            f"{statistics.median(s['peak_mb'] for s in small):,.0f} MB",
            f"median of {runs}",
        )
    )
    times = in_process(code_dir, data, runs + 1)
    rows.append((name, "small query, in one process: first call", f"{times[0] * 1000:.0f} ms", "", ""))
    rows.append(
        (
            name,
            "small query, in one process: later calls",
            f"{statistics.median(times[1:]) * 1000:.0f} ms",
            "",
            f"median of {runs}",
        )
    )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", type=Path, help="a checkout of the code before, measured beside this one")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--data", type=Path, help="a store folder (default: a demo store made once)")
    ap.add_argument(
        "--skip-repeat-before",
        action="store_true",
        help="do not run the huge-result case on the code before (it takes ~8.5 GB and ~50 s)",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp) / "data"
        if args.data is None:
            subprocess.run(
                [sys.executable, "-m", "kemitraan", "--data-dir", str(data), "demo"],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
        rows = []
        if args.before:
            rows += measure("before", args.before.resolve(), data, args.runs, not args.skip_repeat_before)
        rows += measure("now", ROOT, data, args.runs, True)
    print(f"load average {os.getloadavg()[0]:.1f}")
    print("| code | case | wall | peak RSS | note |\n|---|---|---:|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
