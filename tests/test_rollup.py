"""The yearly rollup gives exactly the figures the reports give, for every shape a page asks of it.

Pages read ``indikator_tahunan`` for ranges of whole years (the default) and the reports otherwise;
an evaluator must never see a figure change because a range happens to be whole years.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import indicator_row, partnership, write

from kemitraan import contract
from kemitraan.queries import indicators, periods
from kemitraan.queries.filters import Filters
from kemitraan.storage import analysis_table, materialised
from kemitraan.storage.store import Store

ALL = [*contract.indicators(), indicators.SASARAN_TAHUN, indicators.DANA_BIAYA]


def _both(con, monkeypatch, f: Filters, kodes, grain, **kw) -> tuple[pd.DataFrame, pd.DataFrame]:
    assert indicators.yearly(f, grain)
    fast = indicators.indicator_series(con, f, kodes, grain=grain, **kw)
    with monkeypatch.context() as m:
        m.setattr(indicators, "yearly", lambda *_: False)
        slow = indicators.indicator_series(con, f, kodes, grain=grain, **kw)
    return fast, slow


@pytest.fixture(scope="module")
def demo_con(demo_dir):
    """The demo store materialised once for the module (the tests only read it)."""
    return Store(demo_dir).connect(materialize=True)


def test_a_materialised_connection_holds_the_tables_and_views_materialised_names(demo_con):
    tables = {n for (n,) in demo_con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    stored = {materialised.stored_name(t) for t in materialised.TABLES}
    assert tables == stored | {analysis_table.KIDS, "_batches"}
    views = {n for (n,) in demo_con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert set(materialised.VIEWS) <= views
    for view in materialised.VIEWS:  # each view reads its table: the same rows
        n_view = demo_con.execute(f"SELECT count(*) FROM {view}").fetchone()[0]
        n_table = demo_con.execute(f"SELECT count(*) FROM ({materialised.view_select(view)})").fetchone()[0]
        assert n_view == n_table


@pytest.mark.parametrize("grain", ["tahun", "semua"])
@pytest.mark.parametrize("by", [None, "kategori", "provinsi_kode", "kode_kemitraan", ["kategori", "bidang"]])
@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(include_flagged=True),
        Filters(period_from=dt.date(2023, 1, 1), period_to=dt.date(2024, 12, 1)),
        Filters(period_from=dt.date(2024, 1, 1), kategori=("internasional", "pemerintah_lsm")),
        Filters(period_from=dt.date(2024, 1, 1), period_to=dt.date(2024, 12, 1)),  # one year: an impact window
        Filters(period_from=dt.date(2024, 1, 1), period_to=dt.date(2024, 12, 1), include_flagged=True),
    ],
    ids=["all", "flagged", "2023-2024", "2024-on-two-categories", "2024", "2024-flagged"],
)
def test_the_demo_store_gives_the_same_figures_from_the_rollup(demo_con, monkeypatch, grain, by, f):
    con = demo_con.cursor()
    fast, slow = _both(con, monkeypatch, f, ALL, grain, by=by)
    assert len(fast) > 0
    pd.testing.assert_frame_equal(fast, slow, check_dtype=False, rtol=1e-9)


@pytest.mark.parametrize("by", [None, "kategori", "kode_kemitraan", ["provinsi_kode", "bidang"]])
@pytest.mark.parametrize(
    "f",
    [Filters(), Filters(include_flagged=True), Filters(kategori=("internasional",)), Filters(bidang=("kb", "gizi"))],
    ids=["all", "flagged", "one-category", "two-areas"],
)
def test_the_default_range_gives_the_same_figures_from_its_summed_years(demo_con, monkeypatch, by, f):
    """Over the pages' default range a figure reads one summed row per partnership (rollup.RANGE): the same
    figures as the reports give."""
    con = demo_con.cursor()
    f = periods.default_filters(con, f)
    assert indicators.default_years(con, f, "semua")
    fast, slow = _both(con, monkeypatch, f, ALL, "semua", by=by)
    assert len(fast) > 0
    pd.testing.assert_frame_equal(fast, slow, check_dtype=False, rtol=1e-9)


def test_a_stocks_last_target_and_flagged_rows_compose_across_years(store, monkeypatch):
    """The last target of a stock may be older than its last value; a flagged value counts only when asked."""
    write(
        store,
        "b1",
        kemitraan=[partnership("K1"), partnership("K2", kategori="internasional")],
        indikator=[
            indicator_row("K1", "2023-01", "peserta_kb_aktif", 100, 120),
            indicator_row("K1", "2023-03", "peserta_kb_aktif", 110),  # no target: the last target stays January's
            indicator_row("K1", "2024-02", "peserta_kb_aktif", 125, 150),
            indicator_row("K1", "2024-06", "peserta_kb_aktif", -5, 200),  # below the catalog's minimum: flagged
            indicator_row("K1", "2024-12", "peserta_kb_aktif", 130),  # the last report, no target
            indicator_row("K2", "2024-05", "peserta_kb_aktif", 90, 100),
            *[indicator_row("K1", f"2024-{m:02d}", "terjangkau", 50 + m) for m in range(1, 13) if m != 6],
            indicator_row("K1", "2024-06", "terjangkau", 5600),  # an extra zero or two: flagged
            indicator_row("K2", "2024-Q2", "terjangkau", 40),
        ],
    )
    con = store.connect(materialize=True)
    for f in (Filters(), Filters(include_flagged=True)):
        for grain in ("tahun", "semua"):
            fast, slow = _both(con, monkeypatch, f, ["peserta_kb_aktif", "terjangkau"], grain, by="kategori")
            pd.testing.assert_frame_equal(fast, slow, check_dtype=False)
    tot = indicators.indicator_totals(con, Filters(), ["peserta_kb_aktif", "terjangkau"], by="kode_kemitraan")
    k1 = tot[tot.kode_kemitraan == "K1"].set_index("kode_indikator")
    assert k1.loc["peserta_kb_aktif", "target"] == 150  # February's, the last one given that is not flagged
    with_flags = indicators.indicator_totals(
        con, Filters(include_flagged=True), ["peserta_kb_aktif"], by="kode_kemitraan"
    )
    assert with_flags.set_index("kode_kemitraan").loc["K1", "target"] == 200  # June's, flagged, later than February
    assert k1.loc["terjangkau", "nilai"] == sum(50 + m for m in range(1, 13) if m != 6)  # the flagged value left out


@pytest.mark.parametrize(
    "f,grain",
    [
        (Filters(period_from=dt.date(2023, 2, 1)), "tahun"),
        (Filters(period_to=dt.date(2024, 6, 1)), "semua"),
        (Filters(), "triwulan"),
    ],
)
def test_ranges_or_grains_that_cut_years_read_the_reports(f, grain):
    assert not indicators.yearly(f, grain)


def test_a_month_reported_both_monthly_and_quarterly_is_one_received_report(store):
    """Older batches may hold a monthly and a quarterly report starting the same month: one period received."""
    write(
        store,
        "b1",
        kemitraan=[partnership("K1", tanggal_mulai=dt.date(2024, 1, 1))],
        indikator=[
            *[
                indicator_row("K1", f"2024-{m:02d}", "layanan", 10, tanggal_lapor=dt.date(2024, m, 20))
                for m in range(1, 13)
            ],
            indicator_row("K1", "2024-Q1", "terjangkau", 30, tanggal_lapor=dt.date(2024, 4, 2)),
        ],
    )
    con = store.connect(materialize=True)
    assert con.execute("SELECT max(n_jenis) FROM laporan_kemitraan").fetchone()[0] == 2
    from kemitraan.queries import reporting

    r = reporting.reporting_rates(con, Filters(period_from=dt.date(2024, 1, 1), period_to=dt.date(2024, 12, 1)), None)
    # January's report date is the later of the two (the quarter's, 2 April): that period is late
    assert r[["n_diharapkan", "n_diterima", "n_tepat_waktu"]].iloc[0].tolist() == [12, 12, 11]
