"""The analysis pages through AppTest on the demo data: what a user sees, in both languages, with and without
filters."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from conftest import APP, indicator_row, partnership, write
from streamlit.testing.v1 import AppTest

from kemitraan import contract, escape
from kemitraan.charts import layout as clayout

ANALYSIS = {
    "jangkauan": ("Jangkauan", "Reach"),
    "keberlanjutan": ("Keberlanjutan", "Sustainability"),
    "dampak": ("Dampak", "Impact"),
    "kesehatan_kemitraan": ("Kesehatan kemitraan", "Partnership health"),
    "peta": ("Peta", "Map"),
    "bandingkan": ("Bandingkan", "Compare"),
    "jelajah_data": ("Jelajah data", "Explore data"),
    "profil_kemitraan": ("Profil kemitraan", "Partnership profile"),
    "metodologi": ("Metodologi", "Methodology"),
}
MIN_CHARTS = {
    "jangkauan": 5,
    "keberlanjutan": 8,
    "dampak": 3,
    "kesehatan_kemitraan": 4,
    "peta": 2,
    "bandingkan": 2,
    "jelajah_data": 1,
    "profil_kemitraan": 5,
    "metodologi": 0,
}
# Filters in the URL are codes; labels in either language are accepted too. Widgets are keyed per language.
NO_DATA = {"kategori": "Nonprofit–nonprofit", "provinsi": "Kalimantan Utara", "bidang": "Mental health"}


@pytest.fixture
def page(demo_store, monkeypatch):
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(demo_store.root))

    def run(name: str, lang: str = "id", **params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=120)
        if lang == "en":
            at.query_params["lang"] = "en"
        for k, v in params.items():
            at.query_params[k] = v
        # Opened by its link, as a shared URL opens it: the first run is the page itself (app.py with the page
        # chosen), not the home page first and then a switch (an uncached home page run costs ~0.6 s of CPU).
        at.switch_page(f"pages/{name}.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def _chart_titles(at: AppTest) -> list[str]:
    """Each chart's title with its subtitle (a takeaway title keeps the question under it)."""
    out = []
    for c in at.get("plotly_chart"):
        title = json.loads(c.proto.spec)["layout"]["title"]
        out.append(" ".join([title["text"], title.get("subtitle", {}).get("text", "")]).replace("<br>", " ").strip())
    return out


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("name", list(ANALYSIS))
def test_page_shows_its_title_and_charts_in_the_language(page, name, lang):
    at = page(name, lang)
    title = ANALYSIS[name][0 if lang == "id" else 1]
    assert at.title[0].value.startswith(title)
    titles = _chart_titles(at)
    assert len(titles) >= MIN_CHARTS[name], titles
    # every trace is of a type whose look the charts' template holds (plotly_white's defaults of those types only)
    drawn = {tr.get("type", "scatter") for c in at.get("plotly_chart") for tr in json.loads(c.proto.spec)["data"]}
    assert drawn <= set(clayout.TRACE_TYPES), drawn
    for tt in titles:  # every chart asks its question and names its unit
        assert "(" in tt and ")" in tt, tt
    other = "en" if lang == "id" else "id"
    if titles:  # no chart title left in the other language
        assert not any(tt.startswith(("How", "Which", "What", "Where", "Is ")) for tt in titles) or lang == "en"
        assert (
            not any(tt.startswith(("Berapa", "Kategori mana", "Seberapa", "Di provinsi")) for tt in titles)
            or other == "en"
        )


@pytest.mark.parametrize("name", [n for n in ANALYSIS if n not in ("metodologi", "profil_kemitraan")])
def test_filter_with_no_data_explains_instead_of_failing(page, name):
    at = page(name, "en", **NO_DATA)
    assert any("No data for these filters" in i.value for i in at.main.info)
    assert not at.get("plotly_chart")


@pytest.fixture
def reach_only(store, monkeypatch):
    """A store with partnerships and reach reports only: no survey, no funding, no outcomes ever uploaded."""
    write(
        store,
        kemitraan=[partnership("K1")],
        indikator=[
            indicator_row("K1", "2024-Q1", "terjangkau", 100, 120),
            indicator_row("K1", "2024-Q2", "terjangkau", 90),
        ],
    )
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(store.root))

    def run(name: str, lang: str, **params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params["lang"] = lang
        for k, v in params.items():
            at.query_params[k] = v
        at.switch_page(f"pages/{name}.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


@pytest.mark.parametrize(
    ("name", "lang", "says"),
    [
        ("kesehatan_kemitraan", "id", "Belum ada data survei — unggah di Unggah Data."),
        ("kesehatan_kemitraan", "en", "No survey data yet — upload it on Upload data."),
        ("keberlanjutan", "id", "Belum ada data pendanaan"),
        ("keberlanjutan", "en", "No funding data yet"),
        ("dampak", "id", "Belum ada data dampak"),
    ],
)
def test_an_empty_page_names_the_missing_data_not_the_filters(reach_only, name, lang, says):
    at = reach_only(name, lang)
    infos = [i.value for i in at.main.info]
    assert any(says in i for i in infos), infos
    assert not any("filter" in i.lower() for i in infos), infos  # the filters are not to blame
    link = at.main.get("page_link")
    assert link and link[0].proto.page == "unggah_data"  # the way out
    assert not at.get("plotly_chart")


def test_with_data_in_the_store_an_empty_page_blames_the_filters(reach_only):
    at = reach_only("jangkauan", "id", provinsi="Papua")
    assert any("Tidak ada data untuk filter ini" in i.value for i in at.main.info)
    assert not at.main.get("page_link")


def test_filters_change_the_numbers(page):
    everything = page("jangkauan", "en")
    intl = page("jangkauan", "en", kategori="International")
    assert everything.metric[0].label == "Service contacts"
    reached_all = int(everything.metric[0].value.replace(",", ""))
    reached_intl = int(intl.metric[0].value.replace(",", ""))
    assert 0 < reached_intl < reached_all
    # Indonesian formatting of the same number: dots for thousands
    assert page("jangkauan", "id", kategori="Internasional").metric[0].value == f"{reached_intl:,}".replace(",", ".")


def test_grain_switch_changes_the_time_axis(page):
    yearly = page("jangkauan", "en")
    quarterly = page("jangkauan", "en")
    quarterly.segmented_control(key="grain_en").set_value("triwulan").run()
    assert not quarterly.exception

    def n_points(at):
        spec = next(
            json.loads(c.proto.spec)
            for c in at.get("plotly_chart")
            if "coverage" in json.loads(c.proto.spec)["layout"]["title"]["subtitle"]["text"]
        )
        return max(len(tr["x"]) for tr in spec["data"])

    assert n_points(quarterly) > n_points(yearly)
    monthly = page("jangkauan", "en")
    monthly.segmented_control(key="grain_en").set_value("bulan").run()
    assert any("not shown in this view" in c.value for c in monthly.caption)  # quarterly reporters are named


def test_health_page_shows_n_and_warns_on_small_groups(page):
    at = page("kesehatan_kemitraan", "en")
    assert not at.warning  # every category has enough respondents
    at.selectbox(key="by_en").set_value("provinsi").run()
    assert at.metric[0].label == "Respondents" and int(at.metric[0].value) > 0
    assert any("respondents from" in c.value for c in at.caption)
    assert at.warning and "fewer than 5 respondents" in at.warning[0].value
    radar = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert any("n = " in (tr.get("name") or "") for tr in radar["data"])


def test_map_is_drawn_offline_from_the_shipped_boundaries(page):
    at = page("peta", "en")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {tr["type"] for tr in spec["data"]} == {"choropleth"}
    assert sum(len(tr["locations"]) for tr in spec["data"]) == 38
    assert "mapbox" not in spec["layout"] and "map" not in spec["layout"]
    assert "topojsonURL" in at.get("plotly_chart")[0].proto.config


def test_an_indicator_inside_a_chart_question_is_not_capitalised(page):
    titles = " ".join(_chart_titles(page("peta", "id")))
    assert "Di provinsi mana orang terjangkau (kontak) terbesar?" in titles, titles
    assert "Orang terjangkau" not in titles


def test_compare_needs_two(page):
    at = page("bandingkan", "en")
    at.multiselect(key="anggota_kategori_en").set_value(["pemerintah_lsm"]).run()
    assert any("at least two" in i.value for i in at.main.info)
    at.multiselect(key="anggota_kategori_en").set_value(["pemerintah_lsm", "internasional"]).run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {tr["name"] for tr in spec["data"]} == {"Government–NGO", "International"}
    at.selectbox(key="banding_en").set_value("kode_kemitraan").run()
    assert not at.exception
    links = at.get("page_link")
    assert len(links) == 3 and all(
        "DEMO-0000" in escape.shown(link.proto.label) for link in links
    )  # each opens its profile


def test_profile_from_the_url(page):
    at = page("profil_kemitraan", "en")
    assert at.query_params["kode"] in (
        "DEMO-00001",
        ["DEMO-00001"],
    )  # the shown partnership is in the URL, ready to copy
    at.selectbox(key="kode").set_value("DEMO-00002").run()
    assert at.query_params["kode"] in ("DEMO-00002", ["DEMO-00002"])
    import os

    from kemitraan.queries import profile
    from kemitraan.storage.store import Store

    name = profile.partnership(Store(os.environ["KEMITRAAN_DATA_DIR"]).connect(), "DEMO-00002")["nama_kemitraan"]
    assert escape.shown(at.header[0].value) == name  # as typed: its Markdown characters escaped
    titles = _chart_titles(at)
    assert any("actual against target" in tt for tt in titles)
    batches = at.dataframe[-1].value
    assert list(batches["batch_id"]) == ["demo"]


def test_profile_follows_the_sidebar_s_area_and_period(page):
    import os

    from kemitraan.storage.store import Store

    at = page("profil_kemitraan", "id", provinsi=["32", "53"], periode=["2022-01", "2025-12"])
    con = Store(os.environ["KEMITRAAN_DATA_DIR"]).connect()
    in_area = {
        r[0] for r in con.execute("SELECT kode_kemitraan FROM kemitraan WHERE provinsi_kode IN ('32', '53')").fetchall()
    }
    offered = set(at.selectbox(key="kode").options)
    assert offered and {o.split(" — ")[0] for o in offered} == in_area  # only Jawa Barat and NTT
    assert any("Jawa Barat" in c.value or "Nusa Tenggara Timur" in c.value for c in at.caption)
    years = set()
    for chart in at.get("plotly_chart"):  # every indicator chart within 2022–2025 (the x axis: "Tw III 2021")
        spec = json.loads(chart.proto.spec)
        years |= {int(str(x)[-4:]) for tr in spec["data"] for x in (tr.get("x") or []) if str(x)[-4:].isdigit()}
    assert years and years <= {2022, 2023, 2024, 2025}, sorted(years)


def test_profile_charts_are_kept_between_runs_and_follow_language_grain_and_uploads(page, monkeypatch, demo_store):
    """The profile's indicator charts are built once and drawn again on a rerun; the same partnership in the other
    language, at another grain, or after an upload shows charts built for that, never the kept ones."""
    import functools

    from kemitraan.app import kept
    from kemitraan.app.session import LANG_KEY
    from kemitraan.charts import explore

    built = []
    real = explore.profile_indicator

    @functools.wraps(real)  # the page reads it from its module at every run; the kept figure's name stays the same
    def counted(*a, **k):
        built.append(a[1])
        return real(*a, **k)

    monkeypatch.setattr(explore, "profile_indicator", counted)
    kept._kept.clear()  # figures kept by an earlier test of this process are the same data's: built here
    at = page("profil_kemitraan", "id", kode="DEMO-00003")
    first = _chart_titles(at)
    assert built and any("realisasi dibanding target" in tt for tt in first)
    n = len(built)
    at.run()
    assert len(built) == n and _chart_titles(at) == first  # a rerun draws the kept charts
    at.segmented_control(key=LANG_KEY).set_value("en").run()  # the sidebar's language switch
    assert any("actual against target" in tt for tt in _chart_titles(at))

    def points(at) -> int:
        return sum(len(tr.get("x") or []) for c in at.get("plotly_chart") for tr in json.loads(c.proto.spec)["data"])

    before = points(at)
    at.segmented_control(key="grain_en").set_value("bulan").run()
    assert points(at) > before  # months: more points than quarters
    kode = "DEMO-00003"
    periode, nilai = (
        demo_store.connect()
        .execute(
            "SELECT periode, nilai FROM indikator WHERE kode_kemitraan = ? AND kode_indikator = 'layanan' "
            "AND jenis_periode = 'bulan' ORDER BY periode_mulai DESC LIMIT 1",
            [kode],
        )
        .fetchone()
    )

    def layanan(at) -> list:
        label = contract.indicator("layanan").label("en")
        chart = next(c for c in at.get("plotly_chart") if label in json.loads(c.proto.spec)["layout"]["title"]["text"])
        ys = [tr.get("y") for tr in json.loads(chart.proto.spec)["data"]]
        # Plotly sends numbers as a typed array: base64 of the values
        return [
            v for y in ys if y for v in (np.frombuffer(base64.b64decode(y["bdata"]), y["dtype"]) if "bdata" in y else y)
        ]

    total, shown = sum(layanan(at)), len(built)
    write(demo_store, "baru", indikator=[indicator_row(kode, periode, "layanan", nilai + 2)])  # a corrected value
    at.run()
    assert len(built) > shown  # the new version of the store builds its charts again
    assert sum(layanan(at)) == pytest.approx(total + 2)  # and they show the corrected month


def test_a_link_to_a_partnership_outside_the_filters_says_so(page):
    at = page("profil_kemitraan", "en", kode="DEMO-00001", kategori="internasional")
    assert at.selectbox(key="kode").value == "DEMO-00001"
    assert any("outside the sidebar's filters" in i.value for i in at.main.info)


def test_explore_offers_safe_downloads_and_a_pivot(page):
    at = page("jelajah_data", "id")
    assert at.dataframe[0].value.shape[0] == 60  # the partnerships
    at.text_input(key="cari").set_value("DEMO-00001").run()
    assert at.dataframe[0].value["kode_kemitraan"].tolist() == ["DEMO-00001"]
    at.text_input(key="cari").set_value("").run()
    at.segmented_control(key="tabel_id").set_value("indikator").run()
    assert any("Menampilkan 2.000 dari" in c.value for c in at.caption)
    assert at.dataframe[0].value.shape[0] == 2000
    titles = _chart_titles(at)
    assert any("menurut dua dimensi" in tt for tt in titles)


def test_explore_tables_show_labels_not_codes(store, monkeypatch):
    from conftest import survey_row

    write(
        store,
        kemitraan=[partnership("K1")],
        indikator=[indicator_row("K1", "2024-Q1", "terjangkau", 100, 120)],
        survei=[survey_row("R1", "K1", tantangan=["kekurangan_sumber_daya", "koordinasi"])],
    )
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(store.root))
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("pages/jelajah_data.py").run()
    row = at.dataframe[0].value.iloc[0]
    assert (row["kategori"], row["bidang"], row["fokus"]) == ("Pemerintah–LSM", "Keluarga Berencana & KKBPK", "Program")
    at.segmented_control(key="tabel_id").set_value("indikator").run()
    row = at.dataframe[0].value.iloc[0]
    assert (row["kode_indikator"], row["jenis_periode"]) == ("Orang terjangkau (kontak)", "Triwulan")
    at.segmented_control(key="tabel_id").set_value("survei").run()
    assert list(at.dataframe[0].value.iloc[0]["tantangan"]) == ["Kekurangan sumber daya", "Koordinasi"]
    assert not at.exception


def test_methodology_lists_every_indicator_and_index(page):
    from kemitraan import contract
    from kemitraan.methods import indices

    at = page("metodologi", "en")
    catalog = at.dataframe[0].value
    assert set(catalog["kode"]) == set(contract.indicators())
    text = " ".join(m.value for m in at.markdown)
    assert "Wilder" in text and "PSAT" in text and "BPS" in text and "Kemendagri" in text
    assert len(at.code) == len(indices.INDEX_DOCS)
    formulas = [c.value for c in at.code]
    assert any("(mean − 1) ÷ 4 × 100" in c for c in formulas)
    assert any("Σ(value × denominator) ÷ Σ denominator" in c for c in formulas)  # rates pooled, as computed
    assert any("Wilson" in c for c in formulas)  # impact: the share improving with its interval
    assert any("cohort change =" in c and "1.96 · se_k" in c for c in formulas)  # the pooled change leads
    assert "Cohort change and partnerships improving (impact)" in text and "Impact index" not in text


def test_data_quality_panel_finds_the_demo_slips(page):
    at = page("jangkauan", "en")
    assert not any("Missing reports" in str(getattr(tb, "label", "")) for tb in at.tabs)  # runs only when asked
    at.toggle(key="reach_dq_on").set_value(True).run()
    assert not at.exception
    labels = [tb.label for tb in at.tabs]
    assert labels[:4] == [
        "Reporting completeness & timeliness",
        "Missing reports",
        "Implausible values",
        "Stale partnerships",
    ]
    frames = [d.value for d in at.dataframe]
    stale = frames[-1]
    assert len(stale) >= 1 and stale["profil"].str.startswith("profil_kemitraan?kode=").all()
    implausible = frames[-2]
    assert len(implausible) >= 1  # the demo's "extra zero" slips


def test_page_choices_live_in_the_url_as_codes(page):
    """A link copied in one language opens the same view in the other."""
    at = page("jangkauan", "id")
    at.segmented_control(key="grain_id").set_value("triwulan").run()
    assert at.query_params["grain"] in ("triwulan", ["triwulan"])
    english = page("jangkauan", "en", grain="triwulan")
    assert english.segmented_control(key="grain_en").value == "triwulan"
    typed = page("jangkauan", "en", grain="Triwulan")  # a label, even in the other language
    assert typed.segmented_control(key="grain_en").value == "triwulan"


DOWNLOADS = {"jangkauan": "reach_dl", "keberlanjutan": "sust_dl", "dampak": "impact_dl", "bandingkan": "compare_dl"}


@pytest.mark.parametrize("name", list(DOWNLOADS))
def test_a_page_offers_its_table_to_download_without_writing_it_on_every_run(page, name, monkeypatch):
    """The CSV and XLSX of a page's table are written when a button is clicked: a page run (every filter change,
    every visitor) writes neither, and still offers both."""
    from kemitraan.export import spreadsheet

    def refuse(*args, **kwargs):
        raise AssertionError("a spreadsheet written during a page run")

    monkeypatch.setattr(spreadsheet, "to_csv_bytes", refuse)
    monkeypatch.setattr(spreadsheet, "to_xlsx_bytes", refuse)
    at = page(name)
    offered = {b.key: b.proto.label for b in at.get("download_button")}
    assert offered[f"{DOWNLOADS[name]}_csv"] == "Unduh CSV" and offered[f"{DOWNLOADS[name]}_xlsx"] == "Unduh XLSX"


def test_a_table_download_holds_the_table_as_shown_with_formulas_escaped():
    import io

    import openpyxl
    import pandas as pd

    from kemitraan.app import widgets

    shown = pd.DataFrame({"Nama": ["=1+1", "Posyandu Melati"], "Nilai": [3, 4]})
    files = widgets.spreadsheet_files(shown, "jangkauan")
    shown.loc[0, "Nama"] = "changed after the page drew it"
    (_, csv, csv_name, csv_mime), (_, xlsx, xlsx_name, _) = files
    assert (csv_name, xlsx_name, csv_mime) == ("jangkauan.csv", "jangkauan.xlsx", "text/csv")
    assert csv().decode("utf-8-sig").splitlines() == ["Nama,Nilai", "'=1+1,3", "Posyandu Melati,4"]
    ws = openpyxl.load_workbook(io.BytesIO(xlsx())).active
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["Nama", "Nilai"],
        ["'=1+1", 3],
        ["Posyandu Melati", 4],
    ]


def test_a_table_download_that_fails_is_logged_with_a_reference(monkeypatch, caplog):
    """Streamlit writes the file apart from the page and tells the browser only that it failed: the administrator
    finds the cause in the log, under a reference, like every unexpected error."""
    import logging

    import pandas as pd

    from kemitraan.app import widgets
    from kemitraan.export import spreadsheet

    def broken(*args, **kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(spreadsheet, "to_xlsx_bytes", broken)
    (_, csv, _, _), (_, xlsx, _, _) = widgets.spreadsheet_files(pd.DataFrame({"a": [1]}), "dampak")
    assert csv().decode("utf-8-sig").splitlines() == ["a", "1"]
    errors = logging.getLogger("kemitraan.errors")  # the app's own logger does not propagate to the root
    errors.addHandler(caplog.handler)
    try:
        with caplog.at_level("ERROR", logger="kemitraan.errors"), pytest.raises(OSError):
            xlsx()
    finally:
        errors.removeHandler(caplog.handler)
    [record] = [r for r in caplog.records if "download dampak.xlsx" in r.getMessage()]
    assert "disk gone" in record.getMessage() and "ref=" in record.getMessage()


def test_a_kept_chart_is_built_once_for_its_data_and_again_for_other_data(page, monkeypatch):
    """Every page's charts are kept for their data (kemitraan/app/kept.py): a rerun, or another session
    asking for the same view, draws the figure already built; other filters build the figures of their data."""
    import functools

    from kemitraan.app import kept
    from kemitraan.charts import common

    calls = []
    real = common.group_bars

    @functools.wraps(real)
    def counted(*a, **k):
        calls.append(a[2])
        return real(*a, **k)

    monkeypatch.setattr(common, "group_bars", counted)
    kept._kept.clear()
    at = page("keberlanjutan", "en")
    first, titles = len(calls), _chart_titles(at)
    assert first >= 4
    at.run()
    page("keberlanjutan", "en")  # another session, same view
    assert len(calls) == first and _chart_titles(at) == titles
    other = page("keberlanjutan", "en", kategori="internasional")
    assert len(calls) > first  # other data: built for it
    assert (
        _chart_titles(other) != titles
        or other.get("plotly_chart")[0].proto.spec != at.get("plotly_chart")[0].proto.spec
    )
    with pytest.raises(TypeError, match="module-level function"):
        kept.plot(lambda: None)


def test_a_summary_table_is_formatted_once_for_its_data_and_language(page, monkeypatch):
    """A page's summary table, its numbers written in the reader's convention, is kept like its charts: a rerun shows
    the same table without formatting it again; the other language formats it for that language."""
    import functools

    from kemitraan.app import kept, widgets
    from kemitraan.app.session import LANG_KEY

    calls = []
    real = widgets.formatted

    @functools.wraps(real)
    def counted(df, lang):
        calls.append(lang)
        return real(df, lang)

    monkeypatch.setattr(widgets, "formatted", counted)
    kept._kept.clear()
    at = page("keberlanjutan", "id")
    n, first = len(calls), at.dataframe[0].value
    assert n >= 1 and set(calls) == {"id"}
    at.run()
    assert len(calls) == n and at.dataframe[0].value.equals(first)
    at.sidebar.segmented_control(key=LANG_KEY).set_value("en").run()
    assert "en" in calls[n:]
    shown = at.dataframe[0].value
    numbers = [v for c in shown.columns for v in shown[c] if isinstance(v, str) and any(ch.isdigit() for ch in v)]
    assert numbers and numbers != [
        v for c in first.columns for v in first[c] if isinstance(v, str) and any(ch.isdigit() for ch in v)
    ]


def test_a_kept_figure_s_key_is_its_function_arguments_width_and_title():
    """Two figures share a kept object only when they are the same function of the same data, laid out for the same
    width with the same title: any difference is another key."""
    import pandas as pd

    from kemitraan.app import kept
    from kemitraan.charts.common import group_bars

    df = pd.DataFrame({"kategori": ["a", "b"], "nilai": [1.0, 2.0]})
    base = kept._digest(("kemitraan.charts.common.group_bars", (df, "kategori"), [("n_col", None)], 1.0, None))
    same = kept._digest(("kemitraan.charts.common.group_bars", (df.copy(), "kategori"), [("n_col", None)], 1.0, None))
    others = [
        ("kemitraan.charts.common.trend_lines", (df, "kategori"), [("n_col", None)], 1.0, None),
        ("kemitraan.charts.common.group_bars", (df.assign(nilai=[1.0, 2.5]), "kategori"), [("n_col", None)], 1.0, None),
        ("kemitraan.charts.common.group_bars", (df, "kategori"), [("n_col", "n")], 1.0, None),
        ("kemitraan.charts.common.group_bars", (df, "kategori"), [("n_col", None)], 0.5, None),
        ("kemitraan.charts.common.group_bars", (df, "kategori"), [("n_col", None)], 1.0, "Judul"),
    ]
    assert same == base and len({base, *(kept._digest(o) for o in others)}) == len(others) + 1

    # text columns (Arrow-backed) are keyed by their values: the frame as a query computed it, the same frame out of
    # Streamlit's cache (pickled and back) and one put together from pieces share a key; another word, or a missing
    # value where there was one, is another key
    import pickle

    texts = pd.DataFrame({"kategori": pd.array(["a", "b", None], dtype="str"), "nilai": [1.0, 2.0, 3.0]})
    key = kept._digest(("f", (texts,)))
    pieced = pd.concat([texts.iloc[:1], texts.iloc[1:]])
    assert kept._digest(("f", (pickle.loads(pickle.dumps(texts)),))) == key == kept._digest(("f", (pieced,)))
    for changed in (["a", "c", None], ["a", "b", "b"], ["a", "b", ""]):
        assert kept._digest(("f", (texts.assign(kategori=pd.array(changed, dtype="str")),))) != key, changed
    # a masked number column is keyed by what it shows, not by what lies under its mask
    shown = pd.DataFrame({"n": pd.Series([1.0, None, 3.0]).astype("Int64")})
    masked = pd.DataFrame({"n": pd.Series([1, 2, 3], dtype="Int64").where([True, False, True])})
    assert kept._digest(("f", (shown,))) == kept._digest(("f", (masked,)))

    def on_a_page(df):  # as a function defined in a page script: Streamlit runs every page as __main__
        return df

    on_a_page.__module__, on_a_page.__qualname__ = "__main__", "on_a_page"
    for not_plain in (lambda: None, df.copy, on_a_page):
        with pytest.raises(TypeError, match="module-level function"):
            kept.plot(not_plain)
    assert isinstance(kept.plot(group_bars, df), kept.Plot)
