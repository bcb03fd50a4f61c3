"""Metodologi — every indicator of the catalog and every index: definition, formula, unit, direction, source."""

import streamlit as st

from kemitraan.app import session as ui
from kemitraan.app import widgets as w
from kemitraan.labels import column_label
from kemitraan.methods import methodology

lang = ui.lang()
st.title(ui.t("page.metodologi"))
st.caption(ui.t("an.metodologi.intro"))

st.subheader(ui.t("an.metodologi.indices"))
for _, row in methodology.index_table(lang).iterrows():
    with st.container(border=True):
        st.markdown(f"**{row['nama']}** · {row['satuan']} · {row['arah']}")
        st.markdown(row["definisi"])
        st.code(row["rumus"], language=None, wrap_lines=True)
        st.caption(f"{column_label('sumber', lang)}: {row['sumber']}")

st.subheader(ui.t("an.metodologi.catalog"))
w.table(methodology.indicator_table(lang), key="method_catalog")

st.subheader(ui.t("an.metodologi.sources"))
st.markdown(ui.t("an.metodologi.sources_text"))
