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
from kemitraan.ingest import limits
from kemitraan.ingest import normalise as N
from kemitraan.ingest.problems import IngestRefused, Problem, problems_table
from kemitraan.ingest.read import read_file
from kemitraan.ingest.validate import Checked, check
from kemitraan.storage.store import Store, sha256_bytes

log = logging.getLogger(__name__)

STATUSES = ("new", "replaced", "unchanged", "invalid")
MAX_INVALID_ROWS = 100_000  # rows kept for the invalid-rows workbook


@dataclass
class _Invalid:
    file: str
    sheet: str | None
    headers: list[str]
    rows: np.ndarray
    data: pd.DataFrame


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
            if p.row is not None:
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
    n = max(len(files), 1)
    for i, (raw_name, data) in enumerate(files):
        name = limits.display_name(raw_name)
        say(0.7 * i / n, t("ingest.progress.read", lang, file=name))
        res = read_file(name, data, kind)
        report.problems.extend(res.problems)
        info = {"name": name, "sha256": sha256_bytes(data), "size": len(data), "format": res.format,
                "encoding": res.encoding, "sheets": []}
        say(0.7 * (i + 0.3) / n, t("ingest.progress.check", lang, file=name))
        for k, sheet in enumerate(res.sheets):
            lo, span = (i + 0.3 + 0.7 * k / len(res.sheets)) / n, 0.7 / len(res.sheets) / n
            msg = t("ingest.progress.check", lang, file=name if sheet.name is None else f"{name} · {sheet.name}")
            checked = check(sheet, lambda f, lo=lo, span=span, msg=msg: say(0.7 * (lo + span * f), msg))
            checked.file_index = i
            report.tables.append(checked)
            report.problems.extend(checked.problems)
            report.dropped_personal.extend(checked.dropped_personal)
            info["sheets"].append({"sheet": sheet.name, "kind": sheet.kind, "header_row": sheet.header_row,
                                   "rows": len(sheet.data), "wide": bool(sheet.hm.wide)})
        report.files.append(info)
    say(0.75, t("ingest.progress.compare", lang))
    _cross_table_duplicates(report)
    _orphans(store, report)
    _keep_invalid_rows(report)
    _classify(store, report)
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
                                              severity="error" if differ.any() else "warning",
                                              n=int(differ.sum() + same.sum()) - listed))


def _dup_problem(msg: str, tab: Checked, row: int, column: str | None, value: str, severity: str, *,
                 row_ref: int, **fmt: object) -> Problem:
    return Problem(tab.sheet.file, tab.sheet.name, row, column, value,
                   t(msg, "id", row=row_ref, **fmt), t(msg, "en", row=row_ref, **fmt), severity)


def _key_header(tab: Checked) -> str | None:
    pos = tab.sheet.hm.used(contract.KEYS[tab.kind][0])
    return tab.sheet.hm.headers[pos] if pos is not None else None


def _orphans(store: Store, report: Report) -> None:
    """indikator and survei rows must name a partnership stored already or in this upload."""
    refs = [c for c in report.tables if c.kind in ("indikator", "survei") and len(c.frame)]
    if not refs:
        return
    con = store.connect()
    try:
        known = {r[0] for r in con.execute("SELECT kode_kemitraan FROM kemitraan").fetchall()}
    finally:
        con.close()
    for c in report.tables:
        if c.kind == "kemitraan" and len(c.frame):
            known.update(c.frame.loc[~c.frame["_bad"].to_numpy(dtype=bool), "kode_kemitraan"].dropna())
    for c in refs:
        f = c.frame
        orphan = f["kode_kemitraan"].notna().to_numpy(dtype=bool) & ~f["kode_kemitraan"].isin(known).to_numpy(dtype=bool)
        orphan &= ~f.get("_orphan", pd.Series(False, index=f.index)).to_numpy(dtype=bool)
        if not orphan.any():
            continue
        f.loc[orphan, "_bad"] = True
        f["_orphan"] = f.get("_orphan", pd.Series(False, index=f.index)).to_numpy(dtype=bool) | orphan
        col = _key_header(c)
        seen: set[int] = set()
        for i in np.flatnonzero(orphan)[:5000]:
            if int(f["_pos"].iat[i]) in seen:  # a wide row gives one message, not one per indicator
                continue
            seen.add(int(f["_pos"].iat[i]))
            c.problems.append(Problem.of("ingest.exp.orphan", file=c.sheet.file, sheet=c.sheet.name,
                                         row=int(f["_row"].iat[i]), column=col, value=f["kode_kemitraan"].iat[i]))
            report.problems.append(c.problems[-1])


def _keep_invalid_rows(report: Report) -> None:
    """Keep the invalid rows as they came in (for the download), then let the raw sheet go."""
    budget = MAX_INVALID_ROWS
    for c in report.tables:
        bad = c.frame["_bad"].to_numpy(dtype=bool)
        if bad.any() and budget > 0:
            pos = np.unique(c.frame.loc[bad, "_pos"].to_numpy(dtype=int))[:budget]
            budget -= len(pos)
            report.invalid.append(_Invalid(c.sheet.file, c.sheet.name, c.sheet.hm.headers, c.sheet.rows[pos],
                                           c.sheet.data.iloc[pos].reset_index(drop=True)))
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


def commit(store: Store, report: Report, *, skip_invalid: bool = False, user: str | None = None,
           progress: Callable[[float, str], None] | None = None, lang: str = "id") -> list[dict]:
    """Write the new and replaced rows, one batch per file. Strict unless ``skip_invalid``.

    ``progress(fraction, message)`` is called before each kind of each file is written (the fraction is the
    share of rows already written), before a batch is sealed (checksums, flush, rename) and at the end.
    """
    say = progress or (lambda _f, _m: None)
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
    total = sum(int(c.frame["_status"].isin(("new", "replaced")).sum()) for c in report.tables) or 1
    written = 0
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
                    frame = pd.concat(frames[kind], ignore_index=True)
                    say(min(written / total, 1.0), t("commit.progress.write", lang, file=info["name"],
                                                     kind=t(f"upload.kind.{kind}", lang)))
                    b.write_df(kind, frame)
                    written += len(frame)
            say(min(written / total, 1.0), t("commit.progress.seal", lang, file=info["name"]))
            batch_id = b.batch_id
        manifests.append(store.batch(batch_id))
        log.info("committed batch %s from %r by %s: %s", batch_id, info["name"], manifests[-1].get("user"), counts)
    report.committed.extend(manifests)
    say(1.0, t("ingest.progress.done", lang))
    return manifests
