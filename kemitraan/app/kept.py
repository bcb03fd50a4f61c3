"""Figures and formatted tables kept whole between runs: built once for their data, and every later run, any
session's, draws that same object.

Once a page's queries are cached, building its figures through Plotly's validators and laying them out is most of
what a rerun costs the server: 56–62 % of a cached Jangkauan, Ringkasan or Keberlanjutan run, two thirds of
Profil's (issue 23, py-spy over AppTest reruns). A page names a figure as a :class:`Plot`, the chart function and
its arguments (``w.chart(w.plot(group_bars, df, ...), key=...)``), and ``st.cache_resource`` keeps the laid-out
figure under a digest of them: the function's qualified name and its arguments pickled, a frame as its columns'
values. (Streamlit's own hashing took 3 ms for a 200-row frame, 43 % of a Profil rerun with ten charts over one
frame; this takes under 1 ms. Equal data that pickled differently would only cost a second build.)
``st.cache_data`` would pickle the figure, and an unpickled Figure is validated again: the cost to avoid.

What makes this sound:

- a chart function of :mod:`kemitraan.charts` is pure: its figure depends on its arguments only (those modules
  cannot import Streamlit; import-linter keeps it so). The same data in another store version gives the same
  figure, so the key needs no version;
- a kept figure is never changed after it is laid out: :func:`kemitraan.app.widgets.draw` draws it as it is, and
  Streamlit's ``plotly_chart`` only reads a figure (it serialises a copy). So sessions share it safely;
- a lambda or a nested function is refused (:func:`plot`): its name does not tell it apart from another;
- arguments that cannot be pickled are drawn without being kept.

A summary table formatted for the reader (numbers written in the language's convention, ``labels.formatted``) is kept
the same way (:func:`kept`): it was a tenth of a cached Dampak rerun. Streamlit's ``dataframe`` only reads it.
"""

from __future__ import annotations

import hashlib
import inspect
import io
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from kemitraan.charts.layout import laid_out

#: About 40 page views (eight charts and two tables a page), an hour at most: a day of many filters does not pile up.
_CACHE = {"max_entries": 400, "ttl": 3600, "show_spinner": False}


@dataclass(frozen=True)
class Plot:
    """A figure to build: ``builder(*args, **kwargs)``."""

    builder: Callable[..., go.Figure]
    args: tuple
    kwargs: dict = field(default_factory=dict)

    def kept(self, share: float = 1.0, takeaway: str | None = None) -> go.Figure:
        """The figure laid out for ``share`` of the page's width with ``takeaway`` as its title: built at the
        first call for these arguments, the same object after (:func:`kept`)."""
        kwargs = tuple(sorted(self.kwargs.items(), key=lambda kv: kv[0]))
        return kept(_laid_out, self.builder, self.args, kwargs, share, takeaway)


def _laid_out(builder: Callable[..., go.Figure], args: tuple, kwargs: tuple, share: float, takeaway: str | None):
    # module-level, so its name keys the figure; ``builder`` is pickled by its qualified name, as a function is
    return laid_out(builder(*args, **dict(kwargs)), share, takeaway)


class _ContentPickler(pickle.Pickler):
    """Pickles a data frame or a series as its contents (labels, dtypes, values), not its internal layout: a query's
    frame as computed and the same frame out of Streamlit's data cache pickle alike."""

    def reducer_override(self, obj):
        if isinstance(obj, pd.DataFrame):
            values = [_values(col) for _, col in obj.items()]
            return _contents, (list(obj.columns), [str(d) for d in obj.dtypes], obj.index.to_numpy(), values)
        if isinstance(obj, pd.Series):
            return _contents, (obj.name, str(obj.dtype), obj.index.to_numpy(), _values(obj))
        return NotImplemented


def _values(col: pd.Series):
    """A column's values as pickle takes them fastest: an Arrow-backed column (text, the queries' labels) as its Arrow
    array in one piece, pickled as buffers (turning it into Python strings was half of a digest's time); any other
    as NumPy gives it (a masked column's hidden values stay out of the key)."""
    if isinstance(col.array, pd.arrays.ArrowExtensionArray):
        got = pa.array(col.array)
        return got.combine_chunks() if isinstance(got, pa.ChunkedArray) else got
    return col.to_numpy()


def _contents(*parts):  # named in the pickled key only: never called
    raise NotImplementedError


def _digest(value) -> str:
    buf = io.BytesIO()
    pickler = _ContentPickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    # no memo: a value met twice is written twice, so equal contents give equal bytes whether or not their cells are
    # one object (a frame as computed shares its strings, the same frame out of a cache does not)
    pickler.fast = True
    pickler.dump(value)
    return hashlib.blake2b(buf.getbuffer(), digest_size=20).hexdigest()


def plot(builder: Callable[..., go.Figure], *args, **kwargs) -> Plot:
    """``builder(*args, **kwargs)``, to be built once and kept (:func:`kemitraan.app.widgets.chart` draws it)."""
    _check(builder)
    return Plot(builder, args, kwargs)


def kept(fn: Callable, *args):
    """``fn(*args)`` computed once for these arguments' contents and shared by every run after: ``fn`` must be pure
    and what it returns must never be changed by its reader."""
    _check(fn)
    try:
        key = _digest((f"{fn.__module__}.{fn.__qualname__}", args))
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        return fn(*args)
    return _kept(key, lambda: fn(*args))


def _check(fn: Callable) -> None:
    """Only a plain function of a module the package imports: its qualified name then tells it apart. A lambda or a
    nested function (``<lambda>``, ``<locals>``), a bound method (its instance is not in the key) and a function of a
    page script (Streamlit runs every page as ``__main__``) could share a name with another."""
    if not inspect.isfunction(fn) or "<" in fn.__qualname__ or fn.__module__ == "__main__":
        raise TypeError(f"a kept figure or table needs a module-level function, not {fn!r}")


@st.cache_resource(**_CACHE)
def _kept(digest: str, _build: Callable[[], object]):
    # ``_build`` is not hashed (Streamlit skips a parameter whose name starts with an underscore): ``digest`` is the key
    return _build()
