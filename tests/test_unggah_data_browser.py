"""The upload flow in a real browser: upload, preview, skip invalid rows, confirm, re-upload, undo.

Starts Streamlit on a free port with a throwaway entry script that serves the
page, against a data folder in tmp_path; skips when Chromium is absent.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import IDLE, ROOT, require_browser, serve, wait_idle

from kemitraan import contract
from kemitraan.generators.template import template_xlsx
from kemitraan.storage.store import Store

PAGE = ROOT / "pages" / "unggah_data.py"

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path):
    """Only the upload page, over an empty data folder."""
    require_browser()
    data = tmp_path / "data"
    entry = tmp_path / "entry.py"
    entry.write_text(
        f"import streamlit as st\nst.navigation([st.Page({str(PAGE)!r}, default=True)]).run()\n",
        encoding="utf-8",
    )
    with serve(data, entry) as url:
        yield url, data


@pytest.fixture
def page(browser):
    pg = browser.new_page(viewport={"width": 1400, "height": 2400})
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    pg.close()


def _idle(pg) -> None:
    pg.wait_for_timeout(300)
    pg.wait_for_selector(IDLE, timeout=60_000)


def _files(tmp: Path) -> list[str]:
    # the template as a user fills it: its example rows given a real code (an example row itself is never stored)
    wb = openpyxl.load_workbook(io.BytesIO(template_xlsx("id")))
    for kind in contract.KINDS:
        for cell in wb[kind][2]:
            cell.value = {"KMT-CONTOH-01": "KMT-01", "contoh-respon-0001": "respon-0001"}.get(cell.value, cell.value)
    tpl = tmp / "templat.xlsx"
    wb.save(tpl)
    rows = [
        {"kode_kemitraan": "KMT-01", "periode": "2024-Q1", "kode_indikator": "terjangkau", "nilai": "1.250"},
        {"kode_kemitraan": "KMT-01", "periode": "2024-Q2", "kode_indikator": "terjangkau", "nilai": "banyak"},
    ]
    bad = tmp / "indikator.csv"
    buf = io.StringIO()
    pd.DataFrame(rows).to_csv(buf, index=False)
    bad.write_text(buf.getvalue(), encoding="utf-8")
    return [str(tpl), str(bad)]


def _wait_text(pg, text: str) -> None:
    """Wait until ``text`` shows (uploads and reruns start a moment after the action), then for the run to end."""
    pg.get_by_text(text, exact=False).first.wait_for(timeout=60_000)
    _idle(pg)


def _alerts(pg) -> str:
    return "\n".join(pg.locator("[data-testid='stAlert']").all_inner_texts())


def test_upload_preview_skip_invalid_confirm_reupload_and_undo(server, page, tmp_path):
    url, data = server
    pg = page
    pg.goto(url)  # the entry's only (default) page
    _idle(pg)
    assert pg.get_by_role("heading", name="Unggah Data").is_visible()
    uploads = _files(tmp_path)

    pg.set_input_files("[data-testid='stFileUploaderDropzoneInput']", uploads)
    _wait_text(pg, "Pratinjau: apa yang akan berubah")
    assert "1 kesalahan" in _alerts(pg)
    confirm = pg.get_by_role("button", name="Konfirmasi dan simpan")
    assert confirm.is_disabled()
    before = {m["batch_id"] for m in Store(data).batches()}  # the demo batch only

    pg.get_by_text("Lewati baris tidak valid", exact=True).click()
    _idle(pg)
    confirm.click()
    _wait_text(pg, "Tersimpan sebagai batch")
    store = Store(data)
    new = [m for m in store.batches() if m["batch_id"] not in before]
    assert sorted(m["file"] for m in new) == ["indikator.csv", "templat.xlsx"]
    con = store.connect()
    assert con.execute(
        "SELECT periode, kode_indikator, nilai FROM indikator WHERE kode_kemitraan = 'KMT-01' ORDER BY periode"
    ).fetchall() == [
        ("2024-Q1", "terjangkau", 1250.0),
        ("2024-Q3", "mcpr_pct", 57.2),
    ]  # the CSV's valid row, the template's example

    # The same template again: nothing new, nothing to confirm.
    pg.set_input_files("[data-testid='stFileUploaderDropzoneInput']", uploads[:1])
    _wait_text(pg, "Tidak ada yang baru")
    assert pg.get_by_role("button", name="Konfirmasi dan simpan").is_disabled()

    # Undo the indicator batch: choose it, confirm, undo.
    target = next(m for m in new if m["file"] == "indikator.csv")["batch_id"]
    _idle(pg)
    option = pg.get_by_role("option", name=target, exact=False)
    for _ in range(3):  # a click while the page reruns focuses the box without opening its list
        pg.get_by_role("combobox", name="Batch yang akan dibatalkan").click()
        if option.count():
            break
        pg.keyboard.press("Escape")
        _idle(pg)
    option.click()
    _idle(pg)
    undo = pg.get_by_role("button", name="Batalkan batch")
    assert undo.is_disabled()
    pg.get_by_text("Ya, batalkan batch ini", exact=True).click()
    _idle(pg)
    undo.click()
    _wait_text(pg, f"Batch {target} dibatalkan")
    undone = [m["batch_id"] for m in Store(data).batches() if m.get("undone")]
    assert undone == [target]
    assert Store(data).connect().execute(
        "SELECT count(*) FROM indikator WHERE kode_kemitraan = 'KMT-01'"
    ).fetchall() == [(1,)]
    assert pg.locator("[data-testid='stException']").count() == 0
    assert pg.errors == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_uploader_speaks_the_reader_s_language(server, page, lang):
    """Streamlit's own "Upload" and "50MB per file" are hidden; what shows in their place is in the chosen language."""
    url, _ = server
    page.goto(f"{url}/?lang={lang}")
    wait_idle(page)
    drawn = page.locator("[data-testid='stFileUploaderDropzone']").first.evaluate("""zone => {
        const shown = el => getComputedStyle(el).fontSize !== '0px' && getComputedStyle(el).visibility !== 'hidden';
        const own = [...zone.querySelectorAll('p, span')].filter(el => el.children.length === 0 && shown(el))
            .map(el => el.textContent.trim()).filter(Boolean);
        const ours = [...zone.querySelectorAll('p, span')].map(el => getComputedStyle(el, '::after').content)
            .filter(c => c && c !== 'none');
        return {own, ours};
    }""")
    assert not any(w in " ".join(drawn["own"]) for w in ("Upload", "per file", "Drag and drop")), drawn
    expected = (
        ['"Pilih berkas"', '"Tarik berkas ke sini · paling besar 50 MB per berkas · CSV, XLSX, XLS, ODS, JSON"']
        if lang == "id"
        else ['"Choose files"', '"Drop files here · at most 50 MB per file · CSV, XLSX, XLS, ODS, JSON"']
    )
    assert drawn["ours"] == expected, drawn
