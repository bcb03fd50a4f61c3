"""Jelajah Data — the stored views as a filterable table, a pivot by any two dimensions, CSV/XLSX downloads."""

import streamlit as st

from kemitraan import contract
from kemitraan.app import cached as cq
from kemitraan.app import session as ui
from kemitraan.app import widgets as w
from kemitraan.app.deck_downloads import deck_downloads
from kemitraan.app.quality_panel import quality_panel
from kemitraan.app.sidebar import filters
from kemitraan.app.url_state import url_choice
from kemitraan.charts.explore import pivot_heatmap
from kemitraan.i18n import t
from kemitraan.labels import fmt_number, labelled
from kemitraan.queries.indicators import DIMENSIONS

SHOW_ROWS = 2000
DOWNLOAD_ROWS = 200_000

lang, f, db = ui.lang(), filters(), ui.snapshot()
st.title(ui.t("an.jelajah.title"))
st.caption(ui.t("an.jelajah.intro"))
deck_downloads("jelajah_data")

kind = url_choice(
    st.segmented_control,
    ui.t("an.jelajah.kind"),
    list(contract.KINDS),
    key="tabel",
    text=lambda k, lg: t(f"an.jelajah.kind.{k}", lg),
    default="kemitraan",
    required=True,
)
kind = kind or "kemitraan"
cari = st.text_input(
    ui.t("an.jelajah.search"), key="cari", bind="query-params", placeholder=ui.t("an.jelajah.search_hint")
)
if cq.count_rows(db, f, "kemitraan") == 0:
    w.empty_state(db, "kemitraan")
    st.stop()
total = cq.count_rows(db, f, kind, cari or None)
if total == 0:
    w.empty_state(db, kind)
else:
    rows = cq.view_rows(db, f, kind, limit=SHOW_ROWS, cari=cari or None)
    st.caption(ui.t("an.jelajah.shown", shown=fmt_number(len(rows), lang), total=fmt_number(total, lang)))
    # labels for the reader (kategori, bidang, indicators, periods, challenges); the downloads below keep the codes
    w.table(labelled(w.with_profile_links(rows), lang), key="explore_table", height=420, fmt=False)
    if total > DOWNLOAD_ROWS:
        st.caption(ui.t("an.jelajah.capped", cap=fmt_number(DOWNLOAD_ROWS, lang)))
    if st.toggle(ui.t("an.jelajah.prepare"), key="explore_dl_on"):
        w.download_buttons(
            cq.download_rows(db, f, kind, limit=DOWNLOAD_ROWS, cari=cari or None), kind, key="explore_dl"
        )

st.subheader(ui.t("an.jelajah.pivot"))
dims = [*DIMENSIONS[:4], "tahun", "periode"]
dims = [d for d in dims if d != "provinsi_kode"] + ["provinsi"]
dims = list(dict.fromkeys(dims))
c1, c2, c3 = st.columns(3)
kode = url_choice(
    c1.selectbox,
    ui.t("an.peta.indicator"),
    list(contract.indicators()),
    key="pivot_indikator",
    text=lambda c, lg: contract.indicator(c).label(lg),
    default="terjangkau",
)
rows_dim = url_choice(
    c2.selectbox,
    ui.t("an.jelajah.rows"),
    dims,
    key="pivot_baris",
    text=lambda d, lg: t(f"an.dim.{d}", lg),
    default=dims[0],
)
cols_dim = url_choice(
    c3.selectbox,
    ui.t("an.jelajah.cols"),
    dims,
    key="pivot_kolom",
    text=lambda d, lg: t(f"an.dim.{d}", lg),
    default="tahun",
)
if rows_dim == cols_dim or {rows_dim, cols_dim} == {"tahun", "periode"}:
    st.info(ui.t("an.jelajah.same_dims"))
else:
    pv = cq.pivot(db, f, kode, rows_dim, cols_dim)
    w.chart(w.plot(pivot_heatmap, pv, rows_dim, cols_dim, kode, lang), key="pivot_heatmap")
    if not pv.empty:
        wide = labelled(pv, lang).pivot_table(index=rows_dim, columns=cols_dim, values="nilai", aggfunc="first")
        wide = wide.reset_index()
        wide.columns = [str(c) for c in wide.columns]
        w.table(wide, key="pivot_table")
        w.download_buttons(wide, f"pivot_{kode}", key="pivot_dl")

quality_panel(db, f, key="explore_dq")
