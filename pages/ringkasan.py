"""Ringkasan — headline numbers and reach, sustainability and impact per kategori.

The same queries and indices as the Jangkauan, Keberlanjutan and Dampak pages,
so the home page never disagrees with them.
"""

import streamlit as st

from kemitraan import analysis_charts as ach
from kemitraan import queries, ui
from kemitraan import ui_analysis as ua
from kemitraan.numfmt import fmt_idr, fmt_number, fmt_pct

lang, f, qc = ui.lang(), ui.filters(), ua.cached()

st.title(ui.t("ringkasan.title"))
st.caption(ui.t("ringkasan.intro"))

status = qc.partnership_status(f, [])
if status.empty or not status["n_kemitraan"].iloc[0]:
    ui.empty_state()
    st.stop()

h = queries.headline(status, qc.reach_summary(f, []), qc.sustainability_summary(f, []), qc.respondents(f, None))
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
    ui.chart(ach.reach_reached_vs_target(qc.reach_summary(f, "kategori"), "kategori", lang,
                                         title=ui.t("chart.reach.title")), key="reach")
with right:
    ui.chart(ach.realisation_and_local_share(qc.sustainability_summary(f, "kategori"), "kategori", lang,
                                             title=ui.t("chart.sust.title")), key="sust")
changes, _ = qc.impact_summary(f, "tahun", "kategori")
ui.chart(ach.impact_change_chart(changes, "kategori", lang, title=ui.t("chart.impact.title")), key="impact")
ui.chart(ach.trend_lines(qc.reach_over_time(f, "tahun", "kategori"), "kategori", "terjangkau",
                        ui.t("chart.reach_trend.title"), ui.t("unit.people"), lang, kode="terjangkau"), key="trend")
