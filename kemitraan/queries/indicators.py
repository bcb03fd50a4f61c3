"""Indicators aggregated by the catalog's rules: the query every analysis page builds on.

Every function takes a DuckDB connection or cursor holding the views ``kemitraan``,
``indikator`` and ``survei`` (:meth:`kemitraan.storage.store.Store.connect`) and a
:class:`~kemitraan.queries.filters.Filters`, and returns a small DataFrame:
aggregation happens in DuckDB, never on raw rows in pandas.

Aggregation follows the indicator catalog (``contract.indicator(k)``):

- over time, per partnership and period bucket (bulan / triwulan / tahun / semua):
  ``jumlah`` = sum (flows), ``terakhir`` = value of the last period in the bucket
  (stocks), ``rata_rata`` = mean;
- across partnerships: ``jumlah`` = sum, ``rata_rata`` = mean, weighted for rates
  (unit % or per 1.000) by each partnership's latest target population
  (``sasaran``; weight 1 where it has none).

A report whose own period is coarser than the chosen grain (a quarterly report in
a monthly view) cannot be split, so it is left out of that view;
:func:`coarser_reports` counts the partnerships concerned so pages can say so.
"""

from __future__ import annotations

import pandas as pd

from kemitraan import contract
from kemitraan.queries import _sql
from kemitraan.queries._sql import GRAINS  # noqa: F401  (part of this module's interface)
from kemitraan.queries.filters import Filters

#: Pseudo-indicator: target population × months of the reporting period ÷ 12, summed
#: over the periods where ``terjangkau`` was reported: the denominator of annualised coverage.
SASARAN_TAHUN = "sasaran_tahun"

#: Partnership attributes a query may group by (identifiers from the contract only).
DIMENSIONS: tuple[str, ...] = ("kategori", "bidang", "fokus", "provinsi_kode", "provinsi", "kode_kemitraan",
                               "nama_kemitraan", "mitra_utama")
#: Dimensions that come from the period instead of the partnership (pivot only).
TIME_DIMENSIONS: tuple[str, ...] = ("tahun", "periode")

REACH = tuple(i.kode for i in contract.indicators_of("jangkauan"))
SUSTAIN = tuple(i.kode for i in contract.indicators_of("keberlanjutan"))
OUTCOMES = tuple(i.kode for i in contract.indicators_of("dampak"))


def dims(by: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """The group-by columns as a list, each checked against :data:`DIMENSIONS`."""
    cols = [by] if isinstance(by, str) else list(by or [])
    for c in cols:
        if c not in DIMENSIONS:
            raise ValueError(f"unknown dimension {c!r}; expected one of {DIMENSIONS}")
    return cols


def catalog_params(kodes: list[str]) -> dict[str, list]:
    """The catalog's rules for ``kodes`` as list parameters (``$cat_kode``, ``$cat_waktu`` …)."""
    cat = contract.indicators()
    out: dict[str, list] = {"cat_kode": [], "cat_waktu": [], "cat_wilayah": [], "cat_timbang": []}
    for k in kodes:
        if k == SASARAN_TAHUN:
            rule = ("jumlah", "jumlah", False)
        else:
            ind = cat[k]  # KeyError for an unknown code: a programming error, not user input
            rule = (ind.agregasi_waktu, ind.agregasi_wilayah, ind.is_rate)
        out["cat_kode"].append(k)
        out["cat_waktu"].append(rule[0])
        out["cat_wilayah"].append(rule[1])
        out["cat_timbang"].append(rule[2])
    return out


#: The catalog's rules as a CTE over :func:`catalog_params`.
CATALOG_CTE = ("cat AS (SELECT unnest($cat_kode::VARCHAR[]) AS kode, unnest($cat_waktu::VARCHAR[]) AS waktu, "
               "unnest($cat_wilayah::VARCHAR[]) AS wilayah, unnest($cat_timbang::BOOLEAN[]) AS timbang)")

#: Each partnership's latest target population in the range: the weight of its rates.
WEIGHT_CTE = """w AS (
        SELECT i.kode_kemitraan, arg_max(i.nilai, i.periode_mulai) AS bobot
        FROM indikator i WHERE i.kode_indikator = 'sasaran' AND {period} GROUP BY 1
    )"""


def time_aggregate(value: str, waktu: str = "any_value(waktu)", where: str | None = None) -> str:
    """One partnership's values in a bucket, by the catalog's time rule (sum / last / mean)."""
    flt = f" FILTER (WHERE {where})" if where else ""
    return (f"CASE {waktu} WHEN 'jumlah' THEN sum({value}){flt} "
            f"WHEN 'terakhir' THEN arg_max({value}, periode_mulai){flt} ELSE avg({value}){flt} END")


def indicator_series(con, f: Filters, kodes: list[str] | tuple[str, ...], grain: str = "tahun",
                     by: str | list[str] | None = None, kode: str | None = None) -> pd.DataFrame:
    """Indicators per period bucket (and group), aggregated by the catalog's rules.

    Returns ``by`` columns, ``periode_mulai`` (DATE, start of the bucket), ``periode``
    (``2024`` / ``2024-Q3`` / ``2024-07``), ``kode_indikator``, ``nilai``, ``target``,
    ``nilai_bertarget`` (value over the reports that carry a target, for attainment)
    and ``n_kemitraan``. With ``grain="semua"`` there is one bucket (periode NULL).
    ``kode`` restricts it to one partnership.
    """
    grain = _sql.check_grain(grain)
    gdims = dims(by)
    kodes = list(dict.fromkeys(kodes))
    real = [k for k in kodes if k != SASARAN_TAHUN]
    kw = f.partnership_where("k") + (" AND k.kode_kemitraan = $kode" if kode is not None else "")
    g = _sql.group_prefix(gdims)
    kdims = "".join(f", k.{d}" for d in gdims)
    sasaran_rows = ""
    if SASARAN_TAHUN in kodes:
        # person-years of target population over the periods that report people reached
        sasaran_rows = f"""
        UNION ALL
        SELECT s.kode_kemitraan, s.periode, any_value(s.periode_mulai), any_value(s.jenis_periode),
               '{SASARAN_TAHUN}' AS kode_indikator,
               max(s.nilai) FILTER (WHERE s.kode_indikator = 'sasaran')
                 * {_sql.months_in('any_value(s.jenis_periode)')} / 12.0,
               NULL::DOUBLE
        FROM indikator s
        WHERE s.kode_indikator IN ('sasaran', 'terjangkau') AND {f.period_where("s")}
        GROUP BY s.kode_kemitraan, s.periode
        HAVING count(*) FILTER (WHERE s.kode_indikator = 'sasaran') > 0
           AND count(*) FILTER (WHERE s.kode_indikator = 'terjangkau') > 0"""
    sql = f"""
    WITH {CATALOG_CTE},
    k AS (SELECT * FROM kemitraan k WHERE {kw}),
    raw AS (
        SELECT i.kode_kemitraan, i.periode, i.periode_mulai, i.jenis_periode, i.kode_indikator, i.nilai, i.target
        FROM indikator i WHERE list_contains($kodes::VARCHAR[], i.kode_indikator) AND {f.period_where("i")}
        {sasaran_rows}
    ),
    {WEIGHT_CTE.format(period=f.period_where("i"))},
    b AS (
        SELECT r.*, cat.waktu, cat.wilayah, cat.timbang{kdims}, {_sql.bucket("r.periode_mulai", grain)} AS bucket
        FROM raw r JOIN k USING (kode_kemitraan) JOIN cat ON cat.kode = r.kode_indikator
        WHERE {_sql.finer_or_equal("r.jenis_periode", grain)}
    ),
    p AS (
        SELECT {g}kode_kemitraan, bucket, kode_indikator,
            any_value(wilayah) AS wilayah, any_value(timbang) AS timbang,
            {time_aggregate("nilai")} AS nilai,
            {time_aggregate("target")} AS target,
            {time_aggregate("nilai", where="target IS NOT NULL")} AS nilai_bertarget
        FROM b GROUP BY {g}kode_kemitraan, bucket, kode_indikator
    ),
    pw AS (SELECT p.*, CASE WHEN p.timbang THEN coalesce(w.bobot, 1) ELSE 1 END AS wt FROM p LEFT JOIN w USING (kode_kemitraan))
    SELECT {g}bucket AS periode_mulai, {_sql.period_label("bucket", grain)} AS periode, kode_indikator,
        CASE any_value(wilayah) WHEN 'jumlah' THEN sum(nilai) ELSE sum(nilai * wt) / sum(wt) END AS nilai,
        CASE any_value(wilayah) WHEN 'jumlah' THEN sum(target)
            ELSE sum(target * wt) FILTER (WHERE target IS NOT NULL) / sum(wt) FILTER (WHERE target IS NOT NULL)
            END AS target,
        CASE any_value(wilayah) WHEN 'jumlah' THEN sum(nilai_bertarget)
            ELSE sum(nilai_bertarget * wt) FILTER (WHERE target IS NOT NULL)
                 / sum(wt) FILTER (WHERE target IS NOT NULL) END AS nilai_bertarget,
        count(DISTINCT kode_kemitraan) AS n_kemitraan
    FROM pw GROUP BY {g}bucket, kode_indikator
    ORDER BY {g}bucket NULLS FIRST, kode_indikator
    """
    params = {**f.params(), **catalog_params(kodes), "kodes": real, "kode": kode}
    df = _sql.run(con, sql, params)
    if grain == "semua":
        df = df.drop(columns=["periode_mulai", "periode"])
    return df


def indicator_totals(con, f: Filters, kodes: list[str] | tuple[str, ...], by: str | list[str] | None = None) -> pd.DataFrame:
    """Indicators aggregated over the whole filtered period: :func:`indicator_series` with one bucket."""
    return indicator_series(con, f, kodes, grain="semua", by=by)


def coarser_reports(con, f: Filters, grain: str) -> int:
    """Partnerships whose reports are coarser than ``grain`` (left out of a view at that grain)."""
    grain = _sql.check_grain(grain)
    if grain in ("tahun", "semua"):
        return 0
    coarser = ["tahun"] if grain == "triwulan" else ["triwulan", "tahun"]
    sql = f"""SELECT count(DISTINCT i.kode_kemitraan) FROM indikator i JOIN kemitraan k USING (kode_kemitraan)
              WHERE {f.partnership_where("k")} AND {f.period_where("i")}
                AND list_contains($coarser::VARCHAR[], i.jenis_periode)"""
    return int(_sql.scalar(con, sql, {**f.params(), "coarser": coarser}))


def to_wide(tot: pd.DataFrame, gdims: list[str]) -> pd.DataFrame:
    """Long totals → one row per group (or a single row without groups), one column per indicator."""
    if not gdims:
        return pd.DataFrame([tot.set_index("kode_indikator")["nilai"].to_dict()])
    return tot.pivot_table(index=gdims, columns="kode_indikator", values="nilai", aggfunc="first").reset_index()


def join_groups(left: pd.DataFrame, right: pd.DataFrame, gdims: list[str]) -> pd.DataFrame:
    """Side by side on the group columns (or row by row when there are none)."""
    if not gdims:
        return pd.concat([left.reset_index(drop=True), right.reset_index(drop=True)], axis=1)
    return left.merge(right, on=gdims, how="left")
