"""The deck's data as a workbook (``to_xlsx(deck, con) -> bytes``, or :func:`build` for the deck and its workbook
at once): one sheet per chart, plus the scope, the meeting notes, the partnerships in scope, the definitions and the
sources.

Headers are names, not codes (the contract's and the catalog's labels in the chosen language), codes
in the cells become labels too, and every number column has a number format. Every sheet starts with
what it is: the slide's takeaway, the demo marker while demo data is live, the period, filters and
data date. User text never becomes a formula: it is escaped as :mod:`kemitraan.export.spreadsheet` does
(``'=…``) and written as a string, with xlsxwriter's ``strings_to_formulas`` off.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import xlsxwriter

from kemitraan import contract
from kemitraan.export.context import live_batches
from kemitraan.export.deck import Deck, build_deck, note_line, parse_slides, slide_label
from kemitraan.export.spreadsheet import escape_text, safe_frame, text_only
from kemitraan.export.table_format import number_format, readable
from kemitraan.i18n import t
from kemitraan.labels import unit_label
from kemitraan.methods import indices, methodology
from kemitraan.queries import explore as qexplore
from kemitraan.queries import filter_codes
from kemitraan.queries.filters import Filters

HEADER_ROW = 5  # 0-based: title, demo marker, scope, question, blank, then the header
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
#: Excel's day 0 as its serial numbers count from 1 March 1900 on (Excel counts 29 February 1900, which never was).
_EXCEL_DAY0 = pd.Timestamp("1899-12-30")
_EXCEL_FIRST_REGULAR = pd.Timestamp("1900-03-01")


class _Book:
    """The workbook being written. Its sheets are added in their final order first (:meth:`add_sheets`) and filled
    in any order after: the partnerships in scope, its largest sheet, can then be written while the deck is built."""

    def __init__(self, lang: str):
        self.lang = lang
        self.deck: Deck | None = None
        self.buf = io.BytesIO()
        self.wb = xlsxwriter.Workbook(
            self.buf,
            {
                "in_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "nan_inf_to_errors": False,
            },
        )
        f = self.wb.add_format
        self.fmt = {
            "title": f({"bold": True, "font_size": 14}),
            "demo": f({"bold": True, "font_color": "#FFFFFF", "bg_color": "#B2182B"}),
            "muted": f({"font_color": "#666666"}),
            "head": f({"bold": True, "bg_color": "#EEEEEE", "bottom": 1, "text_wrap": True, "valign": "top"}),
            "date": f({"num_format": "yyyy-mm-dd"}),
            "wrap": f({"text_wrap": True, "valign": "top"}),
            "bold": f({"bold": True}),
        }
        self._num_formats: dict[str, object] = {}
        self.names: set[str] = set()
        self.sheets: dict[str, object] = {}  # by part (:meth:`add_sheets`)
        self.slide_sheets: list = []  # one per slide, in the deck's order

    def add_sheets(self, slide_keys: Sequence[str]) -> None:
        """Every sheet, in the order a reader finds them: about, one per slide, notes, partnerships, filters,
        definitions, sources."""
        lang = self.lang
        self.sheets["info"] = self.sheet(t("export.xlsx.sheet.info", lang))
        self.slide_sheets = [self.sheet(slide_label(key, lang)) for key in slide_keys]
        for part, name in (
            ("notes", t("mnote.header", lang)),
            ("partnerships", t("kpi.kemitraan", lang)),
            ("filters", t("filters.header", lang)),
            ("definitions", t("export.xlsx.sheet.definitions", lang)),
            ("sources", t("an.metodologi.sources", lang)),
        ):
            self.sheets[part] = self.sheet(name)

    def set_deck(self, deck: Deck) -> None:
        self.deck = deck
        self.wb.set_properties(
            {
                "title": f"{t('app.title', self.lang)} — {deck.context.period}",
                "subject": deck.context.footer(),
                "author": t("app.title", self.lang),
            }
        )

    def num(self, code: str):
        if code not in self._num_formats:
            self._num_formats[code] = self.wb.add_format({"num_format": code})
        return self._num_formats[code]

    def sheet(self, name: str):
        name = _BAD_SHEET_CHARS.sub(" ", name)[:31].strip() or "data"
        base, i = name, 2
        while name.lower() in self.names:
            suffix = f" ({i})"
            name, i = base[: 31 - len(suffix)] + suffix, i + 1
        self.names.add(name.lower())
        return self.wb.add_worksheet(name)

    def text(self, ws, row: int, col: int, value: object, fmt=None) -> None:
        ws.write_string(row, col, str(escape_text(str(value))), fmt)

    def preamble(self, ws, title: str, question: str | None = None) -> None:
        """The first rows of every sheet: what it is, the demo marker, the scope."""
        ctx = self.deck.context
        self.text(ws, 0, 0, title, self.fmt["title"])
        if ctx.demo:
            self.text(ws, 1, 0, ctx.demo_marker, self.fmt["demo"])
        self.text(ws, 2, 0, " · ".join(x for x in ctx.footer().split(" · ") if x != ctx.demo_marker), self.fmt["muted"])
        if question:
            self.text(ws, 3, 0, question, self.fmt["muted"])

    def table(self, ws, df: pd.DataFrame, first_row: int = HEADER_ROW, widths: dict[str, int] | None = None) -> None:
        """A frame under labelled headers; numbers as numbers with a format, text escaped."""
        codes = list(df.columns)
        shown = safe_frame(readable(df, self.lang))
        shown.columns = [_with_unit(code, str(head), self.lang) for code, head in zip(codes, shown.columns)]
        for c, head in enumerate(shown.columns):
            self.text(ws, first_row, c, head, self.fmt["head"])
        formats = [number_format(code, df[code]) for code in codes]
        columns = [self._column(ws, shown.iloc[:, c], formats[c]) for c in range(len(codes))]
        for r in range(len(shown)):
            for c, (values, write) in enumerate(columns):
                value = values[r]
                if value is not None:
                    write(first_row + 1 + r, c, value)
        ws.freeze_panes(first_row + 1, 0)
        if codes:
            ws.autofilter(first_row, 0, first_row + max(len(df), 1), len(codes) - 1)
        for c, head in enumerate(shown.columns):
            sample = [len(str(v)) for v in shown.iloc[:200, c]] if len(shown) else []
            width = (widths or {}).get(codes[c]) or min(50, max(10, len(str(head)) * 0.9, *(s + 2 for s in sample)))
            ws.set_column(c, c, width)

    def _column(self, ws, col: pd.Series, num_fmt: str | None) -> tuple[list, Callable]:
        """A column's values as Python values (None where missing) and the writer of one cell: a column of one type
        is converted once (the partnerships sheet has 200,000 cells), a column of mixed values cell by cell."""
        dtype = col.dtype
        if pd.api.types.is_bool_dtype(dtype):
            return _missing_as_none(col, bool), ws.write_boolean
        if pd.api.types.is_numeric_dtype(dtype):
            fmt = self.num(num_fmt or "General")
            return _missing_as_none(col, float), lambda r, c, v: ws.write_number(r, c, v, fmt)
        if isinstance(dtype, pd.DatetimeTZDtype):
            col = col.dt.tz_localize(None)  # Excel has no time zones: the wall-clock time
        if pd.api.types.is_datetime64_dtype(col.dtype):
            if not (col < _EXCEL_FIRST_REGULAR).any():
                return _excel_serials(col), lambda r, c, v: ws.write_number(r, c, v, self.fmt["date"])
            # Excel counts a 29 February 1900 that never was: xlsxwriter knows how, cell by cell
            return _missing_as_none(col, pd.Timestamp.to_pydatetime), lambda r, c, v: ws.write_datetime(
                r, c, v, self.fmt["date"]
            )
        if text_only(col):  # already escaped by safe_frame
            return _missing_as_none(col, str), ws.write_string
        return list(col), lambda r, c, v: self._cell(ws, r, c, v, num_fmt)

    def _cell(self, ws, r: int, c: int, value, num_fmt: str | None) -> None:
        if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            return
        if isinstance(value, (bool, np.bool_)):
            ws.write_boolean(r, c, bool(value))
        elif isinstance(value, (int, float, np.integer, np.floating)):
            ws.write_number(r, c, float(value), self.num(num_fmt or "General"))
        elif isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
            d = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
            if isinstance(d, dt.datetime) and d.tzinfo is not None:
                d = d.replace(tzinfo=None)
            ws.write_datetime(r, c, d, self.fmt["date"])
        else:
            ws.write_string(r, c, str(value))  # already escaped by safe_frame

    def close(self) -> bytes:
        self.wb.close()
        return self.buf.getvalue()


def _missing_as_none(col: pd.Series, convert: Callable) -> list:
    return [None if missing else convert(v) for v, missing in zip(col.tolist(), col.isna().tolist())]


def _excel_serials(col: pd.Series) -> list:
    """A datetime column (from March 1900 on) as Excel stores dates: serial day numbers, the time of day their
    fraction (None where missing). What xlsxwriter's ``write_datetime`` computes cell by cell, at once: the
    partnerships sheet's 36,000 dates took 0.2 s so."""
    return _missing_as_none((col - _EXCEL_DAY0) / pd.Timedelta(days=1), float)


def _with_unit(code: str, head: str, lang: str) -> str:
    """``Dana komitmen (Rp)``: an indicator's unit in its header, unless the label says it already."""
    if code not in contract.indicators() or contract.indicator(code).satuan == "%":
        return head
    return f"{head} ({unit_label(code, lang)})"


def _info_sheet(b: _Book) -> None:
    ws = b.sheets["info"]
    b.preamble(ws, f"{t('app.title', b.lang)} — {t('app.tagline', b.lang)}")
    rows = b.deck.context.scope_rows()
    for i, (k, v) in enumerate(rows, start=HEADER_ROW):
        b.text(ws, i, 0, k, b.fmt["bold"])
        b.text(ws, i, 1, v, b.fmt["demo"] if b.deck.context.demo and v == b.deck.context.demo_marker else None)
    r = HEADER_ROW + len(rows) + 1
    b.text(ws, r, 0, t("export.xlsx.contents", b.lang), b.fmt["bold"])
    for i, sl in enumerate(b.deck.slides, start=r + 1):
        b.text(ws, i, 0, sl.label(b.lang))
        b.text(ws, i, 1, sl.title)
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 110)


def _slide_sheets(b: _Book) -> None:
    for sl, ws in zip(b.deck.slides, b.slide_sheets, strict=True):
        b.preamble(ws, sl.title, sl.chart_title)
        if sl.empty:
            b.text(ws, HEADER_ROW - 1, 0, t("export.no_data", b.lang), b.fmt["bold"])
        elif sl.metrics:  # the slide's headline figures, as the slide and the page show them
            b.text(ws, HEADER_ROW - 1, 0, " · ".join(f"{m.label}: {m.value}" for m in sl.metrics), b.fmt["bold"])
        b.table(ws, sl.data)


def _notes_sheet(b: _Book) -> None:
    ws = b.sheets["notes"]
    b.preamble(ws, t("mnote.header", b.lang))
    rows = [
        {
            "slide": sl.label(b.lang),
            "penulis": n.author,
            "dibuat": n.created_at,
            "catatan_lengkap": note_line(n, b.lang),
            "teks": n.text,
        }
        for sl in b.deck.slides
        for n in sl.meeting_notes
    ]
    df = pd.DataFrame(rows, columns=["slide", "penulis", "dibuat", "catatan_lengkap", "teks"])
    b.table(ws, df, widths={"catatan_lengkap": 60, "teks": 60})


def _partnerships_table(b: _Book, con, f: Filters) -> None:
    """The partnerships in scope, below the preamble (:func:`_partnerships_preamble`, written once the deck is)."""
    cols = [
        "kode_kemitraan",
        "nama_kemitraan",
        "kategori",
        "bidang",
        "fokus",
        "mitra_utama",
        "provinsi",
        "kabupaten_kota",
        "kabupaten_kode",
        "tanggal_mulai",
        "tanggal_selesai",
    ]
    df = qexplore.view_rows(con, f, "kemitraan", limit=None)
    b.table(b.sheets["partnerships"], df[[c for c in cols if c in df.columns]], widths={"nama_kemitraan": 50})


def _partnerships_preamble(b: _Book) -> None:
    b.preamble(b.sheets["partnerships"], t("kpi.kemitraan", b.lang))


def _filters_sheet(b: _Book) -> None:
    ws = b.sheets["filters"]
    b.preamble(ws, t("filters.header", b.lang))
    codes = filter_codes.to_codes(b.deck.context.filters)
    rows = [{"nama": k, "nilai": v} for k, v in b.deck.context.scope_rows()]
    rows += [
        {"nama": f"{t('col.kode', b.lang)}: {k}", "nilai": ", ".join(v) if isinstance(v, list) else v}
        for k, v in codes.items()
    ]
    rows.append({"nama": t("export.xlsx.slides", b.lang), "nilai": ",".join(s.key for s in b.deck.slides)})
    b.table(ws, pd.DataFrame(rows, columns=["nama", "nilai"]), widths={"nama": 32, "nilai": 80})


def _definitions_sheet(b: _Book) -> None:
    ws = b.sheets["definitions"]
    b.preamble(ws, t("export.xlsx.sheet.definitions", b.lang))
    used = {k for sl in b.deck.slides for k in sl.indicators}
    cat = methodology.indicator_table(b.lang)
    cat = cat[cat["kode"].isin(used)] if used else cat
    idx = indices.index_docs(b.lang)
    methods = {m for sl in b.deck.slides for m in sl.methods}
    idx = idx[idx["kode"].isin(methods)] if methods else idx
    both = pd.concat(
        [cat[["kode", "nama", "definisi", "satuan", "sumber"]], idx[["kode", "nama", "definisi", "satuan", "sumber"]]],
        ignore_index=True,
    )
    b.table(ws, both, widths={"definisi": 90, "sumber": 50, "nama": 30})


def _sources_sheet(b: _Book, store) -> None:
    ws = b.sheets["sources"]
    b.preamble(ws, t("an.metodologi.sources", b.lang))
    live = live_batches(store) if store is not None else []
    cols = ["batch_id", "file", "kind", "rows", "user", "created_at"]
    df = pd.DataFrame([{c: m.get(c) for c in cols} for m in live], columns=cols).rename(
        columns={"kind": "jenis", "rows": "n_baris"}
    )
    b.table(ws, df, widths={"file": 40})
    r = HEADER_ROW + len(df) + 3
    b.text(ws, r, 0, t("export.xlsx.catalog_source", b.lang), b.fmt["bold"])
    b.text(ws, r + 1, 0, t("an.catalog_source", b.lang))
    b.text(ws, r + 2, 0, t("export.xlsx.provinces_source", b.lang))


def to_xlsx(deck: Deck, con, store=None) -> bytes:
    """The workbook; ``con`` reads the partnerships in scope, ``store`` lists the live batches (the sources)."""
    b = _Book(deck.lang)
    b.add_sheets([sl.key for sl in deck.slides])
    _partnerships_table(b, con, deck.context.filters)
    return _finish(b, deck, store)


def build(con, store, f: Filters, lang: str, slides=None, now: dt.datetime | None = None) -> tuple[Deck, bytes]:
    """The deck of ``slides`` for ``f`` and its workbook, as ``to_xlsx(build_deck(...))`` gives them, in less time:
    the deck is built on a cursor of ``con`` in a second thread while this one writes the partnerships in scope.

    While the deck's statements run in DuckDB, the other thread runs Python: xlsxwriter taking the partnerships
    sheet's 200,000 cells at ten million indicator rows. The deck's own Python takes turns with it, so the gain is
    what DuckDB frees: one after the other 1.50–1.57 s, together 1.44 s (bench/RESULTS.md)."""
    keys = parse_slides(slides)  # as build_deck reads them: a comma list, labels, None for the default deck
    b = _Book(lang)
    b.add_sheets(keys)
    cursor = con.cursor()  # a DuckDB connection answers one thread at a time; a cursor is its own
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="deck") as pool:  # leaving it waits for the deck
            building = pool.submit(build_deck, cursor, store, f, lang, keys, now)
            try:
                _partnerships_table(b, con, f)
                deck = building.result()
            except BaseException:  # Ctrl-C or a failure here: the deck's query stops, so leaving waits for no more
                cursor.interrupt()
                raise
    finally:
        cursor.close()
    return deck, _finish(b, deck, store)


def _finish(b: _Book, deck: Deck, store) -> bytes:
    b.set_deck(deck)
    _info_sheet(b)
    _slide_sheets(b)
    _notes_sheet(b)
    _partnerships_preamble(b)
    _filters_sheet(b)
    _definitions_sheet(b)
    _sources_sheet(b, store)
    return b.close()
