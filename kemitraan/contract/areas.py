"""The 514 kabupaten/kota (``kemitraan/catalog/kabupaten.csv``): Kemendagri codes, canonical names, and the one
matcher every layer uses to turn what a user wrote into an area.

A user writes "Kab. Bogor", "Kabupaten Bogor", "KAB BOGOR", "Bogor Regency" or "32.01" for the same area;
:func:`match_area` forgives case, the kabupaten/kota prefixes ("Kabupaten", "Kab.", "Kab", "Kota", "Kot.",
"Kota Administrasi", English "Regency"/"City"), punctuation and spacing, and uses the row's province to tell
same-named areas apart. It never guesses: a name that fits two areas ("Bogor" in Jawa Barat is a kabupaten
and a kota) is ``ambiguous``, one that fits no area is ``unknown`` (with the nearest names), one whose only
area lies in another province is ``other_province``. Ingest refuses all three; the store's views map the names
of rows stored before codes existed with the same function (docs/DATA_CONTRACT.md, "Kabupaten/kota").

Kabupaten codes are Kemendagri's (``32.01``); under the new Papua provinces BPS four-digit codes differ,
so a file using BPS kabupaten codes is matched by name (the catalog's README says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from kemitraan.catalog import read_csv
from kemitraan.contract.vocabulary import norm_label

#: A rapidfuzz ratio (0–100) below which a name is not offered as "did you mean".
SUGGEST_CUTOFF = 75
#: At most this many names are offered.
MAX_SUGGESTIONS = 3
#: Bump when :func:`match_area`'s rules change: the analysis cache's bases hold names mapped by them.
MATCH_RULES_VERSION = 1


@dataclass(frozen=True)
class Area:
    kode: str  # Kemendagri, "32.01"
    provinsi_kode: str  # BPS code of its province, "32"
    nama: str  # canonical, "Kabupaten Bogor"
    jenis: str  # "kabupaten" or "kota"
    penduduk: int  # 2025


@dataclass(frozen=True)
class AreaMatch:
    """What :func:`match_area` found: ``kode`` when exactly one area fits (``status`` "ok"), else the reason
    (``ambiguous``, ``unknown``, ``other_province``) and the codes of the areas to suggest."""

    status: str
    kode: str | None = None
    candidates: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@lru_cache(maxsize=1)
def areas() -> dict[str, Area]:
    """Kemendagri code -> Area, in the catalog's order."""
    return {
        r["kode_kemendagri"]: Area(
            r["kode_kemendagri"], r["provinsi_kode_bps"], r["nama"], r["jenis"], int(r["penduduk_2025"])
        )
        for r in read_csv("kabupaten.csv")
    }


def area_name(kode: str) -> str:
    return areas()[kode].nama


# Longest first, so "kota administrasi" is taken whole before "kota". "kot" is a common clipped "Kota".
_PREFIXES = (
    ("kabupaten administrasi", "kabupaten"),
    ("kab adm", "kabupaten"),
    ("kabupaten", "kabupaten"),
    ("kab", "kabupaten"),
    ("kota administrasi", "kota"),
    ("kota adm", "kota"),
    ("kota", "kota"),
    ("kot", "kota"),
    ("regency of", "kabupaten"),
    ("city of", "kota"),
)
_SUFFIXES = ((" regency", "kabupaten"), (" city", "kota"))


def area_key(text: object) -> tuple[str | None, str]:
    """(kabupaten / kota / None when the text does not say, the name's key without spaces).

    "Kab. Tanah Datar" and "KABUPATEN TANAHDATAR" both give ("kabupaten", "tanahdatar")."""
    s = norm_label(text)
    jenis = None
    for prefix, j in _PREFIXES:
        if s.startswith(prefix + " "):
            s, jenis = s[len(prefix) + 1 :], j
            break
    else:
        for suffix, j in _SUFFIXES:
            if s.endswith(suffix) and len(s) > len(suffix):
                s, jenis = s[: -len(suffix)], j
                break
    return jenis, s.replace(" ", "")


@lru_cache(maxsize=1)
def _by_key() -> dict[str, tuple[str, ...]]:
    idx: dict[str, list[str]] = {}
    for a in areas().values():
        idx.setdefault(area_key(a.nama)[1], []).append(a.kode)
    return {k: tuple(v) for k, v in idx.items()}


_CODE = re.compile(r"(\d{2})[.\s]?(\d{1,2})")


def _code(text: str) -> str | None:
    """``32.01``, ``3201``, ``32 01``; ``32.1`` is how a spreadsheet shows the number 32.10."""
    m = _CODE.fullmatch(text)
    if not m:
        return None
    prov, num = m.groups()
    if len(num) == 1:
        if "." not in text:
            return None
        num += "0"
    return f"{prov}.{num}"


def match_area(text: object, provinsi_kode: str | None = None) -> AreaMatch:
    """The area ``text`` names (a Kemendagri code or a name), in ``provinsi_kode``'s province when given."""
    raw = "" if text is None else str(text).strip()
    code = _code(raw)
    if code is not None:
        a = areas().get(code)
        if a is None:
            return AreaMatch("unknown")
        if provinsi_kode and a.provinsi_kode != provinsi_kode:
            return AreaMatch("other_province", candidates=(code,))
        return AreaMatch("ok", code)
    jenis, key = area_key(raw)
    if not key:
        return AreaMatch("unknown")
    same_name = _by_key().get(key, ())
    fits = [c for c in same_name if jenis is None or areas()[c].jenis == jenis]
    here = [c for c in fits if not provinsi_kode or areas()[c].provinsi_kode == provinsi_kode]
    if len(here) == 1:
        return AreaMatch("ok", here[0])
    if len(here) > 1:
        return AreaMatch("ambiguous", candidates=tuple(here))
    if fits:  # the name is right, the province is not
        return AreaMatch("other_province", candidates=tuple(fits))
    # "Kota Sleman": the name exists as the other kind (in the row's province first)
    other_kind = [c for c in same_name if not provinsi_kode or areas()[c].provinsi_kode == provinsi_kode] or list(
        same_name
    )
    return AreaMatch("unknown", candidates=tuple(other_kind) or _nearest(raw, provinsi_kode))


def _nearest(text: str, provinsi_kode: str | None) -> tuple[str, ...]:
    """The closest canonical names (in the province when known), best first."""
    pool = [a for a in areas().values() if not provinsi_kode or a.provinsi_kode == provinsi_kode]
    jenis, key = area_key(text)
    keys = [area_key(a.nama)[1] for a in pool]
    found = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF, limit=MAX_SUGGESTIONS * 2)
    out = []
    for _k, _score, i in found:
        a = pool[i]
        if jenis is None or a.jenis == jenis or not any(pool[j].jenis == jenis for _kk, _s, j in found):
            out.append(a.kode)
    return tuple(dict.fromkeys(out))[:MAX_SUGGESTIONS]
