"""One reading of the rows for several group-bys: the whole selection and its categories from one statement
(queries/indicators.py ``indicator_series_sets``, queries/summaries.py) give exactly what each asked alone gives,
so a headline beside its per-category chart can never disagree with the same figure asked on its own."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kemitraan.queries import impact, indicators, reach, summaries, sustainability
from kemitraan.queries.filters import Filters
from kemitraan.storage.store import Store
from tests.conftest import build_analysis_store

EVERY = [*summaries.KODES, *indicators.OUTCOMES, "kepuasan_klien_pct"]
SETS = [[], ["kategori"], ["provinsi_kode", "kategori"], ["kode_kemitraan"]]
FILTERS = [
    Filters(),
    Filters(include_flagged=True),
    Filters(period_from=dt.date(2023, 3, 1), period_to=dt.date(2024, 8, 1)),  # months cut into years and quarters
    Filters(period_from=dt.date(2023, 1, 1), period_to=dt.date(2024, 12, 1), kategori=("pemerintah_lsm",)),
]


@pytest.fixture(scope="module")
def demo_con(demo_dir):
    return Store(demo_dir).connect(materialize=True)


@pytest.fixture(scope="module")
def small_con(tmp_path_factory):
    """Four partnerships: monthly, quarterly and yearly reporters, one that ended mid-year (stocks it owes)."""
    return build_analysis_store(tmp_path_factory.mktemp("small")).connect(materialize=True)


@pytest.mark.parametrize("grain", ["semua", "tahun", "triwulan", "bulan"])
@pytest.mark.parametrize("f", FILTERS, ids=["all", "flagged", "cut", "category"])
def test_every_group_by_of_one_pass_is_what_it_gives_alone(demo_con, small_con, f, grain):
    for con in (demo_con, small_con):
        together = indicators.indicator_series_sets(con, f, EVERY, grain, SETS)
        assert len(together) == len(SETS)
        for by, got in zip(SETS, together, strict=True):
            alone = indicators.indicator_series(con, f, EVERY, grain, by)
            assert not alone.empty
            pd.testing.assert_frame_equal(got, alone)


def test_one_pass_keeps_a_cohort_and_refuses_keep_beside_other_sets(small_con):
    f = Filters()
    together = indicators.indicator_series_sets(small_con, f, EVERY, "tahun", [[], ["kategori"]], cohort=["P1", "P3"])
    for by, got in zip([[], ["kategori"]], together, strict=True):
        pd.testing.assert_frame_equal(
            got, indicators.indicator_series(small_con, f, EVERY, "tahun", by, cohort=["P1", "P3"])
        )
    assert set(together[1]["kategori"]) == {"pemerintah_lsm", "publik_swasta"}  # P2 and P4 left out
    with pytest.raises(ValueError):
        indicators.indicator_series_sets(small_con, f, EVERY, "tahun", [[], ["kategori"]], keep=["nirlaba"])


@pytest.mark.parametrize("sets", [summaries.WHOLE_AND_CATEGORY, (("bidang",),), (("kode_kemitraan",),)])
@pytest.mark.parametrize("f", FILTERS, ids=["all", "flagged", "cut", "category"])
def test_summaries_are_the_summaries_asked_alone(demo_con, f, sets):
    got = summaries.summaries(demo_con, f, sets)
    assert list(got) == list(sets)
    for key, one in got.items():
        by = list(key)
        pd.testing.assert_frame_equal(one.reach, reach.reach_summary(demo_con, f, by))
        pd.testing.assert_frame_equal(one.sustainability, sustainability.sustainability_summary(demo_con, f, by))
        facts = ("terjangkau", indicators.SASARAN_TAHUN, "dana_realisasi_idr", "mitra_aktif")
        if not by:
            pd.testing.assert_frame_equal(
                summaries.of_kodes(one.totals, facts), indicators.indicator_totals(demo_con, f, list(facts))
            )


def test_the_whole_pairs_with_a_single_column_and_the_partnerships_stand_alone():
    assert summaries.sets_for("bidang") == (("bidang",), ((), ("bidang",)))
    assert summaries.sets_for([]) == ((), summaries.WHOLE_AND_CATEGORY)
    assert summaries.sets_for(None) == ((), summaries.WHOLE_AND_CATEGORY)
    assert summaries.sets_for("kode_kemitraan") == (("kode_kemitraan",), (("kode_kemitraan",),))
    assert summaries.sets_for(["kategori", "bidang"]) == (("kategori", "bidang"), (("kategori", "bidang"),))


def test_cost_per_contact_counts_only_partnerships_reporting_both(small_con):
    """P1 reports contacts but no funds, P2 both, P3 contacts only: the cost is P2's funds over P2's contacts."""
    f = Filters()
    whole = reach.cost_per_contact(small_con, f)
    assert whole["n_biaya"].tolist() == [1]
    assert whole["dana_biaya_idr"].tolist() == [160.0]
    assert whole["kontak_biaya"].tolist() == [600.0]
    by_category = reach.cost_per_contact(small_con, f, "kategori")
    assert by_category.set_index("kategori")["n_biaya"].to_dict() == {"pemerintah_lsm": 1}  # no row for the others
    # the pair is asked with other indicators or alone, in one statement with the summaries or by itself: the same
    tot = indicators.indicator_totals(small_con, f, ["layanan", indicators.KONTAK_BIAYA], by="kategori")
    pd.testing.assert_frame_equal(reach.cost_from_totals(tot, "kategori"), by_category)
    assert set(tot["kode_indikator"]) == {"layanan", indicators.KONTAK_BIAYA, indicators.DANA_BIAYA}


@pytest.mark.parametrize("f", FILTERS, ids=["all", "flagged", "cut", "category"])
def test_the_impact_summaries_read_from_one_asking_of_the_windows(demo_con, f):
    """Dampak shows the whole cohort, per category, one outcome per category and a fixed cohort: all from one
    asking of both windows (per partnership, with its category), each equal to what it gives asked alone."""
    totals = impact.window_totals(demo_con, f, impact.OUTCOMES, ["kategori"])
    assert totals is not None
    for by, kodes in (([], impact.OUTCOMES), (["kategori"], impact.OUTCOMES), (["kategori"], ("mcpr_pct",))):
        shared = impact.impact_summary(demo_con, f, by, kodes, totals=totals)
        alone = impact.impact_summary(demo_con, f, by, kodes)
        assert f != Filters() or not alone[0].empty  # (the narrower filters may leave no cohort)
        for got, want in zip(shared, alone, strict=True):
            pd.testing.assert_frame_equal(got, want)
    for kode in impact.OUTCOMES:
        assert impact.cohort(demo_con, f, kode, totals=totals) == impact.cohort(demo_con, f, kode)
