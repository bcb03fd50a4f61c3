"""Sustainability figures: funds committed and disbursed, local share, partnerships active and ended."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kemitraan import contract
from kemitraan.charts.common import IDR_SCALE, dim_colors
from kemitraan.charts.layout import add_margin, base_layout, empty_figure, group_label, whole_ticks
from kemitraan.i18n import t


def funds_chart(df: pd.DataFrame, dim: str, lang: str) -> go.Figure:
    """Funds committed vs disbursed per group (IDR), realisation % in the hover."""
    title = t("an.chart.funds.title", lang)
    need = {"dana_komitmen_idr", "dana_realisasi_idr"}
    if df.empty or not need <= set(df.columns) or df[list(need)].isna().all().all():
        return empty_figure(lang, title)
    labels = [group_label(dim, c, lang) for c in df[dim]]
    real = df.get("realisasi_pct", pd.Series(index=df.index, dtype=float))
    unit = t("satuan.IDR_miliar", lang)
    fig = go.Figure()
    fig.add_bar(
        x=labels,
        y=df["dana_komitmen_idr"] / IDR_SCALE,
        name=contract.indicator("dana_komitmen_idr").label(lang),
        marker_color="#BDBDBD",
        customdata=list(zip(df[dim], real)),
        hovertemplate="%{x}<br>%{y:,.1f} " + unit + "<extra></extra>",
    )
    fig.add_bar(
        x=labels,
        y=df["dana_realisasi_idr"] / IDR_SCALE,
        name=contract.indicator("dana_realisasi_idr").label(lang),
        marker_color=dim_colors(dim, df[dim]),
        customdata=list(zip(df[dim], real)),
        hovertemplate="%{x}<br>%{y:,.1f} " + unit + "<br>%{customdata[1]:.1f} %<extra></extra>",
    )
    fig.update_layout(barmode="group", clickmode="event+select")
    fig.update_yaxes(title=unit, tickformat=",.0f")
    return base_layout(fig, title, lang)


def realisation_and_local_share(df: pd.DataFrame, dim: str, lang: str, title: str) -> go.Figure:
    """Two panels per group: funds disbursed as % of committed, and the local co-funding share."""
    d = df.dropna(subset=["realisasi_pct"]) if "realisasi_pct" in df else df.iloc[0:0]
    if d.empty:
        return empty_figure(lang, title)
    labels = [group_label(dim, c, lang) for c in d[dim]]
    colors = dim_colors(dim, d[dim])
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.14,
        subplot_titles=(t("chart.sust.realised", lang), t("chart.sust.local", lang)),
    )
    for col, value in ((1, "realisasi_pct"), (2, "porsi_dana_lokal_pct")):
        fig.add_bar(
            x=labels,
            y=d[value],
            marker_color=colors,
            row=1,
            col=col,
            showlegend=False,
            hovertemplate="%{x}<br>%{y:.1f} %<extra></extra>",
        )
    fig.update_yaxes(ticksuffix=" %", rangemode="tozero")
    fig.update_yaxes(range=[0, 105], row=1, col=1)
    # panel titles wrap: in a half-width column at 1024 px two long ones would run into each other
    lines = 1
    for a in fig.layout.annotations:
        wrapped = textwrap.wrap(a.text, 20)
        lines = max(lines, len(wrapped))
        a.update(text="<br>".join(wrapped), font={"size": 13}, yanchor="bottom")
    base_layout(fig, title, lang)
    return add_margin(fig, t=8 + 18 * lines)  # room for the panel titles


def status_chart(df: pd.DataFrame, dim: str, lang: str) -> go.Figure:
    """Partnerships still active vs ended per group, mean age in the hover."""
    title = t("an.chart.status.title", lang)
    if df.empty:
        return empty_figure(lang, title)
    labels = [group_label(dim, c, lang) for c in df[dim]]
    fig = go.Figure()
    fig.add_bar(
        y=labels,
        x=df["n_aktif"],
        orientation="h",
        name=t("an.active", lang),
        marker_color=dim_colors(dim, df[dim]),
        customdata=list(zip(df[dim], df["usia_tahun"])),
        hovertemplate="%{y}<br>%{x}<br>" + t("an.age", lang) + " %{customdata[1]:.1f}<extra></extra>",
    )
    fig.add_bar(
        y=labels,
        x=df["n_selesai"],
        orientation="h",
        name=t("an.ended", lang),
        marker_color="#BDBDBD",
        customdata=list(zip(df[dim], df["usia_tahun"])),
        hovertemplate="%{y}<br>%{x}<extra></extra>",
    )
    fig.update_layout(barmode="stack", clickmode="event+select")
    fig.update_xaxes(
        title=t("satuan.kemitraan", lang), tickformat=",.0f", **whole_ticks(float(df["n_kemitraan"].max()))
    )
    return base_layout(fig, title, lang, height=max(280, 70 + 42 * len(df)))
