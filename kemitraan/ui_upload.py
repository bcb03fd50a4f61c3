"""The logic of the "Unggah Data" page, as plain functions over bytes, reports and the store.

No Streamlit here: the page (``pages/unggah_data.py``) only lays these results
out, and tests call them directly. Every table returned has its column headers
in the user's language; every download is safe to open in a spreadsheet (no
formula from user text).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from kemitraan import contract
from kemitraan.i18n import t
from kemitraan.ingest import IngestRefused, commit, prepare
from kemitraan.store import Store, StoreError

Refusal = IngestRefused  # what the page catches around prepare and commit

ACCEPTED_TYPES: tuple[str, ...] = ("csv", "xlsx", "xls", "ods")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COUNT_KEYS: tuple[str, ...] = ("new", "replaced", "unchanged", "invalid")


# --- the upload ----------------------------------------------------------------------


def upload_key(files: Sequence[tuple[str, bytes]], kind: str | None, version: Iterable[str]) -> str:
    """Identifies one dry run: the files' names and bytes, the kind override and the store's state.

    The page keeps the report under this key, so a rerun does not parse again
    while nothing changed, and a commit or undo (a new store version) does.
    """
    h = hashlib.sha256()
    for name, data in files:
        h.update(name.encode("utf-8", "replace") + b"\0" + hashlib.sha256(data).digest())
    h.update(f"\0{kind or ''}\0".encode())
    h.update("\0".join(version).encode("utf-8", "replace"))
    return h.hexdigest()


def prepare_upload(store: Store, files: Sequence[tuple[str, bytes]], kind: str | None = None,
                   progress: Callable[[float, str], None] | None = None, lang: str = "id"):
    """The dry run: a report of what the files would change; nothing is written."""
    return prepare(store, list(files), kind=None if kind in (None, AUTO) else kind, progress=progress, lang=lang)


AUTO = "auto"


def kind_options() -> list[str]:
    """Choices of the kind override: automatic, then every kind."""
    return [AUTO, *contract.KINDS]


def kind_label(kind: str | None, lang: str) -> str:
    return t("upload.kind.auto", lang) if kind in (None, AUTO) else t(f"upload.kind.{kind}", lang)


def counts_frame(report, lang: str) -> pd.DataFrame:
    """Per kind: rows new, replacing an earlier value, unchanged, invalid (kinds with no rows left out)."""
    rows = []
    for kind in contract.KINDS:
        c = (report.counts or {}).get(kind)
        if not c or not any(c.get(k) for k in COUNT_KEYS):
            continue
        rows.append({t("upload.col.kind", lang): kind_label(kind, lang),
                     **{t(f"upload.count.{k}", lang): int(c.get(k) or 0) for k in COUNT_KEYS}})
    return pd.DataFrame(rows, columns=[t("upload.col.kind", lang), *(t(f"upload.count.{k}", lang) for k in COUNT_KEYS)])


def totals(report) -> dict[str, int]:
    """Rows new / replaced / unchanged / invalid over every kind."""
    out = dict.fromkeys(COUNT_KEYS, 0)
    for c in (report.counts or {}).values():
        for k in COUNT_KEYS:
            out[k] += int(c.get(k) or 0)
    return out


def errors(report) -> list:
    return [p for p in report.problems if getattr(p, "severity", "error") == "error"]


def warnings(report) -> list:
    return [p for p in report.problems if getattr(p, "severity", "error") != "error"]


def problem_choices(report) -> tuple[list[str], list[str]]:
    """The files and the columns that have problems, for the report's filters."""
    files = sorted({p.file for p in report.problems if p.file})
    columns = sorted({p.column for p in report.problems if p.column})
    return files, columns


def problems_frame(report, lang: str, files: Sequence[str] = (), columns: Sequence[str] = ()) -> pd.DataFrame:
    """The located problems as a table, optionally only those of some files and/or columns."""
    keys = ("severity", "file", "sheet", "row", "column", "value", "expected")
    rows = []
    # Errors first, then in reading order: file, sheet, row.
    ordered = sorted(report.problems, key=lambda p: (p.severity != "error", p.file or "", p.sheet or "",
                                                     p.row if p.row is not None else -1))
    for p in ordered:
        if files and p.file not in files:
            continue
        if columns and p.column not in columns:
            continue
        rows.append({
            "severity": t(f"upload.severity.{p.severity}", lang) if p.severity in ("error", "warning") else p.severity,
            "file": p.file,
            "sheet": p.sheet or "",
            "row": p.row,
            "column": p.column or "",
            "value": "" if p.value is None else str(p.value),
            "expected": p.expected(lang),
        })
    df = pd.DataFrame(rows, columns=list(keys))
    df["row"] = df["row"].astype("Int64")
    return df.rename(columns={k: t(f"upload.col.{k}", lang) for k in keys})


def personal_frame(report, lang: str) -> pd.DataFrame:
    """The personal-data columns that ingest dropped (never stored)."""
    keys = ("file", "sheet", "column")
    rows = [dict(zip(keys, (f, s or "", c))) for f, s, c in (report.dropped_personal or [])]
    return pd.DataFrame(rows, columns=list(keys)).rename(columns={k: t(f"upload.col.{k}", lang) for k in keys})


def _field(obj, name: str, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def files_frame(report, lang: str) -> pd.DataFrame:
    """One row per sheet read: file, sheet, the kind recognised, header row, data rows, start of the file's sha256."""
    keys = ("file", "sheet", "kind", "header_row", "rows", "sha256")
    rows = []
    for f in report.files or []:
        sheets = _field(f, "sheets") or [{}]
        for sh in sheets:
            kind = _field(sh, "kind")
            rows.append({
                "file": _field(f, "name") or _field(f, "file"),
                "sheet": _field(sh, "sheet") or "",
                "kind": kind_label(kind, lang) if kind in contract.KINDS else t("upload.kind.unknown", lang),
                "header_row": _field(sh, "header_row"),
                "rows": _field(sh, "rows"),
                "sha256": (_field(f, "sha256") or "")[:12],
            })
    df = pd.DataFrame(rows, columns=list(keys))
    for k in ("header_row", "rows"):
        df[k] = pd.to_numeric(df[k], errors="coerce").astype("Int64")
    return df.rename(columns={k: t(f"upload.col.{k}", lang) for k in keys})


def can_commit(report, skip_invalid: bool) -> tuple[bool, str]:
    """Whether the confirm button stores anything, and why not (an i18n key) when it does not."""
    tot = totals(report)
    if errors(report) and not skip_invalid:
        return False, "upload.blocked.errors"
    if tot["new"] + tot["replaced"] == 0:
        return False, "upload.blocked.nothing"
    return True, ""


def commit_upload(store: Store, report, *, skip_invalid: bool = False, user: str | None = None) -> list[dict]:
    """Store the report's rows; one batch per file. Raises ``IngestRefused`` when errors and not skipping."""
    return commit(store, report, skip_invalid=skip_invalid, user=user)


def commit_message(manifests: Sequence[dict], lang: str) -> str:
    """What was stored, in one sentence per batch."""
    if not manifests:
        return t("upload.committed.nothing", lang)
    lines = []
    for m in manifests:
        lines.append(t("upload.committed.batch", lang, batch=m.get("batch_id"), file=m.get("file") or "—",
                       added=int(m.get("rows_added") or 0), replaced=int(m.get("rows_replaced") or 0),
                       unchanged=int(m.get("rows_unchanged") or 0), invalid=int(m.get("rows_invalid") or 0)))
    return "\n\n".join(lines)


# --- history and undo ----------------------------------------------------------------


HISTORY_KEYS: tuple[str, ...] = ("batch_id", "created_at", "status", "file", "kind", "rows_added", "rows_replaced",
                                 "rows_unchanged", "rows_invalid", "user")


def history_frame(store: Store, lang: str) -> pd.DataFrame:
    """Every batch, newest first, with its counts and whether (and by whom) it was undone."""
    rows = []
    for m in sorted(store.batches(), key=lambda m: m.get("seq") or 0, reverse=True):
        if m.get("undone"):
            status = t("upload.status.undone", lang, at=_short_time(m.get("undone_at")), by=m.get("undone_by") or "—")
        else:
            status = t("upload.status.live", lang)
        kinds = m.get("kinds") or [k for k in (m.get("kind") or "").split(",") if k]
        rows.append({
            "batch_id": m.get("batch_id"),
            "file": m.get("file") or "—",
            "kind": ", ".join(kind_label(k, lang) if k in contract.KINDS else k for k in kinds) or "—",
            **{k: int(m.get(k) or 0) for k in ("rows_added", "rows_replaced", "rows_unchanged", "rows_invalid")},
            "user": m.get("user") or "—",
            "created_at": _short_time(m.get("created_at")),
            "status": status,
        })
    return pd.DataFrame(rows, columns=list(HISTORY_KEYS)).rename(
        columns={k: t(f"upload.history.{k}", lang) for k in HISTORY_KEYS})


def _short_time(iso: str | None) -> str:
    if not iso:
        return "—"
    try:
        ts = pd.Timestamp(iso)
    except ValueError:
        return str(iso)
    return ts.strftime("%Y-%m-%d %H:%M %Z").strip()


def undoable(store: Store) -> list[dict]:
    """The live batches, newest first: the ones that can be undone."""
    return sorted((m for m in store.batches() if not m.get("undone")), key=lambda m: m.get("seq") or 0, reverse=True)


def batch_label(manifest: dict, lang: str) -> str:
    return t("upload.undo.option", lang, batch=manifest.get("batch_id"), file=manifest.get("file") or "—",
             rows=int(manifest.get("rows") or 0))


def undo_batch(store: Store, batch_id: str, user: str | None = None) -> tuple[bool, str]:
    """Undo one batch: (True, "") when done, (False, the store's reason) when not; :func:`undo_message` words it."""
    try:
        store.undo(batch_id, user=user)
    except StoreError as exc:
        return False, str(exc)
    return True, ""


def undo_message(batch_id: str, ok: bool, detail: str, lang: str) -> str:
    if ok:
        return t("upload.undo.done", lang, batch=batch_id)
    return t("upload.undo.failed", lang, batch=batch_id, detail=detail)


# --- downloads -------------------------------------------------------------------------


def template_downloads(lang: str) -> list[dict]:
    """The downloads offered on the page: the XLSX template and the survey XLSForm."""
    from kemitraan import templates, xlsform

    xlsx = XLSX_MIME
    return [
        {"label": t("upload.download.template", lang), "data": lambda: templates.template_xlsx(lang),
         "file_name": t("upload.download.template_file", lang), "mime": xlsx, "key": "dl_template"},
        {"label": t("upload.download.xlsform", lang), "data": xlsform.survey_xlsform,
         "file_name": f"{xlsform.FORM_ID}.xlsx", "mime": xlsx, "key": "dl_xlsform"},
    ]
