"""One sheet -> canonical rows of its kind, every unreadable or impossible cell located.

The output frame holds the stored columns of the kind for every data row (for a
wide indicator sheet, one row per filled indicator cell), plus ``_row`` (row
number as the user sees it), ``_pos`` (position in the sheet's data, to give
invalid rows back as they came) and ``_bad`` (the row has an error).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kemitraan import contract
from kemitraan.ingest import dhis2, skip, suggest
from kemitraan.ingest.cells import Context  # noqa: F401
from kemitraan.ingest.headers import missing_columns
from kemitraan.ingest.kinds import indikator_rows, kemitraan_rows, survei_rows
from kemitraan.ingest.problems import Both, Problem, kind_name
from kemitraan.ingest.read import Sheet


@dataclass
class Checked:
    sheet: Sheet
    kind: str
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    dropped_personal: list[tuple[str, str | None, str]] = field(default_factory=list)
    file_index: int = 0  # which file of the upload the sheet came from
    counts: dict[str, int] = field(default_factory=dict)  # new / replaced / unchanged / invalid
    date_column: str | None = None  # survei: the header the survey date came from (a question or a meta column)

    @property
    def bad(self) -> np.ndarray:
        return self.frame["_bad"].to_numpy(dtype=bool)


def check(
    sheet: Sheet, progress: Callable[[float], None] | None = None, *, elements: dhis2.ElementMap | None = None
) -> Checked:
    """Normalise and validate one sheet; ``progress(fraction)`` is called as its columns are done.

    ``elements`` maps DHIS2 data elements to indicators (the shipped mapping when None).
    """
    kind = sheet.kind
    hm = sheet.hm
    notes = skip.skip_rows(sheet)
    ctx = Context(sheet, progress)
    ctx.elements = elements
    ctx.problems.extend(notes)
    if hm.source == "dhis2_order":
        ctx.sheet_problem(
            "ingest.warn.dhis2_headerless" if hm.headerless else "ingest.warn.dhis2_by_position", severity="warning"
        )
    dropped = [(sheet.file, sheet.name, hm.headers[p]) for p in hm.personal]
    for p in hm.personal:
        ctx.sheet_problem("ingest.warn.personal", column=hm.headers[p], severity="warning")
    missing = _missing_columns(kind, hm)
    near = suggest.header(kind)
    misspelt: dict[str, int] = {}  # a missing required column -> the unknown header that is most likely it
    for p in hm.unknown:
        guess = near.answer(hm.headers[p])
        if guess in missing and guess not in misspelt:
            misspelt[guess] = p
    for p in hm.unknown:
        if p not in misspelt.values():
            ctx.sheet_problem(
                "ingest.warn.ignored_column",
                column=hm.headers[p],
                severity="warning",
                kind=kind_name(kind),
                hint=near(hm.headers[p]),
            )
    for name, positions in hm.columns.items():
        # several province columns are reconciled; _uuid / KEY / meta-instanceID are one id written twice
        if len(positions) > 1 and name not in ("provinsi", "respon_id"):
            for p in positions[1:]:
                ctx.sheet_problem(
                    "ingest.warn.duplicate_column",
                    column=hm.headers[p],
                    severity="warning",
                    name=name,
                    used=hm.headers[positions[0]],
                )

    for name in missing:  # the cause of every row's failure: one problem, with the rows it stands for
        c = contract.column(kind, name)
        if name in misspelt:
            ctx.sheet_problem(
                "ingest.exp.required_column_unknown",
                column=hm.headers[misspelt[name]],
                name=name,
                n=ctx.n,
                count=ctx.n,
                rows=sheet.rows,
                hint=suggest.hint(name),
            )
        else:
            ctx.sheet_problem(
                "ingest.exp.required_column",
                column=name,
                name=name,
                n=ctx.n,
                count=ctx.n,
                rows=sheet.rows,
                synonyms=", ".join(c.synonyms[:4]) or "—",
                label=Both(c.label_id, c.label_en),
            )
    if missing:
        ctx.bad[:] = True
        frame = _empty_frame(kind, ctx)
        return Checked(sheet, kind, frame, ctx.problems, dropped)

    if kind == "kemitraan":
        frame = kemitraan_rows(ctx)
    elif kind == "indikator":
        frame = indikator_rows(ctx)
    else:
        frame = survei_rows(ctx)
    return Checked(sheet, kind, _typed(frame, kind), ctx.problems, dropped, date_column=ctx.date_column)


def _typed(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Text as Arrow-backed strings and dates as datetime64: no Python object per cell for pandas and DuckDB."""
    for name, sql in contract.stored_schema(kind):
        col = frame[name]
        if col.dtype != object:
            continue
        if sql == "VARCHAR":
            frame[name] = col.astype("str")
        elif sql == "DATE":
            frame[name] = pd.to_datetime(col).astype("datetime64[s]")
    return frame


def _missing_columns(kind: str, hm) -> list[str]:
    return missing_columns(hm)


def _empty_frame(kind: str, ctx: Context) -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series([None] * ctx.n, dtype=object) for c in contract.stored_columns(kind)})
    return df.assign(_row=ctx.sheet.rows, _pos=np.arange(ctx.n), _bad=ctx.bad.copy())


# ------------------------------------------------------------------ columns


# ------------------------------------------------------------------ kemitraan


# ------------------------------------------------------------------ indikator


# ------------------------------------------------------------------ survei


# ------------------------------------------------------------------ frame
