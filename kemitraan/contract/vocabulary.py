"""How uploaded headers are recognised: normalisation, synonyms, and the headers ingest drops or ignores."""

from __future__ import annotations

import re
import unicodedata

# Columns that may identify a respondent: dropped by ingest, never stored.
PERSONAL_DATA_HEADERS: tuple[str, ...] = (
    "nama",
    "nama_responden",
    "respondent_name",
    "nama_lengkap",
    "full_name",
    "name",
    "telepon",
    "no_telepon",
    "nomor_telepon",
    "no_hp",
    "nomor_hp",
    "hp",
    "phone",
    "phone_number",
    "telp",
    "whatsapp",
    "wa",
    "email",
    "e_mail",
    "surel",
    "alamat_email",
    "nik",
    "no_ktp",
    "ktp",
    "nomor_induk_kependudukan",
    "national_id",
    "alamat",
    "address",
    "alamat_rumah",
    "home_address",
    # a partnership's contact person ("Nama PIC") and the people who collected the data
    "nama_pic",
    "pic",
    "contact_person",
    "narahubung",
    "nama_narahubung",
    "kontak_person",
    "nama_kontak",
    "contact_name",
    "cp",
    "no_wa",
    "nomor_wa",
    "nama_petugas",
    "nama_enumerator",
    "enumerator",
    "nama_pewawancara",
    "interviewer_name",
    "tanggal_lahir",
    "tgl_lahir",
    "date_of_birth",
)

# KoboToolbox / ODK meta columns: ignored on input (``_uuid``/KEY become respon_id).
META_HEADERS: tuple[str, ...] = (
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "audit",
    "_id",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
    "_parent_table_name",
    "_parent_index",
    "_version_",
    "_xform_id_string",
    "meta_instancename",
    "submissiondate",
    "submitterid",
    "submittername",
    "attachmentspresent",
    "attachmentsexpected",
    "status",
    "reviewstate",
    "deviceid",
    "edits",
    "formversion",
    "_attachments",
    "_geolocation",
)


# DHIS2 dataValueSet columns that carry nothing the contract stores: ignored on input.
IGNORED_HEADERS: tuple[str, ...] = (
    "orgunit",
    "categoryoptioncombo",
    "catoptcombo",
    "storedby",
    "created",
    "comment",
    "followup",
    "flwup",
    "deleted",
)


# Sheets of the downloadable XLSX template (kemitraan.generators.template) that hold the
# instructions and the drop-down lists, not records: ingest may skip them quietly.
TEMPLATE_INFO_SHEETS: tuple[str, ...] = ("petunjuk", "daftar")


#: The group code standing for every group a chart or table did not keep ("Lainnya" / "Others").
OTHERS = "_lainnya"


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
