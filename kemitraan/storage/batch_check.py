"""Is a batch whole? A cheap check on every open, the full checksum on demand.

Every batch's ``manifest.json`` records, per file it holds, the size and the
sha256 (``"files": {"kemitraan.parquet": {"size": …, "sha256": …}, …}``) and
the rows per kind. A batch is *damaged* when:

- ``manifest_missing`` / ``manifest_invalid``: no manifest, or one that is not
  the JSON object written at commit (truncated, edited, another batch's);
- ``file_missing``: a file the manifest lists is gone;
- ``size_mismatch``: a file's size differs from the one recorded;
- ``unreadable``: the Parquet footer cannot be read (truncated or overwritten);
- ``rows_mismatch``: the footer's row count differs from the manifest's;
- ``checksum_mismatch``: the sha256 differs (found by :func:`inspect` with
  ``full=True``, i.e. ``python -m kemitraan check``, and remembered).

The cheap check reads only manifests and Parquet footers, and its results are
cached by (path, size, mtime), so a page load costs a few ``stat`` calls per
batch. Reading every byte for the sha256 is left to ``check`` (and commit, which
records it); a mismatch that ``check`` finds is remembered in
``lake/_log/checks.json``, keyed by the file's size and mtime, so every process
sets the batch aside until the file changes again.

The same checks run over object storage: every function that reads takes ``files``
(:mod:`kemitraan.storage.objects`), the local disk by default. There a *stat* comes from one
listing of the lake and its change token is the object's ETag, so the caches work alike.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from kemitraan import contract
from kemitraan.i18n import t
from kemitraan.storage.objects import LOCAL

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
CHECKS_FILE = "checks.json"
REASONS = ("manifest_missing", "manifest_invalid", "file_missing", "size_mismatch", "unreadable", "rows_mismatch",
           "checksum_mismatch")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Damage:
    """Why one batch is set aside, in words a page or the command line can show."""

    batch_id: str
    folder: str  # relative to the lake: "batch=<id>" or "_undone/batch=<id>"
    reason: str  # one of REASONS
    file: str | None = None
    detail: str = ""
    undone: bool = False

    def message(self, lang: str = "id") -> str:
        """What is wrong and what to do, e.g. for a warning on every page."""
        what = t(f"store.damage.{self.reason}", lang, batch_id=self.batch_id, file=self.file or MANIFEST,
                 detail=self.detail)
        advice = t("store.damage.advice_undone" if self.undone else "store.damage.advice", lang,
                   batch_id=self.batch_id, folder=self.folder)
        return f"{what} {advice}"

    def to_dict(self) -> dict:
        return {"batch_id": self.batch_id, "folder": self.folder, "reason": self.reason, "file": self.file,
                "detail": self.detail, "undone": self.undone}

    @property
    def reference(self) -> str:
        """A short id for this damage, the same in every process and in ``check``: what a visitor quotes and an
        administrator searches the log for."""
        key = json.dumps([self.batch_id, self.folder, self.reason, self.file, self.detail], ensure_ascii=False)
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:8].upper()

    def notice(self, lang: str = "id") -> str:
        """What a visitor of the pages is told: which upload is set aside, why in a few words, and the reference;
        no file names, folders or error text (those are in the log and in ``check``, under the same reference)."""
        return t("store.damage.notice", lang, batch_id=self.batch_id, reason=t(f"history.damage.{self.reason}", lang),
                 ref=self.reference)


class _Unusable(Exception):
    def __init__(self, reason: str, file: str | None = None, detail: str = ""):
        super().__init__(f"{reason}: {file} {detail}")
        self.reason, self.file, self.detail = reason, file, detail


# --------------------------------------------------------------------------- caches, keyed by what a stat sees

_lock = threading.Lock()
_footers: dict[tuple, int | str] = {}  # (path, size, mtime_ns) -> rows, or the error text
_digests: dict[tuple, str] = {}  # (path, size, mtime_ns) -> sha256
_manifests: dict[tuple, dict | str] = {}  # (path, size, mtime_ns) -> manifest, or the error text
_CACHE_MAX = 20_000


def _key(path: Path, st: os.stat_result) -> tuple:
    return (str(path), st.st_size, st.st_mtime_ns)


def _remember(cache: dict, key: tuple, value) -> None:
    with _lock:
        if len(cache) >= _CACHE_MAX:
            cache.clear()
        cache[key] = value


def clear_caches() -> None:
    with _lock:
        _footers.clear()
        _digests.clear()
        _manifests.clear()
        _inspections.clear()


def file_entry(path: Path) -> dict:
    """``{"size": …, "sha256": …}`` of one file, for the manifest."""
    st = path.stat()
    return {"size": st.st_size, "sha256": sha256_file(path, st)}


def sha256_file(path: Path, st: os.stat_result | None = None, files=LOCAL) -> str:
    st = st or files.stat(str(path))
    k = _key(path, st)
    if k in _digests:
        return _digests[k]
    h = hashlib.sha256()
    with files.open(str(path), st) as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    digest = h.hexdigest()
    _remember(_digests, k, digest)
    return digest


def _footer_rows(path: Path, st: os.stat_result, files=LOCAL) -> int:
    k = _key(path, st)
    got = _footers.get(k)
    if got is None:
        try:
            got = files.parquet_rows(str(path), st)
        except Exception as exc:  # pyarrow raises several types for a broken footer
            got = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        _remember(_footers, k, got)
    if isinstance(got, str):
        raise _Unusable("unreadable", path.name, got)
    return got


def mark_undecodable(path: Path, detail: str, files=LOCAL) -> None:
    """A file whose footer reads but whose data does not (found by a reader): unreadable until it changes."""
    try:
        st = files.stat(str(path))
    except OSError:
        return
    if st is None:
        return
    _remember(_footers, _key(path, st), detail[:300] or "undecodable")
    with _lock:
        _inspections.clear()


def _cached_manifest(folder: Path | str, files=LOCAL) -> tuple[tuple | None, dict | str | None]:
    """(stat key, manifest or error text); (None, None) when there is no manifest. Shared: do not modify."""
    p = os.path.join(folder, MANIFEST)
    st = files.stat(p)
    if st is None:
        return None, None
    k = (p, st.st_size, st.st_mtime_ns)
    got = _manifests.get(k)
    if got is None:
        name = os.path.basename(folder)
        try:
            got = json.loads(files.read_bytes(p).decode("utf-8"))
            if not isinstance(got, dict):
                got = "not a JSON object"
            elif not isinstance(got.get("batch_id"), str) or not isinstance(got.get("seq"), int):
                got = "batch_id or seq missing"
            elif name != f"batch={got['batch_id']}":
                got = f"batch_id {got['batch_id']!r} does not match the folder {name!r}"
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            got = str(exc).splitlines()[0][:300]
        _remember(_manifests, k, got)
    return k, got


def read_manifest(folder: Path, files=LOCAL) -> dict:
    """The manifest of a batch folder (a copy); raises :class:`_Unusable` when missing or not what commit writes."""
    _, got = _cached_manifest(folder, files)
    if got is None:
        raise _Unusable("manifest_missing")
    if isinstance(got, str):
        raise _Unusable("manifest_invalid", MANIFEST, got)
    return copy.deepcopy(got)  # the cached one must not change when a caller updates its copy


def try_read_manifest(folder: Path, files=LOCAL) -> dict | None:
    try:
        return read_manifest(folder, files)
    except _Unusable:
        return None


def expected_files(manifest: dict) -> dict[str, dict]:
    """File name -> recorded entry (size and sha256; empty for a batch written before checksums)."""
    files = manifest.get("files")
    if isinstance(files, dict) and files:
        return {str(name): (entry if isinstance(entry, dict) else {}) for name, entry in files.items()}
    return {f"{kind}.parquet": {} for kind in contract.KINDS}


# --------------------------------------------------------------------------- remembered checksum failures


@dataclass
class _Remembered:
    path: Path
    key: tuple | None = None
    entries: dict = field(default_factory=dict)


_remembered: dict[str, _Remembered] = {}


def _checks_path(lake: Path) -> Path:
    return lake / "_log" / CHECKS_FILE


def remembered_failures(lake: Path, files=LOCAL) -> dict:
    """``{relative file path: {"size", "mtime_ns", "reason", "detail"}}`` from the last full checks.

    (On object storage ``mtime_ns`` holds the object's ETag, what its stat calls by that name.)
    """
    p = _checks_path(lake)
    r = _remembered.setdefault(str(lake), _Remembered(p))
    st = files.stat(str(p))
    if st is None:
        r.key, r.entries = None, {}
        return {}
    k = _key(p, st)
    if r.key != k:
        try:
            data = json.loads(files.read_bytes(str(p)).decode("utf-8"))
            r.entries = data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            log.warning("ignoring unreadable %s", p)
            r.entries = {}
        r.key = k
    return r.entries


def _remembered_key(lake: Path) -> tuple | None:
    r = _remembered.get(str(lake))
    return r.key if r else None


def remember_failures(lake: Path, found: dict[str, dict], verified: set[str], files=LOCAL) -> None:
    """Record checksum failures (``found``) and forget files that now verify (``verified``).

    Locally, call under the write lock. On object storage the write is conditional on the
    file being what was read (its ETag): :class:`~kemitraan.storage.objects.Conflict` when another
    process wrote it meanwhile, and the caller reads again.
    """
    current = dict(remembered_failures(lake, files))
    token = (_remembered_key(lake) or (None, None, None))[2]
    changed = False
    for rel in verified:
        changed |= current.pop(rel, None) is not None
    for rel, entry in found.items():
        if current.get(rel) != entry:
            current[rel] = entry
            changed = True
    if not changed:
        return
    p = _checks_path(lake)
    if files is LOCAL:
        p.parent.mkdir(parents=True, exist_ok=True)
    files.replace(str(p), json.dumps(current, ensure_ascii=False, indent=1).encode("utf-8"), token)


# --------------------------------------------------------------------------- one batch


@dataclass
class Inspection:
    folder: Path
    batch_id: str
    undone: bool
    manifest: dict | None
    damage: Damage | None
    checksummed: bool = False  # the manifest records sha256s (batches written before it do not)
    failures: dict = field(default_factory=dict)  # found by a full check, to remember
    verified: set = field(default_factory=set)  # files whose sha256 matched


_inspections: dict[tuple, Inspection] = {}


def inspect(lake: Path, folder: Path | str, *, full: bool = False, remembered: dict | None = None,
            files=LOCAL) -> Inspection:
    """Check one batch folder: cheaply (manifest, sizes, footers, row counts), or ``full`` (sha256 too).

    The cheap result is cached by what ``stat`` sees of the manifest and every file
    (and of ``checks.json``): a page load costs four ``stat`` calls per batch. The
    returned inspection is shared: do not modify it (:func:`read_manifest` gives a copy).
    """
    folder_s = str(folder)
    mkey, manifest = _cached_manifest(folder_s, files)
    names = expected_files(manifest) if isinstance(manifest, dict) else {}
    stats = {name: files.stat(os.path.join(folder_s, name)) for name in names}
    remembered = remembered_failures(lake, files) if remembered is None else remembered
    sig = (folder_s, mkey, tuple((st.st_size, st.st_mtime_ns) if st else None for st in stats.values()),
           _remembered_key(lake))
    if not full:
        hit = _inspections.get(sig)
        if hit is not None:
            return hit
    out = _inspect(lake, type(lake)(folder_s), manifest, names, stats, remembered, full, files)
    if not full:
        _remember(_inspections, sig, out)
    return out


def _inspect(lake: Path, folder: Path, manifest: dict | str | None, names: dict, stats: dict, remembered: dict,
             full: bool, files=LOCAL) -> Inspection:
    undone = folder.parent.name == "_undone"
    rel_folder = str(folder.relative_to(lake))
    batch_id = folder.name.removeprefix("batch=")
    out = Inspection(folder, batch_id, undone, None, None)

    def damaged(exc: _Unusable) -> Inspection:
        out.damage = Damage(batch_id, rel_folder, exc.reason, exc.file, exc.detail, undone)
        return out

    if manifest is None:
        return damaged(_Unusable("manifest_missing"))
    if isinstance(manifest, str):
        return damaged(_Unusable("manifest_invalid", MANIFEST, manifest))
    out.manifest = manifest
    out.checksummed = "files" in manifest and all("sha256" in e for e in names.values())
    rows_by_kind = manifest.get("rows_by_kind") or {}
    first: _Unusable | None = None
    for name, entry in names.items():
        path, st = folder / name, stats[name]
        rel = f"{rel_folder}/{name}"
        try:
            if st is None:
                raise _Unusable("file_missing", name)
            if "size" in entry and st.st_size != entry["size"]:
                raise _Unusable("size_mismatch", name, f"{st.st_size} != {entry['size']}")
            rows = _footer_rows(path, st, files)
            kind = name.removesuffix(".parquet")
            if kind in contract.KINDS and "rows_by_kind" in manifest and rows != int(rows_by_kind.get(kind, 0)):
                raise _Unusable("rows_mismatch", name, f"{rows} != {rows_by_kind.get(kind, 0)}")
            seen = remembered.get(rel)
            if full and "sha256" in entry:
                digest = sha256_file(path, st, files)
                if digest != entry["sha256"]:
                    out.failures[rel] = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "reason": "checksum_mismatch",
                                         "detail": digest[:16]}
                    raise _Unusable("checksum_mismatch", name, digest[:16])
                out.verified.add(rel)
            elif seen and seen.get("size") == st.st_size and seen.get("mtime_ns") == st.st_mtime_ns:
                raise _Unusable(seen.get("reason", "checksum_mismatch"), name, str(seen.get("detail", "")))
        except _Unusable as exc:
            first = first or exc
            if not full:
                break
    if first is not None:
        return damaged(first)
    return out
