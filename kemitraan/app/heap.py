"""The server's long-lived objects set aside from the garbage collector's full passes, once, after its first page."""

from __future__ import annotations

import gc

import streamlit as st


@st.cache_resource(show_spinner=False)
def settle_after_first_page() -> bool:
    """Freeze what the server holds after its first page: every full pass of the collector walks every tracked
    object, and most of them (modules, Streamlit's own, the connection and its first answers) live as long as the
    server does. Twenty sessions' 240 page views ran seven full passes of about 0.1 s each, on the core every session
    waits for (bench/RESULTS.md). Frozen objects are skipped by later passes, which walk only what came after; they
    are still freed when nothing refers to them. One collection first, so that no garbage is frozen with them.
    Streamlit's resource cache runs it once per server process (the app never clears that cache)."""
    gc.collect()
    gc.freeze()
    return True
