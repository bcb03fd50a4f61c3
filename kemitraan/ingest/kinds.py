"""The checks of each record kind: a partnership sheet, an indicator sheet (long, wide or DHIS2), a survey sheet."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import numpy as np
import pandas as pd

from kemitraan import contract
from kemitraan.ingest import cells, dhis2, suggest
from kemitraan.ingest import normalise as N
from kemitraan.ingest.cells import (
    Context,
    by_value,
    choices,
    flag_numbers,
    fmt_bound,
    lengths,
    nullable,
    numbers,
    required,
    required_values,
    text,
)
from kemitraan.ingest.problems import Problem


def kemitraan_rows(ctx: Context) -> pd.DataFrame:
    kind = "kemitraan"
    out: dict[str, object] = {}
    for c in contract.columns(kind):
        ctx.step(len(contract.columns(kind)) + 2)
        if c.name in ("provinsi", "provinsi_kode", "kabupaten_kota", "kabupaten_kode"):
            continue  # after the loop: the province decides which kabupaten/kota a name means
        if c.dtype == "text":
            vals = text(ctx, c.name)
            blank = vals.isna().to_numpy()
        elif c.dtype == "enum":
            vals, blank = by_value(
                ctx, c.name, N.parse_enum(c.enum), "ingest.exp.enum", hint=suggest.enum(c.enum), choices=choices(c.enum)
            )
            if c.default is not None:
                vals = np.where(blank, c.default, vals)
                blank = np.zeros(ctx.n, dtype=bool)
        elif c.dtype == "list":
            lengths(ctx, c.name)
            vals, blank = by_value(ctx, c.name, N.split_list, "ingest.exp.list")
        elif c.dtype == "date":
            vals, blank = by_value(ctx, c.name, N.parse_date, "ingest.exp.date")
        elif c.dtype == "number":
            vals, blank = numbers(ctx, c.name)
        else:  # pragma: no cover - a new dtype in the contract must be handled here
            raise NotImplementedError(c.dtype)
        required(ctx, kind, c.name, blank)
        out[c.name] = vals
    code, name = _provinces(ctx)
    out["provinsi_kode"], out["provinsi"] = code, name
    out["kabupaten_kode"], out["kabupaten_kota"] = _areas(ctx, code)

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
    out["anggaran_idr"] = nullable(budget, "Float64")
    return stored_frame(kind, ctx, out)


def _provinces(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
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
    required_values(ctx, ~any_value, pos0, ctx.header(pos0))
    code = np.empty(ctx.n, dtype=object)
    code[:] = None
    for pos, vals in resolved:
        has = np.array([v is not None for v in vals], dtype=bool)
        clash = has & np.array([c is not None for c in code], dtype=bool) & (vals != code)
        for i in np.flatnonzero(clash):
            m = np.zeros(ctx.n, dtype=bool)
            m[i] = True
            ctx.flag(
                m,
                pos,
                "ingest.exp.province_conflict",
                a=f"{N.text_value(ctx.sheet.data[pos].iat[i])} = {contract.province_name(vals[i])}",
                b=contract.province_name(code[i]),
            )
        fill = has & np.array([c is None for c in code], dtype=bool)
        code[fill] = vals[fill]
    name = np.array([contract.province_name(c) if c is not None else None for c in code], dtype=object)
    return code, name


def _areas(ctx: Context, provinsi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Kemendagri code and canonical name of each row's kabupaten/kota (contract.match_area), in the row's
    province. A name that fits two areas, none, or an area of another province is refused where it stands,
    with the areas it may mean: a guess would split or merge districts silently."""
    kode = np.empty(ctx.n, dtype=object)
    kode[:] = None
    nama = kode.copy()
    lengths(ctx, "kabupaten_kota")
    pos, s, blank = cells.col(ctx, "kabupaten_kota")
    if s is None:
        return kode, nama
    rows_of: dict[tuple[str, str | None], list[int]] = {}  # each distinct (name, province) is matched once
    for i in np.flatnonzero(~blank):
        rows_of.setdefault((N.text_value(s.iat[i]) or "", provinsi[i]), []).append(int(i))
    for (value, prov), idx in rows_of.items():
        m = contract.match_area(value, prov)
        if m.ok:
            kode[idx], nama[idx] = m.kode, contract.area_name(m.kode)
            continue
        rows = np.zeros(ctx.n, dtype=bool)
        rows[idx] = True
        hint = suggest.areas(m.candidates)
        if m.status == "ambiguous":
            ctx.flag(rows, pos, "ingest.exp.kabupaten_ambiguous", hint=hint, n=len(m.candidates))
        elif m.status == "other_province":
            ctx.flag(
                rows,
                pos,
                "ingest.exp.kabupaten_province",
                hint=hint,
                provinsi=contract.province_name(prov),
                lain=", ".join(
                    dict.fromkeys(contract.province_name(contract.areas()[c].provinsi_kode) for c in m.candidates)
                ),
            )
        else:
            ctx.flag(rows, pos, "ingest.exp.kabupaten", hint=hint)
    return kode, nama


def indikator_rows(ctx: Context) -> pd.DataFrame:
    kind = "indikator"
    hm = ctx.sheet.hm
    kode = text(ctx, "kode_kemitraan")
    required(ctx, kind, "kode_kemitraan", kode.isna().to_numpy())
    if hm.dhis2:
        per, per_blank = by_value(ctx, "periode", _dhis2_period, "ingest.exp.dhis2_period")
    else:
        per, per_blank = by_value(ctx, "periode", N.parse_period, "ingest.exp.period")
    required(ctx, kind, "periode", per_blank)
    lapor, _ = by_value(ctx, "tanggal_lapor", N.parse_date, "ingest.exp.date")  # one report: every cell of its row
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
                cells.ambiguous_note(ctx, pos, s, blank, values, _conv)
            before = ctx.bad.copy()
            flag_numbers(ctx, bad, pos, s, _conv)
            ctx.bad[:] = before  # a bad cell spoils its own long row, not its neighbours
            take = np.flatnonzero(~blank)
            pieces.append(
                pd.DataFrame(
                    {
                        "_i": take,
                        "kode_indikator": code,
                        "nilai": values[take],
                        "target": np.nan,
                        "_cellbad": bad[take] | row_bad[take],
                        "col": pos,
                    }
                )
            )
        long = (
            pd.concat(pieces, ignore_index=True)
            if pieces
            else pd.DataFrame({"_i": [], "kode_indikator": [], "nilai": [], "target": [], "_cellbad": [], "col": []})
        )
        long = long.sort_values(["_i", "col"], kind="stable").reset_index(drop=True)
        i = long["_i"].to_numpy(dtype=int)
        bad_long = long["_cellbad"].to_numpy(dtype=bool)
        frame = _indikator_frame(
            ctx,
            kode.take(i).reset_index(drop=True),
            per[i] if len(i) else np.array([], dtype=object),
            long["kode_indikator"].to_numpy(dtype=object),
            long["nilai"].to_numpy(dtype=float),
            long["target"].to_numpy(dtype=float),
            i,
            bad_long,
            lapor=lapor[i],
        )
        _ranges(ctx, frame, wide_cols=long["col"].to_numpy(dtype=int))
        return frame
    ctx.step(5)
    if hm.dhis2:
        elements = ctx.elements or dhis2.element_map()
        ind, ind_blank = by_value(
            ctx,
            "kode_indikator",
            elements.indicator,
            "ingest.exp.dataelement",
            hint=suggest.labels(elements.names()),
            mapping=dhis2.MAPPING_FILE,
        )
    else:
        ind, ind_blank = by_value(
            ctx, "kode_indikator", N.parse_indicator, "ingest.exp.indicator", hint=suggest.indicator(), example=example
        )
    ctx.step(5)
    required(ctx, kind, "kode_indikator", ind_blank)
    nilai, nilai_blank = numbers(ctx, "nilai")
    required(ctx, kind, "nilai", nilai_blank)
    target, _ = numbers(ctx, "target")
    penyebut, _ = numbers(ctx, "penyebut")
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
    return pd.DataFrame(
        {
            "kode_kemitraan": kode,
            "periode": periode,
            "periode_mulai": mulai,
            "jenis_periode": jenis,
            "kode_indikator": ind,
            "nilai": nullable(nilai, "Float64"),
            "target": nullable(target, "Float64"),
            "penyebut": nullable(penyebut, "Float64"),
            "tanggal_lapor": lapor,
            "_row": ctx.sheet.rows[idx] if len(idx) else np.array([], dtype=int),
            "_pos": idx,
            "_bad": np.asarray(bad, dtype=bool).copy(),
        }
    )


def _ranges(ctx: Context, frame: pd.DataFrame, wide_cols: np.ndarray | None = None) -> None:
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
        for i in idx[: cells.MAX_PROBLEMS_PER_COLUMN]:
            pos = int(wide_cols[i]) if wide_cols is not None else ctx.sheet.hm.used(name)
            key, fmt = (
                ("ingest.exp.min", {"min": fmt_bound(lo[i])})
                if np.isinf(hi[i])
                else ("ingest.exp.range", {"min": fmt_bound(lo[i]), "max": fmt_bound(hi[i])})
            )
            p = int(frame["_pos"].iat[i])
            ctx.problems.append(
                Problem.of(
                    key,
                    file=ctx.sheet.file,
                    sheet=ctx.sheet.name,
                    row=int(ctx.sheet.rows[p]),
                    column=ctx.header(pos),
                    value=N.text_value(ctx.sheet.data[pos].iat[p]),
                    **fmt,
                )
            )
        if len(idx) > cells.MAX_PROBLEMS_PER_COLUMN:
            ctx.problems.append(
                Problem.of(
                    "ingest.cli.more",
                    file=ctx.sheet.file,
                    sheet=ctx.sheet.name,
                    column=name,
                    n=len(idx) - cells.MAX_PROBLEMS_PER_COLUMN,
                    count=len(idx) - cells.MAX_PROBLEMS_PER_COLUMN,
                )
            )
    # a row's own errors (kode, periode) spoil each long row taken from it
    if wide_cols is not None and len(frame):
        frame["_bad"] = frame["_bad"].to_numpy(dtype=bool) | ctx.bad[frame["_pos"].to_numpy(dtype=int)]


def survei_rows(ctx: Context) -> pd.DataFrame:
    kind = "survei"
    hm = ctx.sheet.hm
    out: dict[str, object] = {}
    for c in contract.columns(kind):
        ctx.step(len(contract.columns(kind)) + 2)
        if c.dtype == "text":
            vals = text(ctx, c.name)
            blank = vals.isna().to_numpy()
            if c.name == "respon_id":  # ODK writes the instance id as "uuid:…", KoboToolbox's _uuid without
                vals = vals.str.replace(r"^(?i:uuid:)", "", regex=True)
        elif c.dtype == "enum":
            vals, blank = by_value(
                ctx, c.name, N.parse_enum(c.enum), "ingest.exp.enum", hint=suggest.enum(c.enum), choices=choices(c.enum)
            )
        elif c.dtype == "date":
            vals, blank = by_value(ctx, c.name, N.parse_date, "ingest.exp.date")
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
            vals, blank = by_value(ctx, c.name, N.parse_likert, "ingest.exp.likert", hint=suggest.likert())
        elif c.dtype == "list":
            vals, blank = by_value(ctx, c.name, N.parse_enum_list(c.enum), "ingest.exp.enum", choices=choices(c.enum))
            vals = _union_multi(ctx, c.name, vals)
        else:  # pragma: no cover
            raise NotImplementedError(c.dtype)
        required(ctx, kind, c.name, blank)
        out[c.name] = vals
    for p in PRINCIPLE_AND_SATISFACTION:
        out[p] = nullable(np.array([np.nan if v is None else v for v in out[p]], dtype=float), "Int8")
    frame = stored_frame(kind, ctx, out)
    missing = frame["respon_id"].isna().to_numpy()
    if missing.any():
        frame.loc[missing, "respon_id"] = [_row_hash(r) for r in frame.loc[missing].itertuples(index=False)]
    return frame


PRINCIPLE_AND_SATISFACTION = (*contract.PRINCIPLES, "kepuasan")


def _date_from_meta(ctx: Context) -> tuple[np.ndarray, int | None]:
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


def _union_multi(ctx: Context, name: str, vals: np.ndarray) -> np.ndarray:
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


def stored_frame(kind: str, ctx: Context, out: dict[str, object]) -> pd.DataFrame:
    data = {c: out[c] for c in contract.stored_columns(kind)}
    df = pd.DataFrame(data)
    df["_row"] = ctx.sheet.rows
    df["_pos"] = np.arange(ctx.n)
    df["_bad"] = ctx.bad.copy()
    return df
