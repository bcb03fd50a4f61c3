"""Texts of the Metodologi page: every index (definition, formula, unit, direction, source).

Definition and formula texts are filled with the constants in force
(``kemitraan.indices._doc_fields``): literal braces must be doubled.
"""

_WILDER = (
    "Wilder Collaboration Factors Inventory, edisi ke-3 (Mattessich & Johnson, 2018); "
    "Partnership Self-Assessment Tool (PSAT; Center for the Advancement of Collaborative Strategies in Health, 2002); "
    "prinsip kemitraan Kemenkes",
    "Wilder Collaboration Factors Inventory, 3rd ed. (Mattessich & Johnson, 2018); "
    "Partnership Self-Assessment Tool (PSAT; Center for the Advancement of Collaborative Strategies in Health, 2002); "
    "Ministry of Health partnership principles",
)

STRINGS: dict[str, tuple[str, str]] = {
    # reach index
    "metode.indeks_jangkauan.nama": ("Indeks jangkauan", "Reach index"),
    "metode.indeks_jangkauan.definisi": (
        "Seberapa jauh kemitraan menjangkau sasarannya: rata-rata cakupan (dibatasi 100%) dan capaian target "
        "indikator jangkauan.",
        "How far partnerships reach their target population: the mean of coverage (capped at 100%) and target "
        "attainment of the reach indicators.",
    ),
    "metode.indeks_jangkauan.rumus": (
        "100 × rata-rata( min(1, terjangkau ÷ sasaran), rata-rata_i min(1, realisasi_i ÷ target_i) ); "
        "i = indikator jangkauan yang memiliki target > 0; komponen yang datanya tidak ada dilewati.",
        "100 × mean( min(1, reached ÷ target population), mean_i min(1, realised_i ÷ target_i) ); "
        "i = reach indicators with a target > 0; components without data are skipped.",
    ),
    "metode.indeks_jangkauan.satuan": ("indeks 0–100", "index 0–100"),
    "metode.indeks_jangkauan.arah": ("Lebih tinggi lebih baik", "Higher is better"),
    "metode.indeks_jangkauan.sumber": (
        "Indikator jangkauan dari katalog indikator; capaian terhadap target lazim dalam pelaporan rutin BKKBN/Kemenkes.",
        "Reach indicators from the indicator catalog; attainment against target as in BKKBN / MoH routine reporting.",
    ),
    # coverage
    "metode.cakupan.nama": ("Cakupan", "Coverage"),
    "metode.cakupan.definisi": (
        "Orang terjangkau dibanding populasi sasaran, disetahunkan: sasaran dihitung sebagai orang-tahun pada periode "
        "yang melaporkan orang terjangkau, sehingga cakupan sebulan, setriwulan atau beberapa tahun dapat dibandingkan.",
        "People reached relative to the target population, annualised: the target population counts as person-years "
        "over the periods that report people reached, so a month, a quarter or several years compare alike.",
    ),
    "metode.cakupan.rumus": (
        "Σ terjangkau ÷ Σ (sasaran × bulan periode laporan ÷ 12) × 100; penjumlahan atas periode dan kemitraan "
        "yang melaporkan keduanya",
        "Σ reached ÷ Σ (target population × months in the reporting period ÷ 12) × 100; sums over the periods and "
        "partnerships that report both",
    ),
    "metode.cakupan.satuan": ("%", "%"),
    "metode.cakupan.arah": ("Lebih tinggi lebih baik", "Higher is better"),
    "metode.cakupan.sumber": ("Katalog indikator (terjangkau, sasaran)", "Indicator catalog (terjangkau, sasaran)"),
    # hard-to-reach share
    "metode.porsi_rentan.nama": ("Porsi kelompok rentan", "Hard-to-reach share"),
    "metode.porsi_rentan.definisi": (
        "Bagian orang terjangkau yang berasal dari kelompok rentan atau sulit dijangkau.",
        "Share of the people reached who belong to hard-to-reach groups.",
    ),
    "metode.porsi_rentan.rumus": (
        "Σ kelompok_rentan_terjangkau ÷ Σ terjangkau × 100",
        "Σ hard-to-reach people reached ÷ Σ people reached × 100",
    ),
    "metode.porsi_rentan.satuan": ("%", "%"),
    "metode.porsi_rentan.arah": ("Lebih tinggi lebih baik", "Higher is better"),
    "metode.porsi_rentan.sumber": ("Katalog indikator", "Indicator catalog"),
    # sustainability
    "metode.indeks_keberlanjutan.nama": ("Indeks keberlanjutan", "Sustainability index"),
    "metode.indeks_keberlanjutan.definisi": (
        "Peluang kemitraan bertahan setelah dana awal: realisasi dana, porsi dana lokal, keragaman sumber dana "
        "(penuh pada {sources_full} sumber) dan capaian kapasitas (kader dilatih, pertemuan koordinasi).",
        "How likely the partnership is to last beyond its initial funding: funds disbursed, local co-funding share, "
        "diversity of funding sources (full at {sources_full} sources) and capacity attainment (cadres trained, "
        "coordination meetings).",
    ),
    "metode.indeks_keberlanjutan.rumus": (
        "100 × rata-rata( min(1, dana_realisasi ÷ dana_komitmen), porsi_dana_lokal ÷ 100, "
        "min(1, jumlah_sumber_dana ÷ {sources_full}), rata-rata_i min(1, realisasi_i ÷ target_i) ); "
        "bobot sama, komponen tanpa data dilewati.",
        "100 × mean( min(1, funds disbursed ÷ funds committed), local share ÷ 100, "
        "min(1, funding sources ÷ {sources_full}), mean_i min(1, realised_i ÷ target_i) ); "
        "equal weights, components without data skipped.",
    ),
    "metode.indeks_keberlanjutan.satuan": ("indeks 0–100", "index 0–100"),
    "metode.indeks_keberlanjutan.arah": ("Lebih tinggi lebih baik", "Higher is better"),
    "metode.indeks_keberlanjutan.sumber": (
        "Indikator keberlanjutan dari katalog indikator; kerangka keberlanjutan program (pendanaan, kapasitas, "
        "kemitraan).",
        "Sustainability indicators from the indicator catalog; program sustainability framework (funding, "
        "capacity, partnerships).",
    ),
    # impact change
    "metode.perubahan_dampak.nama": ("Perubahan dari baseline", "Change from baseline"),
    "metode.perubahan_dampak.definisi": (
        "Selisih indikator hasil antara periode pertama (baseline) dan periode terakhir tiap kemitraan dalam rentang "
        "terpilih, dirata-rata antar kemitraan (ditimbang dengan sasaran), dan dibaca menurut arah yang lebih baik di "
        "katalog (mis. stunting dan unmet need: turun lebih baik). Hanya kemitraan dengan minimal dua periode yang "
        "dihitung, sehingga pergantian kemitraan yang melapor tidak tampak sebagai perubahan hasil.",
        "The difference of an outcome indicator between each partnership's first (baseline) and latest period in "
        "the selected range, averaged over partnerships (weighted by target population) and read in the direction "
        "the catalog counts as better (e.g. stunting and unmet need: lower is better). Only partnerships with at "
        "least two periods count, so a change in who reports does not pass for a change in outcomes.",
    ),
    "metode.perubahan_dampak.rumus": (
        "baseline = Σ_k w_k × awal_k ÷ Σ_k w_k; terakhir = Σ_k w_k × akhir_k ÷ Σ_k w_k (k = kemitraan); "
        "perubahan = terakhir − baseline; perbaikan = perubahan × arah (arah = +1 jika lebih tinggi lebih baik, "
        "−1 jika lebih rendah lebih baik); membaik jika perbaikan > 0",
        "baseline = Σ_k w_k × first_k ÷ Σ_k w_k; latest = Σ_k w_k × last_k ÷ Σ_k w_k (k = partnership); "
        "change = latest − baseline; improvement = change × direction (+1 when higher is better, −1 when lower is "
        "better); improved when improvement > 0",
    ),
    "metode.perubahan_dampak.satuan": ("satuan indikator (poin persen untuk %)", "the indicator's unit (percentage points for %)"),
    "metode.perubahan_dampak.arah": ("Menurut indikator", "Per indicator"),
    "metode.perubahan_dampak.sumber": (
        "Definisi indikator: SDKI 2017 (Indonesia DHS), SDG 3.7.1, Kemenkes; arah dari katalog indikator.",
        "Indicator definitions: SDKI 2017 (Indonesia DHS), SDG 3.7.1, Ministry of Health; direction from the "
        "indicator catalog.",
    ),
    # impact index
    "metode.indeks_dampak.nama": ("Indeks dampak", "Impact index"),
    "metode.indeks_dampak.definisi": (
        "Persentase indikator hasil yang membaik dari baseline ke periode terakhir.",
        "Share of outcome indicators that improved from baseline to the latest period.",
    ),
    "metode.indeks_dampak.rumus": (
        "100 × (jumlah indikator yang membaik) ÷ (jumlah indikator dengan arah dan minimal dua periode)",
        "100 × (outcome indicators improved) ÷ (outcome indicators with a direction and at least two periods)",
    ),
    "metode.indeks_dampak.satuan": ("%", "%"),
    "metode.indeks_dampak.arah": ("Lebih tinggi lebih baik", "Higher is better"),
    "metode.indeks_dampak.sumber": ("Katalog indikator (dimensi dampak)", "Indicator catalog (impact dimension)"),
    # health score
    "metode.skor_kesehatan.nama": ("Skor kesehatan kemitraan", "Partnership-health score"),
    "metode.skor_kesehatan.definisi": (
        "Untuk tiap prinsip kemitraan (8 butir survei), rata-rata jawaban skala Likert 1–5 semua responden, "
        "diubah ke skala 0–100. Skor dengan kurang dari {min_n} responden diberi peringatan.",
        "For each partnership principle (8 survey items), the mean of all respondents' 1–5 Likert answers, "
        "rescaled to 0–100. Scores from fewer than {min_n} respondents carry a warning.",
    ),
    "metode.skor_kesehatan.rumus": ("skor = (rata-rata − 1) ÷ 4 × 100", "score = (mean − 1) ÷ 4 × 100"),
    "metode.skor_kesehatan.satuan": ("skor 0–100", "score 0–100"),
    "metode.skor_kesehatan.arah": ("Lebih tinggi lebih baik", "Higher is better"),
    "metode.skor_kesehatan.sumber": _WILDER,
    # zones
    "metode.zona_kesehatan.nama": ("Zona kesehatan kemitraan", "Partnership-health zones"),
    "metode.zona_kesehatan.definisi": (
        "Zona dibaca pada skor 0–100 yang sama di setiap halaman: kuat (≥ {strong}), perlu perhatian ({attention} "
        "sampai < {strong}), lemah (< {attention}) — setara batas Wilder pada rata-rata 1–5 ({strong_mean} dan "
        "{attention_mean}). Alternatif zona (PSAT, pada rata-rata 1–5), belum dikonfirmasi dengan teks instrumen: {psat}.",
        "Zones are read on the same 0–100 score on every page: strong (≥ {strong}), needs attention ({attention} to "
        "< {strong}), weak (< {attention}) — Wilder's cut-offs on the 1–5 mean ({strong_mean} and {attention_mean}). "
        "Alternative zones (PSAT, on the 1–5 mean), not confirmed against the instrument's text: {psat}.",
    ),
    "metode.zona_kesehatan.rumus": (
        "skor ≥ {strong} → kuat; {attention} ≤ skor < {strong} → perlu perhatian; skor < {attention} → lemah",
        "score ≥ {strong} → strong; {attention} ≤ score < {strong} → needs attention; score < {attention} → weak",
    ),
    "metode.zona_kesehatan.satuan": ("kategori", "category"),
    "metode.zona_kesehatan.arah": ("Kuat lebih baik", "Strong is better"),
    "metode.zona_kesehatan.sumber": _WILDER,
    # aggregation rules
    "metode.agregasi.nama": ("Aturan agregasi", "Aggregation rules"),
    "metode.agregasi.definisi": (
        "Nilai digabung per kemitraan dalam tiap periode (bulan/triwulan/tahun) lalu antar kemitraan. Data yang "
        "dilaporkan dengan periode lebih kasar daripada pilihan (mis. tahunan saat dipilih bulanan) tetap pada "
        "periodenya sendiri.",
        "Values are combined per partnership within each period (month/quarter/year), then across partnerships. "
        "Data reported at a coarser period than the one chosen (e.g. yearly when monthly is chosen) stay on their "
        "own period.",
    ),
    "metode.agregasi.rumus": (
        "waktu: jumlah = Σ (arus), terakhir = nilai periode terakhir (stok), rata_rata = rata-rata; "
        "wilayah/antar kemitraan: jumlah = Σ, rata_rata = rata-rata tertimbang dengan bobot sasaran kemitraan "
        "(bobot 1 jika sasaran tidak ada)",
        "time: jumlah = Σ (flows), terakhir = value of the last period (stocks), rata_rata = mean; "
        "space / across partnerships: jumlah = Σ, rata_rata = mean weighted by the partnership's target population "
        "(weight 1 where it has none)",
    ),
    "metode.agregasi.satuan": ("—", "—"),
    "metode.agregasi.arah": ("—", "—"),
    "metode.agregasi.sumber": (
        "Aturan arus/stok/rasio: angka rutin BKKBN (peserta KB baru = arus, peserta KB aktif = stok); "
        "rasio dihitung ulang atau ditimbang, tidak dirata-rata begitu saja.",
        "Flow/stock/rate rules: BKKBN routine figures (new acceptors = flow, active users = stock); "
        "rates are recomputed or weighted, never averaged blindly.",
    ),
}
