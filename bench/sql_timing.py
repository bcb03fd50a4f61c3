"""Time every DuckDB call the app makes, from outside the app: wrap ``duckdb.connect`` in this process.

Not every query passes through ``kemitraan.queries._sql.run`` / ``scalar`` (some call ``con.execute``
directly, and the store opens connections of its own), so the clock sits one level lower: every
connection the process opens after :func:`install` is a thin proxy whose method calls (``execute``,
``fetchdf``, ``sql`` and the relation methods after it, ``cursor`` …) are timed and charged to

- ``materialise`` while ``analysis_cache.build_base`` runs (a base file of the store version written
  once: the first start over a store, an undo, or in the background after an upload; a store of a
  million indicator rows or more builds it in a child process, whose statements are not seen here but
  whose wall and CPU time are),
- ``connect`` while the rest of ``analysis_cache.connect`` runs (the base attached read only, the batches
  committed after it overlaid: every later start, and the first page after an upload),
- ``queries`` otherwise (a page's query set),

by thread: a base built in the background is never charged to the page being measured meanwhile. Each
statement is also charged to the function in ``kemitraan`` that asked for it (the nearest caller outside
``kemitraan.queries._sql``), so a slow page names its slow query. Each call of ``build_base`` / ``connect``
is also timed whole (wall, and the process's CPU time: DuckDB's own worker threads included) into
:data:`TALLY`'s ``calls``. The app's code runs unchanged.
"""

from __future__ import annotations

import resource
import sys
import threading
import time
from collections import defaultdict

import duckdb

_lock = threading.Lock()
_where = threading.local()  # .bucket: "materialise" / "connect" while analysis_cache's work runs in this thread
_installed = False
_real_connect = duckdb.connect

#: Calls that run or fetch a statement; the rest (cursor, register, close …) are timed but not counted as one.
STATEMENTS = {"execute", "executemany", "sql", "query"}


class Tally:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.seconds = defaultdict(float)  # bucket -> seconds
        self.cpu = defaultdict(float)  # bucket -> the process's CPU seconds during its calls (DuckDB's workers too)
        self.statements = defaultdict(int)  # bucket -> statements
        self.by_caller = defaultdict(float)  # "module.function" -> seconds (queries bucket)
        self.calls = []  # {"what": "build_base" | "connect", "ms", "cpu_ms", "thread"}

    def call(self, what: str, ms: float, cpu_ms: float) -> None:
        with _lock:
            self.calls.append({"what": what, "ms": ms, "cpu_ms": cpu_ms, "thread": threading.current_thread().name})

    def add(self, seconds: float, statement: bool, caller: str | None, cpu: float = 0.0) -> None:
        bucket = getattr(_where, "bucket", None) or "queries"
        with _lock:
            self.seconds[bucket] += seconds
            self.cpu[bucket] += cpu
            self.statements[bucket] += statement
            if bucket == "queries" and caller:
                self.by_caller[caller] += seconds

    def snapshot(self) -> dict:
        with _lock:
            slow = sorted(self.by_caller.items(), key=lambda kv: -kv[1])[:5]
            return {
                "queries_ms": 1000 * self.seconds["queries"],
                "statements": self.statements["queries"],
                "queries_cpu_ms": 1000 * self.cpu["queries"],
                "materialise_ms": 1000 * self.seconds["materialise"],
                "connect_ms": 1000 * self.seconds["connect"],
                "calls": list(self.calls),
                "slowest": [{"caller": c, "ms": round(1000 * s, 1)} for c, s in slow],
            }


TALLY = Tally()


def _caller() -> str | None:
    f = sys._getframe(2)  # 0 this function, 1 the proxy call, 2 its caller
    while f is not None:
        mod = f.f_globals.get("__name__", "")
        if mod.startswith("kemitraan.") and mod != "kemitraan.queries._sql":
            return f"{mod.removeprefix('kemitraan.')}.{f.f_code.co_name}"
        f = f.f_back
    return None


def _unwrap(x):
    return x._obj if isinstance(x, _Timed) else x


def _wrap(x):
    if isinstance(x, (duckdb.DuckDBPyConnection, duckdb.DuckDBPyRelation)):
        return _Timed(x)
    return x


class _Timed:
    """A DuckDB connection or relation whose method calls are timed into :data:`TALLY`."""

    __slots__ = ("_obj",)

    def __init__(self, obj) -> None:
        object.__setattr__(self, "_obj", obj)

    def __getattr__(self, name):
        attr = getattr(self._obj, name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            args = tuple(_unwrap(a) for a in args)
            kwargs = {k: _unwrap(v) for k, v in kwargs.items()}
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                return _wrap(attr(*args, **kwargs))
            finally:
                stmt = name in STATEMENTS
                TALLY.add(
                    time.perf_counter() - t0,
                    stmt,
                    _caller() if stmt or name.startswith(("fetch", "df")) else None,
                    time.process_time() - c0,
                )

        return call

    def __setattr__(self, name, value) -> None:
        setattr(self._obj, name, value)

    def __enter__(self):
        self._obj.__enter__()
        return self

    def __exit__(self, *exc):
        return self._obj.__exit__(*exc)

    def __iter__(self):
        return iter(self._obj)

    def __len__(self):
        return len(self._obj)

    def __bool__(self) -> bool:  # a connection has no len(): ``con or other`` must not ask for one
        return True

    def __repr__(self) -> str:
        return repr(self._obj)


def _connect(*args, **kwargs):
    t0 = time.perf_counter()
    con = _real_connect(*args, **kwargs)
    TALLY.add(time.perf_counter() - t0, False, None)
    return _Timed(con)


def _cpu_s() -> float:
    """This process's CPU time and that of the children it waited for: DuckDB computes in worker threads of
    its own (a thread's clock would miss them), and a large store's base is built in a child process."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + r.ru_utime + r.ru_stime


def _timed_call(what: str, bucket: str, fn):
    """``fn`` with its DuckDB work charged to ``bucket`` in this thread, and its whole call timed.

    A build inside a build (``_build_elsewhere`` falling back to ``build_base``) is timed once, as the outer."""

    def call(*args, **kwargs):
        outer = getattr(_where, "bucket", None)
        if outer == "materialise" and bucket == "materialise":
            return fn(*args, **kwargs)
        _where.bucket = bucket if bucket == "materialise" else (outer or bucket)
        t0, c0 = time.perf_counter(), _cpu_s()
        try:
            return fn(*args, **kwargs)
        finally:
            TALLY.call(what, 1000 * (time.perf_counter() - t0), 1000 * (_cpu_s() - c0))
            _where.bucket = outer

    return call


def install() -> None:
    """Wrap ``duckdb.connect`` and the analysis cache's ``connect`` and base builds (idempotent): ``build_base``
    in this process and, where the module has it, ``_build_elsewhere`` (a large store's build in a child
    process, recorded as a ``build_base`` call whose CPU time is the child's)."""
    global _installed
    if _installed:
        return
    from kemitraan.storage import analysis_cache

    analysis_cache.build_base = _timed_call("build_base", "materialise", analysis_cache.build_base)
    if hasattr(analysis_cache, "_build_elsewhere"):
        analysis_cache._build_elsewhere = _timed_call("build_base", "materialise", analysis_cache._build_elsewhere)
    analysis_cache.connect = _timed_call("connect", "connect", analysis_cache.connect)
    duckdb.connect = _connect
    _installed = True
