"""The store, its versioned snapshot and the reader's language, for app.py and every page."""

from __future__ import annotations

import os
from dataclasses import dataclass

import duckdb
import streamlit as st

from kemitraan import auth, logs
from kemitraan.app.navigation import ensure_app_navigation
from kemitraan.generators import demo
from kemitraan.i18n import norm_lang
from kemitraan.i18n import t as _t
from kemitraan.storage import analysis_cache
from kemitraan.storage.store import Store, resolved_data_dir

LANG_KEY = "lang"


@st.cache_resource(show_spinner=False)
def _store(root: str) -> Store:
    logs.setup(root)
    auth.warn_if_open(st.get_option("server.address"))  # once per process, when the app first serves
    s = Store(root)
    demo.ensure_demo(s)  # a fresh checkout opens on the embedded demo data
    return s


def store() -> Store:
    return _store(resolved_data_dir())


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(root: str, version: tuple[str, ...]) -> duckdb.DuckDBPyConnection:
    # One connection per store version, over a materialised base file shared by every process and
    # start, with the batches committed since laid over it (storage/analysis_cache.py).
    return analysis_cache.connect(Store(root))


@dataclass(frozen=True)
class Snapshot:
    """One version of the store: the key of every cached query, and where its rows are.

    Cached query functions take a snapshot as their first argument, so a new upload or
    an undo (a new version) is seen at once and old results are never mixed in.
    """

    root: str
    version: tuple[str, ...]

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor on the process-wide connection (a DuckDB connection is not shared across threads)."""
        return _connection(self.root, self.version).cursor()


def snapshot() -> Snapshot:
    s = store()
    return Snapshot(str(s.root), s.version())


def lang() -> str:
    ensure_app_navigation()
    return norm_lang(st.session_state.get(LANG_KEY) or st.query_params.get(LANG_KEY))


def t(key: str, **fields: object) -> str:
    return _t(key, lang(), **fields)


def language_switch() -> str:
    """Bahasa Indonesia by default, English by ``?lang=en`` or the switch.

    Not a query-param-bound widget: bound widgets put the *formatted* label in
    the URL, and the contract is ``?lang=en``. app.py runs before every page,
    so writing the parameter here keeps it in the URL across navigation.
    """
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = norm_lang(st.query_params.get(LANG_KEY))
    st.sidebar.segmented_control(
        _t("app.language", lang()),
        options=["id", "en"],
        format_func=lambda c: {"id": "Indonesia", "en": "English"}[c],
        key=LANG_KEY,
        required=True,
    )
    if lang() == "en":
        st.query_params[LANG_KEY] = "en"
    elif LANG_KEY in st.query_params:
        del st.query_params[LANG_KEY]
    return lang()


#: Tests set this to "1" so an unexpected error fails them instead of becoming a polite message.
RAISE_UNEXPECTED = "KEMITRAAN_RAISE_UNEXPECTED"
#: A test hook: the page whose ``url_path`` this names fails as a bug would, so a browser test can check what a
#: visitor sees (a message and a reference, no traceback) and that the log has the traceback. Whoever starts the
#: server sets it; a visitor cannot. Unset, it does nothing.
FAIL_PAGE = "KEMITRAAN_TEST_FAIL_PAGE"


class ForcedFailure(RuntimeError):
    """The error :data:`FAIL_PAGE` raises."""


def forced_failure(url_path: str) -> None:
    if os.environ.get(FAIL_PAGE) and os.environ.get(FAIL_PAGE) == url_path:
        raise ForcedFailure(f"{FAIL_PAGE}={url_path}: a failure forced for a test")


def show_unexpected(exc: Exception, where: str) -> None:
    """A visitor never sees a traceback: a message in their language with a reference id; the log has the rest."""
    ref = logs.unexpected(exc, where)
    st.error(_t("app.unexpected", lang(), ref=ref), icon=":material/error:")
    if os.environ.get(RAISE_UNEXPECTED) == "1":
        raise exc
