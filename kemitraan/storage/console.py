"""A read-only SQL console over the store's views, for power users.

Two locks, each enough on its own:

1. **The connection has no file access at all.** The views ``kemitraan``,
   ``indikator``, ``survei`` read the live batches through Python-side Arrow
   datasets registered on the connection, and ``batches`` is a frame; then
   DuckDB is opened with ``enable_external_access = false`` (no allowed
   directories), the local file system disabled, no temporary directory (nothing
   spills to disk), no extension installed or loaded, no Python variable scanned
   by name, and ``lock_configuration = true`` so no statement can undo any of it.
   Whatever a statement asks for — ``COPY`` nested in a ``WITH``, ``read_csv``,
   ``ATTACH``, ``'/etc/passwd'`` as a table — DuckDB itself refuses to open a file.
2. **Only one plain query passes.** The text must be a single SELECT-type
   statement (DESCRIBE, SUMMARIZE, SHOW included) whose parsed tree (DuckDB's
   ``json_serialize_sql``) holds only query nodes, no table function that reads
   files and no file path used as a table.

The statement is checked here; an accepted one runs in a worker process
(:mod:`kemitraan.storage.console_worker`, started once and reused) that is killed at ``timeout`` seconds and whose
memory the operating system caps at the limit + a fixed overhead (DuckDB's ``memory_limit`` bounds its operators
as well); the result comes back as Arrow and is cut at ``max_rows`` rows (said, not silent).
"""

from __future__ import annotations

import atexit
import functools
import json
import logging
import os
import re
import select
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from kemitraan import contract
from kemitraan.errors import LocalisedError, Refused
from kemitraan.i18n import t
from kemitraan.storage import analysis_cache, console_worker, engine, lake_fs, lake_io, materialised
from kemitraan.storage.store import Store

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MEMORY_LIMIT = "1GB"
DEFAULT_MAX_ROWS = 100_000
QUERY_NODES = {"SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE"}
# Table functions that read files or run other SQL: refused by name as the second lock
# (the first, DuckDB's own settings, refuses them whatever their name).
FILE_FUNCTION_PREFIXES = (
    "read_",
    "parquet_",
    "sniff_",
    "iceberg_",
    "delta_",
    "sqlite_",
    "postgres_",
    "mysql_",
    "st_read",
    "arrow_",
    "python_",
    "from_substrait",
)
FILE_FUNCTIONS = {
    "glob",
    "query",
    "query_table",
    "checkpoint",
    "force_checkpoint",
    "csv_scan",
    "parquet_scan",
    "json_scan",
    "load_aws_credentials",
    "duckdb_secrets",
}
PATH_CHARS = re.compile(r"[./\\:~*?]")
MEMORY_LIMIT = re.compile(r"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", re.I)


class ConsoleError(LocalisedError, Refused):
    """A query the console did not run to the end; :meth:`message` says why in the user's language."""


class ReadOnlyViolation(ConsoleError):
    """The query would write, read a file, or is not a single read-only statement.

    ``does`` (the refused statement's) is an i18n key saying in words what the statement would do; it is worded
    in the reader's language with the rest of the message."""

    def __init__(self, key: str, **fields: object):
        super().__init__(key, **fields)
        self.args = (self.message("en"),)

    def message(self, lang: str = "id") -> str:
        fields = dict(self.fields)
        if "does" in fields:
            fields["does"] = t(str(fields["does"] or "console.does.other"), lang)
        return t(self.key, lang, **fields)


class QueryTimeout(ConsoleError):
    """The query ran longer than the time limit and was stopped."""


class QueryMemoryExceeded(ConsoleError):
    """The query needed more memory than the limit."""


class QueryFailed(ConsoleError):
    """DuckDB could not run the query (unknown column, type error, …)."""


@dataclass
class ConsoleResult:
    frame: pd.DataFrame
    truncated: bool  # more rows than max_rows existed
    seconds: float


# --------------------------------------------------------------------------- the statement check


def _file_function(name: str) -> bool:
    n = name.lower()
    return n in FILE_FUNCTIONS or n.startswith(FILE_FUNCTION_PREFIXES) or n.endswith("_scan")


def _walk(node: object) -> None:
    if isinstance(node, list):
        for v in node:
            _walk(v)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    if isinstance(kind, str):
        if "modifiers" in node and kind not in QUERY_NODES:  # COPY_QUERY_NODE, INSERT_QUERY_NODE, …
            raise ReadOnlyViolation(
                "console.refused.nested", what=kind.removesuffix("_QUERY_NODE").removesuffix("_NODE")
            )
        if kind == "TABLE_FUNCTION":
            name = str((node.get("function") or {}).get("function_name", ""))
            if _file_function(name):
                raise ReadOnlyViolation("console.refused.function", name=name)
        if kind in ("BASE_TABLE", "SHOW_REF"):
            name = str(node.get("table_name") or "")
            if PATH_CHARS.search(name):
                raise ReadOnlyViolation("console.refused.path", name=name)
    for v in node.values():
        _walk(v)


#: What DuckDB reports a statement as is not always what the user typed (INSTALL is a LOAD statement,
#: CHECKPOINT a CALL, RESET and USE are SET, ANALYZE is VACUUM): the refusal names the typed keyword.
DOES: dict[str, str] = {
    "ALTER": "console.does.alter",
    "ANALYZE": "console.does.analyze",
    "ATTACH": "console.does.attach",
    "BEGIN": "console.does.begin",
    "CALL": "console.does.call",
    "CHECKPOINT": "console.does.checkpoint",
    "COMMIT": "console.does.commit",
    "COPY": "console.does.copy",
    "CREATE": "console.does.create",
    "DELETE": "console.does.delete",
    "DETACH": "console.does.detach",
    "DROP": "console.does.drop",
    "EXECUTE": "console.does.execute",
    "EXPLAIN": "console.does.explain",
    "EXPORT": "console.does.export",
    "IMPORT": "console.does.import",
    "INSERT": "console.does.insert",
    "INSTALL": "console.does.install",
    "LOAD": "console.does.load",
    "PRAGMA": "console.does.pragma",
    "PREPARE": "console.does.prepare",
    "RESET": "console.does.reset",
    "ROLLBACK": "console.does.rollback",
    "SET": "console.does.set",
    "UPDATE": "console.does.update",
    "USE": "console.does.use",
    "VACUUM": "console.does.vacuum",
}
PIVOT_WORD = re.compile(r"\bPIVOT\b", re.I)
_COMMENT_OR_STRING = re.compile(r"--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"", re.S)
_WORD = re.compile(r"[A-Za-z_]+")


def _code_only(query: str) -> str:
    """The query without comments and quoted text, so a keyword inside a string is not taken for one."""
    return _COMMENT_OR_STRING.sub(" ", query)


def statement_word(query: str) -> str:
    """The statement's leading keyword as typed, upper case: ``INSTALL``, ``FORCE CHECKPOINT``,
    ``UPDATE EXTENSIONS``."""
    words = [w.upper() for w in _WORD.findall(_code_only(query))[:3]]
    if not words:
        return "?"
    if words[0] == "FORCE" and len(words) > 1:
        return " ".join(words[:2])
    if words[:2] == ["UPDATE", "EXTENSIONS"]:
        return "UPDATE EXTENSIONS"
    return words[0]


def _does(word: str) -> str | None:
    """The i18n key of what the statement would do, in words (``None``: no text for it)."""
    last = word.split()[-1] if word.split()[0] == "FORCE" else word
    if word == "UPDATE EXTENSIONS":
        last = "INSTALL"
    return DOES.get(last)


_local = threading.local()


def _parser() -> duckdb.DuckDBPyConnection:
    """A connection that only parses (``json_serialize_sql`` runs nothing), one per thread."""
    if getattr(_local, "parser", None) is None:
        _local.parser = duckdb.connect(config={"enable_external_access": False, "lock_configuration": True})
    return _local.parser


def check_readonly(query: str) -> None:
    """Raise :class:`ReadOnlyViolation` unless ``query`` is one plain read-only query."""
    try:
        statements = duckdb.extract_statements(query)
    except Exception as exc:  # duckdb.Error, and ValueError for statement types the binding does not name
        raise ReadOnlyViolation("console.refused.parse", detail=_first_line(exc)) from exc
    try:
        kind = statements[0].type if len(statements) == 1 else None
    except ValueError:  # a statement type the Python binding does not name (UPDATE EXTENSIONS in 2.0)
        kind = None
    if (len(statements) > 1 or kind == duckdb.StatementType.MULTI) and PIVOT_WORD.search(_code_only(query)):
        # A PIVOT without an IN list first creates a type of the column's values, then selects: two statements
        # in one (DuckDB 1.5 lists them as two, 2.0 as one MULTI), which the tree check cannot see into. With the
        # values listed it is a plain SELECT and runs.
        raise ReadOnlyViolation("console.refused.pivot")
    if len(statements) != 1:
        raise ReadOnlyViolation("console.refused.count", n=len(statements))
    if kind != duckdb.StatementType.SELECT:
        word = statement_word(query)
        raise ReadOnlyViolation("console.refused.statement", what=word, does=_does(word))
    tree = json.loads(_parser().execute("SELECT json_serialize_sql(?)", [query]).fetchone()[0])
    if tree.get("error"):
        raise ReadOnlyViolation("console.refused.parse", detail=tree.get("error_message", ""))
    _walk(tree.get("statements", []))


# --------------------------------------------------------------------------- the connection


@functools.cache
def _empty_table(kind: str | None) -> pa.Table:
    """No rows, with the stored columns of ``kind`` typed as DuckDB types them (the same for every query)."""
    cols = ", ".join(f"CAST(NULL AS {typ}) AS {c}" for c, typ in engine.kind_columns(kind))
    con = duckdb.connect()
    try:
        return _arrow(con.sql(f"SELECT {cols} LIMIT 0"))
    finally:
        con.close()


def _dataset(files: list[str], filesystem=None, *, kind: str | None = None) -> pads.Dataset:
    """One Arrow dataset over the files, columns unified by name (as ``union_by_name`` does); with no file,
    an empty one with the stored schema of ``kind``.

    ``filesystem``: where the files are; None for the local disk.
    """
    if not files:
        return pads.dataset(_empty_table(kind))
    schema = pa.unify_schemas([pq.read_schema(f, filesystem=filesystem) for f in files], promote_options="permissive")
    return pads.dataset(files, format="parquet", schema=schema, filesystem=filesystem)


def console_connection(store: Store, *, memory_limit: str = DEFAULT_MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the four views and no way to touch a file, all on one snapshot of the store."""
    if not MEMORY_LIMIT.match(memory_limit):
        raise ConsoleError("console.bad_memory_limit", value=memory_limit)
    with store.one_reading():
        return _locked_connection(store, memory_limit)


def _locked_connection(store: Store, memory_limit: str) -> duckdb.DuckDBPyConnection:
    # With a base of the analysis cache holding exactly the live batches, the views read its tables (the same
    # latest rows, already materialised: ten million rows answer in milliseconds); it is attached read only
    # before the file system is switched off, so nothing else can be read or written. Without one, the views
    # read the lake's files through Arrow datasets registered in memory.
    base = analysis_cache.exact_base(store)
    con = duckdb.connect(
        config={
            "enable_external_access": base is not None,  # switched off once the base is attached
            "temp_directory": "",
            "max_temp_directory_size": "0B",
            "memory_limit": memory_limit,
            "python_enable_replacements": False,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "allow_community_extensions": False,
        }
    )
    try:
        if base is not None:
            con.execute(f"ATTACH {lake_io.sql_str(base)} AS _base (READ_ONLY)")
            materialised.add_views(con, contract.KINDS, schema="_base")  # indikator: the contract's columns
            con.execute("SET enable_external_access = false")
        else:
            healthy = store.healthy_live()
            for kind in contract.KINDS:
                con.register(f"_lake_{kind}", _dataset(*store.arrow_source(kind, healthy), kind=kind))
                one = store.held_by_one(kind, healthy)  # one batch: no latest-per-key window to compute
                con.execute(f"CREATE VIEW {kind} AS {store.view_sql(kind, source=f'_lake_{kind}', single_batch=one)}")
        con.register("_batches_frame", store.batches_frame())
        con.execute(f"CREATE VIEW batches AS {store.batches_select('_batches_frame')}")
        con.execute("SET disabled_filesystems = 'LocalFileSystem'")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


# Kept for callers of the first version: the same locked connection.
readonly_connection = console_connection


# --------------------------------------------------------------------------- running


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


first_line = _first_line


def warm_up() -> None:
    """Import and touch what a query needs, so the worker's first query is as quick as its others."""
    con = duckdb.connect()
    try:
        _arrow(con.sql("SELECT 1 AS x"))
    finally:
        con.close()


def _arrow(rel) -> pa.Table:
    return rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.fetch_arrow_table()


def execute_arrow(
    store: Store,
    query: str,
    *,
    memory_limit: str = DEFAULT_MEMORY_LIMIT,
    max_rows: int | None = DEFAULT_MAX_ROWS,
    timeout: float | None = None,
    interrupt_after: float | None = None,
) -> pa.Table:
    """Run an already checked query on a fresh locked connection: at most ``max_rows + 1`` rows as Arrow.

    This is the worker's part (:mod:`kemitraan.storage.console_worker`); ``interrupt_after`` seconds interrupt
    DuckDB from inside, a backstop behind the parent's kill at ``timeout``."""
    con = console_connection(store, memory_limit=memory_limit)
    timer = threading.Timer(interrupt_after, con.interrupt) if interrupt_after and interrupt_after > 0 else None
    try:
        if timer:
            timer.daemon = True
            timer.start()
        rel = con.sql(query)
        if rel is None:  # defensive: a statement with no result is not a query
            raise ReadOnlyViolation("console.refused.statement", what=statement_word(query), does=None)
        if max_rows is not None:
            rel = rel.limit(max_rows + 1)
        return _arrow(rel)
    except duckdb.InterruptException as exc:
        raise QueryTimeout("console.timeout", seconds=_seconds(timeout or interrupt_after or 0)) from exc
    except duckdb.OutOfMemoryException as exc:
        raise QueryMemoryExceeded("console.memory", limit=memory_limit) from exc
    except duckdb.PermissionException as exc:
        raise ReadOnlyViolation("console.refused.access", detail=_first_line(exc)) from exc
    except duckdb.Error as exc:
        raise QueryFailed("console.sql_error", detail=_first_line(exc)) from exc
    finally:
        if timer:
            timer.cancel()
        con.close()


# --------------------------------------------------------------------------- the worker, from the parent's side


_ERRORS = {c.__name__: c for c in (ConsoleError, ReadOnlyViolation, QueryTimeout, QueryMemoryExceeded, QueryFailed)}
#: Idle workers kept for the next query (more than one only while queries run side by side, e.g. in threads).
KEEP_IDLE = 2
#: How long a new worker may take to import DuckDB, Arrow and the store before the console gives up.
START_TIMEOUT_S = 60.0


class _Gone(Exception):
    """The worker ended (or was killed) before it answered."""


class _Late(Exception):
    """The deadline passed before the worker answered."""


class _Worker:
    """One worker process (:mod:`kemitraan.storage.console_worker`) and its two pipes."""

    def __init__(self, store_root: str | None = None) -> None:
        root = str(Path(__file__).resolve().parents[2])
        self.proc = subprocess.Popen(
            console_worker.command(root, store_root),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=root,
            start_new_session=True,
        )
        self.ready = False
        self.pid = self.proc.pid

    def _read_exact(self, n: int, deadline: float | None) -> bytes:
        fd = self.proc.stdout.fileno()
        parts, got = [], 0
        while got < n:
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and wait <= 0:
                raise _Late
            readable, _, _ = select.select([fd], [], [], wait)
            if not readable:
                raise _Late
            chunk = os.read(fd, min(n - got, 1 << 20))
            if not chunk:
                raise _Gone
            parts.append(chunk)
            got += len(chunk)
        return b"".join(parts)

    def read(self, deadline: float | None) -> bytes:
        head = self._read_exact(8, deadline)
        return self._read_exact(int.from_bytes(head, "big"), deadline)

    def wait_ready(self) -> None:
        if not self.ready:
            json.loads(self.read(time.monotonic() + START_TIMEOUT_S))
            self.ready = True

    def send(self, request: dict) -> None:
        try:
            console_worker.write_frame(self.proc.stdin.fileno(), json.dumps(request).encode())
        except OSError as exc:
            raise _Gone from exc

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> int | None:
        """Stop it at once (SIGKILL) and reap it; its exit status (negative: the signal)."""
        code = self.proc.poll()
        if code is None:
            try:
                self.proc.kill()
            except OSError:
                pass
        try:
            code = self.proc.wait(10)
        except subprocess.TimeoutExpired:
            code = None
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass
        return code

    def close(self) -> None:
        """Let it end by itself (end of its input), kill it if it does not."""
        try:
            self.proc.stdin.close()
            self.proc.wait(2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


_pool_lock = threading.Lock()
_idle: list[_Worker] = []


def _take() -> _Worker:
    with _pool_lock:
        while _idle:
            worker = _idle.pop()
            if worker.alive():
                return worker
            worker.kill()
    return _Worker()


def _give(worker: _Worker) -> None:
    with _pool_lock:
        if len(_idle) < KEEP_IDLE and worker.alive():
            _idle.append(worker)
            return
    worker.close()


def prestart(store_root: Path | str | None = None) -> None:
    """Start a worker now if none is idle, so its start overlaps with what the caller does before its query (the
    command line opening the store); it opens ``store_root`` at once. It is used, or ended at exit."""
    with _pool_lock:
        if _idle:
            return
    _give(_Worker(lake_fs.resolved(store_root) if store_root is not None else None))


def stop_workers() -> None:
    """End the idle workers (at exit; a test that wants a fresh one)."""
    with _pool_lock:
        workers = list(_idle)
        _idle.clear()
    for worker in workers:
        worker.close()


def worker_pids() -> list[int]:
    """The idle workers' process ids (for tests and the bench)."""
    with _pool_lock:
        return [w.pid for w in _idle if w.alive()]


atexit.register(stop_workers)
if hasattr(os, "register_at_fork"):  # a forked child must not use (or end) its parent's workers
    os.register_at_fork(after_in_child=_idle.clear)


def _died(code: int | None, memory_limit: str) -> ConsoleError:
    """What a worker's death without an answer means: an allocation it could not survive (abort, the kernel's
    out-of-memory kill) is the memory limit; anything else is said as it is."""
    if code in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGBUS, -signal.SIGSEGV):
        return QueryMemoryExceeded("console.memory", limit=memory_limit)
    return QueryFailed("console.worker_died", code=str(code))


def _in_worker(store: Store, query: str, *, timeout: float | None, memory_limit: str, max_rows: int | None) -> bytes:
    """Arrow IPC bytes of the query's result, run by a worker that is killed at the timeout."""
    worker = _take()
    keep = False
    try:
        try:
            worker.wait_ready()
        except (_Gone, _Late, ValueError) as exc:
            raise QueryFailed("console.worker_start") from exc
        worker.send(
            {
                "root": lake_fs.resolved(store.root),
                "env": console_worker.store_env(),
                "per": store.per,
                "cwd": os.getcwd(),
                "query": query,
                "memory_limit": memory_limit,
                "max_rows": max_rows,
                "timeout": timeout or 0,
            }
        )
        deadline = time.monotonic() + timeout if timeout and timeout > 0 else None
        try:
            answer = json.loads(worker.read(deadline))
            data = worker.read(deadline) if answer.get("nbytes") else b""
        except _Late:
            worker.kill()
            raise QueryTimeout("console.timeout", seconds=_seconds(timeout)) from None
        except _Gone:
            raise _died(worker.kill(), memory_limit) from None
        keep = not answer.get("retire")
        if not answer.get("ok"):
            cls = _ERRORS.get(str(answer.get("error")), QueryFailed)
            raise cls(str(answer.get("key") or "console.sql_error"), **(answer.get("fields") or {}))
        return data
    finally:
        if keep:
            _give(worker)
        else:
            worker.kill()


_CONVERTER: duckdb.DuckDBPyConnection | None = None
_CONVERTER_LOCK = threading.Lock()


def _frame(data: bytes) -> pd.DataFrame:
    """The frame DuckDB would have made of the result (the same types as ``rel.df()``), from Arrow IPC bytes.

    One in-memory DuckDB per process does the conversion (a cursor per call, for threads): it runs no user SQL
    and reads no file, and opening a database per result cost more than most queries."""
    global _CONVERTER
    table = pa.ipc.open_stream(data).read_all()
    with _CONVERTER_LOCK:
        if _CONVERTER is None:
            _CONVERTER = duckdb.connect(config={"enable_external_access": False, "python_enable_replacements": False})
        cur = _CONVERTER.cursor()
    try:
        return cur.from_arrow(table).df()
    finally:
        cur.close()


def run_console(
    store: Store,
    query: str,
    *,
    timeout: float = DEFAULT_TIMEOUT_S,
    memory_limit: str = DEFAULT_MEMORY_LIMIT,
    max_rows: int | None = DEFAULT_MAX_ROWS,
) -> ConsoleResult:
    """Check a query here, then run it in a worker process within the time and memory limits.

    A refused statement never reaches a worker; an accepted one runs in a warm worker that is killed at the
    timeout and whose memory the operating system caps (:mod:`kemitraan.storage.console_worker`)."""
    started = time.monotonic()
    try:
        check_readonly(query)
    except ReadOnlyViolation as exc:
        log.warning("console refused: %s | %.200r", exc, query)
        raise
    if not MEMORY_LIMIT.match(memory_limit):
        raise ConsoleError("console.bad_memory_limit", value=memory_limit)
    try:
        data = _in_worker(store, query, timeout=timeout, memory_limit=memory_limit, max_rows=max_rows)
    except QueryTimeout:
        log.warning("console query stopped after %ss | %.200r", timeout, query)
        raise
    except QueryMemoryExceeded:
        log.warning("console query over the memory limit %s | %.200r", memory_limit, query)
        raise
    except ReadOnlyViolation as exc:
        log.warning("console query refused by DuckDB: %s | %.200r", exc, query)
        raise
    df = _frame(data)
    truncated = max_rows is not None and len(df) > max_rows
    if truncated:
        df = df.iloc[:max_rows]
    seconds = time.monotonic() - started
    log.info("console query: %d rows%s in %.2fs | %.200r", len(df), " (cut)" if truncated else "", seconds, query)
    return ConsoleResult(df, truncated, seconds)


def _seconds(value: float) -> str:
    return f"{value:g}"


def run_readonly(store: Store, query: str, limit: int | None = None, **limits) -> pd.DataFrame:
    """The result frame of :func:`run_console` (``limit``: at most this many rows, silently — for callers
    that ask for a preview)."""
    result = run_console(store, query, max_rows=limit, **limits)
    return result.frame
