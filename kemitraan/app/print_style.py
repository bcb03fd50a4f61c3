"""What the browser prints for any page: A4 landscape, no sidebar, header or widgets, and on every printed
page the scope the figures were made for (demo marker, period, filters, data date, live batches).

app.py calls :func:`print_stylesheet` once per run, before the page. The scope is printed in the page's top
margin (``@page`` margin boxes, Chromium ≥ 131) and, for a browser without margin boxes, once more above
the page's content; the page number goes in the bottom margin. Nothing of this shows on screen.
"""

from __future__ import annotations

import streamlit as st

from kemitraan.app.deck_view import export_context
from kemitraan.app.session import lang, snapshot
from kemitraan.i18n import t
from kemitraan.queries.filters import Filters

# Widgets are for the screen: a printed page shows figures, tables and text.
_WIDGETS = ", ".join(
    f'[data-testid="{w}"]'
    for w in (
        "stSidebar",
        "stSidebarCollapsedControl",
        "stExpandSidebarButton",
        "stHeader",
        "stToolbar",
        "stDecoration",
        "stButton",
        "stDownloadButton",
        "stPopover",
        "stSelectbox",
        "stMultiSelect",
        "stSlider",
        "stTextArea",
        "stTextInput",
        "stNumberInput",
        "stDateInput",
        "stCheckbox",
        "stRadio",
        "stButtonGroup",
        "stForm",
        "stFileUploader",
        "stPageLink",
        "stPageLink-NavLink",
        "stStatusWidget",
        "stBottom",
        "stChatInput",
    )
)


def css_string(text: str) -> str:
    """``text`` as a CSS string literal: quotes, backslashes and line breaks escaped (labels come from the
    catalog, but a stylesheet is no place to trust that)."""
    out = []
    for ch in text:
        if ch in '"\\' or ord(ch) < 0x20 or ch == "\x7f" or ch == "<":
            out.append(f"\\{ord(ch):06x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def stylesheet(scope: str, page_word: str) -> str:
    s = css_string(scope)
    return f"""<style>
/* A headline figure is read from the back of the room: at a projector's 1024 px five of them share a
   ~100 px wide column each, so they shrink instead of ending in "…" (the number is the point of the card).
   A value never wraps ("Rp 318,9 M" on one line: it is sized to fit); a label wraps between words only
   ("Cakupan (disetahunkan)", never "disetahunka|n"), in a size whose longest word fits the column. */
[data-testid="stMetricValue"] {{ font-size: clamp(1rem, 1.45vw, 2.25rem); }}
[data-testid="stMetricLabel"] p {{ font-size: clamp(0.8rem, 0.85vw, 0.875rem); }}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *,
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {{
  overflow: visible !important; text-overflow: clip !important; overflow-wrap: normal !important;
  word-break: normal !important; hyphens: manual; }}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {{ white-space: nowrap !important; }}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {{ white-space: normal !important; }}
@media print {{
  @page {{
    size: A4 landscape; margin: 16mm 12mm 14mm;
    @top-left {{ content: {s}; font: 9pt sans-serif; color: #374151; }}
    @bottom-right {{ content: {css_string(page_word + " ")} counter(page) " / " counter(pages);
                     font: 9pt sans-serif; color: #374151; }}
  }}
  html, body, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
    height: auto !important; min-height: 0 !important; overflow: visible !important; position: static !important;
    background: #fff !important; }}
  {_WIDGETS}, .modebar-container, [data-testid="stExpander"] details:not([open]) {{ display: none !important; }}
  [data-testid="stMainBlockContainer"] {{ padding: 0 !important; max-width: 100% !important; }}
  [data-testid="stMainBlockContainer"]::before {{ content: {s}; display: block; font: 9pt sans-serif;
    color: #374151; border-bottom: 1px solid #d1d5db; padding-bottom: 2mm; margin-bottom: 3mm; }}
  [data-testid="stPlotlyChart"], [data-testid="stMetric"], [data-testid="stDataFrame"], [data-testid="stTable"] {{
    break-inside: avoid; }}
  h1, h2, h3 {{ break-after: avoid; }}
}}
</style>"""


def print_stylesheet(f: Filters) -> None:
    lg = lang()
    st.html(stylesheet(export_context(snapshot(), f, lg).footer(), t("print.page", lg)))
