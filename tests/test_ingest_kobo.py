"""KoboToolbox / ODK exports: errors name the column as the export shows it, the form's own date question is used."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from kemitraan.ingest import commit, prepare
from kemitraan.storage.store import Store
from tests import corpus as C


@pytest.fixture
def seeded(tmp_path):
    store = Store(tmp_path / "data")
    commit(store, prepare(store, [C.kemitraan_csv_comma()]))  # KM-001 started 2023-03-01
    return store


def kobo_with_date(dates, hxl=True):
    """A Kobo XML-values CSV whose form has its own date question (in a group), plus Kobo's today and submission time."""
    header, rows, hxl_row = C.kobo_xml_rows(hxl=hxl)
    at = header.index("kode_kemitraan")
    header.insert(at, "grp_identitas/tanggal_survei")
    hxl_row.insert(at, "#date")
    for r, d in zip(rows, dates):
        r.insert(at, d)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    if hxl:
        w.writerow(hxl_row)
    w.writerows(rows)
    return "kobo_export.csv", buf.getvalue().encode()


def survey_dates(store):
    con = store.connect()
    try:
        return [
            (r, d.isoformat())
            for r, d in con.execute("SELECT respon_id, tanggal_survei FROM survei ORDER BY respon_id").fetchall()
        ]
    finally:
        con.close()


def test_the_forms_own_date_question_wins_over_today_and_submission_time(seeded):
    report = prepare(seeded, [kobo_with_date(["2024-05-20", "21/05/2024", "2024-05-22"])])
    assert report.ok, [p.message("en") for p in report.errors]
    assert not [w for w in report.warnings if "survey date" in w.message("en")]
    commit(seeded, report)
    assert survey_dates(seeded) == [
        ("6f1c2b7e-0001", "2024-05-20"),
        ("6f1c2b7e-0002", "2024-05-21"),
        ("6f1c2b7e-0003", "2024-05-22"),
    ]


def test_a_survey_date_in_the_future_is_an_error_named_by_the_exports_column_and_row(seeded):
    report = prepare(seeded, [kobo_with_date(["2024-05-20", "2027-03-01", "2024-05-22"])])
    (err,) = report.errors
    # header on row 1, the HXL hashtag row on row 2: the second submission is row 4 of the export
    assert (err.row, err.column, err.value) == (4, "grp_identitas/tanggal_survei", "2027-03-01")
    assert f"today is {dt.date.today().isoformat()}" in err.message("en")


def test_a_survey_before_the_partnership_started_is_an_error(seeded):
    report = prepare(seeded, [kobo_with_date(["2023-01-15", "2024-05-21", "2024-05-22"], hxl=False)])
    (err,) = report.errors
    assert (err.row, err.column, err.value) == (2, "grp_identitas/tanggal_survei", "2023-01-15")
    assert "partnership KM-001 started (2023-03-01)" in err.message("en")
    assert "kemitraan KM-001 dimulai (2023-03-01)" in err.message("id")


def test_without_a_date_question_the_report_says_where_the_date_came_from(seeded):
    report = prepare(seeded, [C.kobo_csv_xml()])
    (note,) = [w for w in report.warnings if "survey date" in w.message("en")]
    assert note.column == "start" and "no survey date question" in note.message("en")
    commit(seeded, report)
    assert survey_dates(seeded)[0] == ("6f1c2b7e-0001", "2024-06-01")


def test_labels_export_errors_name_the_label_header_and_the_export_row(seeded):
    name, data = C.kobo_xlsx_labels_hxl(
        [
            *C.KOBO_RESPONDENTS[:2],
            ("6f1c2b7e-0009", "KM-009", "2024-06-03", "swasta", [3, 3, 2, 3, 3, 4, 2, 3], 3, [], "", "Andi", "0812"),
        ]
    )
    report = prepare(seeded, [(name, data)])
    (err,) = report.errors
    # the unknown partnership is reported in the column the user sees, not in _uuid
    assert (err.sheet, err.row, err.column, err.value) == ("Survei Kemitraan", 5, "Kode kemitraan", "KM-009")
    wb = openpyxl.load_workbook(io.BytesIO(C.kobo_xlsx_labels_hxl()[1]))
    ws = wb.worksheets[0]
    col = [c.value for c in ws[1]].index("Penilaian/Tujuan bersama") + 1
    assert ws.cell(row=3, column=col).value == "Sangat setuju"
    ws.cell(row=3, column=col).value = "Sangat stuju"
    buf = io.BytesIO()
    wb.save(buf)
    report = prepare(seeded, [(name, buf.getvalue())])
    assert {(p.row, p.column) for p in report.errors} >= {(3, "Penilaian/Tujuan bersama")}
    assert all(p.column and not p.column.startswith("_") for p in report.errors)
    assert "did you mean: Strongly agree (5)?" in report.errors[0].message("en")
