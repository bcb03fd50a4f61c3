"""Figures of the analysis pages: pure functions, DataFrame in, Plotly Figure out.

Shared by the pages and (later) the exports. Every figure is titled with its
question and its unit, uses the one category palette (:mod:`kemitraan.palette`,
Okabe–Ito, colour-blind-safe), formats numbers for the reader's language
(``layout.separators``: 1.234,5 in Bahasa Indonesia, 1,234.5 in English) and
returns an explicit empty state when there is nothing to draw.

Category and province marks carry their code in ``customdata[0]``, so a page can
turn a click (``st.plotly_chart(on_select="rerun")``) into a filter.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kemitraan import contract, indices, palette
from kemitraan.charts import base_layout, empty_figure
from kemitraan.i18n import t

#: Where the app serves Plotly's topojson (static/topojson/), so the map needs no network.
TOPOJSON_URL = "/app/static/topojson/"
MAP_CONFIG = {"topojsonURL": TOPOJSON_URL, "displaylogo": False}

#: Zone colours (Okabe–Ito): strong bluish green, needs attention orange, weak vermillion.
ZONE_COLORS = {"kuat": "#009E73", "perlu_perhatian": "#E69F00", "lemah": "#D55E00"}
#: Diverging Likert colours 1…5 (ColorBrewer RdBu, colour-blind-safe), neutral grey in the middle.
LIKERT_COLORS = {1: "#B2182B", 2: "#EF8A62", 3: "#BDBDBD", 4: "#67A9CF", 5: "#2166AC"}
#: A sequential, colour-blind-safe scale for the map.
MAP_SCALE = "Cividis"
#: Rupiah amounts are drawn in billions (miliar): 1.234,5 Rp miliar reads better than 1,23T or 1.234.500.000.000.
IDR_SCALE = 1e9


def legend_below(fig: go.Figure, extra_bottom: int = 40) -> go.Figure:
    """A horizontal legend under the plot, so many entries never cover the title."""
    b = (fig.layout.margin.b or 10) + extra_bottom
    return fig.update_layout(legend={"orientation": "h", "y": -0.12, "x": 0, "xanchor": "left", "yanchor": "top"},
                             margin={"b": b})


def groups_title(key: str, dim: str, lang: str, **fields) -> str:
    """A chart title naming the grouping in the plural (``{kelompok}``)."""
    plural = t(f"an.dims.{'provinsi' if dim == 'provinsi_kode' else dim}", lang)
    return t(key, lang, kelompok=plural, **fields)


#: Colour-blind-safe series colours for groups other than kategori (Okabe–Ito, then black and grey).
SERIES_COLORS = [*palette.KATEGORI_COLORS.values(), "#F0E442", "#000000", palette.NEUTRAL]


def _kat_label(code: str, lang: str) -> str:
    return contract.enum_label("kategori", code, lang)


def _dim_label(dim: str, code: object, lang: str) -> str:
    """Label of a value of a grouping dimension (an enum code becomes its label)."""
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return "–"
    if dim == "provinsi_kode":
        prov = contract.provinces().get(str(code))
        return prov.nama if prov else str(code)
    col = next((c for c in contract.columns("kemitraan") if c.name == dim), None)
    if col is not None and col.enum:
        return contract.enum_label(col.enum, str(code), lang)
    return str(code)


def _dim_colors(dim: str, codes) -> list[str] | str:
    if dim == "kategori":
        return [palette.KATEGORI_COLORS.get(c, palette.NEUTRAL) for c in codes]
    return palette.KATEGORI_COLORS["pemerintah_lsm"]


def _is_rate(kode: str) -> bool:
    return contract.indicator(kode).satuan in ("%", "per 1.000")


def unit_label(kode: str, lang: str) -> str:
    """The unit of an indicator in ``lang`` (orang / people, Rp / IDR, %, …)."""
    sat = contract.indicator(kode).satuan
    key = f"satuan.{sat}"
    from kemitraan.i18n import strings

    return t(key, lang) if key in strings() else sat


def _tickformat(kode: str | None) -> str:
    if kode and _is_rate(kode):
        return ",.1f"
    return ",.0f"


def _hover_num(kode: str | None) -> str:
    return "%{y:,.1f}" if kode and _is_rate(kode) else "%{y:,.0f}"


# --- generic ---------------------------------------------------------------------------------------


def group_bars(df: pd.DataFrame, dim: str, value: str, title: str, unit: str, lang: str, *,
               decimals: int = 1, n_col: str | None = "n_kemitraan", range_max: float | None = None,
               reference: float | None = None, reference_label: str | None = None) -> go.Figure:
    """Horizontal bars of ``value`` per value of ``dim`` (categories in their palette colours).

    ``customdata[0]`` is the group's code (for click-to-filter); ``n_col`` shows in the hover.
    """
    d = df.dropna(subset=[value]) if value in df else df.iloc[0:0]
    if d.empty:
        return empty_figure(lang, title)
    d = d.sort_values(value)
    labels = [_dim_label(dim, c, lang) for c in d[dim]]
    n = d[n_col] if n_col and n_col in d else pd.Series([None] * len(d), index=d.index)
    fmt = f",.{decimals}f"
    fig = go.Figure(
        go.Bar(
            x=d[value], y=labels, orientation="h", marker_color=_dim_colors(dim, d[dim]),
            customdata=list(zip(d[dim], n)), texttemplate=f"%{{x:{fmt}}}", textposition="auto",
            hovertemplate=f"%{{y}}<br>%{{x:{fmt}}} {unit}<br>n = %{{customdata[1]}}<extra></extra>",
        )
    )
    if reference is not None:
        fig.add_vline(x=reference, line_dash="dot", line_color="#444",
                      annotation_text=reference_label or "", annotation_position="top")
    fig.update_xaxes(title=unit, tickformat=fmt.replace(f".{decimals}f", ".0f"), rangemode="tozero",
                     range=[0, range_max] if range_max else None)
    fig.update_layout(clickmode="event+select", dragmode=False)
    return base_layout(fig, title, lang, height=max(280, 70 + 42 * len(d)))


def trend_lines(df: pd.DataFrame, dim: str | None, value: str, title: str, unit: str, lang: str, *,
                kode: str | None = None, target: str | None = None, height: int = 420,
                single_name: str | None = None) -> go.Figure:
    """One line per group over ``periode_mulai``; an optional dotted target line per group."""
    d = df.dropna(subset=[value]) if value in df else df.iloc[0:0]
    if d.empty:
        return empty_figure(lang, title)
    d = d.sort_values("periode_mulai")
    fig = go.Figure()
    groups = [(None, d)] if not dim else [(g, part) for g, part in d.groupby(dim, sort=False)]
    if dim == "kategori":
        order = {k: i for i, k in enumerate(palette.KATEGORI_COLORS)}
        groups.sort(key=lambda gp: order.get(gp[0], 99))
    hover = _hover_num(kode) if kode else "%{y:,.1f}"
    has_target = False
    for gi, (g, part) in enumerate(groups):
        name = _dim_label(dim, g, lang) if dim else (single_name or t("common.total", lang))
        color = (palette.KATEGORI_COLORS.get(g, palette.NEUTRAL) if dim == "kategori"
                 else palette.KATEGORI_COLORS["pemerintah_lsm"] if not dim else SERIES_COLORS[gi % len(SERIES_COLORS)])
        fig.add_scatter(x=part["periode_mulai"], y=part[value], mode="lines+markers", name=name,
                        line={"color": color} if color else None, customdata=part[["periode"]].to_numpy(),
                        hovertemplate=f"%{{customdata[0]}}<br>{hover} {unit}<extra>{name}</extra>")
        if target and target in part and part[target].notna().any():
            has_target = True
            fig.add_scatter(x=part["periode_mulai"], y=part[target], mode="lines", name=f"{name} — target",
                            line={"color": color if dim else "#555", "dash": "dot", "width": 1.5} if color else {"dash": "dot"},
                            showlegend=False,
                            hovertemplate=f"{t('an.target', lang)} {hover} {unit}<extra>{name}</extra>")
    if has_target:  # one legend entry explains every dotted line
        fig.add_scatter(x=[None], y=[None], mode="lines", name=t("an.target_dotted", lang),
                        line={"color": "#555", "dash": "dot", "width": 1.5})
    fig.update_yaxes(title=unit, tickformat=_tickformat(kode), rangemode="tozero" if not (kode and _is_rate(kode)) else None)
    base_layout(fig, title, lang, height=height)
    return legend_below(fig) if len(groups) > 1 or has_target else fig


def indicators_trend(df: pd.DataFrame, kodes: list[str], title: str, unit: str, lang: str) -> go.Figure:
    """Several indicators (same unit) over time, one line each, labelled from the catalog."""
    d = df[df["kode_indikator"].isin(kodes)] if not df.empty else df
    if d.empty:
        return empty_figure(lang, title)
    colors = list(palette.KATEGORI_COLORS.values())
    idr = contract.indicator(kodes[0]).satuan == "IDR"
    scale = IDR_SCALE if idr else 1.0
    unit = t("satuan.IDR_miliar", lang) if idr else unit
    fig = go.Figure()
    for i, k in enumerate(kodes):
        part = d[d["kode_indikator"] == k].sort_values("periode_mulai")
        if part.empty:
            continue
        name = contract.indicator(k).label(lang)
        fig.add_scatter(x=part["periode_mulai"], y=part["nilai"] / scale, mode="lines+markers", name=name,
                        line={"color": colors[i % len(colors)]}, customdata=part[["periode"]].to_numpy(),
                        hovertemplate=f"%{{customdata[0]}}<br>{'%{y:,.1f}' if idr else _hover_num(k)} {unit}<extra>{name}</extra>")
    fig.update_yaxes(title=unit, tickformat=",.0f" if idr else _tickformat(kodes[0]), rangemode="tozero")
    return base_layout(fig, title, lang)


# --- reach -----------------------------------------------------------------------------------------


def reach_reached_vs_target(df: pd.DataFrame, dim: str, lang: str, title: str | None = None) -> go.Figure:
    """People reached vs target per group, with coverage in the hover."""
    title = title or t("an.chart.reach_target.title", lang)
    d = df.dropna(subset=["terjangkau"]) if "terjangkau" in df else df.iloc[0:0]
    if d.empty:
        return empty_figure(lang, title)
    labels = [_dim_label(dim, c, lang) for c in d[dim]]
    fig = go.Figure()
    fig.add_bar(x=labels, y=d["terjangkau"], name=t("an.reached", lang), marker_color=_dim_colors(dim, d[dim]),
                customdata=list(zip(d[dim], d.get("capaian_pct", pd.Series(index=d.index, dtype=float)))),
                hovertemplate="%{x}<br>%{y:,.0f}<br>%{customdata[1]:.1f} %<extra></extra>")
    if "target_terjangkau" in d:
        fig.add_scatter(x=labels, y=d["target_terjangkau"], mode="markers", name=t("an.target", lang),
                        marker={"symbol": "diamond", "size": 12, "color": "#222", "line": {"width": 1, "color": "white"}},
                        hovertemplate="%{x}<br>target %{y:,.0f}<extra></extra>")
    fig.update_yaxes(title=t("satuan.orang", lang), tickformat=",.0f")
    fig.update_layout(clickmode="event+select")
    return base_layout(fig, title, lang)


def acceptors_chart(df: pd.DataFrame, lang: str) -> go.Figure:
    """New family-planning acceptors (bars, a flow) and active users (line, a stock) per period."""
    title = t("an.chart.acceptors.title", lang)
    if df.empty:
        return empty_figure(lang, title)
    new = df[df["kode_indikator"] == "peserta_kb_baru"].sort_values("periode_mulai")
    act = df[df["kode_indikator"] == "peserta_kb_aktif"].sort_values("periode_mulai")
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(x=new["periode_mulai"], y=new["nilai"], name=contract.indicator("peserta_kb_baru").label(lang),
                marker_color=palette.KATEGORI_COLORS["pemerintah_lsm"], customdata=new[["periode"]].to_numpy(),
                hovertemplate="%{customdata[0]}<br>%{y:,.0f}<extra></extra>", secondary_y=False)
    fig.add_scatter(x=act["periode_mulai"], y=act["nilai"], mode="lines+markers",
                    name=contract.indicator("peserta_kb_aktif").label(lang), line_color=palette.KATEGORI_COLORS["publik_swasta"],
                    customdata=act[["periode"]].to_numpy(), hovertemplate="%{customdata[0]}<br>%{y:,.0f}<extra></extra>",
                    secondary_y=True)
    fig.update_yaxes(title=t("an.axis.new_acceptors", lang), tickformat=",.0f", rangemode="tozero", secondary_y=False)
    fig.update_yaxes(title=t("an.axis.active_users", lang), tickformat=",.0f", rangemode="tozero", secondary_y=True,
                     tickmode="auto", showgrid=False)
    return base_layout(fig, title, lang)


# --- sustainability --------------------------------------------------------------------------------


def funds_chart(df: pd.DataFrame, dim: str, lang: str) -> go.Figure:
    """Funds committed vs disbursed per group (IDR), realisation % in the hover."""
    title = t("an.chart.funds.title", lang)
    need = {"dana_komitmen_idr", "dana_realisasi_idr"}
    if df.empty or not need <= set(df.columns) or df[list(need)].isna().all().all():
        return empty_figure(lang, title)
    labels = [_dim_label(dim, c, lang) for c in df[dim]]
    real = df.get("realisasi_pct", pd.Series(index=df.index, dtype=float))
    unit = t("satuan.IDR_miliar", lang)
    fig = go.Figure()
    fig.add_bar(x=labels, y=df["dana_komitmen_idr"] / IDR_SCALE, name=contract.indicator("dana_komitmen_idr").label(lang),
                marker_color="#BDBDBD", customdata=list(zip(df[dim], real)),
                hovertemplate="%{x}<br>%{y:,.1f} " + unit + "<extra></extra>")
    fig.add_bar(x=labels, y=df["dana_realisasi_idr"] / IDR_SCALE, name=contract.indicator("dana_realisasi_idr").label(lang),
                marker_color=_dim_colors(dim, df[dim]), customdata=list(zip(df[dim], real)),
                hovertemplate="%{x}<br>%{y:,.1f} " + unit + "<br>%{customdata[1]:.1f} %<extra></extra>")
    fig.update_layout(barmode="group", clickmode="event+select")
    fig.update_yaxes(title=unit, tickformat=",.0f")
    return base_layout(fig, title, lang)


def realisation_and_local_share(df: pd.DataFrame, dim: str, lang: str, title: str) -> go.Figure:
    """Two panels per group: funds disbursed as % of committed, and the local co-funding share."""
    d = df.dropna(subset=["realisasi_pct"]) if "realisasi_pct" in df else df.iloc[0:0]
    if d.empty:
        return empty_figure(lang, title)
    labels = [_dim_label(dim, c, lang) for c in d[dim]]
    colors = _dim_colors(dim, d[dim])
    fig = make_subplots(rows=1, cols=2, subplot_titles=(t("chart.sust.realised", lang), t("chart.sust.local", lang)))
    for col, value in ((1, "realisasi_pct"), (2, "porsi_dana_lokal_pct")):
        fig.add_bar(x=labels, y=d[value], marker_color=colors, row=1, col=col, showlegend=False,
                    hovertemplate="%{x}<br>%{y:.1f} %<extra></extra>")
    fig.update_yaxes(ticksuffix=" %", rangemode="tozero")
    fig.update_yaxes(range=[0, 105], row=1, col=1)
    base_layout(fig, title, lang)
    return fig.update_layout(margin_t=fig.layout.margin.t + 25)  # room for the panel titles


def status_chart(df: pd.DataFrame, dim: str, lang: str) -> go.Figure:
    """Partnerships still active vs ended per group, mean age in the hover."""
    title = t("an.chart.status.title", lang)
    if df.empty:
        return empty_figure(lang, title)
    labels = [_dim_label(dim, c, lang) for c in df[dim]]
    fig = go.Figure()
    fig.add_bar(y=labels, x=df["n_aktif"], orientation="h", name=t("an.active", lang),
                marker_color=_dim_colors(dim, df[dim]), customdata=list(zip(df[dim], df["usia_tahun"])),
                hovertemplate="%{y}<br>%{x}<br>" + t("an.age", lang) + " %{customdata[1]:.1f}<extra></extra>")
    fig.add_bar(y=labels, x=df["n_selesai"], orientation="h", name=t("an.ended", lang), marker_color="#BDBDBD",
                customdata=list(zip(df[dim], df["usia_tahun"])), hovertemplate="%{y}<br>%{x}<extra></extra>")
    fig.update_layout(barmode="stack", clickmode="event+select")
    fig.update_xaxes(title=t("satuan.kemitraan", lang), dtick=1 if df["n_kemitraan"].max() <= 12 else None)
    return base_layout(fig, title, lang, height=max(280, 70 + 42 * len(df)))


# --- impact ------------------------------------------------------------------------------------------


def impact_change_chart(ch: pd.DataFrame, dim: str, lang: str, title: str | None = None) -> go.Figure:
    """Improvement from baseline per outcome indicator (signed so that positive = better), bars per group."""
    title = title or t("an.chart.impact_change.title", lang)
    d = ch.dropna(subset=["perbaikan"]) if not ch.empty else ch
    if d.empty:
        return empty_figure(lang, title)
    inds = [k for k in contract.indicators() if k in set(d["kode_indikator"])]
    ind_labels = [f"{contract.indicator(k).label(lang)} ({'↑' if indices.direction(k) > 0 else '↓'})" for k in inds]
    fig = go.Figure()
    groups = list(palette.KATEGORI_COLORS) if dim == "kategori" else list(dict.fromkeys(d[dim]))
    for gi, g in enumerate(groups):
        part = d[d[dim] == g].set_index("kode_indikator").reindex(inds)
        if part["perbaikan"].isna().all():
            continue
        name = _dim_label(dim, g, lang)
        fig.add_bar(
            x=ind_labels, y=part["perbaikan"], name=name,
            marker_color=palette.KATEGORI_COLORS.get(g, palette.NEUTRAL) if dim == "kategori"
            else SERIES_COLORS[gi % len(SERIES_COLORS)],
            customdata=list(zip([g] * len(inds), part["baseline"], part["terakhir"])),
            hovertemplate="%{x}<br>%{y:+.1f}<br>%{customdata[1]:.1f} → %{customdata[2]:.1f}<extra>" + name + "</extra>",
        )
    fig.add_hline(y=0, line_color="#444", line_width=1)
    fig.update_layout(barmode="group", clickmode="event+select")
    fig.update_yaxes(title=t("an.axis.improvement", lang), zeroline=True)
    return legend_below(base_layout(fig, title, lang, height=480), 60)


def outcome_trend(series: pd.DataFrame, kode: str, dim: str | None, lang: str) -> go.Figure:
    """One indicator over time per group, the better direction (if any) in the title, target dotted."""
    ind = contract.indicator(kode)
    unit = unit_label(kode, lang)
    d = indices.direction(kode)
    if d:
        better = t("an.higher_better" if d > 0 else "an.lower_better", lang)
        title = t("an.chart.outcome_trend.title", lang, indikator=ind.label(lang), arah=better, satuan=unit)
    else:
        title = t("an.chart.indicator_trend.title", lang, indikator=ind.label(lang), satuan=unit)
    d = series[series["kode_indikator"] == kode] if not series.empty else series
    return trend_lines(d, dim, "nilai", title, unit, lang, kode=kode, target="target")


indicator_trend = outcome_trend


# --- partnership health --------------------------------------------------------------------------------


def _principle_labels(lang: str) -> list[str]:
    return [contract.PRINCIPLE_LABELS[p][0 if lang == "id" else 1] for p in contract.PRINCIPLES]


def health_radar(df: pd.DataFrame, dim: str | None, lang: str) -> go.Figure:
    """The eight principles as a radar (score 0–100) per group, with the zone cut-offs as rings."""
    title = t("an.chart.radar.title", lang)
    if df.empty:
        return empty_figure(lang, title)
    theta = _principle_labels(lang)
    fig = go.Figure()
    for cut, zone in ((indices.health_score(indices.WILDER_STRONG_MIN), "kuat"),
                      (indices.health_score(indices.WILDER_ATTENTION_MIN), "perlu_perhatian")):
        fig.add_scatterpolar(r=[cut] * (len(theta) + 1), theta=[*theta, theta[0]], mode="lines",
                             line={"color": ZONE_COLORS[zone], "dash": "dot", "width": 1},
                             name=t(f"zona.{zone}", lang) + f" ≥ {cut:.0f}", hoverinfo="skip")
    groups = [(None, df)] if not dim else list(df.groupby(dim, sort=False))
    if dim == "kategori":
        order = {k: i for i, k in enumerate(palette.KATEGORI_COLORS)}
        groups.sort(key=lambda gp: order.get(gp[0], 99))
    for gi, (g, part) in enumerate(groups):
        part = part.set_index("prinsip").reindex(list(contract.PRINCIPLES))
        name = _dim_label(dim, g, lang) if dim else t("common.total", lang)
        n = int(part["n"].max()) if part["n"].notna().any() else 0
        label = f"{name} (n = {n}{t('an.small_n_mark', lang) if n < indices.MIN_RESPONDENTS else ''})"
        color = (palette.KATEGORI_COLORS.get(g, palette.NEUTRAL) if dim == "kategori"
                 else SERIES_COLORS[gi % len(SERIES_COLORS)])
        fig.add_scatterpolar(r=[*part["skor"], part["skor"].iloc[0]], theta=[*theta, theta[0]], mode="lines+markers",
                             name=label, line={"color": color},
                             customdata=[[g, x] for x in [*part["rata_rata"], part["rata_rata"].iloc[0]]],
                             hovertemplate="%{theta}<br>%{r:.0f} / 100 (%{customdata[1]:.2f})<extra>" + name + "</extra>")
    fig.update_layout(polar={
        "radialaxis": {"range": [0, 100], "tickvals": [0, 25, 50, 75, 100], "angle": 67.5, "tickangle": 67.5,
                       "tickfont": {"size": 10, "color": "#777"}},
        "angularaxis": {"rotation": 90, "direction": "clockwise"},
    })
    base_layout(fig, title, lang, height=540)
    return fig.update_layout(legend={"orientation": "v", "y": 0.5, "x": 1.02, "xanchor": "left", "yanchor": "middle"},
                             margin={"l": 90, "r": 10, "b": 50})


def likert_diverging(df: pd.DataFrame, lang: str) -> go.Figure:
    """Answers 1–5 per principle as diverging stacked bars (%), disagreement left, agreement right.

    The neutral answer is split in half across zero.
    """
    title = t("an.chart.likert.title", lang)
    if df.empty:
        return empty_figure(lang, title)
    piv = df.pivot_table(index="prinsip", columns="nilai", values="pct", aggfunc="sum").reindex(
        index=list(contract.PRINCIPLES), columns=[1, 2, 3, 4, 5]).fillna(0.0)
    nn = df.groupby("prinsip")["n"].sum().reindex(list(contract.PRINCIPLES)).fillna(0).astype(int)
    labels = [f"{lbl} (n = {n})" for lbl, n in zip(_principle_labels(lang), nn)]
    fig = go.Figure()
    # order of traces: stacking outward from zero on each side
    left = [(3, -piv[3] / 2), (2, -piv[2]), (1, -piv[1])]
    right = [(3, piv[3] / 2), (4, piv[4]), (5, piv[5])]
    for i, (v, x) in enumerate(left + right):
        fig.add_bar(y=labels, x=x, orientation="h", name=contract.LIKERT[v][0 if lang == "id" else 1],
                    marker_color=LIKERT_COLORS[v], legendgroup=str(v), showlegend=i != 0, legendrank=v,
                    customdata=piv[v].to_numpy(), hovertemplate="%{y}<br>%{customdata:.1f} %<extra>%{fullData.name}</extra>")
    fig.update_layout(barmode="relative", legend_traceorder="normal")
    fig.update_xaxes(title=t("an.axis.share_answers", lang), ticksuffix=" %", range=[-100, 100], zeroline=True,
                     zerolinecolor="#444")
    fig.update_yaxes(autorange="reversed")
    base_layout(fig, title, lang, height=480)
    return fig.update_layout(legend={"orientation": "h", "y": -0.18, "x": 0.5, "xanchor": "center", "yanchor": "top"},
                             margin={"b": 90})


def satisfaction_chart(df: pd.DataFrame, dim: str | None, lang: str) -> go.Figure:
    """Overall satisfaction score (0–100) per group, coloured by zone, n shown and flagged when small."""
    title = t("an.chart.satisfaction.title", lang)
    if df.empty:
        return empty_figure(lang, title)
    d = df.sort_values("skor")
    names = [(_dim_label(dim, g, lang) if dim else t("common.total", lang)) for g in (d[dim] if dim else [None] * len(d))]
    labels = [f"{nm} (n = {n}{t('an.small_n_mark', lang) if n < indices.MIN_RESPONDENTS else ''})"
              for nm, n in zip(names, d["n"])]
    fig = go.Figure(go.Bar(
        x=d["skor"], y=labels, orientation="h", marker_color=[ZONE_COLORS.get(z, palette.NEUTRAL) for z in d["zona"]],
        customdata=list(zip(d[dim] if dim else [None] * len(d), d["rata_rata"], d["puas_pct"],
                            [t(f"zona.{z}", lang) for z in d["zona"]])),
        texttemplate="%{x:.0f}", textposition="auto",
        hovertemplate="%{y}<br>%{x:.0f} / 100 (%{customdata[1]:.2f})<br>%{customdata[3]}<br>"
        + t("an.satisfied_share", lang) + " %{customdata[2]:.0f} %<extra></extra>",
    ))
    fig.update_xaxes(title=t("an.axis.score", lang), range=[0, 100])
    fig.update_layout(clickmode="event+select")
    return base_layout(fig, title, lang, height=max(260, 70 + 42 * len(d)))


def challenges_pareto(df: pd.DataFrame, lang: str) -> go.Figure:
    """Challenges named, most frequent first (bars: respondents), with the cumulative share of mentions (line)."""
    title = t("an.chart.pareto.title", lang)
    if df.empty:
        return empty_figure(lang, title)
    labels = [contract.enum_label("tantangan", c, lang) for c in df["tantangan"]]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(x=labels, y=df["n"], name=t("an.mentions", lang), marker_color=palette.KATEGORI_COLORS["pemerintah_lsm"],
                customdata=df["pct_responden"], hovertemplate="%{x}<br>%{y} (%{customdata:.0f} %)<extra></extra>",
                secondary_y=False)
    fig.add_scatter(x=labels, y=df["kumulatif_pct"], name=t("an.cumulative", lang), mode="lines+markers",
                    line_color=palette.KATEGORI_COLORS["nirlaba"], hovertemplate="%{y:.0f} %<extra></extra>",
                    secondary_y=True)
    fig.add_hline(y=80, line_dash="dot", line_color="#888", secondary_y=True)
    fig.update_yaxes(title=t("an.axis.respondents", lang), rangemode="tozero", secondary_y=False)
    fig.update_yaxes(title=t("an.axis.cumulative", lang), range=[0, 105], ticksuffix=" %", secondary_y=True,
                     tickmode="auto", showgrid=False)
    return legend_below(base_layout(fig, title, lang, height=460), 60)


# --- map -----------------------------------------------------------------------------------------------


def province_map(df: pd.DataFrame, kode: str, lang: str) -> go.Figure:
    """Provinces as points at their centroid: size and colour by the indicator's value (offline geography).

    Provinces with no data are small hollow grey points, so the whole country stays visible.
    ``customdata[0]`` is the province's BPS code.
    """
    ind = contract.indicator(kode)
    unit = unit_label(kode, lang)
    title = t("an.chart.map.title", lang, indikator=ind.label(lang), satuan=unit)
    if df.empty or df["nilai"].notna().sum() == 0:
        return empty_figure(lang, title)
    has = df[df["nilai"].notna()]
    none = df[df["nilai"].isna()]
    vmax = float(has["nilai"].max()) or 1.0
    size = 8 + 32 * (has["nilai"].clip(lower=0) / vmax) ** 0.5
    fmt = ",.1f" if _is_rate(kode) else ",.0f"
    fig = go.Figure()
    fig.add_scattergeo(
        lat=none["lat"], lon=none["lon"], mode="markers", name=t("an.no_data", lang),
        marker={"size": 6, "color": "rgba(0,0,0,0)", "line": {"color": "#9E9E9E", "width": 1}},
        customdata=list(zip(none["provinsi_kode"], none["provinsi"])),
        hovertemplate="%{customdata[1]}<br>" + t("an.no_data", lang) + "<extra></extra>",
    )
    fig.add_scattergeo(
        lat=has["lat"], lon=has["lon"], mode="markers", name=ind.label(lang),
        marker={"size": size, "color": has["nilai"], "colorscale": MAP_SCALE, "showscale": True,
                "colorbar": {"title": {"text": unit}, "tickformat": fmt.replace(".1f", ".0f")},
                "line": {"color": "white", "width": 0.8}, "opacity": 0.9},
        customdata=list(zip(has["provinsi_kode"], has["provinsi"], has["n_kemitraan"])),
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


# --- compare, explore, profile ------------------------------------------------------------------------


def compare_bars(df: pd.DataFrame, dim: str, metrics: list[tuple[str, str]], lang: str, title: str) -> go.Figure:
    """Side-by-side groups over several 0–100 metrics: ``metrics`` = [(column, label)], one bar group per metric."""
    if df.empty:
        return empty_figure(lang, title)
    fig = go.Figure()
    for gi, (_, row) in enumerate(df.iterrows()):
        g = row[dim]
        name = _dim_label(dim, g, lang) if dim != "kode_kemitraan" else str(row.get("nama_kemitraan") or g)
        color = palette.KATEGORI_COLORS.get(g) if dim == "kategori" else SERIES_COLORS[gi % len(SERIES_COLORS)]
        fig.add_bar(x=[lbl for _, lbl in metrics], y=[row.get(c) for c, _ in metrics], name=name,
                    marker_color=color, texttemplate="%{y:.0f}", textposition="outside",
                    hovertemplate="%{x}<br>%{y:.1f}<extra>" + name + "</extra>")
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=t("an.axis.index", lang), range=[0, 110])
    return legend_below(base_layout(fig, title, lang, height=460))


def pivot_heatmap(df: pd.DataFrame, rows: str, cols: str, kode: str, lang: str) -> go.Figure:
    """The pivot of one indicator by two dimensions as an annotated heatmap."""
    unit = unit_label(kode, lang)
    title = t("an.chart.pivot.title", lang, indikator=contract.indicator(kode).label(lang), satuan=unit)
    if df.empty or df["nilai"].notna().sum() == 0:
        return empty_figure(lang, title)
    piv = df.pivot_table(index=rows, columns=cols, values="nilai", aggfunc="first")
    fmt = ",.1f" if _is_rate(kode) else ",.0f"
    fig = go.Figure(go.Heatmap(
        z=piv.to_numpy(), x=[_dim_label(cols, c, lang) for c in piv.columns], y=[_dim_label(rows, r, lang) for r in piv.index],
        colorscale=MAP_SCALE, texttemplate="%{z:" + fmt + "}", hovertemplate="%{y} · %{x}<br>%{z:" + fmt + "}<extra></extra>",
        colorbar={"title": {"text": unit}, "tickformat": ",.0f"},
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(type="category")
    return base_layout(fig, title, lang, height=max(320, 90 + 34 * len(piv)))


def profile_indicator(df: pd.DataFrame, kode: str, lang: str) -> go.Figure:
    """One indicator of one partnership over time against its target."""
    ind = contract.indicator(kode)
    unit = unit_label(kode, lang)
    title = t("an.chart.profile_indicator.title", lang, indikator=ind.label(lang), satuan=unit)
    d = df[df["kode_indikator"] == kode] if not df.empty else df
    return trend_lines(d, None, "nilai", title, unit, lang, kode=kode, target="target", height=320,
                       single_name=t("an.actual", lang))


def health_bars(df: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """Per-principle score (0–100) coloured by zone: the profile's survey chart."""
    title = title or t("an.chart.health_bars.title", lang)
    if df.empty:
        return empty_figure(lang, title)
    d = df.set_index("prinsip").reindex(list(contract.PRINCIPLES)).dropna(subset=["skor"]).reset_index()
    labels = [contract.PRINCIPLE_LABELS[p][0 if lang == "id" else 1] for p in d["prinsip"]]
    fig = go.Figure(go.Bar(
        x=d["skor"], y=labels, orientation="h", marker_color=[ZONE_COLORS.get(z, palette.NEUTRAL) for z in d["zona"]],
        texttemplate="%{x:.0f}", customdata=list(zip(d["rata_rata"], [t(f"zona.{z}", lang) for z in d["zona"]], d["n"])),
        hovertemplate="%{y}<br>%{x:.0f} / 100 (%{customdata[0]:.2f})<br>%{customdata[1]}<br>n = %{customdata[2]}<extra></extra>",
    ))
    for cut in (indices.WILDER_ATTENTION_MIN, indices.WILDER_STRONG_MIN):
        fig.add_vline(x=indices.health_score(cut), line_dash="dot", line_color="#666")
    fig.update_xaxes(title=t("an.axis.score", lang), range=[0, 100])
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, title, lang, height=360)
