"""The 38 provinces (``kemitraan/catalog/provinsi.csv``): BPS and Kemendagri codes, names, aliases, points."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kemitraan.catalog import read_csv, read_geojson
from kemitraan.contract.vocabulary import norm_label


@dataclass(frozen=True)
class Province:
    kode_bps: str
    kode_kemendagri: str
    nama: str
    alias: tuple[str, ...]
    lat: float
    lon: float
    penduduk: int


@lru_cache(maxsize=1)
def provinces() -> dict[str, Province]:
    """BPS code -> Province, for the 38 provinces."""
    out: dict[str, Province] = {}
    for r in read_csv("provinsi.csv"):
        out[r["kode_bps"]] = Province(
            kode_bps=r["kode_bps"],
            kode_kemendagri=r["kode_kemendagri"],
            nama=r["provinsi"],
            alias=tuple(a.strip() for a in r["alias"].split(";") if a.strip()),
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            penduduk=int(r["penduduk_2025"]),
        )
    return out


_PROVINCE_PREFIX = re.compile(r"^(?:prov(?:insi)?|province(?: of)?)\s+")


def _province_key(text: object) -> str:
    return _PROVINCE_PREFIX.sub("", norm_label(text))


@lru_cache(maxsize=1)
def _province_name_index() -> dict[str, str]:
    idx: dict[str, str] = {}
    for code, p in provinces().items():
        for s in (p.nama, *p.alias):
            idx.setdefault(_province_key(s), code)
    return idx


def province_by_name(text: object) -> str | None:
    """BPS code for a province name, alias or abbreviation; None if unknown."""
    return _province_name_index().get(_province_key(text))


def province_by_code(code: object, scheme: str = "bps") -> str | None:
    """BPS code for a BPS (default) or Kemendagri code such as ``32`` or ``32.01``."""
    s = str(code).strip()
    m = re.fullmatch(r"(\d{2})(?:[.\s]\d{2}(?:[.\s]\d{2,4})*)?(?:\.0)?", s)
    if not m:
        return None
    two = m.group(1)
    if scheme == "kemendagri":
        for p in provinces().values():
            if p.kode_kemendagri == two:
                return p.kode_bps
        return None
    return two if two in provinces() else None


def province_name(kode_bps: str) -> str:
    return provinces()[kode_bps].nama


#: The boundary files by level; every feature's ``id`` is the Kemendagri code (``32``, ``32.73``).
BOUNDARY_FILES = {"provinsi": "indonesia_provinsi", "kabupaten": "indonesia_kabupaten"}


@lru_cache(maxsize=None)
def boundaries(level: str = "provinsi") -> dict:
    """The areas of ``level`` as GeoJSON for a map. Provinces carry our own code (BPS) as their feature ``id``,
    the code every table and filter holds (the Papua provinces' codes differ between the two schemes);
    kabupaten/kota keep their Kemendagri code, the code of ``kabupaten.csv``."""
    geo = read_geojson(BOUNDARY_FILES[level])
    if level == "provinsi":
        for feature in geo["features"]:
            feature["id"] = province_by_code(feature["id"], "kemendagri")
    return geo
