"""One figure, one source (issue 19, item 7): every number in every slide's title is one the slide shows beside it —
a headline metric, or the chart's data (a cell, or a sum, share, change or mean of its columns, per year where the
data are yearly) — with the same rounding; and the unit word of contacts is "kontak layanan", never "orang".

Built on the demo with the pages' default period, every slide of :data:`kemitraan.export.deck.SLIDES`, both
languages. The candidates are derived here from the slide's own data frame, not by the takeaway functions.
"""

from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest

from kemitraan.export import deck
from kemitraan.queries import periods
from kemitraan.queries.filters import Filters

NUMBER = re.compile(r"[−+-]?\d[\d.,]*\d|[−+-]?\d")
CONSTANTS = {95.0, 100.0, 1000.0, 100000.0}  # "IK 95 %", "62/100", the map's unit "per 1.000 penduduk"


def parse(token: str, lang: str) -> tuple[float, int]:
    """A number as a slide writes it → (value, decimals)."""
    sign = -1 if token[0] in "−-" else 1
    token = token.lstrip("−+-")
    thousands, dec = (".", ",") if lang == "id" else (",", ".")
    whole, _, frac = token.replace(thousands, "").partition(dec)
    return sign * float(f"{whole}.{frac or 0}"), len(frac)


def numbers(text: str, lang: str) -> list[tuple[str, float, int]]:
    # a decimal mark or thousands separator at a token's end is punctuation ("… 2024." / "3, 4")
    return [(m.group(0), *parse(m.group(0), lang)) for m in NUMBER.finditer(text)]


def candidates(sl: deck.Slide, lang: str) -> set[float]:
    """Every value a reader could find beside the title: metric numbers and figures of the chart's data."""
    out = set(CONSTANTS)
    for m in sl.metrics:
        out |= {v for _, v, _ in numbers(f"{m.label} {m.value}", lang)}
    d = sl.data.copy()
    num = [c for c in d.columns if pd.api.types.is_numeric_dtype(d[c]) and not pd.api.types.is_bool_dtype(d[c])]
    out |= {float(v) for c in num for v in d[c].dropna()}
    out |= {float(len(d))} | {float(d[c].notna().sum()) for c in d.columns}
    frames = [d]
    if "periode" in d:
        out |= {float(y) for y in re.findall(r"\d{4}", " ".join(map(str, d["periode"])))}
        frames += [g for _, g in d.groupby("periode")]
    sums = [{c: g[c].sum() for c in num} for g in frames]
    for s in sums:
        out |= {float(v) for v in s.values()}
        out |= {s[a] / s[b] * 100 for a, b in itertools.permutations(num, 2) if s[b]}  # shares of sums
    for c in num:  # means, plain and weighted by the partnerships or respondents behind each row
        out.add(float(d[c].mean()))
        for w in ("n_kemitraan", "n"):
            if w in d and w != c and d[w].sum():
                out.add(float((d[c] * d[w]).sum() / d[w].sum()))
    if "periode" in d:  # year on year: the change of a sum (in %) and of a share of sums (in points)
        by_year = d.groupby("periode")[num].sum()
        for a, b in itertools.combinations(by_year.index, 2):
            ya, yb = by_year.loc[a], by_year.loc[b]
            out |= {abs(yb[c] / ya[c] - 1) * 100 for c in num if ya[c]}
            for p, q in itertools.permutations(num, 2):
                if ya[q] and yb[q]:
                    out.add(abs(yb[p] / yb[q] - ya[p] / ya[q]) * 100)
    return {float(v) for v in out if pd.notna(v)}


@pytest.fixture(scope="module")
def demo_con(demo_dir):
    from kemitraan.storage.store import Store

    con = Store(demo_dir).connect(materialize=True)
    yield con
    con.close()


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("key", list(deck.SLIDES))
def test_every_number_in_a_slide_title_is_shown_beside_it(demo_con, key, lang):
    f = periods.default_filters(demo_con, Filters())
    sl = deck.SLIDES[key](demo_con, f, lang)
    assert not sl.empty, key
    found = candidates(sl, lang)
    found |= {c / scale for c in found for scale in (1e6, 1e9, 1e12)}  # rupiah written "Rp 318,9 M" / "IDR 318.9 bn"
    for token, value, decimals in numbers(sl.title, lang):
        assert any(round(abs(c), decimals) == round(abs(value), decimals) for c in found), (
            f"{key}: {token} in «{sl.title}» is neither a metric nor in the chart data"
        )


def test_the_overview_title_counts_the_partnerships_its_metric_counts(demo_con):
    f = periods.default_filters(demo_con, Filters())
    sl = deck.ringkasan(demo_con, f, "id")
    shown = sl.metrics[0].value  # "Kemitraan": every partnership in the filters
    reporting = int(sl.data["n_kemitraan"].sum())  # the chart's: those that report contacts
    assert (
        sl.title.startswith(f"{reporting} dari {shown} kemitraan")
        if reporting != int(shown)
        else sl.title.startswith(f"{shown} kemitraan")
    )


def test_a_title_about_one_year_stands_beside_that_year_s_metric(demo_con):
    f = periods.default_filters(demo_con, Filters())
    sl = deck.cakupan(demo_con, f, "id")
    year, pct = re.match(r"Cakupan (\d{4}): ([\d,]+ %)", sl.title).groups()
    assert any(m.label.endswith(year) and m.value == pct for m in sl.metrics), (sl.title, sl.metrics)


@pytest.mark.parametrize("key", ["ringkasan", "jangkauan", "rentan", "peta"])
def test_contacts_are_called_contacts_in_titles_and_axes(demo_con, key):
    f = periods.default_filters(demo_con, Filters())
    sl = deck.SLIDES[key](demo_con, f, "id")
    words = [
        sl.title.replace("Orang terjangkau (kontak)", ""),  # the catalog's indicator name says contacts
        str(sl.figure.layout.yaxis.title.text or ""),
        str(sl.figure.layout.xaxis.title.text or ""),
    ]
    assert not [w for w in words if re.search(r"\borang\b", w)], words
