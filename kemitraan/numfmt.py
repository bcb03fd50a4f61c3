"""Numbers the way readers expect them: 1.234,5 in Bahasa Indonesia, 1,234.5 in English."""

from __future__ import annotations

import math


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators``: decimal mark then thousands mark."""
    return ",." if lang == "id" else ".,"


def fmt_number(x: float | int | None, lang: str = "id", decimals: int = 0) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    s = f"{x:,.{decimals}f}"
    if lang == "id":
        s = s.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return s


def fmt_pct(x: float | None, lang: str = "id", decimals: int = 1) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{fmt_number(x, lang, decimals)} %"


def fmt_idr(x: float | None, lang: str = "id") -> str:
    """Rupiah, shortened: Rp 1,2 M (miliar) / IDR 1.2 bn."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    units = [(1e12, "T", "tn"), (1e9, "M", "bn"), (1e6, "jt", "m")]
    for size, id_u, en_u in units:
        if abs(x) >= size:
            v = fmt_number(x / size, lang, 1)
            return f"Rp {v} {id_u}" if lang == "id" else f"IDR {v} {en_u}"
    return f"Rp {fmt_number(x, lang)}" if lang == "id" else f"IDR {fmt_number(x, lang)}"
