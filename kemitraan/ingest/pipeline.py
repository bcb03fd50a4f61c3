"""prepare (read, normalise, validate, compare: writes nothing) and commit (one batch per file)."""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np
import pandas as pd

from kemitraan import contract
from kemitraan.i18n import t
from kemitraan.ingest import dhis2, limits
from kemitraan.ingest.crosscheck import (
    cross_table_duplicates,
    orphans,
    overlapping_periods,
    reports_before_start,
    surveys_before_start,
)
from kemitraan.ingest.problems import IngestRefused, Problem
from kemitraan.ingest.read import read_file
from kemitraan.ingest.report import (  # noqa: F401
    MAX_INVALID_ROWS,
    InvalidRows,
    Report,
    cap_warnings,
    hide_personal_values,
    order_problems,
)
from kemitraan.ingest.validate import Checked, check
from kemitraan.storage.store import Store, sha256_bytes

log = logging.getLogger(__name__)

STATUSES = ("new", "replaced", "unchanged", "invalid")


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
            report.files.append(
                {
                    "name": name,
                    "sha256": sha256_bytes(data),
                    "size": len(data),
                    "format": None,
                    "encoding": None,
                    "sheets": [],
                }
            )
            continue
        res = read_file(name, data, kind)
        report.problems.extend(res.problems)
        info = {
            "name": name,
            "sha256": sha256_bytes(data),
            "size": len(data),
            "format": res.format,
            "encoding": res.encoding,
            "sheets": [],
        }
        say(0.7 * (i + 0.3) / n, t("ingest.progress.check", lang, file=name))
        for k, sheet in enumerate(res.sheets):
            lo, span = (i + 0.3 + 0.7 * k / len(res.sheets)) / n, 0.7 / len(res.sheets) / n
            msg = t("ingest.progress.check", lang, file=name if sheet.name is None else f"{name} · {sheet.name}")
            if sheet.hm.dhis2 and elements is None:
                elements = dhis2.element_map(store.own_file(dhis2.MAPPING_FILE, 5 * 1024 * 1024))
                report.problems.extend(elements.problems)
            rows_read = len(sheet.data)  # as the sheet holds them: check() leaves out totals, notes, examples
            checked = check(
                sheet, lambda f, lo=lo, span=span, msg=msg: say(0.7 * (lo + span * f), msg), elements=elements
            )
            checked.file_index = i
            report.tables.append(checked)
            report.problems.extend(checked.problems)
            report.dropped_personal.extend(checked.dropped_personal)
            info["sheets"].append(
                {
                    "sheet": sheet.name,
                    "kind": sheet.kind,
                    "header_row": sheet.header_row,
                    "rows": rows_read,
                    "wide": bool(sheet.hm.wide),
                }
            )
        report.files.append(info)
    say(0.75, t("ingest.progress.compare", lang))
    cross_table_duplicates(report)
    orphans(store, report)
    surveys_before_start(store, report)
    reports_before_start(store, report)
    overlapping_periods(store, report)
    _keep_invalid_rows(report)
    _classify(store, report)
    hide_personal_values(report)
    order_problems(report)
    cap_warnings(report)
    log.info(
        "prepared %d file(s) %s: %s; %d error(s), %d warning(s)",
        len(files),
        [f["name"] for f in report.files],
        report.counts,
        len(report.errors),
        len(report.warnings),
    )
    say(1.0, t("ingest.progress.done", lang))
    return report


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
            report.invalid.append(
                InvalidRows(
                    c.sheet.file,
                    c.sheet.name,
                    [c.sheet.hm.headers[j] for j in keep],
                    c.sheet.rows[pos],
                    c.sheet.data.iloc[pos, keep].reset_index(drop=True),
                )
            )
        c.sheet.data = c.sheet.data.iloc[0:0]


def _writable(frame: pd.DataFrame) -> np.ndarray:
    ok = ~frame["_bad"].to_numpy(dtype=bool)
    if "_repeat" in frame:
        ok &= ~frame["_repeat"].to_numpy(dtype=bool)
    return ok


def _keep_stored_denominators(con, frame: pd.DataFrame) -> None:
    """A wide indicator sheet has no denominator column (one column could not serve every indicator of a row): a value
    it corrects keeps the denominator stored with the value it replaces, so a corrected rate is still weighted as
    before (without it, a pooled ASFR moved 26,0 → 27,74 although only one value changed)."""
    missing = frame["penyebut"].isna().to_numpy() & _writable(frame)
    if not missing.any():
        return
    keys = contract.KEYS["indikator"]
    con.register("_wide", frame.loc[missing, keys].assign(_i=np.flatnonzero(missing)))
    try:
        on = " AND ".join(f"w.{k} = c.{k}" for k in keys)
        got = con.execute(
            f"SELECT w._i, c.penyebut FROM _wide w JOIN indikator c ON {on} WHERE c.penyebut IS NOT NULL"
        ).fetchdf()
    finally:
        con.unregister("_wide")
    if len(got):
        col = frame["penyebut"].copy()
        col.iloc[got["_i"].to_numpy(dtype=int)] = got["penyebut"].to_numpy(dtype=float)
        frame["penyebut"] = col


def _classify(store: Store, report: Report) -> None:
    """Tag every valid row new / replaced / unchanged against the store; count per kind and per file."""
    con = store.connect()
    try:
        for kind in contract.KINDS:
            tables = [c for c in report.tables if c.kind == kind]
            for c in tables:
                if kind == "indikator" and c.sheet.hm.wide and not c.frame.empty:
                    _keep_stored_denominators(con, c.frame)
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
                    st[m] = status[at : at + k]
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


def commit(
    store: Store,
    report: Report,
    *,
    skip_invalid: bool = False,
    user: str | None = None,
    progress: Callable[[float, str], None] | None = None,
    lang: str = "id",
) -> list[dict]:
    """Write the new and replaced rows, one batch per file. Strict unless ``skip_invalid``.

    ``progress(fraction, message)`` is called before each kind of each file is written (the fraction is the
    share of rows already written), before a batch is sealed (checksums, flush, rename) and at the end.
    """
    say = progress or (lambda _f, _m: None)
    if not report.ok and not skip_invalid:
        log.warning("refused to commit %s: %d error(s)", [f["name"] for f in report.files], len(report.errors))
        raise IngestRefused(report.problems)
    store.reread()  # the store as it is now, not as this page run first read it
    if store.version() != report.store_version:
        # the store moved since the preview (another upload, an undo): check references and compare again
        orphans(store, report)
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
                    say(
                        min(written / total, 1.0),
                        t("commit.progress.write", lang, file=info["name"], kind=t(f"upload.kind.{kind}", lang)),
                    )
                    b.write_df(kind, frame)
                    written += len(frame)
            say(min(written / total, 1.0), t("commit.progress.seal", lang, file=info["name"]))
            batch_id = b.batch_id
        manifests.append(store.batch(batch_id))
        log.info("committed batch %s from %r by %s: %s", batch_id, info["name"], manifests[-1].get("user"), counts)
    report.committed.extend(manifests)
    say(1.0, t("ingest.progress.done", lang))
    return manifests
