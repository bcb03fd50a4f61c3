"""Impact figures: the share of a cohort improving per outcome (with its interval), an outcome over time."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kemitraan import contract
from kemitraan.charts import palette
from kemitraan.charts.common import trend_lines
from kemitraan.charts.layout import base_layout, empty_figure, group_label, legend_below
from kemitraan.i18n import t
from kemitraan.labels import change_unit, fmt_change, unit_label
from kemitraan.methods import indices


def _ci(part: pd.DataFrame) -> dict:
    return {
        "type": "data",
        "symmetric": False,
        "array": (part["ik_atas_pct"] - part["porsi_membaik_pct"]).tolist(),
        "arrayminus": (part["porsi_membaik_pct"] - part["ik_bawah_pct"]).tolist(),
        "color": "#444",
        "thickness": 1,
    }


#: Room right of 100 % for the value written past the interval's end: the bars and whiskers stay on the axis.
SHARE_AXIS_MAX = 118


def _share_labels(fig: go.Figure, d: pd.DataFrame, labels: list[str], lang: str) -> None:
    """Each bar's share written just right of its interval's upper end, never on the whisker and never lost
    inside a bar too short to hold it (a 0 % bar has its label too); the axis runs to 100 % with room for them."""
    fig.add_scatter(
        x=d["ik_atas_pct"].fillna(d["porsi_membaik_pct"]) + 1.5,
        y=labels,
        mode="text",
        text=[f"{v:.0f} %" for v in d["porsi_membaik_pct"]],
        textposition="middle right",
        showlegend=False,
        hoverinfo="skip",
        cliponaxis=False,
    )
    fig.update_layout(showlegend=False)  # one series: its bars are labelled on the axis
    fig.update_xaxes(
        title=t("an.axis.share_improved", lang),
        range=[0, SHARE_AXIS_MAX],
        tickvals=[0, 20, 40, 60, 80, 100],
        ticksuffix=" %",
    )


def impact_share_chart(per: pd.DataFrame, dim: str | None, lang: str, title: str | None = None) -> go.Figure:
    """Share of the cohort's partnerships improving by at least the minimum change, per outcome (and group),
    with its 95 % interval: one unit (% of partnerships) on the axis, whatever the outcomes' own units."""
    title = title or t("an.chart.impact_share.title", lang)
    d = per.dropna(subset=["porsi_membaik_pct"]) if not per.empty else per
    if d.empty:
        return empty_figure(lang, title)
    if dim is None:  # one bar per outcome, its n in the label
        return _outcome_bars(d, lang, title)
    inds = [k for k in contract.indicators() if k in set(d["kode_indikator"])]
    ind_labels = [f"{contract.indicator(k).label(lang)} ({'↑' if indices.direction(k) > 0 else '↓'})" for k in inds]
    fig = go.Figure()
    groups = (
        [None]
        if not dim
        else (
            [g for g in palette.KATEGORI_COLORS if g in set(d[dim])]
            if dim == "kategori"
            else list(dict.fromkeys(d[dim]))
        )
    )
    for gi, g in enumerate(groups):
        part = (d if g is None else d[d[dim] == g]).set_index("kode_indikator").reindex(inds)
        if part["porsi_membaik_pct"].isna().all():
            continue
        name = t("common.total", lang) if g is None else group_label(dim, g, lang)
        color = (
            palette.KATEGORI_COLORS["pemerintah_lsm"]
            if g is None
            else palette.KATEGORI_COLORS.get(g, palette.NEUTRAL)
            if dim == "kategori"
            else palette.SERIES_COLORS[gi % len(palette.SERIES_COLORS)]
        )
        fig.add_bar(
            x=ind_labels,
            y=part["porsi_membaik_pct"],
            name=name,
            marker_color=color,
            error_y=_ci(part),
            customdata=list(
                zip(
                    [g] * len(inds),
                    part["membaik"],
                    part["n_kemitraan"],
                    part["memburuk"],
                    part["ik_bawah_pct"],
                    part["ik_atas_pct"],
                    part["baseline"],
                    part["terakhir"],
                )
            ),
            hovertemplate="%{x}<br>"
            + t("an.hover.improved", lang)
            + "<br>"
            + t("an.hover.ci", lang)
            + "<br>"
            + t("an.hover.cohort", lang)
            + "<extra>"
            + name
            + "</extra>",
        )
    fig.update_layout(barmode="group", clickmode="event+select")
    fig.update_yaxes(title=t("an.axis.share_improved", lang), range=[0, 100], ticksuffix=" %")
    base_layout(fig, title, lang, height=460)
    return legend_below(fig) if len(groups) > 1 else fig


def _share_bar(d: pd.DataFrame, labels: list[str], key: str, colors, lang: str) -> go.Bar:
    """Horizontal bars of the share of a cohort improving, with its 95 % interval; ``key`` (the outcome or the
    group) leads the customdata the hover and the click read."""
    return go.Bar(
        x=d["porsi_membaik_pct"],
        y=labels,
        orientation="h",
        marker_color=colors,
        error_x={
            "type": "data",
            "symmetric": False,
            "array": (d["ik_atas_pct"] - d["porsi_membaik_pct"]).tolist(),
            "arrayminus": (d["porsi_membaik_pct"] - d["ik_bawah_pct"]).tolist(),
            "color": "#444",
            "thickness": 1,
        },
        customdata=list(
            zip(
                d[key],
                d["membaik"],
                d["n_kemitraan"],
                d["memburuk"],
                d["ik_bawah_pct"],
                d["ik_atas_pct"],
                d["baseline"],
                d["terakhir"],
            )
        ),
        texttemplate="%{x:.0f} %",
        textposition="none",  # written by _share_labels; the exports' data labels
        hovertemplate="%{y}<br>"
        + t("an.hover.improved", lang)
        + "<br>"
        + t("an.hover.ci", lang)
        + "<br>"
        + t("an.hover.cohort", lang)
        + "<extra></extra>",
    )


def _outcome_bars(d: pd.DataFrame, lang: str, title: str) -> go.Figure:
    order = {k: i for i, k in enumerate(contract.indicators())}
    d = d.assign(_o=d["kode_indikator"].map(order)).sort_values("_o", ascending=False)
    labels = [
        f"{contract.indicator(k).label(lang)} ({'↑' if indices.direction(k) > 0 else '↓'}) · n = {n}"
        for k, n in zip(d["kode_indikator"], d["n_kemitraan"])
    ]
    fig = go.Figure(_share_bar(d, labels, "kode_indikator", palette.KATEGORI_COLORS["pemerintah_lsm"], lang))
    _share_labels(fig, d, labels, lang)
    return base_layout(fig, title, lang, height=max(300, 80 + 48 * len(d)))


def impact_group_bars(per: pd.DataFrame, dim: str, lang: str, title: str) -> go.Figure:
    """One outcome: the share of each group's cohort improving, with its interval and n (click filters)."""
    d = per.dropna(subset=["porsi_membaik_pct"]) if not per.empty else per
    if d.empty:
        return empty_figure(lang, title)
    d = d.sort_values("porsi_membaik_pct")
    labels = [f"{group_label(dim, c, lang)} (n = {n})" for c, n in zip(d[dim], d["n_kemitraan"])]
    colors = (
        [palette.KATEGORI_COLORS.get(c, palette.NEUTRAL) for c in d[dim]]
        if dim == "kategori"
        else palette.KATEGORI_COLORS["pemerintah_lsm"]
    )
    fig = go.Figure(_share_bar(d, labels, dim, colors, lang))
    _share_labels(fig, d, labels, lang)
    fig.update_layout(clickmode="event+select", dragmode=False)
    return base_layout(fig, title, lang, height=max(280, 70 + 42 * len(d)))


def outcome_trend(
    series: pd.DataFrame, kode: str, dim: str | None, lang: str, refs: pd.DataFrame | None = None
) -> go.Figure:
    """One indicator over time per group, the better direction (if any) in the title, target dotted; the reference
    values (``refs``: national, provinces; kemitraan.queries.reference.reference_lines) dashed, sources in the
    legend."""
    ind = contract.indicator(kode)
    unit = unit_label(kode, lang)
    d = indices.direction(kode)
    if d:
        better = t("an.higher_better" if d > 0 else "an.lower_better", lang)
        title = t("an.chart.outcome_trend.title", lang, indikator=ind.in_sentence(lang), arah=better, satuan=unit)
    else:
        title = t("an.chart.indicator_trend.title", lang, indikator=ind.in_sentence(lang), satuan=unit)
    d = series[series["kode_indikator"] == kode] if not series.empty else series
    return trend_lines(d, dim, "nilai", title, unit, lang, kode=kode, target="target", refs=refs)


indicator_trend = outcome_trend


def comparison_title(c: dict, kode: str, lang: str) -> str:
    """``Perubahan Prevalensi stunting 2022→2025 (poin persentase), rata-rata kabupaten/kota``."""
    return t(
        "ref.compare.chart.title",
        lang,
        indikator=contract.indicator(kode).label(lang),
        awal=c["tahun_awal"],
        akhir=c["tahun_akhir"],
        satuan=change_unit(kode, lang),
    )


def comparison_chart(c: dict | None, kode: str, lang: str) -> go.Figure:
    """Comparison areas (kemitraan.queries.reference.comparison): the mean change of an outcome in the partnerships'
    kabupaten/kota and in the other kabupaten/kota of their provinces, n in each label; the years, unit and the
    aggregation (mean over areas) in the title."""
    unit = change_unit(kode, lang)
    if not c or c.get("perubahan_kemitraan") is None and c.get("perubahan_pembanding") is None:
        return empty_figure(lang, t("ref.compare.header", lang))
    title = comparison_title(c, kode, lang)
    labels = [
        t("ref.compare.bar.pembanding", lang, n=c["n_wilayah_pembanding"]),
        t("ref.compare.bar.kemitraan", lang, n=c["n_wilayah_kemitraan"]),
    ]
    values = [c["perubahan_pembanding"], c["perubahan_kemitraan"]]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            marker_color=[palette.NEUTRAL, palette.KATEGORI_COLORS["pemerintah_lsm"]],
            text=[fmt_change(v, lang) for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}<br>%{text} " + unit + "<extra></extra>",
        )
    )
    fig.add_vline(x=0, line={"color": "#444", "width": 1})
    fig.update_xaxes(title=t("ref.compare.axis", lang, satuan=unit), zeroline=True)
    fig.update_layout(showlegend=False)
    return base_layout(fig, title, lang, height=260)
