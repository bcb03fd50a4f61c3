"""Deterministic, realistic, clearly-labelled synthetic data: the embedded default.

Partnerships and survey answers are drawn with a seeded NumPy generator, column by
column (no Python loop per row). Indicator rows — the bulk, millions at scale — are
generated inside DuckDB from a hash of (seed, partnership, period, indicator),
streamed straight to Parquet, so memory stays bounded whatever the size.

What the data look like (kemitraan.generators.demo_profiles): lead partners that fit their
programme area; outcome levels around each province's published level, drifting at
the national pace, each partnership moving at its own pace (most improve, some stall
or worsen); every rate with its own denominator (`penyebut`), drawn from the
partnership's target group, missing on a few rows; every report with its submission
date (`tanggal_lapor`), most on time, some late; budgets for the whole agreement that
pledges and spending stay within. Kept on purpose for the data-quality pages: missing
reports, partnerships that stopped reporting, typing slips (an extra zero) in counts.

Everything here is synthetic: codes start with ``DEMO-`` and the batch is
called ``demo``, so every page can say so.
"""

from __future__ import annotations

import datetime as dt
import uuid

import numpy as np
import pandas as pd

from kemitraan import contract
from kemitraan.generators import demo_profiles as W
from kemitraan.storage.store import Store

DEMO_BATCH = "demo"
DEMO_NOTE = "synthetic"  # the manifest note of every demo batch, whatever its id (demo --batch-id)
DEMO_PREFIX = "DEMO-"
END_MONTH = dt.date(2026, 6, 1)  # fixed, so the same seed gives the same data on any day
DATA_AS_OF = dt.date(2026, 7, 31)  # the day the data were extracted: no report is dated later

# How each category tends to look; effects are small on purpose (plausible, not a caricature).
_CATEGORY = pd.DataFrame(
    [
        # kategori, weight, vulnerable share, local-fund %, budget (bn IDR/yr), realisation, outcome pace bonus (sd),
        # health bias
        ("pemerintah_lsm", 0.24, 0.30, 42, 1.6, 0.80, 0.15, 0.15),
        ("publik_swasta", 0.16, 0.14, 28, 3.2, 0.88, -0.05, -0.05),
        ("berbasis_masyarakat", 0.18, 0.38, 55, 0.5, 0.74, 0.10, 0.25),
        ("internasional", 0.16, 0.28, 12, 6.5, 0.91, 0.25, 0.05),
        ("multisektor", 0.14, 0.25, 38, 2.4, 0.78, 0.0, -0.15),
        ("nirlaba", 0.12, 0.33, 20, 0.9, 0.72, 0.05, 0.10),
    ],
    columns=["kategori", "w", "rentan", "lokal", "budget_bn", "realisasi", "dampak", "sehat"],
)

_BIDANG_WEIGHTS = {
    "kb": 0.30,
    "kia": 0.16,
    "imunisasi": 0.10,
    "gizi": 0.12,
    "kespro": 0.10,
    "penyakit_menular": 0.07,
    "ptm": 0.05,
    "kesehatan_jiwa": 0.04,
    "promkes": 0.06,
}

_COMMON = [
    "sasaran",
    "terjangkau",
    "kelompok_rentan_terjangkau",
    "layanan",
    "dana_komitmen_idr",
    "dana_realisasi_idr",
    "porsi_dana_lokal_pct",
    "jumlah_sumber_dana",
    "kader_dilatih",
    "pertemuan_koordinasi",
    "mitra_aktif",
    "kepuasan_klien_pct",
]
_BY_BIDANG = {
    "kb": ["peserta_kb_baru", "peserta_kb_aktif", "mcpr_pct", "unmet_need_pct", "kehamilan_remaja_per1000"],
    "kespro": ["peserta_kb_baru", "mcpr_pct", "unmet_need_pct", "kehamilan_remaja_per1000"],
    "kia": ["cakupan_imunisasi_pct", "stunting_pct", "peserta_kb_baru"],
    "imunisasi": ["cakupan_imunisasi_pct"],
    "gizi": ["stunting_pct"],
}
# Short column stems for the outcome parameters handed to SQL.
_STEM = {
    "stunting_pct": "stunting",
    "mcpr_pct": "mcpr",
    "unmet_need_pct": "unmet",
    "cakupan_imunisasi_pct": "imun",
    "kehamilan_remaja_per1000": "asfr",
}

_SARAN = [
    "",
    "",
    "",
    "Perlu pertemuan koordinasi yang lebih rutin.",
    "Pelaporan keuangan agar lebih transparan.",
    "Libatkan tokoh agama dan tokoh masyarakat.",
    "Pelatihan kader perlu dilanjutkan.",
    "Data sasaran perlu diperbarui bersama.",
    "Pendanaan lokal harus diperkuat agar program berlanjut.",
]


def _month_add(d: dt.date, months: int) -> dt.date:
    m = d.year * 12 + d.month - 1 + months
    return dt.date(m // 12, m % 12 + 1, 1)


def _month_index(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def _dates(months: np.ndarray) -> np.ndarray:
    """First days of the months with these indices (year * 12 + month - 1)."""
    return np.array([dt.date(int(m) // 12, int(m) % 12 + 1, 1) for m in months], dtype=object)


def _pick(rng: np.random.Generator, options: dict[str, tuple[str, ...]], keys: np.ndarray) -> np.ndarray:
    """One option per row from the tuple its key selects ("*" for keys not listed)."""
    out = np.empty(len(keys), dtype=object)
    u = rng.random(len(keys))
    for key in dict.fromkeys(keys):
        m = keys == key
        choices = options.get(key) or options["*"]
        out[m] = np.array(choices, dtype=object)[(u[m] * len(choices)).astype(int)]
    return out


def _sample_sets(rng: np.random.Generator, pool: tuple[str, ...], sizes: np.ndarray) -> list[list[str]]:
    """Per row, ``size`` distinct members of ``pool`` (random order keys, the first ``size`` taken), sorted."""
    order = np.argsort(rng.random((len(sizes), len(pool))), axis=1)
    arr = np.array(pool, dtype=object)
    return [sorted(arr[order[i, : int(k)]].tolist()) for i, k in enumerate(sizes)]


def _kabupaten() -> pd.DataFrame:
    """The 514 areas of the contract (code, province, canonical name, population), in the catalog's order."""
    return pd.DataFrame(
        [
            {
                "kode_kemendagri": a.kode,
                "provinsi_kode_bps": a.provinsi_kode,
                "nama": a.nama,
                "penduduk_2025": a.penduduk,
            }
            for a in contract.areas().values()
        ]
    )


def _short_kab(name: str) -> str:
    return name.replace("Kabupaten ", "Kab. ", 1)


def partnerships(n: int, years: int, seed: int) -> pd.DataFrame:
    """The ``kemitraan`` frame (stored columns) plus generation parameters (prefixed ``g_``)."""
    rng = np.random.default_rng(seed)
    provs = contract.provinces()
    codes = np.array(list(provs), dtype=object)
    pop = np.array([provs[c].penduduk for c in codes], dtype=float)
    # Spread roughly by population, but damped so small provinces still appear.
    pw = np.sqrt(pop) / np.sqrt(pop).sum()
    prov = rng.choice(codes, size=n, p=pw)
    if n >= len(codes):  # every province at least once
        prov[: len(codes)] = rng.permutation(codes)
    cat = _CATEGORY.set_index("kategori")
    kat = rng.choice(cat.index.to_numpy(dtype=object), size=n, p=cat["w"] / cat["w"].sum())
    if n >= len(cat):
        kat[: len(cat)] = cat.index.to_numpy(dtype=object)
    bid_codes = np.array(list(_BIDANG_WEIGHTS), dtype=object)
    bid = rng.choice(bid_codes, size=n, p=np.array(list(_BIDANG_WEIGHTS.values())))
    if n >= len(cat) + len(bid_codes):  # every program area at least once
        bid[len(cat) : len(cat) + len(bid_codes)] = bid_codes
    fokus = rng.choice(np.array(contract.enum_codes("fokus"), dtype=object), size=n, p=[0.7, 0.08, 0.1, 0.12])

    # Dates. Some began before the data window, but every one reports at least half a year inside it.
    first = _month_index(END_MONTH) - (years * 12 - 1)
    span = years * 12
    start_off = np.where(rng.random(n) < 0.45, 0, rng.integers(0, max(1, span - 6), size=n))
    duration = rng.integers(36, 96, size=n)
    back = np.minimum(rng.integers(0, 36, size=n), duration - 7) * (start_off == 0)
    start_m = first + start_off - back
    last_m = start_m + duration - 1  # the agreement's last month
    end_m = _month_index(END_MONTH)
    ended = (last_m <= end_m) & (rng.random(n) < 0.8)
    # Not ended: a planned end after the data end, or open-ended (an agreement extended without a new end date).
    planned = (last_m > end_m) & (rng.random(n) < 0.5)
    has_end = ended | planned
    start = _dates(start_m)
    selesai = np.array(
        [(_month_add(d, 1) - dt.timedelta(days=1)) if h else None for d, h in zip(_dates(last_m), has_end)],
        dtype=object,
    )
    report_to = _dates(np.where(ended, np.minimum(last_m, end_m), end_m))

    # Where: a kabupaten/kota of the province, more often a populous one.
    kab = _kabupaten()
    kab_name = np.empty(n, dtype=object)
    kab_code = np.empty(n, dtype=object)
    kab_pop = np.empty(n, dtype=float)
    u_kab = rng.random(n)
    for code in dict.fromkeys(prov):
        m = prov == code
        pk = kab[kab["provinsi_kode_bps"] == code]
        w = np.sqrt(pk["penduduk_2025"].to_numpy(dtype=float))
        idx = np.minimum(np.searchsorted(np.cumsum(w) / w.sum(), u_kab[m], side="right"), len(pk) - 1)
        kab_name[m] = pk["nama"].to_numpy(dtype=object)[idx]
        kab_code[m] = pk["kode_kemendagri"].to_numpy(dtype=object)[idx]
        kab_pop[m] = pk["penduduk_2025"].to_numpy(dtype=float)[idx]

    lead = np.empty(n, dtype=object)
    for k in cat.index:
        m = kat == k
        lead[m] = _pick(rng, W.LEADS[k], bid[m])
    in_kota = np.array([k.startswith("Kota ") for k in kab_name])
    lead = np.array(
        [
            ld.replace(" Kabupaten", " Kota") if kota and ld.endswith(" Kabupaten") else ld
            for ld, kota in zip(lead, in_kota)
        ],
        dtype=object,
    )
    programme = _pick(rng, W.PROGRAMMES, bid)
    members: list[list[str]] = [[] for _ in range(n)]
    sizes = rng.integers(2, 6, size=n)
    for b in bid_codes:
        idx = np.flatnonzero(bid == b)
        for i, chosen in zip(idx, _sample_sets(rng, W.MEMBERS[b], sizes[idx])):
            members[i] = [x for x in chosen if x != lead[i]]
    extra = _sample_sets(rng, W.FUNDS_POOL, rng.integers(1, 3, size=n))
    funds = [sorted(set(W.FUNDS_ALWAYS[k]) | set(e)) for k, e in zip(kat, extra)]

    # People: the target group of the area worked in, about 3 % of the kabupaten (a few villages), so that a
    # national figure weighted by denominators is close to a population-weighted one.
    area = 0.03 * kab_pop * rng.lognormal(0, 0.5, size=n)
    sasaran = np.maximum(50, np.round(area * np.array([W.SASARAN_SHARE[b] for b in bid])))

    # Money: anggaran_idr is the whole agreement's budget (docs/DATA_CONTRACT.md), a yearly rate times the months
    # it covers, from the start to the planned end, or to the data end for an open-ended partnership.
    months = np.where(has_end, duration, end_m - start_m + 1)
    yearly = cat.loc[kat, "budget_bn"].to_numpy() * rng.lognormal(0, 0.5, size=n) * 1e9
    budget = np.round(yearly * months / 12, -6)

    frame = pd.DataFrame(
        {
            "kode_kemitraan": [f"{DEMO_PREFIX}{i + 1:05d}" for i in range(n)],
            "nama_kemitraan": [f"{p} — {ld} ({_short_kab(k)})" for p, ld, k in zip(programme, lead, kab_name)],
            "kategori": kat,
            "fokus": fokus,
            "bidang": bid,
            "mitra_utama": lead,
            "mitra": members,
            "provinsi_kode": prov,
            "provinsi": [contract.province_name(c) for c in prov],
            "kabupaten_kota": kab_name,
            "kabupaten_kode": kab_code,
            "tanggal_mulai": start,
            "tanggal_selesai": selesai,
            "anggaran_idr": budget,
            "sumber_dana": funds,
            "g_monthly": rng.random(n) < 0.6,  # one cadence per partnership: never a month and its quarter
            "g_stale": rng.random(n) < 0.05,
            "g_sasaran": sasaran,
            "g_lvl": rng.random(n),  # how well it reaches its target group
            "g_telat": rng.choice([0.04, 0.15, 0.45], size=n, p=[0.6, 0.28, 0.12]),  # chance a report is late
            "g_rentan": cat.loc[kat, "rentan"].to_numpy(),
            "g_lokal": cat.loc[kat, "lokal"].to_numpy(dtype=float),
            "g_budget": budget,
            "g_budget_months": months,
            "g_realisasi": cat.loc[kat, "realisasi"].to_numpy(),
            "g_mitra": [len(x) + 1 for x in members],
            "g_sumber": [len(x) for x in funds],
            "g_report_to": report_to,
        }
    )
    # Outcomes: the province's level plus the partnership's own, and its own pace per year of the partnership
    # (in the better direction on average, more so in some categories; about a quarter stall or worsen).
    levels = np.array([W.PROVINCE_LEVELS[c] for c in prov], dtype=float)
    bonus = cat.loc[kat, "dampak"].to_numpy()
    for j, kode in enumerate(W.OUTCOMES):
        d = W.OUTCOME_DYNAMICS[kode]
        better = 1.0 if contract.indicator(kode).lebih_tinggi_lebih_baik else -1.0
        frame[f"g_{_STEM[kode]}_lvl"] = levels[:, j] + rng.normal(0, d["level_sd"], size=n)
        frame[f"g_{_STEM[kode]}_pace"] = better * (bonus + rng.normal(0, 1, size=n)) * d["pace_sd"]
        share = W.DENOMINATOR_SHARE
        frame[f"g_{_STEM[kode]}_pen"] = [share.get(b, {}).get(kode, np.nan) for b in bid]
    return frame


# Indicator values. Per row one hash ``h`` gives four 16-bit uniforms: ``u`` and three summed into
# ``z``, a rough standard normal. Per report (partnership × period) three more hashes give the
# missing-report draw, the report's lateness and its funds' and reach's noise.
_U16 = "(({h} >> {s}) & 65535) / 65536.0"


def _z(h: str) -> str:
    return "((" + " + ".join(_U16.format(h=h, s=s) for s in (0, 16, 32)) + ") - 1.5) * 2"


_INDICATOR_SQL = """
WITH months AS (
    SELECT CAST(m AS DATE) AS bulan FROM range(CAST($first AS TIMESTAMP), CAST($end AS TIMESTAMP) + INTERVAL 1 MONTH,
                                             INTERVAL 1 MONTH) t(m)
),
pp0 AS (  -- one row per partnership and reporting period (monthly, or the last month of each quarter)
    SELECT p.*, bulan,
           CASE WHEN g_monthly THEN strftime(bulan, '%Y-%m')
                ELSE CAST(year(bulan) AS VARCHAR) || '-Q' || CAST(quarter(bulan) AS VARCHAR) END AS periode,
           CASE WHEN g_monthly THEN bulan ELSE CAST(date_trunc('quarter', bulan) AS DATE) END AS periode_mulai,
           CASE WHEN g_monthly THEN 'bulan' ELSE 'triwulan' END AS jenis_periode,
           hash($seed, kode_kemitraan, bulan, 'p1') AS hp1,
           hash($seed, kode_kemitraan, bulan, 'p2') AS hp2,
           hash($seed, kode_kemitraan, bulan, 'p3') AS hp3
    FROM _partners p JOIN months ON bulan >= tanggal_mulai AND bulan <= g_report_to
    WHERE (g_monthly OR month(bulan) IN (3, 6, 9, 12))
      AND NOT (g_stale AND bulan > CAST($end AS DATE) - INTERVAL 9 MONTH)
),
pp AS (
    SELECT *,
           -- months of the period the partnership was active (a quarter it started inside counts its own months)
           date_diff('month', greatest(periode_mulai, tanggal_mulai), bulan) + 1 AS n_aktif,
           date_diff('month', tanggal_mulai, bulan) / 12.0 AS tahun_ke,
           date_diff('month', $level_date, periode_mulai) / 12.0 AS t_kal,
           g_sasaran * (1 + 0.015 * date_diff('month', tanggal_mulai, bulan) / 12.0) AS sas,
           -- submitted 1–15 days after the period ends, or late (16–75 days); never after the extraction date
           least(CAST(bulan + INTERVAL 1 MONTH AS DATE) - 1
                 + CAST(CASE WHEN $u_late < g_telat THEN 16 + floor($u_lag * $u_lag * 60)
                             ELSE 1 + floor($u_lag * 15) END AS INTEGER),
                 $as_of) AS tanggal_lapor,
           $z_dana AS z_dana,
           $z_reach AS z_reach
    FROM pp0
    WHERE (hp1 & 1023) >= 41          -- ~4 % missing reports
),
v AS (
    SELECT pp.*, ind.kode AS kode_indikator, hash($seed, kode_kemitraan, periode, ind.kode) AS h,
           least(0.98, 0.45 + 0.35 * g_lvl + 0.08 * least(tahun_ke, 3)) AS cov,
           g_budget / g_budget_months * n_aktif * (0.95 + 0.03 * $u_kom) AS komitmen
    FROM pp JOIN _ind ind ON ind.bidang = pp.bidang
),
w AS (
    SELECT *, $u AS u, $z AS z,
           g_mcpr_lvl + $drift_mcpr * t_kal + g_mcpr_pace * tahun_ke AS mcpr_now,
           round(sas * cov * n_aktif / 12 * (1 + 0.12 * z_reach)) AS reach,
           floor(komitmen * least(1.0, g_realisasi + 0.03 * least(tahun_ke, 3) + 0.08 * z_dana) / 1e5) * 1e5 AS spent
    FROM v
),
val AS (
    SELECT kode_kemitraan, periode, periode_mulai, jenis_periode, kode_indikator, tanggal_lapor, u,
      CASE kode_indikator
        WHEN 'sasaran' THEN round(sas)
        WHEN 'terjangkau' THEN reach
        WHEN 'kelompok_rentan_terjangkau' THEN round(reach * g_rentan * (1 + 0.2 * z))
        WHEN 'layanan' THEN round(reach * (1.6 + 0.6 * g_lvl) * (1 + 0.15 * z))
        WHEN 'peserta_kb_baru' THEN round(greatest(0, sas * cov * n_aktif / 12 * 0.16 * (1 + 0.2 * z)))
        WHEN 'peserta_kb_aktif' THEN round(sas * 0.97 * mcpr_now / 100 * (1 + 0.03 * z))
        -- funds: the budget spread over the months it covers; pledges stay within it, spending within pledges
        WHEN 'dana_komitmen_idr' THEN floor(komitmen / 1e5) * 1e5
        WHEN 'dana_realisasi_idr' THEN spent
        WHEN 'porsi_dana_lokal_pct' THEN round(greatest(0, least(100, g_lokal + least(1.5 * tahun_ke, 10) + 4 * z)), 1)
        WHEN 'jumlah_sumber_dana' THEN greatest(1, g_sumber + CAST(floor(tahun_ke / 2) AS INTEGER) * (u < 0.5)::INTEGER)
        WHEN 'kader_dilatih' THEN round(greatest(0, sas / 400 * n_aktif * (0.6 + u)))
        WHEN 'pertemuan_koordinasi' THEN floor(u * 2.2 * n_aktif)
        WHEN 'mitra_aktif' THEN greatest(1, g_mitra - (u < 0.15)::INTEGER)
        WHEN 'kepuasan_klien_pct' THEN round(least(99.5, 72 + 15 * g_lvl + 0.8 * tahun_ke + 3 * z), 1)
        $outcome_values
      END AS nilai,
      CASE kode_indikator
        WHEN 'terjangkau' THEN round(sas * 0.9 * n_aktif / 12)
        WHEN 'kelompok_rentan_terjangkau' THEN round(sas * 0.9 * n_aktif / 12 * 0.3)
        WHEN 'peserta_kb_baru' THEN round(sas * 0.9 * n_aktif / 12 * 0.18)
        WHEN 'dana_realisasi_idr' THEN round(g_budget / g_budget_months * n_aktif, -5)
        WHEN 'kader_dilatih' THEN round(sas / 400 * n_aktif)
        WHEN 'pertemuan_koordinasi' THEN n_aktif
        WHEN 'porsi_dana_lokal_pct' THEN 40.0
        WHEN 'mcpr_pct' THEN 63.4
        WHEN 'unmet_need_pct' THEN 7.4
        WHEN 'kehamilan_remaja_per1000' THEN 18.0
        WHEN 'cakupan_imunisasi_pct' THEN 90.0
        WHEN 'stunting_pct' THEN 14.0
      END AS target,
      -- each rate's own denominator: the target group it is a share of, the clients served, the money spent
      CASE WHEN floor(u * 65536) % 100 < 3 THEN NULL  -- a few reports leave it out
           WHEN kode_indikator = 'porsi_dana_lokal_pct' THEN spent
           WHEN kode_indikator = 'kepuasan_klien_pct' THEN reach
           $denominators
      END AS penyebut
    FROM w
)
SELECT kode_kemitraan, periode, periode_mulai, jenis_periode, kode_indikator,
       -- ~0.3 % data-entry slips (an extra zero) in count columns, for the data-quality panel to find
       CASE WHEN u > 0.997 AND kode_indikator IN ('terjangkau', 'layanan', 'peserta_kb_baru') THEN nilai * 10
            ELSE nilai END AS nilai,
       target, penyebut, tanggal_lapor
FROM val
"""  # no ORDER BY: DuckDB keeps the join's order (preserve_insertion_order), so a seed writes the same bytes
# (tests/test_demo.py) without sorting ten million rows in memory


def _indicator_sql(first: dt.date, seed: int) -> str:
    outcome_values, denominators = [], []
    for kode in W.OUTCOMES:
        d, s = W.OUTCOME_DYNAMICS[kode], _STEM[kode]
        outcome_values.append(
            f"WHEN '{kode}' THEN round(least({d['hi']}, greatest({d['lo']}, g_{s}_lvl + {d['drift']} * t_kal "
            f"+ g_{s}_pace * tahun_ke + {d['noise']} * z)), 1)"
        )
        denominators.append(f"WHEN kode_indikator = '{kode}' THEN round(sas * g_{s}_pen * (0.98 + 0.04 * u))")
    # Our own numbers and dates, substituted as literals: never user text.
    subs = {
        "$outcome_values": "\n        ".join(outcome_values),
        "$denominators": "\n           ".join(denominators),
        "$drift_mcpr": str(W.OUTCOME_DYNAMICS["mcpr_pct"]["drift"]),
        "$u_late": _U16.format(h="hp1", s=10),
        "$u_lag": _U16.format(h="hp1", s=26),
        "$u_kom": _U16.format(h="hp1", s=42),
        "$z_dana": _z("hp2"),
        "$z_reach": _z("hp3"),
        "$z": _z("h"),
        "$u": _U16.format(h="h", s=48),
        "$first": f"'{first.isoformat()}'",
        "$end": f"'{END_MONTH.isoformat()}'",
        "$as_of": f"DATE '{DATA_AS_OF.isoformat()}'",
        "$level_date": f"DATE '{W.LEVEL_YEAR}-07-01'",
        "$seed": str(int(seed)),
    }
    sql = _INDICATOR_SQL
    for key in sorted(subs, key=len, reverse=True):  # $u_late before $u
        sql = sql.replace(key, subs[key])
    return sql


def indicator_map() -> pd.DataFrame:
    rows = [(b, k) for b in _BIDANG_WEIGHTS for k in _COMMON + _BY_BIDANG.get(b, [])]
    return pd.DataFrame(rows, columns=["bidang", "kode"])


def surveys(p: pd.DataFrame, seed: int) -> pd.DataFrame:
    """A few responses per partnership and survey wave, Likert answers with category and partnership effects."""
    rng = np.random.default_rng(seed + 1)
    n = len(p)
    bias = _CATEGORY.set_index("kategori").loc[p["kategori"], "sehat"].to_numpy()
    took_part = rng.random(n) >= 0.25  # not every partnership ran the self-assessment
    two_waves = rng.random(n) >= 0.6
    effect = rng.normal(0, 0.35, size=n) + bias
    last_year = np.array([d.year for d in p["g_report_to"]])
    # one row per survey wave, then one per respondent
    w_p = np.repeat(np.flatnonzero(took_part), np.where(two_waves[took_part], 2, 1))
    w_i = (
        np.concatenate([[0, 1] if two_waves[i] else [0] for i in np.flatnonzero(took_part)]).astype(int)
        if len(w_p)
        else np.zeros(0, dtype=int)
    )
    w_year = last_year[w_p] - np.where(two_waves[w_p], 1 - w_i, 0)
    per_wave = rng.integers(2, 8, size=len(w_p))
    r_w = np.repeat(np.arange(len(w_p)), per_wave)
    r_i = np.arange(len(r_w)) - np.repeat(np.cumsum(per_wave) - per_wave, per_wave)
    pi, year, wave = w_p[r_w], w_year[r_w], w_i[r_w]
    m = len(r_w)
    offsets = np.array([0.3, 0.35, 0.0, -0.2, -0.1, 0.1, -0.35, -0.25])
    base = (3.5 + effect[pi] + 0.15 * wave)[:, None] + offsets[None, :]
    likert = np.clip(np.round(base + rng.normal(0, 0.8, size=(m, len(offsets)))), 1, 5).astype(int)
    kepuasan = np.clip(np.round(likert.mean(axis=1) + rng.normal(0, 0.6, size=m)), 1, 5).astype(int)
    roles = np.array(contract.enum_codes("peran"), dtype=object)
    role = rng.choice(roles, size=m, p=[0.25, 0.22, 0.1, 0.2, 0.08, 0.1, 0.05])
    challenges = np.array(contract.enum_codes("tantangan"), dtype=object)
    cw = np.array([0.14, 0.22, 0.08, 0.14, 0.10, 0.17, 0.15])
    k = rng.integers(0, 4, size=m)
    # weighted draws without replacement: the k largest of u^(1/w)
    keys = rng.random((m, len(challenges))) ** (1 / cw)[None, :]
    top = np.argsort(-keys, axis=1)
    month = rng.integers(1, 7, size=m)
    day = rng.integers(1, 28, size=m)
    saran = rng.choice(np.array(_SARAN, dtype=object), size=m)
    ns = uuid.UUID("6f1c2a4e-0d3b-4c55-9a8e-2b7d1e0c9f31")
    kode = p["kode_kemitraan"].to_numpy(dtype=object)[pi]
    out = pd.DataFrame(
        {
            "respon_id": [str(uuid.uuid5(ns, f"{seed}/{c}/{y}/{r}")) for c, y, r in zip(kode, year, r_i)],
            "kode_kemitraan": kode,
            "tanggal_survei": [dt.date(int(y), int(mo), int(d)) for y, mo, d in zip(year, month, day)],
            "peran_responden": role,
            **{pr: likert[:, j] for j, pr in enumerate(contract.PRINCIPLES)},
            "kepuasan": kepuasan,
            "tantangan": [sorted(challenges[top[i, : k[i]]].tolist()) for i in range(m)],
            "saran": [s or None for s in saran],
        }
    )
    return out


def generate(
    store: Store, *, partnerships_n: int = 60, years: int = 5, seed: int = 20240501, batch_id: str = DEMO_BATCH
) -> dict:
    """Write the demo dataset as one batch; returns its manifest."""
    if partnerships_n < 1 or years < 1:
        raise ValueError("partnerships and years must be at least 1")
    p = partnerships(partnerships_n, years, seed)
    first = _month_add(END_MONTH, -(years * 12 - 1))
    with store.new_batch(batch_id, file="(data contoh sintetis / synthetic demo data)", note=DEMO_NOTE) as b:
        b.write_df("kemitraan", p[contract.stored_columns("kemitraan")])
        b.con.register("_partners", p.drop(columns=["mitra", "sumber_dana"]))
        b.con.register("_ind", indicator_map())
        b.write_query("indikator", _indicator_sql(first, seed))
        b.write_df("survei", surveys(p, seed))
    return store.batch(batch_id)


def ensure_demo(store: Store) -> bool:
    """Load the demo when the store has never held any batch (the app's first start).

    A demo hidden by the user (undone) is never generated again: an undone batch is still a batch,
    and the event log remembers commits even if an undone folder was cleared away by hand.
    """
    if store.batches() or any(e.get("event") == "commit" for e in store.events()):
        return False
    try:
        generate(store)
    except Exception:
        if store.batches():  # another process loaded it at the same time
            return False
        raise
    return True
