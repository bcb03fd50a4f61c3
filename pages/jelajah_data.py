"""Jelajah Data — the stored views as a filterable table, a pivot by any two dimensions, CSV/XLSX downloads."""

import streamlit as st

from kemitraan import analysis_charts as ch
from kemitraan import analysis_queries as q
from kemitraan import contract, ui
from kemitraan import ui_analysis as ua
from kemitraan.i18n import t
from kemitraan.numfmt import fmt_number

SHOW_ROWS = 2000
DOWNLOAD_ROWS = 200_000

lang, f, con, qc = ui.lang(), ui.filters(), ui.con(), ua.cached()
st.title(ui.t("an.jelajah.title"))
st.caption(ui.t("an.jelajah.intro"))

kind = ui.url_choice(st.segmented_control, ui.t("an.jelajah.kind"), list(contract.KINDS), key="tabel",
                     text=lambda k, lg: t(f"an.jelajah.kind.{k}", lg), default="kemitraan", required=True)
kind = kind or "kemitraan"
cari = st.text_input(ui.t("an.jelajah.search"), key="cari", bind="query-params", placeholder=ui.t("an.jelajah.search_hint"))
if qc.count_rows(f, "kemitraan") == 0:
    ui.empty_state()
    st.stop()
total = qc.count_rows(f, kind, cari or None)
if total == 0:
    ui.empty_state()
else:
    rows = qc.view_rows(f, kind, limit=SHOW_ROWS, cari=cari or None)
    st.caption(ui.t("an.jelajah.shown", shown=fmt_number(len(rows), lang), total=fmt_number(total, lang)))
    ua.table(ua.with_profile_links(rows), key="explore_table", height=420, fmt=False)
    if total > DOWNLOAD_ROWS:
        st.caption(ui.t("an.jelajah.capped", cap=fmt_number(DOWNLOAD_ROWS, lang)))
    if st.toggle(ui.t("an.jelajah.prepare"), key="explore_dl_on"):
        ua.download_buttons(q.view_rows(con, f, kind, limit=DOWNLOAD_ROWS, cari=cari or None), kind, key="explore_dl")

st.subheader(ui.t("an.jelajah.pivot"))
dims = [*q.DIMENSIONS[:4], "tahun", "periode"]
dims = [d for d in dims if d != "provinsi_kode"] + ["provinsi"]
dims = list(dict.fromkeys(dims))
c1, c2, c3 = st.columns(3)
kode = ui.url_choice(c1.selectbox, ui.t("an.peta.indicator"), list(contract.indicators()), key="pivot_indikator",
                     text=lambda c, lg: contract.indicator(c).label(lg), default="terjangkau")
rows_dim = ui.url_choice(c2.selectbox, ui.t("an.jelajah.rows"), dims, key="pivot_baris",
                         text=lambda d, lg: t(f"an.dim.{d}", lg), default=dims[0])
cols_dim = ui.url_choice(c3.selectbox, ui.t("an.jelajah.cols"), dims, key="pivot_kolom",
                         text=lambda d, lg: t(f"an.dim.{d}", lg), default="tahun")
if rows_dim == cols_dim or {rows_dim, cols_dim} == {"tahun", "periode"}:
    st.info(ui.t("an.jelajah.same_dims"))
else:
    pv = qc.pivot(f, kode, rows_dim, cols_dim)
    ua.chart(ch.pivot_heatmap(pv, rows_dim, cols_dim, kode, lang), key="pivot_heatmap")
    if not pv.empty:
        wide = ua.labelled(pv, lang).pivot_table(index=rows_dim, columns=cols_dim, values="nilai", aggfunc="first")
        wide = wide.reset_index()
        wide.columns = [str(c) for c in wide.columns]
        ua.table(wide, key="pivot_table")
        ua.download_buttons(wide, f"pivot_{kode}", key="pivot_dl")

ua.quality_panel(con, f, key="explore_dq")
