"""A rate's own denominator (`penyebut`): in the contract, the catalog, ingest, the template and old lakes."""

from __future__ import annotations

import io

import openpyxl
import pytest
from conftest import indicator_row, partnership, write

from kemitraan import contract
from kemitraan.generators.template import template_xlsx
from kemitraan.ingest import IngestRefused, commit, prepare
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
    "header", ["penyebut", "Penyebut", "denominator", "Denom", "jumlah_penyebut", "Jumlah Penyebut"]
)
def test_denominator_header_spellings(header):
    assert contract.match_header(header, "indikator") == "penyebut"


def test_penyebut_is_an_optional_stored_double():
    col = contract.column("indikator", "penyebut")
    assert col.dtype == "number" and not col.required
    assert ("penyebut", "DOUBLE") in contract.stored_schema("indikator")
    assert col in contract.input_columns("indikator")


def test_every_rate_says_what_its_denominator_counts_and_nothing_else_does():
    for ind in contract.indicators().values():
        if ind.is_rate:
            assert ind.denominator("id") and ind.denominator("en"), ind.kode
            assert ind.penyebut_satuan in ("orang", "IDR"), ind.kode
        else:
            assert not (ind.penyebut_id or ind.penyebut_en or ind.penyebut_satuan), ind.kode
    cat = contract.indicators()
    assert cat["mcpr_pct"].denominator("en") == "married women 15–49"
    assert cat["cakupan_imunisasi_pct"].denominator("id") == "anak 12–23 bulan"
    assert cat["porsi_dana_lokal_pct"].penyebut_satuan == "IDR"  # shares of money are weighted by money


def _long_csv(rows):
    return "indikator.csv", C.csv_bytes(["kode_kemitraan", "periode", "kode_indikator", "nilai", "penyebut"], rows)


def test_long_upload_stores_the_denominator_and_leaves_it_empty_where_blank(seeded):
    report = prepare(
        seeded,
        [
            _long_csv(
                [
                    ["KM-001", "2024-Q1", "mcpr_pct", "56,5", "2.400"],
                    ["KM-001", "2024-Q2", "mcpr_pct", "57,1", ""],
                    ["KM-001", "2024-Q1", "terjangkau", "1200", ""],
                ]
            )
        ],
    )
    assert report.ok, [p.message("en") for p in report.errors]
    commit(seeded, report)
    rows = (
        seeded.connect()
        .execute("SELECT periode, kode_indikator, nilai, penyebut FROM indikator ORDER BY kode_indikator, periode")
        .fetchall()
    )
    assert rows == [
        ("2024-Q1", "mcpr_pct", 56.5, 2400.0),
        ("2024-Q2", "mcpr_pct", 57.1, None),
        ("2024-Q1", "terjangkau", 1200.0, None),
    ]


@pytest.mark.parametrize("value", ["-5", "banyak"])
def test_a_bad_denominator_is_refused_where_it_is(seeded, value):
    before = seeded.version()
    report = prepare(
        seeded,
        [
            _long_csv(
                [["KM-001", "2024-Q1", "mcpr_pct", "56,5", "2400"], ["KM-001", "2024-Q2", "mcpr_pct", "57,1", value]]
            )
        ],
    )
    assert [(p.file, p.row, p.column, p.value) for p in report.errors] == [("indikator.csv", 3, "penyebut", value)]
    with pytest.raises(IngestRefused):
        commit(seeded, report)
    assert seeded.version() == before


def test_a_denominator_in_a_wide_sheet_is_ignored_with_a_warning(seeded):
    data = C.csv_bytes(
        ["kode_kemitraan", "periode", "mcpr_pct", "unmet_need_pct", "denominator"],
        [["KM-001", "2024-Q1", "56,5", "11,2", "2400"]],
    )
    report = prepare(seeded, [("wide.csv", data)])
    assert report.ok, [p.message("en") for p in report.errors]
    warned = [p for p in report.warnings if p.column == "denominator"]
    assert len(warned) == 1 and "long layout" in warned[0].message("en")
    commit(seeded, report)
    assert seeded.connect().execute("SELECT count(*), count(penyebut) FROM indikator").fetchall() == [(2, 0)]


def test_template_has_the_denominator_column_and_says_what_each_rate_counts():
    wb = openpyxl.load_workbook(io.BytesIO(template_xlsx("id")))
    header = [c.value for c in wb["indikator"][1]]
    example = dict(zip(header, [c.value for c in wb["indikator"][2]]))
    assert "penyebut" in header
    assert contract.indicator(example["kode_indikator"]).is_rate and example["penyebut"] > 0
    text = "\n".join(" | ".join(str(c) for c in r if c is not None) for r in wb["petunjuk"].iter_rows(values_only=True))
    for ind in contract.indicators().values():
        if ind.is_rate:
            assert f"{ind.denominator('id')} / {ind.denominator('en')}" in text


def test_a_lake_written_before_the_denominator_existed_still_reads(tmp_path, monkeypatch):
    old = tuple(c for c in contract.COLUMNS["indikator"] if c.name != "penyebut")
    with monkeypatch.context() as m:
        m.setitem(contract.COLUMNS, "indikator", old)
        old_store = Store(tmp_path / "data")
        write(
            old_store,
            "lama",
            kemitraan=[partnership("KM-1")],
            indikator=[indicator_row("KM-1", "2024-Q1", "mcpr_pct", 55.0)],
        )
    store = Store(tmp_path / "data")  # today's contract: the empty anchor is rewritten with the new column
    con = store.connect()
    assert con.execute("SELECT kode_indikator, nilai, penyebut FROM indikator").fetchall() == [("mcpr_pct", 55.0, None)]
    write(store, "baru", indikator=[{**indicator_row("KM-1", "2024-Q2", "mcpr_pct", 56.0), "penyebut": 800.0}])
    rows = store.connect().execute("SELECT periode, penyebut FROM indikator ORDER BY periode").fetchall()
    assert rows == [("2024-Q1", None), ("2024-Q2", 800.0)]


def test_a_writer_that_predates_the_new_columns_writes_them_empty_but_never_drops_a_required_one(tmp_path):
    import pandas as pd

    from kemitraan.storage.store import StoreError

    store = Store(tmp_path / "data")
    old_row = indicator_row("KM-1", "2024-Q1", "mcpr_pct", 55.0)
    write(store, "k", kemitraan=[partnership("KM-1")])
    with store.new_batch("lama") as b:
        b.write_df("indikator", pd.DataFrame([old_row]))  # no penyebut, no tanggal_lapor
    assert store.connect().execute("SELECT penyebut, tanggal_lapor FROM indikator").fetchall() == [(None, None)]
    for dropped in ("nilai", "periode_mulai"):
        with pytest.raises(StoreError, match=dropped):
            with store.new_batch(f"tanpa-{dropped}") as b:
                b.write_df("indikator", pd.DataFrame([old_row]).drop(columns=[dropped]))


def test_a_wide_correction_keeps_the_stored_denominator(seeded):
    """A long upload stores ASFR with its denominator; a wide sheet corrects one value (a wide sheet has no denominator
    column): the pooled rate stays weighted, the other partnership-period's weight unchanged."""
    report = prepare(
        seeded,
        [
            _long_csv(
                [
                    ["KM-001", "2024-Q1", "kehamilan_remaja_per1000", "26,0", "5.000"],
                    ["KM-001", "2024-Q2", "kehamilan_remaja_per1000", "30,0", "1.000"],
                ]
            )
        ],
    )
    commit(seeded, report)
    wide = C.csv_bytes(["kode_kemitraan", "periode", "kehamilan_remaja_per1000"], [["KM-001", "2024-Q2", "28,0"]])
    report = prepare(seeded, [("koreksi.csv", wide)])
    assert report.ok and report.counts["indikator"]["replaced"] == 1, [p.message("en") for p in report.errors]
    commit(seeded, report)
    rows = seeded.connect().execute("SELECT periode, nilai, penyebut FROM indikator ORDER BY periode").fetchall()
    assert rows == [("2024-Q1", 26.0, 5000.0), ("2024-Q2", 28.0, 1000.0)]
    # a value the store never held has no denominator to keep: it stays without one
    report = prepare(
        seeded,
        [
            (
                "baru.csv",
                C.csv_bytes(["kode_kemitraan", "periode", "kehamilan_remaja_per1000"], [["KM-001", "2024-Q3", "27,0"]]),
            )
        ],
    )
    commit(seeded, report)
    assert seeded.connect().execute("SELECT penyebut FROM indikator WHERE periode = '2024-Q3'").fetchall() == [(None,)]


def test_a_pregnancy_column_is_not_stored_as_births(seeded):
    """ "Kehamilan remaja" (pregnancies) is no alias of ASFR (births): the row is refused where it is, with the
    indicator it may have meant named, and nothing is stored."""
    before = seeded.version()
    report = prepare(seeded, [_long_csv([["KM-001", "2024-Q1", "Kehamilan remaja", "26,0", ""]])])
    assert [(p.file, p.row, p.column, p.value) for p in report.errors] == [
        ("indikator.csv", 2, "kode_indikator", "Kehamilan remaja")
    ]
    with pytest.raises(IngestRefused):
        commit(seeded, report)
    assert seeded.version() == before
