import base64
import datetime as dt
import json
import pickle

import numpy as np
import pandas as pd
import pytest
from conftest import indicator_row, partnership, survey_row, write

from kemitraan import contract
from kemitraan.export import deck
from kemitraan.queries import filter_codes
from kemitraan.queries import reach as qreach
from kemitraan.queries import sustainability as qsustainability
from kemitraan.queries.filters import Filters
from kemitraan.storage.notes import Notes


@pytest.fixture
def demo_con(demo_store):
    return demo_store.connect(materialize=True)


def _two_partnerships(store, rows):
    write(
        store,
        "b1",
        kemitraan=[
            partnership("K1"),
            partnership("K2", kategori="internasional", provinsi_kode="31", provinsi="DKI Jakarta"),
        ],
        indikator=rows,
    )


def test_default_deck_has_seven_slides_each_one_message(demo_store, demo_con):
    d = deck.build_deck(demo_con, demo_store, Filters(), "id")
    assert [s.key for s in d.slides] == ["ringkasan", "jangkauan", "dana", "dampak", "pembanding", "kesehatan", "peta"]
    for s in d.slides:
        assert not s.empty and len(s.figure.data) > 0 and not s.data.empty
        assert s.title != s.chart_title and any(ch.isdigit() for ch in s.title), s.title
        assert 1 <= len(s.metrics) <= 3 and all(m.value not in ("", "–") for m in s.metrics)
    assert d.context.demo and d.context.demo_marker == "DATA DEMO — sintetis"
    assert d.context.period == "2021 (Jul–Des) – 2026 (Jan–Jun)"  # partial first and last years
    assert "DATA DEMO — sintetis" in d.context.footer()


def test_slide_data_is_what_the_queries_return(demo_store, demo_con):
    f = Filters(kategori=("internasional", "nirlaba"))
    d = deck.build_deck(demo_con, demo_store, f, "en", ["jangkauan", "dana"])
    reach, funds = d.slides
    expected = qreach.reach_over_time(demo_con, f, "tahun", "kategori")
    assert reach.data["terjangkau"].tolist() == expected["terjangkau"].tolist()
    assert set(reach.data["kategori"]) == {"internasional", "nirlaba"}
    assert "2026 (Jan–Jun)" in set(reach.data["periode"])
    s = qsustainability.sustainability_summary(demo_con, f, "kategori")
    assert funds.data["dana_realisasi_idr"].tolist() == s["dana_realisasi_idr"].tolist()


@pytest.mark.parametrize("lang, f", [("id", Filters()), ("en", Filters(kategori=("internasional", "nirlaba")))])
def test_a_whole_deck_shows_what_each_slide_shows_alone(demo_store, demo_con, lang, f):
    """A downloaded or exported deck (every slide built together, the questions several slides ask answered once)
    holds the same slides as the Presentasi page, which builds the one it shows."""
    whole = deck.build_deck(demo_con, demo_store, f, lang, list(deck.SLIDES))
    assert [s.key for s in whole.slides] == list(deck.SLIDES)
    for s in whole.slides:
        alone = deck.SLIDES[s.key](demo_con, f, lang)
        assert (s.title, s.chart_title, s.metrics, s.empty) == (
            alone.title,
            alone.chart_title,
            alone.metrics,
            alone.empty,
        )
        pd.testing.assert_frame_equal(s.data, alone.data)  # (floats to a relative 1e-5: DuckDB's parallel sums)
        assert _rounded(json.loads(s.figure.to_json())) == _rounded(json.loads(alone.figure.to_json())), s.key


def test_a_slide_kept_by_the_page_cache_shows_the_same_figure(demo_store, demo_con):
    """The Presentasi page keeps slides in Streamlit's cache (pickled): a slide draws its figure only when asked
    (an export that shows no figure never draws it), and one taken from the cache shows the figure drawn."""
    for key in deck.SLIDES:
        slide = deck.SLIDES[key](demo_con, Filters(), "id")
        kept = pickle.loads(pickle.dumps(slide))
        assert json.loads(kept.figure.to_json()) == json.loads(slide.figure.to_json()), key
        assert kept.title == slide.title and kept.data.equals(slide.data)


def _rounded(value):
    """A figure's JSON with every number to 9 significant digits: two runs of the same parallel sum may differ in
    the last bits."""
    if isinstance(value, float):
        return "NaN" if value != value else float(f"{value:.9g}")  # (NaN is not equal to itself)
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict) and "bdata" in value:  # Plotly's typed array: base64 of the numbers
        shape = value.get("shape")
        return _rounded(np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()) + [shape]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def test_reach_takeaway_compares_the_last_two_complete_years(store):
    _two_partnerships(
        store,
        [
            indicator_row("K1", "2023", "terjangkau", 60),
            indicator_row("K2", "2023", "terjangkau", 40),
            indicator_row("K1", "2024", "terjangkau", 70),
            indicator_row("K2", "2024", "terjangkau", 42),
        ],
    )
    con = store.connect()
    s = deck.jangkauan(con, Filters(), "id")
    assert s.title == "Jangkauan 2024 naik 12 % dibanding 2023; tertinggi: Pemerintah–LSM"
    en = deck.jangkauan(con, Filters(), "en").title
    assert en == f"Reach in 2024 up 12 % on 2023; highest: {contract.enum_label('kategori', 'pemerintah_lsm', 'en')}"


def _x_labels(fig) -> list[str]:
    """The labels a reader sees on the x axis: tick texts when the ticks are set by value (and each value is on
    the axis), else the categories the traces carry."""
    ax = fig.layout.xaxis
    xs = [str(x) for tr in fig.data for x in (tr.x if tr.x is not None else [])]
    if ax.tickvals is not None:
        on_axis = (
            [str(v) for v in ax.tickvals] if ax.type != "category" else [v for v in map(str, ax.tickvals) if v in xs]
        )
        return [str(text) for v, text in zip(ax.tickvals, ax.ticktext) if str(v) in on_axis]
    return list(dict.fromkeys(xs))


def test_yearly_trends_have_labels_on_their_x_axis(demo_store):
    """A date tick value on a category axis matches no category: the axis would show no year at all."""
    con = demo_store.connect()
    for key in ("jangkauan", "cakupan"):
        fig = deck.SLIDES[key](con, Filters(), "id").figure
        labels = _x_labels(fig)
        assert "2022" in labels and "2026 (Jan–Jun)" in labels, (key, labels)


def test_reach_takeaway_never_compares_a_partial_year(store):
    rows = [indicator_row("K1", f"2023-{m:02d}", "terjangkau", 10) for m in range(1, 13)]
    rows += [indicator_row("K1", f"2024-{m:02d}", "terjangkau", 10) for m in range(1, 7)]
    _two_partnerships(store, rows)
    con = store.connect()
    s = deck.jangkauan(con, Filters(), "id")
    # 2024 has only six months: a "fall" of 50 % would be false
    assert s.title == "Jangkauan 2023 – 2024 (Jan–Jun): 180 kontak layanan"  # contacts, not people
    assert "2024 (Jan–Jun)" in _x_labels(s.figure)
    assert (
        deck.jangkauan(con, Filters(period_to=dt.date(2023, 12, 1)), "id").title == "Jangkauan 2023: 120 kontak layanan"
    )


def test_takeaways_fall_back_with_one_period_or_no_data(store):
    con = store.connect()
    for key in deck.SLIDES:
        s = deck.SLIDES[key](con, Filters(), "en")
        assert s.empty, key
        assert "no data" in s.title or "not enough data" in s.title, (key, s.title)
    _two_partnerships(store, [indicator_row("K1", "2024", "terjangkau", 5)])
    con = store.connect()
    assert deck.jangkauan(con, Filters(), "id").title == "Jangkauan 2024: 5 kontak layanan"
    assert deck.dampak(con, Filters(), "id").title.startswith("Dampak: belum cukup data")


def test_health_takeaway_names_the_weakest_principle_and_a_small_n(store):
    write(
        store,
        "b1",
        kemitraan=[partnership("K1")],
        survei=[survey_row("r1", "K1", 4, pengelolaan_konflik=2), survey_row("r2", "K1", 4, pengelolaan_konflik=2)],
    )
    s = deck.kesehatan(store.connect(), Filters(), "en")
    weakest = contract.PRINCIPLE_LABELS["pengelolaan_konflik"][1]
    assert f"weakest: {weakest}" in s.title and "only 2 respondents" in s.title


def test_filters_and_language_reach_every_slide(demo_store, demo_con):
    f = Filters(provinsi=("32",))
    d = deck.build_deck(demo_con, demo_store, f, "en", list(deck.SLIDES))
    ring = d.slides[0]
    assert ring.data["n_kemitraan"].sum() == qsustainability.partnership_status(demo_con, f, [])["n_kemitraan"].sum()
    assert "Province: Jawa Barat" in d.context.footer()
    assert d.slides[-1].data.set_index("provinsi_kode")["n_kemitraan"].drop("32").sum() == 0


def test_meeting_notes_attach_to_their_slide(demo_store, demo_con):
    notes = Notes(demo_store.root)
    notes.add(
        "Kenaikan karena kampanye imunisasi",
        "slide",
        "dampak",
        author="Siti",
        filters=filter_codes.to_codes(Filters(kategori=("nirlaba",))),
    )
    d = deck.build_deck(demo_con, demo_store, Filters(), "id", "ringkasan,dampak")
    assert [len(s.meeting_notes) for s in d.slides] == [0, 1]
    line = deck.note_line(d.slides[1].meeting_notes[0], "id")
    assert line.startswith("Siti, ") and "Nirlaba–Nirlaba" in line and line.endswith("kampanye imunisasi")


def test_slide_keys_parse_like_the_url():
    assert deck.parse_slides(None) == list(deck.DEFAULT_SLIDES)
    assert deck.parse_slides("peta, ringkasan,peta") == ["peta", "ringkasan"]
    assert deck.parse_slides(["dana", "dampak,peta"]) == ["dana", "dampak", "peta"]
    with pytest.raises(deck.UnknownSlides) as err:
        deck.parse_slides("ringkasan,grafik")
    assert "grafik" in err.value.message("id") and "Unknown" in err.value.message("en")
