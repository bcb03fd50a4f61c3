"""Streamlit glue shared by app.py and the pages: store, connection, language, filters.

The only module of the package that imports streamlit (tests/test_architecture.py
checks it), so everything else stays usable from the command line and exports.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import plotly.graph_objects as go
import streamlit as st

from kemitraan import contract, demo, queries
from kemitraan.filters import Filters
from kemitraan.i18n import norm_lang
from kemitraan.i18n import t as _t
from kemitraan.store import Store, default_data_dir

from streamlit.runtime.pages_manager import PagesManager

LANG_KEY = "lang"
FILTER_KEYS = ("periode", "kategori", "bidang", "provinsi")


@st.cache_resource(show_spinner=False)
def _store(root: str) -> Store:
    s = Store(root)
    demo.ensure_demo(s)  # a fresh checkout opens on the embedded demo data
    return s


def store() -> Store:
    return _store(str(default_data_dir().resolve()))


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(root: str, version: tuple[str, ...]) -> duckdb.DuckDBPyConnection:
    # Materialised once per store version: every page's queries then run in memory.
    return Store(root).connect(materialize=True)


def con() -> duckdb.DuckDBPyConnection:
    """A cursor on the process-wide connection (DuckDB connections are not thread-safe)."""
    s = store()
    return _connection(str(s.root), s.version()).cursor()


def _leave_pages_directory_mode() -> None:
    """Make a deep link to a page work on a freshly started server.

    Streamlit treats a folder called ``pages/`` next to the entry script as the
    old (v1) multipage layout until the first run of app.py calls
    ``st.navigation``. A first visitor who opens ``/jangkauan`` directly would get
    the page without app.py: no language switch, no filters. Every page calls
    ``lang()``; here we leave that mode and run again, and because every page's
    ``url_path`` equals its file name (tests check it), the rerun through
    app.py's navigation lands on the same page with the same URL parameters.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def lang() -> str:
    _leave_pages_directory_mode()
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


def _month_label(d: dt.date) -> str:
    return f"{d:%Y-%m}"


def url_choice(widget, label: str, options: list, *, key: str, text, default=None, multi: bool = False,
               parse=None, **kwargs):
    """A page-level choice (``st.selectbox``, ``st.segmented_control``, ``st.multiselect`` or a column's)
    kept in the URL as codes, so a copied link works in either language.

    ``text(code, lang)`` is the label shown. Like the global filters, the widget
    is keyed per language and seeded from the code kept in ``_c_<key>``:
    Streamlit stores these widgets' state as the displayed label, which a
    language switch would otherwise lose. Hand-typed labels in either language
    are accepted in the URL too, or whatever ``parse(value) -> code | None`` accepts.
    """
    ss, canon, lg = st.session_state, f"_c_{key}", lang()
    if canon not in ss:
        if parse is None:
            lookup = {contract.norm_header(text(c, lang_)): c for c in options for lang_ in ("id", "en")}
            lookup.update({contract.norm_header(c): c for c in options})

            def parse(v):
                return lookup.get(contract.norm_header(v))

        asked = [parse(v) for v in st.query_params.get_all(key)]
        asked = list(dict.fromkeys(a for a in asked if a is not None))
        ss[canon] = asked if multi else (asked[0] if asked else None)
        if not asked:
            ss[canon] = default
    wkey = f"{key}_{lg}"
    if wkey not in ss:
        current = ss[canon]
        if multi:
            ss[wkey] = [c for c in (current or []) if c in options]
        else:
            ss[wkey] = current if current in options else (default if default in options else options[0])
    value = widget(label, options, key=wkey, format_func=lambda c: text(c, lg), **kwargs)
    ss[canon] = value
    _to_url(key, [str(v) for v in (value or [])] if multi else ([] if value in (None, default) else [str(value)]))
    return value


def _to_url(key: str, values: list[str]) -> None:
    """Write a filter back as codes. app.py runs before every page, so this survives navigation."""
    if values:
        if st.query_params.get_all(key) != values:
            st.query_params[key] = values
    elif key in st.query_params:
        del st.query_params[key]


def _province(value: str) -> str | None:
    return contract.province_by_code(value) or contract.province_by_name(value)


def sidebar_filters() -> Filters:
    """Draw the global filters; their values live in the URL, so a copied link reproduces the view.

    The URL holds codes (``?kategori=internasional&provinsi=32&periode=2024-01&periode=2024-12``),
    not the labels on screen, so a link works in either language; labels in either language
    and province names are accepted too when a link is typed by hand.
    """
    lg = lang()
    sb = st.sidebar
    sb.header(_t("filters.header", lg))
    lo, hi = queries.period_bounds(con())
    period_from = period_to = None
    months = [_month_label(d) for d in queries.month_range(lo, hi)] if lo and hi else []
    if len(months) > 1:
        if "_periode_url" not in st.session_state:  # a range slider takes its start from `value`, once
            asked = [m for m in st.query_params.get_all("periode") if m in months]
            st.session_state["_periode_url"] = (min(asked), max(asked)) if asked else (months[0], months[-1])
        start, end = sb.select_slider(_t("filters.period", lg), options=months, key="periode",
                                      value=st.session_state["_periode_url"])
        if start != months[0]:
            period_from = dt.date.fromisoformat(start + "-01")
        if end != months[-1]:
            period_to = dt.date.fromisoformat(end + "-01")
        _to_url("periode", [start, end] if (period_from or period_to) else [])
    provs = contract.provinces()
    chosen = {}
    for key, parse, options, text in (
        ("kategori", lambda v: contract.enum_code("kategori", v), contract.enum_codes("kategori"),
         lambda c, lg_: contract.enum_label("kategori", c, lg_)),
        ("bidang", lambda v: contract.enum_code("bidang", v), contract.enum_codes("bidang"),
         lambda c, lg_: contract.enum_label("bidang", c, lg_)),
        ("provinsi", _province, list(provs), lambda c, lg_: provs[c].nama),
    ):
        chosen[key] = url_choice(sb.multiselect, _t(f"filters.{key}", lg), options, key=key, text=text, default=[],
                                 multi=True, parse=parse, placeholder=_t("filters.all", lg))
    f = Filters(period_from, period_to, tuple(chosen["kategori"]), tuple(chosen["bidang"]), tuple(chosen["provinsi"]))
    st.session_state["_filters"] = f
    return f


def filters() -> Filters:
    return st.session_state.get("_filters") or Filters()


def demo_notice() -> None:
    if demo.DEMO_BATCH in {b.removeprefix("batch=") for b in store().version()}:
        st.sidebar.info(_t("app.demo_banner", lang()), icon=":material/science:")


def chart(fig: go.Figure, key: str | None = None, **kwargs):
    return st.plotly_chart(fig, width="stretch", config={"displaylogo": False}, key=key, **kwargs)


def empty_state() -> None:
    st.info(_t("empty.no_data", lang()), icon=":material/filter_alt_off:")
