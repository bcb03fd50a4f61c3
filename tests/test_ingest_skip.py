"""Totals, subtotals, footnotes and spacer rows: left out with one note that names them, never an error, never silent."""

from __future__ import annotations

import pytest

from kemitraan.ingest import commit, prepare
from kemitraan.ingest.skip import row_list
from kemitraan.storage.store import Store
from tests import corpus as C

HEADER = ["kode_kemitraan", "periode", "kode_indikator", "nilai"]


@pytest.fixture
def seeded(tmp_path):
    store = Store(tmp_path / "data")
    commit(store, prepare(store, [C.kemitraan_csv_comma()]))
    return store


def stored_rows(store, kind="indikator"):
    con = store.connect()
    try:
        if kind == "indikator":
            return con.execute(
                "SELECT kode_kemitraan, periode, kode_indikator, nilai FROM indikator ORDER BY 1, 2, 3"
            ).fetchall()
        return con.execute("SELECT kode_kemitraan, anggaran_idr FROM kemitraan ORDER BY 1").fetchall()
    finally:
        con.close()


def notes(report, word):
    return [p for p in report.warnings if word in p.message("en")]


@pytest.mark.parametrize(
    "label",
    [
        "JUMLAH",
        "TOTAL",
        "Total Keseluruhan",
        "Sub Total",
        "Subtotal",
        "Grand Total",
        "Jumlah Provinsi Jawa Barat",
        "jumlah",
        "total:",
        "SUB-TOTAL",
        "Rata-rata",
    ],
)
def test_a_totals_row_gives_one_note_and_no_error(seeded, label):
    rows = [
        ["KM-001", "Januari 2024", "terjangkau", "1.200"],
        ["KM-002", "Januari 2024", "terjangkau", "800"],
        [label, "", "", "2.000"],
        ["KM-003", "Januari 2024", "terjangkau", "50,5"],
    ]
    report = prepare(seeded, [("capaian.csv", C.csv_bytes(HEADER, rows, delimiter=";"))])
    assert report.ok, [p.message("en") for p in report.errors]
    (note,) = notes(report, "total, subtotal")
    assert note.row is None and note.count == 1 and note.message("en").endswith("rows 4")
    assert "baris 4" in note.message("id")
    commit(seeded, report)
    assert stored_rows(seeded) == [
        ("KM-001", "2024-01", "terjangkau", 1200.0),
        ("KM-002", "2024-01", "terjangkau", 800.0),
        ("KM-003", "2024-01", "terjangkau", 50.5),
    ]


def test_subtotals_per_province_and_a_grand_total_in_a_workbook(seeded):
    rows = [
        ["Capaian kemitraan per provinsi, Triwulan I 2024"],
        [],
        ["Provinsi", "kode_kemitraan", "periode", "terjangkau", "peserta_kb_baru"],
        ["Jawa Barat", "KM-001", "2024-Q1", 100, 10],
        ["Jawa Barat", "KM-002", "2024-Q1", 200, 20],
        ["Jumlah Provinsi Jawa Barat", None, None, 300, 30],
        [],
        ["NTT", "KM-003", "2024-Q1", 50, 5],
        ["NTT", "KM-003", "2024-Q2", 70, 5],
        [None, None, None, 120, 10],  # a subtotal without a label: the sum of its block
        [None, None, None, 420, 40],  # a grand total without a label: the sum of every data row above
        [],
        ["Sumber: Dinas Kesehatan Provinsi, diolah"],
        ["* angka sementara"],
    ]
    report = prepare(seeded, [("laporan.xlsx", C.xlsx_bytes({"Capaian": rows}))])
    assert report.ok, [p.message("en") for p in report.errors]
    assert [n.message("en").rsplit(": ", 1)[-1] for n in report.warnings if n.count] == [
        "rows 6, 10–11",
        "rows 13–14",
        "rows 7, 12",
    ]
    assert report.counts["indikator"]["new"] == 8


def test_a_row_without_a_code_that_is_no_sum_stays_an_error(seeded):
    rows = [["KM-001", "2024", "terjangkau", "100"], ["KM-002", "2024", "terjangkau", "200"], ["", "", "", "250"]]
    report = prepare(seeded, [("c.csv", C.csv_bytes(HEADER, rows))])
    assert [(p.row, p.column) for p in report.errors][:1] == [(4, "kode_kemitraan")]
    assert not notes(report, "total")


def test_data_that_merely_looks_like_a_total_is_kept(seeded):
    partnerships = [list(r) for r in C.KEMITRAAN_ROWS]
    partnerships[1][1] = "Total Sehat Keluarga"
    report = prepare(
        seeded,
        [
            ("k.csv", C.csv_bytes(C.KEMITRAAN_HEADER, partnerships)),
            (
                "i.csv",
                C.csv_bytes(
                    HEADER,
                    [["KM-001", "2024", "Jumlah sumber dana", "3"], ["KM-002", "2024", "jumlah_sumber_dana", "2"]],
                ),
            ),
        ],
    )
    assert report.ok and not notes(report, "total")
    commit(seeded, report)
    assert [r[2] for r in stored_rows(seeded)] == ["jumlah_sumber_dana", "jumlah_sumber_dana"]


def test_a_partnership_list_with_a_total_budget_row(tmp_path):
    store = Store(tmp_path / "d")
    rows = [list(r) for r in C.KEMITRAAN_ROWS] + [
        ["", "TOTAL", "", "", "", "", "", "", "", "", "", "5.500.000.000", ""],
        ["Catatan: anggaran dalam rupiah", "", "", "", "", "", "", "", "", "", "", "", ""],
    ]
    report = prepare(store, [("mitra.csv", C.csv_bytes(C.KEMITRAAN_HEADER, rows))])
    assert report.ok, [p.message("en") for p in report.errors]
    assert [n.count for n in report.warnings] == [1, 1]
    commit(store, report)
    assert [r[0] for r in stored_rows(store, "kemitraan")] == ["KM-001", "KM-002", "KM-003"]


def test_row_list_joins_runs_and_counts_the_rest():
    assert row_list([7, 2, 3, 4, 10]) == "2–4, 7, 10"
    assert row_list(range(2, 100, 2)).endswith("… (49)")


def test_the_templates_example_row_is_never_stored(tmp_path):
    store = Store(tmp_path / "d")
    example = [
        "KMT-CONTOH-01",
        "Kemitraan contoh KB Jawa Barat",
        "Pemerintah–LSM",
        "Program",
        "KB",
        "Dinas Kesehatan Provinsi Jawa Barat",
        "PKBI Jawa Barat; Puskesmas Cileunyi",
        "Jawa Barat",
        "Kabupaten Bandung",
        "2024-01-15",
        "2026-12-31",
        "1500000000",
        "APBD; CSR",
    ]
    rows = [example, *C.KEMITRAAN_ROWS]
    report = prepare(
        store,
        [
            ("dari_templat.csv", C.csv_bytes(C.KEMITRAAN_HEADER, rows)),
            (
                "nilai.csv",
                C.csv_bytes(
                    HEADER,
                    [["kmt-contoh-01", "2024-Q3", "terjangkau", "1250"], ["KM-001", "2024-Q3", "terjangkau", "1"]],
                ),
            ),
        ],
    )
    assert report.ok
    skipped = notes(report, "example row")
    assert [(n.file, n.count) for n in skipped] == [("dari_templat.csv", 1), ("nilai.csv", 1)]
    assert "KMT-CONTOH-01" in skipped[0].message("id") and "tidak disimpan: baris 2" in skipped[0].message("id")
    commit(store, report)
    assert [r[0] for r in stored_rows(store, "kemitraan")] == ["KM-001", "KM-002", "KM-003"]
    assert [r[0] for r in stored_rows(store)] == ["KM-001"]
