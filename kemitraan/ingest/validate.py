"""One sheet -> canonical rows of its kind, every unreadable or impossible cell located.

The output frame holds the stored columns of the kind for every data row (for a
wide indicator sheet, one row per filled indicator cell), plus ``_row`` (row
number as the user sees it), ``_pos`` (position in the sheet's data, to give
invalid rows back as they came) and ``_bad`` (the row has an error).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kemitraan import contract
from kemitraan.i18n import t
from kemitraan.ingest import dhis2, limits, suggest
from kemitraan.ingest import normalise as N
from kemitraan.ingest.headers import missing_columns
from kemitraan.ingest import skip
from kemitraan.ingest.problems import Both, Problem, kind_name
from kemitraan.ingest.read import Sheet

MAX_PROBLEMS_PER_COLUMN = 5000  # beyond this a column's errors are counted, not each listed


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


class _Ctx:
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

    def flag(self, mask: np.ndarray, pos: int | None, key: str, *, values=None, column: str | None = None,
             severity: str = "error", hint: Callable[[object], tuple[str, str] | None] | None = None,
             **fmt: object) -> None:
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
            self.problems.append(Problem.of(key, file=self.sheet.file, sheet=self.sheet.name, row=int(self.sheet.rows[i]),
                                            column=col, value=text, severity=severity,
                                            hint=hint(text) if hint is not None and text else None, **fmt))
        if len(idx) > MAX_PROBLEMS_PER_COLUMN:
            self.problems.append(Problem.of("ingest.cli.more", file=self.sheet.file, sheet=self.sheet.name, column=col,
                                            severity=severity, n=len(idx) - MAX_PROBLEMS_PER_COLUMN,
                                            count=len(idx) - MAX_PROBLEMS_PER_COLUMN))

    def sheet_problem(self, key: str, column: str | None = None, severity: str = "error", **fmt: object) -> None:
        self.problems.append(Problem.of(key, file=self.sheet.file, sheet=self.sheet.name, row=self.sheet.header_row,
                                        column=column, severity=severity, level=1, **fmt))


def _choices(enum: str) -> Both:
    return Both(*(", ".join(f"{code} ({contract.enum_label(enum, code, lang)})" for code in contract.ENUMS[enum])
                  for lang in ("id", "en")))


def _fmt(x: float) -> str:
    return f"{x:g}"


def check(sheet: Sheet, progress: Callable[[float], None] | None = None, *,
          elements: dhis2.ElementMap | None = None) -> Checked:
    """Normalise and validate one sheet; ``progress(fraction)`` is called as its columns are done.

    ``elements`` maps DHIS2 data elements to indicators (the shipped mapping when None).
    """
    kind = sheet.kind
    hm = sheet.hm
    notes = skip.skip_rows(sheet)
    ctx = _Ctx(sheet, progress)
    ctx.elements = elements
    ctx.problems.extend(notes)
    if hm.source == "dhis2_order":
        ctx.sheet_problem("ingest.warn.dhis2_headerless" if hm.headerless else "ingest.warn.dhis2_by_position",
                          severity="warning")
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
            ctx.sheet_problem("ingest.warn.ignored_column", column=hm.headers[p], severity="warning",
                              kind=kind_name(kind), hint=near(hm.headers[p]))
    for name, positions in hm.columns.items():
        # several province columns are reconciled; _uuid / KEY / meta-instanceID are one id written twice
        if len(positions) > 1 and name not in ("provinsi", "respon_id"):
            for p in positions[1:]:
                ctx.sheet_problem("ingest.warn.duplicate_column", column=hm.headers[p], severity="warning", name=name,
                                  used=hm.headers[positions[0]])

    for name in missing:  # the cause of every row's failure: one problem, with the rows it stands for
        c = contract.column(kind, name)
        if name in misspelt:
            ctx.sheet_problem("ingest.exp.required_column_unknown", column=hm.headers[misspelt[name]], name=name,
                              n=ctx.n, count=ctx.n, rows=sheet.rows, hint=suggest.hint(name))
        else:
            ctx.sheet_problem("ingest.exp.required_column", column=name, name=name, n=ctx.n, count=ctx.n,
                              rows=sheet.rows, synonyms=", ".join(c.synonyms[:4]) or "—",
                              label=Both(c.label_id, c.label_en))
    if missing:
        ctx.bad[:] = True
        frame = _empty_frame(kind, ctx)
        return Checked(sheet, kind, frame, ctx.problems, dropped)

    if kind == "kemitraan":
        frame = _kemitraan(ctx)
    elif kind == "indikator":
        frame = _indikator(ctx)
    else:
        frame = _survei(ctx)
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


def _empty_frame(kind: str, ctx: _Ctx) -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series([None] * ctx.n, dtype=object) for c in contract.stored_columns(kind)})
    return df.assign(_row=ctx.sheet.rows, _pos=np.arange(ctx.n), _bad=ctx.bad.copy())


# ------------------------------------------------------------------ columns


def _col(ctx: _Ctx, name: str) -> tuple[int | None, pd.Series | None, np.ndarray]:
    pos = ctx.sheet.hm.used(name)
    if pos is None:
        return None, None, np.ones(ctx.n, dtype=bool)
    s = ctx.sheet.data[pos]
    return pos, s, N.blank_mask(s)


def _lengths(ctx: _Ctx, name: str) -> None:
    """A text longer than its field's limit (limits.TEXT_LIMITS) is an error where it stands: never cut."""
    limit = limits.TEXT_LIMITS.get(name)
    pos, s, _blank = _col(ctx, name)
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
        ctx.problems.append(Problem.of("ingest.exp.too_long", file=ctx.sheet.file, sheet=ctx.sheet.name,
                                       row=int(ctx.sheet.rows[i]), column=ctx.header(pos), value=N.text_value(s.iat[i]),
                                       limit=limits.grouped(limit), n=limits.grouped(int(lens[i]))))


def _text(ctx: _Ctx, name: str) -> pd.Series:
    """Trimmed text as Arrow-backed strings (missing where blank): no Python object per cell."""
    _lengths(ctx, name)
    pos, s, blank = _col(ctx, name)
    if s is None:
        return pd.Series([None] * ctx.n, dtype="str")
    if isinstance(s.dtype, pd.StringDtype):
        vals = s.str.strip()
    else:
        vals = pd.Series([N.text_value(v) for v in s], dtype="str")
    vals = vals.reset_index(drop=True)
    vals[blank] = None
    return vals


def _by_value(ctx: _Ctx, name: str, fn, key: str, hint=None, **fmt) -> tuple[np.ndarray, np.ndarray]:
    pos, s, blank = _col(ctx, name)
    out = np.empty(ctx.n, dtype=object)
    out[:] = None
    if s is None:
        return out, blank
    vals, bad = N.by_value(s, blank, fn)
    out[:] = vals
    ctx.flag(bad, pos, key, hint=hint, **fmt)
    return out, blank


def _numbers(ctx: _Ctx, name: str) -> tuple[np.ndarray, np.ndarray]:
    pos, s, blank = _col(ctx, name)
    if s is None:
        return np.full(ctx.n, np.nan), blank
    if ctx.sheet.hm.dhis2:  # DHIS2 writes numbers one way only: 1234.5
        values, bad, _conv, _amb = N.numbers(s, blank, convention="en")
        ctx.flag(bad, pos, "ingest.exp.dhis2_number")
        return values, blank
    values, bad, conv, ambiguous = N.numbers(s, blank, ctx.number_hint())
    _flag_numbers(ctx, bad, pos, s, conv)
    if ambiguous:
        ctx.sheet_problem(f"ingest.warn.ambiguous_number_{conv}", column=ctx.header(pos), severity="warning")
    return values, blank


def _flag_numbers(ctx: _Ctx, bad: np.ndarray, pos: int, s: pd.Series, conv: str) -> None:
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
        ctx.problems.append(Problem(ctx.sheet.file, ctx.sheet.name, int(ctx.sheet.rows[i]), ctx.header(pos),
                                    N.text_value(s.iat[i]),
                                    t("ingest.exp.number_convention", "id", convention=conv_id),
                                    t("ingest.exp.number_convention", "en", convention=conv_en)))
    ctx.flag(bad & ~wrong_way, pos, "ingest.exp.number")


def _required(ctx: _Ctx, kind: str, name: str, blank: np.ndarray) -> None:
    if contract.column(kind, name).required:
        pos = ctx.sheet.hm.used(name)
        _required_values(ctx, blank, pos, ctx.header(pos) if pos is not None else name)


def _required_values(ctx: _Ctx, blank: np.ndarray, pos: int | None, column: str) -> None:
    """A required column empty in every row is one problem (its cause), not one per row."""
    if ctx.n > 1 and blank.all():
        ctx.bad[:] = True
        ctx.sheet_problem("ingest.exp.required_empty_column", column=column, n=ctx.n, count=ctx.n, rows=ctx.sheet.rows)
        return
    ctx.flag(blank, pos, "ingest.exp.required_value", column=column)


def _nullable(values: np.ndarray, dtype: str) -> pd.Series:
    s = pd.Series(values, dtype="float64")
    return s.astype(dtype)


# ------------------------------------------------------------------ kemitraan


def _kemitraan(ctx: _Ctx) -> pd.DataFrame:
    kind = "kemitraan"
    out: dict[str, object] = {}
    for c in contract.columns(kind):
        ctx.step(len(contract.columns(kind)) + 2)
        if c.name in ("provinsi", "provinsi_kode"):
            continue
        if c.dtype == "text":
            vals = _text(ctx, c.name)
            blank = vals.isna().to_numpy()
        elif c.dtype == "enum":
            vals, blank = _by_value(ctx, c.name, N.parse_enum(c.enum), "ingest.exp.enum", hint=suggest.enum(c.enum),
                                     choices=_choices(c.enum))
            if c.default is not None:
                vals = np.where(blank, c.default, vals)
                blank = np.zeros(ctx.n, dtype=bool)
        elif c.dtype == "list":
            _lengths(ctx, c.name)
            vals, blank = _by_value(ctx, c.name, N.split_list, "ingest.exp.list")
        elif c.dtype == "date":
            vals, blank = _by_value(ctx, c.name, N.parse_date, "ingest.exp.date")
        elif c.dtype == "number":
            vals, blank = _numbers(ctx, c.name)
        else:  # pragma: no cover - a new dtype in the contract must be handled here
            raise NotImplementedError(c.dtype)
        _required(ctx, kind, c.name, blank)
        out[c.name] = vals
    code, name = _provinces(ctx)
    out["provinsi_kode"], out["provinsi"] = code, name

    # ranges and order
    budget = out["anggaran_idr"]
    pos = ctx.sheet.hm.used("anggaran_idr")
    if pos is not None:
        ctx.flag(np.nan_to_num(budget, nan=0) < 0, pos, "ingest.exp.min", min=0)
    start, end = out["tanggal_mulai"], out["tanggal_selesai"]
    order_bad = np.array([s is not None and e is not None and e < s for s, e in zip(start, end)], dtype=bool)
    pos = ctx.sheet.hm.used("tanggal_selesai")
    if pos is not None and order_bad.any():
        for i in np.flatnonzero(order_bad):
            m = np.zeros(ctx.n, dtype=bool)
            m[i] = True
            ctx.flag(m, pos, "ingest.exp.end_after_start", start=start[i].isoformat())
    out["anggaran_idr"] = _nullable(budget, "Float64")
    return _frame(kind, ctx, out)


def _provinces(ctx: _Ctx) -> tuple[np.ndarray, np.ndarray]:
    """BPS code and canonical name per row from every province column, which must agree."""
    hm = ctx.sheet.hm
    positions = list(hm.columns.get("provinsi", [])) + list(hm.columns.get("provinsi_kode", []))
    resolved: list[tuple[int, np.ndarray]] = []
    any_value = np.zeros(ctx.n, dtype=bool)
    for pos in positions:
        scheme, is_code = N.province_scheme(hm.headers[pos])
        s = ctx.sheet.data[pos]
        blank = N.blank_mask(s)
        vals, bad = N.by_value(s, blank, N.parse_province(scheme))
        ctx.flag(bad, pos, "ingest.exp.province", hint=suggest.province())
        resolved.append((pos, np.array(vals, dtype=object)))
        any_value |= ~blank
    pos0 = positions[0]
    _required_values(ctx, ~any_value, pos0, ctx.header(pos0))
    code = np.empty(ctx.n, dtype=object)
    code[:] = None
    for pos, vals in resolved:
        has = np.array([v is not None for v in vals], dtype=bool)
        clash = has & np.array([c is not None for c in code], dtype=bool) & (vals != code)
        for i in np.flatnonzero(clash):
            m = np.zeros(ctx.n, dtype=bool)
            m[i] = True
            ctx.flag(m, pos, "ingest.exp.province_conflict",
                     a=f"{N.text_value(ctx.sheet.data[pos].iat[i])} = {contract.province_name(vals[i])}",
                     b=contract.province_name(code[i]))
        fill = has & np.array([c is None for c in code], dtype=bool)
        code[fill] = vals[fill]
    name = np.array([contract.province_name(c) if c is not None else None for c in code], dtype=object)
    return code, name


# ------------------------------------------------------------------ indikator


def _indikator(ctx: _Ctx) -> pd.DataFrame:
    kind = "indikator"
    hm = ctx.sheet.hm
    kode = _text(ctx, "kode_kemitraan")
    _required(ctx, kind, "kode_kemitraan", kode.isna().to_numpy())
    if hm.dhis2:
        per, per_blank = _by_value(ctx, "periode", _dhis2_period, "ingest.exp.dhis2_period")
    else:
        per, per_blank = _by_value(ctx, "periode", N.parse_period, "ingest.exp.period")
    _required(ctx, kind, "periode", per_blank)
    lapor, _ = _by_value(ctx, "tanggal_lapor", N.parse_date, "ingest.exp.date")  # one report: every cell of its row
    example = next(iter(contract.indicators()))
    if hm.wide:
        if hm.used("penyebut") is not None:  # one denominator cannot serve several indicators of a row
            ctx.sheet_problem("ingest.warn.penyebut_wide", column=ctx.header(hm.used("penyebut")), severity="warning")
        pieces = []
        row_bad = ctx.bad.copy()
        for pos, code in hm.wide.items():
            ctx.step(len(hm.wide) + 2)
            s = ctx.sheet.data[pos]
            blank = N.blank_mask(s)
            values, bad, _conv, ambiguous = N.numbers(s, blank, ctx.number_hint())
            if ambiguous:
                ctx.sheet_problem(f"ingest.warn.ambiguous_number_{_conv}", column=hm.headers[pos], severity="warning")
            before = ctx.bad.copy()
            _flag_numbers(ctx, bad, pos, s, _conv)
            ctx.bad[:] = before  # a bad cell spoils its own long row, not its neighbours
            take = np.flatnonzero(~blank)
            pieces.append(pd.DataFrame({
                "_i": take, "kode_indikator": code, "nilai": values[take], "target": np.nan,
                "_cellbad": bad[take] | row_bad[take], "_col": pos,
            }))
        long = pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame(
            {"_i": [], "kode_indikator": [], "nilai": [], "target": [], "_cellbad": [], "_col": []})
        long = long.sort_values(["_i", "_col"], kind="stable").reset_index(drop=True)
        i = long["_i"].to_numpy(dtype=int)
        bad_long = long["_cellbad"].to_numpy(dtype=bool)
        frame = _indikator_frame(ctx, kode.take(i).reset_index(drop=True), per[i] if len(i) else np.array([], dtype=object),
                                 long["kode_indikator"].to_numpy(dtype=object), long["nilai"].to_numpy(dtype=float),
                                 long["target"].to_numpy(dtype=float), i, bad_long, lapor=lapor[i])
        _ranges(ctx, frame, wide_cols=long["_col"].to_numpy(dtype=int))
        return frame
    ctx.step(5)
    if hm.dhis2:
        elements = ctx.elements or dhis2.element_map()
        ind, ind_blank = _by_value(ctx, "kode_indikator", elements.indicator, "ingest.exp.dataelement",
                                   hint=suggest.labels(elements.names()), mapping=dhis2.MAPPING_FILE)
    else:
        ind, ind_blank = _by_value(ctx, "kode_indikator", N.parse_indicator, "ingest.exp.indicator",
                                   hint=suggest.indicator(), example=example)
    ctx.step(5)
    _required(ctx, kind, "kode_indikator", ind_blank)
    nilai, nilai_blank = _numbers(ctx, "nilai")
    _required(ctx, kind, "nilai", nilai_blank)
    target, _ = _numbers(ctx, "target")
    penyebut, _ = _numbers(ctx, "penyebut")
    idx = np.arange(ctx.n)
    frame = _indikator_frame(ctx, kode, per, ind, nilai, target, idx, ctx.bad, penyebut, lapor)
    _ranges(ctx, frame)
    pos = hm.used("penyebut")
    if pos is not None:
        ctx.flag(np.nan_to_num(penyebut, nan=0) < 0, pos, "ingest.exp.min", min=0)
    frame["_bad"] = ctx.bad.copy()
    return frame


def _dhis2_period(v: object):
    """DHIS2's own period spellings only (202401, 2024Q1, 2024): '2024-01' in such a file is a mistake somewhere."""
    text = N.text_value(v) or ""
    return N.parse_period(text) if re.fullmatch(r"\d{4}(?:\d{2}|[Qq][1-4])?", text) else None


def _indikator_frame(ctx, kode, per, ind, nilai, target, idx, bad, penyebut=None, lapor=None) -> pd.DataFrame:
    periode = np.array([p[0] if p else None for p in per], dtype=object)
    mulai = np.array([p[1] if p else None for p in per], dtype=object)
    jenis = np.array([p[2] if p else None for p in per], dtype=object)
    if penyebut is None:
        penyebut = np.full(len(nilai), np.nan)
    return pd.DataFrame({
        "kode_kemitraan": kode, "periode": periode, "periode_mulai": mulai, "jenis_periode": jenis,
        "kode_indikator": ind, "nilai": _nullable(nilai, "Float64"), "target": _nullable(target, "Float64"),
        "penyebut": _nullable(penyebut, "Float64"), "tanggal_lapor": lapor,
        "_row": ctx.sheet.rows[idx] if len(idx) else np.array([], dtype=int), "_pos": idx,
        "_bad": np.asarray(bad, dtype=bool).copy(),
    })


def _ranges(ctx: _Ctx, frame: pd.DataFrame, wide_cols: np.ndarray | None = None) -> None:
    """Each indicator's catalog range (percentages 0–100, counts ≥ 0) for nilai and target."""
    cat = contract.indicators()
    codes, uniques = pd.factorize(frame["kode_indikator"], use_na_sentinel=True)
    lo_u = np.array([cat[k].min if k in cat and cat[k].min is not None else -np.inf for k in uniques] + [-np.inf])
    hi_u = np.array([cat[k].max if k in cat and cat[k].max is not None else np.inf for k in uniques] + [np.inf])
    lo, hi = lo_u[codes], hi_u[codes]  # code -1 (no indicator) takes the last, unbounded entry
    for name in ("nilai", "target"):
        v = frame[name].to_numpy(dtype=float, na_value=np.nan)
        out = ~np.isnan(v) & ((v < lo) | (v > hi))
        idx = np.flatnonzero(out)
        bad_col = frame["_bad"].to_numpy(dtype=bool).copy()
        bad_col[idx] = True
        frame["_bad"] = bad_col
        if wide_cols is None:
            ctx.bad[frame["_pos"].to_numpy(dtype=int)[idx]] = True
        for i in idx[:MAX_PROBLEMS_PER_COLUMN]:
            pos = int(wide_cols[i]) if wide_cols is not None else ctx.sheet.hm.used(name)
            key, fmt = (("ingest.exp.min", {"min": _fmt(lo[i])}) if np.isinf(hi[i])
                        else ("ingest.exp.range", {"min": _fmt(lo[i]), "max": _fmt(hi[i])}))
            p = int(frame["_pos"].iat[i])
            ctx.problems.append(Problem.of(key, file=ctx.sheet.file, sheet=ctx.sheet.name, row=int(ctx.sheet.rows[p]),
                                           column=ctx.header(pos), value=N.text_value(ctx.sheet.data[pos].iat[p]), **fmt))
        if len(idx) > MAX_PROBLEMS_PER_COLUMN:
            ctx.problems.append(Problem.of("ingest.cli.more", file=ctx.sheet.file, sheet=ctx.sheet.name, column=name,
                                           n=len(idx) - MAX_PROBLEMS_PER_COLUMN, count=len(idx) - MAX_PROBLEMS_PER_COLUMN))
    # a row's own errors (kode, periode) spoil each long row taken from it
    if wide_cols is not None and len(frame):
        frame["_bad"] = frame["_bad"].to_numpy(dtype=bool) | ctx.bad[frame["_pos"].to_numpy(dtype=int)]


# ------------------------------------------------------------------ survei


def _survei(ctx: _Ctx) -> pd.DataFrame:
    kind = "survei"
    hm = ctx.sheet.hm
    out: dict[str, object] = {}
    for c in contract.columns(kind):
        ctx.step(len(contract.columns(kind)) + 2)
        if c.dtype == "text":
            vals = _text(ctx, c.name)
            blank = vals.isna().to_numpy()
            if c.name == "respon_id":  # ODK writes the instance id as "uuid:…", KoboToolbox's _uuid without
                vals = vals.str.replace(r"^(?i:uuid:)", "", regex=True)
        elif c.dtype == "enum":
            vals, blank = _by_value(ctx, c.name, N.parse_enum(c.enum), "ingest.exp.enum", hint=suggest.enum(c.enum),
                                     choices=_choices(c.enum))
        elif c.dtype == "date":
            vals, blank = _by_value(ctx, c.name, N.parse_date, "ingest.exp.date")
            if c.name == "tanggal_survei":
                pos = hm.used(c.name)
                if pos is None:  # no date question: the form's start or submission time, and the report says so
                    vals, pos = _date_from_meta(ctx)
                    if pos is not None:
                        ctx.sheet_problem("ingest.warn.date_from_meta", column=hm.headers[pos], severity="warning")
                if pos is not None:
                    ctx.date_column = hm.headers[pos]
                    future = np.array([v is not None and v > dt.date.today() for v in vals], dtype=bool)
                    ctx.flag(future, pos, "ingest.exp.future_date", today=dt.date.today().isoformat())
        elif c.dtype == "likert":
            vals, blank = _by_value(ctx, c.name, N.parse_likert, "ingest.exp.likert", hint=suggest.likert())
        elif c.dtype == "list":
            vals, blank = _by_value(ctx, c.name, N.parse_enum_list(c.enum), "ingest.exp.enum", choices=_choices(c.enum))
            vals = _union_multi(ctx, c.name, vals)
        else:  # pragma: no cover
            raise NotImplementedError(c.dtype)
        _required(ctx, kind, c.name, blank)
        out[c.name] = vals
    for p in PRINCIPLE_AND_SATISFACTION:
        out[p] = _nullable(np.array([np.nan if v is None else v for v in out[p]], dtype=float), "Int8")
    frame = _frame(kind, ctx, out)
    missing = frame["respon_id"].isna().to_numpy()
    if missing.any():
        frame.loc[missing, "respon_id"] = [_row_hash(r) for r in frame.loc[missing].itertuples(index=False)]
    return frame


PRINCIPLE_AND_SATISFACTION = (*contract.PRINCIPLES, "kepuasan")


def _date_from_meta(ctx: _Ctx) -> tuple[np.ndarray, int | None]:
    """No survey date question: the form's ``start`` (or ``today``, or submission) time, and the column it came from."""
    hm = ctx.sheet.hm
    out = np.empty(ctx.n, dtype=object)
    out[:] = None
    for want in ("start", "today", "submission_time", "submissiondate", "end"):
        for pos in hm.ignored:
            if contract.norm_header(hm.headers[pos]) == want:
                s = ctx.sheet.data[pos]
                vals, _bad = N.by_value(s, N.blank_mask(s), N.parse_date)
                return np.array(vals, dtype=object), pos
    return out, None


def _union_multi(ctx: _Ctx, name: str, vals: np.ndarray) -> np.ndarray:
    """Add the options ticked in Kobo's expanded ``question/option`` 0/1 columns."""
    cols = [(p, code) for p, (col, code) in ctx.sheet.hm.multi.items() if col == name]
    if not cols:
        return vals
    ticked: list[list[str]] = [list(v) if v else [] for v in vals]
    for pos, code in cols:
        s = ctx.sheet.data[pos]
        blank = N.blank_mask(s)
        flags, bad = N.by_value(s, blank, N.parse_flag)
        ctx.flag(bad, pos, "ingest.exp.flag")
        for i in np.flatnonzero(np.array([f is True for f in flags], dtype=bool)):
            if code not in ticked[i]:
                ticked[i].append(code)
    order = contract.enum_codes("tantangan")
    out = np.empty(len(vals), dtype=object)
    out[:] = [sorted(t, key=order.index) if t else None for t in ticked]
    return out


def _row_hash(row) -> str:
    """A stable id for a survey row without a submission uuid: the hash of its content."""
    d = row._asdict()
    content = {k: d[k] for k in contract.stored_columns("survei") if k != "respon_id"}
    text = json.dumps(content, default=_json_default, sort_keys=True, ensure_ascii=False)
    return "h-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _json_default(v: object) -> object:
    if v is None or v is pd.NA:
        return None
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return None if np.isnan(v) else float(v)
    if isinstance(v, np.ndarray):
        return v.tolist()
    return str(v)


# ------------------------------------------------------------------ frame


def _frame(kind: str, ctx: _Ctx, out: dict[str, object]) -> pd.DataFrame:
    data = {c: out[c] for c in contract.stored_columns(kind)}
    df = pd.DataFrame(data)
    df["_row"] = ctx.sheet.rows
    df["_pos"] = np.arange(ctx.n)
    df["_bad"] = ctx.bad.copy()
    return df
