"""Bandingkan — two or more categories, program areas, provinces or partnerships side by side."""

import streamlit as st

from kemitraan import contract
from kemitraan.app import cached as cq
from kemitraan.app import session as ui
from kemitraan.app import widgets as w
from kemitraan.app.deck_downloads import deck_downloads
from kemitraan.app.sidebar import filters
from kemitraan.app.url_state import url_choice
from kemitraan.charts.common import MAX_LINES, group_bars
from kemitraan.charts.explore import compare_bars
from kemitraan.charts.impact import indicator_trend
from kemitraan.labels import dim_label, labelled, unit_label

lang, f, db = ui.lang(), filters(), ui.snapshot()
st.title(ui.t("an.bandingkan.title"))
st.caption(ui.t("an.bandingkan.intro"))
deck_downloads("bandingkan")

partners = cq.partnership_list(db, f)
if partners.empty:
    w.empty_state(db, "kemitraan")
    st.stop()

left, right = st.columns([1, 3])
with left:
    dim = w.group_by(("kategori", "bidang", "provinsi", "kode_kemitraan"), key="banding")
code_col = w.dim_code_field(dim)
if code_col == "provinsi_kode":
    counts = cq.province_summary(db, f, "terjangkau")
    options = counts.sort_values("n_kemitraan", ascending=False).query("n_kemitraan > 0")["provinsi_kode"].tolist()
    default = options[:3]
elif code_col == "kode_kemitraan":
    options = partners["kode_kemitraan"].tolist()
    default = options[:3]
else:
    present = set(partners[code_col])
    options = [c for c in contract.enum_codes(code_col) if c in present]
    default = options[:MAX_LINES]
names = dict(zip(partners["kode_kemitraan"], partners["nama_kemitraan"]))
with right:
    members = url_choice(
        st.multiselect,
        ui.t("an.bandingkan.members"),
        options,
        key=f"anggota_{code_col}",
        default=default,
        multi=True,
        text=lambda c, lg: f"{c} — {names.get(c, '')}" if code_col == "kode_kemitraan" else dim_label(code_col, c, lg),
        max_selections=MAX_LINES,
    )
if len(members) < 2:
    st.info(ui.t("an.bandingkan.need_two"), icon=":material/compare_arrows:")
    st.stop()

grain = w.grain_switch()
cmp = cq.compare_groups(db, f, code_col, members, grain)
w.scope_caption(db, f)
metrics = [
    ("indeks_jangkauan", ui.t("fig.kpi.reach_index")),
    ("indeks_keberlanjutan", ui.t("fig.kpi.sust_index")),
    ("skor_kesehatan", ui.t("an.kpi.health")),
]
c1, c2 = st.columns([3, 2])
with c1:
    w.chart(
        w.plot(compare_bars, cmp, code_col, metrics, lang, ui.t("an.chart.compare.title")), key="compare", share=0.6
    )
    st.caption(ui.t("fig.composite"))
with c2:  # a share of partnerships is not an index: its own chart, its own axis
    w.chart(
        w.plot(
            group_bars,
            cmp,
            code_col,
            "porsi_membaik_pct",
            ui.t("an.chart.compare_impact.title"),
            "%",
            lang,
            n_col="n_pasangan",
            decimals=0,
            range_max=100,
        ),
        key="compare_impact",
        share=0.4,
    )
if code_col == "kode_kemitraan":
    w.profile_links(members, names)

kode = url_choice(
    st.selectbox,
    ui.t("an.bandingkan.trend_indicator"),
    list(contract.indicators()),
    key="banding_indikator",
    text=lambda c, lg: contract.indicator(c).label(lg),
    default="terjangkau",
)
series = cq.indicator_series(db, f, [kode], grain, code_col)
series = series[series[code_col].astype(str).isin(members)]
unit = unit_label(kode, lang)
w.chart(w.plot(indicator_trend, series, kode, code_col, lang), key="compare_trend")
st.caption(w.figure_note(kode, cq.indicator_totals(db, f, (kode,)), lang))  # a stock says who stopped reporting
w.coarser_note(db, f, grain)

table = cmp if code_col != "kode_kemitraan" else w.with_profile_links(cmp)
w.table(labelled(table, lang), key="compare_table")
w.download_buttons(cmp, "bandingkan", key="compare_dl")
