"""Figures kept whole between runs, for the page that draws many of them in every run.

Profil Kemitraan draws one chart per indicator (about ten). Building them through Plotly's validators was most of
a rerun's server time once the queries were cached (issue 23: about 230 ms of a cached Profil rerun, when the
other pages' whole reruns cost 50–170 ms). ``st.cache_resource`` keeps the built and laid-out figures themselves:
``st.cache_data`` would pickle them, and an unpickled Figure is validated again, which is the cost to avoid.

Sharing the objects across sessions is safe because nothing changes them after they are built: the page draws
them with :func:`kemitraan.app.widgets.draw`, which does not lay them out again, and Streamlit's ``plotly_chart``
only reads a figure (it serialises a copy). The key is the store's snapshot, so a new upload or an undo builds
them again, with everything else that decides them: partnership, grain, filters and language.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from kemitraan import contract
from kemitraan.app import cached
from kemitraan.app.session import Snapshot
from kemitraan.app.widgets import laid_out
from kemitraan.charts.explore import profile_indicator
from kemitraan.queries.filters import Filters

#: Each entry is one partnership's charts (a few hundred kB of figures): a meeting's worth of profiles.
_CACHE = {"max_entries": 64, "ttl": 3600, "show_spinner": False}


@dataclass(frozen=True)
class ProfileCharts:
    #: (indicator code, laid-out figure), in the catalog's order; empty when the partnership reported nothing here
    charts: tuple[tuple[str, go.Figure], ...]
    #: whether any chart carries the national or provincial reference values (the page then says what they are)
    any_refs: bool


@st.cache_resource(**_CACHE)
def profile_indicators(db: Snapshot, kode: str, grain: str, f: Filters, lang: str) -> ProfileCharts:
    """Every indicator of partnership ``kode`` over time at ``grain``, in the period of ``f``, each against its
    target and with the country's and its province's reference values dashed, for one of two columns."""
    ind = cached.partnership_indicators(db, kode, grain, f)
    if ind.empty:
        return ProfileCharts((), False)
    p = cached.partnership(db, kode)
    own = (p["provinsi_kode"],) if p is not None and p.get("provinsi_kode") else ()
    reported = set(ind["kode_indikator"])
    charts, any_refs = [], False
    for k in (k for k in contract.indicators() if k in reported):
        refs = cached.reference_lines(db, f, k, own)
        any_refs |= not refs.empty
        charts.append((k, laid_out(profile_indicator(ind, k, lang, refs=refs), share=0.5)))
    return ProfileCharts(tuple(charts), any_refs)
