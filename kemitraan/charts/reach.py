"""Reach figures: people reached against target, family-planning acceptors."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kemitraan import contract
from kemitraan.charts import palette
from kemitraan.charts.common import dim_colors, period_axis
from kemitraan.charts.layout import base_layout, empty_figure, group_label
from kemitraan.i18n import t
from kemitraan.labels import unit_label


def reach_reached_vs_target(df: pd.DataFrame, dim: str, lang: str, title: str | None = None) -> go.Figure:
    """People reached vs target per group, with coverage in the hover."""
    title = title or t("an.chart.reach_target.title", lang)
    d = df.dropna(subset=["terjangkau"]) if "terjangkau" in df else df.iloc[0:0]
    if d.empty:
        return empty_figure(lang, title)
    labels = [group_label(dim, c, lang) for c in d[dim]]
    fig = go.Figure()
    fig.add_bar(
        x=labels,
        y=d["terjangkau"],
        name=t("an.reached", lang),
        marker_color=dim_colors(dim, d[dim]),
        customdata=list(zip(d[dim], d.get("capaian_pct", pd.Series(index=d.index, dtype=float)))),
        hovertemplate="%{x}<br>%{y:,.0f}<br>%{customdata[1]:.1f} %<extra></extra>",
    )
    if "target_terjangkau" in d:
        fig.add_scatter(
            x=labels,
            y=d["target_terjangkau"],
            mode="markers",
            name=t("an.target", lang),
            marker={"symbol": "diamond", "size": 12, "color": "#222", "line": {"width": 1, "color": "white"}},
            hovertemplate="%{x}<br>target %{y:,.0f}<extra></extra>",
        )
    fig.update_yaxes(title=unit_label("terjangkau", lang), tickformat=",.0f")
    fig.update_layout(clickmode="event+select")
    return base_layout(fig, title, lang)


def acceptors_chart(df: pd.DataFrame, lang: str) -> go.Figure:
    """New family-planning acceptors (bars, a flow) and active users (line, a stock) per period."""
    title = t("an.chart.acceptors.title", lang)
    if df.empty:
        return empty_figure(lang, title)
    d, order = period_axis(df, lang)
    new = d[d["kode_indikator"] == "peserta_kb_baru"]
    act = d[d["kode_indikator"] == "peserta_kb_aktif"]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(
        x=new["_x"],
        y=new["nilai"],
        name=contract.indicator("peserta_kb_baru").label(lang),
        marker_color=palette.KATEGORI_COLORS["pemerintah_lsm"],
        customdata=new[["_x"]].to_numpy(),
        hovertemplate="%{customdata[0]}<br>%{y:,.0f}<extra></extra>",
        secondary_y=False,
    )
    fig.add_scatter(
        x=act["_x"],
        y=act["nilai"],
        mode="lines+markers",
        name=contract.indicator("peserta_kb_aktif").label(lang),
        line_color=palette.KATEGORI_COLORS["publik_swasta"],
        customdata=act[["_x"]].to_numpy(),
        hovertemplate="%{customdata[0]}<br>%{y:,.0f}<extra></extra>",
        secondary_y=True,
    )
    fig.update_yaxes(title=t("an.axis.new_acceptors", lang), tickformat=",.0f", rangemode="tozero", secondary_y=False)
    fig.update_yaxes(
        title=t("an.axis.active_users", lang),
        tickformat=",.0f",
        rangemode="tozero",
        secondary_y=True,
        tickmode="auto",
        showgrid=False,
    )
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order)
    return base_layout(fig, title, lang)
