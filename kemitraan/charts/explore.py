"""Figures of Bandingkan, Jelajah Data and Profil Kemitraan: groups on several indices, a pivot, one partnership."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kemitraan import contract, escape
from kemitraan.charts import palette
from kemitraan.charts.common import trend_lines
from kemitraan.charts.layout import base_layout, empty_figure, group_label, legend_below
from kemitraan.i18n import t
from kemitraan.labels import unit_label


def compare_bars(df: pd.DataFrame, dim: str, metrics: list[tuple[str, str]], lang: str, title: str) -> go.Figure:
    """Side-by-side groups over several 0–100 metrics: ``metrics`` = [(column, label)], one bar group per metric."""
    if df.empty:
        return empty_figure(lang, title)
    fig = go.Figure()
    for gi, (_, row) in enumerate(df.iterrows()):
        g = row[dim]
        name = group_label(dim, g, lang) if dim != "kode_kemitraan" else escape.plotly(row.get("nama_kemitraan") or g)
        color = (
            palette.KATEGORI_COLORS.get(g)
            if dim == "kategori"
            else palette.SERIES_COLORS[gi % len(palette.SERIES_COLORS)]
        )
        fig.add_bar(
            x=[lbl for _, lbl in metrics],
            y=[row.get(c) for c, _ in metrics],
            name=name,
            marker_color=color,
            texttemplate="%{y:.0f}",
            textposition="outside",
            hovertemplate="%{x}<br>%{y:.1f}<extra>" + name + "</extra>",
        )
    # a label that does not fit above its bar is left out rather than drawn over its neighbour's
    fig.update_layout(barmode="group", uniformtext={"minsize": 10, "mode": "hide"})
    fig.update_yaxes(title=t("an.axis.index", lang), range=[0, 110])
    return legend_below(base_layout(fig, title, lang, height=460))


def pivot_heatmap(df: pd.DataFrame, rows: str, cols: str, kode: str, lang: str) -> go.Figure:
    """The pivot of one indicator by two dimensions as an annotated heatmap."""
    unit = unit_label(kode, lang)
    title = t("an.chart.pivot.title", lang, indikator=contract.indicator(kode).label(lang), satuan=unit)
    if df.empty or df["nilai"].notna().sum() == 0:
        return empty_figure(lang, title)
    piv = df.pivot_table(index=rows, columns=cols, values="nilai", aggfunc="first")
    fmt = ",.1f" if contract.indicator(kode).is_rate else ",.0f"
    fig = go.Figure(
        go.Heatmap(
            z=piv.to_numpy(),
            x=[group_label(cols, c, lang) for c in piv.columns],
            y=[group_label(rows, r, lang) for r in piv.index],
            colorscale=palette.MAP_SCALE,
            texttemplate="%{z:" + fmt + "}",
            hovertemplate="%{y} · %{x}<br>%{z:" + fmt + "}<extra></extra>",
            colorbar={"title": {"text": unit}, "tickformat": ",.0f"},
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(type="category")
    return base_layout(fig, title, lang, height=max(320, 90 + 34 * len(piv)))


def profile_indicator(df: pd.DataFrame, kode: str, lang: str) -> go.Figure:
    """One indicator of one partnership over time against its target."""
    ind = contract.indicator(kode)
    unit = unit_label(kode, lang)
    title = t("an.chart.profile_indicator.title", lang, indikator=ind.label(lang), satuan=unit)
    d = df[df["kode_indikator"] == kode] if not df.empty else df
    return trend_lines(
        d, None, "nilai", title, unit, lang, kode=kode, target="target", height=320, single_name=t("an.actual", lang)
    )
