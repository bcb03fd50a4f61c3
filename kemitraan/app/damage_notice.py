"""Every page names each damaged batch and what to do about it (kemitraan.storage.batch_check).

A damaged batch is set aside by the store, so the pages keep serving the other batches; this warning
says which one is missing from the figures and how to repair it (restore its folder, or undo it and
upload the file again). Drawn by app.py above every page.
"""

from __future__ import annotations

import streamlit as st

from kemitraan import escape
from kemitraan.app.session import lang, store


def damage_notice() -> None:
    lg = lang()
    for damage in store().damaged():
        st.warning(escape.markdown(damage.message(lg)), icon=":material/report:")
