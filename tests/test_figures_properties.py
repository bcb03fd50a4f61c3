"""Invariants of the figures (docs/METHODS.md), checked on small random stores (hypothesis).

- Splitting monthly reports into quarterly ones (flows summed, stocks the quarter's last month, rates pooled
  with Σ penyebut) changes no yearly figure.
- A partnership that ended before the end of the range never changes an end-of-range stock.
- A partnership whose rate moves in the better direction can never lower the share improving.
- Including or leaving out flagged values changes only the figures that hold a flagged value.

The stores are in-memory DuckDB tables with the views' names and columns (``kemitraan``, ``indikator``,
``survei``), so an example costs milliseconds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import duckdb
import pandas as pd
import pytest
from conftest import indicator_row, partnership
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kemitraan import contract
from kemitraan.queries import impact, indicators, quality
from kemitraan.queries.filters import Filters
from kemitraan.storage import materialised

#: The suite's examples per property; derandomised or random by the profile (tests/conftest.py).
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
KATEGORI = ("pemerintah_lsm", "publik_swasta")


def mem_con(partners: list[dict], rows: list[dict]) -> duckdb.DuckDBPyConnection:
    """The store's relations in memory, typed as the store types them: ``kemitraan``, ``survei``, and
    ``indikator`` with its analysis table and rollups (as :meth:`Store.connect` builds them)."""
    con = duckdb.connect()
    con.execute("SET threads = 1")  # a few rows: threads cost more than they save
    for kind, name, data in (
        ("kemitraan", "kemitraan", partners),
        ("indikator", "_baris", rows),
        ("survei", "survei", []),
    ):
        schema = contract.stored_schema(kind)
        con.execute(f"CREATE TABLE {name} ({', '.join(f'{c} {t}' for c, t in schema)})")
        if data:
            con.register("_rows", pd.DataFrame(data, columns=[c for c, _ in schema]))
            con.execute(f"INSERT INTO {name} SELECT * FROM _rows")
            con.unregister("_rows")
    materialised.add(con, "indikator", "SELECT * FROM _baris")
    return con


def month(i: int) -> str:
    """Month ``i`` counted from 2023-01."""
    return f"{2023 + i // 12}-{i % 12 + 1:02d}"


# --- monthly → quarterly --------------------------------------------------------------------------------

flow_values = st.integers(10, 40)  # within 4× of each other: never 5 × a median, so nothing is flagged


@st.composite
def monthly_partnerships(draw):
    """1–3 partnerships reporting every month of a span of whole quarters in 2023–2024."""
    out = []
    for n in range(draw(st.integers(1, 3))):
        q0 = draw(st.integers(0, 7))
        q1 = draw(st.integers(q0, 7))
        weighted = draw(st.booleans())
        reports = []
        for i in range(q0 * 3, q1 * 3 + 3):
            # stocks within 5× and rates within 25 points of each other: never an outlier (docs/METHODS.md §4), so
            # the monthly and the quarterly store flag nothing
            reports.append(
                {
                    "terjangkau": draw(flow_values),
                    "peserta_kb_aktif": draw(st.integers(100, 499)),
                    "mcpr_pct": draw(st.integers(20, 44)),
                    "penyebut": draw(st.integers(100, 2000)) if weighted else None,
                }
            )
        out.append({"kode": f"P{n}", "kategori": draw(st.sampled_from(KATEGORI)), "first": q0 * 3, "reports": reports})
    return out


def _monthly_rows(parts) -> list[dict]:
    rows = []
    for p in parts:
        for j, r in enumerate(p["reports"]):
            per = month(p["first"] + j)
            rows += [
                indicator_row(p["kode"], per, "terjangkau", r["terjangkau"]),
                indicator_row(p["kode"], per, "peserta_kb_aktif", r["peserta_kb_aktif"]),
                indicator_row(p["kode"], per, "mcpr_pct", r["mcpr_pct"], penyebut=r["penyebut"]),
            ]
    return rows


def _quarterly_rows(parts) -> list[dict]:
    rows = []
    for p in parts:
        for j in range(0, len(p["reports"]), 3):
            three = p["reports"][j : j + 3]
            i = p["first"] + j
            per = f"{2023 + i // 12}-Q{i % 12 // 3 + 1}"
            if three[0]["penyebut"] is None:
                mcpr, den = sum(r["mcpr_pct"] for r in three) / 3, None
            else:
                den = sum(r["penyebut"] for r in three)
                mcpr = sum(r["mcpr_pct"] * r["penyebut"] for r in three) / den
            rows += [
                indicator_row(p["kode"], per, "terjangkau", sum(r["terjangkau"] for r in three)),
                indicator_row(p["kode"], per, "peserta_kb_aktif", three[-1]["peserta_kb_aktif"]),
                indicator_row(p["kode"], per, "mcpr_pct", mcpr, penyebut=den),
            ]
    return rows


def _partners(parts, **over) -> list[dict]:
    return [partnership(p["kode"], kategori=p["kategori"], tanggal_mulai=dt.date(2022, 1, 1), **over) for p in parts]


def _yearly(con, f: Filters, by) -> pd.DataFrame:
    kodes = ["terjangkau", "peserta_kb_aktif", "mcpr_pct"]
    s = indicators.indicator_series(con, f, kodes, grain="tahun", by=by)
    keys = [*([by] if by else []), "periode", "kode_indikator"]
    return s.set_index(keys)[["nilai", "n_kemitraan", "tertimbang", "parsial"]].sort_index()


@FAST
@given(
    parts=monthly_partnerships(),
    q_from=st.integers(0, 7),
    q_len=st.integers(0, 8),
    by=st.sampled_from([None, "kategori"]),
)
def test_quarterly_reports_give_the_same_yearly_figures_as_their_months(parts, q_from, q_len, by):
    """q_len = 0: the data's own range; else a range of whole quarters."""
    q_to = min(7, q_from + q_len - 1)
    f = (
        Filters()
        if not q_len
        else Filters(
            period_from=dt.date(2023 + q_from // 4, q_from % 4 * 3 + 1, 1),
            period_to=dt.date(2023 + q_to // 4, q_to % 4 * 3 + 3, 1),
        )
    )
    monthly = _yearly(mem_con(_partners(parts), _monthly_rows(parts)), f, by)
    quarterly = _yearly(mem_con(_partners(parts), _quarterly_rows(parts)), f, by)
    pd.testing.assert_frame_equal(monthly, quarterly, check_exact=False, rtol=1e-9)


# --- an ended partnership and end-of-range stocks -------------------------------------------------------

END = dt.date(2024, 12, 1)
RANGE = Filters(period_from=dt.date(2024, 1, 1), period_to=END)
STOCKS = ["peserta_kb_aktif", "sasaran", "mitra_aktif"]


@st.composite
def stock_reporters(draw):
    """1–3 open partnerships reporting monthly stocks over a span of 2023–2024."""
    out = []
    for n in range(draw(st.integers(1, 3))):
        a = draw(st.integers(0, 23))
        b = draw(st.integers(a, 23))
        out.append(
            {
                "kode": f"P{n}",
                "kategori": draw(st.sampled_from(KATEGORI)),
                "months": list(range(a, b + 1)),
                "values": [draw(st.integers(1, 500)) for _ in range(a, b + 1)],
            }
        )
    return out


def _stock_rows(parts) -> list[dict]:
    return [
        indicator_row(p["kode"], month(i), kode, v)
        for p in parts
        for i, v in zip(p["months"], p["values"])
        for kode in STOCKS
    ]


def _end_of_range(con, f: Filters) -> pd.DataFrame:
    tot = indicators.indicator_totals(con, f, STOCKS, by="kategori")
    out = tot[["kategori", "kode_indikator", "nilai", "n_kemitraan", "bulan_stok"]]
    out = out[out["n_kemitraan"] > 0]  # a stock nobody holds at the end is no figure, whether it has a row or not
    return out.sort_values(["kategori", "kode_indikator"]).reset_index(drop=True)


@FAST
@given(
    base=stock_reporters(),
    ended_on=st.dates(dt.date(2023, 2, 1), dt.date(2024, 12, 30)),
    start=st.integers(0, 22),
    kategori=st.sampled_from(KATEGORI),
    value=st.integers(1, 500),
)
def test_a_partnership_that_ended_before_the_range_end_changes_no_end_of_range_stock(
    base, ended_on, start, kategori, value
):
    partners = [partnership(p["kode"], kategori=p["kategori"], tanggal_mulai=dt.date(2022, 1, 1)) for p in base]
    before = _end_of_range(mem_con(partners, _stock_rows(base)), RANGE)
    last = (ended_on.year - 2023) * 12 + ended_on.month - 1  # it reports until the month it ended
    ended = {
        "kode": "X",
        "kategori": kategori,
        "months": list(range(min(start, last), last + 1)),
        "values": [value] * (last + 1 - min(start, last)),
    }
    partners.append(partnership("X", kategori=kategori, tanggal_mulai=dt.date(2022, 1, 1), tanggal_selesai=ended_on))
    after = _end_of_range(mem_con(partners, _stock_rows([*base, ended])), RANGE)
    pd.testing.assert_frame_equal(before, after, check_dtype=False)


# --- a rate that improves never lowers the share improving ----------------------------------------------


@st.composite
def outcome_reporters(draw):
    """2–5 partnerships reporting mcpr_pct or stunting_pct monthly over 2024–2025 (windows of 12 months)."""
    out = []
    for n in range(draw(st.integers(2, 5))):
        weighted = draw(st.booleans())
        months_ = sorted(draw(st.sets(st.integers(12, 35), min_size=2, max_size=24)))
        out.append(
            {
                "kode": f"P{n}",
                "months": months_,
                "values": [draw(st.floats(5, 95).map(lambda x: round(x, 1))) for _ in months_],
                "penyebut": [draw(st.integers(50, 2000)) if weighted else None for _ in months_],
            }
        )
    return out


def _outcome_con(parts, kode: str):
    rows = [
        indicator_row(p["kode"], month(i), kode, v, penyebut=d)
        for p in parts
        for i, v, d in zip(p["months"], p["values"], p["penyebut"])
    ]
    return mem_con([partnership(p["kode"], tanggal_mulai=dt.date(2022, 1, 1)) for p in parts], rows)


def _share(con, kode: str) -> tuple[float, int]:
    # flagged values included: a value moved far from its own history is flagged (§4), and this property is
    # about the impact rule, not about which values the quality rules keep
    per, _ = impact.impact_summary(con, Filters(include_flagged=True), None, (kode,))
    if per.empty:
        return float("nan"), 0
    return float(per["porsi_membaik_pct"].iloc[0]), int(per["n_kemitraan"].iloc[0])


@FAST
@given(
    parts=outcome_reporters(),
    kode=st.sampled_from(["mcpr_pct", "stunting_pct"]),
    who=st.integers(0, 4),
    delta=st.floats(0.1, 30),
)
def test_a_partnership_whose_rate_improves_never_lowers_the_share_improving(parts, kode, who, delta):
    before, n = _share(_outcome_con(parts, kode), kode)
    better = 1 if contract.indicator(kode).lebih_tinggi_lebih_baik else -1
    p = parts[who % len(parts)]
    moved = {
        **p,
        "values": [
            min(100.0, max(0.0, v + better * delta)) if i >= 24 else v  # its latest window
            for i, v in zip(p["months"], p["values"])
        ],
    }
    after, n_after = _share(_outcome_con([moved if q is p else q for q in parts], kode), kode)
    assert n_after == n
    if n:
        assert after >= before


# --- flagged values change only the figures that hold them ----------------------------------------------

FLAG_KODES = ["terjangkau", "dana_realisasi_idr", "mcpr_pct", "peserta_kb_aktif"]


@st.composite
def flagged_store(draw):
    """2–4 partnerships in two categories reporting monthly over spans of 2024, then a few slips: a flow × 100,
    a rate of 150 %, a negative stock."""
    parts, rows = [], []
    for n in range(draw(st.integers(2, 4))):
        kode, a = f"P{n}", draw(st.integers(12, 17))
        b = draw(st.integers(a + 6, 23))
        parts.append(partnership(kode, kategori=draw(st.sampled_from(KATEGORI)), tanggal_mulai=dt.date(2022, 1, 1)))
        for i in range(a, b + 1):
            rows += [
                indicator_row(kode, month(i), "terjangkau", draw(flow_values)),
                indicator_row(kode, month(i), "dana_realisasi_idr", draw(flow_values)),
                indicator_row(
                    kode, month(i), "mcpr_pct", draw(st.integers(20, 80)), penyebut=draw(st.integers(100, 900))
                ),
                indicator_row(kode, month(i), "peserta_kb_aktif", draw(st.integers(100, 900))),
            ]
    slips = draw(st.sets(st.integers(0, len(rows) - 1), min_size=1, max_size=3))
    for j in slips:
        r = rows[j]
        r["nilai"] = {
            "terjangkau": r["nilai"] * 100,
            "dana_realisasi_idr": r["nilai"] * 100,
            "mcpr_pct": 150.0,
            "peserta_kb_aktif": -5.0,
        }[r["kode_indikator"]]
    return parts, rows, [(rows[j]["kode_kemitraan"], rows[j]["kode_indikator"]) for j in slips]


def _cells(con, f: Filters, by: str) -> pd.DataFrame:
    tot = indicators.indicator_totals(con, f, FLAG_KODES, by=by)
    return tot.set_index([by, "kode_indikator"])[["nilai", "n_kemitraan"]]


def _flagged_december_elsewhere():
    """The case the property found: P0's December stock is a slip (flagged) and P1, in the other category, last
    reported in November. Deciding the stock month from unflagged values only made it November without the
    flagged value (P1 counted) and December with it (P1 out): a flag moved another partnership's figure."""
    parts = [
        partnership("P0", kategori=KATEGORI[0], tanggal_mulai=dt.date(2022, 1, 1)),
        partnership("P1", kategori=KATEGORI[1], tanggal_mulai=dt.date(2022, 1, 1)),
    ]
    rows = [indicator_row("P0", month(i), "peserta_kb_aktif", -5.0 if i == 23 else 300) for i in range(12, 24)]
    rows += [indicator_row("P1", month(i), "peserta_kb_aktif", 400) for i in range(12, 23)]
    return parts, rows, [("P0", "peserta_kb_aktif")]


@FAST
@given(store=flagged_store(), by=st.sampled_from(["kode_kemitraan", "kategori"]))
@example(store=_flagged_december_elsewhere(), by="kategori")
def test_flagged_values_change_only_the_figures_that_hold_them(store, by):
    parts, rows, slipped = store
    con = mem_con(parts, rows)
    flagged = quality.out_of_range(con, Filters())
    held = set(zip(flagged["kode_kemitraan"], flagged["kode_indikator"]))
    assert set(slipped) <= held  # every slip is caught by the rules
    kategori = {p["kode_kemitraan"]: p["kategori"] for p in parts}
    f = Filters(period_from=dt.date(2024, 1, 1), period_to=dt.date(2024, 12, 1))
    group_of = (lambda k: k) if by == "kode_kemitraan" else kategori.get
    out, inc = _cells(con, f, by), _cells(con, replace(f, include_flagged=True), by)
    holding = {(group_of(k), ind) for k, ind in held}
    for cell in out.index.union(inc.index):
        if cell in holding:
            continue
        assert cell in out.index and cell in inc.index, cell
        assert tuple(out.loc[cell]) == pytest.approx(tuple(inc.loc[cell]), nan_ok=True), cell
    for cell in holding:  # a flow holding a slip × 100 does change
        if cell[1] in ("terjangkau", "dana_realisasi_idr") and cell in out.index:
            assert inc.loc[cell, "nilai"] > out.loc[cell, "nilai"], cell


# --- the cases the properties found, as plain examples --------------------------------------------------


def test_a_partnership_that_ended_inside_the_last_month_is_not_in_the_end_of_range_stock():
    rows = [
        indicator_row(k, month(i), "peserta_kb_aktif", v) for i in range(12, 24) for k, v in (("P", 100), ("Q", 200))
    ]
    con = mem_con([partnership("P"), partnership("Q", tanggal_selesai=dt.date(2024, 12, 15))], rows)
    tot = indicators.indicator_totals(con, RANGE, ["peserta_kb_aktif"]).iloc[0]
    assert (tot["nilai"], tot["n_kemitraan"]) == (100, 1)  # Q ended on 15 December: not active at the end


def test_an_ended_partnership_does_not_move_the_month_a_stock_stands_for():
    # P's data end in March 2024; Q reported until it ended in May: the stock still stands for March
    rows = [indicator_row("P", month(i), "peserta_kb_aktif", 100) for i in range(12, 15)]
    rows += [indicator_row("Q", month(i), "peserta_kb_aktif", 200) for i in range(12, 17)]
    con = mem_con([partnership("P"), partnership("Q", tanggal_selesai=dt.date(2024, 5, 20))], rows)
    tot = indicators.indicator_totals(con, RANGE, ["peserta_kb_aktif"]).iloc[0]
    assert (tot["nilai"], tot["n_kemitraan"], pd.Timestamp(tot["bulan_stok"]).date()) == (100, 1, dt.date(2024, 3, 1))


def test_a_partnership_silent_through_the_range_is_still_expected_to_report():
    from kemitraan.queries import reporting

    # P reports every month; Q reported monthly in 2023 and nothing in 2024, though it has not ended
    rows = [indicator_row("P", month(i), "terjangkau", 10) for i in range(0, 24)]
    rows += [indicator_row("Q", month(i), "terjangkau", 10) for i in range(0, 12)]
    con = mem_con(
        [partnership("P", tanggal_mulai=dt.date(2023, 1, 1)), partnership("Q", tanggal_mulai=dt.date(2023, 1, 1))], rows
    )
    rates = reporting.reporting_rates(con, RANGE, "kode_kemitraan").set_index("kode_kemitraan")
    assert (rates.loc["Q", "n_diharapkan"], rates.loc["Q", "n_diterima"]) == (12, 0)
    total = reporting.reporting_rates(con, RANGE, None).iloc[0]
    assert total["kelengkapan_pct"] == pytest.approx(50.0)
