"""Bandingkan: categories, program areas, provinces or partnerships side by side on the four indices."""

from __future__ import annotations

import pandas as pd

from kemitraan.methods import indices
from kemitraan.queries.filters import Filters
from kemitraan.queries.impact import impact_summary
from kemitraan.queries.profile import partnership_list
from kemitraan.queries.reach import reach_from_totals
from kemitraan.queries.summaries import totals
from kemitraan.queries.survey import health_by_principle
from kemitraan.queries.sustainability import partnership_status, sustainability_from_totals

COMPARE_DIMENSIONS: tuple[str, ...] = ("kategori", "bidang", "provinsi_kode", "kode_kemitraan")


def compare_groups(
    con, f: Filters, dim: str, members: list[str] | tuple[str, ...], grain: str = "tahun"
) -> pd.DataFrame:
    """One row per member of ``dim``: the four indices side by side, with the values behind them.

    Columns: ``dim``, ``indeks_jangkauan``, ``indeks_keberlanjutan``, ``porsi_membaik_pct`` (impact: the share of
    partnership × outcome pairs improving, with its interval), ``skor_kesehatan``,
    ``n_responden``, ``terjangkau``, ``cakupan_pct``, ``realisasi_pct``, ``porsi_dana_lokal_pct``, ``n_kemitraan``
    (and ``nama_kemitraan`` when comparing partnerships).
    """
    if dim not in COMPARE_DIMENSIONS:
        raise ValueError(f"cannot compare by {dim!r}")
    members = [str(m) for m in members]
    out = pd.DataFrame({dim: members})
    _, imp = impact_summary(con, f, dim)
    health = indices.health_overall(health_by_principle(con, f, dim), [dim])
    tot = totals(con, f, ((dim,),))[(dim,)]  # reach and sustainability from one pass (no cost per contact here)
    for part, cols in (
        (reach_from_totals(tot, [dim]), ["indeks_jangkauan", "terjangkau", "cakupan_pct", "capaian_pct"]),
        (sustainability_from_totals(tot, [dim]), ["indeks_keberlanjutan", "realisasi_pct", "porsi_dana_lokal_pct"]),
        (imp, ["porsi_membaik_pct", "ik_bawah_pct", "ik_atas_pct", "n_pasangan"]),
        (health.rename(columns={"skor": "skor_kesehatan", "n": "n_responden"}), ["skor_kesehatan", "n_responden"]),
        (partnership_status(con, f, dim), ["n_kemitraan", "n_aktif"]),
    ):
        keep = [c for c in cols if c in part.columns]
        if not part.empty and keep:
            out = out.merge(part[[dim, *keep]].astype({dim: str}), on=dim, how="left")
        for c in cols:
            if c not in out:
                out[c] = float("nan")
    if dim == "kode_kemitraan":
        names = partnership_list(con, Filters())
        out = out.merge(names[["kode_kemitraan", "nama_kemitraan"]], on="kode_kemitraan", how="left")
    return out
