"""The catalog's data files: indikator.csv (indicators), provinsi.csv (38 provinces), kabupaten.csv (514
kabupaten/kota), and geo/ (their boundaries as gzipped GeoJSON, MIT: geo/LICENSE-wilayah_boundaries, geo/README.md).

Read through :mod:`kemitraan.contract`, which turns their rows into typed records.
"""

from __future__ import annotations

import csv
import gzip
import json
from importlib import resources


def read_csv(name: str) -> list[dict[str, str]]:
    """The rows of one catalog file as dicts (header → text)."""
    with resources.files(__name__).joinpath(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def data_file(*parts: str):
    """A catalog file by its path here (``provinsi.csv``, ``geo``, ``indonesia_provinsi.geojson.gz``):
    ``read_bytes()`` reads it."""
    return resources.files(__name__).joinpath(*parts)


def geo_file(name: str):
    """A file of ``geo/`` by its whole name (``indonesia_provinsi.geojson.gz``)."""
    return data_file("geo", name)


def read_geojson(name: str) -> dict:
    """One boundary file of ``geo/`` (``indonesia_provinsi``, ``indonesia_kabupaten``), unzipped and parsed."""
    return json.loads(gzip.decompress(geo_file(f"{name}.geojson.gz").read_bytes()))
