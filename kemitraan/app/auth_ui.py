"""Who is editing this session: the login form (Nama pengguna, Kata sandi, Masuk), Keluar, and :func:`editor`.

The rules are :mod:`kemitraan.auth`'s; this module only asks them with what Streamlit knows about the browser
(``st.context.ip_address``, ``st.context.headers``) and keeps the logged-in user in the session. Every form that
changes the store (upload, undo, meeting notes) shows itself only when :func:`editor` returns an
:class:`Editor`; at the moment it writes it asks again (:func:`writer`) and records ``writer().recorded`` as the
batch's, undo's or note's user.

- With a users file: an editor named in it, logged in through :func:`login_panel`.
- Without one: a browser on this machine (``auth.is_local_request``); nobody else.
- A users file that cannot be read: nobody; the panel says so with a reference (the details are in the log).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import streamlit as st

from kemitraan import auth, escape
from kemitraan.app.session import lang
from kemitraan.i18n import t

#: The logged-in :class:`kemitraan.auth.User` (no widget has this key, so no widget can set it).
USER_KEY = "_auth_user"
FORM_KEY = "login_form"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Editor:
    """This session may change the store; ``user`` is ``None`` for a browser on this machine without a users file."""

    user: auth.User | None

    @property
    def recorded(self) -> str:
        """The name to store with a batch, undo or note: the logged-in user, else ``lokal (<hostname>)``."""
        return auth.recorded_user(self.user)


def current_user() -> auth.User | None:
    return st.session_state.get(USER_KEY)


def editor() -> Editor | None:
    """An :class:`Editor` when this session may upload, undo and write notes, else ``None``. Checked on every run:
    removing a user from the users file takes the right away at once."""
    user = current_user()
    if auth.editing_allowed(user, st.context.ip_address, st.context.headers):
        return Editor(user)
    return None


def writer() -> Editor | None:
    """:func:`editor`, asked again at the moment of a write (upload commit, undo, redo, note, demo hide/show), against
    the users file as it is then: a role taken away while the page was open (or during a long upload) stops the
    write. ``None``: write nothing and show :func:`refused_text`."""
    ed = editor()
    if ed is None:
        user = current_user()
        log.warning(
            "write refused: the right to edit is gone (user=%r client=%r)",
            user.name if user else None,
            st.context.ip_address,
        )
    return ed


def refused_text(lang: str) -> str:
    return t("auth.write.refused", lang)


def _log_in(name: str, password: str) -> None:
    result = auth.verify_login(name, password, st.context.ip_address, throttle=auth.THROTTLE)
    if result.ok:
        st.session_state[USER_KEY] = result.user
        st.rerun()
    lg = lang()
    st.error(result.message(lg), icon=":material/lock:")  # our own words (a users-file problem: its reference only)
    if result.reason == "wrong" and result.retry_after > 0:  # the next try must wait: say how long
        st.warning(
            t("auth.login.throttled", lg, seconds=max(1, round(result.retry_after + 0.49))),
            icon=":material/hourglass_top:",
        )


def _log_out() -> None:
    st.session_state.pop(USER_KEY, None)


def login_panel() -> Editor | None:
    """Draw who is editing (and Keluar), or the login form when a users file exists; return :func:`editor`."""
    lg = lang()
    user = current_user()
    if not auth.login_required():
        ed = editor()
        if ed is None:
            st.info(t("auth.form.local_only", lg), icon=":material/lock:")
        return ed
    try:
        auth.load_users()
    except auth.UsersFileError as exc:  # the path, names and error to the log; the visitor gets the reference
        auth.report_users_file(exc)
        st.error(exc.notice(lg), icon=":material/lock:")
        return None
    if user is not None:
        left, right = st.columns([4, 1], vertical_alignment="center")
        role = t(f"auth.role.{user.role}", lg)
        left.caption(t("auth.form.logged_in_as", lg, user=escape.markdown(user.name), role=role))
        right.button(t("auth.form.logout", lg), key="logout", on_click=_log_out, icon=":material/logout:")
        ed = editor()
        if ed is None:
            st.info(t("auth.form.need_editor", lg), icon=":material/lock:")
        return ed
    st.info(t("auth.form.need_editor", lg), icon=":material/lock:")
    with st.form(FORM_KEY, clear_on_submit=True, enter_to_submit=True):
        name = st.text_input(t("auth.form.username", lg), key="login_name", autocomplete="username")
        password = st.text_input(
            t("auth.form.password", lg), type="password", key="login_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(
            t("auth.form.login", lg), type="primary", icon=":material/login:", key="login_submit"
        )
    if submitted:
        _log_in(name, password)
    return None
