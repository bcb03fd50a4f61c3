"""Dasbor Kemitraan — entry point: page config, language, global filters, navigation."""

from pathlib import Path

import streamlit as st

from kemitraan.app import session as ui
from kemitraan.app import sidebar
from kemitraan.app.damage_notice import damage_notice
from kemitraan.app.heap import settle_imports
from kemitraan.app.navigation import home_alias
from kemitraan.app.print_style import print_stylesheet

# The icon is a file of ours (sent inline): a Material icon here would be fetched from a font server.
ICON = str(Path(__file__).resolve().parent / "static" / "icon.svg")
st.set_page_config(page_title="Dasbor Kemitraan", page_icon=ICON, layout="wide")
settle_imports()  # once per server, before any page: what it imported, out of the collector's full passes

PAGES = [
    st.Page("pages/ringkasan.py", title=ui.t("page.ringkasan"), icon=":material/dashboard:", url_path="", default=True),
    st.Page("pages/jangkauan.py", title=ui.t("page.jangkauan"), icon=":material/groups:", url_path="jangkauan"),
    st.Page(
        "pages/keberlanjutan.py", title=ui.t("page.keberlanjutan"), icon=":material/eco:", url_path="keberlanjutan"
    ),
    st.Page("pages/dampak.py", title=ui.t("page.dampak"), icon=":material/trending_up:", url_path="dampak"),
    st.Page(
        "pages/kesehatan_kemitraan.py",
        title=ui.t("page.kesehatan"),
        icon=":material/favorite:",
        url_path="kesehatan_kemitraan",
    ),
    st.Page("pages/peta.py", title=ui.t("page.peta"), icon=":material/map:", url_path="peta"),
    st.Page(
        "pages/bandingkan.py", title=ui.t("page.bandingkan"), icon=":material/compare_arrows:", url_path="bandingkan"
    ),
    st.Page("pages/jelajah_data.py", title=ui.t("page.jelajah"), icon=":material/table_view:", url_path="jelajah_data"),
    st.Page(
        "pages/profil_kemitraan.py", title=ui.t("page.profil"), icon=":material/badge:", url_path="profil_kemitraan"
    ),
    st.Page("pages/metodologi.py", title=ui.t("page.metodologi"), icon=":material/menu_book:", url_path="metodologi"),
    st.Page("pages/presentasi.py", title=ui.t("page.presentasi"), icon=":material/slideshow:", url_path="presentasi"),
    st.Page("pages/unggah_data.py", title=ui.t("page.unggah_data"), icon=":material/upload:", url_path="unggah_data"),
]

# The home page is served at "/"; its own name, /ringkasan, is a hidden page that leads there.
nav = st.navigation([*PAGES, home_alias(PAGES[0], "ringkasan")])
st.sidebar.title(ui.t("app.title"))
try:
    ui.language_switch()  # first: drawn even when the store cannot be opened
    # the store's catalog read once per run, however many checks of it the page makes (one story per run)
    with ui.latest_store().one_reading():
        sidebar.data_per()  # ?per=: the data as they stood then (read only), before the filters that read them
        ui.prepare_data()  # a data version no server read yet: its analysis base built under a message, not silently
        sidebar.sidebar_filters()
        sidebar.demo_notice()
        print_stylesheet(sidebar.filters())
        damage_notice()
        ui.forced_failure(nav.url_path)  # a test hook, off unless $KEMITRAAN_TEST_FAIL_PAGE names this page
        nav.run()
except Exception as exc:  # st.stop / st.rerun are not Exceptions, so they pass through
    ui.show_unexpected(exc, nav.url_path or "app")
