"""Readers: bytes of an uploaded file -> sheets with a recognised header row.

CSV (delimiter, quoting, encoding and BOM sniffed), XLSX/XLS/ODS through
python-calamine. The header row is looked for below report titles, the HXL
hashtag row under it is skipped, empty rows are dropped (row numbers stay as
the user sees them). Nothing here opens a path: files arrive as bytes.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from python_calamine import CalamineWorkbook

from kemitraan import contract
from kemitraan.ingest import dhis2, limits, prescan
from kemitraan.ingest.headers import HeaderMap, detect, missing_columns
from kemitraan.ingest.problems import Both, Problem, kind_name

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXT_FORMAT = {
    "csv": "CSV",
    "txt": "CSV",
    "tsv": "CSV",
    "xlsx": "XLSX",
    "xlsm": "XLSX",
    "xls": "XLS",
    "ods": "ODS",
    "json": "JSON",
}


@dataclass
class Sheet:
    """One table found in a file: its header mapping, its data rows and their row numbers."""

    file: str
    name: str | None
    header_row: int | None  # 1-based, as the user sees it; None when the file has no header row (DHIS2, JSON)
    hm: HeaderMap
    data: pd.DataFrame  # positional columns 0..n-1, raw cells, empty rows removed
    rows: np.ndarray  # row number of each data row as the user sees it

    @property
    def kind(self) -> str:
        return self.hm.kind


@dataclass
class ReadResult:
    format: str | None = None
    encoding: str | None = None
    sheets: list[Sheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def sniff_format(data: bytes) -> str:
    if data.startswith(ZIP_MAGIC):
        return "ZIP"
    if data.startswith(OLE_MAGIC):
        return "XLS"
    return "CSV"


def read_file(name: str, data: bytes, kind: str | None = None) -> ReadResult:
    res = ReadResult()
    try:
        limits.check_size(data)
        if not data or data.isspace():  # (strip() would copy the whole file)
            res.problems.append(Problem.of("ingest.exp.empty_file", file=name))
            return res
        fmt = sniff_format(data)
        if fmt == "CSV" and dhis2.looks_like_json(data):
            fmt = "JSON"
        extents: dict[str, prescan.Extent] = {}
        if fmt == "ZIP":
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as zf:
                    members = limits.check_zip(zf)
                    if "xl/workbook.bin" in members:  # binary sheets: their extent cannot be checked before reading
                        res.problems.append(Problem.of("ingest.exp.xlsb", file=name))
                        return res
                    if "xl/workbook.xml" in members:
                        fmt = "XLSX"
                    elif "content.xml" in members and "mimetype" in members:
                        fmt = "ODS"
                    else:
                        res.problems.append(Problem.of("ingest.exp.not_spreadsheet", file=name))
                        return res
                    extents = prescan.scan(data, zf, fmt)
            except _BROKEN_ZIP as exc:
                res.problems.append(Problem.of("ingest.exp.corrupt_zip", file=name, error=_reason(exc)))
                return res
        res.format = fmt
        if fmt == "CSV":
            _read_csv(name, data, kind, res)
        elif fmt == "JSON":
            _read_json(name, data, kind, res)
        else:
            _read_workbook(name, data, kind, res, extents)
        _require_rows(name, res)
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        # Only when the file could be read as what it really is: a binary blob named .xlsx
        # must not be told "read as CSV" next to "neither text nor a spreadsheet".
        readable = not any(p.severity == "error" and not p.row for p in res.problems)
        if _EXT_FORMAT.get(ext) and _EXT_FORMAT[ext] != fmt and readable:
            res.problems.insert(
                0, Problem.of("ingest.warn.extension", file=name, severity="warning", actual=fmt, ext="." + ext)
            )
    except limits.LimitExceeded as exc:
        res.problems.append(Problem.of(exc.key, file=name, **exc.fmt))
        res.sheets = []
    return res


# a zip that is damaged or crafted: each of these comes from zipfile, zlib or struct on such bytes
_BROKEN_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    struct.error,
    NotImplementedError,
    KeyError,
    ValueError,
)


def _reason(exc: Exception) -> str:
    return (str(exc) or type(exc).__name__)[:120]


# ------------------------------------------------------------------ helpers


def _is_empty(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and np.isnan(v))


def _find_header(rows: list[list], kind: str | None) -> tuple[int, HeaderMap] | None:
    best: tuple[int, HeaderMap] | None = None
    for i, row in enumerate(rows[: limits.HEADER_SCAN_ROWS]):
        hm = detect(row, kind)
        if hm is not None and (best is None or hm.score > best[1].score):
            best = (i, hm)
    return best


def _locate(rows: list[list], kind: str | None) -> tuple[int, HeaderMap] | None:
    """The header row (index, -1 when the first row is data) and its mapping: a DHIS2 data value set, else the contract's."""
    generic = _find_header(rows, kind)
    complete = generic is not None and not missing_columns(generic[1])
    return dhis2.recognise(rows, kind, generic, complete) or generic


def _header_row(hidx: int, hm: HeaderMap, offset: int = 0) -> int | None:
    return None if hm.headerless else offset + hidx + 1


def _is_hxl(row: list) -> bool:
    cells = [str(c).strip() for c in row if not _is_empty(c)]
    return bool(cells) and all(c.startswith("#") for c in cells)


def _no_header(name: str, sheet: str | None, kind: str | None) -> Problem:
    names = [kind_name(k) for k in ((kind,) if kind else contract.KINDS)]
    kinds = Both(" / ".join(n.id for n in names), " / ".join(n.en for n in names))
    return Problem.of("ingest.exp.no_header", file=name, sheet=sheet, kinds=kinds)


# ------------------------------------------------------------------ CSV


def _first_bad(data: bytes, encoding: str) -> int | None:
    """Offset of the first byte that is not ``encoding``, decoding 1 MB at a time (never the whole file as text)."""
    dec = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    step = 1 << 20
    for i in range(0, len(data), step):
        pending = len(dec.getstate()[0])  # bytes of a character cut by the previous piece
        try:
            dec.decode(view[i : i + step], final=i + step >= len(data))
        except UnicodeDecodeError as exc:
            return max(0, i - pending + exc.start)
    return None


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 written without a byte-order mark: every other byte of plain text is zero."""
    sample = head[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


class _Undecodable(Exception):
    def __init__(self, key: str, at: int, data: bytes):
        self.key, self.row, self.byte = key, data.count(b"\n", 0, at) + 1, f"0x{data[at]:02X}"


def _decode_head(data: bytes) -> tuple[str, str]:
    """Encoding name for the parser and the decoded first chunk.

    UTF-8 (with or without BOM), UTF-16 (with a BOM, or recognised without one) or
    Windows-1252, as the contract says. A file that is UTF-8 in one place and not in
    another, or none of these, is refused where its first foreign byte stands:
    never decoded into other characters than the ones the user typed.
    """
    if data.startswith(codecs.BOM_UTF8):
        enc = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc = "utf-16"
    else:
        enc = _utf16_without_bom(data)
    if enc is None:
        bad = _first_bad(data, "utf-8")
        if bad is None:
            enc = "utf-8"
        else:
            head = data[:8192]
            if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > 0.01 * len(head):
                raise _Binary()
            if _UTF8_SEQUENCE.search(data, 0, min(bad, 1 << 24)) or _UTF8_SEQUENCE.search(data, bad, bad + (1 << 20)):
                raise _Undecodable("ingest.exp.encoding_mixed", bad, data)
            bad = _first_bad(data, "cp1252")  # what Excel on Windows writes
            if bad is not None:
                raise _Undecodable("ingest.exp.encoding", bad, data)
            enc = "cp1252"
    elif enc != "utf-8-sig" and (bad := _first_bad(data, enc)) is not None:
        raise _Undecodable("ingest.exp.encoding", bad, data)
    head = data[: _head_bytes(data)].decode(enc, errors="ignore")
    if "\x00" in head:
        raise _Binary()
    return enc, head


class _Binary(Exception):
    pass


def _line_stats(data: bytes) -> tuple[int, int]:
    """(lines, bytes of the longest line), counted 8 MB at a time."""
    lines, longest, since = 0, 0, 0
    step = 8 << 20
    for i in range(0, len(data), step):
        arr = np.frombuffer(data, dtype=np.uint8, count=min(step, len(data) - i), offset=i)
        nl = np.flatnonzero(arr == 10)
        if len(nl):
            longest = max(longest, since + int(nl[0]) + 1, int(np.diff(nl).max()) if len(nl) > 1 else 0)
            since = len(arr) - int(nl[-1]) - 1
            lines += len(nl)
        else:
            since += len(arr)
    return lines + (1 if since else 0), max(longest, since)


# The csv module refuses any field over 131,072 characters with a bare "field larger than field limit" while the
# delimiter is being guessed. A long cell must get the located message of the contract instead (cell_too_long, at
# Excel's 32,767), so the module's own limit is raised above the largest file accepted (it is per process).
csv.field_size_limit(max(csv.field_size_limit(), limits.MAX_FILE_BYTES + 1))

#: The first chunk decoded to find the delimiter and the header (characters) …
HEAD_CHARS = 262_144
#: … grown to hold the first line whole when it is longer, up to this many bytes.
MAX_HEAD_BYTES = 64 << 20


def _head_bytes(data: bytes) -> int:
    """How many bytes to decode for sniffing: at least the first line whole (a header of a thousand long names, a
    first line of one huge cell), so the header is never cut in the middle."""
    first_nl = data.find(b"\n", 0, MAX_HEAD_BYTES)
    return max(HEAD_CHARS, first_nl + 1 if first_nl >= 0 else min(len(data), MAX_HEAD_BYTES))


def _sniff_delimiter(lines: list[str]) -> str:
    best, best_score = ",", (-1, -1)
    for d in (",", ";", "\t", "|"):
        counts = [len(r) for r in csv.reader(lines, delimiter=d) if r]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = (counts.count(mode) if mode > 1 else 0, mode)
        if score > best_score:
            best, best_score = d, score
    return best


def _read_csv(name: str, data: bytes, kind: str | None, res: ReadResult) -> None:
    try:
        enc, head = _decode_head(data)
    except _Binary:
        res.problems.append(Problem.of("ingest.exp.binary", file=name))
        return
    except _Undecodable as exc:
        res.problems.append(Problem.of(exc.key, file=name, row=exc.row, byte=exc.byte))
        return
    res.encoding = enc
    lines = head.splitlines(keepends=True)
    if len(data) > len(head) and len(lines) > 1:
        lines = lines[:-1]  # the chunk may end mid-line
    lines = lines[:200]
    delim = _sniff_delimiter(lines)
    head_rows = list(csv.reader(lines, delimiter=delim))
    limits.check_columns(max((len(r) for r in head_rows), default=0))  # before anything looks at the headers
    found = _locate(head_rows, kind)
    if found is None:
        if not _long_head_cells(name, head_rows, len(data) > len(head) and len(lines) == 1, res):
            res.problems.append(_no_header(name, None, kind))
        return
    hidx, hm = found
    if _long_head_cells(name, head_rows[: hidx + 1], False, res):
        return
    ncols = max(len(r) for r in head_rows)
    ncols = max(ncols, len(hm.headers))
    n_lines, longest_line = _line_stats(data)
    limits.check_cells(n_lines, ncols)  # rows × columns from the line count, before parsing
    skip = hidx + 1
    if not hm.headerless and skip < len(head_rows) and _is_hxl(head_rows[skip]):
        skip += 1
    # where the data starts, in physical lines (a quoted field may span lines) and then in bytes
    reader = csv.reader(lines, delimiter=delim)
    for _ in range(skip):
        next(reader, None)
    char_off = sum(len(line) for line in lines[: reader.line_num])
    if (open_at := _unclosed_quote(data, enc)) is not None:
        res.problems.append(Problem.of("ingest.exp.open_quote", file=name, row=open_at))
        return
    try:
        df = _parse_csv(data, enc, head, char_off, delim, ncols)
    except (pd.errors.ParserError, ValueError, UnicodeDecodeError) as exc:
        res.problems.append(Problem.of("ingest.exp.csv_shape", file=name, error=str(exc).strip()[:200]))
        return
    limits.check_cells(len(df), ncols)
    if longest_line > limits.MAX_CELL_CHARS and _long_cells(
        name, None, hm, df, np.arange(skip + 1, skip + 1 + len(df)), res
    ):
        return
    width = len(hm.headers)
    if ncols > width:  # fields beyond the header: a shifted row, never silently cut off
        extra = df.iloc[:, width:].fillna("")
        longer = np.zeros(len(df), dtype=bool)
        for c in extra.columns:
            longer |= (extra[c].str.strip().str.len() > 0).to_numpy()
        for i in np.flatnonzero(longer)[:1000]:
            # the stray fields may be anyone's phone number when the sheet holds personal data: not shown then
            value = None if hm.personal else delim.join(v for v in extra.iloc[i] if v)
            res.problems.append(
                Problem.of("ingest.exp.extra_fields", file=name, row=int(skip + 1 + i), n=width, value=value)
            )
    df = df.iloc[:, :width].fillna("")
    rows = np.arange(skip + 1, skip + 1 + len(df))
    keep = np.zeros(len(df), dtype=bool)
    for c in df.columns:
        col = df[c]
        keep |= (col.str.len() > 0).to_numpy() & (col.str.strip().str.len() > 0).to_numpy()
    if not keep.all():
        df, rows = df[keep].reset_index(drop=True), rows[keep]
    _add_sheet(res, Sheet(name, None, _header_row(hidx, hm), hm, df, rows))


def _parse_csv(data: bytes, enc: str, head: str, char_off: int, delim: str, ncols: int) -> pd.DataFrame:
    """Every record after the header as text columns 0..ncols-1 (blank lines kept, so row numbers hold).

    pyarrow's reader first (no Python object per cell, so a million rows stay small);
    pandas' C reader when pyarrow refuses (rows of uneven length: it pads, and
    reports rows that are longer than the header).
    """
    names = list(range(ncols))
    if enc.startswith("utf-16"):
        text = data.decode(enc)
        return _parse_c(io.StringIO(text[len(head[:char_off]) :] if char_off else text), None, delim, names)
    bom = 3 if enc == "utf-8-sig" else 0
    start = bom + len(head[:char_off].encode("utf-8" if enc == "utf-8-sig" else enc))
    body = memoryview(data)[start:]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(body),
            read_options=pacsv.ReadOptions(
                column_names=[str(n) for n in names], encoding="utf8" if enc in ("utf-8", "utf-8-sig") else enc
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delim, quote_char='"', double_quote=True, newlines_in_values=True, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={str(n): pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, LookupError):
        return _parse_c(io.BytesIO(bytes(body)), enc if enc != "utf-8-sig" else "utf-8", delim, names)
    df = table.to_pandas()
    df.columns = names
    return df


def _parse_c(source, enc: str | None, delim: str, names: list[int]) -> pd.DataFrame:
    return pd.read_csv(
        source,
        sep=delim,
        header=None,
        names=names,
        dtype=str,
        encoding=enc,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        quotechar='"',
        engine="c",
        low_memory=False,
    )


def _long_cells(
    name: str, sheet: str | None, hm: HeaderMap, df: pd.DataFrame, rows: np.ndarray, res: ReadResult
) -> bool:
    """Cells longer than any spreadsheet cell can be: located errors, and the sheet is not read further."""
    found = 0
    for c in df.columns:
        col = df[c]
        lens = (
            (
                col.str.len()
                if isinstance(col.dtype, pd.StringDtype)
                else col.map(lambda v: len(v) if isinstance(v, str) else 0)
            )
            .fillna(0)
            .to_numpy(dtype=np.int64)
        )
        for i in np.flatnonzero(lens > limits.MAX_CELL_CHARS)[:20]:
            header = hm.headers[c] if c < len(hm.headers) else None
            personal = c in hm.personal
            res.problems.append(
                Problem.of(
                    "ingest.exp.cell_too_long",
                    file=name,
                    sheet=sheet,
                    row=int(rows[i]),
                    column=header,
                    value=None if personal else str(col.iat[i])[:80],
                    limit=limits.grouped(limits.MAX_CELL_CHARS),
                    n=limits.grouped(int(lens[i])),
                )
            )
            found += 1
    return bool(found)


def _unclosed_quote(data: bytes, enc: str) -> int | None:
    """The line (1-based) where a double quote opens that is never closed, else None.

    Quotes come in pairs (a quote inside a quoted cell is doubled), so an odd count means one is open; the parsers
    would otherwise read everything after it as one cell (pyarrow, silently) or fail with their own words (pandas).
    Counting bytes is cheap; the lines are walked only when the count is odd."""
    if enc.startswith("utf-16"):
        text = data.decode(enc, errors="ignore")
        if text.count('"') % 2 == 0:
            return None
        lines = text.split("\n")
        quote: str | bytes = '"'
    else:
        if data.count(b'"') % 2 == 0:
            return None
        lines, quote = data.split(b"\n"), b'"'
    open_at, inside = None, False
    for i, line in enumerate(lines):
        if line.count(quote) % 2:
            inside = not inside
            if inside:
                open_at = i + 1
    return open_at if inside else None


def _long_head_cells(name: str, rows: list[list[str]], cut: bool, res: ReadResult) -> bool:
    """Cells above the data (titles, the header) longer than a cell can be, or a first line too long to hold: located
    errors, nothing read further. ``cut``: the first line did not end within the first ``MAX_HEAD_BYTES``."""
    if cut:
        res.problems.append(
            Problem.of("ingest.exp.line_too_long", file=name, row=1, limit=limits.grouped(MAX_HEAD_BYTES // (1 << 20)))
        )
        return True
    found = 0
    for r, cells in enumerate(rows):
        for c, cell in enumerate(cells):
            if len(cell) > limits.MAX_CELL_CHARS and found < 20:
                # the column by its number: in the header row the long cell is the column's name itself
                res.problems.append(
                    Problem.of(
                        "ingest.exp.cell_too_long",
                        file=name,
                        row=r + 1,
                        column=str(c + 1),
                        value=cell[:80],
                        limit=limits.grouped(limits.MAX_CELL_CHARS),
                        n=limits.grouped(len(cell)),
                    )
                )
                found += 1
    return bool(found)


def _add_sheet(res: ReadResult, sheet: Sheet) -> None:
    res.sheets.append(sheet)


def _require_rows(name: str, res: ReadResult) -> None:
    """A sheet with headers only is a note (an unused template sheet); a file without any data row is an error."""
    empty = [s for s in res.sheets if len(s.data) == 0]
    severity = "error" if len(empty) == len(res.sheets) else "warning"
    for s in empty:
        res.problems.append(
            Problem.of("ingest.exp.no_rows", file=name, sheet=s.name, row=s.header_row, severity=severity)
        )
    res.sheets = [s for s in res.sheets if len(s.data)]


# ------------------------------------------------------------------ workbooks


def _read_workbook(
    name: str, data: bytes, kind: str | None, res: ReadResult, extents: dict[str, prescan.Extent] | None = None
) -> None:
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for broken workbooks
        res.problems.append(Problem.of("ingest.exp.unreadable", file=name, error=str(exc)[:200]))
        return
    skipped: list[str] = []
    refused = False  # a sheet found but not read (a cell too long): no "no header" on top of its own message
    for meta in wb.sheets_metadata:
        if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
            continue
        try:
            sh = wb.get_sheet_by_name(meta.name)
            limits.check_cells(sh.total_height, sh.total_width)
            limits.check_columns(sh.width, meta.name)
            grid = sh.to_python(skip_empty_area=True)
            offset = sh.start[0] if sh.start else 0
        except limits.LimitExceeded:
            raise
        except Exception as exc:
            res.problems.append(Problem.of("ingest.exp.unreadable", file=name, sheet=meta.name, error=str(exc)[:200]))
            continue
        if not grid:
            continue
        found = _locate(grid, kind)
        if found is None:
            if str(meta.visible).rsplit(".", 1)[-1] == "Visible":  # hidden helper sheets (drop-down lists) go quietly
                skipped.append(meta.name)
            continue
        hidx, hm = found
        start = hidx + 1
        if not hm.headerless and start < len(grid) and _is_hxl(grid[start]):
            start += 1
        width = len(hm.headers)
        body = [r[:width] for r in grid[start:]]
        rows = np.arange(offset + start + 1, offset + len(grid) + 1)
        keep = np.fromiter((any(not _is_empty(c) for c in r) for r in body), dtype=bool, count=len(body))
        body = [r for r, k in zip(body, keep) if k]
        df = (
            pd.DataFrame(body, columns=range(width), dtype=object)
            if body
            else pd.DataFrame(columns=range(width), dtype=object)
        )
        ext = (extents or {}).get(meta.name)
        shared = (extents or {}).get("\0shared")
        longest = max(ext.longest_text if ext else 0, shared.longest_text if shared else 0) if extents else None
        if (longest is None or longest > limits.MAX_CELL_CHARS) and _long_cells(
            name, meta.name, hm, df, rows[keep], res
        ):
            refused = True
            continue
        _add_sheet(res, Sheet(name, meta.name, _header_row(hidx, hm, offset), hm, df, rows[keep]))
    if not res.sheets and not refused:
        res.problems.append(_no_header(name, None, kind))
    elif res.sheets:
        for s in skipped:
            res.problems.append(Problem.of("ingest.warn.sheet_skipped", file=name, sheet=s, severity="warning"))


# ------------------------------------------------------------------ DHIS2 JSON


def _read_json(name: str, data: bytes, kind: str | None, res: ReadResult) -> None:
    if kind not in (None, "indikator"):
        res.problems.append(_no_header(name, None, kind))
        return
    got = dhis2.read_json(name, data)
    if isinstance(got, Problem):
        res.problems.append(got)
        return
    res.problems.extend(got.problems)
    hm = dhis2.json_header_map(got.headers)
    _add_sheet(res, Sheet(name, "dataValues", None, hm, got.data, np.arange(1, len(got.data) + 1)))
