"""Tables as they leave in exports: labels for codes and headers (from :mod:`kemitraan.labels`), Excel number
formats."""

from __future__ import annotations

import pandas as pd

from kemitraan import contract
from kemitraan.labels import column_label, labelled


def readable(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Codes shown as labels and the columns renamed to their labels, in ``lang`` (for exported tables)."""
    return labelled(df, lang).rename(columns={c: column_label(c, lang) for c in df.columns})


def number_format(col: str, values: pd.Series) -> str | None:
    """An Excel number format for a numeric column (None for text): whole numbers with thousands, rates with one
    decimal."""
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return None
    if col in contract.indicators():
        return "#,##0.0" if contract.indicator(col).is_rate else "#,##0"
    if col.endswith("_idr"):
        return "#,##0"
    whole = values.dropna().apply(lambda x: float(x).is_integer()).all()
    if col.startswith(("n_", "jumlah_")) or col in ("terjangkau", "target_terjangkau", "sasaran_tahun", "penduduk"):
        return "#,##0" if whole else "#,##0.0"
    return "#,##0" if whole and not col.endswith(("_pct", "skor", "rata_rata")) else "#,##0.0"
