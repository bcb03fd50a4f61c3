"""Slide titles as takeaway sentences computed from the data: "Jangkauan 2025 naik 12 % dibanding 2024; tertinggi: …".

Each function reads the frame its slide's chart draws (or the one-row total the slide's headline
metric shows) and falls back to a plain statement when a comparison would mislead: a year-on-year
change is only stated between two *complete* years (a partial first or last year is never compared),
and no data gives "…: belum ada data untuk filter ini".
"""

from __future__ import annotations

import math

import pandas as pd

from kemitraan import contract
from kemitraan.export.context import Coverage
from kemitraan.i18n import t
from kemitraan.labels import areas_label, dim_label, fmt_idr, fmt_number, fmt_pct, map_unit_label, unit_label
from kemitraan.methods import indices

#: A change smaller than this (in % or points) is called stable, not a rise or a fall.
STABLE = 0.5


def _ok(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def count(x: float, lang: str) -> str:
    """A count as the slide's metric and the page's KPI write it (every digit: one figure, one rounding)."""
    return fmt_number(x, lang)


def _pct(x: float, lang: str) -> str:
    return fmt_pct(abs(x), lang, 1 if abs(x) < 10 else 0)


def no_data(key: str, lang: str) -> str:
    return t("export.take.no_data", lang, topik=t(f"export.slide.{key}", lang))


def _yearly(frame: pd.DataFrame, value: str) -> pd.Series:
    """Sum of ``value`` per calendar year of ``periode_mulai`` (over the groups in the frame)."""
    if frame.empty or value not in frame:
        return pd.Series(dtype=float)
    d = frame.dropna(subset=[value])
    years = pd.to_datetime(d["periode_mulai"]).dt.year
    return d.groupby(years)[value].sum()


def compared_years(cov: Coverage, years) -> tuple[int, int] | None:
    """The last complete year with data and the one before it, when both are complete and present."""
    complete = [y for y in cov.complete_years() if y in set(years)]
    if len(complete) < 2 or complete[-1] - 1 not in complete:
        return None
    return complete[-1] - 1, complete[-1]


def _change_key(change: float) -> str:
    return "flat" if abs(change) < STABLE else ("up" if change > 0 else "down")


def _top(frame: pd.DataFrame, dim: str, value: str, lang: str, lowest: bool = False) -> str | None:
    d = frame.dropna(subset=[value]) if value in frame else frame.iloc[0:0]
    if len(d) < 2:  # "highest" of one group says nothing
        return None
    row = d.loc[d[value].idxmin() if lowest else d[value].idxmax()]
    return dim_label(dim, row[dim], lang)


def overview(by_group: pd.DataFrame, dim: str, lang: str, n_all: int | None = None) -> str:
    """``59 dari 60 kemitraan mencatat 297.814 kontak layanan; terbanyak: Berbasis Masyarakat (85.848 kontak
    layanan)``: ``n_all`` is the partnerships the slide's metric counts, the first number those that report contacts
    (the chart's); when they are the same one number is said."""
    if by_group.empty or "terjangkau" not in by_group or not by_group["terjangkau"].notna().any():
        return no_data("ringkasan", lang)
    n = int(by_group["n_kemitraan"].fillna(0).sum())
    total = float(by_group["terjangkau"].sum())
    if n_all is not None and n_all != n:
        text = t(
            "export.take.overview.of",
            lang,
            n=fmt_number(n, lang),
            semua=fmt_number(n_all, lang),
            orang=count(total, lang),
        )
    else:
        text = t("export.take.overview", lang, n=fmt_number(n, lang), orang=count(total, lang))
    top = _top(by_group, dim, "terjangkau", lang)
    if top:
        x = float(by_group["terjangkau"].max())
        text += t("export.take.most", lang, grup=top, nilai=f"{count(x, lang)} {unit_label('terjangkau', lang)}")
    return text


def reach_trend(trend: pd.DataFrame, dim: str, cov: Coverage, lang: str) -> str:
    """``Jangkauan 2025 naik 12 % dibanding 2024; tertinggi: Pemerintah–LSM``, or the period's total."""
    per_year = _yearly(trend, "terjangkau")
    if per_year.empty:
        return no_data("jangkauan", lang)
    pair = compared_years(cov, per_year.index)
    if pair and per_year[pair[0]] > 0:
        prev, last = pair
        change = (per_year[last] / per_year[prev] - 1) * 100
        text = t(f"export.take.reach.{_change_key(change)}", lang, tahun=last, prev=prev, pct=_pct(change, lang))
        latest = trend[pd.to_datetime(trend["periode_mulai"]).dt.year == last]
    else:
        text = t("export.take.reach.total", lang, periode=cov.label(lang), orang=count(float(per_year.sum()), lang))
        latest = trend.groupby(dim, as_index=False)["terjangkau"].sum() if dim in trend else trend.iloc[0:0]
    top = _top(latest, dim, "terjangkau", lang) if dim in latest else None
    return text + (t("export.take.highest", lang, grup=top) if top else "")


def yearly_coverage(trend: pd.DataFrame) -> pd.Series:
    """Coverage per calendar year over the groups of the frame: Σ reached ÷ Σ target person-years × 100, the
    contacts of the periods that report a target population on both sides (the same reports)."""
    reached, pop = _yearly(trend, "terjangkau_bersasaran"), _yearly(trend, "sasaran_tahun")
    return (reached / pop.where(pop > 0) * 100).dropna()


def coverage_trend(trend: pd.DataFrame, dim: str, cov: Coverage, lang: str) -> str:
    """``Cakupan 2025: 82 % sasaran (naik 2,6 poin dibanding 2024)``: Σ reached ÷ Σ target person-years."""
    reached, pop = _yearly(trend, "terjangkau_bersasaran"), _yearly(trend, "sasaran_tahun")
    rate = yearly_coverage(trend)
    if rate.empty:
        return no_data("cakupan", lang)
    pair = compared_years(cov, rate.index)
    if not pair:
        total = reached.sum() / pop.sum() * 100 if pop.sum() > 0 else float("nan")
        return t("export.take.coverage.total", lang, periode=cov.label(lang), pct=fmt_pct(total, lang))
    prev, last = pair
    change = rate[last] - rate[prev]
    return t(
        f"export.take.coverage.{_change_key(change)}",
        lang,
        tahun=last,
        prev=prev,
        pct=fmt_pct(rate[last], lang),
        poin=fmt_number(abs(change), lang, 1),
    )


def funds(by_group: pd.DataFrame, dim: str, lang: str) -> str:
    """``Rp 95,2 M dari Rp 120,3 M dana komitmen terealisasi (79,1 %); terendah: Publik–Swasta (62,0 %)``."""
    need = {"dana_komitmen_idr", "dana_realisasi_idr"}
    if by_group.empty or not need <= set(by_group) or not (by_group["dana_komitmen_idr"].fillna(0) > 0).any():
        return no_data("dana", lang)
    committed, spent = float(by_group["dana_komitmen_idr"].sum()), float(by_group["dana_realisasi_idr"].sum())
    text = t(
        "export.take.funds",
        lang,
        realisasi=fmt_idr(spent, lang),
        komitmen=fmt_idr(committed, lang),
        pct=fmt_pct(spent / committed * 100, lang),
    )
    low = _top(by_group, dim, "realisasi_pct", lang, lowest=True) if "realisasi_pct" in by_group else None
    if low:
        text += t("export.take.lowest", lang, grup=low, nilai=fmt_pct(float(by_group["realisasi_pct"].min()), lang))
    return text


def impact_row(per_outcome: pd.DataFrame) -> pd.Series | None:
    """The outcome a slide speaks of: the one with the largest cohort (None without a cohort)."""
    d = per_outcome[per_outcome["n_kemitraan"] > 0] if "n_kemitraan" in per_outcome else per_outcome.iloc[0:0]
    if d.empty:
        return None
    return d.sort_values(["n_kemitraan", "kode_indikator"], ascending=[False, True]).iloc[0]


def impact(per_outcome: pd.DataFrame, lang: str) -> str:
    """``mCPR: kohort berubah −10,0 poin persentase (IK 95 % …), 60,0 → 50,0; 0 dari 5 kemitraan membaik, 1
    memburuk`` for the outcome with the largest cohort, with the contradiction and small-n warnings in words."""
    row = impact_row(per_outcome)
    if row is None:
        return t("export.take.impact.none", lang)
    return indices.impact_statement(row, lang)


def health(by_principle: pd.DataFrame, lang: str) -> str:
    """``Skor kesehatan kemitraan 74/100 (kuat); terlemah: Manajemen konflik (61)``."""
    if by_principle.empty or not by_principle["skor"].notna().any():
        return no_data("kesehatan", lang)
    overall = indices.health_overall(by_principle, []).iloc[0]
    text = t(
        "export.take.health",
        lang,
        skor=fmt_number(overall["skor"], lang),
        zona=t(f"zona.{overall['zona']}", lang).lower(),
    )
    weak = by_principle.loc[by_principle["skor"].idxmin()]
    text += t(
        "export.take.weakest",
        lang,
        prinsip=contract.PRINCIPLE_LABELS[weak["prinsip"]][0 if lang == "id" else 1],
        skor=fmt_number(float(weak["skor"]), lang),
    )
    if int(overall.get("n") or 0) < indices.MIN_RESPONDENTS:
        text += t("export.take.small_n", lang, n=int(overall.get("n") or 0))
    return text


def satisfaction(by_group: pd.DataFrame, total: pd.DataFrame, dim: str, lang: str) -> str:
    if total.empty or not total["skor"].notna().any():
        return no_data("kepuasan", lang)
    row = total.iloc[0]
    text = t(
        "export.take.satisfaction",
        lang,
        skor=fmt_number(row["skor"], lang),
        zona=t(f"zona.{row['zona']}", lang).lower(),
    )
    low = _top(by_group, dim, "skor", lang, lowest=True)
    if low:
        text += t("export.take.lowest", lang, grup=low, nilai=fmt_number(float(by_group["skor"].min()), lang))
    return text


def hard_to_reach(by_group: pd.DataFrame, total: pd.DataFrame, dim: str, lang: str) -> str:
    if total.empty or "porsi_rentan_pct" not in total or not _ok(total["porsi_rentan_pct"].iloc[0]):
        return no_data("rentan", lang)
    text = t("export.take.rentan", lang, pct=fmt_pct(float(total["porsi_rentan_pct"].iloc[0]), lang))
    top = _top(by_group, dim, "porsi_rentan_pct", lang)
    if top:
        text += t("export.take.most", lang, grup=top, nilai=fmt_pct(float(by_group["porsi_rentan_pct"].max()), lang))
    return text


def status(by_group: pd.DataFrame, lang: str) -> str:
    if by_group.empty or int(by_group["n_kemitraan"].sum()) == 0:
        return no_data("status", lang)
    n, a = int(by_group["n_kemitraan"].sum()), int(by_group["n_aktif"].sum())
    age = float((by_group["usia_tahun"] * by_group["n_kemitraan"]).sum() / n)
    return t("export.take.status", lang, a=fmt_number(a, lang), n=fmt_number(n, lang), usia=fmt_number(age, lang, 1))


def areas(frame: pd.DataFrame, kode: str, level: str, lang: str, decimals: int = 1) -> str:
    """``Orang terjangkau (kontak) tertinggi di Kota Surabaya (3,01 kontak layanan per 1.000 penduduk); 3 dari 38
    kabupaten/kota punya data`` — what the map shows (per population, per target or the rate), never a raw count
    that a larger area wins by its size alone. ``frame`` is :func:`kemitraan.queries.geography.area_values`'."""
    has = frame[frame["status"] == "data"] if not frame.empty else frame
    if has.empty:
        return no_data("peta", lang)
    top = has.loc[has["nilai_peta"].idxmax()]
    value = f"{fmt_number(float(top['nilai_peta']), lang, decimals)} {map_unit_label(kode, lang)}"
    jenis = areas_label(level, lang)
    return t(
        "export.take.map",
        lang,
        indikator=contract.indicator(kode).label(lang),
        wilayah=top["wilayah"],
        nilai=value,
        k=len(has),
        n=len(frame),
        jenis=jenis,
    )
