"""The map: the provinces' or kabupaten/kota's own boundaries (kemitraan/catalog/geo/, lightened for the view by
:mod:`kemitraan.charts.shapes`) on Plotly's offline geography (its topojson, for the sea and the neighbours, is served
by the app)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from kemitraan import contract, escape
from kemitraan.charts import palette, shapes
from kemitraan.charts.layout import base_layout, empty_figure
from kemitraan.i18n import t
from kemitraan.labels import areas_label, column_label, fmt_number, map_unit_label, unit_label

if TYPE_CHECKING:  # the query's result, named for the reader; charts never import a query at run time
    from kemitraan.queries.geography import AreaValues

#: Where the app serves Plotly's topojson (static/topojson/), so the map needs no network.
TOPOJSON_URL = "/app/static/topojson/"


MAP_CONFIG = {"topojsonURL": TOPOJSON_URL, "displaylogo": False}
#: An area without data: filled, so the country's (or the province's) shape stays whole, in a grey no colour
#: scale uses.
NO_DATA_FILL = "#D9D9D9"
#: An area the filters leave out: lighter still, so "not chosen" and "chosen, but nothing reported" differ.
OUTSIDE_FILL = "#EFEFEF"
_STATUS_TEXT = {
    "tanpa_data": "an.peta.status.tanpa_data",
    "tanpa_target": "an.peta.status.tanpa_target",
    "di_luar_filter": "an.peta.status.di_luar_filter",
}


def map_title(av: AreaValues, lang: str) -> str:
    """The map's question, with the unit it shows ("kontak layanan per 1.000 penduduk")."""
    ind = contract.indicator(av.kode)
    fields = {"indikator": ind.in_sentence(lang), "satuan": map_unit_label(av.kode, lang)}
    provinces = av.frame["provinsi_kode"].unique()
    if av.level == "provinsi":
        return t("an.chart.map.title", lang, **fields)
    if len(provinces) == 1:
        return t("an.chart.map.title.kabupaten_in", lang, provinsi=contract.province_name(provinces[0]), **fields)
    return t("an.chart.map.title.kabupaten", lang, **fields)


def decimals(values: pd.Series) -> int:
    """Decimals that tell areas apart: 0.53 and 0.28 contacts per 1,000 need two, 45.2 % one, 1,234 none."""
    top = values.abs().max() if values.notna().any() else 0
    return 0 if top >= 100 else 1 if top >= 10 else 2


def _hover(row, kode: str, lang: str, places: int) -> str:
    """An area's hover: its name, what the map shows, the figure behind it and its n (plain text, names escaped)."""
    ind = contract.indicator(kode)
    lines = [escape.plotly(row["wilayah"])]
    if row["status"] != "data":
        return "<br>".join([*lines, t(_STATUS_TEXT[row["status"]], lang)])
    lines.append(f"{fmt_number(row['nilai_peta'], lang, places)} {map_unit_label(kode, lang)}")
    unit = unit_label(kode, lang)
    whole = 0 if not ind.is_rate else 1
    if ind.peta == "persen_target":
        lines.append(
            f"{ind.label(lang)}: "
            + t(
                "an.peta.target_of",
                lang,
                nilai=fmt_number(row["nilai_bertarget"], lang, whole),
                target=f"{fmt_number(row['target'], lang, whole)} {unit}",
            )
        )
    elif ind.peta != "nilai":
        lines.append(f"{ind.label(lang)}: {fmt_number(row['nilai'], lang, whole)} {unit}")
        lines.append(f"{column_label('penduduk', lang)}: {fmt_number(row['penduduk'], lang)}")
    lines.append(f"{t('satuan.kemitraan', lang)}: {int(row['n_nilai'])}")
    return "<br>".join(lines)


def area_map(av: AreaValues, lang: str) -> go.Figure:
    """The areas of ``av`` (provinces of the country, or kabupaten/kota) coloured by what the catalog says the map
    shows of the indicator (:func:`kemitraan.queries.geography.map_value`), the view fitted to the areas, Sabang to
    Merauke for the country, at any width.

    Areas without a value are drawn grey (lighter when the filters leave them out) with the reason on hover, never
    as 0, so the whole country or province stays visible. ``customdata[0]`` is the code a click filters by: a
    province's BPS code; a kabupaten/kota's Kemendagri code only where partnerships of the filters work (the sidebar
    offers no other kabupaten/kota, so a click elsewhere could not become a filter). Plotly's offline geography only
    draws the sea and the neighbouring countries around them.
    """
    kode, df = av.kode, av.frame
    unit = map_unit_label(kode, lang)
    title = map_title(av, lang)
    # Nothing reported for these filters: the empty state says so. Values that exist but could not be placed (no
    # kabupaten/kota) still draw the grey areas, and the map's note counts them.
    if df.empty or (df["nilai"].notna().sum() == 0 and av.n_tanpa_wilayah == 0):
        return empty_figure(lang, title)
    tol = shapes.tolerance_for(df["wilayah_kode"], av.level)

    def clickable(sub: pd.DataFrame) -> list:
        if av.level == "provinsi":
            return list(sub["wilayah_kode"])
        return [c if n > 0 else None for c, n in zip(sub["wilayah_kode"], sub["n_kemitraan"])]

    places = decimals(df["nilai_peta"])
    fig = go.Figure()
    for status, fill in (
        ("di_luar_filter", OUTSIDE_FILL),
        ("tanpa_data", NO_DATA_FILL),
        ("tanpa_target", NO_DATA_FILL),
    ):
        none = df[df["status"] == status]
        if none.empty:
            continue
        # each trace carries only its own areas: the figure holds every boundary once
        fig.add_choropleth(
            geojson=shapes.geojson(av.level, list(none["wilayah_kode"]), tol),
            featureidkey="id",
            locations=list(none["wilayah_kode"]),
            z=[0] * len(none),
            name=t(_STATUS_TEXT[status], lang),
            colorscale=[[0, fill], [1, fill]],
            showscale=False,
            marker={"line": {"color": "white", "width": 0.6}},
            customdata=[[c, _hover(r, kode, lang, places)] for c, (_, r) in zip(clickable(none), none.iterrows())],
            hovertemplate="%{customdata[1]}<extra></extra>",
        )
    has = df[df["status"] == "data"]
    if not has.empty:
        # one value alone would take the scale's middle, a grey close to "no data": from 0 it takes the scale's top
        one = has["nilai_peta"].nunique() == 1
        span = {"zmin": 0, "zmax": max(float(has["nilai_peta"].max()), 1e-9)} if one else {}
        fig.add_choropleth(
            **span,
            geojson=shapes.geojson(av.level, list(has["wilayah_kode"]), tol),
            featureidkey="id",
            locations=list(has["wilayah_kode"]),
            z=list(has["nilai_peta"]),
            name=contract.indicator(kode).label(lang),
            colorscale=palette.MAP_SCALE,
            marker={"line": {"color": "white", "width": 0.6}},
            # the unit on the colour bar itself: a slide or a screenshot keeps it without the caption
            colorbar={
                "title": {"text": "<br>".join(_wrap_unit(unit)), "side": "top"},
                "tickformat": f",.{places}f",
                "thickness": 14,
                "len": 0.8,
            },
            customdata=[[c, _hover(r, kode, lang, places)] for c, (_, r) in zip(clickable(has), has.iterrows())],
            hovertemplate="%{customdata[1]}<extra></extra>",
        )
    fig.update_geos(
        scope="asia",
        resolution=50,
        projection_type="mercator",
        fitbounds="locations",  # the view is the areas' own extent: eastern Papua is never cut off
        showland=True,
        landcolor="#F2F2F2",
        showocean=True,
        oceancolor="#EAF2F8",
        showcountries=True,
        countrycolor="#BDBDBD",
        showcoastlines=False,
        showframe=False,
    )
    fig.update_layout(clickmode="event+select", dragmode=False, showlegend=False)
    base_layout(fig, title, lang, height=420)
    return fig.update_layout(margin={"l": 0, "r": 0, "b": 0})


def _wrap_unit(unit: str, width: int = 16) -> list[str]:
    """The colour bar's title in short lines: "kontak layanan / per 1.000 / penduduk" fits beside the map."""
    lines: list[str] = []
    for word in unit.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return [escape.plotly(x) for x in lines]


def map_note(av: AreaValues, lang: str) -> str:
    """Beside the map: what it shows (its unit), how many areas have data, the partnerships it could not place and
    where the population comes from — the rest of the figure's note (period, unit, n, aggregation) is the page's."""
    df = av.frame
    wilayah = areas_label(av.level, lang)
    parts = [
        t(
            "an.peta.note",
            lang,
            ukuran=map_unit_label(av.kode, lang),
            k=int((df["status"] == "data").sum()),
            n=len(df),
            wilayah=wilayah,
        )
    ]
    no_target = int((df["status"] == "tanpa_target").sum())
    if no_target:
        parts.append(t("an.peta.note.no_target", lang, n=no_target, wilayah=wilayah))
    if av.n_tanpa_wilayah:
        parts.append(t("an.peta.note.unplaced", lang, n=av.n_tanpa_wilayah))
    if contract.MAP_MEASURES[contract.indicator(av.kode).peta]:
        parts.append(t("an.peta.note.population", lang))
    return " · ".join(parts)


def map_table(av: AreaValues, lang: str) -> pd.DataFrame:
    """The map's areas as a table (the page's detail, its download, the slides): the value and what the map shows,
    each headed with its unit; an area's state on the map in words; empty cells where an area has no value."""
    ind = contract.indicator(av.kode)
    df = av.frame
    status = {**_STATUS_TEXT, "data": "an.peta.status.data"}
    out = df[
        [
            "wilayah_kode",
            "wilayah",
            "provinsi_kode",
            "penduduk",
            "n_kemitraan",
            "n_nilai",
            "nilai",
            "target",
            "nilai_peta",
        ]
    ].copy()
    out["status_peta"] = [t(status[s], lang) for s in df["status"]]
    return out.rename(
        columns={
            "nilai": t("an.peta.col.value", lang, indikator=ind.label(lang), satuan=unit_label(av.kode, lang)),
            "target": t(
                "an.peta.col.value", lang, indikator=column_label("target", lang), satuan=unit_label(av.kode, lang)
            ),
            "nilai_peta": t("an.peta.col.map_value", lang, satuan=map_unit_label(av.kode, lang)),
        }
    )
