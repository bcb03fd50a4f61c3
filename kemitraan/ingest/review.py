"""Reviewing an upload before it is stored: the dry run, what it would change, its problems, the commit.

The "Unggah Data" page lays these tables out and tests call them directly. Every
table has its headers in the user's language; every download is safe to open in
a spreadsheet (no formula from user text).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from kemitraan import contract, labels
from kemitraan.i18n import t
from kemitraan.ingest.pipeline import commit, prepare
from kemitraan.ingest.problems import IngestRefused, problems_table
from kemitraan.storage import lake_io
from kemitraan.storage.store import Store

Refusal = IngestRefused  # what the page catches around prepare and commit
DiskFull = lake_io.DiskFull  # … and a full disk during the commit (its own message; nothing stored)

ACCEPTED_TYPES: tuple[str, ...] = ("csv", "xlsx", "xls", "ods", "json")  # json: DHIS2 data value sets
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


def prepare_upload(
    store: Store,
    files: Sequence[tuple[str, bytes]],
    kind: str | None = None,
    progress: Callable[[float, str], None] | None = None,
    lang: str = "id",
):
    """The dry run: a report of what the files would change; nothing is written."""
    return prepare(store, list(files), kind=None if kind in (None, AUTO) else kind, progress=progress, lang=lang)


AUTO = "auto"


def kind_options() -> list[str]:
    """Choices of the kind override: automatic, then every kind."""
    return [AUTO, *contract.KINDS]


def kind_label(kind: str | None, lang: str) -> str:
    """A kind, or "detect automatically", as the kind picker shows it."""
    return t("upload.kind.auto", lang) if kind in (None, AUTO) else labels.kind_label(kind, lang)


def counts_frame(report, lang: str) -> pd.DataFrame:
    """Per kind: rows new, replacing an earlier value, unchanged, invalid (kinds with no rows left out)."""
    rows = []
    for kind in contract.KINDS:
        c = (report.counts or {}).get(kind)
        if not c or not any(c.get(k) for k in COUNT_KEYS):
            continue
        rows.append(
            {
                t("upload.col.kind", lang): kind_label(kind, lang),
                **{t(f"upload.count.{k}", lang): int(c.get(k) or 0) for k in COUNT_KEYS},
            }
        )
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
    """The located problems as a table (errors first), optionally only those of some files and/or columns."""
    return problems_table(report.problems, lang, files, columns)


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
            rows.append(
                {
                    "file": _field(f, "name") or _field(f, "file"),
                    "sheet": _field(sh, "sheet") or "",
                    "kind": kind_label(kind, lang) if kind in contract.KINDS else t("upload.kind.unknown", lang),
                    "header_row": _field(sh, "header_row"),
                    "rows": _field(sh, "rows"),
                    "sha256": (_field(f, "sha256") or "")[:12],
                }
            )
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


def commit_upload(
    store: Store,
    report,
    *,
    skip_invalid: bool = False,
    user: str | None = None,
    progress: Callable[[float, str], None] | None = None,
    lang: str = "id",
) -> list[dict]:
    """Store the report's rows; one batch per file. Raises ``IngestRefused`` when errors and not skipping.
    ``progress(fraction, message)`` is told how far the writing is, as for :func:`prepare_upload`."""
    return commit(store, report, skip_invalid=skip_invalid, user=user, progress=progress, lang=lang)


def commit_message(manifests: Sequence[dict], lang: str) -> str:
    """What was stored, in one sentence per batch."""
    if not manifests:
        return t("upload.committed.nothing", lang)
    lines = []
    for m in manifests:
        lines.append(
            t(
                "upload.committed.batch",
                lang,
                batch=m.get("batch_id"),
                file=m.get("file") or "—",
                added=int(m.get("rows_added") or 0),
                replaced=int(m.get("rows_replaced") or 0),
                unchanged=int(m.get("rows_unchanged") or 0),
                invalid=int(m.get("rows_invalid") or 0),
            )
        )
    return "\n\n".join(lines)


# --- downloads -------------------------------------------------------------------------


def template_downloads(lang: str) -> list[dict]:
    """The downloads offered on the page: the XLSX template and the survey XLSForm."""
    from kemitraan.generators import template, xlsform

    xlsx = XLSX_MIME
    return [
        {
            "label": t("upload.download.template", lang),
            "data": lambda: template.template_xlsx(lang),
            "file_name": t("upload.download.template_file", lang),
            "mime": xlsx,
            "key": "dl_template",
        },
        {
            "label": t("upload.download.xlsform", lang),
            "data": xlsform.survey_xlsform,
            "file_name": f"{xlsform.FORM_ID}.xlsx",
            "mime": xlsx,
            "key": "dl_xlsform",
        },
    ]
