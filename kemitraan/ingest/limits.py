"""Limits that keep an upload from exhausting the machine (zip bombs, absurd sheets).

Uploaded file names are labels only: nothing here or anywhere in ingest opens a
path built from one (see :func:`display_name`).
"""

from __future__ import annotations

import re
import zipfile

MAX_FILE_BYTES = 300 * 1024 * 1024  # one uploaded file, as uploaded
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024  # a zipped workbook, all members once unzipped
MAX_MEMBER_BYTES = MAX_UNCOMPRESSED_BYTES  # one member, counted as it is really unzipped (the header may lie)
MAX_ZIP_MEMBERS = 5000
MAX_COMPRESSION_RATIO = 200  # a member larger than 10 MB unzipped may not shrink more than this
MAX_CELLS = 40_000_000  # rows × columns in one sheet or CSV (a workbook: from its first to its last cell)
MAX_COLUMNS = 1_000  # columns of one sheet or CSV: a KoboToolbox export of a long form has a few hundred
MAX_CELL_CHARS = 32_767  # characters in one cell: Excel's own limit
HEADER_SCAN_ROWS = 50  # the header row is looked for in this many rows at the top

# Characters of text per stored field: a longer value is an error where it stands, never cut.
TEXT_LIMITS: dict[str, int] = {
    "kode_kemitraan": 64,
    "respon_id": 128,
    "nama_kemitraan": 300,
    "mitra_utama": 300,
    "kabupaten_kota": 120,
    "mitra": 2_000,  # the whole cell: every partner together
    "sumber_dana": 1_000,
    "saran": 5_000,
}


class LimitExceeded(Exception):
    def __init__(self, key: str, **fmt: object):
        self.key = key
        self.fmt = fmt
        super().__init__(key)


def grouped(n: int) -> str:
    """Digits grouped by a thin space: reads the same in Indonesian and English (no dot/comma ambiguity)."""
    return f"{n:,}".replace(",", "\u202f")


def mb(n: int) -> str:
    """Whole megabytes (no decimal separator, which differs between the languages)."""
    return grouped(round(n / 1024 / 1024)) if n >= 1024 * 1024 else "< 1"


def check_size(data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise LimitExceeded("ingest.exp.too_big", limit=mb(MAX_FILE_BYTES), size=mb(len(data)))


def check_zip(zf: zipfile.ZipFile) -> list[str]:
    """Refuse a zip whose declared unpacked size is absurd; return its member names.

    What the zip declares may be false: kemitraan.ingest.prescan counts what the
    members really unzip to before a reader opens them.
    """
    infos = zf.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise LimitExceeded("ingest.exp.zip_bomb", limit=mb(MAX_UNCOMPRESSED_BYTES), size="?")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise LimitExceeded("ingest.exp.zip_bomb", limit=mb(MAX_UNCOMPRESSED_BYTES), size=mb(total))
    for i in infos:
        if i.file_size > 10 * 1024 * 1024 and i.file_size > MAX_COMPRESSION_RATIO * max(i.compress_size, 1):
            raise LimitExceeded(
                "ingest.exp.zip_ratio", ratio=MAX_COMPRESSION_RATIO, packed=mb(i.compress_size), size=mb(i.file_size)
            )
    return [i.filename for i in infos]


def check_cells(rows: int, cols: int, sheet: str | None = None) -> None:
    if rows * cols > MAX_CELLS:
        raise LimitExceeded(
            "ingest.exp.too_many_cells", sheet=sheet, limit=grouped(MAX_CELLS), cells=grouped(rows * cols)
        )


def check_columns(cols: int, sheet: str | None = None) -> None:
    if cols > MAX_COLUMNS:
        raise LimitExceeded("ingest.exp.too_many_columns", sheet=sheet, limit=grouped(MAX_COLUMNS), cols=grouped(cols))


_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")
# What no file system lets a file be called (Windows' reserved characters), folders, and "..": a name
# like "<script>.csv" or "../../x.csv" was made by a program, not saved by a spreadsheet.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]|^\.\.?$')


def check_name(name: object) -> str | None:
    """The characters that make an uploaded file's name unacceptable, or None when it is fine."""
    s = str(name or "")
    bad = sorted(set(_FORBIDDEN.findall(s)) - {""})
    if ".." in s.replace("\\", "/").split("/"):
        bad.append("..")
    if len(s) > 255:
        bad.append("…")
    return " ".join(repr(c)[1:-1] if ord(c[0]) < 32 else c for c in dict.fromkeys(bad)) or None


def display_name(name: object) -> str:
    """The uploaded file's name as a label: no folders, no control characters, bounded length."""
    s = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    s = _UNSAFE.sub("", s).strip() or "upload"
    return s if len(s) <= 200 else s[:200]
