"""Meeting notes on the pages: who may write one, the form, and the list — always shown as plain text.

A note (``kemitraan/storage/notes.py``) is written on a slide of the Presentasi page or on a partnership's
profile. It records its text exactly as typed, its author, the time and the sidebar's filters as codes.

Who may write: :func:`can_write_notes`, the same rule as uploads (``kemitraan/app/auth_ui.py``): an editor
logged in on the upload page, or, with no users file, a browser on this machine. The author is
:func:`note_author`: the logged-in editor's name, else ``lokal (<hostname>)``. The right is asked again when
the note is saved (``auth_ui.writer``), so an editor whose role was taken away while the form was open saves
nothing.

Text a user typed is never Markdown or HTML here: ``st.text`` shows it as it is, line breaks kept.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from kemitraan.app import auth_ui
from kemitraan.app.session import lang, read_only, store
from kemitraan.export.context import filter_values, fmt_date
from kemitraan.i18n import t
from kemitraan.queries import filter_codes
from kemitraan.queries.filters import Filters
from kemitraan.storage.lake_io import DiskFull
from kemitraan.storage.notes import MAX_TEXT, Note, NoteError, Notes

_FLASH = "_mnote_flash"
_CSS = """<style>
[class*="st-key-mnote_meta_"] { color: #4b5563; font-size: 0.85rem; }
[class*="st-key-mnote_item_"] [data-testid="stText"] { white-space: pre-wrap; }
</style>"""


def can_write_notes() -> bool:
    """Whether this browser session may write meeting notes (see the module's docstring)."""
    return auth_ui.editor() is not None and not read_only()  # a past snapshot (?per=) is read only


def note_author() -> str:
    """Who a new note is written by: the logged-in editor, else ``lokal (<hostname>)`` (auth.local_author)."""
    ed = auth_ui.editor()
    return ed.recorded if ed else auth_ui.auth.local_author()


def _notes() -> Notes:
    return Notes(store())  # with ?per=: the notes as they stood then


def note_meta(note: Note, lg: str) -> str:
    """``Siti · 12 Mei 2026 · Periode: 2024-01 – 2024-12 · Kategori kemitraan: Semua · …``."""
    f = filter_codes.from_codes(note.filters)
    where = [f"{k}: {v}" for k, v in filter_values(f, lg)]
    if f.period_from or f.period_to:
        span = f"{note.filters.get('dari', '…')} – {note.filters.get('sampai', '…')}"
        where.insert(0, f"{t('export.period', lg)}: {span}")
    when = fmt_date(dt.datetime.fromisoformat(note.created_at).date(), lg)
    return t("mnote.meta", lg, author=note.author, when=when, filters=" · ".join(where))


def notes_list(kind: str, key: str) -> list[Note]:
    """Every live note on one slide or partnership, oldest first, as plain text."""
    lg = lang()
    notes = _notes().list(kind, key)
    st.html(_CSS)
    if not notes:
        st.text(t("mnote.none", lg))
    for n in notes:
        with st.container(border=True, key=f"mnote_item_{n.id}"):
            with st.container(key=f"mnote_meta_{n.id}"):
                st.text(note_meta(n, lg))
            st.text(n.text)
    return notes


def _save(kind: str, key: str, f: Filters, field: str, lg: str) -> None:
    # a callback: it gets the language as an argument (session.lang() may rerun the script, see app/navigation.py)
    ed = auth_ui.writer()  # the right as it is now, not as it was when the form was drawn
    if ed is None:  # nothing stored; the text stays in the field
        st.session_state[_FLASH] = ("error", auth_ui.refused_text(lg))
        return
    try:
        _notes().add(st.session_state.get(field, ""), kind, key, author=ed.recorded, filters=filter_codes.to_codes(f))
    except (
        NoteError,
        DiskFull,
    ) as err:  # nothing stored; the text stays in the field (to be corrected, or saved again)
        st.session_state[_FLASH] = ("error", err.message(lg))
        return
    st.session_state[field] = ""
    st.session_state[_FLASH] = ("success", t("mnote.saved", lg))


def note_form(kind: str, key: str, f: Filters) -> None:
    """The form an editor writes a note in; others see why they cannot."""
    lg = lang()
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        (st.error if flash[0] == "error" else st.success)(flash[1])
    if not can_write_notes():
        st.caption(t("mnote.read_only", lg))
        return
    field = f"mnote_text_{kind}_{key}"
    with st.form(f"mnote_form_{kind}_{key}", border=False):
        st.text_area(t("mnote.text", lg), key=field, max_chars=MAX_TEXT, help=t("mnote.text.help", lg), height=110)
        st.text(t("mnote.as", lg, author=note_author()))
        st.form_submit_button(
            t("mnote.save", lg), icon=":material/edit_note:", on_click=_save, args=(kind, key, f, field, lg)
        )


def notes_section(kind: str, key: str, f: Filters) -> None:
    """The list, then the form: one call for a slide or a profile."""
    notes_list(kind, key)
    note_form(kind, key, f)
