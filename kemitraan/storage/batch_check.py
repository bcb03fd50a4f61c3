"""Is a batch whole? A cheap check on every open, the full checksum on demand.

The lake's catalog records every data file of a batch (DuckLake's ``ducklake_data_file``: path, size, row
count; the kind tables are partitioned by ``_batch``, so every file belongs to one batch) and the store
records each file's sha256 (the ``file_sums`` table, written right after the commit). A batch is *damaged*
when one of its files is:

- ``file_missing``: gone;
- ``size_mismatch``: of another size than the catalog records;
- ``unreadable``: its Parquet footer cannot be read (truncated or overwritten), or its data cannot be
  decoded (found while materialising, or by the full check);
- ``rows_mismatch``: its footer's row count differs from the catalog's;
- ``checksum_mismatch``: its sha256 differs from the one recorded (found by the full check, i.e.
  ``python -m kemitraan check``, and remembered in the ``file_checks`` table until the file changes again).

The cheap check stats each file and reads its footer, cached by (path, size, mtime): a page load costs a
``stat`` per file (on S3 a ``HEAD`` request; files are reached through :mod:`kemitraan.storage.lake_fs`).
``manifest_missing`` / ``manifest_invalid`` remain as reasons for the messages of
batches migrated from the old layout whose manifest could not be read.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from kemitraan.i18n import t
from kemitraan.storage import lake_fs

REASONS = (
    "manifest_missing",
    "manifest_invalid",
    "file_missing",
    "size_mismatch",
    "unreadable",
    "rows_mismatch",
    "checksum_mismatch",
)
MANIFEST = "manifest.json"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Damage:
    """Why one batch is set aside, in words a page or the command line can show."""

    batch_id: str
    folder: str  # the damaged file's folder, relative to the lake: "main/indikator/_batch=<id>"
    reason: str  # one of REASONS
    file: str | None = None
    detail: str = ""
    undone: bool = False

    def message(self, lang: str = "id") -> str:
        """What is wrong and what to do, e.g. for a warning on every page."""
        what = t(
            f"store.damage.{self.reason}", lang, batch_id=self.batch_id, file=self.file or MANIFEST, detail=self.detail
        )
        advice = t(
            "store.damage.advice_undone" if self.undone else "store.damage.advice",
            lang,
            batch_id=self.batch_id,
            folder=self.folder,
        )
        return f"{what} {advice}"

    def to_dict(self) -> dict:
        return {
            "batch_id": self.batch_id,
            "folder": self.folder,
            "reason": self.reason,
            "file": self.file,
            "detail": self.detail,
            "undone": self.undone,
        }

    @property
    def reference(self) -> str:
        """A short id for this damage, the same in every process and in ``check``: what a visitor quotes and an
        administrator searches the log for."""
        key = json.dumps([self.batch_id, self.folder, self.reason, self.file, self.detail], ensure_ascii=False)
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:8].upper()

    def notice(self, lang: str = "id") -> str:
        """What a visitor of the pages is told: which upload is set aside, why in a few words, and the reference;
        no file names, folders or error text (those are in the log and in ``check``, under the same reference)."""
        return t(
            "store.damage.notice",
            lang,
            batch_id=self.batch_id,
            reason=t(f"history.damage.{self.reason}", lang),
            ref=self.reference,
        )


@dataclass(frozen=True)
class DataFile:
    """One Parquet file of the lake, as the catalog records it."""

    path: str  # absolute: a local path or an s3:// URL
    rel: str  # relative to the lake's data folder: "main/indikator/_batch=<id>/ducklake-….parquet"
    kind: str
    batch_id: str
    size: int
    rows: int


@dataclass
class Inspection:
    """One batch: its row in the catalog (``manifest``, as the old manifests were shaped), its files, its damage."""

    batch_id: str
    undone: bool
    manifest: dict
    files: list[DataFile]
    damage: Damage | None
    checksummed: bool = True
    failures: dict = field(default_factory=dict)  # path -> {size, reason, detail}, found by a full check
    verified: dict = field(default_factory=dict)  # path -> sha256 of files that decoded and matched (or were new)

    @property
    def folder(self) -> str:
        return f"_batch={self.batch_id}"


_lock = threading.Lock()
_footers: dict[tuple, int | str] = {}  # (path, size, mtime_ns) -> rows, or the error text
_digests: dict[tuple, str] = {}
_CACHE_MAX = 20_000


def _key(path: str, st: os.stat_result | lake_fs.Stat) -> tuple:
    return (str(path), st.st_size, st.st_mtime_ns)


def _remember(cache: dict, key: tuple, value) -> None:
    with _lock:
        if len(cache) >= _CACHE_MAX:
            cache.clear()
        cache[key] = value


#: Counts what this process learnt of its files outside the catalog (a file found undecodable, the caches cleared):
#: a memo of inspections (:meth:`Store.inspect_batches` inside a reading) made before a change is stale after it.
marks = 0


def clear_caches() -> None:
    global marks
    with _lock:
        _footers.clear()
        _digests.clear()
        marks += 1


def sha256_file(path: str, st: lake_fs.Stat | None = None) -> str:
    st = st or lake_fs.stat(str(path))
    k = _key(path, st)
    if k in _digests:
        return _digests[k]
    h = hashlib.sha256()
    with lake_fs.open_input(str(path)) as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    digest = h.hexdigest()
    _remember(_digests, k, digest)
    return digest


def _footer_rows(path: str, st: lake_fs.Stat) -> int | str:
    k = _key(path, st)
    got = _footers.get(k)
    if got is None:
        import pyarrow.parquet as pq

        try:
            with lake_fs.open_input(str(path)) as fh:
                got = pq.ParquetFile(fh).metadata.num_rows
        except Exception as exc:  # pyarrow raises several types for a broken footer
            got = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        _remember(_footers, k, got)
    return got


def mark_undecodable(path: str, detail: str) -> None:
    """A file whose footer reads but whose data does not (found by a reader): unreadable until it changes."""
    try:
        st = lake_fs.stat(str(path))
    except OSError:
        return
    global marks
    _remember(_footers, _key(path, st), detail[:300] or "undecodable")
    with _lock:
        marks += 1


def decode_error(path: str) -> str | None:
    """Read every value of a file: None when it decodes, else the error's first line."""
    import pyarrow.parquet as pq

    try:
        with lake_fs.open_input(str(path)) as fh:
            pq.read_table(fh)
    except Exception as exc:  # pyarrow raises several types for broken data pages
        return f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    return None


def check_file(
    f: DataFile,
    *,
    sums: dict[str, str],
    remembered: dict[str, dict],
    full: bool,
    out: Inspection,
    stats: dict[str, lake_fs.Stat | None] | None = None,
) -> tuple[str, str] | None:
    """(reason, detail) when the file is damaged, else None; a full check records failures and verified sums.
    ``stats``: the files' stats listed at once (:func:`lake_fs.stat_many`), else each is stat'ed here."""
    if stats is not None and f.path in stats:
        st = stats[f.path]
        if st is None:
            return "file_missing", ""
    else:
        try:
            st = lake_fs.stat(f.path)
        except OSError:
            return "file_missing", ""
    if st.st_size != f.size:
        return "size_mismatch", f"{st.st_size} != {f.size}"
    rows = _footer_rows(f.path, st)
    if isinstance(rows, str):
        return "unreadable", rows
    if rows != f.rows:
        return "rows_mismatch", f"{rows} != {f.rows}"
    seen = remembered.get(f.rel)
    if full:
        digest = sha256_file(f.path, st)
        recorded = sums.get(f.rel)
        if recorded is not None and digest != recorded:
            out.failures[f.rel] = {
                "size": st.st_size,
                "mtime_ns": st.st_mtime_ns,
                "reason": "checksum_mismatch",
                "detail": digest[:16],
            }
            return "checksum_mismatch", digest[:16]
        error = decode_error(f.path)
        if error is not None:
            mark_undecodable(f.path, error)
            out.failures[f.rel] = {
                "size": st.st_size,
                "mtime_ns": st.st_mtime_ns,
                "reason": "unreadable",
                "detail": error,
            }
            return "unreadable", error
        out.verified[f.rel] = digest
    elif seen and seen.get("size") == st.st_size and seen.get("mtime_ns") == st.st_mtime_ns:
        return str(seen.get("reason") or "checksum_mismatch"), str(seen.get("detail") or "")
    return None


def inspect(
    batch: dict,
    files: list[DataFile],
    *,
    sums: dict[str, str],
    remembered: dict[str, dict],
    full: bool = False,
    stats: dict[str, lake_fs.Stat | None] | None = None,
) -> Inspection:
    """Check one batch's files: cheaply (stat, footer, row count, remembered failures), or ``full`` (sha256, decode)."""
    undone = batch.get("status") == "undone"
    out = Inspection(batch["batch_id"], undone, batch, files, None, checksummed=all(f.rel in sums for f in files))
    if batch.get("damage_reason"):  # migrated from the old layout already damaged
        out.damage = Damage(
            batch["batch_id"],
            f"_batch={batch['batch_id']}",
            batch["damage_reason"],
            None,
            batch.get("damage_detail") or "",
            undone,
        )
        return out
    for f in files:
        found = check_file(f, sums=sums, remembered=remembered, full=full, out=out, stats=stats)
        if found is not None and out.damage is None:
            folder = str(Path(f.rel).parent)
            out.damage = Damage(batch["batch_id"], folder, found[0], f.path.rsplit("/", 1)[-1], found[1], undone)
            if not full:
                break
    return out
