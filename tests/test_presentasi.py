"""Presentasi, meeting notes in the pages, the deck downloads and the print stylesheet, through AppTest on the
demo data: what an evaluator sees and gets."""

from __future__ import annotations

import datetime as dt
import io
import socket

import pytest
from conftest import APP, app_pages
from openpyxl import load_workbook
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from kemitraan.app import deck_downloads, print_style
from kemitraan.export import deck
from kemitraan.queries import filter_codes
from kemitraan.queries.filters import Filters
from kemitraan.storage.notes import Notes

PERIOD = {"periode": ["2024-01", "2024-12"]}
F2024 = Filters(dt.date(2024, 1, 1), dt.date(2024, 12, 1))


@pytest.fixture
def page(demo_store, monkeypatch):
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(demo_store.root))

    def run(name: str, lang: str = "id", **params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=120)
        if lang == "en":
            at.query_params["lang"] = "en"
        for k, v in {**PERIOD, **params}.items():
            at.query_params[k] = v
        at.switch_page(f"pages/{name}.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


@pytest.fixture
def editor(monkeypatch):
    """This session may write notes: a browser on this machine without a users file (AppTest has no browser headers,
    so the local-only rule would say no). Its notes are by "lokal (<hostname>)"."""
    from kemitraan import auth

    monkeypatch.setattr(auth, "is_local_request", lambda ip, headers: True)
    return f"lokal ({socket.gethostname()})"


def _html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def _slide(demo_store, key: str, lang: str = "id") -> deck.Slide:
    return deck.SLIDES[key](demo_store.connect(materialize=True), F2024, lang)


def _param(at: AppTest, key: str):
    v = at.query_params.get(key)
    return v[0] if isinstance(v, list) and len(v) == 1 else v


# --- the slide view ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_deck_link_opens_on_its_slide_with_the_takeaway_and_metrics_of_the_data(page, demo_store, lang):
    at = page("presentasi", lang, slides="peta,dana", slide="2")
    expected = _slide(demo_store, "dana", lang)
    html = _html(at)
    assert f'<h1 class="slide-title">{expected.title}</h1>' in html.replace("&#x27;", "'")
    assert [(m.label, m.value) for m in at.metric] == [(m.label, m.value) for m in expected.metrics]
    assert ("DATA DEMO — sintetis" if lang == "id" else "DEMO DATA — synthetic") in html
    assert len(at.get("plotly_chart")) == 1
    assert at.text[0].value == ("Slide 2 dari 2" if lang == "id" else "Slide 2 of 2")
    assert _param(at, "slides") == "peta,dana" and _param(at, "slide") == "2"


def test_next_and_previous_move_the_slide_and_the_url_follows(page, demo_store):
    at = page("presentasi", slides="ringkasan,peta,dana")
    assert _param(at, "slide") == "1"
    assert at.button(key="pres_prev").disabled
    at.button(key="pres_next").click().run()
    assert _param(at, "slide") == "2"
    assert _slide(demo_store, "peta").title in _html(at)
    at.button(key="pres_next").click().run()
    assert _param(at, "slide") == "3" and at.button(key="pres_next").disabled  # the last slide is the last
    at.button(key="pres_prev").click().run()
    assert _param(at, "slide") == "2"


def test_a_slide_s_chart_is_laid_out_once_and_each_slide_shows_its_own(page, monkeypatch):
    """The slide's chart, laid out for the screen, is kept between runs (a rerun draws it as it was); the next slide,
    or the same slide for other filters, shows its own chart."""
    import json

    from kemitraan.app import deck_view

    laid = []
    real = deck_view._for_screen
    monkeypatch.setattr(deck_view, "_for_screen", lambda fig: laid.append(1) or real(fig))
    deck_view.screen_figure.clear()
    at = page("presentasi", slides="ringkasan,dana")

    def spec(at):
        return json.loads(at.get("plotly_chart")[0].proto.spec)

    first = spec(at)
    assert laid == [1] and first["layout"]["font"]["size"] == 16  # large type, for the back of the room
    at.run()
    assert laid == [1] and spec(at) == first
    at.button(key="pres_next").click().run()
    assert laid == [1, 1] and spec(at)["data"] != first["data"]
    other = page("presentasi", slides="ringkasan,dana", kategori="internasional")
    assert len(laid) == 3 and spec(other)["data"] != first["data"]


def test_the_slide_picker_chooses_and_orders_the_deck_in_the_url(page, demo_store):
    at = page("presentasi")
    picker = at.multiselect(key="slides_id")
    assert picker.value == list(deck.DEFAULT_SLIDES)
    assert "slides" not in at.query_params  # the default deck needs no parameter
    picker.set_value(["kesehatan", "jangkauan"]).run()
    assert _param(at, "slides") == "kesehatan,jangkauan"
    assert at.text[0].value == "Slide 1 dari 2"
    assert _slide(demo_store, "kesehatan").title in _html(at)
    at.button(key="pres_next").click().run()  # on "jangkauan", the second slide
    at.multiselect(key="slides_id").set_value(["jangkauan", "peta", "kesehatan"]).run()
    assert _param(at, "slide") == "1"  # rearranging the deck stays on the slide being shown
    assert _slide(demo_store, "jangkauan").title in _html(at)
    at.button(key="pres_reset").click().run()
    assert "slides" not in at.query_params and at.multiselect(key="slides_id").value == list(deck.DEFAULT_SLIDES)


def test_unknown_slides_in_a_link_are_named_and_left_out(page):
    at = page("presentasi", "en", slides="peta,nosuch,dana")
    assert "nosuch" in at.warning[0].value and "left out" in at.warning[0].value
    assert at.multiselect(key="slides_en").value == ["peta", "dana"]


def test_the_sidebar_filters_from_the_url_apply_to_the_slides(page, demo_store):
    at = page("presentasi", slides="ringkasan", kategori="internasional")
    f = Filters(F2024.period_from, F2024.period_to, ("internasional",))
    expected = deck.ringkasan(demo_store.connect(materialize=True), f, "id")
    assert [m.value for m in at.metric] == [m.value for m in expected.metrics]
    assert "Kategori kemitraan: Internasional" in _html(at)


def test_filters_with_no_data_give_slides_that_say_so(page):
    at = page("presentasi", "en", kategori="nirlaba_nirlaba", provinsi="65", bidang="kesehatan_jiwa")
    for _ in deck.DEFAULT_SLIDES:
        html = _html(at)
        title = html.split('<h1 class="slide-title">')[1].split("</h1>")[0]
        assert "no data" in title or "not enough data" in title, title
        if not at.button(key="pres_next").disabled:
            at.button(key="pres_next").click().run()
            assert not at.exception


def test_speaker_notes_hold_the_definitions_and_can_be_hidden(page, demo_store):
    at = page("presentasi", slides="jangkauan")
    shown = [t.value for t in at.text]
    for line in deck.definitions(_slide(demo_store, "jangkauan"), "id"):
        assert "• " + line in shown
    at.toggle(key="pres_show_notes").set_value(False).run()
    assert not any(v.startswith("• ") for v in (t.value for t in at.text))


# --- meeting notes -------------------------------------------------------------------------------------------


def test_a_note_on_a_slide_is_stored_with_author_and_filters_and_listed_as_plain_text(page, demo_store, editor):
    at = page("presentasi", slides="dana", kategori="internasional")
    text = "**Kesimpulan**: realisasi <i>rendah</i>\n- tindak lanjut [link](http://example.invalid)"
    at.text_area(key="mnote_text_slide_dana").input(text)
    at.button(key="FormSubmitter:mnote_form_slide_dana-Simpan catatan").click().run()
    assert not at.exception
    assert at.success[0].value == "Catatan tersimpan."
    assert at.text_area(key="mnote_text_slide_dana").value == ""  # the field is cleared for the next note
    [note] = Notes(demo_store.root).for_slide("dana")
    assert note.text == text and note.author == editor
    assert note.filters == {"dari": "2024-01", "sampai": "2024-12", "kategori": ["internasional"]}
    again = page("presentasi", slides="dana")  # a new session, as after a reload
    assert text in [t.value for t in again.text]  # st.text: never Markdown, never HTML
    assert not any(text in m.value for m in again.markdown)
    meta = next(t.value for t in again.text if t.value.startswith(f"{editor} · "))
    assert "Periode: 2024-01 – 2024-12" in meta and "Kategori kemitraan: Internasional" in meta


def test_a_refused_note_keeps_its_text_and_says_why(page, demo_store, editor):
    at = page("presentasi", slides="dana")
    at.text_area(key="mnote_text_slide_dana").input("baris\x07bel")
    at.button(key="FormSubmitter:mnote_form_slide_dana-Simpan catatan").click().run()
    assert "U+0007" in at.error[0].value
    assert at.text_area(key="mnote_text_slide_dana").value == "baris\x07bel"
    assert Notes(demo_store.root).list() == []


def test_without_the_right_to_edit_there_is_no_form_but_the_notes_are_listed(page, demo_store):
    Notes(demo_store.root).add("Sudah dibahas", "slide", "dana", author="Ani", filters=filter_codes.to_codes(F2024))
    at = page("presentasi", slides="dana")
    assert "Sudah dibahas" in [t.value for t in at.text]
    assert not at.text_area and "Hanya editor" in at.caption[-1].value


def test_a_note_on_a_partnership_profile(page, demo_store, editor):
    at = page("profil_kemitraan", kode="DEMO-00002")
    at.text_area(key="mnote_text_kemitraan_DEMO-00002").input("Mitra minta data triwulan")
    at.button(key="FormSubmitter:mnote_form_kemitraan_DEMO-00002-Simpan catatan").click().run()
    assert [n.text for n in Notes(demo_store.root).for_partnership("DEMO-00002")] == ["Mitra minta data triwulan"]
    other = page("profil_kemitraan", kode="DEMO-00003")
    assert "Mitra minta data triwulan" not in [t.value for t in other.text]
    again = page("profil_kemitraan", kode="DEMO-00002")
    assert "Mitra minta data triwulan" in [t.value for t in again.text]


# --- downloads on the pages ---------------------------------------------------------------------------------


def _prepare(at: AppTest, name: str) -> deck_downloads.Prepared:
    at.button(key=f"deck_dl_go_{name}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at.session_state["_deck_dl"]


@pytest.mark.parametrize("name", list(deck_downloads.PAGE_SLIDES))
def test_every_analysis_page_offers_its_slides_as_pptx_html_and_xlsx(page, name):
    at = page(name)
    assert not [b for b in at.get("download_button") if (b.key or "").startswith("deck_dl_")]  # built only when asked
    ready = _prepare(at, name)
    labels = [b.proto.label for b in at.get("download_button") if (b.key or "").startswith("deck_dl_")]
    assert labels == ["PowerPoint (.pptx)", "Laporan HTML (luring)", "Data (.xlsx)"]
    keys = deck_downloads.PAGE_SLIDES[name]
    prs = Presentation(io.BytesIO(ready.files["pptx"]))
    assert len(prs.slides) == 1 + len(keys)
    wb = load_workbook(io.BytesIO(ready.files["xlsx"]))
    assert [wb[s]["A2"].value for s in wb.sheetnames[1 : 1 + len(keys)]] == ["DATA DEMO — sintetis"] * len(keys)
    html = ready.files["html"].decode("utf-8")
    assert "DATA DEMO — sintetis" in html and "Periode" in html and "2024" in html


def test_the_downloads_follow_the_language_and_filters_and_are_not_served_stale(page, demo_store):
    at = page("jangkauan", "en", kategori="internasional")
    ready = _prepare(at, "jangkauan")
    slides = list(Presentation(io.BytesIO(ready.files["pptx"])).slides)[1:]
    f = Filters(F2024.period_from, F2024.period_to, ("internasional",))
    con = demo_store.connect(materialize=True)
    for sl, key in zip(slides, ("jangkauan", "cakupan", "rentan"), strict=True):
        texts = [sh.text_frame.text for sh in sl.shapes if sh.has_text_frame]
        assert deck.SLIDES[key](con, f, "en").title in texts
        assert any("Partnership category: International" in x for x in texts)
    at.multiselect(key="kategori_en").set_value([]).run()  # the filter changes: the files no longer match
    assert not [b for b in at.get("download_button") if (b.key or "").startswith("deck_dl_")]
    assert any("prepare again" in c.value for c in at.caption)


def test_the_presentation_downloads_this_deck(page):
    at = page("presentasi", slides="peta,kesehatan")
    ready = _prepare(at, "presentasi")
    prs = Presentation(io.BytesIO(ready.files["pptx"]))
    assert len(prs.slides) == 3
    assert set(ready.seconds) == {"deck", "pptx", "html", "xlsx"}


# --- print ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [url for _, url in app_pages()])
def test_every_page_carries_a_print_stylesheet_with_its_scope(page, name):
    at = page(name, "en", provinsi="32")
    css = next(h.proto.body for h in at.get("html") if "@page" in h.proto.body)
    assert "size: A4 landscape" in css
    assert "Province: Jawa Barat" in css and "Data as of" in css and "DEMO DATA — synthetic" in css
    assert '[data-testid="stSidebar"]' in css


def test_css_strings_cannot_break_out_of_the_stylesheet():
    s = print_style.css_string('a"b\\c</style><script>\n')
    assert s.startswith('"') and s.endswith('"') and s.count('"') == 2
    assert "</style" not in s and "\n" not in s and "\\" in s
