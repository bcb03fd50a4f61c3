"""Peta — provinces as sized and coloured points on Plotly's offline geography (no map tiles)."""

import streamlit as st

from kemitraan import analysis_charts as ch
from kemitraan import contract, ui
from kemitraan import ui_analysis as ua

lang, f, con, qc = ui.lang(), ui.filters(), ui.con(), ua.cached()
st.title(ui.t("an.peta.title"))
st.caption(ui.t("an.peta.intro"))

kode = ui.url_choice(st.selectbox, ui.t("an.peta.indicator"), list(contract.indicators()), key="indikator",
                     text=lambda c, lg: contract.indicator(c).label(lg), default="terjangkau")
prov = qc.province_summary(f, kode)
if prov["n_kemitraan"].sum() == 0:
    ui.empty_state()
    st.stop()

picked = ua.select_chart(ch.province_map(prov, kode, lang), key="map", config=ch.MAP_CONFIG)
ua.click_caption("provinsi", picked)
f2 = ua.narrow(f, "provinsi_kode", picked)

shown = prov[prov["provinsi_kode"].isin(picked)] if picked else prov[prov["n_kemitraan"] > 0]
c1, c2 = st.columns([3, 2])
with c1:
    ua.chart(ch.group_bars(shown.rename(columns={"nilai": kode}), "provinsi_kode", kode,
                           ui.t("an.chart.map.title", indikator=contract.indicator(kode).label(lang),
                                satuan=ch.unit_label(kode, lang)),
                           ch.unit_label(kode, lang), lang, decimals=1 if ch._is_rate(kode) else 0), key="map_bars")
with c2:
    partners = qc.partnership_list(f2)
    ua.table(ua.with_profile_links(ua.labelled(partners, lang)), key="map_partners", height=420)

with st.expander(ui.t("an.table.detail")):
    detail = prov[["provinsi_kode", "provinsi", "n_kemitraan", "nilai", "penduduk", "lat", "lon"]]
    ua.table(detail, key="map_table")
    ua.download_buttons(detail, f"peta_{kode}", key="map_dl")
