"""Provinces: the map's figures for all 38 provinces of the shipped table."""

from __future__ import annotations

import pandas as pd

from kemitraan import contract
from kemitraan.queries import _sql
from kemitraan.queries.filters import Filters
from kemitraan.queries.indicators import indicator_totals


def province_summary(con, f: Filters, kode: str = "terjangkau") -> pd.DataFrame:
    """Per province (all 38, from the shipped table): partnerships, the indicator's value, lat/lon, population."""
    tot = indicator_totals(con, f, [kode], by="provinsi_kode")
    n = _sql.run(con, f"SELECT k.provinsi_kode, count(*) AS n_kemitraan FROM kemitraan k "
                      f"WHERE {f.partnership_where('k')} GROUP BY 1", f.params())
    base = pd.DataFrame(
        [{"provinsi_kode": c, "provinsi": p.nama, "lat": p.lat, "lon": p.lon, "penduduk": p.penduduk}
         for c, p in contract.provinces().items()]
    )
    out = base.merge(n, on="provinsi_kode", how="left").merge(
        tot[["provinsi_kode", "nilai"]] if not tot.empty else pd.DataFrame(columns=["provinsi_kode", "nilai"]),
        on="provinsi_kode", how="left")
    out["n_kemitraan"] = out["n_kemitraan"].fillna(0).astype(int)
    out["kode_indikator"] = kode
    return out
