"""The page downloads ("this page", "this deck"): PowerPoint, offline HTML and XLSX of the slides behind a page.

One call per page (``deck_downloads("jangkauan")``). The files are built only when asked — a button
prepares them, with each step shown, then three download buttons serve them — from the same deck functions
as the ``export`` command (:func:`kemitraan.export.deck.build_deck` and the three writers), for the sidebar's
filters and the page's language. Prepared files are kept in the session for exactly those filters, language,
slides and store version (one set per session, the last one prepared); when any of them changes, the page asks
to prepare again instead of serving files that no longer match the view.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

import streamlit as st

from kemitraan.app.session import lang, snapshot, store
from kemitraan.app.sidebar import filters
from kemitraan.export import deck
from kemitraan.i18n import t

#: The deck slides that correspond to each page ("this page"); pages without slides of their own offer the
#: default deck.
PAGE_SLIDES: dict[str, tuple[str, ...]] = {
    "ringkasan": ("ringkasan", "jangkauan", "dana", "dampak", "pembanding"),
    "jangkauan": ("jangkauan", "cakupan", "rentan"),
    "keberlanjutan": ("dana", "status"),
    "dampak": ("dampak", "pembanding"),
    "kesehatan_kemitraan": ("kesehatan", "kepuasan"),
    "peta": ("peta",),
    "bandingkan": deck.DEFAULT_SLIDES,
    "jelajah_data": deck.DEFAULT_SLIDES,
}
#: The session keeps one prepared set (the last one asked for): a deck's HTML weighs ~5 MB with plotly.js.
STATE = "_deck_dl"
FORMATS: dict[str, str] = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "html": "text/html",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Prepared:
    """The files of one request, and what they were made for."""

    signature: tuple
    files: dict[str, bytes]
    seconds: dict[str, float]  # per step: deck, pptx, html, xlsx

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def _signature(name: str, slides: tuple[str, ...]) -> tuple:
    return (name, snapshot().version, filters(), lang(), slides)


def prepare(name: str, slides: tuple[str, ...], status=None) -> Prepared:
    """Build the deck once and write it three ways; ``status`` (an ``st.status``) shows each step."""
    # the writers (python-pptx, xlsxwriter: 0.15 s of imports) loaded when a download is asked, not with every page
    from kemitraan.export import html_export, pptx_export, xlsx_export

    lg, f, s = lang(), filters(), store()
    con = snapshot().cursor()
    seconds: dict[str, float] = {}

    def step(name: str, label: str, fn):
        if status is not None:
            status.update(label=label)
            status.write(label)
        t0 = time.perf_counter()
        out = fn()
        seconds[name] = time.perf_counter() - t0
        return out

    d = step("deck", t("dl.step.deck", lg, n=len(slides)), lambda: deck.build_deck(con, s, f, lg, list(slides)))
    files = {
        "pptx": step("pptx", t("dl.step.pptx", lg), lambda: pptx_export.to_pptx(d)),
        "html": step("html", t("dl.step.html", lg), lambda: html_export.to_html(d).encode("utf-8")),
        "xlsx": step("xlsx", t("dl.step.xlsx", lg), lambda: xlsx_export.to_xlsx(d, con, s)),
    }
    return Prepared(_signature(name, slides), files, seconds)


def _ask(name: str) -> None:
    # The request waits in the session for the script's run, where the steps can be shown as they happen.
    st.session_state[f"{STATE}_asked_{name}"] = True


def file_name(name: str, fmt: str) -> str:
    return f"kemitraan-{name}-{dt.date.today():%Y-%m-%d}.{fmt}"


def deck_downloads(
    page: str | None = None, *, slides: list[str] | tuple[str, ...] | None = None, name: str | None = None
) -> None:
    """PPTX, HTML and XLSX of a page's slides (``page``) or of a chosen deck (``slides``), prepared on request."""
    lg = lang()
    keys = tuple(slides) if slides is not None else PAGE_SLIDES.get(page or "", deck.DEFAULT_SLIDES)
    name = name or page or "presentasi"
    sig = _signature(name, keys)
    with st.popover(
        t("pres.downloads" if slides is not None else "dl.header", lg),
        icon=":material/download:",
        key=f"deck_dl_pop_{name}",
    ):
        st.caption(t("dl.intro", lg, slides=", ".join(deck.slide_label(k, lg) for k in keys)))
        ready: Prepared | None = st.session_state.get(STATE)
        if ready is not None and ready.signature != sig:
            if ready.signature[0] == name:
                st.caption(t("dl.stale", lg))
            ready = None
        st.button(
            t("dl.prepare", lg),
            key=f"deck_dl_go_{name}",
            icon=":material/build:",
            type="primary" if ready is None else "secondary",
            on_click=_ask,
            args=(name,),
        )
        if st.session_state.pop(f"{STATE}_asked_{name}", False):
            with st.status(t("dl.preparing", lg), expanded=True) as status:
                ready = prepare(name, keys, status)
                status.update(
                    label=t("dl.ready", lg, s=f"{ready.total:.1f}".replace(".", "," if lg == "id" else ".")),
                    state="complete",
                    expanded=False,
                )
            st.session_state[STATE] = ready
        if ready is None:
            return
        with st.container(horizontal=True, key=f"deck_dl_files_{name}"):
            for fmt, mime in FORMATS.items():
                blob = ready.files[fmt]
                st.download_button(
                    t(f"dl.{fmt}", lg),
                    data=blob,
                    file_name=file_name(name, fmt),
                    mime=mime,
                    key=f"deck_dl_{fmt}_{name}",
                    on_click="ignore",
                    icon=":material/description:",
                )
