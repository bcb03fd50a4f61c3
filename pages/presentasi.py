"""Presentasi — the deck for the sidebar's filters, one slide at a time, large: a takeaway title computed from
the data, its headline figures and one chart; previous/next on the arrow keys; speaker notes and the meeting's
notes under the slide. ``?slides=ringkasan,jangkauan&slide=2`` opens a prepared deck at its second slide."""

import streamlit as st

from kemitraan.app import deck_view as dv
from kemitraan.app import session as ui
from kemitraan.app.deck_downloads import deck_downloads
from kemitraan.app.notes_ui import notes_section
from kemitraan.app.sidebar import filters

lang, f, db = ui.lang(), filters(), ui.snapshot()
dv.presentation_mode()

with st.container(horizontal=True, vertical_alignment="center", key="pres_tools"):
    with st.popover(ui.t("pres.settings"), icon=":material/view_carousel:", key="pres_settings"):
        keys = dv.slide_picker()
    show_notes = st.toggle(
        ui.t("pres.speaker_notes"), value=True, key="pres_show_notes", help=ui.t("pres.speaker_notes.help")
    )
    deck_downloads(slides=keys, name="presentasi")
    dv.fullscreen_button()
    st.page_link("pages/ringkasan.py", label=ui.t("pres.exit"), icon=":material/close:")
dv.unknown_slides_notice()

i = dv.current_index(keys)
slide = dv.deck_slide(db, f, lang, keys[i])
dv.draw_slide(slide, dv.export_context(db, f, lang), lambda: dv.screen_figure(db, f, lang, keys[i]))
dv.nav_buttons(i, len(keys))
st.caption(ui.t("pres.keys"))

if show_notes:
    with st.container(key="speaker_notes", border=True):
        st.subheader(ui.t("pres.speaker_notes"))
        dv.speaker_definitions(slide, lang)
        st.subheader(ui.t("mnote.header"))
        notes_section("slide", slide.key, f)
