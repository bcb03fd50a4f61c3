"""Kesehatan Kemitraan — the self-assessment survey: radar of the eight principles, Likert answers,
satisfaction and challenges; n respondents always shown, a warning where n < 5."""

import streamlit as st

from kemitraan import analysis_charts as ch
from kemitraan import indices, ui
from kemitraan import ui_analysis as ua
from kemitraan.numfmt import fmt_number

lang, f, con, qc = ui.lang(), ui.filters(), ui.con(), ua.cached()
st.title(ui.t("an.kesehatan.title"))
st.caption(ui.t("an.kesehatan.intro"))

dim = ua.group_by(("kategori", "bidang", "provinsi"))
code_col = ua.dim_code_field(dim)

resp = qc.respondents(f, [])
n_resp = int(resp["n_responden"].iloc[0]) if not resp.empty else 0
if n_resp == 0:
    ui.empty_state()
    st.stop()

overall = indices.health_overall(qc.health_by_principle(f, None), [])
sat_total = qc.satisfaction(f, None)
k = st.columns(3)
k[0].metric(ui.t("an.kpi.respondents"), fmt_number(n_resp, lang),
            help=ui.t("an.n_respondents", n=fmt_number(n_resp, lang), k=fmt_number(resp["n_kemitraan"].iloc[0], lang)))
k[1].metric(ui.t("an.kpi.health"), fmt_number(overall["skor"].iloc[0], lang, 0) + " / 100",
            help=ui.t(f"zona.{overall['zona'].iloc[0]}"))
k[2].metric(ui.t("an.kpi.satisfaction"),
            fmt_number(sat_total["skor"].iloc[0], lang, 0) + " / 100" if not sat_total.empty else "–")
st.caption(ui.t("an.n_respondents", n=fmt_number(n_resp, lang), k=fmt_number(resp["n_kemitraan"].iloc[0], lang)))

health = qc.health_by_principle(f, code_col)
ua.small_n_warning(health, code_col)
picked = ua.select_chart(ch.health_radar(health, code_col, lang), key="health_radar")
ua.click_caption(dim, picked)
f2 = ua.narrow(f, code_col, picked)

ua.chart(ch.likert_diverging(qc.likert_distribution(f2), lang), key="health_likert")
c1, c2 = st.columns(2)
with c1:
    sat = qc.satisfaction(f2, code_col)
    ua.chart(ch.satisfaction_chart(sat, code_col, lang), key="health_sat")
with c2:
    ua.chart(ch.challenges_pareto(qc.challenges(f2), lang), key="health_pareto")

with st.expander(ui.t("an.table.detail")):
    detail = qc.health_by_principle(f2, code_col) if picked else health
    ua.table(ua.labelled(detail, lang), key="health_table")
    ua.download_buttons(detail, "kesehatan_kemitraan", key="health_dl")
