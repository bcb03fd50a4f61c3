"""The map's figures: per province (all 38) or per kabupaten/kota (of the chosen provinces, or all 514), each area's
value put on the map as the indicator's catalog says (``peta``: docs/METHODS.md, "The map")."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kemitraan import contract
from kemitraan.queries import _sql
from kemitraan.queries.filters import Filters
from kemitraan.queries.indicators import indicator_totals

#: The map's levels, as ``?tingkat=`` holds them; the first is the default.
LEVELS: tuple[str, ...] = ("provinsi", "kabupaten")
#: The partnership column that places a partnership in an area of each level.
_AREA_COLUMN = {"provinsi": "provinsi_kode", "kabupaten": "kabupaten_kode"}
#: Why an area is drawn without a value (``status``): no partnership of the filters reported the indicator there;
#: it has values but none carries a target (a ``persen_target`` indicator); the filters leave the area out.
STATUSES: tuple[str, ...] = ("data", "tanpa_data", "tanpa_target", "di_luar_filter")


@dataclass(frozen=True)
class AreaValues:
    """What the map draws: ``frame`` has one row per area of ``level`` in view (see :func:`area_values`);
    ``n_tanpa_wilayah`` counts the partnerships whose values could not be placed (no kabupaten/kota)."""

    level: str
    kode: str
    frame: pd.DataFrame
    n_tanpa_wilayah: int = 0

    @property
    def with_data(self) -> pd.DataFrame:
        return self.frame[self.frame["status"] == "data"]


def map_level(f: Filters, tingkat: str | None = None) -> str:
    """``kabupaten`` when exactly one province is chosen or the reader asked for it (``?tingkat=kabupaten``);
    else ``provinsi``: one province coloured on the country's map would say nothing its kabupaten/kota do not."""
    return "kabupaten" if tingkat == "kabupaten" or len(f.provinsi) == 1 else "provinsi"


def _areas(f: Filters, level: str) -> pd.DataFrame:
    """The areas in view: all 38 provinces; the kabupaten/kota of the chosen provinces, or all 514."""
    if level == "provinsi":
        return pd.DataFrame(
            [
                {"wilayah_kode": c, "wilayah": p.nama, "provinsi_kode": c, "penduduk": p.penduduk}
                for c, p in contract.provinces().items()
            ]
        )
    return pd.DataFrame(
        [
            {"wilayah_kode": a.kode, "wilayah": a.nama, "provinsi_kode": a.provinsi_kode, "penduduk": a.penduduk}
            for a in contract.areas().values()
            if not f.provinsi or a.provinsi_kode in f.provinsi
        ]
    )


def area_values(con, f: Filters, kode: str = "terjangkau", level: str = "provinsi") -> AreaValues:
    """Per area in view: ``wilayah_kode`` (BPS province code / Kemendagri kabupaten code), ``wilayah`` (name),
    ``provinsi_kode``, ``penduduk`` (2025), ``n_kemitraan`` (partnerships of the filters working there),
    the indicator aggregated by the catalog's rules (``nilai``, ``target``, ``nilai_bertarget``, ``n_nilai``: the
    partnerships behind it), ``nilai_peta`` (what the map shows, :func:`map_value`) and ``status``
    (:data:`STATUSES`). An area without a value keeps NaN: it is drawn as "no data", never as 0."""
    if level not in LEVELS:
        raise ValueError(f"unknown map level {level!r}; expected one of {LEVELS}")
    col = _AREA_COLUMN[level]
    base = _areas(f, level)
    tot = indicator_totals(con, f, [kode], by=col)
    n = _sql.run(
        con,
        f"SELECT k.{col} AS wilayah_kode, count(*) AS n_kemitraan FROM kemitraan k "
        f"WHERE {f.partnership_where('k')} AND k.{col} IS NOT NULL GROUP BY 1",
        f.params(),
    )
    placed = tot[tot[col].notna()] if not tot.empty else tot
    unplaced = int(tot.loc[tot[col].isna(), "n_kemitraan"].sum()) if not tot.empty else 0
    vals = (
        placed.rename(columns={col: "wilayah_kode", "n_kemitraan": "n_nilai"})[
            ["wilayah_kode", "nilai", "target", "nilai_bertarget", "n_nilai"]
        ]
        if not placed.empty
        else pd.DataFrame(columns=["wilayah_kode", "nilai", "target", "nilai_bertarget", "n_nilai"])
    )
    out = base.merge(n, on="wilayah_kode", how="left").merge(vals, on="wilayah_kode", how="left")
    out["n_kemitraan"] = out["n_kemitraan"].fillna(0).astype(int)
    out["n_nilai"] = out["n_nilai"].fillna(0).astype(int)
    for c in ("nilai", "target", "nilai_bertarget"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype(float)
    out["nilai_peta"] = map_value(out, kode)
    outside = ~_in_filters(out, f, level)
    out["status"] = np.select(
        [out["nilai_peta"].notna(), outside, out["nilai"].notna()],
        ["data", "di_luar_filter", "tanpa_target"],
        default="tanpa_data",
    )
    out["kode_indikator"] = kode
    return AreaValues(level, kode, out.reset_index(drop=True), unplaced)


def map_value(df: pd.DataFrame, kode: str) -> pd.Series:
    """What the map shows for each row (``nilai``, ``target``, ``nilai_bertarget``, ``penduduk``), by the catalog's
    ``peta``: the value, the value per 1,000 / 100,000 / 1 people of the area, or % of target. NaN stays NaN."""
    measure = contract.indicator(kode).peta
    if measure == "persen_target":
        target = df["target"].where(df["target"] > 0)
        return df["nilai_bertarget"] / target * 100
    per = contract.MAP_MEASURES[measure]
    return df["nilai"] if per is None else df["nilai"] / df["penduduk"] * per


def _in_filters(df: pd.DataFrame, f: Filters, level: str) -> pd.Series:
    """Areas the province and kabupaten/kota filters keep (every area when they are not set)."""
    keep = pd.Series(True, index=df.index)
    if f.provinsi:
        keep &= df["provinsi_kode"].isin(f.provinsi)
    if f.kabupaten and level == "kabupaten":
        keep &= df["wilayah_kode"].isin(f.kabupaten)
    return keep


def province_summary(con, f: Filters, kode: str = "terjangkau") -> pd.DataFrame:
    """Per province (all 38, from the shipped table): partnerships, the indicator's value, lat/lon, population."""
    tot = indicator_totals(con, f, [kode], by="provinsi_kode")
    n = _sql.run(
        con,
        f"SELECT k.provinsi_kode, count(*) AS n_kemitraan FROM kemitraan k WHERE {f.partnership_where('k')} GROUP BY 1",
        f.params(),
    )
    base = pd.DataFrame(
        [
            {"provinsi_kode": c, "provinsi": p.nama, "lat": p.lat, "lon": p.lon, "penduduk": p.penduduk}
            for c, p in contract.provinces().items()
        ]
    )
    out = base.merge(n, on="provinsi_kode", how="left").merge(
        tot[["provinsi_kode", "nilai"]] if not tot.empty else pd.DataFrame(columns=["provinsi_kode", "nilai"]),
        on="provinsi_kode",
        how="left",
    )
    out["n_kemitraan"] = out["n_kemitraan"].fillna(0).astype(int)
    out["kode_indikator"] = kode
    return out
