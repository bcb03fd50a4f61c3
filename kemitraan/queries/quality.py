"""Data quality: missing reports, values outside plausible ranges, partnerships that stopped reporting, orphan rows."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from kemitraan import contract
from kemitraan.methods.rules import STALE_MONTHS
from kemitraan.queries import _sql, indicators
from kemitraan.queries.filters import Filters
from kemitraan.storage import rollup
from kemitraan.storage.store import ROW_BATCH_VIEW

_TRUNC_OF_JENIS = "CASE {j} WHEN 'tahun' THEN 'year' WHEN 'triwulan' THEN 'quarter' ELSE 'month' END"
_STEP_OF_JENIS = (
    "CASE {j} WHEN 'tahun' THEN INTERVAL 1 YEAR WHEN 'triwulan' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 MONTH END"
)


def missing_reports(con, f: Filters) -> pd.DataFrame:
    """Per partnership: periods expected at its own reporting cadence vs periods reported.

    Expected periods run from the first to the last period any partnership reported in
    the filtered range, clipped to the partnership's start and end dates.
    Only partnerships with at least one missing period are returned, most missing first.
    """
    sql = f"""
    WITH k AS (SELECT * FROM kemitraan k WHERE {f.partnership_where("k")}),
    r AS (SELECT i.kode_kemitraan, i.periode_mulai, i.jenis_periode FROM {_sql.REPORTS} i JOIN k USING (kode_kemitraan)
          WHERE {f.period_where("i")} GROUP BY ALL),
    span AS (SELECT min(periode_mulai) AS lo, max(periode_mulai) AS hi FROM r),
    cad AS (SELECT kode_kemitraan, mode(jenis_periode) AS jenis FROM r GROUP BY 1),
    exp AS (
        SELECT k.kode_kemitraan, k.nama_kemitraan, k.kategori, cad.jenis, CAST(g.d AS DATE) AS periode_mulai
        FROM k JOIN cad USING (kode_kemitraan), span,
             generate_series(CAST(greatest(span.lo, date_trunc({_TRUNC_OF_JENIS.format(j="cad.jenis")}, k.tanggal_mulai))
                                  AS TIMESTAMP),
                             CAST(least(span.hi, coalesce(k.tanggal_selesai, span.hi)) AS TIMESTAMP),
                             {_STEP_OF_JENIS.format(j="cad.jenis")}) g(d)
    )
    SELECT e.kode_kemitraan, any_value(e.nama_kemitraan) AS nama_kemitraan, any_value(e.kategori) AS kategori,
           any_value(e.jenis) AS jenis_periode, count(*) AS n_diharapkan,
           count(r.periode_mulai) AS n_dilaporkan, count(*) - count(r.periode_mulai) AS n_hilang,
           string_agg({_sql.period_label_of("e.periode_mulai", "e.jenis")}, ', ' ORDER BY e.periode_mulai)
               FILTER (WHERE r.periode_mulai IS NULL) AS periode_hilang
    FROM exp e LEFT JOIN r ON r.kode_kemitraan = e.kode_kemitraan AND r.periode_mulai = e.periode_mulai
    GROUP BY e.kode_kemitraan HAVING count(*) > count(r.periode_mulai)
    ORDER BY n_hilang DESC, e.kode_kemitraan
    """
    return _sql.run(con, sql, f.params())


def out_of_range(con, f: Filters) -> pd.DataFrame:
    """The values the rules flag (the ``tanda`` column, see :mod:`kemitraan.storage.analysis_table`) within the
    filters: the values every figure leaves out unless the reader includes them. ``alasan``: ``min`` / ``max`` /
    ``outlier``; ``min`` / ``max`` the catalog's bounds, ``median`` the median the value was judged against (the
    partnership's own median for a flow, that of its earlier values for a stock or a rate).
    """
    cat = contract.indicators()
    sql = f"""
    SELECT i.kode_kemitraan, k.nama_kemitraan, k.kategori, i.periode, i.kode_indikator, i.nilai,
           i.median_kemitraan AS median, i.tanda AS alasan
    FROM {_sql.ROWS} i JOIN kemitraan k USING (kode_kemitraan)
    WHERE i.tanda IS NOT NULL AND {f.partnership_where("k")} AND {f.period_where("i")}
    ORDER BY i.kode_kemitraan, i.periode_mulai, i.kode_indikator
    """
    df = _sql.run(con, sql, f.params())
    df.insert(6, "min", [cat[k].min for k in df["kode_indikator"]])
    df.insert(7, "max", [cat[k].max for k in df["kode_indikator"]])
    return df


def flagged_count(con, f: Filters, kodes: list[str] | tuple[str, ...] | None = None) -> int:
    """How many values of ``kodes`` (all indicators by default) within the filters are flagged."""
    if indicators.yearly(f, "semua"):  # whole years: the rollup counts them per partnership and year
        where = [f.partnership_where("i"), f.year_where("i"), "i.ditandai"]
        where += ["list_contains($kodes::VARCHAR[], i.kode_indikator)"] if kodes is not None else []
        sql = f"SELECT coalesce(sum(i.n_laporan), 0) FROM {rollup.NAME} i WHERE {' AND '.join(where)}"
        return int(_sql.scalar(con, sql, {**f.params(), "kodes": list(kodes or [])}))
    sql = f"""
    SELECT count(*) FROM {_sql.ROWS} i JOIN kemitraan k USING (kode_kemitraan)
    WHERE i.tanda IS NOT NULL AND {f.partnership_where("k")} AND {f.period_where("i")}
      {"AND list_contains($kodes::VARCHAR[], i.kode_indikator)" if kodes is not None else ""}
    """
    return int(_sql.scalar(con, sql, {**f.params(), "kodes": list(kodes or [])}))


def stale_partnerships(con, f: Filters, months: int = STALE_MONTHS, on: dt.date | None = None) -> pd.DataFrame:
    """Partnerships not ended on ``on`` whose last reported period ended ``months`` or more months before ``on``.

    ``on`` defaults to the month after the latest period start anyone reported, so old
    data is judged against itself and not against today. A partnership that never reported counts from its start.
    """
    if on is None:
        on = _sql.scalar(con, "SELECT CAST(max(periode_mulai) + INTERVAL 1 MONTH AS DATE) FROM indikator")
        if on is None:
            return pd.DataFrame(
                columns=["kode_kemitraan", "nama_kemitraan", "kategori", "laporan_terakhir", "bulan_tanpa_laporan"]
            )
    sql = f"""
    WITH lj AS (SELECT kode_kemitraan, jenis_periode, max(periode_mulai) AS mulai FROM {_sql.REPORTS} GROUP BY ALL),
    last AS (SELECT kode_kemitraan, max(mulai) AS laporan_terakhir,
                    max(CAST(mulai + INTERVAL ({_sql.months_in("jenis_periode")}) MONTH AS DATE)) AS akhir
             FROM lj GROUP BY 1)
    SELECT k.kode_kemitraan, k.nama_kemitraan, k.kategori, last.laporan_terakhir,
           date_diff('month', coalesce(last.akhir, k.tanggal_mulai), $on::DATE) AS bulan_tanpa_laporan
    FROM kemitraan k LEFT JOIN last USING (kode_kemitraan)
    WHERE {f.partnership_where("k")} AND k.tanggal_mulai <= $on AND (k.tanggal_selesai IS NULL OR k.tanggal_selesai > $on)
      AND date_diff('month', coalesce(last.akhir, k.tanggal_mulai), $on::DATE) >= $months
    ORDER BY bulan_tanpa_laporan DESC, k.kode_kemitraan
    """
    return _sql.run(con, sql, {**f.params(), "on": on, "months": int(months)})


#: The kinds whose rows name a partnership defined elsewhere (in a ``kemitraan`` row).
_REFERRING_KINDS = ("indikator", "survei")


def orphan_rows(con, f: Filters) -> pd.DataFrame:
    """Indicator and survey rows whose partnership is not in the ``kemitraan`` view, e.g. after the batch that
    brought the partnership was undone (see :mod:`kemitraan.storage.dependants`).

    Every figure joins its rows on the partnership, so these rows are left out of the analysis; this check is
    where they show. They are listed whatever the filters: a row without a partnership has no category,
    programme area or province to filter on, and a period filter would hide exactly what this check is for
    (``f`` is taken for the signature every quality check shares).

    One row per partnership code and kind: ``kode_kemitraan``, ``jenis_data`` (``indikator`` / ``survei``),
    ``n_baris`` and ``batch_id`` (the batches holding those rows, comma-separated, or None when the
    connection cannot tell).
    """
    parts = " UNION ALL ".join(
        f"SELECT '{kind}' AS jenis_data, x.kode_kemitraan FROM {kind} x ANTI JOIN kemitraan k USING (kode_kemitraan) "
        f"WHERE x.kode_kemitraan IS NOT NULL"
        for kind in _REFERRING_KINDS
    )
    out = _sql.run(
        con,
        f"SELECT kode_kemitraan, jenis_data, count(*) AS n_baris FROM ({parts}) "
        "GROUP BY ALL ORDER BY kode_kemitraan, jenis_data",
    )
    out["batch_id"] = pd.Series([None] * len(out), dtype=object)
    if out.empty:
        return out
    holders = " UNION ALL ".join(
        f"SELECT '{kind}' AS jenis_data, kode_kemitraan, _batch FROM {ROW_BATCH_VIEW}{kind} "
        f"WHERE list_contains($codes::VARCHAR[], kode_kemitraan)"
        for kind in _REFERRING_KINDS
    )
    try:
        held = _sql.run(
            con,
            f"SELECT kode_kemitraan, jenis_data, string_agg(DISTINCT _batch, ', ' ORDER BY _batch) "
            f"AS batch_id FROM ({holders}) GROUP BY ALL",
            {"codes": sorted(set(out["kode_kemitraan"]))},
        )
    except duckdb.Error:  # a connection without the batch views (or one whose files moved since): counts only
        return out
    where = {(k, j): b for k, j, b in held[["kode_kemitraan", "jenis_data", "batch_id"]].itertuples(index=False)}
    out["batch_id"] = [where.get((k, j)) for k, j in zip(out["kode_kemitraan"], out["jenis_data"])]
    return out
