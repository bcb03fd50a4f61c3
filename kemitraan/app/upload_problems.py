"""The problems of an upload's preview: one line per cause, root causes first (the report's ``groups_frame``),
laid out so that "Diharapkan / catatan" (what was expected) shows without scrolling sideways at 1024 px; then the
located list of every problem, filterable and downloadable."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kemitraan.export import spreadsheet
from kemitraan.i18n import t
from kemitraan.ingest import review as up
from kemitraan.labels import fmt_number

#: The columns of ``Report.groups_frame`` in the order shown (what was expected right after where), with widths
#: in pixels that leave "expected" inside a 1024 px window beside the sidebar (tests/test_upload_history_browser.py).
CAUSE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("severity", 76),
    ("where", 140),
    ("count", 92),
    ("expected", 256),
    ("value", 140),
    ("rows", 110),
)
#: Five lines of text a row: a long "expected" (a missing column and its "did you mean") wraps instead of being cut.
CAUSE_ROW_HEIGHT = 112


def causes_frame(report, lang: str) -> pd.DataFrame:
    """``report.groups_frame(lang)`` with its columns in :data:`CAUSE_COLUMNS` order."""
    df = report.groups_frame(lang)
    count = t("ingest.col.count", lang)  # a cause without a row count (a whole sheet) shows blank, not "None"
    df[count] = [fmt_number(v, lang) if pd.notna(v) else "" for v in df[count]]
    return df[[t(f"ingest.col.{c}", lang) for c, _ in CAUSE_COLUMNS]]


def cause_column_config(lang: str) -> dict:
    return {t(f"ingest.col.{c}", lang): st.column_config.Column(width=w) for c, w in CAUSE_COLUMNS}


def problems_section(report, lang: str) -> None:
    st.subheader(t("upload.problems.header", lang))
    n_err, n_warn = len(up.errors(report)), len(up.warnings(report))
    if n_err + n_warn == 0:
        st.success(t("upload.problems.ok", lang))
        return
    (st.error if n_err else st.warning)(t("upload.problems.summary", lang, errors=n_err, warnings=n_warn))
    st.caption(t("upload.problems.by_cause", lang))
    st.dataframe(
        causes_frame(report, lang),
        hide_index=True,
        column_config=cause_column_config(lang),
        row_height=CAUSE_ROW_HEIGHT,
        key="upload_problem_causes",
    )
    with st.expander(t("upload.problems.detail", lang), icon=":material/list:"):
        file_opts, col_opts = up.problem_choices(report)
        c1, c2 = st.columns(2)
        pick_files = c1.multiselect(
            t("upload.problems.filter_files", lang),
            file_opts,
            key="upload_pf",
            placeholder=t("upload.problems.all", lang),
            select_all=False,  # Streamlit's own "Select all" is English only, and all is what none chosen means
        )
        pick_cols = c2.multiselect(
            t("upload.problems.filter_columns", lang),
            col_opts,
            key="upload_pc",
            placeholder=t("upload.problems.all", lang),
            select_all=False,
        )
        problems = up.problems_frame(report, lang, pick_files, pick_cols)
        st.dataframe(
            problems,
            hide_index=True,
            column_config={t("ingest.col.expected", lang): st.column_config.TextColumn(width="large")},
        )
        stem = t("upload.problems.file_stem", lang)
        d1, d2 = st.columns(2)
        d1.download_button(
            t("upload.problems.csv", lang),
            spreadsheet.to_csv_bytes(problems),
            file_name=f"{stem}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
            key="upload_dl_csv",
        )
        d2.download_button(
            t("upload.problems.xlsx", lang),
            spreadsheet.to_xlsx_bytes(problems, stem),
            file_name=f"{stem}.xlsx",
            mime=up.XLSX_MIME,
            on_click="ignore",
            icon=":material/download:",
            key="upload_dl_xlsx",
        )
