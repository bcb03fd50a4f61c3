"""The example files of data/contoh/ on the upload page: all in one ZIP, or one by one (served from this app, so
trying them needs no other host). The files and their order are :mod:`kemitraan.ingest.examples`'."""

from __future__ import annotations

import streamlit as st

from kemitraan import escape
from kemitraan.i18n import t
from kemitraan.ingest import examples


def examples_expander(lang: str) -> None:
    files = examples.example_files()
    if not files:  # an installed package without the repository's data/ folder
        return
    with st.expander(t("upload.examples.header", lang), icon=":material/folder_zip:"):
        st.caption(t("upload.examples.help", lang))
        st.download_button(
            t("upload.examples.zip", lang),
            examples.examples_zip,
            mime="application/zip",
            file_name=t("upload.examples.zip_file", lang),
            on_click="ignore",
            icon=":material/folder_zip:",
            key="dl_examples_zip",
        )
        for e in files:
            left, right = st.columns(2, vertical_alignment="center")
            left.download_button(
                escape.markdown(e.name),
                e.data,
                file_name=e.name,
                mime=e.mime,
                on_click="ignore",
                icon=":material/download:",
                key=f"dl_example_{e.name}",
                width="stretch",
            )
            right.caption(e.description(lang))
