"""Profil Kemitraan: one partnership's record, indicators and survey; the partnership list for pickers."""

from __future__ import annotations

import pandas as pd

from kemitraan import contract
from kemitraan.queries import _sql
from kemitraan.queries.filters import Filters
from kemitraan.queries.indicators import indicator_series
from kemitraan.queries.survey import health_by_principle
from kemitraan.storage import analysis_table, rollup


def partnership(con, kode: str) -> dict | None:
    """One partnership's stored row as a dict, or None."""
    cols = ", ".join(contract.stored_columns("kemitraan"))
    df = _sql.run(con, f"SELECT {cols} FROM kemitraan WHERE kode_kemitraan = $kode", {"kode": kode})
    return None if df.empty else df.iloc[0].to_dict()


def partnership_list(con, f: Filters) -> pd.DataFrame:
    """Code, name, kategori, bidang, province of the filtered partnerships (for pickers and links)."""
    return _sql.run(
        con,
        f"SELECT kode_kemitraan, nama_kemitraan, kategori, bidang, provinsi FROM kemitraan k "
        f"WHERE {f.partnership_where('k')} ORDER BY kode_kemitraan",
        f.params(),
    )


def period_only(f: Filters | None) -> Filters:
    """What of the sidebar's filters applies to one partnership's figures: the period and whether flagged values
    count. Its kategori, bidang and area filters chose which partnerships the profile offers; they cannot narrow
    one partnership's own figures."""
    f = f or Filters()
    return Filters(period_from=f.period_from, period_to=f.period_to, include_flagged=f.include_flagged)


def partnership_indicators(con, kode: str, grain: str = "triwulan", f: Filters | None = None) -> pd.DataFrame:
    """Every indicator of one partnership per bucket, with its target, within the period of ``f``."""
    kinds = _sql.run(  # from the yearly rollup: the same indicators, a tenth of the rows, found by number
        con,
        f"SELECT DISTINCT kode_indikator FROM {rollup.NAME} "
        f"WHERE kid IN (SELECT kid FROM {analysis_table.KIDS} WHERE kode_kemitraan = $kode) ORDER BY 1",
        {"kode": kode},
    )
    kodes = [k for k in kinds["kode_indikator"] if k in contract.indicators()]
    if not kodes:
        return pd.DataFrame(columns=["kode_kemitraan", "periode_mulai", "periode", "kode_indikator", "nilai", "target"])
    return indicator_series(con, period_only(f), kodes, grain=grain, by="kode_kemitraan", kode=kode)


def partnership_health(con, kode: str, f: Filters | None = None) -> pd.DataFrame:
    """Per principle for one partnership (its surveys within the period of ``f``): n, mean, score, zone."""
    return health_by_principle(con, period_only(f), by=None, kode=kode)
