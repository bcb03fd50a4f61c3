"""The catalog's data files: indikator.csv (indicators), provinsi.csv (38 provinces), kabupaten.csv (514 kabupaten/kota).

Read through :mod:`kemitraan.contract`, which turns their rows into typed records.
"""

from __future__ import annotations

import csv
from importlib import resources


def read_csv(name: str) -> list[dict[str, str]]:
    """The rows of one catalog file as dicts (header → text)."""
    with resources.files(__name__).joinpath(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))
