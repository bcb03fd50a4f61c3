"""Plotly figures as native, editable PowerPoint charts (python-pptx chart objects carrying their data).

Generic over the figures the modules of :mod:`kemitraan.charts` draws:

- bars, vertical or horizontal, grouped or stacked (``barmode``), one colour per series or per bar;
  a marker-only scatter drawn over bars (a target) becomes one more bar series, since a PowerPoint
  chart holds one chart type;
- lines over periods: a line chart on a category axis of period labels (the figure's own tick
  labels when it sets them, else ``2024`` / ``T3 2024`` / ``Jan 2024``), dotted lines kept dotted;
- a marker-only scatter over numbers: an XY scatter.

Colours, axis titles, ranges, number formats and bar labels come from the figure. Anything else
(maps, heatmaps, polar, a second y axis, subplots) raises :class:`Unsupported`, and the caller shows
the data another way: a native chart must never misdraw what the page shows.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Pt

from kemitraan.export.context import month_names


class Unsupported(Exception):
    """A figure this module cannot draw as a native chart without changing what it shows."""


@dataclass
class Series:
    name: str
    values: list[float | None]
    color: str | None = None
    point_colors: list[str | None] | None = None
    dotted: bool = False
    in_legend: bool = True
    x: list[float] | None = None  # XY scatter only


@dataclass
class ChartSpec:
    chart_type: XL_CHART_TYPE
    categories: list[str]
    series: list[Series]
    title: str = ""
    value_title: str = ""
    category_title: str = ""
    number_format: str = "General"
    label_format: str | None = None  # data labels on bars, when the figure shows them
    value_range: tuple[float | None, float | None] = (None, None)
    reverse_categories: bool = False
    extra: dict = field(default_factory=dict)


# --- reading the figure ------------------------------------------------------------------------------


def _num(v) -> float | None:
    if v is None:
        return None
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def _text(v) -> str:
    """Plotly text as PowerPoint text: line breaks as spaces, and the escapes of data (kemitraan.escape.plotly) undone."""
    return html.unescape(re.sub(r"\s*<br>\s*", " ", str(v or ""))).strip()


def _title(obj) -> str:
    title = getattr(obj, "title", None)
    return _text(getattr(title, "text", None) if title is not None else None)


def _color(c) -> str | None:
    """``#RRGGBB`` from ``#RGB``, ``#RRGGBB`` or ``rgb(a)(r, g, b[, a])``; None for anything else (or transparent)."""
    if not isinstance(c, str):
        return None
    c = c.strip()
    if re.fullmatch(r"#[0-9A-Fa-f]{3}", c):
        return "#" + "".join(ch * 2 for ch in c[1:]).upper()
    if re.fullmatch(r"#[0-9A-Fa-f]{6}", c):
        return c.upper()
    m = re.fullmatch(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)", c)
    if m:
        if m.group(4) is not None and float(m.group(4)) == 0:
            return None
        return "#" + "".join(f"{int(m.group(i)):02X}" for i in (1, 2, 3))
    return None


def _excel_format(tickformat: str | None, suffix: str | None = None) -> str:
    """Plotly d3 formats (``,.0f``, ``,.1f``, ``.0%``) as an Excel number format; the suffix kept."""
    fmt = "General"
    m = re.fullmatch(r"(,?)\.(\d+)f", tickformat or "")
    if m:
        fmt = ("#,##0" if m.group(1) else "0") + ("." + "0" * int(m.group(2)) if int(m.group(2)) else "")
    elif re.fullmatch(r",?\.?(\d*)%", tickformat or ""):
        fmt = "0%"
    if suffix and suffix.strip():
        fmt = (fmt if fmt != "General" else "#,##0.###") + f'"{suffix}"'
    return fmt


def _label_format(template: str | None) -> str | None:
    m = re.search(r"%\{[xy]:(,?)\.(\d+)f\}", template or "")
    if not m:
        return None
    return ("#,##0" if m.group(1) else "0") + ("." + "0" * int(m.group(2)) if int(m.group(2)) else "")


def _values(arr) -> list:
    return [] if arr is None else list(arr)


def _has_points(tr) -> bool:
    return (
        any(_num(v) is not None for v in _values(tr.x if tr.orientation == "h" else tr.y))
        if tr.type == "bar"
        else any(_num(v) is not None for v in _values(tr.y))
    )


def _grain_label(ts: pd.Timestamp, all_ts: list[pd.Timestamp], lang: str) -> str:
    names = month_names(lang)
    if all(t.month == 1 for t in all_ts):
        return str(ts.year)
    if all(t.month in (1, 4, 7, 10) for t in all_ts):
        return f"{'T' if lang == 'id' else 'Q'}{(ts.month - 1) // 3 + 1} {ts.year}"
    return f"{names[ts.month - 1]} {ts.year}"


def _category_labels(xs: list, axis, lang: str) -> dict:
    """Each distinct x → its label: the axis' own tick text when it sets one, period labels for dates."""
    distinct = list(dict.fromkeys(xs))
    is_time = bool(distinct) and all(
        isinstance(v, (np.datetime64, pd.Timestamp)) or hasattr(v, "year") for v in distinct if v is not None
    )
    keyed = {v: (pd.Timestamp(v) if is_time else v) for v in distinct}
    if axis is not None and axis.tickvals is not None and axis.ticktext is not None:
        ticks = {(pd.Timestamp(v) if is_time else v): str(tx) for v, tx in zip(axis.tickvals, axis.ticktext)}
        if all(k in ticks for k in keyed.values()):
            return {v: ticks[k] for v, k in keyed.items()}
    if is_time:
        stamps = sorted(set(keyed.values()))
        return {v: _grain_label(k, stamps, lang) for v, k in keyed.items()}
    return {v: _text(v) for v in distinct}


def _series_color(tr) -> tuple[str | None, list[str | None] | None]:
    marker = getattr(tr, "marker", None)
    c = getattr(marker, "color", None) if marker is not None else None
    line = getattr(tr, "line", None)
    if tr.type == "scatter" and "lines" in (tr.mode or "") and line is not None and line.color:
        return _color(line.color), None
    if isinstance(c, (list, tuple, np.ndarray)):
        return None, [_color(x) for x in c]
    return _color(c), None


def _check_plain(fig: go.Figure) -> None:
    for tr in fig.data:
        if getattr(tr, "yaxis", "y") not in (None, "y") or getattr(tr, "xaxis", "x") not in (None, "x"):
            raise Unsupported("second axis or subplots")


def spec_from_figure(fig: go.Figure, lang: str = "id") -> ChartSpec:
    """What a native chart needs, read from a Plotly figure; raises :class:`Unsupported`."""
    _check_plain(fig)
    # a text-only trace writes labels beside marks (impact's shares past their whiskers): no series of its own
    traces = [
        tr
        for tr in fig.data
        if tr.type in ("bar", "scatter") and _has_points(tr) and getattr(tr, "mode", None) != "text"
    ]
    others = [tr for tr in fig.data if tr.type not in ("bar", "scatter")]
    if others or not traces:
        raise Unsupported(others[0].type if others else "empty")
    title = _title(fig.layout)
    bars = [tr for tr in traces if tr.type == "bar"]
    if bars:
        return _bar_spec(fig, traces, bars, title, lang)
    if all("lines" in (tr.mode or "") for tr in traces):
        return _line_spec(fig, traces, title, lang)
    return _xy_spec(fig, traces, title)


def _bar_spec(fig, traces, bars, title, lang) -> ChartSpec:
    horizontal = all(tr.orientation == "h" for tr in bars)
    if not horizontal and any(tr.orientation == "h" for tr in bars):
        raise Unsupported("mixed bar orientations")
    cat_axis, val_axis = (fig.layout.yaxis, fig.layout.xaxis) if horizontal else (fig.layout.xaxis, fig.layout.yaxis)

    def cats(tr):
        return _values(tr.y if horizontal else tr.x)

    def vals(tr):
        return _values(tr.x if horizontal else tr.y)

    for tr in traces:
        if tr.type == "scatter" and "lines" in (tr.mode or ""):
            raise Unsupported("bars with lines")
    all_cats = [c for tr in traces for c in cats(tr)]
    labels = _category_labels(all_cats, cat_axis, lang)
    order = list(dict.fromkeys(all_cats))
    series = []
    for i, tr in enumerate(traces):
        by_cat = dict(zip(cats(tr), vals(tr)))
        color, point_colors = _series_color(tr)
        if point_colors is not None:  # one colour per bar, in the category order; the legend shows the first
            pc = dict(zip(cats(tr), point_colors))
            point_colors = [pc.get(c) for c in order]
            color = next((c for c in point_colors if c), None)
        series.append(
            Series(
                name=_text(tr.name) or _title(val_axis) or f"{i + 1}",
                values=[_num(by_cat.get(c)) for c in order],
                color=color,
                point_colors=point_colors,
                in_legend=tr.showlegend is not False,
            )
        )
    stacked = fig.layout.barmode in ("stack", "relative")
    kind = {
        (True, False): XL_CHART_TYPE.BAR_CLUSTERED,
        (True, True): XL_CHART_TYPE.BAR_STACKED,
        (False, False): XL_CHART_TYPE.COLUMN_CLUSTERED,
        (False, True): XL_CHART_TYPE.COLUMN_STACKED,
    }
    rng = tuple(val_axis.range) if val_axis.range is not None else (None, None)
    if rng[1] is not None and val_axis.tickvals:
        # room the screen keeps past the last tick for its own text labels (a share axis to 118 % so "100 %" fits
        # beside its whisker): PowerPoint writes its data labels itself and would show the unreachable 118 % tick
        rng = (rng[0], min(rng[1], max(val_axis.tickvals)))
    return ChartSpec(
        chart_type=kind[(horizontal, stacked)],
        categories=[labels[c] for c in order],
        series=series,
        title=title,
        value_title=_title(val_axis),
        category_title=_title(cat_axis),
        number_format=_excel_format(val_axis.tickformat, val_axis.ticksuffix),
        label_format=next((_label_format(tr.texttemplate) for tr in bars if tr.texttemplate), None),
        value_range=(_num(rng[0]), _num(rng[1])),
        reverse_categories=cat_axis.autorange == "reversed",
    )


def _line_spec(fig, traces, title, lang) -> ChartSpec:
    xs = [x for tr in traces for x in _values(tr.x)]
    labels = _category_labels(xs, fig.layout.xaxis, lang)
    keyed = {x: (pd.Timestamp(x) if not isinstance(x, str) and x is not None else x) for x in labels}
    order = sorted(labels, key=lambda x: keyed[x]) if all(not isinstance(x, str) for x in labels) else list(labels)
    series, groups = [], {}
    for tr in traces:
        by_x = dict(zip(_values(tr.x), _values(tr.y)))
        if tr.showlegend is False and tr.legendgroup in groups:
            # a partial period's dashed segment (charts.common.trend_lines) completes its own series here: the
            # category's label already says which months it holds
            s = groups[tr.legendgroup]
            s.values = [v if v is not None else _num(by_x.get(x)) for v, x in zip(s.values, order)]
            continue
        color, _ = _series_color(tr)
        series.append(
            Series(
                name=_text(tr.name) or "–",
                values=[_num(by_x.get(x)) for x in order],
                color=color,
                dotted=(getattr(tr.line, "dash", None) or "solid") != "solid",
                in_legend=tr.showlegend is not False,
            )
        )
        if tr.legendgroup:
            groups[tr.legendgroup] = series[-1]
    markers = any("markers" in (tr.mode or "") for tr in traces)
    y = fig.layout.yaxis
    rng = tuple(y.range) if y.range is not None else (None, None)
    return ChartSpec(
        chart_type=XL_CHART_TYPE.LINE_MARKERS if markers else XL_CHART_TYPE.LINE,
        categories=[labels[x] for x in order],
        series=series,
        title=title,
        value_title=_title(y),
        category_title=_title(fig.layout.xaxis),
        number_format=_excel_format(y.tickformat, y.ticksuffix),
        value_range=(_num(rng[0]), _num(rng[1])),
    )


def _xy_spec(fig, traces, title) -> ChartSpec:
    series = []
    for tr in traces:
        xs, ys = _values(tr.x), _values(tr.y)
        if any(_num(x) is None and x is not None for x in xs):
            raise Unsupported("scatter over categories")
        color, _ = _series_color(tr)
        series.append(
            Series(
                name=_text(tr.name) or "–",
                values=[_num(v) for v in ys],
                x=[_num(v) for v in xs],
                color=color,
                in_legend=tr.showlegend is not False,
            )
        )
    y = fig.layout.yaxis
    return ChartSpec(
        chart_type=XL_CHART_TYPE.XY_SCATTER,
        categories=[],
        series=series,
        title=title,
        value_title=_title(y),
        category_title=_title(fig.layout.xaxis),
        number_format=_excel_format(y.tickformat, y.ticksuffix),
    )


# --- drawing it ----------------------------------------------------------------------------------------


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#"))


def _font(font, size: float, color: str = "#333333") -> None:
    font.size = Pt(size)
    font.color.rgb = _rgb(color)


def _hide_legend_entries(chart, indices: list[int]) -> None:
    """Leave out of the legend the series the figure keeps out of its own (python-pptx has no API for it)."""
    legend = chart._chartSpace.chart.find(qn("c:legend"))
    if legend is None:
        return
    anchor = legend.find(qn("c:legendPos"))
    for i in indices:
        entry = OxmlElement("c:legendEntry")
        for tag, val in (("c:idx", str(i)), ("c:delete", "1")):
            child = OxmlElement(tag)
            child.set("val", val)
            entry.append(child)
        anchor.addnext(entry)  # schema order: legendPos, legendEntry*, layout, overlay…
        anchor = entry


def add_chart(shapes, spec: ChartSpec, x, y, cx, cy):
    """Draw ``spec`` as a native chart in ``shapes`` (a slide's shape tree); returns the chart."""
    if spec.chart_type == XL_CHART_TYPE.XY_SCATTER:
        data = XyChartData()
        for s in spec.series:
            xy = data.add_series(s.name, number_format=spec.number_format)
            for a, b in zip(s.x or [], s.values):
                if a is not None and b is not None:
                    xy.add_data_point(a, b)
    else:
        data = CategoryChartData(number_format=spec.number_format)
        data.categories = spec.categories
        for s in spec.series:
            data.add_series(s.name, s.values)
    chart = shapes.add_chart(spec.chart_type, x, y, cx, cy, data).chart
    chart.font.size = Pt(11)
    chart.has_title = bool(spec.title)
    if spec.title:
        chart.chart_title.text_frame.text = spec.title
        _font(chart.chart_title.text_frame.paragraphs[0].font, 13, "#444444")
    shown = [s for s in spec.series if s.in_legend]
    chart.has_legend = len(spec.series) > 1 and len(shown) >= 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        _font(chart.legend.font, 11)
        _hide_legend_entries(chart, [i for i, s in enumerate(spec.series) if not s.in_legend])
    plot = chart.plots[0]
    if spec.chart_type in (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.COLUMN_CLUSTERED):
        plot.gap_width, plot.overlap = 60, 0
    elif spec.chart_type in (XL_CHART_TYPE.BAR_STACKED, XL_CHART_TYPE.COLUMN_STACKED):
        plot.gap_width, plot.overlap = 60, 100
    for s, ps in zip(spec.series, plot.series):
        _style_series(ps, s, spec)
    if spec.label_format and spec.chart_type != XL_CHART_TYPE.XY_SCATTER:
        plot.has_data_labels = True
        plot.data_labels.number_format = spec.label_format
        plot.data_labels.number_format_is_linked = False
        _font(plot.data_labels.font, 10)
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = _rgb("#E5E5E5")
    value_axis.tick_labels.number_format = spec.number_format
    value_axis.tick_labels.number_format_is_linked = False
    _font(value_axis.tick_labels.font, 10, "#555555")
    if spec.value_range[0] is not None:
        value_axis.minimum_scale = spec.value_range[0]
    if spec.value_range[1] is not None:
        value_axis.maximum_scale = spec.value_range[1]
    if spec.value_title:
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = spec.value_title
        _font(value_axis.axis_title.text_frame.paragraphs[0].font, 10, "#555555")
    category_axis = chart.category_axis
    _font(category_axis.tick_labels.font, 10, "#555555")
    category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # below negative bars too
    if spec.reverse_categories:
        category_axis.reverse_order = True
    return chart


def _style_series(ps, s: Series, spec: ChartSpec) -> None:
    line_chart = spec.chart_type in (XL_CHART_TYPE.LINE, XL_CHART_TYPE.LINE_MARKERS)
    if line_chart or spec.chart_type == XL_CHART_TYPE.XY_SCATTER:
        ps.smooth = False
        if s.color:
            ps.format.line.color.rgb = _rgb(s.color)
            if spec.chart_type != XL_CHART_TYPE.LINE:
                ps.marker.format.fill.solid()
                ps.marker.format.fill.fore_color.rgb = _rgb(s.color)
                ps.marker.format.line.color.rgb = _rgb(s.color)
        ps.format.line.width = Pt(2.25)
        if s.dotted:
            ps.format.line.dash_style = MSO_LINE_DASH_STYLE.ROUND_DOT
            ps.format.line.width = Pt(1.5)
        if spec.chart_type == XL_CHART_TYPE.XY_SCATTER:
            ps.format.line.fill.background()  # markers only
        return
    if s.color:
        ps.format.fill.solid()
        ps.format.fill.fore_color.rgb = _rgb(s.color)
    if s.point_colors:
        for i, c in enumerate(s.point_colors):
            if c:
                fill = ps.points[i].format.fill
                fill.solid()
                fill.fore_color.rgb = _rgb(c)
