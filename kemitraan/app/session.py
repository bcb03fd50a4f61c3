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
from kemitraan.labels import fmt_number
from kemitraan.storage import analysis_cache, engine, lake_fs
from kemitraan.storage.store import Store, resolved_data_dir

LANG_KEY = "lang"


@st.cache_resource(show_spinner=False)
def _store(root: str) -> Store:
    logs.setup(lake_fs.local_dir(root))
    auth.warn_if_open(st.get_option("server.address"))  # once per process, when the app first serves
    s = Store(root)
    demo.ensure_demo(s)  # a fresh checkout opens on the embedded demo data
    return s


#: ``?per=`` (and the sidebar's "Data per" field): the data as they stood at a snapshot, a date or a moment.
PER_PARAM = "per"
#: The snapshot ``?per=`` resolved to in this session (None: the latest data), set by the sidebar each run.
PER_SNAPSHOT = "_per_snapshot"


def latest_store() -> Store:
    """The store as it is now, whatever ``?per=`` asks (the sidebar resolves ``?per=`` against it)."""
    return _store(resolved_data_dir())


def store() -> Store:
    """The store every page reads: as it is now, or, with a valid ``?per=``, as it stood then (read only)."""
    s = latest_store()
    n = st.session_state.get(PER_SNAPSHOT)
    if n is None:
        return s
    past = st.session_state.get("_per_store")
    if past is None or past.per != n or past.root != s.root:
        past = st.session_state["_per_store"] = s.at(n)
    return past


def read_only() -> bool:
    """The pages show a past snapshot (``?per=``): no upload, undo, redo nor notes."""
    return st.session_state.get(PER_SNAPSHOT) is not None


@st.cache_resource(max_entries=3, show_spinner=False)
def _connection(root: str, version: tuple[str, ...], per: int | None = None) -> duckdb.DuckDBPyConnection:
    # One connection per store version (and past snapshot), over a materialised base file shared by every process
    # and start, with the batches committed since laid over it (storage/analysis_cache.py).
    s = Store(root)
    return analysis_cache.connect(s if per is None else s.at(per))


@dataclass(frozen=True)
class Snapshot:
    """One version of the store: the key of every cached query, and where its rows are.

    Cached query functions take a snapshot as their first argument, so a new upload or
    an undo (a new version) is seen at once and old results are never mixed in.
    """

    root: str
    version: tuple[str, ...]
    per: int | None = None  # a past snapshot of the lake (``?per=``), None for the latest

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor on the process-wide connection (a DuckDB connection is not shared across threads)."""
        return _connection(self.root, self.version, self.per).cursor()


#: The data versions (snapshots) this process has prepared (:func:`prepare_data`).
_PREPARED: set[Snapshot] = set()


def prepare_data() -> None:
    """The first run on a data version in this process: when that version's analysis base must be built first (a
    store no server has read since an upgrade or a restore: about twenty seconds at ten million rows), build it here
    under a message that says so, instead of a page that waits without a word. Later runs, and versions a built
    base serves, pass straight through."""
    snap = snapshot()
    if snap in _PREPARED:
        return
    try:
        rows = analysis_cache.rows_to_build(store())
    except (OSError, duckdb.Error):  # the cache unreadable: the connection falls back as it always did, unannounced
        rows = None
    if rows is not None and rows >= analysis_cache.PREPARE_ROWS:
        with st.spinner(t("app.base.building", rows=fmt_number(rows, lang())), show_time=True):
            snap.cursor().close()
    _PREPARED.add(snap)


#: The snapshot of this script run (a run token, the store's identity, this process's writes, the snapshot).
_RUN_SNAPSHOT = "_run_snapshot"


def _run_token():
    """An object that lives exactly as long as this script run (Streamlit makes a new ``cursors`` dict for every
    run, a fragment's too), or None outside a run."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    return None if ctx is None else ctx.cursors


def snapshot() -> Snapshot:
    """The store's version as this script run sees it: read once per run (a catalog query each time is a tenth of
    a page's queries), again after this process wrote to the store, and in every new run."""
    s = store()
    token = _run_token()
    key = (id(s), str(s.root), s.per, Store.writes)
    seen = st.session_state.get(_RUN_SNAPSHOT) if token is not None else None
    if seen is not None and seen[0] is token and seen[1] == key:
        return seen[2]
    snap = Snapshot(str(s.root), s.version(), s.per)
    if token is not None:
        st.session_state[_RUN_SNAPSHOT] = (token, key, snap)
    return snap


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
    if isinstance(exc, engine.CatalogUnreachable):  # not a bug: said as such (the driver's words are in the log)
        st.error(exc.message(lang()), icon=":material/cloud_off:")
        return
    ref = logs.unexpected(exc, where)
    st.error(_t("app.unexpected", lang(), ref=ref), icon=":material/error:")
    if os.environ.get(RAISE_UNEXPECTED) == "1":
        raise exc
