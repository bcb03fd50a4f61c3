"""A read-only SQL console over the store's views, for power users.

Two locks, so one mistake in either still refuses writes:
1. only a single SELECT-type statement passes (DESCRIBE, SUMMARIZE and SHOW
   count as SELECT); anything that writes, creates, attaches, copies, sets,
   installs or loads is refused before it runs;
2. the connection it runs on may only read the lake folder, and its
   configuration is locked, so a table function cannot touch other files.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from kemitraan.errors import Refused

from kemitraan.storage.store import Store


class ReadOnlyViolation(Refused):
    """The query would write, or is not a single read-only statement."""


def check_readonly(query: str) -> None:
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise ReadOnlyViolation(f"SQL tidak dapat dibaca / cannot parse SQL: {exc}") from exc
    if len(statements) != 1:
        raise ReadOnlyViolation(
            f"Hanya satu pernyataan SELECT yang diizinkan (ada {len(statements)}) / "
            f"only one SELECT statement is allowed (got {len(statements)})"
        )
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        name = str(kind).rsplit(".", 1)[-1]
        raise ReadOnlyViolation(
            f"Konsol ini hanya-baca: pernyataan {name} ditolak / this console is read-only: {name} refused"
        )


def readonly_connection(store: Store) -> duckdb.DuckDBPyConnection:
    con = store.connect()
    lake = str(store.lake.resolve()) + "/"
    con.execute("SET allowed_directories = [?]", [lake])
    con.execute("SET enable_external_access = false")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("SET lock_configuration = true")
    return con


def run_readonly(store: Store, query: str, limit: int | None = None) -> pd.DataFrame:
    check_readonly(query)
    con = readonly_connection(store)
    try:
        rel = con.sql(query)
        if rel is None:  # defensive: a statement with no result is not a query
            raise ReadOnlyViolation("no result / tidak ada hasil")
        if limit is not None:
            rel = rel.limit(limit)
        return rel.df()
    except duckdb.PermissionException as exc:
        raise ReadOnlyViolation(f"Akses ditolak / access refused: {exc}") from exc
    finally:
        con.close()
