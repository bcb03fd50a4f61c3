"""What the synthetic demo's Indonesia looks like: levels, people and organisations it draws from.

Everything here shapes *synthetic* data (kemitraan.generators.demo). Provincial levels follow the
published regional patterns (SSGI 2024 for stunting, SDKI 2017 for mCPR and unmet need,
routine immunisation reports, the 2020 census long form for adolescent births) closely
enough that a national figure lands near its reference and the provinces spread as they
do; they are rounded approximations, not figures to quote. Organisation names other than
the United Nations agencies and the big national associations are invented.
"""

from __future__ import annotations

# Calendar year the provincial levels describe; each outcome drifts from it at its national pace.
LEVEL_YEAR = 2024

OUTCOMES: tuple[str, ...] = (
    "stunting_pct",
    "mcpr_pct",
    "unmet_need_pct",
    "cakupan_imunisasi_pct",
    "kehamilan_remaja_per1000",
)

# BPS code -> levels in LEVEL_YEAR, in the order of OUTCOMES:
# stunting % of under-fives, mCPR % of married women 15–49, unmet need %, full basic immunisation %
# of children 12–23 months, births per 1,000 women 15–19.
PROVINCE_LEVELS: dict[str, tuple[float, float, float, float, float]] = {
    "11": (28.6, 52, 10.5, 52, 20),  # Aceh
    "12": (18.9, 46, 15.0, 72, 22),  # Sumatera Utara
    "13": (24.9, 49, 13.0, 70, 18),  # Sumatera Barat
    "14": (17.7, 56, 11.0, 76, 30),  # Riau
    "15": (17.1, 64, 7.5, 86, 45),  # Jambi
    "16": (15.9, 61, 9.0, 86, 38),  # Sumatera Selatan
    "17": (20.2, 65, 7.0, 86, 40),  # Bengkulu
    "18": (15.0, 63, 8.0, 90, 36),  # Lampung
    "19": (19.9, 63, 8.0, 86, 44),  # Kepulauan Bangka Belitung
    "21": (15.0, 54, 12.0, 86, 22),  # Kepulauan Riau
    "31": (15.3, 52, 14.0, 88, 14),  # DKI Jakarta
    "32": (20.0, 60, 10.0, 85, 30),  # Jawa Barat
    "33": (17.1, 60, 10.0, 95, 26),  # Jawa Tengah
    "34": (17.4, 57, 11.0, 95, 12),  # DI Yogyakarta
    "35": (14.7, 60, 9.0, 93, 28),  # Jawa Timur
    "36": (20.1, 58, 11.0, 82, 28),  # Banten
    "51": (8.7, 57, 10.0, 96, 16),  # Bali
    "52": (29.8, 55, 12.0, 88, 34),  # Nusa Tenggara Barat
    "53": (37.0, 40, 18.0, 75, 26),  # Nusa Tenggara Timur
    "61": (26.8, 60, 9.0, 75, 52),  # Kalimantan Barat
    "62": (25.2, 64, 8.0, 70, 60),  # Kalimantan Tengah
    "63": (22.9, 65, 7.0, 80, 55),  # Kalimantan Selatan
    "64": (22.2, 56, 11.0, 80, 36),  # Kalimantan Timur
    "65": (17.0, 55, 12.0, 80, 40),  # Kalimantan Utara
    "71": (20.3, 62, 9.0, 88, 38),  # Sulawesi Utara
    "72": (26.1, 57, 11.0, 75, 48),  # Sulawesi Tengah
    "73": (23.3, 52, 13.0, 82, 34),  # Sulawesi Selatan
    "74": (30.0, 52, 13.0, 72, 40),  # Sulawesi Tenggara
    "75": (23.8, 60, 9.0, 85, 46),  # Gorontalo
    "76": (35.4, 50, 14.0, 70, 50),  # Sulawesi Barat
    "81": (28.4, 40, 18.0, 65, 24),  # Maluku
    "82": (23.7, 46, 15.0, 70, 36),  # Maluku Utara
    "91": (25.2, 38, 18.0, 60, 34),  # Papua Barat
    "92": (26.0, 40, 17.0, 60, 30),  # Papua Barat Daya
    "94": (27.5, 30, 22.0, 55, 38),  # Papua
    "95": (30.0, 30, 22.0, 55, 40),  # Papua Selatan
    "96": (36.0, 25, 24.0, 45, 45),  # Papua Tengah
    "97": (37.5, 20, 26.0, 40, 30),  # Papua Pegunungan
}

# Per outcome: national drift per calendar year, spread of partnership levels around their
# province (sd), spread of partnerships' own pace per year of the partnership (sd), noise of one
# report (sd), and the plausible range values are clipped to.
OUTCOME_DYNAMICS: dict[str, dict[str, float]] = {
    "stunting_pct": {"drift": -0.8, "level_sd": 2.5, "pace_sd": 0.9, "noise": 1.0, "lo": 3, "hi": 60},
    "mcpr_pct": {"drift": 0.25, "level_sd": 3.0, "pace_sd": 0.9, "noise": 1.2, "lo": 5, "hi": 85},
    "unmet_need_pct": {"drift": -0.15, "level_sd": 1.5, "pace_sd": 0.4, "noise": 0.6, "lo": 1, "hi": 40},
    "cakupan_imunisasi_pct": {"drift": 0.8, "level_sd": 5.0, "pace_sd": 2.0, "noise": 2.5, "lo": 10, "hi": 99.5},
    "kehamilan_remaja_per1000": {"drift": -0.7, "level_sd": 5.0, "pace_sd": 1.5, "noise": 2.5, "lo": 3, "hi": 150},
}

# Each programme area's target group (sasaran) as a share of the people living where it works,
# and each rate's denominator as a share of that target group.
SASARAN_SHARE: dict[str, float] = {
    "kb": 0.16,  # couples of reproductive age (PUS): married women 15–49
    "kespro": 0.25,  # married women 15–49 and adolescents
    "kia": 0.10,  # pregnant women and under-fives
    "imunisasi": 0.032,  # children 0–23 months
    "gizi": 0.10,  # pregnant women and under-fives
    "penyakit_menular": 0.05,  # presumptive cases and their contacts
    "ptm": 0.20,  # adults screened at posbindu
    "kesehatan_jiwa": 0.05,
    "promkes": 0.50,
}
DENOMINATOR_SHARE: dict[str, dict[str, float]] = {
    "kb": {"mcpr_pct": 0.97, "unmet_need_pct": 0.97, "kehamilan_remaja_per1000": 0.25},
    "kespro": {"mcpr_pct": 0.64, "unmet_need_pct": 0.64, "kehamilan_remaja_per1000": 0.16},
    "kia": {"cakupan_imunisasi_pct": 0.16, "stunting_pct": 0.70},  # under-fives measured, not all of them
    "imunisasi": {"cakupan_imunisasi_pct": 0.50},
    "gizi": {"stunting_pct": 0.72},
}

# Lead partners by category and programme area ("*": any other area; "Kabupaten" becomes "Kota" in a
# kota). International leads follow the agencies' mandates: UNFPA for family planning and reproductive
# health, UNICEF for children, WHO for disease control and health systems.
LEADS: dict[str, dict[str, tuple[str, ...]]] = {
    "pemerintah_lsm": {
        "kb": ("Perwakilan BKKBN Provinsi", "Dinas PPKB Kabupaten", "PKBI Daerah"),
        "kespro": ("Perwakilan BKKBN Provinsi", "Dinas Kesehatan Provinsi", "PKBI Daerah"),
        "gizi": ("Dinas Kesehatan Kabupaten", "Perwakilan BKKBN Provinsi"),
        "*": ("Dinas Kesehatan Provinsi", "Dinas Kesehatan Kabupaten"),
    },
    "publik_swasta": {
        "kb": ("PT Farma Kontrasepsi Nusantara", "Jaringan Bidan Praktik Mandiri Sejahtera"),
        "kespro": ("PT Farma Kontrasepsi Nusantara", "Jaringan Klinik Pratama Mitra"),
        "kia": ("RS Ibu dan Anak Bunda Sejahtera", "Jaringan Klinik Pratama Mitra"),
        "imunisasi": ("PT Vaksin Sehat Nusantara", "Jaringan Klinik Pratama Mitra"),
        "gizi": ("PT Pangan Fortifikasi Nusantara", "Koperasi Pangan Lokal Sejahtera"),
        "penyakit_menular": ("Jaringan Klinik Swasta Peduli TBC", "PT Farma Nusantara"),
        "ptm": ("PT Asuransi Sehat Bersama", "Jaringan Apotek Sehat", "PT Telemedis Nusantara"),
        "kesehatan_jiwa": ("PT Telemedis Nusantara", "Klinik Psikologi Mitra"),
        "promkes": ("PT Telekomunikasi Sehat", "Media Sehat Nusantara"),
    },
    "berbasis_masyarakat": {
        "kb": ("Pokja Kampung KB", "Kelompok KB Kampung"),
        "kespro": ("PIK Remaja", "Karang Taruna"),
        "kia": ("Posyandu Mandiri", "PKK Kecamatan"),
        "imunisasi": ("Posyandu Mandiri", "PKK Kecamatan"),
        "gizi": ("Posyandu Mandiri", "Rumah Desa Sehat", "PKK Kecamatan"),
        "penyakit_menular": ("Kader TBC Komunitas", "Forum Kesehatan Desa"),
        "ptm": ("Posbindu PTM Desa", "Forum Kesehatan Desa"),
        "kesehatan_jiwa": ("Kader Kesehatan Jiwa Desa", "Forum Kesehatan Desa"),
        "promkes": ("Forum Kesehatan Desa", "Desa Siaga Aktif"),
    },
    "internasional": {
        "kb": ("UNFPA",),
        "kespro": ("UNFPA",),
        "kia": ("UNICEF", "WHO", "UNFPA"),
        "imunisasi": ("UNICEF", "WHO"),
        "gizi": ("UNICEF", "WFP"),
        "penyakit_menular": ("WHO",),
        "ptm": ("WHO",),
        "kesehatan_jiwa": ("WHO",),
        "promkes": ("WHO", "UNICEF"),
    },
    "multisektor": {
        "gizi": ("TPPS Kabupaten", "Bappeda Kabupaten"),
        "kb": ("Bappeda Kabupaten", "Forum Multipihak KB"),
        "*": ("Bappeda Kabupaten", "Forum Multipihak Kesehatan"),
    },
    "nirlaba": {
        "kb": ("PKBI", "Yayasan Keluarga Sehat"),
        "kespro": ("PKBI", "Yayasan Remaja Cerdas"),
        "kia": ("Perkumpulan Bidan Peduli", "Yayasan Ibu dan Anak Sehat"),
        "imunisasi": ("Yayasan Anak Sehat", "Perkumpulan Bidan Peduli"),
        "gizi": ("Lembaga Gizi Bangsa", "Yayasan Anak Sehat"),
        "penyakit_menular": ("Yayasan Peduli TBC", "Perkumpulan Pemberantasan TBC Daerah"),
        "ptm": ("Yayasan Jantung Sehat", "Yayasan Peduli Diabetes"),
        "kesehatan_jiwa": ("Yayasan Sahabat Jiwa",),
        "promkes": ("Yayasan Hidup Sehat", "Yayasan Remaja Cerdas"),
    },
}

# Member organisations a partnership of each programme area draws from.
MEMBERS: dict[str, tuple[str, ...]] = {
    "kb": (
        "Perwakilan BKKBN",
        "Dinas PPKB",
        "Puskesmas",
        "PKBI",
        "IBI",
        "Aisyiyah",
        "Fatayat NU",
        "Kampung KB",
        "Bidan praktik mandiri",
        "UNFPA",
    ),
    "kespro": (
        "Perwakilan BKKBN",
        "Puskesmas",
        "PKBI",
        "PIK Remaja",
        "Dinas Pendidikan",
        "Aisyiyah",
        "Fatayat NU",
        "UNFPA",
    ),
    "kia": ("Puskesmas", "IBI", "IDAI", "POGI", "RSUD", "Posyandu", "PKK", "Dinas Kesehatan", "UNICEF"),
    "imunisasi": ("Puskesmas", "Dinas Kesehatan", "IDAI", "Posyandu", "PKK", "Tokoh agama", "UNICEF", "WHO"),
    "gizi": ("Posyandu", "PKK", "Perwakilan BKKBN", "Dinas Kesehatan", "Puskesmas", "Pemerintah desa", "UNICEF"),
    "penyakit_menular": ("Puskesmas", "Dinas Kesehatan", "RSUD", "Kader TBC", "Aisyiyah", "WHO"),
    "ptm": ("Puskesmas", "Posbindu PTM", "Dinas Kesehatan", "BPJS Kesehatan", "PERKENI", "Universitas negeri"),
    "kesehatan_jiwa": ("Puskesmas", "RSJ daerah", "HIMPSI", "Dinas Sosial", "Kader kesehatan jiwa"),
    "promkes": (
        "Puskesmas",
        "Dinas Kesehatan",
        "Dinas Pendidikan",
        "PKK",
        "Tokoh agama",
        "Karang Taruna",
        "Radio komunitas",
    ),
}

PROGRAMMES: dict[str, tuple[str, ...]] = {
    "kb": ("Kampung KB", "KB pascapersalinan", "Peningkatan MKJP"),
    "kespro": ("Kesehatan reproduksi remaja", "Layanan kesehatan reproduksi terpadu"),
    "kia": ("Kesehatan ibu dan bayi baru lahir", "Persalinan aman di fasilitas"),
    "imunisasi": ("Imunisasi dasar lengkap", "Imunisasi kejar"),
    "gizi": ("Percepatan penurunan stunting", "Gizi 1000 HPK"),
    "penyakit_menular": ("Eliminasi TBC", "Penemuan aktif kasus TBC"),
    "ptm": ("Deteksi dini PTM", "Pengendalian hipertensi dan diabetes"),
    "kesehatan_jiwa": ("Kesehatan jiwa berbasis masyarakat",),
    "promkes": ("Gerakan Masyarakat Hidup Sehat", "Desa sehat"),
}

# Funding sources by category: those every such partnership has, then the pool the rest come from.
FUNDS_ALWAYS: dict[str, tuple[str, ...]] = {
    "pemerintah_lsm": ("APBD",),
    "publik_swasta": ("CSR swasta",),
    "berbasis_masyarakat": ("Swadaya masyarakat",),
    "internasional": ("Hibah internasional",),
    "multisektor": ("APBD",),
    "nirlaba": (),
}
FUNDS_POOL: tuple[str, ...] = (
    "APBN",
    "APBD",
    "Dana Desa",
    "DAK",
    "BOK",
    "Hibah internasional",
    "CSR swasta",
    "Swadaya masyarakat",
)
