"""The Parquet lake: one immutable folder per batch, DuckDB views over the live ones.

Layout under ``$KEMITRAAN_DATA_DIR`` (default ``data/``)::

    lake/batch=<id>/{kemitraan,indikator,survei}.parquet + manifest.json   live batches
    lake/batch=_empty/...                     empty files with the schema, so views always bind
    lake/_undone/batch=<id>/...               undone batches, kept for history
    lake/.tmp-<uuid>/                         a batch being written (never read)
    lake/_log/events.jsonl                    commit and undo events, append-only
    .write.lock                               one writer at a time (readers never lock)

A batch is written into a temporary folder and renamed into place in one step,
so a reader sees all of it or none of it, and a crash leaves only a temporary
folder that the next writer removes. Undo is one more rename, into ``_undone``.
The views pick the latest value per key by the batch's sequence number, which
is stored in every row (``_seq``) because it never changes once written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import getpass
import hashlib
import json
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from kemitraan import contract

EMPTY_BATCH = "_empty"
_BATCH_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")


def default_data_dir() -> Path:
    env = os.environ.get("KEMITRAAN_DATA_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "data"


class StoreError(Exception):
    """A store operation that cannot be done (unknown batch, duplicate id, …)."""


def _sql_str(path: Path | str) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _select_cast(kind: str) -> str:
    return ", ".join(f"CAST({n} AS {t}) AS {n}" for n, t in contract.stored_schema(kind))


def _schema_fingerprint() -> str:
    """Changes whenever a stored column is added, removed or retyped."""
    text = json.dumps({k: contract.stored_schema(k) for k in contract.KINDS})
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def current_user() -> str:
    try:
        return os.environ.get("KEMITRAAN_USER") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


@dataclass
class BatchWriter:
    """Handed out by :meth:`Store.new_batch`: write each kind once, then it commits."""

    store: Store
    batch_id: str
    seq: int
    tmp: Path
    con: duckdb.DuckDBPyConnection
    rows: dict[str, int]

    def _copy(self, kind: str, source_sql: str, params: list | None = None) -> None:
        if kind in self.rows:
            raise StoreError(f"{kind} already written in batch {self.batch_id}")
        target = self.tmp / f"{kind}.parquet"
        self.con.execute(
            f"COPY (SELECT {_select_cast(kind)}, CAST(? AS INTEGER) AS _seq, CAST(? AS VARCHAR) AS _batch "
            f"FROM ({source_sql})) TO {_sql_str(target)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 262144)",
            [self.seq, self.batch_id, *(params or [])],
        )
        keys = ", ".join(contract.KEYS[kind])
        src = f"read_parquet({_sql_str(target)})"
        # The views rely on one row per key within a batch. Counting distinct key
        # hashes is fast; only when it disagrees is the exact (slower) count taken.
        total, distinct = self.con.execute(f"SELECT count(*), count(DISTINCT hash({keys})) FROM {src}").fetchall()[0]
        if total != distinct:
            distinct = self.con.execute(f"SELECT count(DISTINCT ({keys})) FROM {src}").fetchall()[0][0]
        if total != distinct:
            raise StoreError(f"{kind}: {total - distinct} duplicate key(s) ({keys}) in batch {self.batch_id}")
        self.rows[kind] = total

    def write_df(self, kind: str, df: pd.DataFrame) -> None:
        """Write a frame holding (at least) the stored columns of ``kind``.

        An optional input column the frame lacks is written empty (NULL), as the views show it for
        batches written before the contract had it; any other missing column is an error.
        """
        optional = {c.name for c in contract.input_columns(kind) if not c.required}
        missing = [c for c in contract.stored_columns(kind) if c not in df.columns]
        if [c for c in missing if c not in optional]:
            raise StoreError(f"{kind}: missing columns {missing}")
        if missing:
            df = df.assign(**dict.fromkeys(missing))
        name = f"_df_{kind}"
        self.con.register(name, df)
        try:
            self._copy(kind, f"SELECT * FROM {name}")
        finally:
            self.con.unregister(name)

    def write_query(self, kind: str, sql: str, params: list | None = None) -> None:
        """Write the result of a query on this writer's connection (for generated data)."""
        self._copy(kind, sql, params)


class Store:
    def __init__(self, data_dir: Path | str | None = None):
        self.root = Path(data_dir) if data_dir is not None else default_data_dir()
        self.lake = self.root / "lake"
        self.undone_dir = self.lake / "_undone"
        self.log_dir = self.lake / "_log"
        self._ensure_layout()

    # ---------------------------------------------------------------- layout

    def _ensure_layout(self) -> None:
        for d in (self.lake, self.undone_dir, self.log_dir):
            d.mkdir(parents=True, exist_ok=True)
        if not self._anchor_current(self.lake) or not self._anchor_current(self.undone_dir):
            with self._lock(blocking=True):
                self._write_empty_anchor()
        self.clean_temporary()

    @staticmethod
    def _anchor_current(parent: Path) -> bool:
        """The empty anchor exists and holds today's stored schema.

        A lake written before the contract gained a column (e.g. ``penyebut``) gets a new
        anchor, so the views bind that column (NULL in the older batches) instead of failing.
        """
        m = parent / f"batch={EMPTY_BATCH}" / "manifest.json"
        if not m.exists():
            return False
        try:
            return json.loads(m.read_text(encoding="utf-8")).get("schema") == _schema_fingerprint()
        except ValueError:
            return False

    def _write_empty_anchor(self) -> None:
        """Empty files with the full schema so every view binds even with no batch."""
        for parent in (self.lake, self.undone_dir):
            final = parent / f"batch={EMPTY_BATCH}"
            if self._anchor_current(parent):
                continue
            tmp = self.lake / f".tmp-{uuid.uuid4().hex}"
            tmp.mkdir()
            con = duckdb.connect()
            for kind in contract.KINDS:
                cols = ", ".join(f"CAST(NULL AS {t}) AS {n}" for n, t in contract.stored_schema(kind))
                con.execute(
                    f"COPY (SELECT {cols}, CAST(NULL AS INTEGER) AS _seq, CAST(NULL AS VARCHAR) AS _batch LIMIT 0) "
                    f"TO {_sql_str(tmp / f'{kind}.parquet')} (FORMAT parquet)"
                )
            con.close()
            anchor = {**self._manifest_template(EMPTY_BATCH, 0), "schema": _schema_fingerprint()}
            (tmp / "manifest.json").write_text(json.dumps(anchor))
            if final.exists():
                shutil.rmtree(final)
            os.rename(tmp, final)

    @staticmethod
    def _manifest_template(batch_id: str, seq: int) -> dict:
        return {
            "batch_id": batch_id,
            "seq": seq,
            "file": None,
            "sha256": None,
            "kind": None,
            "kinds": [],
            "rows": 0,
            "rows_by_kind": {},
            "rows_added": 0,
            "rows_replaced": 0,
            "rows_unchanged": 0,
            "rows_invalid": 0,
            "user": None,
            "created_at": None,
            "undone": False,
            "undone_at": None,
            "undone_by": None,
            "note": None,
        }

    @contextlib.contextmanager
    def _lock(self, blocking: bool = True) -> Iterator[bool]:
        self.root.mkdir(parents=True, exist_ok=True)
        fh = open(self.root / ".write.lock", "a+")
        try:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
        finally:
            fh.close()

    def clean_temporary(self) -> int:
        """Remove folders left by a writer that crashed. Skipped while a writer is active."""
        removed = 0
        with self._lock(blocking=False) as got:
            if not got:
                return 0
            for p in self.lake.glob(".tmp-*"):
                shutil.rmtree(p, ignore_errors=True)
                removed += 1
        return removed

    # ---------------------------------------------------------------- batches

    def _live_dirs(self) -> list[Path]:
        return sorted(p for p in self.lake.glob("batch=*") if p.name != f"batch={EMPTY_BATCH}")

    def _manifests(self) -> list[tuple[Path, dict]]:
        out = []
        for parent in (self.lake, self.undone_dir):
            for d in parent.glob("batch=*"):
                if d.name == f"batch={EMPTY_BATCH}":
                    continue
                m = d / "manifest.json"
                if m.exists():
                    out.append((d, json.loads(m.read_text(encoding="utf-8"))))
        out.sort(key=lambda x: x[1]["seq"])
        return out

    def batches(self) -> list[dict]:
        """Every batch ever committed, oldest first, live and undone."""
        return [m for _, m in self._manifests()]

    def batch(self, batch_id: str) -> dict:
        for _, m in self._manifests():
            if m["batch_id"] == batch_id:
                return m
        raise StoreError(f"batch {batch_id!r} not found")

    def version(self) -> tuple[str, ...]:
        """Changes whenever the set of live batches changes: a cache key for readers."""
        return tuple(p.name for p in self._live_dirs())

    def is_empty(self) -> bool:
        return not self._live_dirs()

    def _next_seq(self) -> int:
        return max((m["seq"] for _, m in self._manifests()), default=0) + 1

    @contextlib.contextmanager
    def new_batch(
        self,
        batch_id: str | None = None,
        *,
        file: str | None = None,
        sha256: str | None = None,
        user: str | None = None,
        counts: dict | None = None,
        note: str | None = None,
    ) -> Iterator[BatchWriter]:
        """Write a batch atomically: nothing is visible until the block ends without error."""
        with self._lock(blocking=True):
            seq = self._next_seq()
            batch_id = batch_id or f"{dt.datetime.now():%Y%m%d-%H%M%S}-{seq:05d}"
            if not _BATCH_ID.match(batch_id) or batch_id == EMPTY_BATCH:
                raise StoreError(f"invalid batch id {batch_id!r}")
            if any(m["batch_id"] == batch_id for _, m in self._manifests()):
                raise StoreError(f"batch {batch_id!r} already exists")
            tmp = self.lake / f".tmp-{uuid.uuid4().hex}"
            tmp.mkdir()
            con = duckdb.connect()
            writer = BatchWriter(self, batch_id, seq, tmp, con, {})
            try:
                yield writer
                for kind in contract.KINDS:
                    if kind not in writer.rows:
                        writer.write_df(kind, pd.DataFrame({c: pd.Series(dtype=object) for c in contract.stored_columns(kind)}))
                written = {k: v for k, v in writer.rows.items() if v}
                manifest = self._manifest_template(batch_id, seq)
                manifest.update(
                    file=file,
                    sha256=sha256,
                    kinds=sorted(written, key=contract.KINDS.index),
                    kind=",".join(sorted(written, key=contract.KINDS.index)) or None,
                    rows=sum(written.values()),
                    rows_by_kind=written,
                    rows_added=sum(written.values()),
                    user=user or current_user(),
                    created_at=_now(),
                    note=note,
                )
                manifest.update(counts or {})
                (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
                con.close()
                os.rename(tmp, self.lake / f"batch={batch_id}")
                self._log({"event": "commit", **manifest})
            except BaseException:
                con.close()
                shutil.rmtree(tmp, ignore_errors=True)
                raise

    def undo(self, batch_id: str, user: str | None = None) -> dict:
        """Take a batch out of the views; it is kept under ``_undone`` and the undo is logged."""
        with self._lock(blocking=True):
            src = self.lake / f"batch={batch_id}"
            if batch_id == EMPTY_BATCH or not src.is_dir():
                if (self.undone_dir / f"batch={batch_id}").is_dir():
                    raise StoreError(f"batch {batch_id!r} is already undone")
                raise StoreError(f"batch {batch_id!r} not found")
            dst = self.undone_dir / f"batch={batch_id}"
            os.rename(src, dst)
            manifest = json.loads((dst / "manifest.json").read_text(encoding="utf-8"))
            manifest.update(undone=True, undone_at=_now(), undone_by=user or current_user())
            tmp = dst / "manifest.json.tmp"
            tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, dst / "manifest.json")
            self._log({"event": "undo", "batch_id": batch_id, "user": manifest["undone_by"], "at": manifest["undone_at"]})
            return manifest

    def _log(self, event: dict) -> None:
        with open(self.log_dir / "events.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(event, ensure_ascii=False) + "\n")

    def events(self) -> list[dict]:
        p = self.log_dir / "events.jsonl"
        if not p.exists():
            return []
        return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]

    # ---------------------------------------------------------------- reading

    def kind_glob(self, kind: str) -> Path:
        return self.lake / "batch=*" / f"{kind}.parquet"

    def view_sql(self, kind: str, *, single_batch: bool = False) -> str:
        """Latest row per key over the live batches.

        ``single_batch``: the caller knows at most one live batch holds rows of
        this kind, so keys are already unique (ingest refuses duplicate keys in
        a batch) and the window can be skipped: 10 M rows materialise in a
        fraction of the time.
        """
        cols = ", ".join(contract.stored_columns(kind))
        keys = ", ".join(contract.KEYS[kind])
        src = f"read_parquet({_sql_str(self.kind_glob(kind))}, union_by_name = true) WHERE _seq IS NOT NULL"
        if single_batch:
            return f"SELECT {cols} FROM {src}"
        return f"SELECT {cols} FROM {src} QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY _seq DESC) = 1"

    def _batches_holding(self) -> dict[str, int]:
        """How many live batches hold rows of each kind (one read of the manifests)."""
        n = dict.fromkeys(contract.KINDS, 0)
        for d in self._live_dirs():
            m = d / "manifest.json"
            if m.exists():
                for kind, rows in json.loads(m.read_text(encoding="utf-8")).get("rows_by_kind", {}).items():
                    n[kind] = n.get(kind, 0) + (1 if rows else 0)
        return n

    def connect(self, *, materialize: bool = False) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB connection with the views ``kemitraan``, ``indikator``, ``survei``, ``batches``.

        With ``materialize`` the latest-per-key rows are computed once into tables
        (for the app, which rebuilds its connection when :meth:`version` changes);
        without, every query reads the lake as it is at that moment.
        """
        con = duckdb.connect()
        holding = self._batches_holding() if materialize else {}
        for kind in contract.KINDS:
            if materialize:
                # Sorted by the column most queries filter on, so DuckDB's zone maps skip row groups.
                order = "kode_indikator, kode_kemitraan, periode_mulai" if kind == "indikator" else "kode_kemitraan"
                sql = self.view_sql(kind, single_batch=holding[kind] <= 1)
                con.execute(f"CREATE TABLE _cur_{kind} AS {sql} ORDER BY {order}")
                con.execute(f"CREATE VIEW {kind} AS SELECT * FROM _cur_{kind}")
            else:
                con.execute(f"CREATE VIEW {kind} AS {self.view_sql(kind)}")
        live = _sql_str(self.lake / "batch=*" / "manifest.json")
        undone = _sql_str(self.undone_dir / "batch=*" / "manifest.json")
        con.execute(
            "CREATE VIEW batches AS SELECT batch_id, seq, file, sha256, kind, rows, rows_added, rows_replaced, "
            "rows_unchanged, rows_invalid, \"user\", CAST(created_at AS TIMESTAMPTZ) AS created_at, undone, "
            "CAST(undone_at AS TIMESTAMPTZ) AS undone_at, undone_by "
            f"FROM read_json([{live}, {undone}], union_by_name = true, "
            "columns = {batch_id: 'VARCHAR', seq: 'INTEGER', file: 'VARCHAR', sha256: 'VARCHAR', kind: 'VARCHAR', "
            "rows: 'BIGINT', rows_added: 'BIGINT', rows_replaced: 'BIGINT', rows_unchanged: 'BIGINT', "
            "rows_invalid: 'BIGINT', \"user\": 'VARCHAR', created_at: 'VARCHAR', undone: 'BOOLEAN', "
            "undone_at: 'VARCHAR', undone_by: 'VARCHAR'}) "
            f"WHERE batch_id <> '{EMPTY_BATCH}'"
        )
        return con

    # ---------------------------------------------------------------- comparing

    def classify(self, kind: str, df: pd.DataFrame, con: duckdb.DuckDBPyConnection | None = None) -> pd.DataFrame:
        """Tag each row of a normalised frame: ``new``, ``replaced`` (key stored with another value) or ``unchanged``.

        Returns ``df`` with a ``_status`` column, in the original order.
        """
        own = con is None
        con = con or self.connect()
        try:
            keys = contract.KEYS[kind]
            con.register("_incoming", df.assign(_pos=range(len(df))))
            join = " AND ".join(f"i.{k} = c.{k}" for k in keys)
            same = " AND ".join(f"i.{c} IS NOT DISTINCT FROM CAST(c.{c} AS {t})" for c, t in contract.stored_schema(kind))
            status = con.execute(
                f"SELECT i._pos, CASE WHEN c.{keys[0]} IS NULL THEN 'new' "
                f"WHEN {same} THEN 'unchanged' ELSE 'replaced' END AS _status "
                f"FROM (SELECT {_select_cast(kind)}, _pos FROM _incoming) i LEFT JOIN {kind} c ON {join} ORDER BY i._pos"
            ).fetchdf()
            con.unregister("_incoming")
            return df.assign(_status=status["_status"].to_numpy())
        finally:
            if own:
                con.close()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
