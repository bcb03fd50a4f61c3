import io
import re
import zipfile

import openpyxl
import pytest
from conftest import indicator_row, partnership, write

from kemitraan import contract
from kemitraan.export import deck, xlsx_export
from kemitraan.queries import explore as qexplore
from kemitraan.queries import profile
from kemitraan.queries import sustainability as qsustainability
from kemitraan.queries.filters import Filters
from kemitraan.storage.notes import Notes

KB, IMM = (contract.enum_label("bidang", c, "en") for c in ("kb", "imunisasi"))
EVIL = '=HYPERLINK("http://example.invalid","x")'


def _book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def _no_formula_anywhere(data: bytes, wb) -> None:
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", z.read(name)), name


def test_user_text_never_becomes_a_formula(store):
    write(
        store,
        "b1",
        kemitraan=[
            partnership("K1", nama_kemitraan=EVIL, mitra_utama="+SUM(1,1)"),
            partnership("@K2", kategori="nirlaba"),
        ],
        indikator=[indicator_row("K1", "2024", "terjangkau", 10)],
    )
    Notes(store.root).add("=1+1 hasil rapat", "slide", "ringkasan", author="-Siti")
    con = store.connect()
    data = xlsx_export.to_xlsx(deck.build_deck(con, store, Filters(), "id"), con, store)
    wb = _book(data)
    _no_formula_anywhere(data, wb)
    values = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'" + EVIL in values and "'+SUM(1,1)" in values and "'@K2" in values
    assert "'=1+1 hasil rapat" in values and "'-Siti" in values
    assert not [v for v in values if v.startswith(("=", "+", "@"))]


@pytest.fixture(scope="module")
def demo_book(demo_dir):
    from kemitraan.storage.store import Store

    store = Store(demo_dir)
    con = store.connect(materialize=True)
    f = Filters(bidang=("kb", "imunisasi"))
    dk = deck.build_deck(con, store, f, "en", list(deck.SLIDES))
    data = xlsx_export.to_xlsx(dk, con, store)
    return con, f, dk, data, _book(data)


def test_one_sheet_per_chart_plus_scope_notes_partnerships_definitions_sources(demo_book):
    _, _, dk, data, wb = demo_book
    assert wb.sheetnames == [
        "About",
        *[s.label("en") for s in dk.slides],
        "Meeting notes",
        "Partnerships",
        "Filters",
        "Definitions",
        "Sources",
    ]
    _no_formula_anywhere(data, wb)
    for ws in wb.worksheets:
        assert ws["A2"].value == "DEMO DATA — synthetic", ws.title  # on every sheet
        assert "Period: 2021 (Jul–Dec) – 2026 (Jan–Jun)" in ws["A3"].value
        assert f"Program area: {KB}, {IMM}" in ws["A3"].value
    for sl in dk.slides:
        ws = wb[sl.label("en")]
        assert ws["A1"].value == sl.title
        head = [c.value for c in ws[6] if c.value is not None]
        assert len(head) == len(sl.data.columns)
        assert not [h for h in head if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", h)], (ws.title, head)  # names, not codes


def test_numbers_are_numbers_with_formats_and_match_the_queries(demo_book):
    con, f, _, _, wb = demo_book
    ws = wb["Funding"]
    head = [c.value for c in ws[6]]
    assert head[:3] == ["Category", "Funds committed (IDR)", "Funds disbursed (IDR)"]
    rows = list(ws.iter_rows(min_row=7, values_only=True))
    s = qsustainability.sustainability_summary(con, f, "kategori")
    assert [r[2] for r in rows] == pytest.approx(s["dana_realisasi_idr"].tolist())
    assert ws.cell(7, 3).number_format == "#,##0" and ws.cell(7, 4).number_format == "#,##0.0"
    reach = wb["Reach"]
    periods = [r[1] for r in reach.iter_rows(min_row=7, values_only=True)]
    assert "2026 (Jan–Jun)" in periods and "2021 (Jul–Dec)" in periods  # partial years marked


def test_partnerships_sheet_lists_the_filtered_partnerships_with_labels(demo_book):
    con, f, _, _, wb = demo_book
    ws = wb["Partnerships"]
    rows = list(ws.iter_rows(min_row=7, values_only=True))
    expected = profile.partnership_list(con, f)
    assert [r[0] for r in rows] == expected["kode_kemitraan"].tolist()
    assert {r[3] for r in rows} == {KB, IMM}  # labels, not codes


def _cells(wb) -> dict[str, list[tuple]]:
    """Every sheet's values; a fraction as pytest.approx: DuckDB's parallel sums may differ in the last bit."""
    return {
        ws.title: [tuple(pytest.approx(v) if isinstance(v, float) else v for v in row) for row in ws.values]
        for ws in wb.worksheets
    }


@pytest.mark.parametrize("slides", [["ringkasan", "dana", "dampak", "peta"], "dana, Peta,dana", None])
def test_the_command_s_workbook_built_beside_its_deck_is_the_same_workbook(demo_dir, slides):
    """``build`` (the deck on a cursor in a second thread, the partnerships sheet meanwhile) gives what the app's
    ``to_xlsx(build_deck(...))`` gives: every sheet, cell for cell, and the same deck, for the slides named as
    ``--slides`` names them (a comma list, labels, a repeat) or the default deck."""
    import datetime as dt

    from kemitraan.storage.store import Store

    store = Store(demo_dir)
    con = store.connect(materialize=True)
    f = Filters(kategori=("pemerintah_lsm", "internasional"))
    now = dt.datetime(2026, 5, 12, 9, 30)
    dk, data = xlsx_export.build(con, store, f, "id", slides, now)
    alone = deck.build_deck(con, store, f, "id", slides, now)
    assert [s.title for s in dk.slides] == [s.title for s in alone.slides]
    got, want = _book(data), _book(xlsx_export.to_xlsx(alone, con, store))
    assert got.sheetnames == want.sheetnames
    assert _cells(got) == _cells(want)
    rows = list(got[got.sheetnames[got.sheetnames.index("Kemitraan")]].iter_rows(min_row=7, values_only=True))
    assert len(rows) == len(profile.partnership_list(con, f)) > 0


def test_dates_read_back_as_the_dates_written_whichever_way_they_were_converted():
    """A date column is converted at once to Excel's day numbers; one holding a date before March 1900 (where Excel
    counts a 29 February 1900 that never was) is left to xlsxwriter cell by cell. Either way Excel (here openpyxl)
    reads back the dates written, times of day included, and a missing date stays an empty cell."""
    import datetime as dt

    import pandas as pd

    later = [dt.datetime(2024, 2, 29, 13, 30), dt.datetime(1900, 3, 1), None, dt.datetime(2031, 12, 31)]
    early = [dt.datetime(1900, 1, 2), dt.datetime(1900, 2, 28), dt.datetime(2024, 1, 2), None]
    df = pd.DataFrame({"tanggal_mulai": pd.to_datetime(later), "tanggal_selesai": pd.to_datetime(early)})
    b = xlsx_export._Book("en")
    ws = b.sheet("dates")
    b.table(ws, df)
    got = list(_book(b.close())["dates"].iter_rows(min_row=7, values_only=True))
    assert [r[0] for r in got] == later
    assert [r[1] for r in got] == early


def test_partnership_dates_are_dates_in_the_workbook(demo_book):
    con, f, _, _, wb = demo_book
    ws = wb["Partnerships"]
    head = [c.value for c in ws[6]]
    start = head.index("Start date")
    rows = list(ws.iter_rows(min_row=7))
    expected = qexplore.view_rows(con, f, "kemitraan", limit=None)
    assert [r[start].value for r in rows] == [d.to_pydatetime() for d in expected["tanggal_mulai"]]
    assert {r[start].number_format for r in rows} == {"yyyy-mm-dd"}
