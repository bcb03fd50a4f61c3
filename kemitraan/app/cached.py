"""Every query a page runs, cached per store version: one ``@st.cache_data`` function each.

Each takes the store's :class:`~kemitraan.app.session.Snapshot` first, so its cache key is
the store's version plus the arguments: a new upload or an undo is seen at once. The
results are small aggregated frames; the functions only forward to :mod:`kemitraan.queries`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kemitraan.app.session import Snapshot, store
from kemitraan.export import context
from kemitraan.queries import (
    compare,
    explore,
    geography,
    impact,
    indicators,
    overview,
    periods,
    profile,
    quality,
    reach,
    reference,
    reporting,
    summaries,
    survey,
    sustainability,
)
from kemitraan.queries.filters import Filters

_CACHE = {"max_entries": 256, "ttl": 3600, "show_spinner": False}


@st.cache_data(**_CACHE)
def period_bounds(db: Snapshot):
    return overview.period_bounds(db.cursor())


@st.cache_data(**_CACHE)
def data_months(db: Snapshot) -> periods.Range | None:
    return periods.data_months(db.cursor())


@st.cache_data(**_CACHE)
def effective_range(db: Snapshot, f: Filters) -> periods.Range | None:
    return periods.effective(db.cursor(), f)


@st.cache_data(**_CACHE)
def straddling_reports(db: Snapshot, f: Filters) -> int:
    return periods.straddling_reports(db.cursor(), f)


@st.cache_data(**_CACHE)
def kabupaten_options(db: Snapshot, provinsi: tuple[str, ...]) -> list[str]:
    return overview.kabupaten_options(db.cursor(), provinsi)


@st.cache_data(**_CACHE)
def banner_state(db: Snapshot) -> str | None:
    from kemitraan.generators import demo_state

    return demo_state.banner_state(store())


@st.cache_data(**_CACHE)
def orphan_rows(db: Snapshot, f: Filters):
    return quality.orphan_rows(db.cursor(), f)


@st.cache_data(**_CACHE)
def flagged_count(db: Snapshot, f: Filters, kodes: tuple[str, ...] | None = None) -> int:
    return quality.flagged_count(db.cursor(), f, kodes)


@st.cache_data(**_CACHE)
def reporting_rates(db: Snapshot, f: Filters, by="kategori"):
    return reporting.reporting_rates(db.cursor(), f, by)


@st.cache_data(**_CACHE)
def impact_cohort(db: Snapshot, f: Filters, kode: str) -> list[str]:
    return impact.cohort(db.cursor(), f, kode, totals=_windows(db, f, []))


@st.cache_data(**_CACHE)
def top_groups(db: Snapshot, f: Filters, kode: str, dim: str, n: int = 7) -> list[str]:
    return indicators.top_groups(db.cursor(), f, kode, dim, n)


@st.cache_data(**_CACHE)
def indicator_totals(db: Snapshot, f: Filters, kodes: tuple[str, ...], by=None):
    return indicators.indicator_totals(db.cursor(), f, list(kodes), by)


@st.cache_data(**_CACHE)
def indicator_series(
    db: Snapshot, f: Filters, kodes: list[str], grain: str = "tahun", by=None, keep: tuple[str, ...] | None = None
):
    return indicators.indicator_series(db.cursor(), f, kodes, grain, by, keep=keep)


@st.cache_data(**_CACHE)
def coarser_reports(db: Snapshot, f: Filters, grain: str):
    return indicators.coarser_reports(db.cursor(), f, grain)


@st.cache_data(**_CACHE)
def summary_totals_of_sets(db: Snapshot, f: Filters, sets: tuple[tuple[str, ...], ...]):
    return summaries.totals(db.cursor(), f, sets)


@st.cache_data(**_CACHE)
def reach_summary(db: Snapshot, f: Filters, by="kategori"):
    """Per ``by``, from the one pass that also answers the whole selection (or its categories):
    :mod:`kemitraan.queries.summaries`."""
    key, sets = summaries.sets_for(by)
    return reach.reach_from_totals(summary_totals_of_sets(db, f, sets)[key], list(key))


@st.cache_data(**_CACHE)
def summary_totals(db: Snapshot, f: Filters, kodes: tuple[str, ...]):
    """``indicator_totals`` of ``kodes`` (among :data:`~kemitraan.queries.summaries.KODES`) for the whole
    selection, from the summaries' pass: a page's headline facts beside its summaries cost no query of their own."""
    return summaries.of_kodes(summary_totals_of_sets(db, f, summaries.WHOLE_AND_CATEGORY)[()], kodes)


@st.cache_data(**_CACHE)
def reach_over_time(db: Snapshot, f: Filters, grain: str = "tahun", by="kategori", keep: tuple[str, ...] | None = None):
    return reach.reach_over_time(db.cursor(), f, grain, by, keep)


@st.cache_data(**_CACHE)
def acceptors_over_time(db: Snapshot, f: Filters, grain: str = "tahun", by=None):
    return reach.acceptors_over_time(db.cursor(), f, grain, by)


@st.cache_data(**_CACHE)
def sustainability_summary(db: Snapshot, f: Filters, by="kategori"):
    """Per ``by``, from the same pass as :func:`reach_summary`."""
    key, sets = summaries.sets_for(by)
    return sustainability.sustainability_from_totals(summary_totals_of_sets(db, f, sets)[key], list(key))


@st.cache_data(**_CACHE)
def sustainability_over_time(db: Snapshot, f: Filters, grain: str = "tahun", by="kategori"):
    return sustainability.sustainability_over_time(db.cursor(), f, grain, by)


@st.cache_data(**_CACHE)
def partnership_status(db: Snapshot, f: Filters, by="kategori"):
    return sustainability.partnership_status(db.cursor(), f, by)


@st.cache_data(**_CACHE)
def impact_window_totals(db: Snapshot, f: Filters, by: tuple[str, ...]):
    return impact.window_totals(db.cursor(), f, impact.OUTCOMES, list(by))


def _windows(db: Snapshot, f: Filters, by) -> impact.WindowTotals | None:
    """Every outcome's window totals per partnership with its category (and ``by``'s columns): the whole, per
    category, one outcome or all, and each cohort read the same rows (impact.window_totals)."""
    return impact_window_totals(db, f, tuple(dict.fromkeys(["kategori", *indicators.dims(by)])))


@st.cache_data(**_CACHE)
def impact_summary(db: Snapshot, f: Filters, by="kategori", kodes=impact.OUTCOMES):
    return impact.impact_summary(db.cursor(), f, by, kodes, totals=_windows(db, f, by))


@st.cache_data(**_CACHE)
def outcome_series(
    db: Snapshot, f: Filters, grain: str = "tahun", by="kategori", kodes=impact.OUTCOMES, fixed_cohort: bool = False
):
    totals = _windows(db, f, []) if fixed_cohort else None
    return impact.outcome_series(db.cursor(), f, grain, by, kodes, fixed_cohort, totals=totals)


@st.cache_data(**_CACHE)
def reference_lines(db: Snapshot, f: Filters, kode: str, provinsi: tuple[str, ...] = ()):
    return reference.reference_lines(db.cursor(), f, kode, provinsi)


@st.cache_data(**_CACHE)
def partnership_provinces(db: Snapshot, f: Filters, kode: str) -> list[str]:
    return reference.partnership_provinces(db.cursor(), f, kode)


@st.cache_data(**_CACHE)
def comparison(db: Snapshot, f: Filters, kode: str):
    return reference.comparison(db.cursor(), f, kode)


@st.cache_data(**_CACHE)
def area_changes(db: Snapshot, f: Filters, kode: str):
    return reference.area_changes(db.cursor(), f, kode)[0]


@st.cache_data(**_CACHE)
def health_by_principle(db: Snapshot, f: Filters, by="kategori"):
    return survey.health_by_principle(db.cursor(), f, by)


@st.cache_data(**_CACHE)
def respondents(db: Snapshot, f: Filters, by="kategori"):
    return survey.respondents(db.cursor(), f, by)


@st.cache_data(**_CACHE)
def likert_distribution(db: Snapshot, f: Filters, by=None):
    return survey.likert_distribution(db.cursor(), f, by)


@st.cache_data(**_CACHE)
def satisfaction(db: Snapshot, f: Filters, by="kategori"):
    return survey.satisfaction(db.cursor(), f, by)


@st.cache_data(**_CACHE)
def challenges(db: Snapshot, f: Filters):
    return survey.challenges(db.cursor(), f)


@st.cache_data(**_CACHE)
def area_values(db: Snapshot, f: Filters, kode: str, level: str):
    return geography.area_values(db.cursor(), f, kode, level)


@st.cache_data(**_CACHE)
def province_summary(db: Snapshot, f: Filters, kode: str = "terjangkau"):
    return geography.province_summary(db.cursor(), f, kode)


@st.cache_data(**_CACHE)
def compare_groups(db: Snapshot, f: Filters, dim: str, members: list[str], grain: str = "tahun"):
    return compare.compare_groups(db.cursor(), f, dim, members, grain)


@st.cache_data(**_CACHE)
def stored(db: Snapshot, need: str) -> bool:
    return overview.stored(db.cursor(), need)


@st.cache_data(**_CACHE)
def view_rows(db: Snapshot, f: Filters, kind: str, limit: int | None = 5000, cari: str | None = None):
    return explore.view_rows(db.cursor(), f, kind, limit, cari)


@st.cache_data(**_CACHE)
def count_rows(db: Snapshot, f: Filters, kind: str, cari: str | None = None):
    return explore.count_rows(db.cursor(), f, kind, cari)


@st.cache_data(**_CACHE)
def pivot(db: Snapshot, f: Filters, kode: str, rows: str, cols: str):
    return explore.pivot(db.cursor(), f, kode, rows, cols)


@st.cache_data(**_CACHE)
def partnership(db: Snapshot, kode: str):
    return profile.partnership(db.cursor(), kode)


def partnership_list(db: Snapshot, f: Filters):
    """The partnerships the filters choose; the period chooses none, so every range shares one answer."""
    return _partnership_list(
        db, Filters(kategori=f.kategori, bidang=f.bidang, provinsi=f.provinsi, kabupaten=f.kabupaten)
    )


@st.cache_data(**_CACHE)
def _partnership_list(db: Snapshot, f: Filters):
    return profile.partnership_list(db.cursor(), f)


@st.cache_data(**_CACHE)
def partnership_indicators(db: Snapshot, kode: str, grain: str = "triwulan", f: Filters | None = None):
    return profile.partnership_indicators(db.cursor(), kode, grain, f)


@st.cache_data(**_CACHE)
def partnership_health(db: Snapshot, kode: str, f: Filters | None = None):
    return profile.partnership_health(db.cursor(), kode, f)


@st.cache_data(**_CACHE)
def missing_reports(db: Snapshot, f: Filters):
    return quality.missing_reports(db.cursor(), f)


@st.cache_data(**_CACHE)
def out_of_range(db: Snapshot, f: Filters):
    return quality.out_of_range(db.cursor(), f)


@st.cache_data(**_CACHE)
def stale_partnerships(db: Snapshot, f: Filters):
    return quality.stale_partnerships(db.cursor(), f)


@st.cache_data(**_CACHE)
def partnership_batches(db: Snapshot, kode: str) -> pd.DataFrame:
    """The batches that fed one partnership (read by the store from the lake)."""
    return store().partnership_batches(kode)


def download_rows(db: Snapshot, f: Filters, kind: str, limit: int, cari: str | None = None) -> pd.DataFrame:
    """Up to ``limit`` raw rows for a download: not cached (large, and asked for once)."""
    return explore.view_rows(db.cursor(), f, kind, limit=limit, cari=cari)


@st.cache_data(**_CACHE)
def coverage(db: Snapshot, f: Filters) -> context.Coverage:
    """The months the filters cover in the data, partial years known: what a takeaway title compares."""
    return context.coverage(db.cursor(), f)
