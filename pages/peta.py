"""Peta — the 38 provinces, or the kabupaten/kota of the chosen province (or of all, ``?tingkat=kabupaten``), as areas
coloured by the chosen indicator per population, per target or as the rate it is (no map tiles, no network)."""

import streamlit as st

from kemitraan import contract
from kemitraan.app import cached as cq
from kemitraan.app import session as ui
from kemitraan.app import widgets as w
from kemitraan.app.deck_downloads import deck_downloads
from kemitraan.app.sidebar import filters
from kemitraan.app.url_state import url_choice
from kemitraan.charts.common import group_bars
from kemitraan.charts.geography import MAP_CONFIG, area_map, decimals, map_note, map_table, map_title
from kemitraan.i18n import t
from kemitraan.labels import labelled, map_unit_label
from kemitraan.queries.geography import LEVELS, map_level

lang, f, db = ui.lang(), filters(), ui.snapshot()
st.title(ui.t("an.peta.title"))
st.caption(ui.t("an.peta.intro"))
deck_downloads("peta")

c1, c2 = st.columns([3, 2])
with c1:
    kode = url_choice(
        st.selectbox,
        ui.t("an.peta.indicator"),
        list(contract.indicators()),
        key="indikator",
        text=lambda c, lg: contract.indicator(c).label(lg),
        default="terjangkau",
    )
with c2:
    if len(f.provinsi) == 1:  # one province: its kabupaten/kota are the only map worth drawing
        tingkat = "kabupaten"
        st.caption(ui.t("an.peta.level.one_province"))
    else:
        tingkat = url_choice(
            st.segmented_control,
            ui.t("an.peta.level"),
            list(LEVELS),
            key="tingkat",
            text=lambda c, lg: t(f"an.peta.level.{c}", lg),
            default=LEVELS[0],
            required=True,
        )
level = map_level(f, tingkat)
partners = cq.partnership_list(db, f)
if partners.empty:
    w.empty_state(db, "indikator")
    st.stop()

av = cq.area_values(db, f, kode, level)
w.scope_caption(db, f, (kode,))
st.caption(w.figure_note(kode, cq.indicator_totals(db, f, (kode,)), lang, extra=map_note(av, lang)))
picked = w.select_chart(w.plot(area_map, av, lang), key="map", config=MAP_CONFIG)
w.click_filter("provinsi_kode" if level == "provinsi" else "kabupaten_kode", picked)

code_col = "provinsi_kode" if level == "provinsi" else "kabupaten_kode"
shown = av.with_data.rename(columns={"wilayah_kode": code_col})
b1, b2 = st.columns([3, 2])
with b1:
    # the map's figures as bars too: a colour is hard to read to the decimal, a length is not
    w.chart(
        w.plot(
            group_bars,
            shown,
            code_col,
            "nilai_peta",
            map_title(av, lang),
            map_unit_label(kode, lang),
            lang,
            decimals=decimals(shown["nilai_peta"]),
            n_col="n_nilai",
        ),
        key="map_bars",
        share=0.6,
    )
with b2:
    w.table(w.with_profile_links(labelled(partners, lang)), key="map_partners", height=420)

with st.expander(ui.t("an.table.detail")):
    detail = map_table(av, lang)
    w.table(detail, key="map_table")
    w.download_buttons(detail, f"peta_{level}_{kode}", key="map_dl")
