"""Deterministic, realistic, clearly-labelled synthetic data: the embedded default.

Partnerships and survey answers are drawn with a seeded NumPy generator (a few
thousand rows at most). Indicator rows — the bulk, millions at scale — are
generated inside DuckDB from a hash of (seed, partnership, period, indicator),
streamed straight to Parquet, so memory stays bounded whatever the size.

Everything here is synthetic: codes start with ``DEMO-`` and the batch is
called ``demo``, so every page can say so.
"""

from __future__ import annotations

import datetime as dt
import uuid

import numpy as np
import pandas as pd

from kemitraan import contract
from kemitraan.storage.store import Store

DEMO_BATCH = "demo"
DEMO_PREFIX = "DEMO-"
END_MONTH = dt.date(2026, 6, 1)  # fixed, so the same seed gives the same data on any day

# How each category tends to look; effects are small on purpose (plausible, not a caricature).
_CATEGORY = pd.DataFrame(
    [
        # kategori, weight, vulnerable share, local-fund %, budget (bn IDR/yr), realisation, mcpr gain/yr, health bias
        ("pemerintah_lsm", 0.24, 0.30, 42, 1.6, 0.80, 0.55, 0.15),
        ("publik_swasta", 0.16, 0.14, 28, 3.2, 0.88, 0.35, -0.05),
        ("berbasis_masyarakat", 0.18, 0.38, 55, 0.5, 0.74, 0.45, 0.25),
        ("internasional", 0.16, 0.28, 12, 6.5, 0.91, 0.70, 0.05),
        ("multisektor", 0.14, 0.25, 38, 2.4, 0.78, 0.60, -0.15),
        ("nirlaba", 0.12, 0.33, 20, 0.9, 0.72, 0.40, 0.10),
    ],
    columns=["kategori", "w", "rentan", "lokal", "budget_bn", "realisasi", "mcpr_gain", "sehat"],
)

_BIDANG_WEIGHTS = {
    "kb": 0.30, "kia": 0.16, "imunisasi": 0.10, "gizi": 0.12, "kespro": 0.10,
    "penyakit_menular": 0.07, "ptm": 0.05, "kesehatan_jiwa": 0.04, "promkes": 0.06,
}

_COMMON = [
    "sasaran", "terjangkau", "kelompok_rentan_terjangkau", "layanan", "dana_komitmen_idr", "dana_realisasi_idr",
    "porsi_dana_lokal_pct", "jumlah_sumber_dana", "kader_dilatih", "pertemuan_koordinasi", "mitra_aktif",
    "kepuasan_klien_pct",
]
_BY_BIDANG = {
    "kb": ["peserta_kb_baru", "peserta_kb_aktif", "mcpr_pct", "unmet_need_pct", "kehamilan_remaja_per1000"],
    "kespro": ["peserta_kb_baru", "mcpr_pct", "unmet_need_pct", "kehamilan_remaja_per1000"],
    "kia": ["cakupan_imunisasi_pct", "stunting_pct", "peserta_kb_baru"],
    "imunisasi": ["cakupan_imunisasi_pct"],
    "gizi": ["stunting_pct"],
}

_LEADS = {
    "pemerintah_lsm": ["Dinas Kesehatan", "Perwakilan BKKBN", "Dinas PPKB"],
    "publik_swasta": ["PT Farma Nusantara", "PT Sehat Sentosa", "Klinik Pratama Mitra", "PT Telekom Sehat"],
    "berbasis_masyarakat": ["Forum Kesehatan Desa", "Posyandu Mandiri", "PKK Kecamatan", "Kelompok KB Kampung"],
    "internasional": ["UNFPA", "UNICEF", "WHO", "USAID Mitra", "DFAT Kemitraan"],
    "multisektor": ["Bappeda", "Tim Percepatan Penurunan Stunting", "Forum Multipihak Kesehatan"],
    "nirlaba": ["Yayasan Keluarga Sehat", "Perkumpulan Bidan Peduli", "Yayasan Remaja Cerdas", "Lembaga Gizi Bangsa"],
}
_MEMBERS = [
    "Puskesmas", "Dinas Kesehatan", "Perwakilan BKKBN", "PKBI", "IBI", "Muhammadiyah", "Aisyiyah", "Fatayat NU",
    "Universitas Negeri", "PKK", "Kader Posyandu", "Swasta lokal", "Bappeda", "UNFPA", "UNICEF",
]
_FUNDS = ["APBN", "APBD", "Dana Desa", "DAK", "Hibah internasional", "CSR swasta", "Swadaya masyarakat", "BOK"]
_SARAN = [
    "", "", "", "Perlu pertemuan koordinasi yang lebih rutin.", "Pelaporan keuangan agar lebih transparan.",
    "Libatkan tokoh agama dan tokoh masyarakat.", "Pelatihan kader perlu dilanjutkan.",
    "Data sasaran perlu diperbarui bersama.", "Pendanaan lokal harus diperkuat agar program berlanjut.",
]


def _month_add(d: dt.date, months: int) -> dt.date:
    m = d.year * 12 + d.month - 1 + months
    return dt.date(m // 12, m % 12 + 1, 1)


def partnerships(n: int, years: int, seed: int) -> pd.DataFrame:
    """The ``kemitraan`` frame (stored columns) plus generation parameters (prefixed ``g_``)."""
    rng = np.random.default_rng(seed)
    provs = contract.provinces()
    codes = list(provs)
    pop = np.array([provs[c].penduduk for c in codes], dtype=float)
    # Spread roughly by population, but damped so small provinces still appear.
    pw = np.sqrt(pop) / np.sqrt(pop).sum()
    prov = rng.choice(codes, size=n, p=pw)
    if n >= len(codes):  # every province at least once
        prov[: len(codes)] = rng.permutation(codes)
    kat = rng.choice(_CATEGORY["kategori"], size=n, p=_CATEGORY["w"] / _CATEGORY["w"].sum())
    if n >= 6:
        kat[:6] = _CATEGORY["kategori"].to_numpy()
    bid_codes = list(_BIDANG_WEIGHTS)
    bid = rng.choice(bid_codes, size=n, p=np.array(list(_BIDANG_WEIGHTS.values())))
    if n >= 6 + len(bid_codes):  # every program area at least once
        bid[6 : 6 + len(bid_codes)] = bid_codes
    fokus = rng.choice(contract.enum_codes("fokus"), size=n, p=[0.7, 0.08, 0.1, 0.12])
    first = _month_add(END_MONTH, -(years * 12 - 1))
    span = years * 12
    start_off = np.where(rng.random(n) < 0.45, 0, rng.integers(0, max(1, span - 6), size=n))
    duration = rng.integers(36, 96, size=n)
    kab = pd.read_csv(_kab_path(), dtype=str)
    rows = []
    for i in range(n):
        k = kat[i]
        # Some began before the data window, but every one reports at least half a year inside it.
        back = min(int(rng.integers(0, 36)), int(duration[i]) - 7) if start_off[i] == 0 else 0
        start = _month_add(first, int(start_off[i]) - back)
        last = _month_add(start, int(duration[i]) - 1)  # the agreement's last month
        ended = last <= END_MONTH and rng.random() < 0.8
        # Not ended: a planned end after the data end, or open-ended (an agreement extended without a new end date).
        planned = last > END_MONTH and rng.random() < 0.5
        selesai = _month_add(last, 1) - dt.timedelta(days=1) if ended or planned else None
        lead = str(rng.choice(_LEADS[k]))
        pkab = kab[kab["provinsi_kode_bps"] == prov[i]]
        kabname = str(pkab["nama"].iloc[int(rng.integers(0, len(pkab)))]) if len(pkab) else None
        members = sorted(set(rng.choice(_MEMBERS, size=int(rng.integers(2, 6)), replace=False)))
        funds = sorted(set(rng.choice(_FUNDS, size=int(rng.integers(1, 4)), replace=False)))
        cat = _CATEGORY.set_index("kategori").loc[k]
        # anggaran_idr is the whole agreement's budget (docs/DATA_CONTRACT.md): a yearly rate times the months it
        # covers, from the start to the planned end, or to the data end for an open-ended partnership.
        months = int(duration[i]) if selesai else _months_between(start, END_MONTH) + 1
        yearly = cat.budget_bn * rng.lognormal(0, 0.5) * 1e9
        budget = float(round(yearly * months / 12, -6))
        rows.append(
            {
                "kode_kemitraan": f"{DEMO_PREFIX}{i + 1:05d}",
                "nama_kemitraan": f"{contract.enum_label('bidang', bid[i]).split(' &')[0]} — {lead} "
                f"({contract.province_name(prov[i])})",
                "kategori": k,
                "fokus": fokus[i],
                "bidang": bid[i],
                "mitra_utama": lead,
                "mitra": members,
                "provinsi_kode": prov[i],
                "provinsi": contract.province_name(prov[i]),
                "kabupaten_kota": kabname,
                "tanggal_mulai": start,
                "tanggal_selesai": selesai,
                "anggaran_idr": budget,
                "sumber_dana": funds,
                "g_idx": i,
                "g_monthly": bool(rng.random() < 0.6),
                "g_scale": float(round(rng.lognormal(8.0, 0.7))),  # people targeted
                "g_stale": bool(rng.random() < 0.05),
                "g_rentan": float(cat.rentan),
                "g_lokal": float(cat.lokal),
                "g_budget": budget,
                "g_budget_months": months,
                "g_realisasi": float(cat.realisasi),
                "g_mcpr_gain": float(cat.mcpr_gain),
                "g_mitra": len(members) + 1,
                "g_sumber": len(funds),
                "g_report_to": min(last, END_MONTH) if ended else END_MONTH,
            }
        )
    return pd.DataFrame(rows)


def _months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def _kab_path():
    from importlib import resources

    return resources.files("kemitraan.catalog").joinpath("kabupaten.csv")


# Indicator values: u(n) is a uniform in [0,1) from a hash, z(n) a rough standard normal.
_INDICATOR_SQL = """
WITH p AS (SELECT * FROM _partners),
months AS (
    SELECT CAST(m AS DATE) AS bulan FROM range(CAST($first AS TIMESTAMP), CAST($end AS TIMESTAMP) + INTERVAL 1 MONTH,
                                             INTERVAL 1 MONTH) t(m)
),
pp AS (  -- one row per partnership and reporting period
    SELECT p.*, bulan,
           CASE WHEN g_monthly THEN strftime(bulan, '%Y-%m')
                ELSE CAST(year(bulan) AS VARCHAR) || '-Q' || CAST(quarter(bulan) AS VARCHAR) END AS periode,
           CASE WHEN g_monthly THEN bulan ELSE CAST(date_trunc('quarter', bulan) AS DATE) END AS periode_mulai,
           CASE WHEN g_monthly THEN 'bulan' ELSE 'triwulan' END AS jenis_periode,
           CASE WHEN g_monthly THEN 1 ELSE 3 END AS n_bulan,
           -- months of the period the partnership was active (a quarter it started inside counts its own months)
           date_diff('month', greatest(CASE WHEN g_monthly THEN bulan ELSE CAST(date_trunc('quarter', bulan) AS DATE) END,
                                       tanggal_mulai), bulan) + 1 AS n_aktif,
           date_diff('month', tanggal_mulai, bulan) / 12.0 AS tahun_ke
    FROM p JOIN months ON bulan >= tanggal_mulai AND bulan <= g_report_to
    WHERE (g_monthly OR month(bulan) IN (3, 6, 9, 12))
      AND NOT (g_stale AND bulan > CAST($end AS DATE) - INTERVAL 9 MONTH)
      AND (hash($seed, kode_kemitraan, bulan, 'gap') % 1000) >= 40          -- ~4 % missing reports
),
pi AS (
    SELECT pp.*, ind.kode AS kode_indikator,
           (hash($seed, kode_kemitraan, periode, ind.kode) % 1000003) / 1000003.0 AS u,
           ((hash($seed, kode_kemitraan, periode, ind.kode, 'a') % 1000003) / 1000003.0
          + (hash($seed, kode_kemitraan, periode, ind.kode, 'b') % 1000003) / 1000003.0
          + (hash($seed, kode_kemitraan, periode, ind.kode, 'c') % 1000003) / 1000003.0 - 1.5) * 2 AS z,
           ((hash($seed, kode_kemitraan, 'level') % 1000003) / 1000003.0) AS lvl,
           ((hash($seed, provinsi_kode, 'prov') % 1000003) / 1000003.0) AS plvl,
           -- each partnership's own pace: about a quarter of them see outcomes stall or worsen
           ((hash($seed, kode_kemitraan, 'trend') % 1000003) / 1000003.0) * 1.6 - 0.45 AS tr
    FROM pp JOIN _ind ind ON ind.bidang = pp.bidang
),
v AS (
    SELECT *,
        g_scale * (1 + 0.03 * tahun_ke) AS sas,
        least(0.98, 0.45 + 0.35 * lvl + 0.08 * least(tahun_ke, 3)) AS cov,
        g_budget / g_budget_months * n_aktif
            * (0.95 + 0.03 * (hash($seed, kode_kemitraan, periode, 'komitmen') % 1000) / 1000.0) AS komitmen,
        ((hash($seed, kode_kemitraan, periode, 'd1') % 1000003) / 1000003.0
       + (hash($seed, kode_kemitraan, periode, 'd2') % 1000003) / 1000003.0
       + (hash($seed, kode_kemitraan, periode, 'd3') % 1000003) / 1000003.0 - 1.5) * 2 AS z_dana
    FROM pi
),
val AS (
    SELECT kode_kemitraan, periode, periode_mulai, jenis_periode, kode_indikator,
      CASE kode_indikator
        WHEN 'sasaran' THEN round(sas)
        WHEN 'terjangkau' THEN round(sas * cov * n_bulan / 12 * (1 + 0.12 * z))
        WHEN 'kelompok_rentan_terjangkau' THEN round(sas * cov * n_bulan / 12 * g_rentan * (1 + 0.2 * z))
        WHEN 'layanan' THEN round(sas * cov * n_bulan / 12 * (1.6 + 0.6 * lvl) * (1 + 0.15 * z))
        WHEN 'peserta_kb_baru' THEN round(sas * cov * n_bulan / 12 * 0.16 * (1 + 0.2 * z))
        WHEN 'peserta_kb_aktif' THEN round(sas * (0.45 + 0.15 * lvl + 0.01 * tahun_ke) * (1 + 0.03 * z))
        -- funds: the budget spread over the months it covers; pledges stay within it, spending within pledges
        WHEN 'dana_komitmen_idr' THEN floor(komitmen / 1e5) * 1e5
        WHEN 'dana_realisasi_idr' THEN floor(komitmen * least(1.0, g_realisasi + 0.03 * least(tahun_ke, 3)
                                                 + 0.08 * z_dana) / 1e5) * 1e5
        WHEN 'porsi_dana_lokal_pct' THEN round(greatest(0, least(100, g_lokal + 2.5 * tahun_ke + 6 * z)), 1)
        WHEN 'jumlah_sumber_dana' THEN greatest(1, g_sumber + CAST(floor(tahun_ke / 2) AS INTEGER) * (u < 0.5)::INTEGER)
        WHEN 'kader_dilatih' THEN round(greatest(0, g_scale / 400 * n_bulan * (0.6 + u)))
        WHEN 'pertemuan_koordinasi' THEN floor(u * 2.2 * n_bulan)
        WHEN 'mitra_aktif' THEN greatest(1, g_mitra - (u < 0.15)::INTEGER)
        WHEN 'mcpr_pct' THEN round(least(80, 48 + 14 * plvl + g_mcpr_gain * tr * tahun_ke + 1.2 * z), 1)
        WHEN 'unmet_need_pct' THEN round(greatest(3, 14 - 5 * plvl - 0.35 * tr * tahun_ke + 0.6 * z), 1)
        WHEN 'kehamilan_remaja_per1000' THEN round(greatest(8, 52 - 25 * plvl - 1.6 * tr * tahun_ke + 2.5 * z), 1)
        WHEN 'cakupan_imunisasi_pct' THEN round(least(99, 66 + 20 * plvl + 1.8 * tr * tahun_ke + 2.5 * z), 1)
        WHEN 'stunting_pct' THEN round(greatest(8, 34 - 12 * plvl - 1.4 * tr * tahun_ke + 1.5 * z), 1)
        WHEN 'kepuasan_klien_pct' THEN round(least(100, 72 + 15 * lvl + 1.5 * tahun_ke + 3 * z), 1)
      END AS nilai,
      CASE kode_indikator
        WHEN 'terjangkau' THEN round(sas * 0.9 * n_bulan / 12)
        WHEN 'kelompok_rentan_terjangkau' THEN round(sas * 0.9 * n_bulan / 12 * 0.3)
        WHEN 'peserta_kb_baru' THEN round(sas * 0.9 * n_bulan / 12 * 0.18)
        WHEN 'dana_realisasi_idr' THEN round(g_budget / g_budget_months * n_aktif, -5)
        WHEN 'kader_dilatih' THEN round(g_scale / 400 * n_bulan)
        WHEN 'pertemuan_koordinasi' THEN n_bulan
        WHEN 'porsi_dana_lokal_pct' THEN 40.0
        WHEN 'mcpr_pct' THEN 63.4
        WHEN 'unmet_need_pct' THEN 7.4
        WHEN 'cakupan_imunisasi_pct' THEN 90.0
        WHEN 'stunting_pct' THEN 14.0
      END AS target,
      u
    FROM v
)
SELECT kode_kemitraan, periode, periode_mulai, jenis_periode, kode_indikator,
       -- ~0.3 % data-entry slips (an extra zero) in count columns, for the data-quality panel to find
       CASE WHEN u > 0.997 AND kode_indikator IN ('terjangkau', 'layanan', 'peserta_kb_baru') THEN nilai * 10
            ELSE nilai END AS nilai,
       target, CAST(NULL AS DOUBLE) AS penyebut, CAST(NULL AS DATE) AS tanggal_lapor
FROM val
"""


def indicator_map() -> pd.DataFrame:
    rows = [(b, k) for b in _BIDANG_WEIGHTS for k in _COMMON + _BY_BIDANG.get(b, [])]
    return pd.DataFrame(rows, columns=["bidang", "kode"])


def surveys(p: pd.DataFrame, seed: int) -> pd.DataFrame:
    """A few responses per partnership and survey wave, Likert answers with category and partnership effects."""
    rng = np.random.default_rng(seed + 1)
    bias = _CATEGORY.set_index("kategori")["sehat"]
    roles = contract.enum_codes("peran")
    challenges = contract.enum_codes("tantangan")
    cw = np.array([0.14, 0.22, 0.08, 0.14, 0.10, 0.17, 0.15])
    ns = uuid.UUID("6f1c2a4e-0d3b-4c55-9a8e-2b7d1e0c9f31")
    out = []
    for row in p.itertuples(index=False):
        if rng.random() < 0.25:  # not every partnership ran the self-assessment
            continue
        waves = [row.g_report_to.year] if rng.random() < 0.6 else [row.g_report_to.year - 1, row.g_report_to.year]
        pe = rng.normal(0, 0.35) + bias[row.kategori]
        for w_i, year in enumerate(waves):
            for r_i in range(int(rng.integers(2, 8))):
                base = 3.5 + pe + 0.15 * w_i
                vals = {pr: int(np.clip(round(base + off + rng.normal(0, 0.8)), 1, 5))
                        for pr, off in zip(contract.PRINCIPLES, (0.3, 0.35, 0.0, -0.2, -0.1, 0.1, -0.35, -0.25))}
                mean = np.mean(list(vals.values()))
                k = int(rng.integers(0, 4))
                out.append(
                    {
                        "respon_id": str(uuid.uuid5(ns, f"{seed}/{row.kode_kemitraan}/{year}/{r_i}")),
                        "kode_kemitraan": row.kode_kemitraan,
                        "tanggal_survei": dt.date(year, int(rng.integers(1, 7)), int(rng.integers(1, 28))),
                        "peran_responden": str(rng.choice(roles, p=[0.25, 0.22, 0.1, 0.2, 0.08, 0.1, 0.05])),
                        **vals,
                        "kepuasan": int(np.clip(round(mean + rng.normal(0, 0.6)), 1, 5)),
                        "tantangan": sorted(rng.choice(challenges, size=k, replace=False, p=cw).tolist()),
                        "saran": str(rng.choice(_SARAN)) or None,
                    }
                )
    return pd.DataFrame(out)


def generate(store: Store, *, partnerships_n: int = 60, years: int = 5, seed: int = 20240501,
             batch_id: str = DEMO_BATCH) -> dict:
    """Write the demo dataset as one batch; returns its manifest."""
    if partnerships_n < 1 or years < 1:
        raise ValueError("partnerships and years must be at least 1")
    p = partnerships(partnerships_n, years, seed)
    first = _month_add(END_MONTH, -(years * 12 - 1))
    p_sql = p.assign(g_report_to=pd.to_datetime(p["g_report_to"]).dt.date)
    with store.new_batch(batch_id, file="(data contoh sintetis / synthetic demo data)", note="synthetic") as b:
        b.write_df("kemitraan", p[contract.stored_columns("kemitraan")])
        b.con.register("_partners", p_sql)
        b.con.register("_ind", indicator_map())
        _write_indicators(b, first, seed)
        b.write_df("survei", surveys(p, seed))
    return store.batch(batch_id)


def _write_indicators(b, first: dt.date, seed: int) -> None:
    # Named parameters are substituted as literals: they are our own ints and dates, never user text.
    sql = (_INDICATOR_SQL.replace("$first", f"'{first.isoformat()}'").replace("$end", f"'{END_MONTH.isoformat()}'")
           .replace("$seed", str(int(seed))))
    b.write_query("indikator", sql)


def ensure_demo(store: Store) -> bool:
    """Load the demo when the store has never held any batch (the app's first start)."""
    if store.batches():
        return False
    try:
        generate(store)
    except Exception:
        if store.batches():  # another process loaded it at the same time
            return False
        raise
    return True
