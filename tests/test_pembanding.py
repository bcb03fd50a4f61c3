"""Comparison areas (docs/METHODS.md §13) on a small store built by hand: the changes, their difference, its Welch
interval and n computed here independently (SQL and arithmetic written for the test) and compared with the query,
``angka --json`` and the Dampak page, in both languages; the reference lines on the trend."""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
import pytest
from conftest import APP, indicator_row, partnership, write
from streamlit.testing.v1 import AppTest

from kemitraan import contract
from kemitraan.cli import main
from kemitraan.labels import fmt_change
from kemitraan.methods.comparison import t_quantile, welch_difference
from kemitraan.queries import reference
from kemitraan.queries.filters import Filters

YEARS = (2022, 2023, 2024)
# kabupaten/kota -> stunting % in 2022, 2023, 2024 (None: no value that year)
KAB = {
    "32.01": (30.0, 28.0, 25.0),  # P1 works here (reports stunting)
    "32.04": (28.0, 27.5, 24.0),  # P2
    "32.73": (22.0, 21.0, 20.5),  # P4 (publik_swasta)
    "32.02": (26.0, 25.0, 24.0),  # P3 works here but reports no stunting: in neither group
    "32.03": (27.0, 26.5, 26.0),  # comparison
    "32.05": (31.0, 30.0, 29.5),  # comparison
    "32.06": (24.0, 24.0, 23.0),  # comparison
    "32.07": (25.0, 24.0, None),  # no value in the last year: left out
    "33.01": (20.0, 19.0, 15.0),  # another province: left out
}


def _ref(kode: str, year: int, nilai: float, sumber: str = "SSGI uji") -> dict:
    m = contract.match_region(kode)
    return {
        "wilayah": m.nama,
        "wilayah_kode": m.kode,
        "tingkat_wilayah": m.tingkat,
        "provinsi_kode": m.provinsi_kode,
        "kode_indikator": "stunting_pct",
        "periode": str(year),
        "periode_mulai": dt.date(year, 1, 1),
        "jenis_periode": "tahun",
        "nilai": nilai,
        "sumber": sumber,
    }


@pytest.fixture
def cstore(store):
    parts = [
        partnership("P1", bidang="gizi", kabupaten_kode="32.01", kabupaten_kota="Kabupaten Bogor"),
        partnership("P2", bidang="gizi", kabupaten_kode="32.04", kabupaten_kota="Kabupaten Bandung"),
        partnership("P3", bidang="kb", kabupaten_kode="32.02", kabupaten_kota="Kabupaten Sukabumi"),
        partnership(
            "P4", bidang="gizi", kategori="publik_swasta", kabupaten_kode="32.73", kabupaten_kota="Kota Bandung"
        ),
    ]
    rows = [
        indicator_row(k, str(y), "stunting_pct", v, penyebut=1000)
        for k, vals in (("P1", (30, 28, 26)), ("P2", (29, 27, 25)), ("P4", (22, 21, 21)))
        for y, v in zip(YEARS, vals)
    ]
    rows += [indicator_row("P3", str(y), "mcpr_pct", 55 + i, penyebut=1000) for i, y in enumerate(YEARS)]
    refs = [_ref(k, y, v) for k, vals in KAB.items() for y, v in zip(YEARS, vals) if v is not None]
    refs += [_ref("32.03", 2021, 40.0)]  # outside the range: never the first year
    refs += [_ref("ID", y, v, f"SSGI {y}") for y, v in zip(YEARS, (21.6, 21.5, 19.8))]
    refs += [_ref("32", y, v, f"SSGI {y}") for y, v in zip(YEARS, (20.2, 21.7, 15.9))]
    write(store, "b1", kemitraan=parts, indikator=rows, rujukan=refs)
    return store


def _independent(con, kategori: tuple[str, ...] = ()) -> dict:
    """The groups' changes by SQL written for the test: self-joins of the first and last year, areas chosen by
    NOT EXISTS, the range's years from the indicator reports."""
    first, last = con.execute("SELECT min(year(periode_mulai)), max(year(periode_mulai)) FROM indikator").fetchone()
    where = "AND k.kategori IN (SELECT unnest($kat::VARCHAR[]))" if kategori else ""
    changes = con.execute(
        f"""
        SELECT b.wilayah_kode, b.nilai - a.nilai AS d,
               EXISTS (SELECT 1 FROM kemitraan k JOIN indikator i USING (kode_kemitraan)
                       WHERE k.kabupaten_kode = a.wilayah_kode AND i.kode_indikator = 'stunting_pct' {where}) AS mitra,
               NOT EXISTS (SELECT 1 FROM kemitraan k WHERE k.kabupaten_kode = a.wilayah_kode) AS bebas
        FROM rujukan a JOIN rujukan b ON a.wilayah_kode = b.wilayah_kode AND a.kode_indikator = b.kode_indikator
        WHERE a.kode_indikator = 'stunting_pct' AND a.tingkat_wilayah = 'kabupaten'
          AND a.periode = CAST($first AS VARCHAR) AND b.periode = CAST($last AS VARCHAR)
          AND a.provinsi_kode IN (SELECT provinsi_kode FROM kemitraan k JOIN indikator i USING (kode_kemitraan)
                                  WHERE i.kode_indikator = 'stunting_pct' {where})
        ORDER BY 1""",
        {"first": first, "last": last, **({"kat": list(kategori)} if kategori else {})},
    ).fetchall()
    a = [d for _, d, mitra, _ in changes if mitra]
    b = [d for _, d, mitra, bebas in changes if not mitra and bebas]
    return {"first": first, "last": last, "a": a, "b": b, "areas_a": [w for w, _, m, _ in changes if m]}


def _welch(a: list[float], b: list[float]) -> tuple[float, float, float]:
    """difference, half-width, df: Welch's formulas written out."""
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    va = sum((x - ma) ** 2 for x in a) / (len(a) - 1) / len(a)
    vb = sum((x - mb) ** 2 for x in b) / (len(b) - 1) / len(b)
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    return ma - mb, t_quantile(0.975, df) * math.sqrt(va + vb), df


@pytest.mark.parametrize("df, q", [(1, 12.7062), (2, 4.3027), (4, 2.7764), (10, 2.2281), (30, 2.0423), (1e6, 1.9600)])
def test_t_quantile_matches_the_table(df, q):
    assert t_quantile(0.975, df) == pytest.approx(q, abs=1e-4)


def test_welch_needs_two_areas_a_side():
    d = welch_difference([1.0], [0.0, 1.0])
    assert d.selisih == pytest.approx(0.5) and math.isnan(d.ik_bawah) and d.n_wilayah_kemitraan == 1


def test_the_query_agrees_with_an_independent_computation(cstore):
    con = cstore.connect()
    try:
        ind = _independent(con)
        assert (ind["first"], ind["last"]) == (2022, 2024)
        assert sorted(ind["areas_a"]) == ["32.01", "32.04", "32.73"]
        areas, first, last = reference.area_changes(con, Filters(), "stunting_pct")
        c = reference.comparison(con, Filters(), "stunting_pct")
    finally:
        con.close()
    assert (first, last) == (2022, 2024) and (c["tahun_awal"], c["tahun_akhir"]) == (2022, 2024)
    assert sorted(areas.loc[areas["kelompok"] == "kemitraan", "wilayah_kode"]) == ["32.01", "32.04", "32.73"]
    assert sorted(areas.loc[areas["kelompok"] == "pembanding", "wilayah_kode"]) == ["32.03", "32.05", "32.06"]
    assert c["n_wilayah_kemitraan"] == len(ind["a"]) == 3 and c["n_wilayah_pembanding"] == len(ind["b"]) == 3
    assert c["perubahan_kemitraan"] == pytest.approx(np.mean(ind["a"]))  # (−5 −4 −1.5) / 3
    assert c["perubahan_kemitraan"] == pytest.approx(-3.5)
    assert c["perubahan_pembanding"] == pytest.approx(np.mean(ind["b"]))  # (−1 −1.5 −1) / 3
    diff, half, _df = _welch(ind["a"], ind["b"])
    assert c["selisih"] == pytest.approx(diff)
    assert (c["ik_bawah"], c["ik_atas"]) == (pytest.approx(diff - half), pytest.approx(diff + half))
    assert c["sumber"] == ["SSGI uji"]
    assert set(c) >= {
        "perubahan_kemitraan",
        "perubahan_pembanding",
        "selisih",
        "n_wilayah_kemitraan",
        "n_wilayah_pembanding",
    }


def test_filters_choose_the_partnership_areas(cstore):
    f = Filters(kategori=("pemerintah_lsm",))
    con = cstore.connect()
    try:
        ind = _independent(con, ("pemerintah_lsm",))
        c = reference.comparison(con, f, "stunting_pct")
    finally:
        con.close()
    # Kota Bandung's partnership is left out by the filter, and it is no comparison area either (one works there)
    assert (c["n_wilayah_kemitraan"], c["n_wilayah_pembanding"]) == (2, 3) == (len(ind["a"]), len(ind["b"]))
    assert c["selisih"] == pytest.approx(_welch(ind["a"], ind["b"])[0])


def test_angka_json_gives_the_same_comparison(cstore, capsys):
    assert main(["--data-dir", str(cstore.root), "angka", "--json"]) == 0
    figs = json.loads(capsys.readouterr().out)
    con = cstore.connect()
    try:
        ind = _independent(con)
    finally:
        con.close()
    got = figs["pembanding"]["stunting_pct"]
    assert {
        "perubahan_kemitraan",
        "perubahan_pembanding",
        "selisih",
        "n_wilayah_kemitraan",
        "n_wilayah_pembanding",
    } <= set(got)
    assert got["n_wilayah_kemitraan"] == 3 and got["n_wilayah_pembanding"] == 3
    assert got["selisih"] == pytest.approx(np.mean(ind["a"]) - np.mean(ind["b"]))
    assert "mcpr_pct" not in figs["pembanding"]  # no kabupaten/kota reference values for it
    for lang, word in (("id", "Wilayah pembanding"), ("en", "Comparison areas")):
        assert main(["--data-dir", str(cstore.root), "angka", "--lang", lang]) == 0
        out = capsys.readouterr().out
        assert word in out and fmt_change(got["selisih"], lang) in out


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_dampak_page_shows_the_same_figures_and_the_reference_lines(cstore, monkeypatch, lang):
    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(cstore.root))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.query_params["outcome"] = "stunting_pct"
    at.switch_page("pages/dampak.py").run()
    assert not at.exception, [e.value for e in at.exception]
    con = cstore.connect()
    try:
        ind = _independent(con)
    finally:
        con.close()
    diff, half, _ = _welch(ind["a"], ind["b"])
    metrics = {m.label: m.value for m in at.metric}
    words = {
        "id": ("Wilayah kemitraan", "Wilayah pembanding", "Selisih (kemitraan − pembanding)"),
        "en": ("Partnership areas", "Comparison areas", "Difference (partnerships − comparison)"),
    }[lang]
    assert metrics[words[0]] == fmt_change(float(np.mean(ind["a"])), lang)
    assert metrics[words[1]] == fmt_change(float(np.mean(ind["b"])), lang)
    assert metrics[words[2]] == fmt_change(diff, lang)
    captions = " ".join(c.value for c in at.caption)
    assert "3 kabupaten/kota · 2022→2024" in captions
    assert fmt_change(diff - half, lang) in captions and fmt_change(diff + half, lang) in captions
    caution = {"id": "bukan bukti dampak", "en": "not proof of effect"}[lang]
    assert any(caution in w.value for w in at.warning)
    # the trend carries the national and the province's reference lines, dashed, named with their sources
    figs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    names = [tr.get("name", "") for fig in figs for tr in fig["data"] if tr.get("line", {}).get("dash") == "dash"]
    ref_word = {"id": "rujukan", "en": "reference"}[lang]
    assert any(n.startswith("Indonesia") and ref_word in n and "SSGI 2022" in n for n in names), names
    assert any(n.startswith("Jawa Barat") and ref_word in n for n in names), names
    trend = next(fig for fig in figs if any(tr.get("name", "").startswith("Indonesia") for tr in fig["data"]))
    assert trend["layout"]["showlegend"] is True


def test_reference_lines_keep_to_the_range_and_the_provinces_asked(cstore):
    con = cstore.connect()
    try:
        lines = reference.reference_lines(
            con, Filters(dt.date(2023, 1, 1), dt.date(2024, 12, 1)), "stunting_pct", ("32",)
        )
        national = reference.reference_lines(con, Filters(), "stunting_pct")
    finally:
        con.close()
    assert list(zip(lines["wilayah_kode"], lines["tahun"], lines["nilai"])) == [
        ("ID", 2023, 21.5),
        ("ID", 2024, 19.8),
        ("32", 2023, 21.7),
        ("32", 2024, 15.9),
    ]
    assert set(national["wilayah_kode"]) == {"ID"} and sorted(national["tahun"]) == [2022, 2023, 2024]
