"""The period range a page shows: the data's months, the default range, quick picks, reports left out.

A range is a first and a last month (both as the first day of the month). A report counts
when its whole period lies inside the range; a bucket of a chart (a year, a quarter) that the
range covers only in part is *partial* and is labelled so ("2026 (Jan–Jun)").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import duckdb

from kemitraan.queries import _sql
from kemitraan.queries.filters import Filters
from kemitraan.storage import analysis_table


def month_add(d: dt.date, months: int) -> dt.date:
    m = d.year * 12 + d.month - 1 + months
    return dt.date(m // 12, m % 12 + 1, 1)


def months_between(a: dt.date, b: dt.date) -> int:
    """Months from the month of ``a`` to the month of ``b``, both included."""
    return (b.year - a.year) * 12 + b.month - a.month + 1


@dataclass(frozen=True)
class Range:
    """First and last month of a range (first days of the months), both included."""

    start: dt.date
    end: dt.date

    @property
    def months(self) -> int:
        return months_between(self.start, self.end)

    def filters(self, f: Filters) -> Filters:
        """``f`` limited to this range."""
        from dataclasses import replace

        return replace(f, period_from=self.start, period_to=self.end)


def data_months(con) -> Range | None:
    """The months the stored reports cover: the first month of the earliest report to the last month of the latest."""
    try:  # a connection of the analysis cache holds them, computed once (analysis_table.MONTHS)
        lo, hi = con.execute(f"SELECT lo, hi FROM {analysis_table.MONTHS}").fetchone()
    except duckdb.CatalogException:
        lo, hi = con.execute(f"SELECT min(i.periode_mulai), max(i.bulan_terakhir) FROM {_sql.ROWS} i").fetchone()
    return None if lo is None else Range(lo, hi)


def effective(con, f: Filters) -> Range | None:
    """The range a figure covers: the filter's months, or the data's where the filter leaves a side open."""
    data = data_months(con)
    if data is None:
        return None
    return Range(f.period_from or data.start, f.period_to or data.end)


def complete_years(data: Range) -> Range:
    """The whole calendar years inside ``data`` (the default range); all of ``data`` when no year is whole."""
    start = data.start if data.start.month == 1 else dt.date(data.start.year + 1, 1, 1)
    end = data.end if data.end.month == 12 else dt.date(data.end.year - 1, 12, 1)
    return Range(start, end) if start <= end else data


def default_filters(con, f: Filters) -> Filters:
    """``f`` over the pages' default range, the whole calendar years in the data: what the sidebar shows when the URL
    holds no period, and what ``angka`` and ``export`` cover without ``--dari``/``--sampai`` (a side at the data's
    edge stays open, as the sidebar leaves it)."""
    data = data_months(con)
    if data is None:
        return f
    years = complete_years(data)
    return replace(
        f,
        period_from=None if years.start == data.start else years.start,
        period_to=None if years.end == data.end else years.end,
    )


def quick_picks(data: Range) -> dict[str, Range]:
    """Ranges one click away: the last complete year, the last complete quarter, the last 12 months.

    "Complete" is judged against the data: the data end's own year or quarter is complete only
    when the data reach its last month.
    """
    out: dict[str, Range] = {}
    year = data.end.year if data.end.month == 12 else data.end.year - 1
    if dt.date(year, 1, 1) >= data.start:
        out["tahun"] = Range(dt.date(year, 1, 1), dt.date(year, 12, 1))
    q_end = data.end if data.end.month % 3 == 0 else month_add(data.end, -(data.end.month % 3))
    q_start = month_add(q_end, -2)
    if q_start >= data.start:
        out["triwulan"] = Range(q_start, q_end)
    last12 = month_add(data.end, -11)
    if last12 >= data.start:
        out["12_bulan"] = Range(last12, data.end)
    return out


def straddling_reports(con, f: Filters) -> int:
    """Reports (of the filtered partnerships) that overlap the range but do not lie inside it: left out of every figure.

    A report is one period of one partnership, all its indicator values together (as in completeness)."""
    if not (f.period_from or f.period_to):
        return 0
    inside, overlaps = f.period_where("i"), []
    if f.period_from:
        overlaps.append(f"{_sql.last_month('i')} >= $f_dari::DATE")
    if f.period_to:
        overlaps.append("i.periode_mulai <= $f_sampai::DATE")
    sql = f"""SELECT count(DISTINCT (i.kode_kemitraan, i.periode)) FROM {_sql.REPORTS} i
              JOIN kemitraan k USING (kode_kemitraan)
              WHERE {f.partnership_where("k")} AND {" AND ".join(overlaps)} AND NOT ({inside})"""
    return int(_sql.scalar(con, sql, f.params()))
