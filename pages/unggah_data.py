"""Unggah Data — upload files, see what would change, confirm; the history of batches with undo; templates.

Uploading and undoing are for an editor (kemitraan.app.auth_ui): everyone else sees the templates and the history."""

import streamlit as st

from kemitraan import escape
from kemitraan.app import auth_ui
from kemitraan.app import session as ui
from kemitraan.export import spreadsheet
from kemitraan.ingest import review as up
from kemitraan.storage import history

lang, store = ui.lang(), ui.store()
S = st.session_state

st.title(ui.t("upload.title"))
st.caption(ui.t("upload.intro"))
ed = auth_ui.login_panel()

with st.expander(ui.t("upload.templates.header"), icon=":material/description:"):
    st.caption(ui.t("upload.templates.help"))
    for col, d in zip(st.columns(2), up.template_downloads(lang)):
        col.download_button(d["label"], d["data"], file_name=d["file_name"], mime=d["mime"], key=d["key"],
                            on_click="ignore", icon=":material/download:")

if flash := S.pop("upload_flash", None):
    (st.success if flash[0] else st.error)(flash[1])

# A new uploader key after a commit empties it, so the same files are not offered twice.
files = st.file_uploader(ui.t("upload.files.label"), type=list(up.ACCEPTED_TYPES), accept_multiple_files=True,
                         key=f"upload_files_{S.get('upload_gen', 0)}", help=ui.t("upload.files.help")) if ed else None
kind = st.selectbox(ui.t("upload.kind.label"), up.kind_options(), format_func=lambda k: up.kind_label(k, lang),
                    key="upload_kind", help=ui.t("upload.kind.help")) if ed else None

report = None
if files:
    payload = [(f.name, f.getvalue()) for f in files]
    key = up.upload_key(payload, kind, store.version())
    if S.get("upload_report_key") != key:  # parse once per files × kind × store state
        bar = st.progress(0.0, text=ui.t("upload.progress.start"))
        try:
            S["upload_report"] = up.prepare_upload(
                store, payload, kind, lang=lang,
                progress=lambda frac, msg: bar.progress(min(max(float(frac), 0.0), 1.0), text=escape.markdown(msg)))
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

    st.subheader(ui.t("upload.problems.header"))
    n_err, n_warn = len(up.errors(report)), len(up.warnings(report))
    if n_err + n_warn == 0:
        st.success(ui.t("upload.problems.ok"))
    else:
        (st.error if n_err else st.warning)(ui.t("upload.problems.summary", errors=n_err, warnings=n_warn))
        file_opts, col_opts = up.problem_choices(report)
        c1, c2 = st.columns(2)
        pick_files = c1.multiselect(ui.t("upload.problems.filter_files"), file_opts, key="upload_pf",
                                    placeholder=ui.t("upload.problems.all"))
        pick_cols = c2.multiselect(ui.t("upload.problems.filter_columns"), col_opts, key="upload_pc",
                                   placeholder=ui.t("upload.problems.all"))
        problems = up.problems_frame(report, lang, pick_files, pick_cols)
        st.dataframe(problems, hide_index=True,
                     column_config={ui.t("ingest.col.expected"): st.column_config.TextColumn(width="large")})
        stem = ui.t("upload.problems.file_stem")
        d1, d2 = st.columns(2)
        d1.download_button(ui.t("upload.problems.csv"), spreadsheet.to_csv_bytes(problems), file_name=f"{stem}.csv",
                           mime="text/csv", on_click="ignore", icon=":material/download:", key="upload_dl_csv")
        d2.download_button(ui.t("upload.problems.xlsx"), spreadsheet.to_xlsx_bytes(problems, stem), file_name=f"{stem}.xlsx",
                           mime=up.XLSX_MIME, on_click="ignore", icon=":material/download:", key="upload_dl_xlsx")

    st.subheader(ui.t("upload.confirm.header"))
    skip = False
    if n_err or up.totals(report)["invalid"]:
        skip = st.checkbox(ui.t("upload.skip_invalid"), key="upload_skip", help=ui.t("upload.skip_invalid.help"))
        st.download_button(ui.t("upload.invalid_rows"), lambda: report.invalid_rows_xlsx(lang),
                           file_name=ui.t("upload.invalid_rows.file"), mime=up.XLSX_MIME, on_click="ignore",
                           icon=":material/download:", key="upload_dl_invalid")
    ok, why = up.can_commit(report, skip)
    if not ok:
        st.info(ui.t(why))
    if st.button(ui.t("upload.confirm"), type="primary", disabled=not ok, key="upload_confirm"):
        try:
            manifests = up.commit_upload(store, report, skip_invalid=skip, user=ed.recorded)
            S["upload_flash"] = (True, up.commit_message(
                [{**m, "batch_id": escape.markdown(m.get("batch_id")), "file": escape.markdown(m.get("file") or "—")}
                 for m in manifests], lang))
            S["upload_gen"] = S.get("upload_gen", 0) + 1
        except up.Refusal as exc:
            S["upload_flash"] = (False, ui.t("upload.refused", detail=escape.markdown(exc, keep_lines=True)))
        S["upload_report"], S["upload_report_key"] = None, None
        st.rerun()

st.divider()
st.subheader(ui.t("upload.history.header"))
batches = history.history_frame(store, lang)
if batches.empty:
    st.info(ui.t("upload.history.empty"))
else:
    st.dataframe(batches, hide_index=True, key="upload_history")

st.subheader(ui.t("upload.undo.header"))
st.caption(ui.t("upload.undo.help"))
live = history.undoable(store)
if not ed:
    st.caption(ui.t("auth.form.need_editor"))
elif not live:
    st.info(ui.t("upload.undo.none"))
else:
    labels = {m["batch_id"]: history.batch_label(m, lang) for m in live}
    target = st.selectbox(ui.t("upload.undo.select"), list(labels), index=None, format_func=labels.get,
                          placeholder=ui.t("upload.undo.placeholder"), key="upload_undo_batch")
    sure = st.checkbox(ui.t("upload.undo.confirm_box"), key="upload_undo_sure", disabled=target is None)
    if st.button(ui.t("upload.undo.button"), disabled=not (target and sure), key="upload_undo"):
        done, detail = history.undo_batch(store, target, user=ed.recorded)
        S["upload_flash"] = (done, history.undo_message(escape.markdown(target), done, escape.markdown(detail), lang))
        for k in ("upload_undo_batch", "upload_undo_sure"):
            S.pop(k, None)
        st.rerun()
