"""The lake's engine: DuckLake on DuckDB, its extensions, where its catalog and data are, its table names.

The one place that knows them:

- **extensions** are loaded from the installed pip packages ``duckdb-extension-ducklake``,
  ``duckdb-extension-sqlite-scanner``, ``duckdb-extension-postgres-scanner`` and ``duckdb-extension-httpfs``
  (``LOAD '<path inside the package>'``; httpfs only for data on S3); DuckDB's automatic install and load of
  known extensions are off, so nothing is ever downloaded at run time; DuckDB checks each file's signature the
  first time this process loads it, not again in every later connection while the file is unchanged;
- **the catalog**: ``$KEMITRAAN_CATALOG`` (a SQLite file path or ``sqlite:<path>``; or a PostgreSQL database:
  ``postgresql://user@host:port/db``, ``postgres:<libpq keywords>`` or bare libpq keywords ``dbname=… host=…``,
  which several servers share), by default ``<local folder>/catalog.sqlite`` (the data folder itself, unless
  the data is on S3: :func:`lake_fs.local_dir`);
- **the data**: Parquet files under ``<data dir>/lake/`` (DuckLake's ``DATA_PATH``; the data dir a local folder
  or ``s3://bucket/prefix``, read through httpfs with a secret from the AWS settings), one folder per table
  and batch (``lake/main/<kind>/_batch=<id>/ducklake-<uuid>.parquet``: the kind tables are partitioned by
  ``_batch``, so each batch's rows are files of their own and a damaged file is pruned with its batch);
- **the names**: the kind tables (``kemitraan``, ``indikator``, ``survei``), ``batches``, ``events``, ``notes``,
  ``file_sums``, ``file_checks`` and ``counters``, always as :func:`table` gives them (``lake.<name>``).

Data inlining (DuckLake keeping small inserts in the catalog) is off for the kind tables (every batch's rows
are Parquet files that can be listed, checked and pruned) and on for the small bookkeeping tables (a batch's
row, an event, a note are catalog rows, not a file each).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import duckdb

# The extensions' pip packages hold nothing but the extension files; imported here so a missing one fails at
# import, naming the package (the store cannot open without them).
import duckdb_extension_ducklake
import duckdb_extension_httpfs
import duckdb_extension_postgres_scanner
import duckdb_extension_sqlite_scanner

from kemitraan import contract
from kemitraan.errors import LocalisedError
from kemitraan.storage import lake_fs
from kemitraan.storage.lake_io import StoreError, sql_str

ALIAS = "lake"
#: The metadata catalog as DuckDB attaches it beside the lake (``ducklake_data_file``, …).
META = f"__ducklake_metadata_{ALIAS}"
CATALOG_ENV = "KEMITRAAN_CATALOG"
CATALOG_FILE = "catalog.sqlite"
DATA_FOLDER = "lake"
BATCHES, EVENTS, NOTES, FILE_SUMS, FILE_CHECKS = "batches", "events", "notes", "file_sums", "file_checks"
#: One row per counter (``last_seq``: the last batch sequence number given). A commit updates it inside its
#: transaction, so two commits racing on two servers conflict in DuckLake and one of them is tried again.
COUNTERS = "counters"
LAST_SEQ = "last_seq"
#: Rows a bookkeeping table keeps in the catalog per insert (a batch row, an event, a note).
INLINE_ROWS = 100_000

#: The store's own tables (beside the kind tables) and their columns.
BOOKKEEPING: dict[str, list[tuple[str, str]]] = {
    BATCHES: [
        ("batch_id", "VARCHAR"),
        ("uid", "VARCHAR"),
        ("seq", "INTEGER"),
        ("status", "VARCHAR"),
        ("file", "VARCHAR"),
        ("sha256", "VARCHAR"),
        ("user", "VARCHAR"),
        ("created_at", "VARCHAR"),
        ("kinds", "VARCHAR"),
        ("rows_by_kind", "VARCHAR"),
        ("rows", "BIGINT"),
        ("rows_added", "BIGINT"),
        ("rows_replaced", "BIGINT"),
        ("rows_unchanged", "BIGINT"),
        ("rows_invalid", "BIGINT"),
        ("undone_at", "VARCHAR"),
        ("undone_by", "VARCHAR"),
        ("redone_at", "VARCHAR"),
        ("redone_by", "VARCHAR"),
        ("note", "VARCHAR"),
        ("sources", "VARCHAR"),
        ("extra", "VARCHAR"),
    ],
    EVENTS: [
        ("at", "VARCHAR"),
        ("event", "VARCHAR"),
        ("batch_id", "VARCHAR"),
        ("user", "VARCHAR"),
        ("data", "VARCHAR"),
    ],
    NOTES: [("at", "VARCHAR"), ("event", "VARCHAR"), ("id", "VARCHAR"), ("data", "VARCHAR")],
    FILE_SUMS: [("path", "VARCHAR"), ("batch_id", "VARCHAR"), ("size", "BIGINT"), ("sha256", "VARCHAR")],
    FILE_CHECKS: [
        ("path", "VARCHAR"),
        ("size", "BIGINT"),
        ("reason", "VARCHAR"),
        ("detail", "VARCHAR"),
        ("at", "VARCHAR"),
    ],
    COUNTERS: [("name", "VARCHAR"), ("value", "BIGINT")],
}


def table(name: str) -> str:
    """A lake table as SQL names it: ``lake.<kind>`` or ``lake.batches`` …"""
    if name not in contract.KINDS and name not in BOOKKEEPING:
        raise KeyError(name)
    return f'{ALIAS}."{name}"'


def kind_columns(kind: str) -> list[tuple[str, str]]:
    return [*contract.stored_schema(kind), ("_seq", "INTEGER"), ("_batch", "VARCHAR")]


def extension_path(package: ModuleType, name: str) -> str:
    """The extension file shipped inside an installed pip package, for this DuckDB's version."""
    path = Path(package.__file__).parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.exists():
        dist = package.__name__.replace("_", "-")
        raise RuntimeError(f"{path} missing: install {dist}=={duckdb.__version__}")
    return str(path)


def catalog_url(root: Path) -> str:
    """What ``ATTACH 'ducklake:…'`` takes for the catalog: ``sqlite:<file>`` (``$KEMITRAAN_CATALOG`` or the
    default), or ``postgres:<libpq connection string>`` for a PostgreSQL catalog."""
    env = os.environ.get(CATALOG_ENV, "").strip()
    if env.startswith(("postgres://", "postgresql://")):
        return "postgres:" + env
    if env.startswith("postgres:"):
        return env
    if env and "=" in env.split()[0] and not env.startswith(("/", ".", "sqlite:")):  # libpq keywords
        return "postgres:" + env
    if env:
        return "sqlite:" + lake_fs.real_path(Path(env.removeprefix("sqlite:")))
    return "sqlite:" + lake_fs.real_path(lake_fs.local_dir(root) / CATALOG_FILE)


class CatalogUnreachable(LocalisedError, StoreError):
    """The PostgreSQL catalog cannot be reached (server down, wrong host or port, refused): said as such, in
    the user's language, naming the server and database (never a password); the driver's words are in the log."""


#: How the postgres extension words a connection it could not make (``Unable to connect to Postgres at …``).
UNREACHABLE_WORDS = ("unable to connect to postgres",)


def catalog_place(root: Path | str) -> str:
    """The PostgreSQL catalog as a message may name it: ``host:port/database`` (no user, no password)."""
    from urllib.parse import urlsplit

    url = catalog_url(root).removeprefix("postgres:")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        host, port, db = parts.hostname or "localhost", parts.port, parts.path.lstrip("/")
    else:
        kv = dict(w.split("=", 1) for w in url.split() if "=" in w)
        host, port, db = kv.get("host", "localhost"), kv.get("port"), kv.get("dbname", "")
    return f"{host}{f':{port}' if port else ''}/{db}"


def is_postgres(root: Path) -> bool:
    """The catalog is a PostgreSQL database (shared by several servers; the local lock coordinates nothing)."""
    return catalog_url(root).startswith("postgres:")


def catalog_file(root: Path) -> Path | None:
    """The SQLite file of the catalog; None for PostgreSQL."""
    url = catalog_url(root)
    return Path(url.removeprefix("sqlite:")) if url.startswith("sqlite:") else None


def catalog_exists(root: Path) -> bool:
    """Whether the catalog is there already (PostgreSQL: DuckLake makes its tables on the first attach, the store
    its own on open, so the database is taken as there)."""
    path = catalog_file(root)
    return path is None or path.exists()


def data_path(root: Path | str) -> str:
    """Where the data files are: ``<data folder>/lake`` as an absolute path, or ``s3://bucket/prefix/lake``."""
    root = lake_fs.root_of(root)
    if isinstance(root, str):
        return lake_fs.join(root, DATA_FOLDER)
    return str((root / DATA_FOLDER).resolve())


def enable_files(con: duckdb.DuckDBPyConnection, root: Path | str) -> None:
    """Let ``con`` read the data files of ``root``: for S3, httpfs and a secret from the AWS settings (a local
    folder needs nothing)."""
    if lake_fs.is_remote(root):
        con.execute(f"LOAD {sql_str(extension_path(duckdb_extension_httpfs, 'httpfs'))}")
        con.execute(lake_fs.duckdb_secret())


#: The lake connection's threads. Its work is small queries over the catalog, each a few SQLite scans, where
#: DuckDB's parallel scans cost more than they bring (a query 10 ms with one thread, 17 ms with two); a batch
#: large enough to gain from every core is staged and written with them (:func:`all_threads`).
CATALOG_THREADS = 1
#: From how many rows staging and inserting a batch use every core (a DuckDB vector group is 122,880 rows).
PARALLEL_ROWS = 100_000


@contextlib.contextmanager
def all_threads(con: duckdb.DuckDBPyConnection, rows: int | None) -> Iterator[None]:
    """Within the block, ``con``'s database uses every core when ``rows`` (None: unknown, a generated query) is
    large enough to gain from them; one thread again afterwards. The setting is the database's, so another
    thread's catalog query in the meantime may use them too: only its speed changes."""
    if rows is not None and rows < PARALLEL_ROWS:
        yield
        return
    con.execute(f"SET threads = {os.cpu_count() or 1}")
    try:
        yield
    finally:
        con.execute(f"SET threads = {CATALOG_THREADS}")


def extensions(root: Path | str) -> list[str]:
    """The extension files a connection to the lake of ``root`` loads, in order."""
    scanner = (
        extension_path(duckdb_extension_postgres_scanner, "postgres_scanner")
        if is_postgres(root)
        else extension_path(duckdb_extension_sqlite_scanner, "sqlite_scanner")
    )
    files = [scanner, extension_path(duckdb_extension_ducklake, "ducklake")]
    if lake_fs.is_remote(root):
        files.append(extension_path(duckdb_extension_httpfs, "httpfs"))
    return files


#: The extension files this process has loaded with DuckDB's signature check, each with what identified the file
#: then (device, inode, size, modification time). DuckDB checks the signature on every ``LOAD``, in every new
#: database instance: ~75 ms a file, ~150 ms for each connection made (a store opened, a past snapshot, a
#: worker). A file this process has verified and that is unchanged since is loaded without checking it again.
_verified: dict[str, tuple[int, int, int, int]] = {}


def _file_identity(path: str) -> tuple[int, int, int, int]:
    st = os.stat(path)
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _all_verified(files: list[str]) -> bool:
    try:
        return all(_verified.get(f) == _file_identity(f) for f in files)
    except OSError:
        return False


def connect(
    root: Path,
    *,
    database: str = ":memory:",
    read_only: bool = False,
    snapshot: int | None = None,
    memory_limit: str | None = None,
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection (in memory, or on a database file) with the lake attached as ``lake``.

    ``read_only``: no writes through it; ``snapshot``: the lake as it stood at that snapshot (time travel).
    """
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False, "threads": CATALOG_THREADS}
    if memory_limit:
        config["memory_limit"] = memory_limit
    files = extensions(root)
    checked = not _all_verified(files)
    if not checked:  # every file verified by an earlier connection of this process, and unchanged since
        config["allow_unsigned_extensions"] = True
    con = duckdb.connect(database, config=config)
    try:
        attach(con, root, read_only=read_only, snapshot=snapshot)
        if checked:
            _verified.update((f, _file_identity(f)) for f in files)
    except BaseException as exc:
        con.close()
        if (
            isinstance(exc, duckdb.Error)
            and is_postgres(root)
            and any(w in str(exc).lower() for w in UNREACHABLE_WORDS)
        ):
            where = catalog_place(root)
            logging.getLogger(__name__).error("catalog unreachable (%s): %s", where, " ".join(str(exc).split()))
            raise CatalogUnreachable("store.catalog_unreachable", where=where) from exc
        raise
    return con


def attach(
    con: duckdb.DuckDBPyConnection,
    root: Path,
    *,
    read_only: bool = False,
    snapshot: int | None = None,
    alias: str = ALIAS,
) -> None:
    scanner, ducklake = extensions(root)[:2]
    con.execute(f"LOAD {sql_str(scanner)}")
    con.execute(f"LOAD {sql_str(ducklake)}")
    enable_files(con, root)
    data = data_path(root)
    if not lake_fs.is_remote(data):
        Path(data).mkdir(parents=True, exist_ok=True)
    # The data folder may have been moved or copied (a backup restored elsewhere, a test's copy): its lake is
    # the one beside the catalog, wherever the catalog recorded it first.
    opts = [f"DATA_PATH {sql_str(data.rstrip('/') + '/')}", "OVERRIDE_DATA_PATH true", "DATA_INLINING_ROW_LIMIT 0"]
    if read_only:
        opts.append("READ_ONLY")
    if snapshot is not None:
        opts.append(f"SNAPSHOT_VERSION {int(snapshot)}")
    con.execute(f"ATTACH {sql_str('ducklake:' + catalog_url(root))} AS {alias} ({', '.join(opts)})")


def create_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every table the store needs (missing columns added, for a lake written by older code), in the caller's
    transaction; returns the bookkeeping tables created, for :func:`set_inlining` after the commit."""
    created = []
    existing = {
        r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = ?", [ALIAS]).fetchall()
    }
    wanted = {**{k: kind_columns(k) for k in contract.KINDS}, **BOOKKEEPING}
    for name, cols in wanted.items():
        if name not in existing:
            defs = ", ".join(f'"{c}" {t}' for c, t in cols)
            con.execute(f"CREATE TABLE {table(name)} ({defs})")
            if name in contract.KINDS:
                con.execute(f"ALTER TABLE {table(name)} SET PARTITIONED BY (_batch)")
            else:
                created.append(name)
        else:
            have = {
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE database_name = ? AND table_name = ?", [ALIAS, name]
                ).fetchall()
            }
            for c, t in cols:
                if c not in have:
                    con.execute(f'ALTER TABLE {table(name)} ADD COLUMN "{c}" {t}')
    return created


def set_inlining(con: duckdb.DuckDBPyConnection, names: list[str]) -> None:
    """Keep the bookkeeping tables' rows in the catalog (a batch's row, an event, a note: no file each)."""
    for name in names:
        con.execute(f"CALL {ALIAS}.set_option('data_inlining_row_limit', {INLINE_ROWS}, table_name => '{name}')")


_shared: dict[str, tuple[tuple, duckdb.DuckDBPyConnection]] = {}
_shared_lock = threading.Lock()


def identity(root: Path) -> tuple | None:
    """What tells this process's connection is still to the same catalog: the SQLite file's device and inode (a
    data folder deleted and made anew is another catalog); a PostgreSQL catalog is its URL (the key)."""
    path = catalog_file(root)
    if path is None:
        return ("postgres",)
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino)


def cursor(root: Path) -> duckdb.DuckDBPyConnection:
    """A cursor on this process's one connection to the lake of ``root`` (attached once: loading the
    extensions costs a few hundred milliseconds per DuckDB instance). Close it after use."""
    key = catalog_url(root)
    with _shared_lock:
        ident = identity(root)
        got = _shared.get(key)
        if got is not None and (ident is None or got[0] != ident):
            with contextlib.suppress(duckdb.Error):
                got[1].close()
            got = None
            del _shared[key]
        if got is None:
            con = connect(root)
            got = _shared[key] = (identity(root), con)
        return got[1].cursor()


#: The parent's connections, as a forked child found them: kept, never used nor freed (below).
_left_by_parent: list[dict] = []


def _after_fork_in_child() -> None:
    """A forked child never uses its parent's DuckDB instance: it attaches its own on first use.

    The parent's connections are set aside, not closed or dropped: freeing a DuckDB instance runs its destructor,
    which in a child without the parent's threads crashes the process (SIGSEGV), even one that only execs (a
    pty.fork before exec runs this too). The lock is made anew: another thread may have held it at the fork."""
    global _shared, _shared_lock
    _left_by_parent.append(_shared)
    _shared = {}
    _shared_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def forget(root: Path) -> None:
    """Close this process's connection to the lake of ``root`` (tests that remove a data folder)."""
    key = catalog_url(root)
    with _shared_lock:
        got = _shared.pop(key, None)
    if got is not None:
        with contextlib.suppress(duckdb.Error):
            got[1].close()


def snapshot_id(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute(f"SELECT id FROM {ALIAS}.current_snapshot()").fetchone()[0])
