"""Ringkasan — headline numbers and reach, sustainability and impact per kategori."""

import streamlit as st

from kemitraan import charts, queries, ui
from kemitraan.numfmt import fmt_idr, fmt_number, fmt_pct

lang, f, con = ui.lang(), ui.filters(), ui.con()

st.title(ui.t("ringkasan.title"))
st.caption(ui.t("ringkasan.intro"))

cat = queries.by_category(con, f)
h = queries.headline(con, f, cat)
if h["n_kemitraan"] == 0:
    ui.empty_state()
    st.stop()

c = st.columns(5)
c[0].metric(ui.t("kpi.kemitraan"), fmt_number(h["n_kemitraan"], lang),
            help=ui.t("kpi.kemitraan_help", aktif=fmt_number(h["n_aktif"], lang)))
c[1].metric(ui.t("kpi.terjangkau"), fmt_number(h["terjangkau"], lang))
c[2].metric(ui.t("kpi.capaian"), fmt_pct(h["capaian_pct"], lang))
c[3].metric(ui.t("kpi.rentan"), fmt_pct(h["rentan_pct"], lang), help=ui.t("kpi.rentan_help"))
c[4].metric(ui.t("kpi.dana"), fmt_idr(h["dana_realisasi"], lang),
            help=ui.t("kpi.dana_help", pct=fmt_pct(h["realisasi_pct"], lang)))

left, right = st.columns(2)
with left:
    ui.chart(charts.reach_vs_target(cat, lang), key="reach")
with right:
    ui.chart(charts.sustainability(cat, lang), key="sust")
ui.chart(charts.impact(queries.impact_by_category(con, f), lang), key="impact")
ui.chart(charts.reach_trend(queries.reach_over_time(con, f), lang), key="trend")
