"""Sustainability (keberlanjutan): funds committed and disbursed, local share, sources, capacity, status and age."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kemitraan.methods import indices
from kemitraan.queries import _sql, periods
from kemitraan.queries.filters import Filters
from kemitraan.queries.indicators import SUSTAIN, dims, indicator_series, indicator_totals, join_groups, to_wide


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
        out["realisasi_pct"] = out["dana_realisasi_idr"] / out["dana_komitmen_idr"].where(out["dana_komitmen_idr"] > 0) * 100
    return out


def partnership_status(con, f: Filters, by: str | list[str] = "kategori", on: dt.date | None = None) -> pd.DataFrame:
    """Per group: partnerships, how many are still active on ``on``, mean age in years.

    ``on`` defaults to the last day of the range (the data's last month when the range is open), so
    "active" describes the period on screen, not the day the page is opened.

    Active = started on or before ``on`` and no end date or an end date after ``on``.
    Age = years from start to ``on`` (or to the end date when it has ended).
    """
    gdims = dims(by)
    g = ", ".join(f"k.{d}" for d in gdims)
    tail = f"GROUP BY {g} ORDER BY {g}" if gdims else ""
    sql = f"""
    SELECT {g + ',' if gdims else ''}
        count(*) AS n_kemitraan,
        count(*) FILTER (WHERE k.tanggal_mulai <= $on AND (k.tanggal_selesai IS NULL OR k.tanggal_selesai > $on)) AS n_aktif,
        avg(date_diff('day', k.tanggal_mulai, least(coalesce(k.tanggal_selesai, $on), $on)) / 365.25) AS usia_tahun
    FROM kemitraan k WHERE {f.partnership_where("k")} {tail}
    """
    if on is None:
        rng = periods.effective(con, f)
        on = periods.month_add(rng.end, 1) - dt.timedelta(days=1) if rng else dt.date.today()
    df = _sql.run(con, sql, {**f.params(), "on": on})
    df["n_selesai"] = df["n_kemitraan"] - df["n_aktif"]
    return df


def sustainability_over_time(con, f: Filters, grain: str = "tahun", by: str | list[str] | None = "kategori") -> pd.DataFrame:
    """Funds committed vs disbursed, local share, cadres, meetings per bucket (and group)."""
    return indicator_series(con, f, SUSTAIN, grain=grain, by=by)
