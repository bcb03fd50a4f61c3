"""Look inside a zipped workbook before the reader loads it: real sizes, sheet extents, long text.

python-calamine unzips a member as far as its compressed bytes go and holds each
sheet as a dense grid from its first to its last cell: one cell at ``XFD1048576``
makes it ask for half a terabyte and abort the process, and an ODS row repeated a
million times fills a million rows. So every XML member is inflated here first, in
1 MB pieces (never whole), with its real size counted against the size the zip
declares, and each sheet's extent is worked out from its markup: rows (``<row
r=…>`` or counted), columns (cell references ``r="AB12"`` or cells counted per
row), repeated ODS rows and cells that hold a value. A workbook whose extent or
size is beyond the limits is refused before the reader sees it.
"""

from __future__ import annotations

import html
import re
import struct
import xml.parsers.expat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from kemitraan.ingest import limits
from kemitraan.ingest.limits import LimitExceeded, grouped, mb

CHUNK = 1 << 20


@dataclass
class Extent:
    rows: int = 0
    cols: int = 0
    longest_text: int = 0  # bytes between two tags: an upper bound of a cell's text (before entities)
    rows_bound: int = 0  # rows as far as cell references were only bounded (when that bound kept within the limits)


# ------------------------------------------------------------------ inflating members in pieces


def inflate(data: bytes | memoryview, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member's content in pieces of at most 1 MB, stopped as soon as it outgrows what the zip declares."""
    view = memoryview(data)
    off = info.header_offset
    header = bytes(view[off : off + 30])
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("local header")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    start = off + 30 + name_len + extra_len
    packed = view[start : start + info.compress_size]
    limit = min(info.file_size, limits.MAX_MEMBER_BYTES)
    produced = 0

    def count(piece: bytes) -> bytes:
        nonlocal produced
        produced += len(piece)
        if produced > info.file_size:
            raise LimitExceeded("ingest.exp.zip_lies", member=info.filename)
        if produced > limit:
            raise LimitExceeded("ingest.exp.zip_bomb", limit=mb(limits.MAX_MEMBER_BYTES), size=f"> {mb(limit)}")
        return piece

    if info.compress_type == zipfile.ZIP_STORED:
        for i in range(0, len(packed), CHUNK):
            yield count(bytes(packed[i : i + CHUNK]))
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        d = zlib.decompressobj(-15)
        for i in range(0, len(packed), 64 * 1024):
            piece = d.decompress(bytes(packed[i : i + 64 * 1024]), CHUNK)
            if piece:
                yield count(piece)
            while d.unconsumed_tail:
                piece = d.decompress(d.unconsumed_tail, CHUNK)
                if piece:
                    yield count(piece)
        rest = d.flush()
        if rest:
            yield count(rest)
    else:  # spreadsheets are deflated or stored; anything else is not one
        raise LimitExceeded("ingest.exp.zip_method", method=info.compress_type)
    if produced != info.file_size:
        raise LimitExceeded("ingest.exp.zip_lies", member=info.filename)


# ------------------------------------------------------------------ XLSX sheets

_WS = (32, 9, 10, 13)  # space, tab, newline, carriage return
_R_ATTR = re.compile(rb'\sr="([A-Z]{0,4})(\d{0,12})"')
MAX_TAG = 64 * 1024  # a tag longer than this is not a spreadsheet's


def _ends_name(b: np.ndarray) -> np.ndarray:
    """The byte after an element's name: whitespace, '>' or '/'."""
    return (b == 32) | (b == 62) | (b == 47) | (b == 9) | (b == 10) | (b == 13)


def _attr_r(pad: np.ndarray, at: np.ndarray) -> np.ndarray:
    """' r="' at ``at``."""
    return (pad[at] == 32) & (pad[at + 1] == 114) & (pad[at + 2] == 61) & (pad[at + 3] == 34)


def _run_length(pad: np.ndarray, at: np.ndarray, most: int, lo: int, hi: int) -> np.ndarray:
    """For each start in ``at``: how many bytes in a row (at most ``most``) lie in ``lo``..``hi``."""
    n = np.zeros(len(at), dtype=np.int64)
    for k in range(most):
        b = pad[at + k]
        more = (n == k) & (b >= lo) & (b <= hi)
        if not more.any():
            break
        n += more
    return n


def _refs(pad: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(column, row) of references ``AB12"`` starting at ``starts``, read all at once."""
    n = len(starts)
    win = pad[starts[:, None] + np.arange(16)].astype(np.int64)
    letter = (win >= 65) & (win <= 90)
    nlet = np.argmax(~letter, axis=1)
    col = np.zeros(n, dtype=np.int64)
    for k in range(5):
        col = np.where(k < nlet, col * 26 + win[:, k] - 64, col)
    col = np.where(nlet > 4, np.iinfo(np.int32).max, col)
    row = np.zeros(n, dtype=np.int64)
    pos = nlet.copy()
    rows = np.arange(n)
    for _ in range(11):
        d = win[rows, np.minimum(pos, 15)]
        isd = (d >= 48) & (d <= 57) & (pos < 15)
        row = np.where(isd, row * 10 + d - 48, row)
        pos = np.where(isd, pos + 1, pos)
    return col, row


class SheetScan:
    """Rows, columns and the longest text of one worksheet's XML, fed in pieces.

    Rows: the largest ``<row r>`` or cell reference, or the rows counted. Columns:
    the largest cell reference, or the cells counted in one row. Only complete tags
    are read (a piece is cut after its last ``>``); text is counted, never kept.
    """

    def __init__(self) -> None:
        self.ext = Extent()
        self._carry = b""  # the start of a tag cut by the end of a piece
        self._run = 0  # text since the last '>'
        self._row_cells = 0  # cells so far in the current row
        self._rows = 0
        self._prefix: bytes | None = None  # the namespace prefix some writers put on every element ("x:c")

    def feed(self, piece: bytes, final: bool = False) -> None:
        buf = self._carry + piece
        if self._prefix is None:
            m = re.search(rb"<(?:([\w.-]+):)?worksheet\b", buf[:65536])
            self._prefix = m.group(1) + b":" if m and m.group(1) else b""
        end = len(buf) if final else buf.rfind(b">") + 1
        region, rest = buf[:end], buf[end:]
        self._region(region)
        lt = rest.find(b"<")
        if lt < 0:  # only text after the last tag: counted, not kept
            self._run += len(rest)
            self._carry = b""
        else:
            self._run += lt
            self._carry = rest[lt:]
            if len(self._carry) > MAX_TAG:
                raise zipfile.BadZipFile("a tag longer than 64 KB")
        self.ext.longest_text = max(self.ext.longest_text, self._run)

    def _region(self, region: bytes) -> None:
        if not region:
            return
        arr = np.frombuffer(region, dtype=np.uint8)
        if b"inlineStr" in region:  # text kept in the sheet itself (shared strings are scanned on their own)
            lt = np.flatnonzero(arr == 60)
            if len(lt):
                self.ext.longest_text = max(
                    self.ext.longest_text, self._run + int(lt[0]), int(np.diff(lt).max()) if len(lt) > 1 else 0
                )
        self._run = 0
        pad = np.concatenate([arr, np.zeros(24, dtype=np.uint8)])
        prefix = self._prefix or b""
        o = len(prefix)  # element names start this far after the '<'
        if not o:
            tags = np.flatnonzero((arr[:-1] == 60) & ((arr[1:] == 99) | (arr[1:] == 114)))  # "<c…" or "<r…"
        else:
            tags = np.flatnonzero(arr == 60)
            for k, ch in enumerate(prefix):
                tags = tags[pad[tags + 1 + k] == ch]
        c1, c2, c3, c4 = (pad[tags + o + k] for k in range(1, 5))
        is_cell = (c1 == 99) & _ends_name(c2)
        is_row = (c1 == 114) & (c2 == 111) & (c3 == 119) & _ends_name(c4)
        kinds = np.where(is_row, 1, np.where(is_cell, 2, 0))
        kinds = kinds[kinds > 0]
        if len(kinds):
            row_idx = np.cumsum(kinds == 1)  # 0: cells of the row carried over from the last piece
            cells = np.bincount(row_idx[kinds == 2], minlength=int(row_idx[-1]) + 1)
            cells[0] += self._row_cells
            self.ext.cols = max(self.ext.cols, int(cells.max()))
            self._row_cells = int(cells[-1])
            self._rows += int((kinds == 1).sum())
        rows, cells = tags[is_row], tags[is_cell]
        # references where they usually stand: <row r="12" …> and <c r="AB12" …>
        row_plain = _attr_r(pad, rows + o + 4)
        if row_plain.any():
            _c, r = _refs(pad, rows[row_plain] + o + 8)
            self.ext.rows = max(self.ext.rows, int(r.max()))
        cell_plain = _attr_r(pad, cells + o + 2)
        if cell_plain.any():
            self._cell_refs(pad, cells[cell_plain] + o + 6)
        # anywhere else in a row's or a cell's tag (rare, and a way round the look above): one by one
        for p in (*rows[~row_plain], *cells[~cell_plain]):
            close = region.find(b">", int(p))
            m = _R_ATTR.search(region, int(p), close)
            if m:
                if m.group(1):
                    self.ext.cols = max(self.ext.cols, _col_number(m.group(1)))
                if m.group(2):
                    self.ext.rows = max(self.ext.rows, int(m.group(2)))

    def _cell_refs(self, pad: np.ndarray, starts: np.ndarray) -> None:
        """Bounds from the letters and digits of every reference; exact values only when a bound is too loose."""
        letters = _run_length(pad, starts, 5, b"A"[0], b"Z"[0])
        first = pad[starts].astype(np.int64) - 64
        # column bound: A–Z exact, AA–ZZ by the first letter, longer ones read exactly (rare)
        col = np.where(letters == 1, first, np.where(letters == 2, first * 26 + 26, 0))
        self.ext.cols = max(self.ext.cols, int(col.max()))
        long_refs = letters >= 3
        if long_refs.any():
            c, _r = _refs(pad, starts[long_refs])
            self.ext.cols = max(self.ext.cols, int(c.max()))
        # row bound: the count of digits and the first digit (100001 -> at most 199999)
        at = starts + letters
        digits = _run_length(pad, at, 12, b"0"[0], b"9"[0])
        lead = pad[at].astype(np.int64) - 47  # first digit + 1
        bound = lead * (10 ** np.minimum(digits - 1, 11).clip(0)) - 1
        top = int(bound.max())
        if max(top, self.ext.rows) * max(self.ext.cols, 1) > limits.MAX_CELLS:
            near = bound >= top // 10  # only references as long as the largest are read exactly
            _c, r = _refs(pad, starts[near])
            self.ext.rows = max(self.ext.rows, int(r.max()))
        else:
            self.ext.rows_bound = max(self.ext.rows_bound, top)

    def finish(self) -> Extent:
        self.feed(b"", final=True)
        self.ext.rows = max(self.ext.rows, self._rows)
        return self.ext


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


# ------------------------------------------------------------------ ODS content


class OdsScan:
    """Sheets of an ODS content.xml: rows and columns up to the last cell holding something, repeats counted."""

    def __init__(self) -> None:
        self.sheets: dict[str, Extent] = {}
        self._p = xml.parsers.expat.ParserCreate(namespace_separator=" ")
        self._p.StartElementHandler = self._start
        self._p.EndElementHandler = self._end
        self._p.CharacterDataHandler = self._text
        self._sheet: Extent | None = None
        self._name: str | None = None
        self._rows = 0
        self._row_rep = 1
        self._col = 0
        self._row_last_col = 0
        self._cell_rep = 1
        self._cell_has = False
        self._text_len = 0

    _T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
    _O = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "

    def _start(self, name: str, attrs: dict) -> None:
        t = self._T
        if name == t + "table":
            self._name = attrs.get(t + "name", str(len(self.sheets) + 1))
            self._sheet = self.sheets.setdefault(self._name, Extent())
            self._rows = 0
        elif name == t + "table-row":
            self._row_rep = int(attrs.get(t + "number-rows-repeated", "1") or 1)
            self._col = 0
            self._row_last_col = 0
        elif name in (t + "table-cell", t + "covered-table-cell"):
            self._cell_rep = int(attrs.get(t + "number-columns-repeated", "1") or 1)
            self._cell_has = (self._O + "value-type") in attrs
        elif self._sheet is not None:
            self._cell_has = True  # text:p or any content inside a cell
        if self._cell_rep > limits.MAX_COLUMNS and self._cell_has:
            raise LimitExceeded(
                "ingest.exp.too_many_columns",
                sheet=self._name,
                limit=grouped(limits.MAX_COLUMNS),
                cols=grouped(self._cell_rep),
            )

    def _text(self, data: str) -> None:
        self._text_len += len(data)
        if self._sheet is not None:
            self._sheet.longest_text = max(self._sheet.longest_text, self._text_len)

    def _end(self, name: str) -> None:
        t = self._T
        self._text_len = 0
        if name in (t + "table-cell", t + "covered-table-cell"):
            self._col += self._cell_rep
            if self._cell_has:
                self._row_last_col = self._col
            self._cell_rep, self._cell_has = 1, False
        elif name == t + "table-row" and self._sheet is not None:
            self._rows += self._row_rep
            if self._row_last_col:
                self._sheet.rows = self._rows
                self._sheet.cols = max(self._sheet.cols, self._row_last_col)
                _check_extent(self._sheet, self._name)
        elif name == t + "table":
            self._sheet = None

    def feed(self, piece: bytes, final: bool = False) -> None:
        try:
            self._p.Parse(piece, final)
        except xml.parsers.expat.ExpatError as exc:
            raise zipfile.BadZipFile(f"content.xml: {exc}") from exc


# ------------------------------------------------------------------ the workbook


def _check_extent(ext: Extent, sheet: str | None) -> None:
    if ext.cols > limits.MAX_COLUMNS:
        raise LimitExceeded(
            "ingest.exp.too_many_columns", sheet=sheet, limit=grouped(limits.MAX_COLUMNS), cols=grouped(ext.cols)
        )
    cells = max(ext.rows, ext.rows_bound) * ext.cols
    if cells > limits.MAX_CELLS:
        raise LimitExceeded(
            "ingest.exp.too_many_cells", sheet=sheet, limit=grouped(limits.MAX_CELLS), cells=grouped(cells)
        )


_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')


def _sheet_names(zf: zipfile.ZipFile, data: bytes) -> dict[str, str]:
    """Worksheet member -> the sheet's name as the user sees it (for messages)."""

    def small(name: str) -> bytes:
        info = zf.getinfo(name)
        return b"".join(inflate(data, info)) if info.file_size <= 4 * CHUNK else b""

    try:
        book, rels = small("xl/workbook.xml"), small("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for tag in re.findall(rb"<Relationship\b[^>]*>", rels):
        a = dict(_ATTR.findall(tag))
        target = a.get(b"Target", b"").decode("utf-8", "replace").lstrip("/")
        targets[a.get(b"Id", b"")] = target if target.startswith("xl/") else "xl/" + target
    out = {}
    for tag in _SHEET_TAG.findall(book):
        a = {k.split(b":")[-1]: v for k, v in _ATTR.findall(tag)}
        if b"id" in a and a[b"id"] in targets:
            out[targets[a[b"id"]]] = html.unescape(a.get(b"name", b"").decode("utf-8", "replace"))
    return out


def scan(data: bytes, zf: zipfile.ZipFile, fmt: str) -> dict[str, Extent]:
    """Check every XML member of a workbook; return each sheet's extent (XLSX: by sheet name)."""
    names = _sheet_names(zf, data) if fmt == "XLSX" else {}
    extents: dict[str, Extent] = {}
    for info in zf.infolist():
        name = info.filename
        if info.is_dir() or not name.lower().endswith((".xml", ".rels")):
            continue
        if fmt == "XLSX" and name.startswith("xl/worksheets/") and name.endswith(".xml"):
            sheet = names.get(name, name.rsplit("/", 1)[-1])
            sc = SheetScan()
            for piece in inflate(data, info):
                sc.feed(piece)
                _check_extent(sc.ext, sheet)
            extents[sheet] = sc.finish()
            _check_extent(extents[sheet], sheet)
        elif fmt == "ODS" and name == "content.xml":
            ods = OdsScan()
            for piece in inflate(data, info):
                ods.feed(piece)
            ods.feed(b"", final=True)
            extents.update(ods.sheets)
        else:
            sc = SheetScan()  # other parts: real size and the longest text (shared strings)
            for piece in inflate(data, info):
                sc.feed(piece)
            if name.endswith("sharedStrings.xml"):
                extents["\0shared"] = Extent(longest_text=sc.finish().longest_text)
    return extents
