"""The one workaround for a Streamlit internal, kept here alone so an upgrade breaks it in one place.

Streamlit treats a folder called ``pages/`` next to the entry script as the old (v1)
multipage layout until the first run of app.py calls ``st.navigation``: a first
visitor who opens ``/jangkauan`` directly on a freshly started server gets the page
without app.py (no language switch, no filters). Streamlit has no supported switch for
this (the page scripts stay in ``pages/``, the project's agreed layout), so when that
mode is on we leave it and rerun: because every page's ``url_path`` equals its file
name (tests check it; the home page answers to its name through home_alias), the rerun
through app.py's navigation lands on the same page with the same URL parameters.

tests/test_navigation.py fails the day Streamlit renames or drops the flag used here;
the deep-link browser test shows the behaviour still works.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_app_navigation() -> None:
    """Called by every page (through ``session.lang()``): rerun through app.py if Streamlit is in v1 mode."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def home_alias(home: st.Page, name: str) -> st.Page:
    """A hidden page at ``/<name>`` that opens the home page with the same URL parameters.

    Streamlit serves the default page at the root only: its own name (``/ringkasan``, the name a
    person reads in the code, the docs and old links) would otherwise open an English "Page not
    found" dialog. The home page itself cannot also answer to that name, because Streamlit keys
    pages by their url_path, so the alias forwards instead: the address becomes ``/`` and the
    sidebar marks Ringkasan as the page shown.
    """

    def forward() -> None:
        st.switch_page(home, query_params={k: st.query_params.get_all(k) for k in st.query_params})

    return st.Page(forward, title=home.title, url_path=name, visibility="hidden")
