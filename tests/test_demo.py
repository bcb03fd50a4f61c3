import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT
from kemitraan import contract
from kemitraan.generators import demo
from kemitraan.storage.store import Store


@pytest.fixture(scope="module")
def con(demo_dir):
    return Store(demo_dir).connect()


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


def test_demo_values_are_plausible(con):
    for ind in contract.indicators().values():
        lo, hi = con.execute("SELECT min(nilai), max(nilai) FROM indikator WHERE kode_indikator = ?", [ind.kode]).fetchall()[0]
        if ind.min is not None:
            assert lo >= ind.min, ind.kode
        if ind.max is not None:
            assert hi <= ind.max, ind.kode
    mcpr = con.sql("SELECT avg(nilai) FROM indikator WHERE kode_indikator = 'mcpr_pct'").fetchall()[0][0]
    assert 45 < mcpr < 70  # around the SDKI 2017 level of ~57 %
    grains = {r[0] for r in con.sql("SELECT DISTINCT jenis_periode FROM indikator").fetchall()}
    assert grains == {"bulan", "triwulan"}


def test_demo_is_labelled_synthetic(con):
    codes = [r[0] for r in con.sql("SELECT kode_kemitraan FROM kemitraan").fetchall()]
    assert all(c.startswith(demo.DEMO_PREFIX) for c in codes)
    assert con.sql("SELECT batch_id FROM batches").fetchall() == [("demo",)]


def test_demo_is_deterministic(tmp_path):
    def snapshot(seed, d):
        s = Store(d)
        demo.generate(s, partnerships_n=8, years=2, seed=seed)
        return s.connect().sql("SELECT * FROM indikator ORDER BY ALL").df()

    a = snapshot(1, tmp_path / "a")
    assert a.equals(snapshot(1, tmp_path / "b"))
    assert not a.equals(snapshot(2, tmp_path / "c"))


def test_demo_command(tmp_path):
    r = subprocess.run([sys.executable, "-m", "kemitraan", "--data-dir", str(tmp_path), "demo", "--partnerships", "12",
                        "--years", "2", "--seed", "7"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert Store(tmp_path).connect().sql("SELECT count(*) FROM kemitraan").fetchall() == [(12,)]
    r = subprocess.run([sys.executable, "-m", "kemitraan", "--data-dir", str(tmp_path), "demo", "--partnerships", "0"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2


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
    first, last = (pd.Timestamp(d) for d in con.sql("SELECT min(periode_mulai), max(periode_mulai) FROM indikator").fetchall()[0])
    whole = f[(f["tanggal_mulai"] >= first) & (f["tanggal_selesai"] <= last)]
    assert len(whole) >= 1
    assert (whole["komitmen"] / whole["anggaran_idr"]).between(0.7, 1.0).all(), whole
