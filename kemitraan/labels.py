"""Every label, unit and number format a reader sees, in one place.

Texts come from :mod:`kemitraan.i18n` (words) and :mod:`kemitraan.contract` (column,
enum, indicator and province names); this module decides which one a value gets and
how a number is written: ``1.234,5`` in Bahasa Indonesia, ``1,234.5`` in English,
rupiah shortened to ``Rp 1,2 M`` / ``IDR 1.2 bn``.

Number formatting is written here rather than with babel: babel's compact currency
("Rp4,2 M", half-even rounding) differs from what evaluators write ("Rp 4,3 M"), and
the rest is four lines.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from kemitraan import contract
from kemitraan.i18n import has, t

# --- numbers ----------------------------------------------------------------------------------------


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators``: decimal mark then thousands mark."""
    return ",." if lang == "id" else ".,"


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA


def fmt_number(x: float | int | None, lang: str = "id", decimals: int = 0) -> str:
    if _missing(x):
        return "–"
    s = f"{x:,.{decimals}f}"
    if lang == "id":
        s = s.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return s


def fmt_pct(x: float | None, lang: str = "id", decimals: int = 1) -> str:
    return "–" if _missing(x) else f"{fmt_number(x, lang, decimals)} %"


def fmt_idr(x: float | None, lang: str = "id") -> str:
    """Rupiah, shortened: Rp 1,2 M (miliar) / IDR 1.2 bn."""
    if _missing(x):
        return "–"
    units = [(1e12, "T", "tn"), (1e9, "M", "bn"), (1e6, "jt", "m")]
    for size, id_u, en_u in units:
        if abs(x) >= size:
            v = fmt_number(x / size, lang, 1)
            return f"Rp {v} {id_u}" if lang == "id" else f"IDR {v} {en_u}"
    return f"Rp {fmt_number(x, lang)}" if lang == "id" else f"IDR {fmt_number(x, lang)}"


def value_kind(column: str) -> str:
    """How a column's values are written: ``idr``, ``pct``, ``count``, ``score`` or ``number``.

    An indicator code takes its unit from the catalog; other columns by their name's
    convention (``_pct``, ``_idr``, ``n_``, ``indeks_``/``skor``).
    """
    if column in contract.indicators():
        unit = contract.indicator(column).satuan
        return {"IDR": "idr", "%": "pct"}.get(unit, "rate" if unit == "per 1.000" else "count")
    if column.endswith("_idr"):
        return "idr"
    if column.endswith("_pct"):
        return "pct"
    if column.startswith("n_") or column in ("n", "terjangkau", "target_terjangkau"):
        return "count"
    if column.startswith(("indeks_", "skor")):
        return "score"
    return "number"


def format_value(column: str, value, lang: str) -> str:
    """One value as the reader expects it, the format chosen from the column (see :func:`value_kind`)."""
    kind = value_kind(column)
    if kind == "idr":
        return fmt_idr(value, lang)
    if kind == "pct":
        return fmt_pct(value, lang)
    if kind == "count":
        return fmt_number(value, lang, 0)
    if kind in ("score", "rate"):
        return fmt_number(value, lang, 1)
    if _missing(value):
        return "–"
    return fmt_number(value, lang, 0 if float(value).is_integer() else 1)


# --- names --------------------------------------------------------------------------------------------


# --- periods ------------------------------------------------------------------------------------------

_ROMAN = ("I", "II", "III", "IV")


def month_names(lang: str) -> list[str]:
    """Jan … Des (Indonesian) or Jan … Dec: the abbreviations every time axis and label uses."""
    return t("common.months", lang).split()


def period_label(periode: str | None, lang: str, first: dt.date | None = None, last: dt.date | None = None) -> str:
    """A period as readers write it: ``2024``, ``Tw III 2024`` / ``Q3 2024``, ``Jul 2024``.

    With ``first`` / ``last`` (the months of the period inside the range) a partial period says which
    months it holds: ``2026 (Jan–Jun)``, ``Tw III 2021 (Agu–Sep)``.
    """
    if periode is None or (isinstance(periode, float) and math.isnan(periode)):
        return "–"
    p = str(periode)
    names = month_names(lang)
    if "-Q" in p:
        year, q = p.split("-Q")
        text = t("common.quarter", lang, nomor=_ROMAN[int(q) - 1] if lang == "id" else q, year=year)
        span = 3
        start = dt.date(int(year), 3 * int(q) - 2, 1)
    elif "-" in p:
        year, month = p.split("-")[:2]
        return f"{names[int(month) - 1]} {year}"
    else:
        text, span, start = p, 12, dt.date(int(p), 1, 1)
    if first is None or last is None or pd.isna(first) or pd.isna(last):
        return text
    first, last = pd.Timestamp(first).date(), pd.Timestamp(last).date()
    end = dt.date(start.year + (start.month + span - 2) // 12, (start.month + span - 2) % 12 + 1, 1)
    if first <= start and last >= end:
        return text
    m0, m1 = names[first.month - 1], names[last.month - 1]
    return f"{text} ({m0 if m0 == m1 else f'{m0}–{m1}'})"


def month_label(d: dt.date | None, lang: str) -> str:
    """``Jun 2026``."""
    if d is None or pd.isna(d):
        return "–"
    d = pd.Timestamp(d)
    return f"{month_names(lang)[d.month - 1]} {d.year}"


def range_label(first: dt.date, last: dt.date, lang: str) -> str:
    """A range of months: ``2022–2025`` for whole years, else ``Agu 2021 – Jun 2026``."""
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    if first.month == 1 and last.month == 12:
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    return f"{month_label(first, lang)} – {month_label(last, lang)}"


# --- names --------------------------------------------------------------------------------------------


def dim_label(dim: str, code: object, lang: str) -> str:
    """Label of a value of a grouping dimension (an enum code becomes its label, a BPS code its province)."""
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return "–"
    if code == contract.OTHERS:  # every group a chart did not keep
        return t("common.others", lang)
    if dim == "provinsi_kode":
        prov = contract.provinces().get(str(code))
        return prov.nama if prov else str(code)
    if dim == "kabupaten_kode":
        area = contract.areas().get(str(code))
        return area.nama if area else str(code)
    col = next((c for c in contract.columns("kemitraan") if c.name == dim), None)
    if col is not None and col.enum:
        return contract.enum_label(col.enum, str(code), lang)
    return str(code)


def dims_label(dim: str, lang: str) -> str:
    """The dimension's name in the plural, for titles ("kategori kemitraan", "provinces")."""
    return t(f"an.dims.{'provinsi' if dim == 'provinsi_kode' else dim}", lang)


#: Indicators that count service contacts (a person served twice counts twice, docs/METHODS.md §6): their unit
#: is "kontak layanan" wherever a figure of them is shown (axis, title, KPI), never "orang".
CONTACT_COUNTS = ("terjangkau", "kelompok_rentan_terjangkau")


def unit_label(kode: str, lang: str) -> str:
    """The unit of an indicator in ``lang`` (kontak layanan / service contacts, orang / people, Rp / IDR, %, …)."""
    if kode in CONTACT_COUNTS:
        return t("satuan.kontak", lang)
    sat = contract.indicator(kode).satuan
    return t(f"satuan.{sat}", lang) if has(f"satuan.{sat}") else sat


#: The map's unit for each catalog ``peta`` measure other than the value itself (docs/METHODS.md, "The map").
_MAP_UNITS = {
    "per_1000_penduduk": "an.peta.per_1000",
    "per_100000_penduduk": "an.peta.per_100000",
    "per_penduduk": "an.peta.per_person",
    "persen_target": "an.peta.pct_target",
}


def map_unit_label(kode: str, lang: str) -> str:
    """What the map shows of an indicator, in ``lang``: its own unit for a rate or an average ("%", "per 1.000"),
    else "kontak layanan per 1.000 penduduk", "Rp per penduduk", "% dari target" (catalog column ``peta``)."""
    measure = contract.indicator(kode).peta
    if measure == "nilai":
        return unit_label(kode, lang)
    return t(_MAP_UNITS[measure], lang, satuan=unit_label(kode, lang))


def areas_label(level: str, lang: str) -> str:
    """A map level's areas in the plural, inside a sentence: "provinsi" / "provinces", "kabupaten/kota"."""
    return t({"provinsi": "an.peta.areas.provinsi", "kabupaten": "an.peta.areas.kabupaten"}[level], lang)


def kind_label(kind: str, lang: str) -> str:
    """A record kind as the reader calls it (Kemitraan / Partnerships, Indikator / Indicators, Survei / Survey)."""
    return t(f"upload.kind.{kind}", lang)


def aggregation_note(kode: str, row: dict, lang: str) -> str:
    """How an indicator's figure was aggregated, for a reader: unit, rule and n.

    ``row`` is the indicator's row of ``indicator_totals`` / ``indicator_series`` (``n_kemitraan``,
    ``bulan_stok``, ``n_tidak_melapor``, ``n_ditandai_akhir``, ``tertimbang``, ``n_tanpa_penyebut``).
    """
    ind = contract.indicator(kode)
    unit = unit_label(kode, lang)
    n = int(row.get("n_kemitraan") or 0)
    if ind.is_rate:
        if row.get("tertimbang"):
            rule = t("fig.agg.rate", lang, penyebut=ind.denominator(lang))
            missing = int(row.get("n_tanpa_penyebut") or 0)
            if missing:
                rule += " " + t("fig.agg.rate_missing", lang, n=missing)
        else:
            rule = t("fig.agg.unweighted", lang, n=int(row.get("n_tanpa_penyebut") or 0))
    elif ind.agregasi_waktu == "terakhir":
        rule = t("fig.agg.stock", lang, bulan=month_label(row.get("bulan_stok"), lang))
        for col, key in (("n_tidak_melapor", "fig.agg.stock_stopped"), ("n_ditandai_akhir", "fig.agg.stock_flagged")):
            if int(row.get(col) or 0):  # said beside the figure wherever it is shown (pages, angka, exports)
                rule += " " + t(key, lang, n=int(row[col]))
    else:
        rule = t("fig.agg.flow", lang)
    return t("fig.note", lang, satuan=unit, aturan=rule, n=fmt_number(n, lang))  # 17.934 / 17,934, as the page


def status_note(status: dict, month: dt.date | None, lang: str) -> str:
    """Beside the count of active partnerships (a row of ``partnership_status``): the month it describes and, as
    beside an end-of-range stock, how many active partnerships stopped reporting."""
    parts = [t("fig.status_on", lang, tanggal=month_label(month, lang))] if month else []
    if int(status.get("n_tidak_melapor") or 0):
        parts.append(t("fig.agg.stock_stopped", lang, n=int(status["n_tidak_melapor"])))
    return " ".join(parts)


def change_unit(kode: str, lang: str) -> str:
    """The unit of a change in ``kode``: percentage points for a percentage, else the indicator's unit."""
    return t("satuan.poin_persen", lang) if contract.indicator(kode).satuan == "%" else unit_label(kode, lang)


def fmt_change(x: float | None, lang: str, decimals: int = 1) -> str:
    """A signed change with the reader's decimal mark: ``−10,0`` / ``+1.5`` (the minus sign, not a hyphen)."""
    if _missing(x):
        return "–"
    s = fmt_number(abs(x), lang, decimals)
    return ("+" if x > 0 else "−" if x < 0 and s.strip("0,.") else "") + s


def principle_label(prinsip: str, lang: str) -> str:
    return contract.PRINCIPLE_LABELS.get(prinsip, (prinsip, prinsip))[0 if lang == "id" else 1]


def column_label(col: str, lang: str) -> str:
    """A column's label from the contract, the catalog or the analysis strings; else its name."""
    for kind in contract.KINDS:
        for c in contract.columns(kind):
            if c.name == col:
                return c.label_id if lang == "id" else c.label_en
    if col in contract.indicators():
        return contract.indicator(col).label(lang)
    for key in (f"col.{col}", f"export.col.{col}", f"an.dim.{col}"):
        if has(key):
            return t(key, lang)
    return col


_ENUM_COLUMNS = {
    "kategori": "kategori",
    "bidang": "bidang",
    "fokus": "fokus",
    "peran_responden": "peran",
    "tantangan": "tantangan",
    "jenis_periode": "jenis_periode",
}


def _enum_cell(enum: str, v, lang: str):
    """A code as its label; a list of codes (a survey's challenges) as the list of their labels."""
    if isinstance(v, str):
        return contract.enum_label(enum, v, lang)
    if isinstance(v, (list, tuple)) or hasattr(v, "tolist"):
        return [contract.enum_label(enum, x, lang) if isinstance(x, str) else x for x in list(v)]
    return v


def labelled(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Enum codes shown as labels in ``lang`` (kategori, bidang, fokus, zona, indicator codes, principles)."""
    out = df.copy()
    for c in out.columns:
        if c in _ENUM_COLUMNS:
            out[c] = [_enum_cell(_ENUM_COLUMNS[c], v, lang) for v in out[c]]
        elif c == "provinsi_kode" and "provinsi" not in out.columns:
            out[c] = [dim_label(c, v, lang) if isinstance(v, str) else v for v in out[c]]
        elif c == "zona":
            out[c] = [t(f"zona.{v}", lang) if isinstance(v, str) else v for v in out[c]]
        elif c == "kode_indikator":
            out[c] = [contract.indicator(v).label(lang) if v in contract.indicators() else v for v in out[c]]
        elif c == "prinsip":
            out[c] = [principle_label(v, lang) for v in out[c]]
        elif c == "jenis_data":
            out[c] = [kind_label(v, lang) if v in contract.KINDS else v for v in out[c]]
    return out


def formatted(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Numbers as text in the reader's convention (1.234,5 / 1,234.5), for summary tables."""
    out = df.copy()
    for c in out.columns:
        col = out[c]
        if pd.api.types.is_bool_dtype(col) or not pd.api.types.is_numeric_dtype(col):
            continue
        whole = col.dropna().apply(lambda x: float(x).is_integer()).all()
        out[c] = [fmt_number(x, lang, 0 if whole else 1) if pd.notna(x) else "–" for x in col]
    return out
