"""The two places a data folder can be: a local folder, or ``s3://bucket/prefix`` on object storage.

The store and its checks read and write through one of two small classes with the same
methods (``stat``, ``read_bytes``, ``parquet_rows``, ``open``, ``replace``):

- :class:`LocalFiles` — the local disk, by the same ``os`` and ``pyarrow`` calls the store
  always made; nothing here imports fsspec, so the local path costs what it did.
- :class:`ObjectFiles` — S3-compatible object storage through fsspec's ``s3fs`` (AWS S3,
  MinIO, Ceph, Cloudflare R2, GCS's S3 interface). A *stat* comes from one listing of the
  lake, not a request per object; the change token that a local ``stat`` reads from the
  modification time is the object's ETag here.

Endpoint and keys come from the usual AWS variables, read by botocore itself:
``AWS_ENDPOINT_URL`` or ``AWS_ENDPOINT_URL_S3`` (MinIO, moto, …; unset for AWS),
``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_SESSION_TOKEN``, ``AWS_DEFAULT_REGION``
(or ``AWS_PROFILE`` and ``~/.aws/config``). DuckDB reads ``s3://`` paths through the same
s3fs filesystem (:func:`register`), because its ``httpfs`` extension cannot be installed
offline; pyarrow reads them through :func:`arrow_filesystem`.

Object storage has no rename and no lock, so writers coordinate with **conditional writes**:
``If-None-Match: *`` creates an object only if it does not exist (:meth:`ObjectFiles.create`),
``If-Match: <etag>`` replaces one only if nobody changed it since it was read
(:meth:`ObjectFiles.replace`). :func:`check_conditional_writes` makes sure the store honours
them before the first write of a process, and refuses to write where it does not.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import re
import threading
import uuid
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, BinaryIO

import pyarrow.parquet as pq

from kemitraan import logs
from kemitraan.errors import Refused
from kemitraan.i18n import t

#: URL schemes a data folder may use (fsspec protocol names); ``s3a`` is Hadoop's name for the same.
SCHEMES = ("s3", "s3a")
_URL = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<rest>.*)$")
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


class LocationError(Refused):
    """A data folder URL that cannot be used; the message names it, in Indonesian and English.

    Raised while the store opens, before a command knows its ``--lang``, so both languages are given.
    """

    def __init__(self, key: str, **fields: object):
        self.key, self.fields = key, fields
        super().__init__(f"{t(key, 'id', **fields)} / {t(key, 'en', **fields)}")

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.fields)


class Conflict(Exception):
    """A conditional write lost: the object exists already, or changed since it was read."""


def is_url(location: object) -> bool:
    """Whether a data folder names a URL (``s3://…``) rather than a local folder."""
    return isinstance(location, str) and _URL.match(location) is not None


def normalise_url(url: str) -> str:
    """``s3://bucket/prefix`` without a trailing slash; refuses other schemes and malformed buckets."""
    m = _URL.match(url.strip())
    if m is None:
        raise LocationError("objects.err.not_url", url=url)
    scheme = m["scheme"].lower()
    if scheme not in SCHEMES:
        raise LocationError("objects.err.scheme", url=url, schemes=", ".join(f"{s}://" for s in SCHEMES))
    parts = [p for p in m["rest"].split("/") if p]
    if not parts or not _BUCKET.match(parts[0]) or any(p in (".", "..") for p in parts):
        raise LocationError("objects.err.bucket", url=url)
    return "s3://" + "/".join(parts)


def key_of(url: str) -> str:
    """``bucket/prefix`` of an ``s3://`` URL: the path s3fs and pyarrow take."""
    return normalise_url(url).removeprefix("s3://")


def url_of(key: PurePosixPath | str) -> str:
    """The ``s3://`` URL DuckDB reads for an object key (``bucket/prefix/…``)."""
    return f"s3://{key}"


#: The environment variables botocore reads for the endpoint, keys and region (see the module's docstring).
ENV_VARS = ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_PROFILE")


def filesystem() -> Any:
    """The s3fs filesystem for the AWS environment variables as they are now (one per setting, per process).

    Listings are never cached: another server's commit must be seen on the next listing.
    s3fs is imported only here, so a local data folder never loads it.
    """
    return _filesystem(tuple(os.environ.get(v) for v in ENV_VARS))


#: What the last listing said of each object (s3fs's ``info`` dict), by key. DuckDB asks for the size and
#: time of every file several times per query; each would be a HEAD request (20–50 ms on a real bucket).
_known: dict[str, dict] = {}
_known_lock = threading.Lock()


@functools.cache
def _filesystem(env: tuple) -> Any:
    import s3fs

    class ListedS3FileSystem(s3fs.S3FileSystem):
        """s3fs, answering ``info`` from the last listing of the object's folder when it is there."""

        async def _info(self, path, bucket=None, key=None, refresh=False, version_id=None):
            if not refresh and version_id is None:
                hit = _known.get(self._strip_protocol(path))
                if hit is not None:
                    return dict(hit)
            return await super()._info(path, bucket, key, refresh, version_id)

    return ListedS3FileSystem(use_listings_cache=False, skip_instance_cache=True)


def _forget(paths: list[str]) -> None:
    with _known_lock:
        for p in paths:
            _known.pop(str(p), None)


def register(con, fs: Any) -> None:
    """Let a DuckDB connection read ``s3://`` paths through ``fs`` (DuckDB's fsspec support)."""
    con.register_filesystem(fs)


def arrow_filesystem(fs: Any):
    """The same filesystem for pyarrow (datasets, Parquet metadata), taking keys without the scheme."""
    from pyarrow.fs import FSSpecHandler, PyFileSystem

    return PyFileSystem(FSSpecHandler(fs))


# --------------------------------------------------------------------------- what a stat sees


@dataclass(frozen=True)
class ObjectStat:
    """What a listing says of one object, under the names :mod:`os` uses for a file.

    ``st_mtime_ns`` holds the ETag: like a local modification time, it changes whenever
    the object is written again, so every cache keyed on it notices a change.
    """

    st_size: int
    st_mtime_ns: str
    modified: dt.datetime

    @classmethod
    def from_info(cls, info: dict) -> ObjectStat:
        modified = info.get("LastModified") or dt.datetime.now(dt.timezone.utc)
        return cls(int(info.get("size", info.get("Size", 0))), str(info.get("ETag", "")).strip('"'), modified)

    def age_seconds(self) -> float:
        return (dt.datetime.now(dt.timezone.utc) - self.modified).total_seconds()


class LocalFiles:
    """The local disk, through the calls the store has always made."""

    def stat(self, path: str) -> os.stat_result | None:
        try:
            return os.stat(path)
        except FileNotFoundError:
            return None

    def read_bytes(self, path: str) -> bytes:
        with open(path, "rb") as fh:
            return fh.read()

    def parquet_rows(self, path: str, st: Any = None) -> int:
        return pq.read_metadata(path).num_rows

    def open(self, path: str, st: Any = None) -> BinaryIO:
        return open(path, "rb")

    def replace(self, path: str, data: bytes, token: object = None) -> None:
        """Write beside, then rename over (callers hold the store's write lock, so ``token`` is not needed)."""
        tmp = f"{path}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)


LOCAL = LocalFiles()


def _precondition_failed(exc: BaseException) -> bool:
    """s3fs turns a lost ``If-None-Match`` into FileExistsError; a lost ``If-Match`` stays a ClientError inside."""
    if isinstance(exc, FileExistsError):
        return True
    cause = exc.__cause__ or exc.__context__
    code = (getattr(cause, "response", None) or {}).get("Error", {}).get("Code")
    # 409 ConditionalRequestConflict: AWS's answer while another conditional write of the key is in flight
    return code in ("PreconditionFailed", "ConditionalRequestConflict", "412", "409")


class ObjectFiles:
    """Objects under one bucket through s3fs; ``stat`` answers from ``listing`` for the keys it ``covers``."""

    def __init__(self, fs: Any, listing: dict[str, ObjectStat] | None = None, covers: tuple[str, ...] = ()):
        self.fs = fs
        self.listing = listing or {}
        self.covers = covers  # key prefixes the listing holds completely: a key absent there does not exist

    def stat(self, path: str) -> ObjectStat | None:
        path = str(path)
        got = self.listing.get(path)
        if got is not None or any(path.startswith(c) for c in self.covers):
            return got
        try:
            return ObjectStat.from_info(self.fs.info(path))
        except FileNotFoundError:
            return None

    def head(self, path: str) -> ObjectStat | None:
        """Ask the store itself (no listing, no cache): for a writer's last check before its commit point."""
        try:
            return ObjectStat.from_info(self.fs.info(str(path), refresh=True))
        except FileNotFoundError:
            return None

    def read_bytes(self, path: str) -> bytes:
        return self.fs.cat_file(str(path))

    def open(self, path: str, st: ObjectStat | None = None) -> BinaryIO:
        # Whole-block reads, sized from the listing: no extra request to learn the size.
        kwargs = {"size": st.st_size} if st is not None else {}
        return self.fs.open(str(path), "rb", cache_type="bytes", **kwargs)

    def parquet_rows(self, path: str, st: ObjectStat | None = None) -> int:
        with self.open(path, st) as fh:
            return pq.read_metadata(fh).num_rows

    def create(self, path: str, data: bytes) -> None:
        """Write ``path`` only if no object is there (``If-None-Match: *``); :class:`Conflict` if one is."""
        _forget([path])
        try:
            self.fs.pipe_file(str(path), data, mode="create")
        except Exception as exc:
            if _precondition_failed(exc):
                raise Conflict(str(path)) from exc
            raise

    def replace(self, path: str, data: bytes, token: object = None) -> None:
        """Write ``path`` only if it is still what was read: the ETag ``token``, or absent when ``token`` is None."""
        if token is None:
            return self.create(path, data)
        _forget([path])
        try:
            self.fs.pipe_file(str(path), data, IfMatch=f'"{token}"')
        except Exception as exc:
            if _precondition_failed(exc):
                raise Conflict(str(path)) from exc
            raise

    def put(self, path: str, data: bytes) -> None:
        _forget([path])
        self.fs.pipe_file(str(path), data)

    def delete(self, paths: list[str]) -> None:
        if paths:
            _forget(paths)
            self.fs.rm([str(p) for p in paths])

    def list(self, folder: str, prefix: str = "") -> dict[str, ObjectStat]:
        """Every object under ``folder/prefix`` (recursively), by key: one request per 1,000 objects."""
        found = {k: v for k, v in self.fs.find(str(folder), prefix=prefix, detail=True).items()
                 if v.get("type", "file") == "file"}
        under = f"{folder}/{prefix}"
        with _known_lock:
            for k in [k for k in _known if k.startswith(under) and k not in found]:
                del _known[k]
            _known.update(found)
        return {k: ObjectStat.from_info(v) for k, v in found.items()}


# --------------------------------------------------------------------------- conditional writes, checked once

_checked: dict[str, bool] = {}
_checked_lock = threading.Lock()


def check_conditional_writes(files: ObjectFiles, folder: str) -> None:
    """Refuse to write where the store ignores ``If-None-Match``: two writers could then take one sequence number.

    Tried once per process and bucket: create a probe object twice; the second must be refused.
    """
    bucket = str(folder).split("/", 1)[0]
    with _checked_lock:
        ok = _checked.get(bucket)
        if ok is None:
            probe = f"{folder}/_probe/{uuid.uuid4().hex}"
            files.create(probe, b"probe")
            try:
                files.create(probe, b"probe again")
                ok = False
            except Conflict:
                ok = True
            finally:
                files.delete([probe])
            _checked[bucket] = ok
    if not ok:
        raise LocationError("objects.err.no_conditional_writes", bucket=bucket)


def bucket_error(exc: BaseException, url: str) -> LocationError | None:
    """The message for a bucket that is missing, forbidden or unreachable, or None for another error."""
    if isinstance(exc, FileNotFoundError):
        return LocationError("objects.err.no_bucket", url=url)
    if isinstance(exc, PermissionError):
        return LocationError("objects.err.forbidden", url=url, detail=str(exc).splitlines()[0][:200])
    name = type(exc).__name__
    if isinstance(exc, OSError) or "Endpoint" in name or "Connect" in name or "Credentials" in name:
        return LocationError("objects.err.unreachable", url=url, detail=f"{name}: {exc}".splitlines()[0][:200])
    return None


# --------------------------------------------------------------------------- the log of an s3:// data folder


def _log_handler(url: str) -> logging.Handler:
    from kemitraan.storage.object_log import ObjectLogHandler

    return ObjectLogHandler.for_url(url)


for _scheme in SCHEMES:
    logs.URL_HANDLERS[_scheme] = _log_handler
