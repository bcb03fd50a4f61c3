"""prepare (read, normalise, validate, compare: writes nothing) and commit (one batch per file)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kemitraan import contract
from kemitraan.i18n import t
from kemitraan.ingest import dhis2, limits, skip, suggest
from kemitraan.ingest import normalise as N
from kemitraan.ingest.headers import is_personal
from kemitraan.ingest.problems import Both, IngestRefused, Problem, problems_table
from kemitraan.ingest.read import read_file
from kemitraan.ingest.validate import Checked, check
from kemitraan.storage.store import Store, sha256_bytes

log = logging.getLogger(__name__)

STATUSES = ("new", "replaced", "unchanged", "invalid")
MAX_INVALID_ROWS = 100_000  # rows kept for the invalid-rows workbook
MAX_WARNINGS = 100  # notes listed one by one; the rest are counted in one more note


@dataclass
class ProblemGroup:
    """Problems with one cause: the same message about the same column of the same sheet."""

    problem: Problem  # the first of them; its message stands for all
    rows: list[int] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    count: int = 0


@dataclass
class _Invalid:
    file: str
    sheet: str | None
    headers: list[str]
    rows: np.ndarray
    data: pd.DataFrame  # personal-data columns already left out


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    dropped_personal: list[tuple[str, str | None, str]] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)
    store_version: tuple = ()
    tables: list[Checked] = field(default_factory=list, repr=False)
    invalid: list[_Invalid] = field(default_factory=list, repr=False)
    committed: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def rows_to_write(self) -> int:
        return sum(c["new"] + c["replaced"] for c in self.counts.values())

    def problems_frame(self, lang: str = "id") -> pd.DataFrame:
        return problems_table(self.problems, lang)

    def problem_groups(self) -> list[ProblemGroup]:
        """The problems grouped by cause, in the report's order (root causes first)."""
        groups: dict[tuple, ProblemGroup] = {}
        last: dict[tuple, ProblemGroup] = {}
        for p in self.problems:
            where = (p.severity, p.file, p.sheet, p.column)
            if p.key == "ingest.cli.more" and where in last:  # "… and N more" belongs to the group above it
                last[where].count += p.count or 0
                continue
            k = (*where, p.level, p.expected_id)
            g = groups.get(k)
            if g is None:
                g = groups[k] = ProblemGroup(p)
            last[where] = g
            if p.rows is not None:
                g.rows.extend(int(r) for r in p.rows[:10_000])
            elif p.level >= 2 and p.row is not None:
                g.rows.append(p.row)
            g.count += p.count if p.count is not None else (1 if p.level >= 2 and p.row is not None else 0)
            if p.value is not None and str(p.value) != "" and len(g.values) < 4 and str(p.value) not in g.values:
                g.values.append(str(p.value))
        return list(groups.values())

    def groups_frame(self, lang: str = "id") -> pd.DataFrame:
        """One line per cause: where (file · sheet · column), which rows, how many, the values, what was expected."""
        cols = ("severity", "where", "rows", "count", "value", "expected")
        out = []
        for g in self.problem_groups():
            p = g.problem
            where = " · ".join(x for x in (p.file, p.sheet, p.column) if x)
            values = " · ".join(_short_text(v) for v in g.values[:3]) + (" …" if len(g.values) > 3 else "")
            out.append((t(f"ingest.severity.{p.severity}", lang), where, skip.row_list(g.rows) if g.rows else "",
                        g.count or None, values, p.expected(lang)))
        df = pd.DataFrame(out, columns=[t(f"ingest.col.{c}", lang) for c in cols])
        df[t("ingest.col.count", lang)] = df[t("ingest.col.count", lang)].astype("Int64")
        return df

    def problems_xlsx(self, lang: str = "id") -> bytes:
        """The problem list as a workbook to download (uploaded text stays text, never a formula)."""
        buf = io.BytesIO()
        with pd.ExcelWriter(buf, engine="xlsxwriter", engine_kwargs={
                "options": {"strings_to_formulas": False, "strings_to_urls": False}}) as xw:
            df = self.problems_frame(lang)
            df.to_excel(xw, sheet_name=t("ingest.col.message", lang)[:31], index=False)
            ws = xw.sheets[t("ingest.col.message", lang)[:31]]
            ws.freeze_panes(1, 0)
            ws.set_column(df.shape[1] - 1, df.shape[1] - 1, 80)
        return buf.getvalue()

    def invalid_rows_frames(self, lang: str = "id") -> list[tuple[str, pd.DataFrame]]:
        """Per source sheet: the invalid rows as they came in, their row number and an error column."""
        by_row: dict[tuple, list[str]] = {}
        for p in self.errors:
            if p.rows is not None:  # a cause that stands for many rows (a missing column, a refused partnership)
                text = _cause_text(p, lang)
                for r in p.rows[:MAX_INVALID_ROWS]:
                    by_row.setdefault((p.file, p.sheet, int(r)), []).append(text)
            elif p.row is not None and p.level >= 2:
                by_row.setdefault((p.file, p.sheet, p.row), []).append(p.message(lang))
        out = []
        for inv in self.invalid:
            headers = _unique_headers(inv.headers)
            df = inv.data.copy()
            df.columns = headers[: df.shape[1]]
            df = df.map(lambda v: None if N.is_blank(v) else v)
            df.insert(0, t("ingest.col.row", lang), inv.rows)
            df[t("ingest.col.error", lang)] = [
                "\n".join(by_row.get((inv.file, inv.sheet, int(r)), [])) for r in inv.rows
            ]
            out.append((inv.file if inv.sheet is None else f"{inv.file} · {inv.sheet}", df))
        return out

    def invalid_rows_xlsx(self, lang: str = "id") -> bytes:
        buf = io.BytesIO()
        frames = self.invalid_rows_frames(lang)
        # strings stay strings: no formula or link is ever made from uploaded text
        with pd.ExcelWriter(buf, engine="xlsxwriter", engine_kwargs={
                "options": {"strings_to_formulas": False, "strings_to_urls": False}}) as xw:
            if not frames:
                pd.DataFrame({t("ingest.col.error", lang): []}).to_excel(xw, sheet_name="galat", index=False)
            used: set[str] = set()
            for label, df in frames:
                name = _sheet_name(label, used)
                df.to_excel(xw, sheet_name=name, index=False)
                ws = xw.sheets[name]
                ws.freeze_panes(1, 0)
                ws.set_column(df.shape[1] - 1, df.shape[1] - 1, 80)
        return buf.getvalue()

    def to_dict(self, lang: str = "id") -> dict:
        return {
            "ok": self.ok,
            "counts": self.counts,
            "files": self.files,
            "dropped_personal": [{"file": f, "sheet": s, "column": c} for f, s, c in self.dropped_personal],
            "problems": [p.as_dict() | {"message": p.message(lang)} for p in self.problems],
            "batches": self.committed,
        }

    def to_json(self, lang: str = "id") -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=1, default=str)


def _cause_text(p: Problem, lang: str) -> str:
    """A folded problem as one row's error: where its column is and what was expected (no list of rows)."""
    where = t("ingest.where.column", lang, column=p.column) if p.column else p.file
    return f"{where} — {t('ingest.where.expected', lang, expected=p.expected(lang))}"


def _short_text(v: str, limit: int = 40) -> str:
    return v if len(v) <= limit else v[: limit - 1] + "…"


def _hide_personal_values(report: Report) -> None:
    """No problem shows a value from a personal-data column (its name may be shown: it says what was dropped)."""
    personal = {(c.sheet.file, c.sheet.name, c.sheet.hm.headers[p]) for c in report.tables for p in c.sheet.hm.personal}
    for p in report.problems:
        if p.value is not None and (p.column and is_personal(p.column) or (p.file, p.sheet, p.column) in personal):
            p.value = None


def _order(report: Report) -> None:
    """Errors first, causes before consequences (file, column, cell, dependent row), files in upload order."""
    files = {f["name"]: i for i, f in enumerate(report.files)}
    report.problems.sort(key=lambda p: (p.severity != "error", p.level, files.get(p.file, -1)))


def _cap_warnings(report: Report) -> None:
    warnings = [p for p in report.problems if p.severity != "error"]
    if len(warnings) <= MAX_WARNINGS:
        return
    drop = {id(p) for p in warnings[MAX_WARNINGS:]}
    report.problems = [p for p in report.problems if id(p) not in drop]
    report.problems.append(Problem.of("ingest.warn.more", file=warnings[MAX_WARNINGS].file, severity="warning",
                                      level=9, n=len(drop), count=len(drop)))


def _unique_headers(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(headers):
        h = h or f"kolom_{i + 1}"
        if h in seen:
            seen[h] += 1
            h = f"{h} ({seen[h]})"
        else:
            seen[h] = 1
        out.append(h)
    return out


def _sheet_name(label: str, used: set[str]) -> str:
    base = "".join(ch for ch in label if ch not in "[]:*?/\\")[:28] or "galat"
    name, i = base, 1
    while name.lower() in used:
        i += 1
        name = f"{base[:25]}-{i}"
    used.add(name.lower())
    return name


# ------------------------------------------------------------------ prepare


def prepare(
    store: Store,
    files: list[tuple[str, bytes]],
    kind: str | None = None,
    progress: Callable[[float, str], None] | None = None,
    *,
    lang: str = "id",
) -> Report:
    """Read, normalise, validate and compare ``files`` (name, bytes) with the store. Writes nothing."""
    if kind is not None and kind not in contract.KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of {', '.join(contract.KINDS)}")
    say = progress or (lambda _f, _m: None)
    report = Report(store_version=store.version())
    elements: dhis2.ElementMap | None = None
    n = max(len(files), 1)
    for i, (raw_name, data) in enumerate(files):
        name = limits.display_name(raw_name)
        say(0.7 * i / n, t("ingest.progress.read", lang, file=name))
        unsafe = limits.check_name(raw_name)
        if unsafe:  # never read: a name no spreadsheet application saves
            report.problems.append(Problem.of("ingest.exp.file_name", file=name, chars=unsafe))
            report.files.append({"name": name, "sha256": sha256_bytes(data), "size": len(data), "format": None,
                                 "encoding": None, "sheets": []})
            continue
        res = read_file(name, data, kind)
        report.problems.extend(res.problems)
        info = {"name": name, "sha256": sha256_bytes(data), "size": len(data), "format": res.format,
                "encoding": res.encoding, "sheets": []}
        say(0.7 * (i + 0.3) / n, t("ingest.progress.check", lang, file=name))
        for k, sheet in enumerate(res.sheets):
            lo, span = (i + 0.3 + 0.7 * k / len(res.sheets)) / n, 0.7 / len(res.sheets) / n
            msg = t("ingest.progress.check", lang, file=name if sheet.name is None else f"{name} · {sheet.name}")
            if sheet.hm.dhis2 and elements is None:
                elements = dhis2.element_map(store.root)
                report.problems.extend(elements.problems)
            rows_read = len(sheet.data)  # as the sheet holds them: check() leaves out totals, notes, examples
            checked = check(sheet, lambda f, lo=lo, span=span, msg=msg: say(0.7 * (lo + span * f), msg),
                            elements=elements)
            checked.file_index = i
            report.tables.append(checked)
            report.problems.extend(checked.problems)
            report.dropped_personal.extend(checked.dropped_personal)
            info["sheets"].append({"sheet": sheet.name, "kind": sheet.kind, "header_row": sheet.header_row,
                                   "rows": rows_read, "wide": bool(sheet.hm.wide)})
        report.files.append(info)
    say(0.75, t("ingest.progress.compare", lang))
    _cross_table_duplicates(report)
    _orphans(store, report)
    _survey_before_start(store, report)
    _keep_invalid_rows(report)
    _classify(store, report)
    _hide_personal_values(report)
    _order(report)
    _cap_warnings(report)
    log.info("prepared %d file(s) %s: %s; %d error(s), %d warning(s)", len(files), [f["name"] for f in report.files],
             report.counts, len(report.errors), len(report.warnings))
    say(1.0, t("ingest.progress.done", lang))
    return report


def _content_hash(frame: pd.DataFrame, kind: str) -> np.ndarray:
    """One 64-bit hash per row of the stored columns: equal rows, equal hashes."""
    cols = {}
    for c, sql in contract.stored_schema(kind):
        col = frame[c]
        if sql.endswith("[]"):
            col = col.map(lambda v: None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))
                          else "\x1f".join(map(str, v)))
        cols[c] = col
    return pd.util.hash_pandas_object(pd.DataFrame(cols), index=False).to_numpy()


MAX_DUPLICATE_PROBLEMS = 5000


def _cross_table_duplicates(report: Report) -> None:
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
                report.problems.append(_dup_problem("ingest.warn.duplicate_same", tab, row, pos, value, "warning",
                                                    row_ref=first_row))
            elif same_file and tab.sheet.name == first.sheet.name:
                report.problems.append(_dup_problem("ingest.exp.duplicate", tab, row, pos, value, "error",
                                                    row_ref=first_row, keycols=", ".join(keys)))
            else:
                other = first.sheet.file if first.sheet.name is None else f"{first.sheet.file} · {first.sheet.name}"
                report.problems.append(_dup_problem("ingest.exp.duplicate_file", tab, row, pos, value, "error",
                                                    row_ref=first_row, keycols=", ".join(keys), other=other))
        if listed >= MAX_DUPLICATE_PROBLEMS and differ.sum() + same.sum() > listed:
            report.problems.append(Problem.of("ingest.cli.more", file=report.tables[tables[0][0]].sheet.file,
                                              severity="error" if differ.any() else "warning", level=2,
                                              n=int(differ.sum() + same.sum()) - listed,
                                              count=int(differ.sum() + same.sum()) - listed))


def _dup_problem(msg: str, tab: Checked, row: int, column: str | None, value: str, severity: str, *,
                 row_ref: int, **fmt: object) -> Problem:
    return Problem(tab.sheet.file, tab.sheet.name, row, column, value,
                   t(msg, "id", row=row_ref, **fmt), t(msg, "en", row=row_ref, **fmt), severity)


def _key_header(tab: Checked) -> str | None:
    pos = tab.sheet.hm.used(contract.KEYS[tab.kind][0])
    return tab.sheet.hm.headers[pos] if pos is not None else None


def _orphans(store: Store, report: Report) -> None:
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
        orphan = f["kode_kemitraan"].notna().to_numpy(dtype=bool) & ~f["kode_kemitraan"].isin(known).to_numpy(dtype=bool)
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
            c.problems.append(Problem.of(key, file=c.sheet.file, sheet=c.sheet.name, row=int(f["_row"].iat[i]),
                                         column=col, value=code, hint=near(code)))
            report.problems.append(c.problems[-1])
        if caused.any():
            rows = np.unique(f.loc[caused, "_row"].to_numpy(dtype=int))
            codes = list(dict.fromkeys(f.loc[caused, "kode_kemitraan"]))
            places: dict[str, list[int]] = {}
            for code in codes:
                for label, row in refused.get(code, []):
                    places.setdefault(label, []).append(row)
            where_id = "; ".join(f"{label} {t('ingest.word.rows', 'id')} {skip.row_list(r)}" for label, r in places.items())
            where_en = "; ".join(f"{label} {t('ingest.word.rows', 'en')} {skip.row_list(r)}" for label, r in places.items())
            if unreadable:
                msg, where = "ingest.exp.orphan_unreadable", Both(", ".join(unreadable), ", ".join(unreadable))
            else:
                msg, where = "ingest.exp.orphan_refused", Both(where_id, where_en)
            c.problems.append(Problem.of(msg, file=c.sheet.file, sheet=c.sheet.name, column=col, level=3,
                                         value=", ".join(map(str, codes[:5])) + (" …" if len(codes) > 5 else ""),
                                         count=len(rows), rows=rows, n=len(rows), where=where,
                                         rowlist=skip.row_list(rows)))
            report.problems.append(c.problems[-1])


def _survey_before_start(store: Store, report: Report) -> None:
    """A survey answered before its partnership started is an error (a wrong date or a wrong code)."""
    surveys = [c for c in report.tables if c.kind == "survei" and len(c.frame)]
    if not surveys:
        return
    con = store.connect()
    try:
        starts = dict(con.execute("SELECT kode_kemitraan, tanggal_mulai FROM kemitraan").fetchall())
    finally:
        con.close()
    for c in report.tables:
        if c.kind == "kemitraan" and len(c.frame):
            ok = ~c.frame["_bad"].to_numpy(dtype=bool)
            starts.update(zip(c.frame.loc[ok, "kode_kemitraan"], c.frame.loc[ok, "tanggal_mulai"]))
    starts = {k: pd.Timestamp(v) for k, v in starts.items() if v is not None and not pd.isna(v)}
    for c in surveys:
        f = c.frame
        start = pd.to_datetime(f["kode_kemitraan"].map(starts))
        early = (f["tanggal_survei"] < start).fillna(False).to_numpy(dtype=bool) & ~f["_bad"].to_numpy(dtype=bool)
        if not early.any():
            continue
        f.loc[early, "_bad"] = True
        for i in np.flatnonzero(early)[:MAX_DUPLICATE_PROBLEMS]:
            c.problems.append(Problem.of("ingest.exp.survey_before_start", file=c.sheet.file, sheet=c.sheet.name,
                                         row=int(f["_row"].iat[i]), column=c.date_column,
                                         value=f["tanggal_survei"].iat[i].date().isoformat(),
                                         code=f["kode_kemitraan"].iat[i], start=start.iat[i].date().isoformat()))
            report.problems.append(c.problems[-1])


def _label(c: Checked) -> str:
    return c.sheet.file if c.sheet.name is None else f"{c.sheet.file} · {c.sheet.name}"


def _code_header(c: Checked) -> str | None:
    pos = c.sheet.hm.used("kode_kemitraan")
    return c.sheet.hm.headers[pos] if pos is not None else None


def _keep_invalid_rows(report: Report) -> None:
    """Keep the invalid rows as they came in (for the download), then let the raw sheet go."""
    budget = MAX_INVALID_ROWS
    for c in report.tables:
        bad = c.frame["_bad"].to_numpy(dtype=bool)
        if bad.any() and budget > 0:
            pos = np.unique(c.frame.loc[bad, "_pos"].to_numpy(dtype=int))[:budget]
            budget -= len(pos)
            # personal data never leaves: its columns are not part of the download
            personal = set(c.sheet.hm.personal)
            keep = [j for j in range(c.sheet.data.shape[1]) if j not in personal]
            report.invalid.append(_Invalid(c.sheet.file, c.sheet.name, [c.sheet.hm.headers[j] for j in keep],
                                           c.sheet.rows[pos], c.sheet.data.iloc[pos, keep].reset_index(drop=True)))
        c.sheet.data = c.sheet.data.iloc[0:0]


def _writable(frame: pd.DataFrame) -> np.ndarray:
    ok = ~frame["_bad"].to_numpy(dtype=bool)
    if "_repeat" in frame:
        ok &= ~frame["_repeat"].to_numpy(dtype=bool)
    return ok


def _classify(store: Store, report: Report) -> None:
    """Tag every valid row new / replaced / unchanged against the store; count per kind and per file."""
    con = store.connect()
    try:
        for kind in contract.KINDS:
            tables = [c for c in report.tables if c.kind == kind]
            for c in tables:
                c.frame["_status"] = np.where(c.frame["_bad"].to_numpy(dtype=bool), "invalid", "unchanged")
            todo = [(c, m) for c in tables if (m := _writable(c.frame)).any()]
            if todo:
                cols = contract.stored_columns(kind)
                incoming = pd.concat([c.frame.loc[m, cols] for c, m in todo], ignore_index=True)
                status = store.classify(kind, incoming, con=con)["_status"].to_numpy()
                at = 0
                for c, m in todo:
                    k = int(m.sum())
                    st = c.frame["_status"].to_numpy(dtype=object)
                    st[m] = status[at: at + k]
                    c.frame["_status"] = st
                    at += k
    finally:
        con.close()
    report.counts = {}
    for c in report.tables:
        vc = c.frame["_status"].value_counts()
        per = {s: int(vc.get(s, 0)) for s in STATUSES}
        agg = report.counts.setdefault(c.kind, dict.fromkeys(STATUSES, 0))
        for s in STATUSES:
            agg[s] += per[s]
        c.counts = per


# ------------------------------------------------------------------ commit


def commit(store: Store, report: Report, *, skip_invalid: bool = False, user: str | None = None) -> list[dict]:
    """Write the new and replaced rows, one batch per file. Strict unless ``skip_invalid``."""
    if not report.ok and not skip_invalid:
        log.warning("refused to commit %s: %d error(s)", [f["name"] for f in report.files], len(report.errors))
        raise IngestRefused(report.problems)
    if store.version() != report.store_version:
        # the store moved since the preview (another upload, an undo): check references and compare again
        _orphans(store, report)
        _classify(store, report)
        report.store_version = store.version()
        if not report.ok and not skip_invalid:
            raise IngestRefused(report.problems)
    by_file: dict[int, list[Checked]] = {}
    for c in report.tables:
        by_file.setdefault(c.file_index, []).append(c)
    # partnerships first, so codes they bring exist before the rows that reference them
    order = sorted(by_file, key=lambda i: (not any(c.kind == "kemitraan" for c in by_file[i]), i))
    manifests = []
    for i in order:
        tables = by_file[i]
        info = report.files[i]
        frames: dict[str, list[pd.DataFrame]] = {}
        counts = {"rows_added": 0, "rows_replaced": 0, "rows_unchanged": 0, "rows_invalid": 0}
        for c in tables:
            st = c.frame["_status"]
            counts["rows_added"] += int((st == "new").sum())
            counts["rows_replaced"] += int((st == "replaced").sum())
            counts["rows_unchanged"] += int((st == "unchanged").sum())
            counts["rows_invalid"] += int((st == "invalid").sum())
            take = st.isin(("new", "replaced")).to_numpy()
            if take.any():
                frames.setdefault(c.kind, []).append(c.frame.loc[take, contract.stored_columns(c.kind)])
        if not frames:
            continue
        with store.new_batch(file=info["name"], sha256=info["sha256"], user=user, counts=counts) as b:
            for kind in contract.KINDS:
                if kind in frames:
                    b.write_df(kind, pd.concat(frames[kind], ignore_index=True))
            batch_id = b.batch_id
        manifests.append(store.batch(batch_id))
        log.info("committed batch %s from %r by %s: %s", batch_id, info["name"], manifests[-1].get("user"), counts)
    report.committed.extend(manifests)
    return manifests
