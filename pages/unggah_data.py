"""Unggah Data — upload files, see what would change, confirm; the history of batches with undo and redo; starting
with one's own data (the demo hidden); templates and example files.

Uploading, undoing, redoing and hiding the demo are for an editor (kemitraan.app.auth_ui): everyone else sees the
templates, the example files and the history. The sections are laid out by kemitraan.app.upload_history,
own_data, upload_problems and upload_examples."""

import streamlit as st

from kemitraan import escape
from kemitraan.app import auth_ui, widgets
from kemitraan.app import session as ui
from kemitraan.app.own_data import own_data_section
from kemitraan.app.upload_examples import examples_expander
from kemitraan.app.upload_history import history_section
from kemitraan.app.upload_problems import problems_section
from kemitraan.ingest import review as up

lang, store = ui.lang(), ui.store()
S = st.session_state


st.title(ui.t("upload.title"))
st.caption(ui.t("upload.intro"))
ed = auth_ui.login_panel()
if ui.read_only():  # ?per=: a past snapshot is shown; no upload, undo, redo nor hiding the demo
    ed = None

with st.expander(ui.t("upload.templates.header"), icon=":material/description:"):
    st.caption(ui.t("upload.templates.help"))
    for col, d in zip(st.columns(2), up.template_downloads(lang)):
        col.download_button(
            d["label"],
            d["data"],
            file_name=d["file_name"],
            mime=d["mime"],
            key=d["key"],
            on_click="ignore",
            icon=":material/download:",
        )
examples_expander(lang)
own_data_section(store, ed, lang)

if flash := S.pop("upload_flash", None):
    (st.success if flash[0] else st.error)(flash[1])

# A new uploader key after a commit empties it, so the same files are not offered twice.
if ed:
    widgets.localise_uploader(up.ACCEPTED_TYPES)
files = (
    st.file_uploader(
        ui.t("upload.files.label"),
        type=list(up.ACCEPTED_TYPES),
        accept_multiple_files=True,
        key=f"upload_files_{S.get('upload_gen', 0)}",
        help=ui.t("upload.files.help"),
    )
    if ed
    else None
)
kind = (
    st.selectbox(
        ui.t("upload.kind.label"),
        up.kind_options(),
        format_func=lambda k: up.kind_label(k, lang),
        key="upload_kind",
        help=ui.t("upload.kind.help"),
    )
    if ed
    else None
)

report = None
if files:
    payload = [(f.name, f.getvalue()) for f in files]
    key = up.upload_key(payload, kind, store.version())
    if S.get("upload_report_key") != key:  # parse once per files × kind × store state
        bar = st.progress(0.0, text=ui.t("upload.progress.start"))
        try:
            S["upload_report"] = up.prepare_upload(
                store, payload, kind, lang=lang, progress=widgets.progress_callback(bar)
            )
            S["upload_report_key"] = key
        except up.Refusal as exc:
            S["upload_report"], S["upload_report_key"] = None, None
            st.error(ui.t("upload.refused", detail=escape.markdown(exc, keep_lines=True)))
        bar.empty()
    report = S.get("upload_report")
elif ed:
    st.info(ui.t("upload.empty_hint"), icon=":material/upload_file:")

if report is not None:
    st.subheader(ui.t("upload.files.header"))
    st.dataframe(up.files_frame(report, lang), hide_index=True)

    st.subheader(ui.t("upload.preview.header"))
    counts = up.counts_frame(report, lang)
    if counts.empty:
        st.warning(ui.t("upload.preview.none"))
    else:
        st.dataframe(counts, hide_index=True)

    personal = up.personal_frame(report, lang)
    if not personal.empty:
        st.subheader(ui.t("upload.personal.header"))
        st.caption(ui.t("upload.personal.help"))
        st.dataframe(personal, hide_index=True)

    problems_section(report, lang)

    st.subheader(ui.t("upload.confirm.header"))
    skip = False
    if up.errors(report) or up.totals(report)["invalid"]:
        skip = st.checkbox(ui.t("upload.skip_invalid"), key="upload_skip", help=ui.t("upload.skip_invalid.help"))
        st.download_button(
            ui.t("upload.invalid_rows"),
            lambda: report.invalid_rows_xlsx(lang),
            file_name=ui.t("upload.invalid_rows.file"),
            mime=up.XLSX_MIME,
            on_click="ignore",
            icon=":material/download:",
            key="upload_dl_invalid",
        )
    ok, why = up.can_commit(report, skip)
    if not ok:
        st.info(ui.t(why))
    if st.button(ui.t("upload.confirm"), type="primary", disabled=not ok, key="upload_confirm"):
        bar = st.progress(0.0, text=ui.t("upload.progress.commit"))
        try:
            if (now := auth_ui.writer()) is None:  # the right as it is at this moment, not when the page began
                S["upload_flash"] = (False, auth_ui.refused_text(lang))
            else:
                manifests = up.commit_upload(
                    store,
                    report,
                    skip_invalid=skip,
                    user=now.recorded,
                    progress=widgets.progress_callback(bar),
                    lang=lang,
                )
                S["upload_flash"] = (
                    True,
                    up.commit_message(
                        [
                            {
                                **m,
                                "batch_id": escape.markdown(m.get("batch_id")),
                                "file": escape.markdown(m.get("file") or "—"),
                            }
                            for m in manifests
                        ],
                        lang,
                    ),
                )
                S["upload_gen"] = S.get("upload_gen", 0) + 1
        except up.Refusal as exc:
            S["upload_flash"] = (False, ui.t("upload.refused", detail=escape.markdown(exc, keep_lines=True)))
        except up.DiskFull as exc:
            S["upload_flash"] = (False, escape.markdown(exc.message(lang)))
        S["upload_report"], S["upload_report_key"] = None, None
        st.rerun()

st.divider()
history_section(store, ed, lang)
