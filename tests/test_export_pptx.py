import io

import pandas as pd
import plotly.graph_objects as go
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu

from kemitraan import contract
from kemitraan.charts.common import IDR_SCALE
from kemitraan.charts.geography import decimals
from kemitraan.export import deck, pptx_export
from kemitraan.export.pptx_charts import Unsupported, spec_from_figure
from kemitraan.queries import geography as qgeography
from kemitraan.queries import reach as qreach
from kemitraan.queries import sustainability as qsustainability
from kemitraan.queries.filters import Filters
from kemitraan.storage.notes import Notes

F = Filters(kategori=("pemerintah_lsm", "internasional", "nirlaba"))


@pytest.fixture(scope="module")
def demo_deck(demo_dir):
    from kemitraan.storage.store import Store

    store = Store(demo_dir)
    con = store.connect(materialize=True)
    d = deck.build_deck(con, store, F, "id", list(deck.SLIDES))
    prs = Presentation(io.BytesIO(pptx_export.to_pptx(d)))
    return con, d, prs


def _charts(slide):
    return [sh.chart for sh in slide.shapes if sh.has_chart]


def _texts(slide):
    return [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]


def _series(chart):
    return {s.name: list(s.values) for s in chart.plots[0].series}


def _cats(chart):
    return list(chart.plots[0].categories)


def test_one_title_slide_then_one_slide_per_deck_slide_at_16_9(demo_deck):
    _, d, prs = demo_deck
    assert len(prs.slides) == 1 + len(deck.SLIDES)
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))
    title = " ".join(_texts(prs.slides[0]))
    table = [c.text for sh in prs.slides[0].shapes if sh.has_table for r in sh.table.rows for c in r.cells]
    assert "Dasbor Kemitraan" in title
    assert prs.slides[0].shapes.title.text == "Dasbor Kemitraan"
    for expected in ("2021 (Jul–Des) – 2026 (Jan–Jun)", "Pemerintah–LSM, Internasional, Nirlaba–Nirlaba", "Data per"):
        assert expected in table, expected
    for slide, sl in zip(list(prs.slides)[1:], d.slides):
        texts = _texts(slide)
        assert sl.title in texts  # the takeaway is the slide's title
        # in the title placeholder, where PowerPoint's outline and screen readers look for it
        assert slide.shapes.title is not None and slide.shapes.title.text == sl.title
        assert "DATA DEMO — sintetis" in texts  # on every slide
        footer = next(x for x in texts if x.startswith("DATA DEMO — sintetis · Periode: "))
        assert "Kategori kemitraan: Pemerintah–LSM" in footer and "batch aktif: 1" in footer


def test_charts_are_native_of_the_right_type(demo_deck):
    _, d, prs = demo_deck
    kinds = {}
    for slide, sl in zip(list(prs.slides)[1:], d.slides):
        charts = _charts(slide)
        assert not any(sh.shape_type == 13 for sh in slide.shapes), "no pictures"
        kinds[sl.key] = charts[0].chart_type if charts else None
    assert kinds == {
        "ringkasan": XL_CHART_TYPE.COLUMN_CLUSTERED,
        "jangkauan": XL_CHART_TYPE.LINE_MARKERS,
        "cakupan": XL_CHART_TYPE.LINE_MARKERS,
        "rentan": XL_CHART_TYPE.BAR_CLUSTERED,
        "dana": XL_CHART_TYPE.COLUMN_CLUSTERED,
        "status": XL_CHART_TYPE.BAR_STACKED,
        "dampak": XL_CHART_TYPE.BAR_CLUSTERED,
        "kesehatan": XL_CHART_TYPE.BAR_CLUSTERED,  # impact: share per outcome
        "kepuasan": XL_CHART_TYPE.BAR_CLUSTERED,
        "peta": None,  # the map is a table of province values
    }


def test_chart_series_equal_the_query_results(demo_deck):
    con, d, prs = demo_deck
    slides = {sl.key: s for s, sl in zip(list(prs.slides)[1:], d.slides)}
    label = {k: contract.enum_label("kategori", k, "id") for k in contract.enum_codes("kategori")}

    funds = qsustainability.sustainability_summary(con, F, "kategori")
    chart = _charts(slides["dana"])[0]
    by_label = dict(zip(_cats(chart), _series(chart)["Dana terealisasi"]))
    assert by_label == pytest.approx(
        {label[k]: v / IDR_SCALE for k, v in zip(funds["kategori"], funds["dana_realisasi_idr"])}
    )

    trend = qreach.reach_over_time(con, F, "tahun", "kategori")
    chart = _charts(slides["jangkauan"])[0]
    assert _cats(chart) == ["2021 (Jul–Des)", "2022", "2023", "2024", "2025", "2026 (Jan–Jun)"]
    series = _series(chart)
    for k in F.kategori:
        rows = trend[trend["kategori"] == k].sort_values("periode_mulai")
        assert series[label[k]] == pytest.approx(rows["terjangkau"].tolist())

    reach = qreach.reach_summary(con, F, "kategori")
    chart = _charts(slides["ringkasan"])[0]
    got = dict(zip(_cats(chart), _series(chart)["Target"]))
    assert got == pytest.approx({label[k]: v for k, v in zip(reach["kategori"], reach["target_terjangkau"])})

    status = qsustainability.partnership_status(con, F, "kategori")
    chart = _charts(slides["status"])[0]
    got = dict(zip(_cats(chart), _series(chart)["Masih aktif"]))
    assert got == {label[k]: v for k, v in zip(status["kategori"], status["n_aktif"])}


def test_map_slide_lists_province_values(demo_deck):
    con, _, prs = demo_deck
    slide = list(prs.slides)[1 + list(deck.SLIDES).index("peta")]
    tables = [sh.table for sh in slide.shapes if sh.has_table]
    cells = [[c.text for c in r.cells] for tb in tables for r in list(tb.rows)[1:]]
    areas = qgeography.area_values(con, F, "terjangkau", "provinsi")
    prov = areas.with_data
    top = prov.sort_values("nilai_peta", ascending=False).iloc[0]
    places = decimals(areas.frame["nilai_peta"])
    # what the map shows (contacts per 1,000 people), headed with that unit, largest first
    assert [c.text for c in tables[0].rows[0].cells] == ["Wilayah", "kontak layanan per 1.000 penduduk"]
    assert cells[0] == [top["wilayah"], f"{top['nilai_peta']:.{places}f}".replace(".", ",")]
    assert len(cells) == len(prov)


def test_speaker_notes_hold_definitions_and_meeting_notes(demo_store):
    Notes(demo_store.root).add("Rapat: fokus ke NTT tahun depan", "slide", "jangkauan", author="Budi")
    con = demo_store.connect()
    d = deck.build_deck(con, demo_store, Filters(), "en", "ringkasan,jangkauan")
    prs = Presentation(io.BytesIO(pptx_export.to_pptx(d)))
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides]
    assert contract.indicator("terjangkau").definition("en") in notes[2]
    assert "Meeting notes:" in notes[2] and "Budi, " in notes[2] and "Rapat: fokus ke NTT tahun depan" in notes[2]
    assert "No meeting notes on this slide yet." in notes[1]


def test_no_demo_marker_without_demo_data(store):
    from conftest import indicator_row, partnership, write

    write(store, "b1", kemitraan=[partnership("K1")], indikator=[indicator_row("K1", "2024", "terjangkau", 5)])
    d = deck.build_deck(store.connect(), store, Filters(), "id", "ringkasan,dampak")
    prs = Presentation(io.BytesIO(pptx_export.to_pptx(d)))
    texts = [x for s in prs.slides for x in _texts(s)]
    assert not any("DEMO" in x for x in texts)
    assert any("Tidak ada data untuk filter ini." == x for x in _texts(prs.slides[2]))  # dampak has nothing to draw


def test_converter_handles_stacked_columns_dotted_lines_and_refuses_maps():
    fig = go.Figure(
        [
            go.Bar(x=["a", "b"], y=[1, 2], name="one", marker_color="#0072B2"),
            go.Bar(x=["b", "a"], y=[5, 4], name="two", marker_color="rgb(230, 159, 0)"),
        ]
    )
    fig.update_layout(barmode="stack")
    spec = spec_from_figure(fig)
    assert spec.chart_type == XL_CHART_TYPE.COLUMN_STACKED and spec.categories == ["a", "b"]
    assert [s.values for s in spec.series] == [[1, 2], [4, 5]] and spec.series[1].color == "#E69F00"
    dates = pd.to_datetime(["2024-01-01", "2024-04-01", "2024-07-01"])
    fig = go.Figure(
        [
            go.Scatter(x=dates, y=[1, None, 3], mode="lines+markers", name="v"),
            go.Scatter(x=dates, y=[2, 2, 2], mode="lines", line={"dash": "dot"}, showlegend=False),
        ]
    )
    spec = spec_from_figure(fig, "id")
    assert spec.categories == ["T1 2024", "T2 2024", "T3 2024"] and spec.series[0].values == [1, None, 3]
    assert spec.series[1].dotted and not spec.series[1].in_legend
    with pytest.raises(Unsupported):
        spec_from_figure(go.Figure(go.Scattergeo(lat=[1], lon=[2])))
    xy = spec_from_figure(go.Figure(go.Scatter(x=[1.5, 2], y=[3, 4], mode="markers")))
    assert xy.chart_type == XL_CHART_TYPE.XY_SCATTER and xy.series[0].x == [1.5, 2]


def test_the_impact_share_axis_of_a_slide_stops_at_100_percent():
    """The screen's share axis runs past 100 % to hold its own labels; PowerPoint labels its bars itself, so a
    slide's axis ends at the last tick (100 %) instead of showing an impossible 118 %."""
    from kemitraan.charts.impact import impact_share_chart

    per = pd.DataFrame(
        {
            "kode_indikator": ["mcpr_pct", "stunting_pct"],
            "porsi_membaik_pct": [100.0, 0.0],
            "ik_bawah_pct": [60.0, 0.0],
            "ik_atas_pct": [100.0, 40.0],
            "membaik": [5, 0],
            "memburuk": [0, 4],
            "n_kemitraan": [5, 5],
            "baseline": [50.0, 30.0],
            "terakhir": [55.0, 33.0],
        }
    )
    fig = impact_share_chart(per, None, "id")
    assert fig.layout.xaxis.range[1] > 100  # the screen keeps its room
    assert spec_from_figure(fig, "id").value_range == (0, 100)
