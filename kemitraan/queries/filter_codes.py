"""The global filters as codes (what a URL, a stored note and the command line hold), and back.

Codes, never labels, so a saved value reads the same in either language:
``{"dari": "2024-01", "sampai": "2024-12", "kategori": ["internasional"], "bidang": ["kb"], "provinsi": ["32"],
"kabupaten": ["32.01"]}`` (kabupaten/kota by Kemendagri code).
``dari``/``sampai`` are the first and last month included (open when absent), as in
``python -m kemitraan export --dari 2024-01 --sampai 2024-12``; the app's URL keeps them as
``?periode=2024-01&periode=2024-12``, which :func:`from_codes` accepts too.
"""

from __future__ import annotations

import datetime as dt
import re

from kemitraan import contract
from kemitraan.queries.filters import Filters

LIST_FIELDS: tuple[str, ...] = ("kategori", "bidang", "provinsi", "kabupaten")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> dt.date | None:
    """``2024-07`` → 1 July 2024; None for anything else (a bad month such as ``2024-13`` included)."""
    m = _MONTH.match(str(text).strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        return None
    return dt.date(int(m.group(1)), int(m.group(2)), 1)


def month_code(d: dt.date | None) -> str | None:
    return None if d is None else f"{d:%Y-%m}"


def to_codes(f: Filters) -> dict[str, object]:
    """Only what is set: an empty dict means no filter."""
    out: dict[str, object] = {}
    if f.period_from:
        out["dari"] = month_code(f.period_from)
    if f.period_to:
        out["sampai"] = month_code(f.period_to)
    for field in LIST_FIELDS:
        values = getattr(f, field)
        if values:
            out[field] = list(values)
    return out


def from_codes(codes: dict | None) -> Filters:
    """The inverse of :func:`to_codes`; unknown codes are dropped (a saved link outlives a renamed code)."""
    codes = codes or {}
    lo, hi = parse_month(codes.get("dari") or ""), parse_month(codes.get("sampai") or "")
    periode = [p for p in (parse_month(v) for v in codes.get("periode") or []) if p]
    if periode and not (lo or hi):
        lo, hi = min(periode), max(periode)
    known = {
        "kategori": set(contract.enum_codes("kategori")),
        "bidang": set(contract.enum_codes("bidang")),
        "provinsi": set(contract.provinces()),
        "kabupaten": set(contract.areas()),
    }
    lists = {
        field: tuple(dict.fromkeys(str(v) for v in (codes.get(field) or []) if str(v) in known[field]))
        for field in LIST_FIELDS
    }
    return Filters(lo, hi, lists["kategori"], lists["bidang"], lists["provinsi"], lists["kabupaten"])


def area_match(text: object, provinsi: tuple[str, ...] = ()) -> contract.AreaMatch:
    """A kabupaten/kota filter value in any spelling ("Kab. Bogor", "kabupaten bogor", "32.01") → its area.

    The chosen provinces (BPS codes) tell same-named areas apart ("Banjar" with Jawa Barat chosen is Kota
    Banjar); a name none of them holds is looked up in the whole country."""
    if provinsi:
        ok = {m.kode for m in (contract.match_area(text, p) for p in provinsi) if m.ok}
        if len(ok) == 1:
            return contract.AreaMatch("ok", ok.pop())
        if ok:
            return contract.AreaMatch("ambiguous", candidates=tuple(sorted(ok)))
    return contract.match_area(text)
