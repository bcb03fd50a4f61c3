"""Bandingkan — two or more categories, program areas, provinces or partnerships side by side."""

import streamlit as st

from kemitraan import analysis_charts as ch
from kemitraan import contract, ui
from kemitraan import ui_analysis as ua

lang, f, con, qc = ui.lang(), ui.filters(), ui.con(), ua.cached()
st.title(ui.t("an.bandingkan.title"))
st.caption(ui.t("an.bandingkan.intro"))

partners = qc.partnership_list(f)
if partners.empty:
    ui.empty_state()
    st.stop()

left, right = st.columns([1, 3])
with left:
    dim = ua.group_by(("kategori", "bidang", "provinsi", "kode_kemitraan"), key="banding")
code_col = ua.dim_code_field(dim)
if code_col == "provinsi_kode":
    counts = qc.province_summary(f, "terjangkau")
    options = counts.sort_values("n_kemitraan", ascending=False).query("n_kemitraan > 0")["provinsi_kode"].tolist()
    default = options[:3]
elif code_col == "kode_kemitraan":
    options = partners["kode_kemitraan"].tolist()
    default = options[:3]
else:
    present = set(partners[code_col])
    options = [c for c in contract.enum_codes(code_col) if c in present]
    default = options
names = dict(zip(partners["kode_kemitraan"], partners["nama_kemitraan"]))
with right:
    members = ui.url_choice(
        st.multiselect, ui.t("an.bandingkan.members"), options, key=f"anggota_{code_col}", default=default, multi=True,
        text=lambda c, lg: f"{c} — {names.get(c, '')}" if code_col == "kode_kemitraan" else ch._dim_label(code_col, c, lg),
    )
if len(members) < 2:
    st.info(ui.t("an.bandingkan.need_two"), icon=":material/compare_arrows:")
    st.stop()

grain = ua.grain_switch()
cmp = qc.compare_groups(f, code_col, members, grain)
metrics = [("indeks_jangkauan", ui.t("an.kpi.reach_index")), ("indeks_keberlanjutan", ui.t("an.kpi.sust_index")),
           ("indeks_dampak", ui.t("an.kpi.impact_index")), ("skor_kesehatan", ui.t("an.kpi.health"))]
ua.chart(ch.compare_bars(cmp, code_col, metrics, lang, ui.t("an.chart.compare.title")), key="compare")
if code_col == "kode_kemitraan":
    ua.profile_links(members, names)

kode = ui.url_choice(st.selectbox, ui.t("an.bandingkan.trend_indicator"), list(contract.indicators()),
                     key="banding_indikator", text=lambda c, lg: contract.indicator(c).label(lg), default="terjangkau")
series = qc.indicator_series(f, [kode], grain, code_col)
series = series[series[code_col].astype(str).isin(members)]
unit = ch.unit_label(kode, lang)
ua.chart(ch.indicator_trend(series, kode, code_col, lang), key="compare_trend")
ua.coarser_note(con, f, grain)

table = cmp if code_col != "kode_kemitraan" else ua.with_profile_links(cmp)
ua.table(ua.labelled(table, lang), key="compare_table")
ua.download_buttons(cmp, "bandingkan", key="compare_dl")
