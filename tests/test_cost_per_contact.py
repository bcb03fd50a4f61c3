"""Cost per contact divides the funds and the contacts of the same partnerships (issue 19, item 9).

P1 disburses Rp 10 jt a month and records 100 contacts over 2024; P2 disburses Rp 90 jt a month and reports no
contacts; P3 records 50 contacts and no funds. Over 2024 the cost per contact is P1's alone: Rp 120 jt ÷ 100 =
Rp 1,2 jt, with n = 1 — not (120 + 1.080) jt ÷ 150 (Rp 8 jt), which divides one partnership's money by another's
contacts.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import indicator_row, partnership, write

from kemitraan import cli
from kemitraan.queries import reach
from kemitraan.queries.filters import Filters
from kemitraan.storage.store import Store

F = Filters(period_from=dt.date(2024, 1, 1), period_to=dt.date(2024, 12, 1))
MONTHS = [f"2024-{m:02d}" for m in range(1, 13)]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store(tmp_path_factory.mktemp("biaya") / "data")
    rows = [indicator_row("P1", p, "dana_realisasi_idr", 10e6) for p in MONTHS]
    rows += [indicator_row("P1", p, "terjangkau", 100 / 12) for p in MONTHS]
    rows += [indicator_row("P2", p, "dana_realisasi_idr", 90e6) for p in MONTHS]
    rows += [indicator_row("P3", p, "terjangkau", 50 / 12) for p in MONTHS]
    write(
        s,
        "awal",
        kemitraan=[
            partnership(k, tanggal_mulai=dt.date(2023, 1, 1), kategori=c)
            for k, c in (("P1", "pemerintah_lsm"), ("P2", "pemerintah_lsm"), ("P3", "nirlaba"))
        ],
        indikator=rows,
    )
    return s


def test_cost_per_contact_counts_only_partnerships_reporting_both(store):
    con = store.connect(materialize=True)
    r = reach.reach_summary(con, F, []).iloc[0]
    assert r["biaya_per_kontak_idr"] == pytest.approx(12 * 10e6 / 100) and r["n_biaya"] == 1
    by = reach.reach_summary(con, F, "kategori").set_index("kategori")
    assert by.loc["pemerintah_lsm", "biaya_per_kontak_idr"] == pytest.approx(12 * 10e6 / 100)
    assert (
        by.loc["nirlaba", "n_biaya"] == 0
        and by.loc["nirlaba", "biaya_per_kontak_idr"] != by.loc["nirlaba", "biaya_per_kontak_idr"]
    )


def test_angka_says_the_same_with_its_n(store, capsys):
    assert cli.main(["--data-dir", str(store.root), "angka", "--json", "--dari", "2024-01", "--sampai", "2024-12"]) == 0
    j = json.loads(capsys.readouterr().out)["jangkauan"]
    assert j["biaya_per_kontak_idr"] == pytest.approx(1_200_000) and j["n_biaya"] == 1
