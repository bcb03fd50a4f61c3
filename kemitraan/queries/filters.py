"""The global filters every page applies, and the SQL conditions they become.

Conditions reference *named* parameters (``$f_kategori``, ``$f_dari`` …) whose
values come from :meth:`Filters.params`; :func:`kemitraan.queries._sql.run` binds
only the ones a statement uses, so a condition can appear in several CTEs of one
statement without repeating its values.

A report counts for a period range only when its whole period lies inside the range
(a quarter reported as 2024-Q3 does not count for a range that starts in August):
:func:`kemitraan.queries.periods.straddling_reports` counts the ones left out so pages
can say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kemitraan.queries import _sql


@dataclass(frozen=True)
class Filters:
    period_from: dt.date | None = None  # first day of the first month included
    period_to: dt.date | None = None  # first day of the last month included
    kategori: tuple[str, ...] = ()
    bidang: tuple[str, ...] = ()
    provinsi: tuple[str, ...] = ()  # BPS codes
    kabupaten: tuple[
        str, ...
    ] = ()  # kabupaten/kota Kemendagri codes ("32.01"; filter_codes.area_match reads any spelling)
    include_flagged: bool = False  # values the data-quality rules flag are left out of figures unless True

    def params(self) -> dict[str, object]:
        """Values of every parameter the conditions below may reference."""
        return {
            "f_kategori": list(self.kategori),
            "f_bidang": list(self.bidang),
            "f_provinsi": list(self.provinsi),
            "f_kabupaten": list(self.kabupaten),
            "f_dari": self.period_from,
            "f_sampai": self.period_to,
        }

    def partnership_where(self, alias: str = "k") -> str:
        """Conditions on the ``kemitraan`` view (aliased ``alias``)."""
        parts = ["TRUE"]
        for col, values, name in (
            ("kategori", self.kategori, "f_kategori"),
            ("bidang", self.bidang, "f_bidang"),
            ("provinsi_kode", self.provinsi, "f_provinsi"),
            ("kabupaten_kode", self.kabupaten, "f_kabupaten"),
        ):
            if values:
                parts.append(f"list_contains(${name}::VARCHAR[], {alias}.{col})")
        return " AND ".join(parts)

    def period_where(self, alias: str = "i") -> str:
        """Reports whose whole period lies inside the range (``periode_mulai`` and ``jenis_periode`` of ``alias``)."""
        return self._within_range(f"{alias}.periode_mulai", _sql.last_month(alias))

    def year_where(self, alias: str = "i") -> str:
        """Conditions on a calendar year (``tahun`` of ``alias``, the yearly rollup) for a range of whole years:
        the same reports as :meth:`period_where` when the range runs from a January to a December."""
        parts = ["TRUE"]
        if self.period_from:
            parts.append(f"{alias}.tahun >= year($f_dari::DATE)")
        if self.period_to:
            parts.append(f"{alias}.tahun <= year($f_sampai::DATE)")
        return " AND ".join(parts)

    def survey_where(self, alias: str = "s") -> str:
        """Conditions on a survey date (``tanggal_survei``): the months of the period range."""
        return self._within_range(f"{alias}.tanggal_survei", f"date_trunc('month', {alias}.tanggal_survei)")

    def _within_range(self, first: str, last_month: str) -> str:
        """``first`` on or after the range's start, ``last_month`` not after its last month (SQL expressions)."""
        parts = ["TRUE"]
        if self.period_from:
            parts.append(f"{first} >= $f_dari::DATE")
        if self.period_to:  # period_to is the first day of the last month included
            parts.append(f"{last_month} <= $f_sampai::DATE")
        return " AND ".join(parts)

    def is_empty(self) -> bool:
        return not (
            self.period_from or self.period_to or self.kategori or self.bidang or self.provinsi or self.kabupaten
        )
