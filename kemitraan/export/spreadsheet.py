"""Tables as CSV and XLSX bytes that are safe to open in a spreadsheet.

Text that starts with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return) could
run as a formula when opened in Excel or LibreOffice, so it is prefixed with a
single quote (OWASP "CSV injection"). Numbers, dates and booleans are written as
such, never as text; list cells are joined with ``; ``.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_text(value: object) -> object:
    """``'=1+1`` for ``=1+1``; any non-text value unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _cell(value: object) -> object:
    if isinstance(value, (list, tuple, np.ndarray)):
        return escape_text("; ".join(str(v) for v in value))
    return escape_text(value)


def text_only(values: pd.Series) -> bool:
    """A column that holds only text or missing values (pandas' string dtypes; not an object or categorical column,
    which may hold lists, numbers or dates): escaped, and written, as a whole."""
    dtype = values.dtype
    return (
        pd.api.types.is_string_dtype(dtype)
        and not pd.api.types.is_object_dtype(dtype)
        and not isinstance(dtype, pd.CategoricalDtype)
    )


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text (and list) cell escaped; numeric columns untouched."""
    out = df.copy()
    for i in range(out.shape[1]):  # by position: two columns may share a name
        col = out.iloc[:, i]
        if text_only(col):
            risky = col.str.startswith(FORMULA_START).fillna(False).astype(bool)
            if risky.any():
                out.isetitem(i, col.mask(risky, "'" + col))
        elif isinstance(col.dtype, pd.CategoricalDtype) or pd.api.types.is_object_dtype(col):
            out.isetitem(i, [_cell(v) for v in col.tolist()])
    out.columns = [str(escape_text(str(c))) for c in out.columns]
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (so Excel reads the accents), comma-separated."""
    return safe_frame(df).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "data") -> bytes:
    """One sheet; strings are written as strings (never parsed into formulas) and escaped."""
    out = safe_frame(df)
    for i in range(out.shape[1]):  # Excel has no time zones (by position: two columns may share a name)
        if isinstance(out.iloc[:, i].dtype, pd.DatetimeTZDtype):
            out.isetitem(i, out.iloc[:, i].dt.tz_localize(None))
    buf = io.BytesIO()
    with pd.ExcelWriter(
        buf,
        engine="xlsxwriter",
        date_format="yyyy-mm-dd",
        datetime_format="yyyy-mm-dd hh:mm",
        engine_kwargs={
            "options": {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
        },
    ) as xw:
        name = (sheet or "data")[:31]
        out.to_excel(xw, sheet_name=name, index=False)
        ws = xw.sheets[name]
        ws.freeze_panes(1, 0)
        if len(out.columns):
            ws.autofilter(0, 0, max(len(out), 1), len(out.columns) - 1)
        for ci, c in enumerate(out.columns):  # readable widths from the header and the first rows
            width = max([len(str(c))] + [len(str(v)) for v in out.iloc[:200, ci]])
            ws.set_column(ci, ci, min(60, max(10, width + 2)))
    return buf.getvalue()
