"""A month inside a reported quarter (or a quarter inside a reported year) is refused at upload: never counted twice."""

from __future__ import annotations

from conftest import partnership, write

from kemitraan.ingest import commit, prepare
from kemitraan.storage.store import Store
from tests import corpus as C

HEAD = ["kode_kemitraan", "periode", "kode_indikator", "nilai"]


def _store(tmp_path) -> Store:
    store = Store(tmp_path / "data")
    write(store, "k", kemitraan=[partnership("KM-1"), partnership("KM-2")])
    return store


def test_a_month_inside_a_quarter_of_the_same_upload_is_refused_with_its_place(tmp_path):
    store = _store(tmp_path)
    rows = [
        ["KM-1", "2024-Q1", "terjangkau", "300"],
        ["KM-1", "2024-02", "terjangkau", "90"],
        ["KM-1", "2024-04", "terjangkau", "100"],
        ["KM-2", "2024-02", "terjangkau", "50"],
    ]
    report = prepare(store, [("campur.csv", C.csv_bytes(HEAD, rows))])
    errors = [(p.row, p.value) for p in report.errors]
    assert sorted(errors) == [(2, "2024-Q1"), (3, "2024-02")]  # each names the other; April and KM-2 are fine
    assert "2024-Q1" in report.errors[1].message("en") or "2024-02" in report.errors[0].message("en")
    assert report.counts["indikator"]["invalid"] == 2 and report.counts["indikator"]["new"] == 2


def test_a_quarter_over_stored_months_is_refused_and_says_which(tmp_path):
    store = _store(tmp_path)
    commit(store, prepare(store, [("bulanan.csv", C.csv_bytes(HEAD, [["KM-1", "2024-01", "terjangkau", "90"]]))]))
    report = prepare(
        store,
        [
            (
                "triwulan.csv",
                C.csv_bytes(HEAD, [["KM-1", "2024-Q1", "terjangkau", "300"], ["KM-1", "2024-Q1", "layanan", "80"]]),
            )
        ],
    )
    assert not report.ok
    (problem,) = report.errors
    assert (problem.row, problem.value) == (2, "2024-Q1")
    assert "2024-01" in problem.message("id") and "dua kali" in problem.message("id")
    # the same months at the same grain are a correction, not an overlap
    again = prepare(store, [("koreksi.csv", C.csv_bytes(HEAD, [["KM-1", "2024-01", "terjangkau", "95"]]))])
    assert again.ok and again.counts["indikator"]["replaced"] == 1
