"""Every page names each damaged batch and what to do about it (kemitraan.storage.batch_check).

A damaged batch is set aside by the store, so the pages keep serving the other batches; this warning
says which one is missing from the figures, why in a few words, and a reference. Visitors never see the
files, folders or error text of the damage: those go to the log (once per process and damage) and to
``python -m kemitraan check``, under the same reference. Drawn by app.py above every page.
"""

from __future__ import annotations

import logging
import threading

import streamlit as st

from kemitraan import escape
from kemitraan.app.session import lang, store

log = logging.getLogger(__name__)
_logged: set[tuple[str, str]] = set()  # (data folder, reference): logged once per process
_lock = threading.Lock()


def damage_notice() -> None:
    lg, s = lang(), store()
    for damage in s.damaged():
        key = (str(s.root), damage.reference)
        with _lock:
            first = key not in _logged
            _logged.add(key)
        if first:
            log.error(
                "ref=%s damaged batch set aside: %s (%s)", damage.reference, damage.message("en"), damage.to_dict()
            )
        st.warning(escape.markdown(damage.notice(lg)), icon=":material/report:")  # a batch id's _ is no emphasis
