"""The console's limits bind: a query is stopped at its timeout and its memory limit (+ a bounded overhead), in a
worker process that is replaced when killed; refused statements never start one; results are what they were."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
from conftest import ROOT, indicator_row, partnership, write

from kemitraan.storage import console
from kemitraan.storage.console import QueryMemoryExceeded, QueryTimeout, ReadOnlyViolation, run_console, run_readonly
from kemitraan.storage.console_worker import OVERHEAD_BYTES

REPEAT = "SELECT repeat('x', 5000000) FROM range(400)"  # 2 GB of strings: DuckDB's memory_limit does not see them
LONG = "SELECT sum(a.range * b.range) FROM range(3000000) a, range(3000000) b"
#: What the worker holds before any query (Python, DuckDB, Arrow, the store's modules), with room to spare.
START_FOOTPRINT_MB = 300


@pytest.fixture
def lake(store):
    write(
        store,
        "b1",
        kemitraan=[partnership("K1"), partnership("K2", kategori="nirlaba")],
        indikator=[indicator_row("K1", "2024-01", "kb_mcpr", 50.0), indicator_row("K2", "2024-02", "kb_mcpr", 40.0)],
    )
    return store


def _cli_measured(data_dir, *args) -> dict:
    """Run ``python -m kemitraan sql …`` from a fresh process that reports the peak RSS of its children (the
    command and the worker it starts: the largest of them)."""
    code = (
        "import json, resource, subprocess, sys, time; t = time.monotonic(); "
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(json.dumps({'code': r.returncode, 'stderr': r.stderr, 'stdout': r.stdout, "
        "'seconds': time.monotonic() - t, "
        "'peak_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "kemitraan", "--data-dir", str(data_dir), "sql", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout)


def test_a_huge_result_stops_at_the_memory_limit_in_time_and_memory(lake):
    r = _cli_measured(lake.root, REPEAT, "--timeout", "5", "--memory-limit", "200MB")
    assert r["code"] == 1, r
    assert "dihentikan pada batas memori 200MB" in r["stderr"] and "Traceback" not in r["stderr"]
    assert r["seconds"] < 5 + 10, r  # the timeout, plus starting Python twice
    assert r["peak_mb"] < 200 + OVERHEAD_BYTES / 2**20 + START_FOOTPRINT_MB, r  # before: ~8,500 MB
    with pytest.raises((QueryMemoryExceeded, QueryTimeout)) as exc:  # in English, from the same worker path
        run_console(lake, REPEAT, timeout=5, memory_limit="200MB")
    if isinstance(exc.value, QueryMemoryExceeded):
        assert "stopped at the 200MB memory limit" in exc.value.message("en")


def test_a_long_query_is_stopped_at_the_timeout(lake):
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as exc:
        run_console(lake, LONG, timeout=1)
    assert time.monotonic() - started < 1 + 10
    assert exc.value.message("id").startswith("Kueri dihentikan setelah 1 detik (batas waktu)")
    assert "stopped after 1 second (time limit)" in exc.value.message("en")
    assert run_readonly(lake, "SELECT count(*) AS n FROM kemitraan")["n"].tolist() == [2]  # a new worker answers


def test_the_cli_stops_a_long_query_at_its_timeout(lake):
    r = _cli_measured(lake.root, LONG, "--timeout", "2", "--lang", "en")
    assert r["code"] == 1 and "stopped after 2 seconds (time limit)" in r["stderr"], r
    assert r["seconds"] < 2 + 10, r


QUERIES = [
    "SELECT * FROM kemitraan ORDER BY ALL",
    "SELECT * FROM indikator ORDER BY ALL",
    "SELECT * FROM survei",
    "SELECT batch_id, rows, created_at FROM batches ORDER BY seq",
    "SELECT kategori, count(*) AS n, avg(length(nama_kemitraan)) AS a FROM kemitraan GROUP BY 1 ORDER BY 1",
    "SELECT 1 AS i, NULL::INTEGER AS n, 2.5::DECIMAL(6, 2) AS d, DATE '2024-01-31' AS t, TIMESTAMP '2024-01-31 10:00' "
    "AS ts, [1, 2] AS l, {'a': 1} AS s, 'teks' AS v, true AS b, INTERVAL 3 DAY AS iv, 2::HUGEINT AS h",
    "DESCRIBE kemitraan",
    "SELECT * FROM range(0)",
]


@pytest.mark.parametrize("query", QUERIES)
def test_results_are_the_frames_duckdb_made_in_process(lake, query):
    """The worker's Arrow, made a frame here, equals what ``rel.df()`` on the same connection gave before."""
    con = console.console_connection(lake)
    try:
        before = con.sql(query).df()
    finally:
        con.close()
    pd.testing.assert_frame_equal(run_readonly(lake, query), before)


def test_a_killed_worker_is_replaced_and_the_next_query_works(lake):
    assert run_readonly(lake, "SELECT 1 AS x")["x"].tolist() == [1]
    pids = console.worker_pids()
    assert pids
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    assert run_readonly(lake, "SELECT count(*) AS n FROM kemitraan")["n"].tolist() == [2]
    assert not set(console.worker_pids()) & set(pids)


def test_the_worker_is_reused_between_queries(lake):
    run_readonly(lake, "SELECT 1")
    pids = console.worker_pids()
    for _ in range(3):
        run_readonly(lake, "SELECT * FROM kemitraan")
    assert console.worker_pids() == pids


def test_a_refused_statement_starts_no_worker(lake, monkeypatch):
    console.stop_workers()

    def no_worker():
        raise AssertionError("a worker was started for a refused statement")

    monkeypatch.setattr(console, "_Worker", no_worker)
    for query in ("COPY (SELECT 1) TO 'x.csv'", "SELECT * FROM read_text('/etc/hostname')", "INSTALL httpfs"):
        with pytest.raises(ReadOnlyViolation):
            run_console(lake, query)
    assert console.worker_pids() == []


def test_a_worker_that_dies_is_said_and_replaced(lake, monkeypatch):
    """A worker gone mid-query (here: killed by someone else) is an error for that query only."""
    worker = console._take()
    worker.wait_ready()
    console._give(worker)
    real_send = console._Worker.send

    def send_then_die(self, request):
        real_send(self, request)
        os.kill(self.pid, signal.SIGTERM)

    monkeypatch.setattr(console._Worker, "send", send_then_die)
    with pytest.raises(console.ConsoleError) as exc:
        run_console(lake, LONG, timeout=30)
    assert "status" in exc.value.message("en") or "memory" in exc.value.message("en")
    monkeypatch.setattr(console._Worker, "send", real_send)
    assert run_readonly(lake, "SELECT 1 AS x")["x"].tolist() == [1]
