"""The synthetic demo: what an evaluator would check before showing it at a coordination meeting.

Every figure is recomputed here in SQL from the demo store the app opens on (60
partnerships, 5 years, the default seed); rates are weighted by their own denominators.
"""

import datetime as dt
import hashlib
import subprocess
import sys

import pandas as pd
import pytest
from conftest import ROOT, batch_file

from kemitraan import contract
from kemitraan.generators import demo
from kemitraan.storage.store import Store

RATES = [k for k, ind in contract.indicators().items() if ind.is_rate]
DATA_END = dt.date(2026, 6, 30)


@pytest.fixture(scope="module")
def con(demo_dir):
    return Store(demo_dir).connect()


@pytest.fixture(scope="module")
def wide(tmp_path_factory):
    """A larger demo (1,500 partnerships, 3 years): every category × programme area many times over."""
    store = Store(tmp_path_factory.mktemp("wide") / "data")
    demo.generate(store, partnerships_n=1500, years=3)
    return store.connect()


def one(con, sql, params=None):
    return con.execute(sql, params or []).fetchall()[0][0]


def test_demo_covers_every_category_program_area_and_kind(con):
    kat = {r[0] for r in con.sql("SELECT DISTINCT kategori FROM kemitraan").fetchall()}
    bid = {r[0] for r in con.sql("SELECT DISTINCT bidang FROM kemitraan").fetchall()}
    assert kat == set(contract.enum_codes("kategori"))
    assert bid == set(contract.enum_codes("bidang"))
    n_k, n_p = con.sql("SELECT count(*), count(DISTINCT provinsi_kode) FROM kemitraan").fetchall()[0]
    assert n_k == 60 and n_p >= 25
    n_s = con.sql("SELECT count(*) FROM survei").fetchall()[0][0]
    assert 150 <= n_s <= 600  # "a few hundred survey responses"
    inds = {r[0] for r in con.sql("SELECT DISTINCT kode_indikator FROM indikator").fetchall()}
    assert inds == set(contract.indicators())


def test_demo_values_are_within_the_catalog_ranges(con):
    for ind in contract.indicators().values():
        lo, hi = con.execute(
            "SELECT min(nilai), max(nilai) FROM indikator WHERE kode_indikator = ?", [ind.kode]
        ).fetchall()[0]
        if ind.min is not None:
            assert lo >= ind.min, ind.kode
        if ind.max is not None:
            assert hi <= ind.max, ind.kode


def test_demo_is_labelled_synthetic(con):
    codes = [r[0] for r in con.sql("SELECT kode_kemitraan FROM kemitraan").fetchall()]
    assert all(c.startswith(demo.DEMO_PREFIX) for c in codes)
    assert con.sql("SELECT batch_id FROM batches").fetchall() == [("demo",)]


# --- national levels near the survey references, with provincial variation ---------------------------


def national(con, kode):
    return one(
        con,
        "SELECT sum(nilai * penyebut) / sum(penyebut) FROM indikator WHERE kode_indikator = ? AND penyebut IS NOT NULL",
        [kode],
    )


@pytest.mark.parametrize(
    "kode,lo,hi",
    [
        ("stunting_pct", 17, 23),  # SSGI 2024: 19.8 %
        ("mcpr_pct", 53, 61),  # SDKI 2017: about 57 % of married women
        ("unmet_need_pct", 9, 13),  # SDKI 2017: about 11 %
        ("kehamilan_remaja_per1000", 26, 36),  # SP2020 long form to SDKI 2017: 26–36 births per 1,000
        ("cakupan_imunisasi_pct", 75, 95),  # routine reports of full basic immunisation
    ],
)
def test_national_levels_are_near_the_references(con, kode, lo, hi):
    assert lo <= national(con, kode) <= hi


def test_provinces_differ_as_they_do(con):
    by_prov = (
        con.sql("""
        SELECT k.provinsi, sum(i.nilai * i.penyebut) / sum(i.penyebut) AS v
        FROM indikator i JOIN kemitraan k USING (kode_kemitraan)
        WHERE i.kode_indikator = 'stunting_pct' AND i.penyebut IS NOT NULL GROUP BY 1""")
        .df()
        .set_index("provinsi")["v"]
    )
    assert len(by_prov) >= 8
    assert by_prov.min() < 16 and by_prov.max() > 27


def test_local_co_funding_is_a_share_of_money(con):
    """Weighted by each period's total funds, the share equals Σ local funds / Σ all funds, below the row mean."""
    by_money = national(con, "porsi_dana_lokal_pct")
    by_row = one(con, "SELECT avg(nilai) FROM indikator WHERE kode_indikator = 'porsi_dana_lokal_pct'")
    assert 20 <= by_money <= 40 and by_money < by_row - 3


# --- outcomes move slowly; partnerships differ -----------------------------------------------------------


def yearly(con, kodes):
    return con.execute(
        """
        SELECT kode_kemitraan, kode_indikator, year(periode_mulai) AS tahun, avg(nilai) AS v FROM indikator
        WHERE kode_indikator IN (SELECT unnest(?::VARCHAR[])) GROUP BY ALL""",
        [list(kodes)],
    ).df()


def test_outcomes_move_a_few_points_a_year_at_most(con):
    y = yearly(con, ["stunting_pct", "mcpr_pct", "unmet_need_pct"]).sort_values("tahun")
    step = y.groupby(["kode_kemitraan", "kode_indikator"])["v"].diff().abs().dropna()
    assert len(step) >= 50
    assert step.quantile(0.95) <= 3.5 and step.max() <= 6


def test_some_partnerships_improve_and_some_stall_or_worsen(con):
    outcomes = ["stunting_pct", "mcpr_pct", "unmet_need_pct", "cakupan_imunisasi_pct", "kehamilan_remaja_per1000"]
    y = yearly(con, outcomes).sort_values("tahun")
    g = y.groupby(["kode_kemitraan", "kode_indikator"])
    ends = g.agg(first=("v", "first"), last=("v", "last"), years=("tahun", "nunique")).reset_index()
    ends = ends[ends["years"] >= 3]
    better = ends["kode_indikator"].map(lambda k: 1 if contract.indicator(k).lebih_tinggi_lebih_baik else -1)
    change = (ends["last"] - ends["first"]) * better
    assert len(ends) >= 40
    assert 0.4 <= (change >= 1).mean() <= 0.85  # most improve by at least a point …
    assert (change <= -1).sum() >= 3  # … some worsen …
    assert (change.abs() < 1).sum() >= 3  # … and some stall


# --- lead partners and members fit the programme area ---------------------------------------------------


def leads(con, name):
    return {r[0] for r in con.execute("SELECT DISTINCT bidang FROM kemitraan WHERE mitra_utama = ?", [name]).fetchall()}


def test_united_nations_agencies_lead_only_within_their_mandates(wide):
    assert leads(wide, "UNFPA") and leads(wide, "UNFPA") <= {"kb", "kespro", "kia"}
    assert leads(wide, "UNICEF") and leads(wide, "UNICEF") <= {"kia", "imunisasi", "gizi", "promkes"}
    assert "ptm" in leads(wide, "WHO") and not leads(wide, "WHO") & {"kb", "kespro", "gizi"}
    international = {
        r[0]
        for r in wide.sql(
            "SELECT DISTINCT mitra_utama FROM kemitraan WHERE bidang = 'ptm' AND kategori = 'internasional'"
        ).fetchall()
    }
    assert international == {"WHO"}


def test_no_family_planning_body_leads_or_joins_a_programme_outside_its_field(wide):
    bkkbn = {
        r[0]
        for r in wide.sql(
            "SELECT DISTINCT bidang FROM kemitraan WHERE mitra_utama ILIKE '%BKKBN%' OR mitra_utama ILIKE '%PPKB%'"
        ).fetchall()
    }
    assert bkkbn and bkkbn <= {"kb", "kespro", "gizi"}  # BKKBN coordinates stunting reduction too
    joined = {
        r[0]
        for r in wide.sql(
            "SELECT DISTINCT bidang FROM kemitraan "
            "WHERE list_contains(mitra, 'UNFPA') OR list_contains(mitra, 'Perwakilan BKKBN')"
        ).fetchall()
    }
    assert joined <= {"kb", "kespro", "gizi"}


def test_demo_areas_are_the_reference_list_s_codes_and_names_in_their_province(wide):
    rows = wide.execute("SELECT provinsi_kode, kabupaten_kode, kabupaten_kota FROM kemitraan").fetchall()
    assert rows and all(kode is not None for _p, kode, _n in rows)
    ref = {a.kode: (a.provinsi_kode, a.nama) for a in contract.areas().values()}
    assert all(ref.get(kode) == (prov, nama) for prov, kode, nama in rows), [
        r for r in rows if ref.get(r[1]) != (r[0], r[2])
    ][:3]


def test_a_kota_s_partnership_is_not_led_by_a_kabupaten_office(wide):
    assert (
        one(wide, "SELECT count(*) FROM kemitraan WHERE kabupaten_kota LIKE 'Kota %' AND mitra_utama LIKE '%Kota'") > 0
    )
    assert (
        one(wide, "SELECT count(*) FROM kemitraan WHERE kabupaten_kota LIKE 'Kota %' AND mitra_utama LIKE '%Kabupaten'")
        == 0
    )


def test_the_demo_s_own_ptm_programmes_have_no_family_planning_lead(con):
    assert one(con, "SELECT count(*) FROM kemitraan WHERE bidang = 'ptm'") >= 1
    assert (
        one(
            con,
            "SELECT count(*) FROM kemitraan WHERE bidang IN ('ptm', 'kesehatan_jiwa') AND "
            "(mitra_utama IN ('UNFPA', 'UNICEF') OR mitra_utama ILIKE '%BKKBN%')",
        )
        == 0
    )


# --- denominators --------------------------------------------------------------------------------------


def test_rates_carry_their_denominator_on_almost_every_row(con):
    n, with_den = con.execute(
        "SELECT count(*), count(penyebut) FROM indikator WHERE kode_indikator IN (SELECT unnest(?::VARCHAR[]))", [RATES]
    ).fetchall()[0]
    assert 0.95 <= with_den / n < 1  # a few rows left without, so pages must say "unweighted" there
    assert (
        one(
            con,
            "SELECT count(penyebut) FROM indikator WHERE kode_indikator NOT IN (SELECT unnest(?::VARCHAR[]))",
            [RATES],
        )
        == 0
    )


@pytest.mark.parametrize(
    "bidang,kode,lo,hi",
    [
        ("kb", "mcpr_pct", 0.9, 1.0),  # married women 15–49 ≈ the couples targeted
        ("kb", "kehamilan_remaja_per1000", 0.2, 0.3),  # women 15–19
        ("kespro", "mcpr_pct", 0.55, 0.7),
        ("imunisasi", "cakupan_imunisasi_pct", 0.45, 0.55),  # children 12–23 months of the 0–23 months targeted
        ("gizi", "stunting_pct", 0.6, 0.8),  # under-fives measured
    ],
)
def test_a_denominator_is_its_share_of_the_partnership_s_target_group(con, bidang, kode, lo, hi):
    ratio = con.execute(
        """
        SELECT min(r.penyebut / s.nilai), max(r.penyebut / s.nilai)
        FROM indikator r JOIN indikator s ON s.kode_kemitraan = r.kode_kemitraan AND s.periode = r.periode
                                          AND s.kode_indikator = 'sasaran'
             JOIN kemitraan k ON k.kode_kemitraan = r.kode_kemitraan
        WHERE k.bidang = ? AND r.kode_indikator = ?""",
        [bidang, kode],
    ).fetchall()[0]
    assert ratio[0] is not None and lo <= ratio[0] and ratio[1] <= hi


def test_local_share_s_denominator_is_the_period_s_funds_and_satisfaction_s_the_people_served(con):
    pairs = {"porsi_dana_lokal_pct": "dana_realisasi_idr", "kepuasan_klien_pct": "terjangkau"}
    for rate, total in pairs.items():
        n, same = con.execute(
            """
            SELECT count(*), count(*) FILTER (WHERE r.penyebut = t.nilai)
            FROM indikator r JOIN indikator t ON t.kode_kemitraan = r.kode_kemitraan AND t.periode = r.periode
                                              AND t.kode_indikator = ?
            WHERE r.kode_indikator = ? AND r.penyebut IS NOT NULL""",
            [total, rate],
        ).fetchall()[0]
        assert n > 100 and same / n > 0.99, rate  # all but the typing slips in the count


# --- report dates ----------------------------------------------------------------------------------------


def test_every_report_is_dated_after_its_period_and_most_on_time(con):
    r = con.sql("""
        SELECT kode_kemitraan, periode, any_value(periode_mulai) AS mulai, any_value(jenis_periode) AS jenis,
               count(DISTINCT tanggal_lapor) AS n_dates, count(*) - count(tanggal_lapor) AS undated,
               min(tanggal_lapor) AS lapor
        FROM indikator GROUP BY ALL""").df()
    assert r["undated"].sum() == 0 and (r["n_dates"] == 1).all()  # one report, one date
    end = [contract.period_end(m.date(), j) for m, j in zip(r["mulai"], r["jenis"])]
    due = [contract.report_due(m.date(), j) for m, j in zip(r["mulai"], r["jenis"])]
    lapor = [d.date() for d in r["lapor"]]
    assert all(d > e for d, e in zip(lapor, end))
    on_time = sum(d <= u for d, u in zip(lapor, due)) / len(r)
    assert 0.75 <= on_time <= 0.95
    assert max(lapor) <= demo.DATA_AS_OF


# --- budgets ---------------------------------------------------------------------------------------------


def _funds(con):
    return con.sql("""
        SELECT k.kode_kemitraan, k.anggaran_idr, k.tanggal_mulai, k.tanggal_selesai,
               coalesce(sum(i.nilai) FILTER (WHERE i.kode_indikator = 'dana_komitmen_idr'), 0) AS komitmen,
               coalesce(sum(i.nilai) FILTER (WHERE i.kode_indikator = 'dana_realisasi_idr'), 0) AS realisasi
        FROM kemitraan k LEFT JOIN indikator i USING (kode_kemitraan) GROUP BY ALL""").df()


def test_no_partnership_spends_or_pledges_more_than_its_whole_budget(con):
    f = _funds(con)
    assert len(f) == 60 and f["anggaran_idr"].gt(0).all()
    assert (f["realisasi"] <= f["komitmen"]).all(), f[f["realisasi"] > f["komitmen"]]
    assert (f["komitmen"] <= f["anggaran_idr"]).all(), f[f["komitmen"] > f["anggaran_idr"]]
    # spending is a real share of the budget, not a token one
    assert f["realisasi"].sum() / f["anggaran_idr"].sum() > 0.3


def test_an_agreement_reported_from_start_to_end_pledged_most_of_its_budget(con):
    f = _funds(con)
    first, last = (
        pd.Timestamp(d) for d in con.sql("SELECT min(periode_mulai), max(periode_mulai) FROM indikator").fetchall()[0]
    )
    whole = f[(f["tanggal_mulai"] >= first) & (f["tanggal_selesai"] <= last)]
    assert len(whole) >= 1
    assert (whole["komitmen"] / whole["anggaran_idr"]).between(0.7, 1.0).all(), whole


# --- the shapes the data-quality pages look for ----------------------------------------------------------


def test_one_cadence_per_partnership_never_a_month_inside_a_reported_quarter(con):
    assert {r[0] for r in con.sql("SELECT DISTINCT jenis_periode FROM indikator").fetchall()} == {"bulan", "triwulan"}
    assert (
        one(
            con, "SELECT max(n) FROM (SELECT count(DISTINCT jenis_periode) AS n FROM indikator GROUP BY kode_kemitraan)"
        )
        == 1
    )
    assert (
        one(
            con,
            """
        SELECT count(*) FROM indikator m JOIN indikator q
          ON q.kode_kemitraan = m.kode_kemitraan AND q.kode_indikator = m.kode_indikator
         AND q.jenis_periode = 'triwulan' AND q.periode_mulai = date_trunc('quarter', m.periode_mulai)
        WHERE m.jenis_periode = 'bulan'""",
        )
        == 0
    )


def test_missing_reports_typing_slips_stale_ended_and_new_partnerships_are_all_there(con):
    gaps = one(
        con,
        """
        WITH r AS (SELECT kode_kemitraan, any_value(jenis_periode) AS j, count(DISTINCT periode) AS n,
                          min(periode_mulai) AS lo, max(periode_mulai) AS hi FROM indikator GROUP BY 1)
        SELECT count(*) FROM r WHERE n < date_diff('month', lo, hi) / CASE j WHEN 'bulan' THEN 1 ELSE 3 END + 1""",
    )
    slips = one(
        con,
        """
        WITH med AS (SELECT kode_kemitraan, kode_indikator, median(nilai) AS m FROM indikator
                     WHERE kode_indikator IN ('terjangkau', 'layanan', 'peserta_kb_baru') GROUP BY ALL)
        SELECT count(*) FROM indikator JOIN med USING (kode_kemitraan, kode_indikator) WHERE nilai > 5 * m""",
    )
    stale = one(
        con,
        """
        WITH l AS (SELECT kode_kemitraan, max(periode_mulai) AS m FROM indikator GROUP BY 1)
        SELECT count(*) FROM kemitraan LEFT JOIN l USING (kode_kemitraan)
        WHERE (tanggal_selesai IS NULL OR tanggal_selesai > ?) AND (m IS NULL OR m < ? - INTERVAL 6 MONTH)""",
        [DATA_END, DATA_END],
    )
    ended = one(con, "SELECT count(*) FROM kemitraan WHERE tanggal_selesai < ?", [DATA_END])
    new = one(con, "SELECT count(*) FROM kemitraan WHERE tanggal_mulai > ? - INTERVAL 12 MONTH", [DATA_END])
    assert gaps >= 10 and slips >= 1 and stale >= 1 and ended >= 5 and new >= 1


def test_target_population_stays_a_stock(con):
    assert contract.indicator("sasaran").agregasi_waktu == "terakhir"
    drift = one(
        con,
        "SELECT max(hi / lo) FROM (SELECT max(nilai) AS hi, min(nilai) AS lo FROM indikator "
        "WHERE kode_indikator = 'sasaran' GROUP BY kode_kemitraan)",
    )
    assert drift <= 1.2  # population growth over the years, not a sum of periods


# --- same seed, same bytes ------------------------------------------------------------------------------


def _digests(store: Store) -> dict[str, str]:
    return {k: hashlib.sha256(batch_file(store, demo.DEMO_BATCH, k).read_bytes()).hexdigest() for k in contract.KINDS}


def test_demo_is_deterministic(tmp_path):
    def build(seed, name):
        s = Store(tmp_path / name)
        demo.generate(s, partnerships_n=40, years=3, seed=seed)
        return _digests(s)

    a = build(1, "a")
    assert a == build(1, "b")
    assert all(a[k] != v for k, v in build(2, "c").items())


def test_demo_command(tmp_path):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "kemitraan",
            "--data-dir",
            str(tmp_path),
            "demo",
            "--partnerships",
            "12",
            "--years",
            "2",
            "--seed",
            "7",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr
    assert Store(tmp_path).connect().sql("SELECT count(*) FROM kemitraan").fetchall() == [(12,)]
    r = subprocess.run(
        [sys.executable, "-m", "kemitraan", "--data-dir", str(tmp_path), "demo", "--partnerships", "0"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode == 2
