"""The app's base file and overlay answer exactly what a full materialisation of the same store answers.

A user who uploads a file must see it on the next page at once, with the same flags, targets and
partnership attributes a fresh start would compute; an undo must never leave its rows behind.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from conftest import indicator_row, partnership, survey_row, write

from kemitraan.queries import indicators, periods
from kemitraan.queries.filters import Filters
from kemitraan.storage import analysis_cache, analysis_table, engine, rollup
from kemitraan.storage.store import Store

COMPARED = {
    "kemitraan": "SELECT * FROM kemitraan",
    "survei": "SELECT * FROM survei",
    "indikator": "SELECT * FROM indikator",
    analysis_table.NAME: f"SELECT * EXCLUDE (kid) FROM {analysis_table.NAME}",
    rollup.NAME: f"SELECT * EXCLUDE (kid) FROM {rollup.NAME}",
    rollup.REPORTS: f"SELECT * EXCLUDE (kid) FROM {rollup.REPORTS}",
    rollup.CADENCE: f"SELECT * EXCLUDE (kid) FROM {rollup.CADENCE}",
    rollup.RANGE_YEARS: f"SELECT * FROM {rollup.RANGE_YEARS}",
    rollup.RANGE: f"SELECT * EXCLUDE (kid) FROM {rollup.RANGE}",
}


def _frame(con, sql: str) -> pd.DataFrame:
    return con.execute(f"SELECT * FROM ({sql}) ORDER BY ALL").fetchdf()


def _assert_same(con, ref) -> None:
    con = con.cursor()  # as the pages query it: a cursor sees no TEMP table of its parent connection
    for name, sql in COMPARED.items():
        pd.testing.assert_frame_equal(_frame(con, sql), _frame(ref, sql), obj=name)
    # kid: one per partnership, never shared, NULL exactly on orphan rows
    kids = con.execute(
        f"SELECT kode_kemitraan, count(DISTINCT kid), count(kid), count(*) FROM {analysis_table.NAME} GROUP BY ALL"
    ).fetchall()
    known = {r[0] for r in con.execute("SELECT kode_kemitraan FROM kemitraan").fetchall()}
    for kode, distinct, with_kid, n in kids:
        assert (distinct, with_kid) == ((1, n) if kode in known else (0, 0)), kode
    assert con.execute(
        f"SELECT count(*) = count(DISTINCT kid) FROM (SELECT DISTINCT kode_kemitraan, kid "
        f"FROM {analysis_table.NAME} WHERE kid IS NOT NULL)"
    ).fetchone()[0]
    assert (
        _frame(con, "SELECT * EXCLUDE (batch_id) FROM batches").shape
        == _frame(ref, "SELECT * EXCLUDE (batch_id) FROM batches").shape
    )


def _first(store):
    rows = [indicator_row("K1", f"2024-{m:02d}", "layanan", 100 + m) for m in range(1, 13)]
    rows += [indicator_row("K2", f"2024-{m:02d}", "layanan", 50) for m in range(1, 13)]
    rows += [indicator_row("K1", "2024", "sasaran", 5000), indicator_row("K1", "2024", "terjangkau", 1200)]
    rows += [indicator_row("K9", "2024-01", "layanan", 7)]  # an orphan until K9 is uploaded
    write(
        store,
        "b1",
        kemitraan=[partnership("K1"), partnership("K2", provinsi_kode="33", provinsi="Jawa Tengah")],
        indikator=rows,
        survei=[survey_row("R1", "K1")],
    )


def test_base_alone_matches_a_full_materialisation(store):
    _first(store)
    con = analysis_cache.connect(store, background=False)
    _assert_same(con, store.connect(materialize=True))
    assert len(list(analysis_cache.cache_dir(store).glob("analysis-*.duckdb"))) == 1


def test_a_new_batch_is_laid_over_the_base_with_flags_targets_and_attributes_recomputed(store):
    _first(store)
    analysis_cache.connect(store, background=False)  # the base holds b1
    # b2: a typing error (an extra zero: flagged against K1's own median), a corrected value, a new
    # target for the same period, K2 moves province, K9 arrives (its earlier row stops being an orphan)
    write(
        store,
        "b2",
        kemitraan=[partnership("K2", provinsi_kode="34", provinsi="DI Yogyakarta"), partnership("K9")],
        indikator=[
            indicator_row("K1", "2024-06", "layanan", 10_600),
            indicator_row("K1", "2024-07", "layanan", 99),
            indicator_row("K1", "2024", "sasaran", 4000),
            indicator_row("K3", "2024-01", "layanan", 1),
        ],
        survei=[survey_row("R1", "K1", score=2), survey_row("R2", "K2")],
    )
    con = analysis_cache.connect(store, background=False)
    assert len(list(analysis_cache.cache_dir(store).glob("analysis-*.duckdb"))) == 1  # overlaid, not rebuilt
    _assert_same(con, store.connect(materialize=True))
    flagged = con.execute(
        f"SELECT periode, tanda FROM {analysis_table.NAME} WHERE tanda IS NOT NULL AND kode_kemitraan = 'K1'"
    ).fetchall()
    assert flagged == [("2024-06", "outlier")]
    assert con.execute(
        f"SELECT sasaran_periode FROM {analysis_table.NAME} WHERE kode_indikator = 'terjangkau'"
    ).fetchone() == (4000,)
    assert con.execute(
        f"SELECT DISTINCT provinsi FROM {analysis_table.NAME} WHERE kode_kemitraan = 'K2'"
    ).fetchall() == [("DI Yogyakarta",)]


@pytest.mark.parametrize(
    "later,fits",
    [(["2024-03"], True), (["2025-01"], True), ([f"2025-{m:02d}" for m in range(1, 13)], False)],
    ids=["inside-the-years", "a-new-partial-year", "a-new-whole-year"],
)
def test_figures_over_the_default_range_are_the_same_over_an_overlay(store, later, fits):
    """A batch after the base changes one partnership's year, or starts a year: the default range's figures are a
    fresh start's. They read the base's summed years while the default range is still those years (a partial new
    year leaves it), the yearly rows once it is not (a whole new year joins it)."""
    rows = [
        indicator_row("K1", f"{y}-{m:02d}", "layanan", 10 * m + y - 2000) for y in (2023, 2024) for m in range(1, 13)
    ]
    rows += [
        indicator_row("K2", f"{y}-Q{q}", "peserta_kb_aktif", 100 * q + y - 2000, 400)
        for y in (2023, 2024)
        for q in (1, 2, 3, 4)
    ]
    write(store, "b1", kemitraan=[partnership("K1"), partnership("K2", kategori="internasional")], indikator=rows)
    analysis_cache.connect(store, background=False)  # the base: the years 2023 and 2024
    new = [indicator_row("K1", month, "layanan", 7) for month in later]
    new.append(indicator_row("K2", later[0][:4] + "-Q1", "peserta_kb_aktif", 50))
    write(store, "b2", indikator=new)
    con = analysis_cache.connect(store, background=False).cursor()
    fresh = store.connect(materialize=True)
    f = periods.default_filters(fresh, Filters())
    assert periods.default_filters(con, Filters()) == f
    assert indicators.default_years(con, f, "semua") is fits
    for by in ([], ["kategori"], ["kode_kemitraan"]):
        got = indicators.indicator_totals(con, f, ["layanan", "peserta_kb_aktif"], by=by)
        pd.testing.assert_frame_equal(
            got, indicators.indicator_totals(fresh, f, ["layanan", "peserta_kb_aktif"], by=by)
        )
        assert len(got) > 0


def test_an_undo_inside_the_base_never_serves_its_rows(store):
    _first(store)
    write(store, "b2", indikator=[indicator_row("K2", "2024-03", "layanan", 75)])
    analysis_cache.connect(store, background=False)
    analysis_cache.build_base(store)  # a base holding b1 and b2
    store.undo("b2")
    con = analysis_cache.connect(store, background=False)
    assert con.execute(
        "SELECT nilai FROM indikator WHERE kode_kemitraan = 'K2' AND periode = '2024-03'"
    ).fetchone() == (50,)
    _assert_same(con, store.connect(materialize=True))


def test_a_base_built_by_another_process_is_reused_and_a_later_one_preferred(store):
    _first(store)
    first = analysis_cache.build_base(store)
    write(store, "b2", indikator=[indicator_row("K2", "2024-03", "layanan", 75)])
    second = analysis_cache.build_base(store)
    bases = analysis_cache._bases(analysis_cache.cache_dir(store))
    assert {b.path for b in bases} == {first.path, second.path}
    assert analysis_cache._usable(bases, analysis_cache._live(store)).path == second.path


@pytest.mark.parametrize("kinds", [("survei",), ("kemitraan",), ("indikator",)])
def test_an_overlay_of_one_kind_leaves_the_others_as_the_base_has_them(store, kinds):
    _first(store)
    analysis_cache.connect(store, background=False)
    rows = {
        "survei": [survey_row("R5", "K2")],
        "kemitraan": [partnership("K1", bidang="kia")],
        "indikator": [indicator_row("K2", "2024-12", "layanan", 51)],
    }
    write(store, "b2", **{k: rows[k] for k in kinds})
    _assert_same(analysis_cache.connect(store, background=False), store.connect(materialize=True))


def test_a_cache_folder_that_cannot_be_written_falls_back_to_memory(store, monkeypatch, tmp_path):
    _first(store)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    monkeypatch.setattr(analysis_cache, "cache_dir", lambda s: blocked / "cache")
    _assert_same(analysis_cache.connect(store, background=False), store.connect(materialize=True))


def test_a_large_store_builds_its_base_in_another_process(store, monkeypatch):
    """Above CHILD_BUILD_ROWS the base is built by a child process (the app's memory stays small) and is the same."""
    _first(store)
    monkeypatch.setattr(analysis_cache, "CHILD_BUILD_ROWS", 1)
    calls = []
    monkeypatch.setattr(analysis_cache, "build_base", lambda *a, **k: calls.append(a))  # never in this process
    con = analysis_cache.connect(store, background=False)
    assert calls == []
    assert len(list(analysis_cache.cache_dir(store).glob("analysis-*.duckdb"))) == 1
    monkeypatch.undo()
    _assert_same(con, store.connect(materialize=True))


def test_the_apps_connection_has_a_memory_limit_and_spills_into_the_cache(store, monkeypatch):
    _first(store)
    con = analysis_cache.connect(store, background=False)
    assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0].startswith("572")  # 600 MB in MiB
    assert con.execute("SELECT current_setting('temp_directory')").fetchone()[0] == str(
        analysis_cache.cache_dir(store) / "spill"
    )
    monkeypatch.setenv("KEMITRAAN_DUCKDB_MEMORY", "300MB")
    write(store, "b2", indikator=[indicator_row("K2", "2024-12", "layanan", 51)])
    assert (
        analysis_cache.connect(store, background=False)
        .execute("SELECT current_setting('memory_limit')")
        .fetchone()[0]
        .startswith("286")
    )


def test_a_store_emptied_and_filled_again_with_the_same_batch_ids_never_reads_the_old_base(store, tmp_path):
    """A data folder whose lake and catalog were deleted and the demo generated again has the same batch id, not the
    same rows."""
    _first(store)
    analysis_cache.connect(store, background=False)
    engine.forget(store.root)
    shutil.rmtree(store.root / "lake")
    (store.root / engine.CATALOG_FILE).unlink()
    fresh = Store(store.root)
    write(fresh, "b1", kemitraan=[partnership("K7")], indikator=[indicator_row("K7", "2025-01", "layanan", 3)])
    con = analysis_cache.connect(fresh, background=False)
    assert con.execute("SELECT kode_kemitraan FROM kemitraan").fetchall() == [("K7",)]
    _assert_same(con, fresh.connect(materialize=True))
