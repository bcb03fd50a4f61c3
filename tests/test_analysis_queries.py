"""Every analytical query against a small store built by hand; expected values worked out in comments.

The store (fixture ``qcon``):

- P1 pemerintah_lsm, kb, Jawa Barat (32), monthly Jan–Jun 2024:
  terjangkau 10, 20, 30, 40, 50, 60 (target 20 each); sasaran 1200 (Jan–May), 1500 (Jun);
  mcpr_pct 50, 50, 50, 60, 60, 60 (penyebut 1000 each); peserta_kb_aktif 100, 200, …, 600.
- P2 pemerintah_lsm, kia, Jawa Tengah (33), quarterly 2024-Q1, Q2:
  terjangkau 300, 300 (target 400, 400); sasaran 2400, 2400; mcpr_pct 40, 44 (penyebut 2000 each);
  dana_komitmen_idr 100, 100; dana_realisasi_idr 80, 80; porsi_dana_lokal_pct 20, 40; jumlah_sumber_dana 2, 3.
- P3 publik_swasta, gizi, Jawa Barat, yearly 2023, 2024: terjangkau 1000, 1500 (1400 first, corrected
  to 1500 by a second batch); stunting_pct 30, 27. Ended 2024-06-30.
- P4 nirlaba, promkes, Bali (51), monthly, reports Jan, Feb, Apr 2024 only: layanan 100, 100, 1000
  (an extra zero); mcpr_pct 120 in Jan (above the catalog's max of 100).
- Survey: P1 r1 all 5 (kepuasan 5, tantangan koordinasi+pendanaan); P1 r2 all 3 but kepercayaan 1
  (kepuasan 2, tantangan pendanaan); P3 r3 all 4 (kepuasan 4, no challenge).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import build_analysis_store

from kemitraan import contract
from kemitraan.queries import explore as qexplore
from kemitraan.queries import geography as qgeography
from kemitraan.queries import impact as qimpact
from kemitraan.queries import indicators, profile, quality, survey
from kemitraan.queries import reach as qreach
from kemitraan.queries import sustainability as qsustainability
from kemitraan.queries.filters import Filters

D = dt.date


@pytest.fixture(scope="module")
def qstore(tmp_path_factory):
    return build_analysis_store(tmp_path_factory.mktemp("qstore"))


@pytest.fixture(scope="module")
def qcon(qstore):
    con = qstore.connect(materialize=True)
    yield con
    con.close()


def _val(df, **where):
    m = pd.Series(True, index=df.index)
    for k, v in where.items():
        m &= df[k] == v
    sel = df[m]
    assert len(sel) == 1, (where, sel)
    return sel.iloc[0]


ALL = Filters()


def test_yearly_aggregation_follows_catalog_rules(qcon):
    s = indicators.indicator_series(
        qcon, ALL, ["terjangkau", "sasaran", "mcpr_pct", "peserta_kb_aktif"], "tahun", "kategori"
    )
    g = dict(kategori="pemerintah_lsm", periode="2024")
    reached = _val(s, kode_indikator="terjangkau", **g)
    assert reached["nilai"] == 810  # flow: P1 10+…+60 = 210, P2 300+300 = 600
    assert reached["target"] == 920  # 6 × 20 + 2 × 400
    assert reached["n_kemitraan"] == 2
    assert _val(s, kode_indikator="sasaran", **g)["nilai"] == 3900  # stock: last of P1 (1500) + last of P2 (2400)
    assert _val(s, kode_indikator="peserta_kb_aktif", **g)["nilai"] == 600  # stock: June value, not the sum
    # rate, pooled by its own denominator: (330 × 1000 + 84 × 2000) / (6 × 1000 + 2 × 2000) = 49.8
    mcpr = _val(s, kode_indikator="mcpr_pct", **g)
    assert mcpr["nilai"] == pytest.approx(49.8) and mcpr["tertimbang"]
    assert _val(s, kode_indikator="terjangkau", kategori="publik_swasta", periode="2024")["nilai"] == 1500  # corrected


def test_quarterly_and_monthly_grain(qcon):
    s = indicators.indicator_series(qcon, ALL, ["terjangkau", "sasaran"], "triwulan", "kategori")
    assert (
        _val(s, kode_indikator="terjangkau", kategori="pemerintah_lsm", periode="2024-Q1")["nilai"] == 360
    )  # 60 + 300
    assert (
        _val(s, kode_indikator="terjangkau", kategori="pemerintah_lsm", periode="2024-Q2")["nilai"] == 450
    )  # 150 + 300
    assert _val(s, kode_indikator="sasaran", kategori="pemerintah_lsm", periode="2024-Q2")["nilai"] == 3900
    assert "2024" not in set(s["periode"])  # P3's yearly reports cannot be split into quarters
    m = indicators.indicator_series(qcon, ALL, ["terjangkau"], "bulan", "kategori")
    jan = _val(m, kategori="pemerintah_lsm", periode="2024-01")
    assert jan["nilai"] == 10  # P2's quarterly report is left out of the monthly view …
    assert indicators.coarser_reports(qcon, Filters(kategori=("pemerintah_lsm",)), "bulan") == 1  # … and counted
    assert indicators.coarser_reports(qcon, ALL, "bulan") == 2  # P2 and P3
    assert indicators.coarser_reports(qcon, ALL, "tahun") == 0


def test_filters_restrict_partnerships_and_periods(qcon):
    s = indicators.indicator_series(qcon, Filters(provinsi=("33",)), ["terjangkau"], "tahun")
    assert s["nilai"].tolist() == [600]
    s = indicators.indicator_series(qcon, Filters(period_from=D(2024, 4, 1)), ["terjangkau"], "tahun", "kategori")
    assert _val(s, kategori="pemerintah_lsm")["nilai"] == 450  # P1 Apr–Jun 150 + P2 Q2 300
    assert set(s["kategori"]) == {"pemerintah_lsm"}  # P3's yearly 2024 report starts before April
    assert indicators.indicator_series(qcon, Filters(kategori=("multisektor",)), ["terjangkau"], "tahun").empty


def test_totals_and_reach_summary(qcon):
    tot = indicators.indicator_totals(qcon, ALL, ["peserta_kb_aktif", "terjangkau"], "kategori")
    assert _val(tot, kategori="pemerintah_lsm", kode_indikator="peserta_kb_aktif")["nilai"] == 600
    assert _val(tot, kategori="publik_swasta", kode_indikator="terjangkau")["nilai"] == 2500
    r = qreach.reach_summary(qcon, ALL, "kategori").set_index("kategori")
    # person-years of target population: P1 (1200×5 + 1500) / 12 = 625, P2 2400 × 3/12 × 2 = 1200 → 1825
    assert r.loc["pemerintah_lsm", "sasaran_tahun"] == pytest.approx(1825)
    assert r.loc["pemerintah_lsm", "cakupan_pct"] == pytest.approx(810 / 1825 * 100)
    assert r.loc["pemerintah_lsm", "capaian_pct"] == pytest.approx(810 / 920 * 100)
    # index = mean(min(1, 0.4438), 810/920) × 100
    assert r.loc["pemerintah_lsm", "indeks_jangkauan"] == pytest.approx((810 / 1825 + 810 / 920) / 2 * 100)
    assert r.loc["pemerintah_lsm", "n_kemitraan"] == 2
    total = qreach.reach_summary(qcon, ALL, [])
    assert total["terjangkau"].iloc[0] == 810 + 2500
    assert total["target_terjangkau"].iloc[0] == 920


def test_reach_over_time_has_coverage_per_bucket(qcon):
    r = qreach.reach_over_time(qcon, ALL, "triwulan", "kategori")
    q1 = _val(r, kategori="pemerintah_lsm", periode="2024-Q1")
    # Q1: reached 360; person-years P1 3 × 1200/12 = 300, P2 2400 × 3/12 = 600 → 900; annualised coverage 40 %
    assert q1["cakupan_pct"] == pytest.approx(40.0)
    assert q1["capaian_pct"] == pytest.approx(360 / 460 * 100)  # target 3 × 20 + 400


def test_sustainability_summary(qcon):
    s = qsustainability.sustainability_summary(qcon, ALL, "kategori").set_index("kategori")
    # P2 only: realisation 160/200 = 0.8; local share mean(20, 40) = 30 → 0.3; sources last 3 → 3/3 = 1
    assert s.loc["pemerintah_lsm", "realisasi_pct"] == pytest.approx(80.0)
    assert s.loc["pemerintah_lsm", "porsi_dana_lokal_pct"] == pytest.approx(30.0)
    assert s.loc["pemerintah_lsm", "indeks_keberlanjutan"] == pytest.approx((0.8 + 0.3 + 1.0) / 3 * 100)


def test_partnership_status(qcon):
    st = qsustainability.partnership_status(qcon, ALL, "kategori", on=D(2024, 7, 1)).set_index("kategori")
    assert st.loc["pemerintah_lsm", "n_kemitraan"] == 2
    assert st.loc["pemerintah_lsm", "n_aktif"] == 2
    assert st.loc["publik_swasta", "n_aktif"] == 0  # P3 ended 2024-06-30
    assert st.loc["publik_swasta", "n_selesai"] == 1
    # P3's age: 2020-01-01 to its end 2024-06-30 = 1642 days
    assert st.loc["publik_swasta", "usia_tahun"] == pytest.approx(1642 / 365.25)
    total = qsustainability.partnership_status(qcon, ALL, [], on=D(2024, 7, 1))
    assert (total["n_kemitraan"].iloc[0], total["n_aktif"].iloc[0]) == (4, 3)


def test_impact_summary_respects_direction(qcon):
    # The whole range is 2023-01 … 2024-12: the baseline window is 2023, the latest window 2024.
    per, overall = qimpact.impact_summary(qcon, ALL, "kategori")
    st = _val(per, kategori="publik_swasta", kode_indikator="stunting_pct")
    assert (st["baseline"], st["terakhir"], st["perubahan"]) == (30, 27, -3)
    assert (st["membaik"], st["memburuk"], st["tetap"], st["n_kemitraan"]) == (1, 0, 0, 1)  # lower stunting is better
    assert st["porsi_membaik_pct"] == 100
    # Wilson 95 % for 1 of 1: centre (1 + z²/2) / (1 + z²), half z·√(z²/4) / (1 + z²), z = 1.96
    z = 1.959963984540054
    assert st["ik_bawah_pct"] == pytest.approx(((1 + z * z / 2) - z * (z / 2)) / (1 + z * z) * 100)
    assert st["ik_atas_pct"] == pytest.approx(100)
    # mcpr of P1 and P2 lies within 2024 only: no baseline in 2023, so no cohort
    assert per[per["kategori"] == "pemerintah_lsm"].empty
    assert _val(overall, kategori="publik_swasta")["n_pasangan"] == 1


def test_impact_is_paired_within_a_common_window(qcon):
    # January–June 2024: windows of three months, Jan–Mar and Apr–Jun.
    half = Filters(period_from=D(2024, 1, 1), period_to=D(2024, 6, 1))
    per, _ = qimpact.impact_summary(qcon, half, "kategori")
    m = _val(per, kategori="pemerintah_lsm", kode_indikator="mcpr_pct")
    # P1 50 → 60 (penyebut 1000 a month), P2 40 → 44 (2000 a quarter); P4's 120 % is flagged and left out
    assert (m["n_kemitraan"], m["membaik"]) == (2, 2)
    assert m["baseline"] == pytest.approx((50 * 3000 + 40 * 2000) / 5000)
    assert m["terakhir"] == pytest.approx((60 * 3000 + 44 * 2000) / 5000)
    changes = qimpact.partnership_changes(qcon, half, ["mcpr_pct"]).set_index("kode_kemitraan")
    assert changes.loc["P1", "perubahan"] == 10 and changes.loc["P2", "perubahan"] == 4
    assert set(changes["kelas"]) == {"membaik"}
    assert qimpact.cohort(qcon, half, "mcpr_pct") == ["P1", "P2"]


def test_health_by_principle_and_small_n(qcon):
    h = survey.health_by_principle(qcon, ALL, "kategori")
    trust = _val(h, kategori="pemerintah_lsm", prinsip="kepercayaan")
    assert trust["n"] == 2 and trust["rata_rata"] == 3.0  # (5 + 1) / 2
    assert trust["skor"] == 50.0 and trust["zona"] == "perlu_perhatian"
    assert trust["n_kecil"]  # 2 < 5 respondents
    comm = _val(h, kategori="pemerintah_lsm", prinsip="komunikasi")
    assert comm["rata_rata"] == 4.0 and comm["zona"] == "kuat"  # (5 + 3) / 2
    assert list(h[h["kategori"] == "publik_swasta"]["prinsip"]) == list(contract.PRINCIPLES)
    assert survey.health_by_principle(qcon, Filters(period_from=D(2025, 1, 1))).empty


def test_likert_satisfaction_respondents_challenges(qcon):
    lk = survey.likert_distribution(qcon, ALL)
    trust = lk[lk["prinsip"] == "kepercayaan"].set_index("nilai")
    assert trust["n"].to_dict() == {1: 1, 4: 1, 5: 1}
    assert trust["pct"].sum() == pytest.approx(100)
    sat = survey.satisfaction(qcon, ALL, None)
    assert sat["n"].iloc[0] == 3
    assert sat["rata_rata"].iloc[0] == pytest.approx(11 / 3)
    assert sat["puas_pct"].iloc[0] == pytest.approx(200 / 3)  # kepuasan 5 and 4 of 3
    resp = survey.respondents(qcon, ALL, "kategori").set_index("kategori")
    assert resp.loc["pemerintah_lsm", "n_responden"] == 2 and resp.loc["publik_swasta", "n_responden"] == 1
    ch = survey.challenges(qcon, ALL)
    assert ch["tantangan"].tolist() == ["pendanaan", "koordinasi"]
    assert ch["pct_responden"].tolist() == pytest.approx([200 / 3, 100 / 3])
    assert ch["kumulatif_pct"].tolist() == pytest.approx([200 / 3, 100.0])


def test_province_summary_covers_all_provinces(qcon):
    p = qgeography.province_summary(qcon, ALL, "terjangkau").set_index("provinsi_kode")
    assert len(p) == len(contract.provinces())
    assert p.loc["32", "n_kemitraan"] == 2 and p.loc["32", "nilai"] == 210 + 2500
    assert p.loc["33", "nilai"] == 600
    assert p.loc["11", "n_kemitraan"] == 0 and pd.isna(p.loc["11", "nilai"])
    assert p.loc["32", "lat"] == contract.provinces()["32"].lat


def test_view_rows_count_and_pivot(qcon):
    f = Filters(kategori=("publik_swasta",))
    rows = qexplore.view_rows(qcon, f, "indikator")
    assert list(rows.columns) == contract.stored_columns("indikator")
    assert len(rows) == qexplore.count_rows(qcon, f, "indikator") == 4
    assert len(qexplore.view_rows(qcon, ALL, "indikator", limit=5)) == 5
    assert qexplore.count_rows(qcon, ALL, "kemitraan") == 4
    assert qexplore.count_rows(qcon, ALL, "survei") == 3
    with pytest.raises(ValueError):
        qexplore.view_rows(qcon, ALL, "kemitraan; DROP TABLE x")
    # search: code, name or lead partner, case-insensitive; % and _ are literal characters
    assert qexplore.view_rows(qcon, ALL, "kemitraan", cari="p3")["kode_kemitraan"].tolist() == ["P3"]
    assert qexplore.count_rows(qcon, ALL, "indikator", cari="kemitraan p4") == 4
    assert qexplore.count_rows(qcon, ALL, "kemitraan", cari="%") == 0
    pv = qexplore.pivot(qcon, ALL, "terjangkau", "kategori", "tahun")
    assert _val(pv, kategori="publik_swasta", tahun="2023")["nilai"] == 1000
    assert _val(pv, kategori="pemerintah_lsm", tahun="2024")["nilai"] == 810
    pv2 = qexplore.pivot(qcon, ALL, "terjangkau", "provinsi", "bidang")
    assert _val(pv2, provinsi="Jawa Barat", bidang="gizi")["nilai"] == 2500


def test_dimension_names_are_checked(qcon):
    with pytest.raises(ValueError):
        indicators.indicator_series(qcon, ALL, ["terjangkau"], "tahun", "kategori; DROP TABLE kemitraan")
    with pytest.raises(ValueError):
        indicators.indicator_series(qcon, ALL, ["terjangkau"], "minggu")


def test_profile_queries(qcon, qstore):
    assert profile.partnership(qcon, "P3")["kategori"] == "publik_swasta"
    assert profile.partnership(qcon, "nope") is None
    ind = profile.partnership_indicators(qcon, "P1", "triwulan")
    assert set(ind["kode_kemitraan"]) == {"P1"}
    assert _val(ind, kode_indikator="terjangkau", periode="2024-Q2")["nilai"] == 150
    assert _val(ind, kode_indikator="terjangkau", periode="2024-Q2")["target"] == 60
    h = profile.partnership_health(qcon, "P3")
    assert len(h) == 8 and set(h["rata_rata"]) == {4.0}
    b = qstore.partnership_batches("P3").set_index("batch_id")
    assert list(b.index) == ["awal", "koreksi"]
    assert b.loc["awal", "file"] == "awal.xlsx"
    assert b.loc["awal", "baris_indikator"] == 4 and b.loc["koreksi", "baris_indikator"] == 1
    assert b.loc["awal", "baris_survei"] == 1
    assert list(qstore.partnership_batches("P2").index) == [0]  # one batch only


def test_data_quality_panel_queries(qcon):
    miss = quality.missing_reports(qcon, ALL)
    assert miss["kode_kemitraan"].tolist() == ["P4"]  # every other partnership reported every period
    p4 = miss.iloc[0]
    # span Jan–Jun 2024 (latest report anyone sent), P4 reported Jan, Feb, Apr
    assert (p4["n_diharapkan"], p4["n_dilaporkan"], p4["n_hilang"]) == (6, 3, 3)
    assert p4["periode_hilang"] == "2024-03, 2024-05, 2024-06"
    bad = quality.out_of_range(qcon, ALL)
    assert set(zip(bad["kode_kemitraan"], bad["kode_indikator"], bad["alasan"])) == {
        ("P4", "mcpr_pct", "max"),  # 120 % > 100
        ("P4", "layanan", "outlier"),  # 1000 > 5 × median 100
    }
    stale = quality.stale_partnerships(qcon, ALL, months=2)
    # judged on the month after the latest period start (June 2024): 2024-07-01; P4's last report (April) ended 2024-05-01 → 2 months; P3 has ended
    assert stale["kode_kemitraan"].tolist() == ["P4"]
    assert stale["bulan_tanpa_laporan"].iloc[0] == 2
    assert quality.stale_partnerships(qcon, ALL, months=3).empty
