"""Ringkasan — headline numbers and reach, sustainability and impact per kategori.

The same queries and indices as the Jangkauan, Keberlanjutan and Dampak pages,
so the home page never disagrees with them.
"""

import streamlit as st

from kemitraan.app import cached as cq
from kemitraan.app import session as ui
from kemitraan.app import widgets as w
from kemitraan.app.sidebar import filters
from kemitraan.charts.common import trend_lines
from kemitraan.charts.impact import impact_change_chart
from kemitraan.charts.reach import reach_reached_vs_target
from kemitraan.charts.sustainability import realisation_and_local_share
from kemitraan.labels import fmt_idr, fmt_number, fmt_pct
from kemitraan.queries import overview

lang, f, db = ui.lang(), filters(), ui.snapshot()

st.title(ui.t("ringkasan.title"))
st.caption(ui.t("ringkasan.intro"))

status = cq.partnership_status(db, f, [])
if status.empty or not status["n_kemitraan"].iloc[0]:
    w.empty_state()
    st.stop()

h = overview.headline(status, cq.reach_summary(db, f, []), cq.sustainability_summary(db, f, []), cq.respondents(db, f, None))
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
    w.chart(reach_reached_vs_target(cq.reach_summary(db, f, "kategori"), "kategori", lang,
                                         title=ui.t("chart.reach.title")), key="reach")
with right:
    w.chart(realisation_and_local_share(cq.sustainability_summary(db, f, "kategori"), "kategori", lang,
                                             title=ui.t("chart.sust.title")), key="sust")
changes, _ = cq.impact_summary(db, f, "tahun", "kategori")
w.chart(impact_change_chart(changes, "kategori", lang, title=ui.t("chart.impact.title")), key="impact")
w.chart(trend_lines(cq.reach_over_time(db, f, "tahun", "kategori"), "kategori", "terjangkau",
                        ui.t("chart.reach_trend.title"), ui.t("unit.people"), lang, kode="terjangkau"), key="trend")
