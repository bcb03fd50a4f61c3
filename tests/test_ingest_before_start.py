"""A report of a period that ended before its partnership started is stored, with a warning naming its row."""

from __future__ import annotations

import datetime as dt

from conftest import partnership, write

from kemitraan.ingest import commit, prepare
from kemitraan.storage.store import Store
from tests import corpus as C

HEAD = ["kode_kemitraan", "periode", "kode_indikator", "nilai"]


def test_a_report_ending_before_the_start_is_a_warning_with_its_row(tmp_path):
    store = Store(tmp_path / "data")
    write(store, "k", kemitraan=[partnership("KM-1", tanggal_mulai=dt.date(2022, 4, 15))])
    rows = [
        ["KM-1", "2021-Q4", "terjangkau", "10"],  # ended 2021-12: before the start
        ["KM-1", "2022-03", "terjangkau", "20"],  # ended 2022-03: before the start
        ["KM-1", "2022-04", "terjangkau", "30"],  # the start's own month: fine
        ["KM-1", "2022-Q1", "layanan", "5"],  # ended 2022-03: before the start
        ["KM-1", "2022", "kader_dilatih", "7"],
    ]  # the year the partnership started: fine
    report = prepare(store, [("laporan.csv", C.csv_bytes(HEAD, rows))])
    assert report.ok and not report.errors
    notes = [p for p in report.warnings if p.key == "ingest.warn.report_before_start"]
    assert [(p.row, p.value, p.column) for p in notes] == [
        (2, "2021-Q4", "periode"),
        (3, "2022-03", "periode"),
        (5, "2022-Q1", "periode"),
    ]
    assert "KM-1" in notes[0].message("id") and "2022-04-15" in notes[0].message("id")
    assert "before partnership KM-1 started (2022-04-15)" in notes[0].message("en")
    assert "laporan.csv" in notes[0].message("en") and "row 2" in notes[0].message("en")
    commit(store, report)
    assert store.connect().sql("SELECT count(*) FROM indikator").fetchall()[0][0] == 5  # stored as given


def test_a_partnership_of_the_same_upload_gives_the_start(tmp_path):
    store = Store(tmp_path / "data")
    kem = C.csv_bytes(
        ["kode_kemitraan", "nama_kemitraan", "kategori", "fokus", "bidang", "mitra_utama", "provinsi", "tanggal_mulai"],
        [["KM-9", "Baru", "pemerintah_lsm", "program", "kb", "Dinas", "Jawa Barat", "2024-01-01"]],
    )
    ind = C.csv_bytes(HEAD, [["KM-9", "2023-12", "terjangkau", "10"], ["KM-9", "2024-01", "terjangkau", "10"]])
    report = prepare(store, [("kemitraan.csv", kem), ("indikator.csv", ind)])
    assert [(p.file, p.row) for p in report.warnings if p.key == "ingest.warn.report_before_start"] == [
        ("indikator.csv", 2)
    ]
