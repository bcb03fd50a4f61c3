"""Figures every page uses: bars per group, lines over time, several indicators in one unit.

Pure functions, DataFrame in and Plotly Figure out, shared by the pages and the exports.
Group marks carry their code in ``customdata[0]``, so a page can turn a click into a filter.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kemitraan import contract
from kemitraan.charts import palette
from kemitraan.charts.layout import base_layout, empty_figure, group_label, legend_below, whole_ticks
from kemitraan.i18n import t
from kemitraan.labels import period_label

#: Rupiah amounts are drawn in billions (miliar): 1.234,5 Rp miliar reads better than 1,23T or 1.234.500.000.000.
IDR_SCALE = 1e9


def dim_colors(dim: str, codes) -> list[str] | str:
    """One colour per category (the palette), one colour for any other grouping."""
    if dim == "kategori":
        return [palette.KATEGORI_COLORS.get(c, palette.NEUTRAL) for c in codes]
    return palette.KATEGORI_COLORS["pemerintah_lsm"]


def tickformat(kode: str | None) -> str:
    return ",.1f" if kode and contract.indicator(kode).is_rate else ",.0f"


def hover_number(kode: str | None) -> str:
    return "%{y:,.1f}" if kode and contract.indicator(kode).is_rate else "%{y:,.0f}"


def group_bars(
    df: pd.DataFrame,
    dim: str,
    value: str,
    title: str,
    unit: str,
    lang: str,
    *,
    decimals: int = 1,
    n_col: str | None = "n_kemitraan",
    range_max: float | None = None,
    reference: float | None = None,
    reference_label: str | None = None,
) -> go.Figure:
    """Horizontal bars of ``value`` per value of ``dim`` (categories in their palette colours).

    ``customdata[0]`` is the group's code (for click-to-filter); ``n_col`` shows in the hover.
    """
    d = df.dropna(subset=[value]) if value in df else df.iloc[0:0]
    if d.empty:
        return empty_figure(lang, title)
    d = d.sort_values(value)
    labels = [group_label(dim, c, lang) for c in d[dim]]
    n = d[n_col] if n_col and n_col in d else pd.Series([None] * len(d), index=d.index)
    fmt = f",.{decimals}f"
    fig = go.Figure(
        go.Bar(
            x=d[value],
            y=labels,
            orientation="h",
            marker_color=dim_colors(dim, d[dim]),
            customdata=list(zip(d[dim], n)),
            texttemplate=f"%{{x:{fmt}}}",
            textposition="auto",
            hovertemplate=f"%{{y}}<br>%{{x:{fmt}}} {unit}<br>n = %{{customdata[1]}}<extra></extra>",
        )
    )
    if reference is not None:
        fig.add_vline(
            x=reference,
            line_dash="dot",
            line_color="#444",
            annotation_text=reference_label or "",
            annotation_position="top",
        )
    fig.update_xaxes(
        title=unit,
        tickformat=fmt.replace(f".{decimals}f", ".0f"),
        rangemode="tozero",
        range=[0, range_max] if range_max else None,
        **({} if range_max else whole_ticks(float(d[value].max()))),
    )
    fig.update_layout(clickmode="event+select", dragmode=False)
    return base_layout(fig, title, lang, height=max(280, 70 + 42 * len(d)))


#: At most this many lines on one chart: a page keeps the largest groups and folds the rest into "Lainnya".
MAX_LINES = 8


def period_axis(df: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """``df`` with ``_x``, the reader's period label (partial periods say which months), and the axis order.

    Time axes are categories of these labels, never a date axis: a single period then reads
    "2026 (Jan–Jun)", not a span of milliseconds, and months are written in the reader's language.
    """
    d = df.sort_values("periode_mulai").copy()
    first = d["bulan_awal"] if "bulan_awal" in d else [None] * len(d)
    last = d["bulan_akhir"] if "bulan_akhir" in d else [None] * len(d)
    d["_x"] = [period_label(p, lang, a, b) for p, a, b in zip(d["periode"], first, last)]
    # partial: its label names the months it holds (the same rule the reader sees on the axis)
    d["_partial"] = [x != period_label(p, lang) for x, p in zip(d["_x"], d["periode"])]
    return d, list(dict.fromkeys(d["_x"]))


def _axis(fig: go.Figure, order: list[str]) -> None:
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order)


def trend_lines(
    df: pd.DataFrame,
    dim: str | None,
    value: str,
    title: str,
    unit: str,
    lang: str,
    *,
    kode: str | None = None,
    target: str | None = None,
    height: int = 420,
    single_name: str | None = None,
) -> go.Figure:
    """One line per group over the periods (at most :data:`MAX_LINES`); an optional dotted target per group."""
    d = df.dropna(subset=[value]) if value in df else df.iloc[0:0]
    if d.empty:
        return empty_figure(lang, title)
    d, order = period_axis(d, lang)
    fig = go.Figure()
    groups = [(None, d)] if not dim else [(g, part) for g, part in d.groupby(dim, sort=False)]
    if len(groups) > MAX_LINES:
        raise ValueError(f"{len(groups)} lines: keep at most {MAX_LINES} (queries.indicators.top_groups)")
    if dim == "kategori":
        rank = {k: i for i, k in enumerate(palette.KATEGORI_COLORS)}
        groups.sort(key=lambda gp: rank.get(gp[0], 99))
    groups.sort(key=lambda gp: gp[0] == contract.OTHERS)  # "Lainnya" last
    hover = hover_number(kode) if kode else "%{y:,.1f}"
    single = len(order) == 1  # one period: bars with their value, never a loose dot without a line
    has_target = has_partial = False
    for gi, (g, part) in enumerate(groups):
        name = group_label(dim, g, lang) if dim else (single_name or t("common.total", lang))
        color = (
            palette.NEUTRAL
            if g == contract.OTHERS
            else palette.KATEGORI_COLORS.get(g, palette.NEUTRAL)
            if dim == "kategori"
            else palette.KATEGORI_COLORS["pemerintah_lsm"]
            if not dim
            else palette.SERIES_COLORS[gi % len(palette.SERIES_COLORS)]
        )
        n = part["n_kemitraan"] if "n_kemitraan" in part else pd.Series([None] * len(part), index=part.index)
        tip = f"%{{customdata[0]}}<br>{hover} {unit}<br>n = %{{customdata[1]}}<extra>{name}</extra>"
        custom = list(zip(part["_x"], n))
        if single:
            fig.add_bar(
                x=part["_x"],
                y=part[value],
                name=name,
                marker_color=color,
                offsetgroup=name,
                customdata=custom,
                texttemplate=hover,
                textposition="outside",
                hovertemplate=tip,
            )
        else:
            partial = part["_partial"].to_numpy()
            has_partial |= bool(partial.any())
            # a partial period (first or last, cut by the range) is drawn apart: the line into it dashed,
            # its point hollow, so a half year never reads as a collapse
            solid = part[value].where(~part["_partial"])
            fig.add_scatter(
                x=part["_x"],
                y=solid,
                mode="lines+markers",
                name=name,
                line={"color": color},
                legendgroup=name,
                customdata=custom,
                hovertemplate=tip,
            )
            if partial.any():
                near = partial | np.r_[partial[1:], False] | np.r_[False, partial[:-1]]
                fig.add_scatter(
                    x=part["_x"],
                    y=part[value].where(near),
                    mode="lines+markers",
                    name=name,
                    legendgroup=name,
                    showlegend=False,
                    customdata=custom,
                    hovertemplate=tip,
                    line={"color": color, "dash": "dash"},
                    marker={
                        "color": color,
                        "symbol": ["circle-open" if p else "circle" for p in partial],
                        "size": [9 if p else 6 for p in partial],
                        "line": {"width": 2, "color": color},
                    },
                )
        if target and target in part and part[target].notna().any():
            has_target = True  # markers too, so a target of a single period is still drawn
            fig.add_scatter(
                x=part["_x"],
                y=part[target],
                mode="markers" if single else "lines+markers",
                name=f"{name} — target",
                offsetgroup=name if single else None,
                line={"color": color if dim else "#555", "dash": "dot", "width": 1.5},
                marker={
                    "symbol": "line-ew-open",
                    "size": 12 if not single else 28,
                    "color": color if dim else "#555",
                    "line": {"width": 2},
                },
                showlegend=False,
                hovertemplate=f"{t('an.target', lang)} {hover} {unit}<extra>{name}</extra>",
            )
    if has_target:  # one legend entry explains every dotted line
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="lines",
            name=t("an.target_dotted", lang),
            line={"color": "#555", "dash": "dot", "width": 1.5},
        )
    if has_partial:  # and one the dashed segments and hollow points
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="lines+markers",
            name=t("fig.partial_legend", lang),
            line={"color": "#555", "dash": "dash"},
            marker={"symbol": "circle-open", "color": "#555"},
        )
    if single:
        fig.update_layout(barmode="group", scattermode="group")
    _axis(fig, order)
    whole = tickformat(kode) == ",.0f" and unit != "%"
    fig.update_yaxes(
        title=unit,
        tickformat=tickformat(kode),
        rangemode="tozero" if single or not (kode and contract.indicator(kode).is_rate) else None,
        **(whole_ticks(float(d[value].max())) if whole else {}),
    )
    base_layout(fig, title, lang, height=height)
    return legend_below(fig) if len(groups) > 1 or has_target or has_partial or single else fig


def indicators_trend(df: pd.DataFrame, kodes: list[str], title: str, unit: str, lang: str) -> go.Figure:
    """Several indicators (same unit) over time, one line each, labelled from the catalog."""
    d = df[df["kode_indikator"].isin(kodes)] if not df.empty else df
    if d.empty:
        return empty_figure(lang, title)
    colors = list(palette.KATEGORI_COLORS.values())
    idr = contract.indicator(kodes[0]).satuan == "IDR"
    scale = IDR_SCALE if idr else 1.0
    unit = t("satuan.IDR_miliar", lang) if idr else unit
    units = {contract.indicator(k).satuan for k in kodes}
    if len(units) > 1:
        raise ValueError(f"one unit per axis: {sorted(units)}")
    d, order = period_axis(d, lang)
    fig = go.Figure()
    for i, k in enumerate(kodes):
        part = d[d["kode_indikator"] == k]
        if part.empty:
            continue
        name = contract.indicator(k).label(lang)
        fig.add_scatter(
            x=part["_x"],
            y=part["nilai"] / scale,
            mode="lines+markers",
            name=name,
            line={"color": colors[i % len(colors)]},
            customdata=part[["_x"]].to_numpy(),
            hovertemplate=f"%{{customdata[0]}}<br>{'%{y:,.1f}' if idr else hover_number(k)} {unit}<extra>{name}</extra>",
        )
    _axis(fig, order)
    fig.update_yaxes(title=unit, tickformat=",.0f" if idr else tickformat(kodes[0]), rangemode="tozero")
    return base_layout(fig, title, lang)
