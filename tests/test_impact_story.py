"""Impact that cannot contradict itself (issue 19, item 4), on two small stores built by hand.

Each store: five partnerships reporting mCPR once a year, 2024 and 2025; the range 2024–2025 makes the
baseline window 2024 and the latest 2025.

- **one_big_falls**: P0 (denominator 100.000) falls 60 → 50; P1–P4 (denominator 100) rise 1–1,5 points.
  The pooled cohort fell about 10 points; the small rises are within their sampling error, so none counts
  as improving and nothing contradicts.
- **many_rise_big_falls**: P0 (100.000) falls 60 → 50; P1–P4 (10.000) rise 3 points each, well beyond their
  sampling error. Four of five improve while the pooled cohort fell: every view says so.

The expected figures are computed here from the rows themselves (plain arithmetic on the input), never by
the code under test.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from conftest import APP, indicator_row, partnership, write

from kemitraan import cli
from kemitraan.export import deck
from kemitraan.i18n import t
from kemitraan.labels import fmt_number
from kemitraan.queries import impact
from kemitraan.queries.filters import Filters
from kemitraan.storage.store import Store

F = Filters(period_from=dt.date(2024, 1, 1), period_to=dt.date(2025, 12, 1))
Z = 1.959963984540054

# (partnership, denominator, mCPR 2024, mCPR 2025)
ONE_BIG_FALLS = [
    ("P0", 100_000, 60.0, 50.0),
    ("P1", 100, 30.0, 31.0),
    ("P2", 100, 35.0, 36.2),
    ("P3", 100, 40.0, 41.5),
    ("P4", 100, 45.0, 46.3),
]
MANY_RISE_BIG_FALLS = [
    ("P0", 100_000, 60.0, 50.0),
    ("P1", 10_000, 30.0, 33.0),
    ("P2", 10_000, 32.0, 35.0),
    ("P3", 10_000, 34.0, 37.0),
    ("P4", 10_000, 36.0, 39.0),
]


def build(root, rows) -> Store:
    store = Store(root)
    write(
        store,
        "awal",
        kemitraan=[partnership(k, tanggal_mulai=dt.date(2023, 1, 1)) for k, *_ in rows],
        indikator=[
            indicator_row(k, y, "mcpr_pct", v, penyebut=float(n))
            for k, n, v24, v25 in rows
            for y, v in (("2024", v24), ("2025", v25))
        ],
    )
    return store


def expected(rows) -> dict:
    """The pooled change and its interval, the classes and the contradiction, by hand from the rows."""
    den = sum(n for _, n, *_ in rows)
    base = sum(n * a for _, n, a, _ in rows) / den
    last = sum(n * b for _, n, _, b in rows) / den
    var = lambda v, n: v * (100 - v) / n  # noqa: E731  binomial, on the 0–100 scale
    se = math.sqrt(
        sum(n * n * var(a, n) for _, n, a, _ in rows) / den**2 + sum(n * n * var(b, n) for _, n, _, b in rows) / den**2
    )
    up = sum(1 for _, n, a, b in rows if b - a >= 1 and b - a > Z * math.sqrt(var(a, n) + var(b, n)))
    down = sum(1 for _, n, a, b in rows if a - b >= 1 and a - b > Z * math.sqrt(var(a, n) + var(b, n)))
    change = last - base
    return {
        "baseline": base,
        "terakhir": last,
        "perubahan": change,
        "lo": change - Z * se,
        "hi": change + Z * se,
        "membaik": up,
        "memburuk": down,
        "bertentangan": change <= -1 and up > down,
    }


@pytest.fixture(scope="module", params=["one_big_falls", "many_rise_big_falls"])
def case(request, tmp_path_factory):
    rows = ONE_BIG_FALLS if request.param == "one_big_falls" else MANY_RISE_BIG_FALLS
    store = build(tmp_path_factory.mktemp(request.param) / "data", rows)
    con = store.connect(materialize=True)
    yield request.param, rows, store, con
    con.close()


def test_the_pooled_change_leads_and_the_share_counts_only_changes_beyond_noise(case):
    name, rows, _, con = case
    want = expected(rows)
    per, _ = impact.impact_summary(con, F, [])
    got = per.set_index("kode_indikator").loc["mcpr_pct"]
    assert got["perubahan"] == pytest.approx(want["perubahan"])
    assert (got["perubahan_bawah"], got["perubahan_atas"]) == (pytest.approx(want["lo"]), pytest.approx(want["hi"]))
    assert (got["membaik"], got["memburuk"], got["n_kemitraan"]) == (want["membaik"], want["memburuk"], 5)
    assert bool(got["bertentangan"]) is want["bertentangan"]
    if name == "one_big_falls":
        # the case: the pooled cohort fell ~10 points; 1–1,5 points on 100 women is noise
        assert want["perubahan"] == pytest.approx(-9.96, abs=0.01)
        assert (want["membaik"], want["memburuk"], want["bertentangan"]) == (0, 1, False)
    else:
        assert (want["membaik"], want["memburuk"], want["bertentangan"]) == (4, 1, True)


def test_angka_json_keeps_the_pooled_change_and_says_whether_it_contradicts(case, capsys):
    _, rows, store, _ = case
    want = expected(rows)
    code = cli.main(["--data-dir", str(store.root), "angka", "--json", "--dari", "2024-01", "--sampai", "2025-12"])
    out = capsys.readouterr()
    assert code == 0, out.err
    d = json.loads(out.out)["dampak"]["mcpr_pct"]
    assert d["perubahan"] == pytest.approx(want["perubahan"])
    assert d["bertentangan"] is want["bertentangan"]
    code = cli.main(["--data-dir", str(store.root), "angka", "--dari", "2024-01", "--sampai", "2025-12"])
    text = capsys.readouterr().out
    assert fmt_number(abs(want["perubahan"]), "id", 1) in text
    assert ("Arah berlawanan" in text) is want["bertentangan"]


def test_the_slide_leads_with_the_pooled_change_its_interval_and_the_warnings(case):
    _, rows, _, con = case
    want = expected(rows)
    s = deck.dampak(con, F, "id")
    change = "−" + fmt_number(abs(want["perubahan"]), "id", 1)
    assert s.title.startswith(f"mCPR: kohort berubah {change} poin persentase")
    assert ("Arah berlawanan" in s.title) is want["bertentangan"]
    assert "Hanya 5 kemitraan dalam kohort" in s.title  # the small-n warning
    first = s.metrics[0]
    assert first.label.startswith(t("fig.impact.kpi.change")) and first.value == change
    lo, hi = (fmt_number(abs(want[k]), "id", 1) for k in ("lo", "hi"))
    assert f"IK 95 % −{lo} s.d. −{hi}" in first.label


def _page(store, monkeypatch, name: str):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(store.root))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["periode"] = ["2024-01", "2025-12"]
    at.switch_page(f"pages/{name}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_dampak_and_ringkasan_pages_lead_with_the_pooled_change_and_say_a_contradiction(case, monkeypatch):
    name, rows, store, _ = case
    want = expected(rows)
    change = "−" + fmt_number(abs(want["perubahan"]), "id", 1)
    at = _page(store, monkeypatch, "dampak")
    assert at.metric[0].label == t("fig.impact.kpi.change") and at.metric[0].value == change
    warnings = " ".join(w.value for w in at.warning)
    assert ("Arah berlawanan" in warnings) is want["bertentangan"]
    at = _page(store, monkeypatch, "ringkasan")
    said = " ".join([*(c.value for c in at.caption), *(w.value for w in at.warning)])
    assert f"kohort berubah {change} poin persentase" in said
    assert ("Arah berlawanan" in " ".join(w.value for w in at.warning)) is want["bertentangan"]
