"""The analysis figures: what a reader sees (title with unit, language, palette, data, empty state)."""

from __future__ import annotations

import pytest

from kemitraan.queries import explore as qexplore
from kemitraan.queries import geography as qgeography
from kemitraan.queries import impact as qimpact
from kemitraan.queries import reach as qreach
from kemitraan.queries import survey
from kemitraan.queries import sustainability as qsustainability
from kemitraan.charts import common as ccommon
from kemitraan.charts import explore as cexplore
from kemitraan.charts import geography as cgeography
from kemitraan.charts import health as chealth
from kemitraan.charts import impact as cimpact
from kemitraan.charts import layout as clayout
from kemitraan.charts import reach as creach
from kemitraan.charts import sustainability as csustainability
from kemitraan import contract
from kemitraan.charts import palette
from kemitraan.queries.filters import Filters
from kemitraan.i18n import t
from conftest import build_analysis_store

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
        "reach_index": ccommon.group_bars(reach, "kategori", "indeks_jangkauan", clayout.groups_title("an.chart.reach_index.title", "kategori", lang),
                                    t("satuan.indeks", lang), lang),
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
        "map": cgeography.province_map(qgeography.province_summary(con, f), "terjangkau", lang),
        "pivot": cexplore.pivot_heatmap(qexplore.pivot(con, f, "terjangkau", "kategori", "tahun"), "kategori", "tahun", "terjangkau", lang),
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
    assert clayout.groups_title("an.chart.reach_index.title", "provinsi_kode", "id").startswith("Di antara provinsi, mana")


def test_outcome_trend_says_which_direction_is_better(con):
    fig = _figures(con, ALL, "id")["trend"]
    assert t("an.lower_better", "id") in fig.layout.title.text.replace("<br>", " ")


def test_map_is_offline_geography_without_tiles(con):
    fig = _figures(con, ALL, "en")["map"]
    assert {tr.type for tr in fig.data} == {"scattergeo"}
    assert fig.layout.geo.scope == "asia"
    layout = fig.to_plotly_json()["layout"]
    assert "mapbox" not in layout and "map" not in layout  # no tile layers
    points = fig.data[1]
    assert {cd[0] for cd in points.customdata} == {"32", "33"}
    no_data = fig.data[0]  # every other province stays on the map as a hollow point
    assert len(no_data.customdata) == len(contract.provinces()) - 2 and "51" in {cd[0] for cd in no_data.customdata}
    assert cgeography.MAP_CONFIG["topojsonURL"].startswith("/app/static/")


def test_likert_bars_diverge_around_zero(con):
    fig = _figures(con, ALL, "en")["likert"]
    disagree = next(tr for tr in fig.data if tr.name == "Strongly disagree")
    agree = next(tr for tr in fig.data if tr.name == "Strongly agree")
    assert all(x <= 0 for x in disagree.x) and all(x >= 0 for x in agree.x)
    trust = list(contract.PRINCIPLES).index("kepercayaan")
    assert disagree.x[trust] == pytest.approx(-100 / 3)  # one of three answered 1
