"""Dampak — which partnerships move outcomes: change from baseline and trends, direction-aware."""

import streamlit as st

from kemitraan import analysis_charts as ch
from kemitraan import analysis_queries as q
from kemitraan import contract, ui
from kemitraan import ui_analysis as ua
from kemitraan.numfmt import fmt_number, fmt_pct

lang, f, con, qc = ui.lang(), ui.filters(), ui.con(), ua.cached()
st.title(ui.t("an.dampak.title"))
st.caption(ui.t("an.dampak.intro"))

dim, grain, code_col = ua.group_and_grain()

changes_all, idx_all = qc.impact_summary(f, grain, [])
if changes_all.empty:
    ui.empty_state()
    st.stop()

row = idx_all.iloc[0] if not idx_all.empty else {}
k = st.columns(3)
k[0].metric(ui.t("an.kpi.impact_index"), fmt_pct(row.get("indeks_dampak") if len(idx_all) else None, lang, 0))
k[1].metric(ui.t("an.kpi.improved"),
            f"{fmt_number(row.get('n_membaik'), lang)} / {fmt_number(row.get('n_indikator'), lang)}" if len(idx_all) else "–")
k[2].metric(ui.t("satuan.kemitraan").capitalize(),
            fmt_number(qc.partnership_status(f, [])["n_kemitraan"].sum(), lang))

changes, idx = qc.impact_summary(f, grain, code_col)
picked = ua.select_chart(
    ch.group_bars(idx, code_col, "indeks_dampak", ch.groups_title("an.chart.impact_index.title", code_col, lang), "%", lang,
                  n_col="n_indikator", decimals=0, range_max=100),
    key="impact_index",
)
ua.click_caption(dim, picked)
f2 = ua.narrow(f, code_col, picked)
if picked:
    changes, idx = qc.impact_summary(f2, grain, code_col)

ua.chart(ch.impact_change_chart(changes, code_col, lang), key="impact_change")

present = [k for k in q.OUTCOMES if k in set(changes_all["kode_indikator"])]
kode = ui.url_choice(st.selectbox, ui.t("an.outcome"), present, key="outcome",
                     text=lambda c, lg: contract.indicator(c).label(lg), default=present[0] if present else None)
series = qc.outcome_series(f2, grain, code_col, kodes=[kode])
ua.chart(ch.outcome_trend(series, kode, code_col, lang), key="impact_trend")
st.caption(ui.t("an.dampak.trend_note"))
ua.coarser_note(con, f2, grain)

with st.expander(ui.t("an.table.detail")):
    ua.table(ua.labelled(changes, lang), key="impact_table")
    ua.download_buttons(changes, "dampak", key="impact_dl")

ua.quality_panel(con, f2, key="impact_dq")
