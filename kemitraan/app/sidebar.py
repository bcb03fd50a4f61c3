"""The sidebar: the global filters (kept in the URL as codes), quick period picks, the demo-data notice.

The period defaults to the whole calendar years in the data (a partial first or last year would
look like a collapse next to full ones); quick picks set the last complete year, the last complete
quarter or the last 12 months in one click. A chart click on a page narrows the same filters
(:func:`request_filter`), so the headline figures and the URL follow it.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from kemitraan import contract, escape
from kemitraan.app import cached
from kemitraan.app.session import PER_PARAM, PER_SNAPSHOT, lang, latest_store, snapshot, store
from kemitraan.app.url_state import to_url, url_choice
from kemitraan.errors import LocalisedError
from kemitraan.generators import demo_state
from kemitraan.i18n import t as _t
from kemitraan.queries import filter_codes, overview, periods
from kemitraan.queries.filters import Filters
from kemitraan.storage import per
from kemitraan.storage.lake_io import StoreError

FILTER_KEYS = ("periode", "kategori", "bidang", "provinsi", "kabupaten", "tandai")
#: Filters a chart click may set (kategori, bidang, provinsi as BPS codes, kabupaten as Kemendagri codes: the map).
CLICKABLE = ("kategori", "bidang", "provinsi", "kabupaten")
_PENDING = "_pending_filters"


def month_label(d: dt.date) -> str:
    return f"{d:%Y-%m}"


def _province(value: str) -> str | None:
    return contract.province_by_code(value) or contract.province_by_name(value)


def _area(value: str, provinsi: tuple[str, ...]) -> str | None:
    m = filter_codes.area_match(value, provinsi)
    return m.kode if m.ok else None


def request_filter(field: str, codes: tuple[str, ...]) -> None:
    """Set a sidebar filter from a page (a chart click) and run again: the widgets are drawn before the page,
    so the value waits in the session until the next run puts it in the widget and the URL."""
    if field not in CLICKABLE:
        raise ValueError(f"a chart click cannot set {field!r}")
    st.session_state.setdefault(_PENDING, {})[field] = list(codes)
    st.rerun()


def _apply_pending(lg: str) -> None:
    pending = st.session_state.pop(_PENDING, None) or {}
    for field, codes in pending.items():
        st.session_state[f"_c_{field}"] = codes
        for lang_ in ("id", "en"):
            st.session_state.pop(f"{field}_{lang_}", None)
        st.session_state[f"{field}_{lg}"] = codes


def _quick_pick(picks: dict) -> None:
    """The pills' callback: set the slider to the picked range, then clear the pill (it is an action, not a state).

    The range lives in ``_periode``; the slider is keyed by a generation number that a pick bumps, so the
    new slider starts from the picked range (a range slider takes its start from ``value`` only)."""
    name = st.session_state.get("periode_cepat")
    if name in picks:
        st.session_state["_periode"] = picks[name]
        st.session_state["_periode_gen"] = st.session_state.get("_periode_gen", 0) + 1
    st.session_state["periode_cepat"] = None


def _period(sb, lg: str) -> tuple[dt.date | None, dt.date | None]:
    """The period slider (months), its quick picks, and the months chosen (None on a side left at the data's edge)."""
    data = cached.data_months(snapshot())
    if data is None:
        return None, None
    months = [month_label(d) for d in overview.month_range(data.start, data.end)]
    if len(months) < 2:
        return None, None
    default = periods.complete_years(data)
    default_pair = (month_label(default.start), month_label(default.end))
    ss = st.session_state
    if "_periode" not in ss or not set(ss["_periode"]) <= set(months):  # seeded from the URL, else complete years
        asked = [m for m in st.query_params.get_all("periode") if m in months]
        ss["_periode"] = (min(asked), max(asked)) if asked else default_pair
    start, end = sb.select_slider(
        _t("filters.period", lg),
        options=months,
        value=tuple(ss["_periode"]),
        key=f"periode_{ss.get('_periode_gen', 0)}",
    )
    ss["_periode"] = (start, end)
    picks = {
        name: (month_label(r.start), month_label(r.end))
        for name, r in [*periods.quick_picks(data).items(), ("semua", data)]
    }
    sb.pills(
        _t("filters.pick", lg),
        list(picks),
        key="periode_cepat",
        label_visibility="collapsed",
        format_func=lambda n: _t(f"filters.pick.{n}", lg),
        on_change=_quick_pick,
        args=(picks,),
        help=_t("filters.pick.help", lg),
    )
    to_url("periode", [start, end] if (start, end) != default_pair else [])
    first = dt.date.fromisoformat(start + "-01")
    last = dt.date.fromisoformat(end + "-01")
    return (first if first != data.start else None), (last if last != data.end else None)


def data_per() -> int | None:
    """The sidebar's "Data per" field, kept in the URL as ``?per=`` (a snapshot number, a date, or a date and time:
    :mod:`kemitraan.storage.per`). Set, every page reads the store as it stood then, read only, and says so; a value
    that cannot be used is said and the latest data are shown. Returns the snapshot shown (None: the latest)."""
    lg, ss = lang(), st.session_state
    if PER_PARAM not in ss:
        ss[PER_PARAM] = (st.query_params.get(PER_PARAM) or "").strip()
    text = (
        st.sidebar.text_input(
            _t("export.data_date", lg), key=PER_PARAM, help=_t("store.per.help", lg), placeholder="2026-03-03"
        )
        or ""
    ).strip()
    ss[PER_SNAPSHOT] = None
    if text:
        try:
            ss[PER_SNAPSHOT] = per.open_per(latest_store(), text).per
        except StoreError as exc:  # not a moment, no such snapshot, before the first one: the latest data
            reason = exc.message(lg) if isinstance(exc, LocalisedError) else str(exc)
            st.warning(
                _t("store.per.invalid", lg, value=escape.markdown(text), reason=escape.markdown(reason)),
                icon=":material/history:",
            )
    to_url(PER_PARAM, [text] if text else [])
    if ss[PER_SNAPSHOT] is not None:
        sid, when = store().snapshot_info()
        st.info(
            _t("store.per.banner", lg, id=sid, waktu=escape.markdown(when.isoformat(sep=" ", timespec="seconds"))),
            icon=":material/history:",
        )
    return ss[PER_SNAPSHOT]


def sidebar_filters() -> Filters:
    """Draw the global filters; their values live in the URL, so a copied link reproduces the view.

    The URL holds codes (``?kategori=internasional&provinsi=32&periode=2024-01&periode=2024-12``),
    not the labels on screen, so a link works in either language; labels in either language
    and province names are accepted too when a link is typed by hand.
    """
    lg = lang()
    _apply_pending(lg)
    sb = st.sidebar
    sb.header(_t("filters.header", lg))
    period_from, period_to = _period(sb, lg)
    provs = contract.provinces()
    chosen = {}
    for key, parse, options, text in (
        (
            "kategori",
            lambda v: contract.enum_code("kategori", v),
            contract.enum_codes("kategori"),
            lambda c, lg_: contract.enum_label("kategori", c, lg_),
        ),
        (
            "bidang",
            lambda v: contract.enum_code("bidang", v),
            contract.enum_codes("bidang"),
            lambda c, lg_: contract.enum_label("bidang", c, lg_),
        ),
        ("provinsi", _province, list(provs), lambda c, lg_: provs[c].nama),
    ):
        chosen[key] = url_choice(
            sb.multiselect,
            _t(f"filters.{key}", lg),
            options,
            key=key,
            text=text,
            default=[],
            multi=True,
            parse=parse,
            placeholder=_t("filters.all", lg),
            select_all=False,  # Streamlit's own "Select all" is English only, and all is what none chosen means
        )
    kab_options = cached.kabupaten_options(snapshot(), tuple(chosen["provinsi"]))
    # In the URL as Kemendagri codes (?kabupaten=32.01); a hand-typed name in any spelling is read too.
    chosen["kabupaten"] = url_choice(
        sb.multiselect,
        _t("filters.kabupaten", lg),
        kab_options,
        key="kabupaten",
        text=lambda c, lg_: contract.area_name(c),
        default=[],
        multi=True,
        parse=lambda v: _area(v, tuple(chosen["provinsi"])),
        placeholder=_t("filters.all", lg),
        select_all=False,
    )
    flagged = _flag_toggle(sb, lg)
    f = Filters(
        period_from,
        period_to,
        tuple(chosen["kategori"]),
        tuple(chosen["bidang"]),
        tuple(chosen["provinsi"]),
        tuple(chosen["kabupaten"]),
        include_flagged=flagged,
    )
    st.session_state["_filters"] = f
    return f


def _flag_toggle(sb, lg: str) -> bool:
    """Include the values the data-quality rules flag (off by default); kept in the URL as ``tandai=1``."""
    if "tandai" not in st.session_state:
        st.session_state["tandai"] = st.query_params.get("tandai") in ("1", "ya", "yes", "true")
    on = sb.toggle(_t("filters.flagged", lg), key="tandai", help=_t("filters.flagged.help", lg))
    to_url("tandai", ["1"] if on else [])
    return bool(on)


def filters() -> Filters:
    return st.session_state.get("_filters") or Filters()


def demo_notice() -> None:
    """The demo banner while demo data is live: "demo data" alone, or "mixes demo data with yours"."""
    text = demo_state.banner_text(cached.banner_state(snapshot()), lang())
    if text:
        st.sidebar.info(text, icon=":material/science:")
