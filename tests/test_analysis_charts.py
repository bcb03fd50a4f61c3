"""The analysis figures: what a reader sees (title with unit, language, palette, data, empty state)."""

from __future__ import annotations

import pytest
from conftest import build_analysis_store

from kemitraan import contract
from kemitraan.charts import common as ccommon
from kemitraan.charts import explore as cexplore
from kemitraan.charts import geography as cgeography
from kemitraan.charts import health as chealth
from kemitraan.charts import impact as cimpact
from kemitraan.charts import layout as clayout
from kemitraan.charts import palette
from kemitraan.charts import reach as creach
from kemitraan.charts import sustainability as csustainability
from kemitraan.i18n import t
from kemitraan.queries import explore as qexplore
from kemitraan.queries import geography as qgeography
from kemitraan.queries import impact as qimpact
from kemitraan.queries import reach as qreach
from kemitraan.queries import survey
from kemitraan.queries import sustainability as qsustainability
from kemitraan.queries.filters import Filters

ALL = Filters()
NONE = Filters(kategori=("multisektor",))  # no partnership of that category in the hand-made store


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    con = build_analysis_store(tmp_path_factory.mktemp("cstore")).connect(materialize=True)
    yield con
    con.close()


def _figures(con, f, lang):
    reach = qreach.reach_summary(con, f)
    return {
        "reach_index": ccommon.group_bars(
            reach,
            "kategori",
            "indeks_jangkauan",
            clayout.groups_title("an.chart.reach_index.title", "kategori", lang),
            t("satuan.indeks", lang),
            lang,
        ),
        "reach_target": creach.reach_reached_vs_target(reach, "kategori", lang),
        "acceptors": creach.acceptors_chart(qreach.acceptors_over_time(con, f, "triwulan"), lang),
        "funds": csustainability.funds_chart(qsustainability.sustainability_summary(con, f), "kategori", lang),
        "status": csustainability.status_chart(qsustainability.partnership_status(con, f), "kategori", lang),
        "impact": cimpact.impact_share_chart(qimpact.impact_summary(con, f)[0], "kategori", lang),
        "trend": cimpact.outcome_trend(qimpact.outcome_series(con, f), "stunting_pct", "kategori", lang),
        "radar": chealth.health_principles(survey.health_by_principle(con, f), "kategori", lang),
        "likert": chealth.likert_diverging(survey.likert_distribution(con, f), lang),
        "satisfaction": chealth.satisfaction_chart(survey.satisfaction(con, f), "kategori", lang),
        "pareto": chealth.challenges_pareto(survey.challenges(con, f), lang),
        "map": cgeography.area_map(qgeography.area_values(con, f, "terjangkau", "provinsi"), lang),
        "map_kabupaten": cgeography.area_map(qgeography.area_values(con, f, "terjangkau", "kabupaten"), lang),
        "pivot": cexplore.pivot_heatmap(
            qexplore.pivot(con, f, "terjangkau", "kategori", "tahun"), "kategori", "tahun", "terjangkau", lang
        ),
    }


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_figure_has_data_a_question_and_a_unit(con, lang):
    for name, fig in _figures(con, ALL, lang).items():
        title = fig.layout.title.text.replace("<br>", " ")
        assert "?" in title or name == "pivot", (name, title)
        assert "(" in title and ")" in title, (name, title)  # the unit, in brackets
        assert fig.data, name
        assert fig.layout.separators == (",." if lang == "id" else ".,"), name


@pytest.mark.parametrize("lang", ["id", "en"])
def test_empty_filters_give_an_explained_empty_state(con, lang):
    for name, fig in _figures(con, NONE, lang).items():
        assert not fig.data, name
        assert fig.layout.annotations[0].text == t("empty.no_data", lang), name


def test_categories_use_the_one_palette_and_carry_their_code(con):
    fig = _figures(con, ALL, "en")["reach_index"]
    bar = fig.data[0]
    codes = [cd[0] for cd in bar.customdata]
    assert list(bar.marker.color) == [palette.KATEGORI_COLORS[k] for k in codes]
    assert set(bar.y) <= {contract.enum_label("kategori", k, "en") for k in contract.enum_codes("kategori")}


def test_labels_follow_the_language(con):
    radar_id = _figures(con, ALL, "id")["radar"]
    radar_en = _figures(con, ALL, "en")["radar"]
    assert "Kepercayaan" in radar_id.data[-1].y and "Trust" in radar_en.data[-1].y
    # small n flagged in the legend (both groups have fewer than 5 respondents)
    assert all(tr.name.endswith("few!)") for tr in radar_en.data)
    pareto = _figures(con, ALL, "id")["pareto"]
    assert list(pareto.data[0].x) == ["Pendanaan", "Koordinasi"]


def test_titles_name_the_grouping():
    assert clayout.groups_title("an.chart.reach_index.title", "bidang", "en").startswith("Which program areas reach")
    assert clayout.groups_title("an.chart.reach_index.title", "provinsi_kode", "id").startswith(
        "Di antara provinsi, mana"
    )


def test_outcome_trend_says_which_direction_is_better(con):
    fig = _figures(con, ALL, "id")["trend"]
    assert t("an.lower_better", "id") in fig.layout.title.text.replace("<br>", " ")


def test_map_is_offline_geography_without_tiles(con):
    fig = _figures(con, ALL, "en")["map"]
    assert {tr.type for tr in fig.data} == {"choropleth"}
    assert fig.layout.geo.scope == "asia" and fig.layout.geo.fitbounds == "locations"  # the whole country in view
    layout = fig.to_plotly_json()["layout"]
    assert "mapbox" not in layout and "map" not in layout  # no tile layers
    areas = fig.data[1]
    assert {cd[0] for cd in areas.customdata} == {"32", "33"}
    no_data = fig.data[0]  # every other province stays on the map, grey
    assert len(no_data.customdata) == len(contract.provinces()) - 2 and "51" in {cd[0] for cd in no_data.customdata}
    for trace in fig.data:  # each area drawn from the shipped boundaries, by its BPS code (Papua's differ)
        assert sorted(f["id"] for f in trace.geojson["features"]) == sorted(trace.locations)
    assert cgeography.MAP_CONFIG["topojsonURL"].startswith("/app/static/")


def test_likert_bars_diverge_around_zero(con):
    fig = _figures(con, ALL, "en")["likert"]
    disagree = next(tr for tr in fig.data if tr.name == "Strongly disagree")
    agree = next(tr for tr in fig.data if tr.name == "Strongly agree")
    assert all(x <= 0 for x in disagree.x) and all(x >= 0 for x in agree.x)
    trust = list(contract.PRINCIPLES).index("kepercayaan")
    assert disagree.x[trust] == pytest.approx(-100 / 3)  # one of three answered 1


def _yearly(rows):
    """A yearly series frame as the queries return it: (group, year, value, first month, last month)."""
    import datetime as dt

    import pandas as pd

    return pd.DataFrame(
        [
            {
                "kategori": g,
                "periode": str(y),
                "periode_mulai": dt.date(y, 1, 1),
                "nilai": v,
                "bulan_awal": dt.date(y, m0, 1),
                "bulan_akhir": dt.date(y, m1, 1),
                "n_kemitraan": 3,
            }
            for g, y, v, m0, m1 in rows
        ]
    )


def test_a_partial_last_year_is_drawn_apart_and_says_its_months():
    df = _yearly(
        [
            (g, y, v, 1, 6 if y == 2026 else 12)
            for g in ("pemerintah_lsm", "nirlaba")
            for y, v in ((2024, 100.0), (2025, 120.0), (2026, 55.0))
        ]
    )
    fig = ccommon.trend_lines(df, "kategori", "nilai", "t (orang)", "orang", "id", kode="terjangkau")
    solid = [tr for tr in fig.data if tr.showlegend is not False and tr.name == "Pemerintah–LSM"][0]
    dashed = [tr for tr in fig.data if tr.legendgroup == "Pemerintah–LSM" and tr.line.dash == "dash"][0]
    assert list(solid.x)[-1] == "2026 (Jan–Jun)" and solid.y[-1] != solid.y[-1]  # the solid line stops at 2025 …
    assert [y for y in dashed.y if y == y] == [120.0, 55.0]  # … a dashed one runs into the partial year
    assert list(dashed.marker.symbol)[-1] == "circle-open"
    assert t("fig.partial_legend", "id") in [tr.name for tr in fig.data]  # and the legend says what dashes mean


def test_a_single_period_is_drawn_as_labelled_bars_with_a_legend():
    fig = ccommon.trend_lines(
        _yearly([("pemerintah_lsm", 2025, 10.0, 1, 12), ("nirlaba", 2025, 7.0, 1, 12)]),
        "kategori",
        "nilai",
        "t (orang)",
        "orang",
        "en",
        kode="terjangkau",
    )
    assert {tr.type for tr in fig.data} == {"bar"} and all(tr.texttemplate for tr in fig.data)
    assert clayout.legend_entries(fig) == [
        contract.enum_label("kategori", k, "en") for k in ("pemerintah_lsm", "nirlaba")
    ]


def test_small_count_axes_tick_whole_numbers():
    import pandas as pd

    df = pd.DataFrame({"kategori": ["pemerintah_lsm", "nirlaba"], "jumlah_sumber_dana": [2.4, 3.1]})
    fig = ccommon.group_bars(df, "kategori", "jumlah_sumber_dana", "t (sumber)", "sumber", "id", n_col=None)
    assert fig.layout.xaxis.dtick == 1 and fig.layout.xaxis.tickformat == ",.0f"


def test_impact_shares_are_written_past_their_interval_and_a_zero_is_labelled(con):
    per = qimpact.impact_summary(con, ALL, "kategori")[0]
    per = per[per["kode_indikator"] == per["kode_indikator"].iloc[0]].copy()
    per.loc[per.index[0], ["porsi_membaik_pct", "ik_bawah_pct", "ik_atas_pct"]] = [0.0, 0.0, 40.0]
    fig = cimpact.impact_group_bars(per, "kategori", "id", "t")
    text = [tr for tr in fig.data if getattr(tr, "mode", None) == "text"][0]
    bar = fig.data[0]
    upper = dict(zip(bar.y, [v + p for v, p in zip(bar.error_x.array, bar.x)]))
    assert "0 %" in list(text.text)
    assert all(x > upper[y] for x, y in zip(text.x, text.y))  # right of the whisker's end, never on it
    assert fig.layout.xaxis.range[1] > 100 and max(fig.layout.xaxis.tickvals) == 100


def test_the_health_view_shows_every_principle_against_the_named_zones(con):
    fig = chealth.health_principles(survey.health_by_principle(con, ALL), "kategori", "en")
    assert {a.text for a in fig.layout.annotations} >= {t("zona.kuat", "en"), t("zona.lemah", "en")}
    assert all(len(tr.y) == len(contract.PRINCIPLES) for tr in fig.data)
    assert len(fig.layout.shapes) == 3  # the three zones behind the marks


def test_a_narrow_column_gets_more_title_lines_and_legend_rows_not_a_cut():
    df = _yearly([(g, y, 1.0, 1, 12) for g in contract.enum_codes("kategori") for y in (2024, 2025)])
    fig = ccommon.trend_lines(
        df, "kategori", "nilai", "Apakah cakupan meningkat dari waktu ke waktu di setiap kategori? (%)", "%", "id"
    )
    wide = clayout.fit(fig, 1400).layout.height
    lines = clayout.fit(fig, 270).layout.title.text.split("<br>")
    assert clayout.fit(fig, 270).layout.height > wide
    assert len(lines) > 1 and all(len(x) * clayout.TITLE_PX_PER_CHAR <= 270 for x in lines)


def test_every_figure_is_drawn_on_the_white_template_even_after_streamlit_took_plotly_s_default():
    """Streamlit's plotly module makes its own template Plotly's default when it is imported; a chart built after
    that must still look as every other (white background, the project's template), and so must the next one."""
    import plotly.graph_objects as go
    import plotly.io as pio
    import streamlit.elements.plotly_chart  # noqa: F401  (registers Streamlit's template)

    white = pio.templates[clayout.TEMPLATE].to_plotly_json()
    before = pio.templates.default
    try:
        pio.templates.default = "streamlit"  # what that import does
        figs = [clayout.base_layout(go.Figure(go.Bar(x=["a"], y=[1])), "T", "id") for _ in range(2)]
        assert [f.layout.template.to_plotly_json() == white for f in figs] == [True, True]
        assert figs[0].layout.plot_bgcolor is None and figs[0].layout.template.layout.plot_bgcolor == "white"
    finally:
        pio.templates.default = before


@pytest.mark.parametrize(
    ("lang", "n", "shown"),
    [("id", 17934, "n = 17.934 kemitraan"), ("en", 17934, "n = 17,934 partnerships"), ("en", 1, "n = 1 partnership")],
)
def test_a_figure_s_note_writes_its_n_as_every_other_number_of_the_page(lang, n, shown):
    """At ten thousand partnerships and more, the note under a figure wrote "n = 17934" beside "18,000" in the
    figure above it: the same number now reads the page's way, in either language."""
    from kemitraan.labels import aggregation_note

    assert aggregation_note("terjangkau", {"n_kemitraan": n}, lang).endswith(shown)
