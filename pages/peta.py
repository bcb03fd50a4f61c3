"""Peta — the 38 provinces as areas coloured by the chosen indicator, the whole country in view (no map tiles)."""

import streamlit as st

from kemitraan import contract
from kemitraan.app import cached as cq
from kemitraan.app import session as ui
from kemitraan.app import widgets as w
from kemitraan.app.deck_downloads import deck_downloads
from kemitraan.app.sidebar import filters
from kemitraan.app.url_state import url_choice
from kemitraan.charts.common import group_bars
from kemitraan.charts.geography import MAP_CONFIG, province_map
from kemitraan.labels import labelled, unit_label

lang, f, db = ui.lang(), filters(), ui.snapshot()
st.title(ui.t("an.peta.title"))
st.caption(ui.t("an.peta.intro"))
deck_downloads("peta")

kode = url_choice(st.selectbox, ui.t("an.peta.indicator"), list(contract.indicators()), key="indikator",
                     text=lambda c, lg: contract.indicator(c).label(lg), default="terjangkau")
prov = cq.province_summary(db, f, kode)
if prov["n_kemitraan"].sum() == 0:
    w.empty_state(db, "indikator")
    st.stop()

w.scope_caption(db, f, (kode,))
st.caption(w.figure_note(kode, cq.indicator_totals(db, f, (kode,)), lang))
picked = w.select_chart(province_map(prov, kode, lang), key="map", config=MAP_CONFIG)
w.click_filter("provinsi_kode", picked)

shown = prov[prov["n_kemitraan"] > 0]
c1, c2 = st.columns([3, 2])
with c1:
    w.chart(group_bars(shown.rename(columns={"nilai": kode}), "provinsi_kode", kode,
                           ui.t("an.chart.map.title", indikator=contract.indicator(kode).in_sentence(lang),
                                satuan=unit_label(kode, lang)),
                           unit_label(kode, lang), lang, decimals=1 if contract.indicator(kode).is_rate else 0), key="map_bars",
            share=0.6)
with c2:
    partners = cq.partnership_list(db, f)
    w.table(w.with_profile_links(labelled(partners, lang)), key="map_partners", height=420)

with st.expander(ui.t("an.table.detail")):
    detail = prov[["provinsi_kode", "provinsi", "n_kemitraan", "nilai", "penduduk", "lat", "lon"]]
    w.table(detail, key="map_table")
    w.download_buttons(detail, f"peta_{kode}", key="map_dl")
