"""Profil Kemitraan — one partnership (``?kode=...``): details, every indicator against target over time,
survey scores, and the uploads that fed it."""

import datetime as dt

import streamlit as st

from kemitraan import contract, escape
from kemitraan.app import cached as cq
from kemitraan.app import session as ui
from kemitraan.app import widgets as w
from kemitraan.app.notes_ui import notes_section
from kemitraan.app.sidebar import filters
from kemitraan.charts.explore import profile_indicator
from kemitraan.charts.health import health_bars
from kemitraan.queries.filters import Filters

lang, f, db = ui.lang(), filters(), ui.snapshot()
st.title(ui.t("an.profil.title"))

# The picker offers the partnerships of the sidebar's kategori, bidang and area; the charts keep to its period.
partners = cq.partnership_list(db, f)
everyone = cq.partnership_list(db, Filters())
names = dict(zip(everyone["kode_kemitraan"], everyone["nama_kemitraan"]))
# The code itself lives in the URL (?kode=DEMO-00002), so links from tables and charts open this profile.
asked = st.query_params.get("kode")
if asked and asked not in names:
    st.error(ui.t("an.profil.not_found", kode=escape.markdown(asked)), icon=":material/search_off:")
options = list(partners["kode_kemitraan"])
if asked in names and asked not in options:  # a shared link names a partnership the filters leave out: say so
    options.insert(0, asked)
    st.info(ui.t("an.profil.outside_filters", kode=escape.markdown(asked)), icon=":material/filter_alt_off:")
if not options:
    w.empty_state(db, "kemitraan")
    st.stop()
st.caption(ui.t("an.profil.follows"))
kode = st.selectbox(
    ui.t("an.dim.kode_kemitraan"),
    options,
    index=options.index(asked) if asked in names else 0,
    key="kode",
    format_func=lambda c: f"{c} — {names[c]}",
)
st.query_params["kode"] = kode
p = cq.partnership(db, kode) if kode else None
if p is None:
    st.info(ui.t("an.profil.choose"))
    st.stop()

st.header(escape.markdown(p["nama_kemitraan"]), anchor=False)
today = dt.date.today()
end = p["tanggal_selesai"]
active = end is None or str(end) in ("NaT", "None") or end.date() > today
st.caption(
    escape.markdown(
        " · ".join(
            [
                contract.enum_label("kategori", p["kategori"], lang),
                contract.enum_label("bidang", p["bidang"], lang),
                contract.enum_label("fokus", p["fokus"], lang),
                p["provinsi"],
                ui.t("an.profil.status_active") if active else ui.t("an.profil.status_ended"),
            ]
        )
    )
)

with st.expander(ui.t("an.profil.details"), expanded=True):
    w.details_grid(p)

st.subheader(ui.t("an.profil.indicators"))
grain = w.grain_switch(default="triwulan")
ind = cq.partnership_indicators(db, kode, grain, f)
if ind.empty:
    w.coarser_note(db, Filters(), grain)
    w.empty_state(db, "indikator")
else:
    kodes = [k for k in contract.indicators() if k in set(ind["kode_indikator"])]
    cols = st.columns(2)
    # reference values of the country and of the province of this partnership, dashed, over the same years
    own = (p["provinsi_kode"],) if p.get("provinsi_kode") else ()
    any_refs = False
    for i, k in enumerate(kodes):
        refs = cq.reference_lines(db, f, k, own)
        any_refs |= not refs.empty
        with cols[i % 2]:
            w.chart(w.plot(profile_indicator, ind, k, lang, refs=refs), key=f"prof_{k}", share=0.5)
    if any_refs:
        st.caption(ui.t("ref.lines_note"))

st.subheader(ui.t("an.profil.survey"))
health = cq.partnership_health(db, kode, f)
if health.empty:
    st.info(ui.t("an.profil.no_survey"))
else:
    n = int(health["n"].max())
    st.caption(ui.t("an.n_respondents", n=n, k=1))
    w.small_n_warning(health, None)
    w.chart(w.plot(health_bars, health, lang), key="prof_health")

st.subheader(ui.t("an.profil.batches"))
w.table(cq.partnership_batches(db, kode), key="prof_batches")

st.subheader(ui.t("mnote.header"))
notes_section("kemitraan", kode, f)
