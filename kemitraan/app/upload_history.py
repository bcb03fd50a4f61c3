"""The upload page's history: every batch with what can be done to it, undo (after listing the rows of other
batches that depend on it) and redo. The logic is :mod:`kemitraan.storage.history` and
:mod:`kemitraan.storage.dependants`; this module lays it out and asks for the confirmations."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kemitraan import escape
from kemitraan.app.auth_ui import Editor, refused_text, writer
from kemitraan.i18n import t
from kemitraan.labels import fmt_number, kind_label
from kemitraan.storage import history
from kemitraan.storage.dependants import Dependants, dependants
from kemitraan.storage.lake_io import DiskFull
from kemitraan.storage.store import Store

FLASH = "history_flash"
#: Widget keys of the undo and redo forms (tests set them).
UNDO_KEYS = ("upload_undo_batch", "upload_undo_sure", "upload_undo_deps_sure")
REDO_KEYS = ("upload_redo_batch",)


def history_table(store: Store, lang: str) -> pd.DataFrame:
    """:func:`history.history_frame` with one more column after the status: what can be done to each batch
    (undo, bring back, — for an undone damaged one)."""
    df = history.history_frame(store, lang)
    actions = {
        e.batch_id: t(f"history.action.{e.action}", lang) if e.action else "—" for e in history.history_entries(store)
    }
    at = df.columns.get_loc(t("upload.history.status", lang)) + 1  # beside the status, in view on a narrow screen
    df.insert(at, t("upload.history.action", lang), df[t("upload.history.batch_id", lang)].map(actions).fillna("—"))
    return df


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def cached_dependants(_store: Store, root: str, version: tuple[str, ...], batch_id: str) -> Dependants:
    """:func:`dependants`, once per batch and store version (the page reruns on every click)."""
    return dependants(_store, batch_id)


def dependants_frame(deps: Dependants, lang: str) -> pd.DataFrame:
    """Per other batch and kind: its rows that would lose their partnership."""
    keys = (
        ("batch_id", "upload.history.batch_id"),
        ("file", "upload.history.file"),
        ("kind", "upload.history.kind"),
        ("rows", "upload.col.rows"),
    )
    rows = [
        {"batch_id": r.batch_id, "file": r.file or "—", "kind": kind_label(r.kind, lang), "rows": r.rows}
        for r in deps.rows
    ]
    return pd.DataFrame(rows, columns=[k for k, _ in keys]).rename(columns={k: t(v, lang) for k, v in keys})


def show_dependants(deps: Dependants, lang: str, key: str) -> bool:
    """List what an undo would leave without a partnership and ask for the stronger confirmation; True to go on.

    Nothing is shown (and True returned) when no row of another batch depends on it."""
    if not deps:
        return True
    st.warning(escape.markdown("\n".join(deps.lines(lang)), keep_lines=True), icon=":material/link_off:")
    st.dataframe(dependants_frame(deps, lang), hide_index=True, key=f"{key}_table")
    return st.checkbox(t("deps.confirm_box", lang, n=fmt_number(deps.total_rows, lang)), key=key)


def _flash(ok: bool, text: str) -> None:
    st.session_state[FLASH] = (ok, text)


def history_section(store: Store, ed: Editor | None, lang: str) -> None:
    """The table of every batch; for an editor, the undo and redo forms under it."""
    st.subheader(t("upload.history.header", lang))
    if flash := st.session_state.pop(FLASH, None):
        (st.success if flash[0] else st.error)(flash[1])
    table = history_table(store, lang)
    if table.empty:
        st.info(t("upload.history.empty", lang))
    else:
        st.caption(t("upload.history.help", lang))
        st.dataframe(table, hide_index=True, key="upload_history")
    undo_form(store, ed, lang)
    redo_form(store, ed, lang)


def undo_form(store: Store, ed: Editor | None, lang: str) -> None:
    st.subheader(t("upload.undo.header", lang))
    st.caption(t("upload.undo.help", lang))
    live = history.undoable(store)
    if not ed:
        st.caption(t("auth.form.need_editor", lang))
        return
    if not live:
        st.info(t("upload.undo.none", lang))
        return
    labels = {m["batch_id"]: history.batch_label(m, lang) for m in live}
    target = st.selectbox(
        t("upload.undo.select", lang),
        list(labels),
        index=None,
        format_func=labels.get,
        placeholder=t("upload.undo.placeholder", lang),
        key="upload_undo_batch",
    )
    deps = cached_dependants(store, str(store.root), tuple(store.version()), target) if target else None
    deps_ok = show_dependants(deps, lang, "upload_undo_deps_sure") if deps is not None else False
    sure = st.checkbox(t("upload.undo.confirm_box", lang), key="upload_undo_sure", disabled=target is None)
    if st.button(
        t("upload.undo.button", lang),
        disabled=not (target and sure and deps_ok),
        key="upload_undo",
        icon=":material/undo:",
    ):
        if (now := writer()) is None:
            done, text = False, refused_text(lang)
        else:
            try:
                done, detail = history.undo_batch(store, target, user=now.recorded)
                text = history.undo_message(escape.markdown(target), done, escape.markdown(detail), lang)
            except DiskFull as exc:  # nothing changed; said in the user's words
                done, text = False, escape.markdown(exc.message(lang))
        if done and deps:
            text += "\n\n" + t("upload.undo.orphans", lang, n=fmt_number(deps.total_rows, lang))
        _flash(done, text)
        for k in UNDO_KEYS:
            st.session_state.pop(k, None)
        st.rerun()


def redo_form(store: Store, ed: Editor | None, lang: str) -> None:
    if not ed:
        return
    st.subheader(t("history.redo.header", lang))
    st.caption(t("history.redo.help", lang))
    gone = history.redoable(store)
    if not gone:
        st.info(t("history.redo.none", lang))
        return
    labels = {m["batch_id"]: history.batch_label(m, lang) for m in gone}
    target = st.selectbox(
        t("history.redo.select", lang),
        list(labels),
        index=None,
        format_func=labels.get,
        placeholder=t("upload.undo.placeholder", lang),
        key="upload_redo_batch",
    )
    if st.button(t("history.redo.button", lang), disabled=target is None, key="upload_redo", icon=":material/redo:"):
        if (now := writer()) is None:
            _flash(False, refused_text(lang))
        else:
            try:
                done, detail = history.redo_batch(store, target, user=now.recorded)
                _flash(done, history.redo_message(escape.markdown(target), done, escape.markdown(detail), lang))
            except DiskFull as exc:  # nothing changed; said in the user's words
                _flash(False, escape.markdown(exc.message(lang)))
        for k in REDO_KEYS:
            st.session_state.pop(k, None)
        st.rerun()
