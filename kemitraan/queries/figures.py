"""The headline figures of every page as one plain dict: what ``python -m kemitraan angka`` prints.

Built from the same functions the pages call (indicator totals, reach, sustainability, impact,
reporting, survey), so the command line and the pages never disagree. Values are plain Python
(None for a figure without data; months as ``YYYY-MM``), ready for JSON.

The keys ``periode`` (``dari``, ``sampai``, ``laporan_di_luar_batas``), ``indikator``
(``{KODE: {nilai, n_kemitraan}}``) and ``dampak`` (``{KODE: {perubahan, bertentangan, membaik, memburuk, tetap,
n}}``: ``perubahan`` is the cohort's pooled change, the headline) and ``pembanding`` (``{KODE:
{perubahan_kemitraan, perubahan_pembanding, selisih, n_wilayah_kemitraan, n_wilayah_pembanding, ik_bawah, ik_atas,
tahun_awal, tahun_akhir, …}}``: the comparison areas from the reference values) are a
contract other tools read; everything else sits beside them.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from kemitraan import contract
from kemitraan.methods import indices
from kemitraan.queries import (
    impact,
    indicators,
    periods,
    quality,
    reach,
    reference,
    reporting,
    survey,
    sustainability,
)
from kemitraan.queries.filter_codes import month_code, to_codes
from kemitraan.queries.filters import Filters

#: Every catalog indicator, in the catalog's order.
ALL_INDICATORS: tuple[str, ...] = tuple(contract.indicators())


def plain(value):
    """A JSON-ready value: None for missing, int/float/bool/str, months as ``YYYY-MM``."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        return month_code(pd.Timestamp(value).date())
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _row(df: pd.DataFrame) -> dict:
    """The first row, column by column (so counts stay integers)."""
    return {} if df.empty else {c: plain(df[c].iloc[0]) for c in df.columns}


def _indicator(row: pd.Series) -> dict:
    ind = contract.indicator(row["kode_indikator"])
    out = {"nilai": plain(row["nilai"]), "n_kemitraan": int(row["n_kemitraan"])}
    if not pd.isna(row["target"]):
        out["target"] = plain(row["target"])
    if ind.is_rate:
        out["tertimbang"] = bool(row["tertimbang"])
        out["n_tanpa_penyebut"] = int(row["n_tanpa_penyebut"])
    elif ind.agregasi_waktu == "terakhir":
        out["bulan_stok"] = plain(row["bulan_stok"])
        out["n_tidak_melapor"] = int(row["n_tidak_melapor"])
        out["n_ditandai_akhir"] = int(row["n_ditandai_akhir"])
    return out


def _impact(row: pd.Series) -> dict:
    keys = ("membaik", "memburuk", "tetap")
    return {
        **{k: int(row[k]) for k in keys},
        "n": int(row["n_kemitraan"]),
        **{
            k: plain(row[k])
            for k in (
                "porsi_membaik_pct",
                "ik_bawah_pct",
                "ik_atas_pct",
                "baseline",
                "terakhir",
                "perubahan",
                "perubahan_bawah",
                "perubahan_atas",
                "perubahan_min",
            )
        },
        "bertentangan": bool(row["bertentangan"]),
    }


def headline_figures(con, f: Filters) -> dict:
    """The figures the pages show for ``f`` (see the module's text for the keys)."""
    rng = periods.effective(con, f)
    filters = {**to_codes(f), "sertakan_ditandai": f.include_flagged}
    periode = {
        "dari": month_code(rng.start) if rng else None,
        "sampai": month_code(rng.end) if rng else None,
        "laporan_di_luar_batas": periods.straddling_reports(con, f),
        "bulan": rng.months if rng else 0,
        "nilai_ditandai": quality.flagged_count(con, f),
        "sertakan_ditandai": f.include_flagged,
    }
    out: dict = {"periode": periode, "filter": filters, "indikator": {}, "dampak": {}, "pembanding": {}}
    if rng is None:
        return out
    # every indicator in one query; the reach and sustainability figures are derived from the same totals
    tot = indicators.indicator_totals(con, f, [*ALL_INDICATORS, *reach.REACH_KODES])
    rows = {r["kode_indikator"]: r for _, r in tot.iterrows()}
    out["indikator"] = {k: _indicator(rows[k]) for k in ALL_INDICATORS if k in rows}  # in the catalog's order
    per, _ = impact.impact_summary(con, f, [])
    out["dampak"] = {r["kode_indikator"]: _impact(r) for _, r in per.iterrows()}
    if not per.empty:
        first = per.iloc[0]
        periode["jendela_awal"] = {"dari": plain(first["awal_dari"]), "sampai": plain(first["awal_sampai"])}
        periode["jendela_akhir"] = {"dari": plain(first["akhir_dari"]), "sampai": plain(first["akhir_sampai"])}
    # comparison areas from the reference values (docs/METHODS.md §13): descriptive, never proof of effect
    out["pembanding"] = reference.comparisons(con, f, impact.OUTCOMES)

    status = _row(sustainability.partnership_status(con, f, []))
    out["kemitraan"] = {
        "n": status.get("n_kemitraan") or 0,
        "aktif": status.get("n_aktif") or 0,
        "tidak_melapor": status.get("n_tidak_melapor") or 0,
    }
    r = _row(reach.reach_from_totals(tot, []))
    out["jangkauan"] = {
        k: r.get(k)
        for k in (
            "capaian_pct",
            "cakupan_pct",
            "porsi_rentan_pct",
            "biaya_per_kontak_idr",
            "n_biaya",
            "capaian_gabungan_pct",
            "indeks_jangkauan",
        )
    }
    s = _row(sustainability.sustainability_from_totals(tot, []))
    out["keberlanjutan"] = {k: s.get(k) for k in ("realisasi_pct", "indeks_keberlanjutan")}
    rates = _row(reporting.reporting_rates(con, f, None))
    out["pelaporan"] = {
        k: rates.get(k)
        for k in ("kelengkapan_pct", "ketepatan_pct", "n_diharapkan", "n_diterima", "n_tepat_waktu", "n_tanpa_tanggal")
    }
    resp = _row(survey.respondents(con, f, None))
    health = _row(indices.health_overall(survey.health_by_principle(con, f, None), []))
    out["kesehatan"] = {
        "n_responden": resp.get("n_responden") or 0,
        "n_kemitraan": resp.get("n_kemitraan") or 0,
        "skor": health.get("skor"),
        "zona": health.get("zona"),
    }
    return out
