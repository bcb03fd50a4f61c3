"""One sheet being checked (its context: where each problem is located) and the checks of its cells:
text lengths, numbers, values of a vocabulary, required columns."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from kemitraan import contract
from kemitraan.i18n import t
from kemitraan.ingest import dhis2, limits
from kemitraan.ingest import normalise as N
from kemitraan.ingest.problems import Both, Problem
from kemitraan.ingest.read import Sheet

MAX_PROBLEMS_PER_COLUMN = 5000  # beyond this a column's errors are counted, not each listed


class Context:
    """Collects problems for one sheet and marks bad rows."""

    def __init__(self, sheet: Sheet, progress: Callable[[float], None] | None = None):
        self.sheet = sheet
        self._progress = progress
        self._done = 0
        self._hint: str | None = None
        self.n = len(sheet.data)
        self.bad = np.zeros(self.n, dtype=bool)
        self.problems: list[Problem] = []
        self.elements: dhis2.ElementMap | None = None
        self.date_column: str | None = None

    def step(self, total: int) -> None:
        """One more of ``total`` columns done."""
        self._done += 1
        if self._progress:
            self._progress(min(self._done / max(total, 1), 1.0))

    def number_hint(self) -> str:
        """The convention the sheet's number columns show, for a column whose own cells cannot tell."""
        if self._hint is None:
            hm = self.sheet.hm
            positions = [hm.used(c.name) for c in contract.columns(hm.kind) if c.dtype == "number"] + list(hm.wide)
            votes_id = votes_en = 0
            for pos in positions:
                if pos is None:
                    continue
                cells = self.sheet.data[pos].iloc[:20000]
                cells = cells[[isinstance(v, str) and v.strip() != "" for v in cells]]
                if len(cells):
                    a, b = N.number_votes(N.clean_number_strings(cells))
                    votes_id, votes_en = votes_id + a, votes_en + b
            self._hint = "en" if votes_en > votes_id else "id"
        return self._hint

    def header(self, pos: int) -> str:
        return self.sheet.hm.headers[pos]

    def flag(
        self,
        mask: np.ndarray,
        pos: int | None,
        key: str,
        *,
        values=None,
        column: str | None = None,
        severity: str = "error",
        hint: Callable[[object], tuple[str, str] | None] | None = None,
        **fmt: object,
    ) -> None:
        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        if severity == "error":
            self.bad[idx] = True
        col = column if column is not None else (self.header(pos) if pos is not None else None)
        raw = values if values is not None else (self.sheet.data[pos] if pos is not None else None)
        for i in idx[:MAX_PROBLEMS_PER_COLUMN]:
            value = None if raw is None else raw.iat[i] if hasattr(raw, "iat") else raw[i]
            text = N.text_value(value) if value is not None else None
            self.problems.append(
                Problem.of(
                    key,
                    file=self.sheet.file,
                    sheet=self.sheet.name,
                    row=int(self.sheet.rows[i]),
                    column=col,
                    value=text,
                    severity=severity,
                    hint=hint(text) if hint is not None and text else None,
                    **fmt,
                )
            )
        if len(idx) > MAX_PROBLEMS_PER_COLUMN:
            self.problems.append(
                Problem.of(
                    "ingest.cli.more",
                    file=self.sheet.file,
                    sheet=self.sheet.name,
                    column=col,
                    severity=severity,
                    n=len(idx) - MAX_PROBLEMS_PER_COLUMN,
                    count=len(idx) - MAX_PROBLEMS_PER_COLUMN,
                )
            )

    def sheet_problem(self, key: str, column: str | None = None, severity: str = "error", **fmt: object) -> None:
        self.problems.append(
            Problem.of(
                key,
                file=self.sheet.file,
                sheet=self.sheet.name,
                row=self.sheet.header_row,
                column=column,
                severity=severity,
                level=1,
                **fmt,
            )
        )


def choices(enum: str) -> Both:
    return Both(
        *(
            ", ".join(f"{code} ({contract.enum_label(enum, code, lang)})" for code in contract.ENUMS[enum])
            for lang in ("id", "en")
        )
    )


def fmt_bound(x: float) -> str:
    return f"{x:g}"


def col(ctx: Context, name: str) -> tuple[int | None, pd.Series | None, np.ndarray]:
    pos = ctx.sheet.hm.used(name)
    if pos is None:
        return None, None, np.ones(ctx.n, dtype=bool)
    s = ctx.sheet.data[pos]
    return pos, s, N.blank_mask(s)


def lengths(ctx: Context, name: str) -> None:
    """A text longer than its field's limit (limits.TEXT_LIMITS) is an error where it stands: never cut."""
    limit = limits.TEXT_LIMITS.get(name)
    pos, s, _blank = col(ctx, name)
    if limit is None or s is None:
        return
    # lengths of the text cells as they are (numbers and dates are short); only those over the limit are trimmed
    try:
        lens = s.str.len().fillna(0).to_numpy(dtype=np.int64, copy=True)
    except AttributeError:  # no text cell at all (numbers, dates): nothing long
        return
    over = np.flatnonzero(lens > limit)
    lens[over] = [len(N.text_value(s.iat[i]) or "") for i in over]
    over = over[lens[over] > limit]
    ctx.bad[over] = True
    for i in over[:MAX_PROBLEMS_PER_COLUMN]:
        ctx.problems.append(
            Problem.of(
                "ingest.exp.too_long",
                file=ctx.sheet.file,
                sheet=ctx.sheet.name,
                row=int(ctx.sheet.rows[i]),
                column=ctx.header(pos),
                value=N.text_value(s.iat[i]),
                limit=limits.grouped(limit),
                n=limits.grouped(int(lens[i])),
            )
        )


def text(ctx: Context, name: str) -> pd.Series:
    """Trimmed text as Arrow-backed strings (missing where blank): no Python object per cell."""
    lengths(ctx, name)
    pos, s, blank = col(ctx, name)
    if s is None:
        return pd.Series([None] * ctx.n, dtype="str")
    if isinstance(s.dtype, pd.StringDtype):
        vals = s.str.strip()
    else:
        vals = pd.Series([N.text_value(v) for v in s], dtype="str")
    vals = vals.reset_index(drop=True)
    vals[blank] = None
    return vals


def by_value(ctx: Context, name: str, fn, key: str, hint=None, **fmt) -> tuple[np.ndarray, np.ndarray]:
    pos, s, blank = col(ctx, name)
    out = np.empty(ctx.n, dtype=object)
    out[:] = None
    if s is None:
        return out, blank
    vals, bad = N.by_value(s, blank, fn)
    out[:] = vals
    ctx.flag(bad, pos, key, hint=hint, **fmt)
    return out, blank


def numbers(ctx: Context, name: str) -> tuple[np.ndarray, np.ndarray]:
    pos, s, blank = col(ctx, name)
    if s is None:
        return np.full(ctx.n, np.nan), blank
    if ctx.sheet.hm.dhis2:  # DHIS2 writes numbers one way only: 1234.5
        values, bad, _conv, _amb = N.numbers(s, blank, convention="en")
        ctx.flag(bad, pos, "ingest.exp.dhis2_number")
        return values, blank
    values, bad, conv, ambiguous = N.numbers(s, blank, ctx.number_hint())
    flag_numbers(ctx, bad, pos, s, conv)
    if ambiguous:
        ambiguous_note(ctx, pos, s, blank, values, conv)
    return values, blank


def ambiguous_note(ctx: Context, pos: int, s: pd.Series, blank: np.ndarray, values: np.ndarray, conv: str) -> None:
    """Every number of the column reads two ways ("1.250"): one warning for the column, naming its first such
    cell (row and value as typed) and the number it was read as, so the reader can check one cell."""
    first = next((i for i in np.flatnonzero(~blank) if not np.isnan(values[i])), None)
    if first is None:  # nothing was read: the cells' own errors say so
        return
    read = values[first]
    ctx.problems.append(
        Problem.of(
            f"ingest.warn.ambiguous_number_{conv}",
            file=ctx.sheet.file,
            sheet=ctx.sheet.name,
            row=int(ctx.sheet.rows[first]),
            column=ctx.header(pos),
            value=N.text_value(s.iat[first]),
            severity="warning",
            level=1,
            read=f"{read:.0f}" if float(read).is_integer() else f"{read:g}",
        )
    )


def flag_numbers(ctx: Context, bad: np.ndarray, pos: int, s: pd.Series, conv: str) -> None:
    """A bad number that reads in the other convention gets the message that says so."""
    other = "en" if conv == "id" else "id"
    idx = np.flatnonzero(bad)[:MAX_PROBLEMS_PER_COLUMN]
    wrong_way = np.zeros(len(bad), dtype=bool)
    cells = s.iloc[idx]
    is_str = np.array([isinstance(v, str) for v in cells], dtype=bool)
    if is_str.any():
        _v, still_bad = N.parse_number_strings(N.clean_number_strings(cells[is_str]), other)
        wrong_way[idx[is_str]] = ~still_bad
    conv_id, conv_en = t(f"ingest.conv.{conv}", "id"), t(f"ingest.conv.{conv}", "en")
    for i in np.flatnonzero(wrong_way):
        ctx.bad[i] = True
        ctx.problems.append(
            Problem(
                ctx.sheet.file,
                ctx.sheet.name,
                int(ctx.sheet.rows[i]),
                ctx.header(pos),
                N.text_value(s.iat[i]),
                t("ingest.exp.number_convention", "id", convention=conv_id),
                t("ingest.exp.number_convention", "en", convention=conv_en),
            )
        )
    ctx.flag(bad & ~wrong_way, pos, "ingest.exp.number")


def required(ctx: Context, kind: str, name: str, blank: np.ndarray) -> None:
    if contract.column(kind, name).required:
        pos = ctx.sheet.hm.used(name)
        required_values(ctx, blank, pos, ctx.header(pos) if pos is not None else name)


def required_values(ctx: Context, blank: np.ndarray, pos: int | None, column: str) -> None:
    """A required column empty in every row is one problem (its cause), not one per row."""
    if ctx.n > 1 and blank.all():
        ctx.bad[:] = True
        ctx.sheet_problem("ingest.exp.required_empty_column", column=column, n=ctx.n, count=ctx.n, rows=ctx.sheet.rows)
        return
    ctx.flag(blank, pos, "ingest.exp.required_value", column=column)


def nullable(values: np.ndarray, dtype: str) -> pd.Series:
    s = pd.Series(values, dtype="float64")
    return s.astype(dtype)
