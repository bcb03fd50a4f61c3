"""Keberlanjutan — which partnerships last: funding, local share, sources, capacity, age and status."""

import streamlit as st

from kemitraan.app import cached as cq
from kemitraan.app import session as ui
from kemitraan.app import widgets as w
from kemitraan.app.deck_downloads import deck_downloads
from kemitraan.app.quality_panel import quality_panel
from kemitraan.app.sidebar import filters
from kemitraan.charts.common import group_bars, indicators_trend
from kemitraan.charts.layout import groups_title
from kemitraan.charts.sustainability import funds_chart, status_chart
from kemitraan.export import takeaways as tk
from kemitraan.labels import fmt_idr, fmt_number, fmt_pct, labelled, status_note

lang, f, db = ui.lang(), filters(), ui.snapshot()
st.title(ui.t("an.keberlanjutan.title"))
st.caption(ui.t("an.keberlanjutan.intro"))
deck_downloads("keberlanjutan")

dim, grain, code_col = w.group_and_grain()

total = cq.sustainability_summary(db, f, [])
status_total = cq.partnership_status(db, f, [])
if total.empty or int(status_total["n_kemitraan"].sum()) == 0:
    w.empty_state(db, "keberlanjutan")
    st.stop()

w.scope_caption(db, f)
row, srow = total.iloc[0], status_total.iloc[0]
facts = cq.summary_totals(db, f, ("dana_realisasi_idr", "porsi_dana_lokal_pct"))
rng = cq.effective_range(db, f)
k = st.columns(4)
w.headline(
    k[0],
    ui.t("an.kpi.realisation"),
    fmt_idr(row.get("dana_realisasi_idr"), lang),
    ui.t("kpi.dana_help", pct=fmt_pct(row.get("realisasi_pct"), lang)),
    help=w.figure_note("dana_realisasi_idr", facts, lang),
)
w.headline(
    k[1],
    ui.t("an.kpi.local"),
    fmt_pct(row.get("porsi_dana_lokal_pct"), lang),
    w.figure_note("porsi_dana_lokal_pct", facts, lang),
)
w.headline(
    k[2],
    ui.t("an.kpi.active"),
    f"{fmt_number(srow['n_aktif'], lang)} / {fmt_number(srow['n_kemitraan'], lang)}",
    status_note(srow.to_dict(), rng.end if rng else None, lang),
)
w.headline(
    k[3], ui.t("fig.kpi.sust_index"), fmt_number(row.get("indeks_keberlanjutan"), lang, 1), ui.t("fig.composite")
)

g = cq.sustainability_summary(db, f, code_col)
status = cq.partnership_status(db, f, code_col)
picked = w.select_chart(
    w.plot(
        group_bars,
        g,
        code_col,
        "indeks_keberlanjutan",
        groups_title("an.chart.sust_index.title", code_col, lang),
        ui.t("satuan.indeks"),
        lang,
        n_col=None,
        range_max=100,
    ),
    key="sust_index",
)
w.click_filter(code_col, picked)

w.chart(w.plot(funds_chart, g, code_col, lang), key="sust_funds", takeaway=tk.funds(g, code_col, lang))
c1, c2 = st.columns(2)
with c1:
    w.chart(
        w.plot(group_bars, g, code_col, "porsi_dana_lokal_pct", ui.t("an.chart.local.title"), "%", lang, n_col=None),
        key="sust_local",
        share=0.5,
    )
    w.chart(
        w.plot(
            group_bars,
            g,
            code_col,
            "kader_dilatih",
            ui.t("an.chart.cadres.title"),
            ui.t("satuan.orang"),
            lang,
            decimals=0,
            n_col=None,
        ),
        key="sust_cadres",
        share=0.5,
    )
    w.chart(
        w.plot(status_chart, status, code_col, lang), key="sust_status", share=0.5, takeaway=tk.status(status, lang)
    )
with c2:
    w.chart(
        w.plot(
            group_bars,
            g,
            code_col,
            "jumlah_sumber_dana",
            ui.t("an.chart.sources.title"),
            ui.t("satuan.sumber"),
            lang,
            n_col=None,
        ),
        key="sust_sources",
        share=0.5,
    )
    w.chart(
        w.plot(
            group_bars,
            g,
            code_col,
            "pertemuan_koordinasi",
            ui.t("an.chart.meetings.title"),
            ui.t("satuan.pertemuan"),
            lang,
            decimals=0,
            n_col=None,
        ),
        key="sust_meetings",
        share=0.5,
    )
    w.chart(
        w.plot(group_bars, status, code_col, "usia_tahun", ui.t("an.chart.age.title"), ui.t("an.age"), lang),
        key="sust_age",
        share=0.5,
    )

funds = cq.sustainability_over_time(db, f, grain, None)
w.chart(
    w.plot(
        indicators_trend,
        funds,
        ["dana_komitmen_idr", "dana_realisasi_idr"],
        ui.t("an.chart.funds_trend.title"),
        ui.t("satuan.IDR"),
        lang,
    ),
    key="sust_funds_trend",
)
w.coarser_note(db, f, grain)
st.caption(ui.t("fig.partial_note"))

with st.expander(ui.t("an.table.detail")):
    detail = g.merge(status, on=code_col, how="left") if not g.empty else g
    w.table(labelled(detail, lang), key="sust_table")
    w.download_buttons(detail, "keberlanjutan", key="sust_dl")

quality_panel(db, f, key="sust_dq")
