"""The example files of ``data/contoh/`` as the upload page offers them: one by one, or all in one ZIP.

They are synthetic files as evaluators have them (a partnership sheet with a title row, monthly indicators in
Indonesian formats, a cumulative KoboToolbox export, DHIS2 CSV and JSON), on the demo's partnership codes; the
page serves their bytes, so trying one needs no other host. ``data/contoh/make_contoh.py`` rebuilds them.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kemitraan.i18n import has, t

CONTOH = Path(__file__).resolve().parents[2] / "data" / "contoh"
#: The suffixes the upload page reads; other files there (the generator, the README) are not example data.
DATA_SUFFIXES = (".csv", ".xlsx", ".xls", ".ods", ".json")
#: Upload order that works: the partnerships first, then the rows that name them.
ORDER = (
    "kemitraan_jawa_barat.xlsx",
    "capaian_bulanan_kb.csv",
    "survei_kobo_kumulatif.xlsx",
    "dhis2_datavalueset.csv",
    "dhis2_datavalueset.json",
)
MIMES = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ZIP_DATE = (2026, 1, 1, 0, 0, 0)  # fixed, so the same files always make the same ZIP


@dataclass(frozen=True)
class Example:
    name: str
    path: Path

    @property
    def mime(self) -> str:
        return MIMES.get(self.path.suffix.lower(), "application/octet-stream")

    def data(self) -> bytes:
        return self.path.read_bytes()

    def description(self, lang: str) -> str:
        key = f"upload.examples.file.{self.name}"
        return t(key, lang) if has(key) else self.name


def example_files(folder: Path = CONTOH) -> list[Example]:
    """Every data file in ``folder``, in :data:`ORDER` (others after it, by name); empty when the folder is absent
    (an installed package without the repository's ``data/``)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in DATA_SUFFIXES]
    rank = {n: i for i, n in enumerate(ORDER)}
    return [Example(p.name, p) for p in sorted(found, key=lambda p: (rank.get(p.name, len(ORDER)), p.name))]


def examples_zip(folder: Path = CONTOH) -> bytes:
    """Every example file and the folder's README, in one ZIP (the README says what each file shows)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        members = [(e.name, e.data()) for e in example_files(folder)]
        readme = folder / "README.md"
        if readme.is_file():
            members.append((readme.name, readme.read_bytes()))
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, ZIP_DATE), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()
