"""The global filters every page applies, and the SQL they become (bound parameters only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Filters:
    period_from: dt.date | None = None  # first day of the first month included
    period_to: dt.date | None = None  # first day of the last month included
    kategori: tuple[str, ...] = ()
    bidang: tuple[str, ...] = ()
    provinsi: tuple[str, ...] = ()  # BPS codes

    def partnership_where(self, alias: str = "k") -> tuple[str, list]:
        """Conditions on the ``kemitraan`` view (aliased ``alias``)."""
        parts, params = ["TRUE"], []
        for col, values in (("kategori", self.kategori), ("bidang", self.bidang), ("provinsi_kode", self.provinsi)):
            if values:
                parts.append(f"{alias}.{col} IN ({', '.join('?' * len(values))})")
                params.extend(values)
        return " AND ".join(parts), params

    def period_where(self, alias: str = "i") -> tuple[str, list]:
        """Conditions on a period start column (``periode_mulai`` of ``indikator``)."""
        parts, params = ["TRUE"], []
        if self.period_from:
            parts.append(f"{alias}.periode_mulai >= ?")
            params.append(self.period_from)
        if self.period_to:
            parts.append(f"{alias}.periode_mulai <= ?")
            params.append(self.period_to)
        return " AND ".join(parts), params

    def is_empty(self) -> bool:
        return not (self.period_from or self.period_to or self.kategori or self.bidang or self.provinsi)
