"""Jangkauan — whom do partnerships reach: contacts vs target, coverage, hard-to-reach, FP acceptors, cost."""

import streamlit as st

from kemitraan.app import cached as cq
from kemitraan.app import session as ui
from kemitraan.app import widgets as w
from kemitraan.app.deck_downloads import deck_downloads
from kemitraan.app.quality_panel import quality_panel
from kemitraan.app.sidebar import filters
from kemitraan.charts.common import group_bars, trend_lines
from kemitraan.charts.layout import groups_title
from kemitraan.charts.reach import acceptors_chart, reach_reached_vs_target
from kemitraan.export import takeaways as tk
from kemitraan.labels import fmt_idr, fmt_number, fmt_pct, labelled

lang, f, db = ui.lang(), filters(), ui.snapshot()
st.title(ui.t("an.jangkauan.title"))
st.caption(ui.t("an.jangkauan.intro"))
deck_downloads("jangkauan")

dim, grain, code_col = w.group_and_grain()

total = cq.reach_summary(db, f, [])
if total.empty or "terjangkau" not in total or total["terjangkau"].isna().all():
    w.empty_state(db, "jangkauan")
    st.stop()
w.scope_caption(db, f)

row = total.iloc[0]
facts = cq.summary_totals(db, f, ("terjangkau", "kelompok_rentan_terjangkau", "dana_realisasi_idr", "peserta_kb_aktif"))
contacts = w.figure_note("terjangkau", facts, lang)
k = st.columns(5)
w.headline(
    k[0],
    ui.t("kpi.terjangkau"),
    fmt_number(row.get("terjangkau"), lang),
    contacts,
    help=ui.t("fig.kpi.contacts.help") + " · " + contacts,
)
w.headline(k[1], ui.t("an.kpi.attainment"), fmt_pct(row.get("capaian_pct"), lang), ui.t("fig.kpi.attainment"))
w.headline(k[2], ui.t("an.kpi.rentan"), fmt_pct(row.get("porsi_rentan_pct"), lang), ui.t("kpi.rentan_help"))
w.headline(k[3], ui.t("an.kpi.coverage"), fmt_pct(row.get("cakupan_pct"), lang), ui.t("an.kpi.coverage.note"))
w.headline(
    k[4],
    ui.t("fig.kpi.cost"),
    fmt_idr(row.get("biaya_per_kontak_idr"), lang),
    ui.t("fig.kpi.cost.help", n=fmt_number(row.get("n_biaya") or 0, lang)),
)

by_group = cq.reach_summary(db, f, code_col)
picked = w.select_chart(
    w.plot(
        group_bars,
        by_group,
        code_col,
        "indeks_jangkauan",
        groups_title("an.chart.reach_index.title", code_col, lang),
        ui.t("satuan.indeks"),
        lang,
        range_max=100,
    ),
    key="reach_index",
)
w.click_filter(code_col, picked)
st.caption(ui.t("fig.composite"))

c1, c2 = st.columns(2)
with c1:
    w.chart(
        w.plot(reach_reached_vs_target, by_group, code_col, lang),
        key="reach_target",
        share=0.5,
        takeaway=tk.overview(by_group, code_col, lang),
    )
with c2:
    w.chart(
        w.plot(group_bars, by_group, code_col, "porsi_rentan_pct", ui.t("an.chart.rentan.title"), "%", lang),
        key="reach_rentan",
        share=0.5,
        takeaway=tk.hard_to_reach(by_group, total, code_col, lang),
    )

keep = w.lines_to_keep(db, f, "terjangkau", code_col)
trend = cq.reach_over_time(db, f, grain, code_col, keep)
w.chart(
    w.plot(trend_lines, trend, code_col, "cakupan_pct", ui.t("an.chart.coverage_trend.title"), "%", lang),
    key="reach_trend",
    takeaway=tk.coverage_trend(trend, code_col, cq.coverage(db, f), lang),
)
if keep:
    st.caption(ui.t("fig.top_lines", n=len(keep)))
w.coarser_note(db, f, grain)
w.chart(w.plot(acceptors_chart, cq.acceptors_over_time(db, f, grain), lang), key="reach_acceptors")
st.caption(w.figure_note("peserta_kb_aktif", facts, lang))  # the stock's month, who stopped reporting
st.caption(ui.t("fig.partial_note"))

with st.expander(ui.t("an.table.detail")):
    cols = [
        code_col,
        "n_kemitraan",
        "terjangkau",
        "target_terjangkau",
        "capaian_pct",
        "cakupan_pct",
        "porsi_rentan_pct",
        "biaya_per_kontak_idr",
        "capaian_gabungan_pct",
        "indeks_jangkauan",
    ]
    detail = by_group[[c for c in cols if c in by_group]]
    w.table(labelled(detail, lang), key="reach_table")
    w.download_buttons(detail, "jangkauan", key="reach_dl")

quality_panel(db, f, key="reach_dq")
