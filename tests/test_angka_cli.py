"""``python -m kemitraan angka``: the pages' headline figures on the command line, on the store of
tests/figures_store.py (documented there)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import subprocess
import sys

import figures_store as fs
import pytest
from conftest import ROOT

from kemitraan import cli, contract
from kemitraan.labels import fmt_number
from kemitraan.queries import impact, indicators, periods, reach, reporting
from kemitraan.queries.filters import Filters

CONTRACT = {"periode": {"dari", "sampai", "laporan_di_luar_batas"}}
RANGE = ["--dari", "2024-02", "--sampai", "2025-06"]


@pytest.fixture(scope="module")
def fstore(tmp_path_factory):
    return fs.build(tmp_path_factory.mktemp("angka") / "data")


@pytest.fixture(scope="module")
def qcon(fstore):
    con = fstore.connect(materialize=True)
    yield con
    con.close()


def angka(store, *args, capsys) -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(store.root), "angka", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def figures_json(store, *args, capsys) -> dict:
    code, out, err = angka(store, "--json", *args, capsys=capsys)
    assert code == 0, err

    def no_nan(name):
        raise AssertionError(f"{name} is not JSON")

    return json.loads(out, parse_constant=no_nan)


def check_contract(figs: dict) -> None:
    """The keys other tools read, with the types they expect."""
    assert {"periode", "indikator", "dampak"} <= set(figs)
    assert CONTRACT["periode"] <= set(figs["periode"])
    for kode, v in figs["indikator"].items():
        assert kode in contract.indicators() and {"nilai", "n_kemitraan"} <= set(v), kode
        assert v["nilai"] is None or isinstance(v["nilai"], (int, float)), kode
        assert isinstance(v["n_kemitraan"], int), kode
    assert isinstance(figs["periode"]["laporan_di_luar_batas"], int)
    for k in ("n", "aktif"):
        assert isinstance(figs.get("kemitraan", {k: 0})[k], int), k
    for kode, d in figs["dampak"].items():
        assert contract.indicator(kode).dimensi == "dampak"
        assert {"membaik", "memburuk", "tetap", "n", "perubahan", "bertentangan"} <= set(d), kode
        assert d["membaik"] + d["memburuk"] + d["tetap"] == d["n"], kode
        assert isinstance(d["bertentangan"], bool), kode


FLAG_SETS = [
    [],
    RANGE,
    [*RANGE, "--kategori", "publik_swasta"],
    [*RANGE, "--provinsi", "33", "--bidang", "kia,imunisasi"],
    [*RANGE, "--kabupaten", "Kota Bandung"],
    [*RANGE, "--sertakan-ditandai"],
    ["--dari", "2025-01"],
    ["--kategori", "nirlaba"],  # nobody: every figure empty, still the contract
]


@pytest.mark.parametrize("flags", FLAG_SETS, ids=lambda f: " ".join(f) or "default")
def test_every_query_keeps_the_contract(fstore, flags, capsys):
    check_contract(figures_json(fstore, *flags, capsys=capsys))


def test_the_json_is_what_the_query_functions_give_for_the_same_filters(fstore, qcon, capsys):
    for flags, f in (
        (RANGE, fs.F),
        (
            [*RANGE, "--kategori", "pemerintah_lsm", "--provinsi", "Jawa Tengah"],
            dataclasses.replace(fs.F, kategori=("pemerintah_lsm",), provinsi=("33",)),
        ),
        (
            [*RANGE, "--kabupaten", "kota bandung, Kab. Bogor"],
            dataclasses.replace(fs.F, kabupaten=("32.73", "32.01")),
        ),  # Kemendagri codes of the reference list
        ([*RANGE, "--sertakan-ditandai"], dataclasses.replace(fs.F, include_flagged=True)),
    ):
        figs = figures_json(fstore, *flags, capsys=capsys)
        rng = periods.effective(qcon, f)
        assert figs["periode"]["dari"] == f"{rng.start:%Y-%m}" and figs["periode"]["sampai"] == f"{rng.end:%Y-%m}"
        assert figs["periode"]["laporan_di_luar_batas"] == periods.straddling_reports(qcon, f)
        tot = indicators.indicator_totals(qcon, f, list(contract.indicators()))
        assert set(figs["indikator"]) == set(tot["kode_indikator"]), flags
        for _, row in tot.iterrows():
            got = figs["indikator"][row["kode_indikator"]]
            if row["nilai"] != row["nilai"]:  # NaN: no figure
                assert got["nilai"] is None, row["kode_indikator"]
            else:
                assert got["nilai"] == pytest.approx(row["nilai"]), row["kode_indikator"]
            assert got["n_kemitraan"] == row["n_kemitraan"]
        per, _ = impact.impact_summary(qcon, f, [])
        assert set(figs["dampak"]) == set(per["kode_indikator"])
        for _, row in per.iterrows():
            got = figs["dampak"][row["kode_indikator"]]
            assert (got["membaik"], got["memburuk"], got["tetap"], got["n"], got["bertentangan"]) == (
                row["membaik"],
                row["memburuk"],
                row["tetap"],
                row["n_kemitraan"],
                row["bertentangan"],
            )
            assert got["perubahan"] == pytest.approx(row["perubahan"])
        r = reach.reach_summary(qcon, f, []).iloc[0]
        assert figs["jangkauan"]["cakupan_pct"] == pytest.approx(r["cakupan_pct"])
        assert figs["jangkauan"]["capaian_pct"] == pytest.approx(r["capaian_pct"])
        rates = reporting.reporting_rates(qcon, f, None).iloc[0]
        assert figs["pelaporan"]["kelengkapan_pct"] == pytest.approx(rates["kelengkapan_pct"])


def test_flags_narrow_the_figures_as_the_sidebar_does(fstore, capsys):
    base = figures_json(fstore, *RANGE, capsys=capsys)
    bandung = figures_json(fstore, *RANGE, "--kabupaten", "Kota Bandung", capsys=capsys)
    flagged = figures_json(fstore, *RANGE, "--sertakan-ditandai", capsys=capsys)
    assert base["kemitraan"]["n"] == 4 and bandung["kemitraan"]["n"] == 1  # A1 only
    assert bandung["filter"]["kabupaten"] == ["32.73"]  # Kota Bandung's Kemendagri code
    # A1's flagged 1.400 contacts are left out unless asked for
    assert flagged["indikator"]["terjangkau"]["nilai"] - base["indikator"]["terjangkau"]["nilai"] == 1400
    assert (base["periode"]["nilai_ditandai"], base["periode"]["sertakan_ditandai"]) == (1, False)
    assert flagged["periode"]["sertakan_ditandai"] is True
    # the straddling quarter of A2 and B2 (2024-Q1) is said, and counted as reports, not values
    assert base["periode"]["laporan_di_luar_batas"] == 2
    # A1 +3 and B2 −2,25 points lie within their sampling error (tests/test_figures_recomputed.py): steady
    assert base["dampak"]["mcpr_pct"] == {**base["dampak"]["mcpr_pct"], "membaik": 0, "memburuk": 0, "tetap": 3, "n": 3}


def test_without_a_period_the_range_is_the_pages_default_of_whole_years(fstore, qcon, capsys):
    figs = figures_json(fstore, capsys=capsys)  # the data run 2023-10 … 2025-09: 2024 is the only whole year
    assert (figs["periode"]["dari"], figs["periode"]["sampai"]) == ("2024-01", "2024-12")
    year = Filters(dt.date(2024, 1, 1), dt.date(2024, 12, 1))
    assert (
        figs["indikator"]["terjangkau"]["nilai"]
        == indicators.indicator_totals(qcon, year, ["terjangkau"])["nilai"].iloc[0]
    )
    only_from = figures_json(fstore, "--dari", "2025-01", capsys=capsys)
    assert (only_from["periode"]["dari"], only_from["periode"]["sampai"]) == ("2025-01", "2025-09")


@pytest.mark.parametrize(
    "lang,words",
    [
        (
            "id",
            [
                "Angka utama",
                "Kelengkapan laporan",
                "Orang terjangkau (kontak)",
                "tertimbang penyebut",
                "Feb 2024 – Jun 2025",
                "2 laporan",
            ],
        ),
        (
            "en",
            [
                "Headline figures",
                "Reporting completeness",
                "People reached (contacts)",
                "weighted by the denominator",
                "Feb 2024 – Jun 2025",
                "2 reports",
            ],
        ),
    ],
)
def test_the_table_reads_in_the_chosen_language(fstore, lang, words, capsys):
    code, out, err = angka(fstore, *RANGE, "--lang", lang, capsys=capsys)
    assert code == 0, err
    for w in words:
        assert w in out, w
    contacts = figures_json(fstore, *RANGE, capsys=capsys)["indikator"]["terjangkau"]["nilai"]
    assert contacts > 1000 and fmt_number(contacts, lang) in out  # with the reader's thousands mark


def test_exit_codes_and_messages_in_the_chosen_language(fstore, store, capsys):
    assert angka(fstore, *RANGE, capsys=capsys)[0] == 0
    code, _, err = angka(fstore, "--dari", "2024-7", capsys=capsys)
    assert code == 2 and "bukan bulan" in err
    code, _, err = angka(fstore, "--kategori", "bukan", "--lang", "en", capsys=capsys)
    assert code == 2 and "--kategori: «bukan» is unknown" in err
    code, _, err = angka(fstore, "--dari", "2025-01", "--sampai", "2024-01", capsys=capsys)
    assert code == 2 and "jatuh setelah" in err
    code, _, err = angka(fstore, "--kabupaten", "Atlantis", "--lang", "en", capsys=capsys)
    assert code == 2 and "--kabupaten: «Atlantis» is not one of the 514 kabupaten/kota" in err
    code, _, err = angka(fstore, "--kabupaten", "BOGOR", capsys=capsys)  # a kabupaten and a kota: say which
    assert code == 2 and "mungkin maksud Anda: Kabupaten Bogor / Kota Bogor" in err
    code, _, err = angka(fstore, "--tidak-ada", capsys=capsys)
    assert code == 2
    code, out, err = angka(store, "--json", capsys=capsys)  # an empty store: refused, nothing on stdout
    assert code == 1 and "kosong" in err and out == ""
    code, _, err = angka(store, "--lang", "en", capsys=capsys)
    assert code == 1 and "empty" in err


def test_the_command_runs_as_a_module(fstore):
    r = subprocess.run(
        [sys.executable, "-m", "kemitraan", "--data-dir", str(fstore.root), "angka", "--json", *RANGE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    check_contract(json.loads(r.stdout))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_first_command_on_a_data_version_says_it_prepares_the_base_once(demo_store, lang):
    """A store whose analysis base was never built: the first `angka` says on stderr, in the reader's language, that
    it prepares the base once and how many rows; its JSON on stdout is unchanged, and the next command says nothing."""
    from conftest import cli

    from kemitraan.storage import analysis_cache

    shutil.rmtree(analysis_cache.cache_dir(demo_store), ignore_errors=True)  # never opened by any command or app
    rows = demo_store.connect().execute("SELECT count(*) FROM indikator").fetchone()[0]
    first = cli(demo_store.root, "angka", "--json", "--lang", lang)
    assert first.returncode == 0 and json.loads(first.stdout)["snapshot"]["id"]
    said = "Menyiapkan basis analisis" if lang == "id" else "Preparing the analysis base"
    assert first.stderr.count(said) == 1 and fmt_number(rows, lang) in first.stderr, first.stderr
    again = cli(demo_store.root, "angka", "--json", "--lang", lang)
    assert again.returncode == 0 and said not in again.stderr and json.loads(again.stdout) == json.loads(first.stdout)
