"""Long lines, huge cells and odd CSV dialects (issue 21, item 4): a located message (file, row, column, what was
expected) in both languages, in the preview, the command line and on the upload page — never the unexpected-error
screen, never the csv module's "field larger than field limit". Files: tests/corpus.py."""

from __future__ import annotations

import pandas as pd
import pytest

from kemitraan.cli import main
from kemitraan.i18n import t
from kemitraan.ingest import prepare
from kemitraan.storage.store import Store
from tests import corpus as C
from tests.test_ingest_hostile import refused

CELL_ID, CELL_EN = "paling banyak 32\u202f767 karakter", "at most 32\u202f767 characters"


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "data")


def test_a_first_line_longer_than_the_csv_field_limit_is_located(store):
    name, data = C.csv_first_line_over_field_limit()
    refused(store, name, data, where=(name, None, 1, "14"), en=(CELL_EN, "300\u202f000"), id_=(CELL_ID,))


def test_a_header_name_longer_than_the_field_limit_is_located_by_its_column_number(store):
    name, data = C.csv_header_cell_over_field_limit()
    refused(store, name, data, where=(name, None, 1, "2"), en=(CELL_EN, "140\u202f005"), id_=(CELL_ID,))


def test_a_huge_cell_in_the_first_data_row_is_located(store):
    name, data = C.csv_first_data_cell_over_field_limit()
    refused(store, name, data, where=(name, None, 2, "mitra_utama"), en=(CELL_EN, "200\u202f007"), id_=(CELL_ID,))


def test_one_line_without_a_break_is_located(store):
    name, data = C.csv_one_line_no_newline()
    refused(store, name, data, where=(name, None, 1, "1"), en=(CELL_EN, "400\u202f000"))


def test_a_quote_never_closed_is_located_where_it_opens(store):
    name, data = C.csv_unclosed_quote()
    refused(store, name, data, where=(name, None, 3, None), en=("closing double quote",), id_=("kutip ganda",))


def test_single_quotes_around_a_comma_are_a_row_too_long(store):
    name, data = C.csv_single_quotes_around_commas()
    report = prepare(store, [(name, data)])
    err = report.errors[0]
    assert (err.file, err.row) == (name, 2) and "check the delimiter or the quotes" in err.message("en")


def test_old_mac_line_ends_are_read(store):
    name, data = C.csv_old_mac_line_ends()
    report = prepare(store, [(name, data)])
    assert report.ok, [p.message("en") for p in report.errors]
    assert report.counts["kemitraan"]["new"] == len(C.KEMITRAAN_ROWS), report.counts


def test_the_command_line_names_the_file_row_and_column(tmp_path, capsys):
    name, data = C.csv_first_line_over_field_limit()
    path = tmp_path / name
    path.write_bytes(data)
    code = main(["--data-dir", str(tmp_path / "data"), "ingest", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    text = out + err
    assert f"{name}, baris 1, kolom «14»" in text and CELL_ID in text
    assert t("app.unexpected", "id", ref="")[:25] not in text and "field larger" not in text


def test_the_upload_page_names_the_file_row_and_column(tmp_path, monkeypatch, users):
    from test_unggah_data import _run

    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(tmp_path / "data"))
    at = _run()
    name, data = C.csv_first_line_over_field_limit()
    at.get("file_uploader")[0].set_value((name, data, "text/csv"))
    at.run()
    assert not at.exception
    shown = " ".join(str(e.value) for e in at.error)
    assert t("app.unexpected", "id", ref="")[:25] not in shown
    located = [
        r
        for d in at.dataframe
        if isinstance(d.value, pd.DataFrame) and "Kolom" in d.value.columns
        for r in d.value.to_dict("records")
    ]
    assert [(r["Berkas"], r["Baris"], r["Kolom"]) for r in located] == [(name, 1, "14")]
    assert CELL_ID in located[0]["Diharapkan / catatan"]
