"""The Presentasi page's glue: the slide list in the URL, the deck's slides cached per store version, the
presentation look (one CSS helper), one slide drawn large, and its speaker notes.

A slide is the export deck's own (:mod:`kemitraan.export.deck`): the same takeaway title, metrics and figure
that the PowerPoint, HTML and XLSX exports carry, so what is presented is what is taken home.

URL: ``?slides=ringkasan,jangkauan,dana`` (the deck, in order; a comma list or repeated values) and
``?slide=2`` (the current slide, counted from 1; a slide key is accepted too). The sidebar's filters keep
their own parameters, so a prepared deck is one link.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from kemitraan.app.session import Snapshot, lang, store
from kemitraan.charts.geography import MAP_CONFIG
from kemitraan.export import deck
from kemitraan.export.context import ExportContext, build_context
from kemitraan.i18n import t
from kemitraan.queries.filters import Filters

_CACHE = {"max_entries": 128, "ttl": 3600, "show_spinner": False}
SLIDES_PARAM, SLIDE_PARAM = "slides", "slide"
_INDEX = "_pres_index"


@st.cache_data(**_CACHE)
def deck_slide(db: Snapshot, f: Filters, lg: str, key: str) -> deck.Slide:
    """One slide of the deck for these filters (queries, figure, takeaway); meeting notes are read fresh."""
    return deck.SLIDES[key](db.cursor(), f, lg)


@st.cache_resource(**_CACHE)
def screen_figure(db: Snapshot, f: Filters, lg: str, key: str) -> go.Figure:
    """The slide's figure laid out for the screen, kept whole between runs and shared by the sessions showing it
    (never changed after: :mod:`kemitraan.app.kept` says why). A slide out of the data cache is unpickled
    at every run, and its figure validated again with it: a third of a Presentasi rerun."""
    return _for_screen(deck_slide(db, f, lg, key).figure)


@st.cache_data(**_CACHE)
def export_context(db: Snapshot, f: Filters, lg: str) -> ExportContext:
    """Period (partial years marked), filters, data date, batches and the demo marker, as every export prints."""
    return build_context(db.cursor(), store(), f, lg)


# --- the slide list and the current slide, in the URL ---------------------------------------------------------


def _from_url() -> tuple[list[str], list[str]]:
    """(known keys in order, unknown keys) from ``?slides=``; the default deck when absent or all unknown."""
    values = st.query_params.get_all(SLIDES_PARAM)
    asked = [k.strip().lower() for v in values for k in v.split(",") if k.strip()]
    known = list(dict.fromkeys(k for k in asked if k in deck.SLIDES))
    unknown = list(dict.fromkeys(k for k in asked if k not in deck.SLIDES))
    return (known or list(deck.DEFAULT_SLIDES)), unknown


def _reset_deck() -> None:
    st.session_state["_c_slides"] = list(deck.DEFAULT_SLIDES)
    for lg in ("id", "en"):
        st.session_state.pop(f"slides_{lg}", None)


def slide_picker() -> list[str]:
    """The slides and their order (the order they were picked in), kept in the URL as one comma list.

    Keyed per language and seeded from the codes, as :func:`kemitraan.app.url_state.url_choice` does, so a
    language switch keeps the choice."""
    ss, lg = st.session_state, lang()
    if "_c_slides" not in ss:
        ss["_c_slides"], unknown = _from_url()
        if unknown:
            ss["_pres_unknown"] = unknown
    wkey = f"slides_{lg}"
    if wkey not in ss:
        ss[wkey] = list(ss["_c_slides"])
    chosen = st.multiselect(
        t("pres.pick", lg),
        list(deck.SLIDES),
        key=wkey,
        help=t("pres.pick.help", lg),
        format_func=lambda k: deck.slide_label(k, lg),
        select_all=False,  # Streamlit's own "Select all" is English only
    )
    st.button(t("pres.reset", lg), key="pres_reset", on_click=_reset_deck, icon=":material/restart_alt:")
    if not chosen:
        st.caption(t("pres.pick.empty", lg))
        chosen = list(deck.DEFAULT_SLIDES)
    ss["_c_slides"] = list(chosen)
    value = ",".join(chosen)
    if value == ",".join(deck.DEFAULT_SLIDES):
        if SLIDES_PARAM in st.query_params:
            del st.query_params[SLIDES_PARAM]
    elif st.query_params.get_all(SLIDES_PARAM) != [value]:
        st.query_params[SLIDES_PARAM] = value
    return list(chosen)


def unknown_slides_notice() -> None:
    unknown = st.session_state.pop("_pres_unknown", None)
    if unknown:
        st.warning(t("pres.unknown", lang(), keys=", ".join(unknown)), icon=":material/link_off:")


def current_index(keys: list[str]) -> int:
    """The current slide (0-based), seeded from ``?slide=`` (a number from 1, or a key) and kept in range."""
    ss = st.session_state
    if _INDEX not in ss:
        asked = (st.query_params.get(SLIDE_PARAM) or "").strip().lower()
        if asked.isdigit():
            ss[_INDEX] = int(asked) - 1
        else:
            ss[_INDEX] = keys.index(asked) if asked in keys else 0
    shown = ss.get("_pres_key")
    if ss.get("_pres_keys") not in (None, keys) and shown in keys:
        ss[_INDEX] = keys.index(shown)  # the deck was rearranged: stay on the slide being shown
    ss[_INDEX] = max(0, min(int(ss[_INDEX]), len(keys) - 1))
    ss["_pres_keys"], ss["_pres_key"] = list(keys), keys[ss[_INDEX]]
    st.query_params[SLIDE_PARAM] = str(ss[_INDEX] + 1)
    return ss[_INDEX]


def _move(step: int, n: int) -> None:
    st.session_state[_INDEX] = max(0, min(st.session_state.get(_INDEX, 0) + step, n - 1))


def nav_buttons(i: int, n: int) -> None:
    """Previous / next, also on the arrow keys (Streamlit's own button shortcuts: no script of ours, and a key
    pressed while typing in a field is left to the field)."""
    lg = lang()
    with st.container(horizontal=True, vertical_alignment="center", key="pres_nav"):
        st.button(
            t("pres.prev", lg),
            key="pres_prev",
            icon=":material/arrow_back:",
            shortcut="Left",
            disabled=i == 0,
            on_click=_move,
            args=(-1, n),
        )
        st.text(t("pres.position", lg, i=i + 1, n=n), width="content")
        st.button(
            t("pres.next", lg),
            key="pres_next",
            icon=":material/arrow_forward:",
            icon_position="right",
            shortcut="Right",
            disabled=i >= n - 1,
            on_click=_move,
            args=(1, n),
            type="primary",
        )


# --- the look --------------------------------------------------------------------------------------------------

_PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.8rem 2.2rem 1rem; max-width: 100%; }
.slide-scope { font-size: clamp(0.78rem, 0.45rem + 0.55vw, 1.05rem); color: #4b5563; margin: 0; }
.slide-demo { display: inline-block; background: #b45309; color: #fff; font-weight: 700; padding: 0.1em 0.6em;
  border-radius: 0.3em; margin-right: 0.6em; letter-spacing: 0.02em; }
h1.slide-title { font-size: clamp(1.45rem, 0.6rem + 2.1vw, 3.1rem); line-height: 1.2; font-weight: 700;
  margin: 0.15em 0 0.1em; padding: 0; }
.slide-question { font-size: clamp(0.95rem, 0.55rem + 0.7vw, 1.4rem); color: #374151; margin: 0; }
.st-key-slide_metrics [data-testid="stMetricValue"] { font-size: clamp(1.7rem, 0.9rem + 2vw, 3.4rem); }
.st-key-slide_metrics [data-testid="stMetricLabel"] p { font-size: clamp(0.95rem, 0.6rem + 0.6vw, 1.35rem); }
/* a headline figure wraps, never ends in "…" */
.st-key-slide_metrics [data-testid="stMetricValue"], .st-key-slide_metrics [data-testid="stMetricValue"] *,
.st-key-slide_metrics [data-testid="stMetricLabel"], .st-key-slide_metrics [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: anywhere; }
/* the chart takes what the screen has left under a title of up to two lines */
.st-key-slide_chart { flex: 0 0 auto !important;
  height: max(280px, calc(100vh - 15rem - 2.4 * clamp(1.45rem, 0.6rem + 2.1vw, 3.1rem))) !important; }
.st-key-pres_nav p { font-size: 1.05rem; }
html:fullscreen .st-key-speaker_notes, html:fullscreen .st-key-pres_tools { display: none !important; }
html:fullscreen .st-key-slide_chart {
  height: max(280px, calc(100vh - 11rem - 2.4 * clamp(1.45rem, 0.6rem + 2.1vw, 3.1rem))) !important; }
@media (display-mode: fullscreen) {
  .st-key-speaker_notes, .st-key-pres_tools { display: none !important; }
}
@media print {
  .st-key-pres_nav, .st-key-speaker_notes, .st-key-pres_tools { display: none !important; }
  .st-key-slide_chart { height: auto !important; }
}
</style>
"""

# A static script (no value from the URL or the data is in it): the browser's own full-screen mode.
_FULLSCREEN = """
<button type="button" id="pres-fullscreen" class="pres-fs">{label}</button>
<style>.pres-fs {{ font-family: inherit; font-size: 0.875rem; line-height: 1.6; padding: 0.35rem 0.75rem;
  border: 1px solid #d1d5db; border-radius: 0.5rem; background: #fff; cursor: pointer; }}
  .pres-fs:hover {{ border-color: #ef4444; color: #ef4444; }}</style>
<script>
document.getElementById("pres-fullscreen").addEventListener("click", () => {{
  if (document.fullscreenElement) {{ document.exitFullscreen(); }}
  else {{ document.documentElement.requestFullscreen().catch(() => {{}}); }}
}});
</script>
"""


def presentation_mode() -> None:
    """Hide the sidebar, the header and the toolbar; large type; the chart fills the rest of the screen.

    The sidebar still runs (app.py draws it before every page), so its filters, read from the URL, apply."""
    st.html(_PRESENT_CSS)


def fullscreen_button() -> None:
    st.html(
        _FULLSCREEN.format(label=html.escape(t("pres.fullscreen", lang()))),
        unsafe_allow_javascript=True,
        width="content",
    )


# --- one slide ---------------------------------------------------------------------------------------------------


def _for_screen(fig: go.Figure) -> go.Figure:
    """The deck's figure, large: its question is printed above it (so title and legend never overlap) and the
    legend sits at the top left, inside the slide."""
    fig = go.Figure(fig)
    fig.update_layout(
        title=None,
        height=None,
        autosize=True,
        font={"size": 16},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom", "font": {"size": 15}},
    )
    axis = {"tickfont": {"size": 15}, "title": {"font": {"size": 16}}}
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)
    for trace in fig.data:  # the values written on bars, readable from the back of the room
        if "textfont" in trace:
            trace.textfont.size = 15
    return fig


def draw_slide(slide: deck.Slide, ctx: ExportContext, figure: Callable[[], go.Figure]) -> None:
    """Scope line (demo marker, period, filters, data date), the takeaway, metrics on the left, chart on the right
    (``figure()``: the slide's figure laid out for the screen, :func:`screen_figure`)."""
    demo = f'<span class="slide-demo">{html.escape(ctx.demo_marker)}</span>' if ctx.demo_marker else ""
    rest = ctx.footer().removeprefix(ctx.demo_marker or "").lstrip(" ·")
    st.html(
        f'<p class="slide-scope">{demo}{html.escape(rest)}</p>'
        f'<h1 class="slide-title">{html.escape(slide.title)}</h1>'
        f'<p class="slide-question">{html.escape(slide.chart_title)}</p>'
    )
    left, right = st.columns([1, 3], gap="medium")
    with left.container(key="slide_metrics"):
        for m in slide.metrics:
            st.metric(m.label, m.value)
    with right.container(key="slide_chart"):
        if slide.empty:
            st.info(t("pres.empty_slide", ctx.lang), icon=":material/filter_alt_off:")
        elif slide.table is not None and not slide.figure.data:
            st.dataframe(slide.table, hide_index=True)
        else:
            st.plotly_chart(
                figure(),
                width="stretch",
                height="stretch",
                config={**MAP_CONFIG, "responsive": True},
                key=f"slide_fig_{slide.key}",
            )


def speaker_definitions(slide: deck.Slide, lg: str) -> None:
    st.text(t("pres.definitions", lg))
    for line in deck.definitions(slide, lg):
        st.text("• " + line)
