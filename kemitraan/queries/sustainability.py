"""Sustainability (keberlanjutan): funds committed and disbursed, local share, sources, capacity, status and age."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kemitraan.methods import indices
from kemitraan.queries import _sql, indicators, periods
from kemitraan.queries.filters import Filters
from kemitraan.queries.indicators import SUSTAIN, dims, indicator_series, indicator_totals, join_groups, to_wide
from kemitraan.storage import analysis_table


def sustainability_summary(con, f: Filters, by: str | list[str] = "kategori") -> pd.DataFrame:
    """Per group: sustainability components, the index, and the indicator values behind them."""
    gdims = dims(by)
    return sustainability_from_totals(indicator_totals(con, f, SUSTAIN, by=gdims), gdims)


def sustainability_from_totals(tot: pd.DataFrame, gdims: list[str]) -> pd.DataFrame:
    """:func:`sustainability_summary` from totals already queried with at least the sustainability indicators
    (others are ignored), so a caller that needs every indicator queries them once."""
    tot = tot[tot["kode_indikator"].isin(SUSTAIN)]
    if tot.empty:
        return pd.DataFrame(columns=[*gdims, "indeks_keberlanjutan"])
    idx = indices.sustainability_index(tot, gdims)
    out = join_groups(idx, to_wide(tot, gdims), gdims)
    if {"dana_realisasi_idr", "dana_komitmen_idr"} <= set(out.columns):
        out["realisasi_pct"] = (
            out["dana_realisasi_idr"] / out["dana_komitmen_idr"].where(out["dana_komitmen_idr"] > 0) * 100
        )
    return out


def partnership_status(con, f: Filters, by: str | list[str] = "kategori", on: dt.date | None = None) -> pd.DataFrame:
    """Per group: partnerships, how many are still active on ``on``, how many of those stopped reporting, mean age.

    ``on`` defaults to the last day of the range (the data's last month when the range is open), so
    "active" describes the period on screen, not the day the page is opened.

    Active = started on or before ``on`` and no end date or an end date on or after ``on``: the rule an
    end-of-range stock uses (``indicators._stock_ctes``: a partnership that ended before the range's last day
    is out). ``n_tidak_melapor``: active partnerships that reported inside the range but not their latest
    whole period by ``on`` (or by the last month any active partnership reported, when the data end
    earlier), at their own cadence (that of their last report), as a stock counts them.
    Age = years from start to ``on`` (or to the end date when it has ended).
    """
    gdims = dims(by)
    g = ", ".join(gdims)
    tail = f"GROUP BY {g} ORDER BY {g}" if gdims else ""
    if on is None:
        rng = periods.effective(con, f)
        on = periods.month_add(rng.end, 1) - dt.timedelta(days=1) if rng else dt.date.today()
        start = rng.start if rng else on
    else:
        start = dt.date(1900, 1, 1)
    last_month = on.replace(day=1)
    sql = f"""
    WITH k AS (SELECT kd.kid, k.*, k.tanggal_mulai <= $on AND (k.tanggal_selesai IS NULL OR k.tanggal_selesai >= $on)
                   AS aktif
               FROM kemitraan k JOIN {analysis_table.KIDS} kd USING (kode_kemitraan) WHERE {f.partnership_where("k")}),
    r AS (  -- each partnership's last report inside the range (flagged or not) and its cadence
        SELECT i.kid, max(i.bulan_terakhir) AS akhir, arg_max(i.jenis_periode, i.bulan_terakhir) AS jenis
        FROM {_sql.REPORTS} i SEMI JOIN k USING (kid)
        WHERE i.periode_mulai >= $dari AND i.bulan_terakhir <= $bulan GROUP BY i.kid),
    d AS (SELECT least($bulan, max(r.akhir)) AS bulan_data FROM r JOIN k USING (kid) WHERE k.aktif),
    s AS (SELECT k.*, k.aktif AND r.akhir < {indicators.expected_month("r.jenis", "d.bulan_data")} AS berhenti
          FROM k LEFT JOIN r USING (kid), d)
    SELECT {g + "," if gdims else ""}
        count(*) AS n_kemitraan, count(*) FILTER (WHERE aktif) AS n_aktif,
        count(*) FILTER (WHERE berhenti) AS n_tidak_melapor,
        avg(date_diff('day', tanggal_mulai, least(coalesce(tanggal_selesai, $on), $on)) / 365.25) AS usia_tahun
    FROM s {tail}
    """
    df = _sql.run(con, sql, {**f.params(), "on": on, "dari": start, "bulan": last_month})
    df["n_selesai"] = df["n_kemitraan"] - df["n_aktif"]
    return df


def sustainability_over_time(
    con, f: Filters, grain: str = "tahun", by: str | list[str] | None = "kategori"
) -> pd.DataFrame:
    """Funds committed vs disbursed, local share, cadres, meetings per bucket (and group)."""
    return indicator_series(con, f, SUSTAIN, grain=grain, by=by)
