"""Reach (jangkauan): people reached against target and target population, hard-to-reach share, FP acceptors."""

from __future__ import annotations

import pandas as pd

from kemitraan.methods import indices
from kemitraan.queries.filters import Filters
from kemitraan.queries.indicators import (
    DANA_BIAYA,
    KONTAK_BIAYA,
    REACH,
    SASARAN_TAHUN,
    TERJANGKAU_BERSASARAN,
    dims,
    indicator_series,
    indicator_totals,
    join_groups,
    to_wide,
)


def _with_coverage(series: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Wide frame per ``keys``: terjangkau, target, sasaran_tahun, cakupan_pct, capaian_pct.

    Coverage divides the contacts of the periods that report a target population
    (``terjangkau_bersasaran``) by its person-years, so both sides cover the same reports."""
    if series.empty:
        return pd.DataFrame(columns=[*keys, "terjangkau", "target_terjangkau", "cakupan_pct", "capaian_pct"])
    reached = series[series["kode_indikator"] == "terjangkau"].set_index(keys)
    pop = series[series["kode_indikator"] == SASARAN_TAHUN].set_index(keys)["nilai"]
    reached_pop = series[series["kode_indikator"] == TERJANGKAU_BERSASARAN].set_index(keys)["nilai"]
    out = pd.DataFrame(
        {
            "bulan_awal": reached["bulan_awal"],
            "bulan_akhir": reached["bulan_akhir"],
            "terjangkau": reached["nilai"],
            "target_terjangkau": reached["target"],
            "terjangkau_bertarget": reached["nilai_bertarget"],
            "n_kemitraan": reached["n_kemitraan"],
        }
    )
    out["sasaran_tahun"] = pop.reindex(out.index)
    out[TERJANGKAU_BERSASARAN] = reached_pop.reindex(out.index)
    out["cakupan_pct"] = out[TERJANGKAU_BERSASARAN] / out["sasaran_tahun"].where(out["sasaran_tahun"] > 0) * 100
    out["capaian_pct"] = (
        out["terjangkau_bertarget"] / out["target_terjangkau"].where(out["target_terjangkau"] > 0) * 100
    )
    return out.reset_index()


#: The indicators :func:`reach_summary` reads (with the pseudo-indicators that come with SASARAN_TAHUN and
#: DANA_BIAYA: coverage's and cost per contact's, from the same statement).
REACH_KODES = (*REACH, SASARAN_TAHUN, "dana_realisasi_idr", DANA_BIAYA)


def reach_summary(con, f: Filters, by: str | list[str] = "kategori") -> pd.DataFrame:
    """Per group: reach totals (contacts), annualised coverage, attainment, hard-to-reach share, the reach
    index, and cost per contact (:func:`cost_per_contact`: ``biaya_per_kontak_idr`` with its ``n_biaya``)."""
    gdims = dims(by)
    return reach_from_totals(indicator_totals(con, f, list(REACH_KODES), by=gdims), gdims)


#: The columns :func:`cost_per_contact` adds.
COST_COLUMNS = ("biaya_per_kontak_idr", "n_biaya", "dana_biaya_idr", "kontak_biaya")


def cost_per_contact(con, f: Filters, by: str | list[str] | None = None) -> pd.DataFrame:
    """Per group: Σ funds disbursed ÷ Σ contacts over the partnerships that report **both** in the range, so the
    money and the contacts are the same partnerships' (``n_biaya`` of them; ``dana_biaya_idr``, ``kontak_biaya``).
    A group where no partnership reports both has no row."""
    gdims = dims(by)
    return cost_from_totals(indicator_totals(con, f, [DANA_BIAYA], by=gdims), gdims)


def cost_from_totals(tot: pd.DataFrame, by: str | list[str] | None = None) -> pd.DataFrame:
    """:func:`cost_per_contact` from totals that hold the pseudo-indicators :data:`DANA_BIAYA` and
    :data:`KONTAK_BIAYA` (asked for with the same group-by)."""
    gdims = dims(by)
    money = tot[tot["kode_indikator"] == DANA_BIAYA].reset_index(drop=True)
    contacts = tot[tot["kode_indikator"] == KONTAK_BIAYA].reset_index(drop=True)
    if money.empty:
        return pd.DataFrame(columns=[*gdims, *COST_COLUMNS])
    # both rows of a group come from the same partnerships' rows, so the groups are the same and in the same order
    out = money[gdims].copy()
    out["dana_biaya_idr"] = money["nilai"]
    out["kontak_biaya"] = contacts["nilai"]
    out["n_biaya"] = money["n_kemitraan"]
    out["biaya_per_kontak_idr"] = out["dana_biaya_idr"] / out["kontak_biaya"].where(out["kontak_biaya"] > 0)
    return out[[*gdims, *COST_COLUMNS]]


def reach_from_totals(tot: pd.DataFrame, gdims: list[str]) -> pd.DataFrame:
    """:func:`reach_summary` from totals already queried with at least :data:`REACH_KODES` (others are ignored),
    so a caller that needs every indicator queries them once; the cost per contact where they hold its
    pseudo-indicators."""
    cost = cost_from_totals(tot, gdims)
    tot = tot[tot["kode_indikator"].isin([*REACH, SASARAN_TAHUN, "dana_realisasi_idr", TERJANGKAU_BERSASARAN])]
    if tot.empty:
        return pd.DataFrame(columns=[*gdims, "indeks_jangkauan"])
    # the index reads coverage against person-years of target population (annualised)
    idx_in = tot[tot["kode_indikator"] != "sasaran"].copy()
    idx_in.loc[idx_in["kode_indikator"] == SASARAN_TAHUN, "kode_indikator"] = "sasaran"
    idx = indices.reach_index(idx_in, gdims)
    wide = to_wide(tot, gdims)
    if gdims:
        n = tot.groupby(gdims)["n_kemitraan"].max().rename("n_kemitraan").reset_index()
    else:
        n = pd.DataFrame({"n_kemitraan": [tot["n_kemitraan"].max()]})
    out = join_groups(join_groups(idx, wide, gdims), n, gdims)
    if "terjangkau" in out:
        t_att = tot[tot["kode_indikator"] == "terjangkau"]
        tt = t_att[[*gdims, "target"]].rename(columns={"target": "target_terjangkau"})
        out = join_groups(out, tt, gdims) if gdims else pd.concat([out, tt.reset_index(drop=True)], axis=1)
    # the funds and the contacts of the same partnerships, not Σ all funds ÷ Σ all contacts
    out = join_groups(out, cost, gdims) if gdims else pd.concat([out, cost.reset_index(drop=True)], axis=1)
    out["n_biaya"] = out["n_biaya"].fillna(0).astype(int)  # a group where no partnership reports both
    return out


def reach_over_time(
    con,
    f: Filters,
    grain: str = "tahun",
    by: str | list[str] | None = "kategori",
    keep: list[str] | tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Per bucket (and group): contacts, their target, annualised coverage and attainment (``keep``: see
    :func:`~kemitraan.queries.indicators.indicator_series`)."""
    gdims = dims(by)
    s = indicator_series(con, f, ["terjangkau", SASARAN_TAHUN], grain=grain, by=gdims, keep=keep)
    return _with_coverage(s, [*gdims, "periode_mulai", "periode"])


def acceptors_over_time(con, f: Filters, grain: str = "tahun", by: str | list[str] | None = None) -> pd.DataFrame:
    """New (flow) and active (stock) family-planning acceptors per bucket."""
    return indicator_series(con, f, ["peserta_kb_baru", "peserta_kb_aktif"], grain=grain, by=by)
