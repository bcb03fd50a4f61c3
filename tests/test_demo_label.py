"""A demo label that tells the truth (issue 19, item 8): "DATA DEMO — sintetis" only while every live batch is demo;
demo beside one's own data says "Campuran: data demo + data Anda" on the pages, the slides and every export; one's
own data alone carries no demo label at all."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from conftest import APP, indicator_row, partnership, write
from pptx import Presentation

from kemitraan.export import deck, html_export, pptx_export, xlsx_export
from kemitraan.generators import demo, demo_state
from kemitraan.queries.filters import Filters
from kemitraan.storage.store import Store

DEMO = "DATA DEMO — sintetis"
MIXED = "Campuran: data demo + data Anda"


def own(store: Store) -> None:
    write(
        store,
        "mine",
        kemitraan=[partnership("KM-001", tanggal_mulai=dt.date(2024, 1, 1))],
        indikator=[indicator_row("KM-001", f"2024-{m:02d}", "terjangkau", 100.0) for m in range(1, 13)],
    )


@pytest.fixture(params=["demo", "mixed", "own"])
def case(request, tmp_path):
    store = Store(tmp_path / "data")
    if request.param in ("demo", "mixed"):
        demo.generate(store, partnerships_n=3, years=1)
    if request.param in ("mixed", "own"):
        own(store)
    return request.param, store


def exported_texts(store: Store) -> dict[str, str]:
    con = store.connect(materialize=True)
    try:
        dk = deck.build_deck(con, store, Filters(), "id", "ringkasan,dampak")
        pptx = Presentation(io.BytesIO(pptx_export.to_pptx(dk)))
        wb = openpyxl.load_workbook(io.BytesIO(xlsx_export.to_xlsx(dk, con, store)))
        return {
            "footer": dk.context.footer(),
            "pptx": "\n".join(sh.text_frame.text for s in pptx.slides for sh in s.shapes if sh.has_text_frame),
            "html": html_export.to_html(dk),
            "xlsx": "\n".join(
                str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c
            ),
        }
    finally:
        con.close()


def test_every_export_labels_the_data_as_they_are(case):
    name, store = case
    for where, text in exported_texts(store).items():
        assert (DEMO in text) is (name == "demo"), (name, where)
        assert (MIXED in text) is (name == "mixed"), (name, where)
        if name == "own":
            assert not [w for w in ("data demo", "sintetis", "campuran") if w in text.lower()], (name, where)


def test_the_pages_banner_says_the_same(case, monkeypatch):
    from streamlit.testing.v1 import AppTest

    name, store = case
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(store.root))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    banner = " ".join(i.value for i in at.sidebar.info)
    assert ("Data demo (sintetis)" in banner) is (name == "demo")
    assert (MIXED in banner) is (name == "mixed")
    assert (
        demo_state.banner_state(store) == {"demo": demo_state.DEMO_ONLY, "mixed": demo_state.MIXED, "own": None}[name]
    )
