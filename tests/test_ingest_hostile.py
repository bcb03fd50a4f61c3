"""Hostile files: each gets a located message in the user's language and stores nothing (issue 13, item 5).

Memory is measured by bench/bench_hostile.py, not here.
"""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from kemitraan.ingest import IngestRefused, commit, prepare
from kemitraan.storage.store import Store
from tests import corpus as C
from tests.corpus import header_cells, xlsx_with_sheet_xml


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "data")


def refused(store, name, data, *, where=None, en=(), id_=()):
    """Refused with one located error whose texts hold ``en`` / ``id_``; the store does not change."""
    before = store.version()
    report = prepare(store, [(name, data)])
    assert not report.ok
    with pytest.raises(IngestRefused):
        commit(store, report)
    assert store.version() == before and store.batches() == []
    err = report.errors[0]
    if where is not None:
        assert (err.file, err.sheet, err.row, err.column) == where, err.message("en")
    for text in en:
        assert text in err.message("en"), err.message("en")
    for text in id_:
        assert text in err.message("id"), err.message("id")
    return report


# ------------------------------------------------------------------ damaged workbooks


def test_a_truncated_xlsx_is_a_located_message_not_a_traceback(store):
    name, data = C.kemitraan_xlsx_titles()
    refused(
        store,
        name,
        data[: len(data) // 2],
        where=(name, None, None, None),
        en=("damaged or cut short",),
        id_=("rusak atau terpotong",),
    )


def test_an_xlsx_with_damaged_bytes_inside(store):
    name, data = C.kemitraan_xlsx_titles()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    at = info.header_offset + 30 + len(info.filename) + 20
    broken = data[:at] + bytes(b ^ 0x5A for b in data[at : at + 40]) + data[at + 40 :]
    refused(store, name, broken, en=("damaged",))


@pytest.mark.parametrize("name", ["laporan.xlsx", "laporan.ods"])
def test_a_spreadsheet_name_on_bytes_that_are_no_spreadsheet(store, name):
    refused(store, name, b"PK\x03\x04" + bytes(range(1, 200)) * 20, en=("damaged or cut short",))
    refused(
        store,
        name,
        bytes(range(256)) * 8,
        en=("neither text nor a spreadsheet",),
        id_=("bukan teks maupun lembar kerja",),
    )


def test_an_excel_binary_workbook_is_refused_before_reading(store):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
        z.writestr("xl/worksheets/sheet1.bin", b"\x81\x01\x00")
    refused(
        store,
        "laporan.xlsb",
        buf.getvalue(),
        where=("laporan.xlsb", None, None, None),
        en=("save it as .xlsx",),
        id_=("simpan sebagai .xlsx",),
    )


def test_a_truncated_ods(store):
    name, data = C.kemitraan_ods()
    refused(store, name, data[:-200], en=("damaged",))


# ------------------------------------------------------------------ zip bombs


def test_a_zip_bomb_by_ratio(store):
    refused(store, *C.zip_bomb(), en=("zip bomb",))


def test_a_zip_whose_header_lies_about_a_members_size(store):
    """Declares 1 KB, unpacks to 30 MB: counted while unpacking, stopped at 1 KB."""
    name, data = C.kemitraan_xlsx_titles()
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"</sheetData>", b"<!--" + b" " * 30_000_000 + b"--></sheetData>")
            z.writestr(info.filename, content)
    raw = bytearray(buf.getvalue())
    # rewrite the declared size of that member in its local header and in the central directory
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", raw, info.header_offset + 22, 1024)
    pos = raw.find(b"PK\x01\x02")
    while pos >= 0:
        n = struct.unpack_from("<H", raw, pos + 28)[0]
        if raw[pos + 46 : pos + 46 + n] == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", raw, pos + 24, 1024)
        pos = raw.find(b"PK\x01\x02", pos + 4)
    refused(store, name, bytes(raw), en=("unpacks larger",), id_=("lebih besar saat dibuka",))


# ------------------------------------------------------------------ sizes


def test_ten_thousand_columns_in_a_csv_are_refused_before_parsing(store):
    header = ["kode_kemitraan", "periode", "kode_indikator", "nilai"] + [f"k{i}" for i in range(10_000)]
    refused(
        store,
        "lebar.csv",
        C.csv_bytes(header, [["KM-001", "2024", "terjangkau", "1"] + ["x"] * 10_000]),
        where=("lebar.csv", None, None, None),
        en=("at most 1\u202f000 columns", "10\u202f004"),
        id_=("paling banyak 1\u202f000 kolom",),
    )


def test_ten_thousand_columns_in_a_workbook(store):
    refused(
        store,
        "lebar.xlsx",
        C.xlsx_bytes({"Lebar": [[f"k{i}" for i in range(10_000)], ["x"] * 10_000]}),
        where=("lebar.xlsx", "Lebar", None, None),
        en=("at most 1\u202f000 columns",),
    )


def test_one_cell_far_away_is_refused_before_the_reader_allocates_the_grid(store):
    """A1 and XFD1048576: the reader would ask for the whole grid between them and abort the process."""
    xml = f'<row r="1">{header_cells()}</row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    refused(
        store,
        "jauh.xlsx",
        xlsx_with_sheet_xml(xml),
        where=("jauh.xlsx", "Data", None, None),
        en=("at most 1\u202f000 columns",),
    )
    xml = f'<row r="1">{header_cells()}</row><row r="2"><c r="ZZ999999"><v>1</v></c></row>'  # a reference that lies
    refused(store, "jauh.xlsx", xlsx_with_sheet_xml(xml), en=("cells per sheet",))
    xml = (
        f'<row r="1">{header_cells()}</row><row><c s="0" r="A900000"><v>1</v></c>'  # the reference not first
        '<c s="0" r="ALL1"><v>1</v></c></row>'
    )
    refused(store, "jauh.xlsx", xlsx_with_sheet_xml(xml), en=("cells per sheet",))


def test_a_far_cell_behind_a_namespace_prefix(store):
    """Some writers put a prefix on every element (<x:row>, <x:c>): the scan reads those too."""
    data = xlsx_with_sheet_xml("")
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = (
        f'<?xml version="1.0"?><x:worksheet xmlns:x="{ns}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr">'
        '<x:is><x:t>kode_kemitraan</x:t></x:is></x:c></x:row><x:row r="1048576"><x:c r="XFD1048576"><x:v>1</x:v>'
        "</x:c></x:row></x:sheetData></x:worksheet>"
    )
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, sheet if info.filename == "xl/worksheets/sheet1.xml" else src.read(info))
    refused(
        store,
        "awalan.xlsx",
        buf.getvalue(),
        where=("awalan.xlsx", "Data", None, None),
        en=("at most 1\u202f000 columns",),
    )


def test_an_ods_row_repeated_a_million_times(store):
    cell = '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
    name, data = C.kemitraan_ods()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        content = zf.read("content.xml").decode()
    content = content.replace(
        "</table:table>",
        f'<table:table-row table:number-rows-repeated="1000000">{cell * 50}</table:table-row></table:table>',
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
    refused(store, name, buf.getvalue(), en=("cells per sheet",))


def test_a_one_megabyte_cell_is_located(store):
    rows = [list(r) for r in C.KEMITRAAN_ROWS]
    rows[1][C.KEMITRAAN_HEADER.index("mitra_utama")] = "A" * 1_048_576
    refused(
        store,
        "besar.csv",
        C.csv_bytes(C.KEMITRAAN_HEADER, rows),
        where=("besar.csv", None, 3, "mitra_utama"),
        en=("at most 32\u202f767 characters", "1\u202f048\u202f576"),
        id_=("paling banyak 32\u202f767 karakter",),
    )
    # (openpyxl and xlsxwriter refuse to write such a cell: the sheet's XML is written by hand)
    big = '<c r="A2" t="inlineStr"><is><t>' + "A" * 1_048_576 + '</t></is></c><c r="B2"><v>2024</v></c>'
    refused(
        store,
        "besar.xlsx",
        xlsx_with_sheet_xml(f'<row r="1">{header_cells()}</row><row r="2">{big}</row>'),
        where=("besar.xlsx", "Data", 2, "kode_kemitraan"),
        en=("1\u202f048\u202f576",),
    )


@pytest.mark.parametrize(
    "column, n, limit",
    [("nama_kemitraan", 301, "300"), ("kode_kemitraan", 65, "64"), ("mitra_utama", 100_000, "32\u202f767")],
)
def test_text_longer_than_its_fields_limit_is_an_error_never_cut(store, column, n, limit):
    rows = [list(r) for r in C.KEMITRAAN_ROWS]
    rows[2][C.KEMITRAAN_HEADER.index(column)] = "Kemitraan " + "x" * (n - 10)
    refused(
        store,
        "panjang.csv",
        C.csv_bytes(C.KEMITRAAN_HEADER, rows),
        where=("panjang.csv", None, 4, column),
        en=(f"at most {limit} characters",),
    )


def test_text_within_the_limits_is_kept_whole(store):
    rows = [list(r) for r in C.KEMITRAAN_ROWS]
    rows[0][1] = "N" * 300
    commit(store, prepare(store, [("ok.csv", C.csv_bytes(C.KEMITRAAN_HEADER, rows))]))
    con = store.connect()
    assert con.execute("SELECT length(nama_kemitraan) FROM kemitraan WHERE kode_kemitraan = 'KM-001'").fetchone() == (
        300,
    )
    con.close()


# ------------------------------------------------------------------ encodings and names


def test_utf8_with_a_windows_1252_line_is_refused_where_it_breaks(store):
    text = C.csv_bytes(C.KEMITRAAN_HEADER, C.KEMITRAAN_ROWS).decode()
    lines = text.splitlines(keepends=True)
    lines[1] = lines[1].replace("Kampung", "Kampung Sémangat")  # UTF-8
    data = "".join(lines[:3]).encode("utf-8") + lines[3].replace("Imunisasi", "Imunisasí").encode("cp1252")
    refused(
        store,
        "campur.csv",
        data,
        where=("campur.csv", None, 4, None),
        en=("byte 0xED", "mixed encodings"),
        id_=("pengodean bercampur",),
    )


def test_text_in_neither_utf8_nor_windows_1252(store):
    rows = [[v.replace("–", "-") for v in r] for r in C.KEMITRAAN_ROWS]  # plain ASCII, then Shift-JIS
    data = C.csv_bytes(C.KEMITRAAN_HEADER, rows) + "KM-009,\u30c7\u30fc\u30bf\n".encode("shift_jis")
    refused(store, "sjis.csv", data, where=("sjis.csv", None, 5, None), en=("UTF-8 or Windows-1252", "byte 0x81"))


def test_utf16_without_a_byte_order_mark_is_read(store):
    data = C.csv_bytes(C.KEMITRAAN_HEADER, C.KEMITRAAN_ROWS).decode().encode("utf-16-le")
    report = prepare(store, [("u16.csv", data)])
    assert report.ok and report.counts["kemitraan"]["new"] == 3


@pytest.mark.parametrize(
    "name, shown",
    [("<script>.csv", "<script>.csv"), ("../../x.csv", "x.csv"), ("..\\..\\x.csv", "x.csv"), ("a\x07b.csv", "ab.csv")],
)
def test_script_like_file_names_are_refused(store, name, shown):
    refused(
        store,
        name,
        C.kemitraan_csv_comma()[1],
        where=(shown, None, None, None),
        en=("rename the file",),
        id_=("ganti nama berkas",),
    )
