"""Impact (dampak): outcome indicators over time, and change from baseline paired within partnerships."""

from __future__ import annotations

import pandas as pd

from kemitraan.methods import indices
from kemitraan.queries import _sql
from kemitraan.queries.filters import Filters
from kemitraan.queries.indicators import (
    CATALOG_CTE, OUTCOMES, WEIGHT_CTE, catalog_params, dims, indicator_series, time_aggregate,
)


def outcome_series(con, f: Filters, grain: str = "tahun", by: str | list[str] | None = "kategori",
                   kodes: list[str] | tuple[str, ...] = OUTCOMES) -> pd.DataFrame:
    """Outcome indicators per bucket and group (rates weighted by target population)."""
    return indicator_series(con, f, kodes, grain=grain, by=by)


def impact_pairs(con, f: Filters, grain: str = "tahun", by: str | list[str] | None = "kategori",
                 kodes: list[str] | tuple[str, ...] = OUTCOMES) -> pd.DataFrame:
    """Baseline and latest per group and outcome, paired within each partnership.

    For every partnership with at least two period buckets of an indicator, its baseline
    is the value in its first bucket and its latest the value in its last; the group's
    ``baseline`` and ``terakhir`` are the means of those over its partnerships, weighted by
    target population for rates. Pairing within partnerships keeps a change in which
    partnerships report from passing for a change in outcomes.
    """
    grain = _sql.check_grain(grain)
    gdims = dims(by)
    kodes = list(kodes)
    kdims = "".join(f", k.{d}" for d in gdims)
    g = _sql.group_prefix(gdims)
    sql = f"""
    WITH {CATALOG_CTE},
    k AS (SELECT * FROM kemitraan k WHERE {f.partnership_where("k")}),
    b AS (
        SELECT i.kode_kemitraan, i.kode_indikator, i.nilai, i.periode_mulai, cat.waktu, cat.timbang{kdims},
               {_sql.bucket("i.periode_mulai", grain)} AS bucket
        FROM indikator i JOIN k USING (kode_kemitraan) JOIN cat ON cat.kode = i.kode_indikator
        WHERE {f.period_where("i")} AND {_sql.finer_or_equal("i.jenis_periode", grain)}
    ),
    s AS (
        SELECT {g}kode_kemitraan, kode_indikator, bucket, any_value(timbang) AS timbang,
               {time_aggregate("nilai")} AS nilai
        FROM b GROUP BY {g}kode_kemitraan, kode_indikator, bucket
    ),
    p AS (
        SELECT {g}kode_kemitraan, kode_indikator, any_value(timbang) AS timbang,
               arg_min(nilai, bucket) AS awal, arg_max(nilai, bucket) AS akhir,
               min(bucket) AS b0, max(bucket) AS b1
        FROM s GROUP BY {g}kode_kemitraan, kode_indikator HAVING count(*) >= 2
    ),
    {WEIGHT_CTE.format(period=f.period_where("i"))},
    pw AS (SELECT p.*, CASE WHEN p.timbang THEN coalesce(w.bobot, 1) ELSE 1 END AS wt FROM p LEFT JOIN w USING (kode_kemitraan))
    SELECT {g}kode_indikator, min(b0) AS periode_awal, max(b1) AS periode_akhir,
           sum(awal * wt) / sum(wt) AS baseline, sum(akhir * wt) / sum(wt) AS terakhir,
           count(*) AS n_kemitraan
    FROM pw GROUP BY {g}kode_indikator ORDER BY {g}kode_indikator
    """
    return _sql.run(con, sql, {**f.params(), **catalog_params(kodes)})


def impact_summary(con, f: Filters, grain: str = "tahun", by: str | list[str] = "kategori") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(change from baseline per group and outcome, impact index per group); see :func:`impact_pairs`."""
    gdims = dims(by)
    pairs = impact_pairs(con, f, grain, gdims)
    ch = indices.impact_compare(pairs, gdims)
    return ch, indices.impact_index(ch, gdims)
