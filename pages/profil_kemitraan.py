"""Profil Kemitraan — one partnership (``?kode=...``): details, every indicator against target over time,
survey scores, and the uploads that fed it."""

import datetime as dt

import streamlit as st

from kemitraan import analysis_charts as ch
from kemitraan import analysis_queries as q
from kemitraan import contract, ui
from kemitraan import ui_analysis as ua
from kemitraan.filters import Filters

lang, con, qc = ui.lang(), ui.con(), ua.cached()
st.title(ui.t("an.profil.title"))

partners = qc.partnership_list(Filters())
if partners.empty:
    ui.empty_state()
    st.stop()
names = dict(zip(partners["kode_kemitraan"], partners["nama_kemitraan"]))
# The code itself lives in the URL (?kode=DEMO-00002), so links from tables and charts open this profile.
asked = st.query_params.get("kode")
if asked and asked not in names:
    st.error(ui.t("an.profil.not_found", kode=asked), icon=":material/search_off:")
options = list(names)
kode = st.selectbox(ui.t("an.profil.pick"), options, index=options.index(asked) if asked in names else 0, key="kode",
                    format_func=lambda c: f"{c} — {names[c]}")
st.query_params["kode"] = kode
p = qc.partnership(kode) if kode else None
if p is None:
    st.info(ui.t("an.profil.choose"))
    st.stop()

st.header(p["nama_kemitraan"])
today = dt.date.today()
end = p["tanggal_selesai"]
active = end is None or str(end) in ("NaT", "None") or end.date() > today
st.caption(" · ".join([
    contract.enum_label("kategori", p["kategori"], lang), contract.enum_label("bidang", p["bidang"], lang),
    contract.enum_label("fokus", p["fokus"], lang), p["provinsi"],
    ui.t("an.profil.status_active") if active else ui.t("an.profil.status_ended"),
]))

with st.expander(ui.t("an.profil.details"), expanded=True):
    ua.details_grid(p)

st.subheader(ui.t("an.profil.indicators"))
grain = ua.grain_switch(default="triwulan")
ind = qc.partnership_indicators(kode, grain)
if ind.empty:
    ua.coarser_note(con, Filters(), grain)
    ui.empty_state()
else:
    kodes = [k for k in contract.indicators() if k in set(ind["kode_indikator"])]
    cols = st.columns(2)
    for i, k in enumerate(kodes):
        with cols[i % 2]:
            ua.chart(ch.profile_indicator(ind, k, lang), key=f"prof_{k}")

st.subheader(ui.t("an.profil.survey"))
health = qc.partnership_health(kode)
if health.empty:
    st.info(ui.t("an.profil.no_survey"))
else:
    n = int(health["n"].max())
    st.caption(ui.t("an.n_respondents", n=n, k=1))
    ua.small_n_warning(health, None)
    ua.chart(ch.health_bars(health, lang), key="prof_health")

st.subheader(ui.t("an.profil.batches"))
ua.table(q.partnership_batches(con, ui.store(), kode), key="prof_batches")
