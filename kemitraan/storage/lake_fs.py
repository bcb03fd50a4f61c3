"""Where the lake's data files are, and the local folder each server keeps: one interface for both places.

``$KEMITRAAN_DATA_DIR`` is a local folder (``data/``) or an S3-compatible bucket and prefix
(``s3://bucket/prefix``: AWS, MinIO, Ceph …). The data files are under ``<data dir>/lake/`` either way, and the
code that lists, checks, reads and removes them is the same: it names a file by a string (a local path or an
``s3://`` URL) and goes through :func:`filesystem` (pyarrow's file systems: the local disk, or S3 with
``AWS_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_SESSION_TOKEN``, ``AWS_REGION``).
DuckDB reads them through its own ``httpfs`` with the same settings (:func:`duckdb_secret`).

What cannot live in object storage stays in a **local folder** of each server (:func:`local_dir`): the
write lock (``.write.lock``: this machine's writers one at a time), the analysis cache (``cache/``, DuckDB files
opened in place), the log (``logs/``), a SQLite catalog when no PostgreSQL one is given, and a DHIS2 mapping
file. For a local data folder that is the data folder itself; for ``s3://…`` it is ``$KEMITRAAN_LOCAL_DIR``, by
default ``~/.cache/kemitraan/s3/<bucket>/<prefix>``. Batches, history, meeting notes and checksums are in the
catalog, never in a file.
"""

from __future__ import annotations

import functools
import os
import posixpath
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

S3 = "s3://"
LOCAL_ENV = "KEMITRAAN_LOCAL_DIR"
#: The settings S3 is reached with (the usual AWS names; the endpoint for MinIO and the like).
S3_ENV = (
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_S3",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
)


def is_remote(root: Path | str) -> bool:
    """The data directory is in object storage (``s3://bucket/prefix``)."""
    return str(root).startswith(S3)


def root_of(data_dir: Path | str) -> Path | str:
    """The data directory as the store keeps it: a Path for a folder, ``s3://bucket/prefix`` (no trailing slash)
    for object storage (a Path would fold the ``//``)."""
    text = str(data_dir)
    if is_remote(text):
        bucket, _, prefix = text[len(S3) :].strip("/").partition("/")
        if not bucket:
            raise ValueError(f"{text}: no bucket named (s3://bucket/prefix)")
        return S3 + bucket + ("/" + prefix.strip("/") if prefix.strip("/") else "")
    return Path(data_dir)


def resolved(data_dir: Path | str) -> str:
    """The data directory as one string (a cache key): an absolute path, or the ``s3://`` URL."""
    root = root_of(data_dir)
    return root if isinstance(root, str) else real_path(root)


def real_path(path: Path) -> str:
    """``path`` resolved (symbolic links followed); an absolute one remembered, so a page run's dozen asks cost no
    system calls (each gives up the interpreter's lock: twenty sessions then queue for it again). A data folder
    reached through a symbolic link that is pointed elsewhere while the server runs is followed after a restart."""
    return _real_absolute(path) if path.is_absolute() else str(path.resolve())


@functools.lru_cache(maxsize=256)
def _real_absolute(path: Path) -> str:
    return str(path.resolve())


def local_dir(root: Path | str) -> Path:
    """This server's own folder for the lock, the analysis cache, the log (module docstring)."""
    root = root_of(root)
    if isinstance(root, Path):
        return root
    env = os.environ.get(LOCAL_ENV, "").strip()
    if env:
        return Path(env)
    return Path.home() / ".cache" / "kemitraan" / "s3" / root[len(S3) :]


def join(base: str, *parts: str) -> str:
    """A path or URL under ``base`` (``/`` separated in both)."""
    return posixpath.join(base, *parts)


def relative(path: str, base: str) -> str | None:
    """``path`` below ``base`` ("main/indikator/…"), or None when it is not under it."""
    base = base.rstrip("/") + "/"
    return path[len(base) :] if path.startswith(base) else None


# ------------------------------------------------------------------------------ the file systems


def _s3_settings() -> dict[str, str]:
    return {k: os.environ[k] for k in S3_ENV if os.environ.get(k)}


def endpoint() -> tuple[str, str] | None:
    """(scheme, host:port) of ``AWS_ENDPOINT_URL_S3`` / ``AWS_ENDPOINT_URL``; None for AWS itself."""
    env = _s3_settings()
    url = env.get("AWS_ENDPOINT_URL_S3") or env.get("AWS_ENDPOINT_URL")
    if not url:
        return None
    parts = urlsplit(url if "://" in url else "https://" + url)
    return parts.scheme or "https", parts.netloc


def region() -> str:
    env = _s3_settings()
    return env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1"


_fs_lock = threading.Lock()
_fs: dict[tuple, object] = {}


def filesystem(path: str):
    """(pyarrow file system, the path as it takes it) for a local path or an ``s3://`` URL."""
    from pyarrow import fs as pafs

    if not is_remote(path):
        key: tuple = ("local",)
    else:
        key = ("s3", *sorted(_s3_settings().items()))
    with _fs_lock:
        got = _fs.get(key)
        if got is None:
            if key[0] == "local":
                got = pafs.LocalFileSystem()
            else:
                env = _s3_settings()
                kw: dict = {"region": region()}
                if env.get("AWS_ACCESS_KEY_ID"):
                    kw.update(access_key=env["AWS_ACCESS_KEY_ID"], secret_key=env.get("AWS_SECRET_ACCESS_KEY", ""))
                    if env.get("AWS_SESSION_TOKEN"):
                        kw["session_token"] = env["AWS_SESSION_TOKEN"]
                found = endpoint()
                if found:
                    kw.update(scheme=found[0], endpoint_override=found[1], force_virtual_addressing=False)
                got = pafs.S3FileSystem(**kw)
            _fs[key] = got
    return got, (path[len(S3) :] if is_remote(path) else path)


@dataclass(frozen=True)
class Stat:
    """What :func:`stat` tells of a file, named as ``os.stat_result`` names it."""

    st_size: int
    st_mtime_ns: int


def stat(path: str) -> Stat:
    """Size and modification time of a file; FileNotFoundError when there is none (a folder is none either)."""
    from pyarrow import fs as pafs

    fs, p = filesystem(path)
    info = fs.get_file_info(p)
    if info.type != pafs.FileType.File:
        raise FileNotFoundError(path)
    return Stat(int(info.size or 0), int(info.mtime_ns or 0))


def stat_many(paths: list[str]) -> dict[str, Stat | None]:
    """:func:`stat` of many files (None: not there) by listing their tables' folders: on S3 one ``LIST`` request
    per 1,000 objects instead of a ``HEAD`` per file, on a disk a walk of the folders. A folder that cannot be
    listed falls back to a stat per file."""
    by_folder: dict[str, list[str]] = {}
    for p in paths:  # <table folder>/_batch=<id>/<file>: one listing per table folder
        by_folder.setdefault(posixpath.dirname(posixpath.dirname(p)), []).append(p)
    out: dict[str, Stat | None] = {}
    for folder, wanted in by_folder.items():
        try:
            found = dict(listing(folder))
        except OSError:
            found = None
        for p in wanted:
            if found is not None:
                out[p] = found.get(p)
                continue
            try:
                out[p] = stat(p)
            except OSError:
                out[p] = None
    return out


def open_input(path: str):
    """A readable binary file (seekable: a Parquet reader takes it)."""
    fs, p = filesystem(path)
    return fs.open_input_file(p)


def listing(folder: str) -> list[tuple[str, Stat]]:
    """Every file under ``folder`` (recursively), as (path or URL, :class:`Stat`); none when it is not there."""
    from pyarrow import fs as pafs

    fs, p = filesystem(folder)
    try:
        infos = fs.get_file_info(pafs.FileSelector(p, recursive=True, allow_not_found=True))
    except (FileNotFoundError, NotADirectoryError):
        return []
    prefix = S3 if is_remote(folder) else ""
    return [
        (prefix + i.path, Stat(int(i.size or 0), int(i.mtime_ns or 0))) for i in infos if i.type == pafs.FileType.File
    ]


def delete(path: str) -> None:
    fs, p = filesystem(path)
    fs.delete_file(p)


def remove_empty_folder(folder: str) -> None:
    """A local folder left empty goes (object storage has no folders: nothing to do)."""
    if not is_remote(folder):
        try:
            os.rmdir(folder)
        except OSError:
            pass


def arrow_paths(paths: list[str]) -> tuple[list[str], object | None]:
    """The files as ``pyarrow.dataset`` takes them, with their file system (None: the local disk)."""
    if not paths or not is_remote(paths[0]):
        return list(paths), None
    fs, _ = filesystem(paths[0])
    return [p[len(S3) :] for p in paths], fs


# ------------------------------------------------------------------------------ DuckDB's httpfs


def _sql_str(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def duckdb_secret(name: str = "kemitraan_s3") -> str:
    """``CREATE SECRET`` for DuckDB's S3 access from the same settings as :func:`filesystem` (temporary: it
    lives in the connection's DuckDB instance only, never written to disk)."""
    env = _s3_settings()
    opts = ["TYPE s3", "PROVIDER config", f"REGION {_sql_str(region())}"]
    if env.get("AWS_ACCESS_KEY_ID"):
        opts.append(f"KEY_ID {_sql_str(env['AWS_ACCESS_KEY_ID'])}")
        opts.append(f"SECRET {_sql_str(env.get('AWS_SECRET_ACCESS_KEY', ''))}")
        if env.get("AWS_SESSION_TOKEN"):
            opts.append(f"SESSION_TOKEN {_sql_str(env['AWS_SESSION_TOKEN'])}")
    found = endpoint()
    if found:
        opts += [
            f"ENDPOINT {_sql_str(found[1])}",
            f"USE_SSL {'true' if found[0] == 'https' else 'false'}",
            "URL_STYLE 'path'",
        ]
    return f"CREATE OR REPLACE TEMPORARY SECRET {name} ({', '.join(opts)})"
