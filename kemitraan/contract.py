"""The data contract in code: the single place every other module asks.

Record kinds, their canonical columns and stored types, header synonyms, keys,
enums with Bahasa Indonesia and English labels, the indicator catalog and the
province table. Mirrors docs/DATA_CONTRACT.md; tests/test_contract.py keeps the
two honest.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

KINDS: tuple[str, ...] = ("kemitraan", "indikator", "survei")


@dataclass(frozen=True)
class Column:
    """One canonical column of a record kind.

    ``dtype`` is the logical type used by ingest (text, enum, list, date, number,
    likert, province, period, indicator); ``sql`` is the stored DuckDB type.
    """

    name: str
    dtype: str
    sql: str
    required: bool = False
    synonyms: tuple[str, ...] = ()
    enum: str | None = None
    label_id: str = ""
    label_en: str = ""
    stored: bool = True  # False: an input-only column resolved into others
    default: str | None = None


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

_KODE = Column(
    "kode_kemitraan",
    "text",
    "VARCHAR",
    True,
    ("partnership_id", "id_kemitraan", "kode", "partnership_code", "kode_mitra_kemitraan",
     "attributeoptioncombo", "attribute_option_combo", "attroptcombo"),  # DHIS2: the attribute option combo is the partnership
    label_id="Kode kemitraan",
    label_en="Partnership code",
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "kemitraan": (
        _KODE,
        Column("nama_kemitraan", "text", "VARCHAR", True, ("nama", "partnership_name", "nama_program"),
               label_id="Nama kemitraan", label_en="Partnership name"),
        Column("kategori", "enum", "VARCHAR", True, ("jenis_kemitraan", "category", "kategori_kemitraan", "partnership_category"),
               enum="kategori", label_id="Kategori", label_en="Category"),
        Column("fokus", "enum", "VARCHAR", False, ("focus", "jenis_kegiatan"), enum="fokus",
               label_id="Fokus", label_en="Focus", default="program"),
        Column("bidang", "enum", "VARCHAR", True, ("bidang_program", "program_area", "area_program"), enum="bidang",
               label_id="Bidang program", label_en="Program area"),
        Column("mitra_utama", "text", "VARCHAR", True, ("lead_partner", "mitra_pemimpin"),
               label_id="Mitra utama", label_en="Lead partner"),
        Column("mitra", "list", "VARCHAR[]", False, ("partners", "anggota_mitra"), label_id="Mitra", label_en="Partners"),
        Column("provinsi_kode", "text", "VARCHAR", False, ("kode_bps", "kode_provinsi_bps"), label_id="Kode provinsi (BPS)",
               label_en="Province code (BPS)"),
        Column("provinsi", "province", "VARCHAR", True, ("province", "kode_provinsi", "prov", "nama_provinsi", "kode_kemendagri",
                                                         "kode_provinsi_kemendagri"),
               label_id="Provinsi", label_en="Province"),
        Column("kabupaten_kota", "text", "VARCHAR", False, ("district", "kab_kota", "kabupaten", "kota"),
               label_id="Kabupaten/kota", label_en="District/city"),
        Column("tanggal_mulai", "date", "DATE", True, ("start_date", "mulai", "tgl_mulai"),
               label_id="Tanggal mulai", label_en="Start date"),
        Column("tanggal_selesai", "date", "DATE", False, ("end_date", "selesai", "tgl_selesai"),
               label_id="Tanggal selesai", label_en="End date"),
        Column("anggaran_idr", "number", "DOUBLE", False, ("anggaran", "budget", "anggaran_rp", "budget_idr"),
               label_id="Anggaran (Rp)", label_en="Budget (IDR)"),
        Column("sumber_dana", "list", "VARCHAR[]", False, ("funding_sources", "sumber_pendanaan"),
               label_id="Sumber dana", label_en="Funding sources"),
    ),
    "indikator": (
        _KODE,
        Column("periode", "period", "VARCHAR", True, ("period", "bulan", "triwulan", "tahun", "pe"),
               label_id="Periode", label_en="Period"),
        Column("periode_mulai", "date", "DATE", False, (), label_id="Awal periode", label_en="Period start"),
        Column("jenis_periode", "enum", "VARCHAR", False, (), enum="jenis_periode",
               label_id="Jenis periode", label_en="Period type"),
        Column("kode_indikator", "indicator", "VARCHAR", True, ("indikator", "indicator", "indicator_code", "dataelement",
                                                                             "data_element"),
               label_id="Indikator", label_en="Indicator"),
        Column("nilai", "number", "DOUBLE", True, ("value", "realisasi", "capaian"), label_id="Nilai", label_en="Value"),
        Column("target", "number", "DOUBLE", False, ("sasaran_target", "target_value"),
               label_id="Target", label_en="Target"),
    ),
    "survei": (
        Column("respon_id", "text", "VARCHAR", False, ("_uuid", "uuid", "response_id", "key", "meta_instanceid", "instanceid",
                                                       "meta_rootuuid", "rootuuid"),
               label_id="ID respons", label_en="Response id"),
        _KODE,
        # Kobo's ``today`` is the device's date, a meta column: the form's own date question wins
        Column("tanggal_survei", "date", "DATE", False, ("survey_date", "tanggal", "tgl_survei", "tanggal_pengisian",
                                                          "tgl_pengisian", "tanggal_wawancara", "tanggal_penilaian",
                                                          "interview_date", "date_of_survey"),
               label_id="Tanggal survei", label_en="Survey date"),
        Column("peran_responden", "enum", "VARCHAR", False, ("peran", "role", "respondent_role"), enum="peran",
               label_id="Peran responden", label_en="Respondent role"),
        *(
            Column(p, "likert", "TINYINT", True, (), label_id=PRINCIPLE_LABELS[p][0], label_en=PRINCIPLE_LABELS[p][1])
            for p in PRINCIPLES
        ),
        Column("kepuasan", "likert", "TINYINT", False, ("satisfaction", "kepuasan_kemitraan"),
               label_id="Kepuasan", label_en="Satisfaction"),
        Column("tantangan", "list", "VARCHAR[]", False, ("challenges", "hambatan"), enum="tantangan",
               label_id="Tantangan", label_en="Challenges"),
        Column("saran", "text", "VARCHAR", False, ("suggestions", "komentar", "masukan"),
               label_id="Saran", label_en="Suggestions"),
    ),
}

KEYS: dict[str, tuple[str, ...]] = {
    "kemitraan": ("kode_kemitraan",),
    "indikator": ("kode_kemitraan", "periode", "kode_indikator"),
    "survei": ("respon_id",),
}

# Enum code -> (label_id, label_en, extra spellings accepted on input).
ENUMS: dict[str, dict[str, tuple[str, str, tuple[str, ...]]]] = {
    "kategori": {
        "pemerintah_lsm": ("Pemerintah–LSM", "Government–NGO", ("pemerintah lsm", "government ngo", "gov ngo", "pemerintah-ngo")),
        "publik_swasta": ("Publik–Swasta", "Public–private",
                          ("swasta publik", "pemerintah swasta", "kps", "ppp", "public private partnership",
                           "kemitraan pemerintah swasta")),
        "berbasis_masyarakat": ("Berbasis Masyarakat", "Community-based", ("community based", "masyarakat", "cbo")),
        "internasional": ("Internasional", "International", ("international agency", "lembaga internasional")),
        "multisektor": ("Multisektor", "Multisectoral", ("multisectoral", "multi sektor", "lintas sektor", "multisector")),
        "nirlaba": ("Nirlaba–Nirlaba", "Nonprofit–nonprofit", ("nirlaba nirlaba", "nonprofit nonprofit", "non profit", "nonprofit")),
    },
    "fokus": {
        "program": ("Program", "Program", ("programme",)),
        "penelitian": ("Penelitian", "Research", ("riset",)),
        "advokasi": ("Advokasi", "Advocacy", ()),
        "pengembangan_kapasitas": ("Pengembangan kapasitas", "Capacity building", ("peningkatan kapasitas",)),
    },
    "bidang": {
        "kb": ("Keluarga Berencana & KKBPK", "Family planning (KKBPK)",
               ("kb", "kkbpk", "keluarga berencana", "family planning", "bangga kencana")),
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

# Columns that may identify a respondent: dropped by ingest, never stored.
PERSONAL_DATA_HEADERS: tuple[str, ...] = (
    "nama", "nama_responden", "respondent_name", "nama_lengkap", "full_name", "name",
    "telepon", "no_telepon", "nomor_telepon", "no_hp", "nomor_hp", "hp", "phone", "phone_number", "telp", "whatsapp", "wa",
    "email", "e_mail", "surel", "alamat_email",
    "nik", "no_ktp", "ktp", "nomor_induk_kependudukan", "national_id",
    "alamat", "address", "alamat_rumah", "home_address",
    # a partnership's contact person ("Nama PIC") and the people who collected the data
    "nama_pic", "pic", "contact_person", "narahubung", "nama_narahubung", "kontak_person", "nama_kontak",
    "contact_name", "cp", "no_wa", "nomor_wa", "nama_petugas", "nama_enumerator", "enumerator", "nama_pewawancara",
    "interviewer_name", "tanggal_lahir", "tgl_lahir", "date_of_birth",
)

# KoboToolbox / ODK meta columns: ignored on input (``_uuid``/KEY become respon_id).
META_HEADERS: tuple[str, ...] = (
    "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "audit",
    "_id", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by", "__version__",
    "_tags", "_index", "_parent_table_name", "_parent_index", "_version_", "_xform_id_string",
    "meta_instancename", "submissiondate", "submitterid", "submittername", "attachmentspresent",
    "attachmentsexpected", "status", "reviewstate", "deviceid", "edits", "formversion", "_attachments", "_geolocation",
)


# DHIS2 dataValueSet columns that carry nothing the contract stores: ignored on input.
IGNORED_HEADERS: tuple[str, ...] = (
    "orgunit", "categoryoptioncombo", "catoptcombo", "storedby", "created", "lastupdated", "comment", "followup",
    "flwup", "deleted",
)


def norm_header(text: object) -> str:
    """Header key: case-, space-, punctuation- and accent-insensitive.

    A KoboToolbox group path (``grp_x/kepercayaan``) or an ODK one
    (``grp_x-kepercayaan``) is matched on its last part by the caller.
    """
    # Separators first (an en dash in "Swasta–Publik" must split words), then accents.
    s = re.sub(r"[\W_]+", "_", str(text).strip().lower())
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^0-9a-z]+", "_", s).strip("_")
    return s


def norm_label(text: object) -> str:
    """Value key for enum labels: like headers, but words joined by single spaces."""
    return norm_header(text).replace("_", " ")


def columns(kind: str) -> tuple[Column, ...]:
    return COLUMNS[kind]


def column(kind: str, name: str) -> Column:
    for c in COLUMNS[kind]:
        if c.name == name:
            return c
    raise KeyError(f"{kind}.{name}")


def stored_schema(kind: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of the stored columns, in contract order."""
    return [(c.name, c.sql) for c in COLUMNS[kind] if c.stored]


def stored_columns(kind: str) -> list[str]:
    return [n for n, _ in stored_schema(kind)]


@lru_cache(maxsize=None)
def _header_index(kind: str) -> dict[str, str]:
    idx: dict[str, str] = {}
    for c in COLUMNS[kind]:
        for s in (c.name, *c.synonyms, c.label_id, c.label_en):
            if s:
                idx.setdefault(norm_header(s), c.name)
    return idx


def match_header(header: object, kind: str) -> str | None:
    """Canonical column for a header of a file of ``kind``, or None."""
    key = norm_header(header)
    idx = _header_index(kind)
    if key in idx:
        return idx[key]
    raw = str(header)
    for sep in ("/", "-", "."):  # Kobo group path, ODK group path
        if sep in raw:
            last = norm_header(raw.rsplit(sep, 1)[-1])
            if last in idx:
                return idx[last]
    return None


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


# --- indicator catalog ------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    kode: str
    label_id: str
    label_en: str
    dimensi: str
    satuan: str
    agregasi_waktu: str  # jumlah (flow: sum) | terakhir (stock: last) | rata_rata (rate: mean)
    agregasi_wilayah: str  # jumlah | rata_rata
    lebih_tinggi_lebih_baik: bool | None
    min: float | None
    max: float | None
    definisi_id: str
    definisi_en: str
    extra: dict = field(default_factory=dict, compare=False)

    def label(self, lang: str = "id") -> str:
        return self.label_id if lang == "id" else self.label_en

    def definition(self, lang: str = "id") -> str:
        return self.definisi_id if lang == "id" else self.definisi_en


def _read_catalog_csv(name: str) -> list[dict[str, str]]:
    with resources.files("kemitraan.catalog").joinpath(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _opt_float(s: str) -> float | None:
    return float(s) if s not in ("", None) else None


@lru_cache(maxsize=1)
def indicators() -> dict[str, Indicator]:
    out: dict[str, Indicator] = {}
    for r in _read_catalog_csv("indikator.csv"):
        better = r["lebih_tinggi_lebih_baik"]
        out[r["kode"]] = Indicator(
            kode=r["kode"],
            label_id=r["label_id"],
            label_en=r["label_en"],
            dimensi=r["dimensi"],
            satuan=r["satuan"],
            agregasi_waktu=r["agregasi_waktu"],
            agregasi_wilayah=r["agregasi_wilayah"],
            lebih_tinggi_lebih_baik=None if better == "" else better == "1",
            min=_opt_float(r["min"]),
            max=_opt_float(r["max"]),
            definisi_id=r["definisi_id"],
            definisi_en=r["definisi_en"],
        )
    return out


def indicator(kode: str) -> Indicator:
    return indicators()[kode]


def indicators_of(dimensi: str) -> list[Indicator]:
    return [i for i in indicators().values() if i.dimensi == dimensi]


@lru_cache(maxsize=1)
def _indicator_index() -> dict[str, str]:
    idx: dict[str, str] = {}
    for k, ind in indicators().items():
        for s in (k, ind.label_id, ind.label_en):
            idx.setdefault(norm_header(s), k)
    return idx


def indicator_code(value: object) -> str | None:
    """Catalog code for a code or a label (either language); None if unknown."""
    return _indicator_index().get(norm_header(value))


# --- provinces ----------------------------------------------------------------------


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
    for r in _read_catalog_csv("provinsi.csv"):
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


# --- input columns ------------------------------------------------------------------

# Stored columns that ingest derives from others (provinsi_kode from provinsi,
# periode_mulai and jenis_periode from periode): never expected in an uploaded
# file, so templates and forms leave them out.
DERIVED_COLUMNS: dict[str, tuple[str, ...]] = {
    "kemitraan": ("provinsi_kode",),
    "indikator": ("periode_mulai", "jenis_periode"),
    "survei": (),
}


def input_columns(kind: str) -> tuple[Column, ...]:
    """The columns an uploaded file of ``kind`` may hold, in contract order."""
    return tuple(c for c in COLUMNS[kind] if c.name not in DERIVED_COLUMNS[kind])


# Sheets of the downloadable XLSX template (kemitraan.templates) that hold the
# instructions and the drop-down lists, not records: ingest may skip them quietly.
TEMPLATE_INFO_SHEETS: tuple[str, ...] = ("petunjuk", "daftar")
