"""Partnership-health figures from the survey: scores per principle against their zones, diverging Likert bars, satisfaction, challenges."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kemitraan import contract
from kemitraan.charts import palette
from kemitraan.charts.layout import add_margin, base_layout, empty_figure, group_label, legend_below, whole_ticks
from kemitraan.i18n import t
from kemitraan.labels import principle_label
from kemitraan.methods import indices


def _principle_labels(lang: str) -> list[str]:
    return [principle_label(p, lang) for p in contract.PRINCIPLES]


def _zone_bands(fig: go.Figure, lang: str) -> None:
    """The three zones as light bands behind the marks, named at the top: where a score sits reads at a glance."""
    cuts = (
        (0, indices.ATTENTION_SCORE, "lemah"),
        (indices.ATTENTION_SCORE, indices.STRONG_SCORE, "perlu_perhatian"),
        (indices.STRONG_SCORE, 100, "kuat"),
    )
    for x0, x1, zone in cuts:
        fig.add_vrect(x0=x0, x1=x1, fillcolor=palette.ZONE_COLORS[zone], opacity=0.1, line_width=0, layer="below")
        fig.add_annotation(
            x=(x0 + x1) / 2,
            y=1,
            xref="x",
            yref="paper",
            yanchor="bottom",
            showarrow=False,
            text=t(f"zona.{zone}", lang),
            font={"size": 11, "color": palette.ZONE_COLORS[zone]},
        )


def health_principles(df: pd.DataFrame, dim: str | None, lang: str) -> go.Figure:
    """The eight principles' scores (0–100) against the zones: one row per principle, one dot per group (its
    colour in the legend, n in its name), or bars with their value when there is one group.

    Replaces a radar that shrank to 200 px in a wide column and whose legend covered its labels in a narrow one.
    """
    title = t("an.chart.radar.title", lang)
    if df.empty:
        return empty_figure(lang, title)
    labels = _principle_labels(lang)
    groups = [(None, df)] if not dim else list(df.groupby(dim, sort=False))
    if dim == "kategori":
        order = {k: i for i, k in enumerate(palette.KATEGORI_COLORS)}
        groups.sort(key=lambda gp: order.get(gp[0], 99))
    fig = go.Figure()
    for gi, (g, part) in enumerate(groups):
        part = part.set_index("prinsip").reindex(list(contract.PRINCIPLES))
        name = group_label(dim, g, lang) if dim else t("common.total", lang)
        n = int(part["n"].max()) if part["n"].notna().any() else 0
        label = f"{name} (n = {n}{t('an.small_n_mark', lang) if n < indices.MIN_RESPONDENTS else ''})"
        custom = [[g, x] for x in part["rata_rata"]]
        tip = "%{y}<br>%{x:.0f} / 100<extra>" + name + "</extra>"
        if len(groups) == 1:
            fig.add_bar(
                x=part["skor"],
                y=labels,
                orientation="h",
                name=label,
                customdata=custom,
                hovertemplate=tip,
                marker_color=[palette.ZONE_COLORS.get(z, palette.NEUTRAL) for z in part["zona"]],
                texttemplate="%{x:.0f}",
                textposition="outside",
                cliponaxis=False,
            )
        else:
            color = (
                palette.KATEGORI_COLORS.get(g, palette.NEUTRAL)
                if dim == "kategori"
                else palette.SERIES_COLORS[gi % len(palette.SERIES_COLORS)]
            )
            fig.add_scatter(
                x=part["skor"],
                y=labels,
                mode="markers",
                name=label,
                customdata=custom,
                hovertemplate=tip,
                marker={"size": 12, "color": color, "line": {"width": 1, "color": "white"}},
            )
    _zone_bands(fig, lang)
    fig.update_xaxes(title=t("an.axis.score", lang), range=[0, 100], dtick=25)
    fig.update_yaxes(autorange="reversed", showgrid=True)
    fig.update_layout(clickmode="event+select", dragmode=False)
    base_layout(fig, title, lang, height=90 + 40 * len(labels))
    add_margin(fig, t=16)  # the zone names above the plot
    return legend_below(fig) if len(groups) > 1 else fig


def likert_diverging(df: pd.DataFrame, lang: str) -> go.Figure:
    """Answers 1–5 per principle as diverging stacked bars (%), disagreement left, agreement right.

    The neutral answer is split in half across zero.
    """
    title = t("an.chart.likert.title", lang)
    if df.empty:
        return empty_figure(lang, title)
    piv = (
        df.pivot_table(index="prinsip", columns="nilai", values="pct", aggfunc="sum")
        .reindex(index=list(contract.PRINCIPLES), columns=[1, 2, 3, 4, 5])
        .fillna(0.0)
    )
    nn = df.groupby("prinsip")["n"].sum().reindex(list(contract.PRINCIPLES)).fillna(0).astype(int)
    labels = [f"{lbl} (n = {n})" for lbl, n in zip(_principle_labels(lang), nn)]
    fig = go.Figure()
    # order of traces: stacking outward from zero on each side
    left = [(3, -piv[3] / 2), (2, -piv[2]), (1, -piv[1])]
    right = [(3, piv[3] / 2), (4, piv[4]), (5, piv[5])]
    for i, (v, x) in enumerate(left + right):
        fig.add_bar(
            y=labels,
            x=x,
            orientation="h",
            name=contract.LIKERT[v][0 if lang == "id" else 1],
            marker_color=palette.LIKERT_COLORS[v],
            legendgroup=str(v),
            showlegend=i != 0,
            legendrank=v,
            customdata=piv[v].to_numpy(),
            hovertemplate="%{y}<br>%{customdata:.1f} %<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(barmode="relative", legend_traceorder="normal")
    fig.update_xaxes(
        title=t("an.axis.share_answers", lang), ticksuffix=" %", range=[-100, 100], zeroline=True, zerolinecolor="#444"
    )
    fig.update_yaxes(autorange="reversed")
    return legend_below(base_layout(fig, title, lang, height=480))


def satisfaction_chart(df: pd.DataFrame, dim: str | None, lang: str) -> go.Figure:
    """Overall satisfaction score (0–100) per group, coloured by zone, n shown and flagged when small."""
    title = t("an.chart.satisfaction.title", lang)
    if df.empty:
        return empty_figure(lang, title)
    d = df.sort_values("skor")
    names = [
        (group_label(dim, g, lang) if dim else t("common.total", lang)) for g in (d[dim] if dim else [None] * len(d))
    ]
    labels = [
        f"{nm} (n = {n}{t('an.small_n_mark', lang) if n < indices.MIN_RESPONDENTS else ''})"
        for nm, n in zip(names, d["n"])
    ]
    fig = go.Figure(
        go.Bar(
            x=d["skor"],
            y=labels,
            orientation="h",
            marker_color=[palette.ZONE_COLORS.get(z, palette.NEUTRAL) for z in d["zona"]],
            customdata=list(
                zip(
                    d[dim] if dim else [None] * len(d),
                    d["rata_rata"],
                    d["puas_pct"],
                    [t(f"zona.{z}", lang) for z in d["zona"]],
                )
            ),
            texttemplate="%{x:.0f}",
            textposition="auto",
            hovertemplate="%{y}<br>%{x:.0f} / 100<br>%{customdata[3]}<br>"
            + t("an.satisfied_share", lang)
            + " %{customdata[2]:.0f} %<extra></extra>",
        )
    )
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
    fig.add_bar(
        x=labels,
        y=df["n"],
        name=t("an.mentions", lang),
        marker_color=palette.KATEGORI_COLORS["pemerintah_lsm"],
        customdata=df["pct_responden"],
        hovertemplate="%{x}<br>%{y} (%{customdata:.0f} %)<extra></extra>",
        secondary_y=False,
    )
    fig.add_scatter(
        x=labels,
        y=df["kumulatif_pct"],
        name=t("an.cumulative", lang),
        mode="lines+markers",
        line_color=palette.KATEGORI_COLORS["nirlaba"],
        hovertemplate="%{y:.0f} %<extra></extra>",
        secondary_y=True,
    )
    fig.add_hline(y=80, line_dash="dot", line_color="#888", secondary_y=True)
    fig.update_yaxes(
        title=t("an.kpi.respondents", lang),
        rangemode="tozero",
        secondary_y=False,
        tickformat=",.0f",
        **whole_ticks(float(df["n"].max())),
    )
    fig.update_yaxes(
        title=t("an.cumulative", lang),
        range=[0, 105],
        ticksuffix=" %",
        secondary_y=True,
        tickmode="auto",
        showgrid=False,
    )
    return legend_below(base_layout(fig, title, lang, height=460))


def health_bars(df: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """Per-principle score (0–100) coloured by zone: the profile's survey chart."""
    title = title or t("an.chart.health_bars.title", lang)
    if df.empty:
        return empty_figure(lang, title)
    d = df.set_index("prinsip").reindex(list(contract.PRINCIPLES)).dropna(subset=["skor"]).reset_index()
    labels = [contract.PRINCIPLE_LABELS[p][0 if lang == "id" else 1] for p in d["prinsip"]]
    fig = go.Figure(
        go.Bar(
            x=d["skor"],
            y=labels,
            orientation="h",
            marker_color=[palette.ZONE_COLORS.get(z, palette.NEUTRAL) for z in d["zona"]],
            texttemplate="%{x:.0f}",
            customdata=list(zip(d["rata_rata"], [t(f"zona.{z}", lang) for z in d["zona"]], d["n"])),
            hovertemplate="%{y}<br>%{x:.0f} / 100<br>%{customdata[1]}<br>n = %{customdata[2]}<extra></extra>",
        )
    )
    for cut in (indices.ATTENTION_SCORE, indices.STRONG_SCORE):
        fig.add_vline(x=cut, line_dash="dot", line_color="#666")
    fig.update_xaxes(title=t("an.axis.score", lang), range=[0, 100])
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, title, lang, height=360)
