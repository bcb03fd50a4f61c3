"""The sidebar: the global filters (kept in the URL as codes) and the demo-data notice."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from kemitraan import contract
from kemitraan.app import cached
from kemitraan.app.session import lang, snapshot, store
from kemitraan.app.url_state import to_url, url_choice
from kemitraan.generators import demo
from kemitraan.i18n import t as _t
from kemitraan.queries import overview
from kemitraan.queries.filters import Filters

FILTER_KEYS = ("periode", "kategori", "bidang", "provinsi")


def month_label(d: dt.date) -> str:
    return f"{d:%Y-%m}"


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
    lo, hi = cached.period_bounds(snapshot())
    period_from = period_to = None
    months = [month_label(d) for d in overview.month_range(lo, hi)] if lo and hi else []
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
        to_url("periode", [start, end] if (period_from or period_to) else [])
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
