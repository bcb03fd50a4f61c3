"""Checks across tables and against the store: duplicate keys between sheets, partnerships that do not exist,
surveys dated before their partnership started, indicator reports of a period that ended before it started."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kemitraan import contract
from kemitraan.i18n import t
from kemitraan.ingest import skip, suggest
from kemitraan.ingest.problems import Both, Problem
from kemitraan.ingest.report import Report
from kemitraan.ingest.validate import Checked
from kemitraan.storage.store import Store


def _content_hash(frame: pd.DataFrame, kind: str) -> np.ndarray:
    """One 64-bit hash per row of the stored columns: equal rows, equal hashes."""
    cols = {}
    for c, sql in contract.stored_schema(kind):
        col = frame[c]
        if sql.endswith("[]"):
            col = col.map(
                lambda v: (
                    None
                    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))
                    else "\x1f".join(map(str, v))
                )
            )
        cols[c] = col
    return pd.util.hash_pandas_object(pd.DataFrame(cols), index=False).to_numpy()


MAX_DUPLICATE_PROBLEMS = 5000


def cross_table_duplicates(report: Report) -> None:
    """Keys repeated within a file or across the upload: identical rows are kept once, others are errors."""
    for kind in contract.KINDS:
        tables = [(ti, c) for ti, c in enumerate(report.tables) if c.kind == kind and len(c.frame)]
        if not tables:
            continue
        keys = list(contract.KEYS[kind])
        parts = []
        for ti, c in tables:
            c.frame["_repeat"] = False
            ok = ~c.frame["_bad"].to_numpy(dtype=bool)
            if not ok.any():
                continue
            part = c.frame.loc[ok, keys].reset_index(drop=True)
            part["_t"] = ti
            part["_i"] = np.flatnonzero(ok)
            parts.append(part)
        if not parts:
            continue
        allrows = pd.concat(parts, ignore_index=True)
        dup = allrows.duplicated(keys, keep=False).to_numpy()
        if not dup.any():
            continue
        sub = allrows[dup].reset_index(drop=True)
        hashes = np.zeros(len(sub), dtype=np.uint64)
        for ti in sub["_t"].unique():
            m = (sub["_t"] == ti).to_numpy()
            f = report.tables[ti].frame
            hashes[m] = _content_hash(f.iloc[sub.loc[m, "_i"].to_numpy()], kind)
        sub["_h"] = hashes
        grp = sub.groupby(keys, sort=False, dropna=False)
        first_t = grp["_t"].transform("first").to_numpy()
        first_i = grp["_i"].transform("first").to_numpy()
        first_h = grp["_h"].transform("first").to_numpy()
        later = sub.duplicated(keys, keep="first").to_numpy()
        same = later & (hashes == first_h)
        differ = later & ~same
        listed = 0
        for j in np.flatnonzero(later):
            ti, i = int(sub["_t"].iat[j]), int(sub["_i"].iat[j])
            tab, first = report.tables[ti], report.tables[int(first_t[j])]
            col = "_repeat" if same[j] else "_bad"
            tab.frame.iat[i, tab.frame.columns.get_loc(col)] = True
            same_file = tab.file_index == first.file_index
            if (same[j] and not same_file) or listed >= MAX_DUPLICATE_PROBLEMS:
                continue  # an identical row in another file (a cumulative export) is simply kept once
            listed += 1
            pos = _key_header(tab)
            row, first_row = int(tab.frame["_row"].iat[i]), int(first.frame["_row"].iat[int(first_i[j])])
            value = " · ".join(str(tab.frame[k].iat[i]) for k in keys)
            if same[j]:
                report.problems.append(
                    _dup_problem("ingest.warn.duplicate_same", tab, row, pos, value, "warning", row_ref=first_row)
                )
            elif same_file and tab.sheet.name == first.sheet.name:
                report.problems.append(
                    _dup_problem(
                        "ingest.exp.duplicate",
                        tab,
                        row,
                        pos,
                        value,
                        "error",
                        row_ref=first_row,
                        keycols=", ".join(keys),
                    )
                )
            else:
                other = first.sheet.file if first.sheet.name is None else f"{first.sheet.file} · {first.sheet.name}"
                report.problems.append(
                    _dup_problem(
                        "ingest.exp.duplicate_file",
                        tab,
                        row,
                        pos,
                        value,
                        "error",
                        row_ref=first_row,
                        keycols=", ".join(keys),
                        other=other,
                    )
                )
        if listed >= MAX_DUPLICATE_PROBLEMS and differ.sum() + same.sum() > listed:
            report.problems.append(
                Problem.of(
                    "ingest.cli.more",
                    file=report.tables[tables[0][0]].sheet.file,
                    severity="error" if differ.any() else "warning",
                    level=2,
                    n=int(differ.sum() + same.sum()) - listed,
                    count=int(differ.sum() + same.sum()) - listed,
                )
            )


def _dup_problem(
    msg: str, tab: Checked, row: int, column: str | None, value: str, severity: str, *, row_ref: int, **fmt: object
) -> Problem:
    return Problem(
        tab.sheet.file,
        tab.sheet.name,
        row,
        column,
        value,
        t(msg, "id", row=row_ref, **fmt),
        t(msg, "en", row=row_ref, **fmt),
        severity,
    )


def _key_header(tab: Checked) -> str | None:
    pos = tab.sheet.hm.used(contract.KEYS[tab.kind][0])
    return tab.sheet.hm.headers[pos] if pos is not None else None


def orphans(store: Store, report: Report) -> None:
    """indikator and survei rows must name a partnership stored already or in this upload.

    A partnership of this upload whose own row was refused is the cause of the rows
    that name it: they are folded into one problem per sheet that points at it.
    """
    refs = [c for c in report.tables if c.kind in ("indikator", "survei") and len(c.frame)]
    if not refs:
        return
    con = store.connect()
    try:
        known = {r[0] for r in con.execute("SELECT kode_kemitraan FROM kemitraan").fetchall()}
    finally:
        con.close()
    refused: dict[str, list[tuple[str, int]]] = {}  # code -> (sheet label, row) of its refused partnership rows
    unreadable: list[str] = []  # partnership sheets of this upload whose codes could not be read at all
    for c in report.tables:
        if c.kind != "kemitraan" or not len(c.frame):
            continue
        bad = c.frame["_bad"].to_numpy(dtype=bool)
        codes = c.frame["kode_kemitraan"]
        known.update(codes[~bad].dropna())
        if codes.isna().all():
            unreadable.append(_label(c))
        for code, row in zip(codes[bad], c.frame["_row"][bad]):
            if code is not None and code is not pd.NA and code == code:
                refused.setdefault(code, []).append((_label(c), int(row)))
    near = None  # the closest stored code, for a did-you-mean: built when a first orphan needs it
    for c in refs:
        f = c.frame
        orphan = f["kode_kemitraan"].notna().to_numpy(dtype=bool) & ~f["kode_kemitraan"].isin(known).to_numpy(
            dtype=bool
        )
        orphan &= ~f.get("_orphan", pd.Series(False, index=f.index)).to_numpy(dtype=bool)
        if not orphan.any():
            continue
        f.loc[orphan, "_bad"] = True
        f["_orphan"] = f.get("_orphan", pd.Series(False, index=f.index)).to_numpy(dtype=bool) | orphan
        col = _code_header(c)
        caused = orphan & (f["kode_kemitraan"].isin(list(refused)).to_numpy(dtype=bool) | bool(unreadable))
        own = orphan & ~caused
        seen: set[int] = set()
        key = "ingest.exp.orphan_dhis2" if c.sheet.hm.dhis2 else "ingest.exp.orphan"
        listed = 0
        for i in np.flatnonzero(own):
            if int(f["_pos"].iat[i]) in seen:  # a wide row gives one message, not one per indicator
                continue
            if listed >= MAX_DUPLICATE_PROBLEMS:
                break
            listed += 1
            seen.add(int(f["_pos"].iat[i]))
            code = f["kode_kemitraan"].iat[i]
            near = near or suggest.codes(sorted(known))
            c.problems.append(
                Problem.of(
                    key,
                    file=c.sheet.file,
                    sheet=c.sheet.name,
                    row=int(f["_row"].iat[i]),
                    column=col,
                    value=code,
                    hint=near(code),
                )
            )
            report.problems.append(c.problems[-1])
        if caused.any():
            rows = np.unique(f.loc[caused, "_row"].to_numpy(dtype=int))
            codes = list(dict.fromkeys(f.loc[caused, "kode_kemitraan"]))
            places: dict[str, list[int]] = {}
            for code in codes:
                for label, row in refused.get(code, []):
                    places.setdefault(label, []).append(row)
            where_id = "; ".join(
                f"{label} {t('ingest.word.rows', 'id')} {skip.row_list(r)}" for label, r in places.items()
            )
            where_en = "; ".join(
                f"{label} {t('ingest.word.rows', 'en')} {skip.row_list(r)}" for label, r in places.items()
            )
            if unreadable:
                msg, where = "ingest.exp.orphan_unreadable", Both(", ".join(unreadable), ", ".join(unreadable))
            else:
                msg, where = "ingest.exp.orphan_refused", Both(where_id, where_en)
            c.problems.append(
                Problem.of(
                    msg,
                    file=c.sheet.file,
                    sheet=c.sheet.name,
                    column=col,
                    level=3,
                    value=", ".join(map(str, codes[:5])) + (" …" if len(codes) > 5 else ""),
                    count=len(rows),
                    rows=rows,
                    n=len(rows),
                    where=where,
                    rowlist=skip.row_list(rows),
                )
            )
            report.problems.append(c.problems[-1])


def _starts(store: Store, report: Report) -> dict[str, pd.Timestamp]:
    """Each partnership's start date: stored, or given by this upload's accepted partnership rows."""
    con = store.connect()
    try:
        starts = dict(con.execute("SELECT kode_kemitraan, tanggal_mulai FROM kemitraan").fetchall())
    finally:
        con.close()
    for c in report.tables:
        if c.kind == "kemitraan" and len(c.frame):
            ok = ~c.frame["_bad"].to_numpy(dtype=bool)
            starts.update(zip(c.frame.loc[ok, "kode_kemitraan"], c.frame.loc[ok, "tanggal_mulai"]))
    return {k: pd.Timestamp(v) for k, v in starts.items() if v is not None and not pd.isna(v)}


def surveys_before_start(store: Store, report: Report) -> None:
    """A survey answered before its partnership started is an error (a wrong date or a wrong code)."""
    surveys = [c for c in report.tables if c.kind == "survei" and len(c.frame)]
    if not surveys:
        return
    starts = _starts(store, report)
    for c in surveys:
        f = c.frame
        start = pd.to_datetime(f["kode_kemitraan"].map(starts))
        early = (f["tanggal_survei"] < start).fillna(False).to_numpy(dtype=bool) & ~f["_bad"].to_numpy(dtype=bool)
        if not early.any():
            continue
        f.loc[early, "_bad"] = True
        for i in np.flatnonzero(early)[:MAX_DUPLICATE_PROBLEMS]:
            c.problems.append(
                Problem.of(
                    "ingest.exp.survey_before_start",
                    file=c.sheet.file,
                    sheet=c.sheet.name,
                    row=int(f["_row"].iat[i]),
                    column=c.date_column,
                    value=f["tanggal_survei"].iat[i].date().isoformat(),
                    code=f["kode_kemitraan"].iat[i],
                    start=start.iat[i].date().isoformat(),
                )
            )
            report.problems.append(c.problems[-1])


def reports_before_start(store: Store, report: Report) -> None:
    """An indicator report whose whole period ended before its partnership started is a warning with its row:
    stored as given (a partnership may report its baseline), but most often the period or the code is wrong."""
    tabs = [c for c in report.tables if c.kind == "indikator" and len(c.frame)]
    if not tabs:
        return
    starts = _starts(store, report)
    for c in tabs:
        f = c.frame
        start = pd.to_datetime(f["kode_kemitraan"].map(starts))
        # months counted from year 0: the period's first month after it against the start's month (a quarter
        # from 2021-07 ends before a start in 2021-10, not before one in 2021-09)
        first = pd.to_datetime(f["periode_mulai"])
        after = first.dt.year * 12 + first.dt.month - 1 + f["jenis_periode"].map(contract.PERIOD_MONTHS)
        begun = start.dt.year * 12 + start.dt.month - 1
        early = (after <= begun).fillna(False).to_numpy(dtype=bool) & ~f["_bad"].to_numpy(dtype=bool)
        seen: set[int] = set()  # a wide row (one column per indicator) gives one note, not one per indicator
        listed = 0
        for i in np.flatnonzero(early):
            if int(f["_pos"].iat[i]) in seen or listed >= MAX_DUPLICATE_PROBLEMS:
                continue
            seen.add(int(f["_pos"].iat[i]))
            listed += 1
            c.problems.append(
                Problem.of(
                    "ingest.warn.report_before_start",
                    file=c.sheet.file,
                    sheet=c.sheet.name,
                    row=int(f["_row"].iat[i]),
                    column=_period_header(c),
                    value=f["periode"].iat[i],
                    severity="warning",
                    code=f["kode_kemitraan"].iat[i],
                    start=start.iat[i].date().isoformat(),
                )
            )
            report.problems.append(c.problems[-1])


def _label(c: Checked) -> str:
    return c.sheet.file if c.sheet.name is None else f"{c.sheet.file} · {c.sheet.name}"


def _code_header(c: Checked) -> str | None:
    pos = c.sheet.hm.used("kode_kemitraan")
    return c.sheet.hm.headers[pos] if pos is not None else None


def _period_header(c: Checked) -> str | None:
    pos = c.sheet.hm.used("periode")
    return c.sheet.hm.headers[pos] if pos is not None else None


def overlapping_periods(store: Store, report: Report) -> None:
    """A report whose period overlaps another report of the same partnership and indicator at another grain
    (a month inside a reported quarter, a quarter inside a reported year) is refused: summed, the months
    would count twice. Checked within the upload and against the store; the message names the other report.
    """
    tabs = [c for c in report.tables if c.kind == "indikator" and len(c.frame)]
    if not tabs:
        return
    own = pd.concat(
        [
            pd.DataFrame(
                {
                    "t": ti,
                    "i": range(len(c.frame)),
                    "kode_kemitraan": c.frame["kode_kemitraan"],
                    "kode_indikator": c.frame["kode_indikator"],
                    "periode": c.frame["periode"],
                    "periode_mulai": c.frame["periode_mulai"],
                    "jenis_periode": c.frame["jenis_periode"],
                    "bad": c.frame["_bad"].to_numpy(dtype=bool),
                }
            )
            for ti, c in enumerate(tabs)
        ],
        ignore_index=True,
    )
    own = own[~own["bad"] & own["periode_mulai"].notna()]
    if own.empty:
        return
    months = "(CASE {j} WHEN 'tahun' THEN 12 WHEN 'triwulan' THEN 3 ELSE 1 END)"
    # The upload's partnerships as literals (codes escaped as SQL strings): DuckDB pushes a literal list through
    # the view's latest-per-key step into the file scan, a subquery it does not (every stored row read, 5 s at
    # 3.4 M rows against 0.1 s).
    found = sorted(set(own["kode_kemitraan"].dropna().astype(str)))
    codes = ", ".join("'" + c.replace("'", "''") + "'" for c in found)
    if len(found) > 5000:  # a very large upload: the subquery (no pushdown, but no statement of megabytes)
        codes = "SELECT kode_kemitraan FROM _baru"
    con = store.connect()
    try:
        con.register("_baru", own)
        clashes = con.execute(f"""
            WITH baru AS (SELECT *, CAST(periode_mulai AS DATE) AS a0,
                                 CAST(CAST(periode_mulai AS DATE) + to_months({months.format(j="jenis_periode")})
                                      AS DATE) AS a1
                          FROM _baru),
            lama AS (SELECT kode_kemitraan, kode_indikator, periode, periode_mulai AS a0,
                            CAST(periode_mulai + to_months({months.format(j="jenis_periode")}) AS DATE) AS a1, NULL AS t
                     FROM indikator
                     WHERE kode_kemitraan IN ({codes or "NULL"})),
            semua AS (SELECT kode_kemitraan, kode_indikator, periode, a0, a1, t FROM baru
                      UNION ALL SELECT * FROM lama)
            SELECT b.t, b.i, any_value(o.periode ORDER BY o.t NULLS FIRST, o.periode) AS lain,
                   bool_or(o.t IS NULL) AS di_store
            FROM baru b JOIN semua o ON o.kode_kemitraan = b.kode_kemitraan AND o.kode_indikator = b.kode_indikator
                 AND o.periode <> b.periode AND o.a0 < b.a1 AND b.a0 < o.a1
            GROUP BY b.t, b.i ORDER BY b.t, b.i
        """).fetchall()
    finally:
        con.close()
    listed = 0
    for ti, i, other, stored in clashes:
        c = tabs[ti]
        f = c.frame
        f.iat[i, f.columns.get_loc("_bad")] = True
        if listed >= MAX_DUPLICATE_PROBLEMS:
            continue
        listed += 1
        key = "ingest.exp.period_overlap_stored" if stored else "ingest.exp.period_overlap"
        c.problems.append(
            Problem.of(
                key,
                file=c.sheet.file,
                sheet=c.sheet.name,
                row=int(f["_row"].iat[i]),
                column=_period_header(c),
                value=f["periode"].iat[i],
                other=other,
                indikator=f["kode_indikator"].iat[i],
            )
        )
        report.problems.append(c.problems[-1])
