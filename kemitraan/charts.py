"""The layout every figure shares: title wrapping, language-aware number separators, the empty state.

The figure builders themselves (pure functions, DataFrame in, Figure out) live in
:mod:`kemitraan.analysis_charts`, which pages and exports share.
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

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
