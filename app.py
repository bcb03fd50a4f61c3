"""Dasbor Kemitraan — entry point: page config, language, global filters, navigation."""

import streamlit as st

from kemitraan import ui

st.set_page_config(page_title="Dasbor Kemitraan", page_icon=":material/handshake:", layout="wide")

PAGES = [
    st.Page("pages/ringkasan.py", title=ui.t("page.ringkasan"), icon=":material/dashboard:", url_path="ringkasan", default=True),
    st.Page("pages/unggah_data.py", title=ui.t("page.unggah_data"), icon=":material/upload:", url_path="unggah_data"),
]

nav = st.navigation(PAGES)
st.sidebar.title(ui.t("app.title"))
ui.language_switch()
ui.sidebar_filters()
ui.demo_notice()
nav.run()
