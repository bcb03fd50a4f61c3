"""Every page's headline figures, recomputed independently in SQL straight from the lake.

The store is :mod:`tests.figures_store` (documented there): four partnerships in two categories and two
provinces, monthly and quarterly reporters, a stock of a partnership that ended before the range's end, a
rate with a denominator and one without, a flagged outlier, a report straddling the range's start and a
partial year at the end, plus a correction batch.

The SQL here never calls :mod:`kemitraan.queries`: it reads the live batches' Parquet files with
``read_parquet``, keeps the latest value per key itself, flags the outlier itself, and aggregates by the
rules of docs/METHODS.md. Each test compares that with what the query functions return, and for the
Ringkasan and Jangkauan pages with what the page shows (AppTest).
"""

from __future__ import annotations

import datetime as dt
import math
import re

import duckdb
import figures_store as fs
import pandas as pd
import pytest
from conftest import APP

from kemitraan import contract
from kemitraan.i18n import t
from kemitraan.labels import fmt_idr, fmt_number, fmt_pct
from kemitraan.methods import indices
from kemitraan.queries import impact, indicators, periods, reach, reporting, survey, sustainability
from kemitraan.queries.filters import Filters

R0, R1 = fs.RANGE
F = fs.F
Z = 1.959963984540054


# --- the independent recomputation ------------------------------------------------------------------


@pytest.fixture(scope="module")
def fstore(tmp_path_factory):
    return fs.build(tmp_path_factory.mktemp("figures") / "data")


@pytest.fixture(scope="module")
def qcon(fstore):
    con = fstore.connect(materialize=True)  # as the app reads it
    yield con
    con.close()


@pytest.fixture(scope="module")
def lake(fstore):
    """Tables ``lk``, ``li``, ``ls``: the latest row per key over the live files, and ``cat``: the catalog."""
    con = duckdb.connect()
    keys = {
        "kemitraan": "kode_kemitraan",
        "indikator": "kode_kemitraan, periode, kode_indikator",
        "survei": "respon_id",
    }
    for kind, name in (("kemitraan", "lk"), ("indikator", "li"), ("survei", "ls")):
        files = [str(p) for p in fstore.live_files(kind)]
        con.execute(
            f"""CREATE TABLE {name} AS SELECT * EXCLUDE (_seq, _batch)
                        FROM read_parquet($files, union_by_name = true) WHERE _seq IS NOT NULL
                        QUALIFY row_number() OVER (PARTITION BY {keys[kind]} ORDER BY _seq DESC) = 1""",
            {"files": files},
        )
    cat = pd.DataFrame(
        [
            {
                "kode": i.kode,
                "waktu": i.agregasi_waktu,
                "lo": i.min,
                "hi": i.max,
                "naik": i.lebih_tinggi_lebih_baik,
                "minimum": i.perubahan_min,
            }
            for i in contract.indicators().values()
        ]
    )
    con.register("cat_df", cat)
    con.execute("CREATE TABLE cat AS SELECT * FROM cat_df")
    con.execute("""CREATE TABLE flagged AS
        WITH m AS (SELECT kode_kemitraan, kode_indikator, jenis_periode, quantile_disc(nilai, 0.5) AS med
                   FROM li GROUP BY ALL)
        SELECT li.kode_kemitraan, li.periode, li.kode_indikator FROM li JOIN cat ON cat.kode = li.kode_indikator
        JOIN m USING (kode_kemitraan, kode_indikator, jenis_periode)
        WHERE li.nilai < cat.lo OR li.nilai > cat.hi
           OR (cat.waktu = 'jumlah' AND m.med > 0 AND li.nilai > 5 * m.med)""")
    yield con
    con.close()


MONTHS = "CASE jenis_periode WHEN 'bulan' THEN 1 WHEN 'triwulan' THEN 3 ELSE 12 END"


def counted(
    where: str = "TRUE", include_flagged: bool = False, name: str = "rep", lo: str = "$r0", hi: str = "$r1"
) -> str:
    """CTE ``name``: reports whose whole period lies in the months [lo, hi], unflagged, of the partnerships ``where``
    holds."""
    flag = (
        ""
        if include_flagged
        else (
            "AND NOT EXISTS (SELECT 1 FROM flagged x WHERE x.kode_kemitraan = li.kode_kemitraan "
            "AND x.periode = li.periode AND x.kode_indikator = li.kode_indikator)"
        )
    )
    return f"""{name} AS (
        SELECT li.*, lk.kategori, lk.provinsi_kode, lk.tanggal_selesai,
               CAST(li.periode_mulai + to_months({MONTHS}) AS DATE) - 1 AS akhir
        FROM li JOIN lk USING (kode_kemitraan)
        WHERE {where} AND li.periode_mulai >= {lo}
          AND CAST(li.periode_mulai + to_months({MONTHS}) AS DATE) <= CAST({hi} + INTERVAL 1 MONTH AS DATE) {flag})"""


def one(lake, sql: str, r0=R0, r1=R1, **params):
    bound = {k: v for k, v in {"r0": r0, "r1": r1, **params}.items() if re.search(rf"\${k}\b", sql)}
    return lake.execute(sql, bound).fetchall()[0]


def flow(lake, ind: str, where: str = "TRUE", include_flagged: bool = False) -> tuple[float, int]:
    return one(
        lake,
        f"WITH {counted(where, include_flagged)} SELECT sum(nilai), count(DISTINCT kode_kemitraan) "
        "FROM rep WHERE kode_indikator = $ind",
        ind=ind,
    )


def rate(lake, ind: str, where: str = "TRUE", r0=R0, r1=R1) -> tuple[float, int, bool]:
    """Σ nilai·penyebut ÷ Σ penyebut over the reports with a denominator; their plain mean when none has one."""
    return one(
        lake,
        f"""WITH {counted(where)}
        SELECT CASE WHEN sum(penyebut) FILTER (WHERE penyebut > 0) > 0
                    THEN sum(nilai * penyebut) FILTER (WHERE penyebut > 0) / sum(penyebut) FILTER (WHERE penyebut > 0)
                    ELSE avg(nilai) END,
               CASE WHEN sum(penyebut) FILTER (WHERE penyebut > 0) > 0
                    THEN count(DISTINCT kode_kemitraan) FILTER (WHERE penyebut > 0)
                    ELSE count(DISTINCT kode_kemitraan) END,
               coalesce(sum(penyebut) FILTER (WHERE penyebut > 0), 0) > 0
        FROM rep WHERE kode_indikator = $ind""",
        r0,
        r1,
        ind=ind,
    )


def stock(lake, ind: str, where: str = "TRUE") -> tuple[float, int, dt.date]:
    """Σ of each partnership's last value, over those whose reports reach the last reported month (capped at the
    range's end) and that had not ended before that month was over."""
    return one(
        lake,
        f"""WITH {counted(where)},
        x AS (SELECT * FROM rep WHERE kode_indikator = $ind),
        e AS (SELECT CAST(least($r1, max(date_trunc('month', akhir))) AS DATE) AS bulan FROM x),
        last AS (SELECT kode_kemitraan, arg_max(nilai, periode_mulai) AS nilai, max(akhir) AS akhir,
                        any_value(tanggal_selesai) AS selesai FROM x GROUP BY 1)
        SELECT sum(nilai), count(*), any_value(e.bulan) FROM last, e
        WHERE date_trunc('month', last.akhir) >= e.bulan
          AND (selesai IS NULL OR selesai >= CAST(e.bulan + INTERVAL 1 MONTH AS DATE) - 1)""",
        ind=ind,
    )


def attainment(lake, ind: str) -> float:
    s, t = one(
        lake,
        f"WITH {counted()} SELECT sum(nilai) FILTER (WHERE target IS NOT NULL), sum(target) "
        "FROM rep WHERE kode_indikator = $ind",
        ind=ind,
    )
    return s / t * 100


def coverage(lake, where: str = "TRUE") -> float:
    """Σ contacts ÷ Σ person-years of target population, both over the periods that report both."""
    num, den = one(
        lake,
        f"""WITH {counted(where)},
        both_ AS (SELECT kode_kemitraan, periode, any_value(jenis_periode) AS jenis_periode,
                         sum(nilai) FILTER (WHERE kode_indikator = 'terjangkau') AS reached,
                         sum(nilai) FILTER (WHERE kode_indikator = 'sasaran') AS pop
                  FROM rep WHERE kode_indikator IN ('terjangkau', 'sasaran') GROUP BY ALL)
        SELECT sum(reached), sum(pop * {MONTHS} / 12.0) FROM both_ WHERE reached IS NOT NULL AND pop IS NOT NULL""",
    )
    return num / den * 100


def completeness(lake, where: str = "TRUE", r0=R0, r1=R1) -> tuple[int, int, int, int]:
    """(expected, received, on time, received without a date): every period of a partnership's cadence that lies in
    the range and overlaps its life; received when it sent anything for it; on time within 15 days of its end."""
    return one(
        lake,
        f"""
        WITH cad AS (SELECT kode_kemitraan, jenis_periode AS jenis FROM li
                     GROUP BY kode_kemitraan, jenis_periode
                     QUALIFY row_number() OVER (PARTITION BY kode_kemitraan ORDER BY count(*) DESC) = 1),
        cal AS (SELECT 'bulan' AS jenis, CAST(d AS DATE) AS mulai, CAST(d + INTERVAL 1 MONTH AS DATE) - 1 AS akhir
                FROM generate_series(TIMESTAMP '2020-01-01', TIMESTAMP '2030-12-01', INTERVAL 1 MONTH) g(d)
                UNION ALL
                SELECT 'triwulan', CAST(d AS DATE), CAST(d + INTERVAL 3 MONTH AS DATE) - 1
                FROM generate_series(TIMESTAMP '2020-01-01', TIMESTAMP '2030-10-01', INTERVAL 3 MONTH) g(d)),
        exp AS (SELECT lk.kode_kemitraan, cal.mulai, cal.akhir FROM lk JOIN cad USING (kode_kemitraan)
                JOIN cal ON cal.jenis = cad.jenis
                WHERE {where} AND cal.mulai >= $r0 AND cal.akhir < CAST($r1 + INTERVAL 1 MONTH AS DATE)
                  AND cal.akhir >= lk.tanggal_mulai
                  AND (lk.tanggal_selesai IS NULL OR cal.mulai <= lk.tanggal_selesai)),
        got AS (SELECT kode_kemitraan, periode_mulai AS mulai, max(tanggal_lapor) AS lapor FROM li GROUP BY ALL)
        SELECT count(*), count(got.mulai), count(*) FILTER (WHERE got.lapor <= exp.akhir + 15),
               count(*) FILTER (WHERE got.mulai IS NOT NULL AND got.lapor IS NULL)
        FROM exp LEFT JOIN got USING (kode_kemitraan, mulai)""",
        r0,
        r1,
    )


def window_months(r0=R0, r1=R1) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    n = (r1.year - r0.year) * 12 + r1.month - r0.month + 1
    w = min(12, n // 2)
    add = lambda d, k: dt.date(d.year + (d.month - 1 + k) // 12, (d.month - 1 + k) % 12 + 1, 1)  # noqa: E731
    return (r0, add(r0, w - 1)), (add(r1, -(w - 1)), r1)


def impact_of(lake, ind: str, r0=R0, r1=R1) -> dict:
    """Per partnership its own pooled rate in the first and last w months; the cohort has both. Headline: the
    cohort's pooled change with its 95 % interval from binomial sampling error (v (K − v) ÷ n, n = Σ penyebut ÷
    reports, K = 100 for %, 1,000 for per 1,000; the plain mean change's sd ÷ √n without denominators). Classes:
    the catalog's minimum change in the better direction *and* more than z × the partnership's own sampling
    error; the share improving with its Wilson interval; contradiction when the pooled change (by the minimum)
    and the majority of the classes point different ways."""
    (b0, b1), (l0, l1) = window_months(r0, r1)
    pooled = """CASE WHEN sum(penyebut) FILTER (WHERE penyebut > 0) > 0
                     THEN sum(nilai * penyebut) FILTER (WHERE penyebut > 0) / sum(penyebut) FILTER (WHERE penyebut > 0)
                     ELSE avg(nilai) END AS nilai, sum(penyebut) FILTER (WHERE penyebut > 0) AS bobot,
                sum(penyebut) FILTER (WHERE penyebut > 0) / count(*) AS orang"""
    row = one(
        lake,
        f"""
        WITH {counted(name="ra", lo="$b0", hi="$b1")}, {counted(name="rz", lo="$l0", hi="$l1")},
        a AS (SELECT kode_kemitraan, {pooled} FROM ra WHERE kode_indikator = $ind GROUP BY 1),
        z AS (SELECT kode_kemitraan, {pooled} FROM rz WHERE kode_indikator = $ind GROUP BY 1),
        kk AS (SELECT CASE WHEN satuan = '%' THEN 100.0 ELSE 1000.0 END AS k FROM (SELECT $satuan AS satuan)),
        c AS (SELECT a.nilai AS awal, a.bobot AS b_awal, z.nilai AS akhir, z.bobot AS b_akhir,
                     a.nilai * (kk.k - a.nilai) / a.orang AS v_awal, z.nilai * (kk.k - z.nilai) / z.orang AS v_akhir,
                     z.nilai - a.nilai AS beda,
                     (z.nilai - a.nilai) * CASE WHEN cat.naik THEN 1 ELSE -1 END AS lebih_baik, cat.minimum
              FROM a JOIN z USING (kode_kemitraan), cat, kk WHERE cat.kode = $ind),
        c2 AS (SELECT *, $z * sqrt(v_awal + v_akhir) AS galat FROM c),
        k AS (SELECT count(*) AS n,
                     count(*) FILTER (WHERE lebih_baik >= minimum AND lebih_baik > 0
                                       AND (galat IS NULL OR lebih_baik > galat)) AS membaik,
                     count(*) FILTER (WHERE lebih_baik <= -minimum AND lebih_baik < 0
                                       AND (galat IS NULL OR -lebih_baik > galat)) AS memburuk,
                     CASE WHEN sum(b_awal) > 0 THEN sum(awal * b_awal) / sum(b_awal) ELSE avg(awal) END AS baseline,
                     CASE WHEN sum(b_akhir) > 0 THEN sum(akhir * b_akhir) / sum(b_akhir) ELSE avg(akhir) END
                          AS terakhir,
                     CASE WHEN sum(b_awal) > 0
                          THEN sqrt(sum(b_awal * b_awal * v_awal) / sum(b_awal) ^ 2
                                    + sum(b_akhir * b_akhir * v_akhir) / sum(b_akhir) ^ 2)
                          ELSE stddev_samp(beda) / sqrt(count(*)) END AS se,
                     any_value(minimum) AS minimum, bool_or(lebih_baik * beda > 0) AS naik_baik
              FROM c2),
        w AS (SELECT *, membaik / n AS p, 1 + $z * $z / n AS d FROM k)
        SELECT n, membaik, memburuk, n - membaik - memburuk AS tetap, 100.0 * p AS porsi, baseline, terakhir,
               100 * greatest(0, ((p + $z * $z / (2 * n)) / d)
                                 - $z / d * sqrt(p * (1 - p) / n + $z * $z / (4 * n * n))),
               100 * least(1, ((p + $z * $z / (2 * n)) / d)
                              + $z / d * sqrt(p * (1 - p) / n + $z * $z / (4 * n * n))),
               terakhir - baseline - $z * se, terakhir - baseline + $z * se, minimum
        FROM w""",
        b0=b0,
        b1=b1,
        l0=l0,
        l1=l1,
        ind=ind,
        z=Z,
        satuan=contract.indicator(ind).satuan,
    )
    keys = ("n", "membaik", "memburuk", "tetap", "porsi", "baseline", "terakhir", "lo", "hi", "d_lo", "d_hi", "minimum")
    out = dict(zip(keys, row))
    better = (out["terakhir"] - out["baseline"]) * (1 if contract.indicator(ind).lebih_tinggi_lebih_baik else -1)
    out["bertentangan"] = bool(
        (better <= -out["minimum"] and out["membaik"] > out["memburuk"])
        or (better >= out["minimum"] and out["memburuk"] > out["membaik"])
    )
    return out


def health(lake, r0=R0, r1=R1) -> tuple[int, int, float]:
    """(respondents, partnerships, score 0–100): the mean over the principles of each principle's 1–5 mean."""
    cols = ", ".join(f"avg({p})" for p in contract.PRINCIPLES)
    row = one(
        lake,
        f"""SELECT count(*), count(DISTINCT kode_kemitraan), {cols} FROM ls
                        WHERE tanggal_survei >= $r0 AND tanggal_survei < CAST($r1 + INTERVAL 1 MONTH AS DATE)""",
        r0,
        r1,
    )
    means = row[2:]
    return row[0], row[1], (sum(means) / len(means) - 1) / 4 * 100


def n_partnerships(lake, r1=R1) -> tuple[int, int]:
    on = dt.date(r1.year + r1.month // 12, r1.month % 12 + 1, 1) - dt.timedelta(days=1)
    return lake.execute(
        "SELECT count(*), count(*) FILTER (WHERE tanggal_mulai <= $on AND "
        "(tanggal_selesai IS NULL OR tanggal_selesai > $on)) FROM lk",
        {"on": on},
    ).fetchall()[0]


def _date(x) -> dt.date:
    return pd.Timestamp(x).date()


def _tot(qcon, f: Filters, kode: str) -> pd.Series:
    tot = indicators.indicator_totals(qcon, f, [kode])
    assert len(tot) == 1, tot
    return tot.iloc[0]


# --- the store is what its docstring says -------------------------------------------------------------


def test_the_store_exercises_every_rule(lake, qcon):
    assert one(lake, "SELECT count(*) FROM flagged")[0] == 1  # A1 2024-06 terjangkau
    assert (
        one(
            lake,
            "SELECT nilai FROM li WHERE kode_kemitraan = 'A2' AND periode = '2024-Q4' "
            "AND kode_indikator = 'terjangkau'",
        )[0]
        == 420
    )  # the correction wins
    assert one(lake, "SELECT tanggal_selesai FROM lk WHERE kode_kemitraan = 'B1'")[0] == dt.date(2024, 10, 31)
    # every report (a partnership's period, all its values) that overlaps the range without lying inside it:
    # A2's and B2's 2024-Q1
    straddling = one(
        lake,
        f"""SELECT count(DISTINCT (kode_kemitraan, periode)) FROM li
        WHERE CAST(periode_mulai + to_months({MONTHS}) AS DATE) > $r0
          AND periode_mulai < CAST($r1 + INTERVAL 1 MONTH AS DATE)
          AND NOT (periode_mulai >= $r0 AND CAST(periode_mulai + to_months({MONTHS}) AS DATE)
                                            <= CAST($r1 + INTERVAL 1 MONTH AS DATE))""",
    )[0]
    assert straddling == 2  # with 9 + 5 values: counted as reports, not values
    assert periods.straddling_reports(qcon, F) == straddling


# --- Ringkasan ----------------------------------------------------------------------------------------


def test_ringkasan_headline_figures(lake, qcon):
    n, aktif = n_partnerships(lake)
    status = sustainability.partnership_status(qcon, F, [])
    assert (status["n_kemitraan"].iloc[0], status["n_aktif"].iloc[0]) == (n, aktif) == (4, 3)

    contacts, n_contacts = flow(lake, "terjangkau")
    r = reach.reach_summary(qcon, F, []).iloc[0]
    assert r["terjangkau"] == pytest.approx(contacts)
    assert _tot(qcon, F, "terjangkau")["n_kemitraan"] == n_contacts == 4
    assert r["capaian_pct"] == pytest.approx(attainment(lake, "terjangkau"))

    disbursed, _ = flow(lake, "dana_realisasi_idr")
    committed, _ = flow(lake, "dana_komitmen_idr")
    s = sustainability.sustainability_summary(qcon, F, []).iloc[0]
    assert s["dana_realisasi_idr"] == pytest.approx(disbursed)
    assert s["realisasi_pct"] == pytest.approx(disbursed / committed * 100)

    expected, received, on_time, undated = completeness(lake)
    rr = reporting.reporting_rates(qcon, F, None).iloc[0]
    assert (rr["n_diharapkan"], rr["n_diterima"], rr["n_tepat_waktu"], rr["n_tanpa_tanggal"]) == (
        expected,
        received,
        on_time,
        undated,
    )
    assert rr["kelengkapan_pct"] == pytest.approx(received / expected * 100)
    assert rr["ketepatan_pct"] == pytest.approx(on_time / expected * 100)


def test_ringkasan_page_shows_the_recomputed_figures(lake, fstore, monkeypatch):
    at = _page(fstore, monkeypatch, "ringkasan")
    shown = {m.label: m.value for m in at.metric}
    n, _ = n_partnerships(lake)
    expected, received, _, _ = completeness(lake)
    disbursed, _ = flow(lake, "dana_realisasi_idr")
    assert shown[t("kpi.kemitraan")] == fmt_number(n, "id")
    assert shown[t("kpi.terjangkau")] == fmt_number(flow(lake, "terjangkau")[0], "id")
    assert shown[t("kpi.capaian")] == fmt_pct(attainment(lake, "terjangkau"), "id")
    assert shown[t("kpi.dana")] == fmt_idr(disbursed, "id")
    assert shown[t("fig.kpi.completeness")] == fmt_pct(received / expected * 100, "id", 0)


# --- Jangkauan ----------------------------------------------------------------------------------------


def test_jangkauan_headline_figures(lake, qcon):
    r = reach.reach_summary(qcon, F, []).iloc[0]
    contacts, _ = flow(lake, "terjangkau")
    rentan, _ = flow(lake, "kelompok_rentan_terjangkau")
    funds, _ = flow(lake, "dana_realisasi_idr")
    assert r["terjangkau"] == pytest.approx(contacts)
    assert r["capaian_pct"] == pytest.approx(attainment(lake, "terjangkau"))
    assert r["porsi_rentan_pct"] == pytest.approx(rentan / contacts * 100)
    assert r["cakupan_pct"] == pytest.approx(coverage(lake))
    assert r["biaya_per_kontak_idr"] == pytest.approx(funds / contacts)


def test_coverage_counts_contacts_only_where_a_target_population_is_reported(lake, qcon):
    # B2 reports contacts but no target population: its contacts stay out of coverage (not 61,5 % but 48,5 %)
    got = reach.reach_summary(qcon, F, "kategori").set_index("kategori")
    assert got.loc["publik_swasta", "cakupan_pct"] == pytest.approx(coverage(lake, "lk.kategori = 'publik_swasta'"))
    b1_only = one(
        lake,
        f"""WITH {counted("lk.kode_kemitraan = 'B1'")}
        SELECT sum(nilai) FILTER (WHERE kode_indikator = 'terjangkau')
               / sum(nilai / 12) FILTER (WHERE kode_indikator = 'sasaran') * 100 FROM rep""",
    )[0]
    assert got.loc["publik_swasta", "cakupan_pct"] == pytest.approx(b1_only)
    trend = reach.reach_over_time(qcon, F, "tahun", None)
    assert (trend["terjangkau_bersasaran"] <= trend["terjangkau"]).all()
    assert trend["cakupan_pct"].tolist() == pytest.approx(
        (trend["terjangkau_bersasaran"] / trend["sasaran_tahun"] * 100).tolist()
    )


def test_jangkauan_page_shows_the_recomputed_figures(lake, fstore, monkeypatch):
    at = _page(fstore, monkeypatch, "jangkauan")
    shown = {m.label: m.value for m in at.metric}
    contacts, _ = flow(lake, "terjangkau")
    rentan, _ = flow(lake, "kelompok_rentan_terjangkau")
    funds, _ = flow(lake, "dana_realisasi_idr")
    assert shown[t("kpi.terjangkau")] == fmt_number(contacts, "id")
    assert shown[t("an.kpi.attainment")] == fmt_pct(attainment(lake, "terjangkau"), "id")
    assert shown[t("an.kpi.rentan")] == fmt_pct(rentan / contacts * 100, "id")
    assert shown[t("an.kpi.coverage")] == fmt_pct(coverage(lake), "id")
    assert shown[t("fig.kpi.cost")] == fmt_idr(funds / contacts, "id")


# --- Keberlanjutan ------------------------------------------------------------------------------------


def test_keberlanjutan_headline_figures(lake, qcon):
    s = sustainability.sustainability_summary(qcon, F, []).iloc[0]
    disbursed, _ = flow(lake, "dana_realisasi_idr")
    committed, _ = flow(lake, "dana_komitmen_idr")
    assert s["dana_realisasi_idr"] == pytest.approx(disbursed)
    assert s["realisasi_pct"] == pytest.approx(disbursed / committed * 100)
    local, n_local, weighted = rate(lake, "porsi_dana_lokal_pct")
    # money-weighted: Σ local rupiah ÷ Σ all rupiah, not the mean of the shares
    local_rp = one(
        lake,
        f"WITH {counted()} SELECT sum(nilai / 100 * penyebut) / sum(penyebut) * 100 FROM rep "
        "WHERE kode_indikator = 'porsi_dana_lokal_pct'",
    )[0]
    assert weighted and local == pytest.approx(local_rp)
    assert s["porsi_dana_lokal_pct"] == pytest.approx(local)
    assert _tot(qcon, F, "porsi_dana_lokal_pct")["n_kemitraan"] == n_local == 3
    assert local != pytest.approx(
        one(lake, f"WITH {counted()} SELECT avg(nilai) FROM rep WHERE kode_indikator = 'porsi_dana_lokal_pct'")[0]
    )
    n, aktif = n_partnerships(lake)
    st = sustainability.partnership_status(qcon, F, [])
    assert (st["n_aktif"].iloc[0], st["n_kemitraan"].iloc[0]) == (aktif, n)


def test_keberlanjutan_page_shows_the_recomputed_figures(lake, fstore, monkeypatch):
    shown = {m.label: m.value for m in _page(fstore, monkeypatch, "keberlanjutan").metric}
    n, aktif = n_partnerships(lake)
    assert shown[t("an.kpi.realisation")] == fmt_idr(flow(lake, "dana_realisasi_idr")[0], "id")
    assert shown[t("an.kpi.local")] == fmt_pct(rate(lake, "porsi_dana_lokal_pct")[0], "id")
    assert shown[t("an.kpi.active")] == f"{aktif} / {n}"


# --- stocks, rates, partial periods: the rules under every page ---------------------------------------


def test_stocks_count_only_partnerships_reporting_at_the_end_of_the_range(lake, qcon):
    value, n, month = stock(lake, "peserta_kb_aktif")
    row = _tot(qcon, F, "peserta_kb_aktif")
    assert (row["nilai"], row["n_kemitraan"], _date(row["bulan_stok"])) == (value, n, month)
    assert n == 2 and month == R1  # B1 (ended 2024-10) is not in it
    row = _tot(qcon, F, "sasaran")
    assert stock(lake, "sasaran") == (row["nilai"], row["n_kemitraan"], _date(row["bulan_stok"]))


def test_rates_are_pooled_by_their_own_denominators(lake, qcon):
    for kode in ("mcpr_pct", "porsi_dana_lokal_pct", "stunting_pct", "cakupan_imunisasi_pct"):
        value, n, weighted = rate(lake, kode)
        row = _tot(qcon, F, kode)
        assert row["nilai"] == pytest.approx(value), kode
        assert (row["n_kemitraan"], bool(row["tertimbang"])) == (n, weighted), kode
    assert not rate(lake, "cakupan_imunisasi_pct")[2]  # B2 gave no denominator: the plain mean, said so
    # A2's 2024-Q3 mcpr has no denominator: left out of the weighted figure and counted
    assert _tot(qcon, F, "mcpr_pct")["n_tanpa_penyebut"] == 1


def test_flagged_values_are_left_out_unless_included(lake, qcon):
    out, _ = flow(lake, "terjangkau")
    with_flagged, _ = flow(lake, "terjangkau", include_flagged=True)
    assert with_flagged - out == 1400
    assert _tot(qcon, F, "terjangkau")["nilai"] == pytest.approx(out)
    assert _tot(qcon, Filters(R0, R1, include_flagged=True), "terjangkau")["nilai"] == pytest.approx(with_flagged)


def test_yearly_series_marks_the_partial_years_and_adds_up(lake, qcon):
    s = indicators.indicator_series(qcon, F, ["terjangkau"], grain="tahun").set_index("periode")
    assert list(s.index) == ["2024", "2025"] and s["parsial"].all()
    assert (_date(s.loc["2024", "bulan_awal"]), _date(s.loc["2025", "bulan_akhir"])) == (R0, R1)
    for year, (a, b) in {"2024": (R0, dt.date(2024, 12, 1)), "2025": (dt.date(2025, 1, 1), R1)}.items():
        value = one(lake, f"WITH {counted()} SELECT sum(nilai) FROM rep WHERE kode_indikator = 'terjangkau'", a, b)[0]
        assert s.loc[year, "nilai"] == pytest.approx(value), year
    assert s["nilai"].sum() == pytest.approx(flow(lake, "terjangkau")[0])


def test_by_category_and_province(lake, qcon):
    for dim, col in (("kategori", "kategori"), ("provinsi_kode", "provinsi_kode")):
        got = reach.reach_summary(qcon, F, dim).set_index(dim)
        for code in got.index:
            where = f"lk.{col} = '{code}'"  # a code of this test's own store
            assert got.loc[code, "terjangkau"] == pytest.approx(flow(lake, "terjangkau", where)[0]), (dim, code)
        tot = indicators.indicator_totals(qcon, F, ["mcpr_pct"], by=dim).set_index(dim)
        for code in tot.index:
            assert tot.loc[code, "nilai"] == pytest.approx(rate(lake, "mcpr_pct", f"lk.{col} = '{code}'")[0])


# --- Dampak -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kode", ["mcpr_pct", "stunting_pct", "cakupan_imunisasi_pct"])
def test_dampak_share_improving_and_cohort(lake, qcon, kode):
    want = impact_of(lake, kode)
    per, _ = impact.impact_summary(qcon, F, [])
    got = per.set_index("kode_indikator").loc[kode]
    assert (got["n_kemitraan"], got["membaik"], got["memburuk"], got["tetap"]) == (
        want["n"],
        want["membaik"],
        want["memburuk"],
        want["tetap"],
    )
    assert got["porsi_membaik_pct"] == pytest.approx(want["porsi"])
    assert (got["ik_bawah_pct"], got["ik_atas_pct"]) == (pytest.approx(want["lo"]), pytest.approx(want["hi"]))
    assert (got["baseline"], got["terakhir"]) == (pytest.approx(want["baseline"]), pytest.approx(want["terakhir"]))
    if want["d_lo"] is None:  # one partnership without a denominator: no interval can be given
        assert math.isnan(got["perubahan_bawah"]) and math.isnan(got["perubahan_atas"])
    else:
        assert (got["perubahan_bawah"], got["perubahan_atas"]) == (
            pytest.approx(want["d_lo"]),
            pytest.approx(want["d_hi"]),
        )
    assert bool(got["bertentangan"]) == want["bertentangan"]
    (b0, b1), (l0, l1) = window_months()
    assert tuple(_date(got[c]) for c in ("awal_dari", "awal_sampai", "akhir_dari", "akhir_sampai")) == (b0, b1, l0, l1)


def test_dampak_mcpr_cohort_is_the_partnerships_in_both_windows(lake, qcon):
    want = impact_of(lake, "mcpr_pct")
    # A1 50 → 53 over 1.000 women and B2 59,25 → 57 over 2.000 move by more than the minimum but within their
    # sampling error (z × se ≈ 4,4 and 3,0 points); A2 +0,1…0,3 holds steady (< 1 point); B1 ended before the
    # latest window
    assert (want["n"], want["membaik"], want["tetap"], want["memburuk"]) == (3, 0, 3, 0)
    assert impact.cohort(qcon, F, "mcpr_pct") == ["A1", "A2", "B2"]
    # the fixed-cohort trend shows the same partnerships as the headline
    trend = impact.outcome_series(qcon, F, "semua", None, kodes=("mcpr_pct",), fixed_cohort=True)
    assert trend["n_kemitraan"].iloc[0] == 3


def test_dampak_page_shows_the_recomputed_figures(lake, fstore, monkeypatch):
    shown = {m.label: m.value for m in _page(fstore, monkeypatch, "dampak").metric}
    want = impact_of(lake, "mcpr_pct")  # the page opens on the first outcome
    assert shown[t("fig.impact.kpi.share")] == fmt_pct(want["porsi"], "id", 0)
    assert (
        shown[t("fig.impact.kpi.cohort")]
        == f"{fmt_number(want['baseline'], 'id', 1)} → {fmt_number(want['terakhir'], 'id', 1)}"
    )


# --- Kesehatan kemitraan ------------------------------------------------------------------------------


def test_kesehatan_respondents_and_score(lake, qcon):
    n, k, score = health(lake)
    resp = survey.respondents(qcon, F, None).iloc[0]
    assert (resp["n_responden"], resp["n_kemitraan"]) == (n, k) == (5, 2)
    overall = indices.health_overall(survey.health_by_principle(qcon, F, None), [])
    assert overall["skor"].iloc[0] == pytest.approx(score)
    assert score == pytest.approx(((7 * 3.6 + 3.2) / 8 - 1) / 4 * 100)


def test_kesehatan_page_shows_the_recomputed_figures(lake, fstore, monkeypatch):
    shown = {m.label: m.value for m in _page(fstore, monkeypatch, "kesehatan_kemitraan").metric}
    n, _, score = health(lake)
    assert shown[t("an.kpi.respondents")] == fmt_number(n, "id")
    assert shown[t("an.kpi.health")] == fmt_number(score, "id") + " / 100"


# --- the pages, through AppTest ----------------------------------------------------------------------


def _page(store, monkeypatch, name: str):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("KEMITRAAN_DATA_DIR", str(store.root))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["periode"] = [f"{R0:%Y-%m}", f"{R1:%Y-%m}"]
    at.switch_page(f"pages/{name}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_no_figure_is_nan_where_the_store_has_data(qcon):
    r = reach.reach_summary(qcon, F, []).iloc[0]
    for col in ("terjangkau", "capaian_pct", "porsi_rentan_pct", "cakupan_pct", "biaya_per_kontak_idr"):
        assert not math.isnan(r[col]), col
