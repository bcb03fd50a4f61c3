"""The fourth kind, ``rujukan`` (reference values of the country, a province or a kabupaten/kota): upload, refusal
with located messages in both languages, undo and redo, the template's sheet, and the shipped real national file."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from kemitraan import contract
from kemitraan.generators.template import template_xlsx
from kemitraan.ingest import IngestRefused, commit, prepare
from kemitraan.storage.store import Store

CONTOH = Path(__file__).resolve().parent.parent / "data" / "contoh"

VALID = (
    "wilayah,kode_indikator,tahun,nilai,sumber\n"
    "Nasional,stunting_pct,2024,19.8,SSGI 2024\n"
    "32,stunting_pct,2024,21.7,SSGI 2024\n"
    "Jawa Barat,mcpr_pct,2023,60.1,SKI 2023\n"
    "Kab. Bogor,stunting_pct,2024,27.6,SSGI 2024\n"
    "3273,Prevalensi stunting,2024,20.0,SSGI 2024\n"  # Kota Bandung by its code, the indicator by its label
)


def _store(tmp_path) -> Store:
    return Store(tmp_path / "data")


def _rows(store: Store) -> list[tuple]:
    con = store.connect()
    try:
        return con.execute(
            "SELECT wilayah_kode, tingkat_wilayah, provinsi_kode, wilayah, kode_indikator, periode, "
            "nilai, sumber FROM rujukan ORDER BY wilayah_kode, kode_indikator, periode"
        ).fetchall()
    finally:
        con.close()


def test_the_contract_has_the_kind_in_one_place():
    assert "rujukan" in contract.KINDS and "rujukan" not in contract.PARTNERSHIP_KINDS
    assert [c.name for c in contract.input_columns("rujukan")] == [
        "wilayah",
        "kode_indikator",
        "periode",
        "nilai",
        "sumber",
    ]
    assert {c.name for c in contract.columns("rujukan") if c.required} == {
        "wilayah",
        "kode_indikator",
        "periode",
        "nilai",
        "sumber",
    }
    assert contract.match_header("tahun", "rujukan") == "periode"
    assert contract.match_header("Source", "rujukan") == "sumber"


@pytest.mark.parametrize(
    "text, kode, tingkat",
    [
        ("ID", "ID", "nasional"),
        ("Nasional", "ID", "nasional"),
        ("indonesia", "ID", "nasional"),
        ("32", "32", "provinsi"),
        ("Jawa Barat", "32", "provinsi"),
        ("jabar", "32", "provinsi"),
        ("Gorontalo", "75", "provinsi"),
        ("Kota Gorontalo", "75.71", "kabupaten"),
        ("32.01", "32.01", "kabupaten"),
        ("3201", "32.01", "kabupaten"),
        ("KAB BOGOR", "32.01", "kabupaten"),
    ],
)
def test_match_region(text, kode, tingkat):
    m = contract.match_region(text)
    assert (m.status, m.kode, m.tingkat) == ("ok", kode, tingkat)


def test_match_region_never_guesses():
    assert contract.match_region("Bogor").status == "ambiguous"
    assert set(contract.match_region("Bogor").candidates) == {"32.01", "32.71"}
    assert not contract.match_region("Atlantis").ok
    assert not contract.match_region("99").ok


def test_a_valid_file_is_stored(tmp_path):
    store = _store(tmp_path)
    report = prepare(store, [("rujukan.csv", VALID.encode())])
    assert report.ok, [p.message("en") for p in report.errors]
    assert report.counts == {"rujukan": {"new": 5, "replaced": 0, "unchanged": 0, "invalid": 0}}
    commit(store, report)
    assert _rows(store) == [
        ("32", "provinsi", "32", "Jawa Barat", "mcpr_pct", "2023", 60.1, "SKI 2023"),
        ("32", "provinsi", "32", "Jawa Barat", "stunting_pct", "2024", 21.7, "SSGI 2024"),
        ("32.01", "kabupaten", "32", "Kabupaten Bogor", "stunting_pct", "2024", 27.6, "SSGI 2024"),
        ("32.73", "kabupaten", "32", "Kota Bandung", "stunting_pct", "2024", 20.0, "SSGI 2024"),
        ("ID", "nasional", None, "Indonesia", "stunting_pct", "2024", 19.8, "SSGI 2024"),
    ]
    assert store.batches()[-1]["kinds"] == ["rujukan"]


def test_bad_rows_are_located_in_both_languages_and_nothing_is_stored(tmp_path):
    store = _store(tmp_path)
    bad = (
        "wilayah,kode_indikator,tahun,nilai,sumber\n"
        "Nasional,stunting_pct,2024,19.8,SSGI 2024\n"
        "Bogor,stunting_pct,2024,27.6,SSGI 2024\n"
        "Atlantis,stunting_pct,2024,10,SSGI 2024\n"
        "Jawa Barat,stunting_pct,2024,150,SSGI 2024\n"
        "Jawa Barat,bukan_indikator,20x4,abc,\n"
    )
    report = prepare(store, [("salah.csv", bad.encode())])
    assert not report.ok
    where = {(p.file, p.row, p.column) for p in report.errors}
    assert {
        ("salah.csv", 3, "wilayah"),
        ("salah.csv", 4, "wilayah"),
        ("salah.csv", 5, "nilai"),
        ("salah.csv", 6, "kode_indikator"),
        ("salah.csv", 6, "tahun"),
        ("salah.csv", 6, "nilai"),
        ("salah.csv", 6, "sumber"),
    } <= where
    bogor = next(p for p in report.errors if p.row == 3)
    assert "Kabupaten Bogor / Kota Bogor" in bogor.message("id") and "mungkin maksud Anda" in bogor.message("id")
    assert "did you mean" in bogor.message("en")
    assert "Kabupaten/Kota" in bogor.message("en") and "row 3" in bogor.message("en")
    assert "baris 3" in bogor.message("id")
    rng = next(p for p in report.errors if p.row == 5)
    assert "100" in rng.message("en") and "100" in rng.message("id")
    with pytest.raises(IngestRefused):
        commit(store, report)
    assert store.batches() == [] and _rows(store) == []


def test_a_missing_source_column_refuses_the_file(tmp_path):
    store = _store(tmp_path)
    report = prepare(
        store,
        [("tanpa_sumber.csv", b"wilayah,kode_indikator,tahun,nilai\nID,stunting_pct,2024,19.8\n")],
        kind="rujukan",
    )
    assert not report.ok
    assert any(p.column == "sumber" or "sumber" in p.message("en") for p in report.errors)
    with pytest.raises(IngestRefused):
        commit(store, report)
    assert _rows(store) == []


def test_a_correction_replaces_and_undo_brings_the_earlier_value_back(tmp_path):
    store = _store(tmp_path)
    first = commit(store, prepare(store, [("a.csv", VALID.encode())]))[0]["batch_id"]
    fix = "wilayah,kode_indikator,tahun,nilai,sumber\nID,stunting_pct,2024,19.9,SSGI 2024 (revisi)\n"
    report = prepare(store, [("b.csv", fix.encode())])
    assert report.counts["rujukan"]["replaced"] == 1
    second = commit(store, report)[0]["batch_id"]
    national = [r for r in _rows(store) if r[0] == "ID"]
    assert national == [("ID", "nasional", None, "Indonesia", "stunting_pct", "2024", 19.9, "SSGI 2024 (revisi)")]
    store.undo(second)
    assert [r[6] for r in _rows(store) if r[0] == "ID"] == [19.8]
    store.undo(first)
    assert _rows(store) == []
    store.redo(first)
    assert len(_rows(store)) == 5
    # uploading the same file again changes nothing
    again = prepare(store, [("a.csv", VALID.encode())])
    assert again.counts["rujukan"]["unchanged"] == 5 and again.rows_to_write() == 0


def test_the_template_sheet_round_trips(tmp_path):
    wb = openpyxl.load_workbook(io.BytesIO(template_xlsx("en")))
    ws = wb["rujukan"]
    header = [c.value for c in ws[1]]
    assert header == [c.name for c in contract.input_columns("rujukan")]
    for ri, row in enumerate(
        [
            ("Nasional", "stunting_pct", "2024", 19.8, "SSGI 2024"),
            ("Kabupaten Bandung", "mcpr_pct", "2023", 61.0, "SKI 2023"),
        ],
        start=3,
    ):
        for ci, v in enumerate(row, start=1):
            ws.cell(ri, ci, v)
    buf = io.BytesIO()
    wb.save(buf)
    store = _store(tmp_path)
    report = prepare(store, [("templat.xlsx", buf.getvalue())])
    assert report.ok, [p.message("en") for p in report.errors]
    assert report.counts["rujukan"]["new"] == 2  # the greyed example row (SUMBER-CONTOH) is skipped
    commit(store, report)
    assert {(r[0], r[4], r[6]) for r in _rows(store)} == {("ID", "stunting_pct", 19.8), ("32.04", "mcpr_pct", 61.0)}


def test_the_shipped_national_file_uploads_real_values_with_sources(tmp_path):
    store = _store(tmp_path)
    data = (CONTOH / "rujukan_nasional.csv").read_bytes()
    report = prepare(store, [("rujukan_nasional.csv", data)])
    assert report.ok, [p.message("en") for p in report.errors]
    commit(store, report)
    got = {(r[5], r[6], r[7]) for r in _rows(store)}
    assert {
        ("2021", 24.4, "SSGI 2021 (Kemenkes)"),
        ("2022", 21.6, "SSGI 2022 (Kemenkes)"),
        ("2023", 21.5, "SKI 2023 (Kemenkes)"),
        ("2024", 19.8, "SSGI 2024 (Kemenkes)"),
    } <= got
    assert all(r[0] == "ID" and r[4] == "stunting_pct" for r in _rows(store))
    assert not any("intetis" in r[7] for r in _rows(store))


def test_the_demo_labels_its_reference_values_synthetic():
    import pandas as pd

    from kemitraan.generators import demo, demo_rujukan

    p = demo.partnerships(8, 2, 7)
    ref = demo_rujukan.reference_values(p, 2023, 2025, 7)
    assert list(ref.columns) == contract.stored_columns("rujukan")
    assert set(ref["sumber"]) == {"Sintetis (demo)"}
    assert set(ref["tingkat_wilayah"]) == {"nasional", "provinsi", "kabupaten"}
    assert set(ref["kode_indikator"]) == set(demo_rujukan.REFERENCE_OUTCOMES)
    # the kabupaten/kota of the demo's partnerships and the other ones of their provinces
    kab = ref[ref["tingkat_wilayah"] == "kabupaten"]
    assert set(p["kabupaten_kode"].dropna()) < set(kab["wilayah_kode"])
    assert set(kab["provinsi_kode"]) == set(p["provinsi_kode"])
    assert not ref.duplicated(list(contract.KEYS["rujukan"])).any()
    lo_hi = {k: (contract.indicator(k).min, contract.indicator(k).max) for k in demo_rujukan.REFERENCE_OUTCOMES}
    assert all(
        (lo_hi[k][0] is None or v >= lo_hi[k][0]) and (lo_hi[k][1] is None or v <= lo_hi[k][1])
        for k, v in zip(ref["kode_indikator"], ref["nilai"])
    )
    assert pd.api.types.is_float_dtype(ref["nilai"])
