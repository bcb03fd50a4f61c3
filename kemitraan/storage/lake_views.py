"""Reading the lake: the DuckDB views (latest value per key over the healthy live batches), the app's
materialised tables and the row-by-row comparison of an upload with what is stored.

A mixin of :class:`~kemitraan.storage.store.Store`: the views read the Parquet files the lake's catalog lists for
the healthy live batches.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from kemitraan import contract
from kemitraan.storage import analysis_table, batch_check, engine, lake_fs, lake_io, materialised, rollup
from kemitraan.storage.lake_io import select_cast, sql_str

#: An upload with at most this many distinct first-key values (partnership codes) names them to the stored rows it
#: is compared with (:meth:`LakeViews.classify`); a larger one joins with every stored row.
CLASSIFY_LITERALS = 5000
ROW_BATCH_VIEW = "_batch_of_"  # + kind: which batch each row of a view comes from (see Store.row_batch_sql)
# The ``batches`` view: one row per batch, live and undone.
BATCH_COLUMNS = {
    "batch_id": "VARCHAR",
    "seq": "INTEGER",
    "file": "VARCHAR",
    "sha256": "VARCHAR",
    "kind": "VARCHAR",
    "rows": "BIGINT",
    "rows_added": "BIGINT",
    "rows_replaced": "BIGINT",
    "rows_unchanged": "BIGINT",
    "rows_invalid": "BIGINT",
    "user": "VARCHAR",
    "created_at": "TIMESTAMPTZ",
    "undone": "BOOLEAN",
    "undone_at": "TIMESTAMPTZ",
    "undone_by": "VARCHAR",
    "damaged": "VARCHAR",
}


class LakeViews:
    def kind_glob(self, kind: str) -> str:
        """Every batch's files of ``kind``, undone and damaged ones included: prefer :meth:`live_files`."""
        return lake_fs.join(self.lake, "main", kind, "_batch=*", "*.parquet")

    def live_files(self, kind: str, healthy: list[batch_check.Inspection] | None = None) -> list[str]:
        """The Parquet files of ``kind`` the views read: those of every live batch that is not damaged."""
        healthy = self.healthy_live() if healthy is None else healthy
        return [f.path for i in healthy for f in i.files if f.kind == kind]

    def rows_sql(self, kind: str, healthy: list[batch_check.Inspection] | None) -> str:
        """The rows of ``kind`` in the healthy live batches' files, as one relation (typed even with no file).

        The views read the Parquet files the catalog lists (rows are never deleted nor rewritten in the lake, so
        a batch's files are its rows): no extension to load, and a damaged batch's files are simply not read.
        """
        files = [str(p) for p in self.live_files(kind, healthy)]
        empty = f"SELECT {', '.join(f'CAST(NULL AS {t}) AS {c}' for c, t in engine.kind_columns(kind))} LIMIT 0"
        if not files:
            return f"({empty})"
        listed = ", ".join(sql_str(f) for f in files)
        return f"(({empty}) UNION ALL BY NAME (SELECT * FROM read_parquet([{listed}], union_by_name = true)))"

    def view_sql(
        self,
        kind: str,
        *,
        single_batch: bool = False,
        source: str | None = None,
        healthy: list[batch_check.Inspection] | None = None,
        map_areas: bool = True,
    ) -> str:
        """Latest row per key over the live batches (damaged ones set aside): the Parquet files the catalog lists.

        ``single_batch``: the caller knows at most one live batch holds rows of
        this kind, so keys are already unique (ingest refuses duplicate keys in
        a batch) and the window can be skipped: 10 M rows materialise in a
        fraction of the time. ``source``: a relation to read instead of the
        files (the console registers Arrow datasets over :meth:`live_files`).
        ``map_areas``: partnerships stored before kabupaten/kota were matched (no ``kabupaten_kode``) get the
        code and canonical name of the area their name matches (:meth:`area_mapping`); the files stay as
        uploaded, so the mapping is made again on every open, and a name that matches nothing stays as it is.
        """
        cols = ", ".join(contract.stored_columns(kind))
        keys = ", ".join(contract.KEYS[kind])
        src = f"{source or self.rows_sql(kind, healthy)} WHERE _seq IS NOT NULL"
        if single_batch:
            sql = f"SELECT {cols} FROM {src}"
        else:
            sql = f"SELECT {cols} FROM {src} QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY _seq DESC) = 1"
        if kind == "kemitraan" and map_areas:
            return self._mapped_areas_sql(sql, healthy)
        return sql

    def area_mapping(self, healthy: list[batch_check.Inspection] | None = None) -> pd.DataFrame:
        """Each (province, kabupaten/kota name) of the live partnership rows stored without a Kemendagri code,
        with what :func:`contract.match_area` makes of it: ``status`` (ok, ambiguous, unknown, other_province),
        ``kabupaten_kode`` and ``nama`` when ok, ``kandidat`` (codes to suggest) otherwise. Rows uploaded since
        kabupaten/kota are matched carry their code and are not listed.

        Remembered for the set of healthy live batches it was read over: every view of the kemitraan rows asks."""
        healthy = self.healthy_live() if healthy is None else healthy
        key = (self.per, tuple(sorted((i.batch_id, str(i.manifest.get("uid"))) for i in healthy)))
        memo = self.__dict__.get("_area_memo")
        if memo is not None and memo[0] == key:
            return memo[1].copy()
        found = self._read_area_mapping(healthy)
        self._area_memo = (key, found)
        return found.copy()

    def _read_area_mapping(self, healthy: list[batch_check.Inspection]) -> pd.DataFrame:
        con = self.duckdb_connection()
        try:
            # rows_sql: typed even over no file, or over files written before the lake had kabupaten_kode
            pairs = con.execute(
                "SELECT provinsi_kode, kabupaten_kota, count(DISTINCT kode_kemitraan) AS n "
                f"FROM {self.rows_sql('kemitraan', healthy)} WHERE _seq IS NOT NULL "
                "AND kabupaten_kode IS NULL AND kabupaten_kota IS NOT NULL GROUP BY ALL ORDER BY ALL"
            ).fetchall()
        finally:
            con.close()
        rows = []
        for prov, name, n in pairs:
            m = contract.match_area(name, prov)
            rows.append(
                {
                    "provinsi_kode": prov,
                    "kabupaten_kota": name,
                    "n": int(n),
                    "status": m.status,
                    "kabupaten_kode": m.kode,
                    "nama": contract.area_name(m.kode) if m.ok else None,
                    "kandidat": list(m.candidates),
                }
            )
        return pd.DataFrame(
            rows, columns=["provinsi_kode", "kabupaten_kota", "n", "status", "kabupaten_kode", "nama", "kandidat"]
        )

    def _mapped_areas_sql(self, sql: str, healthy: list[batch_check.Inspection] | None) -> str:
        """``sql`` (the latest partnership rows) with the names of :meth:`area_mapping` replaced by their area."""
        found = self.area_mapping(healthy)
        found = found[found["status"] == "ok"]
        if found.empty:
            return sql
        # The stored names are user text: literals escaped by sql_str, as the file paths are.
        values = ", ".join(
            f"({'NULL' if p is None else sql_str(p)}, {sql_str(n)}, {sql_str(k)}, {sql_str(nama)})"
            for p, n, k, nama in found[["provinsi_kode", "kabupaten_kota", "kabupaten_kode", "nama"]].itertuples(
                index=False
            )
        )
        cols = []
        for c in contract.stored_columns("kemitraan"):
            if c == "kabupaten_kota":
                cols.append(
                    "CASE WHEN v.kabupaten_kode IS NULL AND _a.kode IS NOT NULL THEN _a.nama "
                    "ELSE v.kabupaten_kota END AS kabupaten_kota"
                )
            elif c == "kabupaten_kode":
                cols.append("coalesce(v.kabupaten_kode, _a.kode) AS kabupaten_kode")
            else:
                cols.append(f"v.{c}")
        return (
            f"SELECT {', '.join(cols)} FROM ({sql}) v LEFT JOIN (VALUES {values}) _a(provinsi_kode, asli, kode, nama) "
            "ON _a.provinsi_kode IS NOT DISTINCT FROM v.provinsi_kode AND _a.asli = v.kabupaten_kota"
        )

    def row_batch_sql(self, kind: str, *, healthy: list[batch_check.Inspection] | None = None) -> str:
        """The key columns of every row the view ``kind`` shows, with the batch it comes from (``_batch``).

        The views drop the batch id; this keeps it for the few questions that need it (which batch holds
        an orphan row). Connections expose it as the view ``_batch_of_<kind>``, never materialised.
        """
        keys = ", ".join(contract.KEYS[kind])
        names = (*contract.KEYS[kind], "kode_kemitraan") if kind in contract.PARTNERSHIP_KINDS else contract.KEYS[kind]
        cols = ", ".join(dict.fromkeys(names))
        return (
            f"SELECT {cols}, _batch FROM {self.rows_sql(kind, healthy)} WHERE _seq IS NOT NULL "
            f"QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY _seq DESC) = 1"
        )

    def held_by_one(self, kind: str, healthy: list[batch_check.Inspection] | None = None) -> bool:
        """Whether at most one healthy live batch holds rows of ``kind`` (its view may skip the window)."""
        healthy = self.healthy_live() if healthy is None else healthy
        return self._batches_holding(healthy).get(kind, 0) <= 1

    def arrow_source(
        self, kind: str, healthy: list[batch_check.Inspection] | None = None
    ) -> tuple[list[str], object | None]:
        """:meth:`live_files` as pyarrow takes them, with their filesystem (None: the local disk)."""
        return lake_fs.arrow_paths([str(p) for p in self.live_files(kind, healthy)])

    def duckdb_connection(self, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
        """A new DuckDB connection (in memory, or on a database file) that can read this store's files (on S3:
        httpfs and the secret, :func:`engine.enable_files`)."""
        con = lake_io.duckdb_connect(database)
        try:
            engine.enable_files(con, self.root)
        except BaseException:
            con.close()
            raise
        return con

    def batches_frame(self) -> pd.DataFrame:
        """Every batch as a frame of plain values (the ``batches`` view casts them: :meth:`batches_select`)."""
        rows = []
        for m in self.batches():
            row = {c: m.get(c) for c in BATCH_COLUMNS}
            row["damaged"] = (m.get("damaged") or {}).get("reason")
            rows.append(row)
        return pd.DataFrame(rows, columns=list(BATCH_COLUMNS), dtype=object)

    @staticmethod
    def batches_select(source: str) -> str:
        return (
            "SELECT " + ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' for c, t in BATCH_COLUMNS.items()) + f" FROM {source}"
        )

    @staticmethod
    def _batches_holding(healthy: list[batch_check.Inspection]) -> dict[str, int]:
        """How many live batches hold rows of each kind (from the manifests already read)."""
        n = dict.fromkeys(contract.KINDS, 0)
        for i in healthy:
            for kind, rows in (i.manifest.get("rows_by_kind") or {}).items():  # from the batches table
                n[kind] = n.get(kind, 0) + (1 if rows else 0)
        return n

    def connect(
        self,
        *,
        materialize: bool = False,
        database: str = ":memory:",
        healthy: list[batch_check.Inspection] | None = None,
    ) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB connection with the views ``kemitraan``, ``indikator``, ``survei``, ``batches``.

        With ``materialize`` the latest-per-key rows are computed once into tables
        (for the app, which rebuilds its connection when :meth:`version` changes);
        without, every query reads the files of the batches live when it was made.
        Damaged batches are left out. A file whose footer reads but whose data does
        not is found while materialising, set aside as damaged, and the rest served.
        ``database``: a DuckDB file to materialise into (:mod:`analysis_cache` builds its bases so);
        ``healthy``: the batches to read, when the caller has listed them already.
        """
        healthy = self.healthy_live() if healthy is None else healthy
        con = self.duckdb_connection(database)
        try:
            # A kind held by one live batch has unique keys (ingest refuses duplicates in a batch): its view skips
            # the latest-per-key window, which over ten million rows costs seconds per query on a view.
            holding = self._batches_holding(healthy)
            for kind in contract.KINDS:  # kemitraan first: the indicator rows copy its attributes
                sql = self.view_sql(kind, single_batch=holding[kind] <= 1, healthy=healthy)
                if materialize:
                    # Tables sorted for DuckDB's zone maps, with their views; indikator with its analysis table and
                    # rollups (storage/materialised.py owns them all).
                    materialised.add(con, kind, sql)
                elif kind == "indikator":  # with the per-row columns every analysis needs (storage/analysis_table.py)
                    analysis_table.add(con, source=sql)
                    rollup.add(con)
                else:
                    con.execute(f"CREATE VIEW {kind} AS {sql}")
        except duckdb.Error:
            con.close()
            if materialize and self._set_aside_undecodable(healthy):
                if database != ":memory:":
                    Path(database).unlink(missing_ok=True)
                return self.connect(materialize=True, database=database)  # each retry has one batch fewer
            raise
        self.add_batch_views(con, healthy)
        return con

    def add_batch_views(self, con: duckdb.DuckDBPyConnection, healthy: list[batch_check.Inspection]) -> None:
        """The ``batches`` table and the lazily read ``_batch_of_<kind>`` views, on any connection."""
        for kind in contract.KINDS:  # read lazily, only by the data-quality panel's orphan rows
            con.execute(f"CREATE VIEW {ROW_BATCH_VIEW}{kind} AS {self.row_batch_sql(kind, healthy=healthy)}")
        con.register("_batches_frame", self.batches_frame())
        con.execute(f"CREATE TABLE _batches AS {self.batches_select('_batches_frame')}")
        con.unregister("_batches_frame")
        con.execute("CREATE VIEW batches AS SELECT * FROM _batches")

    def partnership_batches(self, kode: str) -> pd.DataFrame:
        """The live batches that hold rows of one partnership: batch id, file, who, when, rows per kind.

        Reads the batch id kept in every row (the views drop it), newest batch last; damaged
        batches are set aside as everywhere else.
        """
        healthy = self.healthy_live()
        con = self.duckdb_connection()
        try:
            parts = " UNION ALL ".join(
                f"SELECT _batch, '{kind}' AS jenis, count(*) AS n FROM {self.rows_sql(kind, healthy)} "
                f"WHERE kode_kemitraan = $kode AND _seq IS NOT NULL GROUP BY _batch"
                for kind in contract.PARTNERSHIP_KINDS
            )
            counts = con.execute(
                f"""SELECT _batch AS batch_id,
                           sum(n) FILTER (WHERE jenis = 'kemitraan') AS baris_kemitraan,
                           sum(n) FILTER (WHERE jenis = 'indikator') AS baris_indikator,
                           sum(n) FILTER (WHERE jenis = 'survei') AS baris_survei
                    FROM ({parts}) GROUP BY _batch""",
                {"kode": kode},
            ).fetchdf()
        finally:
            con.close()
        info = {i.batch_id: i.manifest for i in healthy}
        counts["file"] = [info.get(b, {}).get("file") for b in counts["batch_id"]]
        counts["user"] = [info.get(b, {}).get("user") for b in counts["batch_id"]]
        counts["created_at"] = pd.to_datetime([info.get(b, {}).get("created_at") for b in counts["batch_id"]], utc=True)
        counts["_seq"] = [info.get(b, {}).get("seq", 0) for b in counts["batch_id"]]
        cols = ["batch_id", "file", "user", "created_at", "baris_kemitraan", "baris_indikator", "baris_survei"]
        return counts.sort_values("_seq")[cols].reset_index(drop=True)

    def _set_aside_undecodable(self, healthy: list[batch_check.Inspection]) -> bool:
        """Decode every file of the live batches; mark the ones that fail. True when one was found."""
        found = False
        for i in healthy:
            for f in i.files:
                error = batch_check.decode_error(f.path)
                if error is not None:
                    batch_check.mark_undecodable(f.path, error)
                    found = True
        return found

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
            same = " AND ".join(
                f"i.{c} IS NOT DISTINCT FROM CAST(c.{c} AS {t})" for c, t in contract.stored_schema(kind)
            )
            stored = kind
            firsts = [
                v
                for (v,) in con.execute(
                    f"SELECT DISTINCT {keys[0]} FROM (SELECT {select_cast(kind)} FROM _incoming) "
                    f"WHERE {keys[0]} IS NOT NULL LIMIT {CLASSIFY_LITERALS + 1}"
                ).fetchall()
            ]
            if 0 < len(firsts) <= CLASSIFY_LITERALS:
                # The upload's first key values as literals (escaped): DuckDB pushes them through the view's
                # latest-per-key step into the file scan; the join alone reads every stored row (5 s at 10 M).
                listed = ", ".join(sql_str(v) for v in sorted(firsts))
                stored = f"(SELECT * FROM {kind} WHERE {keys[0]} IN ({listed}))"
            status = con.execute(
                f"SELECT i._pos, CASE WHEN c.{keys[0]} IS NULL THEN 'new' "
                f"WHEN {same} THEN 'unchanged' ELSE 'replaced' END AS _status "
                f"FROM (SELECT {select_cast(kind)}, _pos FROM _incoming) i LEFT JOIN {stored} c ON {join} "
                "ORDER BY i._pos"
            ).fetchdf()
            con.unregister("_incoming")
            return df.assign(_status=status["_status"].to_numpy())
        finally:
            if own:
                con.close()
