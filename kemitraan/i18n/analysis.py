"""Strings of the analysis pages (Jangkauan, Keberlanjutan, Dampak, Kesehatan Kemitraan, Peta,
Bandingkan, Jelajah Data, Profil Kemitraan, Metodologi) and their charts."""

STRINGS: dict[str, tuple[str, str]] = {
    # navigation
    "page.jangkauan": ("Jangkauan", "Reach"),
    "page.keberlanjutan": ("Keberlanjutan", "Sustainability"),
    "page.dampak": ("Dampak", "Impact"),
    "page.kesehatan": ("Kesehatan Kemitraan", "Partnership Health"),
    "page.peta": ("Peta", "Map"),
    "page.bandingkan": ("Bandingkan", "Compare"),
    "page.jelajah": ("Jelajah Data", "Explore Data"),
    "page.profil": ("Profil Kemitraan", "Partnership Profile"),
    "page.metodologi": ("Metodologi", "Methodology"),
    # units
    "satuan.orang": ("orang", "people"),
    "satuan.layanan": ("layanan", "services"),
    "satuan.IDR": ("Rp", "IDR"),
    "satuan.%": ("%", "%"),
    "satuan.sumber": ("sumber", "sources"),
    "satuan.pertemuan": ("pertemuan", "meetings"),
    "satuan.mitra": ("mitra", "partners"),
    "satuan.per 1.000": ("per 1.000", "per 1,000"),
    "satuan.kemitraan": ("kemitraan", "partnerships"),
    "satuan.indeks": ("indeks 0–100", "index 0–100"),
    "satuan.skor": ("skor 0–100", "score 0–100"),
    # zones
    "zona.kuat": ("Kuat", "Strong"),
    "zona.perlu_perhatian": ("Perlu perhatian", "Needs attention"),
    "zona.lemah": ("Lemah", "Weak"),
    # shared bits
    "an.reached": ("Terjangkau", "Reached"),
    "an.target": ("Target", "Target"),
    "an.active": ("Masih aktif", "Still active"),
    "an.ended": ("Sudah selesai", "Ended"),
    "an.age": ("usia (tahun)", "age (years)"),
    "an.higher_better": ("naik = lebih baik", "higher = better"),
    "an.lower_better": ("turun = lebih baik", "lower = better"),
    "an.satisfied_share": ("puas/sangat puas", "satisfied/very satisfied"),
    "an.mentions": ("Responden yang menyebut", "Respondents naming it"),
    "an.cumulative": ("Kumulatif", "Cumulative"),
    "an.no_data": ("tidak ada data", "no data"),
    "an.grain": ("Satuan waktu", "Time grain"),
    "an.grain.bulan": ("Bulan", "Month"),
    "an.grain.triwulan": ("Triwulan", "Quarter"),
    "an.grain.tahun": ("Tahun", "Year"),
    "an.group_by": ("Kelompokkan menurut", "Group by"),
    "an.dim.kategori": ("Kategori kemitraan", "Partnership category"),
    "an.dim.bidang": ("Bidang program", "Program area"),
    "an.dim.fokus": ("Fokus", "Focus"),
    "an.dim.provinsi": ("Provinsi", "Province"),
    "an.dim.provinsi_kode": ("Kode provinsi", "Province code"),
    "an.dim.kode_kemitraan": ("Kemitraan", "Partnership"),
    "an.dim.nama_kemitraan": ("Nama kemitraan", "Partnership name"),
    "an.dim.mitra_utama": ("Mitra utama", "Lead partner"),
    "an.dim.tahun": ("Tahun", "Year"),
    "an.dim.periode": ("Triwulan", "Quarter"),
    "an.coarser_note": (
        "{n} kemitraan melapor dengan periode lebih panjang dari {grain_lower} dan tidak tampil pada tampilan ini.",
        "{n} partnerships report over periods longer than a {grain_lower} and are not shown in this view.",
    ),
    "an.click_hint": (
        "Klik sebuah batang atau titik untuk menyaring halaman ini; klik lagi di area kosong untuk membatalkan.",
        "Click a bar or point to filter this page; click an empty area to undo.",
    ),
    "an.click_filter": ("Disaring dari grafik: {nilai}", "Filtered from the chart: {nilai}"),
    "an.click_clear": ("Hapus saringan grafik", "Clear chart filter"),
    "an.open_profile": ("Buka profil kemitraan", "Open partnership profile"),
    "an.profile_link": ("Profil", "Profile"),
    "an.n_respondents": ("{n} responden dari {k} kemitraan", "{n} respondents from {k} partnerships"),
    "an.small_n_warning": (
        "Perhatian: {groups} memiliki kurang dari {min_n} responden; skornya belum dapat diandalkan.",
        "Caution: {groups} have fewer than {min_n} respondents; their scores are not yet reliable.",
    ),
    "an.axis.new_acceptors": ("Peserta KB baru (orang)", "New acceptors (people)"),
    "an.axis.active_users": ("Peserta KB aktif (orang)", "Active users (people)"),
    "an.axis.improvement": ("Perbaikan dari baseline (poin; + = membaik)", "Improvement from baseline (points; + = better)"),
    "an.axis.share_answers": ("Bagian jawaban", "Share of answers"),
    "an.axis.score": ("Skor 0–100", "Score 0–100"),
    "an.axis.respondents": ("Responden", "Respondents"),
    "an.axis.cumulative": ("Kumulatif", "Cumulative"),
    "an.axis.index": ("Indeks / skor 0–100", "Index / score 0–100"),
    # chart titles: question + unit
    "an.chart.reach_index.title": (
        "Kategori mana yang paling menjangkau sasarannya? (indeks jangkauan 0–100)",
        "Which categories reach their target population best? (reach index 0–100)",
    ),
    "an.chart.reach_target.title": (
        "Berapa orang terjangkau dibanding target? (orang)",
        "How many people were reached, against target? (people)",
    ),
    "an.chart.coverage_trend.title": (
        "Apakah cakupan meningkat dari waktu ke waktu? (% sasaran, disetahunkan)",
        "Is coverage rising over time? (% of target population, annualised)",
    ),
    "an.chart.rentan.title": (
        "Berapa bagian orang terjangkau dari kelompok rentan? (% orang terjangkau)",
        "What share of people reached belong to hard-to-reach groups? (% of people reached)",
    ),
    "an.chart.acceptors.title": (
        "Berapa peserta KB baru dan aktif? (orang)",
        "How many new and active family-planning users? (people)",
    ),
    "an.chart.sust_index.title": (
        "Kategori mana yang paling mungkin berlanjut? (indeks keberlanjutan 0–100)",
        "Which categories are most likely to last? (sustainability index 0–100)",
    ),
    "an.chart.funds.title": (
        "Berapa dana dijanjikan dan berapa yang terealisasi? (Rp)",
        "How much funding was committed, and how much disbursed? (IDR)",
    ),
    "an.chart.local.title": (
        "Berapa porsi dana dari sumber lokal? (% dana)",
        "How much of the funding is local? (% of funds)",
    ),
    "an.chart.sources.title": (
        "Berapa banyak sumber dana per kemitraan? (sumber, rata-rata)",
        "How many funding sources does a partnership have? (sources, mean)",
    ),
    "an.chart.cadres.title": ("Berapa kader dilatih? (orang)", "How many cadres were trained? (people)"),
    "an.chart.meetings.title": (
        "Berapa pertemuan koordinasi terlaksana? (pertemuan)",
        "How many coordination meetings were held? (meetings)",
    ),
    "an.chart.status.title": (
        "Berapa kemitraan masih aktif? (kemitraan)",
        "How many partnerships are still active? (partnerships)",
    ),
    "an.chart.age.title": (
        "Berapa lama kemitraan sudah berjalan? (tahun, rata-rata)",
        "How long have partnerships been running? (years, mean)",
    ),
    "an.chart.funds_trend.title": (
        "Apakah realisasi dana mengikuti komitmen dari waktu ke waktu? (Rp)",
        "Does disbursement keep up with commitments over time? (IDR)",
    ),
    "an.chart.impact_index.title": (
        "Kategori mana yang paling banyak memperbaiki indikator hasil? (% indikator membaik)",
        "Which categories improved most outcome indicators? (% of indicators improved)",
    ),
    "an.chart.impact_change.title": (
        "Seberapa besar indikator hasil berubah sejak baseline? (poin; positif = membaik)",
        "How much did outcome indicators change since baseline? (points; positive = better)",
    ),
    "an.chart.outcome_trend.title": (
        "Bagaimana tren {indikator}? ({satuan}; {arah})",
        "How is {indikator} trending? ({satuan}; {arah})",
    ),
    "an.chart.radar.title": (
        "Seberapa sehat kemitraan pada delapan prinsip? (skor 0–100)",
        "How healthy are partnerships on the eight principles? (score 0–100)",
    ),
    "an.chart.likert.title": (
        "Bagaimana responden menjawab tiap prinsip? (% jawaban)",
        "How did respondents answer each principle? (% of answers)",
    ),
    "an.chart.satisfaction.title": (
        "Seberapa puas para mitra dengan kemitraannya? (skor 0–100)",
        "How satisfied are partners with their partnership? (score 0–100)",
    ),
    "an.chart.pareto.title": (
        "Tantangan apa yang paling sering disebut? (responden; garis = % kumulatif)",
        "Which challenges are named most often? (respondents; line = cumulative %)",
    ),
    "an.chart.map.title": (
        "Di provinsi mana {indikator} terbesar? ({satuan})",
        "Where is {indikator} largest? ({satuan})",
    ),
    "an.chart.compare.title": (
        "Bagaimana perbandingan indeks jangkauan, keberlanjutan, dampak dan kesehatan? (0–100)",
        "How do reach, sustainability, impact and health compare? (0–100)",
    ),
    "an.chart.pivot.title": ("{indikator} menurut dua dimensi ({satuan})", "{indikator} by two dimensions ({satuan})"),
    "an.chart.profile_indicator.title": (
        "{indikator}: realisasi dibanding target ({satuan})",
        "{indikator}: actual against target ({satuan})",
    ),
    "an.chart.health_bars.title": (
        "Skor kesehatan kemitraan per prinsip (skor 0–100)",
        "Partnership-health score per principle (score 0–100)",
    ),
}
