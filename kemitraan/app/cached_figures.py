"""Figures kept whole between runs: a chart is built once for its data, and every later run, any session's, draws
that same object.

Once a page's queries are cached, building its figures through Plotly's validators and laying them out is most of
what a rerun costs the server: 56–62 % of a cached Jangkauan, Ringkasan or Keberlanjutan run, two thirds of
Profil's (issue 23, py-spy over AppTest reruns). A page names a figure as a :class:`Plot`, the chart function and
its arguments (``w.chart(w.plot(group_bars, df, ...), key=...)``), and ``st.cache_resource`` keeps the laid-out
figure under a digest of them: the function's qualified name and its arguments' contents (Streamlit hashes a data
frame by its values). ``st.cache_data`` would pickle the figure, and an unpickled Figure is validated again, which
is the cost to avoid.

What makes this sound:

- a chart function of :mod:`kemitraan.charts` is pure: its figure depends on its arguments only (those modules
  cannot import Streamlit; import-linter keeps it so). The same data in another store version gives the same
  figure, so the key needs no version;
- a kept figure is never changed after it is laid out: :func:`kemitraan.app.widgets.draw` draws it as it is, and
  Streamlit's ``plotly_chart`` only reads a figure (it serialises a copy). So sessions share it safely;
- a lambda or a nested function is refused (:func:`plot`): its name does not tell it apart from another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import plotly.graph_objects as go
import streamlit as st

from kemitraan.charts.layout import laid_out

#: About 40 page views of distinct charts (eight a page), an hour at most: a day of many filters does not pile up.
_CACHE = {"max_entries": 320, "ttl": 3600, "show_spinner": False}


@dataclass(frozen=True)
class Plot:
    """A figure to build: ``builder(*args, **kwargs)``."""

    builder: Callable[..., go.Figure]
    args: tuple
    kwargs: dict = field(default_factory=dict)

    def kept(self, share: float = 1.0, takeaway: str | None = None) -> go.Figure:
        """The figure laid out for ``share`` of the page's width with ``takeaway`` as its title: built at the
        first call for these arguments, the same object after."""
        name = f"{self.builder.__module__}.{self.builder.__qualname__}"
        return _kept(name, self.args, tuple(sorted(self.kwargs.items())), share, takeaway, self.builder)


def plot(builder: Callable[..., go.Figure], *args, **kwargs) -> Plot:
    """``builder(*args, **kwargs)``, to be built once and kept (:func:`kemitraan.app.widgets.chart` draws it)."""
    if "<" in builder.__qualname__:  # <lambda>, <locals>: a name two different functions could share
        raise TypeError(f"a kept figure needs a module-level chart function, not {builder.__qualname__}")
    return Plot(builder, args, kwargs)


@st.cache_resource(**_CACHE)
def _kept(name: str, args: tuple, kwargs: tuple, share: float, takeaway: str | None, _builder) -> go.Figure:
    # ``_builder`` is not hashed (Streamlit skips parameters named with a leading underscore): ``name`` stands for it
    return laid_out(_builder(*args, **dict(kwargs)), share, takeaway)
