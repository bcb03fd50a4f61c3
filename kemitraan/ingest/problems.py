"""A located problem in an upload, in both languages, and the refusal that carries them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from kemitraan.errors import Refused
from kemitraan.i18n import t


class Both(NamedTuple):
    """A message field that differs between the languages (a kind's name, a list of labels)."""

    id: str
    en: str


def both(key: str, **fmt: object) -> Both:
    return Both(t(key, "id", **fmt), t(key, "en", **fmt))


def kind_name(kind: str) -> Both:
    return both(f"ingest.kind.{kind}")


def _fields(fmt: dict, lang: str) -> dict:
    return {k: (getattr(v, lang) if isinstance(v, Both) else v) for k, v in fmt.items()}


@dataclass(slots=True)
class Problem:
    """One thing wrong (``error``) or worth knowing (``warning``) about an upload.

    ``row`` is the row number the user sees in the sheet (1-based, header rows
    included); ``column`` the header as written in the file. Either may be None
    for a problem of the whole file or sheet.

    ``level`` orders causes before their consequences: 0 the file, 1 a sheet or a
    column (a header missing or not recognised), 2 a cell, 3 a row that fails
    only because of another problem (a partnership whose own row was refused).
    ``count`` is the number of rows a folded problem stands for; ``key`` the
    message it was made from, so equal causes can be grouped.
    """

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: object
    expected_id: str
    expected_en: str
    severity: str = "error"
    key: str | None = None
    count: int | None = None
    level: int = 2
    rows: object = None  # the row numbers a folded problem stands for (a sequence), for the invalid-rows download

    @classmethod
    def of(
        cls,
        key: str,
        *,
        file: str,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
        severity: str = "error",
        level: int | None = None,
        count: int | None = None,
        hint: tuple[str, str] | None = None,
        rows: object = None,
        **fmt: object,
    ) -> Problem:
        """``hint``: (Indonesian, English) text added to the expected value, e.g. a did-you-mean."""
        if level is None:
            level = 0 if row is None and column is None else 2
        exp_id, exp_en = t(key, "id", **_fields(fmt, "id")), t(key, "en", **_fields(fmt, "en"))
        if hint:
            exp_id, exp_en = f"{exp_id} — {hint[0]}", f"{exp_en} — {hint[1]}"
        return cls(file, sheet, row, column, value, exp_id, exp_en, severity, key, count, level, rows)

    def expected(self, lang: str = "id") -> str:
        return self.expected_en if lang == "en" else self.expected_id

    def where(self, lang: str = "id") -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(t("ingest.where.sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(t("ingest.where.row", lang, row=self.row))
        if self.column:
            parts.append(t("ingest.where.column", lang, column=self.column))
        return ", ".join(parts)

    def message(self, lang: str = "id") -> str:
        text = self.where(lang)
        if self.value is not None and str(self.value) != "":
            text += ": " + t("ingest.where.value", lang, value=_short(self.value))
        key = "ingest.where.expected" if self.severity == "error" else "ingest.where.note"
        return f"{text} — {t(key, lang, expected=self.expected(lang))}"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": None if self.value is None else _short(self.value),
            "expected_id": self.expected_id,
            "expected_en": self.expected_en,
            "severity": self.severity,
            "count": self.count,
        }


def _short(value: object, limit: int = 80) -> str:
    s = str(value)
    return s if len(s) <= limit else s[: limit - 1] + "…"


class IngestRefused(Refused):
    """An upload with errors was not stored; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem], lang: str = "id"):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(t("ingest.refused", lang, n=len(errors)))


#: Columns of the problem table, in order (headers from ``ingest.col.<name>``).
PROBLEM_COLUMNS: tuple[str, ...] = ("severity", "file", "sheet", "row", "column", "value", "expected")


def problems_table(
    problems: Iterable[Problem], lang: str, files: Sequence[str] = (), columns: Sequence[str] = ()
) -> pd.DataFrame:
    """The problems as the page shows them and the downloads hold, in the report's order (errors first,
    causes before the rows they affect: see ``pipeline._order``).

    ``files`` / ``columns`` keep only the problems of those files / columns (the page's filters).
    """
    ordered = list(problems)
    rows = [
        (
            t(f"ingest.severity.{p.severity}", lang),
            p.file,
            p.sheet or "",
            p.row,
            p.column or "",
            "" if p.value is None else str(p.value),
            p.expected(lang),
        )
        for p in ordered
        if (not files or p.file in files) and (not columns or p.column in columns)
    ]
    df = pd.DataFrame(rows, columns=[t(f"ingest.col.{c}", lang) for c in PROBLEM_COLUMNS])
    df[t("ingest.col.row", lang)] = df[t("ingest.col.row", lang)].astype("Int64")
    return df
