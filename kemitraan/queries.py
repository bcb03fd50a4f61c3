"""Analytical queries behind the home page: SQL with bound parameters over the store's views.

Each function takes a DuckDB connection (or cursor) with the views of
:meth:`kemitraan.store.Store.connect` and a :class:`~kemitraan.filters.Filters`,
and returns a small DataFrame: aggregation happens in DuckDB, never in pandas.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kemitraan import contract
from kemitraan.filters import Filters

OUTCOMES = tuple(i.kode for i in contract.indicators_of("dampak"))


def _fetch(con, sql: str, params: list) -> pd.DataFrame:
    return con.execute(sql, params).fetchdf()


def filtered_indicators_cte(f: Filters) -> tuple[str, list]:
    """``WITH fk AS (filtered partnerships), fi AS (their indicator rows in the period)``."""
    kw, kp = f.partnership_where("k")
    pw, pp = f.period_where("i")
    sql = (
        f"WITH fk AS (SELECT * FROM kemitraan k WHERE {kw}), "
        f"fi AS (SELECT i.*, fk.kategori, fk.bidang, fk.provinsi_kode FROM indikator i "
        f"JOIN fk USING (kode_kemitraan) WHERE {pw})"
    )
    return sql, kp + pp


def period_bounds(con) -> tuple[dt.date | None, dt.date | None]:
    lo, hi = con.execute("SELECT min(periode_mulai), max(periode_mulai) FROM indikator").fetchall()[0]
    return (lo, hi)


def month_range(lo: dt.date, hi: dt.date) -> list[dt.date]:
    out, y, m = [], lo.year, lo.month
    while (y, m) <= (hi.year, hi.month):
        out.append(dt.date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def by_category(con, f: Filters) -> pd.DataFrame:
    """Per kategori: partnerships, reach vs target, hard-to-reach, funds, local share."""
    cte, params = filtered_indicators_cte(f)
    sql = f"""{cte},
    agg AS (
        SELECT kategori,
            sum(nilai) FILTER (kode_indikator = 'terjangkau') AS terjangkau,
            sum(target) FILTER (kode_indikator = 'terjangkau') AS target_terjangkau,
            sum(nilai) FILTER (kode_indikator = 'kelompok_rentan_terjangkau') AS rentan,
            sum(nilai) FILTER (kode_indikator = 'dana_komitmen_idr') AS dana_komitmen,
            sum(nilai) FILTER (kode_indikator = 'dana_realisasi_idr') AS dana_realisasi,
            count(DISTINCT kode_kemitraan) AS n_melapor
        FROM fi GROUP BY kategori
    ),
    pair AS (  -- the local share and the funds realised of one report, side by side
        SELECT kategori, kode_kemitraan, periode,
               any_value(nilai) FILTER (kode_indikator = 'porsi_dana_lokal_pct') AS lokal,
               any_value(nilai) FILTER (kode_indikator = 'dana_realisasi_idr') AS dana
        FROM fi WHERE kode_indikator IN ('porsi_dana_lokal_pct', 'dana_realisasi_idr')
        GROUP BY kategori, kode_kemitraan, periode
    ),
    lokal AS (  -- local share weighted by the funds realised in the same report, never a plain mean
        SELECT kategori, sum(lokal * dana) / nullif(sum(dana) FILTER (lokal IS NOT NULL), 0) AS porsi_lokal
        FROM pair GROUP BY kategori
    ),
    kk AS (
        SELECT kategori, count(*) AS n_kemitraan,
               count(*) FILTER (tanggal_selesai IS NULL OR tanggal_selesai >= current_date) AS n_aktif
        FROM fk GROUP BY kategori
    )
    SELECT kk.kategori, kk.n_kemitraan, kk.n_aktif, agg.n_melapor,
           agg.terjangkau, agg.target_terjangkau, agg.rentan,
           100 * agg.terjangkau / nullif(agg.target_terjangkau, 0) AS capaian_pct,
           100 * agg.rentan / nullif(agg.terjangkau, 0) AS rentan_pct,
           agg.dana_komitmen, agg.dana_realisasi,
           100 * agg.dana_realisasi / nullif(agg.dana_komitmen, 0) AS realisasi_pct,
           lokal.porsi_lokal
    FROM kk LEFT JOIN agg USING (kategori) LEFT JOIN lokal USING (kategori)
    ORDER BY kk.kategori
    """
    return _fetch(con, sql, params)


def headline(con, f: Filters, cat: pd.DataFrame | None = None) -> dict:
    """The numbers at the top of the home page (pass ``by_category``'s result to avoid running it twice)."""
    cat = by_category(con, f) if cat is None else cat
    kw, kp = f.partnership_where("k")
    n_resp = con.execute(
        f"SELECT count(*) FROM survei s JOIN kemitraan k USING (kode_kemitraan) WHERE {kw}", kp
    ).fetchall()[0][0]
    tot = cat.sum(numeric_only=True)

    def ratio(a: str, b: str) -> float | None:
        return float(100 * tot[a] / tot[b]) if len(cat) and tot[b] else None

    return {
        "n_kemitraan": int(tot.get("n_kemitraan", 0) or 0),
        "n_aktif": int(tot.get("n_aktif", 0) or 0),
        "terjangkau": float(tot.get("terjangkau", 0) or 0),
        "capaian_pct": ratio("terjangkau", "target_terjangkau"),
        "rentan_pct": ratio("rentan", "terjangkau"),
        "dana_realisasi": float(tot.get("dana_realisasi", 0) or 0),
        "realisasi_pct": ratio("dana_realisasi", "dana_komitmen"),
        "n_responden": int(n_resp),
    }


def reach_over_time(con, f: Filters) -> pd.DataFrame:
    """People reached per year and kategori (a flow: summed)."""
    cte, params = filtered_indicators_cte(f)
    sql = f"""{cte}
    SELECT kategori, year(periode_mulai) AS tahun, sum(nilai) AS terjangkau
    FROM fi WHERE kode_indikator = 'terjangkau' GROUP BY ALL ORDER BY tahun, kategori
    """
    return _fetch(con, sql, params)


def impact_by_category(con, f: Filters) -> pd.DataFrame:
    """Per kategori and outcome indicator: mean change from each partnership's first to latest value.

    ``perbaikan`` is the change signed so that positive always means better
    (a fall in unmet need or stunting is an improvement).
    """
    cte, params = filtered_indicators_cte(f)
    outs = ", ".join("?" * len(OUTCOMES))
    better = " ".join(
        f"WHEN '{k}' THEN {1 if contract.indicator(k).lebih_tinggi_lebih_baik else -1}" for k in OUTCOMES
    )
    sql = f"""{cte},
    ends AS (
        SELECT kategori, kode_kemitraan, kode_indikator,
               arg_min(nilai, periode_mulai) AS awal, arg_max(nilai, periode_mulai) AS akhir,
               count(*) AS n
        FROM fi WHERE kode_indikator IN ({outs}) GROUP BY ALL HAVING count(*) >= 2
    )
    SELECT kategori, kode_indikator, count(*) AS n_kemitraan, avg(awal) AS awal, avg(akhir) AS akhir,
           avg(akhir - awal) AS perubahan,
           avg(akhir - awal) * any_value(CASE kode_indikator {better} END) AS perbaikan
    FROM ends GROUP BY kategori, kode_indikator ORDER BY kode_indikator, kategori
    """
    return _fetch(con, sql, params + list(OUTCOMES))
