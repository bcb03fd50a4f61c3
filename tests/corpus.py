"""A corpus of messy and bad upload files, built by code (no binaries committed).

Every builder returns ``(file_name, bytes)``. The shapes follow
DATA_CONTRACT.md "Files as they arrive" and "Values as evaluators write them";
tests/test_ingest_corpus.py states each file's expected outcome.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape

import openpyxl

KEMITRAAN_HEADER = [
    "kode_kemitraan",
    "nama_kemitraan",
    "kategori",
    "fokus",
    "bidang",
    "mitra_utama",
    "mitra",
    "provinsi",
    "kabupaten_kota",
    "tanggal_mulai",
    "tanggal_selesai",
    "anggaran_idr",
    "sumber_dana",
]
KEMITRAAN_ROWS = [
    [
        "KM-001",
        "Kampung KB Sehat",
        "Pemerintah–LSM",
        "program",
        "KB",
        "BKKBN",
        "PKBI; Yayasan Cipta",
        "Prov. Jawa Barat",
        "Kab. Bandung",
        "01/03/2023",
        "31 Desember 2025",
        "Rp 1.500.000.000",
        "APBN; Hibah",
    ],
    [
        "KM-002",
        "Gizi Anak Bangsa",
        "KPS",
        "advokasi",
        "gizi",
        "PT Sehat Sentosa",
        "",
        "DKI JAKARTA",
        "",
        "2023-05-01",
        "",
        "3.250.000.000,00",
        "CSR",
    ],
    [
        "KM-003",
        "Imunisasi Timur",
        "Internasional",
        "",
        "Imunisasi",
        "UNICEF",
        "Dinkes NTT",
        "NTT",
        "Kota Kupang",
        "1 Maret 2023",
        "Des 2024",
        "750.000.000",
        "",
    ],
]


def csv_bytes(
    header,
    rows,
    *,
    delimiter=",",
    quoting=csv.QUOTE_MINIMAL,
    lineterminator="\n",
    encoding="utf-8",
    bom=False,
    above=(),
) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator=lineterminator)
    for line in above:
        w.writerow(line)
    w.writerow(header)
    w.writerows(rows)
    data = buf.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def ods_bytes(rows: list[list]) -> bytes:
    """A minimal OpenDocument spreadsheet, written by hand (no ODS writer is installed)."""

    def cell(v):
        if v is None or v == "":
            return "<table:table-cell/>"
        if isinstance(v, dt.date):
            return (
                f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}">'
                f"<text:p>{v.isoformat()}</text:p></table:table-cell>"
            )
        if isinstance(v, (int, float)):
            return (
                f'<table:table-cell office:value-type="float" office:value="{v}">'
                f"<text:p>{v}</text:p></table:table-cell>"
            )
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>" for r in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Kemitraan">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# ------------------------------------------------------------------ kemitraan shapes


def kemitraan_csv_comma():
    return "kemitraan.csv", csv_bytes(KEMITRAAN_HEADER, KEMITRAAN_ROWS)


def kemitraan_csv_semicolon_quoted_crlf_bom():
    return "kemitraan_excel.csv", csv_bytes(
        KEMITRAAN_HEADER, KEMITRAAN_ROWS, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n", bom=True
    )


def kemitraan_csv_cp1252():
    # Excel on Windows: Windows-1252 (the en dash of "Pemerintah–LSM" is byte 0x96), semicolons, no quotes
    rows = [[c.replace(";", ",") if i == 6 or i == 12 else c for i, c in enumerate(r)] for r in KEMITRAAN_ROWS]
    header = [
        "Kode Kemitraan",
        "Nama Kemitraan",
        "Kategori",
        "Fokus",
        "Bidang Program",
        "Mitra Utama",
        "Mitra",
        "Provinsi",
        "Kabupaten/Kota",
        "Tanggal Mulai",
        "Tanggal Selesai",
        "Anggaran (Rp)",
        "Sumber Dana",
    ]
    return "kemitraan_win.csv", csv_bytes(
        header, rows, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n", encoding="cp1252"
    )


def kemitraan_xlsx_titles():
    """Report titles above the header, Excel date and number cells, trailing empty rows."""
    rows = [
        ["LAPORAN KEMITRAAN KESEHATAN"],
        ["Dinas Kesehatan Provinsi — Triwulan III 2024"],
        [],
        [
            "Kode",
            "Nama",
            "Jenis Kemitraan",
            "Focus",
            "Program Area",
            "Lead Partner",
            "Partners",
            "Province",
            "District",
            "Start date",
            "End date",
            "Budget",
            "Funding sources",
        ],
        [
            "KM-001",
            "Kampung KB Sehat",
            "Government–NGO",
            "Program",
            "Keluarga Berencana",
            "BKKBN",
            "PKBI; Yayasan Cipta",
            "Jabar",
            "Kab. Bandung",
            dt.date(2023, 3, 1),
            dt.date(2025, 12, 31),
            1500000000,
            "APBN; Hibah",
        ],
        [
            "KM-002",
            "Gizi Anak Bangsa",
            "Swasta–Publik",
            "Advocacy",
            "Gizi",
            "PT Sehat Sentosa",
            None,
            31,
            None,
            dt.datetime(2023, 5, 1),
            None,
            "3.250.000.000,00",
            "CSR",
        ],
        [
            "KM-003",
            "Imunisasi Timur",
            "International",
            None,
            "immunization",
            "UNICEF",
            "Dinkes NTT",
            "Nusa Tenggara Timur",
            "Kota Kupang",
            "01-03-2023",
            "Des 2024",
            750000000,
            None,
        ],
        [],
        [],
        [None, None, None],
    ]
    return "laporan.xlsx", xlsx_bytes({"Data": rows})


def kemitraan_ods():
    """LibreOffice: date cells and number cells where a spreadsheet program would make them."""
    rows = [list(r) for r in KEMITRAAN_ROWS]
    rows[0][9], rows[0][11] = dt.date(2023, 3, 1), 1500000000
    rows[1][9], rows[1][11] = dt.date(2023, 5, 1), 3250000000.0
    return "kemitraan.ods", ods_bytes([["Laporan kemitraan"], [], KEMITRAAN_HEADER, *rows])


def workbook_all_kinds():
    """One workbook, one sheet per kind, plus an instructions sheet."""
    ind = [
        ["kode_kemitraan", "periode", "kode_indikator", "nilai", "target"],
        ["KM-001", "2024-Q1", "terjangkau", 1200, 1500],
        ["KM-001", "2024-Q2", "Orang terjangkau", "1.350", "1.500"],
        ["KM-002", "Juli 2024", "mcpr_pct", "56,7 %", None],
    ]
    sv = [
        [
            "respon_id",
            "kode_kemitraan",
            "tanggal_survei",
            "peran_responden",
            *PRINCIPLE_HEADERS,
            "kepuasan",
            "tantangan",
            "saran",
        ],
        ["r-1", "KM-001", "2024-06-01", "Pemerintah", 5, 4, 4, 3, 4, 5, 3, 4, 4, "koordinasi; pendanaan", "Lanjutkan"],
        [
            "r-2",
            "KM-002",
            "02/06/2024",
            "Swasta",
            "Setuju",
            "Sangat setuju",
            "Netral",
            "Tidak setuju",
            4,
            4,
            4,
            4,
            "Setuju",
            "Perbedaan perspektif",
            "",
        ],
    ]
    return "semua.xlsx", xlsx_bytes(
        {
            "Petunjuk": [["Petunjuk pengisian"], ["Isi satu baris per kemitraan."]],
            "Kemitraan": [KEMITRAAN_HEADER, *KEMITRAAN_ROWS],
            "Indikator": ind,
            "Survei": sv,
        }
    )


# ------------------------------------------------------------------ indikator shapes

PRINCIPLE_HEADERS = [
    "tujuan_bersama",
    "saling_menghormati",
    "kepercayaan",
    "komunikasi",
    "akuntabilitas",
    "komitmen_kepemimpinan",
    "pengelolaan_konflik",
    "pemantauan_evaluasi",
]


def indikator_long_periods():
    """Every period spelling of the contract, one per row (periods that overlap name different indicators: one
    indicator is reported at one kind of period only)."""
    spellings = [
        "2024",
        "2024-Q3",
        "2023Q3",
        "Q2 2023",
        "TW III 2022",
        "Triwulan 2 2022",
        "2024-07",
        "202408",
        "Juli 2021",
        "07/2020",
    ]
    indicator = {0: "sasaran", 1: "layanan", 6: "kader_dilatih", 7: "pertemuan_koordinasi"}
    rows = [["KM-001", p, indicator.get(i, "terjangkau"), str(100 + i)] for i, p in enumerate(spellings)]
    return "indikator_periode.csv", csv_bytes(["kode_kemitraan", "periode", "indikator", "nilai"], rows)


def indikator_wide_xlsx():
    rows = [
        ["Capaian indikator per triwulan"],
        [],
        ["kode_kemitraan", "periode", "terjangkau", "Peserta KB baru", "mcpr_pct", "catatan"],
        ["KM-001", "TW I 2024", 1200, 300, 55.5, "ok"],
        ["KM-001", "TW II 2024", "1.350", None, "56,1", ""],
        ["KM-002", "2024-Q1", 80, 10, None, None],
    ]
    return "wide.xlsx", xlsx_bytes({"Capaian": rows})


def dhis2_csv():
    header = [
        "dataelement",
        "period",
        "orgunit",
        "categoryoptioncombo",
        "attributeoptioncombo",
        "value",
        "storedby",
        "lastupdated",
        "comment",
        "followup",
    ]
    rows = [
        ["terjangkau", "2024Q1", "DiszpKrYNg8", "HllvX50cXC0", "KM-001", "1200", "admin", "2024-04-02", "", "false"],
        ["peserta_kb_baru", "202401", "DiszpKrYNg8", "HllvX50cXC0", "KM-001", "95", "admin", "2024-02-02", "", "false"],
        ["mcpr_pct", "2024", "DiszpKrYNg8", "HllvX50cXC0", "KM-002", "57.2", "admin", "2025-01-10", "", "false"],
    ]
    return "dhis2_datavalueset.csv", csv_bytes(header, rows)


# ------------------------------------------------------------------ survey shapes (KoboToolbox, ODK)

KOBO_RESPONDENTS = [
    # uuid, kode, date, role, 8 principles, kepuasan, tantangan codes, saran, nama, hp
    (
        "6f1c2b7e-0001",
        "KM-001",
        "2024-06-01",
        "pemerintah",
        [5, 4, 4, 3, 4, 5, 3, 4],
        4,
        ["koordinasi", "pendanaan"],
        "Perlu rapat rutin",
        "Budi Santoso",
        "08123456789",
    ),
    ("6f1c2b7e-0002", "KM-001", "2024-06-02", "lsm", [4, 4, 5, 4, 4, 4, 4, 3], 5, [], "", "Siti Aminah", "08129876543"),
    (
        "6f1c2b7e-0003",
        "KM-002",
        "2024-06-03",
        "swasta",
        [3, 3, 2, 3, 3, 4, 2, 3],
        3,
        ["perbedaan_perspektif"],
        "Komunikasi kurang",
        "Andi",
        "0812000111",
    ),
]
LIKERT_ID = {1: "Sangat tidak setuju", 2: "Tidak setuju", 3: "Netral (Ragu-ragu)", 4: "Setuju", 5: "Sangat setuju"}
TANTANGAN_LABEL = {
    "koordinasi": "Koordinasi",
    "pendanaan": "Pendanaan",
    "perbedaan_perspektif": "Perbedaan perspektif",
    "kekurangan_sumber_daya": "Kekurangan sumber daya",
}
OPTIONS = ["perbedaan_perspektif", "kekurangan_sumber_daya", "koordinasi", "pendanaan"]


def kobo_xml_rows(respondents=KOBO_RESPONDENTS, group=True, hxl=False, expanded=True, summary=True):
    g = "grp_penilaian/" if group else ""
    header = [
        "start",
        "end",
        "today",
        "deviceid",
        "grp_identitas/nama_responden",
        "grp_identitas/no_hp",
        "kode_kemitraan",
        "peran_responden",
        *[g + p for p in PRINCIPLE_HEADERS],
        g + "kepuasan",
    ]
    if summary:
        header.append("tantangan")
    if expanded:
        header += [f"tantangan/{o}" for o in OPTIONS]
    header += [
        "saran",
        "_id",
        "_uuid",
        "_submission_time",
        "_validation_status",
        "_notes",
        "_status",
        "_submitted_by",
        "__version__",
        "_tags",
        "_index",
    ]
    rows = []
    for i, (uuid, kode, day, role, scores, puas, tant, saran, nama, hp) in enumerate(respondents):
        r = [
            f"{day}T09:00:00.000+07:00",
            f"{day}T09:20:00.000+07:00",
            day,
            "ee.kobo.1",
            nama,
            hp,
            kode,
            role,
            *scores,
            puas,
        ]
        if summary:
            r.append(" ".join(tant))
        if expanded:
            r += [1 if o in tant else 0 for o in OPTIONS]
        r += [saran, 1000 + i, uuid, f"{day}T02:20:00", "", "", "submitted_via_web", "", "vXyz", "", i + 1]
        rows.append(r)
    hxl_row = ["" for _ in header]
    if hxl:
        hxl_row[header.index("kode_kemitraan")] = "#org+code"
        hxl_row[header.index(g + "kepercayaan")] = "#indicator+trust"
    return header, rows, hxl_row


def kobo_csv_xml(respondents=KOBO_RESPONDENTS, name="kobo_export.csv", **shape):
    """KoboToolbox CSV export, "XML values"; ``shape``: group, hxl, expanded, summary (see kobo_xml_rows)."""
    header, rows, hxl = kobo_xml_rows(respondents, **shape)
    above_rows = [hxl] if shape.get("hxl") else []
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(header)
    w.writerows(above_rows)
    w.writerows(rows)
    return name, buf.getvalue().encode("utf-8")


def kobo_xlsx_labels_hxl(respondents=KOBO_RESPONDENTS):
    """Kobo "labels" export: question labels as headers, choice labels as values, an HXL row, group paths."""
    header = [
        "start",
        "end",
        "Nama responden",
        "Nomor HP",
        "Kode kemitraan",
        "Peran responden",
        *[
            f"Penilaian/{lab}"
            for lab in (
                "Tujuan bersama",
                "Saling menghormati",
                "Kepercayaan",
                "Komunikasi",
                "Akuntabilitas",
                "Komitmen & kepemimpinan",
                "Pengelolaan konflik",
                "Pemantauan & evaluasi",
            )
        ],
        "Kepuasan",
        "Tantangan",
        *[f"Tantangan/{TANTANGAN_LABEL[o]}" for o in OPTIONS],
        "Saran",
        "_id",
        "_uuid",
        "_submission_time",
        "_index",
    ]
    hxl = [
        "",
        "",
        "",
        "",
        "#org+code",
        "#respondee+type",
        "#indicator+goal",
        "",
        "#indicator+trust",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        *["" for _ in OPTIONS],
        "",
        "",
        "#meta+uuid",
        "",
        "",
    ]
    roles = {"pemerintah": "Pemerintah", "lsm": "LSM", "swasta": "Swasta"}
    rows = []
    for i, (uuid, kode, day, role, scores, puas, tant, saran, nama, hp) in enumerate(respondents):
        rows.append(
            [
                dt.datetime.fromisoformat(day + "T09:00:00"),
                dt.datetime.fromisoformat(day + "T09:20:00"),
                nama,
                hp,
                kode,
                roles[role],
                *[LIKERT_ID[s] for s in scores],
                LIKERT_ID[puas],
                " ".join(TANTANGAN_LABEL[t] for t in tant),
                *[1 if o in tant else 0 for o in OPTIONS],
                saran,
                1000 + i,
                uuid,
                dt.datetime.fromisoformat(day + "T02:20:00"),
                i + 1,
            ]
        )
    return "kobo_labels.xlsx", xlsx_bytes({"Survei Kemitraan": [header, hxl, *rows]})


def odk_central_csv():
    header = [
        "SubmissionDate",
        "start",
        "end",
        "today",
        "grp_identitas-nama_responden",
        "kode_kemitraan",
        "peran_responden",
        *[f"grp_penilaian-{p}" for p in PRINCIPLE_HEADERS],
        "grp_penilaian-kepuasan",
        "tantangan",
        "saran",
        "meta-instanceID",
        "KEY",
        "SubmitterID",
        "SubmitterName",
        "AttachmentsPresent",
        "AttachmentsExpected",
        "Status",
        "ReviewState",
        "DeviceID",
        "Edits",
        "FormVersion",
    ]
    rows = []
    for uuid, kode, day, role, scores, puas, tant, saran, nama, _hp in KOBO_RESPONDENTS:
        rows.append(
            [
                f"{day}T02:20:00.000Z",
                f"{day}T09:00:00.000+07:00",
                f"{day}T09:20:00.000+07:00",
                day,
                nama,
                kode,
                role,
                *scores,
                puas,
                " ".join(tant),
                saran,
                f"uuid:{uuid}",
                f"uuid:{uuid}",
                "5",
                "enum1",
                "0",
                "0",
                "",
                "",
                "collect:abc",
                "0",
                "2024060101",
            ]
        )
    return "odk_central.csv", csv_bytes(header, rows)


def survei_without_uuid():
    header = [
        "kode_kemitraan",
        "tanggal",
        "peran",
        *PRINCIPLE_HEADERS,
        "kepuasan",
        "tantangan",
        "saran",
        "Nama",
        "Email",
    ]
    rows = [
        [
            "KM-001",
            "05/06/2024",
            "Akademisi",
            4,
            4,
            4,
            4,
            4,
            4,
            4,
            4,
            4,
            "koordinasi, pendanaan",
            "Bagus",
            "Dewi",
            "dewi@example.org",
        ],
        ["KM-003", "06/06/2024", "Masyarakat", 5, 5, 5, 5, 5, 5, 5, 5, 5, "", "", "Rina", "rina@example.org"],
    ]
    return "survei_manual.csv", csv_bytes(header, rows)


# ------------------------------------------------------------------ bad files


def empty_file():
    return "kosong.csv", b""


def binary_file():
    return "data.csv", bytes(range(256)) * 8


def png_named_xlsx():
    return "laporan.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(64)


def xlsx_named_csv():
    name, data = kemitraan_xlsx_titles()
    return "laporan.csv", data


def docx_like_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("[Content_Types].xml", "<Types/>")
    return "laporan.xlsx", buf.getvalue()


def zip_bomb():
    """A workbook whose sheet unpacks 200× larger than it is packed (real bombs go far beyond)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (24 * 1024 * 1024))
    return "bom.xlsx", buf.getvalue()


def no_header():
    return "catatan.csv", b"ini hanya catatan\nbaris kedua tanpa judul kolom\n"


def missing_key_column():
    header = KEMITRAAN_HEADER[1:]
    return "tanpa_kode.csv", csv_bytes(header, [r[1:] for r in KEMITRAAN_ROWS])


def missing_key_value():
    rows = [list(r) for r in KEMITRAAN_ROWS]
    rows[1][0] = ""
    return "kode_kosong.csv", csv_bytes(KEMITRAAN_HEADER, rows)


def unknown_province():
    rows = [list(r) for r in KEMITRAAN_ROWS]
    rows[2][7] = "Provinsi Atlantis"
    return "provinsi_salah.csv", csv_bytes(KEMITRAAN_HEADER, rows)


def papua_conflict():
    header = [
        "kode_kemitraan",
        "nama_kemitraan",
        "kategori",
        "bidang",
        "mitra_utama",
        "provinsi",
        "kode_provinsi",
        "tanggal_mulai",
    ]
    rows = [
        ["KM-101", "Papua Sehat", "multisektor", "kia", "Dinkes", "Papua", "94", "2024-01-01"],  # BPS 94 = Papua: ok
        ["KM-102", "Papua Barat Sehat", "multisektor", "kia", "Dinkes", "Papua", "91", "2024-01-01"],
    ]  # 91 = Papua Barat
    return "papua.csv", csv_bytes(header, rows)


def kemendagri_codes():
    header = [
        "kode_kemitraan",
        "nama_kemitraan",
        "kategori",
        "bidang",
        "mitra_utama",
        "kode_kemendagri",
        "tanggal_mulai",
    ]
    rows = [
        ["KM-201", "A", "nirlaba", "kb", "X", "91", "2024-01-01"],  # Kemendagri 91 = Papua (BPS 94)
        ["KM-202", "B", "nirlaba", "kb", "X", "96", "2024-01-01"],  # Kemendagri 96 = Papua Barat Daya (BPS 92)
        ["KM-203", "C", "nirlaba", "kb", "X", "32.01", "2024-01-01"],
    ]  # kabupaten code -> Jawa Barat
    return "kemendagri.csv", csv_bytes(header, rows)


def orphan_code():
    return "orphan.csv", csv_bytes(
        ["kode_kemitraan", "periode", "kode_indikator", "nilai"],
        [["KM-001", "2024", "terjangkau", "10"], ["KM-999", "2024", "terjangkau", "10"]],
    )


def bad_likert():
    header = ["respon_id", "kode_kemitraan", *PRINCIPLE_HEADERS]
    rows = [["a", "KM-001", 4, 4, 4, 4, 4, 4, 4, 4], ["b", "KM-001", 4, 6, 4, 4, "Lumayan", 4, 4, 4]]
    return "likert.csv", csv_bytes(header, rows)


def non_numeric_value():
    return "nilai.csv", csv_bytes(
        ["kode_kemitraan", "periode", "kode_indikator", "nilai"],
        [["KM-001", "2024", "terjangkau", "seribu"], ["KM-001", "2023", "terjangkau", "1000"]],
    )


def out_of_range():
    return "rentang.csv", csv_bytes(
        ["kode_kemitraan", "periode", "kode_indikator", "nilai"],
        [
            ["KM-001", "2024", "mcpr_pct", "120"],
            ["KM-001", "2024", "terjangkau", "-5"],
            ["KM-001", "2024", "layanan", "5"],
        ],
    )


def unknown_values():
    rows = [list(r) for r in KEMITRAAN_ROWS]
    rows[0][2] = "Kemitraan ajaib"  # kategori
    rows[1][9] = "31/02/2023"  # no such date
    return "nilai_asing.csv", csv_bytes(KEMITRAAN_HEADER, rows)


def unknown_period_indicator():
    return "periode_asing.csv", csv_bytes(
        ["kode_kemitraan", "periode", "kode_indikator", "nilai"],
        [["KM-001", "Semester 1 2024", "terjangkau", "1"], ["KM-001", "2024", "jumlah_kucing", "1"]],
    )


def duplicate_key():
    rows = [list(r) for r in KEMITRAAN_ROWS] + [list(KEMITRAAN_ROWS[0])]
    rows[-1][1] = "Nama lain"
    return "ganda.csv", csv_bytes(KEMITRAAN_HEADER, rows)


def exact_repeat():
    rows = [list(r) for r in KEMITRAAN_ROWS] + [list(KEMITRAAN_ROWS[0])]
    return "ulang.csv", csv_bytes(KEMITRAAN_HEADER, rows)


def end_before_start():
    rows = [list(r) for r in KEMITRAAN_ROWS]
    rows[0][10] = "01/01/2020"
    return "tanggal.csv", csv_bytes(KEMITRAAN_HEADER, rows)


def ragged_csv():
    return (
        "ragged.csv",
        b"kode_kemitraan,periode,kode_indikator,nilai\nKM-001,2024,terjangkau,1\nKM-001,2023,terjangkau,1,9,9\n",
    )


def mixed_number_conventions():
    """A column written mostly the Indonesian way with one English-style cell: that cell is an error."""
    return "konvensi.csv", csv_bytes(
        ["kode_kemitraan", "periode", "kode_indikator", "nilai"],
        [
            ["KM-001", "2021", "layanan", "1.234,5"],
            ["KM-001", "2022", "layanan", "12.345,5"],
            ["KM-001", "2023", "layanan", "1,234.5"],
        ],
        delimiter=";",
    )


def header_only():
    return "judul_saja.csv", b"kode_kemitraan,periode,kode_indikator,nilai\n\n\n"


def template_with_unused_sheets():
    """The template filled in on one sheet only: the other kinds' sheets hold just their headers."""
    return "templat_terisi.xlsx", xlsx_bytes(
        {
            "kemitraan": [KEMITRAAN_HEADER, *KEMITRAAN_ROWS],
            "indikator": [["kode_kemitraan", "periode", "kode_indikator", "nilai", "target"]],
            "survei": [["respon_id", "kode_kemitraan", "tanggal_survei", *PRINCIPLE_HEADERS]],
        }
    )


def csv_multiline_and_blank_lines():
    """A title, a quoted cell spanning lines, a blank line between rows, and a bad value on sheet row 7."""
    text = (
        "Laporan capaian\n"
        "kode_kemitraan,periode,kode_indikator,nilai,catatan\n"
        'KM-001,2024,terjangkau,10,"baris satu\nbaris dua"\n'
        "KM-001,2023,terjangkau,11,\n"
        "\n"
        'KM-001,2022,terjangkau,12,"a ""kutipan"" di sini"\n'
        "KM-001,2021,terjangkau,tiga belas,\n"
    )
    return "catatan_panjang.csv", text.encode("utf-8")


def workbook_with_hidden_lists():
    """A template-like workbook: data on one sheet, drop-down lists on a hidden sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "kemitraan"
    for r in [KEMITRAAN_HEADER, *KEMITRAAN_ROWS]:
        ws.append(r)
    hidden = wb.create_sheet("_daftar")
    hidden.append(["pemerintah_lsm", "publik_swasta"])
    hidden.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return "templat.xlsx", buf.getvalue()


# --- long lines, huge cells, odd dialects (issue 21): each a located message, never the unexpected-error screen ---


def csv_first_line_over_field_limit():
    """The header's last name is 300,000 characters: the first line is longer than the csv module's field limit
    (131,072) and than the 262,144 characters first read to guess the delimiter."""
    return "judul_panjang.csv", csv_bytes([*KEMITRAAN_HEADER, "y" * 300_000], KEMITRAAN_ROWS)


def csv_header_cell_over_field_limit():
    """One header name of 140,000 characters among the real ones (column 2)."""
    header = list(KEMITRAAN_HEADER)
    header[1] = "nama_" + "x" * 140_000
    return "nama_kolom_panjang.csv", csv_bytes(header, KEMITRAAN_ROWS)


def csv_first_data_cell_over_field_limit():
    """A quoted 200,000-character cell in the first data row (row 2, mitra_utama), inside the delimiter sniff."""
    rows = [list(r) for r in KEMITRAAN_ROWS]
    rows[0][KEMITRAAN_HEADER.index("mitra_utama")] = "Mitra, " + "M" * 200_000
    return "sel_panjang.csv", csv_bytes(KEMITRAAN_HEADER, rows)


def csv_one_line_no_newline():
    """400,000 characters and no line break: no header, one giant cell."""
    return "satu_baris.csv", b"a" * 400_000


def csv_unclosed_quote():
    """Row 3 opens a double quote that is never closed."""
    rows = [list(r) for r in KEMITRAAN_ROWS]
    text = csv_bytes(KEMITRAAN_HEADER, rows).decode("utf-8").splitlines(keepends=True)
    text[2] = text[2].replace("PT Sehat Sentosa", '"PT Sehat Sentosa', 1)
    return "kutip_terbuka.csv", "".join(text).encode("utf-8")


def csv_single_quotes_around_commas():
    """Cells quoted with ' (not "), one holding a comma: row 2 splits into more fields than the header."""
    rows = [list(r) for r in KEMITRAAN_ROWS]
    text = csv_bytes(KEMITRAAN_HEADER, rows).decode("utf-8").splitlines(keepends=True)
    text[1] = (
        text[1]
        .replace('"PKBI; Yayasan Cipta"', "'PKBI, Yayasan Cipta'")
        .replace("PKBI; Yayasan Cipta", "'PKBI, Yayasan Cipta'")
    )
    return "kutip_tunggal.csv", "".join(text).encode("utf-8")


def csv_old_mac_line_ends():
    """Lines ended by CR alone (classic Mac OS): read like any other."""
    return "mac.csv", csv_bytes(KEMITRAAN_HEADER, KEMITRAAN_ROWS, lineterminator="\r")


# ------------------------------------------------------------------ hand-written workbook XML


def xlsx_with_sheet_xml(sheet_xml: str) -> bytes:
    """A minimal workbook whose one sheet is the given XML (to put cells where no spreadsheet application would)."""
    buf = io.BytesIO()
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
            'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
            'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{rels}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main" xmlns:r="{rels}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rels}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            '<?xml version="1.0"?><worksheet xmlns="http://schemas.'
            f'openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_xml}</sheetData></worksheet>',
        )
    return buf.getvalue()


def header_cells(row: int = 1) -> str:
    return "".join(
        f'<c r="{col}{row}" t="inlineStr"><is><t>{h}</t></is></c>'
        for col, h in zip("ABCD", ("kode_kemitraan", "periode", "kode_indikator", "nilai"))
    )
