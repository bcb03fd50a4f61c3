"""Jangkauan — whom do partnerships reach: reached vs target, coverage, hard-to-reach, FP acceptors."""

import streamlit as st

from kemitraan import analysis_charts as ch
from kemitraan import ui
from kemitraan import ui_analysis as ua
from kemitraan.numfmt import fmt_number, fmt_pct

lang, f, con, qc = ui.lang(), ui.filters(), ui.con(), ua.cached()
st.title(ui.t("an.jangkauan.title"))
st.caption(ui.t("an.jangkauan.intro"))

dim, grain, code_col = ua.group_and_grain()

total = qc.reach_summary(f, [])
if total.empty or "terjangkau" not in total or total["terjangkau"].isna().all():
    ui.empty_state()
    st.stop()

row = total.iloc[0]
k = st.columns(5)
k[0].metric(ui.t("an.kpi.reached"), fmt_number(row.get("terjangkau"), lang))
k[1].metric(ui.t("an.kpi.coverage"), fmt_pct(row.get("cakupan_pct"), lang))
k[2].metric(ui.t("an.kpi.attainment"), fmt_pct(row.get("capaian_pct"), lang))
k[3].metric(ui.t("an.kpi.rentan"), fmt_pct(row.get("porsi_rentan_pct"), lang))
k[4].metric(ui.t("an.kpi.reach_index"), fmt_number(row.get("indeks_jangkauan"), lang, 1))

by_group = qc.reach_summary(f, code_col)
picked = ua.select_chart(
    ch.group_bars(by_group, code_col, "indeks_jangkauan", ch.groups_title("an.chart.reach_index.title", code_col, lang), ui.t("satuan.indeks"),
                  lang, range_max=100),
    key="reach_index",
)
ua.click_caption(dim, picked)
f2 = ua.narrow(f, code_col, picked)
by_group2 = qc.reach_summary(f2, code_col) if picked else by_group

c1, c2 = st.columns(2)
with c1:
    ua.chart(ch.reach_reached_vs_target(by_group2, code_col, lang), key="reach_target")
with c2:
    ua.chart(ch.group_bars(by_group2, code_col, "porsi_rentan_pct", ui.t("an.chart.rentan.title"), "%", lang),
             key="reach_rentan")

trend = qc.reach_over_time(f2, grain, code_col)
ua.chart(ch.trend_lines(trend, code_col, "cakupan_pct", ui.t("an.chart.coverage_trend.title"), "%", lang),
         key="reach_trend")
ua.coarser_note(con, f2, grain)
ua.chart(ch.acceptors_chart(qc.acceptors_over_time(f2, grain), lang), key="reach_acceptors")

with st.expander(ui.t("an.table.detail")):
    cols = [code_col, "n_kemitraan", "terjangkau", "target_terjangkau", "capaian_pct", "cakupan_pct",
            "porsi_rentan_pct", "indeks_jangkauan"]
    detail = by_group2[[c for c in cols if c in by_group2]]
    ua.table(ua.labelled(detail, lang), key="reach_table")
    ua.download_buttons(detail, "jangkauan", key="reach_dl")

ua.quality_panel(con, f2, key="reach_dq")
