"""Plotly figure builders for the home page: pure functions, DataFrame in, Figure out.

Pages, the presentation view and exports call the same functions, so a chart
looks the same everywhere. Every chart is titled with its question and unit,
uses the one category palette, and formats numbers for the reader's language.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kemitraan import contract, palette
from kemitraan.i18n import t
from kemitraan.numfmt import plotly_separators


def base_layout(fig: go.Figure, title: str, lang: str, height: int = 420) -> go.Figure:
    # Long questions wrap instead of being cut off in half-width columns.
    wrapped = "<br>".join(textwrap.wrap(title, 62)) if title else ""
    fig.update_layout(
        title={"text": wrapped, "x": 0, "xanchor": "left", "font": {"size": 16}},
        template="plotly_white",
        separators=plotly_separators(lang),
        height=height,
        margin={"l": 10, "r": 10, "t": 60 + 22 * wrapped.count("<br>"), "b": 10},
        legend={"orientation": "h", "y": 1.0, "x": 1, "xanchor": "right", "yanchor": "bottom"},
        font={"family": "Source Sans Pro, Arial, sans-serif"},
    )
    return fig


def empty_figure(lang: str, title: str = "") -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=t("empty.no_data", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, title, lang, height=260)


def _cat_labels(codes: pd.Series, lang: str) -> list[str]:
    return [contract.enum_label("kategori", c, lang) for c in codes]


def _cat_colors(codes: pd.Series) -> list[str]:
    return [palette.KATEGORI_COLORS.get(c, palette.NEUTRAL) for c in codes]


def sustainability(df: pd.DataFrame, lang: str) -> go.Figure:
    """Two panels per kategori: funds realised as % of committed, and the local co-funding share."""
    title = t("chart.sust.title", lang)
    d = df.dropna(subset=["realisasi_pct"]) if "realisasi_pct" in df else df.iloc[0:0]
    if d.empty:
        return empty_figure(lang, title)
    labels = _cat_labels(d["kategori"], lang)
    fig = make_subplots(
        rows=1, cols=2, shared_yaxes=False,
        subplot_titles=(t("chart.sust.realised", lang), t("chart.sust.local", lang)),
    )
    colors = _cat_colors(d["kategori"])
    fig.add_bar(x=labels, y=d["realisasi_pct"], marker_color=colors, row=1, col=1, showlegend=False,
                hovertemplate="%{x}<br>%{y:.1f} %<extra></extra>")
    fig.add_bar(x=labels, y=d["porsi_dana_lokal_pct"], marker_color=colors, row=1, col=2, showlegend=False,
                hovertemplate="%{x}<br>%{y:.1f} %<extra></extra>")
    fig.update_yaxes(ticksuffix=" %", rangemode="tozero")
    fig.update_yaxes(range=[0, 105], row=1, col=1)
    base_layout(fig, title, lang)
    return fig.update_layout(margin_t=fig.layout.margin.t + 25)  # room for the panel titles


def reach_trend(df: pd.DataFrame, lang: str) -> go.Figure:
    """People reached per year, one line per kategori (from ``analysis_queries.reach_over_time``)."""
    title = t("chart.reach_trend.title", lang)
    if df.empty:
        return empty_figure(lang, title)
    fig = go.Figure()
    for kat, color in palette.KATEGORI_COLORS.items():
        d = df[df["kategori"] == kat]
        if d.empty:
            continue
        fig.add_scatter(x=d["periode_mulai"].map(lambda x: x.year), y=d["terjangkau"], mode="lines+markers", line_color=color,
                        name=contract.enum_label("kategori", kat, lang))
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_yaxes(title=t("unit.people", lang), tickformat=",.0f", rangemode="tozero")
    return base_layout(fig, title, lang)

