"""Every page of the app, headless through AppTest, in both languages, with and without filters."""

import pytest
from conftest import APP, app_pages
from streamlit.testing.v1 import AppTest

PAGES = app_pages()


@pytest.fixture
def app(demo_store, monkeypatch):
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(demo_store.root))

    def make(lang="id", **params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=90)
        if lang == "en":
            at.query_params["lang"] = "en"
        for k, v in params.items():
            at.query_params[k] = v
        return at

    return make


def test_app_lists_pages():
    assert ("pages/ringkasan.py", "ringkasan") in PAGES


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page", [p for p, _ in PAGES])
def test_every_page_renders_without_exception(app, page, lang):
    at = app(lang)
    at.switch_page(page).run()  # opened by its link (the sidebar's way is the browser walk's)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, f"{page} has no title"


def test_home_in_indonesian_shows_three_dimension_charts(app):
    at = app().run()
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) >= 3
    titles = " ".join(c.proto.spec for c in charts)
    for word in ("Jangkauan", "Keberlanjutan", "Dampak"):
        assert word in titles
    assert at.title[0].value == "Ringkasan kemitraan kesehatan"
    assert at.sidebar.info[0].value.startswith("Data demo (sintetis)")


def test_home_in_english(app):
    at = app("en").run()
    titles = " ".join(c.proto.spec for c in at.get("plotly_chart"))
    for word in ("Reach", "Sustainability", "Impact"):
        assert word in titles
    assert at.title[0].value == "Health partnerships at a glance"


# AppTest runs app.py (where the sidebar filters live) only on the first run of an
# AppTest; later runs execute the page alone. So each scenario starts a fresh AppTest
# from URL parameters, which is exactly what opening a copied link does.


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def test_filters_in_the_url_reproduce_the_view(app):
    everything = app().run()
    filtered = app(kategori="internasional").run()
    assert not filtered.exception
    assert filtered.sidebar.multiselect(key="kategori_id").value == ["internasional"]
    assert _as_list(filtered.query_params["kategori"]) == ["internasional"]  # codes in the URL, in any language
    assert int(filtered.metric[0].value) < int(everything.metric[0].value)
    # the same link opened in English, and links typed by hand with labels in either language
    for lang, value in (("en", "internasional"), ("en", "International"), ("id", "Internasional")):
        assert app(lang, kategori=value).run().metric[0].value == filtered.metric[0].value


def test_a_kabupaten_typed_in_any_spelling_in_the_url_filters_by_its_code(app, demo_store):
    code, name = (
        demo_store.connect()
        .execute(
            "SELECT kabupaten_kode, any_value(kabupaten_kota) FROM kemitraan WHERE kabupaten_kota LIKE 'Kabupaten %' "
            "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
        )
        .fetchone()
    )
    everything = app().run()
    typed = app(kabupaten=name.replace("Kabupaten ", "kab. ").upper()).run()  # "KAB. BOGOR" for Kabupaten Bogor
    assert not typed.exception
    assert typed.sidebar.multiselect(key="kabupaten_id").value == [code]
    assert name in typed.sidebar.multiselect(key="kabupaten_id").options  # shown by its canonical name
    assert _as_list(typed.query_params["kabupaten"]) == [code]  # the URL holds the Kemendagri code
    assert int(typed.metric[0].value) < int(everything.metric[0].value)
    assert app(kabupaten=code).run().metric[0].value == typed.metric[0].value


def test_period_filter_in_the_url(app):
    whole = app().run()
    one_year = app(periode=["2025-01", "2025-12"]).run()
    assert not one_year.exception
    assert one_year.sidebar.select_slider[0].value == ("2025-01", "2025-12")
    assert _as_list(one_year.query_params["periode"]) == ["2025-01", "2025-12"]
    assert one_year.metric[1].value != whole.metric[1].value  # fewer people reached in one year


#: Pages whose figures do not depend on the sidebar filters.
UNFILTERED = ("pages/metodologi.py", "pages/unggah_data.py", "pages/profil_kemitraan.py")


def _shown(at: AppTest) -> list:
    """What a reader sees of the figures: metric values, chart specs, tables."""
    return (
        [m.value for m in at.metric]
        + [c.proto.spec for c in at.get("plotly_chart")]
        + [d.value.to_json(date_format="iso") for d in at.dataframe]
        + [i.value for i in at.info]
    )


@pytest.mark.parametrize("page", [p for p, _ in PAGES])
def test_filters_carry_over_to_every_page(app, page):
    at = app("en", kategori="International", provinsi="Papua").run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    # the URL still holds the filters, as codes: a link copied on this page reproduces the view
    assert _as_list(at.query_params["kategori"]) == ["internasional"]
    assert _as_list(at.query_params["provinsi"]) == ["94"]
    if page not in UNFILTERED:  # and the page shows the filtered figures, not the unfiltered ones
        plain = app("en")
        plain.switch_page(page).run()
        assert _shown(at) != _shown(plain)


def test_filter_with_no_data_shows_an_explanation_not_an_error(app):
    at = app(kategori="Nirlaba–Nirlaba", provinsi="Kalimantan Utara", bidang="Kesehatan Jiwa").run()
    assert not at.exception
    assert at.info and "Tidak ada data" in at.info[0].value
    assert not at.get("plotly_chart")


def test_page_files_are_named_after_their_url():
    """A deep link opened on a freshly started server relies on it (see kemitraan/app/navigation.py)."""
    from pathlib import Path

    for file, url in PAGES:
        assert Path(file).stem == url, (file, url)


def test_a_fresh_checkout_opens_on_the_demo_data(tmp_path, monkeypatch):
    """No data folder at all: the first start generates the demo batch and the home page shows it."""
    data = tmp_path / "fresh" / "data"
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(data))
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) >= 3
    assert at.metric[0].value == "60"
    assert list((data / "lake" / "main" / "indikator" / "_batch=demo").glob("*.parquet"))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_first_page_on_data_no_server_read_says_it_prepares_them_once(app, demo_store, monkeypatch, lang):
    """After an upgrade or a restore, a large store's analysis base is built before the first page can answer (most
    of a minute at ten million rows): that page says so, with the rows, in the reader's language, while it waits.
    The base is then built and the next run says nothing. (The demo's rows stand for ten million here.)"""
    import contextlib
    import shutil

    import streamlit as st

    from kemitraan.app import session
    from kemitraan.labels import fmt_number
    from kemitraan.storage import analysis_cache

    shutil.rmtree(analysis_cache.cache_dir(demo_store), ignore_errors=True)
    rows = analysis_cache.rows_to_build(demo_store)
    monkeypatch.setattr(analysis_cache, "PREPARE_ROWS", min(rows, 1_000_000))
    monkeypatch.setattr(session, "_PREPARED", set())
    said = []
    real = st.spinner

    @contextlib.contextmanager
    def spinner(text, **kwargs):
        said.append(text)
        with real(text, **kwargs):
            yield

    monkeypatch.setattr(st, "spinner", spinner)
    at = app(lang).run()
    assert not at.exception, [e.value for e in at.exception]
    words = "Menyiapkan data untuk analisis" if lang == "id" else "Preparing the data for analysis"
    notices = [s for s in said if words in s]
    assert len(notices) == 1 and fmt_number(rows, lang) in notices[0], said
    assert analysis_cache.rows_to_build(demo_store) is None  # built, under the message
    at.run()
    assert [s for s in said if words in s] == notices  # the next run: no word of it
    assert at.title and at.metric  # the page itself, with its figures
