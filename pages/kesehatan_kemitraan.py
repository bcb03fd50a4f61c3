"""Kesehatan Kemitraan — the self-assessment survey: the eight principles against their zones, Likert answers,
satisfaction and challenges; n respondents always shown, a warning where n < 5."""

import streamlit as st

from kemitraan.app import cached as cq
from kemitraan.app import session as ui
from kemitraan.app import widgets as w
from kemitraan.app.deck_downloads import deck_downloads
from kemitraan.app.sidebar import filters
from kemitraan.charts.health import challenges_pareto, health_principles, likert_diverging, satisfaction_chart
from kemitraan.export import takeaways as tk
from kemitraan.labels import fmt_number, labelled
from kemitraan.methods import indices

lang, f, db = ui.lang(), filters(), ui.snapshot()
st.title(ui.t("an.kesehatan.title"))
st.caption(ui.t("an.kesehatan.intro"))
deck_downloads("kesehatan_kemitraan")

dim = w.group_by(("kategori", "bidang", "provinsi"))
code_col = w.dim_code_field(dim)

resp = cq.respondents(db, f, [])
n_resp = int(resp["n_responden"].iloc[0]) if not resp.empty else 0
if n_resp == 0:
    w.empty_state(db, "survei")
    st.stop()

overall = indices.health_overall(cq.health_by_principle(db, f, None), [])
sat_total = cq.satisfaction(db, f, None)
k = st.columns(3)
k[0].metric(
    ui.t("an.kpi.respondents"),
    fmt_number(n_resp, lang),
    help=ui.t("an.n_respondents", n=fmt_number(n_resp, lang), k=fmt_number(resp["n_kemitraan"].iloc[0], lang)),
)
k[1].metric(
    ui.t("an.kpi.health"),
    fmt_number(overall["skor"].iloc[0], lang, 0) + " / 100",
    help=ui.t(f"zona.{overall['zona'].iloc[0]}"),
)
k[2].metric(
    ui.t("an.kpi.satisfaction"),
    fmt_number(sat_total["skor"].iloc[0], lang, 0) + " / 100" if not sat_total.empty else "–",
)
st.caption(ui.t("an.n_respondents", n=fmt_number(n_resp, lang), k=fmt_number(resp["n_kemitraan"].iloc[0], lang)))

health = cq.health_by_principle(db, f, code_col)
w.small_n_warning(health, code_col)
picked = w.select_chart(
    w.plot(health_principles, health, code_col, lang),
    key="health_principles",
    takeaway=tk.health(cq.health_by_principle(db, f, None), lang),
)
w.click_filter(code_col, picked)

w.chart(w.plot(likert_diverging, cq.likert_distribution(db, f), lang), key="health_likert")
c1, c2 = st.columns(2)
with c1:
    sat = cq.satisfaction(db, f, code_col)
    w.chart(
        w.plot(satisfaction_chart, sat, code_col, lang),
        key="health_sat",
        share=0.5,
        takeaway=tk.satisfaction(sat, sat_total, code_col, lang),
    )
with c2:
    w.chart(w.plot(challenges_pareto, cq.challenges(db, f), lang), key="health_pareto", share=0.5)

with st.expander(ui.t("an.table.detail")):
    detail = health
    w.table(labelled(detail, lang), key="health_table")
    w.download_buttons(detail, "kesehatan_kemitraan", key="health_dl")
