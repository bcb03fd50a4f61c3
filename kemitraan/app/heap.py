"""The server's modules set aside from the garbage collector's full passes, once, before its first page is drawn."""

from __future__ import annotations

import gc

import streamlit as st


@st.cache_resource(show_spinner=False)
def settle_imports() -> bool:
    """Freeze what the server holds once the app's modules are imported: every full pass of the collector walks
    every tracked object, and the modules' (pandas', Plotly's, DuckDB's, Streamlit's, this app's) live as long as
    the server does. Twenty sessions' 240 page views ran seven full passes of about 0.1 s each, on the core every
    session waits for (bench/RESULTS.md); later passes walk only what came after.

    Before the first page, not after it: a frozen object in a reference cycle is never collected, so a page's
    figures, frames and namespaces must not be frozen (they would stay for the server's life, evicted or not). One
    collection first, so that no garbage is frozen either. What else exists at this point is the first session's
    own bookkeeping, a few objects. Streamlit's resource cache runs this once per server process (the app never
    clears that cache)."""
    gc.collect()
    gc.freeze()
    return True
