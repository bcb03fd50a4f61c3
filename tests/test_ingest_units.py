"""Header recognition, kind detection, limits and the invalid-rows workbook."""

from __future__ import annotations

import io

import openpyxl
import pytest

from kemitraan.ingest import limits, prepare
from kemitraan.ingest.headers import detect, is_personal
from kemitraan.storage.store import Store
from tests import corpus as C


@pytest.mark.parametrize(
    "headers, kind",
    [
        (C.KEMITRAAN_HEADER, "kemitraan"),
        (["Kode", "Periode", "Indikator", "Nilai"], "indikator"),
        (["kode_kemitraan", "periode", "terjangkau", "mcpr_pct"], "indikator"),
        (["dataelement", "period", "orgunit", "attributeoptioncombo", "value"], "indikator"),
        (["_uuid", "kode_kemitraan", "grp/kepercayaan", "grp/komunikasi"], "survei"),
    ],
)
def test_kind_from_headers(headers, kind):
    assert detect(headers).kind == kind


def test_title_row_is_not_a_header():
    assert detect(["Laporan Kemitraan 2024"]) is None


@pytest.mark.parametrize(
    "header",
    ["Nama Responden", "grp_identitas/no_hp", "Email", "NIK", "Alamat rumah", "Nomor WhatsApp", "phone_number"],
)
def test_personal_headers(header):
    assert is_personal(header)


@pytest.mark.parametrize("header", ["kode_kemitraan", "nama_kemitraan", "kepuasan", "saran"])
def test_not_personal(header):
    assert not is_personal(header)


def test_formhub_uuid_is_not_the_respondent_id():
    hm = detect(["formhub/uuid", "_uuid", "kode_kemitraan", "kepercayaan", "komunikasi"])
    assert hm.headers[hm.used("respon_id")] == "_uuid"


def test_too_big_file_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    report = prepare(Store(tmp_path), [C.kemitraan_csv_comma()])
    assert not report.ok and "MB" in report.errors[0].message("en")


def test_too_many_cells_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CELLS", 20)
    for build in (C.kemitraan_csv_comma, C.kemitraan_xlsx_titles):
        report = prepare(Store(tmp_path), [build()])
        assert not report.ok and "cells" in report.errors[0].message("en")


def test_display_name_strips_folders_and_control_characters():
    assert limits.display_name("..\\..\\C:\\x\\laporan.csv") == "laporan.csv"
    assert limits.display_name("/etc/pass\x00wd") == "passwd"
    assert limits.display_name("") == "upload"


def test_invalid_rows_workbook_never_holds_formulas(tmp_path):
    rows = [list(r) for r in C.KEMITRAAN_ROWS]
    rows[0][2] = '=HYPERLINK("http://evil","klik")'
    report = prepare(Store(tmp_path), [("f.csv", C.csv_bytes(C.KEMITRAAN_HEADER, rows))])
    wb = openpyxl.load_workbook(io.BytesIO(report.invalid_rows_xlsx("id")))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[0] == "Baris" and header[-1] == "Galat"
    cell = ws.cell(row=2, column=header.index("kategori") + 1)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert "kategori" in ws.cell(row=2, column=len(header)).value


def test_progress_is_reported(tmp_path):
    seen = []
    prepare(Store(tmp_path), [C.kemitraan_csv_comma()], progress=lambda f, m: seen.append((f, m)), lang="en")
    assert seen[0][0] == 0 and seen[-1] == (1.0, "Done")
    assert all(0 <= f <= 1 for f, _ in seen) and [f for f, _ in seen] == sorted(f for f, _ in seen)


def test_unknown_kind_is_a_value_error(tmp_path):
    with pytest.raises(ValueError):
        prepare(Store(tmp_path), [C.kemitraan_csv_comma()], kind="kucing")


def test_many_bad_cells_are_counted_not_each_listed(tmp_path, monkeypatch):
    from kemitraan.ingest import cells, crosscheck

    monkeypatch.setattr(cells, "MAX_PROBLEMS_PER_COLUMN", 3)
    monkeypatch.setattr(crosscheck, "MAX_DUPLICATE_PROBLEMS", 2)
    store = Store(tmp_path)
    from kemitraan.ingest import commit

    commit(store, prepare(store, [C.kemitraan_csv_comma()]))
    rows = [["KM-001", str(2000 + i), "terjangkau", "x"] for i in range(10)]
    report = prepare(store, [("bad.csv", C.csv_bytes(["kode_kemitraan", "periode", "kode_indikator", "nilai"], rows))])
    assert report.counts["indikator"]["invalid"] == 10
    assert [p.row for p in report.errors] == [2, 3, 4, None]
    assert "7" in report.errors[-1].message("en")
    rows = [["KM-001", "2020", "terjangkau", str(i)] for i in range(6)]
    report = prepare(store, [("dup.csv", C.csv_bytes(["kode_kemitraan", "periode", "kode_indikator", "nilai"], rows))])
    assert report.counts["indikator"] == {"new": 1, "replaced": 0, "unchanged": 0, "invalid": 5}
    assert [p.row for p in report.errors] == [3, 4, None]


def test_zip_unpacking_beyond_the_total_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 1000)
    report = prepare(Store(tmp_path), [C.kemitraan_xlsx_titles()])
    assert not report.ok and "once uncompressed" in report.errors[0].message("en")


def test_prepare_writes_nothing(tmp_path):
    store = Store(tmp_path / "d")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    report = prepare(store, [C.workbook_all_kinds(), C.kobo_csv_xml()])
    assert report.counts["kemitraan"]["new"] == 3
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_problems_workbook_keeps_text_as_text(tmp_path):
    rows = [list(r) for r in C.KEMITRAAN_ROWS]
    rows[0][2] = "=1+1"
    report = prepare(Store(tmp_path), [("f.csv", C.csv_bytes(C.KEMITRAAN_HEADER, rows))])
    ws = openpyxl.load_workbook(io.BytesIO(report.problems_xlsx("en"))).worksheets[0]
    header = [c.value for c in ws[1]]
    assert header == ["Severity", "File", "Sheet", "Row", "Column", "Value", "Expected / note"]
    cell = ws.cell(row=2, column=header.index("Value") + 1)
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_binary_file_named_xlsx_gets_one_clear_error_and_no_contradicting_note():
    import random

    from kemitraan.ingest.read import read_file

    blob = bytes(random.Random(1).randrange(256) for _ in range(3000))
    res = read_file("laporan.xlsx", blob)
    assert [p.severity for p in res.problems] == ["error"]
    assert "CSV" not in res.problems[0].message("en").split("—", 1)[0]


def test_an_ambiguous_number_column_names_a_row_its_value_and_how_it_was_read(tmp_path):
    from conftest import partnership, write

    store = Store(tmp_path / "data")
    write(store, "k", kemitraan=[partnership("KM-1")])
    rows = [["KM-1", "2024-01", "terjangkau", "1.250"], ["KM-1", "2024-02", "terjangkau", "2.500"]]
    report = prepare(
        store, [("angka.csv", C.csv_bytes(["kode_kemitraan", "periode", "kode_indikator", "nilai"], rows))]
    )
    (note,) = [p for p in report.warnings if p.key.startswith("ingest.warn.ambiguous_number_")]
    assert (note.row, note.value, note.column) == (2, "1.250", "nilai")
    assert "baris 2" in note.message("id") and "1.250" in note.message("id")
    assert "dibaca 1250" in note.message("id") and "this one as 1250" in note.message("en")
