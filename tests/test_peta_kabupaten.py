"""The kabupaten/kota map (issue 24): drawn from the shipped boundaries when one province is chosen or by
``?tingkat=kabupaten``; per population or per target as the catalog says, recomputed here in SQL from the lake and
the catalog's population file; areas without data drawn as such, never as 0; both languages.

The store is built by hand (:func:`build`), the whole of 2024:

- **J1** Jawa Timur · Kota Surabaya (35.78) · monthly Jan–Mar: 300, 200, 100 contacts (target 250 each); active FP
  users 900 of a target of 1,000 (yearly); mCPR 50 % of 1,000 women;
- **J2** Jawa Timur · Kota Surabaya · quarterly Q1–Q2: 400, 500 contacts; active users 600 of a target of 500; mCPR
  60 % of 3,000 women;
- **J3** Jawa Timur · Kabupaten Malang (35.07) · yearly: 1,000 contacts; active users 700 **without a target**;
- **J4** Jawa Timur, **no kabupaten/kota**: 50 contacts (cannot be placed on the kabupaten/kota map);
- **B1** Jawa Barat · Kabupaten Bogor (32.01): 2,000 contacts.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import duckdb
import pytest
from conftest import APP, ROOT, indicator_row, partnership, write
from streamlit.testing.v1 import AppTest

from kemitraan import contract
from kemitraan.charts import geography as cgeography
from kemitraan.export import deck
from kemitraan.queries import geography
from kemitraan.queries.filters import Filters

F = Filters(period_from=dt.date(2024, 1, 1), period_to=dt.date(2024, 12, 1))
JATIM = Filters(F.period_from, F.period_to, provinsi=("35",))
SURABAYA, MALANG, BOGOR = "35.78", "35.07", "32.01"
CATALOG = ROOT / "kemitraan" / "catalog"


def _place(kode: str, prov: str, kab: str | None) -> dict:
    names = {SURABAYA: "Kota Surabaya", MALANG: "Kabupaten Malang", BOGOR: "Kabupaten Bogor"}
    return partnership(
        kode,
        provinsi_kode=prov,
        provinsi={"35": "Jawa Timur", "32": "Jawa Barat"}[prov],
        kabupaten_kota=names.get(kab),
        kabupaten_kode=kab,
    )


def build(store):
    rows = [
        indicator_row("J1", p, "terjangkau", v, 250) for p, v in (("2024-01", 300), ("2024-02", 200), ("2024-03", 100))
    ]
    rows += [
        indicator_row("J1", "2024", "peserta_kb_aktif", 900, 1000),
        indicator_row("J1", "2024", "mcpr_pct", 50, penyebut=1000),
    ]
    rows += [indicator_row("J2", p, "terjangkau", v) for p, v in (("2024-Q1", 400), ("2024-Q2", 500))]
    rows += [
        indicator_row("J2", "2024", "peserta_kb_aktif", 600, 500),
        indicator_row("J2", "2024", "mcpr_pct", 60, penyebut=3000),
    ]
    rows += [indicator_row("J3", "2024", "terjangkau", 1000), indicator_row("J3", "2024", "peserta_kb_aktif", 700)]
    rows += [indicator_row("J4", "2024", "terjangkau", 50), indicator_row("B1", "2024", "terjangkau", 2000)]
    write(
        store,
        "awal",
        kemitraan=[
            _place("J1", "35", SURABAYA),
            _place("J2", "35", SURABAYA),
            _place("J3", "35", MALANG),
            _place("J4", "35", None),
            _place("B1", "32", BOGOR),
        ],
        indikator=rows,
    )
    return store


@pytest.fixture(scope="module")
def kstore(tmp_path_factory):
    from kemitraan.storage.store import Store

    return build(Store(tmp_path_factory.mktemp("peta") / "data"))


@pytest.fixture(scope="module")
def qcon(kstore):
    con = kstore.connect(materialize=True)  # as the app reads it
    yield con
    con.close()


@pytest.fixture(scope="module")
def lake(kstore):
    """``lk``/``li``: the latest row per key of the live Parquet files; ``pop``: the catalog's population files."""
    con = duckdb.connect()
    for kind, name, key in (
        ("kemitraan", "lk", "kode_kemitraan"),
        ("indikator", "li", "kode_kemitraan, periode, kode_indikator"),
    ):
        con.execute(
            f"""CREATE TABLE {name} AS SELECT * EXCLUDE (_seq, _batch)
                        FROM read_parquet($files, union_by_name = true) WHERE _seq IS NOT NULL
                        QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY _seq DESC) = 1""",
            {"files": [str(p) for p in kstore.live_files(kind)]},
        )
    con.execute(
        """CREATE TABLE pop AS
        SELECT kode_kemendagri AS kode, penduduk_2025 AS penduduk FROM read_csv($kab, all_varchar = true)
        UNION ALL SELECT kode_bps, penduduk_2025 FROM read_csv($prov, all_varchar = true)""",
        {"kab": str(CATALOG / "kabupaten.csv"), "prov": str(CATALOG / "provinsi.csv")},
    )
    yield con
    con.close()


def per_area(lake, sql: str, col: str) -> dict[str, float]:
    """``{area: value}`` from a query over the lake grouped by the partnership column ``col`` (the whole of 2024)."""
    rows = lake.execute(f"""WITH r AS (SELECT li.*, lk.{col} AS area FROM li JOIN lk USING (kode_kemitraan)
                                       WHERE li.periode_mulai BETWEEN DATE '2024-01-01' AND DATE '2024-12-01'
                                         AND lk.{col} IS NOT NULL)
                            {sql}""").fetchall()
    return {a: float(v) for a, v in rows if v is not None}


def _jatim_codes() -> set[str]:
    """The kabupaten/kota of Jawa Timur as the shipped boundary file holds them."""
    return {ft["id"] for ft in contract.boundaries("kabupaten")["features"] if ft["id"].startswith("35.")}


# --- the figures, recomputed ------------------------------------------------------------------------------------


@pytest.mark.parametrize("level, f", [("kabupaten", JATIM), ("provinsi", F)])
def test_contacts_per_1000_people_recomputed_from_the_lake(qcon, lake, level, f):
    col = {"kabupaten": "kabupaten_kode", "provinsi": "provinsi_kode"}[level]
    expected = per_area(
        lake,
        """SELECT area, sum(nilai) / any_value(CAST(pop.penduduk AS DOUBLE)) * 1000
                                 FROM r JOIN pop ON pop.kode = r.area WHERE kode_indikator = 'terjangkau'
                                 GROUP BY area""",
        col,
    )
    av = geography.area_values(qcon, f, "terjangkau", level)
    got = {r.wilayah_kode: r.nilai_peta for r in av.with_data.itertuples()}
    if level == "kabupaten":
        assert set(got) == {SURABAYA, MALANG}  # Bogor lies outside the chosen province; J4 has no area
        assert av.n_tanpa_wilayah == 1
        expected = {k: v for k, v in expected.items() if k.startswith("35.")}
    else:
        assert av.n_tanpa_wilayah == 0  # every partnership has its province
    assert got == pytest.approx(expected)
    assert got[SURABAYA if level == "kabupaten" else "35"] > 0


def test_family_planning_users_as_share_of_their_target(qcon, lake):
    expected = per_area(
        lake,
        """SELECT area, sum(nilai) FILTER (WHERE target > 0) / sum(target) * 100
                                 FROM r WHERE kode_indikator = 'peserta_kb_aktif' GROUP BY area""",
        "kabupaten_kode",
    )
    av = geography.area_values(qcon, JATIM, "peserta_kb_aktif", "kabupaten")
    frame = av.frame.set_index("wilayah_kode")
    assert frame.loc[SURABAYA, "nilai_peta"] == pytest.approx(expected[SURABAYA]) == pytest.approx(100.0)
    # Malang reported users but no target: no share to show, said as such, not 0 and not "no data"
    assert math.isnan(frame.loc[MALANG, "nilai_peta"]) and frame.loc[MALANG, "status"] == "tanpa_target"
    assert frame.loc[MALANG, "nilai"] == 700


def test_a_rate_is_mapped_as_the_rate_weighted_by_its_denominator(qcon, lake):
    expected = per_area(
        lake,
        """SELECT area, sum(nilai * penyebut) / sum(penyebut) FROM r
                                 WHERE kode_indikator = 'mcpr_pct' GROUP BY area""",
        "kabupaten_kode",
    )
    av = geography.area_values(qcon, JATIM, "mcpr_pct", "kabupaten")
    assert {r.wilayah_kode: r.nilai_peta for r in av.with_data.itertuples()} == pytest.approx(expected)
    assert expected[SURABAYA] == pytest.approx(57.5)


def test_areas_without_data_stay_without_a_value(qcon):
    av = geography.area_values(qcon, JATIM, "terjangkau", "kabupaten")
    frame = av.frame.set_index("wilayah_kode")
    assert set(frame.index) == _jatim_codes() and len(frame) == 38
    empty = frame.drop(index=[SURABAYA, MALANG])
    assert empty["nilai_peta"].isna().all() and empty["nilai"].isna().all()
    assert set(empty["status"]) == {"tanpa_data"}
    # a kabupaten/kota filter leaves the others out, said as such
    one = geography.area_values(
        qcon, Filters(F.period_from, F.period_to, provinsi=("35",), kabupaten=(MALANG,)), "terjangkau", "kabupaten"
    ).frame.set_index("wilayah_kode")
    assert one.loc[MALANG, "status"] == "data" and one.loc[SURABAYA, "status"] == "di_luar_filter"


def test_the_level_follows_one_province_or_the_switch():
    assert geography.map_level(Filters()) == "provinsi"
    assert geography.map_level(Filters(provinsi=("35",))) == "kabupaten"
    assert geography.map_level(Filters(provinsi=("35", "32"))) == "provinsi"
    assert geography.map_level(Filters(provinsi=("35", "32")), "kabupaten") == "kabupaten"
    assert geography.map_level(Filters(), "kabupaten") == "kabupaten"


# --- the figure -------------------------------------------------------------------------------------------------


def _locations(spec: dict) -> list[str]:
    return [loc for tr in spec["data"] for loc in tr["locations"]]


def _by_area(spec: dict) -> dict[str, tuple[dict, int]]:
    return {loc: (tr, i) for tr in spec["data"] for i, loc in enumerate(tr["locations"])}


@pytest.mark.parametrize(
    "lang, no_data, unit", [("id", "tidak ada data", "per 1.000 penduduk"), ("en", "no data", "per 1,000 people")]
)
def test_one_province_draws_each_of_its_kabupaten_once_no_data_grey(qcon, lang, no_data, unit):
    av = geography.area_values(qcon, JATIM, "terjangkau", "kabupaten")
    spec = cgeography.area_map(av, lang).to_plotly_json()
    locs = _locations(spec)
    assert sorted(locs) == sorted(_jatim_codes())  # one location per kabupaten/kota, from the shipped boundaries
    for tr in spec["data"]:  # every location has its own boundary in the figure
        assert {ft["id"] for ft in tr["geojson"]["features"]} == set(tr["locations"])
    areas = _by_area(spec)
    data_trace, i = areas[SURABAYA]
    assert data_trace["z"][i] == pytest.approx(1500 / contract.areas()[SURABAYA].penduduk * 1000)
    assert "Kota Surabaya" in data_trace["customdata"][i][1] and unit in data_trace["customdata"][i][1]
    grey, j = areas["35.01"]  # Pacitan: no partnership
    assert grey is not data_trace and grey["colorscale"][0][1] == grey["colorscale"][-1][1] == cgeography.NO_DATA_FILL
    assert grey["customdata"][j][1].endswith(no_data)
    assert grey["customdata"][j][0] is None  # not clickable: the kabupaten filter does not offer it
    assert data_trace["customdata"][i][0] == SURABAYA  # a click filters by this code
    assert not any(z == 0 for z in data_trace["z"])  # no area without data hides among the values as 0
    assert unit in json.dumps(data_trace["colorbar"]["title"]["text"]).replace("<br>", " ")


# --- the page ----------------------------------------------------------------------------------------------------


@pytest.fixture
def page(kstore, monkeypatch):
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(kstore.root))

    def run(lang: str = "id", name: str = "peta", **params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=120)
        for k, v in {"periode": ["2024-01", "2024-12"], **params}.items():
            at.query_params[k] = v
        if lang == "en":
            at.query_params["lang"] = "en"
        at.switch_page(f"pages/{name}.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def _map(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def _param(at: AppTest, key: str):
    v = at.query_params.get(key)
    return v[0] if isinstance(v, list) and len(v) == 1 else v


@pytest.mark.parametrize(
    "lang, words",
    [
        (
            "id",
            (
                "Di kabupaten/kota mana di Jawa Timur",
                "2 dari 38 kabupaten/kota punya data",
                "1 kemitraan tanpa kabupaten/kota tidak dipetakan",
                "Satu provinsi dipilih",
            ),
        ),
        (
            "en",
            (
                "Where in Jawa Timur",
                "2 of 38 kabupaten/kota have data",
                "1 partnership without a kabupaten/kota not mapped",
                "One province is chosen",
            ),
        ),
    ],
)
def test_page_with_one_province_shows_its_kabupaten(page, lang, words):
    at = page(lang, provinsi="35")
    spec = _map(at)
    assert sorted(_locations(spec)) == sorted(_jatim_codes())
    assert words[0] in spec["layout"]["title"]["text"].replace("<br>", " ")
    captions = " ".join(c.value for c in at.caption)
    for w in words[1:]:
        assert w in captions, w
    # no level switch to flip: one province is a kabupaten/kota map
    assert [sc.key for sc in at.get("segmented_control") if sc.key.startswith("tingkat")] == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_tingkat_in_the_url_is_read_and_written(page, lang):
    at = page(lang, tingkat="kabupaten")
    assert at.segmented_control(key=f"tingkat_{lang}").value == "kabupaten"
    assert len(_locations(_map(at))) == 514
    at.segmented_control(key=f"tingkat_{lang}").set_value("provinsi").run()
    assert _param(at, "tingkat") is None  # the default is not written
    assert len(_locations(_map(at))) == 38
    at.segmented_control(key=f"tingkat_{lang}").set_value("kabupaten").run()
    assert _param(at, "tingkat") == "kabupaten"  # the level a copied link keeps
    assert len(_locations(_map(at))) == 514


def test_a_click_on_a_kabupaten_becomes_the_sidebar_filter(page):
    at = page("id", provinsi="35")
    at.session_state["_pending_filters"] = {"kabupaten": [MALANG]}  # what a click on Malang asks for (select_chart)
    at.run()
    assert not at.exception
    assert _param(at, "kabupaten") == MALANG and _param(at, "provinsi") == "35"
    spec = _map(at)
    assert sorted(_locations(spec)) == sorted(_jatim_codes())  # still the province's map, Malang alone coloured
    data_trace = next(tr for tr in spec["data"] if tr["name"] == contract.indicator("terjangkau").label("id"))
    assert data_trace["locations"] == [MALANG]


# --- the slides ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_map_slide_follows_the_page(qcon, lang):
    country = deck.peta(qcon, F, lang)
    assert len(_locations(country.figure.to_plotly_json())) == 38
    one = deck.peta(qcon, JATIM, lang)
    assert sorted(_locations(one.figure.to_plotly_json())) == sorted(_jatim_codes())
    # largest first: Surabaya 1,500 contacts of 3.0 M people (0.50 per 1,000), Malang 1,000 of 2.7 M (0.37)
    assert list(one.table.iloc[:, 0]) == ["Kota Surabaya", "Kabupaten Malang"]
    assert one.table.columns[1] == (
        "kontak layanan per 1.000 penduduk" if lang == "id" else "service contacts per 1,000 people"
    )
    assert (
        "Kota Surabaya (0,50 kontak layanan per 1.000 penduduk)" in one.title
        if lang == "id"
        else "Kota Surabaya (0.50 service contacts per 1,000 people)" in one.title
    )


@pytest.mark.parametrize(
    "lang, head", [("id", "kontak layanan per 1.000 penduduk"), ("en", "service contacts per 1,000 people")]
)
def test_pptx_and_offline_html_carry_the_kabupaten_map(qcon, kstore, lang, head):
    import io
    import re

    from pptx import Presentation

    from kemitraan.export import html_export, pptx_export

    d = deck.build_deck(qcon, kstore, JATIM, lang, "peta")
    prs = Presentation(io.BytesIO(pptx_export.to_pptx(d)))
    tables = [sh.table for sh in prs.slides[1].shapes if sh.has_table]
    assert {tb.cell(0, 1).text for tb in tables} == {head}  # each side-by-side table headed with the map's unit
    assert [r.cells[0].text for tb in tables for r in list(tb.rows)[1:]] == ["Kota Surabaya", "Kabupaten Malang"]
    html = html_export.to_html(d)
    figure = json.loads(re.search(r'Plotly\.newPlot\(\s*"fig-peta",\s*(\[.*?\]),\s*\{', html, re.S).group(1))
    assert sorted(loc for tr in figure for loc in tr["locations"]) == sorted(_jatim_codes())
    assert "Kabupaten Malang" in html and head in html


def test_presentasi_shows_the_kabupaten_map_of_the_chosen_province(page):
    at = page("en", "presentasi", provinsi="35", slides="peta")
    spec = _map(at)
    assert sorted(_locations(spec)) == sorted(_jatim_codes())
    assert "highest in Kota Surabaya (0.50 service contacts per 1,000 people)" in " ".join(
        h.proto.body for h in at.get("html")
    )
