"""Rows that are not records: left out before checking, each kind named in one note with its rows.

Never silent: every row left out here is listed (row numbers as the user sees
them) in a note of the report.
"""

from __future__ import annotations

import numpy as np

from kemitraan.ingest import normalise as N
from kemitraan.ingest.problems import Problem
from kemitraan.ingest.read import Sheet

MAX_LISTED_ROWS = 30  # row numbers written out in one note; the rest are counted


def row_list(rows: list[int] | np.ndarray) -> str:
    """``2, 5–7, 12`` (runs joined), at most MAX_LISTED_ROWS numbers, then ``… (n)``."""
    rows = sorted(int(r) for r in rows)
    parts: list[str] = []
    shown = 0
    i = 0
    while i < len(rows) and shown < MAX_LISTED_ROWS:
        j = i
        while j + 1 < len(rows) and rows[j + 1] == rows[j] + 1:
            j += 1
        parts.append(str(rows[i]) if i == j else f"{rows[i]}–{rows[j]}")
        shown += j - i + 1
        i = j + 1
    text = ", ".join(parts)
    return text if i >= len(rows) else f"{text}, … ({len(rows)})"


def _drop(sheet: Sheet, mask: np.ndarray) -> None:
    keep = ~mask
    sheet.data = sheet.data[keep].reset_index(drop=True)
    sheet.rows = sheet.rows[keep]


def _note(sheet: Sheet, key: str, rows: np.ndarray, **fmt: object) -> Problem:
    return Problem.of(key, file=sheet.file, sheet=sheet.name, row=None, severity="warning", level=1,
                      count=len(rows), n=len(rows), rows=row_list(rows), **fmt)


def _deleted(sheet: Sheet) -> np.ndarray:
    """DHIS2 values marked deleted=true."""
    pos = sheet.hm.flags.get("deleted")
    if pos is None or pos >= sheet.data.shape[1]:
        return np.zeros(len(sheet.data), dtype=bool)
    s = sheet.data[pos]
    flags, _bad = N.by_value(s, N.blank_mask(s), N.parse_flag)
    return np.array([f is True for f in flags], dtype=bool)


def skip_rows(sheet: Sheet) -> list[Problem]:
    """Leave out the rows of ``sheet`` that are not records; a note per reason."""
    notes: list[Problem] = []
    if not len(sheet.data):
        return notes
    deleted = _deleted(sheet)
    if deleted.any():
        notes.append(_note(sheet, "ingest.warn.dhis2_deleted", sheet.rows[deleted]))
        _drop(sheet, deleted)
    return notes
