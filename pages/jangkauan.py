"""Jangkauan — whom do partnerships reach: reached vs target, coverage, hard-to-reach, FP acceptors."""

import streamlit as st

from kemitraan.app import cached as cq
from kemitraan.app import session as ui
from kemitraan.app import widgets as w
from kemitraan.app.quality_panel import quality_panel
from kemitraan.app.sidebar import filters
from kemitraan.charts.common import group_bars, trend_lines
from kemitraan.charts.layout import groups_title
from kemitraan.charts.reach import acceptors_chart, reach_reached_vs_target
from kemitraan.labels import fmt_number, fmt_pct, labelled

lang, f, db = ui.lang(), filters(), ui.snapshot()
st.title(ui.t("an.jangkauan.title"))
st.caption(ui.t("an.jangkauan.intro"))

dim, grain, code_col = w.group_and_grain()

total = cq.reach_summary(db, f, [])
if total.empty or "terjangkau" not in total or total["terjangkau"].isna().all():
    w.empty_state()
    st.stop()

row = total.iloc[0]
k = st.columns(5)
k[0].metric(ui.t("an.kpi.reached"), fmt_number(row.get("terjangkau"), lang))
k[1].metric(ui.t("an.kpi.coverage"), fmt_pct(row.get("cakupan_pct"), lang))
k[2].metric(ui.t("an.kpi.attainment"), fmt_pct(row.get("capaian_pct"), lang))
k[3].metric(ui.t("an.kpi.rentan"), fmt_pct(row.get("porsi_rentan_pct"), lang))
k[4].metric(ui.t("an.kpi.reach_index"), fmt_number(row.get("indeks_jangkauan"), lang, 1))

by_group = cq.reach_summary(db, f, code_col)
picked = w.select_chart(
    group_bars(by_group, code_col, "indeks_jangkauan", groups_title("an.chart.reach_index.title", code_col, lang), ui.t("satuan.indeks"),
                  lang, range_max=100),
    key="reach_index",
)
w.click_caption(dim, picked)
f2 = w.narrow(f, code_col, picked)
by_group2 = cq.reach_summary(db, f2, code_col) if picked else by_group

c1, c2 = st.columns(2)
with c1:
    w.chart(reach_reached_vs_target(by_group2, code_col, lang), key="reach_target")
with c2:
    w.chart(group_bars(by_group2, code_col, "porsi_rentan_pct", ui.t("an.chart.rentan.title"), "%", lang),
             key="reach_rentan")

trend = cq.reach_over_time(db, f2, grain, code_col)
w.chart(trend_lines(trend, code_col, "cakupan_pct", ui.t("an.chart.coverage_trend.title"), "%", lang),
         key="reach_trend")
w.coarser_note(db, f2, grain)
w.chart(acceptors_chart(cq.acceptors_over_time(db, f2, grain), lang), key="reach_acceptors")

with st.expander(ui.t("an.table.detail")):
    cols = [code_col, "n_kemitraan", "terjangkau", "target_terjangkau", "capaian_pct", "cakupan_pct",
            "porsi_rentan_pct", "indeks_jangkauan"]
    detail = by_group2[[c for c in cols if c in by_group2]]
    w.table(labelled(detail, lang), key="reach_table")
    w.download_buttons(detail, "jangkauan", key="reach_dl")

quality_panel(db, f2, key="reach_dq")
