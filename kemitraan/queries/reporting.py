"""Reporting completeness and timeliness, as DHIS2 computes them for a data set.

A partnership is expected to report once per period at its own cadence (the period type it
uses most over all its reports, so one silent through the whole range is still expected), for
every period that lies inside the range and within its life (from the period holding
``tanggal_mulai`` to the one holding ``tanggal_selesai``). A partnership that never reported
has no cadence and is not counted. A period counts as *received*
when the partnership sent at least one indicator value for it, and as *on time* when that report's
``tanggal_lapor`` is at most ``contract.REPORT_ON_TIME_DAYS`` days after the period ends.

- completeness = received ÷ expected × 100;
- timeliness = on time ÷ expected × 100 (DHIS2's "reporting rate on time"); received reports
  without a ``tanggal_lapor`` are counted in ``n_tanpa_tanggal`` and are never on time.
"""

from __future__ import annotations

import pandas as pd

from kemitraan import contract
from kemitraan.queries import _sql, periods
from kemitraan.queries.filters import Filters
from kemitraan.queries.indicators import dims

_TRUNC = "CASE {j} WHEN 'tahun' THEN 'year' WHEN 'triwulan' THEN 'quarter' ELSE 'month' END"
_STEP = "CASE {j} WHEN 'tahun' THEN INTERVAL 1 YEAR WHEN 'triwulan' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 MONTH END"


def reporting_rates(con, f: Filters, by: str | list[str] | None = "kategori") -> pd.DataFrame:
    """Per group (or per partnership with ``by="kode_kemitraan"``): reports expected, received, on time,
    ``kelengkapan_pct`` and ``ketepatan_pct``, and received reports without a report date."""
    gdims = dims(by)
    cols = [*gdims, "n_kemitraan", "n_diharapkan", "n_diterima", "n_tepat_waktu", "n_tanpa_tanggal",
            "kelengkapan_pct", "ketepatan_pct"]
    rng = periods.effective(con, f)
    if rng is None:
        return pd.DataFrame(columns=cols)
    g = _sql.group_prefix(gdims)
    kd = "".join(f", k.{d}" for d in gdims)
    sql = f"""
    WITH k AS (SELECT k.kode_kemitraan, k.tanggal_mulai, k.tanggal_selesai{kd} FROM kemitraan k
               WHERE {f.partnership_where("k")}),
    r AS (  -- one row per partnership × reported period (inside the range), its report date
        SELECT i.kode_kemitraan, i.periode_mulai, any_value(i.jenis_periode) AS jenis, max(i.tanggal_lapor) AS tanggal_lapor
        FROM {_sql.ROWS} i JOIN k USING (kode_kemitraan)
        WHERE i.periode_mulai >= $r_dari::DATE AND i.bulan_terakhir <= $r_sampai::DATE
        GROUP BY i.kode_kemitraan, i.periode_mulai
    ),
    -- the cadence from all its reports, so a partnership silent through the range is still expected
    cad AS (SELECT kode_kemitraan, mode(jenis) AS jenis FROM (
                SELECT i.kode_kemitraan, i.periode_mulai, any_value(i.jenis_periode) AS jenis
                FROM {_sql.ROWS} i JOIN k USING (kode_kemitraan) GROUP BY ALL) GROUP BY 1),
    exp AS (  -- every period the partnership should have reported, at its cadence, inside the range and its life
        SELECT k.*, cad.jenis, CAST(g.d AS DATE) AS periode_mulai
        FROM k JOIN cad USING (kode_kemitraan),
             generate_series(
                 CAST(date_trunc({_TRUNC.format(j="cad.jenis")}, greatest(k.tanggal_mulai, $r_dari::DATE)) AS TIMESTAMP),
                 CAST(least(coalesce(k.tanggal_selesai, $r_sampai::DATE), $r_sampai::DATE) AS TIMESTAMP),
                 {_STEP.format(j="cad.jenis")}) g(d)
        -- only periods wholly inside the range, as for every figure
        WHERE CAST(g.d AS DATE) >= $r_dari::DATE
          AND CAST(CAST(g.d AS DATE) + to_months({_sql.months_in("cad.jenis")} - 1) AS DATE) <= $r_sampai::DATE
    ),
    m AS (
        SELECT e.*, r.periode_mulai IS NOT NULL AS diterima, r.tanggal_lapor,
               CAST(e.periode_mulai + to_months({_sql.months_in("e.jenis")}) AS DATE) - 1 + $hari AS batas
        FROM exp e LEFT JOIN r ON r.kode_kemitraan = e.kode_kemitraan AND r.periode_mulai = e.periode_mulai
    )
    SELECT {g}count(DISTINCT kode_kemitraan) AS n_kemitraan, count(*) AS n_diharapkan,
           count(*) FILTER (WHERE diterima) AS n_diterima,
           count(*) FILTER (WHERE diterima AND tanggal_lapor <= batas) AS n_tepat_waktu,
           count(*) FILTER (WHERE diterima AND tanggal_lapor IS NULL) AS n_tanpa_tanggal
    FROM m {'GROUP BY ' + ', '.join(gdims) + ' ORDER BY ' + ', '.join(gdims) if gdims else ''}
    """
    df = _sql.run(con, sql, {**f.params(), "r_dari": rng.start, "r_sampai": rng.end,
                             "hari": contract.REPORT_ON_TIME_DAYS})
    df["kelengkapan_pct"] = df["n_diterima"] / df["n_diharapkan"].where(df["n_diharapkan"] > 0) * 100
    df["ketepatan_pct"] = df["n_tepat_waktu"] / df["n_diharapkan"].where(df["n_diharapkan"] > 0) * 100
    return df[cols]
