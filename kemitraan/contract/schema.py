"""Record kinds, their canonical columns, stored types and keys: what a stored row is.

Mirrors docs/DATA_CONTRACT.md (tests/test_contract.py keeps the two honest).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kemitraan.contract.enums import PRINCIPLE_LABELS, PRINCIPLES
from kemitraan.contract.vocabulary import norm_header

KINDS: tuple[str, ...] = ("kemitraan", "indikator", "survei", "rujukan")

#: Kinds whose rows name a partnership (``kode_kemitraan``); ``rujukan`` (reference values of areas) names none.
PARTNERSHIP_KINDS: tuple[str, ...] = ("kemitraan", "indikator", "survei")

#: ``rujukan.wilayah_kode`` of the whole country; ``tingkat_wilayah`` is one of ``WILAYAH_LEVELS``.
NATIONAL_CODE = "ID"
WILAYAH_LEVELS: tuple[str, ...] = ("nasional", "provinsi", "kabupaten")


@dataclass(frozen=True)
class Column:
    """One canonical column of a record kind.

    ``dtype`` is the logical type used by ingest (text, enum, list, date, number,
    likert, province, area, period, indicator); ``sql`` is the stored DuckDB type.
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


# The start and kind of a period, worked out from ``periode`` on ingest: the same two columns on indikator and rujukan.
_PERIOD_DERIVED = (
    Column("periode_mulai", "date", "DATE", False, (), label_id="Awal periode", label_en="Period start"),
    Column(
        "jenis_periode",
        "enum",
        "VARCHAR",
        False,
        (),
        enum="jenis_periode",
        label_id="Jenis periode",
        label_en="Period type",
    ),
)

_KODE = Column(
    "kode_kemitraan",
    "text",
    "VARCHAR",
    True,
    (
        "partnership_id",
        "id_kemitraan",
        "kode",
        "partnership_code",
        "kode_mitra_kemitraan",
        "attributeoptioncombo",
        "attribute_option_combo",
        "attroptcombo",
    ),  # DHIS2: the attribute option combo is the partnership
    label_id="Kode kemitraan",
    label_en="Partnership code",
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "kemitraan": (
        _KODE,
        Column(
            "nama_kemitraan",
            "text",
            "VARCHAR",
            True,
            ("nama", "partnership_name", "nama_program"),
            label_id="Nama kemitraan",
            label_en="Partnership name",
        ),
        Column(
            "kategori",
            "enum",
            "VARCHAR",
            True,
            ("jenis_kemitraan", "category", "kategori_kemitraan", "partnership_category"),
            enum="kategori",
            label_id="Kategori",
            label_en="Category",
        ),
        Column(
            "fokus",
            "enum",
            "VARCHAR",
            False,
            ("focus", "jenis_kegiatan"),
            enum="fokus",
            label_id="Fokus",
            label_en="Focus",
            default="program",
        ),
        Column(
            "bidang",
            "enum",
            "VARCHAR",
            True,
            ("bidang_program", "program_area", "area_program"),
            enum="bidang",
            label_id="Bidang program",
            label_en="Program area",
        ),
        Column(
            "mitra_utama",
            "text",
            "VARCHAR",
            True,
            ("lead_partner", "mitra_pemimpin"),
            label_id="Mitra utama",
            label_en="Lead partner",
        ),
        Column(
            "mitra", "list", "VARCHAR[]", False, ("partners", "anggota_mitra"), label_id="Mitra", label_en="Partners"
        ),
        Column(
            "provinsi_kode",
            "text",
            "VARCHAR",
            False,
            ("kode_bps", "kode_provinsi_bps"),
            label_id="Kode provinsi (BPS)",
            label_en="Province code (BPS)",
        ),
        Column(
            "provinsi",
            "province",
            "VARCHAR",
            True,
            ("province", "kode_provinsi", "prov", "nama_provinsi", "kode_kemendagri", "kode_provinsi_kemendagri"),
            label_id="Provinsi",
            label_en="Province",
        ),
        # A name or Kemendagri code of one of the 514 areas (contract/areas.py), stored as its canonical name
        # with the code beside it (kabupaten_kode, derived).
        Column(
            "kabupaten_kota",
            "area",
            "VARCHAR",
            False,
            ("district", "kab_kota", "kabupaten", "kota"),
            label_id="Kabupaten/kota",
            label_en="District/city",
        ),
        Column(
            "kabupaten_kode",
            "text",
            "VARCHAR",
            False,
            (),
            label_id="Kode kabupaten/kota (Kemendagri)",
            label_en="District/city code (Kemendagri)",
        ),
        Column(
            "tanggal_mulai",
            "date",
            "DATE",
            True,
            ("start_date", "mulai", "tgl_mulai"),
            label_id="Tanggal mulai",
            label_en="Start date",
        ),
        Column(
            "tanggal_selesai",
            "date",
            "DATE",
            False,
            ("end_date", "selesai", "tgl_selesai"),
            label_id="Tanggal selesai",
            label_en="End date",
        ),
        # The whole agreement's budget, not a yearly one: see "Budget basis" in docs/DATA_CONTRACT.md.
        Column(
            "anggaran_idr",
            "number",
            "DOUBLE",
            False,
            ("anggaran", "budget", "anggaran_rp", "budget_idr", "anggaran_total", "total_anggaran", "total_budget"),
            label_id="Anggaran total (Rp)",
            label_en="Total budget (IDR)",
        ),
        Column(
            "sumber_dana",
            "list",
            "VARCHAR[]",
            False,
            ("funding_sources", "sumber_pendanaan"),
            label_id="Sumber dana",
            label_en="Funding sources",
        ),
    ),
    "indikator": (
        _KODE,
        Column(
            "periode",
            "period",
            "VARCHAR",
            True,
            ("period", "bulan", "triwulan", "tahun", "pe"),
            label_id="Periode",
            label_en="Period",
        ),
        *_PERIOD_DERIVED,
        Column(
            "kode_indikator",
            "indicator",
            "VARCHAR",
            True,
            ("indikator", "indicator", "indicator_code", "dataelement", "data_element"),
            label_id="Indikator",
            label_en="Indicator",
        ),
        Column(
            "nilai", "number", "DOUBLE", True, ("value", "realisasi", "capaian"), label_id="Nilai", label_en="Value"
        ),
        Column(
            "target",
            "number",
            "DOUBLE",
            False,
            ("sasaran_target", "target_value"),
            label_id="Target",
            label_en="Target",
        ),
        # A rate's own denominator (women 15–49, children 12–23 months, …): rates aggregate as
        # Σ(nilai × penyebut) / Σ penyebut. The catalog says what it counts for each rate.
        Column(
            "penyebut",
            "number",
            "DOUBLE",
            False,
            ("denominator", "denom", "jumlah_penyebut"),
            label_id="Penyebut",
            label_en="Denominator",
        ),
        # When the report reached the programme: reporting timeliness (see REPORT_ON_TIME_DAYS).
        Column(
            "tanggal_lapor",
            "date",
            "DATE",
            False,
            (
                "report_date",
                "tanggal_laporan",
                "tgl_lapor",
                "lastupdated",
                "last_updated",
            ),  # DHIS2 dataValueSet: lastupdated
            label_id="Tanggal lapor",
            label_en="Report date",
        ),
    ),
    "survei": (
        Column(
            "respon_id",
            "text",
            "VARCHAR",
            False,
            ("_uuid", "uuid", "response_id", "key", "meta_instanceid", "instanceid", "meta_rootuuid", "rootuuid"),
            label_id="ID respons",
            label_en="Response id",
        ),
        _KODE,
        # Kobo's ``today`` is the device's date, a meta column: the form's own date question wins
        Column(
            "tanggal_survei",
            "date",
            "DATE",
            False,
            (
                "survey_date",
                "tanggal",
                "tgl_survei",
                "tanggal_pengisian",
                "tgl_pengisian",
                "tanggal_wawancara",
                "tanggal_penilaian",
                "interview_date",
                "date_of_survey",
            ),
            label_id="Tanggal survei",
            label_en="Survey date",
        ),
        Column(
            "peran_responden",
            "enum",
            "VARCHAR",
            False,
            ("peran", "role", "respondent_role"),
            enum="peran",
            label_id="Peran responden",
            label_en="Respondent role",
        ),
        *(
            Column(p, "likert", "TINYINT", True, (), label_id=PRINCIPLE_LABELS[p][0], label_en=PRINCIPLE_LABELS[p][1])
            for p in PRINCIPLES
        ),
        Column(
            "kepuasan",
            "likert",
            "TINYINT",
            False,
            ("satisfaction", "kepuasan_kemitraan"),
            label_id="Kepuasan",
            label_en="Satisfaction",
        ),
        Column(
            "tantangan",
            "list",
            "VARCHAR[]",
            False,
            ("challenges", "hambatan"),
            enum="tantangan",
            label_id="Tantangan",
            label_en="Challenges",
        ),
        Column(
            "saran",
            "text",
            "VARCHAR",
            False,
            ("suggestions", "komentar", "masukan"),
            label_id="Saran",
            label_en="Suggestions",
        ),
    ),
    # Reference values of areas (national, a province, a kabupaten/kota) from published surveys and reports:
    # the dashed reference lines and the comparison areas (docs/METHODS.md §13). One value per area ×
    # indicator × period; the source is required, so every line and figure can name it.
    "rujukan": (
        # "ID" / "Nasional", a province's BPS code or name, or a kabupaten/kota's Kemendagri code or name
        # (contract.match_region); stored as its canonical name with the code and level beside it (derived).
        Column(
            "wilayah",
            "region",
            "VARCHAR",
            True,
            ("region", "area", "lokasi", "nama_wilayah", "wilayah_nama"),
            label_id="Wilayah",
            label_en="Area",
        ),
        Column(
            "wilayah_kode", "text", "VARCHAR", False, ("kode_wilayah",), label_id="Kode wilayah", label_en="Area code"
        ),
        Column(
            "tingkat_wilayah",
            "text",
            "VARCHAR",
            False,
            ("level_wilayah",),
            label_id="Tingkat wilayah",
            label_en="Area level",
        ),
        Column(
            "provinsi_kode",
            "text",
            "VARCHAR",
            False,
            (),
            label_id="Kode provinsi (BPS)",
            label_en="Province code (BPS)",
        ),
        Column(
            "kode_indikator",
            "indicator",
            "VARCHAR",
            True,
            ("indikator", "indicator", "indicator_code"),
            label_id="Indikator",
            label_en="Indicator",
        ),
        Column(
            "periode",
            "period",
            "VARCHAR",
            True,
            ("tahun", "year", "period", "tahun_data"),
            label_id="Periode",
            label_en="Period",
        ),
        *_PERIOD_DERIVED,
        Column(
            "nilai",
            "number",
            "DOUBLE",
            True,
            ("value", "angka", "estimasi", "estimate"),
            label_id="Nilai",
            label_en="Value",
        ),
        Column(
            "sumber",
            "text",
            "VARCHAR",
            True,
            ("source", "sumber_data", "data_source", "referensi"),
            label_id="Sumber",
            label_en="Source",
        ),
    ),
}

KEYS: dict[str, tuple[str, ...]] = {
    "kemitraan": ("kode_kemitraan",),
    "indikator": ("kode_kemitraan", "periode", "kode_indikator"),
    "survei": ("respon_id",),
    "rujukan": ("wilayah_kode", "kode_indikator", "periode"),
}


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


# --- input columns ------------------------------------------------------------------

# Stored columns that ingest derives from others (provinsi_kode from provinsi, kabupaten_kode
# from kabupaten_kota, periode_mulai and jenis_periode from periode): never expected in an uploaded
# file, so templates and forms leave them out.
DERIVED_COLUMNS: dict[str, tuple[str, ...]] = {
    "kemitraan": ("provinsi_kode", "kabupaten_kode"),
    "indikator": ("periode_mulai", "jenis_periode"),
    "survei": (),
    "rujukan": ("wilayah_kode", "tingkat_wilayah", "provinsi_kode", "periode_mulai", "jenis_periode"),
}


def input_columns(kind: str) -> tuple[Column, ...]:
    """The columns an uploaded file of ``kind`` may hold, in contract order."""
    return tuple(c for c in COLUMNS[kind] if c.name not in DERIVED_COLUMNS[kind])


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
