"""A small store built by hand to exercise every rule behind the headline figures (docs/METHODS.md).

The range the tests look at is **Feb 2024 – Jun 2025** (:data:`RANGE`): it starts inside a quarter and
ends inside a year, so a quarterly report straddles its start and 2025 is a partial year.

Partnerships (first batch ``awal``; the second batch ``koreksi`` corrects two values and one end date):

- **A1** pemerintah_lsm · kb · Jawa Barat (32) · Kota Bandung · since 2023-01-01 · **monthly** 2024-01 … 2025-09,
  missing 2024-08. terjangkau 100–140 (target 120), but **2024-06 = 1.400** (an extra zero: more than 5 × its
  median, flagged); kelompok_rentan_terjangkau 30–40; sasaran 2.400 (2.600 from 2025); peserta_kb_aktif 500 + 10·i
  (a stock); mcpr_pct 50 until 2024-09, 53 after (penyebut 1.000, 1.100 in 2025); funds committed 10 jt and
  disbursed 8 jt (9 jt in 2025) a month; local share 30 % of 10 jt (penyebut in rupiah). Reports 10 days after
  the month, 2024-03 late (40 days), 2024-04 without a date.
- **A2** pemerintah_lsm · kia · Jawa Tengah (33) · Kota Semarang · since 2023-01-01 · **quarterly** 2023-Q4 … 2025-Q3
  (**2024-Q1 straddles the range's start**). terjangkau 400 (420 after the correction of 2024-Q4), target 450 but
  none in 2025-Q1; kelompok_rentan 120; sasaran 5.000; peserta_kb_aktif 900 + 20·q; mcpr_pct 40,0 + 0,1·q
  (penyebut 3.000, **none in 2024-Q3**: a rate with and without a denominator); stunting_pct 25 → 22
  (penyebut 800); funds 30 jt / 20 jt a quarter, local share 50 % of 30 jt. 2024-Q4 reported late.
- **B1** publik_swasta · gizi · Jawa Barat · Kab. Bogor · since 2023-06-01, **ended 2024-10-31** (set by the
  correction) · monthly 2024-01 … 2024-10: terjangkau 200 (target 180), sasaran 3.000, **peserta_kb_aktif 700
  (a stock of a partnership that ended before the range's end)**, mcpr_pct 45 (penyebut 500), funds 6 jt / 5 jt,
  local share 10 % of 6 jt.
- **B2** publik_swasta · imunisasi · Jawa Tengah · since 2024-01-01 · quarterly 2024-Q1 … 2025-Q2, no report
  dates: terjangkau 300 without target and **without sasaran**; **cakupan_imunisasi_pct 80 → 88 without
  any denominator** (unweighted); mcpr_pct 60 → 56,5 (penyebut 2.000; 2025-Q1 corrected 57 → 57,5);
  funds 20 jt / 15 jt, no local share.

Survey: A1 three respondents (2024-05-10), A2 two (2025-03-01), B1 one on 2023-12-01 (before the range).
"""

from __future__ import annotations

import datetime as dt

from conftest import indicator_row, partnership, survey_row, write

from kemitraan import contract
from kemitraan.queries.filters import Filters
from kemitraan.storage.store import Store

RANGE = (dt.date(2024, 2, 1), dt.date(2025, 6, 1))
F = Filters(period_from=RANGE[0], period_to=RANGE[1])


def months(first: str, last: str) -> list[str]:
    y, m = map(int, first.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def quarters(first: str, last: str) -> list[str]:
    y, q = map(int, first.split("-Q"))
    out = []
    while (y, q) <= tuple(map(int, last.split("-Q"))):
        out.append(f"{y}-Q{q}")
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


def period_end(periode: str) -> dt.date:
    r = indicator_row("X", periode, "terjangkau", 0)
    return contract.period_end(r["periode_mulai"], r["jenis_periode"])


def _rows(kode: str, periode: str, values: dict, lapor: dt.date | None) -> list[dict]:
    """One report: ``values`` maps an indicator to nilai or (nilai, target, penyebut)."""
    out = []
    for ind, v in values.items():
        nilai, target, penyebut = (v, None, None) if not isinstance(v, tuple) else (v + (None, None))[:3]
        out.append(indicator_row(kode, periode, ind, nilai, target, penyebut=penyebut, tanggal_lapor=lapor))
    return out


def indicator_rows() -> list[dict]:
    rows: list[dict] = []
    for i, p in enumerate(months("2024-01", "2025-09")):
        if p == "2024-08":
            continue  # a missing report
        y2025 = p >= "2025-01"
        due = period_end(p) + dt.timedelta(days=10)
        lapor = {"2024-03": period_end(p) + dt.timedelta(days=40), "2024-04": None}.get(p, due)
        rows += _rows(
            "A1",
            p,
            {
                "terjangkau": (1400.0 if p == "2024-06" else 100.0 + (i % 5) * 10, 120.0),
                "kelompok_rentan_terjangkau": 30.0 + (i % 3) * 5,
                "sasaran": 2600.0 if y2025 else 2400.0,
                "peserta_kb_aktif": 500.0 + 10 * i,
                "mcpr_pct": (53.0 if p >= "2024-10" else 50.0, None, 1100.0 if y2025 else 1000.0),
                "dana_komitmen_idr": 10e6,
                "dana_realisasi_idr": 9e6 if y2025 else 8e6,
                "porsi_dana_lokal_pct": (30.0, None, 10e6),
            },
            lapor,
        )
    stunting = [25.0, 25.0, 24.5, 24.0, 23.5, 23.0, 22.5, 22.0]
    for q, p in enumerate(quarters("2023-Q4", "2025-Q3")):
        lapor = period_end(p) + dt.timedelta(days=40 if p == "2024-Q4" else 5)
        rows += _rows(
            "A2",
            p,
            {
                "terjangkau": (400.0, None if p == "2025-Q1" else 450.0),
                "kelompok_rentan_terjangkau": 120.0,
                "sasaran": 5000.0,
                "peserta_kb_aktif": 900.0 + 20 * q,
                "mcpr_pct": (round(40.0 + 0.1 * q, 1), None, None if p == "2024-Q3" else 3000.0),
                "stunting_pct": (stunting[q], None, 800.0),
                "dana_komitmen_idr": 30e6,
                "dana_realisasi_idr": 20e6,
                "porsi_dana_lokal_pct": (50.0, None, 30e6),
            },
            lapor,
        )
    for p in months("2024-01", "2024-10"):
        rows += _rows(
            "B1",
            p,
            {
                "terjangkau": (200.0, 180.0),
                "sasaran": 3000.0,
                "peserta_kb_aktif": 700.0,
                "mcpr_pct": (45.0, None, 500.0),
                "dana_komitmen_idr": 6e6,
                "dana_realisasi_idr": 5e6,
                "porsi_dana_lokal_pct": (10.0, None, 6e6),
            },
            period_end(p) + dt.timedelta(days=3),
        )
    imun = [80.0, 81.0, 83.0, 85.0, 86.0, 88.0]
    mcpr = [60.0, 59.5, 59.0, 58.0, 57.0, 56.5]
    for q, p in enumerate(quarters("2024-Q1", "2025-Q2")):
        rows += _rows(
            "B2",
            p,
            {
                "terjangkau": 300.0,
                "cakupan_imunisasi_pct": imun[q],
                "mcpr_pct": (mcpr[q], None, 2000.0),
                "dana_komitmen_idr": 20e6,
                "dana_realisasi_idr": 15e6,
            },
            None,
        )
    return rows


def partnerships() -> list[dict]:
    return [
        partnership(
            "A1",
            kategori="pemerintah_lsm",
            bidang="kb",
            provinsi_kode="32",
            provinsi="Jawa Barat",
            kabupaten_kota="Kota Bandung",
            tanggal_mulai=dt.date(2023, 1, 1),
        ),
        partnership(
            "A2",
            kategori="pemerintah_lsm",
            bidang="kia",
            provinsi_kode="33",
            provinsi="Jawa Tengah",
            kabupaten_kota="Kota Semarang",
            tanggal_mulai=dt.date(2023, 1, 1),
        ),
        partnership(
            "B1",
            kategori="publik_swasta",
            bidang="gizi",
            provinsi_kode="32",
            provinsi="Jawa Barat",
            kabupaten_kota="Kab. Bogor",
            tanggal_mulai=dt.date(2023, 6, 1),
        ),
        partnership(
            "B2",
            kategori="publik_swasta",
            bidang="imunisasi",
            provinsi_kode="33",
            provinsi="Jawa Tengah",
            tanggal_mulai=dt.date(2024, 1, 1),
        ),
    ]


def surveys() -> list[dict]:
    a1 = [
        survey_row(f"a1-{n}", "A1", s, tanggal_survei=dt.date(2024, 5, 10), kepuasan=k)
        for n, (s, k) in enumerate(((5, 5), (4, 4), (3, 2)))
    ]
    a1[2]["kepercayaan"] = 1
    a2 = [survey_row(f"a2-{n}", "A2", s, tanggal_survei=dt.date(2025, 3, 1)) for n, s in enumerate((4, 2))]
    return [*a1, *a2, survey_row("b1-0", "B1", 1, tanggal_survei=dt.date(2023, 12, 1))]


def build(root) -> Store:
    store = Store(root)
    write(store, "awal", kemitraan=partnerships(), indikator=indicator_rows(), survei=surveys())
    b1 = next(p for p in partnerships() if p["kode_kemitraan"] == "B1")
    write(
        store,
        "koreksi",
        kemitraan=[{**b1, "tanggal_selesai": dt.date(2024, 10, 31)}],
        indikator=[
            indicator_row(
                "A2", "2024-Q4", "terjangkau", 420.0, 450.0, tanggal_lapor=period_end("2024-Q4") + dt.timedelta(days=40)
            ),
            indicator_row("B2", "2025-Q1", "mcpr_pct", 57.5, penyebut=2000.0),
        ],
    )
    return store
