"""Dampak — which partnerships move outcomes: change from baseline and trends, direction-aware."""

import streamlit as st

from kemitraan import contract
from kemitraan.app import cached as cq
from kemitraan.app import session as ui
from kemitraan.app import widgets as w
from kemitraan.app.quality_panel import quality_panel
from kemitraan.app.sidebar import filters
from kemitraan.app.url_state import url_choice
from kemitraan.charts.common import group_bars
from kemitraan.charts.impact import impact_change_chart, outcome_trend
from kemitraan.charts.layout import groups_title
from kemitraan.labels import fmt_number, fmt_pct, labelled
from kemitraan.queries.indicators import OUTCOMES

lang, f, db = ui.lang(), filters(), ui.snapshot()
st.title(ui.t("an.dampak.title"))
st.caption(ui.t("an.dampak.intro"))

dim, grain, code_col = w.group_and_grain()

changes_all, idx_all = cq.impact_summary(db, f, grain, [])
if changes_all.empty:
    w.empty_state()
    st.stop()

row = idx_all.iloc[0] if not idx_all.empty else {}
k = st.columns(3)
k[0].metric(ui.t("an.kpi.impact_index"), fmt_pct(row.get("indeks_dampak") if len(idx_all) else None, lang, 0))
k[1].metric(ui.t("an.kpi.improved"),
            f"{fmt_number(row.get('n_membaik'), lang)} / {fmt_number(row.get('n_indikator'), lang)}" if len(idx_all) else "–")
k[2].metric(ui.t("satuan.kemitraan").capitalize(),
            fmt_number(cq.partnership_status(db, f, [])["n_kemitraan"].sum(), lang))

changes, idx = cq.impact_summary(db, f, grain, code_col)
picked = w.select_chart(
    group_bars(idx, code_col, "indeks_dampak", groups_title("an.chart.impact_index.title", code_col, lang), "%", lang,
                  n_col="n_indikator", decimals=0, range_max=100),
    key="impact_index",
)
w.click_caption(dim, picked)
f2 = w.narrow(f, code_col, picked)
if picked:
    changes, idx = cq.impact_summary(db, f2, grain, code_col)

w.chart(impact_change_chart(changes, code_col, lang), key="impact_change")

present = [k for k in OUTCOMES if k in set(changes_all["kode_indikator"])]
kode = url_choice(st.selectbox, ui.t("an.outcome"), present, key="outcome",
                     text=lambda c, lg: contract.indicator(c).label(lg), default=present[0] if present else None)
series = cq.outcome_series(db, f2, grain, code_col, kodes=[kode])
w.chart(outcome_trend(series, kode, code_col, lang), key="impact_trend")
st.caption(ui.t("an.dampak.trend_note"))
w.coarser_note(db, f2, grain)

with st.expander(ui.t("an.table.detail")):
    w.table(labelled(changes, lang), key="impact_table")
    w.download_buttons(changes, "dampak", key="impact_dl")

quality_panel(db, f2, key="impact_dq")
