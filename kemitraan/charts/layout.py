"""The layout every figure shares: title wrapping, language-aware number separators, legends, the empty state."""

from __future__ import annotations

import json
import re
import textwrap
from importlib import resources

import plotly.graph_objects as go
import plotly.io as pio

from kemitraan import escape
from kemitraan.i18n import t
from kemitraan.labels import dim_label, dims_label, plotly_separators

#: The width (px) a figure is laid out for unless its page says otherwise: the main column at a projector's
#: 1024 × 768 with the sidebar open (measured 564 px). Titles wrap and legend rows are reserved for this width,
#: so what fits there fits every wider screen too (Plotly wraps neither a title nor, predictably, a legend).
FULL_PX = 560
#: Widths of text as Plotly draws it in Source Sans (Streamlit sets titles in bold): measured, with a margin
#: for wide letters, so an estimate errs towards one line too many, never a title cut at the right edge.
TITLE_PX_PER_CHAR = 7.9
SUBTITLE_PX_PER_CHAR = 6.9
LEGEND_PX_PER_CHAR = 6.9
#: A horizontal legend entry: symbol and gaps around its text; one row of entries.
LEGEND_ENTRY_PX = 48
LEGEND_ROW_PX = 21
TITLE_SIZE, SUBTITLE_SIZE = 15, 12
#: Kept for callers that wrap other text like a title (about 40 characters in a half column).
TITLE_CHARS = 40

#: The trace types the app draws. Their defaults are all of Plotly's ``plotly_white`` the template keeps.
TRACE_TYPES = ("bar", "choropleth", "heatmap", "scatter")
#: Every figure's template, made Plotly's default: a figure then gets it when it is created (under a millisecond),
#: where setting it on each figure (``update_layout(template=...)``) validates the whole template again (about
#: 14 ms a figure, half of a page's chart-building time). :func:`base_layout` takes the default back when another
#: module changed it (tests/test_analysis_charts.py).
TEMPLATE = "kemitraan"


def _template() -> go.layout.Template:
    """``plotly_white`` with the defaults of :data:`TRACE_TYPES` only, not of its 24 trace types.

    Every figure carries its template: through Plotly's deep copy when Streamlit serialises it, and in the JSON sent
    for every chart of every page view. The whole template was 6.7 kB of each chart's JSON, and building it from its
    file validated every trace type's defaults (0.1 s of a command's start). Its layout is unchanged, and so is
    every default of a drawn trace type, so a figure looks the same. A trace type the app starts to draw is added to
    :data:`TRACE_TYPES` (tests/test_analysis_pages.py checks every page's traces).
    """
    try:
        white = json.loads(resources.files("plotly").joinpath("package_data/templates/plotly_white.json").read_text())
    except (OSError, ValueError):  # another packaging of Plotly: its own, whole
        return pio.templates["plotly_white"]
    return go.layout.Template(layout=white["layout"], data={k: white["data"][k] for k in TRACE_TYPES})


pio.templates[TEMPLATE] = _template()
pio.templates.default = TEMPLATE

_FIT = "kemitraan_fit"  # the layout.meta key holding what fit() needs to lay a figure out again for a width


def _merged(old: dict, new: dict) -> dict:
    out = dict(old)
    for k, v in new.items():
        out[k] = _merged(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def set_layout(fig: go.Figure, **props) -> go.Figure:
    """``fig.update_layout(**props)`` (nested settings merged into the ones already there) by assigning each
    property once: Plotly's update machinery costs 6–8 ms a call, the assignment a twentieth of that, and every
    figure of a page is laid out two or three times (:func:`base_layout`, :func:`fit`)."""
    layout = fig.layout
    for name, value in props.items():
        if isinstance(value, dict):
            current = layout[name]
            if hasattr(current, "to_plotly_json"):  # a compound property (title, legend …): merge, as update does
                value = _merged(current.to_plotly_json(), value)
        layout[name] = value
    return fig


def base_layout(fig: go.Figure, title: str, lang: str, height: int = 420, subtitle: str | None = None) -> go.Figure:
    """Title (a takeaway, with the chart's question as ``subtitle``), separators, the legend at the figure's
    foot, laid out for :data:`FULL_PX`; a page in a narrower column calls :func:`fit` with its width."""
    if pio.templates.default != TEMPLATE:
        # Streamlit's plotly module makes its own template the default when it is imported (after this module,
        # on some paths): this figure was made with it. Ours on it, and the default taken back for the next ones.
        set_layout(fig, template=TEMPLATE)
        pio.templates.default = TEMPLATE
    set_layout(
        fig,
        separators=plotly_separators(lang),
        # under the plot, at the figure's foot (yref "container": Plotly reserves the room below the plot for
        # it); above the plot a legend runs into a wrapped title in a narrow column
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "xanchor": "left"},
        font={"family": "Source Sans Pro, Arial, sans-serif"},
        meta={_FIT: {"title": title or "", "subtitle": subtitle or "", "height": height}},
    )
    return fit(fig, FULL_PX)


def _wrap(text: str, chars: int) -> list[str]:
    # a number keeps its unit on its line: "67 %", "Rp 318,9 M", "1,2 juta" never break at their space
    text = re.sub(r"(\d) (%|M|T|jt|juta|million|bn|rb)\b", "\\1\u00a0\\2", text or "")
    text = re.sub(r"\b(Rp|IDR) (\d)", "\\1\u00a0\\2", text).replace(" %", "\u00a0%")
    return textwrap.wrap(text, max(12, chars), break_long_words=False) if text else []


def legend_entries(fig: go.Figure) -> list[str]:
    """The names Plotly lists in the legend (a single trace shows none unless asked)."""
    if fig.layout.showlegend is False:
        return []
    shown = [tr for tr in fig.data if tr.showlegend is not False and tr.name]
    if len(shown) <= 1 and fig.layout.showlegend is not True and not any(tr.showlegend for tr in shown):
        return []
    names, groups = [], set()
    for tr in shown:
        group = tr.legendgroup
        if group and group in groups:
            continue
        groups.add(group) if group else None
        names.append(str(tr.name))
    return names


def legend_rows(names: list[str], width_px: float) -> int:
    """How many rows a horizontal legend of ``names`` takes in ``width_px``: entries packed left to right."""
    if not names:
        return 0
    rows, used = 1, 0.0
    for name in names:
        w = LEGEND_ENTRY_PX + LEGEND_PX_PER_CHAR * len(name.replace("&amp;", "&"))
        if used and used + w > width_px:
            rows, used = rows + 1, 0.0
        used += w
    return rows


def fit(fig: go.Figure, width_px: float) -> go.Figure:
    """Lay ``fig`` out for a column ``width_px`` wide: the title and subtitle wrapped to it, the top margin
    holding them, and the figure grown by the rows its legend takes there, so the legend stays inside."""
    spec = (fig.layout.meta or {}).get(_FIT) if isinstance(fig.layout.meta, dict) else None
    if spec is None:
        return fig
    lines = _wrap(spec["title"], int(width_px / TITLE_PX_PER_CHAR))
    sub = _wrap(spec["subtitle"], int(width_px / SUBTITLE_PX_PER_CHAR))
    rows = legend_rows(legend_entries(fig), width_px - 20)
    legend_px = rows * LEGEND_ROW_PX + (8 if rows else 0)
    top = 48 + 20 * len(lines) + (16 * len(sub) + 6 if sub else 0)
    set_layout(
        fig,
        # from the figure's top edge down (not centred in the margin), so room added under it for panel
        # titles or zone names stays under it
        title={
            "text": "<br>".join(lines),
            "x": 0,
            "xanchor": "left",
            "font": {"size": TITLE_SIZE},
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 20},
            "subtitle": {"text": "<br>".join(sub), "font": {"size": SUBTITLE_SIZE, "color": "#555"}},
        },
        # the plot keeps the height it was given: title lines and legend rows are added around it
        height=spec["height"] + legend_px + max(0, top - 60),
        margin={"l": 10, "r": 10, "t": top, "b": 10},
    )
    extra = spec.get("margin")
    if extra:
        set_layout(fig, margin={k: fig.layout.margin[k] + v for k, v in extra.items()})
    return fig


def with_takeaway(fig: go.Figure, takeaway: str | None) -> go.Figure:
    """Title ``fig`` with its takeaway, the sentence computed from its data (:mod:`kemitraan.export.takeaways`,
    as the slides have it); its question stays under it as the subtitle. The next :func:`fit` lays the title out."""
    spec = (fig.layout.meta or {}).get(_FIT) if isinstance(fig.layout.meta, dict) else None
    if not takeaway or spec is None or spec.get("takeaway"):
        return fig
    spec.update(subtitle=spec["title"], title=takeaway, takeaway=True)
    set_layout(fig, meta={_FIT: spec})
    return fig


def laid_out(fig: go.Figure, share: float = 1.0, takeaway: str | None = None) -> go.Figure:
    """``fig`` titled with ``takeaway`` (:func:`with_takeaway`) and laid out (:func:`fit`) for a column of ``share``
    of the page's width (0.5: one of two columns, less the gap between them)."""
    with_takeaway(fig, takeaway)
    return fit(fig, FULL_PX * share - (16 if share < 1 else 0))


def empty_figure(lang: str, title: str = "", subtitle: str | None = None) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=t("empty.no_data", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, title, lang, height=260, subtitle=subtitle)


def add_margin(fig: go.Figure, **sides: int) -> go.Figure:
    """Extra room on some sides (panel titles, long category labels), kept when :func:`fit` lays it out again."""
    spec = fig.layout.meta[_FIT]
    spec["margin"] = {**spec.get("margin", {}), **sides}
    set_layout(fig, meta={_FIT: spec})
    return fit(fig, FULL_PX)


def legend_below(fig: go.Figure) -> go.Figure:
    """A horizontal legend at the figure's foot, inside it whatever the width: the rows it takes are reserved
    by :func:`fit` (a legend at a negative paper ``y`` fell below the figure's fixed height and was cut off)."""
    set_layout(
        fig,
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "xanchor": "left"},
        showlegend=True,
    )
    return fit(fig, FULL_PX)


def whole_ticks(vmax: float | None) -> dict:
    """Axis settings for a whole-number axis (``,.0f``) of small values: a step of 1 or 2, so the ticks read
    0 1 2 3, never "0 1 1 2 2 3 3" (Plotly's own half steps, each rounded); larger values keep Plotly's."""
    if vmax is None or vmax != vmax or vmax > 16:
        return {}
    return {"dtick": 1 if vmax <= 8 else 2, "tick0": 0}


def groups_title(key: str, dim: str, lang: str, **fields) -> str:
    """A chart title naming the grouping in the plural (``{kelompok}``)."""
    return t(key, lang, kelompok=dims_label(dim, lang), **fields)


def group_label(dim: str, code: object, lang: str) -> str:
    """A group's label as Plotly text (axis, legend, hover): a district, partnership or any text from data is
    escaped so it shows as typed, never as Plotly's HTML (``<a href>``, ``<b>``) — see :mod:`kemitraan.escape`."""
    return escape.plotly(dim_label(dim, code, lang))
