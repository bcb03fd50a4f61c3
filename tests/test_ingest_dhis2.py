"""DHIS2 data value sets as DHIS2 exports them: both header spellings, any header names in DHIS2's order, JSON."""

from __future__ import annotations

import json

import pytest

from kemitraan.ingest import commit, prepare
from kemitraan.storage.store import Store
from tests import corpus as C

LONG = [
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
SHORT = [
    "dataelement",
    "period",
    "orgunit",
    "catoptcombo",
    "attroptcombo",
    "value",
    "storedby",
    "lastupdated",
    "comment",
    "flwup",
    "deleted",
]
ROWS = [  # data element, period, org unit, cat option combo, partnership, value, stored by, last updated, comment, follow-up
    [
        "terjangkau",
        "2024Q1",
        "DiszpKrYNg8",
        "HllvX50cXC0",
        "KM-001",
        "1200",
        "admin",
        "2024-04-02T10:00:00",
        "",
        "false",
    ],
    ["peserta_kb_baru", "202401", "DiszpKrYNg8", "HllvX50cXC0", "KM-001", "95", "admin", "2024-02-02", "", "false"],
    ["mcpr_pct", "2024", "DiszpKrYNg8", "HllvX50cXC0", "KM-002", "57.25", "admin", "2025-01-10", "cek", "true"],
]
EXPECTED = [
    ["KM-001", "2024-01", "2024-01-01", "bulan", "peserta_kb_baru", 95.0],
    ["KM-001", "2024-Q1", "2024-01-01", "triwulan", "terjangkau", 1200.0],
    ["KM-002", "2024", "2024-01-01", "tahun", "mcpr_pct", 57.25],
]


@pytest.fixture
def seeded(tmp_path):
    store = Store(tmp_path / "data")
    commit(store, prepare(store, [C.kemitraan_csv_comma()]))
    return store


def read_back(store):
    con = store.connect()
    try:
        df = con.execute(
            "SELECT kode_kemitraan, periode, CAST(periode_mulai AS VARCHAR), jenis_periode, kode_indikator, "
            "nilai FROM indikator ORDER BY kode_kemitraan, periode, kode_indikator"
        ).fetchall()
    finally:
        con.close()
    return [list(r) for r in df]


def stored(store, *files):
    report = prepare(store, list(files))
    assert report.ok, [p.message("en") for p in report.errors]
    assert report.files[0]["sheets"][0]["kind"] == "indikator"
    commit(store, report)
    return report


def test_long_headers_read_back_exactly(seeded):
    report = stored(seeded, ("dhis2_long.csv", C.csv_bytes(LONG, ROWS)))
    assert not report.warnings
    assert read_back(seeded) == EXPECTED


def test_short_headers_and_deleted_values(seeded):
    rows = [r + ["false"] for r in ROWS] + [
        [
            "kader_dilatih",
            "2024Q2",
            "DiszpKrYNg8",
            "HllvX50cXC0",
            "KM-001",
            "12",
            "admin",
            "2024-07-01",
            "",
            "false",
            "true",
        ]
    ]
    report = stored(seeded, ("export.csv", C.csv_bytes(SHORT, rows)))
    assert read_back(seeded) == EXPECTED  # the deleted value is not stored
    notes = [p for p in report.warnings if "deleted" in p.message("en")]
    assert len(notes) == 1 and "rows 5" in notes[0].message("en") and notes[0].count == 1


def test_other_header_names_in_dhis2_order(seeded):
    header = [
        "Data Element",
        "Periode",
        "Unit Organisasi",
        "Kombinasi Kategori",
        "Kemitraan (AOC)",
        "Nilai",
        "Oleh",
        "Diperbarui",
        "Komentar",
        "Tindak lanjut",
    ]
    report = stored(seeded, ("laporan_dinkes.csv", C.csv_bytes(header, ROWS, delimiter=";")))
    assert read_back(seeded) == EXPECTED
    assert any("column order" in p.message("en") for p in report.warnings)


def test_german_names_and_no_header_row(seeded, tmp_path):
    header = [
        "Datenelement",
        "Zeitraum",
        "Organisationseinheit",
        "Kategorie",
        "Attribut",
        "Wert",
        "von",
        "am",
        "Kommentar",
        "Nachverfolgung",
    ]
    stored(seeded, ("werte.csv", C.csv_bytes(header, ROWS)))
    assert read_back(seeded) == EXPECTED
    other = Store(tmp_path / "other")
    commit(other, prepare(other, [C.kemitraan_csv_comma()]))
    report = stored(other, ("tanpa_judul.csv", C.csv_bytes(ROWS[0], ROWS[1:])))
    assert read_back(other) == EXPECTED
    assert any("no header row" in p.message("en") for p in report.warnings)


def test_a_contract_sheet_with_dhis2_like_columns_is_not_taken_for_dhis2(seeded):
    header = ["kode_kemitraan", "periode", "terjangkau", "peserta_kb_baru", "kader_dilatih", "mitra_aktif"]
    rows = [["KM-001", "2024", "1.200", "10", "3", "4"], ["KM-002", "2024", "800", "5", "2", "1"]]
    report = stored(seeded, ("lebar.csv", C.csv_bytes(header, rows)))
    assert not any("DHIS2" in p.message("en") for p in report.problems)
    assert [r[5] for r in read_back(seeded) if r[4] == "terjangkau"] == [1200.0, 800.0]


def test_json_inherits_the_sets_attribute_option_combo_period_and_org_unit(seeded):
    doc = {
        "dataSet": "pBOMPrpg1QX",
        "completeDate": "2024-04-05",
        "period": "2024Q1",
        "orgUnit": "DiszpKrYNg8",
        "attributeOptionCombo": "KM-001",
        "dataValues": [
            {"dataElement": "terjangkau", "categoryOptionCombo": "HllvX50cXC0", "value": "1200"},
            {"dataElement": "peserta_kb_baru", "period": "202401", "value": 95},
            {
                "dataElement": "mcpr_pct",
                "period": "2024",
                "attributeOptionCombo": "KM-002",
                "value": "57.25",
                "followup": False,
                "deleted": False,
            },
            {"dataElement": "kader_dilatih", "value": "4", "deleted": True},
        ],
    }
    # recognised by its content, whatever the file is called
    report = stored(seeded, ("unduhan_dhis2.txt", json.dumps(doc).encode()))
    assert read_back(seeded) == EXPECTED
    assert any("deleted" in p.message("en") and "rows 4" in p.message("en") for p in report.warnings)


def test_dhis2_numbers_are_read_the_dhis2_way(seeded):
    rows = [
        ["terjangkau", "2024Q1", "ou", "coc", "KM-001", "1.234", "", "", "", ""],
        ["kader_dilatih", "2024Q1", "ou", "coc", "KM-001", "1,5", "", "", "", ""],
    ]
    report = prepare(seeded, [("dv.csv", C.csv_bytes(LONG, rows))])
    assert [(p.row, p.column) for p in report.errors] == [(3, "value")]
    assert "1234.5" in report.errors[0].message("en")


def test_unknown_data_element_and_period_are_located_with_a_suggestion(seeded):
    rows = [
        ["terjangkauu", "2024Q1", "ou", "coc", "KM-001", "1", "", "", "", ""],
        ["terjangkau", "2024W05", "ou", "coc", "KM-001", "1", "", "", "", ""],
        ["terjangkau", "2024Q2", "ou", "coc", "HllvX50cXC0", "1", "", "", "", ""],
    ]
    report = prepare(seeded, [("dv.csv", C.csv_bytes(LONG, rows))])
    by_row = {p.row: p for p in report.errors}
    assert by_row[2].column == "dataelement" and "did you mean: terjangkau" in by_row[2].message("en")
    assert "mungkin maksud Anda: terjangkau" in by_row[2].message("id")
    assert "dhis2_dataelements.csv" in by_row[2].message("en")
    assert by_row[3].column == "period" and "weekly" in by_row[3].message("en")
    assert by_row[4].column == "attributeoptioncombo" and "idScheme=CODE" in by_row[4].message("en")


def test_the_mapping_file_in_the_data_folder_extends_the_shipped_one(seeded):
    rows = [
        ["DE_REACH", "2024Q1", "ou", "coc", "KM-001", "1200", "", "", "", ""],
        ["PB", "202401", "ou", "coc", "KM-001", "95", "", "", "", ""],
    ]
    report = prepare(seeded, [("dv.csv", C.csv_bytes(LONG, rows))])
    assert [p.row for p in report.errors] == [2]  # PB is in the shipped mapping, DE_REACH not yet
    (seeded.root / "dhis2_dataelements.csv").write_text("dataelement;kode_indikator\nDE_REACH;terjangkau\n")
    stored(seeded, ("dv.csv", C.csv_bytes(LONG, rows)))
    assert [r[4] for r in read_back(seeded)] == ["peserta_kb_baru", "terjangkau"]


def test_a_bad_line_of_the_mapping_file_is_reported(seeded):
    (seeded.root / "dhis2_dataelements.csv").write_text("dataelement,kode_indikator\nDE_X,tidak_ada\n")
    report = prepare(seeded, [("dv.csv", C.csv_bytes(LONG, ROWS))])
    assert [(p.file, p.row) for p in report.errors] == [("data/dhis2_dataelements.csv", 2)]


@pytest.mark.parametrize(
    "text, key",
    [
        ('{"dataValues": [', "valid JSON"),
        ('{"rows": []}', "DHIS2 data value set in JSON"),
        ("[1, 2, 3]", "DHIS2 data value set in JSON"),
    ],
)
def test_json_that_is_not_a_data_value_set_is_refused(seeded, text, key):
    report = prepare(seeded, [("x.json", text.encode())])
    assert not report.ok and key in report.errors[0].message("en")
