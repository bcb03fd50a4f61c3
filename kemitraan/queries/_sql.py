"""SQL pieces the query modules share, and the one way a query runs.

Fragments here are built only from constants of this package (a validated grain,
a table alias): never from user input, which always travels as a named parameter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

#: Time grains a page can choose, finest first; ``semua`` is one bucket for the whole range.
GRAINS: tuple[str, ...] = ("bulan", "triwulan", "tahun")
_GRAIN_RANK = {"bulan": 1, "triwulan": 2, "tahun": 3, "semua": 4}
_TRUNC = {"bulan": "month", "triwulan": "quarter", "tahun": "year"}


def _used(sql: str, params: Mapping[str, object]) -> dict[str, object]:
    # DuckDB refuses parameters a statement does not reference; optional CTEs and
    # filters make that set vary, so only the referenced ones are bound.
    return {k: v for k, v in params.items() if re.search(rf"\${re.escape(k)}\b", sql)}


def run(con, sql: str, params: Mapping[str, object] | None = None) -> pd.DataFrame:
    """Run one statement with named parameters (``$name``); the result as a DataFrame."""
    return con.execute(sql, _used(sql, params or {})).fetchdf()


def scalar(con, sql: str, params: Mapping[str, object] | None = None):
    """The first column of the first row (None when there is no row)."""
    row = con.execute(sql, _used(sql, params or {})).fetchone()
    return None if row is None else row[0]


def check_grain(grain: str) -> str:
    if grain not in _GRAIN_RANK:
        raise ValueError(f"unknown grain {grain!r}; expected one of {tuple(_GRAIN_RANK)}")
    return grain


def grain_rank(jenis_expr: str) -> str:
    """1 for a monthly report, 2 quarterly, 3 yearly (``jenis_periode`` of a row)."""
    return f"(CASE {jenis_expr} WHEN 'bulan' THEN 1 WHEN 'triwulan' THEN 2 ELSE 3 END)"


def finer_or_equal(jenis_expr: str, grain: str) -> str:
    """Reports that fit in a bucket of ``grain`` (a quarterly report cannot be split into months)."""
    return "TRUE" if grain == "semua" else f"{grain_rank(jenis_expr)} <= {_GRAIN_RANK[grain]}"


def months_in(jenis_expr: str) -> str:
    """Months covered by one report of its ``jenis_periode``."""
    return f"(CASE {jenis_expr} WHEN 'tahun' THEN 12 WHEN 'triwulan' THEN 3 ELSE 1 END)"


#: The indicator rows every query reads: the ``indikator`` view with ``bulan_terakhir`` (the last month a report
#: covers) and ``tanda`` (why a value is flagged, or NULL) computed once (kemitraan/storage/analysis_table.py).
ROWS = "indikator_analisis"
#: One row per report (a partnership's period, all its values together): kemitraan/storage/rollup.py.
REPORTS = "laporan_kemitraan"


def last_month(alias: str) -> str:
    """First day of the last month a report covers (a column of :data:`ROWS`)."""
    return f"{alias}.bulan_terakhir"


def bucket_last_month(bucket_expr: str, grain: str) -> str:
    """First day of the last month of a bucket of ``grain``."""
    span = {"bulan": 0, "triwulan": 2, "tahun": 11}[grain]
    return f"CAST({bucket_expr} + to_months({span}) AS DATE)"


def bucket(date_expr: str, grain: str) -> str:
    """Start of the ``grain`` bucket holding ``date_expr`` (NULL for the single bucket ``semua``)."""
    return "CAST(NULL AS DATE)" if grain == "semua" else f"CAST(date_trunc('{_TRUNC[grain]}', {date_expr}) AS DATE)"


def period_label(date_expr: str, grain: str) -> str:
    """Canonical period text of a bucket start: ``2024``, ``2024-Q3``, ``2024-07`` (NULL for ``semua``)."""
    if grain == "semua":
        return "CAST(NULL AS VARCHAR)"
    if grain == "tahun":
        return f"strftime({date_expr}, '%Y')"
    if grain == "triwulan":
        return f"(strftime({date_expr}, '%Y') || '-Q' || CAST(quarter({date_expr}) AS VARCHAR))"
    return f"strftime({date_expr}, '%Y-%m')"


def period_label_of(date_expr: str, jenis_expr: str) -> str:
    """Canonical period text of a report from its own start and ``jenis_periode``."""
    return (
        f"(CASE {jenis_expr} WHEN 'tahun' THEN {period_label(date_expr, 'tahun')} "
        f"WHEN 'triwulan' THEN {period_label(date_expr, 'triwulan')} ELSE {period_label(date_expr, 'bulan')} END)"
    )


def group_prefix(dims: list[str], alias: str | None = None) -> str:
    """``a, b, `` (or ``k.a, k.b, ``) to put in front of other columns; empty without groups."""
    return "".join(f"{alias + '.' if alias else ''}{d}, " for d in dims)
