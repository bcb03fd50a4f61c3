"""Where the test suite's CPU goes (issue 25): a command run while every process on the machine is sampled.

    python bench/bench_suite.py [--every 0.5] [-- COMMAND ...]

Runs COMMAND (by default the README's test command, ``pytest -p no:cacheprovider -q``) and, every ``--every``
seconds, reads each process's CPU time from ``/proc`` (Linux), so the time of processes that come and go (the
Streamlit servers, Chromium, the SQL console's worker, the command-line runs) is counted too, and by kind:
the pytest workers (AppTest, DuckDB, the store), Chromium, the Streamlit servers, the console workers, the rest.
Every process on the machine is counted (run nothing else beside it); kernel threads appear by name: on this
project's machine ``kdamond`` (the kernel's memory monitor) takes about a quarter of both cores while the suite
runs. The same suite's wall time moves by a fifth from run to run there: compare runs made back to back. A
process that ends between two samples loses at most its last interval. Prints the wall time, the command's exit
code and a table of CPU seconds by kind.
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICK = os.sysconf("SC_CLK_TCK")

#: (kind, what its command line holds), first match wins.
KINDS = (
    ("chromium", "chrom"),
    ("streamlit server", "streamlit run"),
    ("console worker", "console_worker"),
    ("postgres", "postgres"),
    ("moto (S3)", "moto"),
    ("pytest worker", "exec(eval(sys.stdin"),
    ("pytest", "pytest"),
    ("playwright driver", "playwright"),
    ("kemitraan command", "kemitraan"),
)


def _kind(pid: str) -> str | None:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        if not cmd:  # a kernel thread: its name
            return "kernel: " + Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return None
    return next((kind for kind, mark in KINDS if mark in cmd), "other: " + cmd.split(" ")[0].rsplit("/", 1)[-1])


def _cpu(pid: str) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--every", type=float, default=0.5)
    ap.add_argument("command", nargs="*", default=["pytest", "-p", "no:cacheprovider", "-q"])
    args = ap.parse_args()
    me = str(os.getpid())
    seen: dict[tuple[str, str], tuple[str, float]] = {}  # (pid, start time) → (kind, CPU seconds so far)
    totals: collections.Counter[str] = collections.Counter()
    t0 = time.perf_counter()
    proc = subprocess.Popen(args.command, cwd=ROOT)
    while True:
        done = proc.poll() is not None
        for pid in filter(str.isdigit, os.listdir("/proc")):
            if pid == me:
                continue
            try:
                start = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
            except (OSError, IndexError):
                continue
            cpu = _cpu(pid)
            if cpu is None:
                continue
            key = (pid, start)
            if key not in seen:
                kind = _kind(pid)
                if kind is None:
                    continue
                # a process already running when the command started counts from now on
                seen[key] = (kind, cpu if time.perf_counter() - t0 < args.every else 0.0)
            kind, before = seen[key]
            totals[kind] += cpu - before
            seen[key] = (kind, cpu)
        if done:
            break
        time.sleep(args.every)
    wall = time.perf_counter() - t0
    cores = os.cpu_count() or 1
    print(f"\nwall {wall:,.0f} s, exit code {proc.returncode}")
    print(f"CPU seconds by kind ({cores} cores for {wall:,.0f} s: {cores * wall:,.0f} s)")
    for kind, sec in totals.most_common():
        if sec >= 1:
            print(f"{sec:9,.0f}  {kind}")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
