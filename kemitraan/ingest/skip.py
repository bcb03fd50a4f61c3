"""Rows that are not records: left out before checking, each kind named in one note with its rows.

Never silent: every row left out here is listed (row numbers as the user sees
them) in a note of the report.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from kemitraan import contract
from kemitraan.generators.template import example_keys
from kemitraan.ingest import normalise as N
from kemitraan.ingest.problems import Problem
from kemitraan.ingest.read import Sheet

MAX_LISTED_ROWS = 30  # row numbers written out in one note; the rest are counted
MAX_CANDIDATES = 100_000  # rows without a partnership code looked at cell by cell
MAX_SUM_CANDIDATES = 500  # rows tested against the sum of the rows above them

# A label that makes a row a total, subtotal or average (Indonesian and English, any case), on contract.norm_label text.
TOTAL_LABEL = re.compile(
    r"(?:grand |sub ?)?total\b.*|totals?|jumlah\b.*|jml\b.*|rata rata\b.*|rerata\b.*"
    r"|average\b.*|mean\b.*|sum\b.*|keseluruhan"
)
# A footnote or a line about the report itself, on the raw text.
FOOTNOTE = re.compile(
    r"(?i)\s*(?:(?:sumber|catatan|keterangan|ket|note|notes|source|sources|nb|n\.b)\s*[:.\-]"
    r"|(?:\*+|†|‡|¹|²|³|\(\d{1,2}\)|\d{1,2}\))\s*\S"
    r"|(?:dicetak|disusun|dibuat|diunduh|printed|generated|prepared|downloaded)\b)"
)
_CANDIDATE = re.compile(
    r"\s*(?:grand|sub|total|jumlah|jml|rata|rerata|average|mean|sum|keseluruhan|sumber"
    r"|catatan|keterangan|ket|note|source|nb|n\.b|dicetak|disusun|dibuat|diunduh|printed"
    r"|generated|prepared|downloaded|\*|†|‡|¹|²|³|\(\d|\d{1,2}\))"
)
# Columns whose cell may carry a totals row's label ("Jumlah Provinsi Jawa Barat", "Total 2024").
LABEL_COLUMNS = ("kode_kemitraan", "nama_kemitraan", "provinsi", "kabupaten_kota", "periode", "mitra_utama")


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
    return Problem.of(
        key,
        file=sheet.file,
        sheet=sheet.name,
        row=None,
        severity="warning",
        level=1,
        count=len(rows),
        n=len(rows),
        rows=np.asarray(rows, dtype=int),
        rowlist=row_list(rows),
        **fmt,
    )


def _deleted(sheet: Sheet) -> np.ndarray:
    """DHIS2 values marked deleted=true."""
    pos = sheet.hm.flags.get("deleted")
    if pos is None or pos >= sheet.data.shape[1]:
        return np.zeros(len(sheet.data), dtype=bool)
    s = sheet.data[pos]
    flags, _bad = N.by_value(s, N.blank_mask(s), N.parse_flag)
    return np.array([f is True for f in flags], dtype=bool)


def _text(v: object) -> str:
    return N.text_value(v) or ""


def _is_total_label(text: str) -> bool:
    key = contract.norm_label(text)
    # an indicator called "Jumlah sumber dana" is data, not a total
    return bool(key) and bool(TOTAL_LABEL.fullmatch(key)) and contract.indicator_code(text) is None


def _by_distinct(s: pd.Series, test) -> np.ndarray:
    """``test`` (distinct texts, lower-cased and trimmed -> bool array) spread back to the rows of the column."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    texts = pd.Index(uniques).astype("str")  # numbers and dates as str() writes them: never a label or a key
    hit = np.append(np.asarray(test(texts.str.strip().str.lower()), dtype=bool), False)
    return hit[codes]


def _candidates(sheet: Sheet) -> np.ndarray:
    """Rows that may be totals or footnotes: no partnership code, or a code cell that reads like a label."""
    pos = sheet.hm.used("kode_kemitraan")
    n = len(sheet.data)
    if pos is None:
        return np.zeros(n, dtype=bool)
    s = sheet.data[pos]
    return N.blank_mask(s) | _by_distinct(s, lambda texts: texts.str.match(_CANDIDATE.pattern))


def _label_positions(sheet: Sheet) -> list[int]:
    hm = sheet.hm
    return [p for name in LABEL_COLUMNS for p in hm.columns.get(name, [])[:1]]


def _totals_and_footnotes(sheet: Sheet, cand: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(labelled totals, footnotes, unlabelled rows left to the sum test), each a mask over the data rows."""
    n = len(sheet.data)
    totals, notes, open_ = (np.zeros(n, dtype=bool) for _ in range(3))
    code_pos = sheet.hm.used("kode_kemitraan")
    label_pos = _label_positions(sheet)
    data = sheet.data
    for i in np.flatnonzero(cand)[:MAX_CANDIDATES]:
        row = data.iloc[i]
        filled = [(p, _text(v)) for p, v in enumerate(row) if not N.is_blank(v)]
        if not filled:
            continue
        code = _text(row.iat[code_pos])
        first = filled[0][1]
        if len(filled) <= 2 and FOOTNOTE.match(first):
            notes[i] = True
        elif any(_is_total_label(t) for p, t in filled if p in label_pos or t == first):
            totals[i] = not code or _is_total_label(code)
        elif not code:
            open_[i] = True
    return totals, notes, open_


def _number_positions(sheet: Sheet) -> list[int]:
    hm = sheet.hm
    names = [c.name for c in contract.columns(hm.kind) if c.dtype == "number"]
    return [p for name in names for p in hm.columns.get(name, [])[:1]] + list(hm.wide)


def _sums(sheet: Sheet, open_: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """Unlabelled rows whose every number is the sum of the same column over the rows above (since the last total)."""
    out = np.zeros(len(sheet.data), dtype=bool)
    idx = np.flatnonzero(open_)[:MAX_SUM_CANDIDATES]
    if not len(idx) or sheet.hm.kind == "survei":
        return out
    positions = _number_positions(sheet)
    if not positions:
        return out
    ind_pos = sheet.hm.used("kode_indikator")
    allowed = set(positions) | ({ind_pos} if ind_pos is not None else set())
    values = {}
    for p in positions:
        s = sheet.data[p]
        values[p] = N.numbers(s, N.blank_mask(s))[0]
    indicator = sheet.data[ind_pos].map(_text).to_numpy(dtype=object) if ind_pos is not None else None
    ends = totals.copy()
    for i in idx:
        row = sheet.data.iloc[i]
        filled = [p for p, v in enumerate(row) if not N.is_blank(v)]
        if any(p not in allowed for p in filled[1:]) or (
            filled and filled[0] not in allowed and _looks_like_data(_text(row.iat[filled[0]]))
        ):
            continue
        start = int(np.flatnonzero(ends[:i])[-1]) + 1 if ends[:i].any() else 0
        before = np.zeros(len(out), dtype=bool)
        before[:i] = True
        if indicator is not None and indicator[i]:
            before &= indicator == indicator[i]
        block = before.copy()
        block[:start] = False
        # a subtotal sums its block; a grand total sums every data row above, or the subtotals above
        groups = (block & ~ends, before & ~ends, before & ends)
        checked = 0
        matches = [True, True, True]
        for p in positions:
            v = values[p][i]
            if np.isnan(v):
                continue
            checked += 1
            for g, rows in enumerate(groups):
                col = values[p][rows]
                col = col[~np.isnan(col)]
                matches[g] = matches[g] and len(col) >= 2 and bool(np.isclose(v, col.sum(), rtol=1e-9, atol=0.01))
        if checked and any(matches):
            out[i] = ends[i] = True
    return out


def _looks_like_data(text: str) -> bool:
    """A first cell that is a number or a date belongs to a data row (a sum row's first cell is a label or empty)."""
    return N.parse_number(text) is not None and not _is_total_label(text)


def _spacers(sheet: Sheet) -> np.ndarray:
    """Blank rows between data rows (the readers drop them; their row numbers are the gaps)."""
    rows = np.asarray(sheet.rows, dtype=int)
    if len(rows) < 2:
        return np.array([], dtype=int)
    gaps = np.flatnonzero(np.diff(rows) > 1)
    if len(gaps) > 10_000:
        gaps = gaps[:10_000]
    return np.concatenate([np.arange(rows[g] + 1, rows[g + 1]) for g in gaps]) if len(gaps) else np.array([], dtype=int)


def _examples(sheet: Sheet) -> tuple[np.ndarray, list[str]]:
    """Rows holding the template's example keys (KMT-CONTOH-01 …): an example to replace, never a record."""
    out = np.zeros(len(sheet.data), dtype=bool)
    found: list[str] = []
    for name, key in example_keys().items():
        pos = sheet.hm.used(name)
        if pos is None:
            continue
        hit = _by_distinct(sheet.data[pos], lambda texts, key=key: texts == key.lower())
        if hit.any():
            out |= hit
            found.append(key)
    return out, found


def skip_rows(sheet: Sheet) -> list[Problem]:
    """Leave out the rows of ``sheet`` that are not records; a note per reason."""
    notes: list[Problem] = []
    if not len(sheet.data):
        return notes
    spacers = _spacers(sheet)
    deleted = _deleted(sheet)
    if deleted.any():
        notes.append(_note(sheet, "ingest.warn.dhis2_deleted", sheet.rows[deleted]))
    example, keys = _examples(sheet)
    if example.any():
        notes.append(_note(sheet, "ingest.warn.skip_example", sheet.rows[example], codes=", ".join(keys)))
        deleted = deleted | example
    cand = _candidates(sheet) & ~deleted
    if cand.any():
        totals, foot, open_ = _totals_and_footnotes(sheet, cand)
        totals |= _sums(sheet, open_, totals)
        if totals.any():
            notes.append(_note(sheet, "ingest.warn.skip_totals", sheet.rows[totals]))
        if foot.any():
            notes.append(_note(sheet, "ingest.warn.skip_footnotes", sheet.rows[foot]))
        deleted = deleted | totals | foot
    if len(spacers):
        notes.append(_note(sheet, "ingest.warn.skip_blank", spacers))
    if deleted.any():
        _drop(sheet, deleted)
    return notes
