"""Enumerations with Bahasa Indonesia and English labels, the Likert scale and the survey's principles."""

from __future__ import annotations

import re
from functools import lru_cache

from kemitraan.contract.vocabulary import norm_label

PRINCIPLES: tuple[str, ...] = (
    "tujuan_bersama",
    "saling_menghormati",
    "kepercayaan",
    "komunikasi",
    "akuntabilitas",
    "komitmen_kepemimpinan",
    "pengelolaan_konflik",
    "pemantauan_evaluasi",
)

PRINCIPLE_LABELS: dict[str, tuple[str, str]] = {
    "tujuan_bersama": ("Tujuan bersama", "Shared goals"),
    "saling_menghormati": ("Saling menghormati", "Mutual respect"),
    "kepercayaan": ("Kepercayaan", "Trust"),
    "komunikasi": ("Komunikasi", "Communication"),
    "akuntabilitas": ("Akuntabilitas", "Accountability"),
    "komitmen_kepemimpinan": ("Komitmen & kepemimpinan", "Commitment & leadership"),
    "pengelolaan_konflik": ("Pengelolaan konflik", "Conflict management"),
    "pemantauan_evaluasi": ("Pemantauan & evaluasi", "Monitoring & evaluation"),
}

# Enum code -> (label_id, label_en, extra spellings accepted on input).
ENUMS: dict[str, dict[str, tuple[str, str, tuple[str, ...]]]] = {
    "kategori": {
        "pemerintah_lsm": (
            "Pemerintah–LSM",
            "Government–NGO",
            ("pemerintah lsm", "government ngo", "gov ngo", "pemerintah-ngo"),
        ),
        "publik_swasta": (
            "Publik–Swasta",
            "Public–private",
            (
                "swasta publik",
                "pemerintah swasta",
                "kps",
                "ppp",
                "public private partnership",
                "kemitraan pemerintah swasta",
            ),
        ),
        "berbasis_masyarakat": ("Berbasis Masyarakat", "Community-based", ("community based", "masyarakat", "cbo")),
        "internasional": ("Internasional", "International", ("international agency", "lembaga internasional")),
        "multisektor": (
            "Multisektor",
            "Multisectoral",
            ("multisectoral", "multi sektor", "lintas sektor", "multisector"),
        ),
        "nirlaba": (
            "Nirlaba–Nirlaba",
            "Nonprofit–nonprofit",
            ("nirlaba nirlaba", "nonprofit nonprofit", "non profit", "nonprofit"),
        ),
    },
    "fokus": {
        "program": ("Program", "Program", ("programme",)),
        "penelitian": ("Penelitian", "Research", ("riset",)),
        "advokasi": ("Advokasi", "Advocacy", ()),
        "pengembangan_kapasitas": ("Pengembangan kapasitas", "Capacity building", ("peningkatan kapasitas",)),
    },
    "bidang": {
        "kb": (
            "Keluarga Berencana & KKBPK",
            "Family planning (KKBPK)",
            ("kb", "kkbpk", "keluarga berencana", "family planning", "bangga kencana"),
        ),
        "kia": ("Kesehatan Ibu dan Anak", "Maternal and child health", ("kia", "mch", "kesehatan ibu anak")),
        "imunisasi": ("Imunisasi", "Immunisation", ("immunization", "vaksinasi")),
        "gizi": ("Gizi", "Nutrition", ("stunting", "perbaikan gizi")),
        "penyakit_menular": ("Penyakit Menular", "Communicable diseases", ("communicable disease", "p2pm")),
        "ptm": ("Penyakit Tidak Menular", "Non-communicable diseases", ("ncd", "penyakit tidak menular")),
        "kespro": ("Kesehatan Reproduksi", "Reproductive health", ("kesehatan reproduksi", "srh")),
        "kesehatan_jiwa": ("Kesehatan Jiwa", "Mental health", ("keswa",)),
        "promkes": ("Promosi Kesehatan", "Health promotion", ("promosi kesehatan",)),
    },
    "peran": {
        "pemerintah": ("Pemerintah", "Government", ("government", "dinas", "dinkes")),
        "lsm": ("LSM", "NGO", ("ngo", "ornop")),
        "swasta": ("Swasta", "Private sector", ("private",)),
        "masyarakat": ("Masyarakat", "Community", ("community", "tokoh masyarakat")),
        "internasional": ("Internasional", "International agency", ("international",)),
        "akademisi": ("Akademisi", "Academia", ("academia", "universitas", "perguruan tinggi")),
        "lainnya": ("Lainnya", "Other", ("other", "lain lain")),
    },
    "tantangan": {
        "perbedaan_perspektif": ("Perbedaan perspektif", "Differing perspectives", ("different perspectives",)),
        "kekurangan_sumber_daya": ("Kekurangan sumber daya", "Lack of resources", ("lack of resources",)),
        "konflik_kepentingan": ("Konflik kepentingan", "Conflict of interest", ("conflict of interest",)),
        "perubahan_personel": ("Perubahan personel", "Staff turnover", ("staff turnover", "pergantian personel")),
        "faktor_eksternal": ("Faktor eksternal", "External factors", ("external factors",)),
        "koordinasi": ("Koordinasi", "Coordination", ("coordination",)),
        "pendanaan": ("Pendanaan", "Funding", ("funding",)),
    },
    "jenis_periode": {
        "tahun": ("Tahun", "Year", ("year", "annual", "tahunan")),
        "triwulan": ("Triwulan", "Quarter", ("quarter", "kuartal")),
        "bulan": ("Bulan", "Month", ("month", "bulanan")),
    },
    "dimensi": {
        "jangkauan": ("Jangkauan", "Reach", ("reach",)),
        "keberlanjutan": ("Keberlanjutan", "Sustainability", ("sustainability",)),
        "dampak": ("Dampak", "Impact", ("impact",)),
        "kualitas": ("Kualitas", "Quality", ("quality",)),
    },
}

LIKERT: dict[int, tuple[str, str, tuple[str, ...]]] = {
    1: ("Sangat tidak setuju", "Strongly disagree", ("sts",)),
    2: ("Tidak setuju", "Disagree", ("ts",)),
    3: ("Netral (Ragu-ragu)", "Neutral", ("netral", "ragu ragu", "ragu", "n", "neither agree nor disagree")),
    4: ("Setuju", "Agree", ("s",)),
    5: ("Sangat setuju", "Strongly agree", ("ss",)),
}


def enum_codes(enum: str) -> list[str]:
    return list(ENUMS[enum])


def enum_label(enum: str, code: str, lang: str = "id") -> str:
    entry = ENUMS[enum].get(code)
    if entry is None:
        return str(code)
    return entry[0] if lang == "id" else entry[1]


@lru_cache(maxsize=None)
def _enum_index(enum: str) -> dict[str, str]:
    idx: dict[str, str] = {}
    for code, (lid, len_, extra) in ENUMS[enum].items():
        for s in (code, lid, len_, *extra):
            idx.setdefault(norm_label(s), code)
    return idx


def enum_code(enum: str, value: object) -> str | None:
    """Code for a code or a label in either language (or a listed spelling); None if unknown."""
    return _enum_index(enum).get(norm_label(value))


@lru_cache(maxsize=None)
def _likert_index() -> dict[str, int]:
    idx: dict[str, int] = {}
    for v, (lid, len_, extra) in LIKERT.items():
        for s in (str(v), lid, len_, *extra):
            idx.setdefault(norm_label(s), v)
    return idx


def likert_value(value: object) -> int | None:
    """1–5 from a number or a Likert label in either language; None if not one."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() and 1 <= value <= 5 else None
    key = norm_label(value)
    if re.fullmatch(r"[1-5](?: 0+)?", key):  # "4", "4.0", "4,0"
        return int(key[0])
    return _likert_index().get(key)
