"""Property tests: every way the contract lets a number, date or period be written reads back to the same value."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kemitraan.ingest import normalise as N

BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
BULAN_PENDEK = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def group(n: int, sep: str) -> str:
    s = str(n)
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return sep.join(parts)


def write(cents: int, style: str) -> str:
    """A non-negative amount in hundredths, written as an evaluator would."""
    whole, frac = divmod(cents, 100)
    if style == "id":
        return f"{group(whole, '.')},{frac:02d}"
    if style == "en":
        return f"{group(whole, ',')}.{frac:02d}"
    if style == "rp":
        return f"Rp {group(whole, '.')},{frac:02d}"
    if style == "pct":
        return f"{whole},{frac:02d} %"
    raise AssertionError(style)


amounts = st.integers(min_value=0, max_value=10**13)


@settings(deadline=None)  # no timing in tests: speed is measured in bench/
@given(st.lists(amounts, min_size=1, max_size=30), st.sampled_from(["id", "en", "rp", "pct"]))
def test_a_column_of_numbers_reads_back(values, style):
    s = pd.Series([write(v, style) for v in values], dtype="str")
    out, bad, conv, _amb = N.numbers(s, N.blank_mask(s))
    assert not bad.any()
    assert conv == ("en" if style == "en" else "id")
    assert [round(x * 100) for x in out] == values


@settings(deadline=None)  # no timing in tests: speed is measured in bench/
@given(st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=30), st.booleans())
def test_whole_numbers_with_grouping_read_back(values, dots):
    # an all-ambiguous column ("1.234") is read the Indonesian way, so dots are thousands
    texts = [group(v, "." if dots else "") for v in values]
    s = pd.Series(texts, dtype="str")
    out, bad, _conv, _amb = N.numbers(s, N.blank_mask(s))
    assert not bad.any()
    assert [int(x) for x in out] == values


@settings(deadline=None)  # no timing in tests: speed is measured in bench/
@given(st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=20))
def test_numeric_cells_pass_through(values):
    s = pd.Series([float(v) for v in values], dtype=object)
    out, bad, _c, _a = N.numbers(s, N.blank_mask(s))
    assert not bad.any() and list(out) == [float(v) for v in values]


def test_small_numbers_are_not_dates():
    assert N.parse_date(5000.0) is None and N.parse_date(2024) is None


@settings(deadline=None)  # no timing in tests: speed is measured in bench/
@given(st.text(alphabet="abcxyz!?-", min_size=1, max_size=8))
def test_words_are_not_numbers(text):
    s = pd.Series([text, "12"], dtype="str")
    _out, bad, _c, _a = N.numbers(s, N.blank_mask(s))
    assert bad[0]


dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31))


@settings(deadline=None)  # no timing in tests: speed is measured in bench/
@given(dates, st.sampled_from(["iso", "dmy_slash", "dmy_dash", "d_month_y", "excel", "datetime", "iso_time"]))
def test_dates_read_back(d, style):
    # a bare number in a date column is an Excel serial only from 20000 (1954-10-03), so 5000 is never a date
    assume(style != "excel" or d >= dt.date(1954, 10, 3))
    text = {
        "iso": d.isoformat(),
        "dmy_slash": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "dmy_dash": f"{d.day}-{d.month}-{d.year}",
        "d_month_y": f"{d.day} {BULAN[d.month - 1]} {d.year}",
        "excel": float((d - N.EXCEL_EPOCH).days),
        "datetime": dt.datetime(d.year, d.month, d.day, 13, 5),
        "iso_time": f"{d.isoformat()}T08:15:00.000+07:00",
    }[style]
    assert N.parse_date(text) == d


@settings(deadline=None)  # no timing in tests: speed is measured in bench/
@given(dates, st.booleans())
def test_month_year_dates_are_the_first(d, short):
    text = f"{(BULAN_PENDEK if short else BULAN)[d.month - 1]} {d.year}"
    assert N.parse_date(text) == d.replace(day=1)


@settings(deadline=None)  # no timing in tests: speed is measured in bench/
@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=12), st.integers(2000, 2030))
def test_day_month_order_is_never_swapped(day, month, year):
    assert N.parse_date(f"{day:02d}/{month:02d}/{year}") == dt.date(year, month, day)


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@settings(deadline=None)  # no timing in tests: speed is measured in bench/
@given(
    st.integers(1990, 2099),
    st.integers(1, 4),
    st.sampled_from(
        [
            "{y}-Q{q}",
            "{y}Q{q}",
            "Q{q} {y}",
            "TW {r} {y}",
            "Triwulan {q} {y}",
            "triwulan {r} {y}",
            "{y} Q{q}",
            "TW{q}-{y}",
        ]
    ),
)
def test_quarters_read_back(y, q, spelling):
    text = spelling.format(y=y, q=q, r=ROMAN[q])
    assert N.parse_period(text) == (f"{y}-Q{q}", dt.date(y, 3 * q - 2, 1), "triwulan")


@settings(deadline=None)  # no timing in tests: speed is measured in bench/
@given(
    st.integers(1990, 2099),
    st.integers(1, 12),
    st.sampled_from(["{y}-{m:02d}", "{y}{m:02d}", "{name} {y}", "{m:02d}/{y}", "{short} {y}", "{short}-{y}", "date"]),
)
def test_months_read_back(y, m, spelling):
    text = (
        dt.date(y, m, 1)
        if spelling == "date"
        else spelling.format(y=y, m=m, name=BULAN[m - 1], short=BULAN_PENDEK[m - 1])
    )
    assert N.parse_period(text) == (f"{y}-{m:02d}", dt.date(y, m, 1), "bulan")


@settings(deadline=None)  # no timing in tests: speed is measured in bench/
@given(st.integers(1990, 2099), st.sampled_from(["{y}", "int", "float"]))
def test_years_read_back(y, spelling):
    text = {"int": y, "float": float(y)}.get(spelling, str(y))
    assert N.parse_period(text) == (str(y), dt.date(y, 1, 1), "tahun")


@settings(deadline=None)
@given(st.text(max_size=12))
def test_period_parser_never_crashes_and_only_returns_canonical(text):
    p = N.parse_period(text)
    if p is not None:
        canon, start, kind = p
        assert N.parse_period(canon) == p  # canonical text reads back to itself
        assert kind in ("tahun", "triwulan", "bulan") and start.day == 1
