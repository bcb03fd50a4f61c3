""" "Mulai dengan data saya sendiri" on the upload page: one action hides the demo (an undo of the demo batch) and
one shows it again (a redo). The logic is :mod:`kemitraan.generators.demo_state`; before hiding, the rows of the
user's batches that name demo partnerships are listed and a confirmation asked, as for any undo."""

from __future__ import annotations

import streamlit as st

from kemitraan import escape
from kemitraan.app.auth_ui import Editor, refused_text, writer
from kemitraan.app.upload_history import show_dependants
from kemitraan.generators import demo_state
from kemitraan.i18n import t
from kemitraan.storage.dependants import Dependants
from kemitraan.storage.lake_io import DiskFull
from kemitraan.storage.store import Store, StoreError

FLASH = "demo_flash"


@st.cache_data(max_entries=8, ttl=3600, show_spinner=False)
def cached_demo_dependants(_store: Store, root: str, version: tuple[str, ...]) -> list[Dependants]:
    return demo_state.demo_dependants(_store)


def own_data_section(store: Store, ed: Editor | None, lang: str) -> None:
    """For an editor, while a demo batch is live or hidden: hide it, or show it again. Nothing otherwise."""
    if ed is None:
        return
    live, hidden = demo_state.demo_live(store), demo_state.demo_hidden(store)
    if not (live or hidden):
        return
    st.subheader(t("demo.own.header", lang))
    if flash := st.session_state.pop(FLASH, None):
        (st.success if flash[0] else st.error)(flash[1])
    st.caption(t("demo.own.help", lang))
    if live:
        st.info(t("upload.demo.live_state", lang), icon=":material/science:")
        ok = True
        for deps in cached_demo_dependants(store, str(store.root), tuple(store.version())):
            ok = show_dependants(deps, lang, f"upload_demo_deps_sure_{deps.batch_id}") and ok
        if st.button(
            t("upload.demo.start", lang),
            key="upload_hide_demo",
            disabled=not ok,
            type="primary",
            icon=":material/visibility_off:",
        ):
            _act(lambda now: demo_state.hide_demo(store, user=now.recorded), "demo.own.hidden", lang)
    else:
        st.info(t("upload.demo.hidden_state", lang), icon=":material/visibility_off:")
        if st.button(t("demo.own.show", lang), key="upload_show_demo", icon=":material/visibility:"):
            _act(lambda now: demo_state.show_demo(store, user=now.recorded), "demo.own.shown", lang)


def _act(action, done_key: str, lang: str) -> None:
    """``action(editor)`` with the right asked again at this moment (auth_ui.writer)."""
    try:
        if (now := writer()) is None:
            st.session_state[FLASH] = (False, refused_text(lang))
        else:
            action(now)
            st.session_state[FLASH] = (True, t(done_key, lang))
    except DiskFull as exc:  # nothing changed; said in the user's words
        st.session_state[FLASH] = (False, escape.markdown(exc.message(lang)))
    except StoreError as exc:
        st.session_state[FLASH] = (False, t("demo.own.failed", lang, detail=escape.markdown(exc)))
    for k in [k for k in st.session_state if str(k).startswith("upload_demo_deps_sure_")]:
        st.session_state.pop(k, None)
    st.rerun()
