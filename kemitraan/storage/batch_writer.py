"""The writer :meth:`Store.new_batch` hands out: each kind staged once (in memory, keys checked unique),
then inserted into the lake by the commit's one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from kemitraan import contract
from kemitraan.storage import engine
from kemitraan.storage.lake_io import StoreError, select_cast

if TYPE_CHECKING:
    from kemitraan.storage.store import Store


@dataclass
class BatchWriter:
    """Handed out by :meth:`Store.new_batch`: write each kind once, then it commits."""

    store: Store
    batch_id: str
    seq: int
    con: duckdb.DuckDBPyConnection
    rows: dict[str, int]

    @staticmethod
    def staged(kind: str) -> str:
        return f"temp._stage_{kind}"

    def drop_staged(self) -> None:
        for kind in contract.KINDS:
            self.con.execute(f"DROP TABLE IF EXISTS {self.staged(kind)}")

    def _copy(self, kind: str, source_sql: str, params: list | None = None, rows: int | None = None) -> None:
        if kind in self.rows:
            raise StoreError(f"{kind} already written in batch {self.batch_id}")
        target = self.staged(kind)
        with engine.all_threads(self.con, rows):
            self.con.execute(
                f"CREATE OR REPLACE TEMP TABLE _stage_{kind} AS SELECT {select_cast(kind)}, "
                f"CAST(? AS INTEGER) AS _seq, CAST(? AS VARCHAR) AS _batch FROM ({source_sql})",
                [self.seq, self.batch_id, *(params or [])],
            )
            keys = ", ".join(contract.KEYS[kind])
            # The views rely on one row per key within a batch. Counting distinct key
            # hashes is fast; only when it disagrees is the exact (slower) count taken.
            total, distinct = self.con.execute(
                f"SELECT count(*), count(DISTINCT hash({keys})) FROM {target}"
            ).fetchall()[0]
            if total != distinct:
                distinct = self.con.execute(f"SELECT count(DISTINCT ({keys})) FROM {target}").fetchall()[0][0]
        if total != distinct:
            self.con.execute(f"DROP TABLE {target}")
            raise StoreError(f"{kind}: {total - distinct} duplicate key(s) ({keys}) in batch {self.batch_id}")
        self.rows[kind] = total

    def write_df(self, kind: str, df: pd.DataFrame) -> None:
        """Write a frame holding (at least) the stored columns of ``kind``.

        An optional input column the frame lacks is written empty (NULL), as the views show it for
        batches written before the contract had it (``penyebut``, ``tanggal_lapor``, ``kabupaten_kode``); any other
        missing column — a required or a derived one — is an error.
        """
        optional = {c.name for c in contract.input_columns(kind) if not c.required}
        # kabupaten_kode is derived from an optional column: a frame without it (a writer from before the
        # matching) is stored as the views read older batches, its names mapped on open (lake_views.view_sql).
        optional |= {"kabupaten_kode"} & set(contract.stored_columns(kind))
        missing = [c for c in contract.stored_columns(kind) if c not in df.columns]
        if [c for c in missing if c not in optional]:
            raise StoreError(f"{kind}: missing columns {missing}")
        if missing:
            df = df.assign(**dict.fromkeys(missing))
        name = f"_df_{kind}"
        self.con.register(name, df)
        try:
            self._copy(kind, f"SELECT * FROM {name}", rows=len(df))
        finally:
            self.con.unregister(name)

    def write_query(self, kind: str, sql: str, params: list | None = None) -> None:
        """Write the result of a query on this writer's connection (for generated data)."""
        self._copy(kind, sql, params)
