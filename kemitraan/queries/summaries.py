"""Reach and sustainability of the whole selection and of its groups, from one reading of the rows.

The overview, Jangkauan, Keberlanjutan and the deck each show a headline for the whole selection beside a
chart per category: four summaries (reach and sustainability, each whole and per group) that read the same
indicators over the same range. :func:`summaries` asks for every indicator behind them once, for every
group-by at once (``GROUPING SETS``: :func:`~kemitraan.queries.indicators.indicator_series_sets`), and derives
each summary from those totals exactly as :func:`~kemitraan.queries.reach.reach_summary` and
:func:`~kemitraan.queries.sustainability.sustainability_summary` do (a test holds them equal).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from kemitraan.queries import reach, sustainability
from kemitraan.queries.filters import Filters
from kemitraan.queries.indicators import (
    SASARAN_TAHUN,
    SUSTAIN,
    TERJANGKAU_BERSASARAN,
    dims,
    indicator_series_sets,
)

#: Every indicator behind the two summaries (with the pseudo-indicators of coverage and of cost per contact).
KODES: tuple[str, ...] = tuple(dict.fromkeys([*reach.REACH_KODES, *SUSTAIN]))

#: The group-bys most pages show: the whole selection and per category.
WHOLE_AND_CATEGORY: tuple[tuple[str, ...], ...] = ((), ("kategori",))


class Summary(NamedTuple):
    """One group-by's answers: the indicator totals (:data:`KODES`) and the two summaries built from them."""

    totals: pd.DataFrame
    reach: pd.DataFrame
    sustainability: pd.DataFrame


def summaries(
    con, f: Filters, sets: tuple[tuple[str, ...], ...] = WHOLE_AND_CATEGORY
) -> dict[tuple[str, ...], Summary]:
    """For each group-by of ``sets`` (a tuple of column tuples, ``()`` for the whole selection): its
    :class:`Summary`, all from one statement (the cost per contact too: its pseudo-indicators)."""
    return {
        s: Summary(
            totals=tot,
            reach=reach.reach_from_totals(tot, list(s)),
            sustainability=sustainability.sustainability_from_totals(tot, list(s)),
        )
        for s, tot in totals(con, f, sets).items()
    }


def totals(
    con, f: Filters, sets: tuple[tuple[str, ...], ...] = WHOLE_AND_CATEGORY
) -> dict[tuple[str, ...], pd.DataFrame]:
    """``indicator_totals`` of :data:`KODES` for each group-by of ``sets``, from one statement."""
    sets = tuple(tuple(dims(list(s))) for s in sets)
    return dict(zip(sets, indicator_series_sets(con, f, list(KODES), "semua", [list(s) for s in sets]), strict=True))


def sets_for(by: str | list[str] | tuple[str, ...] | None) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The group-by ``by`` asks for, and the sets to ask with it: the whole selection beside a single column
    (the pair the pages show), ``by`` alone otherwise."""
    key = tuple(dims(by))
    if len(key) == 1 and key[0] != "kode_kemitraan":
        return key, ((), key)
    if not key:
        return key, WHOLE_AND_CATEGORY
    return key, (key,)


def of_kodes(tot: pd.DataFrame, kodes: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """The rows of ``kodes`` among a summary's totals: what ``indicator_totals`` gives for them alone (each
    indicator's row depends on no other; coverage's numerator comes with its denominator)."""
    want = {*kodes, *((TERJANGKAU_BERSASARAN,) if SASARAN_TAHUN in kodes else ())}
    return tot[tot["kode_indikator"].isin(want)].reset_index(drop=True)
