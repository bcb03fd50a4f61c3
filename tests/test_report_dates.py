"""When a report was submitted (`tanggal_lapor`): headers, DHIS2's lastupdated, wide sheets, the on-time rule."""

from __future__ import annotations

import datetime as dt

import pytest

from kemitraan import contract
from kemitraan.ingest import commit, prepare
from kemitraan.storage.store import Store
from tests import corpus as C


@pytest.fixture
def seeded(tmp_path):
    store = Store(tmp_path / "data")
    report = prepare(store, [C.kemitraan_csv_comma()])
    assert report.ok, [p.message("en") for p in report.errors]
    commit(store, report)
    return store


@pytest.mark.parametrize(
    "header",
    [
        "tanggal_lapor",
        "Tanggal Lapor",
        "report_date",
        "Report date",
        "tanggal_laporan",
        "tgl_lapor",
        "lastupdated",
        "lastUpdated",
    ],
)
def test_report_date_header_spellings(header):
    assert contract.match_header(header, "indikator") == "tanggal_lapor"


def test_report_date_is_an_optional_stored_date():
    col = contract.column("indikator", "tanggal_lapor")
    assert col.dtype == "date" and not col.required
    assert ("tanggal_lapor", "DATE") in contract.stored_schema("indikator")
    assert "lastupdated" not in contract.IGNORED_HEADERS


@pytest.mark.parametrize(
    "mulai,jenis,end,due",
    [
        ((2024, 7, 1), "bulan", (2024, 7, 31), (2024, 8, 15)),
        ((2024, 2, 1), "bulan", (2024, 2, 29), (2024, 3, 15)),
        ((2024, 10, 1), "triwulan", (2024, 12, 31), (2025, 1, 15)),
        ((2024, 7, 1), "triwulan", (2024, 9, 30), (2024, 10, 15)),
        ((2024, 1, 1), "tahun", (2024, 12, 31), (2025, 1, 15)),
    ],
)
def test_a_report_is_due_fifteen_days_after_its_period_ends(mulai, jenis, end, due):
    assert contract.REPORT_ON_TIME_DAYS == 15
    assert contract.period_end(dt.date(*mulai), jenis) == dt.date(*end)
    assert contract.report_due(dt.date(*mulai), jenis) == dt.date(*due)


def test_dhis2_lastupdated_becomes_the_report_date(seeded):
    header = [
        "dataelement",
        "period",
        "orgunit",
        "categoryoptioncombo",
        "attributeoptioncombo",
        "value",
        "storedby",
        "lastupdated",
        "created",
    ]
    rows = [
        [
            "terjangkau",
            "2024Q1",
            "DiszpKrYNg8",
            "HllvX50cXC0",
            "KM-001",
            "1200",
            "admin",
            "2024-04-12T08:23:11.000+0000",
            "2024-04-10T08:00:00.000+0000",
        ],
        ["mcpr_pct", "202401", "DiszpKrYNg8", "HllvX50cXC0", "KM-001", "57.2", "admin", "2024-02-20", "2024-02-20"],
    ]
    report = prepare(seeded, [("dhis2.csv", C.csv_bytes(header, rows))])
    assert report.ok and not report.warnings, [p.message("en") for p in report.problems]
    commit(seeded, report)
    got = seeded.connect().execute("SELECT periode, tanggal_lapor FROM indikator ORDER BY periode").fetchall()
    assert got == [("2024-01", dt.date(2024, 2, 20)), ("2024-Q1", dt.date(2024, 4, 12))]


def test_a_wide_row_s_report_date_goes_with_each_of_its_indicators(seeded):
    data = C.csv_bytes(
        ["kode_kemitraan", "periode", "terjangkau", "mcpr_pct", "tanggal_lapor"],
        [["KM-001", "2024-Q1", "1200", "56,5", "10/04/2024"], ["KM-001", "2024-Q2", "1300", "", ""]],
    )
    report = prepare(seeded, [("wide.csv", data)])
    assert report.ok, [p.message("en") for p in report.errors]
    commit(seeded, report)
    got = (
        seeded.connect()
        .execute("SELECT periode, kode_indikator, tanggal_lapor FROM indikator ORDER BY periode, kode_indikator")
        .fetchall()
    )
    assert got == [
        ("2024-Q1", "mcpr_pct", dt.date(2024, 4, 10)),
        ("2024-Q1", "terjangkau", dt.date(2024, 4, 10)),
        ("2024-Q2", "terjangkau", None),
    ]


def test_an_unreadable_report_date_is_refused_where_it_is(seeded):
    data = C.csv_bytes(
        ["kode_kemitraan", "periode", "kode_indikator", "nilai", "tgl_lapor"],
        [
            ["KM-001", "2024-Q1", "terjangkau", "1200", "10 April 2024"],
            ["KM-001", "2024-Q2", "terjangkau", "1300", "kemarin"],
        ],
    )
    report = prepare(seeded, [("lapor.csv", data)])
    assert [(p.file, p.row, p.column, p.value) for p in report.errors] == [("lapor.csv", 3, "tgl_lapor", "kemarin")]


def test_timeliness_counts_a_report_on_its_due_day_and_not_the_day_after(tmp_path):
    """Each partnership reports one period of its cadence on its due day (on time) and another a day late: the
    reporting rates count exactly the first, for months of 28–31 days, quarters and a year."""
    from conftest import indicator_row, partnership, write

    from kemitraan.queries import reporting
    from kemitraan.queries.filters import Filters

    store = Store(tmp_path / "data")
    cases = {"M": ["2024-02", "2024-07"], "Q": ["2024-Q3", "2024-Q4"], "Y": ["2023", "2024"]}
    rows = []
    for kode, (on_time, late) in cases.items():
        for periode, extra in ((on_time, 0), (late, 1)):
            first = indicator_row(kode, periode, "layanan", 1)
            due = contract.report_due(first["periode_mulai"], first["jenis_periode"])
            rows.append(indicator_row(kode, periode, "layanan", 1, tanggal_lapor=due + dt.timedelta(days=extra)))
    write(store, "b1", kemitraan=[partnership(k, tanggal_mulai=dt.date(2023, 1, 1)) for k in cases], indikator=rows)
    f = Filters(period_from=dt.date(2023, 1, 1), period_to=dt.date(2024, 12, 1))
    got = reporting.reporting_rates(store.connect(materialize=True), f, "kode_kemitraan").set_index("kode_kemitraan")
    assert got["n_diterima"].to_dict() == {"M": 2, "Q": 2, "Y": 2}
    assert got["n_tepat_waktu"].to_dict() == {"M": 1, "Q": 1, "Y": 1}
