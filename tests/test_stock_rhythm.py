"""End-of-range stocks by each partnership's own reporting rhythm (issue 19, items 1 and 2; docs/METHODS.md §2).

The expected figures are recomputed here in pandas from the stored rows, not by the code under test: each
partnership's value for the latest whole period of its own cadence ending by the range's end; stopped
reporters counted and left out; ended partnerships out; a flagged last value left out and counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import pytest
from conftest import indicator_row, partnership, write

from kemitraan.commands import angka
from kemitraan.queries import indicators, quality, sustainability
from kemitraan.queries.figures import headline_figures
from kemitraan.queries.filters import Filters
from kemitraan.storage.store import Store

KODE = "peserta_kb_aktif"
MONTHS = {"bulan": 1, "triwulan": 3, "tahun": 12}


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return dt.date(y, m + 1, 1)


def recomputed(
    rows: pd.DataFrame,
    partners: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    flagged: set[tuple[str, str]] = frozenset(),
) -> dict:
    """(sum, counted, stopped, flagged last value) of a stock over [start, end], from plain rows."""
    rows = rows.assign(
        last=[
            _add_months(pd.Timestamp(p).date(), MONTHS[j] - 1)
            for p, j in zip(rows["periode_mulai"], rows["jenis_periode"])
        ],
        mulai=[pd.Timestamp(p).date() for p in rows["periode_mulai"]],
    )
    rows = rows[(rows["mulai"] >= start) & (rows["last"] <= end)]
    last_day = _add_months(end, 1) - dt.timedelta(days=1)
    selesai = {
        k: (None if pd.isna(s) else pd.Timestamp(s).date())
        for k, s in zip(partners["kode_kemitraan"], partners["tanggal_selesai"])
    }
    running = {k for k, s in selesai.items() if s is None or s >= last_day}
    mine = {k: g for k, g in rows.groupby("kode_kemitraan") if k in running}
    if not mine:
        return {"nilai": None, "n": 0, "berhenti": 0, "ditandai": 0}
    data_end = min(end, max(g["last"].max() for g in mine.values()))
    total, n, stopped, held = 0.0, 0, 0, 0
    for k, g in mine.items():
        cadence = g.loc[g["last"].idxmax(), "jenis_periode"]
        step = MONTHS[cadence]  # the last month of the latest whole period ending by data_end
        owed = (
            data_end if step == 1 else _add_months(dt.date(data_end.year, 1, 1), ((data_end.month // step) * step) - 1)
        )
        at = g[g["last"] == owed]
        if g["last"].max() < owed:
            stopped += 1
        elif (k, at["periode"].iloc[0]) in flagged:
            held += 1
        else:
            total, n = total + float(at["nilai"].iloc[0]), n + 1
    return {"nilai": total if n else None, "n": n, "berhenti": stopped, "ditandai": held}


def shown(con, f: Filters, kode: str = KODE, by=None) -> dict:
    row = indicators.indicator_totals(con, f, [kode], by=by).iloc[0]
    return {
        "nilai": None if pd.isna(row["nilai"]) else float(row["nilai"]),
        "n": int(row["n_kemitraan"]),
        "berhenti": int(row["n_tidak_melapor"]),
        "ditandai": int(row["n_ditandai_akhir"]),
    }


def _range(last_month: int) -> Filters:
    return Filters(period_from=dt.date(2025, 1, 1), period_to=dt.date(2025, last_month, 1))


# --- a hand-built store: monthly, quarterly, stopped, ended, flagged -------------------------------------

PARTNERS = [
    partnership("M", kategori="pemerintah_lsm"),  # monthly all year
    partnership("Q", kategori="publik_swasta"),  # quarterly all year
    partnership("S", kategori="pemerintah_lsm"),  # monthly, stopped after July (not ended)
    partnership("E", kategori="publik_swasta", tanggal_selesai=dt.date(2025, 10, 15)),  # ended mid-October
    partnership("X", kategori="publik_swasta"),  # monthly; November's value a slip (negative: flagged)
]


def _hand_rows() -> list[dict]:
    rows = [indicator_row("M", f"2025-{m:02d}", KODE, 100 + m) for m in range(1, 13)]
    rows += [indicator_row("Q", f"2025-Q{q}", KODE, 1000 + 100 * q) for q in range(1, 5)]
    rows += [indicator_row("S", f"2025-{m:02d}", KODE, 50) for m in range(1, 8)]
    rows += [indicator_row("E", f"2025-{m:02d}", KODE, 70) for m in range(1, 11)]
    rows += [indicator_row("X", f"2025-{m:02d}", KODE, -5.0 if m == 11 else 300) for m in range(1, 13)]
    return rows


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("rhythm") / "data")
    write(store, "awal", kemitraan=PARTNERS, indikator=_hand_rows())
    con = store.connect(materialize=True)
    yield con
    con.close()


def _plain(con) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = con.execute(
        "SELECT kode_kemitraan, periode, periode_mulai, jenis_periode, nilai FROM indikator WHERE kode_indikator = $k",
        {"k": KODE},
    ).fetchdf()
    return rows, con.execute("SELECT kode_kemitraan, tanggal_selesai FROM kemitraan").fetchdf()


def _flagged_by_sign(rows: pd.DataFrame) -> set:
    # the catalog's minimum for a count of people is 0: the slip is flagged (the flag rules are tested elsewhere)
    return {(k, p) for k, p, v in zip(rows["kode_kemitraan"], rows["periode"], rows["nilai"]) if v < 0}


@pytest.mark.parametrize("last_month", [9, 10, 11, 12])
def test_each_partnership_counts_its_own_latest_whole_period(hand, last_month):
    rows, partners = _plain(hand)
    f = _range(last_month)
    assert shown(hand, f) == recomputed(rows, partners, f.period_from, f.period_to, _flagged_by_sign(rows))


def test_a_range_ending_in_november_keeps_the_quarterly_reporter_and_names_who_is_missing(hand):
    nov = shown(hand, _range(11))
    # M's November (111) + Q's Q3 (1300); S stopped in July; E ended before 30 November; X's November is a slip
    assert nov == {"nilai": 111 + 1300, "n": 2, "berhenti": 1, "ditandai": 1}
    dec = shown(hand, _range(12))  # through the yearly rollup: M's December, Q's Q4, X's December
    assert dec == {"nilai": 112 + 1400 + 300, "n": 3, "berhenti": 1, "ditandai": 0}
    sep = shown(hand, _range(9))  # E still running on 30 September
    assert sep == {"nilai": 109 + 1300 + 70 + 300, "n": 4, "berhenti": 1, "ditandai": 0}


def test_including_flagged_values_puts_the_last_value_back(hand):
    f = replace(_range(11), include_flagged=True)
    rows, partners = _plain(hand)
    assert (
        shown(hand, f)
        == recomputed(rows, partners, f.period_from, f.period_to)
        == {"nilai": 111 + 1300 - 5, "n": 3, "berhenti": 1, "ditandai": 0}
    )


def test_groups_add_up_to_the_total_by_both_paths(hand):
    for last_month in (11, 12):  # the report path and the yearly rollup
        f = _range(last_month)
        total = shown(hand, f)
        by = indicators.indicator_totals(hand, f, [KODE], by="kategori")
        assert by["nilai"].sum() == total["nilai"]
        assert by["n_tidak_melapor"].sum() == total["berhenti"]
        assert by["n_ditandai_akhir"].sum() == total["ditandai"]


def test_the_status_panel_and_the_stock_agree_on_active_and_stopped(hand):
    for last_month in (9, 11, 12):
        f = _range(last_month)
        st = sustainability.partnership_status(hand, f, []).iloc[0]
        stock = shown(hand, f)
        # every active partnership reports this stock: active = counted + stopped + flagged last value
        assert st["n_aktif"] == stock["n"] + stock["berhenti"] + stock["ditandai"]
        assert st["n_tidak_melapor"] == stock["berhenti"] == 1


def test_angka_says_who_is_missing_in_text_and_json(hand):
    figs = headline_figures(hand, _range(11))
    v = figs["indikator"][KODE]
    assert (v["nilai"], v["n_kemitraan"], v["n_tidak_melapor"], v["n_ditandai_akhir"]) == (1411, 2, 1, 1)
    assert figs["kemitraan"]["tidak_melapor"] == 1
    text = "\n".join(angka.table(figs, "id"))
    assert "1 kemitraan tidak melapor" in text
    assert "1 kemitraan: nilai terakhir ditandai, tidak dihitung" in text


# --- the demo: moving the range's end moves a stock only by what the data changed -----------------------


@pytest.fixture(scope="module")
def demo_con(demo_dir):
    con = Store(demo_dir).connect()
    yield con
    con.close()


def test_demo_stock_for_sep_nov_dec_follows_the_data(demo_con):
    rows, partners = _plain(demo_con)
    out = quality.out_of_range(demo_con, Filters())
    flagged = {(k, p) for k, i, p in zip(out["kode_kemitraan"], out["kode_indikator"], out["periode"]) if i == KODE}
    seen = {}
    for last_month in (9, 11, 12):
        f = _range(last_month)
        seen[last_month] = shown(demo_con, f)
        assert seen[last_month] == recomputed(rows, partners, f.period_from, f.period_to, flagged), last_month
    # the defect: a quarterly reporter vanished from a range ending in November (9,973 from 4 partnerships)
    quarterly = set(rows.loc[rows["jenis_periode"] == "triwulan", "kode_kemitraan"])
    assert quarterly, "the demo has quarterly reporters"
    assert seen[11]["n"] >= seen[9]["n"] - seen[11]["berhenti"] - seen[11]["ditandai"]
    assert seen[11]["nilai"] > 0.9 * seen[12]["nilai"]


# --- outliers of stocks and rates (item 3; docs/METHODS.md §4) -------------------------------------------


@pytest.fixture(scope="module")
def slips(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("slips") / "data")
    rows = [indicator_row("P", f"2025-{m:02d}", KODE, 2000 if m == 12 else 200) for m in range(1, 13)]  # extra zero
    rows += [indicator_row("Q", f"2025-Q{q}", KODE, 300) for q in range(1, 5)]
    rows += [indicator_row("G", f"2025-{m:02d}", KODE, 10 * 2 ** (m - 1)) for m in range(1, 9)]  # doubles: real growth
    rows += [
        indicator_row("D", f"2025-{m:02d}", "mitra_aktif", 20 if m == 6 else 200) for m in range(1, 7)
    ]  # lost zero
    rows += [indicator_row("R", f"2025-{m:02d}", "mcpr_pct", 50 if m == 6 else 5, penyebut=1000) for m in range(1, 7)]
    rows += [
        indicator_row("T", f"2025-{m:02d}", "mcpr_pct", v, penyebut=1000)  # drifts, and jumps before a history
        for m, v in zip(range(1, 7), (60, 20, 30, 40, 50, 55))
    ]
    write(store, "awal", kemitraan=[partnership(k) for k in "PQGDRT"], indikator=rows)
    con = store.connect(materialize=True)
    yield con
    con.close()


def test_an_extra_zero_in_a_stock_and_a_jump_in_a_rate_are_flagged(slips):
    out = quality.out_of_range(slips, Filters())
    flagged = set(zip(out["kode_kemitraan"], out["periode"], out["kode_indikator"], out["alasan"]))
    assert flagged == {
        ("P", "2025-12", KODE, "outlier"),
        ("D", "2025-06", "mitra_aktif", "outlier"),
        ("R", "2025-06", "mcpr_pct", "outlier"),
    }  # not G's growth, not T's first values nor its drift
    assert out.set_index("kode_kemitraan").loc["P", "median"] == 200  # the median it was judged against


def test_a_flagged_extra_zero_never_becomes_the_headline_stock(slips):
    dec = Filters(period_from=dt.date(2025, 1, 1), period_to=dt.date(2025, 12, 1))
    row = shown(slips, dec)
    # P's 2,000 is left out and said; Q's Q4 300 and G's last value (August: G stopped) — G is not reporting
    assert row == {"nilai": 300, "n": 1, "berhenti": 1, "ditandai": 1}
    assert shown(slips, _range(11))["nilai"] == 200 + 300  # before the slip: P's November 200, Q's Q3
    assert shown(slips, replace(dec, include_flagged=True))["nilai"] == 2000 + 300  # asked for: it is back


def test_a_flagged_rate_jump_is_kept_out_of_the_pooled_rate(slips):
    f = Filters(period_from=dt.date(2025, 1, 1), period_to=dt.date(2025, 6, 1))
    kode = ["R"]
    r = indicators.indicator_totals(slips, f, ["mcpr_pct"], cohort=kode).iloc[0]
    assert r["nilai"] == pytest.approx(5.0)
    r = indicators.indicator_totals(slips, replace(f, include_flagged=True), ["mcpr_pct"], cohort=kode).iloc[0]
    assert r["nilai"] == pytest.approx((5 * 5 + 50) / 6)


def test_the_status_slide_exports_who_stopped_reporting(hand):
    from kemitraan.export import deck

    slide = deck.status(hand, _range(11), "id")
    assert int(slide.data["n_tidak_melapor"].sum()) == 1
    assert [m.value for m in slide.metrics if m.label == "Kemitraan tidak melapor"] == ["1"]
