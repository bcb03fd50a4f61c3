"""Periods as the contract defines them: how long a report's period lasts and when it is due."""

from __future__ import annotations

import datetime as dt

#: A report is on time when its tanggal_lapor is at most this many days after the last day of its
#: period (DHIS2's default for a data set's timely submission): 2024-07 is due by 2024-08-15,
#: 2024-Q3 by 2024-10-15, 2024 by 2025-01-15.
REPORT_ON_TIME_DAYS = 15

#: Months covered by one report of each ``jenis_periode``.
PERIOD_MONTHS = {"bulan": 1, "triwulan": 3, "tahun": 12}


def period_end(periode_mulai: dt.date, jenis_periode: str) -> dt.date:
    """The last day of a period given its first day and its type (bulan / triwulan / tahun)."""
    m = periode_mulai.year * 12 + periode_mulai.month - 1 + PERIOD_MONTHS[jenis_periode]
    return dt.date(m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)


def report_due(periode_mulai: dt.date, jenis_periode: str) -> dt.date:
    """The last day a report of the period counts as on time."""
    return period_end(periode_mulai, jenis_periode) + dt.timedelta(days=REPORT_ON_TIME_DAYS)
