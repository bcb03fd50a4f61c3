"""The layout every figure shares: title wrapping, language-aware number separators, legends, the empty state."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from kemitraan import escape
from kemitraan.i18n import t
from kemitraan.labels import dim_label, dims_label, plotly_separators


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


def legend_below(fig: go.Figure, extra_bottom: int = 40) -> go.Figure:
    """A horizontal legend under the plot, so many entries never cover the title."""
    b = (fig.layout.margin.b or 10) + extra_bottom
    return fig.update_layout(legend={"orientation": "h", "y": -0.12, "x": 0, "xanchor": "left", "yanchor": "top"},
                             margin={"b": b})


def groups_title(key: str, dim: str, lang: str, **fields) -> str:
    """A chart title naming the grouping in the plural (``{kelompok}``)."""
    return t(key, lang, kelompok=dims_label(dim, lang), **fields)


def group_label(dim: str, code: object, lang: str) -> str:
    """A group's label as Plotly text (axis, legend, hover): a district, partnership or any text from data is
    escaped so it shows as typed, never as Plotly's HTML (``<a href>``, ``<b>``) — see :mod:`kemitraan.escape`."""
    return escape.plotly(dim_label(dim, code, lang))
