"""Limits that keep an upload from exhausting the machine (zip bombs, absurd sheets).

Uploaded file names are labels only: nothing here or anywhere in ingest opens a
path built from one (see :func:`display_name`).
"""

from __future__ import annotations

import io
import re
import zipfile

MAX_FILE_BYTES = 300 * 1024 * 1024  # one uploaded file, as uploaded
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024  # a zipped workbook, all members once unzipped
MAX_ZIP_MEMBERS = 5000
MAX_COMPRESSION_RATIO = 200  # a member larger than 10 MB unzipped may not shrink more than this
MAX_CELLS = 40_000_000  # rows × columns in one sheet or CSV
HEADER_SCAN_ROWS = 50  # the header row is looked for in this many rows at the top


class LimitExceeded(Exception):
    def __init__(self, key: str, **fmt: object):
        self.key = key
        self.fmt = fmt
        super().__init__(key)


def grouped(n: int) -> str:
    """Digits grouped by a thin space: reads the same in Indonesian and English (no dot/comma ambiguity)."""
    return f"{n:,}".replace(",", "\u202f")


def mb(n: int) -> str:
    return grouped(round(n / 1024 / 1024)) if n >= 1024 * 1024 else f"{n / 1024 / 1024:.2f}"


def check_size(data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise LimitExceeded("ingest.exp.too_big", limit=mb(MAX_FILE_BYTES), size=mb(len(data)))


def check_zip(data: bytes) -> list[str]:
    """Refuse a zip whose unpacked size is absurd; return its member names."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise LimitExceeded("ingest.exp.zip_bomb", limit=mb(MAX_UNCOMPRESSED_BYTES), size="?")
        total = sum(i.file_size for i in infos)
        if total > MAX_UNCOMPRESSED_BYTES:
            raise LimitExceeded("ingest.exp.zip_bomb", limit=mb(MAX_UNCOMPRESSED_BYTES), size=mb(total))
        for i in infos:
            if i.file_size > 10 * 1024 * 1024 and i.file_size > MAX_COMPRESSION_RATIO * max(i.compress_size, 1):
                raise LimitExceeded("ingest.exp.zip_ratio", ratio=MAX_COMPRESSION_RATIO, packed=mb(i.compress_size),
                                    size=mb(i.file_size))
        return [i.filename for i in infos]


def check_cells(rows: int, cols: int) -> None:
    if rows * cols > MAX_CELLS:
        raise LimitExceeded("ingest.exp.too_many_cells", limit=grouped(MAX_CELLS), cells=grouped(rows * cols))


_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


def display_name(name: object) -> str:
    """The uploaded file's name as a label: no folders, no control characters, bounded length."""
    s = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    s = _UNSAFE.sub("", s).strip() or "upload"
    return s if len(s) <= 200 else s[:200]
