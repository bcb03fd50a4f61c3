"""Impact figures: improvement from baseline per outcome, an outcome over time."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kemitraan import contract
from kemitraan.charts import palette
from kemitraan.charts.common import trend_lines
from kemitraan.charts.layout import base_layout, empty_figure, legend_below
from kemitraan.i18n import t
from kemitraan.labels import dim_label, unit_label
from kemitraan.methods import indices

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
        name = dim_label(dim, g, lang)
        fig.add_bar(
            x=ind_labels, y=part["perbaikan"], name=name,
            marker_color=palette.KATEGORI_COLORS.get(g, palette.NEUTRAL) if dim == "kategori"
            else palette.SERIES_COLORS[gi % len(palette.SERIES_COLORS)],
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
