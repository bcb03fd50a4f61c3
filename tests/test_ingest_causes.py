"""Errors that point at the cause: root causes first, consequences folded into them, the closest valid value suggested."""

from __future__ import annotations

import io

import openpyxl
import pytest

from kemitraan.ingest import commit, prepare
from kemitraan.storage.store import Store
from tests import corpus as C

IND = ["kode_kemitraan", "periode", "kode_indikator", "nilai"]


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "data")


@pytest.fixture
def seeded(store):
    commit(store, prepare(store, [C.kemitraan_csv_comma()]))
    return store


def indicator_rows(n, code="KM-001"):
    return [[code, f"{2000 + i // 12}-{i % 12 + 1:02d}", "terjangkau", str(i)] for i in range(n)]


def test_a_misspelt_required_header_is_one_problem_with_a_suggestion_and_a_count(seeded):
    rows = indicator_rows(300)
    report = prepare(
        seeded, [("capaian.csv", C.csv_bytes(["Kode Kemitran", "periode", "kode_indikator", "nilai"], rows))]
    )
    (err,) = report.errors
    assert (err.file, err.column, err.count) == ("capaian.csv", "Kode Kemitran", 300)
    assert "did you mean: kode_kemitraan?" in err.message("en") and "300 rows" in err.message("en")
    assert "mungkin maksud Anda: kode_kemitraan?" in err.message("id")
    assert not report.warnings  # the unknown header is this problem, not also an "ignored column" note
    assert report.counts["indikator"]["invalid"] == 300
    wb = openpyxl.load_workbook(io.BytesIO(report.invalid_rows_xlsx("en")))
    ws = wb.worksheets[0]
    assert ws.max_row == 301 and "Kode Kemitran" in ws.cell(row=301, column=ws.max_column).value


def test_a_missing_column_comes_before_and_stands_for_the_rows_it_breaks(store):
    partnerships = [[c for j, c in enumerate(r) if j != 2] for r in C.KEMITRAAN_ROWS]  # no kategori column
    header = [h for h in C.KEMITRAAN_HEADER if h != "kategori"]
    report = prepare(
        store,
        [
            ("mitra.csv", C.csv_bytes(header, partnerships)),
            ("capaian.csv", C.csv_bytes(IND, indicator_rows(500, "KM-002"))),
        ],
    )
    assert [(p.file, p.column, p.count, p.level) for p in report.errors] == [
        ("mitra.csv", "kategori", 3, 1),
        ("capaian.csv", "kode_kemitraan", 500, 3),
    ]
    assert "mitra.csv" in report.errors[1].message("en") and "fix it first" in report.errors[1].message("en")


def test_rows_naming_a_partnership_refused_in_the_same_upload_are_folded_into_one_problem(store):
    partnerships = [list(r) for r in C.KEMITRAAN_ROWS]
    partnerships[1][2] = "Swasta-Publk"
    report = prepare(
        store,
        [
            ("capaian.csv", C.csv_bytes(IND, indicator_rows(100, "KM-002") + indicator_rows(5))),
            ("mitra.csv", C.csv_bytes(C.KEMITRAAN_HEADER, partnerships)),
        ],
    )
    first, second = report.errors
    assert (first.file, first.row, first.column, first.value) == ("mitra.csv", 3, "kategori", "Swasta-Publk")
    assert "did you mean: Public–private?" in first.message("en")
    assert "mungkin maksud Anda: Publik–Swasta?" in first.message("id")
    assert (second.file, second.count, second.value, second.level) == ("capaian.csv", 100, "KM-002", 3)
    assert "mitra.csv rows 3" in second.message("en") and "rows 2–101" in second.message("en")


@pytest.mark.parametrize(
    "column, value, id_hint, en_hint",
    [
        ("provinsi", "Jawa Barta", "mungkin maksud Anda: Jawa Barat?", "did you mean: West Java (Jawa Barat)?"),
        ("provinsi", "Sumatera Utra", "Sumatera Utara?", "North Sumatra (Sumatera Utara)?"),
        ("bidang", "imunisassi", "mungkin maksud Anda: Imunisasi?", "did you mean: Immunisation?"),
        ("kategori", "Pemerintah-LSN", "Pemerintah–LSM?", "Government–NGO?"),
    ],
)
def test_an_unknown_value_gets_the_closest_valid_one(store, column, value, id_hint, en_hint):
    rows = [list(r) for r in C.KEMITRAAN_ROWS]
    rows[0][C.KEMITRAAN_HEADER.index(column)] = value
    report = prepare(store, [("k.csv", C.csv_bytes(C.KEMITRAAN_HEADER, rows))])
    (err,) = report.errors
    assert (err.row, err.column, err.value) == (2, column, value)
    assert id_hint in err.expected("id") and en_hint in err.expected("en")


def test_unknown_indicator_and_partnership_codes_get_suggestions(seeded):
    rows = [["KM-0001", "2024", "terjangkau", "1"], ["KM-002", "2024", "terjangkao", "1"]]
    report = prepare(seeded, [("c.csv", C.csv_bytes(IND, rows))])
    messages = {p.row: p.message("en") for p in report.errors}
    assert "did you mean: KM-001?" in messages[2]
    assert "did you mean: terjangkau (People reached (contacts))?" in messages[3]


def test_an_unknown_optional_header_is_a_note_with_a_suggestion(store):
    header = [h if h != "tanggal_selesai" else "tanggal_selesei" for h in C.KEMITRAAN_HEADER]
    report = prepare(store, [("k.csv", C.csv_bytes(header, C.KEMITRAAN_ROWS))])
    assert report.ok
    (note,) = report.warnings
    assert note.column == "tanggal_selesei" and "did you mean: tanggal_selesai?" in note.message("en")
    assert "column not known for partnerships" in note.message("en")  # the kind's name, translated


def test_a_required_column_empty_in_every_row_is_one_problem(seeded):
    rows = [["KM-001", "2024", "", str(i)] for i in range(50)]
    report = prepare(seeded, [("c.csv", C.csv_bytes(IND, rows))])
    (err,) = report.errors
    assert (err.column, err.count) == ("kode_indikator", 50) and "all 50 rows" in err.message("en")


def test_warnings_are_capped_at_100_with_a_count(store):
    header = C.KEMITRAAN_HEADER + [f"kolom_tambahan_{i}" for i in range(150)]
    rows = [list(r) + ["x"] * 150 for r in C.KEMITRAAN_ROWS]
    report = prepare(store, [("k.csv", C.csv_bytes(header, rows))])
    assert report.ok and len(report.warnings) == 101
    assert "50 more" in report.warnings[-1].message("en")


def test_problems_group_by_cause_with_their_rows(seeded):
    rows = [["KM-001", "2024-13", "terjangkau", "1"] for _ in range(40)] + [["KM-001", "2024", "terjangkau", "x"]]
    report = prepare(seeded, [("c.csv", C.csv_bytes(IND, rows))])
    groups = report.problem_groups()
    assert [(g.problem.column, g.count, g.rows[:2]) for g in groups] == [("periode", 40, [2, 3]), ("nilai", 1, [42])]
    frame = report.groups_frame("en")
    assert list(frame.columns) == ["Severity", "Where", "Rows", "Rows affected", "Value", "Expected / note"]
    assert frame.iloc[0].tolist()[:4] == ["error", "c.csv · periode", "2–41", 40]
    # the located fields stay on every problem
    p = report.errors[0]
    assert (p.file, p.sheet, p.row, p.column, p.value) == ("c.csv", None, 2, "periode", "2024-13")
