"""Readable tables for the exports: column names and enum codes as labels, number formats per column.

Mirrors ``ui_analysis.column_label`` / ``labelled`` (which live with the Streamlit glue) so the
exports need no Streamlit; the same sources: the contract, the indicator catalog, the ``col.*`` strings.
"""

from __future__ import annotations

import pandas as pd

from kemitraan import contract
from kemitraan.i18n import strings, t

_ENUM_COLUMNS = {"kategori": "kategori", "bidang": "bidang", "fokus": "fokus", "peran_responden": "peran",
                 "tantangan": "tantangan"}


def column_label(col: str, lang: str) -> str:
    """A column's label from the contract, the catalog or the analysis strings; else its name."""
    for kind in contract.KINDS:
        for c in contract.columns(kind):
            if c.name == col:
                return c.label_id if lang == "id" else c.label_en
    if col in contract.indicators():
        return contract.indicator(col).label(lang)
    for key in (f"col.{col}", f"export.col.{col}", f"an.dim.{col}"):
        if key in strings():
            return t(key, lang)
    return col


def labelled(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Codes shown as labels in ``lang``: categories, program areas, provinces, indicators, principles, zones."""
    out = df.copy()
    provs = contract.provinces()
    for c in out.columns:
        if c in _ENUM_COLUMNS:
            out[c] = [contract.enum_label(_ENUM_COLUMNS[c], v, lang) if isinstance(v, str) else v for v in out[c]]
        elif c == "provinsi_kode" and "provinsi" not in out.columns:
            out[c] = [provs[v].nama if v in provs else v for v in out[c]]
        elif c == "zona":
            out[c] = [t(f"zona.{v}", lang) if isinstance(v, str) else v for v in out[c]]
        elif c == "kode_indikator":
            out[c] = [contract.indicator(v).label(lang) if v in contract.indicators() else v for v in out[c]]
        elif c == "prinsip":
            out[c] = [contract.PRINCIPLE_LABELS.get(v, (v, v))[0 if lang == "id" else 1] for v in out[c]]
    return out.rename(columns={c: column_label(c, lang) for c in out.columns})


def number_format(col: str, values: pd.Series) -> str | None:
    """An Excel number format for a numeric column (None for text): whole numbers with thousands, rates with one decimal."""
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return None
    if col in contract.indicators():
        return "#,##0.0" if contract.indicator(col).satuan in ("%", "per 1.000") else "#,##0"
    if col.endswith("_idr"):
        return "#,##0"
    whole = values.dropna().apply(lambda x: float(x).is_integer()).all()
    if col.startswith(("n_", "jumlah_")) or col in ("terjangkau", "target_terjangkau", "sasaran_tahun", "penduduk"):
        return "#,##0" if whole else "#,##0.0"
    return "#,##0" if whole and not col.endswith(("_pct", "skor", "rata_rata")) else "#,##0.0"
