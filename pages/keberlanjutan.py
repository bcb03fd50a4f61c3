"""Keberlanjutan — which partnerships last: funding, local share, sources, capacity, age and status."""

import streamlit as st

from kemitraan import analysis_charts as ch
from kemitraan import ui
from kemitraan import ui_analysis as ua
from kemitraan.numfmt import fmt_idr, fmt_number, fmt_pct

lang, f, con, qc = ui.lang(), ui.filters(), ui.con(), ua.cached()
st.title(ui.t("an.keberlanjutan.title"))
st.caption(ui.t("an.keberlanjutan.intro"))

dim, grain, code_col = ua.group_and_grain()

total = qc.sustainability_summary(f, [])
status_total = qc.partnership_status(f, [])
if total.empty or int(status_total["n_kemitraan"].sum()) == 0:
    ui.empty_state()
    st.stop()

row, srow = total.iloc[0], status_total.iloc[0]
k = st.columns(4)
k[0].metric(ui.t("an.kpi.sust_index"), fmt_number(row.get("indeks_keberlanjutan"), lang, 1))
k[1].metric(ui.t("an.kpi.realisation"), fmt_idr(row.get("dana_realisasi_idr"), lang),
            help=fmt_pct(row.get("realisasi_pct"), lang))
k[2].metric(ui.t("an.kpi.local"), fmt_pct(row.get("porsi_dana_lokal_pct"), lang))
k[3].metric(ui.t("an.kpi.active"), f"{fmt_number(srow['n_aktif'], lang)} / {fmt_number(srow['n_kemitraan'], lang)}")

by_group = qc.sustainability_summary(f, code_col)
picked = ua.select_chart(
    ch.group_bars(by_group, code_col, "indeks_keberlanjutan", ch.groups_title("an.chart.sust_index.title", code_col, lang),
                  ui.t("satuan.indeks"), lang, n_col=None, range_max=100),
    key="sust_index",
)
ua.click_caption(dim, picked)
f2 = ua.narrow(f, code_col, picked)
g = qc.sustainability_summary(f2, code_col) if picked else by_group
status = qc.partnership_status(f2, code_col)

ua.chart(ch.funds_chart(g, code_col, lang), key="sust_funds")
c1, c2 = st.columns(2)
with c1:
    ua.chart(ch.group_bars(g, code_col, "porsi_dana_lokal_pct", ui.t("an.chart.local.title"), "%", lang, n_col=None),
             key="sust_local")
    ua.chart(ch.group_bars(g, code_col, "kader_dilatih", ui.t("an.chart.cadres.title"), ui.t("satuan.orang"), lang,
                           decimals=0, n_col=None), key="sust_cadres")
    ua.chart(ch.status_chart(status, code_col, lang), key="sust_status")
with c2:
    ua.chart(ch.group_bars(g, code_col, "jumlah_sumber_dana", ui.t("an.chart.sources.title"), ui.t("satuan.sumber"),
                           lang, n_col=None), key="sust_sources")
    ua.chart(ch.group_bars(g, code_col, "pertemuan_koordinasi", ui.t("an.chart.meetings.title"),
                           ui.t("satuan.pertemuan"), lang, decimals=0, n_col=None), key="sust_meetings")
    ua.chart(ch.group_bars(status, code_col, "usia_tahun", ui.t("an.chart.age.title"), ui.t("an.age"), lang),
             key="sust_age")

funds = qc.sustainability_over_time(f2, grain, None)
ua.chart(ch.indicators_trend(funds, ["dana_komitmen_idr", "dana_realisasi_idr"], ui.t("an.chart.funds_trend.title"),
                             ui.t("satuan.IDR"), lang), key="sust_funds_trend")
ua.coarser_note(con, f2, grain)

with st.expander(ui.t("an.table.detail")):
    detail = g.merge(status, on=code_col, how="left") if not g.empty else g
    ua.table(ua.labelled(detail, lang), key="sust_table")
    ua.download_buttons(detail, "keberlanjutan", key="sust_dl")

ua.quality_panel(con, f2, key="sust_dq")
