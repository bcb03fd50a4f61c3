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

A timer interrupts a query after ``timeout`` seconds, DuckDB's ``memory_limit``
bounds its memory, and the result is cut at ``max_rows`` rows (said, not silent).
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from kemitraan import contract
from kemitraan.errors import LocalisedError, Refused
from kemitraan.i18n import t
from kemitraan.storage import analysis_cache, analysis_table, engine, lake_io
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
    """The statement's leading keyword as typed, upper case: ``INSTALL``, ``FORCE CHECKPOINT``, ``UPDATE EXTENSIONS``."""
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


def _dataset(files: list[str], filesystem=None, *, kind: str | None = None) -> pads.Dataset:
    """One Arrow dataset over the files, columns unified by name (as ``union_by_name`` does); with no file,
    an empty one with the stored schema of ``kind``.

    ``filesystem``: where the files are; None for the local disk.
    """
    if not files:
        cols = ", ".join(f"CAST(NULL AS {typ}) AS {c}" for c, typ in engine.kind_columns(kind))
        rel = duckdb.connect().sql(f"SELECT {cols} LIMIT 0")
        return pads.dataset(rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.fetch_arrow_table())
    schema = pa.unify_schemas([pq.read_schema(f, filesystem=filesystem) for f in files], promote_options="permissive")
    return pads.dataset(files, format="parquet", schema=schema, filesystem=filesystem)


def console_connection(store: Store, *, memory_limit: str = DEFAULT_MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the four views and no way to touch a file."""
    if not MEMORY_LIMIT.match(memory_limit):
        raise ConsoleError("console.bad_memory_limit", value=memory_limit)
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
            for kind in contract.KINDS:
                table = analysis_table.NAME if kind == "indikator" else kind
                cols = ", ".join(contract.stored_columns(kind)) if kind == "indikator" else "*"
                con.execute(f"CREATE VIEW {kind} AS SELECT {cols} FROM _base._cur_{table}")
            con.execute("SET enable_external_access = false")
        else:
            for kind in contract.KINDS:
                con.register(f"_lake_{kind}", _dataset(*store.arrow_source(kind), kind=kind))
                con.execute(f"CREATE VIEW {kind} AS {store.view_sql(kind, source=f'_lake_{kind}')}")
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


def run_console(
    store: Store,
    query: str,
    *,
    timeout: float = DEFAULT_TIMEOUT_S,
    memory_limit: str = DEFAULT_MEMORY_LIMIT,
    max_rows: int | None = DEFAULT_MAX_ROWS,
) -> ConsoleResult:
    """Check and run one read-only query within the time and memory limits."""
    started = time.monotonic()
    try:
        check_readonly(query)
    except ReadOnlyViolation as exc:
        log.warning("console refused: %s | %.200r", exc, query)
        raise
    con = console_connection(store, memory_limit=memory_limit)
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        con.interrupt()

    timer = threading.Timer(timeout, stop) if timeout and timeout > 0 else None
    try:
        if timer:
            timer.start()
        rel = con.sql(query)
        if rel is None:  # defensive: a statement with no result is not a query
            raise ReadOnlyViolation("console.refused.statement", what=statement_word(query), does=None)
        if max_rows is not None:
            rel = rel.limit(max_rows + 1)
        df = rel.df()
    except duckdb.InterruptException as exc:
        if timed_out.is_set():
            log.warning("console query stopped after %ss | %.200r", timeout, query)
            raise QueryTimeout("console.timeout", seconds=_seconds(timeout)) from exc
        raise
    except duckdb.OutOfMemoryException as exc:
        log.warning("console query over the memory limit %s | %.200r", memory_limit, query)
        raise QueryMemoryExceeded("console.memory", limit=memory_limit) from exc
    except duckdb.PermissionException as exc:
        log.warning("console query refused by DuckDB: %s | %.200r", _first_line(exc), query)
        raise ReadOnlyViolation("console.refused.access", detail=_first_line(exc)) from exc
    except duckdb.Error as exc:
        if timed_out.is_set():  # an interrupt can surface as another error type
            raise QueryTimeout("console.timeout", seconds=_seconds(timeout)) from exc
        raise QueryFailed("console.sql_error", detail=_first_line(exc)) from exc
    finally:
        if timer:
            timer.cancel()
        con.close()
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
