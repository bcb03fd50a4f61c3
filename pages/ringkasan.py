"""Ringkasan — headline numbers and reach, sustainability and impact per kategori.

The same queries and indices as the Jangkauan, Keberlanjutan and Dampak pages,
so the home page never disagrees with them; every headline states its period, unit,
n and aggregation.
"""

import streamlit as st

from kemitraan import contract
from kemitraan.app import cached as cq
from kemitraan.app import session as ui
from kemitraan.app import widgets as w
from kemitraan.app.deck_downloads import deck_downloads
from kemitraan.app.sidebar import filters
from kemitraan.charts.common import trend_lines
from kemitraan.charts.impact import impact_share_chart
from kemitraan.charts.reach import reach_reached_vs_target
from kemitraan.charts.sustainability import realisation_and_local_share
from kemitraan.export import takeaways as tk
from kemitraan.labels import fmt_idr, fmt_number, fmt_pct, unit_label
from kemitraan.methods import indices
from kemitraan.queries import overview

lang, f, db = ui.lang(), filters(), ui.snapshot()

st.title(ui.t("ringkasan.title"))
st.caption(ui.t("ringkasan.intro"))
deck_downloads("ringkasan")

status = cq.partnership_status(db, f, [])
if status.empty or not status["n_kemitraan"].iloc[0]:
    w.empty_state(db, "kemitraan")
    st.stop()
w.scope_caption(db, f)

h = overview.headline(
    status, cq.reach_summary(db, f, []), cq.sustainability_summary(db, f, []), cq.respondents(db, f, None)
)
facts = cq.summary_totals(db, f, ("terjangkau", "kelompok_rentan_terjangkau", "dana_realisasi_idr"))
rates = cq.reporting_rates(db, f, None)
c = st.columns(5)
w.headline(
    c[0],
    ui.t("kpi.kemitraan"),
    fmt_number(h["n_kemitraan"], lang),
    ui.t("kpi.kemitraan_help", aktif=fmt_number(h["n_aktif"], lang)),
)
w.headline(c[1], ui.t("kpi.terjangkau"), fmt_number(h["terjangkau"], lang), w.figure_note("terjangkau", facts, lang))
w.headline(
    c[2],
    ui.t("kpi.capaian"),
    fmt_pct(h["capaian_pct"], lang),
    ui.t("fig.kpi.attainment"),
    help=ui.t("fig.kpi.attainment") + " · " + w.figure_note("terjangkau", facts, lang),
)
w.headline(
    c[3],
    ui.t("kpi.dana"),
    fmt_idr(h["dana_realisasi"], lang),
    ui.t("kpi.dana_help", pct=fmt_pct(h["realisasi_pct"], lang))
    + " · "
    + w.figure_note("dana_realisasi_idr", facts, lang),
)
if not rates.empty:
    r = rates.iloc[0]
    w.headline(
        c[4],
        ui.t("fig.kpi.completeness"),
        fmt_pct(r["kelengkapan_pct"], lang, 0),
        ui.t(
            "fig.rates_note",
            diterima=fmt_number(r["n_diterima"], lang),
            diharapkan=fmt_number(r["n_diharapkan"], lang),
            tepat=fmt_pct(r["ketepatan_pct"], lang, 0),
        ),
        help=ui.t("fig.kpi.completeness.help", hari=contract.REPORT_ON_TIME_DAYS),
    )

left, right = st.columns(2)
reach, money = cq.reach_summary(db, f, "kategori"), cq.sustainability_summary(db, f, "kategori")
with left:
    w.chart(
        w.plot(reach_reached_vs_target, reach, "kategori", lang, title=ui.t("chart.reach.title")),
        key="reach",
        share=0.5,
        takeaway=tk.overview(reach, "kategori", lang),
    )
with right:
    w.chart(
        w.plot(realisation_and_local_share, money, "kategori", lang, title=ui.t("chart.sust.title")),
        key="sust",
        share=0.5,
        takeaway=tk.funds(money, "kategori", lang),
    )
per, _ = cq.impact_summary(db, f, [])
# the pooled change of each outcome cohort in words first (the headline of Dampak), then the shares
for _, r in per[per["n_kemitraan"] > 0].iterrows():
    if r["bertentangan"]:
        st.warning(indices.impact_statement(r, lang), icon=":material/warning:")
    else:
        st.caption(indices.impact_statement(r, lang))
w.chart(
    w.plot(impact_share_chart, per, None, lang, title=ui.t("chart.impact.title")),
    key="impact",
    takeaway=tk.impact(per, lang),
)
trend = cq.reach_over_time(db, f, "tahun", "kategori")
w.chart(
    w.plot(
        trend_lines,
        trend,
        "kategori",
        "terjangkau",
        ui.t("chart.reach_trend.title"),
        unit_label("terjangkau", lang),
        lang,
        kode="terjangkau",
    ),
    key="trend",
    takeaway=tk.reach_trend(trend, "kategori", cq.coverage(db, f), lang),
)
st.caption(ui.t("fig.partial_note"))
