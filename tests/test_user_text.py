"""User text is text: a partnership whose name, code, district and partners carry Markdown and HTML shows those
characters literally on every page (kemitraan.escape), and no figure turns them into Plotly links.

The hostile partnership (``add_hostile``) is shared with the browser test (tests/test_user_text_browser.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest
from conftest import APP, app_pages, indicator_row, partnership, survey_row, write
from streamlit.testing.v1 import AppTest

from kemitraan import escape
from kemitraan.charts import common, explore, geography, health, impact, reach, sustainability
from kemitraan.queries.geography import AreaValues
from kemitraan.storage.store import Store

NAME = "**[klik](http://x.invalid)** ![](http://x.invalid/a.png) <script>"
CODE = 'K<b>&"1 #?/x'  # every character a URL or HTML would read
DISTRICT = '<a href="http://x.invalid/k">Kab</a> www.x.invalid'
LEAD = "[mitra](http://x.invalid/m) :material/home: :red[merah] $x^2$ a@x.invalid"
PARTNERS = ["![](http://x.invalid/p.png)", "<img src=http://x.invalid/q.png>"]
#: Pieces of the payload that must never reach a renderer unescaped.
RAW = ("**[klik](", "![](", "<script>", "<a href", "<img", "[mitra](", ":material/home:", "$x^2$", "<b>")


def add_hostile(store: Store) -> str:
    """One more partnership, in a batch of its own, whose every text field is markup; with indicators and a survey."""
    row = partnership(
        CODE,
        nama_kemitraan=NAME,
        kabupaten_kota=DISTRICT,
        mitra_utama=LEAD,
        mitra=PARTNERS,
        kategori="internasional",
        provinsi_kode="32",
        provinsi="Jawa Barat",
        tanggal_mulai=dt.date(2022, 1, 1),
    )
    ind = [
        indicator_row(CODE, f"{y}-Q{q}", k, v, v * 1.2)
        for y in (2023, 2024, 2025)
        for q in (1, 2, 3, 4)
        for k, v in (
            ("terjangkau", 500.0 + 10 * q),
            ("sasaran", 2000.0),
            ("mcpr_pct", 40.0 + q),
            ("dana_komitmen_idr", 1e8),
            ("dana_realisasi_idr", 8e7),
        )
    ]
    surveys = [survey_row(f"evil-{i}", CODE, 4, saran=NAME) for i in range(6)]
    return write(store, "evil", kemitraan=[row], indikator=ind, survei=surveys)


def markdown_sources(at: AppTest) -> list[str]:
    """Every string of the page that Streamlit renders as Markdown."""
    out = []
    for kind in ("markdown", "title", "header", "subheader", "caption", "error", "warning", "info", "success"):
        out += [e.value for e in at.get(kind)]
    for m in at.metric:
        out += [m.label, m.value, m.proto.help]
    out += [b.proto.label for b in at.get("page_link")]
    out += [e.proto.label for e in at.get("expandable")]
    return [str(s) for s in out]


def plotly_strings(spec) -> list[str]:
    """Every string a figure (a Plotly JSON spec or dict) draws: ``customdata`` only where a template shows it
    (its first column holds the group's code, handed back on a click, never drawn)."""
    if isinstance(spec, str):
        spec = json.loads(spec)
    found = []

    def walk(v):
        if isinstance(v, str):
            found.append(v)
        elif isinstance(v, dict):
            for k, x in v.items():
                if k != "customdata":
                    walk(x)
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)

    walk(spec)
    for trace in spec.get("data", []):
        templates = " ".join(str(trace.get(k) or "") for k in ("hovertemplate", "texttemplate"))
        shown = {int(i) for i in re.findall(r"%\{customdata\[(\d+)\]", templates)}
        for point in trace.get("customdata") or []:
            if isinstance(point, (list, tuple)):
                walk([x for i, x in enumerate(point) if i in shown])
            elif "%{customdata" in templates:
                walk(point)
    return found


def assert_text_only(at: AppTest) -> None:
    for src in markdown_sources(at):
        unescaped = re.sub(r"\\.", "", src)  # what Markdown still reads as markup once the escapes are done
        for raw in RAW:
            assert raw not in unescaped, (raw, src)
    for chart in at.get("plotly_chart"):
        for s in plotly_strings(chart.proto.spec):
            assert not re.search(r"<(script|a |a>|img|b>)", s, flags=re.I), s


# --- the escapes -------------------------------------------------------------------------------------------


def test_markdown_escape_leaves_nothing_for_markdown_to_read():
    text = NAME + " " + LEAD + " " + DISTRICT + " 1. _x_ # h > q | t ~s~ `c` \\ {a} + - = ! 100%"
    out = escape.markdown(text)
    assert escape.shown(out) == text  # the reader sees what was typed
    assert not re.search(r"(?<!\\)[*\[\]()<>!`_#|~$:]", out.replace(escape.WORD_JOINER, ""))
    for scheme in ("http://", "www.", "a@"):  # no address left for GFM's autolink to find
        assert scheme not in out.replace("\\", "")
    assert escape.markdown("a\n\n# b") == "a \\# b"  # one line: a name cannot start a heading or paragraph
    assert escape.markdown("a\n# b", keep_lines=True) == "a  \n\\# b"
    assert escape.markdown("    kode") == "kode"  # four blanks would start a code block
    assert escape.markdown(None) == ""


def test_plotly_escape_and_url_param():
    assert escape.plotly('<a href="x">&amp;</a>') == '&lt;a href="x"&gt;&amp;amp;&lt;/a&gt;'
    assert escape.url_param(CODE) == "K%3Cb%3E%26%221%20%23%3F%2Fx"


def _groups(dim: str, codes: list, **cols) -> pd.DataFrame:
    return pd.DataFrame(
        {dim: codes, **{k: [v] * len(codes) if not isinstance(v, list) else v for k, v in cols.items()}}
    )


def _figures():
    """Every chart builder fed a group (a district, a partnership) whose label is markup."""
    dim = "kabupaten_kota"
    g = [DISTRICT, "Kab. Biasa"]
    per = _groups(
        dim,
        g,
        n_kemitraan=3,
        porsi_membaik_pct=50.0,
        ik_bawah_pct=30.0,
        ik_atas_pct=70.0,
        membaik=2,
        memburuk=1,
        baseline=1.0,
        terakhir=2.0,
        kode_indikator="mcpr_pct",
    )
    time_rows = pd.DataFrame(
        [
            {
                dim: k,
                "periode": "2024",
                "periode_mulai": pd.Timestamp("2024-01-01"),
                "nilai": 5.0,
                "target": 6.0,
                "kode_indikator": "mcpr_pct",
                "n_kemitraan": 2,
                "cakupan_pct": 10.0,
            }
            for k in g
        ]
    )
    principles = pd.DataFrame(
        [{dim: k, "prinsip": p, "skor": 70.0, "rata_rata": 3.8, "n": 6} for k in g for p in health.contract.PRINCIPLES]
    )
    yield common.group_bars(_groups(dim, g, v=[1.0, 2.0], n_kemitraan=3), dim, "v", "t", "u", "id")
    yield common.trend_lines(time_rows, dim, "nilai", "t", "u", "id", kode="mcpr_pct", target="target")
    yield reach.reach_reached_vs_target(
        _groups(dim, g, terjangkau=5.0, target_terjangkau=6.0, capaian_pct=80.0), dim, "id"
    )
    money = _groups(
        dim, g, dana_komitmen_idr=1e9, dana_realisasi_idr=8e8, realisasi_pct=80.0, porsi_dana_lokal_pct=20.0
    )
    yield sustainability.funds_chart(money, dim, "id")
    yield sustainability.realisation_and_local_share(money, dim, "id", "t")
    yield sustainability.status_chart(_groups(dim, g, n_aktif=1, n_selesai=1, n_kemitraan=2, usia_tahun=2.0), dim, "id")
    yield impact.impact_share_chart(per, dim, "id")
    yield impact.impact_group_bars(per, dim, "id", "t")
    yield impact.outcome_trend(time_rows, "mcpr_pct", dim, "id")
    yield health.health_principles(principles, dim, "id")
    yield health.satisfaction_chart(
        _groups(dim, g, skor=[60.0, 70.0], zona="kuat", rata_rata=3.5, puas_pct=60.0, n=6), dim, "id"
    )
    yield explore.compare_bars(
        pd.DataFrame(
            {"kode_kemitraan": [CODE, "B"], "nama_kemitraan": [NAME, "Biasa"], "indeks_jangkauan": [50.0, 60.0]}
        ),
        "kode_kemitraan",
        [("indeks_jangkauan", "Indeks")],
        "id",
        "t",
    )
    yield explore.pivot_heatmap(
        pd.DataFrame({dim: g, "tahun": ["2024", "2024"], "nilai": [1.0, 2.0]}), dim, "tahun", "terjangkau", "id"
    )
    yield common.trend_lines(
        time_rows.assign(kode_kemitraan=[CODE, CODE + "2"]), "kode_kemitraan", "nilai", "t", "u", "id"
    )
    # the map's names come from the catalog, yet its hover escapes them like any label
    areas = pd.DataFrame(
        {
            "wilayah_kode": ["32", "33"],
            "wilayah": [DISTRICT, DISTRICT],
            "provinsi_kode": ["32", "33"],
            "penduduk": [1000, 1000],
            "n_kemitraan": [1, 0],
            "n_nilai": [1, 0],
            "nilai": [3.0, None],
            "target": [None, None],
            "nilai_bertarget": [3.0, None],
            "nilai_peta": [3.0, None],
            "status": ["data", "tanpa_data"],
        }
    )
    yield geography.area_map(AreaValues("provinsi", "terjangkau", areas), "id")


@pytest.mark.parametrize("fig", list(_figures()), ids=lambda f: f.layout.title.text or "fig")
def test_every_chart_escapes_labels_from_data(fig):
    strings = plotly_strings(fig.to_plotly_json())
    assert not any(re.search(r"<(a |img|script|b>)", s) for s in strings), [s for s in strings if "<a " in s][:3]
    assert any("&lt;" in s for s in strings)  # the label is there, escaped, and Plotly shows it as typed


# --- the pages ---------------------------------------------------------------------------------------------


@pytest.fixture
def hostile(demo_store, monkeypatch):
    add_hostile(demo_store)
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(demo_store.root))

    def run(page: str, **params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=120)
        for k, v in params.items():
            at.query_params[k] = v
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def test_the_profile_shows_the_name_literally_also_when_the_code_comes_from_the_url(hostile):
    at = hostile("pages/profil_kemitraan.py", kode=CODE)
    assert escape.shown(at.header[0].value) == NAME
    grid = " ".join(escape.shown(m.value) for m in at.markdown)
    for text in (DISTRICT, LEAD, *PARTNERS):
        assert text in grid
    assert_text_only(at)
    # a code that is not in the store, reflected from the URL
    at = hostile("pages/profil_kemitraan.py", kode=NAME)
    assert escape.shown(at.error[0].value).endswith(f"{NAME} tidak ditemukan.")
    assert_text_only(at)


def test_compare_by_partnership_names_it_literally_in_charts_and_links(hostile):
    at = hostile("pages/bandingkan.py", banding="kode_kemitraan", anggota_kode_kemitraan=[CODE, "DEMO-00001"])
    specs = " ".join(" ".join(plotly_strings(c.proto.spec)) for c in at.get("plotly_chart"))
    assert escape.plotly(NAME) in specs and escape.plotly(CODE) in specs
    links = [escape.shown(p.proto.label) for p in at.get("page_link")]
    assert f"{CODE} — {NAME}" in links
    assert_text_only(at)
    table = at.dataframe[-1].value
    assert f"profil_kemitraan?kode={escape.url_param(CODE)}" in set(table["profil"])


@pytest.mark.parametrize("page", [p for p, _ in app_pages()])
def test_every_page_keeps_markup_from_data_as_text(hostile, page):
    assert_text_only(hostile(page, kategori="internasional", kode=CODE))
