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
from kemitraan.storage import analysis_table, rollup

_TRUNC = "CASE {j} WHEN 'tahun' THEN 'year' WHEN 'triwulan' THEN 'quarter' ELSE 'month' END"
#: A date's month number (months since year 0): periods are compared and counted by these.
_MONTH = "(year({d}) * 12 + month({d}) - 1)"


def reporting_rates(con, f: Filters, by: str | list[str] | None = "kategori") -> pd.DataFrame:
    """Per group (or per partnership with ``by="kode_kemitraan"``): reports expected, received, on time,
    ``kelengkapan_pct`` and ``ketepatan_pct``, and received reports without a report date."""
    gdims = dims(by)
    cols = [
        *gdims,
        "n_kemitraan",
        "n_diharapkan",
        "n_diterima",
        "n_tepat_waktu",
        "n_tanpa_tanggal",
        "kelengkapan_pct",
        "ketepatan_pct",
    ]
    rng = periods.effective(con, f)
    if rng is None:
        return pd.DataFrame(columns=cols)
    kd = "".join(f", k.{d}" for d in gdims)
    trunc, months = _TRUNC.format(j="cad.jenis"), _sql.months_in("cad.jenis")
    # Each partnership's received reports are matched to its expected periods arithmetically (a report
    # starting on a period start of its cadence, inside its life and the range), not by joining a grid of
    # every expected period: the grid is only counted.
    sql = f"""
    WITH k AS (SELECT kd.kid, k.tanggal_mulai, k.tanggal_selesai{kd} FROM kemitraan k
               JOIN {analysis_table.KIDS} kd USING (kode_kemitraan) WHERE {f.partnership_where("k")}),
    -- the cadence from all its reports, so a partnership silent through the range is still expected (computed
    -- with the base: storage/rollup.py)
    cad AS (SELECT c.kid, c.jenis FROM {rollup.CADENCE} c SEMI JOIN k USING (kid)),
    win0 AS (  -- the expected periods run from a (the period holding its start, or the range's) to b
        SELECT k.*, cad.jenis, {months} AS mo,
               CAST(date_trunc({trunc}, greatest(k.tanggal_mulai, $r_dari::DATE)) AS DATE) AS a,
               least(coalesce(k.tanggal_selesai, $r_sampai::DATE), $r_sampai::DATE) AS b
        FROM k JOIN cad USING (kid)
    ),
    win AS (  -- and a period counts only when it ends inside the range: it starts by c (date arithmetic per
              -- partnership here, so each report below is only compared)
        SELECT win0.*, CAST($r_sampai::DATE - to_months(mo - 1) AS DATE) AS c FROM win0
    ),
    exp AS (  -- how many: the periods of the cadence from a to b (every one starts on a first of a month), only
              -- those wholly inside the range (starting on or after its start, by c), counted by month numbers
        SELECT kid, (least({_MONTH.format(d="b")}, {_MONTH.format(d="c")}) - first) // mo + 1 AS n FROM (
            SELECT win.*, {_MONTH.format(d="a")} + CASE WHEN a < $r_dari::DATE THEN mo ELSE 0 END AS first FROM win)
        WHERE first <= least({_MONTH.format(d="b")}, {_MONTH.format(d="c")})
    ),
    r AS (  -- one row per partnership × reported period start (reports inside the range), its report date
        SELECT i.kid, i.periode_mulai, i.tanggal_lapor FROM {_sql.REPORTS} i SEMI JOIN k USING (kid)
        WHERE i.periode_mulai >= $r_dari::DATE AND i.bulan_terakhir <= $r_sampai::DATE AND i.n_jenis = 1
        UNION ALL
        SELECT i.kid, i.periode_mulai, max(i.tanggal_lapor) FROM {_sql.REPORTS} i SEMI JOIN k USING (kid)
        WHERE i.periode_mulai >= $r_dari::DATE AND i.bulan_terakhir <= $r_sampai::DATE AND i.n_jenis > 1
        GROUP BY i.kid, i.periode_mulai
    ),
    got AS (  -- received: a report starting on one of the expected periods
        SELECT r.kid, count(*) AS n_diterima,
               -- on time: by the period's last day + $hari, i.e. $hari days before the report date still falls in a
               -- month of the period (month numbers, not date arithmetic per report)
               count(*) FILTER (WHERE {_MONTH.format(d="(r.tanggal_lapor - $hari)")}
                                      < {_MONTH.format(d="r.periode_mulai")} + w.mo)
                   AS n_tepat_waktu,
               count(*) FILTER (WHERE r.tanggal_lapor IS NULL) AS n_tanpa_tanggal
        FROM r JOIN win w ON r.kid = w.kid AND r.periode_mulai BETWEEN w.a AND w.b AND r.periode_mulai <= w.c
        -- a period start of its cadence: months since year 0 a multiple of the cadence's months (every period
        -- starts on the first of a month)
        WHERE {_MONTH.format(d="r.periode_mulai")} % w.mo = 0
        GROUP BY r.kid
    )
    SELECT {"".join(f"w.{d}, " for d in gdims)}count(*) AS n_kemitraan, sum(exp.n)::BIGINT AS n_diharapkan,
           coalesce(sum(got.n_diterima), 0)::BIGINT AS n_diterima,
           coalesce(sum(got.n_tepat_waktu), 0)::BIGINT AS n_tepat_waktu,
           coalesce(sum(got.n_tanpa_tanggal), 0)::BIGINT AS n_tanpa_tanggal
    FROM win w JOIN exp USING (kid) LEFT JOIN got USING (kid)
    {"GROUP BY " + ", ".join(f"w.{d}" for d in gdims) if gdims else ""}
    {"ORDER BY " + ", ".join(f"w.{d}" for d in gdims) if gdims else ""}
    """
    df = _sql.run(
        con, sql, {**f.params(), "r_dari": rng.start, "r_sampai": rng.end, "hari": contract.REPORT_ON_TIME_DAYS}
    )
    df["kelengkapan_pct"] = df["n_diterima"] / df["n_diharapkan"].where(df["n_diharapkan"] > 0) * 100
    df["ketepatan_pct"] = df["n_tepat_waktu"] / df["n_diharapkan"].where(df["n_diharapkan"] > 0) * 100
    return df[cols]
