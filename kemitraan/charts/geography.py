"""The map: the provinces' own boundaries (kemitraan/catalog/geo/) on Plotly's offline geography (its topojson, for
the sea and the neighbours, is served by the app)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kemitraan import contract, escape
from kemitraan.charts import palette
from kemitraan.charts.layout import base_layout, empty_figure
from kemitraan.i18n import t
from kemitraan.labels import unit_label

#: Where the app serves Plotly's topojson (static/topojson/), so the map needs no network.
TOPOJSON_URL = "/app/static/topojson/"


MAP_CONFIG = {"topojsonURL": TOPOJSON_URL, "displaylogo": False}
#: A province without data: filled, so the country's shape stays whole, in a grey no colour scale uses.
NO_DATA_FILL = "#D9D9D9"


def province_map(df: pd.DataFrame, kode: str, lang: str) -> go.Figure:
    """The 38 provinces as areas (the shipped boundaries, :func:`kemitraan.contract.boundaries`), coloured by the
    indicator's value, the view fitted to the whole country, Sabang to Merauke, at any width.

    Provinces with no data are drawn grey, so the whole country stays visible. ``customdata[0]`` is the
    province's BPS code (a click filters by it). Plotly's offline geography only draws the sea and the
    neighbouring countries around them.
    """
    ind = contract.indicator(kode)
    unit = unit_label(kode, lang)
    title = t("an.chart.map.title", lang, indikator=ind.in_sentence(lang), satuan=unit)
    if df.empty or df["nilai"].notna().sum() == 0:
        return empty_figure(lang, title)
    areas = contract.boundaries("provinsi")["features"]

    def geo(codes) -> dict:  # each trace carries only its own provinces: the figure holds every boundary once
        wanted = set(codes)
        return {"type": "FeatureCollection", "features": [a for a in areas if a["id"] in wanted]}

    has = df[df["nilai"].notna()]
    none = df[df["nilai"].isna()]
    fmt = ",.1f" if contract.indicator(kode).is_rate else ",.0f"
    fig = go.Figure()
    fig.add_choropleth(
        geojson=geo(none["provinsi_kode"]), featureidkey="id", locations=none["provinsi_kode"], z=[0] * len(none), name=t("an.no_data", lang),
        colorscale=[[0, NO_DATA_FILL], [1, NO_DATA_FILL]], showscale=False, marker={"line": {"color": "white", "width": 0.6}},
        customdata=list(zip(none["provinsi_kode"], map(escape.plotly, none["provinsi"]))),
        hovertemplate="%{customdata[1]}<br>" + t("an.no_data", lang) + "<extra></extra>",
    )
    fig.add_choropleth(
        geojson=geo(has["provinsi_kode"]), featureidkey="id", locations=has["provinsi_kode"], z=has["nilai"], name=ind.label(lang),
        colorscale=palette.MAP_SCALE, marker={"line": {"color": "white", "width": 0.6}},
        colorbar={"title": {"text": unit}, "tickformat": fmt.replace(".1f", ".0f")},
        customdata=list(zip(has["provinsi_kode"], map(escape.plotly, has["provinsi"]), has["n_kemitraan"])),
        hovertemplate="%{customdata[1]}<br>%{z:" + fmt + "} " + unit + "<br>"
        + t("satuan.kemitraan", lang) + ": %{customdata[2]}<extra></extra>",
    )
    fig.update_geos(
        scope="asia", resolution=50, projection_type="mercator",
        fitbounds="locations",  # the view is the 38 provinces' own extent: eastern Papua is never cut off
        showland=True, landcolor="#F2F2F2", showocean=True, oceancolor="#EAF2F8",
        showcountries=True, countrycolor="#BDBDBD", showcoastlines=False, showframe=False,
    )
    fig.update_layout(clickmode="event+select", dragmode=False, showlegend=False)
    base_layout(fig, title, lang, height=420)
    return fig.update_layout(margin={"l": 0, "r": 0, "b": 0})
