"""What every benchmark here shares: the median wall time of a callable."""

from __future__ import annotations

import statistics
import time


def timed(fn, runs: int) -> float:
    """Median wall time in milliseconds over ``runs`` runs (after one warm-up)."""
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)
