"""The indices against values computed by hand (the arithmetic is written out in each test)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kemitraan.i18n import t
from kemitraan.methods import indices


def _long(rows):
    return pd.DataFrame(rows, columns=["kategori", "kode_indikator", "nilai", "target"])


def test_reach_index_by_hand():
    df = _long(
        [
            # group A: coverage 600/1000 = 0.6; attainment terjangkau 600/500 = 120 % (uncapped, as reported);
            # composite attainment: terjangkau capped 1.0, peserta_kb_baru 30/60 = 0.5 → mean 0.75;
            # index = (0.6 + 0.75) / 2 × 100 = 67.5
            ("A", "sasaran", 1000, None),
            ("A", "terjangkau", 600, 500),
            ("A", "kelompok_rentan_terjangkau", 150, None),
            ("A", "peserta_kb_baru", 30, 60),
            # group B: no target population, no targets → coverage NaN, attainment NaN, index NaN
            ("B", "terjangkau", 10, None),
        ]
    )
    out = indices.reach_index(df, ["kategori"]).set_index("kategori")
    assert out.loc["A", "cakupan_pct"] == pytest.approx(60.0)
    assert out.loc["A", "porsi_rentan_pct"] == pytest.approx(25.0)  # 150 / 600
    assert out.loc["A", "capaian_pct"] == pytest.approx(120.0)
    assert out.loc["A", "capaian_gabungan_pct"] == pytest.approx(75.0)
    assert out.loc["A", "indeks_jangkauan"] == pytest.approx(67.5)
    assert math.isnan(out.loc["B", "indeks_jangkauan"])
    assert math.isnan(out.loc["B", "cakupan_pct"])


def test_reach_index_coverage_over_100_is_reported_but_capped_in_index():
    df = _long([("A", "sasaran", 100, None), ("A", "terjangkau", 250, None)])
    out = indices.reach_index(df, ["kategori"])
    assert out["cakupan_pct"].iloc[0] == pytest.approx(250.0)
    assert out["indeks_jangkauan"].iloc[0] == pytest.approx(100.0)


def test_reach_index_without_groups():
    df = _long([("A", "sasaran", 400, None), ("A", "terjangkau", 100, None)]).drop(columns="kategori")
    out = indices.reach_index(df, [])
    assert out["indeks_jangkauan"].iloc[0] == pytest.approx(25.0)


def test_sustainability_index_by_hand():
    df = _long(
        [
            # S1 = 80/100 = 0.8; S2 = 30/100 = 0.3; S3 = 2/3; S4 = mean(min(1, 12/10), 3/6) = mean(1, 0.5) = 0.75
            # index = (0.8 + 0.3 + 0.666… + 0.75) / 4 × 100 = 62.9166…
            ("A", "dana_komitmen_idr", 100, None),
            ("A", "dana_realisasi_idr", 80, None),
            ("A", "porsi_dana_lokal_pct", 30, None),
            ("A", "jumlah_sumber_dana", 2, None),
            ("A", "kader_dilatih", 12, 10),
            ("A", "pertemuan_koordinasi", 3, 6),
            # B: only funds, realised above committed → capped at 1 → index 100
            ("B", "dana_komitmen_idr", 50, None),
            ("B", "dana_realisasi_idr", 70, None),
        ]
    )
    out = indices.sustainability_index(df, ["kategori"]).set_index("kategori")
    assert out.loc["A", "realisasi_dana"] == pytest.approx(0.8)
    assert out.loc["A", "diversifikasi"] == pytest.approx(2 / 3)
    assert out.loc["A", "kapasitas"] == pytest.approx(0.75)
    assert out.loc["A", "indeks_keberlanjutan"] == pytest.approx((0.8 + 0.3 + 2 / 3 + 0.75) / 4 * 100)
    assert out.loc["B", "indeks_keberlanjutan"] == pytest.approx(100.0)
    assert math.isnan(out.loc["B", "dana_lokal"])


@pytest.mark.parametrize(
    "mean,score,zone,psat",
    [
        (5.0, 100.0, "kuat", "target"),
        (4.0, 75.0, "kuat", "headway"),
        (3.99, 74.75, "perlu_perhatian", "work"),
        (3.0, 50.0, "perlu_perhatian", "work"),
        (2.9, 47.5, "lemah", "danger"),
        (1.0, 0.0, "lemah", "danger"),
        (4.6, 90.0, "kuat", "target"),
    ],
)
def test_health_score_and_zone(mean, score, zone, psat):
    assert indices.health_score(mean) == pytest.approx(score)
    assert indices.health_zone(mean) == zone
    assert indices.health_zone(mean, scheme="psat") == psat


def test_health_scores_flags_small_n():
    df = pd.DataFrame({"prinsip": ["kepercayaan", "komunikasi"], "rata_rata": [4.2, 2.5], "n": [12, 4]})
    out = indices.health_scores(df).set_index("prinsip")
    assert out.loc["kepercayaan", "skor"] == pytest.approx(80.0)  # (4.2 − 1) / 4 × 100
    assert out.loc["kepercayaan", "zona"] == "kuat"
    assert not out.loc["kepercayaan", "n_kecil"]
    assert out.loc["komunikasi", "skor"] == pytest.approx(37.5)
    assert out.loc["komunikasi", "zona"] == "lemah"
    assert out.loc["komunikasi", "n_kecil"]


def test_health_overall_by_hand():
    df = pd.DataFrame(
        {
            "kategori": ["A", "A", "B"],
            "prinsip": ["kepercayaan", "komunikasi", "kepercayaan"],
            "rata_rata": [4.0, 3.0, 2.0],
            "n": [6, 5, 3],
        }
    )
    out = indices.health_overall(df, ["kategori"]).set_index("kategori")
    assert out.loc["A", "rata_rata"] == pytest.approx(3.5)
    assert out.loc["A", "skor"] == pytest.approx(62.5)
    assert out.loc["A", "zona"] == "perlu_perhatian"
    assert out.loc["B", "n_kecil"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_index_docs_complete_and_quote_constants(lang):
    docs = indices.index_docs(lang)
    assert len(docs) == len(indices.INDEX_DOCS)
    for col in ("nama", "definisi", "rumus", "satuan", "arah", "sumber"):
        assert docs[col].str.len().gt(0).all(), col
    zones = docs.set_index("kode").loc["zona_kesehatan"]
    assert f"{indices.STRONG_SCORE:.0f}" in zones["rumus"]  # thresholds on the one 0–100 scale …
    assert (
        str(indices.WILDER_STRONG_MIN).replace(".", "," if lang == "id" else ".") in zones["definisi"]
        or str(indices.WILDER_STRONG_MIN) in zones["definisi"]
    )  # … said to be Wilder's on the 1–5 mean
    assert "Wilder" in zones["sumber"] and "PSAT" in zones["sumber"]
    assert t("metode.skor_kesehatan.rumus", lang).endswith("× 100")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_index_docs_describe_every_rule_with_the_constants_in_force(lang):
    from kemitraan import contract
    from kemitraan.methods import rules

    docs = indices.index_docs(lang).set_index("kode")
    # the rules under every figure, and impact as the code computes it (the first-vs-last index is gone)
    for key in (
        "periode",
        "agregasi",
        "penyebut",
        "stok",
        "ditandai",
        "kelengkapan",
        "capaian",
        "biaya_per_kontak",
        "dampak_membaik",
        "dampak_kohort",
    ):
        assert key in docs.index, key
    assert not {"perubahan_dampak", "indeks_dampak"} & set(docs.index)
    assert f"{rules.OUTLIER_FACTOR:g} ×" in docs.loc["ditandai", "rumus"]
    assert str(contract.REPORT_ON_TIME_DAYS) in docs.loc["kelengkapan", "definisi"]
    assert str(rules.WINDOW_MONTHS) in docs.loc["dampak_kohort", "rumus"]
    assert "Wilson" in docs.loc["dampak_membaik", "rumus"] and "Δmin" in docs.loc["dampak_membaik", "rumus"]
    mcpr = contract.indicator("mcpr_pct")
    assert f"{mcpr.label(lang)} {mcpr.perubahan_min:g} " in docs.loc["dampak_membaik", "definisi"]
    assert "Σ(" in docs.loc["penyebut", "rumus"] and "Σ penyebut" in t("metode.penyebut.rumus", "id")
    # composites say so in their name
    for key in ("indeks_jangkauan", "indeks_keberlanjutan"):
        assert ("gabungan" if lang == "id" else "Composite") in docs.loc[key, "nama"]
