"""The report of a dry run: problems (grouped by cause, root causes first), counts, the invalid rows to download."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kemitraan.i18n import t
from kemitraan.ingest import normalise as N
from kemitraan.ingest import skip
from kemitraan.ingest.headers import is_personal
from kemitraan.ingest.problems import Problem, problems_table
from kemitraan.ingest.validate import Checked

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
class InvalidRows:
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
    invalid: list[InvalidRows] = field(default_factory=list, repr=False)
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
            values = " · ".join(short_text(v) for v in g.values[:3]) + (" …" if len(g.values) > 3 else "")
            out.append(
                (
                    t(f"ingest.severity.{p.severity}", lang),
                    where,
                    skip.row_list(g.rows) if g.rows else "",
                    g.count or None,
                    values,
                    p.expected(lang),
                )
            )
        df = pd.DataFrame(out, columns=[t(f"ingest.col.{c}", lang) for c in cols])
        df[t("ingest.col.count", lang)] = df[t("ingest.col.count", lang)].astype("Int64")
        return df

    def problems_xlsx(self, lang: str = "id") -> bytes:
        """The problem list as a workbook to download (uploaded text stays text, never a formula)."""
        buf = io.BytesIO()
        with pd.ExcelWriter(
            buf,
            engine="xlsxwriter",
            engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}},
        ) as xw:
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
        with pd.ExcelWriter(
            buf,
            engine="xlsxwriter",
            engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}},
        ) as xw:
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


def short_text(v: str, limit: int = 40) -> str:
    return v if len(v) <= limit else v[: limit - 1] + "…"


def hide_personal_values(report: Report) -> None:
    """No problem shows a value from a personal-data column (its name may be shown: it says what was dropped)."""
    personal = {(c.sheet.file, c.sheet.name, c.sheet.hm.headers[p]) for c in report.tables for p in c.sheet.hm.personal}
    for p in report.problems:
        if p.value is not None and (p.column and is_personal(p.column) or (p.file, p.sheet, p.column) in personal):
            p.value = None


def order_problems(report: Report) -> None:
    """Errors first, causes before consequences (file, column, cell, dependent row), files in upload order."""
    files = {f["name"]: i for i, f in enumerate(report.files)}
    report.problems.sort(key=lambda p: (p.severity != "error", p.level, files.get(p.file, -1)))


def cap_warnings(report: Report) -> None:
    warnings = [p for p in report.problems if p.severity != "error"]
    if len(warnings) <= MAX_WARNINGS:
        return
    drop = {id(p) for p in warnings[MAX_WARNINGS:]}
    report.problems = [p for p in report.problems if id(p) not in drop]
    report.problems.append(
        Problem.of(
            "ingest.warn.more",
            file=warnings[MAX_WARNINGS].file,
            severity="warning",
            level=9,
            n=len(drop),
            count=len(drop),
        )
    )


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
