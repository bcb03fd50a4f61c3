"""The map: provinces as points on Plotly's offline geography (the topojson is served by the app)."""

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


def province_map(df: pd.DataFrame, kode: str, lang: str) -> go.Figure:
    """Provinces as points at their centroid: size and colour by the indicator's value (offline geography).

    Provinces with no data are small hollow grey points, so the whole country stays visible.
    ``customdata[0]`` is the province's BPS code.
    """
    ind = contract.indicator(kode)
    unit = unit_label(kode, lang)
    title = t("an.chart.map.title", lang, indikator=ind.in_sentence(lang), satuan=unit)
    if df.empty or df["nilai"].notna().sum() == 0:
        return empty_figure(lang, title)
    has = df[df["nilai"].notna()]
    none = df[df["nilai"].isna()]
    vmax = float(has["nilai"].max()) or 1.0
    size = 8 + 32 * (has["nilai"].clip(lower=0) / vmax) ** 0.5
    fmt = ",.1f" if contract.indicator(kode).is_rate else ",.0f"
    fig = go.Figure()
    fig.add_scattergeo(
        lat=none["lat"], lon=none["lon"], mode="markers", name=t("an.no_data", lang),
        marker={"size": 6, "color": "rgba(0,0,0,0)", "line": {"color": "#9E9E9E", "width": 1}},
        customdata=list(zip(none["provinsi_kode"], map(escape.plotly, none["provinsi"]))),
        hovertemplate="%{customdata[1]}<br>" + t("an.no_data", lang) + "<extra></extra>",
    )
    fig.add_scattergeo(
        lat=has["lat"], lon=has["lon"], mode="markers", name=ind.label(lang),
        marker={"size": size, "color": has["nilai"], "colorscale": palette.MAP_SCALE, "showscale": True,
                "colorbar": {"title": {"text": unit}, "tickformat": fmt.replace(".1f", ".0f")},
                "line": {"color": "white", "width": 0.8}, "opacity": 0.9},
        customdata=list(zip(has["provinsi_kode"], map(escape.plotly, has["provinsi"]), has["n_kemitraan"])),
        hovertemplate="%{customdata[1]}<br>%{marker.color:" + fmt + "} " + unit + "<br>"
        + t("satuan.kemitraan", lang) + ": %{customdata[2]}<extra></extra>",
    )
    fig.update_geos(
        scope="asia", resolution=50, projection_type="mercator",
        lataxis_range=[-11.5, 6.5], lonaxis_range=[94.0, 141.5],  # Indonesia, Sabang to Merauke
        showland=True, landcolor="#F2F2F2", showocean=True, oceancolor="#EAF2F8",
        showcountries=True, countrycolor="#BDBDBD", showcoastlines=True, coastlinecolor="#9E9E9E",
        showframe=False,
    )
    fig.update_layout(clickmode="event+select", dragmode=False, showlegend=False)
    base_layout(fig, title, lang, height=420)
    return fig.update_layout(margin={"l": 0, "r": 0, "b": 0})
